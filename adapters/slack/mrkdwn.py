"""The coach's plain text, made safe for Slack and cut to Slack's sizes."""

from __future__ import annotations

import re

# A section block's text may hold 3,000 characters; a message's ``text`` is truncated by
# Slack past 40,000 and Slack advises 4,000. One limit under both keeps every part valid.
MAX_CHARS = 3000

_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>\s*")


def escape(text: str) -> str:
    """Slack's three control characters; everything else is shown as written."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    """What the executive typed, from the escaped text Slack delivers."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def strip_mentions(text: str) -> str:
    """Drop ``<@U123>`` mentions (the bot's name in a channel) from a message."""
    return _MENTION.sub("", text).strip()


def split(text: str, limit: int = MAX_CHARS) -> list[str]:
    """Cut text into parts of at most ``limit`` characters, at paragraph, line or word ends."""
    text = text.strip()
    parts: list[str] = []
    while len(text) > limit:
        window = text[:limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"))
        if cut < limit // 2:
            cut = max(window.rfind(". "), window.rfind(" "))
            cut = cut + 1 if cut >= limit // 2 else limit
        parts.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        parts.append(text)
    return parts


def to_messages(text: str) -> list[str]:
    """Plain coach text as one or more Slack mrkdwn message texts."""
    # Escape first, then cut, so an entity such as ``&amp;`` is never split in two.
    return split(escape(text))
