"""Teams personal chat with an LLM: an informative stream update while it works, ended by the answer."""

from __future__ import annotations

from dataclasses import dataclass

from teams_rig import message

from coachbot.models import Reply


@dataclass(frozen=True)
class Said(Reply):
    path: str = "builtin"


def with_an_llm(coach, monkeypatch, replies):
    class Phraser:  # anything but the built-in phraser means an LLM may be working
        pass

    monkeypatch.setattr(coach.dialogue, "phraser", Phraser(), raising=False)
    monkeypatch.setattr(coach, "reply", lambda who, text, now=None: replies)


def streaminfo(call) -> dict:
    return next(e for e in call.body.get("entities") or [] if e.get("type") == "streaminfo")


async def test_the_stream_starts_informative_and_the_first_reply_ends_it(bot, monkeypatch):
    with_an_llm(bot.coach, monkeypatch, [Said("It sounds like trust keeps them.", "reflection", path="llm"),
                                         Said("What builds it?", "question")])
    await bot.post(message(bot.connector, "Customers stay because they trust us"))
    informative, final, second = bot.connector.calls
    assert informative.body["type"] == "typing"
    assert streaminfo(informative)["streamType"] == "informative"
    assert streaminfo(informative)["streamSequence"] == 1
    assert informative.body["text"] == "Thinking about what you said…"
    assert final.body["type"] == "message" and final.text == "It sounds like trust keeps them."
    assert streaminfo(final) == {"type": "streaminfo", "streamType": "final", "streamId": informative.new_id}
    assert second.text == "What builds it?" and not second.body.get("entities")


async def test_without_an_llm_it_is_the_typing_dots_and_plain_messages(bot, monkeypatch):
    monkeypatch.setattr(bot.coach, "reply", lambda who, text, now=None: [Reply("That matters.", "reflection")])
    await bot.post(message(bot.connector, "Customers stay because they trust us"))
    typing, sent = bot.connector.calls
    assert typing.body["type"] == "typing" and not typing.body.get("entities")
    assert sent.text == "That matters." and not sent.body.get("entities")
