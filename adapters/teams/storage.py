"""What the Teams adapter keeps in the shared database.

Three tables, each with ``tenant`` and ``executive_id`` so the engine's export and
forget find them without being told:

* ``teams_conversations``: the conversation reference saved on first contact, which a
  proactive check-in needs (Teams lets a bot write first only into a conversation it
  has seen), and whether the welcome has been sent (Teams announces an install twice).
* ``teams_cards``: every card with buttons that was sent, and whether it was answered,
  so an old copy of a card cannot be answered twice.
* ``teams_exports``: one-time download links for ``export`` (stored hashed).
* ``teams_deliveries``: ids of Activities already handled; Teams redelivers a message
  when the bot took too long to answer, and the coach must not answer it twice.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import datetime, timedelta

import sqlite_utils
from sqlite_utils import Migrations

from coachbot import executives
from coachbot.models import Who
from coachbot.store import Store

migrations = Migrations("coachbot.teams")

EXPORT_LINK_LIFETIME = timedelta(minutes=15)
DELIVERY_MEMORY = timedelta(days=2)  # far longer than any redelivery


@migrations()
def m001_teams(db: sqlite_utils.Database) -> None:
    db.table("teams_conversations").create(
        {
            "id": int,
            "tenant": str,
            "executive_id": int,
            "conversation_id": str,
            "service_url": str,
            "reference": str,  # JSON: the Bot Framework ConversationReference
            "welcomed_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"tenant", "executive_id", "conversation_id", "reference"},
    )
    db.table("teams_conversations").create_index(["tenant", "executive_id"], unique=True)

    db.table("teams_cards").create(
        {
            "id": str,  # random, carried in every button's data
            "tenant": str,
            "executive_id": int,
            "kind": str,  # checkin | settings | forget
            "activity_id": str,  # the message that holds the card, to update it
            "status": str,  # open | answered
            "created_at": str,
            "answered_at": str,
        },
        pk="id",
        not_null={"tenant", "executive_id", "kind", "status"},
    )
    db.table("teams_cards").create_index(["tenant", "executive_id"])

    db.table("teams_exports").create(
        {
            "token_hash": str,
            "tenant": str,
            "executive_id": int,
            "expires_at": str,
            "used_at": str,
        },
        pk="token_hash",
        not_null={"tenant", "executive_id", "expires_at"},
    )


@migrations()
def m002_deliveries(db: sqlite_utils.Database) -> None:
    db.table("teams_deliveries").create(
        {"tenant": str, "activity_id": str, "executive_id": int, "at": str},
        pk=("tenant", "activity_id"),
        not_null={"tenant", "activity_id", "executive_id", "at"},
    )
    db.table("teams_deliveries").create_index(["at"])


@migrations()
def m003_inbox(db: sqlite_utils.Database) -> None:
    # The inbox (inbox.py): a message is claimed with its text, then replied (the answer
    # kept), then answered; what a restart finds claimed or replied is answered on start.
    for column in ("status", "text", "replies", "claimed_by"):
        db.table("teams_deliveries").add_column(column, str)
    db.table("teams_deliveries").create_index(["status"])


# --- conversation references ----------------------------------------------------------
def save_reference(store: Store, who: Who, reference: dict, now: datetime) -> bool:
    """Keep the latest reference for this executive; True if it is the first one."""
    with store.write() as db:
        executive = executives.get_or_create(db, who, now)
        existing = _conversation_row(db, who.tenant, executive["id"])
        values = {
            "tenant": who.tenant,
            "executive_id": executive["id"],
            "conversation_id": reference["conversation"]["id"],
            "service_url": reference.get("serviceUrl", ""),
            "reference": json.dumps(reference, sort_keys=True),
            "updated_at": now.isoformat(),
        }
        if existing is None:
            db.table("teams_conversations").insert(values)
            return True
        if existing["reference"] != values["reference"]:
            db.table("teams_conversations").update(existing["id"], values)
        return False


def load_reference(store: Store, who: Who) -> dict | None:
    """The saved reference, or None if this executive never wrote to the bot in Teams."""
    row = executives.find(store.db, who)
    if row is None:
        return None
    found = _conversation_row(store.db, who.tenant, row["id"])
    return json.loads(found["reference"]) if found else None


def claim_welcome(store: Store, who: Who, now: datetime) -> bool:
    """True exactly once per conversation: whoever claims it sends the welcome."""
    with store.write() as db:
        executive = executives.get_or_create(db, who, now)
        cursor = db.execute(
            "update teams_conversations set welcomed_at = ? "
            "where tenant = ? and executive_id = ? and welcomed_at is null",
            [now.isoformat(), who.tenant, executive["id"]],
        )
        return cursor.rowcount == 1


def _conversation_row(db: sqlite_utils.Database, tenant: str, executive_id: int) -> dict | None:
    rows = list(
        db["teams_conversations"].rows_where("tenant = ? and executive_id = ?", [tenant, executive_id])
    )
    return rows[0] if rows else None


def first_delivery(store: Store, who: Who, activity_id: str | None, now: datetime,
                   text: str | None = None, owner: str = "") -> bool:
    """True the first time an Activity id is seen in this tenant; False for a redelivery.

    With ``text`` (a message for the coach) the Activity also goes into the inbox as
    claimed by ``owner`` until it is answered (inbox.py).
    """
    if not activity_id:
        return True
    with store.write() as db:
        executive = executives.get_or_create(db, who, now)
        cursor = db.execute(
            "insert or ignore into teams_deliveries (tenant, activity_id, executive_id, at, status, text, "
            "claimed_by) values (?, ?, ?, ?, ?, ?, ?)",
            [who.tenant, activity_id, executive["id"], now.isoformat(),
             "answered" if text is None else "claimed", text, owner],
        )
        db.execute("delete from teams_deliveries where at < ? and status not in ('claimed', 'replied')",
                   [(now - DELIVERY_MEMORY).isoformat()])
        return cursor.rowcount == 1


# --- cards ------------------------------------------------------------------------------
def new_card(store: Store, who: Who, kind: str, now: datetime) -> str:
    """Register a card about to be sent; its id goes into every button's data."""
    card_id = secrets.token_urlsafe(12)
    with store.write() as db:
        executive = executives.get_or_create(db, who, now)
        db.table("teams_cards").insert(
            {
                "id": card_id,
                "tenant": who.tenant,
                "executive_id": executive["id"],
                "kind": kind,
                "status": "open",
                "created_at": now.isoformat(),
            }
        )
    return card_id


