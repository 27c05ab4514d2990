"""constraints.txt pins every package an install of footcare with its tests and the browser
server brings in, so that two installs draw the same snapshots: each of pyproject.toml's
requirements is pinned there, at a version the requirement allows."""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent


def pins() -> dict[str, Version]:
    found: dict[str, Version] = {}
    for number, line in enumerate(
        (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines(), 1
    ):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, sep, version = line.partition("==")
        assert sep, f"constraints.txt:{number}: not name==version: {line}"
        key = canonicalize_name(name)
        assert key not in found, f"constraints.txt:{number}: {name} pinned twice"
        found[key] = Version(version)
    return found


def requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project.get("optional-dependencies", {})
    return [Requirement(r) for r in [*project["dependencies"], *extras["test"], *extras["serve"]]]


def test_every_requirement_is_pinned_at_a_version_it_allows() -> None:
    pinned = pins()
    assert "footcare" not in pinned
    for requirement in requirements():
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{requirement.name} is not in constraints.txt"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"constraints.txt pins {requirement.name}=={pinned[name]}, "
            f"outside pyproject.toml's {requirement.specifier}"
        )
