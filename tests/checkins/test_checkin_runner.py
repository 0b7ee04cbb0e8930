"""Sending check-ins on a schedule: once per executive per week, whatever happens.

The clock is controlled (every run is given its ``now``); the platform is a stand-in
channel in memory (see conftest.py). Each test reads as what an executive would notice.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta

from checkin_rig import enrol

from coachbot.checkins import outbox
from coachbot.checkins.runner import Runner
from coachbot.models import Who


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


MONDAY_9_UTC = utc("2026-11-23T09:00")


def deliveries(coach) -> list[dict]:
    return list(coach.store.db["checkin_deliveries"].rows_where(order_by="id"))


def test_each_executive_gets_the_check_in_at_nine_their_time_and_only_once(coach, channel, run):
    enrol(coach, "berlin", "Europe/Berlin")  # 09:00 Berlin = 08:00 UTC
    enrol(coach, "new_york", "America/New_York")  # 09:00 New York = 14:00 UTC
    assert run(utc("2026-11-23T07:59"))["sent"] == 0
    assert run(utc("2026-11-23T08:00"))["sent"] == 1 and channel.users() == ["berlin"]
    assert run(utc("2026-11-23T08:30"))["sent"] == 0, "running again the same week sends nothing new"
    assert run(utc("2026-11-23T14:00"))["sent"] == 1 and channel.users() == ["berlin", "new_york"]
    assert run(utc("2026-11-23T20:00"))["sent"] == 0
    assert run(utc("2026-11-30T08:00"))["sent"] == 1, "next week comes by itself"
    assert [d["status"] for d in deliveries(coach)] == ["sent", "sent", "sent"]
    assert all(d["platform_message_id"] for d in deliveries(coach))


def test_a_time_zone_change_mid_week_does_not_send_the_week_twice(coach, channel, run):
    who = enrol(coach, "traveller", "Europe/Berlin")
    assert run(utc("2026-11-23T08:00"))["sent"] == 1
    coach.update_settings(who, timezone="America/Los_Angeles")  # flew to California on Monday
    assert run(utc("2026-11-23T17:00"))["sent"] == 0  # 09:00 in Los Angeles, the same week
    assert run(utc("2026-11-30T16:59"))["sent"] == 0
    assert run(utc("2026-11-30T17:00"))["sent"] == 1  # next Monday 09:00 Pacific


def test_a_cohort_sets_the_default_and_the_executive_overrides_it(coach, channel, run):
    member, chooser = enrol(coach, "member"), enrol(coach, "chooser")
    coach.update_settings(chooser, weekday=0, time="10:00")
    with coach.store.write() as db:
        db["cohorts"].insert({"id": 1, "tenant": "T1", "name": "Leaders", "start_date": "2026-11-16",
                              "checkin_weekday": 1, "checkin_time": "11:00",
                              "programme": json.dumps([{"week": 2, "theme": "Who creates value with us",
                                                        "questions": ["value_partners"]}])})
        for user in ("member", "chooser"):
            eid = db.execute("select id from executives where user_id = ?", [user]).fetchone()[0]
            db["cohort_members"].insert({"tenant": "T1", "cohort_id": 1, "executive_id": eid, "status": "invited"})
    assert run(MONDAY_9_UTC)["sent"] == 0
    assert run(utc("2026-11-23T10:00"))["sent"] == 1 and channel.users() == ["chooser"]
    assert run(utc("2026-11-24T11:00"))["sent"] == 1 and channel.users()[-1] == member.user
    assert "Who creates value with us" in channel.posts[-1].theme  # week 2 of the programme


def test_the_experiment_is_asked_in_the_executives_own_words_but_not_after_a_safety_close(coach, channel, run):
    enrol(coach, "alice")
    enrol(coach, "bob")
    with coach.store.write() as db:
        for user in ("alice", "bob"):
            eid = db.execute("select id from executives where user_id = ?", [user]).fetchone()[0]
            db["experiments"].insert({"tenant": "T1", "executive_id": eid, "status": "proposed",
                                      "text": "Ask two front-line colleagues what customers say.",
                                      "commitment": "I'll ask Maria and Tom on Thursday",
                                      "proposed_at": "2026-11-18T10:00:00+00:00"})
        bob = db.execute("select id from executives where user_id = 'bob'").fetchone()[0]
        db["safety_markers"].insert({"tenant": "T1", "executive_id": bob, "category": "distress",
                                     "at": "2026-11-19T10:00:00+00:00"})
    run(MONDAY_9_UTC)
    by_user = {p.user: p for p in channel.posts}
    assert "I'll ask Maria and Tom on Thursday" in by_user["alice"].experiment_question
    assert by_user["bob"].experiment_question is None


def test_snooze_brings_the_check_in_back_once_and_then_leaves_it(coach, channel, run):
    who = enrol(coach, "alice")
    run(MONDAY_9_UTC)
    reply = coach.snooze_checkin(who, 3, now=MONDAY_9_UTC + timedelta(minutes=5))
    assert "12:05" in reply.text
    assert run(MONDAY_9_UTC + timedelta(hours=2))["resent"] == 0
    assert run(MONDAY_9_UTC + timedelta(hours=3, minutes=5))["resent"] == 1
    assert len(channel.posts) == 2 and channel.posts[1].week == "2026-W48"
    later = run(MONDAY_9_UTC + timedelta(days=2))
    assert later["reminded"] == 0 and later["resent"] == 0, "the snoozed copy was its one reminder"


def test_a_snooze_into_the_night_waits_for_the_morning(coach, channel, run):
    who = enrol(coach, "alice")
    evening = utc("2026-11-23T19:30")
    run(MONDAY_9_UTC)
    coach.snooze_checkin(who, 3, now=evening)  # 22:30 would be inside 21:00-07:00
    assert run(utc("2026-11-23T22:31"))["resent"] == 0
    assert run(utc("2026-11-24T07:00"))["resent"] == 1


def test_skip_this_week_sends_nothing_more_and_next_week_is_normal(coach, channel, run):
    early, late = enrol(coach, "early"), enrol(coach, "late")
    coach.skip_week(early, now=utc("2026-11-22T12:00"))  # on Sunday, before it was sent
    run(MONDAY_9_UTC)
    assert channel.users() == ["late"]
    coach.skip_week(late, now=MONDAY_9_UTC + timedelta(hours=1))
    assert run(MONDAY_9_UTC + timedelta(days=1, hours=1))["reminded"] == 0
    assert run(utc("2026-11-30T09:00"))["sent"] == 2


def test_away_until_a_date_skips_those_weeks_without_stopping(coach, channel, run):
    who = enrol(coach, "alice")
    reply = coach.away_until(who, "2026-12-04", now=utc("2026-11-20T10:00"))
    assert "2026-12-04" in reply.text
    assert run(MONDAY_9_UTC)["skipped_away"] == 1
    assert run(utc("2026-11-30T09:00"))["sent"] == 0
    assert run(utc("2026-12-07T09:00"))["sent"] == 1
    statuses = [(d["week"], d["status"], d["error"]) for d in deliveries(coach)]
    assert statuses[:2] == [("2026-W48", "skipped", "away"), ("2026-W49", "skipped", "away")]


def test_stop_means_no_check_ins_and_no_reminders_until_restarted(coach, channel, run):
    who = enrol(coach, "alice")
    run(MONDAY_9_UTC)
    coach.stop_checkins(who, now=MONDAY_9_UTC + timedelta(hours=1))
    assert run(MONDAY_9_UTC + timedelta(days=1, hours=1))["reminded"] == 0
    assert run(utc("2026-11-30T09:00"))["sent"] == 0
    reply = coach.restart_checkins(who, now=utc("2026-12-01T10:00"))
    assert "Monday 09:00" in reply.text
    assert run(utc("2026-12-07T09:00"))["sent"] == 1


def test_one_gentle_reminder_at_most_and_none_after_an_answer(coach, channel, run):
    _quiet, answers = enrol(coach, "quiet"), enrol(coach, "answers")
    run(MONDAY_9_UTC)
    posts = {p.user: p for p in channel.posts}
    coach.record_checkin(answers, posts["answers"].items[0], 5, now=MONDAY_9_UTC + timedelta(hours=2))
    assert run(MONDAY_9_UTC + timedelta(hours=23))["reminded"] == 0
    assert run(MONDAY_9_UTC + timedelta(hours=24))["reminded"] == 1
    assert run(MONDAY_9_UTC + timedelta(hours=48))["reminded"] == 0
    assert [user for user, _ in channel.reminders] == ["quiet"]
    assert channel.reminders[0][1] == posts["quiet"].message_id  # next to the check-in it is about
    statuses = {d["executive_id"]: d["status"] for d in deliveries(coach)}
    assert sorted(statuses.values()) == ["answered", "sent"]


def test_answer_later_moves_the_one_reminder(coach, channel, run):
    who = enrol(coach, "alice")
    run(MONDAY_9_UTC)
    coach.answer_later(who, 2, now=MONDAY_9_UTC + timedelta(minutes=1))
    assert run(MONDAY_9_UTC + timedelta(hours=2, minutes=1))["reminded"] == 1
    assert run(MONDAY_9_UTC + timedelta(hours=30))["reminded"] == 0
    assert "No more nudges" in coach.answer_later(who, 2, now=MONDAY_9_UTC + timedelta(hours=31)).text


def test_two_runners_at_once_send_each_check_in_once(coach, channel):
    for n in range(60):
        enrol(coach, f"u{n:02d}", ["Europe/Berlin", "UTC", "Africa/Lagos"][n % 3])
    channel.delay = 0.002  # sends take a moment, so the runners overlap
    results: list[dict] = []

    def one_runner() -> None:
        runner = Runner(coach, [channel], concurrency=4)
        try:
            results.append(asyncio.run(runner.run_once(utc("2026-11-23T10:00"))))
        finally:
            runner.close()

    threads = [threading.Thread(target=one_runner) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(channel.users()) == [f"u{n:02d}" for n in range(60)]
    assert sum(r["sent"] for r in results) == 60
    assert sum(r["busy"] for r in results) > 0, "the runners did compete for the same people"


def test_two_processes_on_one_database_send_each_check_in_once(tmp_path, db_path, coach):
    for n in range(30):
        enrol(coach, f"p{n:02d}")
    log = tmp_path / "sent.jsonl"
    script = tmp_path / "runner.py"
    script.write_text(PROCESS_RUNNER, encoding="utf-8")
    procs = [subprocess.Popen([sys.executable, str(script), str(db_path), str(log), str(_here())])
             for _ in range(2)]
    assert [p.wait(60) for p in procs] == [0, 0]
    users = [json.loads(line)["user"] for line in log.read_text().splitlines()]
    assert sorted(users) == [f"p{n:02d}" for n in range(30)]


def _here() -> str:
    from pathlib import Path

    return str(Path(__file__).parent)


PROCESS_RUNNER = """
import asyncio, json, sys, fcntl
sys.path.insert(0, sys.argv[3])
from datetime import datetime, UTC
from checkin_rig import FakeChannel
from coachbot.checkins.runner import Runner
from coachbot.engine import Coach
from coachbot.store import Store

