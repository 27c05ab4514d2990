"""One declaration for the routine file: what footcare accepts and what its JSON Schema (for
editors) allows are the same thing.

Routine tables are made from the schema itself, near its edges: every key with a fitting
value, a wrong type, a number just in or out of range, a text at its length limit or one
over, a list too short, too long or with a repeat, a required key left out, a key that
isn't known. The schema is read by the small validator in storesupport.py, written from the
JSON Schema specification.
"""

from __future__ import annotations

import math
from copy import deepcopy
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footcare.domain.journal_entry import FINDINGS, SYMPTOMS, Entry, Ratings, SessionFacts
from footcare.domain.journal_file import ENTRY, entry_from_dict, entry_to_dict, month_schema
from footcare.domain.problems import ValidationError
from footcare.domain.routine import parse_routine, routine_schema
from footcare.domain.routine_schema import ROUTINE
from footcare.domain.schema import check
from storesupport import as_json, valid

CODE_RULES = ("core precaution", "already the id of", "control characters", "file name")
"""The words of the problems only code finds, after the declared shape (routine.py)."""


# --- routine tables near the schema's edges -----------------------------------------------

SCHEMA = routine_schema()

WRONG = st.one_of(
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["", " ", "\r", "\x1b", "x y", "ok", "left", "x\n", "60"]),
    st.text(max_size=5),
    st.just([]),
    st.just({}),
    st.just(["left"]),
)
"""Values of any type, for any key."""

GOOD_TEXT = ["Rub", "ok-id", "a_1", "Zo\u00eb", "\u00a0x", "two\nlines", "x\u3000"]
BAD_TEXT = ["", " ", "\r", "\u3000", "\ufeff", "\x1b", "x y", "9lives", "x\n", "a,b", "-a"]


