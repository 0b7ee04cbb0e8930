"""The Home tab's "What HR sees about me" lists exactly the figures HR sees that count the executive."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from coachbot.cohorts import cohort, enrol
from coachbot.models import Who


async def test_the_home_tab_lists_the_cohort_and_each_figure_that_counts_the_executive(coachbot, slack_api, coach):
    now = datetime.now(UTC)
    start = (now - timedelta(weeks=3)).date()
    start -= timedelta(days=start.weekday())
    made = cohort.create(coach.store, "T-ONE", "Leaders", now - timedelta(weeks=4), start=start)
    users = ["U-ALICE", "U-B", "U-C", "U-D", "U-E"]
    enrol.enrol(coach.store, made, "platform,tenant,user\n" + "".join(f"slack,T-ONE,{u}\n" for u in users),
                now - timedelta(weeks=4))
    tuesday = datetime.combine(start + timedelta(days=1), datetime.min.time(), UTC) + timedelta(hours=10)
    for user in users:
        coach.record_checkin(Who("T-ONE", user, "slack"), "confidence", 4, tuesday)

    await coachbot.sender.event({"type": "app_home_opened", "user": "U-ALICE", "channel": "D-U-ALICE",
                                 "tab": "home"})
    view = (await slack_api.wait_calls("views.publish", 1))[-1].args["view"]
    text = json.dumps(view["blocks"], ensure_ascii=False)
    (mine,) = coach.hr_view(Who("T-ONE", "U-ALICE", "slack")).cohorts
    titles = [m.title for m in mine.counted_in]
    assert titles == ["Check-in response rate", "Readiness: how confident (0-10)"]
    assert "Cohort Leaders" in text and all(title in text for title in titles)
    assert "Readiness: how important" not in text  # she is not counted in it: no one answered it
    assert len(view["blocks"]) <= 100
