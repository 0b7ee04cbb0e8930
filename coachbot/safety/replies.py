"""The caring pointer: wording from ``prompts/safety.yaml`` with the right contacts filled in.

Contacts are resolved field by field (``crisis_line``, ``emergency``, ``eap``, ``abuse_line``),
the later source winning:
1. the wording's ``contact_defaults`` in the reply's language (international: "your local
   emergency number", findahelpline.com);
2. the country of ``locale`` in ``contacts.yaml`` ("en-GB" -> GB: Samaritans, 999);
3. the tenant's entries in the YAML file named by ``COACHBOT_SAFETY_CONTACTS``:
   ``{tenant: {locale: {field: value}}}``, where the locale key may be ``"*"`` (every locale),
   a language (``"de"``) or a full locale (``"de-AT"``).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from coachbot.wording import PromptError, Prompts, load_prompts

if TYPE_CHECKING:
    from coachbot.safety import SafetyFlag

FIELDS = ("crisis_line", "emergency", "eap", "abuse_line")
DEFAULTS_PATH = Path(__file__).with_name("contacts.yaml")
ENV = "COACHBOT_SAFETY_CONTACTS"
_NOW_VARIANTS = ("self_harm", "violence", "domestic_abuse", "medical")


class ContactsError(ValueError):
    """The tenant contacts file cannot be used."""


@lru_cache(maxsize=1)
def _defaults() -> dict[str, dict[str, str]]:
    return yaml.safe_load(DEFAULTS_PATH.read_text(encoding="utf-8")) or {}


@lru_cache(maxsize=8)
def _tenant_file(path: str, mtime: float) -> dict[str, Any]:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ContactsError(f"{ENV}={path}: {exc}") from exc
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise ContactsError(f"{ENV}={path}: expected a mapping of tenant -> locale -> fields")
    return data


def tenant_contacts() -> dict[str, Any]:
    """The tenant overrides from ``$COACHBOT_SAFETY_CONTACTS`` (empty when unset)."""
    path = os.environ.get(ENV, "").strip()
    if not path:
        return {}
    try:
        mtime = Path(path).stat().st_mtime
    except OSError as exc:
        raise ContactsError(f"{ENV}={path}: {exc}") from exc
    return _tenant_file(path, mtime)


def _split(locale: str | None) -> tuple[str, str]:
    """("de", "AT") from "de-AT" / "de_AT"; ("", "") from None."""
    if not locale:
        return "", ""
    parts = locale.replace("_", "-").split("-")
    return parts[0].lower(), (parts[1].upper() if len(parts) > 1 else "")


def contacts(prompts: Prompts, language: str, *, tenant: str = "", locale: str | None = None) -> dict[str, str]:
    """The four contact fields for a reply in ``language`` to this tenant and locale."""
    out = {f: str(prompts.get(f"safety.contact_defaults.{f}.{language}")) for f in FIELDS}
    loc_lang, region = _split(locale)
    for field, value in (_defaults().get(region) or {}).items():
        out[field] = str(value)
    entries = tenant_contacts().get(tenant) or {} if tenant else {}
    full = f"{loc_lang}-{region}" if region else loc_lang
    for key in ("*", "default", loc_lang, full):
        for field, value in (entries.get(key) or {}).items() if key else ():
            if field in FIELDS and value:
                out[field] = str(value)
    return out


def _has(prompts: Prompts, key: str) -> bool:
    try:
        prompts.get(key)
    except PromptError:
        return False
    return True


def render(flag: SafetyFlag, *, tenant: str = "", locale: str | None = None, prompts: Prompts | None = None) -> str:
    """The pointer for ``flag``; see :func:`coachbot.safety.pointer`."""
    prompts = prompts or _prompts()
    category = flag.category
    if flag.imminent and category in _NOW_VARIANTS:
        category = f"{category}_now"
    loc_lang, _ = _split(locale)
    language = next(
        (
            lang
            for lang in (flag.language, loc_lang, "en")
            if lang and _has(prompts, f"safety.pointer.{category}.{lang}")
        ),
        "en",
    )
    values = contacts(prompts, language, tenant=tenant, locale=locale)
    return prompts.text(f"safety.pointer.{category}.{language}", **values)


@lru_cache(maxsize=1)
def _prompts() -> Prompts:
    return load_prompts()