def fit(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values meant to fit ``schema`` (a few may not: the tests judge with the validator)."""
    kind = schema.get("type")
    if kind in ("integer", "number"):
        low, high = schema["minimum"], schema["maximum"]
        return st.one_of(st.sampled_from([low, high]), st.integers(low, high)).flatmap(
            lambda n: st.sampled_from([n, float(n)])
        )
    if kind == "array":
        most = min(schema.get("maxItems", 3), 3)
        lists = st.lists(
            fit(schema["items"]),
            min_size=schema.get("minItems", 0),
            max_size=max(most, schema.get("minItems", 0)),
            unique=bool(schema.get("uniqueItems")),
        )
        if schema.get("uniqueItems") or "maxItems" not in schema:
            return lists
        whole = st.builds(lambda x: [x] * schema["maxItems"], fit(schema["items"]))
        return st.one_of(lists, lists, lists, whole)
    if kind == "object":
        required = set(schema.get("required", []))
        return st.fixed_dictionaries(
            {k: fit(v) for k, v in schema["properties"].items() if k in required},
            optional={k: fit(v) for k, v in schema["properties"].items() if k not in required},
        )
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "pattern" in schema and "allOf" not in schema and schema.get("minLength") is None:
        return st.sampled_from(["ok-id", "a_1", "Mine", "x" * schema["maxLength"]])
    return st.one_of(
        st.sampled_from([*GOOD_TEXT, "b" * schema.get("maxLength", 9)]), st.text(max_size=6)
    )


def miss(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values meant to just miss ``schema``, or of a wrong type."""
    kind = schema.get("type")
    close: st.SearchStrategy[Any]
    if kind in ("integer", "number"):
        low, high = schema["minimum"], schema["maximum"]
        close = st.sampled_from([low - 1, high + 1, float(high + 1), low + 0.5, math.nan])
    elif kind == "array":
        fewest, most = schema.get("minItems", 0), schema.get("maxItems", 10_000)
        sizes = [n for n in (fewest - 1, most + 1) if 0 <= n <= 120]
        close = st.builds(lambda x, n: [x] * n, fit(schema["items"]), st.sampled_from(sizes))
        if schema.get("uniqueItems"):
            close = st.one_of(close, st.builds(lambda x: [x, x], fit(schema["items"])))
    elif kind == "object":
        extra = st.builds(lambda t, k: {**t, k: 1}, fit(schema), st.sampled_from(["duratoin", "x"]))
        gone = st.builds(
            lambda t, k: {n: v for n, v in t.items() if n != k},
            fit(schema),
            st.sampled_from(sorted(schema.get("required", [])) or ["x"]),
        )
        close = st.one_of(extra, gone)
    elif "pattern" in schema and "allOf" not in schema:  # an id
        close = st.sampled_from(["ok-id\n", "x y"])
    elif "enum" in schema:
        close = st.sampled_from(["knee", "Left", "", *(e.upper() for e in schema["enum"][:2])])
    else:
        longest = schema.get("maxLength", 9)
        close = st.sampled_from([*BAD_TEXT, "c" * (longest + 1)])
    return st.one_of(close, close, close, WRONG)


def _places(value: Any, schema: dict[str, Any], path: tuple[Any, ...]) -> list[Any]:
    """Every value inside ``value`` with its schema and where it is, and every key a table
    may have but doesn't."""
    out = [(path, schema)]
    if isinstance(value, dict):
        for key, inner in schema.get("properties", {}).items():
            if key in value:
                out += _places(value[key], inner, (*path, key))
            else:
                out.append(((*path, key), inner))
    elif isinstance(value, list) and "items" in schema:
        for i, inner in enumerate(value):
            out += _places(inner, schema["items"], (*path, i))
    return out


def put(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


@st.composite
def routines(draw: st.DrawFn) -> dict[str, Any]:
    """A routine that fits the schema, with none, one or two of its values made to miss."""
    schema = SCHEMA
    data: dict[str, Any] = draw(fit(schema))
    for _ in range(draw(st.sampled_from([0, 1, 1, 1, 2]))):
        # each declared key as likely as any other, however many steps there are
        kinds: dict[tuple[Any, ...], list[Any]] = {}
        for path, inner in _places(data, schema, ())[1:]:
            kinds.setdefault(tuple("*" if type(k) is int else k for k in path), []).append(
                (path, inner)
            )
        path, inner = draw(st.sampled_from(kinds[draw(st.sampled_from(sorted(kinds)))]))
        put(data, path, draw(miss(inner)))
    return data


ROUTINES = routines()


def _refusals(data: dict[str, Any]) -> list[str] | None:
    """Every problem parse_routine finds, or None when it takes the routine."""
    try:
        parse_routine(data, default_id="mine", source="mine.toml")
    except ValidationError as exc:
        return [p.message for p in exc.problems]
    return None


EXAMPLES = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- the tests ----------------------------------------------------------------------------


@EXAMPLES
@given(ROUTINES)
def test_the_declared_shape_and_the_schema_accept_the_same_routines(data: dict[str, Any]) -> None:
    _, problems = check(ROUTINE, data)
    assert (not problems.problems) is valid(SCHEMA, data), problems.problems


@EXAMPLES
@given(ROUTINES)
def test_parse_routine_takes_what_the_schema_takes_but_for_the_rules_in_code(
    data: dict[str, Any],
) -> None:
    refused = _refusals(data)
    if valid(SCHEMA, data):
        # only the rules that need code may refuse what the schema allows
        assert all(any(r in m for r in CODE_RULES) for m in refused or []), refused
    else:
        assert refused, "parse_routine took a routine its own schema refuses"


FULL = {
    "id": "mine",
    "name": "Mine",
    "description": "All of it.",
    "feet": ["left", "right"],
    "get_ready_seconds": 10,
    "steps": [
        {
            "name": "Rub",
            "technique": "effleurage",
            "duration": 60,
            "instructions": "Gently.",
            "pressure": "light",
            "direction": "Up",
            "area": "sole",
            "motion": "circles",
            "avoid": "between-toes",
        }
    ],
    "precautions": [
        {"id": "cut", "tier": "remind", "title": "Cut", "question": "A cut?", "advice": "Wait."}
    ],
}
"""A routine with every key the schema knows."""

ANY_TYPE = [True, 0, 1.5, math.inf, "text", [], {}, ["left"]]


def edges(schema: dict[str, Any]) -> list[Any]:
    """Every edge value for ``schema`` that the tables above draw from, one by one."""
    kind = schema.get("type")
    if kind in ("integer", "number"):
        low, high = schema["minimum"], schema["maximum"]
        near = [low - 1, low, high, high + 1, float(low), float(high + 1), low + 0.5]
        return [*near, math.nan, -0.0, *ANY_TYPE]
    if kind == "array":
        item = fit_example(schema["items"])
        sizes = {0, 1, 2, schema.get("minItems", 0), schema.get("maxItems", 3) + 1}
        return [*([item] * n for n in sorted(sizes) if n <= 120), *ANY_TYPE]
    if kind == "object":
        return [{}, {"x": 1}, *ANY_TYPE]
    options = schema.get("enum", [])
    longest = schema.get("maxLength", 9)
    texts = [*GOOD_TEXT, *BAD_TEXT, "ok-id\n", "a" * longest, "a" * (longest + 1)]
    return [*options, *texts, *ANY_TYPE]


def fit_example(schema: dict[str, Any]) -> Any:
    if "enum" in schema:
        return schema["enum"][0]
    return deepcopy(FULL["steps"][0]) if schema.get("type") == "object" else "x"


PLACES = _places(FULL, SCHEMA, ())[1:]


@pytest.mark.parametrize(("path", "schema"), PLACES, ids=[".".join(map(str, p)) for p, _ in PLACES])
def test_every_key_at_every_edge_is_judged_alike(
    path: tuple[Any, ...], schema: dict[str, Any]
) -> None:
    assert valid(SCHEMA, FULL), "the full routine must fit"
    for value in edges(schema):
        data = deepcopy(FULL)
        put(data, path, value)
        _, problems = check(ROUTINE, data)
        assert (not problems.problems) is valid(SCHEMA, data), (value, problems.problems)


# --- journal entries ----------------------------------------------------------------------

MONTH = month_schema()
ENTRY_SCHEMA = MONTH["properties"]["entries"]["items"]
FULL_ENTRY: dict[str, Any] = {
    "id": "20260104093000-abcdef",
    "at": datetime(2026, 1, 4, 9, 30),
    "before": dict.fromkeys(SYMPTOMS, 5),
    "after": dict.fromkeys(SYMPTOMS, 3),
    "sleep": 2,
    "findings": {"wound": "left", "chest": "yes"},
    "session": {
        "routine": "standard",
        "feet": ["left", "right"],
        "minutes_per_foot": 12.5,
        "stopped_early": True,
        "stop_reason": "tired",
        "lotion": "cream",
        "stop_cause": "other",
        "massage_seconds": {"left": 600, "right": 540},
    },
    "weekly_change": 3,
    "footwear": True,
    "exercise_minutes": 30,
    "blood_sugar": "6.1",
    "next_follow_up": date(2026, 2, 1),
    "note": "Fine.",
    "deleted": False,
}
"""An entry with every key a month file's entry may have."""
DATES = ("at", "next_follow_up")
"""Read beyond what the schema says, as entries always were: an "at" written as text in any
ISO form, or with a time zone (taken as the clock read); so not judged alike here."""


ENTRY_PLACES = [
    (path, schema)
    for path, schema in _places(FULL_ENTRY, ENTRY_SCHEMA, ())[1:]
    if path[0] not in DATES
]


@pytest.mark.parametrize(
    ("path", "schema"), ENTRY_PLACES, ids=[".".join(map(str, p)) for p, _ in ENTRY_PLACES]
)
def test_every_key_of_an_entry_at_every_edge_is_judged_alike(
    path: tuple[Any, ...], schema: dict[str, Any]
) -> None:
    assert valid(ENTRY_SCHEMA, as_json(FULL_ENTRY)), "the full entry must fit"
    for value in edges(schema) if schema else ANY_TYPE:
        data = deepcopy(FULL_ENTRY)
        put(data, path, value)
        _, problems = check(ENTRY, data)
        assert (not problems.problems) is valid(ENTRY_SCHEMA, as_json(data)), (value, problems)
        try:
            entry_from_dict(data)
            read = True
        except ValidationError:
            read = False
        assert read is (not problems.problems), value


def test_the_month_schema_knows_every_key_footcare_writes() -> None:
    entry = entry_from_dict(FULL_ENTRY)
    assert entry_to_dict(entry) == {k: v for k, v in FULL_ENTRY.items() if k != "deleted"}
    assert valid(MONTH, {"entries": [as_json(entry_to_dict(entry))]})
    assert set(ENTRY_SCHEMA["properties"]["findings"]["properties"]) == set(FINDINGS)


@settings(max_examples=200, deadline=None)
@given(
    st.builds(
        Entry,
        id=st.from_regex(r"[0-9]{14}-[0-9a-f]{6}", fullmatch=True),
        at=st.datetimes(datetime(1900, 1, 1), datetime(2999, 12, 31)),
        before=st.builds(Ratings, **dict.fromkeys(SYMPTOMS, st.none() | st.integers(0, 10))),
        sleep=st.none() | st.integers(0, 10),
        findings=st.dictionaries(st.sampled_from(sorted(FINDINGS)), st.just("both")),
        session=st.none()
        | st.builds(
            SessionFacts,
            routine=st.text(max_size=5),
            feet=st.sampled_from([(), ("left",), ("left", "right")]),
            minutes_per_foot=st.floats(0, 60),
            stop_cause=st.sampled_from(["", "pain"]),
        ),
        weekly_change=st.none() | st.integers(0, 6),
        note=st.text(max_size=20),
    )
)
def test_every_entry_footcare_writes_fits_the_month_schema(entry: Entry) -> None:
    table = entry_to_dict(entry)
    assert valid(MONTH, {"entries": [as_json(table)]}), table
    _, problems = check(ENTRY, table)
    assert not problems.problems


def test_the_validator_here_follows_the_specification_where_python_would_not() -> None:
    assert valid({"type": "integer"}, 60.0) and not valid({"type": "integer"}, 60.5)
    assert not valid({"type": "integer"}, True) and not valid({"enum": [1]}, True)
    assert not valid({"pattern": "^a$"}, "a\n") and valid({"pattern": "^a$"}, "a")
    assert not valid({"uniqueItems": True}, [1, 1.0]) and valid({"uniqueItems": True}, [1, True])
    day = as_json(date(2026, 1, 1))  # a TOML date: text only where its format is asked for
    assert not valid({"type": "string"}, day) and valid({"type": "string", "format": "date"}, day)
