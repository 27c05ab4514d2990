"""``@frozen``: a frozen dataclass that costs half as much to make.

For each frozen dataclass, Python writes out and compiles six methods when its module is
imported: ``__init__``, the two that keep it frozen, ``__eq__``, ``__hash__`` and
``__repr__``. footcare has about seventy, and compiling them was a sixth of what a command
such as ``footcare status`` spends. A ``@frozen`` class gets the first three from ``dataclass``
as before; equality, hashing and its repr are shared functions over its fields, which
behave as the written ones do (tests/test_frozen.py compares them).
"""

from __future__ import annotations

import dataclasses
from operator import attrgetter
from typing import Any, TypeVar, cast, dataclass_transform

T = TypeVar("T")


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is self.__class__:
        fields = self.__class__.__frozen_fields__
        return fields(self) == fields(other)
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(self.__class__.__frozen_hashed__(self))


def _repr(self: Any) -> str:
    cls = self.__class__
    names = [f.name for f in dataclasses.fields(self) if f.repr]
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
    return f"{cls.__qualname__}({shown})"


def _getter(names: list[str]) -> Any:
    """The named fields of an instance, as a tuple, read at C speed."""
    if len(names) > 1:
        return attrgetter(*names)
    return lambda self: tuple(getattr(self, name) for name in names)


@dataclass_transform(frozen_default=True, eq_default=True)
def frozen(cls: type[T]) -> type[T]:
    """A frozen dataclass with ``==``, ``hash`` and ``repr`` over its fields."""
    own = sorted({"__eq__", "__hash__", "__repr__"} & set(vars(cls)))
    if own:  # dataclass would keep a class's own; here they would be lost without a word
        raise TypeError(f"{cls.__qualname__} defines {', '.join(own)}: make it a @dataclass")
    made: Any = dataclasses.dataclass(frozen=True, eq=False, repr=False)(cls)
    fields = dataclasses.fields(made)
    made.__frozen_fields__ = _getter([f.name for f in fields if f.compare])
    # as dataclass hashes: the compared fields, unless a field says otherwise (hash=)
    made.__frozen_hashed__ = _getter(
        [f.name for f in fields if (f.compare if f.hash is None else f.hash)]
    )
    made.__eq__ = _eq
    made.__hash__ = _hash
    made.__repr__ = _repr
    return cast("type[T]", made)
