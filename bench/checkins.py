"""How fast, and how exactly once, does coachbot deliver a big week of check-ins to Slack?

10,000 executives in 14 time zones, all on one Slack workspace, each with their check-in
due at the same instant (the worst case for fan-out: the whole cohort at once; quiet
hours are off so every zone is due together). A stand-in Slack Web API in its own
process limits ``chat.postMessage`` to ``--limit`` per second over a sliding second and
answers 429 with Retry-After beyond it, as Slack's workspace limit does; it answers
``conversations.history`` with each message's metadata, as Slack does.

Two runs, each of the real ``coachbot checkins run`` command in its own process:

1. **Clean**: time to deliver every due check-in, against the ideal (executives / limit
   seconds) as an efficiency ratio, and duplicates (people who got more than one).
2. **Crash**: the same on a fresh database, ``kill -9`` once about half are delivered,
   then the command run again: people never reached (lost) and reached twice (duplicated).

    python bench/checkins.py [--executives 10000] [--limit 100] [--json]

Targets (issue 13): efficiency >= 90 %, 0 duplicates clean, 0 lost and <= 1 duplicate after
the crash. Exit status 1 if any is missed.
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
ZONES = (
    "UTC", "Europe/London", "Europe/Berlin", "Europe/Helsinki", "Asia/Dubai", "Asia/Kolkata", "Asia/Singapore",
    "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland", "America/New_York", "America/Chicago",
    "America/Los_Angeles", "America/Sao_Paulo",
)
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
TEAM = "T-BENCH"


# --- the stand-in Slack Web API (runs in its own process) ----------------------------------
def serve_slack(port: int, limit: int) -> None:
    from aiohttp import web

    window: collections.deque[float] = collections.deque()
    posts: list[dict] = []
    counts = collections.Counter()

    async def api(request: web.Request) -> web.Response:
        method = request.match_info["method"]
        raw = await request.read()
        args = dict(request.query)
        if raw:
            if request.content_type == "application/json":
                args.update(json.loads(raw))
            else:
                from urllib.parse import parse_qsl

                args.update(parse_qsl(raw.decode()))
        if method == "chat.postMessage":
            now = time.monotonic()
            while window and window[0] <= now - 1.0:
                window.popleft()
            if len(window) >= limit:
                counts["429"] += 1
                wait = max(1, math.ceil(window[0] + 1.0 - now))
                return web.json_response({"ok": False, "error": "ratelimited"}, status=429,
                                         headers={"Retry-After": str(wait)})
            window.append(now)
            channel = args.get("channel", "")
            user = channel.removeprefix("D-")
            metadata = args.get("metadata")
            if isinstance(metadata, str):
                metadata = json.loads(metadata)
            ts = f"{time.time():.6f}"
            posts.append({"user": user, "ts": ts, "metadata": metadata, "at": now})
            return web.json_response({"ok": True, "channel": f"D-{user}", "ts": ts})
        if method == "conversations.open":
            return web.json_response({"ok": True, "channel": {"id": f"D-{args.get('users')}"}})
        if method == "conversations.history":
            counts["history"] += 1
            user = args.get("channel", "").removeprefix("D-")
            found = [{"ts": p["ts"], "metadata": p["metadata"]} for p in posts if p["user"] == user]
            return web.json_response({"ok": True, "messages": found[::-1]})
        if method == "users.info":
            counts["users.info"] += 1
            return web.json_response({"ok": True, "user": {"id": args.get("user"), "tz": "UTC"}})
        if method == "auth.test":
            return web.json_response({"ok": True, "team_id": TEAM, "user_id": "UBOT", "bot_id": "BBOT"})
        return web.json_response({"ok": False, "error": "unknown_method"})

    async def stats(request: web.Request) -> web.Response:
        per_user = collections.Counter(p["user"] for p in posts)
        first = posts[0]["at"] if posts else 0.0
        last = posts[-1]["at"] if posts else 0.0
        return web.json_response({"posts": len(posts), "users": len(per_user),
                                  "duplicated": sum(1 for n in per_user.values() if n > 1),
                                  "extra_posts": sum(n - 1 for n in per_user.values() if n > 1),
                                  "rate_limited": counts["429"], "history_calls": counts["history"],
                                  "users_info_calls": counts["users.info"], "span": last - first,
                                  "user_ids": sorted(per_user)})

    async def reset(request: web.Request) -> web.Response:
        posts.clear()
        counts.clear()
        window.clear()
        return web.json_response({"ok": True})

    app = web.Application(client_max_size=8 * 1024 * 1024)
    app.router.add_post("/api/{method}", api)
    app.router.add_get("/api/{method}", api)
    app.router.add_get("/stats", stats)
    app.router.add_post("/reset", reset)
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


# --- the bench -------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_database(path: Path, executives: int) -> list[str]:
    """``executives`` people, spread over the zones, each due at ``NOW`` on their own wall clock."""
    sys.path.insert(0, str(ROOT))
    from coachbot.engine import Coach
    from coachbot.store import Store

    store = Store(path)
    Coach(store)  # applies every migration
    synced = NOW.isoformat()
    rows = []
    users = []
    for n in range(executives):
        zone = ZONES[n % len(ZONES)]
        local = NOW.astimezone(ZoneInfo(zone))
        user = f"U{n:06d}"
        users.append(user)
        rows.append({"tenant": TEAM, "platform": "slack", "user_id": user, "timezone": zone,
                     "checkin_weekday": local.weekday(), "checkin_time": local.strftime("%H:%M"),
                     "schedule_own": 1, "quiet_hours": "off", "profile_synced_at": synced,
                     "created_at": synced, "last_seen_at": synced, "stage": "contemplation"})
    with store.write() as db:
        db["executives"].insert_all(rows, batch_size=1000)
    store.close()
    return users


def stats(url: str) -> dict:
    import urllib.request

    with urllib.request.urlopen(f"{url}/stats", timeout=30) as response:
        return json.loads(response.read())


def reset(url: str) -> None:
    import urllib.request

    urllib.request.urlopen(urllib.request.Request(f"{url}/reset", method="POST"), timeout=30).read()


def checkins_run(db: Path, slack_url: str) -> subprocess.Popen:
    env = {**os.environ, "SLACK_BOT_TOKEN": f"xoxb-{TEAM}", "SLACK_API_URL": f"{slack_url}/api/",
           "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "coachbot", "checkins", "run", "--db", str(db),
                             "--now", NOW.isoformat()], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--executives", type=int, default=10_000)
    parser.add_argument("--limit", type=int, default=100, help="the stand-in's chat.postMessage limit per second")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--clean-only", action="store_true", help="skip the kill -9 run")
    parser.add_argument("--serve-slack", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_slack:
        serve_slack(args.serve_slack, args.limit)
        return 0

    port = free_port()
    slack_url = f"http://127.0.0.1:{port}"
    stand_in = subprocess.Popen([sys.executable, __file__, "--serve-slack", str(port), "--limit", str(args.limit)])
    result: dict = {"executives": args.executives, "zones": len(ZONES), "limit_per_second": args.limit,
                    "ideal_seconds": args.executives / args.limit}
    try:
        for _ in range(100):
            try:
                stats(slack_url)
                break
            except OSError:
                time.sleep(0.1)
        with tempfile.TemporaryDirectory() as tmp:
            users = make_database(Path(tmp) / "clean.db", args.executives)
            make_database(Path(tmp) / "crash.db", args.executives)

            # 1. clean run
            started = time.monotonic()
            proc = checkins_run(Path(tmp) / "clean.db", slack_url)
            out, err = proc.communicate(timeout=3600)
            elapsed = time.monotonic() - started
            if proc.returncode != 0:
                print(err.decode()[-3000:], file=sys.stderr)
                return 1
            clean = stats(slack_url)
            printed = json.loads(out.decode().strip().splitlines()[-1])
            result["clean"] = {
                "seconds": round(elapsed, 1), "efficiency": round(result["ideal_seconds"] / elapsed, 3),
                "sent_reported": printed["sent"], "delivered": clean["users"], "duplicated": clean["duplicated"],
                "rate_limited_429": clean["rate_limited"], "users_info_calls": clean["users_info_calls"],
                "first_to_last_post_seconds": round(clean["span"], 1),
            }
            again = checkins_run(Path(tmp) / "clean.db", slack_url)
            out, _ = again.communicate(timeout=600)
            result["clean"]["second_run_sent"] = json.loads(out.decode().strip().splitlines()[-1])["sent"]

            if args.clean_only:
                print(json.dumps(result))
                return 0
            # 2. kill -9 halfway, then run again
            reset(slack_url)
            proc = checkins_run(Path(tmp) / "crash.db", slack_url)
            half = args.executives // 2
            while stats(slack_url)["posts"] < half:
                if proc.poll() is not None:
                    break
                time.sleep(0.05)
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            at_kill = stats(slack_url)["posts"]
            started = time.monotonic()
            rerun = checkins_run(Path(tmp) / "crash.db", slack_url)
            out, err = rerun.communicate(timeout=3600)
            rerun_seconds = time.monotonic() - started
            if rerun.returncode != 0:
                print(err.decode()[-3000:], file=sys.stderr)
                return 1
            crash = stats(slack_url)
            if b"Traceback" in err:
                print(err.decode()[-3000:], file=sys.stderr)
            delivered = set(crash["user_ids"])
            printed = json.loads(out.decode().strip().splitlines()[-1])
            import sqlite3

            with sqlite3.connect(Path(tmp) / "crash.db") as conn:
                outbox = dict(conn.execute("select status || ':' || coalesce(error, ''), count(*) "
                                           "from checkin_deliveries group by 1").fetchall())
            result["crash"] = {
                "outbox_after": outbox, "rerun_counts": printed,
                "killed_after_posts": at_kill, "rerun_seconds": round(rerun_seconds, 1),
                "rerun_sent": printed["sent"], "rerun_recovered": printed["recovered"],
                "lost": sum(1 for u in users if u not in delivered), "duplicated": crash["duplicated"],
                "history_lookups": crash["history_calls"],
            }
    finally:
        stand_in.terminate()
        stand_in.wait(10)

    ok = (result["clean"]["efficiency"] >= 0.9 and result["clean"]["duplicated"] == 0
          and result["clean"]["second_run_sent"] == 0 and result["crash"]["lost"] == 0
          and result["crash"]["duplicated"] <= 1)
    result["targets_met"] = ok
    if args.json:
        print(json.dumps(result))
    else:
        c, k = result["clean"], result["crash"]
        print(f"{args.executives} executives in {len(ZONES)} time zones; stand-in Slack: chat.postMessage "
              f"limited to {args.limit}/s with 429 + Retry-After")
        print(f"clean run: {c['seconds']} s for {c['delivered']} check-ins (ideal {result['ideal_seconds']:.0f} s) "
              f"-> efficiency {c['efficiency']:.1%}; duplicates {c['duplicated']}; 429s {c['rate_limited_429']}; "
              f"running again sent {c['second_run_sent']}")
        print(f"kill -9 after {k['killed_after_posts']} posts, then a rerun ({k['rerun_seconds']} s, sent "
              f"{k['rerun_sent']}, recovered {k['rerun_recovered']} via {k['history_lookups']} history look-ups): "
              f"lost {k['lost']}, duplicated {k['duplicated']}")
        print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
