"""Enrolment from CSV: a line of report per row, and nobody half-enrolled."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from coachbot.adapters.hr.resolve import slack_resolver
from hr_rig import NOW, make_cohort

from coachbot import executives
from coachbot.cohorts import enrol
from coachbot.models import Who


def members_of(store, made):
    return store.db.execute(
        "select e.user_id, m.status from cohort_members m join executives e on e.id = m.executive_id "
        "where m.cohort_id = ? order by e.user_id", [made.id]).fetchall()


def test_every_row_is_reported_enrolled_skipped_or_invalid_with_a_reason(store):
    made = make_cohort(store)
    text = (
        "platform,tenant,user,email,name,timezone\n"
        "slack,T-ACME,U1,ana@example.com,Ana,Europe/Madrid\n"
        "slack,T-ACME,U1,,Ana again,\n"
        "slack,T-ACME,U2,,Ben,Mars/Olympus\n"
        "fax,T-ACME,U3,,Cy,\n"
        "slack,T-OTHER,U4,,Dee,\n"
        "teams,,29:5,,Eve,\n"
        "slack,T-ACME,,nobody@example.com,Fay,\n"
    )
    report = enrol.enrol(store, made, text, NOW)
    got = [(r.line, r.outcome, r.who) for r in report.rows]
    assert got == [(2, "enrolled", "Ana"), (3, "skipped", "Ana again"), (4, "invalid", "Ben"),
                   (5, "invalid", "Cy"), (6, "invalid", "Dee"), (7, "enrolled", "Eve"), (8, "invalid", "Fay")]
    reasons = {r.line: r.reason for r in report.rows}
    assert "twice" in reasons[3] and "time zone" in reasons[4] and "slack or teams" in reasons[5]
    assert "T-OTHER" in reasons[6] and "user id" in reasons[8]
    assert members_of(store, made) == [("29:5", "invited"), ("U1", "invited")]
    ana = executives.find(store.db, Who("T-ACME", "U1", "slack"))
    assert (ana["name"], ana["email"], ana["timezone"]) == ("Ana", "ana@example.com", "Europe/Madrid")
    # A second upload of the same file enrols no one twice.
    again = enrol.enrol(store, made, text, NOW)
    assert again.count("enrolled") == 0 and again.count("skipped") == 3


def test_an_unreadable_file_enrols_no_one_and_says_why(store):
    made = make_cohort(store)
    for text, message in [("", "empty"), ("name,age\nAna,40\n", "'user' or an 'email'"),
                          ("platform,user,shoe_size\nslack,U1,9\n", "unknown column")]:
        with pytest.raises(enrol.EnrolError, match=message):
            enrol.enrol(store, made, text, NOW)
    assert members_of(store, made) == []


def test_a_failure_half_way_leaves_nobody_half_enrolled(store, monkeypatch):
    made = make_cohort(store)
    real = executives.get_or_create
    calls = []

    def flaky(db, who, now):
        calls.append(who.user)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(db, who, now)

    monkeypatch.setattr(executives, "get_or_create", flaky)
    with pytest.raises(RuntimeError):
        enrol.enrol(store, made, "platform,tenant,user\nslack,T-ACME,U1\nslack,T-ACME,U2\n", NOW)
    assert members_of(store, made) == []
    assert store.db.execute("select count(*) from executives").fetchone()[0] == 0


def test_an_email_only_row_is_resolved_from_an_executive_already_known_by_that_email(store, coach):
    made = make_cohort(store)
    who = Who("T-ACME", "U-KNOWN", "slack")
    coach.update_settings(who, email="Known@Example.com", now=NOW)
    report = enrol.enrol(store, made, "platform,tenant,email\nslack,T-ACME,known@example.com\n", NOW)
    assert report.count("enrolled") == 1
    assert members_of(store, made) == [("U-KNOWN", "invited")]


class FakeSlack(BaseHTTPRequestHandler):
    """users.lookupByEmail on 127.0.0.1, as Slack answers it."""

    directory = {"li@example.com": {"id": "U-LI", "team_id": "T-ACME"},
                 "spy@example.com": {"id": "U-SPY", "team_id": "T-OTHER"}}
    tokens: list[str] = []

    def do_POST(self):  # noqa: N802
        self.tokens.append(self.headers.get("Authorization", ""))
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode()
        from urllib.parse import parse_qs

        email = (parse_qs(body).get("email") or [""])[0]
        user = self.directory.get(email)
        answer = {"ok": True, "user": user} if user else {"ok": False, "error": "users_not_found"}
        payload = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_slack():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeSlack)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/api/"
    server.shutdown()


def test_an_email_only_slack_row_is_looked_up_in_slack(store, fake_slack):
    made = make_cohort(store)
    text = ("platform,tenant,email,name\nslack,T-ACME,li@example.com,Li\n"
            "slack,T-ACME,ghost@example.com,Ghost\nslack,T-ACME,spy@example.com,Spy\n")
    report = enrol.enrol(store, made, text, NOW, resolver=slack_resolver("xoxb-test", fake_slack))
    assert [r.outcome for r in report.rows] == ["enrolled", "invalid", "invalid"]
    assert "no one with that email" in report.rows[1].reason
    # Someone of another workspace is never enrolled, even if a token could see them.
    assert members_of(store, made) == [("U-LI", "invited")]


def test_a_new_member_takes_the_cohorts_schedule_and_an_existing_one_keeps_their_own(store, coach):
    made = make_cohort(store)
    mine = Who("T-ACME", "U-OWN", "slack")
    coach.update_settings(mine, weekday=4, time="17:00", timezone="Asia/Tokyo", now=NOW)
    enrol.enrol(store, made, "platform,tenant,user,timezone\nslack,T-ACME,U-OWN,Europe/Paris\n"
                "slack,T-ACME,U-NEW,Europe/Paris\n", NOW)
    own = executives.find(store.db, mine)
    new = executives.find(store.db, Who("T-ACME", "U-NEW", "slack"))
    assert (own["checkin_weekday"], own["checkin_time"], own["timezone"]) == (4, "17:00", "Asia/Tokyo")
    assert (new["checkin_weekday"], new["checkin_time"], new["timezone"]) == (0, "09:00", "Europe/Paris")


def test_with_many_workspaces_a_row_is_looked_up_with_its_own_workspaces_token(store, fake_slack):
    from coachbot.adapters.hr.resolve import resolver_from_env
    from coachbot.adapters.slack.oauth import SQLiteInstallationStore
    from slack_sdk.oauth.installation_store import Installation

    resolver = resolver_from_env("", fake_slack, store=store, client_id="client-1")
    SQLiteInstallationStore(store, "client-1")._save(Installation(
        app_id="A1", team_id="T-ACME", user_id="U-ADMIN", bot_token="xoxb-acme", bot_id="B1", bot_user_id="UB1"))
    FakeSlack.tokens.clear()
    acme = enrol.enrol(store, make_cohort(store), "platform,tenant,email\nslack,T-ACME,li@example.com\n", NOW,
                       resolver=resolver)
    assert acme.count("enrolled") == 1 and FakeSlack.tokens == ["Bearer xoxb-acme"]
    elsewhere = make_cohort(store, "T-NOWHERE")
    other = enrol.enrol(store, elsewhere, "platform,tenant,email\nslack,T-NOWHERE,li@example.com\n", NOW,
                        resolver=resolver)
    assert other.rows[0].outcome == "invalid" and "not installed in that workspace" in other.rows[0].reason
