"""Find the line of a key path such as ``steps[2].duration`` in TOML text.

Best effort, but never a wrong guess: the line returned is the line that sets the key (or
opens its table); when the text doesn't show one — a key set through a dotted name or
deep in an inline table — there is no line, rather than a nearby one.
"""

from __future__ import annotations

import re

from footcare.domain.frozen import frozen

# compiled by re when a problem is first located, not when the module is imported
_PART = r"([^.\[\]]+)(?:\[(\d+)\])?"
_HEADER = r"^\s*(\[\[?)\s*([^\[\]#]+?)\s*\]\]?\s*(?:#.*)?$"


@frozen
class _Header:
    line: int
    """0-based."""
    array: bool
    name: str


def _headers(lines: list[str]) -> list[_Header]:
    out = []
    for i, line in enumerate(lines):
        match = re.match(_HEADER, line)
        if match:
            name = ".".join(p.strip().strip("\"'") for p in match[2].split("."))
            out.append(_Header(i, match[1] == "[[", name))
    return out


def _section_end(headers: list[_Header], opened: _Header, end: int) -> int:
    """Where the table opened by ``opened`` ends: at the next header that isn't inside it."""
    inside = opened.name + "."
    for h in headers:
        if opened.line < h.line < end and not h.name.startswith(inside):
            return h.line
    return end


def locate(text: str, path: str) -> int | None:
    """The 1-based line that sets ``path``, or None."""
    lines = text.splitlines()
    headers = _headers(lines)
    parts = [(m[1].strip().strip("\"'"), m[2]) for m in re.finditer(_PART, path)]
    if not parts:
        return None
    start, end, base = 0, len(lines), ""
    for depth, (name, index) in enumerate(parts):
        last = depth == len(parts) - 1
        full = f"{base}.{name}" if base else name
        scope = [h for h in headers if start <= h.line < end]
        if index is not None:
            items = [h for h in scope if h.array and h.name == full]
            if int(index) >= len(items):
                return None
            item = items[int(index)]
            if last:
                return item.line + 1
            start, end, base = item.line + 1, _section_end(headers, item, end), full
            continue
        direct_end = scope[0].line if scope else end
        key = re.compile(
            rf"""^\s*(?:{re.escape(name)}|"{re.escape(name)}"|'{re.escape(name)}')\s*="""
        )
        for i in range(start, direct_end):
            if key.match(lines[i]):
                return i + 1 if last or _opens_inline(lines[i]) else None
        tables = [h for h in scope if h.name == full]
        if tables:
            table = tables[0]
            if last or table.array:
                return table.line + 1
            start, end, base = table.line + 1, _section_end(headers, table, end), full
            continue
        nested = [h for h in scope if h.name.startswith(full + ".")]
        if not nested:
            return None
        if last:
            return nested[0].line + 1  # a table only named by its sub-tables
        start, base = nested[0].line, full
    return None


def _opens_inline(line: str) -> bool:
    """``key = {…}`` or ``key = […]`` on one line: what the rest of the path names is there."""
    value = line.split("=", 1)[1].strip()
    return value.startswith("{") or (value.startswith("[") and value.endswith("]"))
