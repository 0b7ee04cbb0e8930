"""Coaching in a Teams personal chat: messages, commands and the install welcome."""

from __future__ import annotations

from coachbot.adapters.teams import storage
from teams_rig import activity, flat, message

from coachbot.models import Reply, Who

ALICE = Who("tenant-a", "aad-alice", "teams")


async def test_every_message_the_coach_writes_reaches_teams_in_order(bot, monkeypatch):
    heard = []

    def coach_reply(who, text, now=None):
        heard.append((who, text))
        return [Reply("That matters to you.", "reflection"), Reply("Who would notice first?", "question")]

    monkeypatch.setattr(bot.coach, "reply", coach_reply)
    response = await bot.post(message(bot.connector, "Our customers barely know us", id="1700000000001"))

    assert response.status == 202
    assert heard == [(ALICE, "Our customers barely know us")]
    assert bot.connector.texts() == ["That matters to you.", "Who would notice first?"]
    reply = bot.connector.sent()[0]
    assert reply.conversation == "a:personal-tenant-a-alice"
    assert reply.activity_id == "1700000000001"  # threaded as a reply to what she wrote
    assert reply.body["recipient"]["id"] == "29:alice"
    assert reply.body["textFormat"] == "xml"
    assert bot.connector.calls[0].body["type"] == "typing"  # dots while the coach thinks


async def test_the_coachs_words_arrive_as_written_line_breaks_included(bot, monkeypatch):
    words = "Two things:\n• listen <first>\n• then *reply* & ask"
    monkeypatch.setattr(bot.coach, "reply", lambda who, text, now=None: [Reply(words, "reflection")])
    await bot.post(message(bot.connector, "go on"))
    [sent] = bot.connector.sent()
    assert sent.body["text"] == "Two things:<br>• listen &lt;first&gt;<br>• then *reply* &amp; ask"
    assert bot.connector.texts() == [words]


async def test_the_real_engine_answers_a_first_message(bot):
    await bot.post(message(bot.connector, "We make pumps, and I wonder what social means for us"))
    texts = bot.connector.texts()
    assert texts and all(t.strip() for t in texts)
    assert bot.coach.settings(ALICE) is not None  # the executive now exists in her tenant


async def test_help_is_the_engines_help_text(bot):
    await bot.post(message(bot.connector, "help"))
    assert [flat(t) for t in bot.connector.texts()] == [flat(bot.coach.help_text())]


async def test_a_sentence_that_starts_with_a_command_word_is_coaching_not_a_command(bot, monkeypatch):
    heard = []
    monkeypatch.setattr(bot.coach, "reply", lambda who, text, now=None: heard.append(text) or [Reply("Go on.")])
    await bot.post(message(bot.connector, "help me think about my board"))
    assert heard == ["help me think about my board"]
    assert bot.connector.texts() == ["Go on."]


async def test_pause_and_resume_switch_the_weekly_check_in(bot):
    await bot.post(message(bot.connector, "pause"))
    assert bot.coach.settings(ALICE).paused is True
    await bot.post(message(bot.connector, "Resume"))
    assert bot.coach.settings(ALICE).paused is False
    assert len(bot.connector.texts()) == 2


async def test_checkin_sends_the_check_in_card(bot):
    await bot.post(message(bot.connector, "checkin"))
    [card] = bot.connector.cards()
    inputs = {element["id"]: element for element in card["body"] if element["type"].startswith("Input.")}
    [(rating, element)] = inputs.items()  # one rating a week, rotating
    values = [c["value"] for c in element["choices"]]
    if rating in ("importance", "confidence"):
        assert values == [str(n) for n in range(11)]
    else:
        assert rating.startswith("belief:") and values == [str(n) for n in range(1, 8)]
    assert [a["data"]["action"] for a in card["actions"]] == ["answer", "talk", "snooze", "later", "skip", "stop"]


async def test_settings_sends_a_card_showing_the_current_settings(bot):
    bot.coach.update_settings(ALICE, weekday=2, time="08:30", timezone="Europe/Berlin")
    await bot.post(message(bot.connector, "settings"))
    [card] = bot.connector.cards()
    values = {e["id"]: e.get("value") for e in card["body"] if e["type"].startswith("Input.")}
    assert values == {"weekday": "2", "time": "08:30", "timezone": "Europe/Berlin", "paused": "false"}


async def test_forget_asks_for_confirmation_first(bot):
    await bot.post(message(bot.connector, "forget"))
    [card] = bot.connector.cards()
    assert [a["data"]["action"] for a in card["actions"]] == ["confirm", "cancel"]
    assert bot.coach.export(ALICE)["executive"] is not None  # nothing deleted yet


