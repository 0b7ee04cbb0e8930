"""Dialogue-act benchmark: ``python bench/acts.py [--per-act] [--errors]``.

On the outside test split (``data/acts/heldout_test.jsonl``, the reported figure), the outside
dev split (``heldout_dev.jsonl``) and our own held-out split (``data/acts/heldout.jsonl``),
all never used in training, prints for ``coachbot.acts.understand`` with no context flags:

- per-act precision / recall / F1 and macro-F1 over the twelve acts;
- commitment clause: exact match and token-overlap F1 against the gold clause, the share
  "correct" (exact or token F1 >= 0.8) over messages with a gold clause, and false commitments
  (a clause returned for a message with none);
- report outcome accuracy over messages with a gold outcome (no report found counts as wrong),
  read with no context and again with ``expecting_report=True`` (how the engine reads a reply
  while last week's experiment awaits its report);
- calibration: expected calibration error of the returned acts' confidences (how far "0.8"
  is from being right eight times in ten), in five buckets;
- language accuracy, and texts per second through ``understand`` on one core, counted in CPU
  time of this process (so other work on a shared machine does not lower the figure).

``--errors`` prints the misread texts of the dev and our own split only: the test texts stay
unread.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coachbot.acts import ACTS, understand  # noqa: E402

SETS = {
    "test (data/acts/heldout_test.jsonl)": ROOT / "data" / "acts" / "heldout_test.jsonl",
    "dev (data/acts/heldout_dev.jsonl)": ROOT / "data" / "acts" / "heldout_dev.jsonl",
    "own held-out (data/acts/heldout.jsonl)": ROOT / "data" / "acts" / "heldout.jsonl",
}
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


def token_f1(a: str, b: str) -> float:
    """Bag-of-words F1 between two clauses, case-insensitive."""
    x, y = _WORD.findall(a.lower()), _WORD.findall(b.lower())
    if not x or not y:
        return float(x == y)
    common = 0
    pool = list(y)
    for w in x:
        if w in pool:
            pool.remove(w)
            common += 1
    if not common:
        return 0.0
    p, r = common / len(x), common / len(y)
    return 2 * p * r / (p + r)


def evaluate(rows: list[dict]) -> dict:
    preds = [understand(r["text"]) for r in rows]
    out: dict = {"n": len(rows), "preds": preds}
    per_act = {}
    for act in ACTS:
        tp = sum(act in r["acts"] and any(a.name == act for a in u.acts) for r, u in zip(rows, preds, strict=True))
        fp = sum(act not in r["acts"] and any(a.name == act for a in u.acts) for r, u in zip(rows, preds, strict=True))
        fn = sum(act in r["acts"] and not any(a.name == act for a in u.acts) for r, u in zip(rows, preds, strict=True))
        p = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        per_act[act] = (p, rc, f1, tp, fp, fn)
    out["per_act"] = per_act
    present = [a for a in ACTS if any(a in r["acts"] for r in rows)]
    out["macro_f1"] = sum(per_act[a][2] for a in present) / len(present) if present else float("nan")
    gold_c = [(r, u) for r, u in zip(rows, preds, strict=True) if r.get("commitment_clause")]
    none_c = [(r, u) for r, u in zip(rows, preds, strict=True) if not r.get("commitment_clause")]
    exact = sum(bool(u.commitment)
                and (u.commitment or "").strip().lower() == (r["commitment_clause"] or "").strip().lower()
                for r, u in gold_c)
    f1s = [token_f1(u.commitment or "", r["commitment_clause"]) for r, u in gold_c]
    out["clause"] = {
        "gold": len(gold_c),
        "exact": exact,
        "correct": sum(f >= 0.8 for f in f1s),
        "mean_f1": sum(f1s) / len(f1s) if f1s else float("nan"),
        "false": sum(bool(u.commitment) for _, u in none_c),
        "none": len(none_c),
    }
    gold_r = [(r, u) for r, u in zip(rows, preds, strict=True) if r.get("report_outcome")]
    out["report"] = (sum(u.report is not None and u.report.outcome == r["report_outcome"] for r, u in gold_r),
                     len(gold_r))
    in_context = [understand(r["text"], expecting_report=True) for r, _ in gold_r]
    out["report_in_context"] = (
        sum(u.report is not None and u.report.outcome == r["report_outcome"]
            for (r, _), u in zip(gold_r, in_context, strict=True)),
        len(gold_r),
    )
    pairs = [(a.confidence, a.name in r["acts"]) for r, u in zip(rows, preds, strict=True) for a in u.acts]
    ece = 0.0
    for lo in (0.0, 0.2, 0.4, 0.6, 0.8):
        bucket = [(c, ok) for c, ok in pairs if lo <= c < lo + 0.2 or (lo == 0.8 and c == 1.0)]
        if bucket:
            ece += abs(sum(c for c, _ in bucket) - sum(ok for _, ok in bucket)) / len(pairs)
    out["ece"] = ece
    out["language"] = (sum(u.language == r.get("language", "en") for r, u in zip(rows, preds, strict=True)),
                       len(rows))
    return out


def speed(texts: list[str], seconds: float = 2.0) -> float:
    """Texts per CPU-second, single process, cycling through ``texts`` for about ``seconds``."""
    understand(texts[0])  # load the model outside the clock
    n, start = 0, time.process_time()
    while time.process_time() - start < seconds:
        for t in texts:
            understand(t)
        n += len(texts)
    return n / (time.process_time() - start)


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} ({a / b:.0%})" if b else "0/0"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-act", action="store_true", help="precision, recall, F1 for every act")
    parser.add_argument("--errors", action="store_true", help="misread texts (dev and own split only)")
    parser.add_argument("--only", choices=("test", "dev", "own"), help="one split only")
    args = parser.parse_args()
    for name, path in SETS.items():
        if args.only and not name.startswith(args.only):
            continue
        if not path.exists():
            print(f"{name}: missing")
            continue
        rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
        r = evaluate(rows)
        tps = speed([row["text"] for row in rows])
        c = r["clause"]
        print(f"{name}: {r['n']} texts  macro-F1 {r['macro_f1']:.3f}  {tps:,.0f} texts/CPU-s")
        print(
            f"    commitment clause: correct (exact or token F1 >= 0.8) {_pct(c['correct'], c['gold'])}, "
            f"exact {_pct(c['exact'], c['gold'])}, mean token F1 {c['mean_f1']:.2f}; "
            f"false commitments {_pct(c['false'], c['none'])}"
        )
        print(f"    report outcome accuracy {_pct(*r['report'])}, "
              f"with expecting_report {_pct(*r['report_in_context'])}  language {_pct(*r['language'])}  "
              f"confidence ECE {r['ece']:.3f}")
        if args.per_act:
            for act, (p, rc, f1, tp, fp, fn) in r["per_act"].items():
                print(f"    {act:18s} P {p:.2f} R {rc:.2f} F1 {f1:.2f}  tp {tp:3d} fp {fp:3d} fn {fn:3d}")
        if args.errors and not name.startswith("test"):
            for row, u in zip(rows, r["preds"], strict=True):
                got = sorted(a.name for a in u.acts)
                bad_clause = (row.get("commitment_clause") or u.commitment) and token_f1(
                    u.commitment or "", row.get("commitment_clause") or "") < 0.8
                outcome = u.report.outcome if u.report else None
                bad_report = row.get("report_outcome") and outcome != row["report_outcome"]
                if got != sorted(row["acts"]) or bad_clause or bad_report:
                    print(f"  gold {sorted(row['acts'])} got {got}: {row['text'][:200]}")
                    if bad_clause:
                        print(f"      clause gold {row.get('commitment_clause')!r} got {u.commitment!r}")
                    if bad_report:
                        print(f"      outcome gold {row['report_outcome']} got {outcome}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
