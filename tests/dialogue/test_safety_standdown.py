"""After a safety reply the coaching stops: no question, wrap-up, nudge or experiment follows."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta

from dialogue_helpers import PROMPTS

DISCLOSURE = "Honestly I've been thinking about killing myself lately."
WORK = [
    "We make industrial pumps and our distributors own the customer relationship.",
    "I'd like to hear from end users myself.",
]


def everything_stored(store) -> str:
    rows = [json.dumps(r, default=str) for t in store.db.table_names() for r in store.db[t].rows]
    return "\n".join(rows)


def test_a_disclosure_ends_the_session_with_only_a_pointer_and_nothing_of_it_is_kept(coach, who, monday, store):
    coach.start(who, monday)
    for line in WORK:
        coach.reply(who, line, monday)
    replies = coach.reply(who, DISCLOSURE, monday + timedelta(minutes=1))
    assert [r.kind for r in replies] == ["safety"]
    assert "?" not in replies[0].text
    session = list(store.db["sessions"].rows)[-1]
    assert session["end_reason"] == "safety" and session["commitment"] is None and session["summary"] is None
    assert list(store.db["experiments"].rows) == []
    assert "killing myself" not in everything_stored(store)
    markers = list(store.db["safety_markers"].rows)
    assert [(m["category"], m["tenant"]) for m in markers] == [("self_harm", who.tenant)]


def test_ending_the_conversation_after_a_safety_reply_says_no_wrap_up_and_no_nudge(coach, who, monday, store):
    coach.start(who, monday)
    coach.reply(who, WORK[0], monday)
    coach.reply(who, DISCLOSURE, monday)
    assert coach.end_session(who, monday + timedelta(minutes=2)) == []
    assert list(store.db["experiments"].rows) == []


def test_staying_on_the_topic_gets_the_pointer_again_and_nothing_else(coach, who, monday, store):
    coach.start(who, monday)
    coach.reply(who, DISCLOSURE, monday)
    again = coach.reply(who, "I just want it all to stop, I want to kill myself.", monday + timedelta(minutes=1))
    assert [r.kind for r in again] == ["safety"]
    assert len(list(store.db["safety_markers"].rows)) == 2


def test_returning_to_work_gets_a_gentle_check_before_any_coaching(coach, who, monday, store):
    coach.start(who, monday)
    coach.reply(who, DISCLOSURE, monday)
    check = coach.reply(who, WORK[0], monday + timedelta(minutes=2))
    assert [r.text for r in check] == [PROMPTS.text("listening.wellbeing_check")]
    assert check[0].kind == "info"
    declined = coach.reply(who, "no, not really", monday + timedelta(minutes=3))
    assert declined[0].kind == "close" and "?" not in declined[0].text
    assert list(store.db["experiments"].rows) == []


def test_saying_yes_to_the_check_lets_the_coaching_resume(coach, who, monday):
    coach.start(who, monday)
    coach.reply(who, DISCLOSURE, monday)
    coach.reply(who, WORK[0], monday + timedelta(minutes=2))
    resumed = coach.reply(who, "yes, I'm ok, let's talk about work", monday + timedelta(minutes=3))
    assert resumed[-1].kind == "question"


def test_the_next_conversation_also_starts_with_the_check(coach, who, monday):
    coach.start(who, monday)
    coach.reply(who, DISCLOSURE, monday)
    opening = coach.start(who, monday + timedelta(days=7), fresh=True)
    assert [r.text for r in opening] == [PROMPTS.text("listening.wellbeing_check")]


def test_the_terminal_marks_the_safety_reply_and_no_coaching_follows(db_path):
    lines = "\n".join([WORK[0], DISCLOSURE, "I really mean it, I want to kill myself"]) + "\n"
    result = subprocess.run(
        [sys.executable, "-m", "coachbot", "chat", "--user", "ann", "--jsonl", "--db", str(db_path)],
        input=lines, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    first = next(i for i, o in enumerate(out) if o["kind"] == "safety")
    after = out[first + 1:]
    assert after and all(o["kind"] == "safety" for o in after), after


def test_a_plan_made_on_returning_to_work_is_confirmed_once_they_say_they_are_okay(coach, who, monday, store):
    coach.start(who, monday)
    coach.reply(who, DISCLOSURE, monday)
    check = coach.reply(who, "Anyway. On Friday I'll call three distributors and ask what end users complain about.",
                        monday + timedelta(minutes=2))
    assert check[0].text in PROMPTS.get("listening.wellbeing_check")
    replies = coach.reply(who, "yes, I'm fine, let's go on", monday + timedelta(minutes=3))
    assert "On Friday I'll call three distributors" in replies[-1].text
    coach.reply(who, "bye", monday + timedelta(minutes=4))
    session = list(store.db["sessions"].rows)[-1]
    assert session["commitment"].startswith("On Friday I'll call three distributors")


def test_leaving_right_after_the_check_keeps_no_experiment_even_with_a_plan(coach, who, monday, store):
    coach.start(who, monday)
    coach.reply(who, DISCLOSURE, monday)
    coach.reply(who, "On Friday I'll call three distributors.", monday + timedelta(minutes=2))
    replies = coach.reply(who, "thanks, bye", monday + timedelta(minutes=3))
    assert [r.kind for r in replies] == ["close"]
    assert list(store.db["experiments"].rows) == []


def test_a_second_check_the_same_day_is_worded_differently(coach, who, monday):
    coach.start(who, monday)
    coach.reply(who, DISCLOSURE, monday)
    first = coach.reply(who, WORK[0], monday + timedelta(minutes=2))
    coach.reply(who, DISCLOSURE, monday + timedelta(minutes=3))
    second = coach.reply(who, WORK[1], monday + timedelta(minutes=4))
    assert first[0].text != second[0].text
    assert second[0].text in PROMPTS.get("listening.wellbeing_check")
