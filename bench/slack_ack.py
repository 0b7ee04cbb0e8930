"""How fast does coachbot acknowledge Slack, next to a minimal Bolt app on the same machine?

Starts three child processes: a stand-in Slack Web API, ``coachbot serve`` (HTTP mode,
its own temporary database) and a minimal slack-bolt ``AsyncApp`` that echoes every DM.
This process only sends and times requests, so answers arriving at the stand-in do not
compete with reading the acknowledgements. Both get the same traffic: rounds of 50 concurrent,
correctly signed DM events, the rounds alternating between the two apps so both see the
same machine. For each it reports

- acknowledgement latency (request sent -> HTTP response read), p50 and p99;
- reply latency (request sent -> the app's first chat.postMessage for that DM reaches
  the stand-in), p99;

and the ratio of coachbot's ack p99 to the Bolt app's. Targets (issue 4): coachbot's ack
p99 <= 100 ms and <= 1.5x the minimal Bolt app's. Exit status 1 if either is missed.

    python bench/slack_ack.py [--rounds 10] [--concurrency 50] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
from aiohttp import web
from slack_sdk.signature import SignatureVerifier

SECRET = "bench-signing-secret"
TOKEN = "xoxb-bench"
TEAM = "T-BENCH"
ACK_P99_LIMIT_MS = 100.0
RATIO_LIMIT = 1.5

ECHO_APP = """
import logging, sys
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

logging.basicConfig(level=logging.WARNING)
app = AsyncApp(signing_secret=sys.argv[2], client=AsyncWebClient(token=sys.argv[3], base_url=sys.argv[4]))

@app.event("message")
async def echo(event, say):
    await say(event.get("text") or "")

app.start(port=int(sys.argv[1]), host="127.0.0.1")
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p99 of 300 samples is the 297th smallest)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


@dataclass
class StandIn:
    """The Slack Web API, just enough for both apps; notes when each DM's answer arrives.

    Runs in its own process (``--stand-in PORT``); ``GET /_replies`` hands over the times.
    ``time.perf_counter`` is the system-wide monotonic clock on Linux, so the times compare
    with the sending process's.
    """

    replies: dict[str, float] = field(default_factory=dict)  # channel -> its first chat.postMessage
    ts: int = 0

    async def api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = dict(await request.post()) if request.content_type != "application/json" else await request.json()
        if method == "auth.test":
            return web.json_response({"ok": True, "team_id": TEAM, "user_id": "UBOT", "bot_id": "BBOT",
                                      "url": "https://bench.slack.com/", "team": "bench", "user": "bot"})
        if method == "users.info":
            return web.json_response({"ok": True, "user": {"id": args.get("user"), "tz": "Europe/Berlin",
                                                           "real_name": "Bench Exec"}})
        if method == "chat.postMessage":
            channel = str(args.get("channel"))
            self.replies.setdefault(channel, time.perf_counter())
            self.ts += 1
            return web.json_response({"ok": True, "channel": channel, "ts": f"1700000000.{self.ts:06d}"})
        if method == "conversations.open":
            return web.json_response({"ok": True, "channel": {"id": f"D-{args.get('users')}"}})
        return web.json_response({"ok": True})

    async def reply_times(self, request: web.Request) -> web.Response:
        return web.json_response(self.replies)


def serve_stand_in(port: int) -> None:
    stand_in = StandIn()
    api = web.Application()
    api.router.add_post("/api/{method}", stand_in.api)
    api.router.add_get("/_replies", stand_in.reply_times)
    web.run_app(api, host="127.0.0.1", port=port, access_log=None, print=None)


@dataclass
class Target:
    name: str
    url: str
    process: subprocess.Popen
    log: Path
    acks: list[float] = field(default_factory=list)
    reply: list[float] = field(default_factory=list)
    lost: int = 0


