"""Tokens in and out per tenant: one row per LLM call, summed by ``coachbot usage``.

Rows carry ``tenant`` and ``executive_id`` so an executive's export and forget cover
them like any other table of theirs; they hold counts and timings, never text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlite_utils
from sqlite_utils import Migrations

from coachbot.store import Store

migrations = Migrations("coachbot.llm")


@migrations()
def m001_llm_usage(db: sqlite_utils.Database) -> None:
    db.table("llm_usage").create(
        {
            "id": int,
            "tenant": str,
            "executive_id": int,  # null when the call served no one executive
            "at": str,  # UTC ISO instant
            "model": str,
            "purpose": str,  # phrase | extract | summary
            "outcome": str,  # ok | guard | timeout | rate_limited | error | unsupported
            "tokens_in": int,
            "tokens_out": int,
            "ms": int,
        },
        pk="id",
        not_null={"tenant", "purpose", "outcome"},
        defaults={"tokens_in": 0, "tokens_out": 0, "ms": 0},
    )
    db.table("llm_usage").create_index(["tenant", "at"])
    db.table("llm_usage").create_index(["tenant", "executive_id"])


@dataclass(frozen=True)
class Call:
    """One LLM call, as recorded."""

    tenant: str
    executive_id: int | None
    model: str
    purpose: str
    outcome: str
    tokens_in: int = 0
    tokens_out: int = 0
    ms: int = 0


@dataclass(frozen=True)
class TenantUsage:
    """A tenant's totals, as ``coachbot usage`` prints them."""

    tenant: str
    calls: int
    tokens_in: int
    tokens_out: int
    fallbacks: int  # calls whose text did not reach the executive (guard, timeout, error)
    first_at: str
    last_at: str

    def as_dict(self) -> dict:
        return {
            "tenant": self.tenant,
            "calls": self.calls,
            "tokens_in": self.tokens_in,
            "tokens_out": self.tokens_out,
            "fallbacks": self.fallbacks,
            "first_at": self.first_at,
            "last_at": self.last_at,
        }


class UsageLog:
    """Records calls in the coachbot database (its own migration, applied on first use)."""

    def __init__(self, store: Store):
        self.store = store
        store.migrate(migrations)

    def record(self, call: Call, now: datetime | None = None) -> None:
        # One insert, its own short transaction: never inside the dialogue's turn.
        with self.store.write() as db:
            db.table("llm_usage").insert(
                {
                    "tenant": call.tenant,
                    "executive_id": call.executive_id,
                    "at": (now or datetime.now(UTC)).isoformat(),
                    "model": call.model,
                    "purpose": call.purpose,
                    "outcome": call.outcome,
                    "tokens_in": call.tokens_in,
                    "tokens_out": call.tokens_out,
                    "ms": call.ms,
                }
            )


def usage_by_tenant(store: Store, *, tenant: str | None = None, since: str | None = None) -> list[TenantUsage]:
    """Totals per tenant (optionally one tenant, optionally from an ISO date on)."""
    store.migrate(migrations)
    where, params = ["1 = 1"], []
    if tenant:
        where.append("tenant = ?")
        params.append(tenant)
    if since:
        where.append("at >= ?")
        params.append(since)
    rows = store.db.execute(
        "select tenant, count(*), coalesce(sum(tokens_in), 0), coalesce(sum(tokens_out), 0), "
        "sum(case when outcome = 'ok' then 0 else 1 end), min(at), max(at) "
        f"from llm_usage where {' and '.join(where)} group by tenant order by tenant",
        params,
    ).fetchall()
    return [TenantUsage(*row) for row in rows]
