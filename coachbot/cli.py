"""The ``coachbot`` command line.

Every failure is one readable line on standard error and a non-zero exit, never a
traceback: 2 for a usage error or a damaged database, 3 when the executive or the
database file asked about does not exist.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sqlite3
import sys
import textwrap
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from coachbot.models import DIMENSIONS, Reply, Who

if TYPE_CHECKING:  # imported where used, so a plain command starts fast
    from datetime import datetime

    from coachbot.engine import Coach
    from coachbot.store import Store

LOCAL_TENANT = "local"


class CliError(Exception):
    """A problem to show the user as one line, then exit 2."""

    exit_code = 2


class NotFound(CliError):
    """The executive, or the database file, a read command asked about does not exist."""

    exit_code = 3


def _db_path(args: argparse.Namespace) -> Path:
    from coachbot.store import default_db_path

    return Path(args.db).expanduser() if getattr(args, "db", None) else default_db_path()


def _store(args: argparse.Namespace, *, must_exist: bool = False) -> Store:
    from coachbot.store import Store

    path = _db_path(args)
    if must_exist and not path.exists():
        # A mistyped --db must not quietly create (and answer from) a new empty database.
        raise NotFound(f"no database at {path} (check --db or $COACHBOT_DB)")
    try:
        return Store(path)
    except sqlite3.DatabaseError as exc:
        from coachbot.salvage import is_damage

        if is_damage(exc):
            raise  # main() and export explain a damaged file
        raise CliError(f"cannot open the database {path}: {exc}") from None
    except Exception as exc:  # sqlite3 errors, permissions, a directory given as --db
        raise CliError(f"cannot open the database {args.db or '(default)'}: {exc}") from None


def _coach(args: argparse.Namespace, *, must_exist: bool = False, llm: bool = False) -> Coach:
    from coachbot.config import Config
    from coachbot.engine import Coach

    config = Config.from_env(args.db)
    store = _store(args, must_exist=must_exist)
    return Coach(
        store,
        session_gap_minutes=config.session_gap_minutes,
        max_input_chars=config.max_input_chars,
        **(_llm_options(store) if llm else {}),
    )


def _llm_options(store: Store) -> dict:
    """The configured LLM's parts for the coach (none: the built-in engine alone)."""
    from coachbot.llm import coach_options

    try:
        return coach_options(store)
    except ValueError as exc:  # contradictory LLM settings: say which, coach nothing wrong
        raise CliError(str(exc)) from None


def _who(args: argparse.Namespace) -> Who:
    user = (args.user or "").strip()
    if not user:
        raise CliError("--user must not be empty")
    return Who(tenant=args.tenant, user=user, platform="cli")


def _known(coach: Coach, who: Who) -> Who:
    """``who``, or NotFound when they have never talked to the coach."""
    from coachbot import executives

    if executives.find(coach.store.db, who) is None:
        raise NotFound(f"no executive {who.user!r} in tenant {who.tenant!r}")
    return who


# --- chat ------------------------------------------------------------------------------
def _tty_printer(replies: Iterable[Reply]) -> None:
    for reply in replies:
        for paragraph in reply.text.split("\n"):
            wrapped = textwrap.fill(paragraph, width=78, initial_indent="  ",
                                    subsequent_indent="  ") if paragraph.strip() else ""
            print(f"\033[36m{wrapped}\033[0m" if sys.stdout.isatty() else wrapped)
        print()


def _jsonl_printer(replies: Iterable[Reply]) -> None:
    for reply in replies:
        print(json.dumps({"role": "coach", "text": reply.text, "kind": reply.kind},
                         ensure_ascii=False), flush=True)


def _plain_printer(replies: Iterable[Reply]) -> None:
    for reply in replies:
        print(f"coach: {reply.text}", flush=True)


