"""The import contracts forbid what they say, every module is under one, and no module
imports itself round a circle.

Each probe adds one forbidden import to a scratch copy of ``src/`` and runs `lint-imports`
with the project's own contracts on it: the copy as it is passes, each probe fails.
"""

from __future__ import annotations

import ast
import importlib
import os
import pkgutil
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import grimp
import pytest

import footcare

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
LINT = Path(sys.executable).with_name("lint-imports")


def contracts() -> list[dict[str, object]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    found: list[dict[str, object]] = project["tool"]["importlinter"]["contracts"]
    return found


def lint(copy: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT), "--no-cache", str(copy / "pyproject.toml")],
        cwd=copy,
        env={**os.environ, "PYTHONPATH": str(copy / "src")},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scratch copy of ``src/`` with the project's contracts beside it."""
    root = tmp_path_factory.mktemp("contracts")
    shutil.copytree(SRC, root / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


@pytest.fixture
def probe(copy: Path) -> Iterator[Path]:
    """The copy, put back as it was after the test's probe."""
    texts = {p: p.read_text("utf-8") for p in (copy / "src").rglob("*.py")}
    yield copy
    for path, text in texts.items():
        path.write_text(text, "utf-8")


def add_import(copy: Path, module: str, line: str) -> None:
    path = (copy / "src").joinpath(*module.split(".")).with_suffix(".py")
    if not path.exists():
        path = path.with_suffix("") / "__init__.py"
    assert path.exists(), module
    path.write_text(path.read_text("utf-8") + f"\n{line}\n", "utf-8")


def test_the_copy_as_it_is_keeps_every_contract(copy: Path) -> None:
    done = lint(copy)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


PROBES = [
    # the three of the issue
    ("footcare.domain.journal", "import time, socket, sys"),
    ("footcare.ui.screens.journal", "from footcare.storage.journal import JournalStore"),
    ("footcare.commands.config", "from footcare.ui.app import FootcareApp"),
    # the same classes elsewhere: each of the domain's forbidden modules, each client
    *[("footcare.domain.text", f"import {name}") for name in ("os", "pathlib", "threading")],
    ("footcare.domain.routine", "import platformdirs"),
    ("footcare.domain.wording", "from textual.app import App"),
    ("footcare.plain.session", "from footcare.storage.claim import SessionRunning"),
    ("footcare.commands.routines", "from footcare.storage.routines import load_catalogue"),
    ("footcare.cli", "from footcare.storage.files import ensure_dir"),
    ("footcare.serve", "from footcare.storage.paths import bundled"),
    ("footcare.ui.app", "import footcare.storage.journal"),
    # siblings never import each other; a layer never imports one above it
    ("footcare.plain.prompts", "from footcare.ui.app import FootcareApp"),
    ("footcare.ui.screens.start", "from footcare.plain import run_plain"),
    ("footcare.commands.status", "from footcare.plain import run_plain"),
    ("footcare.ui.app", "from footcare.serve_guard import Guard"),
    ("footcare.plain.lines", "import footcare.serve_address"),
    ("footcare.services.status", "from footcare.commands import status"),
    ("footcare.services.gate", "import textual"),
    ("footcare.storage.journal", "from footcare.services import status"),
    ("footcare.folders", "from footcare.storage import journal"),
    ("footcare.domain.session", "from footcare.folders import Paths"),
    ("footcare.commands.paths", "from footcare.cli import build_parser"),
]


@pytest.mark.parametrize(("module", "line"), PROBES, ids=[f"{m}: {line}" for m, line in PROBES])
def test_each_forbidden_import_breaks_a_contract(probe: Path, module: str, line: str) -> None:
    add_import(probe, module, line)
    done = lint(probe)
    assert done.returncode != 0, f"{module} may say {line!r}:\n{done.stdout}"
    assert "BROKEN" in done.stdout, done.stdout + done.stderr


def named(contract: dict[str, object]) -> set[str]:
    names: set[str] = set()
    for key in ("layers", "source_modules", "modules"):
        for entry in contract.get(key, []):  # type: ignore[attr-defined]
            for part in str(entry).replace("|", ":").split(":"):
                names.add(part.strip())
    return names


def test_every_module_is_under_a_contract() -> None:
    covered = set().union(*(named(c) for c in contracts()))
    modules = [
        info.name
        for info in pkgutil.walk_packages(footcare.__path__, "footcare.")
        if not info.name.startswith("footcare._bundled")
    ]
    assert len(modules) > 100
    loose = [m for m in modules if not any(m == c or m.startswith(c + ".") for c in covered)]
    assert loose == []


def test_no_contract_lets_an_import_through() -> None:
    """A contract says all it forbids: an exception would be an ``ignore_imports`` line,
    and there is none (route the import through a use-case instead)."""
    assert [c["name"] for c in contracts() if c.get("ignore_imports")] == []
    assert len(contracts()) >= 5


def test_the_package_itself_imports_nothing_of_its_own() -> None:
    """``footcare/__init__.py`` (the version) can be named by no layer: it stays empty of
    imports, so every module that imports it depends on nothing."""
    tree = ast.parse((SRC / "footcare" / "__init__.py").read_text("utf-8"))
    imports = [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]
    assert imports == []


def test_no_use_case_passes_a_storage_type_up() -> None:
    """What a client may name comes from the use-cases themselves or from below storage
    (``footcare.folders``, ``footcare.domain.errors``), never a storage type passed on."""
    import footcare.services

    passed: list[str] = []
    for info in pkgutil.walk_packages(footcare.services.__path__, "footcare.services."):
        passed += storage_types(importlib.import_module(info.name))
    assert passed == []
    assert storage_types(footcare.services) == []


def storage_types(module: ModuleType) -> list[str]:
    return [
        f"{module.__name__}.{name}"
        for name in getattr(module, "__all__", ())
        if isinstance(value := getattr(module, name, None), type)
        and value.__module__.startswith("footcare.storage")
    ]


def circles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Every set of modules that import each other round a circle: a module, with those it
    leads to that also lead back to it."""
    found: set[tuple[str, ...]] = set()
    for module in graph.modules:
        round_it = graph.find_upstream_modules(module) & graph.find_downstream_modules(module)
        if round_it:
            found.add(tuple(sorted({module, *round_it})))
    return [list(part) for part in sorted(found)]


def test_the_circle_finder_finds_every_circle_and_nothing_else() -> None:
    graph = grimp.ImportGraph()
    for importer, imported in [
        ("p.a", "p.b"),
        ("p.b", "p.c"),
        ("p.c", "p.a"),  # a → b → c → a
        ("p.d", "p.e"),
        ("p.e", "p.d"),  # d ⇄ e
        ("p.f", "p.a"),
        ("p.f", "p.d"),  # f only leads into them
        ("p.g", "p.h"),
    ]:
        graph.add_import(importer=importer, imported=imported)
    assert sorted(circles(graph)) == [["p.a", "p.b", "p.c"], ["p.d", "p.e"]]


def test_no_module_imports_itself_round_a_circle() -> None:
    # type-checking imports count: a circle drawn only for the type checker is still one
    graph = grimp.build_graph("footcare", cache_dir=None, exclude_type_checking_imports=False)
    assert len(graph.modules) > 100
    assert circles(graph) == []


# --- each client asks one use-case ------------------------------------------------------

PACKAGE = SRC / "footcare"
NO_USE_CASE = {
    "argtypes", "command_lines", "completion", "manpage", "reminders", "serve", "session",
}  # fmt: skip
"""Commands that need no use-case: argument types, shell lines, completion, the man page,
the scheduler's work for `remind`, and the two that only name an option (`session` and
`serve` open another client)."""


def imported(path: Path) -> set[str]:
    """Every module of footcare that `path` imports, at module level, in a function or for
    types only: ``from footcare.services import cues`` counts as ``footcare.services.cues``."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                below = f"{node.module}.{alias.name}"
                part = PACKAGE.joinpath(*below.split(".")[1:])
                sub = part.with_suffix(".py").exists() or (part / "__init__.py").exists()
                found.add(below if sub else node.module)
    return {m for m in found if m == "footcare" or m.startswith("footcare.")}


