"""The HR dashboard's routes, sessions, CSRF and security headers.

Every page is rendered on the server from the domain in ``coachbot.cohorts``; the
pages use no JavaScript (the charts are inline SVG). Every cohort is looked up with
the logged-in admin's tenant, so another tenant's cohort is simply not found.
"""

from __future__ import annotations

import asyncio
import csv
import hmac
import io
import re
import secrets
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from functools import partial
from typing import Any, TypedDict

import jinja2
from aiohttp import web
from markupsafe import Markup
from multidict import MultiDictProxy

from coachbot.cohorts import accounts, cohort, enrol, reports, roster, schema
from coachbot.config import Config
from coachbot.engine import Coach
from coachbot.models import QUESTIONS

from . import charts
from .resolve import resolver_from_env

COOKIE = "coachbot_hr"
LOGIN_COOKIE = "coachbot_hr_login"  # the login form's CSRF token (double submit)
STATIC = "/hr/static/"
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SPLIT_LABELS = {"": "the whole cohort", "region": "region (from time zones)"}

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _now() -> datetime:
    return datetime.now(UTC)


class Dashboard:
    """The dashboard bound to one coach (its store and wording) and the config."""

    def __init__(self, coach: Coach, config: Config):
        self.coach = coach
        self.store = schema.ensure(coach.store)
        self.config = config
        self.secure_cookies = config.public_url.startswith("https://")
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("coachbot.adapters.hr", "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
        )
        self.env.globals.update(weekday_names=WEEKDAY_NAMES, not_enough=reports.NOT_ENOUGH,
                                min_group=reports.MIN_GROUP)
        self.question_topics = {q: coach.prompts.text(f"questions.{q}.topic") for q in QUESTIONS}

    async def run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Blocking work (SQLite, argon2) in a worker thread."""
        return await asyncio.to_thread(partial(fn, *args, **kwargs))

    def render(self, template: str, status: int = 200, **context: Any) -> web.Response:
        context.setdefault("today", _now().date())
        html = self.env.get_template(template).render(**context)
        return web.Response(text=html, status=status, content_type="text/html", charset="utf-8")

    # --- sessions ---------------------------------------------------------------------
    async def session(self, request: web.Request) -> accounts.DashboardSession | None:
        return await self.run(accounts.session, self.store, request.cookies.get(COOKIE), _now())

    def set_cookie(self, response: web.StreamResponse, name: str, value: str, max_age: int | None) -> None:
        response.set_cookie(name, value, max_age=max_age, path="/hr/", httponly=True, samesite="Lax",
                            secure=self.secure_cookies)


HR_KEY: web.AppKey[Dashboard] = web.AppKey("hr_dashboard", Dashboard)
WEEK = re.compile(r"^\d{4}-W\d{2}$")


def _csrf_ok(expected: str | None, form: MultiDictProxy) -> bool:
    given = form.get("csrf")
    return bool(expected and isinstance(given, str) and hmac.compare_digest(given, expected))


def _dash(request: web.Request) -> Dashboard:
    return request.app[HR_KEY]


def logged_in(handler: Callable[[web.Request, Dashboard, accounts.DashboardSession], Awaitable[web.StreamResponse]],
              ) -> Handler:
    """Pages for a logged-in admin; a POST must also carry the session's CSRF token."""

    async def wrapped(request: web.Request) -> web.StreamResponse:
        dash = _dash(request)
        sess = await dash.session(request)
        if sess is None:
            if request.method == "GET":
                raise web.HTTPSeeOther("/hr/login")
            raise web.HTTPForbidden(text="Your session has ended: log in again.")
        if request.method == "POST":
            form = await request.post()
            if not _csrf_ok(sess.csrf, form):
                raise web.HTTPForbidden(text="This form has expired: go back, reload the page and try again.")
        return await handler(request, dash, sess)

    return wrapped


async def _cohort_of(request: web.Request, dash: Dashboard, sess: accounts.DashboardSession) -> cohort.Cohort:
    """The cohort in the URL, only if it belongs to the admin's tenant (else 404)."""
    try:
        cohort_id = int(request.match_info["cohort_id"])
    except ValueError:
        raise web.HTTPNotFound(text="No such cohort.") from None
    found = await dash.run(lambda: cohort.get(dash.store.db, sess.admin.tenant, cohort_id))
    if found is None:
        raise web.HTTPNotFound(text="No such cohort.")
    return found


