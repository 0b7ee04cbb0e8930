"""The executive's data belongs to them: export it, delete it, and show what HR sees."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from coachbot import executives
from coachbot.cohorts import cohort as cohort_model
from coachbot.cohorts import reports, roster
from coachbot.models import Who
from coachbot.store import Store

NEVER_VISIBLE_TO_HR = (
    "your conversations, or any quote from them",
    "your own belief positions, check-in ratings or answers",
    "your experiments and commitments, in any words",
    "whether a conversation touched a topic for a human rather than a coach",
    "any figure over fewer than 5 people",
)


def export(store: Store, who: Who) -> dict:
    """Every row of this executive's in every table, as plain JSON-ready values."""
    db = store.db
    row = executives.find(db, who)
    result: dict = {"tenant": who.tenant, "user": who.user, "executive": row, "tables": {}}
    if row is None:
        return result
    for table in store.executive_tables():
        result["tables"][table] = list(
            db[table].rows_where(
                "tenant = ? and executive_id = ?", [who.tenant, row["id"]], order_by="rowid"
            )
        )
    return result


def forget(store: Store, who: Who) -> int:
    """Delete every row of this executive's in one transaction; returns the count.

    The rows are overwritten (``secure_delete``) and the write-ahead log is checkpointed
    afterwards, so the deleted words are not left readable in the file or its log.
    """
    deleted = _delete_rows(store, who)
    if deleted and not store.db.conn.in_transaction:
        store.checkpoint()
    return deleted


def _delete_rows(store: Store, who: Who) -> int:
    with store.write() as db:
        row = executives.find(db, who)
        if row is None:
            return 0
        deleted = 0
        # Children before parents, so foreign keys never block the delete.
        for table in sorted(store.executive_tables(), key=lambda t: t == "sessions"):
            cursor = db.execute(
                f"delete from [{table}] where tenant = ? and executive_id = ?",
                [who.tenant, row["id"]],
            )
            deleted += cursor.rowcount
        cursor = db.execute(
            "delete from executives where tenant = ? and id = ?", [who.tenant, row["id"]]
        )
        return deleted + cursor.rowcount


@dataclass(frozen=True)
class CohortView:
    """One cohort the executive is in, as HR sees them in it."""

    cohort: str
    roster_status: str  # the only thing HR sees of them by name: e.g. "active"
    counted_in: tuple[reports.Mention, ...]  # the aggregates HR sees that include them


@dataclass(frozen=True)
class HrView:
    """Exactly what an HR lead can see that involves this executive."""

    cohorts: tuple[CohortView, ...]
    minimum_group_size: int = reports.MIN_GROUP
    never_visible: tuple[str, ...] = NEVER_VISIBLE_TO_HR


def hr_view(store: Store, who: Who, now: datetime | None = None) -> HrView:
    """The cohorts the executive is in, their roster status, and every aggregate series
    (with its weeks) that counts them, computed by the same code as HR's pages."""
    now = now or datetime.now(UTC)
    db = store.db
    row = executives.find(db, who)
    if row is None:
        return HrView(())
    found = []
    cohort_ids = [r[0] for r in db.execute(
        "select cohort_id from cohort_members where tenant = ? and executive_id = ? order by cohort_id",
        [who.tenant, row["id"]],
    )]
    for cohort_id in cohort_ids:
        cohort = cohort_model.get(db, who.tenant, cohort_id)
        if cohort is None:
            continue
        mine = next((e for m, e in zip(roster.members(db, cohort), roster.roster(db, cohort, now), strict=True)
                     if m.executive_id == row["id"]), None)
        found.append(CohortView(
            cohort=cohort.name,
            roster_status=mine.label if mine else "invited",
            counted_in=reports.counted_in(db, cohort, row["id"], now),
        ))
    return HrView(tuple(found))


def _weeks(weeks: tuple[str, ...]) -> str:
    if len(weeks) <= 3:
        return ", ".join(weeks)
    return f"{weeks[0]} to {weeks[-1]} ({len(weeks)} weeks)"


def hr_view_lines(view: HrView) -> list[tuple[str, list[str]]]:
    """Plain-text lines per cohort, for the Home tab, the Teams card and the command line."""
    found = []
    for c in view.cohorts:
        lines = [f"your name, with the status “{c.roster_status}”, on the cohort's roster"]
        for m in c.counted_in:
            group = f" (in the group {m.group})" if m.group else ""
            lines.append(f"{m.title}{group}: counted with at least {view.minimum_group_size - 1} others "
                         f"in {_weeks(m.weeks)}")
        if len(lines) == 1:
            lines.append(f"no figure yet: each needs at least {view.minimum_group_size} people")
        found.append((c.cohort, lines))
    return found
