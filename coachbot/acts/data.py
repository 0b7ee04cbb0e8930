"""The dialogue-act training texts: read the hand-written files in ``data/acts/authored``.

Each authored file holds one executive message per line, as ``tags | text``:

- ``tags`` are act ids joined by commas (``goodbye,commitment``), plus optional
  ``report=done|partly|not_done`` (which implies the ``report`` act) and ``lang=xx``
  (default: the file's ``# lang: xx`` header, else ``en``);
- in ``text``, ``[[...]]`` marks the commitment clause (verbatim, trimmed to the action) and
  ``{{...}}`` what the executive says happened or noticed in a report. The marks are removed
  from the text the model sees, so the spans are verbatim substrings by construction.

``split()`` assigns every text to train or to our own held-out split by a hash of its words,
so the split is fixed before any training, independent of file order, and stable when texts
are added. The outside sets (``heldout_dev.jsonl``, ``heldout_test.jsonl``, written by a
different developer) are never read for training.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

ACTS: tuple[str, ...] = (
    "greeting",
    "goodbye",
    "question_to_coach",
    "advice_request",
    "objection",
    "change_talk",
    "commitment",
    "report",
    "feeling",
    "small_talk",
    "command",
    "answer",
)
OUTCOMES: tuple[str, ...] = ("done", "partly", "not_done")

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data" / "acts"
AUTHORED = DATA / "authored"
OUTSIDE_DEV = DATA / "heldout_dev.jsonl"
OUTSIDE_TEST = DATA / "heldout_test.jsonl"
HELDOUT_SHARE = 10  # one authored text in ten is kept back as our own held-out split

_LINE = re.compile(r"^([a-z_=,]+)\s*\|\s*(.+)$")
_COMMITMENT = re.compile(r"\[\[(.+?)\]\]")
_LEARNT = re.compile(r"\{\{(.+?)\}\}")


@dataclass(frozen=True)
class Example:
    """One labelled message."""

    text: str
    acts: tuple[str, ...]
    commitment: str | None = None
    outcome: str | None = None
    learnt: str | None = None
    language: str = "en"
    source: str = ""

    def as_dict(self) -> dict:
        return {
            "text": self.text,
            "acts": list(self.acts),
            "commitment_clause": self.commitment,
            "report_outcome": self.outcome,
            "learnt": self.learnt,
            "language": self.language,
        }


def parse_line(line: str, *, source: str = "", language: str = "en") -> Example:
    """One ``tags | text`` line as an :class:`Example`; raises ValueError on a bad line."""
    m = _LINE.match(line)
    if not m:
        raise ValueError(f"{source}: not 'tags | text': {line!r}")
    tags, marked = m.group(1), m.group(2).strip()
    acts: list[str] = []
    outcome = None
    for tag in (t.strip() for t in tags.split(",")):
        if not tag:
            continue
        if tag.startswith("report="):
            outcome = tag.split("=", 1)[1]
            if outcome not in OUTCOMES:
                raise ValueError(f"{source}: unknown outcome {outcome!r} in {line!r}")
            tag = "report"
        elif tag.startswith("lang="):
            language = tag.split("=", 1)[1]
            continue
        if tag not in ACTS:
            raise ValueError(f"{source}: unknown act {tag!r} in {line!r}")
        if tag not in acts:
            acts.append(tag)
    commitments = _COMMITMENT.findall(marked)
    learnt = _LEARNT.findall(marked)
    text = _LEARNT.sub(r"\1", _COMMITMENT.sub(r"\1", marked))
    if ("commitment" in acts) != bool(commitments) or len(commitments) > 1:
        raise ValueError(f"{source}: the commitment act needs exactly one [[clause]]: {line!r}")
    if "report" in acts and outcome is None:
        raise ValueError(f"{source}: a report needs report=done|partly|not_done: {line!r}")
    if not acts:
        raise ValueError(f"{source}: no act in {line!r}")
    if "[[" in text or "{{" in text:
        raise ValueError(f"{source}: unbalanced marks in {line!r}")
    return Example(
        text=text,
        acts=tuple(a for a in ACTS if a in acts),
        commitment=commitments[0].strip() if commitments else None,
        outcome=outcome,
        learnt=learnt[0].strip() if learnt else None,
        language=language,
        source=source,
    )


def load_authored(folder: Path = AUTHORED) -> list[Example]:
    """Every authored message, in file-name then line order."""
    rows: list[Example] = []
    for path in sorted(folder.glob("*.txt")):
        language = "en"
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# lang:"):
                language = line.split(":", 1)[1].strip()
                continue
            if not line.strip() or line.startswith("#"):
                continue
            rows.append(parse_line(line.rstrip(), source=path.name, language=language))
    return rows


def key(text: str) -> str:
    """A text as compared across files: lower case, whitespace collapsed."""
    return " ".join(text.lower().split())


def is_heldout(text: str) -> bool:
    return int(hashlib.sha256(key(text).encode("utf-8")).hexdigest(), 16) % HELDOUT_SHARE == 0


def split(rows: list[Example]) -> tuple[list[Example], list[Example]]:
    """(train, heldout), decided by each text's hash alone; duplicates are kept once."""
    seen: set[str] = set()
    train: list[Example] = []
    heldout: list[Example] = []
    for row in rows:
        k = key(row.text)
        if k in seen:
            continue
        seen.add(k)
        (heldout if is_heldout(row.text) else train).append(row)
    return train, heldout


def outside_texts() -> set[str]:
    """Keys of every text in the outside dev and test sets (to keep them out of training)."""
    out: set[str] = set()
    for path in (OUTSIDE_DEV, OUTSIDE_TEST):
        if path.exists():
            out |= {key(r["text"]) for r in read_jsonl(path)}
    return out


def training_rows() -> list[Example]:
    """The texts the trainer fits on: our train split, minus anything in the outside sets."""
    train, _ = split(load_authored())
    outside = outside_texts()
    return [r for r in train if key(r.text) not in outside]


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def write_jsonl(path: Path, rows: list[Example]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row.as_dict(), ensure_ascii=False) + "\n")
