"""An executive chatting in Microsoft's M365 Agents Playground gets the coach's own words.

The Playground (npm @microsoft/m365agentsplayground) is Microsoft's local Teams client:
it posts real Teams-shaped Activities to /api/messages and renders replies and Adaptive
Cards like Teams. Its web UI is driven in headless Chromium by ``playground/drive.mjs``.
Needs: node, ``npm ci --prefix tests/adapters/teams/playground``, and Debian ``chromium``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import shutil
import socket
from pathlib import Path

import pytest

from coachbot.config import Config
from coachbot.engine import Coach
from coachbot.models import Reply, Who
from coachbot.server import build_app
from coachbot.store import Store

HERE = Path(__file__).parent / "playground"
PLAYGROUND = HERE / "node_modules" / "@microsoft" / "m365agentsplayground" / "cli.js"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOT = Path(__file__).resolve().parents[3] / "out" / "teams-playground.png"
COACHING = "We make industrial pumps, and my board keeps telling me to start a blog."

pytestmark = [
    pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed (needed for the Playground)"),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def start_playground(bot_url: str, port: int, workdir: Path) -> asyncio.subprocess.Process:
    """The Playground with the offline flags; returns once it listens.

    It writes its logs under ./devTools, hence a scratch working directory.
    """
    env = {**os.environ, "TEAMSAPPTESTER_BROWSER": "none", "APPLICATION_INSIGHTS_NO_STATSBEAT": "true"}
    process = await asyncio.create_subprocess_exec(
        "node", str(PLAYGROUND), "-e", f"{bot_url}/api/messages", "-c", "msteams", "-p", str(port),
        "--disable-telemetry", cwd=workdir, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )
    seen = []
    while True:
        line = await asyncio.wait_for(process.stdout.readline(), timeout=30)
        if not line:
            raise RuntimeError("the Playground exited: " + "".join(seen))
        seen.append(line.decode(errors="replace"))
        if b"Listening on" in line:
            return process


@pytest.fixture
async def served_coach(tmp_path):
    """coachbot serve (local development mode) on 127.0.0.1, with the engine's replies recorded."""
    from aiohttp import web

    store = Store(tmp_path / "coachbot.db")
    coach = Coach(store)
    said: list[Reply] = []
    engine_reply = coach.reply

    def recorded_reply(who, text, now=None):
        replies = engine_reply(who, text, now)
        said.extend(replies)
        return replies

    coach.reply = recorded_reply  # type: ignore[method-assign]
    runner = web.AppRunner(build_app(Config(db_path=store.path, teams_dev=True), coach))
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    yield f"http://127.0.0.1:{port}", coach, said
    await runner.cleanup()
    store.close()


async def test_an_executive_in_the_agents_playground_gets_the_engines_coaching_and_cards(served_coach, tmp_path):
    if not PLAYGROUND.exists():
        pytest.fail("The Playground is not installed: run  npm ci --prefix tests/adapters/teams/playground")
    bot_url, coach, said = served_coach
    port = free_port()
    playground = await start_playground(bot_url, port, tmp_path)
    try:
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        # This week's one rating (it rotates week by week); 5 is on every scale.
        [scale] = coach.checkin(Who("local", "playground", "teams")).scales
        question = scale.prompt[:24]
        script = {"say": ["help", COACHING], "checkin": {"question": re.escape(question), "option": "5"}}
        driver = await asyncio.create_subprocess_exec(
            "node", str(HERE / "drive.mjs"), f"http://127.0.0.1:{port}/", str(SCREENSHOT), json.dumps(script),
            cwd=HERE, env={**os.environ, "CHROMIUM_PATH": CHROMIUM},
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(driver.communicate(), timeout=120)
    finally:
        playground.terminate()
        with contextlib.suppress(ProcessLookupError, asyncio.TimeoutError):
            await asyncio.wait_for(playground.wait(), timeout=10)

    assert driver.returncode == 0, err.decode(errors="replace")
    shown = json.loads(out)
    assert shown["error"] is None, f"{shown['error']}\n(see {SCREENSHOT})"

    def flat(text: str) -> str:
        return " ".join(text.split())

    # Installing the app greets the executive once.
    assert shown["welcome"]
    # Commands answer as they do everywhere else.
    assert [flat(t) for t in shown["replies"][0]["bot"]] == [flat(coach.help_text())]
    # Coaching: exactly the messages the engine wrote for what the executive typed.
    assert said, "the coaching message should have reached the engine"
    assert [flat(t) for t in shown["replies"][1]["bot"]] == [flat(r.text) for r in said]
    # The check-in card was answered in the Playground and then closed.
    assert question in shown["card"]
    assert "Answered" in shown["cardAfterAnswer"] and "5" in shown["cardAfterAnswer"]
    [row] = coach.store.db["checkin_answers"].rows
    assert (row["item"], row["value"]) == (scale.item, "5")
