"""``coachbot teams package``: the zip a Teams admin uploads.

Teams wants ``manifest.json`` and the two icons at the root of a zip. The template in
``appPackage/`` carries placeholder ids and an example domain; this fills in the bot's
Microsoft App ID and the public domain that serves ``/api/messages``.
"""

from __future__ import annotations

import importlib.resources
import json
import re
import zipfile
from pathlib import Path

import coachbot

TEMPLATE_DOMAIN = "coachbot.example.com"
NIL_GUID = "00000000-0000-0000-0000-000000000000"
FILES = ("manifest.json", "color.png", "outline.png")

GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
# A fixed timestamp keeps the zip byte-for-byte the same for the same inputs.
ZIP_TIME = (2026, 1, 1, 0, 0, 0)


def check_app_id(app_id: str) -> str:
    app_id = app_id.strip()
    if not GUID.match(app_id):
        raise ValueError(
            f"The app id must be the bot's Microsoft App ID, a GUID like "
            f"6f0c9c1e-2b43-4a0e-9d7e-0d6f1f1c2a11 (got {app_id!r}).")
    if app_id == NIL_GUID:
        raise ValueError("The app id is the all-zero placeholder; use the bot's real Microsoft App ID.")
    return app_id.lower()


def check_domain(domain: str) -> str:
    """A bare host name such as coach.example.com: no scheme, port or path."""
    raw = domain.strip()
    host = raw.lower().rstrip(".")
    if "://" in host or "/" in host or ":" in host or "@" in host:
        bare = re.sub(r"^[a-z]+://", "", host).split("/")[0].split(":")[0].split("@")[-1]
        raise ValueError(f"The domain must be a bare host name such as {bare or 'coach.example.com'}, "
                         f"without https://, a port or a path (got {raw!r}).")
    labels = host.split(".")
    if len(host) > 253 or len(labels) < 2 or not all(HOST_LABEL.match(label) for label in labels):
        raise ValueError(f"The domain must be a full host name such as coach.example.com (got {raw!r}).")
    return host


def fill_manifest(template: dict, app_id: str, domain: str) -> dict:
    manifest = json.loads(json.dumps(template))  # a deep copy
    manifest["id"] = app_id
    # Teams only accepts an updated package whose version is higher: follow coachbot's own.
    if re.fullmatch(r"\d+\.\d+\.\d+", coachbot.__version__):
        manifest["version"] = coachbot.__version__
    for bot in manifest.get("bots", []):
        bot["botId"] = app_id
    manifest["validDomains"] = [domain]
    for key, url in manifest.get("developer", {}).items():
        if isinstance(url, str) and url.startswith("https://"):
            manifest["developer"][key] = url.replace(TEMPLATE_DOMAIN, domain)
    return manifest


def template_dir() -> Path:
    return Path(str(importlib.resources.files("coachbot.adapters.teams"))) / "appPackage"


def build_package(app_id: str, domain: str, out: Path) -> Path:
    """Write the upload-ready zip to ``out`` and return its path.

    Raises ValueError with a readable message for an app id that is not a GUID or a
    domain that is not a bare host name, FileNotFoundError when ``out``'s folder is missing.
    """
    app_id, domain = check_app_id(app_id), check_domain(domain)
    source = template_dir()
    template = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
    manifest = fill_manifest(template, app_id, domain)
    out = Path(out)
    if not out.parent.is_dir():
        # A typo in --out should be pointed out, not turned into a new folder somewhere.
        raise FileNotFoundError(f"The folder {out.parent} does not exist; create it first or choose another --out.")
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        entries = {"manifest.json": json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8")}
        for name in FILES[1:]:
            entries[name] = (source / name).read_bytes()
        for name in FILES:
            archive.writestr(zipfile.ZipInfo(name, date_time=ZIP_TIME), entries[name],
                             compress_type=zipfile.ZIP_DEFLATED)
    return out
