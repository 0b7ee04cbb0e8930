"""Slack: slack-bolt AsyncApp in the shared aiohttp server."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aiohttp import web

    from coachbot.config import Config
    from coachbot.engine import Coach


def attach(app: web.Application, coach: Coach, config: Config) -> None:
    """Add /slack/events (and OAuth routes, Socket Mode hooks) to ``app``."""
    raise NotImplementedError("The Slack adapter is being built (issue 4).")
