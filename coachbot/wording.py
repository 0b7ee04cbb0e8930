"""The coach's wording, loaded from the YAML files in ``prompts/``.

Every sentence the coach says lives there so a coach designer can edit it without
touching code. A key may hold one string or a list of variants; :meth:`Prompts.pick`
chooses a variant deterministically from a seed, so a transcript can be replayed.
"""

from __future__ import annotations

import hashlib
import importlib.resources
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml


class PromptError(KeyError):
    """A wording key the prompts files do not define."""


@dataclass(frozen=True)
class Prompts:
    data: dict[str, Any]
    # Wording in other languages (``prompts/languages/<code>.yaml``): each holds the keys it
    # translates; every other key falls back to English.
    languages: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False)
    language: str = "en"

    def in_language(self, code: str | None) -> Prompts:
        """These prompts in ``code`` where a translation exists (English otherwise)."""
        if not code or code == "en" or code not in self.languages:
            return self.english()
        return self if code == self.language else _translated(self, code)

    def english(self) -> Prompts:
        return self if self.language == "en" else Prompts(self.languages["en"], self.languages, "en")

    def speaks(self, code: str | None) -> bool:
        """Whether the coach has wording in ``code`` (English always)."""
        return code in (None, "en") or code in self.languages

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


def _merged(base: Any, overlay: Any) -> Any:
    """``overlay`` over ``base``: mappings merge key by key, anything else is replaced."""
    if isinstance(base, dict) and isinstance(overlay, dict):
        return {k: _merged(base[k], overlay[k]) if k in base and k in overlay else overlay.get(k, base.get(k))
                for k in (*base, *(k for k in overlay if k not in base))}
    return overlay


_TRANSLATED: dict[tuple[int, str], Prompts] = {}


def _translated(base: Prompts, code: str) -> Prompts:
    english = base.english()
    key = (id(english.languages), code)  # one merge per loaded prompts and language
    if key not in _TRANSLATED:
        _TRANSLATED[key] = Prompts(_merged(english.data, english.languages[code]), english.languages, code)
    return _TRANSLATED[key]


def load_prompts(directory: str | Path | None = None) -> Prompts:
    """Merge every ``*.yaml`` file in ``directory`` (default: the installed prompts), with the
    translations in its ``languages/`` folder."""
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
    languages: dict[str, dict[str, Any]] = {"en": data}
    for path in sorted((root / "languages").glob("*.yaml")):
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(loaded, dict):
            raise ValueError(f"languages/{path.name}: the top level must be a mapping")
        languages[path.stem] = loaded
    return Prompts(data, languages)
