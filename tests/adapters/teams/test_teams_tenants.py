"""Two companies on one coachbot: every row carries its tenant, and nothing crosses over."""

from __future__ import annotations

from coachbot.adapters.teams import storage
from teams_rig import activity, message

from coachbot.models import Who

ALICE_AT_A = Who("tenant-a", "aad-alice", "teams")
ALICE_AT_B = Who("tenant-b", "aad-alice", "teams")  # same user id, another company


async def test_the_same_user_id_in_two_tenants_is_two_executives(bot):
    await bot.post(message(bot.connector, "pause", tenant="tenant-a"))
    await bot.post(message(bot.connector, "hello", tenant="tenant-b"))

    assert bot.coach.settings(ALICE_AT_A).paused is True
    assert bot.coach.settings(ALICE_AT_B).paused is False
    refs = {who.tenant: storage.load_reference(bot.coach.store, who)["conversation"]["id"]
            for who in (ALICE_AT_A, ALICE_AT_B)}
    assert refs == {"tenant-a": "a:personal-tenant-a-alice", "tenant-b": "a:personal-tenant-b-alice"}


async def test_every_row_the_teams_adapter_writes_records_its_tenant(bot):
    for tenant in ("tenant-a", "tenant-b"):
        await bot.post(activity(bot.connector, "installationUpdate", action="add", tenant=tenant))
        for command in ("checkin", "settings", "export", "forget"):
            await bot.post(message(bot.connector, command, tenant=tenant))

    db = bot.coach.store.db
    for table in ("executives", "teams_conversations", "teams_cards", "teams_exports", "teams_deliveries"):
        tenants = [row["tenant"] for row in db[table].rows]
        assert tenants, f"{table} should have rows"
        assert set(tenants) == {"tenant-a", "tenant-b"}, table


async def test_forget_in_one_tenant_leaves_the_other_untouched(bot):
    for tenant in ("tenant-a", "tenant-b"):
        await bot.post(message(bot.connector, "pause", tenant=tenant))
        await bot.post(message(bot.connector, "checkin", tenant=tenant))

    bot.coach.forget(ALICE_AT_A)

    assert bot.coach.export(ALICE_AT_A)["executive"] is None
    assert storage.load_reference(bot.coach.store, ALICE_AT_A) is None
    assert bot.coach.settings(ALICE_AT_B).paused is True
    assert storage.load_reference(bot.coach.store, ALICE_AT_B) is not None
    assert bot.coach.store.db["teams_cards"].count_where("tenant = 'tenant-b'") == 1


async def test_an_export_holds_only_the_tenants_own_rows(bot):
    for tenant in ("tenant-a", "tenant-b"):
        await bot.post(message(bot.connector, "checkin", tenant=tenant))
    exported = bot.coach.export(ALICE_AT_B)
    rows = [row for table in exported["tables"].values() for row in table]
    assert rows and {row["tenant"] for row in rows} == {"tenant-b"}
    assert "teams_conversations" in exported["tables"]  # the adapter's own tables are included


async def test_a_card_from_one_tenant_cannot_be_answered_from_another(bot):
    await bot.post(message(bot.connector, "forget", tenant="tenant-a"))
    [call] = [c for c in bot.connector.sent() if c.cards]
    confirm = next(a["data"] for a in call.cards[0]["actions"] if a["data"]["action"] == "confirm")
    await bot.post(activity(bot.connector, "message", value=confirm, replyToId=call.new_id, tenant="tenant-b"))
    assert bot.coach.export(ALICE_AT_A)["executive"] is not None
