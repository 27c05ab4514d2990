"""Find the line of a key path such as ``steps[2].duration`` in TOML text (best effort)."""

from __future__ import annotations

import re

_PART = re.compile(r"([A-Za-z0-9_-]+)(?:\[(\d+)\])?")
_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.-]+)\s*\]\]?")


def locate(text: str, path: str) -> int | None:
    lines = text.splitlines()
    parts = [m.groups() for m in _PART.finditer(path)]
    if not parts:
        return None
    start, end = 0, len(lines)
    for depth, (name, index) in enumerate(parts):
        last = depth == len(parts) - 1
        if index is not None:
            header = re.compile(rf"^\s*\[\[\s*{re.escape(name)}\s*\]\]")
            hits = [i for i in range(start, end) if header.match(lines[i])]
            if int(index) >= len(hits):
                return None
            start = hits[int(index)]
            following = [i for i in range(start + 1, len(lines)) if _HEADER.match(lines[i])]
            end = following[0] if following else len(lines)
            if last:
                return start + 1
            start += 1
            continue
        key = re.compile(rf"^\s*\"?{re.escape(name)}\"?\s*=")
        table = re.compile(rf"^\s*\[\[?\s*{re.escape(name)}\s*[.\]]")
        top_level = depth == 0 and start == 0
        in_tables = False
        for i in range(start, end):
            if top_level and _HEADER.match(lines[i]):
                in_tables = True  # from here on, keys belong to tables; only headers count
                if table.match(lines[i]):
                    return i + 1
            elif not in_tables and key.match(lines[i]):
                return i + 1
        return None
    return None
