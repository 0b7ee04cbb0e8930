"""One command parser for every channel: whole-word commands and requests in plain words."""

from __future__ import annotations

from datetime import date

import pytest

from coachbot.commands import Command, parse

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    "text, name",
    [("help", "help"), ("/help", "help"), ("?", "help"), ("checkin", "checkin"), ("Check-in", "checkin"),
     ("settings", "settings"), ("pause", "pause"), ("resume", "resume"), ("export", "export"),
     ("forget me", "forget"), ("what did we talk about last time?", "recap"), ("snooze", "snooze"),
     ("skip this week", "skip_week"), ("stop check-ins", "stop_checkins"), ("Exporte", None)],
)
def test_whole_message_commands(text, name):
    command = parse(text, TODAY)
    assert (command.name if command else None) == name


@pytest.mark.parametrize(
    "text",
    ["help me think about our partners", "I need some help with our board", "our settings in the plant are odd",
     "we paused the campaign", "I want to export more to Asia", "Let's stop the check-in calls with the agency"],
)
def test_coaching_that_merely_contains_a_command_word_is_not_a_command(text):
    assert parse(text, TODAY) is None


def test_moving_the_check_in_in_plain_words():
    assert parse("Can we move my check-in to Tuesday at 10:30?", TODAY) == Command("schedule", weekday=1, time="10:30")
    assert parse("change the checkin to fri 8am", TODAY) == Command("schedule", weekday=4, time="08:00")
    assert parse("move my check-in to 3pm", TODAY) == Command("schedule", time="15:00")


@pytest.mark.parametrize(
    "text, weekday, time",
    [("Move my check-in to Tuesday", 1, None), ("check-in at 4pm please", None, "16:00"),
     ("Can the checkin be Friday at 08:30?", 4, "08:30")],
)
def test_schedule_changes_in_plain_words(text, weekday, time):
    change = parse(text, TODAY)
    assert change is not None and (change.weekday, change.time) == (weekday, time)


def test_away_until_a_date_in_plain_words():
    assert parse("I'm on holiday until 5 January", TODAY) == Command("away", until=date(2027, 1, 5))
    assert parse("i'll be away till 2026-12-10", TODAY) == Command("away", until=date(2026, 12, 10))


def test_snooze_for_a_number_of_hours():
    assert parse("remind me in 3 hours", TODAY) == Command("snooze", hours=3)