# --- login / logout ---------------------------------------------------------------------
async def login_page(request: web.Request) -> web.StreamResponse:
    dash = _dash(request)
    if await dash.session(request) is not None:
        raise web.HTTPSeeOther("/hr/")
    token = secrets.token_urlsafe(24)
    response = dash.render("login.html", csrf=token, error=None, email="", session=None)
    dash.set_cookie(response, LOGIN_COOKIE, token, max_age=3600)
    return response


async def login_submit(request: web.Request) -> web.StreamResponse:
    dash = _dash(request)
    form = await request.post()
    if not _csrf_ok(request.cookies.get(LOGIN_COOKIE), form):
        raise web.HTTPForbidden(text="This login form has expired: reload the page and try again.")
    email = str(form.get("email") or "")
    password = str(form.get("password") or "")
    result = await dash.run(accounts.login, dash.store, email, password, request.remote or "", _now())
    if result.session_token is None:
        token = secrets.token_urlsafe(24)
        if result.throttled:
            minutes = int(accounts.THROTTLE_WINDOW.total_seconds() // 60)
            error = f"Too many attempts. Wait {minutes} minutes and try again."
            status = 429
        else:
            error = "That email and password do not match an account."
            status = 401
        response = dash.render("login.html", status=status, csrf=token, error=error, email=email[:320], session=None)
        dash.set_cookie(response, LOGIN_COOKIE, token, max_age=3600)
        return response
    response = web.Response(status=303, headers={"Location": "/hr/"})
    dash.set_cookie(response, COOKIE, result.session_token, max_age=accounts.SESSION_HOURS * 3600)
    response.del_cookie(LOGIN_COOKIE, path="/hr/")
    return response


@logged_in
async def logout(request: web.Request, dash: Dashboard, sess: accounts.DashboardSession) -> web.StreamResponse:
    await dash.run(accounts.logout, dash.store, request.cookies.get(COOKIE))
    response = web.Response(status=303, headers={"Location": "/hr/login"})
    response.del_cookie(COOKIE, path="/hr/")
    return response


# --- cohorts ------------------------------------------------------------------------------
def _cohort_rows(dash: Dashboard, tenant: str) -> list[dict]:
    db = dash.store.db
    rows = []
    now = _now()
    for c in cohort.all_of(db, tenant):
        entries = roster.roster(db, c, now)
        report = reports.build(db, c, now)
        response = report.of("response")
        latest = next(((w, cell.value) for w, cell in zip(reversed(report.weeks), reversed(response.cells), strict=True)
                       if cell.shown and cell.value is not None), None) if response else None
        rows.append({
            "cohort": c,
            "members": len(entries),
            "active": sum(1 for e in entries if e.status in ("started", "active")),
            "response": (f"{latest[1] * 100:.0f}% ({latest[0].label})" if latest else reports.NOT_ENOUGH),
        })
    return rows


def _cohorts_table(rows: list[dict]) -> reports.Table:
    return reports.Table(
        "Cohorts",
        ("cohort", "start", "check-in", "members", "started or active", "latest check-in response"),
        tuple((r["cohort"].name, r["cohort"].start_date.isoformat() if r["cohort"].start_date else "",
               f"{WEEKDAY_NAMES[r['cohort'].checkin_weekday]} {r['cohort'].checkin_time}",
               str(r["members"]), str(r["active"]), r["response"]) for r in rows),
    )


@logged_in
async def cohorts_page(request: web.Request, dash: Dashboard, sess: accounts.DashboardSession) -> web.StreamResponse:
    rows = await dash.run(_cohort_rows, dash, sess.admin.tenant)
    return dash.render("cohorts.html", session=sess, rows=rows, error=None,
                       form={"name": "", "start": "", "weekday": "0", "time": "09:00"})


async def cohorts_csv(request: web.Request) -> web.StreamResponse:
    return await _csv_of(request, lambda dash, sess, c: [_cohorts_table(_cohort_rows(dash, sess.admin.tenant))],
                         "cohorts", needs_cohort=False)


@logged_in
async def cohort_create(request: web.Request, dash: Dashboard, sess: accounts.DashboardSession) -> web.StreamResponse:
    form = await request.post()
    values = {k: str(form.get(k) or "").strip() for k in ("name", "start", "weekday", "time")}
    try:
        made = await dash.run(
            cohort.create, dash.store, sess.admin.tenant, values["name"], _now(),
            start=cohort.parse_start(values["start"]), weekday=cohort.parse_weekday(values["weekday"] or "0"),
            time=values["time"] or "09:00",
        )
    except cohort.CohortError as exc:
        rows = await dash.run(_cohort_rows, dash, sess.admin.tenant)
        return dash.render("cohorts.html", status=400, session=sess, rows=rows, error=str(exc), form=values)
    raise web.HTTPSeeOther(f"/hr/cohorts/{made.id}/roster")


@logged_in
async def cohort_home(request: web.Request, dash: Dashboard, sess: accounts.DashboardSession) -> web.StreamResponse:
    found = await _cohort_of(request, dash, sess)
    raise web.HTTPSeeOther(f"/hr/cohorts/{found.id}/progress")


# --- roster and enrolment -----------------------------------------------------------------
def _roster_table(dash: Dashboard, c: cohort.Cohort) -> reports.Table:
    entries = roster.roster(dash.store.db, c, _now())
    return reports.Table("Roster", ("name", "status"), tuple((e.name, e.label) for e in entries))


@logged_in
async def roster_page(request: web.Request, dash: Dashboard, sess: accounts.DashboardSession) -> web.StreamResponse:
    c = await _cohort_of(request, dash, sess)
    table = await dash.run(_roster_table, dash, c)
    counts = {s: 0 for s in roster.STATUSES}
    for _, label in table.rows:
        counts["quiet" if label.startswith("quiet") else label] += 1
    return dash.render("roster.html", session=sess, cohort=c, table=table, counts=counts, tab="roster")


@logged_in
async def enrol_submit(request: web.Request, dash: Dashboard, sess: accounts.DashboardSession) -> web.StreamResponse:
    c = await _cohort_of(request, dash, sess)
    form = await request.post()
    upload = form.get("csv")
    error = None
    report = None
    if not isinstance(upload, web.FileField) or not upload.filename:
        error = "Choose a CSV file to upload."
    else:
        raw = upload.file.read(enrol.MAX_BYTES + 1)
        text = raw.decode("utf-8-sig", errors="replace")
        resolver = resolver_from_env(dash.config.slack_bot_token, dash.config.slack_api_url, store=dash.store,
                                     client_id=dash.config.slack_client_id)
        try:
            report = await dash.run(enrol.enrol, dash.store, c, text, _now(), resolver=resolver)
        except enrol.EnrolError as exc:
            error = f"Nothing was enrolled: {exc}."
    status = 400 if error else 200
    return dash.render("enrolled.html", status=status, session=sess, cohort=c, report=report, error=error,
                       tab="roster")


# --- progress --------------------------------------------------------------------------
def _filters(request: web.Request) -> tuple[str | None, str | None, str | None]:
    """Week range and split from the query; anything unknown is ignored, never trusted."""
    query = request.query
    split = query.get("split") or None
    if split not in reports.GROUPERS:
        split = None
    first = query.get("from") or None
    last = query.get("to") or None
    first = first if first and WEEK.match(first) else None
    last = last if last and WEEK.match(last) else None
    return first, last, split


class _Item(TypedDict):
    """One measure on the progress page: its chart, its tables and the chart's legend."""

    title: str
    chart: Markup
    tables: list[reports.Table]
    legend: list[tuple[str, str]]  # (label, the colour class of its line)


class _Section(TypedDict):
    name: str
    items: list[_Item]


def _progress(dash: Dashboard, c: cohort.Cohort, first: str | None, last: str | None, split: str | None) -> dict:
    db = dash.store.db
    now = _now()
    report = reports.build(db, c, now, split=split, first_week=first, last_week=last)
    every_week = reports.cohort_weeks(c, roster.members(db, c), now)  # for the range pickers
    labels = [w.label for w in report.weeks]
    groups: list[str | None] = [None, *report.groups]

    def chart(key: str) -> Markup:
        base = report.of(key)
        assert base is not None
        lines = [charts.Line("Whole cohort" if g is None else g, s.cells)
                 for g in groups if (s := report.of(key, g)) is not None]
        return charts.line_chart(base.title, base.kind, labels, lines)

    sections = [
        ("Taking part", ["response", "experiments_proposed", "experiments_tried", "experiments_completed"]),
        ("Readiness", ["importance", "confidence"]),
        ("Beliefs", [s.key for s in report.series if s.key.startswith("belief:") and s.group is None]),
        ("Coaching quality", ["commitment"]),
    ]
    tables = {t.title: t for t in reports.tables(report)}
    built: list[_Section] = []
    for name, keys in sections:
        items: list[_Item] = []
        for key in keys:
            base = report.of(key)
            assert base is not None
            item_tables = [tables[base.title]] + [tables[f"{base.title} — {g}"] for g in report.groups]
            legend = []
            for i, g in enumerate(groups):
                drawn = any(c.shown for c in (report.of(key, g) or base).cells)
                label = "Whole cohort" if g is None else g
                legend.append((label if drawn else f"{label} (hidden: too few people)", f"s{i % 6}"))
            items.append({"title": base.title, "chart": chart(key), "tables": item_tables, "legend": legend})
        built.append({"name": name, "items": items})
    # The export lists the tables in the page's order, so it reads like the page.
    shown = [t for section in built for item in section["items"] for t in item["tables"]]
    return {"report": report, "sections": built, "weeks": every_week, "tables": shown}


@logged_in
async def progress_page(request: web.Request, dash: Dashboard, sess: accounts.DashboardSession) -> web.StreamResponse:
    c = await _cohort_of(request, dash, sess)
    first, last, split = _filters(request)
    data = await dash.run(_progress, dash, c, first, last, split)
    return dash.render("progress.html", session=sess, cohort=c, tab="progress", first=first or "", last=last or "",
                       split=split or "", split_labels=SPLIT_LABELS, query=request.query_string, **data)


# --- programme -------------------------------------------------------------------------
def _programme_rows(c: cohort.Cohort, extra: int = 2) -> list[dict]:
    rows = [{"week": w.week, "theme": w.theme, "questions": list(w.questions)} for w in c.programme]
    rows += [{"week": len(rows) + i + 1, "theme": "", "questions": []} for i in range(extra)]
    return rows


def _programme_table(dash: Dashboard, c: cohort.Cohort) -> reports.Table:
    return reports.Table("Programme", ("week", "theme", "strategic questions"),
                         tuple((str(w.week), w.theme, "; ".join(dash.question_topics[q] for q in w.questions))
                               for w in c.programme))


@logged_in
async def programme_page(request: web.Request, dash: Dashboard, sess: accounts.DashboardSession) -> web.StreamResponse:
    c = await _cohort_of(request, dash, sess)
    return dash.render("programme.html", session=sess, cohort=c, tab="programme", rows=_programme_rows(c),
                       topics=dash.question_topics, error=None, saved=request.query.get("saved") == "1")


@logged_in
async def programme_submit(request: web.Request, dash: Dashboard,
                           sess: accounts.DashboardSession) -> web.StreamResponse:
    c = await _cohort_of(request, dash, sess)
    form = await request.post()
    rows = []
    for i in range(cohort.MAX_WEEKS + 2):
        if f"theme_{i}" not in form:
            continue
        theme = str(form.get(f"theme_{i}") or "").strip()
        week = str(form.get(f"week_{i}") or "").strip()
        questions = [str(q) for q in form.getall(f"q_{i}", [])]
        if not theme and not form.get(f"keep_{i}"):
            continue  # an empty row is a week removed (or a spare row left blank)
        rows.append({"week": int(week) if week.isdigit() else i + 1, "theme": theme, "questions": questions})
    try:
        programme = cohort.validate_programme(rows)
    except cohort.CohortError as exc:
        return dash.render("programme.html", status=400, session=sess, cohort=c, tab="programme",
                           rows=rows + _programme_rows(c, 1)[len(c.programme):], topics=dash.question_topics,
                           error=str(exc), saved=False)
    await dash.run(cohort.set_programme, dash.store, c, programme)
    raise web.HTTPSeeOther(f"/hr/cohorts/{c.id}/programme?saved=1")


# --- CSV exports: the same tables the pages show ------------------------------------
async def _csv_of(request: web.Request, tables_of: Callable[..., list[reports.Table]], name: str,
                  needs_cohort: bool = True) -> web.StreamResponse:
    @logged_in
    async def handler(request: web.Request, dash: Dashboard, sess: accounts.DashboardSession) -> web.StreamResponse:
        c = await _cohort_of(request, dash, sess) if needs_cohort else None
        tables = await dash.run(tables_of, dash, sess, c)
        out = io.StringIO()
        writer = csv.writer(out)
        columns: tuple[str, ...] | None = None
        for table in tables:
            if table.columns != columns:  # one header row for a run of tables with the same columns
                writer.writerow(["table", *table.columns])
                columns = table.columns
            for row in table.rows:
                writer.writerow([table.title, *(_safe_cell(v) for v in row)])
        filename = f"{name}-{c.id}.csv" if c else f"{name}.csv"
        return web.Response(text=out.getvalue(), content_type="text/csv", charset="utf-8",
                            headers={"Content-Disposition": f'attachment; filename="{filename}"'})

    return await handler(request)


def _safe_cell(value: str) -> str:
    """Spreadsheet formula injection: a name starting with = + - @ is written as text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") and not value[1:2].isdigit() else value


async def roster_csv(request: web.Request) -> web.StreamResponse:
    return await _csv_of(request, lambda dash, sess, c: [_roster_table(dash, c)], "roster")


async def progress_csv(request: web.Request) -> web.StreamResponse:
    first, last, split = _filters(request)
    return await _csv_of(request, lambda dash, sess, c: _progress(dash, c, first, last, split)["tables"], "progress")


async def programme_csv(request: web.Request) -> web.StreamResponse:
    return await _csv_of(request, lambda dash, sess, c: [_programme_table(dash, c)], "programme")


# --- wiring ----------------------------------------------------------------------------
async def to_dashboard(request: web.Request) -> web.StreamResponse:
    raise web.HTTPSeeOther("/hr/")


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        if request.path.startswith("/hr"):
            exc.headers.update(HEADERS)
        raise
    if request.path.startswith("/hr"):
        response.headers.update(HEADERS)
    return response


def attach(app: web.Application, coach: Coach, config: Config) -> None:
    """Add the dashboard's routes under ``/hr/`` to the server."""
    from importlib.resources import files

    app[HR_KEY] = Dashboard(coach, config)
    app.middlewares.append(security_headers)
    r = app.router
    r.add_get("/hr", to_dashboard)
    r.add_get("/hr/", cohorts_page)
    r.add_get("/hr/cohorts.csv", cohorts_csv)
    r.add_post("/hr/cohorts", cohort_create)
    r.add_get("/hr/login", login_page)
    r.add_post("/hr/login", login_submit)
    r.add_post("/hr/logout", logout)
    r.add_get("/hr/cohorts/{cohort_id}", cohort_home)
    r.add_get("/hr/cohorts/{cohort_id}/roster", roster_page)
    r.add_get("/hr/cohorts/{cohort_id}/roster.csv", roster_csv)
    r.add_post("/hr/cohorts/{cohort_id}/enrol", enrol_submit)
    r.add_get("/hr/cohorts/{cohort_id}/progress", progress_page)
    r.add_get("/hr/cohorts/{cohort_id}/progress.csv", progress_csv)
    r.add_get("/hr/cohorts/{cohort_id}/programme", programme_page)
    r.add_post("/hr/cohorts/{cohort_id}/programme", programme_submit)
    r.add_get("/hr/cohorts/{cohort_id}/programme.csv", programme_csv)
    r.add_static(STATIC, str(files("coachbot.adapters.hr").joinpath("static")), show_index=False)

