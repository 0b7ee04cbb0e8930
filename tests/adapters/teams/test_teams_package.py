"""The Teams app package: what an admin uploads must pass Microsoft's manifest schema."""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path

import jsonschema
import pytest
from coachbot.adapters.teams.commands import COMMANDS
from coachbot.adapters.teams.package import build_package, template_dir

import coachbot
from coachbot.cli import main

SCHEMA = Path(__file__).parent / "schema" / "MicrosoftTeams.v1.30.schema.json"
APP_ID = "6f0c9c1e-2b43-4a0e-9d7e-0d6f1f1c2a11"


def schema_errors(manifest: dict) -> list[str]:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(manifest)]


def png_info(data: bytes) -> tuple[int, int, int]:
    """(width, height, colour type) from a PNG's IHDR chunk; colour type 6 is RGBA."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, _depth, colour = struct.unpack(">IIBB", data[16:26])
    return width, height, colour


@pytest.fixture
def package(tmp_path: Path) -> zipfile.ZipFile:
    (tmp_path / "dist").mkdir()
    out = build_package(APP_ID, "coach.acme.example", tmp_path / "dist" / "coachbot-teams.zip")
    with zipfile.ZipFile(out) as archive:
        yield archive


def test_the_package_validates_against_the_teams_manifest_schema(package):
    manifest = json.loads(package.read("manifest.json"))
    assert manifest["manifestVersion"] in SCHEMA.name
    assert schema_errors(manifest) == []


def test_the_package_carries_the_app_id_and_domain(package):
    manifest = json.loads(package.read("manifest.json"))
    assert manifest["id"] == APP_ID
    assert [bot["botId"] for bot in manifest["bots"]] == [APP_ID]
    assert manifest["validDomains"] == ["coach.acme.example"]
    assert manifest["version"] == coachbot.__version__
    assert all("coach.acme.example" in url for url in manifest["developer"].values() if url.startswith("https"))


def test_the_zip_holds_the_manifest_and_both_icons_at_its_root(package):
    assert sorted(package.namelist()) == ["color.png", "manifest.json", "outline.png"]
    assert png_info(package.read("color.png"))[:2] == (192, 192)
    assert png_info(package.read("outline.png")) == (32, 32, 6)


def test_the_outline_icon_is_white_on_transparent():
    import zlib

    data = (template_dir() / "outline.png").read_bytes()
    width, height, _ = png_info(data)
    # Gather the IDAT chunks and undo the (filter type 0) scanlines the icon is written with.
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = 1 + width * 4
    assert all(raw[row * stride] == 0 for row in range(height)), "expected unfiltered scanlines"
    pixels = [raw[row * stride + 1 + col * 4: row * stride + 5 + col * 4]
              for row in range(height) for col in range(width)]
    assert {tuple(p[:3]) for p in pixels if p[3]} == {(255, 255, 255)}
    assert any(p[3] == 0 for p in pixels)


def test_the_command_menu_lists_the_same_commands_the_bot_understands():
    manifest = json.loads((template_dir() / "manifest.json").read_text(encoding="utf-8"))
    titles = [c["title"] for lst in manifest["bots"][0]["commandLists"] for c in lst["commands"]]
    assert sorted(titles) == sorted(COMMANDS)


def test_the_template_in_the_repository_is_itself_valid():
    manifest = json.loads((template_dir() / "manifest.json").read_text(encoding="utf-8"))
    assert schema_errors(manifest) == []


@pytest.mark.parametrize("app_id", ["not-a-guid", "", "00000000-0000-0000-0000-000000000000"])
def test_a_wrong_app_id_is_refused_with_a_clear_message(tmp_path, app_id):
    with pytest.raises(ValueError, match="app id"):
        build_package(app_id, "coach.acme.example", tmp_path / "x.zip")
    assert not (tmp_path / "x.zip").exists()


@pytest.mark.parametrize(
    ("domain", "hint"),
    [("https://coach.acme.example/api/messages", "coach.acme.example"),
     ("coach.acme.example:3978", "coach.acme.example"),
     ("localhost", "full host name"),
     ("coach..example", "full host name")],
)
def test_a_domain_that_is_not_a_bare_host_name_is_refused(tmp_path, domain, hint):
    with pytest.raises(ValueError, match="host name") as info:
        build_package(APP_ID, domain, tmp_path / "x.zip")
    assert hint in str(info.value)


def test_coachbot_teams_package_writes_the_zip(tmp_path, capsys):
    out = tmp_path / "coachbot-teams.zip"
    assert main(["teams", "package", "--app-id", APP_ID, "--domain", "coach.acme.example", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    with zipfile.ZipFile(out) as archive:
        assert schema_errors(json.loads(archive.read("manifest.json"))) == []


def test_coachbot_teams_package_explains_a_bad_app_id_without_a_traceback(tmp_path, capsys):
    code = main(["teams", "package", "--app-id", "nope", "--domain", "coach.acme.example",
                 "--out", str(tmp_path / "x.zip")])
    err = capsys.readouterr().err
    assert code != 0
    assert "GUID" in err and "Traceback" not in err
    assert not (tmp_path / "x.zip").exists()


def test_a_missing_output_folder_is_pointed_out_not_created(tmp_path, capsys):
    missing = tmp_path / "missing" / "dir"
    code = main(["teams", "package", "--app-id", APP_ID, "--domain", "coach.acme.example",
                 "--out", str(missing / "x.zip")])
    err = capsys.readouterr().err
    assert code == 2
    assert str(missing) in err and "does not exist" in err and "Traceback" not in err
    assert not missing.exists()
