"""An HR lead runs a cohort in a real headless Chromium (Debian's, driven by Playwright).

Logs in, creates a cohort, uploads a CSV, looks at the charts of a cohort six weeks in,
edits the programme, exports, logs out. Every page is saved as a PNG for a person to look
at: under ``build/screenshots/hr/`` (ignored by git, so a test run leaves the work tree clean),
or wherever ``COACHBOT_SCREENSHOTS`` says; the committed set in ``docs/screenshots/hr/`` is
refreshed with ``COACHBOT_SCREENSHOTS=docs/screenshots/hr pytest tests/adapters/hr/test_hr_browser.py``.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coachbot.cohorts import accounts
from coachbot.store import Store

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[3]
SHOTS = ROOT / os.environ.get("COACHBOT_SCREENSHOTS", "build/screenshots/hr")
PASSWORD = "correct horse battery staple"

pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason="Debian's chromium is not installed (apt-get install chromium)"),
    pytest.mark.skipif(importlib.util.find_spec("playwright") is None, reason="playwright (the test extra) is missing"),
]


def load_demo():
    spec = importlib.util.spec_from_file_location("hr_demo", ROOT / "bench" / "hr_demo.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(db_path):
    store = Store(db_path)
    demo = load_demo()
    made = demo.seed(store)
    accounts.create_admin(store, made.tenant, "hr@example.com", PASSWORD, datetime.now(UTC))
    store.close()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "MICROSOFT_", "OPENAI_"))}
    env["COACHBOT_DB"] = str(db_path)
    proc = subprocess.Popen([sys.executable, "-m", "coachbot", "serve", "--port", str(port), "--no-scheduler"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=1).read()
            break
        except OSError:
            time.sleep(0.2)
    yield base, made, demo
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=15)


def test_an_hr_lead_runs_a_cohort_end_to_end_in_a_browser(server, tmp_path):
    from playwright.sync_api import sync_playwright

    base, demo_cohort, demo = server
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("[0-9][0-9]-*.png"):  # only this test's own earlier shots
        old.unlink()

    def shot(page, name: str) -> None:
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )
        # JavaScript off: every page must work without it (the charts are SVG).
        context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False,
                                      accept_downloads=True)
        outside = []
        context.on("request", lambda r: None if r.url.startswith(base) else outside.append(r.url))
        page = context.new_page()

        page.goto(f"{base}/hr/")
        assert page.url.endswith("/hr/login")
        shot(page, "01-login")
        page.fill("input[name=email]", "hr@example.com")
        page.fill("input[name=password]", "wrong password, twice over")
        page.click("button[type=submit]")
        assert "do not match an account" in page.content()
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        assert page.url.endswith("/hr/")
        assert page.locator("td a", has_text=demo.COHORT).count() == 1
        shot(page, "02-cohorts")

        page.fill("input[name=name]", "Winter leadership circle")
        page.fill("input[name=start]", "2026-12-07")
        page.select_option("select[name=weekday]", "1")
        page.fill("input[name=time]", "08:30")
        page.click("text=Create cohort")
        assert page.url.endswith("/roster")
        assert "Tuesday 08:30" in page.content()
        shot(page, "03-new-cohort-roster")

        upload = tmp_path / "winter.csv"
        upload.write_text(
            "platform,tenant,user,email,name,timezone\n"
            f"slack,{demo_cohort.tenant},U09AMY,amy@example.com,Amy Chen,Europe/London\n"
            f"teams,{demo_cohort.tenant},29:9BOB,bob@example.com,Bob Diaz,America/Chicago\n"
            f"slack,{demo_cohort.tenant},U09AMY,,Amy Chen (again),\n"
            f"slack,T0ELSEWHERE,U09ZED,,Zed Park,\n"
            f"slack,{demo_cohort.tenant},U09KIM,kim@example.com,Kim Berg,Europe/Nowhere\n",
            encoding="utf-8")
        page.set_input_files("input[name=csv]", str(upload))
        page.click("text=Upload and enrol")
        table = page.inner_text("table.data")
        assert "Amy Chen\tenrolled" in table and "Bob Diaz\tenrolled" in table
        assert "Amy Chen (again)\tskipped" in table and "Zed Park\tinvalid" in table and "Kim Berg\tinvalid" in table
        shot(page, "04-enrolment-report")
        page.click("text=Back to the roster")
        assert page.locator("table.data tbody tr").count() == 2

        page.goto(f"{base}/hr/cohorts/{demo_cohort.id}/progress")
        charts = page.locator("svg.chart")
        assert charts.count() == 15
        assert page.locator("svg.chart polyline").count() >= 10
        box = charts.first.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 90  # drawn, not collapsed
        shot(page, "05-progress")
        page.locator("details summary").first.click()
        assert page.locator("details[open] table").count() >= 1

        page.select_option("select[name=split]", "region")
        page.click("text=Show")
        assert "split=region" in page.url
        assert "not enough people yet" in page.content()
        shot(page, "06-progress-by-region")

        with page.expect_download() as download_info:
            page.click("text=Export these figures (CSV)")
        exported = Path(download_info.value.path()).read_text(encoding="utf-8")
        assert exported.startswith("table,iso_week,week,theme,value,spread,people")
        assert "Check-in response rate — Europe" in exported

        page.goto(f"{base}/hr/cohorts/{demo_cohort.id}/roster")
        roster = page.inner_text("table.data")
        for status in ("active", "quiet for", "stopped", "invited"):
            assert status in roster
        shot(page, "07-roster")

        page.goto(f"{base}/hr/cohorts/{demo_cohort.id}/programme")
        page.fill("input[name=theme_0]", "What only we can create")
        page.click("text=Save programme")
        assert "Programme saved" in page.content()
        assert page.input_value("input[name=theme_0]") == "What only we can create"
        shot(page, "08-programme")

        page.click("text=Log out")
        assert page.url.endswith("/hr/login")
        page.goto(f"{base}/hr/cohorts/{demo_cohort.id}/progress")
        assert page.url.endswith("/hr/login")
        browser.close()
    assert outside == []  # nothing was fetched from anywhere but this server
    assert sorted(p.name for p in SHOTS.glob("*.png")) == [
        "01-login.png", "02-cohorts.png", "03-new-cohort-roster.png", "04-enrolment-report.png",
        "05-progress.png", "06-progress-by-region.png", "07-roster.png", "08-programme.png"]
