"""config.toml: read strictly, and only the app's own remembered choices written back.

The file belongs to the person: it is never re-serialised. Remembering a choice edits the
one top-level line it lives on and leaves every comment in place.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from footcare.domain.problems import Collector
from footcare.storage.errors import StorageError
from footcare.storage.files import locked, read_toml, write_text
from footcare.storage.paths import Paths

KEYS = ("routine", "theme", "emergency_number", "clearance_months", "keymap")
DEFAULT_EMERGENCY = "your emergency number, e.g. 911 / 112 / 999"


@dataclass(frozen=True)
class Config:
    routine: str = ""
    theme: str = ""
    emergency_number: str = DEFAULT_EMERGENCY
    clearance_months: int = 12
    keymap: dict[str, str] = field(default_factory=dict)


@dataclass
class LoadedConfig:
    config: Config
    problems: list[str]


def load_config(paths: Paths) -> LoadedConfig:
    path = paths.config_file
    if not path.exists():
        return LoadedConfig(Config(), [])
    try:
        data = read_toml(path)
    except StorageError as exc:
        return LoadedConfig(Config(), [f"{exc} (using the defaults for now)"])
    c = Collector()
    c.unknown_keys(data, KEYS, "")
    values: dict[str, object] = {}
    for key in ("routine", "theme", "emergency_number"):
        if key in data:
            if isinstance(data[key], str):
                values[key] = data[key]
            else:
                c.add(key, "must be text in quotes")
    if "clearance_months" in data:
        months = data["clearance_months"]
        if isinstance(months, int) and not isinstance(months, bool) and 1 <= months <= 12:
            values["clearance_months"] = months
        else:
            c.add("clearance_months", "must be a whole number of months from 1 to 12")
    keymap = data.get("keymap", {})
    if isinstance(keymap, dict) and all(isinstance(v, str) for v in keymap.values()):
        values["keymap"] = dict(keymap)
    else:
        c.add("keymap", 'must be a table of binding id = "keys"')
    problems = [f"{path}: {p.path}: {p.message}" for p in c.problems]
    return LoadedConfig(Config(**values), problems)  # type: ignore[arg-type]


_VALUE = re.compile(r"""^(\s*[A-Za-z0-9_-]+\s*=\s*)("(?:[^"\\]|\\.)*"|'[^'\n]*')(\s*(?:#.*)?)$""")


def remember(paths: Paths, key: str, value: str) -> None:
    """Set a top-level text key in config.toml, keeping everything else as written."""
    path: Path = paths.config_file
    quoted = tomli_w.dumps({"v": value}).partition("=")[2].strip()
    line = f"{key} = {quoted}"
    with locked(paths.lock):
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        old = read_toml(path) if text else {}  # refuse to touch a file that doesn't parse
        lines = text.splitlines()
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for i, existing in enumerate(lines):
            if existing.lstrip().startswith("["):
                lines.insert(i, line)
                break
            if pattern.match(existing):
                simple = _VALUE.match(existing)
                # keep a trailing comment when the old value sat on this one line
                lines[i] = f"{simple[1]}{quoted}{simple[3]}" if simple else line
                break
        else:
            lines.append(line)
        new_text = "\n".join(lines) + "\n"
        try:
            parsed = tomllib.loads(new_text)
        except tomllib.TOMLDecodeError:
            parsed = {}
        if parsed != {**old, key: value}:
            raise StorageError(
                path,
                f"footcare could not update '{key}' without changing other lines",
                f"set {key} = {quoted} in it by hand",
            )
        write_text(path, new_text)
