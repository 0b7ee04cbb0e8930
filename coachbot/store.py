"""SQLite storage through sqlite-utils.

One database file holds everything. Each thread gets its own connection (WAL lets
readers run beside one writer); every multi-statement write goes through
:func:`Store.write`, which takes the write lock up front with ``BEGIN IMMEDIATE`` so a
second process waits on the busy timeout instead of failing with "database is locked".

Every table that holds an executive's data carries ``tenant`` and ``executive_id``
columns: export and forget find those tables by looking, so a table added later by an
adapter is covered without a list to keep in step.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import platformdirs
import sqlite_utils
from sqlite_utils import Migrations

BUSY_TIMEOUT_MS = 10_000
# The database holds private conversations: only its owner may read it (SQLite gives the
# -wal and -shm files the database file's own mode).
FILE_MODE = 0o600
FOLDER_MODE = 0o700

migrations = Migrations("coachbot")


def default_db_path() -> Path:
    """``$COACHBOT_DB`` if set, else ``coachbot.db`` in the user's data directory."""
    env = os.environ.get("COACHBOT_DB")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("coachbot", appauthor=False)) / "coachbot.db"


class Store:
    """A handle on the coachbot database, safe to share between threads."""

    def __init__(self, path: str | Path | None = None, *, extra_migrations: tuple[Migrations, ...] = ()):
        self.path = Path(path) if path is not None else default_db_path()
        if str(self.path) != ":memory:":
            _create_private(self.path)
        self._local = threading.local()
        self.migrate(migrations, *extra_migrations)

    @property
    def db(self) -> sqlite_utils.Database:
        """This thread's connection."""
        db = getattr(self._local, "db", None)
        if db is None:
            conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000)
            db = sqlite_utils.Database(conn, execute_plugins=False)
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if db.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.enable_wal()
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA synchronous = NORMAL")
            # Deleted rows are overwritten with zeros, whatever the SQLite build's default.
            db.execute("PRAGMA secure_delete = ON")
            self._local.db = db
        return db

    @contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        """A write transaction that holds the write lock from its first statement.

        Nested use joins the outer transaction.
        """
        db = self.db
        if db.conn.in_transaction:
            yield db
            return
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise
        else:
            db.conn.execute("COMMIT")

    def migrate(self, *sets: Migrations) -> None:
        """Apply pending migrations, serialised across processes by the write lock.

        Every foreign key a migration adds gets an index on its column, so deleting a
        parent row (``forget``) never scans a child table while holding the write lock.
        """
        for migration_set in sets:
            if not migration_set.pending(self.db):
                continue
            with self.write() as db:
                migration_set.apply(db)
                index_foreign_keys(db)

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the database and empty it.

        After a delete, so the old pages (with the deleted text) do not linger in the log.
        """
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def executive_tables(self) -> list[str]:
        """Tables holding an executive's data: those with tenant and executive_id columns."""
        found = []
        for table in self.db.tables:
            columns = set(table.columns_dict)
            if {"tenant", "executive_id"} <= columns:
                found.append(table.name)
        return sorted(found)

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None


def _create_private(path: Path) -> None:
    """Create the database's folder (0700) and file (0600) if missing; tighten an existing file."""
    folder = path.parent
    if not folder.exists():
        folder.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    # An existing file of ours (and its log files) that others can read is made private; a
    # file someone else owns is left as it is (and may still be opened to read).
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            info = file.stat()
            if info.st_uid == os.getuid() and info.st_mode & 0o077 and not file.is_dir():
                file.chmod(FILE_MODE)
        except OSError:
            continue


def index_foreign_keys(db: sqlite_utils.Database) -> list[str]:
    """Add an index on every foreign-key column that no index starts with; returns their names."""
    created = []
    for table in db.tables:
        leading = {index.columns[0] for index in table.indexes if index.columns}
        for fk in table.foreign_keys:
            if fk.column in leading:
                continue
            name = f"idx_{table.name}_{fk.column}"
            db.execute(f"CREATE INDEX IF NOT EXISTS [{name}] ON [{table.name}] ([{fk.column}])")
            leading.add(fk.column)
            created.append(name)
    return created


