"""docs/architecture.md stays true: every file and folder it names exists, every test it
names is in its file, and each of its change recipes names the files it changes, the tests
that hold it, and when it was tried."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "architecture.md"
RECIPES = [
    "A new safety question",
    "A new step type (technique)",
    "A new export format",
    "A new screen",
]
"""The four changes issue 19 asks a newcomer to find their way through, in the note's order."""


def named_paths(text: str) -> list[str]:
    """Every `src/…`, `tests/…` or `footcare/…` path in backticks (a test's file, for
    `tests/….py::test_name`)."""
    found = re.findall(r"`((?:src|tests|footcare)/[\w/.*-]+)(?:::\w+)?`", text)
    return sorted(set(found))


def named_tests(text: str) -> list[tuple[str, str]]:
    """Every `tests/….py::test_name` in backticks, as (file, test)."""
    return sorted(set(re.findall(r"`(tests/[\w/.-]+\.py)::(\w+)`", text)))


def missing_tests(text: str) -> list[str]:
    """The tests named that their file does not define."""
    missing = []
    for path, name in named_tests(text):
        file = ROOT / path
        source = file.read_text(encoding="utf-8") if file.exists() else ""
        if not re.search(rf"^(?:async )?def {name}\(", source, re.MULTILINE):
            missing.append(f"{path}::{name}")
    return missing


def recipes(text: str) -> dict[str, str]:
    """Each bullet of "Where to make a change": its bold title and the rest of it."""
    section = text.partition("## Where to make a change")[2].partition("\n## ")[0]
    found = {}
    for bullet in re.split(r"^- \*\*", section, flags=re.MULTILINE)[1:]:
        title, _, body = bullet.partition(".**")
        found[title] = body.split("\n\n")[0]
    return found


def exists(name: str) -> bool:
    """Whether the file or folder (or a match of the pattern) is there; `footcare/` is
    short for `src/footcare/`."""
    return any(ROOT.glob(f"src/{name}" if name.startswith("footcare/") else name))


def test_the_architecture_note_names_only_files_that_exist() -> None:
    names = named_paths(DOC.read_text(encoding="utf-8"))
    assert len(names) > 30, names  # the note names the files of every layer and flow
    missing = [name for name in names if not exists(name)]
    assert not missing, f"docs/architecture.md names files that don't exist: {missing}"


def test_the_check_finds_a_missing_file() -> None:
    names = named_paths("see `src/footcare/domain/nowhere.py` and `footcare/serve*.py`")
    assert names == ["footcare/serve*.py", "src/footcare/domain/nowhere.py"]
    assert [n for n in names if not exists(n)] == ["src/footcare/domain/nowhere.py"]


def test_every_layer_of_the_package_is_in_the_note() -> None:
    text = DOC.read_text(encoding="utf-8")
    package = ROOT / "src" / "footcare"
    layers = sorted(p.name for p in package.iterdir() if p.is_dir() and p.name != "__pycache__")
    assert [layer for layer in layers if f"footcare/{layer}/" not in text] == []


def test_every_test_the_note_names_is_in_its_file() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert len(named_tests(text)) > 15, named_tests(text)  # the recipes name their tests
    assert missing_tests(text) == []


def test_the_check_finds_a_test_that_is_gone() -> None:
    text = (
        "`tests/test_architecture_doc.py::test_every_test_the_note_names_is_in_its_file`, "
        "`tests/test_architecture_doc.py::test_that_was_renamed` and "
        "`tests/test_nowhere.py::test_anything`"
    )
    assert named_paths(text) == ["tests/test_architecture_doc.py", "tests/test_nowhere.py"]
    assert missing_tests(text) == [
        "tests/test_architecture_doc.py::test_that_was_renamed",
        "tests/test_nowhere.py::test_anything",
    ]


def test_each_recipe_names_its_files_its_tests_and_when_it_was_tried() -> None:
    found = recipes(DOC.read_text(encoding="utf-8"))
    assert list(found) == RECIPES
    for title, body in found.items():
        names = named_paths(body)
        changed = [n for n in names if n.startswith("src/footcare/") and n.endswith(".py")]
        assert changed, f"{title}: no source file named"
        assert all(exists(n) for n in names), f"{title}: {[n for n in names if not exists(n)]}"
        assert any(n.startswith("tests/test_") for n in names), f"{title}: no test named"
        assert re.search(r"\*Tried\* on [0-9a-f]{7,40}\b", body), f"{title}: never tried"


def test_the_recipes_are_read_one_by_one() -> None:
    text = (
        "## Where to make a change\n\n- **A new thing.** Files: `src/footcare/cli.py`.\n"
        "  *Tried* on 1a2b3c4: it worked.\n- **Another.** Tests: `tests/conftest.py`.\n\n"
        "A closing line, no recipe.\n\n## Next part\n- **Not a recipe.** x\n"
    )
    found = recipes(text)
    assert list(found) == ["A new thing", "Another"]
    assert named_paths(found["A new thing"]) == ["src/footcare/cli.py"]
    assert "Tried" in found["A new thing"] and "closing" not in found["Another"]
