"""The command line when something is missing or damaged: one clear line and an exit code to rely on."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

import coachbot
from coachbot.engine import Coach
from coachbot.models import Who
from coachbot.store import Store

MONDAY = datetime(2026, 11, 23, 9, tzinfo=UTC)
NOT_FOUND = 3


def coachbot_cli(*args: str, db: Path, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COACHBOT_DB": str(db)}
    return subprocess.run([sys.executable, "-m", "coachbot", *args], input=stdin.encode(),
                          capture_output=True, env=env, timeout=60)


def one_line(result: subprocess.CompletedProcess) -> str:
    err = result.stderr.decode()
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    return err


@pytest.fixture
def db_with_ana(db_path: Path) -> Path:
    store = Store(db_path)
    Coach(store).reply(Who("local", "ana", "cli"), "We make pumps that last forty years.", MONDAY)
    store.close()
    return db_path


@pytest.mark.parametrize("command", [["journey", "--json"], ["journey"], ["export"], ["forget", "--yes"]])
def test_an_unknown_executive_is_the_same_clear_error_for_every_read_command(db_with_ana, command):
    result = coachbot_cli(command[0], "--user", "nobody", *command[1:], db=db_with_ana)
    assert result.returncode == NOT_FOUND
    assert "no executive 'nobody'" in one_line(result)
    assert result.stdout == b""


@pytest.mark.parametrize("command", [["journey", "--json"], ["export"], ["forget", "--yes"]])
def test_a_mistyped_db_is_an_error_and_creates_no_database(tmp_path, db_with_ana, command):
    typo = tmp_path / "coachbto.db"
    result = coachbot_cli(command[0], "--user", "ana", *command[1:], "--db", str(typo), db=db_with_ana)
    assert result.returncode == NOT_FOUND
    assert str(typo) in one_line(result)
    assert not typo.exists()


def test_a_known_executive_still_gets_their_journey(db_with_ana):
    result = coachbot_cli("journey", "--user", "ana", "--json", db=db_with_ana)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["user"] == "ana"


def test_version_prints_the_package_version(db_path):
    result = coachbot_cli("--version", db=db_path)
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"coachbot {coachbot.__version__}"


def test_the_help_names_no_file_that_is_not_in_the_repository(db_path):
    result = coachbot_cli("--help", db=db_path)
    assert result.returncode == 0
    repository = Path(__file__).resolve().parents[1]
    for word in result.stdout.decode().replace("(", " ").replace(")", " ").split():
        if word.endswith((".md", ".py", ".json", ".yaml", ".toml")):
            assert (repository / word).exists(), word


# --- a damaged database ---------------------------------------------------------------------
MARKER = "Zanzibar-valve-anecdote"


def damage_the_page_holding(path: Path, table: str, marker: str) -> None:
    """Overwrite the page of ``table`` that holds ``marker`` with garbage, as a disk fault would."""
    conn = sqlite3.connect(path)
    pages = [r[0] for r in conn.execute("select pageno from dbstat where name = ? and pagetype = 'leaf'", [table])]
    page_size = conn.execute("pragma page_size").fetchone()[0]
    conn.close()
    data = path.read_bytes()
    page = next(p for p in pages if marker.encode() in data[(p - 1) * page_size:p * page_size])
    with path.open("r+b") as file:
        file.seek((page - 1) * page_size)
        file.write(b"\xa5" * page_size)


@pytest.fixture
def damaged_db(db_path: Path) -> Path:
    store = Store(db_path)
    coach = Coach(store)
    ana = Who("local", "ana", "cli")
    for n in range(60):
        text = f"{MARKER} number {n}" if n == 30 else f"Message {n} about pumps, distributors and trust. " * 3
        coach.reply(ana, text, MONDAY)
    store.close()  # the last connection checkpoints the log into the file
    damage_the_page_holding(db_path, "messages", MARKER)
    return db_path


def test_a_damaged_database_gives_a_clear_message_naming_the_file(damaged_db):
    result = coachbot_cli("forget", "--user", "ana", "--yes", db=damaged_db)
    assert result.returncode == 2
    err = one_line(result)
    assert str(damaged_db) in err and "damaged" in err


def test_export_of_a_damaged_database_saves_what_can_be_read(damaged_db):
    result = coachbot_cli("export", "--user", "ana", db=damaged_db)
    err = result.stderr.decode()
    assert result.returncode == 1
    assert str(damaged_db) in err and "messages" in err and "Traceback" not in err
    data = json.loads(result.stdout)
    texts = [m["text"] for m in data["tables"]["messages"]]
    assert data["executive"]["user_id"] == "ana"
    assert any(t.startswith("Message 0 ") for t in texts) and any(t.startswith("Message 59 ") for t in texts)
    assert not any(MARKER in t for t in texts)  # it sat on the damaged page
