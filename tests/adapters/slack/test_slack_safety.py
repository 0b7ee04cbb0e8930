"""On Slack, a disclosure gets the pointer and the coaching stops, as everywhere else."""

from __future__ import annotations

from coachbot.models import Who

DISCLOSURE = "honestly I've been thinking about killing myself"


async def test_a_disclosure_in_a_dm_gets_only_the_pointer_over_several_turns(coachbot, slack_api, coach):
    await coachbot.sender.dm("We make pumps and distributors own our customers.")
    await slack_api.wait_calls("users.info")  # the profile sync comes after the whole answer
    slack_api.calls.clear()
    await coachbot.sender.dm(DISCLOSURE)
    [pointer] = await slack_api.wait_calls("chat.postMessage")
    assert "?" not in pointer.args["text"]
    slack_api.calls.clear()
    await coachbot.sender.dm("I mean it, I want to kill myself")
    [again] = await slack_api.wait_calls("chat.postMessage")
    assert again.args["text"] == pointer.args["text"]
    who = Who("T-ONE", "U-ALICE", "slack")
    assert coach.end_session(who) == []
    stored = " ".join(str(r) for t in coach.store.db.table_names() for r in coach.store.db[t].rows)
    assert "kill myself" not in stored and "killing myself" not in stored
    assert list(coach.store.db["experiments"].rows) == []