@migrations()
def m001_core(db: sqlite_utils.Database) -> None:
    db.table("executives").create(
        {
            "id": int,
            "tenant": str,
            "platform": str,
            "user_id": str,
            "name": str,
            "email": str,
            "timezone": str,
            "checkin_weekday": int,  # 0 = Monday
            "checkin_time": str,  # HH:MM, executive's local time
            "paused": int,
            "stage": str,
            "created_at": str,
            "last_seen_at": str,
        },
        pk="id",
        not_null={"tenant", "user_id"},
        defaults={"checkin_weekday": 0, "checkin_time": "09:00", "paused": 0,
                  "stage": "precontemplation", "platform": "cli"},
    )
    db.table("executives").create_index(["tenant", "user_id"], unique=True)

    db.table("sessions").create(
        {
            "id": int,
            "tenant": str,
            "executive_id": int,
            "number": int,
            "started_at": str,
            "last_activity_at": str,
            "ended_at": str,
            "end_reason": str,
            "summary": str,
            "commitment": str,
            "state": str,  # JSON: the dialogue policy's working memory
        },
        pk="id",
        not_null={"tenant", "executive_id", "number"},
        foreign_keys=[("executive_id", "executives", "id")],
    )
    db.table("sessions").create_index(["tenant", "executive_id", "number"], unique=True)

    db.table("messages").create(
        {
            "id": int,
            "tenant": str,
            "executive_id": int,
            "session_id": int,
            "role": str,  # executive | coach
            "kind": str,
            "text": str,
            "at": str,
        },
        pk="id",
        not_null={"tenant", "executive_id", "role"},
        foreign_keys=[("executive_id", "executives", "id"), ("session_id", "sessions", "id")],
    )
    db.table("messages").create_index(["tenant", "executive_id", "session_id"])

    db.table("observations").create(
        {
            "id": int,
            "tenant": str,
            "executive_id": int,
            "session_id": int,
            "session_number": int,
            "message_id": int,
            "dimension": str,
            "stance": str,
            "confidence": float,
            "evidence": str,
            "reported": int,
            "source": str,  # detector | checkin | llm
            "at": str,
        },
        pk="id",
        not_null={"tenant", "executive_id", "dimension", "stance"},
        foreign_keys=[("executive_id", "executives", "id"), ("session_id", "sessions", "id")],
    )
    db.table("observations").create_index(["tenant", "executive_id", "dimension"])

    db.table("experiments").create(
        {
            "id": int,
            "tenant": str,
            "executive_id": int,
            "session_id": int,
            "nudge_id": str,
            "text": str,
            "commitment": str,
            "status": str,  # proposed | done | partly | not_done | skipped
            "proposed_at": str,
            "outcome": str,
            "reported_at": str,
        },
        pk="id",
        not_null={"tenant", "executive_id", "status"},
        foreign_keys=[("executive_id", "executives", "id"), ("session_id", "sessions", "id")],
    )
    db.table("experiments").create_index(["tenant", "executive_id"])

    db.table("checkin_answers").create(
        {
            "id": int,
            "tenant": str,
            "executive_id": int,
            "week": str,  # ISO week of the executive's local calendar, e.g. 2026-W48
            "item": str,  # importance | confidence | belief:<dimension> | experiment | snooze | skip | talk
            "value": str,
            "at": str,
        },
        pk="id",
        not_null={"tenant", "executive_id", "week", "item"},
        foreign_keys=[("executive_id", "executives", "id")],
    )
    db.table("checkin_answers").create_index(["tenant", "executive_id", "week"])


@migrations()
def m002_welcomed_at(db: sqlite_utils.Database) -> None:
    # When the executive was first introduced to the coach, so the welcome is said once
    # even when a platform greets them on install before any conversation starts.
    db.table("executives").add_column("welcomed_at", str)


