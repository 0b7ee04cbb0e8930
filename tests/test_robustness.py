"""Whatever arrives, the coach answers clearly and the database stays whole."""

from __future__ import annotations

import pytest

from coachbot.engine import Coach
from coachbot.store import Store


def table_counts(store):
    return {t.name: t.count for t in store.db.tables}


@pytest.mark.parametrize("blank", ["", "   ", "\n\n\t", "\x00\x01\x02", "\u200b\u200b"])
def test_empty_or_invisible_input_gets_a_clear_answer_and_stores_nothing(coach, store, who, monday, blank):
    before = table_counts(store)
    replies = coach.reply(who, blank, monday)
    assert len(replies) == 1 and replies[0].kind == "info" and replies[0].text
    assert table_counts(store) == before


def test_a_100_kb_message_is_cut_at_the_documented_limit_with_a_notice(coach, store, who, monday):
    huge = ("Our customers trust the engineers more than the sales team. " * 2000)[:100_000]
    replies = coach.reply(who, huge, monday)
    assert replies[0].kind == "info" and "4,000" in replies[0].text
    stored = [m["text"] for m in store.db["messages"].rows if m["role"] == "executive"]
    assert len(stored) == 1 and len(stored[0]) <= 4000


def test_binary_input_is_handled_without_crashing(coach, store, who, monday):
    junk = bytes(range(256)).decode("latin-1") + "\udcff"[:0]
    replies = coach.reply(who, junk, monday)
    assert replies
    for message in store.db["messages"].rows:
        assert "\x00" not in message["text"]


def test_emoji_and_other_scripts_survive_intact(coach, store, who, monday):
    text = "We co-design with customers 🤝🏽 and partners 👩‍🔧 — ça marche."
    coach.start(who, monday)
    coach.reply(who, text, monday)
    stored = [m["text"] for m in store.db["messages"].rows if m["role"] == "executive"]
    assert stored == [text]


def test_control_and_direction_override_characters_are_removed(coach, store, who, monday):
    coach.start(who, monday)
    coach.reply(who, "We listen\x1b[31m to \u202ecustomers\u202c daily.", monday)
    stored = [m["text"] for m in store.db["messages"].rows if m["role"] == "executive"][0]
    assert "\x1b" not in stored and "\u202e" not in stored and "customers" in stored


def test_a_failure_mid_turn_leaves_no_half_written_turn(store, who, monday, monkeypatch):
    coach = Coach(store)
    coach.start(who, monday)
    before = table_counts(store)

    def broken(*args, **kwargs):
        raise RuntimeError("detector exploded")

    monkeypatch.setattr("coachbot.dialogue.policy.Turn.decide", broken)
    with pytest.raises(RuntimeError):
        coach.reply(who, "Social is a marketing channel for us.", monday)
    assert table_counts(store) == before


def test_two_coaches_on_one_file_both_keep_every_write(db_path, monday):
    """Two processes' worth of connections (e.g. serve and a CLI) share the file safely."""
    import threading

    from coachbot.models import Who

    first, second = Coach(Store(db_path)), Coach(Store(db_path))
    errors = []

    def run(coach, user):
        try:
            for i in range(20):
                coach.reply(Who("T", user), f"Message number {i} about our customers and partners.", monday)
        except Exception as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(c, u)) for c, u in ((first, "a"), (second, "b"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    count = Store(db_path).db.execute("select count(*) from messages where role = 'executive'").fetchone()[0]
    assert count == 40
