"""docs/architecture.md stays true: every file and folder it names exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "architecture.md"


def named_paths(text: str) -> list[str]:
    """Every `src/…`, `tests/…` or `footcare/…` path in backticks."""
    found = re.findall(r"`((?:src|tests|footcare)/[\w/.*-]+)`", text)
    return sorted(set(found))


def exists(name: str) -> bool:
    if name.startswith("footcare/"):
        name = "src/" + name
    if "*" in name:
        return any(ROOT.glob(name))
    return (ROOT / name).exists()


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
