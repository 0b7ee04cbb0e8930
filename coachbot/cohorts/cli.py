"""Command-line commands for HR (CONTRACTS.md): ``cohort create``, ``cohort enroll``,
``admin create``, and the executive's ``hr-view``. Registered by ``coachbot/cli.py``."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import UTC, datetime

from coachbot.cohorts import accounts, cohort, enrol, schema
from coachbot.store import Store

LOCAL_TENANT = "local"


def _now() -> datetime:
    return datetime.now(UTC)


def _store(args: argparse.Namespace) -> Store:
    from coachbot.cli import _store as open_store

    return schema.ensure(open_store(args))


def _fail(message: str) -> Exception:
    from coachbot.cli import CliError

    return CliError(message)


def _default_tenant(store: Store, given: str | None) -> str:
    """``--tenant`` if given; else the one workspace this database knows; else 'local'."""
    if given:
        return given.strip()
    known = [t for t in cohort.known_tenants(store.db) if t != LOCAL_TENANT]
    return known[0] if len(known) == 1 else LOCAL_TENANT


def _find_cohort(store: Store, name: str, tenant: str | None) -> cohort.Cohort:
    if tenant:
        found = cohort.by_name(store.db, tenant, name)
        if found is None:
            raise _fail(f"no cohort called {name!r} in tenant {tenant!r}")
        return found
    matches = cohort.named_anywhere(store.db, name)
    if not matches:
        raise _fail(f"no cohort called {name!r} (create it with: coachbot cohort create {name!r})")
    if len(matches) > 1:
        raise _fail(f"cohorts called {name!r} exist in {len(matches)} tenants: add --tenant")
    return matches[0]


def cmd_cohort_create(args: argparse.Namespace) -> int:
    store = _store(args)
    try:
        made = cohort.create(
            store, _default_tenant(store, args.tenant), args.name, _now(),
            start=cohort.parse_start(args.start), weekday=cohort.parse_weekday(args.weekday), time=args.time,
        )
    except cohort.CohortError as exc:
        raise _fail(str(exc)) from None
    print(json.dumps({"cohort": made.name, "id": made.id, "tenant": made.tenant,
                      "start": made.start_date.isoformat() if made.start_date else None,
                      "weekday": made.weekday_name, "time": made.checkin_time,
                      "programme_weeks": len(made.programme)}))
    return 0


def _adopt_tenant(store: Store, target: cohort.Cohort, text: str) -> cohort.Cohort:
    """A cohort made before its workspace was known takes the one tenant its first file names.

    Only an empty cohort in the placeholder tenant moves, and only when every row names
    the same tenant: nothing already enrolled ever changes workspace.
    """
    if target.tenant != LOCAL_TENANT:
        return target
    if store.db.execute("select 1 from cohort_members where cohort_id = ?", [target.id]).fetchone():
        return target
    try:
        tenants = {row.get("tenant", "") for _, row in enrol.read_rows(text)} - {""}
    except enrol.EnrolError:
        return target
    if len(tenants) != 1:
        return target
    (tenant,) = tenants
    with store.write() as db:
        if cohort.by_name(db, tenant, target.name) is not None:
            return target
        db.execute("update cohorts set tenant = ? where id = ? and tenant = ?", [tenant, target.id, LOCAL_TENANT])
    print(f"cohort {target.name!r} now belongs to tenant {tenant}", file=sys.stderr)
    moved = cohort.get(store.db, tenant, target.id)
    assert moved is not None, "moved to this tenant just above"
    return moved


def cmd_cohort_enroll(args: argparse.Namespace) -> int:
    store = _store(args)
    target = _find_cohort(store, args.name, args.tenant)
    try:
        with open(args.csv, encoding="utf-8-sig", errors="replace", newline="") as handle:
            text = handle.read()
    except OSError as exc:
        raise _fail(f"cannot read {args.csv}: {exc.strerror or exc}") from None
    if not args.tenant:
        target = _adopt_tenant(store, target, text)
    from coachbot.adapters.hr.resolve import resolver_from_env

    try:
        report = enrol.enrol(store, target, text, _now(), resolver=resolver_from_env(store=store))
    except enrol.EnrolError as exc:
        raise _fail(f"{args.csv}: {exc}") from None
    for row in report.rows:
        print(json.dumps(asdict(row), ensure_ascii=False))
    summary = {k: report.count(k) for k in ("enrolled", "skipped", "invalid")}
    print(json.dumps({"cohort": target.name, "tenant": target.tenant, **summary}))
    return 0


def cmd_admin_create(args: argparse.Namespace) -> int:
    store = _store(args)
    if sys.stdin.isatty():
        import getpass

        password = getpass.getpass("Password (12 characters or more): ")
        if getpass.getpass("Again: ") != password:
            raise _fail("the two passwords differ")
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    try:
        admin = accounts.create_admin(store, _default_tenant(store, args.tenant), args.email, password, _now())
    except accounts.AccountError as exc:
        raise _fail(str(exc)) from None
    print(json.dumps({"admin": admin.email, "tenant": admin.tenant}))
    return 0


def cmd_hr_view(args: argparse.Namespace) -> int:
    from coachbot.cli import _coach, _who
    from coachbot.models import Who
    from coachbot.privacy import hr_view_lines

    coach = _coach(args)
    who = _who(args)
    platform = args.platform
    if not platform:
        # The platform is part of who someone is; without --platform, the one this user id is on.
        found = [r[0] for r in coach.store.db.execute(
            "select platform from executives where tenant = ? and user_id = ?", [who.tenant, who.user])]
        if len(found) > 1:
            raise _fail(f"{who.user} is known on {', '.join(sorted(found))}: add --platform")
        platform = found[0] if found else who.platform
    view = coach.hr_view(Who(who.tenant, who.user, platform))
    if args.json:
        print(json.dumps(asdict(view), ensure_ascii=False))
        return 0
    cohorts = hr_view_lines(view)
    print("What HR sees about you")
    if not cohorts:
        print("  You are in no cohort, so HR sees nothing about you.")
    for name, lines in cohorts:
        print(f"\nCohort {name}:")
        for line in lines:
            print(f"  - {line}")
    print("\nHR never sees:")
    for item in view.never_visible:
        print(f"  - {item}")
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             user: argparse.ArgumentParser) -> None:
    """Add the HR commands to the ``coachbot`` parser."""
    tenant = argparse.ArgumentParser(add_help=False)
    tenant.add_argument("--tenant", help="Slack team id / Teams tenant id (default: the only one this "
                                         "database knows, else 'local')")

    group = sub.add_parser("cohort", help="leadership cohorts (HR)")
    cohort_sub = group.add_subparsers(dest="cohort_command", required=True, metavar="COMMAND")
    p = cohort_sub.add_parser("create", parents=[common, tenant], help="a new cohort with the default programme")
    p.add_argument("name")
    p.add_argument("--start", help="start date, YYYY-MM-DD")
    p.add_argument("--weekday", default="mon", help="check-in weekday (mon..sun), default mon")
    p.add_argument("--time", default="09:00", help="check-in time HH:MM in each member's time zone")
    p.set_defaults(func=cmd_cohort_create)
    p = cohort_sub.add_parser("enroll", aliases=["enrol"], parents=[common, tenant],
                              help="enrol executives from a CSV file")
    p.add_argument("name")
    p.add_argument("--csv", required=True, help="platform,tenant,user[,email,name,timezone]")
    p.set_defaults(func=cmd_cohort_enroll)

    group = sub.add_parser("admin", help="HR dashboard accounts")
    admin_sub = group.add_subparsers(dest="admin_command", required=True, metavar="COMMAND")
    p = admin_sub.add_parser("create", parents=[common, tenant], help="an account; password on standard input")
    p.add_argument("--email", required=True)
    p.set_defaults(func=cmd_admin_create)

    p = sub.add_parser("hr-view", parents=[common, user], help="exactly what HR sees about an executive")
    p.add_argument("--platform", choices=("slack", "teams", "cli"),
                   help="where the executive talks to the coach (default: the one their user id is on)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_hr_view)
