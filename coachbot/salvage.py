"""Reading an executive's data out of a damaged database file.

A damaged page makes SQLite refuse every query that touches it ("database disk image is
malformed"). The executive's export must still give them what can be read: each table
is read whole if it can be; otherwise row by row, by rowid, skipping the rows that sit
on damaged pages. The file is opened read-only and never changed.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from coachbot.models import Who

# When even the highest rowid cannot be read, rows are looked for up to this many per page.
ROWS_PER_PAGE_BOUND = 200


def is_damage(exc: BaseException) -> bool:
    """Whether an sqlite3 error means the file itself is damaged (not locked or busy)."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.DatabaseError) and any(
        word in text for word in ("malformed", "not a database", "corrupt"))


@dataclass
class Salvage:
    """What could be read, and which tables had rows that could not."""

    export: dict
    damaged_tables: list[str] = field(default_factory=list)


def _rows(conn: sqlite3.Connection, table: str, where: str, args: list) -> tuple[list[dict], bool]:
    """Matching rows of ``table`` and whether some rows could not be read."""
    try:
        cursor = conn.execute(f"select * from [{table}] not indexed where {where} order by rowid", args)
        return [dict(row) for row in cursor], False
    except sqlite3.DatabaseError:
        pass
    try:
        top = conn.execute(f"select max(rowid) from [{table}]").fetchone()[0] or 0
    except sqlite3.DatabaseError:
        top = conn.execute("pragma page_count").fetchone()[0] * ROWS_PER_PAGE_BOUND
    found = []
    for rowid in range(1, top + 1):
        try:
            row = conn.execute(f"select * from [{table}] where rowid = ? and ({where})", [rowid, *args]).fetchone()
        except sqlite3.DatabaseError:
            continue
        if row is not None:
            found.append(dict(row))
    return found, True


def export(path: Path, who: Who) -> Salvage:
    """The executive's rows that are still readable, in the shape of ``privacy.export``.

    Raises sqlite3.DatabaseError when not even the list of tables can be read.
    """
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        tables = [r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")]
        damaged: list[str] = []
        people, broken = _rows(conn, "executives", "tenant = ? and user_id = ? and platform = ?",
                               [who.tenant, who.user, who.platform])
        if broken:
            damaged.append("executives")
        result: dict = {"tenant": who.tenant, "user": who.user, "executive": people[0] if people else None,
                        "tables": {}}
        if not people:
            return Salvage(result, damaged)
        for table in sorted(tables):
            columns = {r[1] for r in conn.execute(f"pragma table_info([{table}])")}
            if not {"tenant", "executive_id"} <= columns or table == "executives":
                continue
            rows, broken = _rows(conn, table, "tenant = ? and executive_id = ?", [who.tenant, people[0]["id"]])
            result["tables"][table] = rows
            if broken:
                damaged.append(table)
        return Salvage(result, damaged)
    finally:
        conn.close()
