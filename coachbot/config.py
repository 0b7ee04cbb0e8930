"""Settings from the environment (CONTRACTS.md lists the variables)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from coachbot.store import default_db_path


def _float(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    try:
        return float(raw) if raw else default
    except ValueError:
        raise ValueError(f"{name} must be a number, not {raw!r}") from None


@dataclass(frozen=True)
class Config:
    db_path: Path = field(default_factory=default_db_path)
    slack_bot_token: str = ""
    slack_signing_secret: str = ""
    slack_app_token: str = ""
    slack_client_id: str = ""
    slack_client_secret: str = ""
    slack_api_url: str = ""
    microsoft_app_id: str = ""
    microsoft_app_password: str = ""
    microsoft_app_tenant_id: str = ""
    teams_dev: bool = False  # COACHBOT_TEAMS_DEV=1: Teams without auth, for this machine only
    openai_api_key: str = ""
    openai_base_url: str = ""
    llm_model: str = ""
    session_gap_minutes: float = 30.0
    max_input_chars: int = 4000
    public_url: str = ""  # where Slack / Teams reach this server, for links and manifests

    @classmethod
    def from_env(cls, db_path: str | Path | None = None) -> Config:
        env = os.environ.get
        return cls(
            db_path=Path(db_path) if db_path else default_db_path(),
            slack_bot_token=env("SLACK_BOT_TOKEN", ""),
            slack_signing_secret=env("SLACK_SIGNING_SECRET", ""),
            slack_app_token=env("SLACK_APP_TOKEN", ""),
            slack_client_id=env("SLACK_CLIENT_ID", ""),
            slack_client_secret=env("SLACK_CLIENT_SECRET", ""),
            slack_api_url=env("SLACK_API_URL", ""),
            microsoft_app_id=env("MICROSOFT_APP_ID", ""),
            microsoft_app_password=env("MICROSOFT_APP_PASSWORD", ""),
            microsoft_app_tenant_id=env("MICROSOFT_APP_TENANT_ID", ""),
            teams_dev=env("COACHBOT_TEAMS_DEV", "").strip() == "1",
            openai_api_key=env("OPENAI_API_KEY", ""),
            openai_base_url=env("OPENAI_BASE_URL", ""),
            llm_model=env("COACHBOT_LLM_MODEL", ""),
            session_gap_minutes=_float("COACHBOT_SESSION_GAP_MINUTES", 30.0),
            max_input_chars=int(_float("COACHBOT_MAX_INPUT_CHARS", 4000)),
            public_url=env("COACHBOT_PUBLIC_URL", ""),
        )

    @property
    def slack_enabled(self) -> bool:
        return bool(self.slack_signing_secret or self.slack_app_token)

    @property
    def teams_enabled(self) -> bool:
        """Teams is served with an app id, or in local development mode when asked for by name."""
        return bool(self.microsoft_app_id.strip()) or self.teams_dev
