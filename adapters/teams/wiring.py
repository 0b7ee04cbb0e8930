"""The Microsoft 365 Agents SDK objects, built from coachbot's Config.

Two modes, as CONTRACTS.md says:

* ``MICROSOFT_APP_ID`` set: incoming requests must carry a Bot Framework token for this
  app id (checked by the SDK's JWT validator); replies get a token from Entra ID via
  MSAL with the app id, password and tenant.
* ``COACHBOT_TEAMS_DEV=1`` and no app id: local development. Requests from this machine
  are accepted without a token and replies go out anonymously to this machine, which is
  what the Agents Playground and the tests' stand-in connector expect (see endpoint.py).
  An empty app id alone never means this: with neither, Teams is off.

Either way, conversation ids are percent-encoded before the SDK puts them in a URL path.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import quote

from microsoft_agents.activity import Activity
from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.aiohttp import CloudAdapter
from microsoft_agents.hosting.core import (
    AgentAuthConfiguration,
    ClaimsIdentity,
    OutboundHostValidator,
    RestChannelServiceClientFactory,
    TurnContext,
)
from microsoft_agents.hosting.core.authorization import AuthTypes
from microsoft_agents.hosting.core.connector import ConnectorClientBase
from microsoft_agents.hosting.core.connector.client.connector_client import ConversationsOperations

from coachbot.config import Config

log = logging.getLogger("coachbot.teams")


@dataclass(frozen=True)
class Sdk:
    auth: AgentAuthConfiguration
    connections: MsalConnectionManager
    adapter: CloudAdapter
    app_id: str

    @property
    def dev_mode(self) -> bool:
        return not self.app_id

    async def continue_conversation(self, continuation: Activity,
                                    callback: Callable[[TurnContext], Awaitable[None]]) -> None:
        """Run ``callback(context)`` in a saved conversation, as the bot writing first.

        With an app id the SDK's claims for it make MSAL fetch a token for the reply;
        without one an empty identity makes the SDK send anonymously.
        """
        if self.dev_mode:
            await self.adapter.continue_conversation_with_claims(
                ClaimsIdentity({}, authentication_type="anonymous"), continuation, callback)
        else:
            await self.adapter.continue_conversation(self.app_id, continuation, callback)


class TeamsOff(RuntimeError):
    """Neither MICROSOFT_APP_ID nor COACHBOT_TEAMS_DEV=1 is set."""


class EncodedIdsClientFactory(RestChannelServiceClientFactory):
    """Connector clients that percent-encode conversation ids in their URL paths.

    The SDK joins the id into ``v3/conversations/{id}/activities`` as it is, so an id
    such as ``../../admin?x#`` would send the reply somewhere else on the host;
    Microsoft's other SDKs escape it, and so does this.
    """

    async def create_connector_client(
        self,
        context: TurnContext | None,
        claims_identity: ClaimsIdentity,
        service_url: str,
        audience: str,
        scopes: list[str] | None = None,
        use_anonymous: bool = False,
    ) -> ConnectorClientBase:
        client = await super().create_connector_client(
            context, claims_identity, service_url, audience, scopes, use_anonymous)
        operations = client.conversations
        # The id is escaped in the SDK's own (private) step; fail loudly if that ever moves.
        assert isinstance(operations, ConversationsOperations), type(operations)
        normalize = operations._normalize_conversation_id

        def encoded(conversation_id: str, activity: Activity | None = None) -> str:
            return quote(normalize(conversation_id, activity), safe="")

        operations._normalize_conversation_id = encoded  # type: ignore[method-assign]  # patches this instance only
        return client


def build_sdk(config: Config) -> Sdk:
    """The SDK objects for the configured mode; raises TeamsOff when Teams is not configured."""
    app_id = config.microsoft_app_id.strip()
    if not app_id and not config.teams_dev:
        raise TeamsOff("Teams is off: set MICROSOFT_APP_ID (or COACHBOT_TEAMS_DEV=1 for local development).")
    if app_id:
        auth = AgentAuthConfiguration(
            auth_type=AuthTypes.client_secret,
            client_id=app_id,
            client_secret=config.microsoft_app_password or None,
            tenant_id=config.microsoft_app_tenant_id or None,
            anonymous_allowed=False,
        )
    else:
        log.warning("Teams: COACHBOT_TEAMS_DEV=1 and no MICROSOFT_APP_ID, so /api/messages runs in local "
                    "development mode: no token needed, requests and replies only on this machine")
        auth = AgentAuthConfiguration(anonymous_allowed=True)
    connections = MsalConnectionManager(connections_configurations={"SERVICE_CONNECTION": auth})
    # With auth on, replies may only go to Microsoft's own Bot Framework / Teams hosts, so a
    # forged serviceUrl cannot turn the bot into a proxy; local development talks to 127.0.0.1.
    adapter = CloudAdapter(
        connection_manager=connections,
        channel_service_client_factory=EncodedIdsClientFactory(connections),
        host_validator=OutboundHostValidator(enabled=True) if app_id else None,
    )
    adapter.on_turn_error = _on_turn_error
    return Sdk(auth=auth, connections=connections, adapter=adapter, app_id=app_id)


async def _on_turn_error(context: TurnContext, error: Exception) -> None:
    """The SDK's default handler sends the exception text to the user; we log it instead."""
    log.error("Teams turn failed: %s", error, exc_info=error)
    try:
        await context.send_activity("Sorry, something went wrong on my side. Please try again in a moment.")
    except Exception:  # the connector itself may be what failed
        log.warning("Teams: could not tell the user about the failure", exc_info=True)