def card_sent(store: Store, who: Who, card_id: str, activity_id: str | None) -> None:
    if not activity_id:
        return
    with store.write() as db:
        db.execute(
            "update teams_cards set activity_id = ? where id = ? and tenant = ?",
            [activity_id, card_id, who.tenant],
        )


def claim_card(store: Store, who: Who, card_id: str, kind: str, now: datetime) -> dict | None:
    """Mark an open card of this executive's as answered; None if it is not theirs or not open.

    A single conditional UPDATE, so two clicks racing each other cannot both win.
    """
    with store.write() as db:
        executive = executives.find(db, who)
        if executive is None:
            return None
        cursor = db.execute(
            "update teams_cards set status = 'answered', answered_at = ? "
            "where id = ? and tenant = ? and executive_id = ? and kind = ? and status = 'open'",
            [now.isoformat(), card_id, who.tenant, executive["id"], kind],
        )
        if cursor.rowcount != 1:
            return None
        return dict(db.table("teams_cards").get(card_id))


def reopen_card(store: Store, who: Who, card_id: str) -> None:
    """Give a card back to the executive when their answer could not be used (a typo)."""
    with store.write() as db:
        db.execute(
            "update teams_cards set status = 'open', answered_at = null where id = ? and tenant = ?",
            [card_id, who.tenant],
        )


# --- export links -----------------------------------------------------------------------
def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_export_token(store: Store, who: Who, now: datetime) -> str:
    """A secret for a one-time download link; only its hash is stored."""
    token = secrets.token_urlsafe(32)
    with store.write() as db:
        executive = executives.get_or_create(db, who, now)
        db.table("teams_exports").insert(
            {
                "token_hash": _hash(token),
                "tenant": who.tenant,
                "executive_id": executive["id"],
                "expires_at": (now + EXPORT_LINK_LIFETIME).isoformat(),
            }
        )
    return token


def export_token_valid(store: Store, token: str, now: datetime) -> bool:
    """Whether the link still works, without spending it."""
    rows = list(store.db["teams_exports"].rows_where("token_hash = ?", [_hash(token)]))
    return bool(rows) and not rows[0]["used_at"] and rows[0]["expires_at"] >= now.isoformat()


def redeem_export_token(store: Store, token: str, now: datetime) -> Who | None:
    """The executive a valid, unused, unexpired token belongs to; the token is then spent."""
    with store.write() as db:
        rows = list(db["teams_exports"].rows_where("token_hash = ?", [_hash(token)]))
        if not rows or rows[0]["used_at"] or rows[0]["expires_at"] < now.isoformat():
            return None
        db.table("teams_exports").update(rows[0]["token_hash"], {"used_at": now.isoformat()})
        executive = db.table("executives").get(rows[0]["executive_id"])
    return Who(executive["tenant"], executive["user_id"], executive["platform"])
