"""The dashboard's auth rules over real HTTP: each test fails if its rule breaks."""

from __future__ import annotations

import re

from hr_rig import make_cohort
from hr_web_rig import PASSWORD, csrf_of, log_in

GETS = ["/hr/", "/hr/cohorts.csv", "/hr/cohorts/{id}/roster", "/hr/cohorts/{id}/roster.csv",
        "/hr/cohorts/{id}/progress", "/hr/cohorts/{id}/progress.csv", "/hr/cohorts/{id}/programme",
        "/hr/cohorts/{id}/programme.csv", "/hr/cohorts/{id}"]
POSTS = ["/hr/cohorts", "/hr/cohorts/{id}/enrol", "/hr/cohorts/{id}/programme", "/hr/logout"]


async def test_every_page_and_export_needs_a_login(client, store):
    made = make_cohort(store)
    for path in GETS:
        response = await client.get(path.format(id=made.id), allow_redirects=False)
        assert response.status == 303 and response.headers["Location"] == "/hr/login", path
    for path in POSTS:
        response = await client.post(path.format(id=made.id), data={"name": "X"}, allow_redirects=False)
        assert response.status == 403, path


async def test_the_session_cookie_is_httponly_and_samesite_and_logout_ends_it(client):
    response = await log_in(client, "hr@acme.example")
    assert response.status == 303
    cookie = response.headers["Set-Cookie"]
    assert re.search(r"coachbot_hr=[^;]+;", cookie)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/hr/" in cookie
    token = response.cookies["coachbot_hr"].value
    page = await client.get("/hr/")
    assert page.status == 200
    logout = await client.post("/hr/logout", data={"csrf": csrf_of(await page.text())}, allow_redirects=False)
    assert logout.status == 303 and logout.headers["Location"] == "/hr/login"
    # The old cookie, replayed, no longer opens anything.
    replay = await client.get("/hr/", cookies={"coachbot_hr": token}, allow_redirects=False)
    assert replay.status == 303 and replay.headers["Location"] == "/hr/login"


async def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(client):
    wrong = await log_in(client, "hr@acme.example", "not the password at all")
    unknown = await log_in(client, "nobody@acme.example", PASSWORD)
    assert wrong.status == unknown.status == 401
    assert "coachbot_hr=" not in wrong.headers.get("Set-Cookie", "").replace("coachbot_hr_login=", "")
    assert "do not match an account" in await wrong.text() and "do not match an account" in await unknown.text()


async def test_logins_are_throttled_after_five_failures(client):
    for _ in range(5):
        assert (await log_in(client, "hr@acme.example", "wrong wrong wrong")).status == 401
    locked = await log_in(client, "hr@acme.example", PASSWORD)
    assert locked.status == 429 and "Too many attempts" in await locked.text()
    assert (await client.get("/hr/", allow_redirects=False)).status == 303


async def test_every_form_refuses_a_post_without_its_csrf_token(acme, store):
    made = make_cohort(store)
    for path in POSTS:
        for data in ({}, {"csrf": "forged-token"}):
            response = await acme.post(path.format(id=made.id), data={**data, "name": "Sneaky", "theme_0": "x"},
                                       allow_redirects=False)
            assert response.status == 403, (path, data)
    assert [r[0] for r in store.db.execute("select name from cohorts")] == ["Leaders"]
    assert (await acme.get("/hr/")).status == 200  # the forged logout did not log out


async def test_the_login_form_itself_needs_its_csrf_token(client):
    response = await client.post("/hr/login", data={"email": "hr@acme.example", "password": PASSWORD},
                                 allow_redirects=False)
    assert response.status == 403
    assert (await client.get("/hr/", allow_redirects=False)).status == 303


async def test_a_cohort_is_visible_only_to_the_admins_of_its_tenant(acme, store):
    mine = make_cohort(store, "T-ACME", "Ours")
    theirs = make_cohort(store, "T-OTHER", "Theirs")
    home = await acme.get("/hr/")
    html = await home.text()
    assert "Ours" in html and "Theirs" not in html
    assert "Theirs" not in await (await acme.get("/hr/cohorts.csv")).text()
    token = csrf_of(html)
    for path in GETS[2:]:
        assert (await acme.get(path.format(id=theirs.id), allow_redirects=False)).status == 404, path
        assert (await acme.get(path.format(id=mine.id))).status == 200, path
    for path in POSTS[1:3]:
        response = await acme.post(path.format(id=theirs.id), data={"csrf": token, "theme_0": "Hijack",
                                                                     "q_0": "core_value"})
        assert response.status == 404, path
    (programme,) = store.db.execute("select programme from cohorts where id = ?", [theirs.id]).fetchone()
    assert "Hijack" not in programme


async def test_pages_carry_security_headers_and_no_script(acme, store):
    made = make_cohort(store)
    for path in ["/hr/login", *GETS]:
        response = await acme.get(path.format(id=made.id))
        assert response.status == 200, path
        assert "default-src 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Frame-Options"] == "DENY" and response.headers["Cache-Control"] == "no-store"
        body = await response.text()
        assert "<script" not in body.lower()
        assert not re.search(r'(?:src|href)="(?:https?:)?//', body), path  # every asset is served locally
    css = await acme.get("/hr/static/hr.css")
    assert css.status == 200 and "svg.chart" in await css.text()


async def test_behind_https_the_session_cookie_is_also_secure(coach, db_path, admins):
    from aiohttp.test_utils import TestClient, TestServer

    from coachbot.config import Config
    from coachbot.server import build_app

    app = build_app(Config(db_path=db_path, public_url="https://coach.example.com"), coach)
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        page = await client.get("/hr/login")
        assert "Secure" in page.headers["Set-Cookie"]
        response = await client.post("/hr/login", allow_redirects=False, data={
            "csrf": csrf_of(await page.text()), "email": "hr@acme.example", "password": PASSWORD},
            cookies={"coachbot_hr_login": page.cookies["coachbot_hr_login"].value})
        assert response.status == 303
        assert "Secure" in response.headers["Set-Cookie"] and "HttpOnly" in response.headers["Set-Cookie"]
