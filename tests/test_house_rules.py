"""The tests keep to the house's own rules: each test module stands on its own (what tests
share lives in conftest.py or a helper module whose name does not start with `test_`), no
test reaches a private part of footcare (a `_name` footcare defines): they test what a
person or a caller can see, and no test writes out the bundled routines or themes (a new
one is tested with no test edited), and no hypothesis example has a deadline (a busy
machine is no wrong answer). Textual's private parts are checked in
test_private_textual.py. And footcare's own code stays small: no file over 400 lines, no
function over 60.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

import footcare
from shipped import ROUTINES, THEMES

TESTS = Path(__file__).parent
SRC = Path(footcare.__file__).parent


def imports_a_test_module(source: str) -> list[str]:
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append(node.module)
            if node.module == "tests":
                found += [f"tests.{alias.name}" for alias in node.names]
    return [name for name in found if name.removeprefix("tests.").split(".")[0].startswith("test_")]


@cache
def footcare_private_names() -> frozenset[str]:
    """Every `_name` footcare defines or sets: functions, classes, attributes, module names
    (dunders aside)."""
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                found.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                found.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                found.add(node.id)  # an annotated one too
    own = {n for n in found if n.startswith("_") and len(n) > 1 and not n.endswith("__")}
    return frozenset(own - textual_private_names())


@cache
def textual_private_names() -> frozenset[str]:
    """The `_names` Textual and textual-serve define or set: footcare's overrides of them
    are the compat module's, checked by test_private_textual.py and test_compat.py."""
    import textual
    import textual_serve

    defined = re.compile(r"(?:def|class)\s+(_\w+)|\.(_\w+)\s*(?::[^=\n]*)?=(?!=)")
    found: set[str] = set()
    for library in (textual, textual_serve):
        for path in Path(library.__file__).parent.rglob("*.py"):
            for pair in defined.findall(path.read_text(encoding="utf-8")):
                found.update(name for name in pair if name)
    return frozenset(found)


def reaches_private(source: str, private: frozenset[str]) -> list[str]:
    """Where a test reads, sets or patches one of `private` on anything but its own `self`,
    or imports it."""
    said: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in private:
            if not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
                said.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("footcare"):
            said += [
                f"line {node.lineno}: import {a.name}" for a in node.names if a.name in private
            ]
        elif isinstance(node, ast.Call):  # setattr(x, "_name", ...), getattr, a spy's helper
            named = [a.value for a in node.args if isinstance(a, ast.Constant)]
            said += [f"line {node.lineno}: {n!r} by name" for n in named if n in private]
    return said


def lists_of_bundled(source: str) -> list[str]:
    """Where a list, tuple or set written out names every bundled routine or every theme
    (a copy of what the folders hold, which a new one would leave behind)."""
    said: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            named = [e.value for e in node.elts if isinstance(e, ast.Constant)]
            for bundled in (ROUTINES, THEMES):
                if set(bundled) <= set(named):
                    said.append(f"line {node.lineno}: {named}")
    return said


def time_limits(source: str) -> list[str]:
    """Where a test gives hypothesis a deadline: a limit that fails a test on a busy
    machine, whatever its answers."""
    said: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.keyword) and node.arg == "deadline"):
            continue
        if not (isinstance(node.value, ast.Constant) and node.value.value is None):
            said.append(f"line {node.value.lineno}: deadline={ast.unparse(node.value)}")
    return said


@pytest.mark.parametrize("path", sorted(TESTS.glob("*.py")), ids=lambda p: p.name)
def test_each_module_of_the_tests_keeps_the_house_rules(path: Path) -> None:
    """The helper modules too: what a test takes from them is held to the same rules."""
    source = path.read_text(encoding="utf-8")
    assert imports_a_test_module(source) == [], "share it through conftest.py or a helper module"
    found = reaches_private(source, footcare_private_names())
    assert found == [], f"it reaches footcare's private parts: {found}"
    assert lists_of_bundled(source) == [], "take the bundled routines and themes from shipped.py"
    assert time_limits(source) == [], "speed goals live in benchmarks/"


def test_no_hypothesis_example_is_held_to_a_time_limit() -> None:
    from hypothesis import HealthCheck, settings

    assert settings.default.deadline is None  # conftest.py's profile
    assert HealthCheck.too_slow in settings.default.suppress_health_check


def test_the_checks_see_what_they_forbid() -> None:
    assert imports_a_test_module("from test_cues import Recorder\n") == ["test_cues"]
    assert imports_a_test_module("from tests import test_cues\n") == ["tests.test_cues"]
    assert imports_a_test_module("import tests.test_serve as s\n") == ["tests.test_serve"]
    assert imports_a_test_module("from cuehelpers import Recorder\n") == []
    private = frozenset({"_read_month", "_row"})
    assert {"_read_month", "_row"} <= footcare_private_names()
    spies = [
        "store._read_month(path)",
        "monkeypatch.setattr(export, '_row', lambda e: {})",
        "from footcare.domain.export import _row",
        "counting(monkeypatch, journal, '_read_month')",
    ]
    for spy in spies:
        assert reaches_private(spy + "\n", private), spy
    assert reaches_private("self._read_month(path)\nstore.load()\n", private) == []
    assert lists_of_bundled(f"BUNDLED = {sorted(ROUTINES)!r}\n")
    assert lists_of_bundled(f"THEMES = {list(THEMES)!r}\n")
    assert lists_of_bundled(f"ROUTINES = ('knees', {ROUTINES[0]!r}, None)\n") == []
    assert time_limits("@settings(max_examples=5, deadline=500)\ndef t(): ...\n")
    assert time_limits("s = settings(deadline=timedelta(seconds=1))\n")
    assert time_limits("@settings(deadline=None)\ndef t(): ...\n") == []


MOST_LINES_IN_A_FILE = 400
MOST_LINES_IN_A_FUNCTION = 60


def sources() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def long_files(files: dict[str, str], most: int = MOST_LINES_IN_A_FILE) -> list[str]:
    """Each file of `files` (name → text) with more than `most` lines, and its length."""
    counted = {name: len(text.splitlines()) for name, text in files.items()}
    return [f"{name}: {n} lines" for name, n in counted.items() if n > most]


def long_functions(name: str, source: str, most: int = MOST_LINES_IN_A_FUNCTION) -> list[str]:
    """Each function (def or async def, nested ones too) of `source` longer than `most` lines,
    counted from its `def` line to its last line: decorators aside, the docstring in."""
    said: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > most:
                said.append(f"{name}:{node.lineno} {node.name}: {length} lines")
    return said


def test_no_file_in_src_is_over_400_lines() -> None:
    files = {str(p.relative_to(SRC)): p.read_text(encoding="utf-8") for p in sources()}
    found = long_files(files)
    assert found == [], f"split these by role: {found}"


def test_no_function_in_src_is_over_60_lines() -> None:
    found: list[str] = []
    for path in sources():
        found += long_functions(str(path.relative_to(SRC)), path.read_text(encoding="utf-8"))
    assert found == [], f"split these by role: {found}"


def test_the_size_checks_count_what_they_say() -> None:
    assert long_files({"a.py": "x = 1\n" * 400}) == []
    assert long_files({"a.py": "x = 1\n" * 401}) == ["a.py: 401 lines"]
    body = "    x = 1\n" * 58
    sixty = "@decorator\ndef f():\n    '''Doc.'''\n" + body
    assert long_functions("a.py", sixty) == []
    sixty_one = "class C:\n    async def g(self):\n        pass\n" + "        x = 1\n" * 59
    assert long_functions("a.py", sixty_one) == ["a.py:2 g: 61 lines"]
