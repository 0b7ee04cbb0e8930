"""The weekly check-in, answered one item at a time."""

from __future__ import annotations

from datetime import timedelta

import pytest


def agree_an_experiment(coach, who, monday) -> None:
    """A first conversation that ends with a plan of the executive's own."""
    coach.start(who, monday)
    coach.reply(who, "We make pumps and our distributors own the customers.", monday)
    coach.reply(who, "I'll call two of our customers on Thursday and just listen.", monday)
    coach.end_session(who, monday)


def test_check_in_asks_one_rating_that_rotates_week_by_week(coach, who, monday):
    items = [[s.item for s in coach.checkin(who, monday + timedelta(weeks=n)).scales] for n in range(8)]
    assert all(len(week) == 1 for week in items)
    flat = [week[0] for week in items]
    assert {"importance", "confidence"} <= set(flat)
    beliefs = [i for i in flat if i.startswith("belief:")]
    assert len(beliefs) == 4 and len(set(beliefs)) == 4
    assert coach.checkin(who, monday).experiment is None


def test_check_in_asks_about_last_weeks_experiment(coach, who, monday):
    agree_an_experiment(coach, who, monday)
    prompt = coach.checkin(who, monday + timedelta(days=7))
    assert prompt.experiment and prompt.experiment_question


def test_answers_are_stored_once_per_item_per_week(coach, store, who, monday):
    coach.record_checkin(who, "importance", 4, monday)
    coach.record_checkin(who, "importance", 8, monday + timedelta(hours=1))
    rows = list(store.db["checkin_answers"].rows)
    assert [(r["item"], r["value"]) for r in rows] == [("importance", "8")]
    assert coach.checkin(who, monday).answered == ("importance",)


def test_reporting_the_experiment_updates_it(coach, store, who, monday):
    agree_an_experiment(coach, who, monday)
    coach.record_checkin(who, "experiment", "partly", monday + timedelta(days=7))
    assert next(store.db["experiments"].rows)["status"] == "partly"


@pytest.mark.parametrize(
    "item, value", [("importance", 11), ("confidence", -1), ("belief:social_purpose", 0), ("belief:nope", 3),
                    ("experiment", "maybe"), ("mood", 3), ("importance", "lots")]
)
def test_out_of_range_answers_are_refused_with_a_readable_message(coach, store, who, monday, item, value):
    with pytest.raises(ValueError) as error:
        coach.record_checkin(who, item, value, monday)
    assert "Traceback" not in str(error.value) and str(error.value)
    assert store.db["checkin_answers"].count == 0


def test_talk_now_opens_a_conversation(coach, who, monday):
    replies = coach.record_checkin(who, "talk", "", monday)
    assert replies[0].kind == "opening" and replies[-1].kind == "question"


def test_settings_refuse_unknown_time_zones_and_bad_times(coach, who):
    with pytest.raises(ValueError):
        coach.update_settings(who, timezone="Mars/Olympus")
    with pytest.raises(ValueError):
        coach.update_settings(who, time="25:99")
    assert coach.update_settings(who, timezone="Europe/Berlin", time="08:15", weekday=2).timezone == "Europe/Berlin"


def test_the_last_experiment_is_there_for_the_home_tab_and_the_check_in(coach, who, monday):
    assert coach.last_experiment(who) is None
    agree_an_experiment(coach, who, monday)
    experiment = coach.last_experiment(who)
    assert experiment["status"] == "proposed"
    assert experiment["text"] == experiment["commitment"] and "call two of our customers" in experiment["text"]


def test_reporting_the_experiment_done_in_a_check_in_moves_the_stage_to_action(coach, who, monday):
    agree_an_experiment(coach, who, monday)
    coach.record_checkin(who, "experiment", "done", monday + timedelta(days=7))
    assert coach.journey(who)["stage"] == "action"


def test_the_weekly_numbers_appear_in_the_journey(coach, who, monday):
    coach.record_checkin(who, "importance", 4, monday)
    coach.record_checkin(who, "snooze", "", monday)
    coach.record_checkin(who, "importance", 7, monday + timedelta(weeks=1))
    coach.record_checkin(who, "belief:ownership", 6, monday + timedelta(weeks=1))
    checkins = coach.journey(who)["checkins"]
    assert [c["week"] for c in checkins] == ["2026-W48", "2026-W49"]
    assert checkins[0]["ratings"] == {"importance": 4}
    assert checkins[1]["ratings"] == {"importance": 7, "belief:ownership": 6}

    from coachbot.cli import render_journey

    assert "importance 4 → 7" in render_journey(coach.journey(who))
