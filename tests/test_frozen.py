"""`@frozen` (footcare/domain/frozen.py) behaves as `@dataclass(frozen=True)` does: the same
equality, hash and repr for any field values, frozen, and `replace` and `fields` work."""

from __future__ import annotations

import ast
import dataclasses
import keyword
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from footcare.domain.frozen import frozen

SRC = Path(__file__).resolve().parents[1] / "src" / "footcare"


def pair(fields: dict[str, Any]) -> tuple[type, type]:
    """The same class made both ways (the same name, fields and defaults)."""
    annotations = dict.fromkeys(fields, "object")
    ours = frozen(type("Point", (), {"__annotations__": annotations, **fields}))
    theirs = dataclasses.dataclass(frozen=True)(
        type("Point", (), {"__annotations__": annotations, **fields})
    )
    return ours, theirs


values = st.one_of(st.none(), st.integers(), st.text(max_size=5), st.tuples(st.integers()))
name = st.from_regex(r"[a-z]{1,3}", fullmatch=True).filter(lambda n: not keyword.iskeyword(n))
names = st.lists(name, min_size=0, max_size=4, unique=True)


@given(names, st.data())
def test_equality_hash_and_repr_are_the_dataclass_ones(
    fields: list[str], data: st.DataObject
) -> None:
    ours, theirs = pair(dict.fromkeys(fields, None))
    a = {name: data.draw(values) for name in fields}
    b = {name: data.draw(values) for name in fields} if data.draw(st.booleans()) else dict(a)
    assert (ours(**a) == ours(**b)) is (theirs(**a) == theirs(**b))
    assert (ours(**a) != ours(**b)) is (theirs(**a) != theirs(**b))
    assert hash(ours(**a)) == hash(theirs(**a))
    assert repr(ours(**a)) == repr(theirs(**a))
    assert ours(**a) != theirs(**a)  # another class is never equal, as with dataclasses
    assert (ours(**a) == object()) is False


def test_it_is_frozen_and_a_dataclass() -> None:
    ours, _ = pair({"x": 0, "y": ""})
    point = ours(x=1, y="a")
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 2  # type: ignore[attr-defined]
    assert [f.name for f in dataclasses.fields(point)] == ["x", "y"]
    moved = dataclasses.replace(point, x=3)
    assert (moved.x, moved.y) == (3, "a")  # type: ignore[attr-defined]
    assert {point, ours(x=1, y="a")} == {point}


@pytest.mark.parametrize(
    "options",
    [{"compare": False}, {"hash": False}, {"compare": False, "hash": True}],
    ids=["not compared", "not hashed", "hashed, not compared"],
)
def test_a_field_left_out_of_comparison_or_hash_is_left_out_as_dataclass_does(
    options: dict[str, bool],
) -> None:
    ours, theirs = pair({"x": 0, "why": dataclasses.field(default="", **options)})
    for a, b in ((1, "a"), (1, "b"), (2, "a")):
        assert (ours(x=1, why="a") == ours(x=a, why=b)) is (
            theirs(x=1, why="a") == theirs(x=a, why=b)
        )
        assert hash(ours(x=a, why=b)) == hash(theirs(x=a, why=b))


@pytest.mark.parametrize("method", ["__eq__", "__hash__", "__repr__"])
def test_a_class_with_its_own_equality_hash_or_repr_is_refused(method: str) -> None:
    with pytest.raises(TypeError, match=f"Odd defines {method}"):
        frozen(type("Odd", (), {"__annotations__": {"x": "int"}, method: lambda self: 0}))


def costly(decorator: ast.expr) -> bool:
    """A dataclass decorator, however written, that makes a frozen class with == of its own."""
    names = ("dataclass", "dataclasses.dataclass")
    if not isinstance(decorator, ast.Call) or ast.unparse(decorator.func) not in names:
        return False
    given = {k.arg: ast.unparse(k.value) for k in decorator.keywords}
    return given.get("frozen") == "True" and given.get("eq", "True") == "True"


def test_no_frozen_dataclass_in_src_is_made_the_costly_way() -> None:
    found = [
        f"{path.relative_to(SRC)}: {node.name}"
        for path in sorted(SRC.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef) and any(costly(d) for d in node.decorator_list)
    ]
    assert found == []


@pytest.mark.parametrize(
    ("decorator", "found"),
    [
        ("dataclass(frozen=True)", True),
        ("dataclasses.dataclass(kw_only=True, frozen=True)", True),
        ("dataclass(frozen=True, eq=False, repr=False)", False),
        ("dataclass", False),
        ("frozen", False),
    ],
)
def test_the_costly_way_is_found_however_it_is_written(decorator: str, found: bool) -> None:
    (cls,) = ast.parse(f"@{decorator}\nclass A: ...").body
    assert isinstance(cls, ast.ClassDef)
    assert costly(cls.decorator_list[0]) is found
