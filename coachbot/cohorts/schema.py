"""Tables of the HR dashboard's own: admin accounts, their sessions, login attempts.

A separate migration set, so the shared schema in ``coachbot/store.py`` stays as agreed.
None of these tables holds an executive's data (no ``executive_id``), so export and
forget rightly pass them by.
"""

from __future__ import annotations

import weakref

import sqlite_utils
from sqlite_utils import Migrations

from coachbot.store import Store

migrations = Migrations("coachbot.cohorts")
_READY: weakref.WeakSet[Store] = weakref.WeakSet()  # store handles this set was applied to


@migrations()
def m001_hr_accounts(db: sqlite_utils.Database) -> None:
    db.table("admin_accounts").create(
        {"id": int, "tenant": str, "email": str, "password_hash": str, "created_at": str},
        pk="id",
        not_null={"tenant", "email", "password_hash"},
    )
    # One account per email address: the login form asks for nothing else.
    db.table("admin_accounts").create_index(["email"], unique=True)
    db.table("admin_sessions").create(
        {"id": int, "token_hash": str, "admin_id": int, "csrf": str, "created_at": str, "expires_at": str},
        pk="id",
        not_null={"token_hash", "admin_id", "csrf", "expires_at"},
        foreign_keys=[("admin_id", "admin_accounts", "id")],
    )
    db.table("admin_sessions").create_index(["token_hash"], unique=True)
    db.table("login_attempts").create(
        {"id": int, "email": str, "ip": str, "ok": int, "at": str},
        pk="id",
    )
    db.table("login_attempts").create_index(["email", "at"])
    db.table("login_attempts").create_index(["ip", "at"])


def ensure(store: Store) -> Store:
    """Apply this set's pending migrations once per store handle; returns the store."""
    if store not in _READY:
        store.migrate(migrations)
        _READY.add(store)
    return store
