"""The durable inbox: a message Teams delivered is answered even across a restart.

A message's row in ``teams_deliveries`` says how far it got: ``claimed`` (delivered, the
text kept), ``replied`` (the coach's answer worked out and kept, so a restart sends it
rather than running the turn twice) and ``answered`` (sent; text and answer cleared).
Teams does not redeliver a message the bot already took, so on start the rows an
earlier process left claimed or replied are answered here, in the saved conversation.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from microsoft_agents.activity import ConversationReference
from microsoft_agents.hosting.core import TurnContext

from coachbot.models import Reply, Who
from coachbot.store import Store

from . import storage
from .turns import Teams, run, text_activity

log = logging.getLogger("coachbot.teams")

@dataclass(frozen=True)
class Pending:
    who: Who
    activity_id: str
    text: str
    replies: list[str] | None


def replied(store: Store, who: Who, activity_id: str | None, replies: list[Reply]) -> None:
    if not activity_id:
        return
    with store.write() as db:
        db.execute("update teams_deliveries set status = 'replied', replies = ?, text = null "
                   "where tenant = ? and activity_id = ?",
                   [json.dumps([r.text for r in replies]), who.tenant, activity_id])


def answered(store: Store, who: Who, activity_id: str | None) -> None:
    if not activity_id:
        return
    with store.write() as db:
        db.execute("update teams_deliveries set status = 'answered', replies = null, text = null "
                   "where tenant = ? and activity_id = ?", [who.tenant, activity_id])


def take_unanswered(store: Store, owner: str) -> list[Pending]:
    """Messages earlier servers took but never answered, now ``owner``'s, oldest first."""
    with store.write() as db:
        rows = list(db.query(
            "select d.tenant, d.activity_id, d.text, d.replies, e.user_id, e.platform "
            "from teams_deliveries d join executives e on e.id = d.executive_id and e.tenant = d.tenant "
            "where d.status in ('claimed', 'replied') and d.claimed_by != ? order by d.at", [owner]))
        db.execute("update teams_deliveries set claimed_by = ? where status in ('claimed', 'replied') "
                   "and claimed_by != ?", [owner, owner])
    return [Pending(Who(r["tenant"], r["user_id"], r["platform"]), r["activity_id"], r["text"] or "",
                    json.loads(r["replies"]) if r["replies"] else None) for r in rows]


async def answer_pending(teams: Teams, pending: Pending) -> None:
    """The coach's answer to one left-over message, sent into the executive's saved chat."""
    coach = teams.coach
    reference = await run(storage.load_reference, coach.store, pending.who)
    if reference is None:
        log.warning("Teams: no saved chat to answer activity %s after a restart", pending.activity_id)
        return
    texts = pending.replies
    if texts is None:
        replies = await run(coach.reply, pending.who, pending.text)
        await run(replied, coach.store, pending.who, pending.activity_id, replies)
        texts = [r.text for r in replies]
    continuation = ConversationReference.model_validate(reference).get_continuation_activity()
    continuation.id = None  # a new message in the chat, not a reply to a made-up event
    failed: list[Exception] = []

    async def deliver(context: TurnContext) -> None:
        try:
            for text in texts:
                if text.strip():
                    await context.send_activity(text_activity(text))
        except Exception as exc:  # the SDK would swallow it; the row must stay unanswered
            failed.append(exc)

    await teams.sdk.continue_conversation(continuation, deliver)
    if failed:
        raise failed[0]
    await run(answered, coach.store, pending.who, pending.activity_id)


async def answer_unanswered(teams: Teams, pending: list[Pending]) -> None:
    if pending:
        log.info("Teams: answering %d message(s) taken before a restart", len(pending))
    for item in pending:
        try:
            await answer_pending(teams, item)
        except Exception as exc:  # one chat's trouble must not stop the others
            log.warning("Teams: could not answer activity %s after a restart: %s", item.activity_id, exc)
