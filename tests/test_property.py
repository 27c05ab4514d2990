"""Whatever a person writes, loading gives a result or a clear error, never a crash."""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, example, find, given, settings
from hypothesis import strategies as st

from footcare.domain.journal import Entry, entry_from_dict, entry_to_dict
from footcare.domain.problems import ValidationError
from footcare.domain.routine import (
    PRESSURES,
    ROUTINE_KEYS,
    STEP_KEYS,
    TECHNIQUES,
    Routine,
    parse_routine,
)
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
from footcare.storage.routines import RoutineFileError, load_file

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Values TOML can hold (no null; 64-bit integers; no naive/aware mix needed).
text = st.text(st.characters(exclude_categories=("Cs",)), max_size=20)
scalars = st.one_of(
    text,
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
)
# Keys the parsers know, mixed with arbitrary ones, so the search reaches deep code.
known_keys = st.sampled_from(
    [*ROUTINE_KEYS, *STEP_KEYS, "tier", "question", "advice", "at", "before", "after", "pain"]
)
keys = st.one_of(known_keys, text)
known_values = st.sampled_from([*TECHNIQUES, *PRESSURES, "left", "right", "both", "remind"])
toml_values = st.recursive(
    st.one_of(scalars, known_values),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(keys, inner, max_size=5),
    ),
    max_leaves=25,
)
toml_tables = st.dictionaries(keys, toml_values, max_size=8)


nonblank = text.filter(lambda t: t.strip() != "")


def maybe(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly a valid value, sometimes anything TOML can hold."""
    return st.integers(0, 5).flatmap(lambda n: scalars if n == 0 else valid)


step_like = st.fixed_dictionaries(
    {
        "name": maybe(nonblank),
        "duration": maybe(st.integers(-10, 5000)),
        "instructions": maybe(nonblank),
    },
    optional={
        "technique": maybe(st.sampled_from(TECHNIQUES)),
        "pressure": maybe(st.sampled_from(PRESSURES)),
        "direction": maybe(text),
    },
)
precaution_like = st.fixed_dictionaries(
    {
        "id": maybe(st.sampled_from(["knee", "wound", "gentle", "mine"])),
        "question": maybe(nonblank),
        "advice": maybe(nonblank),
    },
    optional={"tier": maybe(st.sampled_from(["block", "clearance", "remind"])), "title": text},
)
routine_like = st.fixed_dictionaries(
    {"name": maybe(nonblank), "steps": maybe(st.lists(step_like, min_size=1, max_size=4))},
    optional={
        "id": maybe(text),
        "description": maybe(text),
        "feet": maybe(st.lists(st.sampled_from(["left", "right", "both"]), max_size=3)),
        "get_ready_seconds": maybe(st.integers(-5, 200)),
        "precautions": maybe(st.lists(precaution_like, max_size=3)),
    },
)


@SETTINGS
@given(st.one_of(toml_tables, routine_like))
def test_parse_routine_returns_a_routine_or_validation_error(data: dict[str, Any]) -> None:
    try:
        routine = parse_routine(data, default_id="prop")
    except ValidationError as exc:
        assert exc.problems
        assert all(p.message for p in exc.problems)
    else:
        assert isinstance(routine, Routine)
        assert routine.steps and routine.feet
        assert all(s.duration > 0 for s in routine.steps)


@settings(SETTINGS, max_examples=400)
@given(
    st.one_of(  # half TOML, half any text or bytes
        st.one_of(toml_tables, routine_like).map(tomli_w.dumps),
        st.one_of(text.map(lambda t: t * 3), st.binary(max_size=200)),
    )
)
@example('name = "x"\n[[steps]]\nduration = 5\n')
@example('[[steps]]\n[steps.name]\n"[[steps]]" = 1\n')
@example("name = 'x'\nsteps = [{duration = -1}, 3, []]\n")
@example('"steps[99]" = 1\n"a.b" = 2\n')
def test_any_routine_file_toml_or_not_loads_or_fails_cleanly(content: str | bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "routine.toml"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        try:
            routine = load_file(path)
        except RoutineFileError as exc:
            assert exc.messages
            assert all(m.startswith(str(path)) for m in exc.messages)
        else:
            assert isinstance(routine, Routine)


entry_like = st.fixed_dictionaries(
    {"id": st.one_of(text, scalars), "at": st.one_of(st.datetimes(), scalars)},
    optional={
        "before": st.one_of(st.dictionaries(keys, st.integers(-3, 14)), toml_values),
        "after": toml_values,
        "sleep": st.one_of(st.integers(-3, 14), scalars),
        "findings": st.one_of(st.dictionaries(keys, known_values), toml_values),
        "session": st.one_of(toml_tables, toml_values),
        "weekly_change": st.one_of(st.integers(-2, 9), scalars),
        "footwear": scalars,
        "exercise_minutes": st.one_of(st.integers(-2, 2000), scalars),
        "next_follow_up": st.one_of(st.dates(), scalars),
        "note": st.one_of(text, scalars),
        "deleted": scalars,
    },
)


@SETTINGS
@given(st.one_of(entry_like, toml_tables, toml_values))
def test_entry_from_dict_returns_an_entry_or_validation_error(raw: Any) -> None:
    try:
        entry = entry_from_dict(raw, "entries[0]")
    except ValidationError as exc:
        assert exc.problems
    else:
        assert isinstance(entry, Entry)
        # whatever loads, saves and loads again to the same entry
        again = entry_from_dict(entry_to_dict(entry))
        assert again == entry.with_changes(at=entry.at.replace(microsecond=0))


@settings(SETTINGS, max_examples=100)
@given(st.lists(st.one_of(entry_like, toml_tables), max_size=4))
def test_any_month_file_loads_or_is_listed_as_a_problem(raw_entries: list[Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = Paths(Path(folder) / "c", Path(folder) / "d")
        store = JournalStore(paths)
        store.folder.mkdir(parents=True)
        path = store.month_path("2026-03")
        path.write_text(tomli_w.dumps({"entries": raw_entries}), encoding="utf-8")
        loaded = store.load()
        assert bool(loaded.problems) != bool(loaded.entries) or not raw_entries


def test_the_strategies_reach_valid_routines_and_entries() -> None:
    """Guard: a strategy that only ever produced errors would prove little."""
    routine = find(routine_like, lambda d: _parses(parse_routine, d, "x"))
    assert "steps" in routine
    entry = find(entry_like, lambda d: _parses(entry_from_dict, d))
    assert "at" in entry


def _parses(fn: Any, *args: Any) -> bool:
    try:
        fn(*args)
    except ValidationError:
        return False
    return True


@settings(SETTINGS, max_examples=100)
@given(
    note=st.text(st.characters(exclude_categories=("Cs",)), max_size=60),
    blood_sugar=st.text(st.characters(exclude_categories=("Cs",)), max_size=10),
    at=st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2999, 12, 1)),
)
def test_any_note_survives_a_save_and_a_load(note: str, blood_sugar: str, at: datetime) -> None:
    entry = Entry(id="e1", at=at.replace(microsecond=0), note=note, blood_sugar=blood_sugar)
    with tempfile.TemporaryDirectory() as folder:
        store = JournalStore(Paths(Path(folder) / "c", Path(folder) / "d"))
        store.add(entry)
        loaded = store.load()
    assert loaded.problems == []
    assert loaded.entries == [entry]
