"""Finding entries: by date range, by words in the note, or only those with a warning sign."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from footcare.domain.frozen import frozen
from footcare.domain.history import findings_words
from footcare.domain.journal import Entry


@frozen
class Filter:
    since: date | None = None
    until: date | None = None
    text: str = ""
    """Words to look for, any case, in the note, blood sugar, stop words, routine and the
    foot check."""
    flags_only: bool = False

    @property
    def empty(self) -> bool:
        return self == Filter()


def searchable(entry: Entry) -> str:
    parts = [entry.note, entry.blood_sugar, findings_words(entry)]
    if entry.session is not None:
        parts += [entry.session.routine, entry.session.stop_reason]
    return " ".join(parts).casefold()


def matches(entry: Entry, wanted: Filter) -> bool:
    if wanted.since is not None and entry.day < wanted.since:
        return False
    if wanted.until is not None and entry.day > wanted.until:
        return False
    if wanted.flags_only and not entry.findings:
        return False
    words = wanted.text.casefold().split()
    text = searchable(entry) if words else ""
    return all(word in text for word in words)


def matching(entries: Iterable[Entry], wanted: Filter) -> list[Entry]:
    return [e for e in entries if matches(e, wanted)]


def parse_query(text: str, flags_only: bool = False) -> tuple[Filter, list[str]]:
    """What the journal's search box means: words, plus ``from:DATE`` and ``to:DATE``.

    A date that can't be read is named in the problems and left out of the filter."""
    since: date | None = None
    until: date | None = None
    words: list[str] = []
    problems: list[str] = []
    for token in text.split():
        key, colon, value = token.partition(":")
        if colon and key.lower() in ("from", "to", "since", "until"):
            try:
                day = date.fromisoformat(value)
            except ValueError:
                problems.append(f"'{value}' is not a date like 2026-01-31")
                continue
            if key.lower() in ("from", "since"):
                since = day
            else:
                until = day
        else:
            words.append(token)
    return Filter(since, until, " ".join(words), flags_only), problems