class LoggingChannel(FakeChannel):
    async def send(self, recipient, checkin):
        sent = await super().send(recipient, checkin)
        with open(sys.argv[2], "a") as out:
            fcntl.flock(out, fcntl.LOCK_EX)
            out.write(json.dumps({"user": recipient.who.user}) + "\\n")
        return sent

channel = LoggingChannel(delay=0.003)
asyncio.run(Runner(Coach(Store(sys.argv[1])), [channel], concurrency=4).run_once(
    datetime(2026, 11, 23, 10, 0, tzinfo=UTC)))
"""


def dead_worker() -> str:
    """The worker id of a process that ran on this host and is gone (as after kill -9)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    import socket

    return f"{socket.gethostname()}:{proc.pid}:deadbeef"


def test_an_answer_that_arrives_before_the_send_is_recorded_stays_answered(coach, channel):
    who = enrol(coach, "quick")

    class AnswersAtOnce(type(channel)):
        async def send(self, recipient, checkin):
            sent = await super().send(recipient, checkin)
            await asyncio.to_thread(coach.record_checkin, who, checkin.prompt.scales[0].item, 6,
                                    MONDAY_9_UTC + timedelta(seconds=1))
            return sent

    runner = Runner(coach, [AnswersAtOnce()])
    try:
        assert asyncio.run(runner.run_once(MONDAY_9_UTC))["sent"] == 1
    finally:
        runner.close()
    [row] = deliveries(coach)
    assert row["status"] == "answered" and row["platform_message_id"] and row["sent_at"]


