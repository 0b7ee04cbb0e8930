"""What an HR lead does in the dashboard, and what no page or export ever gives away."""

from __future__ import annotations

import csv
import html
import io
import re

import pytest
from hr_rig import NOW, enrol_people, make_cohort, rate, talk
from hr_web_rig import csrf_of

from coachbot.cohorts import reports
from coachbot.models import Who


def rows_of(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


async def test_an_hr_lead_creates_a_cohort_uploads_members_and_edits_the_programme(acme, store):
    home = await acme.get("/hr/")
    token = csrf_of(await home.text())
    created = await acme.post("/hr/cohorts", data={"csrf": token, "name": "Autumn circle", "start": "2026-12-07",
                                                   "weekday": "2", "time": "08:30"})
    assert created.status == 200 and created.url.path.endswith("/roster")
    cohort_id = int(created.url.path.split("/")[3])
    assert "Autumn circle" in await created.text() and "Wednesday 08:30" in await created.text()

    again = await acme.post("/hr/cohorts", data={"csrf": token, "name": "autumn circle"})
    assert again.status == 400 and "already exists" in await again.text()

    upload = ("platform,tenant,user,email,name,timezone\n"
              "slack,T-ACME,U1,ana@example.com,Ana Ruiz,Europe/Madrid\n"
              "slack,T-OTHER,U2,,Spy,\n"
              "teams,,29:3,,Cy Dahl,Mars/Base\n")
    form = {"csrf": token, "csv": io.BytesIO(upload.encode())}
    result = await acme.post(f"/hr/cohorts/{cohort_id}/enrol", data=form)
    page = await result.text()
    assert result.status == 200
    assert re.search(r"<td>Ana Ruiz</td><td>enrolled</td>", page)
    assert re.search(r"<td>Spy</td><td>invalid</td><td>tenant T-OTHER", page)
    assert re.search(r"<td>Cy Dahl</td><td>invalid</td>", page)
    roster = await (await acme.get(f"/hr/cohorts/{cohort_id}/roster.csv")).text()
    assert rows_of(roster) == [{"table": "Roster", "name": "Ana Ruiz", "status": "invited"}]

    programme = await acme.get(f"/hr/cohorts/{cohort_id}/programme")
    text = await programme.text()
    assert "What is truly ours to create" in text
    saved = await acme.post(f"/hr/cohorts/{cohort_id}/programme", data=[
        ("csrf", token), ("week_0", "2"), ("theme_0", "Listening first"), ("q_0", "outside_voice"),
        ("week_1", "1"), ("theme_1", "Our core"), ("q_1", "core_value"), ("q_1", "value_partners"),
        ("week_2", "3"), ("theme_2", ""),
    ])
    assert saved.status == 200 and "Programme saved" in await saved.text()
    exported = rows_of(await (await acme.get(f"/hr/cohorts/{cohort_id}/programme.csv")).text())
    assert [(r["week"], r["theme"]) for r in exported] == [("1", "Our core"), ("2", "Listening first")]
    bad = await acme.post(f"/hr/cohorts/{cohort_id}/programme",
                          data={"csrf": token, "week_0": "1", "theme_0": "No questions"})
    assert bad.status == 400 and "needs at least one strategic question" in await bad.text()


async def test_an_upload_that_is_not_a_member_list_enrols_no_one(acme, store):
    made = make_cohort(store)
    token = csrf_of(await (await acme.get("/hr/")).text())
    result = await acme.post(f"/hr/cohorts/{made.id}/enrol",
                             data={"csrf": token, "csv": io.BytesIO(b"colour,size\nred,9\n")})
    assert result.status == 400 and "Nothing was enrolled" in await result.text()
    assert store.db.execute("select count(*) from cohort_members").fetchone()[0] == 0


@pytest.fixture
def lively(store, coach):
    """A cohort of 13 in three regions who talk, rate and plan over four weeks; one safety marker."""
    made = make_cohort(store)
    europe = enrol_people(store, made, [f"E{i}" for i in range(7)], timezone="Europe/Berlin")
    america = enrol_people(store, made, [f"A{i}" for i in range(4)], platform="teams", timezone="America/Chicago")
    asia = enrol_people(store, made, ["S0", "S1"], timezone="Asia/Tokyo")
    everyone = europe + america + asia
    for week in range(1, 5):
        rate(coach, everyone[: 3 + 3 * week], week, value=2 + week)
        for who in everyone[:7]:
            talk(coach, who, week, ["Zanzibar pumps are our secret sauce, honestly.",
                                    "Social media is a marketing channel for us.",
                                    "I'll phone the Oslo distributor on Thursday."])
    with store.write() as db:
        exe = db.execute("select id from executives where user_id = 'E1'").fetchone()[0]
        db["safety_markers"].insert({"tenant": made.tenant, "executive_id": exe, "category": "self_harm_risk",
                                     "at": NOW.isoformat()})
    return made


def every_path(cohort_id: int) -> list[str]:
    paths = ["/hr/", "/hr/cohorts.csv"]
    for page in ("roster", "roster.csv", "programme", "programme.csv"):
        paths.append(f"/hr/cohorts/{cohort_id}/{page}")
    for query in ("", "?split=region", "?split=platform", "?from=2026-W41&to=2026-W41",
                  "?split=region&from=2026-W42&to=2026-W43", "?split=executive_id&user=E0&group=E0",
                  "?from=W41&to=<script>"):
        paths.append(f"/hr/cohorts/{cohort_id}/progress{query}")
        paths.append(f"/hr/cohorts/{cohort_id}/progress.csv{query}")
    return paths


async def test_no_page_or_export_returns_words_quotes_or_safety_markers(acme, store, lively):
    db = store.db
    forbidden = {r[0] for r in db.execute("select text from messages where role = 'executive'")}
    forbidden |= {r[0] for r in db.execute("select evidence from observations where evidence != ''")}
    forbidden |= {r[0] for r in db.execute("select commitment from sessions where commitment != ''")}
    forbidden |= {r[0] for r in db.execute("select text from experiments where text != ''")}
    forbidden |= {"Zanzibar", "Oslo", "self_harm_risk", "safety"}
    assert len(forbidden) > 5
    for path in every_path(lively.id):
        response = await acme.get(path)
        assert response.status == 200, path
        body = html.unescape(await response.text())
        for text in forbidden:
            assert text not in body, (path, text)


async def test_progress_pages_name_no_one_and_show_no_figure_under_five(acme, store, lively):
    names = [r[0] for r in store.db.execute("select name from executives")]
    for path in every_path(lively.id):
        if "/progress" not in path:
            continue
        body = await (await acme.get(path)).text()
        assert not any(name in body for name in names), path
        if path.split("?")[0].endswith(".csv"):
            for row in rows_of(body):
                if row["value"] != reports.NOT_ENOUGH:
                    assert int(row["people"]) >= reports.MIN_GROUP, (path, row)
                else:
                    assert row["spread"] == row["people"] == "", (path, row)


async def test_the_export_holds_exactly_the_figures_the_page_shows(acme, lively):
    for query in ("", "?split=region", "?from=2026-W42"):
        page = await (await acme.get(f"/hr/cohorts/{lively.id}/progress{query}")).text()
        shown = []
        for caption, body in re.findall(r"<caption>(.*?)</caption>(.*?)</table>", page, flags=re.S):
            for cells in re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td class=\"num\">(.*?)</td>"
                                    r"<td class=\"num\">(.*?)</td><td class=\"num\">(.*?)</td></tr>", body):
                value = re.sub(r"<[^>]+>", "", cells[2])
                shown.append(tuple(html.unescape(x) for x in (caption, cells[0], cells[1], value, cells[3], cells[4])))
        exported = [(r["table"], r["week"], r["theme"], r["value"], r["spread"], r["people"])
                    for r in rows_of(await (await acme.get(f"/hr/cohorts/{lively.id}/progress.csv{query}")).text())]
        assert shown == exported and len(shown) > 20