def cmd_chat(args: argparse.Namespace) -> int:
    """One terminal run is one session: it ends on a goodbye, ``exit``, Ctrl-D or end of input."""
    coach = _coach(args, llm=True)
    who = _who(args)
    interactive = sys.stdin.isatty() and not args.jsonl
    show: Callable[[Iterable[Reply]], None]
    if args.jsonl:
        show = _jsonl_printer
    elif interactive:
        show = _tty_printer
    else:
        show = _plain_printer
    if interactive:
        _line_editing()
        print("\033[2mcoachbot — type to talk; 'help' for commands; 'bye', 'exit' or Ctrl-D to end.\033[0m\n")
    # Binary or mis-encoded input must not crash the session.
    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(errors="replace")
    show(coach.start(who, _clock(), fresh=True))
    ended = False
    while not ended:
        try:
            line = input("you › " if interactive else "")
        except EOFError:
            break
        except KeyboardInterrupt:
            print()
            break
        if line.strip().lower() in ("exit", "quit", "/exit", "/quit"):
            break
        replies = coach.reply(who, line, _clock())
        show(replies)
        ended = any(r.kind == "close" for r in replies)
    if not ended:
        show(coach.end_session(who, _clock()))
    return 0


def _line_editing() -> None:
    """Arrow keys, history (kept between runs) and Ctrl-R in the interactive chat."""
    try:
        import readline
    except ImportError:  # Windows without pyreadline: plain input still works
        return
    import atexit

    import platformdirs

    history = Path(platformdirs.user_state_dir("coachbot", appauthor=False)) / "chat_history"
    try:
        history.parent.mkdir(parents=True, exist_ok=True)
        readline.read_history_file(history)
    except OSError:
        pass
    readline.set_history_length(500)
    atexit.register(_save_history, history)


def _save_history(path: Path) -> None:
    import readline  # only registered once this import worked

    try:
        readline.write_history_file(path)
        path.chmod(0o600)
    except OSError:
        pass


def _clock() -> datetime:
    from datetime import UTC, datetime

    return datetime.now(UTC)


# --- classify --------------------------------------------------------------------------
def cmd_classify(args: argparse.Namespace) -> int:
    from coachbot.beliefs import detect

    for raw in sys.stdin.buffer:
        text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        beliefs = [b.as_dict() for b in detect(text)]
        print(json.dumps({"text": text, "beliefs": beliefs}, ensure_ascii=False), flush=False)
    sys.stdout.flush()
    return 0


# --- acts ------------------------------------------------------------------------------
def cmd_acts(args: argparse.Namespace) -> int:
    from coachbot.acts import understand

    for raw in sys.stdin.buffer:
        text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        u = understand(text, expecting_report=args.expecting_report, offered=args.offered)
        print(json.dumps({"text": text, **u.as_dict()}, ensure_ascii=False), flush=False)
    sys.stdout.flush()
    return 0


# --- journey ---------------------------------------------------------------------------
def _bar(position: float | None, width: int = 21) -> str:
    if position is None:
        return "·" * width
    middle = width // 2
    cells = ["─"] * width
    cells[middle] = "┼"
    mark = round(middle + position * middle)
    cells[max(0, min(width - 1, mark))] = "●"
    return "".join(cells)


def render_journey(data: dict) -> str:
    lines = [f"Journey of {data['user']} — {data['sessions']} session(s)"
             + (f", stage: {data['stage']}" if data.get("stage") else ""), ""]
    lines.append(f"{'':26} old {'':17} new")
    for dimension in DIMENSIONS:
        entry = data["dimensions"][dimension]
        count = len(entry["observations"])
        pos = entry["position"]
        label = "no evidence yet" if pos is None else f"{pos:+.2f} ({count} obs.)"
        lines.append(f"{dimension:26} {_bar(pos)}  {label}")
    if data["shifts"]:
        lines += ["", "Shifts:"]
        for s in data["shifts"]:
            lines.append(f"  session {s['session']}: {s['dimension']} moved {s['from']} → {s['to']}")
    if "checkins" in data:
        from coachbot.journey import checkins_summary

        lines += ["", checkins_summary(data["checkins"])]
    return "\n".join(lines)


def cmd_journey(args: argparse.Namespace) -> int:
    coach = _coach(args, must_exist=True)
    data = coach.journey(_known(coach, _who(args)))
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=None))
    else:
        print(render_journey(data))
    return 0


