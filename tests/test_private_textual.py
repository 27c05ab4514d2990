"""Textual's and textual-serve's private parts are reached only in footcare/ui/compat and
footcare/serve_compat: anywhere else, a private name (an import from a private module, a
`_name` Textual or textual-serve defines, an override of one of their private methods)
fails here, and so does Textual's own Footer in place of the KeysFooter."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest
import textual
import textual_serve

import footcare

SRC = Path(footcare.__file__).parent
COMPAT = {SRC / "ui" / "compat", SRC / "serve_compat.py"}
LIBRARIES = [Path(textual.__file__).parent, Path(textual_serve.__file__).parent]
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


@cache
def names_of_the_libraries() -> tuple[frozenset[str], frozenset[str]]:
    """Every `_name` Textual and textual-serve define or set (dunders aside), and every method
    they define (one a footcare class could override)."""
    found: set[str] = set()
    methods: set[str] = set()
    for root in LIBRARIES:
        for path in root.rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                    found.add(node.name)
                elif isinstance(node, ast.Attribute | ast.Name) and isinstance(node.ctx, ast.Store):
                    found.add(node.attr if isinstance(node, ast.Attribute) else node.id)
                if isinstance(node, ast.ClassDef):
                    methods.update(f.name for f in node.body if isinstance(f, FUNCTIONS))
    private = frozenset(n for n in found if n.startswith("_") and not n.endswith("__"))
    return private, frozenset(methods)


def footcare_modules() -> list[Path]:
    return [
        path
        for path in sorted(SRC.rglob("*.py"))
        if not any(path == c or c in path.parents for c in COMPAT)
    ]


def footcare_s_own_names(paths: list[Path]) -> set[str]:
    """The `_names` footcare itself defines or sets (its own, even if Textual has one too)."""
    own: set[str] = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                if not (isinstance(node.value, ast.Name) and node.value.id != "self"):
                    own.add(node.attr)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                own.add(node.name)
    return own


def private_uses(path: Path, private: frozenset[str], own: set[str], root: Path = SRC) -> list[str]:
    """Where `path` reaches a private Textual or textual-serve name."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
        if not alias.name.startswith("textual")
    }
    uses = []
    for node in ast.walk(tree):
        where = f"{path.relative_to(root)}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("textual"):
            module = node.module or ""
            if any(part.startswith("_") for part in module.split(".")):
                uses.append(f"{where} imports {module}")
            uses += [f"{where} imports {a.name}" for a in node.names if a.name.startswith("_")]
        elif isinstance(node, ast.Attribute) and node.attr in private:
            if isinstance(node.value, ast.Name) and node.value.id in modules:
                continue  # os._exit and the like
            if node.attr in own and not (
                isinstance(node.value, ast.Call) and getattr(node.value.func, "id", "") == "super"
            ):
                continue
            uses.append(f"{where} reaches .{node.attr}")
        elif isinstance(node, ast.ClassDef):
            uses += [
                f"{path.relative_to(root)}:{f.lineno} overrides {f.name}"
                for f in node.body
                if isinstance(f, FUNCTIONS)
                and f.name in private
                and f.name in names_of_the_libraries()[1]
            ]
    return uses


def all_private_uses(paths: list[Path], root: Path) -> list[str]:
    private, methods = names_of_the_libraries()
    own = footcare_s_own_names(paths) - methods
    return [use for path in paths for use in private_uses(path, private, own, root)]


def test_no_private_textual_outside_compat() -> None:
    uses = all_private_uses(footcare_modules(), SRC)
    assert uses == [], "private Textual parts belong in footcare/ui/compat:\n" + "\n".join(uses)


TESTS = Path(__file__).parent
TEST_ROOMS = {"rendered.py", "test_compat.py", "test_compat_header.py", "test_one_line_table.py"}
"""Where a test may reach Textual's private parts: reading the screen (rendered.py) and the
tests that notice when Textual changes what footcare/ui/compat leans on."""


def test_no_test_reaches_private_textual_outside_its_rooms() -> None:
    paths = [p for p in sorted(TESTS.glob("*.py")) if p.name not in TEST_ROOMS]
    uses = all_private_uses(paths, TESTS)
    assert uses == [], "a test reads the screen through tests/rendered.py:\n" + "\n".join(uses)


def test_the_private_use_check_finds_each_kind_of_use(tmp_path: Path) -> None:
    private = names_of_the_libraries()[0]
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import os\n"
        "from textual._context import active_app\n"
        "from textual.drivers._writer_thread import WriterThread\n"
        "class T:\n"
        "    def _render_cell(self):\n"
        "        return super()._render_cell()\n"
        "def f(app):\n"
        "    os._exit(0)\n"
        "    return app._driver\n",
        encoding="utf-8",
    )
    uses = [u.split(" ", 1)[1] for u in private_uses(probe, private, set(), tmp_path)]
    assert sorted(uses) == sorted(
        [
            "imports textual._context",
            "imports textual.drivers._writer_thread",
            "overrides _render_cell",
            "reaches ._render_cell",
            "reaches ._driver",
        ]
    )


@pytest.mark.parametrize(
    ("textual_s", "ours"), [("Footer", "KeysFooter"), ("Header", "header.SafeHeader")]
)
def test_every_screen_s_footer_and_header_are_the_compat_ones(textual_s: str, ours: str) -> None:
    made = [
        f"{path.relative_to(SRC)}:{node.lineno}"
        for path in footcare_modules()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == textual_s
    ]
    assert made == [], f"use footcare.ui.compat.{ours}, not Textual's {textual_s}"
