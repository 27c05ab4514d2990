"""config.toml: read strictly, and only the app's own remembered choices written back.

The file belongs to the person: it is never re-serialised. Remembering a choice edits the
one top-level line it lives on and leaves every comment in place; a file that can't be read
or doesn't parse is never touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from footcare.domain.frozen import frozen
from footcare.domain.report.owner import owner_keys
from footcare.domain.schema import Bool, Choice, Int, MapOf, Table, Text, check
from footcare.storage.errors import StorageError
from footcare.storage.files import locked, write_text
from footcare.storage.paths import Paths
from footcare.storage.read import (
    SHOWN,
    Document,
    exists,
    parse,
    read_document,
    validation_error,
)

DEFAULT_EMERGENCY = "your emergency number, e.g. 911 / 112 / 999"

PLAIN_LINE = re.compile(r"^[^\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]*$")
"""Text shown in every urgent message: no control, escape or direction character, which
could hide or reorder it on the screen."""
PLAIN_NUMBER = "give the number to call (e.g. 112) as plain text on one line"
HELD = "no session can start until it is fixed: how long a go-ahead lasts is not known"
"""What a clearance_months line that can't be used means: the gate waits (no default)."""

SHAPE = Table(
    {
        "routine": Text(max_length=200),
        "theme": Text(max_length=200),
        "emergency_number": Text(max_length=200, pattern=PLAIN_LINE, hint=PLAIN_NUMBER),
        "clearance_months": Int(1, 12, "a whole number of months"),
        "keymap": MapOf(Text(max_length=200, required=True), what='a table of binding id = "keys"'),
        "cues": Choice(("speech", "bell", "off")),
        "remote_notices": Bool(),
        "bell_with_speech": Bool(),
        # whose report it is: checked here as the report reads them (domain/report/owner.py)
        **owner_keys(),
    }
)
"""Everything config.toml may say: `footcare config` checks with it (a date of birth also
in the past) and the JSON Schema is made from it."""


@frozen
class Config:
    routine: str = ""
    theme: str = ""
    emergency_number: str = DEFAULT_EMERGENCY
    clearance_months: int = 12
    keymap: dict[str, str] = field(default_factory=dict)
    cues: str = ""
    """speech, bell or off; empty (not set): speech when it can be heard here, else the bell."""
    remote_notices: bool = False
    """Also a desktop notice through the terminal (OSC 9 and OSC 777) at each step."""
    bell_with_speech: bool = True
    """The bell rings with spoken steps too (speech may go unheard, and nobody can know)."""
    name: object = ""
    """Whose journal this is (checked where it is shown)."""
    clearance_problem: str = ""
    """Why how long a go-ahead lasts can't be known: the file can't be read, or its
    clearance_months can't be used. The gate stays shut until it is fixed (a shorter
    lifetime the person set must never fall back to the longest one)."""


@dataclass
class LoadedConfig:
    config: Config
    problems: list[str]


def load_config(paths: Paths) -> LoadedConfig:
    """The settings, and one problem per thing that can't be used (its default is used
    instead). Never raises: a config.toml that can't be read at all means the defaults."""
    path = paths.config_file
    try:
        if not exists(path):
            return LoadedConfig(Config(), [])
        doc = read_document(path)
    except StorageError as exc:
        return LoadedConfig(  # clearance_months with the rest: the gate waits (HELD)
            Config(clearance_problem=str(exc)), [f"{exc} (using the defaults for now; {HELD})"]
        )
    values, c = check(Table({**SHAPE.keys, **owner_keys(date.today())}), doc.data)
    problems = []
    clearance_problem = ""
    for i, problem in enumerate(c.problems):  # each one shown is looked for in the text
        clearance = problem.path.split(".")[0].split("[")[0] == "clearance_months"
        if i >= SHOWN and not (clearance and not clearance_problem):
            continue
        located = validation_error(doc, [problem], "fix it, or remove the line")
        if i < SHOWN:
            problems.append(f"{located} ({HELD if clearance else 'using the default'})")
        if clearance and not clearance_problem:
            clearance_problem = str(located)
    if len(c.problems) > SHOWN:
        more = len(c.problems) - SHOWN
        problems.append(f"{path}: and {more} more like these (using the defaults for them)")
    settings = {k: v for k, v in values.items() if k in Config.__dataclass_fields__}
    return LoadedConfig(Config(**settings, clearance_problem=clearance_problem), problems)


def remember(paths: Paths, key: str, value: str) -> None:
    """Set a top-level text key in config.toml, keeping everything else as written.

    Raises StorageError, and leaves the file as it is, when it can't be read, doesn't
    parse, or can't be changed without changing other lines.
    """
    import tomli_w  # only a choice remembered writes: reading the settings doesn't need it

    path: Path = paths.config_file
    quoted = tomli_w.dumps({"v": value}).partition("=")[2].strip()
    with locked(paths.lock):
        if exists(path):
            try:
                doc = read_document(path)
            except StorageError as exc:
                raise StorageError(
                    path,
                    f"'{key}' was not remembered, as the file can't be read: {exc.problem}",
                    f"fix it, then set {key} = {quoted} in it",
                    line=exc.line,
                    key=exc.key,
                ) from exc
        else:
            doc = Document(path, {}, "")
        new_text = _with_value(doc.text, key, value)
        try:
            parsed = parse(path, new_text)
        except StorageError:
            parsed = {}
        if parsed != {**doc.data, key: value}:
            raise StorageError(
                path,
                f"footcare could not update '{key}' without changing other lines",
                f"set {key} = {quoted} in it by hand",
            )
        write_text(path, new_text)


def _with_value(text: str, key: str, value: str) -> str:
    """The text with one top-level key set, through tomlkit: comments, order and layout
    stay as the person wrote them (a new key goes before the first table)."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        document = tomlkit.parse(text)
        document[key] = value
        return tomlkit.dumps(document)
    except (TOMLKitError, ValueError, TypeError, RecursionError):
        return text  # the check after this says the line could not be changed
