"""What a TOML text would cost, checked before the parser sees it, in one linear pass.

The parser's own cost is not bounded by a file's size: one dotted key of many parts
(``a.a.a… = 1``) costs time and memory quadratic in its parts (200 KB asked for 24 GB),
and every key or value costs a few microseconds. So before ``tomllib`` runs, this scan
walks the text as TOML reads it (keys, headers, strings, arrays, inline tables) and
stops at the first thing past a bound:

- a key or header of more than ``MAX_KEY_PARTS`` dotted parts, or a part longer than
  ``MAX_KEY_CHARS`` characters;
- tables and lists nested (headers, dotted keys and brackets together) deeper than the
  reader's own limit allows;
- more keys and values than ``most_items`` (set from the file kind's size limit).

The scan never decides what is valid TOML: where it meets something it can't follow,
the parser will refuse the text there anyway, and the rest is checked coarsely (no run
of many dotted parts, no more ``=``, ``[`` and ``,`` than items allowed), so no text
reaches the parser unbounded. Every regular expression here is anchored at one position
and possessive: nothing backtracks, and the whole scan is linear in the text.
"""

from __future__ import annotations

import re

from footcare.domain.frozen import frozen

MAX_DEPTH = 16
"""Tables and lists inside each other; footcare's own files go 4 deep (read.bounds_problem
checks it exactly once parsed)."""
MAX_KEY_PARTS = MAX_DEPTH + 1
"""A key's dotted parts: past this, the table it names is nested too deep anyway."""
MAX_KEY_CHARS = 256
"""One part of a key: footcare's keys are short words; ids are well under this."""
ITEMS_PER_MIB = 4_000
"""Keys and values per MiB of a kind's size limit: 4,000 in a config, routine, theme,
state or draft file (1 MiB; a long routine holds under 1,000), 16,000 in a journal month
(4 MiB: about 500 entries of every kind of field, where a person makes a few a day). The
parser reads 16,000 such items in about 0.2 s on a slow, busy machine."""
BYTES_PER_RECORD_ITEM = 128
"""The safety record only grows, and must stay readable for decades: its limit (16 MiB)
allows 131,072 keys and values, about 13,000 events of ten (only a sign, a go-ahead, a
blocked day or a stopped session is one event: 35 years at one a day). Read whole, such
a record costs the parser about a second; any other file stays far under that."""

_SKIP = re.compile(r"(?:[ \t\r\n]++|#[^\n]*+)*+")
_SPACE = re.compile(r"[ \t]*+")
_KEY_PART = re.compile(r"""[A-Za-z0-9_-]++|"(?:[^"\\\n]++|\\.)*+"|'[^'\n]*+'""")
_SCALAR = re.compile(
    r'"""(?:[^"\\]++|\\[\s\S]|"(?!""))*+"""(?:""?)?+'
    r"|'''(?:[^']++|'(?!''))*+'''(?:''?)?+"
    r'|"(?:[^"\\\n]++|\\.)*+"'
    r"|'[^'\n]*+'"
    r"|[A-Za-z0-9_+\-.:]++(?: [0-9][0-9:.+\-Zz]*+)?+"
)
_ONE_LINE_SCALAR = (
    r'"(?:[^"\\\n]++|\\.)*+"'
    r"|'[^'\n]*+'"
    r"|[A-Za-z0-9_+\-.:]++(?: [0-9][0-9:.+\-Zz]*+)?+"
)
_SIMPLE_LINES = re.compile(
    rf"(?:[ \t]*+(?:[A-Za-z0-9_-]{{1,{MAX_KEY_CHARS}}}+[ \t]*+=[ \t]*+"
    rf"(?:{_ONE_LINE_SCALAR})[ \t]*+)?"
    r"(?:#[^\n]*+)?\r?\n)++"
)
"""Lines of ``key = value`` (one bare key, a one-line value), blank lines and comments:
most of every footcare file, walked in one match."""
_KEY_AT_LINE = re.compile(r"^[ \t]*+[A-Za-z0-9_-]", re.MULTILINE)
_DOTTED_RUN = re.compile(
    r"(?<![A-Za-z0-9_-])(?:[A-Za-z0-9_-]++|\"[^\"\n]*+\"|'[^'\n]*+')"
    rf"(?:[ \t]*+\.[ \t]*+(?:[A-Za-z0-9_-]++|\"[^\"\n]*+\"|'[^'\n]*+')){{{MAX_KEY_PARTS}}}"
)


