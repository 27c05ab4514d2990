"""tests/sysdeps.py against a stand-in apt-get: what it runs, and what it refuses to do."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

import sysdeps

CLEAN = """\
The following NEW packages will be installed:
  fake-tool libfake1
0 upgraded, 2 newly installed, 0 to remove and 120 not upgraded.
Inst libfake1 (1.0-1 Debian:12.15/oldstable [amd64])
Inst fake-tool (2.0-1 Debian:12.15/oldstable [amd64])
Conf libfake1 (1.0-1 Debian:12.15/oldstable [amd64])
Conf fake-tool (2.0-1 Debian:12.15/oldstable [amd64])
"""
UPGRADES_LIBC = """\
The following packages will be upgraded:
  libc6
1 upgraded, 1 newly installed, 0 to remove and 119 not upgraded.
Inst libc6 [2.36-9+deb12u9] (2.36-9+deb12u13 Debian:12.15/oldstable [amd64])
Inst fake-tool (2.0-1 Debian:12.15/oldstable [amd64])
"""
REMOVES = """\
0 upgraded, 1 newly installed, 1 to remove and 120 not upgraded.
Remv old-tool [1.0-1]
Inst fake-tool (2.0-1 Debian:12.15/oldstable [amd64])
"""
UNKNOWN = "E: Unable to locate package fake-tool\n"

FAKE_APT = """\
#!{python}
# Stands in for apt-get: logs its arguments and answers from a script of replies.
import json, os, sys
from pathlib import Path
folder = Path(os.environ["FAKE_APT"])
plan = json.loads((folder / "plan.json").read_text())
with (folder / "calls.log").open("a") as log:
    log.write(json.dumps(sys.argv[1:]) + "\\n")
kind = "update" if sys.argv[1] == "update" else "simulate" if "-s" in sys.argv else "install"
replies = plan.get(kind, [])
count = folder / f"{{kind}}.count"
n = int(count.read_text()) if count.exists() else 0
count.write_text(str(n + 1))
code, text = replies[min(n, len(replies) - 1)] if replies else (0, "")
print(text)
if kind == "install" and code == 0:
    tool = folder / "fake-tool"
    tool.write_text("#!/bin/sh\\n")
    tool.chmod(0o755)
sys.exit(code)
"""


@pytest.fixture
def apt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    fake = folder / "apt-get"
    fake.write_text(FAKE_APT.format(python=sys.executable))
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_APT", str(folder))
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    monkeypatch.setattr(sysdeps, "_updated", False)
    return folder


def plan(folder: Path, **replies: list[tuple[int, str]]) -> None:
    (folder / "plan.json").write_text(json.dumps(replies))


def calls(folder: Path) -> list[list[str]]:
    log = folder / "calls.log"
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


def test_nothing_is_run_when_the_programs_are_there(apt: Path) -> None:
    sysdeps.ensure([sys.executable], ["python3"], "test")
    assert calls(apt) == []


def test_a_clean_install_adds_only_new_packages_without_an_update(apt: Path) -> None:
    plan(apt, simulate=[(0, CLEAN)], install=[(0, "")])
    sysdeps.ensure(["fake-tool"], ["fake-tool"], "test")
    made = calls(apt)
    assert [c for c in made if c[0] == "update"] == []
    assert made == [
        [*sysdeps.INSTALL[1:], "-s", "fake-tool"],
        [*sysdeps.INSTALL[1:], "fake-tool"],
    ]
    assert {"--no-upgrade", "--no-install-recommends", "-y"} <= set(made[-1])


def test_the_lists_are_refreshed_only_when_a_package_is_not_found(apt: Path) -> None:
    plan(apt, simulate=[(100, UNKNOWN), (0, CLEAN)], install=[(0, "")])
    sysdeps.ensure(["fake-tool"], ["fake-tool"], "test")
    kinds = [
        c[0] if c[0] == "update" else ("simulate" if "-s" in c else "install") for c in calls(apt)
    ]
    assert kinds == ["simulate", "update", "simulate", "install"]


@pytest.mark.parametrize(
    ("simulation", "named"),
    [(UPGRADES_LIBC, "upgrade libc6"), (REMOVES, "remove old-tool")],
    ids=["upgrade", "removal"],
)
def test_an_install_that_would_change_installed_packages_is_refused(
    apt: Path, simulation: str, named: str
) -> None:
    plan(apt, simulate=[(0, simulation)], install=[(0, "")])
    with pytest.raises(pytest.skip.Exception, match=named):
        sysdeps.ensure(["fake-tool"], ["fake-tool"], "test")
    assert not any("-s" not in c and c[0] == "install" for c in calls(apt))


def test_stale_lists_are_refreshed_once_when_the_download_fails(apt: Path) -> None:
    plan(apt, simulate=[(0, CLEAN)], install=[(100, "E: Failed to fetch …"), (0, "")])
    sysdeps.ensure(["fake-tool"], ["fake-tool"], "test")
    assert [c[0] for c in calls(apt)].count("update") == 1
    assert (apt / "fake-tool").exists()


def test_a_failing_apt_get_is_a_skip_with_its_last_words(apt: Path) -> None:
    plan(apt, simulate=[(100, UNKNOWN)], update=[(0, "")])
    with pytest.raises(pytest.skip.Exception, match="Unable to locate package fake-tool"):
        sysdeps.ensure(["fake-tool"], ["fake-tool"], "test")


def test_the_summary_alone_still_counts_as_a_change() -> None:
    assert sysdeps.changes_to_installed("2 upgraded, 1 newly installed, 0 to remove and 0 not")
    assert not sysdeps.changes_to_installed(CLEAN)
