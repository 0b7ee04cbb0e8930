"""The durable inbox: messages acknowledged to Slack are answered even across a restart.

Slack is acknowledged before the coach answers (it allows three seconds), so a message
can be acknowledged and claimed but not yet answered when the server stops. Its row in
``slack_events`` says how far it got:

* ``claimed``: acknowledged; the text is kept so the coach can still answer it;
* ``replied``: the coach's answer is known (kept, so a restart posts it rather than
  running the turn twice);
* ``answered``: posted; text and answer are cleared.

On start, :meth:`Inbox.take_unanswered` hands the claimed and replied rows of earlier
processes to this one, which answers them.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

from coachbot.store import Store


@dataclass(frozen=True)
class Pending:
    """A message that was acknowledged but not answered."""

    tenant: str
    event_id: str
    user: str
    channel: str
    thread_ts: str | None
    text: str
    replies: list[str] | None  # the coach's answer, when it was already worked out


@dataclass(frozen=True)
class Message:
    """What the inbox keeps of a message until it is answered."""

    user: str
    channel: str
    thread_ts: str | None
    text: str


class Inbox:
    def __init__(self, store: Store):
        self.store = store
        self.owner = uuid.uuid4().hex  # this process: rows it claimed are not "from before"

    def replied(self, tenant: str, event_id: str, replies: list[str]) -> None:
        with self.store.write() as db:
            db.execute("update slack_events set status = 'replied', replies = ?, text = null "
                       "where tenant = ? and event_id = ?", [json.dumps(replies), tenant, event_id])

    def answered(self, tenant: str, event_id: str) -> None:
        with self.store.write() as db:
            db.execute("update slack_events set status = 'answered', replies = null, text = null "
                       "where tenant = ? and event_id = ?", [tenant, event_id])

    def take_unanswered(self) -> list[Pending]:
        """Rows earlier processes acknowledged but never answered, now this process's, oldest first."""
        with self.store.write() as db:
            rows = list(db.query(
                "select * from slack_events where status in ('claimed', 'replied') and claimed_by != ? "
                "order by received_at", [self.owner]))
            db.execute("update slack_events set claimed_by = ? where status in ('claimed', 'replied') "
                       "and claimed_by != ?", [self.owner, self.owner])
        return [
            Pending(tenant=r["tenant"], event_id=r["event_id"], user=r["user_id"], channel=r["channel"],
                    thread_ts=r["thread_ts"], text=r["text"] or "",
                    replies=json.loads(r["replies"]) if r["replies"] else None)
            for r in rows
        ]
