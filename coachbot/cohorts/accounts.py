"""HR dashboard accounts: argon2id password hashes, login throttling and sessions.

Passwords are hashed with argon2id (``argon2-cffi``'s defaults, RFC 9106's low-memory
profile: 64 MiB, 3 passes). Session tokens are random and only their SHA-256 is stored,
so a copy of the database does not let anyone log in. Every failed login is recorded;
too many for one address or from one client address in a window locks further tries
out for the rest of it, whatever the password.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from coachbot.cohorts import schema
from coachbot.store import Store

MIN_PASSWORD_CHARS = 12
MAX_PASSWORD_CHARS = 1024
SESSION_HOURS = 8
THROTTLE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_EMAIL = 5
MAX_FAILURES_PER_IP = 20

_hasher = PasswordHasher()
# A hash of nothing anyone knows: verified against when the email is unknown, so a
# wrong address costs the same time as a wrong password and reveals nothing.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class AccountError(ValueError):
    """A readable reason an account could not be created."""


@dataclass(frozen=True)
class Admin:
    """An HR dashboard user; they see the cohorts of their own tenant only."""

    id: int
    tenant: str
    email: str


@dataclass(frozen=True)
class DashboardSession:
    """A logged-in browser: who it is and the CSRF token its forms must carry."""

    admin: Admin
    csrf: str
    expires_at: str


@dataclass(frozen=True)
class LoginResult:
    session_token: str | None  # the cookie value, when the login succeeded
    throttled: bool = False


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def valid_email(email: str) -> bool:
    return bool(_EMAIL.match(email)) and len(email) <= 320


def _admin(row: dict) -> Admin:
    return Admin(id=row["id"], tenant=row["tenant"], email=row["email"])


def create_admin(store: Store, tenant: str, email: str, password: str, now: datetime) -> Admin:
    """A new account; raises AccountError for a bad address, a weak password or a duplicate."""
    schema.ensure(store)
    email = normalise_email(email)
    tenant = (tenant or "").strip()
    if not tenant:
        raise AccountError("the tenant must not be empty")
    if not valid_email(email):
        raise AccountError(f"{email!r} is not an email address")
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountError(f"the password must be at least {MIN_PASSWORD_CHARS} characters")
    if len(password) > MAX_PASSWORD_CHARS:
        raise AccountError(f"the password must be at most {MAX_PASSWORD_CHARS} characters")
    password_hash = _hasher.hash(password)
    with store.write() as db:
        if db.execute("select 1 from admin_accounts where email = ?", [email]).fetchone():
            raise AccountError(f"an account for {email} already exists")
        db.table("admin_accounts").insert(
            {"tenant": tenant, "email": email, "password_hash": password_hash, "created_at": now.isoformat()}
        )
        row = next(db["admin_accounts"].rows_where("email = ?", [email]))
    return _admin(row)


def _failures(store: Store, column: str, value: str, now: datetime) -> int:
    since = (now - THROTTLE_WINDOW).isoformat()
    return store.db.execute(
        f"select count(*) from login_attempts where {column} = ? and ok = 0 and at > ?", [value, since]
    ).fetchone()[0]


def login(store: Store, email: str, password: str, ip: str, now: datetime) -> LoginResult:
    """Check a password and open a session; throttled addresses are refused unchecked."""
    schema.ensure(store)
    email = normalise_email(email)[:320]
    ip = (ip or "")[:64]
    if (_failures(store, "email", email, now) >= MAX_FAILURES_PER_EMAIL
            or _failures(store, "ip", ip, now) >= MAX_FAILURES_PER_IP):
        with store.write() as db:
            db.table("login_attempts").insert({"email": email, "ip": ip, "ok": 0, "at": now.isoformat()})
        return LoginResult(None, throttled=True)
    rows = list(store.db["admin_accounts"].rows_where("email = ?", [email]))
    ok = False
    try:
        ok = _hasher.verify(rows[0]["password_hash"] if rows else _DUMMY_HASH, password[:MAX_PASSWORD_CHARS])
    except (VerificationError, InvalidHashError):
        ok = False
    ok = ok and bool(rows)
    token = secrets.token_urlsafe(32) if ok else None
    with store.write() as db:
        db.table("login_attempts").insert({"email": email, "ip": ip, "ok": int(ok), "at": now.isoformat()})
        if ok and token:
            db.table("admin_sessions").insert(
                {
                    "token_hash": _digest(token),
                    "admin_id": rows[0]["id"],
                    "csrf": secrets.token_urlsafe(32),
                    "created_at": now.isoformat(),
                    "expires_at": (now + timedelta(hours=SESSION_HOURS)).isoformat(),
                }
            )
    return LoginResult(token)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def session(store: Store, token: str | None, now: datetime) -> DashboardSession | None:
    """The live session behind a cookie value, or None (unknown, expired or logged out)."""
    if not token or len(token) > 200:
        return None
    schema.ensure(store)
    row = store.db.execute(
        "select s.csrf, s.expires_at, a.id, a.tenant, a.email from admin_sessions s "
        "join admin_accounts a on a.id = s.admin_id where s.token_hash = ?",
        [_digest(token)],
    ).fetchone()
    if row is None or row[1] <= now.isoformat():
        return None
    return DashboardSession(admin=Admin(id=row[2], tenant=row[3], email=row[4]), csrf=row[0], expires_at=row[1])


def logout(store: Store, token: str | None) -> None:
    """End the session behind a cookie value (nothing happens for an unknown one)."""
    if not token:
        return
    schema.ensure(store)
    with store.write() as db:
        db.execute("delete from admin_sessions where token_hash = ?", [_digest(token)])
