"""Off-script executives, two sessions each: does the coach hear what they actually say?

The personas in ``bench/personas.yaml`` were written by someone who never saw the
dialogue code (terse, rambling, hostile, non-native, asking questions back, leaving
early, not doing the experiment, switching language...). Each is labelled with the
commitment they make, how they report last week's experiment and the belief move they
express. Every session is run the way ``coachbot chat`` runs it: the coach opens, each
message is answered until the coach closes, end of input closes. Printed:

- commitments correct (the stored commitment matches the labelled clause, or both are none);
- reports heard (last week's experiment recorded with the labelled outcome);
- sessions per run (target: exactly one);
- repeated coach messages within a run (target: none);
- reflections : questions (MITI; a closing summary counts as a reflection) and % complex;
- coach words : executive words, the welcome excluded (target: at most 1.2);
- coach messages with more than one question, "go blog" advice;
- belief moves found (the journey shows the labelled shift).

    python bench/transcripts.py [--show] [--personas FILE]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

from coachbot.engine import Coach
from coachbot.models import Reply, Who
from coachbot.store import Store

HERE = Path(__file__).parent
ADVICE = re.compile(
    r"\b(start (a|your) blog|post more|grow (your|the) follow|hire an agency|you should (blog|tweet|post))",
    re.IGNORECASE,
)


def tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def same_clause(found: str | None, expected: str | None) -> bool:
    """Whether a stored commitment is the labelled one: both none, or token F1 >= 0.6."""
    if not found or not expected:
        return not found and not expected
    a, b = Counter(tokens(found)), Counter(tokens(expected))
    overlap = sum((a & b).values())
    if not overlap:
        return False
    precision, recall = overlap / sum(a.values()), overlap / sum(b.values())
    return 2 * precision * recall / (precision + recall) >= 0.6


def run_session(coach: Coach, who: Who, messages: list[str], now: datetime) -> list[tuple[str, object]]:
    """One ``coachbot chat`` run: open, answer each line until a close, end of input closes."""
    transcript: list[tuple[str, object]] = [("coach", r) for r in coach.start(who, now, fresh=True)]
    for line in messages:
        now += timedelta(minutes=2)
        transcript.append(("executive", line))
        replies = coach.reply(who, line, now)
        transcript += [("coach", r) for r in replies]
        if any(r.kind == "close" for r in replies):
            break
    else:
        transcript += [("coach", r) for r in coach.end_session(who, now + timedelta(minutes=1))]
    return transcript


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print the transcripts")
    parser.add_argument("--personas", type=Path, default=HERE / "personas.yaml")
    args = parser.parse_args()
    personas = yaml.safe_load(args.personas.read_text(encoding="utf-8"))
    store = Store(Path(tempfile.mkdtemp()) / "transcripts.db")
    coach = Coach(store)
    start = datetime(2026, 11, 23, 9, tzinfo=UTC)
    t: Counter[str] = Counter()
    misses: list[str] = []
    for persona in personas:
        who = Who("T-BENCH", persona["id"])
        for week, session in enumerate(persona["sessions"]):
            expect = session.get("expect") or {}
            before = store.db["sessions"].count_where("executive_id in (select id from executives where user_id = ?)",
                                                      [who.user])
            transcript = run_session(coach, who, session["messages"], start + timedelta(days=7 * week))
            rows = list(store.db.query(
                "select s.* from sessions s join executives e on e.id = s.executive_id where e.user_id = ? "
                "order by s.number", [who.user]))
            t["runs"] += 1
            t["sessions"] += len(rows) - before
            stored = rows[-1]["commitment"] if rows else None
            if "commitment" in expect:
                t["commitments"] += 1
                if same_clause(stored, expect["commitment"]):
                    t["commitments_correct"] += 1
                else:
                    misses.append(f"{persona['id']} s{week + 1} commitment: got {stored!r}, "
                                  f"expected {expect['commitment']!r}")
            if expect.get("report"):
                t["reports"] += 1
                # Last week's experiment: the latest one proposed before this run began.
                earlier = [r["id"] for r in rows[:before]]
                experiment = list(store.db.query(
                    "select x.status from experiments x join executives e on e.id = x.executive_id "
                    f"where e.user_id = ? and x.session_id in ({','.join('?' * len(earlier)) or 'null'}) "
                    "order by x.id desc limit 1", [who.user, *earlier]))
                status = experiment[0]["status"] if experiment else None
                if status == expect["report"]["outcome"]:
                    t["reports_heard"] += 1
                else:
                    misses.append(f"{persona['id']} s{week + 1} report: got {status!r}, "
                                  f"expected {expect['report']['outcome']!r}")
            coach_texts = [item.text for role, item in transcript if role == "coach"]  # type: ignore[attr-defined]
            t["repeats"] += len(coach_texts) - len(set(coach_texts))
            for role, item in transcript:
                if role == "executive":
                    t["exec_words"] += len(str(item).split())
                    continue
                assert isinstance(item, Reply)
                t["messages"] += 1
                t["over_one_question"] += item.text.count("?") > 1
                t["advice"] += bool(ADVICE.search(item.text))
                if "welcome" not in item.codes and not item.text.startswith("Hi — I coach"):
                    t["coach_words"] += len(item.text.split())
                for code in item.codes:
                    if code.startswith("reflection") or code == "summary":
                        t["reflections"] += 1
                        t["complex"] += code in ("reflection:complex", "summary")
                    elif code == "question":
                        t["questions"] += 1
            if args.show:
                print(f"--- {persona['id']}, session {week + 1}")
                for role, item in transcript:
                    print(f"  EXEC  {item}" if role == "executive" else f"  coach {item.text}")  # type: ignore[attr-defined]
        move = persona.get("belief_move")
        if move:
            t["moves"] += 1
            shifts = coach.journey(who)["shifts"]
            if any(s["dimension"] == move["dimension"] and s["from"] == move["from"] and s["to"] == move["to"]
                   for s in shifts):
                t["moves_found"] += 1
            else:
                misses.append(f"{persona['id']} belief move {move['dimension']} {move['from']}->{move['to']}: "
                              f"journey shows {[(s['dimension'], s['from'], s['to']) for s in shifts]}")

    def pct(a: str, b: str) -> str:
        return f"{t[a]}/{t[b]} ({t[a] / t[b]:.0%})" if t[b] else "n/a"

    print(f"{len(personas)} personas, {t['runs']} runs, {t['messages']} coach messages")
    print(f"commitments correct:            {pct('commitments_correct', 'commitments')}   (target >= 90%)")
    print(f"reports heard:                  {pct('reports_heard', 'reports')}   (target >= 90%)")
    print(f"sessions per run:               {t['sessions'] / t['runs']:.2f}   (target exactly 1)")
    print(f"repeated coach messages:        {t['repeats']}   (target 0)")
    print(f"reflections : questions:        {t['reflections'] / max(t['questions'], 1):.2f}   (target >= 1.0)")
    print(f"complex reflections:            {t['complex'] / max(t['reflections'], 1):.0%}   (target >= 40%)")
    print(f"coach : executive words:        {t['coach_words'] / max(t['exec_words'], 1):.2f}   "
          "(welcome excluded; target <= 1.2)")
    print(f"messages with > 1 question:     {t['over_one_question']}")
    print(f"'go blog' advice:               {t['advice']}")
    print(f"belief moves found:             {pct('moves_found', 'moves')}   (target >= 80%)")
    if misses:
        print("\nmisses:")
        for line in misses:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
