"""The database on disk: private file modes, deleted words gone from the file, indexed foreign keys."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlite_utils
from sqlite_utils import Migrations

from coachbot.config import Config
from coachbot.engine import Coach
from coachbot.models import Who
from coachbot.server import build_app
from coachbot.store import Store

MONDAY = datetime(2026, 11, 23, 9, tzinfo=UTC)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    """The usual umask (022), under which files default to world-readable."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_the_database_its_log_files_and_its_new_folder_are_private_to_their_owner(tmp_path, open_umask):
    path = tmp_path / "data" / "coachbot.db"
    store = Store(path)
    coach = Coach(store)
    coach.reply(Who("T1", "U1"), "We make pumps that last forty years.", MONDAY)
    assert mode(path.parent) == 0o700
    for name in ("coachbot.db", "coachbot.db-wal", "coachbot.db-shm"):
        assert (path.parent / name).exists(), name
        assert mode(path.parent / name) == 0o600, name
    store.close()


def test_an_existing_world_readable_database_is_made_private_when_opened(tmp_path, open_umask):
    path = tmp_path / "coachbot.db"
    Store(path).close()
    path.chmod(0o644)
    Store(path).close()
    assert mode(path) == 0o600


def test_an_export_file_is_private_to_its_owner(tmp_path, open_umask):
    db = tmp_path / "coachbot.db"
    Coach(Store(db)).reply(Who("local", "ana", "cli"), "We make pumps.", MONDAY)
    out = tmp_path / "export.json"
    env = {**os.environ, "COACHBOT_DB": str(db)}
    result = subprocess.run([sys.executable, "-m", "coachbot", "export", "--user", "ana", "-o", str(out)],
                            capture_output=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert mode(out) == 0o600


def test_after_forget_the_deleted_words_are_nowhere_in_the_files(tmp_path):
    path = tmp_path / "coachbot.db"
    store = Store(path)
    coach = Coach(store)
    secret = "Quetzalcoatl-pump-margins-are-falling"
    coach.reply(Who("T1", "U1"), f"Our distributors own the customer, and the {secret} numbers show it.", MONDAY)
    coach.reply(Who("T1", "U2"), "Someone else keeps talking.", MONDAY)
    store.checkpoint()  # the words are now in the main file, as after any quiet period
    assert secret.encode() in path.read_bytes()

    assert coach.forget(Who("T1", "U1")) > 0
    for name in ("coachbot.db", "coachbot.db-wal"):
        file = tmp_path / name
        if file.exists():
            assert secret.encode() not in file.read_bytes(), name
    store.close()


def test_every_connection_overwrites_deleted_rows(store):
    assert store.db.execute("PRAGMA secure_delete").fetchone()[0] == 1


# --- foreign keys ---------------------------------------------------------------------------
def unindexed_foreign_keys(db: sqlite_utils.Database) -> list[str]:
    missing = []
    for table in db.tables:
        leading = {index.columns[0] for index in table.indexes if index.columns}
        missing += [f"{table.name}.{fk.column}" for fk in table.foreign_keys if fk.column not in leading]
    return missing


def test_every_foreign_key_of_every_table_has_an_index(tmp_path):
    # The whole server, so every adapter's tables are there too.
    config = Config(db_path=tmp_path / "coachbot.db", slack_signing_secret="s", slack_bot_token="xoxb-1",
                    teams_dev=True)
    store = Store(config.db_path)
    build_app(config, Coach(store))
    assert store.db["messages"].foreign_keys  # there are foreign keys to check
    assert unindexed_foreign_keys(store.db) == []


def test_a_table_added_later_gets_its_foreign_keys_indexed(store):
    later = Migrations("tests.later")

    @later()
    def m001(db: sqlite_utils.Database) -> None:
        db["notes"].create({"id": int, "tenant": str, "executive_id": int, "text": str}, pk="id",
                           foreign_keys=[("executive_id", "executives", "id")])

    store.migrate(later)
    assert unindexed_foreign_keys(store.db) == []
