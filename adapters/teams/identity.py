"""Who is writing: the executive behind a Teams Activity."""

from __future__ import annotations

from microsoft_agents.activity import Activity

from coachbot.models import Who

PLATFORM = "teams"

# Used only in local development mode (no MICROSOFT_APP_ID), where a test client may
# leave out the tenant; with auth on, an Activity without a tenant is refused.
DEV_TENANT = "local-dev"


class NotAnExecutive(ValueError):
    """The Activity does not say which person in which tenant sent it."""


def tenant_of(activity: Activity) -> str | None:
    """Teams puts the Entra tenant id in channelData.tenant.id and conversation.tenantId."""
    data = activity.channel_data
    if isinstance(data, dict):
        tenant = data.get("tenant")
        if isinstance(tenant, dict) and isinstance(tenant.get("id"), str) and tenant["id"].strip():
            return tenant["id"].strip()
    elif data is not None:
        tenant = getattr(data, "tenant", None)
        tenant_id = getattr(tenant, "id", None) if tenant is not None else None
        if isinstance(tenant_id, str) and tenant_id.strip():
            return tenant_id.strip()
    if activity.conversation and activity.conversation.tenant_id:
        return activity.conversation.tenant_id
    return None


def who_of(activity: Activity, *, dev_mode: bool) -> Who:
    """``Who(tenant, aadObjectId or from.id, "teams")``.

    The AAD object id is stable across the bot's conversations with the same person;
    ``from.id`` is the Teams-specific id and the fallback for clients that lack it.
    """
    sender = activity.from_property
    user = (sender.aad_object_id or sender.id) if sender else None
    if not user:
        raise NotAnExecutive("The Activity has no sender (from.id).")
    tenant = tenant_of(activity)
    if not tenant:
        if not dev_mode:
            raise NotAnExecutive("The Activity has no tenant id (channelData.tenant.id).")
        tenant = DEV_TENANT
    return Who(tenant=tenant, user=user, platform=PLATFORM)