def under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def client_modules() -> list[Path]:
    screens = [
        p for p in (PACKAGE / "ui" / "screens").glob("*.py") if p.stem not in ("base", "__init__")
    ]
    commands = [p for p in (PACKAGE / "commands").glob("*.py") if p.stem != "__init__"]
    return sorted([*screens, *commands, *(PACKAGE / "plain").glob("*.py")])


def use_case_faults(paths: list[Path]) -> list[str]:
    """What breaks "a client imports one use-case module, never storage", one line each."""
    faults = []
    for path in paths:
        name = f"{path.parent.name}/{path.name}"
        modules = imported(path)
        uses = sorted(m for m in modules if under(m, "footcare.services"))
        stores = sorted(m for m in modules if under(m, "footcare.storage"))
        commands = path.parent.name == "commands"
        wanted = 0 if commands and path.stem in NO_USE_CASE else 1
        if stores:
            faults.append(f"{name} imports storage: {', '.join(stores)}")
        if len(uses) > 1 or (commands and len(uses) != wanted):
            faults.append(f"{name} imports {len(uses)} use-case modules: {', '.join(uses)}")
    return faults


def test_each_client_imports_one_use_case_module_and_no_storage() -> None:
    """A screen, a command and the plain session each import at most one module of
    ``footcare.services`` (a command with a use-case need exactly one) and none of
    ``footcare.storage``; the plain session as a whole imports one."""
    assert len(client_modules()) > 30
    assert use_case_faults(client_modules()) == []
    plain = set().union(*(imported(p) for p in (PACKAGE / "plain").glob("*.py")))
    assert sorted(m for m in plain if under(m, "footcare.services")) == [
        "footcare.services.plain_session"
    ]


def test_the_use_case_count_sees_every_way_of_importing(tmp_path: Path) -> None:
    """Imports in a function, for types only, as ``import x`` or ``from package import
    module`` all count; a name from a module counts as that module."""
    client = tmp_path / "commands" / "made_up.py"
    client.parent.mkdir()
    client.write_text(
        "from typing import TYPE_CHECKING\n"
        "from footcare.services.status import status\n"
        "if TYPE_CHECKING:\n    from footcare.services.build import UseCases\n"
        "def f():\n    from footcare.services import cues\n    import footcare.storage.journal\n",
        "utf-8",
    )
    assert imported(client) >= {
        "footcare.services.status",
        "footcare.services.build",
        "footcare.services.cues",
        "footcare.storage.journal",
    }
    assert use_case_faults([client]) == [
        "commands/made_up.py imports storage: footcare.storage.journal",
        "commands/made_up.py imports 3 use-case modules: footcare.services.build, "
        "footcare.services.cues, footcare.services.status",
    ]
    client.write_text("import os\n", "utf-8")
    assert use_case_faults([client]) == ["commands/made_up.py imports 0 use-case modules: "]
