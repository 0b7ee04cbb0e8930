"""HR dashboard accounts: memory-hard hashes, throttled logins, sessions that end."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hr_rig import NOW

from coachbot.cohorts import accounts

PASSWORD = "a long enough passphrase"


def test_passwords_are_stored_as_argon2id_hashes_never_as_given(store):
    accounts.create_admin(store, "T-ACME", "HR@Example.com", PASSWORD, NOW)
    (stored,) = store.db.execute("select password_hash from admin_accounts where email = 'hr@example.com'").fetchone()
    assert stored.startswith("$argon2id$") and "m=65536" in stored
    assert PASSWORD not in stored


@pytest.mark.parametrize("email, password, message", [
    ("hr@example.com", "short", "at least 12"),
    ("not-an-email", PASSWORD, "not an email"),
])
def test_weak_passwords_and_bad_addresses_are_refused(store, email, password, message):
    with pytest.raises(accounts.AccountError, match=message):
        accounts.create_admin(store, "T-ACME", email, password, NOW)


def test_one_account_per_email(store):
    accounts.create_admin(store, "T-ACME", "hr@example.com", PASSWORD, NOW)
    with pytest.raises(accounts.AccountError, match="already exists"):
        accounts.create_admin(store, "T-OTHER", "hr@example.com", PASSWORD, NOW)


def test_login_opens_a_session_that_only_its_token_opens_and_logout_closes(store):
    accounts.create_admin(store, "T-ACME", "hr@example.com", PASSWORD, NOW)
    assert accounts.login(store, "hr@example.com", "wrong password!", "10.0.0.1", NOW).session_token is None
    assert accounts.login(store, "nobody@example.com", PASSWORD, "10.0.0.1", NOW).session_token is None
    token = accounts.login(store, " HR@example.com ", PASSWORD, "10.0.0.1", NOW).session_token
    assert token
    live = accounts.session(store, token, NOW + timedelta(hours=1))
    assert live and live.admin.tenant == "T-ACME" and live.csrf
    # The database holds a digest of the token, not the token.
    assert not store.db.execute("select 1 from admin_sessions where token_hash = ?", [token]).fetchone()
    assert accounts.session(store, token + "x", NOW) is None
    assert accounts.session(store, token, NOW + timedelta(hours=accounts.SESSION_HOURS, minutes=1)) is None
    accounts.logout(store, token)
    assert accounts.session(store, token, NOW) is None


def test_five_failures_lock_an_address_out_even_with_the_right_password_until_the_window_passes(store):
    accounts.create_admin(store, "T-ACME", "hr@example.com", PASSWORD, NOW)
    for i in range(accounts.MAX_FAILURES_PER_EMAIL):
        result = accounts.login(store, "hr@example.com", f"guess number {i}", f"10.0.0.{i}", NOW)
        assert not result.throttled
    locked = accounts.login(store, "hr@example.com", PASSWORD, "10.9.9.9", NOW + timedelta(minutes=1))
    assert locked.throttled and locked.session_token is None
    later = accounts.login(store, "hr@example.com", PASSWORD, "10.9.9.9", NOW + timedelta(minutes=17))
    assert later.session_token


def test_one_client_guessing_many_addresses_is_locked_out(store):
    accounts.create_admin(store, "T-ACME", "hr@example.com", PASSWORD, NOW)
    for i in range(accounts.MAX_FAILURES_PER_IP):
        accounts.login(store, f"guess{i}@example.com", "nope nope nope", "10.0.0.66", NOW)
    assert accounts.login(store, "hr@example.com", PASSWORD, "10.0.0.66", NOW).throttled
    assert accounts.login(store, "hr@example.com", PASSWORD, "10.0.0.67", NOW).session_token
