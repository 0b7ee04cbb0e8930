"""In Teams, a disclosure gets the pointer and the coaching stops, as everywhere else."""

from __future__ import annotations

from teams_rig import message

from coachbot.models import Who

ALICE = Who("tenant-a", "aad-alice", "teams")


async def test_a_disclosure_in_the_chat_gets_only_the_pointer_over_several_turns(bot):
    await bot.post(message(bot.connector, "We make pumps and distributors own our customers.", id="m1"))
    before = len(bot.connector.texts())
    await bot.post(message(bot.connector, "honestly I've been thinking about killing myself", id="m2"))
    await bot.post(message(bot.connector, "I mean it, I want to kill myself", id="m3"))
    pointers = bot.connector.texts()[before:]
    assert len(pointers) == 2 and pointers[0] == pointers[1] and "?" not in pointers[0]
    assert bot.coach.end_session(ALICE) == []
    stored = " ".join(str(r) for t in bot.coach.store.db.table_names() for r in bot.coach.store.db[t].rows)
    assert "kill myself" not in stored and "killing myself" not in stored
    assert list(bot.coach.store.db["experiments"].rows) == []