def test_a_crash_between_claim_and_send_loses_nothing(coach, channel, run):
    enrol(coach, "alice")
    eid = coach.store.db.execute("select id from executives where user_id = 'alice'").fetchone()[0]
    crashed = outbox.claim(coach.store, "T1", eid, "2026-W48", MONDAY_9_UTC, dead_worker(), MONDAY_9_UTC)
    assert crashed is not None and channel.posts == []  # claimed, then the process died
    counts = run(MONDAY_9_UTC + timedelta(minutes=1))
    assert counts["sent"] == 1 and channel.users() == ["alice"]
    assert deliveries(coach)[0]["status"] == "sent" and deliveries(coach)[0]["attempts"] == 2


def test_a_crash_after_the_platform_took_it_does_not_post_it_again(coach, channel, run):
    enrol(coach, "alice")
    eid = coach.store.db.execute("select id from executives where user_id = 'alice'").fetchone()[0]
    crashed = outbox.claim(coach.store, "T1", eid, "2026-W48", MONDAY_9_UTC, "other-host:123:abc", MONDAY_9_UTC)
    asyncio.run(channel.send(_recipient_for(coach, "alice"), _outgoing(coach, crashed.delivery_id)))
    # Another machine's claim is trusted for its lease...
    assert run(MONDAY_9_UTC + timedelta(minutes=5))["sent"] == 0
    # ...then recovered: the platform already has the message, so it is recorded, not re-posted.
    counts = run(MONDAY_9_UTC + outbox.LEASE + timedelta(minutes=1))
    assert counts["recovered"] == 1 and counts["sent"] == 0
    assert len(channel.posts) == 1 and deliveries(coach)[0]["platform_message_id"] == channel.posts[0].message_id