# --- export / forget -------------------------------------------------------------------
def cmd_export(args: argparse.Namespace) -> int:
    from coachbot import salvage

    who = _who(args)
    damaged: list[str] = []
    try:
        coach = _coach(args, must_exist=True)
        data = coach.export(_known(coach, who))
    except sqlite3.DatabaseError as exc:
        if not salvage.is_damage(exc):
            raise
        # The executive's data is theirs even when the file is damaged: give what can be read.
        try:
            saved = salvage.export(_db_path(args), who)
        except sqlite3.DatabaseError:
            raise exc from None
        data, damaged = saved.export, saved.damaged_tables
        if data["executive"] is None and not damaged:
            raise NotFound(f"no executive {who.user!r} in tenant {who.tenant!r}") from None
        if data["executive"] is None:
            raise exc from None
    _write_private(args.output, json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    if damaged:
        print(f"coachbot: the database {_db_path(args)} is damaged; exported what could be read "
              f"(rows are missing from: {', '.join(damaged)})", file=sys.stderr)
        return 1
    return 0


def _write_private(output: str | None, text: str) -> None:
    """The export to standard output, or to a new file only its owner can read."""
    if not output:
        sys.stdout.write(text)
        return
    fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # also when the file was already there
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(text)
    print(f"wrote {output}", file=sys.stderr)


def cmd_forget(args: argparse.Namespace) -> int:
    coach = _coach(args, must_exist=True)
    who = _known(coach, _who(args))
    if not args.yes:
        if not sys.stdin.isatty():
            raise CliError("refusing to delete without confirmation: add --yes")
        answer = input(f"Delete every record of {who.user!r} in {who.tenant!r}? This cannot be "
                       "undone. Type 'yes': ")
        if answer.strip().lower() != "yes":
            print("Nothing deleted.")
            return 1
    deleted = coach.forget(who)
    print(f"Deleted {deleted} row(s) for {who.user}.")
    return 0


# --- serve / teams ---------------------------------------------------------------------
def cmd_serve(args: argparse.Namespace) -> int:
    import logging

    from coachbot.config import Config
    from coachbot.server import serve

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    serve(Config.from_env(args.db), host=args.host, port=args.port, scheduler=not args.no_scheduler)
    return 0


# --- check-ins -------------------------------------------------------------------------
def _instant(text: str | None) -> datetime:
    from datetime import UTC, datetime

    if not text:
        return datetime.now(UTC)
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise CliError(f"--now must be an ISO-8601 instant such as 2026-11-23T09:00:00Z, not {text!r}") from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def cmd_checkins_run(args: argparse.Namespace) -> int:
    import asyncio

    from coachbot.adapters.channels import build_channels, close_channels
    from coachbot.checkins.runner import Runner
    from coachbot.config import Config

    now = _instant(args.now)
    coach = _coach(args)
    channels = build_channels(coach, Config.from_env(args.db))

    async def run() -> dict:
        runner = Runner(coach, channels, concurrency=args.concurrency)
        try:
            return await runner.run_once(now)
        finally:
            runner.close()
            await close_channels(channels)

    counts = asyncio.run(run())
    print(json.dumps({**counts, "now": now.isoformat()}), flush=True)
    return 0


def cmd_checkins_status(args: argparse.Namespace) -> int:
    from coachbot.checkins import status

    data = status.report(_coach(args), now=_instant(args.now))
    print(json.dumps(data, ensure_ascii=False) if args.json else status.render(data))
    return 0


def cmd_teams_package(args: argparse.Namespace) -> int:
    from coachbot.adapters.teams.package import build_package

    try:
        out = build_package(app_id=args.app_id, domain=args.domain, out=Path(args.out))
    except (ValueError, FileNotFoundError) as exc:
        raise CliError(str(exc)) from None
    print(out)
    return 0


def cmd_usage(args: argparse.Namespace) -> int:
    from coachbot.llm.usage import usage_by_tenant

    rows = usage_by_tenant(_store(args), tenant=args.tenant, since=args.since)
    if args.json:
        for row in rows:
            print(json.dumps(row.as_dict()))
        return 0
    if not rows:
        print("No LLM calls recorded.")
        return 0
    print(f"{'tenant':<24} {'calls':>7} {'tokens in':>11} {'tokens out':>11} {'fallbacks':>9}")
    for row in rows:
        print(f"{row.tenant:<24} {row.calls:>7} {row.tokens_in:>11} {row.tokens_out:>11} {row.fallbacks:>9}")
    return 0


# --- parser ----------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="SQLite file (default: $COACHBOT_DB or the user data dir)")
    user = argparse.ArgumentParser(add_help=False)
    user.add_argument("--user", required=True, help="the executive's user id")
    user.add_argument("--tenant", default=LOCAL_TENANT, help="workspace / tenant id")

    from coachbot import __version__

    parser = argparse.ArgumentParser(
        prog="coachbot", description="coachbot: a coach for executives, in the terminal, Slack and Teams.")
    parser.add_argument("--version", action="version", version=f"coachbot {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("chat", parents=[common, user], help="a coaching session in the terminal")
    p.add_argument("--jsonl", action="store_true", help="one JSON object per coach message")
    p.set_defaults(func=cmd_chat)

    p = sub.add_parser("classify", parents=[common], help="detect beliefs, one text per line")
    p.add_argument("--jsonl", action="store_true", help="JSON lines out (the default)")
    p.set_defaults(func=cmd_classify)

    p = sub.add_parser("acts", parents=[common], help="dialogue acts, commitment and report, one text per line")
    p.add_argument("--expecting-report", action="store_true", help="an experiment awaits its report")
    p.add_argument("--offered", action="store_true", help="the coach has just asked for a plan")
    p.set_defaults(func=cmd_acts)

    p = sub.add_parser("journey", parents=[common, user], help="an executive's belief journey")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_journey)

    p = sub.add_parser("export", parents=[common, user], help="all of an executive's data as JSON")
    p.add_argument("--output", "-o", help="write to this file instead of standard output")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("forget", parents=[common, user], help="delete all of an executive's data")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(func=cmd_forget)

    p = sub.add_parser("serve", parents=[common], help="run the Slack / Teams server")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=3978)
    p.add_argument("--no-scheduler", action="store_true", help="do not send weekly check-ins")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("usage", parents=[common], help="LLM tokens in and out per tenant")
    p.add_argument("--tenant", help="one tenant only")
    p.add_argument("--since", help="from this date on (YYYY-MM-DD)")
    p.add_argument("--json", action="store_true", help="one JSON object per tenant")
    p.set_defaults(func=cmd_usage)

    checkins = sub.add_parser("checkins", help="weekly check-ins")
    checkins_sub = checkins.add_subparsers(dest="checkins_command", required=True, metavar="COMMAND")
    p = checkins_sub.add_parser("run", parents=[common], help="send every check-in due now, then exit")
    p.add_argument("--now", help="the instant to run at (ISO-8601; default: the clock)")
    p.add_argument("--concurrency", type=int, default=16, help="sends under way at once (default 16)")
    p.set_defaults(func=cmd_checkins_run)
    p = checkins_sub.add_parser("status", parents=[common], help="what is due, sent, answered, snoozed, failed")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--now", help="the instant to report at (ISO-8601; default: the clock)")
    p.set_defaults(func=cmd_checkins_status)

    teams = sub.add_parser("teams", help="Microsoft Teams tools")
    teams_sub = teams.add_subparsers(dest="teams_command", required=True, metavar="COMMAND")
    p = teams_sub.add_parser("package", help="write the Teams app package zip")
    p.add_argument("--app-id", required=True, help="the bot's Microsoft App ID")
    p.add_argument("--domain", required=True, help="the public domain serving /api/messages")
    p.add_argument("--out", default="coachbot-teams.zip", help="zip file to write")
    p.set_defaults(func=cmd_teams_package)

    from coachbot.cohorts.cli import register as register_hr

    register_hr(sub, common, user)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"coachbot: {exc}", file=sys.stderr)
        return exc.exit_code
    except sqlite3.DatabaseError as exc:
        from coachbot.salvage import is_damage

        if not is_damage(exc):
            print(f"coachbot: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 1
        print(f"coachbot: the database {_db_path(args)} is damaged ({exc}); "
              "'coachbot export --user USER' saves what can still be read", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last guard: one line, never a traceback
        print(f"coachbot: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