async def test_export_gives_a_one_time_download_of_everything(bot):
    await bot.post(message(bot.connector, "pause"))
    await bot.post(message(bot.connector, "export"))
    [card] = bot.connector.cards()
    [link] = [a["url"] for a in card["actions"] if a["type"] == "Action.OpenUrl"]
    assert link.startswith(bot.url + "/api/teams/export/")

    # Opening the link (as a link scanner would, too) shows a page and spends nothing.
    for _ in range(2):
        async with bot.session.get(link) as page:
            assert page.status == 200
            assert '<form method="post">' in await page.text()

    async with bot.session.post(link) as first:
        assert first.status == 200
        assert "attachment" in first.headers["Content-Disposition"]
        data = await first.json()
    assert (data["tenant"], data["user"]) == ("tenant-a", "aad-alice")
    assert data["executive"]["paused"] == 1
    async with bot.session.post(link) as second:
        assert second.status == 404
    async with bot.session.get(link) as page:
        assert page.status == 404


async def test_an_export_link_expires(bot, monkeypatch):
    from datetime import UTC, datetime, timedelta

    from coachbot.adapters.teams import endpoint

    await bot.post(message(bot.connector, "export"))
    [link] = [a["url"] for a in bot.connector.cards()[0]["actions"]]
    later = datetime.now(UTC) + storage.EXPORT_LINK_LIFETIME + timedelta(minutes=1)
    monkeypatch.setattr(endpoint, "now", lambda: later)
    async with bot.session.post(link) as response:
        assert response.status == 404


async def test_installing_the_app_sends_one_welcome_and_saves_the_conversation(bot):
    members = [{"id": "29:alice"}, {"id": "28:coachbot"}]
    await bot.post(activity(bot.connector, "conversationUpdate", membersAdded=members))
    await bot.post(activity(bot.connector, "installationUpdate", action="add"))

    [welcome] = bot.connector.texts()
    assert welcome.strip()
    assert storage.load_reference(bot.coach.store, ALICE)["conversation"]["id"] == "a:personal-tenant-a-alice"


async def test_a_reinstall_after_forget_welcomes_again(bot):
    await bot.post(activity(bot.connector, "installationUpdate", action="add"))
    bot.coach.forget(ALICE)
    await bot.post(activity(bot.connector, "installationUpdate", action="add"))
    assert len(bot.connector.texts()) == 2


async def test_uninstalling_sends_nothing(bot):
    await bot.post(activity(bot.connector, "installationUpdate", action="remove"))
    assert bot.connector.calls == []


async def test_the_display_name_is_kept_from_the_first_contact(bot):
    await bot.post(message(bot.connector, "hello"))
    assert bot.coach.export(ALICE)["executive"]["name"] == "Alice"


async def test_in_a_group_chat_the_bot_does_not_coach_or_remember_the_conversation(bot, monkeypatch):
    heard = []
    monkeypatch.setattr(bot.coach, "reply", lambda who, text, now=None: heard.append(text) or [Reply("Go on.")])
    group = {"id": "19:group-chat", "conversationType": "groupChat", "tenantId": "tenant-a"}
    await bot.post(message(bot.connector, "our churn numbers are bad", conversation=group))

    assert heard == []
    [note] = bot.connector.texts()
    assert "private chat" in note
    assert storage.load_reference(bot.coach.store, ALICE) is None


async def test_a_message_delivered_twice_is_answered_once(bot, monkeypatch):
    heard = []
    monkeypatch.setattr(bot.coach, "reply", lambda who, text, now=None: heard.append(text) or [Reply("Go on.")])
    twice = message(bot.connector, "We lost a big customer last month")
    await bot.post(twice)
    await bot.post(twice)  # Teams redelivers when a reply took too long

    assert heard == ["We lost a big customer last month"]
    assert bot.connector.texts() == ["Go on."]


async def test_hard_wrapped_wording_reads_as_one_paragraph_and_lists_stay_lists(bot, monkeypatch):
    wrapped = "This stays private to you (HR\nsees only group numbers).\n\nYou can:\n• export\n• forget"
    monkeypatch.setattr(bot.coach, "reply", lambda who, text, now=None: [Reply(wrapped, "info")])
    await bot.post(message(bot.connector, "what about privacy"))
    assert bot.connector.texts() == [
        "This stays private to you (HR sees only group numbers).\n\nYou can:\n• export\n• forget"]