async def test_the_progress_page_draws_charts_with_gaps_under_the_floor(acme, lively):
    page = await (await acme.get(f"/hr/cohorts/{lively.id}/progress")).text()
    assert page.count("<svg") == 15  # 4 taking part, 2 readiness, 8 beliefs, 1 coaching quality
    assert "not enough people yet" in page and "<polyline" in page


def test_what_hr_sees_for_the_executive_matches_the_cli(store, coach, lively, db_path, capsys):
    from coachbot.cli import main

    assert main(["hr-view", "--db", str(db_path), "--tenant", "T-ACME", "--user", "E0"]) == 0
    out = capsys.readouterr().out
    view = coach.hr_view(Who("T-ACME", "E0", "slack"))
    assert "Cohort Leaders" in out and view.cohorts[0].counted_in
    for mention in view.cohorts[0].counted_in:
        assert mention.title in out


async def test_a_name_that_looks_like_a_formula_is_exported_as_text(acme, store):
    made = make_cohort(store)
    enrol_people(store, made, ["U1"])
    store.db.execute("update executives set name = '=HYPERLINK(\"http://x\")' where user_id = 'U1'")
    store.db.conn.commit()
    (row,) = rows_of(await (await acme.get(f"/hr/cohorts/{made.id}/roster.csv")).text())
    assert row["name"] == "'=HYPERLINK(\"http://x\")"
