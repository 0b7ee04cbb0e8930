"""The training texts: the hand-written files in ``data/safety/authored/<language>/<category>[.<topic>].txt``.

One item per line: the executive's messages, oldest first, separated by `` || `` (most items
are a single message). A leading ``!`` marks a disclosure that sounds imminent. ``none.txt``
holds ordinary business messages, many using the risk words in their business senses.
Lines starting with ``#`` are comments. The held-out files written by another helper
(``heldout_dev.jsonl``, ``heldout_test.jsonl``) are never read here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

CATEGORIES = ("self_harm", "violence", "domestic_abuse", "harassment", "medical", "legal_hr")
REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data" / "safety"
AUTHORED = DATA / "authored"
HELDOUT_FILES = (
    "heldout_dev.jsonl",
    "heldout_test.jsonl",
    "heldout_v2.jsonl",
    "heldout_v3.jsonl",
    "heldout_v4.jsonl",
)
SEPARATOR = " || "


@dataclass(frozen=True)
class Item:
    """One labelled conversation snippet: ``messages`` oldest first, the last is the current one."""

    messages: tuple[str, ...]
    category: str | None
    language: str
    imminent: bool = False
    source: str = ""


def _parse(line: str, category: str | None, language: str, source: str) -> Item:
    imminent = line.startswith("!")
    body = line[1:] if imminent else line
    messages = tuple(m.strip() for m in body.split(SEPARATOR) if m.strip())
    return Item(messages, category, language, imminent, source)


def load_authored(folder: Path = AUTHORED) -> list[Item]:
    """Every authored item, in a fixed order (language, then file, then line)."""
    items: list[Item] = []
    for lang_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        for path in sorted(lang_dir.glob("*.txt")):
            # ``<category>.txt`` or ``<category>.<topic>.txt`` (several authors, one category)
            stem = path.name.split(".")[0]
            category = None if stem == "none" else stem
            if category is not None and category not in CATEGORIES:
                raise ValueError(f"{path}: unknown category {stem!r}")
            for line in path.read_text(encoding="utf-8").splitlines():
                line = line.strip()
                if line and not line.startswith("#"):
                    items.append(_parse(line, category, lang_dir.name, f"{lang_dir.name}/{path.name}"))
    return items


# Ordinary coaching chat written for the other detectors (never their outside sets): the
# messages a safety detector sees most, and must leave alone.
ORDINARY_FILES = (REPO / "data" / "beliefs" / "train.jsonl", REPO / "data" / "acts" / "train.jsonl")
WINDOW_EVERY = 3  # one window of three consecutive ordinary messages per this many messages


def load_ordinary(files: tuple[Path, ...] = ORDINARY_FILES) -> list[Item]:
    """Ordinary executive messages as negatives: each alone, and in windows of three.

    The detector reads the last few messages together, so ordinary talk must stay quiet as
    a window too, not only one message at a time.
    """
    items: list[Item] = []
    for path in files:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        texts = [(r["text"], r.get("language") or "en") for r in rows if r.get("text", "").strip()]
        source = f"ordinary/{path.parent.name}"
        items += [Item((text,), None, lang, False, source) for text, lang in texts]
        for i in range(0, len(texts) - 2, WINDOW_EVERY):
            window = tuple(t for t, _ in texts[i : i + 3])
            items.append(Item(window, None, texts[i + 2][1], False, source + "/window"))
    return items


def read_heldout(path: Path) -> list[Item]:
    """Items of a held-out JSONL file: ``{"text", "category", "language", "imminent", "context"}``."""
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        messages = tuple(row.get("context") or ()) + (row["text"],)
        items.append(
            Item(
                messages, row.get("category"), row.get("language") or "en", bool(row.get("imminent")), row.get("id", "")
            )
        )
    return items


def key(text: str) -> str:
    """A text's identity for overlap checks: folded case and whitespace."""
    return " ".join(text.lower().split())
