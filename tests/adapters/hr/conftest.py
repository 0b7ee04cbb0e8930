"""The dashboard served by the real app on 127.0.0.1, and HR accounts to log in with."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "cohorts"))  # hr_rig

from hr_web_rig import PASSWORD, log_in  # noqa: E402

from coachbot.cohorts import accounts  # noqa: E402
from coachbot.config import Config  # noqa: E402
from coachbot.server import build_app  # noqa: E402


@pytest.fixture
def admins(store):
    from hr_rig import NOW

    accounts.create_admin(store, "T-ACME", "hr@acme.example", PASSWORD, NOW)
    accounts.create_admin(store, "T-OTHER", "hr@other.example", PASSWORD, NOW)


@pytest.fixture
async def client(coach, db_path, admins):
    app = build_app(Config(db_path=db_path), coach)
    async with TestClient(TestServer(app, host="127.0.0.1")) as c:
        yield c


@pytest.fixture
async def acme(client):
    """The client logged in as T-ACME's HR lead."""
    response = await log_in(client, "hr@acme.example")
    assert response.status == 303
    return client
