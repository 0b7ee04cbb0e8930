"""`pip install .` (the README's first command) installs every package the code imports."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_python_package_in_the_repository_is_listed_for_installation():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    folders = {name: Path(path) for name, path in config["package-dir"].items()}
    listed = set(config["packages"])
    found = set()
    for name, folder in folders.items():
        for init in (ROOT / folder).rglob("__init__.py"):
            relative = init.parent.relative_to(ROOT / folder)
            if ".venv" in init.parts or "node_modules" in init.parts:
                continue
            found.add(".".join([name, *relative.parts]) if relative.parts else name)
    assert found - listed == set()