def most_items(size_limit: int) -> int:
    """How many keys and values a file of this kind may hold."""
    mib = 1024 * 1024
    if size_limit > 4 * mib:
        return size_limit // BYTES_PER_RECORD_ITEM
    return max(ITEMS_PER_MIB, ITEMS_PER_MIB * size_limit // mib)


@frozen
class Bound:
    """The first thing in a text past a bound: where (1-based line) and what."""

    line: int
    message: str


class _Beyond(Exception):
    def __init__(self, pos: int, message: str) -> None:
        super().__init__(message)
        self.pos = pos
        self.message = message


class _Lost(Exception):
    """The scan can't follow the text at ``pos`` (the parser will refuse it there)."""

    def __init__(self, pos: int) -> None:
        super().__init__(pos)
        self.pos = pos


def _deep(pos: int) -> _Beyond:
    return _Beyond(pos, f"tables and lists are nested more than {MAX_DEPTH} deep")


class _Scan:
    def __init__(self, text: str, most: int) -> None:
        self.text = text
        self.most = most
        self.items = 0

    def count(self, pos: int) -> None:
        self.items += 1
        if self.items > self.most:
            raise _Beyond(
                pos,
                f"has too many keys and values (more than {self.most:,}; "
                "footcare's own files hold far fewer)",
            )

    def count_lines(self, start: int, end: int) -> None:
        """Count the keys of simple lines from ``start`` (a key) to ``end``."""
        second = self.text.find("\n", start, end) + 1
        keys = 1 + len(_KEY_AT_LINE.findall(self.text, second, end))
        if self.items + keys <= self.most:
            self.items += keys
            return
        self.count(start)
        for m in _KEY_AT_LINE.finditer(self.text, second, end):
            self.count(m.end())
        raise AssertionError("unreachable: the keys counted were more than the most")

    def key(self, pos: int) -> tuple[int, int]:
        """The number of parts of the dotted key at ``pos``, and where it ends."""
        text = self.text
        parts = 0
        while True:
            pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
            m = _KEY_PART.match(text, pos)
            if m is None:
                raise _Lost(pos)
            if m.end() - pos - (2 if text[pos] in "\"'" else 0) > MAX_KEY_CHARS:
                raise _Beyond(pos, f"a key is longer than {MAX_KEY_CHARS} characters")
            parts += 1
            if parts > MAX_KEY_PARTS:
                raise _Beyond(pos, f"a key has more than {MAX_KEY_PARTS} dotted parts")
            pos = _SPACE.match(text, m.end()).end()  # type: ignore[union-attr]
            if not text.startswith(".", pos):
                return parts, pos
            pos += 1

    def value(self, pos: int, depth: int) -> int:
        """Walk one value (arrays and inline tables without recursion); where it ends."""
        text = self.text
        closers: list[tuple[str, int]] = []  # open containers: closing bracket, depth
        while True:
            # a value at ``depth``
            pos = (_SKIP if closers else _SPACE).match(text, pos).end()  # type: ignore[union-attr]
            self.count(pos)
            if depth > MAX_DEPTH + 1:
                raise _deep(pos)
            opener = text[pos : pos + 1]
            if opener in ("[", "{"):
                closers.append(("]" if opener == "[" else "}", depth))
                pos += 1
                pos = _SKIP.match(text, pos).end()  # type: ignore[union-attr]
                closer, depth = closers[-1]
                if text.startswith(closer, pos):  # empty
                    pos += 1
                    closers.pop()
                else:
                    depth, pos = self._next_in(closer, depth, pos)
                    continue
            else:
                m = _SCALAR.match(text, pos)
                if m is None:
                    raise _Lost(pos)
                pos = m.end()
            # after a value: a comma, or the end of its container(s)
            while closers:
                pos = _SKIP.match(text, pos).end()  # type: ignore[union-attr]
                closer, outer = closers[-1]
                if text.startswith(",", pos):
                    pos = _SKIP.match(text, pos + 1).end()  # type: ignore[union-attr]
                    if closer == "]" and text.startswith("]", pos):  # trailing comma
                        pos += 1
                        closers.pop()
                        continue
                    depth, pos = self._next_in(closer, outer, pos)
                    break
                if text.startswith(closer, pos):
                    pos += 1
                    closers.pop()
                    continue
                raise _Lost(pos)
            else:
                return pos

    def _next_in(self, closer: str, outer: int, pos: int) -> tuple[int, int]:
        """The depth of the next value in a container at ``outer``, and where it starts
        (past its key and ``=`` in an inline table)."""
        if closer == "]":
            return outer + 1, pos
        parts, pos = self.key(pos)
        if not self.text.startswith("=", pos):
            raise _Lost(pos)
        return outer + parts, pos + 1

    def document(self) -> None:
        text = self.text
        base = 0
        pos = 0
        while True:
            pos = _SKIP.match(text, pos).end()  # type: ignore[union-attr]
            if pos >= len(text):
                return
            simple = _SIMPLE_LINES.match(text, pos)
            if simple is not None:
                self.count_lines(pos, simple.end())
                pos = simple.end()
                continue
            if text.startswith("[", pos):
                array = text.startswith("[[", pos)
                parts, pos = self.key(pos + (2 if array else 1))
                close = "]]" if array else "]"
                if not text.startswith(close, pos):
                    raise _Lost(pos)
                pos += len(close)
                base = parts + array
                self.count(pos)
                if base > MAX_DEPTH + 1:
                    raise _deep(pos)
            else:
                parts, pos = self.key(pos)
                if not text.startswith("=", pos):
                    raise _Lost(pos)
                pos = self.value(pos + 1, base + parts)
            pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
            if pos < len(text) and text[pos] not in "#\r\n":
                raise _Lost(pos)


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def items_in(text: str) -> int:
    """How many keys and values ``text`` holds, walked to its end with no bound on their
    number; raises LookupError where the walk loses its way (text ``scan`` leaves to the
    parser) and ValueError past any other bound."""
    walk = _Scan(text, 10**18)  # no bound on their number
    try:
        walk.document()
    except _Lost as lost:
        raise LookupError(f"the walk lost its way at line {_line(text, lost.pos)}") from None
    except _Beyond as beyond:
        raise ValueError(f"line {_line(text, beyond.pos)}: {beyond.message}") from None
    return walk.items


def scan(text: str, most: int) -> Bound | None:
    """The first thing in ``text`` past a bound, or None when the parser may read it."""
    walk = _Scan(text, most)
    try:
        walk.document()
    except _Beyond as beyond:
        return Bound(_line(text, beyond.pos), beyond.message)
    except _Lost as lost:
        rest = text[lost.pos :]
        run = _DOTTED_RUN.search(rest)
        if run is not None:
            return Bound(
                _line(text, lost.pos + run.start()),
                f"a key has more than {MAX_KEY_PARTS} dotted parts",
            )
        if walk.items + rest.count("=") + rest.count("[") + rest.count(",") > most:
            return Bound(
                _line(text, lost.pos),
                f"has too many keys and values (more than {most:,}; "
                "footcare's own files hold far fewer)",
            )
    return None
