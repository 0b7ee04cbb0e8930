"""``coachbot checkins run`` / ``status`` and the scheduler in ``coachbot serve``, as real processes
talking to the stand-in Slack Web API over HTTP."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from coachbot.engine import Coach
from coachbot.models import Who
from coachbot.store import Store


def enrol(db_path, users: list[str], **settings) -> None:
    coach = Coach(Store(db_path))
    for user in users:
        coach.update_settings(Who("T-ONE", user, "slack"), timezone="Europe/Berlin", **settings)
    with coach.store.write() as db:
        db.execute("update executives set profile_synced_at = ?", [datetime.now(UTC).isoformat()])
    coach.store.close()


async def coachbot(slack_api, db_path, *args: str) -> tuple[int, str, str]:
    env = {**os.environ, "SLACK_BOT_TOKEN": "xoxb-T-ONE", "SLACK_API_URL": slack_api.api_url,
           "COACHBOT_DB": str(db_path)}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "coachbot", *args, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    return proc.returncode, out.decode(), err.decode()


async def test_checkins_run_sends_what_is_due_once_and_status_shows_it(slack_api, db_path):
    enrol(db_path, ["U-A", "U-B", "U-C"])
    code, out, err = await coachbot(slack_api, db_path, "checkins", "run", "--now", "2026-11-23T08:00:00Z")
    assert code == 0, err
    assert json.loads(out.strip().splitlines()[-1])["sent"] == 3
    code, out, _ = await coachbot(slack_api, db_path, "checkins", "run", "--now", "2026-11-23T08:05:00Z")
    assert json.loads(out)["sent"] == 0, "running again the same week sends nothing new"
    assert len(slack_api.of("chat.postMessage")) == 3
    code, out, _ = await coachbot(slack_api, db_path, "checkins", "status", "--json",
                                  "--now", "2026-11-23T09:00:00Z")
    status = json.loads(out)
    assert status["sent"] == 3 and status["due"] == 0 and status["weeks"] == ["2026-W48"]


async def test_a_bad_now_is_one_readable_line(slack_api, db_path):
    code, out, err = await coachbot(slack_api, db_path, "checkins", "run", "--now", "next monday")
    assert code == 2 and "ISO-8601" in err and "Traceback" not in err


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_serve_sends_due_check_ins_and_stops_cleanly_on_sigterm(slack_api, db_path):
    now = datetime.now(UTC) - timedelta(minutes=1)
    berlin = now.astimezone(ZoneInfo("Europe/Berlin"))
    enrol(db_path, ["U-SERVE"], weekday=berlin.weekday(), time=berlin.strftime("%H:%M"))
    with Store(db_path).write() as db:
        db.execute("update executives set quiet_hours = 'off'")
    env = {**os.environ, "SLACK_BOT_TOKEN": "xoxb-T-ONE", "SLACK_SIGNING_SECRET": "s",
           "SLACK_API_URL": slack_api.api_url, "COACHBOT_CHECKIN_INTERVAL_SECONDS": "0.2"}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "coachbot", "serve", "--db", str(db_path), "--port", str(free_port()), env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        await slack_api.wait_calls("chat.postMessage")
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(proc.communicate(), 20)
    assert proc.returncode == 0, err.decode()[-2000:]
    assert "check-in scheduler stopped" in err.decode()
    row = Store(db_path).db.execute("select status from checkin_deliveries").fetchone()
    assert row == ("sent",)
    assert len(slack_api.of("chat.postMessage")) == 1
