"""Safety detector benchmark: ``python bench/safety.py [--errors] [--split dev|test|v2|v3|v4|all]``.

Reads the held-out sets written by another helper, who saw neither the training texts nor
the code (``data/safety/heldout_dev.jsonl``, ``heldout_test.jsonl``, ``heldout_v2.jsonl`` from a
second blind helper, ``heldout_v3.jsonl`` from a third and ``heldout_v4.jsonl`` from a fourth;
never used in training), runs
``coachbot.safety.assess(context + [text])`` on each item and prints:
recall per category, per language and per category x language (an item counts as caught when
it is flagged at all, i.e. routed to help; the share routed with the right category is shown
beside it), overall recall, the false-positive rate on the items with no category, recall of
the items marked imminent, and texts per second in this one process (one core).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coachbot.safety import CATEGORIES, assess  # noqa: E402
from coachbot.safety.data import DATA, Item, read_heldout  # noqa: E402
from coachbot.safety.detect import _message, _probabilities  # noqa: E402

TARGETS = {"overall": 0.95, "each": 0.90, "false_positives": 0.03, "texts_per_second": 2000}


def _pct(n: int, d: int) -> str:
    return f"{n / d:6.1%} ({n}/{d})" if d else "     -"


def evaluate(items: list[Item], errors: bool = False) -> dict:
    flags = [assess(list(it.messages)) for it in items]
    pos = [(it, f) for it, f in zip(items, flags, strict=True) if it.category]
    neg = [(it, f) for it, f in zip(items, flags, strict=True) if not it.category]
    by_cat: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    by_lang: dict[str, list[bool]] = defaultdict(list)
    by_cell: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for it, f in pos:
        by_cat[it.category].append((f is not None, f is not None and f.category == it.category))
        by_lang[it.language].append(f is not None)
        by_cell[(it.category, it.language)].append(f is not None)
    neg_by_lang: dict[str, list[bool]] = defaultdict(list)
    for it, f in neg:
        neg_by_lang[it.language].append(f is not None)
    print("  recall per category (flagged | flagged with the right category):")
    for c in CATEGORIES:
        rows = by_cat.get(c, [])
        flagged, right = sum(a for a, _ in rows), sum(b for _, b in rows)
        print(f"    {c:15s} {_pct(flagged, len(rows))}   right category {_pct(right, len(rows))}")
    print("  recall per language (false positives on that language's business texts):")
    for lang in sorted(by_lang, key=lambda k: (-len(by_lang[k]), k)):
        rows = by_lang[lang]
        fp = neg_by_lang.get(lang, [])
        print(f"    {lang:3s} {_pct(sum(rows), len(rows))}   fp {_pct(sum(fp), len(fp))}")
    print("  recall per category x language:")
    langs = sorted(by_lang, key=lambda k: (-len(by_lang[k]), k))
    print("    " + " " * 15 + "".join(f"{lang:>8s}" for lang in langs))
    for c in CATEGORIES:
        cells = []
        for lang in langs:
            rows = by_cell.get((c, lang), [])
            cells.append(f"{sum(rows)}/{len(rows)}".rjust(8) if rows else "       -")
        print(f"    {c:15s}" + "".join(cells))
    caught = sum(f is not None for _, f in pos)
    false_pos = sum(f is not None for _, f in neg)
    imminent = [(it, f) for it, f in pos if it.imminent]
    print(f"  overall recall      {_pct(caught, len(pos))}")
    print(f"  right category      {_pct(sum(f is not None and f.category == it.category for it, f in pos), len(pos))}")
    print(f"  false positives     {_pct(false_pos, len(neg))}")
    print(
        f"  imminent recall     {_pct(sum(f is not None and f.imminent for _, f in imminent), len(imminent))}"
        f"   (flagged at all {_pct(sum(f is not None for _, f in imminent), len(imminent))})"
    )
    if errors:
        print("  misses:")
        for it, f in pos:
            if f is None:
                print(f"    [{it.category}/{it.language}] {' || '.join(it.messages)[:220]}")
        print("  false positives:")
        for it, f in neg:
            if f is not None:
                print(f"    [{f.category} {f.score:.2f}/{it.language}] {' || '.join(it.messages)[:220]}")
        print("  wrong category:")
        for it, f in pos:
            if f is not None and f.category != it.category:
                print(f"    [{it.category}->{f.category}/{it.language}] {' || '.join(it.messages)[:160]}")
    return {"recall": caught / len(pos) if pos else 0.0, "false_positives": false_pos / len(neg) if neg else 0.0}


def speed(items: list[Item], rounds: int = 3) -> tuple[float, float]:
    """Texts per second of CPU time and of wall time, with cold caches (every call featurizes
    and scores from scratch). CPU time is what one core gives when the machine is shared."""
    best_cpu = best_wall = 0.0
    for _ in range(rounds):
        _message.cache_clear()
        _probabilities.cache_clear()
        from coachbot.safety.featurize import message_features, word_features
        from coachbot.safety.lexicon import cues, sounds_imminent
        from coachbot.safety.normalize import fold

        fold.cache_clear()
        message_features.cache_clear()
        word_features.cache_clear()
        cues.cache_clear()
        sounds_imminent.cache_clear()
        start, cpu = time.perf_counter(), time.process_time()
        for it in items:
            assess(list(it.messages))
        best_cpu = max(best_cpu, len(items) / (time.process_time() - cpu))
        best_wall = max(best_wall, len(items) / (time.perf_counter() - start))
    return best_cpu, best_wall


def ordinary_chat() -> None:
    """False pointers on ordinary coaching talk that no detector trained on: the dialogue-act
    outside test set (one message at a time) and the off-script personas (as the dialogue
    reads them: each message with up to two before it)."""
    import json

    import yaml

    acts = ROOT / "data" / "acts" / "heldout_test.jsonl"
    personas = ROOT / "bench" / "personas.yaml"
    print("== ordinary coaching chat (no disclosures; written by others, never trained on)")
    if acts.exists():
        texts = [json.loads(line)["text"] for line in acts.read_text(encoding="utf-8").splitlines() if line.strip()]
        flagged = sum(assess([t]) is not None for t in texts)
        print(f"  dialogue-act outside test messages: {_pct(flagged, len(texts))} flagged")
    if personas.exists():
        flagged = total = 0
        for persona in yaml.safe_load(personas.read_text(encoding="utf-8")):
            for session in persona["sessions"]:
                messages = session["messages"]
                for i in range(len(messages)):
                    total += 1
                    flagged += assess(messages[max(0, i - 2) : i + 1]) is not None
        print(f"  persona conversations, each message with its context: {_pct(flagged, total)} flagged")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list misses and false positives (dev split only)")
    parser.add_argument("--split", choices=("dev", "test", "v2", "v3", "v4", "all"), default="all")
    args = parser.parse_args(argv)
    # v2: a second blind set, written later by another helper, never read by the developers.
    # v3: a third blind set, written by a third helper, first run for the closing figures.
    splits = {
        "dev": "heldout_dev.jsonl",
        "test": "heldout_test.jsonl",
        "v2": "heldout_v2.jsonl",
        "v3": "heldout_v3.jsonl",
        "v4": "heldout_v4.jsonl",
    }
    chosen = list(splits) if args.split == "all" else [args.split]
    for name in chosen:
        path = DATA / splits[name]
        if not path.exists():
            print(f"{name}: {path} is missing")
            continue
        items = read_heldout(path)
        print(
            f"== held-out {name} split ({path.relative_to(ROOT)}): {len(items)} items, "
            f"{sum(1 for i in items if i.category)} disclosures"
        )
        evaluate(items, errors=args.errors and name == "dev")
        cpu, wall = speed(items)
        print(f"  texts/s on one core (CPU time, cold caches, context included): {cpu:,.0f}  (wall clock: {wall:,.0f})")
    ordinary_chat()
    print(
        f"targets: recall >= {TARGETS['overall']:.0%} overall and >= {TARGETS['each']:.0%} per category and language, "
        f"false positives <= {TARGETS['false_positives']:.0%}, >= {TARGETS['texts_per_second']:,} texts/s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
