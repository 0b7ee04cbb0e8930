"""The executive's data belongs to them: export it, delete it, and show what HR sees."""

from __future__ import annotations

from coachbot import executives
from coachbot.models import Who
from coachbot.store import Store


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


def hr_view(store: Store, who: Who) -> dict:
    """What HR can see that involves this executive: only group aggregates, never words.

    HR dashboards are a later piece of work; this states the rule they will follow.
    """
    return {
        "visible_to_hr": [
            "that you are enrolled in a cohort",
            "whether you answered each week's check-in (counted with at least 4 others)",
            "how many experiments the cohort tried (never which were yours)",
            "average belief positions of a cohort of 5 or more people",
        ],
        "never_visible_to_hr": [
            "your conversations or any quote from them",
            "your own belief positions or check-in ratings",
            "your experiments and commitments",
        ],
        "minimum_group_size": 5,
    }