def signed_dm(verifier: SignatureVerifier, user: str, channel: str, text: str,
              event_id: str) -> tuple[bytes, dict]:
    body = json.dumps({
        "token": "legacy", "team_id": TEAM, "api_app_id": "A1", "type": "event_callback",
        "event_id": event_id, "event_time": int(time.time()),
        "authorizations": [{"team_id": TEAM, "user_id": "UBOT", "is_bot": True}],
        "event": {"type": "message", "channel_type": "im", "channel": channel, "user": user,
                  "text": text, "ts": f"{time.time():.6f}", "team": TEAM},
    })
    ts = str(int(time.time()))
    headers = {"Content-Type": "application/json", "X-Slack-Request-Timestamp": ts,
               "X-Slack-Signature": verifier.generate_signature(timestamp=ts, body=body)}
    return body.encode(), headers


async def wait_until_up(session: aiohttp.ClientSession, target: Target, verifier: SignatureVerifier) -> None:
    """Ready when a signed url_verification is answered (works for both apps)."""
    body = json.dumps({"type": "url_verification", "challenge": "ready"})
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if target.process.poll() is not None:
            raise SystemExit(f"{target.name} exited; see {target.log}")
        ts = str(int(time.time()))
        headers = {"Content-Type": "application/json", "X-Slack-Request-Timestamp": ts,
                   "X-Slack-Signature": verifier.generate_signature(timestamp=ts, body=body)}
        try:
            async with session.post(target.url, data=body, headers=headers) as r:
                if r.status == 200:
                    return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.1)
    raise SystemExit(f"{target.name} did not start; see {target.log}")


async def reply_times(session: aiohttp.ClientSession, api_url: str) -> dict[str, float]:
    async with session.get(api_url.replace("/api/", "/_replies")) as response:
        return await response.json()


async def wait_for_stand_in(session: aiohttp.ClientSession, api_url: str) -> None:
    for _ in range(300):
        with contextlib.suppress(aiohttp.ClientError):
            await reply_times(session, api_url)
            return
        await asyncio.sleep(0.05)
    raise SystemExit("the stand-in Slack API did not start")


async def one_round(session: aiohttp.ClientSession, api_url: str, target: Target,
                    verifier: SignatureVerifier, concurrency: int, label: str, record: bool) -> None:
    # The same executives every round; each round's DMs name their own channel, so every
    # answer is matched to the request it answers.
    users = [f"U-{target.name}-{i:03d}" for i in range(concurrency)]
    channels = [f"D-{u}-{label}" for u in users]
    requests = [signed_dm(verifier, u, c, f"How do I listen better? ({label})", f"Ev-{label}-{c}")
                for u, c in zip(users, channels, strict=True)]
    sent: dict[str, float] = {}

    async def send(channel: str, body: bytes, headers: dict) -> float:
        sent[channel] = start = time.perf_counter()
        async with session.post(target.url, data=body, headers=headers) as response:
            await response.read()
            if response.status != 200:
                raise SystemExit(f"{target.name} answered {response.status}; see {target.log}")
        return time.perf_counter() - start

    acks = await asyncio.gather(*(send(c, b, h) for c, (b, h) in zip(channels, requests, strict=True)))
    deadline = time.monotonic() + 30
    replies = await reply_times(session, api_url)
    while any(replies.get(c, 0.0) < t for c, t in sent.items()) and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
        replies = await reply_times(session, api_url)
    await asyncio.sleep(0.05)  # let the last answers' follow-up calls finish before the next round
    if record:
        target.acks.extend(a * 1000 for a in acks)
        for channel, start in sent.items():
            if replies.get(channel, 0.0) >= start:
                target.reply.append((replies[channel] - start) * 1000)
            else:
                target.lost += 1


def start_servers(api_url: str, workdir: Path) -> list[Target]:
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "COACHBOT_", "OPENAI_"))}
    coach_port, echo_port = free_port(), free_port()
    coach_log, echo_log = workdir / "coachbot.log", workdir / "bolt-echo.log"
    coach_env = {**clean_env, "SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": TOKEN,
                 "SLACK_API_URL": api_url, "COACHBOT_DB": str(workdir / "coachbot.db")}
    coach = subprocess.Popen(
        [sys.executable, "-m", "coachbot", "serve", "--host", "127.0.0.1", "--port", str(coach_port),
         "--no-scheduler"],
        env=coach_env, stdout=coach_log.open("w"), stderr=subprocess.STDOUT,
    )
    echo = subprocess.Popen(
        [sys.executable, "-c", ECHO_APP, str(echo_port), SECRET, TOKEN, api_url],
        env=clean_env, stdout=echo_log.open("w"), stderr=subprocess.STDOUT,
    )
    return [
        Target("coachbot", f"http://127.0.0.1:{coach_port}/slack/events", coach, coach_log),
        Target("bolt-echo", f"http://127.0.0.1:{echo_port}/slack/events", echo, echo_log),
    ]


