"""One declaration per file kind: what `footcare config` accepts, what the report reads and
what the JSON Schema (for editors) allows are the same thing.

The schema is read by the small validator in storesupport.py, so it is not the code that
made the schema that judges it.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import example, given, settings
from hypothesis import strategies as st

from footcare.domain.colours import NAMES, is_colour
from footcare.domain.json_schema import config_schema, shape_schema, theme_schema
from footcare.domain.report.owner import owner_from_config
from footcare.domain.safety import BlockAnswer, SafetyRecord, SessionStop, record_to_dict
from footcare.domain.safety_file import EVENT
from footcare.domain.schema import Key, Table, check
from footcare.domain.screening import Clearance
from footcare.domain.signs import SignSource, WarningSign
from footcare.domain.stops import StopCause
from footcare.storage.config import SHAPE, load_config
from footcare.storage.paths import Paths
from storesupport import as_json, valid

SCALARS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["last spring", "1951-04-30", "1951-4-30", " 1951-04-30", "2099-01-01"]),
    st.sampled_from(["speech", "bell", "off", "Speech", "", "x" * 79, "y" * 81, "#1"]),
    st.integers(-5, 20),
    st.floats(allow_nan=True),
    st.booleans(),
    st.dates(date(1800, 1, 1), date(3100, 1, 1)),
    st.datetimes(datetime(1800, 1, 1), datetime(3100, 1, 1)),
    st.times(),
)
VALUES = st.one_of(
    SCALARS,
    st.lists(SCALARS, max_size=3),
    st.dictionaries(st.sampled_from(["session.pause", "a", "b"]), SCALARS, max_size=3),
)


@settings(max_examples=400, deadline=None)
@given(key=st.sampled_from(sorted(SHAPE.keys)), value=VALUES)
def test_config_checks_and_its_json_schema_agree_on_every_key(key: str, value: Any) -> None:
    schema = config_schema(SHAPE)
    _, found = check(Table({key: SHAPE.keys[key]}), {key: value})
    accepted = not found.problems
    assert accepted is valid(schema, as_json({key: value})), (key, value, found.problems)


@settings(max_examples=300, deadline=None)
@given(value=VALUES)
def test_config_and_the_report_read_a_date_of_birth_alike(value: Any) -> None:
    today = date.today()
    _, report_problems = owner_from_config({"date_of_birth": value}, today)
    spec = SHAPE.keys["date_of_birth"]
    shape = spec.shape if isinstance(spec, Key) else spec
    _, found = check(
        Table({"date_of_birth": type(shape)(**{**vars(shape), "high": today})}),
        {"date_of_birth": value},
    )
    assert bool(report_problems) is bool(found.problems), (value, report_problems)


@pytest.mark.parametrize(
    ("line", "fine", "in_schema"),
    [
        ('date_of_birth = "last spring"', False, False),
        # a future date: only a schema that knew today could refuse it
        ("date_of_birth = 2099-01-01", False, True),
        ("date_of_birth = 1899-12-31", False, False),
        ("date_of_birth = 1951-04-30", True, True),
        ('date_of_birth = "1951-04-30"', True, True),
        ("date_of_birth = 1951-04-30T08:00:00", True, True),
        ("name = 3", False, False),
        (f'name = "{"x" * 81}"', False, False),
        ('name = "Anna"', True, True),
    ],
)
def test_footcare_config_the_report_and_the_schema_say_the_same(
    tmp_path: Path, line: str, fine: bool, in_schema: bool
) -> None:
    paths = Paths(tmp_path / "cfg", tmp_path / "data")
    paths.config.mkdir()
    paths.config_file.write_text(line + "\n", encoding="utf-8")
    data = tomllib.loads(line)
    config_problems = load_config(paths).problems
    _, report_problems = owner_from_config(data, date.today())
    schema_says = valid(config_schema(SHAPE), as_json(data))
    assert (not config_problems, schema_says) == (fine, in_schema), config_problems
    if "date_of_birth" in line:
        assert (not report_problems) is fine, report_problems
    if not fine:
        key = line.split(" =")[0]
        assert config_problems and f"{key}:" in config_problems[0]


def test_a_date_of_birth_tomorrow_is_refused_by_config_and_report(tmp_path: Path) -> None:
    tomorrow = date.today() + timedelta(days=2)  # still ahead if midnight passes meanwhile
    paths = Paths(tmp_path / "cfg", tmp_path / "data")
    paths.config.mkdir()
    paths.config_file.write_text(f"date_of_birth = {tomorrow}\n", encoding="utf-8")
    (problem,) = load_config(paths).problems
    assert "date_of_birth: must be a past date" in problem and str(tomorrow) in problem
    assert owner_from_config({"date_of_birth": tomorrow}, date.today())[1]


# --- theme files -----------------------------------------------------------------------


COLOURS = st.one_of(
    st.sampled_from(NAMES),
    st.text("0123456789abcdefABCDEFG#", max_size=10).map(lambda t: "#" + t),
    st.builds(
        "{}({}{}{}{}{}{}{})".format,
        st.sampled_from(["rgb", "rgba", "hsl", "hsla", "RGB", "hsv"]),
        st.sampled_from([" ", ""]),
        st.sampled_from(["0", "255", "-1", "1.5", "x", "12%"]),
        st.sampled_from([",", " , ", ";"]),
        st.sampled_from(["10%", "20", "3.5%", ""]),
        st.sampled_from([",", ", "]),
        st.sampled_from(["30%", "40", "0.5%"]),
        st.sampled_from(["", ",0.5", ", 1", ",50%"]),
    ),
    st.sampled_from(["red\n", " red", "#fff\n", "auto", "ansi_default", "Red", "transparent"]),
    st.text(max_size=8),
)


@settings(max_examples=500, deadline=None)
@given(value=COLOURS)
def test_what_the_declaration_calls_a_colour_textual_can_parse(value: str) -> None:
    from textual.color import Color, ColorParseError

    if is_colour(value):
        Color.parse(value)  # raises if not
        return
    try:
        Color.parse(value)
    except ColorParseError:
        return
    # refused here, parsed by Textual: only where the declaration is knowingly stricter
    # (a line break, a tab, a digit that is not ASCII)
    assert re.search(r"[^ -~]", value), value


def theme(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": "mine",
        "dark": True,
        "primary": "#336699",
        "foreground": "#ffffff",
        "background": "#000000",
    }
    return {**base, **changes}


def theme_problems(table: dict[str, Any]) -> list[str] | None:
    """The keys the theme loader finds wrong in ``table``, or None when it loads it."""
    from footcare.ui.themes import ThemeError, theme_from_table

    try:
        theme_from_table(table, "mine.toml")
    except ThemeError as exc:
        return [p.key for p in exc.problems]
    return None


@settings(max_examples=300, deadline=None)
@given(
    key=st.sampled_from(["name", "dark", "ansi", "primary", "accent", "error", "background"]),
    value=st.one_of(COLOURS, SCALARS),
)
@example(key="name", value=" ")  # a blank name: once taken by the schema, refused by the loader
@example(key="name", value="\u3000")
@example(key="name", value="x" * 61)
def test_the_theme_loader_and_the_theme_schema_agree_on_every_key(key: str, value: Any) -> None:
    table = theme(**{key: value})
    wrong = theme_problems(table)
    assert wrong is None or set(wrong) == {key}, wrong
    assert (wrong is None) is valid(theme_schema(), as_json(table)), (key, value)


BLANK = "".join(c for c in map(chr, range(0x3001)) if c.isspace())
THEME_NAMES = st.one_of(
    st.text(st.sampled_from(BLANK), max_size=4),
    st.text(max_size=8),
    st.text(st.sampled_from("ab ,\u3000"), min_size=55, max_size=65),
)


def toml_text(value: str) -> str:
    """``value`` as a TOML basic string (every control character escaped)."""
    return (
        '"'
        + "".join(f"\\u{ord(c):04x}" if ord(c) < 0x20 or c in '\x7f"\\' else c for c in value)
        + '"'
    )


@settings(max_examples=150, deadline=None)
@example(name=" ")
@example(name="x" * 61)
@example(name="a,b")
@given(name=THEME_NAMES)
def test_a_theme_name_means_the_same_to_the_file_reader_the_loader_and_the_schema(
    name: str,
) -> None:
    """One declaration of a theme's name: the theme files' reader (themes list, the app's
    start), the loader and the JSON Schema take and refuse the same names, and a blank
    one is said to be empty, with what to write instead."""
    import tempfile

    from footcare.storage.themes import theme_files

    table = theme(name=name)
    with tempfile.TemporaryDirectory() as tmp:
        paths = Paths(Path(tmp) / "config", Path(tmp) / "data")
        paths.user_themes.mkdir(parents=True)
        path = paths.user_themes / "mine.toml"
        lines = [
            f"{key} = {toml_text(v) if isinstance(v, str) else str(v).lower()}"
            for key, v in table.items()
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        assert tomllib.loads(path.read_text(encoding="utf-8")) == table
        files = theme_files(paths)
    read = files.themes.get(name, (None, None))[1] == path
    wrong = theme_problems(table)
    assert wrong in (None, ["name"]), wrong
    assert (read, wrong is None) == (valid(theme_schema(), as_json(table)),) * 2, (name, files)
    if not name.strip():
        (problem,) = [p for p in files.problems if str(path) in p]
        assert f"{path}: name: must not be empty — write a name in quotes" in problem


@settings(max_examples=100, deadline=None)
@given(value=COLOURS)
def test_an_app_colour_variable_is_a_colour_in_the_loader_and_the_schema(value: str) -> None:
    table = theme(variables={"foot-left": value})
    assert (theme_problems(table) is None) is valid(theme_schema(), as_json(table)), value


# --- the safety record's events --------------------------------------------------------------

AT = datetime(2026, 11, 20, 9, 30)
WRITTEN = [
    WarningSign("wound", "left", AT, AT, "20261120093000-abc123"),
    WarningSign("swelling", "yes", AT, AT, "e2", SignSource.SESSION),
    Clearance("discussed", True, AT.date(), AT),
    BlockAnswer("wound", AT.date(), False, AT, question="Knee?", title="Knee", advice="Rest."),
    SessionStop(StopCause.PAIN, AT, "e3", AT),
]


def written_events() -> list[dict[str, Any]]:
    """The events as footcare writes them into safety.toml, read back."""
    record = SafetyRecord()
    for event in WRITTEN:
        record = record.with_event(event)
    return tomllib.loads(tomli_w.dumps(record_to_dict(record)))["events"]


def test_every_event_footcare_writes_fits_the_declared_events_schema() -> None:
    schema = shape_schema(EVENT)
    for event in written_events():
        assert not check(EVENT, event)[1].problems
        assert valid(schema, as_json(event)), event


def test_the_events_schema_asks_for_what_the_declaration_does() -> None:
    for kind, branch in zip(EVENT.tables, shape_schema(EVENT)["anyOf"], strict=True):
        table = EVENT.tables[kind]
        needed = {n for n, k in table.keys.items() if isinstance(k, Key) and k.required}
        assert set(branch["required"]) == needed and set(branch["properties"]) == set(table.keys)
        assert branch["properties"]["kind"]["enum"] == [kind]


@settings(max_examples=300, deadline=None)
@given(which=st.integers(0, len(WRITTEN) - 1), data=st.data())
def test_the_events_checks_and_schema_agree_on_every_key(which: int, data: st.DataObject) -> None:
    """Each key of a written event given any other value: the checks and the schema take
    or refuse it alike (text where a date belongs aside: an editor can't tell it from one)."""
    event = written_events()[which]
    key = data.draw(st.sampled_from(sorted({*EVENT.tables[event["kind"]].keys, "colour"})))
    dated = key in ("recorded", "at", "on", "day")
    value = data.draw(VALUES.filter(lambda v: not (dated and isinstance(v, str))))
    changed = {**event, key: value}
    accepted = not check(EVENT, changed)[1].problems
    assert accepted is valid(shape_schema(EVENT), as_json(changed)), (key, value)
