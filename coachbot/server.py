"""``coachbot serve``: one aiohttp process for Slack, Teams and (later) the HR dashboard.

Each adapter module exposes ``attach(app, coach, config)``, which adds its routes and
its start-up / clean-up hooks to the application.
"""

from __future__ import annotations

import logging

from aiohttp import web

from coachbot.config import Config
from coachbot.engine import Coach
from coachbot.store import Store

log = logging.getLogger("coachbot.server")

COACH_KEY: web.AppKey[Coach] = web.AppKey("coach", Coach)
CONFIG_KEY: web.AppKey[Config] = web.AppKey("config", Config)


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"ok": True})


def build_app(config: Config, coach: Coach | None = None, *, scheduler: bool = False) -> web.Application:
    """The whole server; adapters attach only when their settings are present.

    With ``scheduler`` the weekly check-ins are sent from this process too (``serve``).
    """
    if coach is None:
        from coachbot.llm import coach_options

        store = Store(config.db_path)
        coach = Coach(
            store,
            session_gap_minutes=config.session_gap_minutes,
            max_input_chars=config.max_input_chars,
            **coach_options(store),  # the configured LLM, if any
        )
    app = web.Application(client_max_size=1024 * 1024)
    app[COACH_KEY] = coach
    app[CONFIG_KEY] = config
    app.router.add_get("/healthz", healthz)

    from coachbot.adapters import slack, teams

    if config.slack_enabled:
        slack.attach(app, coach, config)
    else:
        log.info("Slack is off: set SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode)")
    teams.attach(app, coach, config)
    from coachbot.adapters import hr

    hr.attach(app, coach, config)
    if scheduler:
        from coachbot.adapters.channels import attach_scheduler

        attach_scheduler(app, coach, config)
    return app


def serve(config: Config, host: str = "127.0.0.1", port: int = 3978, *, scheduler: bool = True) -> None:
    """Run until SIGINT / SIGTERM, then close connections cleanly."""
    app = build_app(config, scheduler=scheduler)
    web.run_app(app, host=host, port=port, print=lambda line: log.info(line), handle_signals=True)