async def bench(rounds: int, concurrency: int) -> dict:
    api_port = free_port()
    api_url = f"http://127.0.0.1:{api_port}/api/"
    stand_in = subprocess.Popen([sys.executable, __file__, "--stand-in", str(api_port)])

    verifier = SignatureVerifier(SECRET)
    with tempfile.TemporaryDirectory(prefix="slack-ack-") as tmp:
        targets = start_servers(api_url, Path(tmp))
        try:
            connector = aiohttp.TCPConnector(limit=0)
            async with aiohttp.ClientSession(connector=connector) as session:
                await wait_for_stand_in(session, api_url)
                for target in targets:
                    await wait_until_up(session, target, verifier)
                # Warm-up (imports, auth.test, first executives), then measured rounds, alternating.
                for target in targets:
                    await one_round(session, api_url, target, verifier, concurrency, "warm-up", record=False)
                for n in range(rounds):
                    order = targets if n % 2 == 0 else targets[::-1]
                    for target in order:
                        await one_round(session, api_url, target, verifier, concurrency, f"r{n}", record=True)
        finally:
            processes = [t.process for t in targets] + [stand_in]
            for process in processes:
                process.terminate()
            for process in processes:
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()

    results: dict = {"concurrency": concurrency, "rounds": rounds, "cpus": os.cpu_count()}
    for target in targets:
        results[target.name] = {
            "requests": len(target.acks),
            "ack_p50_ms": round(statistics.median(target.acks), 1),
            "ack_p99_ms": round(percentile(target.acks, 99), 1),
            "reply_p99_ms": round(percentile(target.reply, 99), 1) if target.reply else None,
            "replies_missing": target.lost,
        }
    coach, echo = results["coachbot"], results["bolt-echo"]
    results["ack_p99_ratio"] = round(coach["ack_p99_ms"] / echo["ack_p99_ms"], 2)
    results["ok"] = (coach["ack_p99_ms"] <= ACK_P99_LIMIT_MS and results["ack_p99_ratio"] <= RATIO_LIMIT
                     and coach["replies_missing"] == 0)
    return results


def report(results: dict) -> str:
    lines = [f"{results['rounds']} rounds x {results['concurrency']} concurrent signed DMs per app, "
             f"{results['cpus']} CPUs",
             f"{'app':<10} {'ack p50':>9} {'ack p99':>9} {'reply p99':>10} {'missing':>8}"]
    for name in ("coachbot", "bolt-echo"):
        r = results[name]
        reply = f"{r['reply_p99_ms']:.1f}" if r["reply_p99_ms"] is not None else "-"
        lines.append(f"{name:<10} {r['ack_p50_ms']:>7.1f}ms {r['ack_p99_ms']:>7.1f}ms {reply:>8}ms "
                     f"{r['replies_missing']:>8}")
    lines.append(f"ack p99 ratio coachbot / bolt-echo: {results['ack_p99_ratio']:.2f} "
                 f"(target <= {RATIO_LIMIT}); coachbot ack p99 target <= {ACK_P99_LIMIT_MS:.0f} ms: "
                 f"{'met' if results['ok'] else 'MISSED'}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=10, help="measured rounds per app (default 10)")
    parser.add_argument("--concurrency", type=int, default=50, help="DMs sent at once (default 50)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--stand-in", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stand_in:
        serve_stand_in(args.stand_in)
        return 0
    results = asyncio.run(bench(args.rounds, args.concurrency))
    print(json.dumps(results, indent=2) if args.json else report(results))
    return 0 if results["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