def _recipient_for(coach, user: str):
    from coachbot.checkins.runner import _recipient

    row = next(coach.store.db["executives"].rows_where("user_id = ?", [user]))
    return _recipient(row)


def _outgoing(coach, delivery_id: int):
    from coachbot.checkins.channel import Outgoing

    return Outgoing(coach.checkin(Who("T1", "alice", "slack"), MONDAY_9_UTC), delivery_id, f"checkin:{delivery_id}")


def test_an_undeliverable_recipient_is_marked_and_not_retried_until_they_come_back(coach, channel, run):
    gone = enrol(coach, "gone")
    enrol(coach, "here")
    channel.gone.add("gone")
    counts = run(MONDAY_9_UTC)
    assert counts["undeliverable"] == 1 and counts["sent"] == 1
    attempts = len(channel.posts)
    assert run(utc("2026-11-30T09:00"))["unreachable"] == 1
    assert run(utc("2026-12-07T09:00"))["unreachable"] == 1
    status = {d["week"]: d["status"] for d in deliveries(coach) if d["executive_id"] == 1}
    assert set(status.values()) == {"undeliverable"}
    assert len(channel.posts) == attempts + 2  # only "here", each week
    channel.gone.clear()
    coach.reply(gone, "I'm back", now=utc("2026-12-10T10:00"))  # they write to the coach again
    assert run(utc("2026-12-14T09:00"))["sent"] == 2


def test_429_waits_and_still_sends_once(coach, channel, run):
    for n in range(5):
        enrol(coach, f"u{n}")
    channel.rate_limit = 3
    counts = run(MONDAY_9_UTC)
    assert counts["sent"] == 5 and counts["rate_limited"] == 3
    assert sorted(channel.users()) == [f"u{n}" for n in range(5)]


def test_a_transient_failure_is_retried_later_not_forever(coach, channel, run):
    enrol(coach, "alice")
    channel.fail_once.add("alice")
    assert run(MONDAY_9_UTC)["failed"] == 1
    assert run(MONDAY_9_UTC + timedelta(seconds=30))["sent"] == 0  # backing off
    assert run(MONDAY_9_UTC + timedelta(minutes=3))["sent"] == 1
    assert deliveries(coach)[0]["status"] == "sent"


def test_the_time_zone_is_read_from_the_platform_only_when_stale(coach, channel, run):
    who = Who("T1", "newcomer", "slack")
    coach.settings(who)  # known, never synced: UTC for now
    channel.timezones["newcomer"] = "Asia/Kolkata"
    run(utc("2026-11-23T03:00"))
    run(utc("2026-11-23T03:10"))
    assert channel.profile_calls == ["newcomer"]
    assert coach.settings(who).timezone == "Asia/Kolkata"
    assert run(utc("2026-11-23T03:30"))["sent"] == 1  # 09:00 in India


def test_status_shows_what_is_due_sent_answered_snoozed_and_failed(coach, channel, run):
    from coachbot.checkins import status

    a, b = enrol(coach, "a"), enrol(coach, "b")
    enrol(coach, "c")
    enrol(coach, "d", "America/New_York")
    channel.gone.add("c")
    run(MONDAY_9_UTC)
    coach.record_checkin(a, channel.posts[0].items[0], 7, now=MONDAY_9_UTC + timedelta(hours=1))  # same item for all
    coach.snooze_checkin(b, 2, now=MONDAY_9_UTC + timedelta(hours=1))
    report = status.report(coach, [channel.platform], MONDAY_9_UTC + timedelta(hours=2))
    assert report["answered"] == 1 and report["snoozed"] == 1 and report["undeliverable"] == 1
    assert report["due"] == 0 and report["upcoming_24h"] == 1  # New York is still ahead