@migrations()
def m003_cohorts_checkins_safety(db: sqlite_utils.Database) -> None:
    # Shared by the check-in scheduler, the HR dashboard and the dialogue: one schema
    # agreed up front so each can be built against it.
    db.table("cohorts").create(
        {
            "id": int,
            "tenant": str,
            "name": str,
            "start_date": str,  # YYYY-MM-DD
            "checkin_weekday": int,  # 0 = Monday; the members' default
            "checkin_time": str,  # HH:MM local; the members' default
            "programme": str,  # JSON: [{"week": 1, "theme": str, "questions": [question ids]}]
            "created_at": str,
        },
        pk="id",
        not_null={"tenant", "name"},
        defaults={"checkin_weekday": 0, "checkin_time": "09:00"},
    )
    db.table("cohorts").create_index(["tenant", "name"], unique=True)

    db.table("cohort_members").create(
        {
            "id": int,
            "tenant": str,
            "cohort_id": int,
            "executive_id": int,
            "status": str,  # invited | stopped (started / active / quiet are derived)
            "enrolled_at": str,
        },
        pk="id",
        not_null={"tenant", "cohort_id", "executive_id"},
        foreign_keys=[("cohort_id", "cohorts", "id"), ("executive_id", "executives", "id")],
    )
    db.table("cohort_members").create_index(["tenant", "cohort_id", "executive_id"], unique=True)
    db.table("cohort_members").create_index(["executive_id"])

    # The check-in outbox: one row per executive per local ISO week, claimed before the
    # platform is called, so a check-in is sent once whatever restarts or retries happen.
    db.table("checkin_deliveries").create(
        {
            "id": int,
            "tenant": str,
            "executive_id": int,
            "week": str,  # ISO week of the executive's local calendar, e.g. 2026-W48
            "due_at": str,  # UTC ISO instant
            "status": str,  # claimed | sent | answered | skipped | snoozed | failed | undeliverable
            "claimed_by": str,
            "claimed_at": str,
            "sent_at": str,
            "platform_message_id": str,
            "answered_at": str,
            "reminder_sent_at": str,
            "snoozed_until": str,
            "attempts": int,
            "error": str,
        },
        pk="id",
        not_null={"tenant", "executive_id", "week", "status"},
        defaults={"attempts": 0},
        foreign_keys=[("executive_id", "executives", "id")],
    )
    db.table("checkin_deliveries").create_index(["tenant", "executive_id", "week"], unique=True)
    db.table("checkin_deliveries").create_index(["status", "due_at"])

    # A content-free marker that a safety reply was given: the category and when, so the
    # coach stands down. Never text; never shown to HR.
    db.table("safety_markers").create(
        {"id": int, "tenant": str, "executive_id": int, "session_id": int, "category": str, "at": str},
        pk="id",
        not_null={"tenant", "executive_id", "category"},
        foreign_keys=[("executive_id", "executives", "id")],
    )
    db.table("safety_markers").create_index(["tenant", "executive_id"])


@migrations()
def m004_foreign_key_indexes(db: sqlite_utils.Database) -> None:
    # Without them every delete of a session or an executive scanned each child table
    # for referencing rows while holding the write lock (seconds at 10,000 executives).
    index_foreign_keys(db)


@migrations()
def m005_executive_identity_platform(db: sqlite_utils.Database) -> None:
    # An executive is (tenant, platform, user): a Teams tenant id and a Slack team id
    # that happen to be equal must never make two people one.
    db.execute("DROP INDEX IF EXISTS idx_executives_tenant_user_id")
    db.table("executives").create_index(["tenant", "platform", "user_id"], unique=True, if_not_exists=True)


@migrations()
def m006_message_codes(db: sqlite_utils.Database) -> None:
    # What each coach message does (MITI-style codes) and which phraser wrote it, so a
    # transcript can be scored and an LLM's share of the conversation counted.
    db.table("messages").add_column("codes", str)
    db.table("messages").add_column("path", str)
