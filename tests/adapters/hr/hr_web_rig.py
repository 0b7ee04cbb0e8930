"""Helpers for the dashboard tests: log in, find a page's CSRF token."""

from __future__ import annotations

import re

from aiohttp.test_utils import TestClient

PASSWORD = "correct horse battery staple"


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no CSRF field on the page"
    return match.group(1)


async def log_in(client: TestClient, email: str, password: str = PASSWORD):
    page = await client.get("/hr/login")
    token = csrf_of(await page.text())
    return await client.post("/hr/login", data={"csrf": token, "email": email, "password": password},
                             allow_redirects=False)
