"""The training texts: read the hand-written files in ``data/beliefs/authored`` and split them.

The authored files are the source of truth (one text per line, grouped by label so that a
reviewer can see at a glance what each pole means). ``split()`` assigns every text to train or
held-out by a hash of its words, so the split is fixed before any training happens, does not
depend on file order, and a text keeps its side when new texts are added.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from coachbot.models import DIMENSIONS, STANCES

LABELS: tuple[str, ...] = tuple(f"{d}:{s}" for d in DIMENSIONS for s in STANCES)
REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data" / "beliefs"
AUTHORED = DATA / "authored"
# Files of "labels<TAB>text" lines; labels are dimension:stance joined by commas, empty for none.
LABELLED_FILES = (
    "multi.txt",
    "negation.txt",
    "long.txt",
    "terse.txt",
    "answers.txt",
    "sectors.txt",
    "reported.txt",
    "hedged.txt",
    "runon.txt",
    "languages.txt",
    "implicit.txt",
    "chat.txt",
    "multilingual.txt",
    "neutral.txt",
    "denials.txt",
    "asides.txt",
    "denied_poles.txt",
    "sceptics.txt",
    "es.txt",
    "de.txt",
    "fr.txt",
    "pt.txt",
    "it.txt",
    "nl.txt",
    "chat_implicit.txt",
    "blind.txt",
)
# Files of one no-belief text per line.
NONE_FILES = ("none.txt", "descriptions.txt")
HELDOUT_SHARE = 5  # one text in five goes to the held-out split
# Labelled sets written by other people, never trained or tuned on (a test checks): the
# outside check, and the chat-style split written blind by another helper (dev: error analysis
# only; test: the final figure, its texts never read while building the detector).
OUTSIDE_SETS = ("outside_check.jsonl", "chat_dev.jsonl", "chat_test.jsonl")


def shared_dev_set() -> Path:
    """The shared dev set (``../shared/eval/beliefs_dev.jsonl``), found from the checkout or
    from a worktree one level deeper; the first candidate when neither exists."""
    candidates = [parent / "shared" / "eval" / "beliefs_dev.jsonl" for parent in REPO.parents[:2]]
    return next((c for c in candidates if c.exists()), candidates[0])


def _lines(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(line.rstrip())
    return out


def load_authored(folder: Path = AUTHORED) -> list[dict]:
    """Every authored text as ``{"text", "labels": [{"dimension", "stance"}], "reported"?}``."""
    rows: list[dict] = []
    for label in LABELS:
        dimension, stance = label.split(":")
        for text in _lines(folder / f"{dimension}.{stance}.txt"):
            rows.append({"text": text, "labels": [{"dimension": dimension, "stance": stance}]})
    for name in NONE_FILES:
        for text in _lines(folder / name):
            rows.append({"text": text, "labels": []})
    for name in LABELLED_FILES:
        reported = name == "reported.txt"
        for line in _lines(folder / name):
            tags, text = line.split("\t", 1)
            labels = [dict(zip(("dimension", "stance"), t.split(":"), strict=True)) for t in tags.split(",") if t]
            unknown = {f"{x['dimension']}:{x['stance']}" for x in labels} - set(LABELS)
            if unknown:
                raise ValueError(f"{name}: unknown label {unknown} in {text!r}")
            row: dict = {"text": text, "labels": labels}
            if reported:
                row["reported"] = True
            rows.append(row)
    return rows


def is_heldout(text: str) -> bool:
    key = " ".join(text.lower().split()).encode("utf-8")
    return int(hashlib.sha256(key).hexdigest(), 16) % HELDOUT_SHARE == 0


def split(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """(train, heldout), decided by each text's hash alone."""
    train = [r for r in rows if not is_heldout(r["text"])]
    heldout = [r for r in rows if is_heldout(r["text"])]
    return train, heldout


def write_jsonl(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def label_set(row: dict) -> set[str]:
    return {f"{x['dimension']}:{x['stance']}" for x in row["labels"]}
