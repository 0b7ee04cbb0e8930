"""Tables of the HR dashboard's own: admin accounts, their sessions, login attempts.

A separate migration set, so the shared schema in ``coachbot/store.py`` stays as agreed.
None of these tables holds an executive's data (no ``executive_id``), so export and
forget rightly pass them by.
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils import Migrations

from coachbot.store import Store

migrations = Migrations("coachbot.cohorts")


@migrations()
def m001_hr_accounts(db: sqlite_utils.Database) -> None:
    db["admin_accounts"].create(
        {"id": int, "tenant": str, "email": str, "password_hash": str, "created_at": str},
        pk="id",
        not_null={"tenant", "email", "password_hash"},
    )
    # One account per email address: the login form asks for nothing else.
    db["admin_accounts"].create_index(["email"], unique=True)
    db["admin_sessions"].create(
        {"id": int, "token_hash": str, "admin_id": int, "csrf": str, "created_at": str, "expires_at": str},
        pk="id",
        not_null={"token_hash", "admin_id", "csrf", "expires_at"},
        foreign_keys=[("admin_id", "admin_accounts", "id")],
    )
    db["admin_sessions"].create_index(["token_hash"], unique=True)
    db["login_attempts"].create(
        {"id": int, "email": str, "ip": str, "ok": int, "at": str},
        pk="id",
    )
    db["login_attempts"].create_index(["email", "at"])
    db["login_attempts"].create_index(["ip", "at"])


def ensure(store: Store) -> Store:
    """Apply this set's pending migrations once per store handle; returns the store."""
    if not getattr(store, "_hr_schema_ready", False):
        store.migrate(migrations)
        store._hr_schema_ready = True  # type: ignore[attr-defined]
    return store
