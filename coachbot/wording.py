"""The coach's wording, loaded from the YAML files in ``prompts/``.

Every sentence the coach says lives there so a coach designer can edit it without
touching code. A key may hold one string or a list of variants; :meth:`Prompts.pick`
chooses a variant deterministically from a seed, so a transcript can be replayed.
"""

from __future__ import annotations

import hashlib
import importlib.resources
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class PromptError(KeyError):
    """A wording key the prompts files do not define."""


@dataclass(frozen=True)
class Prompts:
    data: dict[str, Any]

    def get(self, key: str) -> Any:
        """The raw value at a dotted key (``questions.core_value.ask``)."""
        node: Any = self.data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise PromptError(key)
            node = node[part]
        return node

    def pick(self, key: str, seed: str = "", **values: Any) -> str:
        """One variant of the wording at ``key``, filled in with ``values``."""
        node = self.get(key)
        if isinstance(node, list):
            digest = hashlib.blake2b(f"{key}|{seed}".encode(), digest_size=4).digest()
            node = node[int.from_bytes(digest, "big") % len(node)]
        if not isinstance(node, str):
            raise PromptError(f"{key} is not wording")
        return node.format(**values) if values else node

    def text(self, key: str, **values: Any) -> str:
        """The first (or only) variant at ``key``, stripped of trailing whitespace."""
        node = self.get(key)
        if isinstance(node, list):
            node = node[0]
        return (node.format(**values) if values else node).strip()


def load_prompts(directory: str | Path | None = None) -> Prompts:
    """Merge every ``*.yaml`` file in ``directory`` (default: the installed prompts)."""
    root = Path(directory) if directory else Path(str(importlib.resources.files("coachbot.prompts")))
    data: dict[str, Any] = {}
    for path in sorted(root.glob("*.yaml")):
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(loaded, dict):
            raise ValueError(f"{path.name}: the top level must be a mapping")
        overlap = set(loaded) & set(data)
        if overlap:
            raise ValueError(f"{path.name}: keys also defined elsewhere: {sorted(overlap)}")
        data.update(loaded)
    return Prompts(data)
