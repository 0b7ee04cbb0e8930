"""`hr` in Teams: the executive sees exactly the figures HR sees that count them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from teams_rig import message

from coachbot.cohorts import cohort, enrol
from coachbot.models import Who


def cohort_with_alice(coach) -> Who:
    """Alice and four colleagues rated the first week of a cohort that started three weeks ago."""
    now = datetime.now(UTC)
    start = (now - timedelta(weeks=3)).date()
    start -= timedelta(days=start.weekday())
    made = cohort.create(coach.store, "tenant-a", "Leaders", now - timedelta(weeks=4), start=start)
    users = ["aad-alice", "aad-b", "aad-c", "aad-d", "aad-e"]
    enrol.enrol(coach.store, made, "platform,tenant,user\n" + "".join(f"teams,tenant-a,{u}\n" for u in users),
                now - timedelta(weeks=4))
    tuesday = datetime.combine(start + timedelta(days=1), datetime.min.time(), UTC) + timedelta(hours=10)
    for user in users:
        coach.record_checkin(Who("tenant-a", user, "teams"), "importance", 6, tuesday)
    return Who("tenant-a", "aad-alice", "teams")


async def test_the_hr_command_shows_the_cohort_and_the_figures_that_count_the_executive(bot):
    alice = cohort_with_alice(bot.coach)
    await bot.post(message(bot.connector, "hr"))
    [call] = [c for c in bot.connector.sent() if c.cards]
    text = "\n".join(e.get("text", "") for e in call.cards[0]["body"])
    view = bot.coach.hr_view(alice)
    (mine,) = view.cohorts
    assert "Cohort Leaders" in text and mine.counted_in
    for mention in mine.counted_in:
        assert mention.title in text
    assert "Week 1" in text and "Week 2" not in text  # only the week she is counted in
    assert "your conversations" in text


async def test_someone_in_no_cohort_is_told_hr_sees_nothing_about_them(bot):
    await bot.post(message(bot.connector, "what does HR see"))
    [call] = [c for c in bot.connector.sent() if c.cards]
    assert "in no cohort" in "\n".join(e.get("text", "") for e in call.cards[0]["body"])
