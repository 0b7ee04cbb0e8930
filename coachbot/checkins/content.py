"""What a week's check-in asks.

* How last week's experiment went, named in the executive's own commitment words; left
  out after a safety close (the newest session ended for safety, or a safety marker is
  newer than the experiment): that is no week to ask about homework.
* One rating, rotating week by week: the readiness rulers (0-10 importance, 0-10
  confidence) alternate with a 1-7 item on one belief dimension, each dimension in turn.
  Everyone answers the same item in the same week, so a cohort's numbers line up.
* The cohort's theme of the week, when the executive is in a programme.
* An invitation to talk now.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import sqlite_utils

from coachbot import executives, experiments
from coachbot.models import DIMENSIONS, CheckinPrompt, ScaleItem, Who
from coachbot.store import Store
from coachbot.wording import Prompts

from . import outbox, schedule


def rotating_item(week: str) -> str:
    """This week's single rating: importance, a belief item, confidence, a belief item, ..."""
    index = schedule.week_index(week)
    if index % 2 == 0:
        return "importance" if index % 4 == 0 else "confidence"
    return f"belief:{DIMENSIONS[(index // 2) % len(DIMENSIONS)]}"


def belief_dimension_for(week: str) -> str:
    """The dimension the belief item asks about in the nearest belief week."""
    item = rotating_item(week)
    if item.startswith("belief:"):
        return item.removeprefix("belief:")
    return rotating_item(schedule.shift_week(week, 1)).removeprefix("belief:")


def scale_for(prompts: Prompts, item: str) -> ScaleItem:
    if item in ("importance", "confidence"):
        return ScaleItem(item, prompts.text(f"checkin.{item}"), 0, 10,
                         prompts.text(f"checkin.{item}_low"), prompts.text(f"checkin.{item}_high"))
    dimension = item.removeprefix("belief:")
    return ScaleItem(item, prompts.text(f"checkin.belief_items.{dimension}"), 1, 7,
                     prompts.text("checkin.agree_low"), prompts.text("checkin.agree_high"))


def safety_closed_since(db: sqlite_utils.Database, tenant: str, executive_id: int, since: str | None) -> bool:
    """Whether a safety close came after ``since`` (or is the newest session's ending)."""
    newest = db.execute(
        "select end_reason from sessions where tenant = ? and executive_id = ? order by number desc limit 1",
        [tenant, executive_id]).fetchone()
    if newest and newest[0] == "safety":
        return True
    marker = db.execute(
        "select 1 from safety_markers where tenant = ? and executive_id = ? and at >= ? limit 1",
        [tenant, executive_id, since or ""]).fetchone()
    return marker is not None


def cohort_of(db: sqlite_utils.Database, tenant: str, executive_id: int) -> dict | None:
    """The executive's newest active cohort, or None."""
    rows = db.execute(
        "select c.* from cohorts c join cohort_members m on m.cohort_id = c.id "
        "where m.tenant = ? and m.executive_id = ? and coalesce(m.status, '') != 'stopped' "
        "order by m.id desc limit 1", [tenant, executive_id]).fetchall()
    if not rows:
        return None
    columns = [c[0] for c in db.execute("select * from cohorts limit 0").description]
    return dict(zip(columns, rows[0], strict=True))


def theme_for(cohort: dict | None, week: str) -> str | None:
    """The programme's theme for ``week``, counting the cohort's start week as week 1."""
    if not cohort or not cohort.get("programme"):
        return None
    try:
        programme = json.loads(cohort["programme"])
        start = date.fromisoformat(cohort["start_date"]) if cohort.get("start_date") else None
    except (ValueError, TypeError):
        return None
    if start is None or not isinstance(programme, list):
        return None
    year, number, _ = start.isocalendar()
    number = (schedule.week_start(week) - date.fromisocalendar(year, number, 1)).days // 7 + 1
    for entry in programme:
        if isinstance(entry, dict) and entry.get("week") == number and entry.get("theme"):
            return str(entry["theme"])
    return None


def build(db: sqlite_utils.Database, prompts: Prompts, executive: dict, week: str,
          cohort: dict | None = None) -> CheckinPrompt:
    """The check-in of ``week`` for one executive's row; reads only."""
    tenant, executive_id = executive["tenant"], executive["id"]
    experiment = experiments.latest(db, tenant, executive_id)
    if experiment is not None and (
        experiment.get("status") == "skipped"
        or safety_closed_since(db, tenant, executive_id, experiment.get("proposed_at"))
    ):
        experiment = None
    question = None
    if experiment is not None:
        words = (experiment.get("commitment") or "").strip()
        question = (prompts.text("checkin.experiment_question_own", commitment=words.rstrip(".")) if words
                    else prompts.text("checkin.experiment_question"))
    answered = tuple(
        r["item"] for r in db["checkin_answers"].rows_where(
            "tenant = ? and executive_id = ? and week = ?", [tenant, executive_id, week]))
    theme = theme_for(cohort if cohort is not None else cohort_of(db, tenant, executive_id), week)
    return CheckinPrompt(
        week=week,
        greeting=prompts.pick("checkin.greeting", seed=week),
        experiment=experiment["text"] if experiment else None,
        experiment_question=question,
        scales=(scale_for(prompts, rotating_item(week)),),
        answered=answered,
        theme=prompts.text("checkin.theme", theme=theme) if theme else None,
        talk=prompts.text("checkin.talk"),
    )


def answering_week(db: sqlite_utils.Database, executive: dict, now: datetime) -> str:
    """The week an answer belongs to: the check-in sent in the last days, else this local week."""
    sent = outbox.current(db, executive["tenant"], executive["id"], now)
    return sent["week"] if sent else schedule.week_of(now, executive.get("timezone"))


def prompt_for(store: Store, prompts: Prompts, who: Who, now: datetime) -> CheckinPrompt:
    """This week's check-in for one executive (created on first contact)."""
    with store.write() as db:
        row = executives.get_or_create(db, who, now)
    return build(store.db, prompts, row, answering_week(store.db, row, now))
