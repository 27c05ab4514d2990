"""The report's sections in words, made once from its facts: the Markdown and the HTML report
both draw every section of ``parts`` and nothing else, so neither can say a fact the other
leaves out. The HTML adds pictures (charts, the feet) of the same facts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from enum import Enum

from footcare.domain.figures import mean, one_decimal, plural, short
from footcare.domain.frozen import frozen
from footcare.domain.journal import SYMPTOMS, WEEK_DAYS, week_ending
from footcare.domain.report.facts import BlockedDay, Report, SignLine, Stopped
from footcare.domain.signs import Urgency
from footcare.domain.text import clean
from footcare.domain.trends import HELPING_CAVEAT, HELPING_MINIMUM, around_text, months_text


class Section(Enum):
    """Every section of the report, in its order; the value is its id in the HTML page."""

    SAFETY = "safety"
    HELPING = "helping"
    RATINGS = "ratings"
    AROUND = "around"
    SESSIONS = "sessions"
    CARE = "care"
    NOTES = "notes"


@frozen
class Fact:
    label: str
    """A date or the report's own words (never a person's text)."""
    cells: tuple[str, ...]
    strong: bool = False
    """Wants a look first (a warning sign still blocking sessions, an urgent one)."""


@frozen
class Part:
    section: Section
    title: str
    head: tuple[str, ...]
    """Column names when the facts are a table (the label's first); () for a list."""
    facts: tuple[Fact, ...]
    said: tuple[str, ...] = ()
    """Sentences after the facts."""


UNREAD = "Part of the journal could not be read, and its entries are missing from this report:"
"""Said first (the warning signs come first) for each journal file that could not be read:
a month with no entries must not read as a month with no symptoms."""
SIGNS, BLOCKED_DAYS, NOTES, SUGAR_READINGS, LISTED = 10, 16, 3, 5, 3
"""How many of each the report lists (the latest, the most used): two A4 pages for three
months; the full export has every one. Never cut: a warning sign still waiting for a check
or an urgent one (``kept``: SIGNS counts the others), a reason a session stopped early (notes
fill what NOTES leaves)."""
NAME_CHARS, NOTE_CHARS = 32, 170
"""The longest a name (a routine, a lotion, a reading) and a note stand (cut with "…")."""


def cut(value: str, limit: int = 0) -> str:
    """``value`` on one line (line breaks as " / ", tabs as spaces), at most ``limit``
    characters long when a limit is given (cut with "…")."""
    lines = [line.strip() for line in clean(value, multiline=True).split("\n")]
    joined = " / ".join(line for line in lines if line).replace("\t", " ")
    return joined[: limit - 1].rstrip() + "…" if 0 < limit < len(joined) else joined


def rating_name(name: str) -> str:
    return "Sleep interference" if name == "sleep" else name.capitalize()


def since_words(line: SignLine) -> str:
    since = "does not block sessions"
    if line.sign.blocks_sessions:
        since = (
            f"checked by a professional on {line.checked.isoformat()}"
            if line.checked is not None
            else "no check recorded yet: sessions blocked"
        )
    if line.before_period:
        since += "; noted before this period, still open"
    if line.entry_deleted:
        since += "; its journal entry was deleted (the sign stays on record)"
    return since


def _days(days: Sequence[str]) -> str:
    shown = days[-BLOCKED_DAYS:]
    more = len(days) - len(shown)
    return ", ".join(shown) + (f" and {more} earlier" if more > 0 else "")


def _asked(days: Sequence[BlockedDay]) -> str:
    """ "Answered yes: Wound, sore or blister (2 days)": each question, the most said first."""
    asked = Counter(item for b in days for item in b.items)
    why = "; ".join(f"{item} ({plural(n, 'day')})" for item, n in asked.most_common())
    return f"Answered yes: {why}."


def blocked_words(r: Report) -> list[str]:
    """The days a yes kept the massage off, and the days with a yes and a session too."""
    off, done = r.no_massage, [b for b in r.blocked if b.massaged]
    out = []
    if off:
        out.append(
            f"Days a safety question was answered yes, so no massage that day ({len(off)}): "
            f"{_days([b.day.isoformat() for b in off])}. {_asked(off)}"
        )
    else:
        out.append("No day was kept free of massage by a safety question.")
    if done:
        out.append(
            f"Days a safety question was answered yes and a session was recorded all the same "
            f"(the yes taken back, or said after that session) ({len(done)}): "
            f"{_days([b.day.isoformat() for b in done])}. {_asked(done)}"
        )
    return out


def kept(line: SignLine) -> bool:
    """Never left out of a report: a sign still waiting for a check, or an urgent one."""
    waits = line.sign.blocks_sessions and line.checked is None
    return waits or line.sign.urgency is Urgency.EMERGENCY


def safety(r: Report) -> Part:
    others = [s for s in r.signs if not kept(s)]
    hidden = others[: max(0, len(others) - SIGNS)]
    shown = [s for s in r.signs if s not in hidden]
    alike: dict[tuple[tuple[str, ...], bool], list[str]] = {}  # signs alike: one row
    for s in shown:
        words = (s.sign.what, s.sign.urgency.value, since_words(s))
        alike.setdefault((words, kept(s)), []).append(s.sign.day.isoformat())
    facts = [Fact(", ".join(days), words, strong) for (words, strong), days in alike.items()]
    facts += [Fact(f.day.isoformat(), (f.what, f.urgency.value, f.action)) for f in r.trend_flags]
    said = [f"{UNREAD} {p}" for p in r.unread]
    said += [] if facts else ["No warning signs were noted in this period."]
    if hidden:
        said.append(
            f"And {plural(len(hidden), 'earlier warning sign')}, from "
            f"{hidden[0].sign.day.isoformat()} to {hidden[-1].sign.day.isoformat()}, none of "
            "them urgent or waiting for a check."
        )
    said += [f"The safety record could not be read: {p}" for p in r.record_problems]
    head = ("noticed", "warning sign", "urgency", "since then")
    return Part(
        Section.SAFETY,
        "Warning signs and blocked days",
        head,
        tuple(facts),
        (*said, *blocked_words(r)),
    )


def helping(r: Report) -> Part:
    facts = tuple(
        Fact(rating_name(h.name), (around_text(h.around), months_text(h.months))) for h in r.helping
    )
    head = ("rating", "around a session: after − before", "first 30 days with ratings → last 30")
    return Part(
        Section.HELPING,
        "Is it helping? What changed in these ratings",
        head,
        facts,
        (r.rated_words(), f"{HELPING_CAVEAT} {HELPING_MINIMUM}"),
    )


def ratings(r: Report) -> Part:
    """Each day's rating: the average, the first and the last week, the lowest and highest."""
    first_end = r.start.toordinal() + WEEK_DAYS - 1
    last_start = week_ending(r.end)[0]
    facts = []
    for name in (*SYMPTOMS, "sleep"):
        points = r.daily(name)
        if points:
            values = [v for _, v in points]
            first = mean([v for d, v in points if d.toordinal() <= first_end])
            last = mean([v for d, v in points if d >= last_start])
            cells = (one_decimal(mean(values)), one_decimal(first), one_decimal(last))
            facts.append(
                Fact(rating_name(name), (*cells, f"{short(min(values))}–{short(max(values))}"))
            )
    said = (
        "Each day’s rating right now (before a session, or on its own), and sleep as rated "
        "that day."
        if facts
        else "No ratings in this period.",
    )
    head = ("rating", "average", "first 7 days", "last 7 days", "lowest–highest")
    return Part(Section.RATINGS, "Ratings over the period", head, tuple(facts), said)


def around(r: Report) -> Part:
    before, after = r.around()
    facts = []
    for symptom in SYMPTOMS:
        b, a = before.get(symptom), after.get(symptom)
        if b is not None or a is not None:
            change = "–" if b is None or a is None else f"{a - b:+.1f}".replace("-", "−")
            facts.append(Fact(symptom.capitalize(), (one_decimal(b), one_decimal(a), change)))
    said = () if facts else ("No session in this period was rated before or after.",)
    head = ("rating", "average before", "average after", "change")
    return Part(Section.AROUND, "Before and after each session", head, tuple(facts), said)


def counted(names: Sequence[tuple[str, int]], empty: str) -> str:
    """ "standard 20, gentle 3": the most used first, at most LISTED of them."""
    if not names:
        return empty
    shown = ", ".join(f"{cut(n, NAME_CHARS) or 'unnamed'} {c}" for n, c in names[:LISTED])
    more = len(names) - LISTED
    return shown + (f" and {plural(more, 'other')}" if more > 0 else "")


def weeks_words(r: Report) -> str:
    return "; ".join(
        f"to {w.end.isoformat()}: {w.done}" + ("" if w.days == WEEK_DAYS else f" of {w.days}")
        for w in r.weeks
    )


def sessions(r: Report) -> Part:
    causes = r.stop_causes()
    detail = f" ({', '.join(f'{w} {n}' for w, n in causes)})" if causes else ""
    minutes = r.minutes_per_foot()
    facts = (
        Fact("Days with a session", (f"{len(r.session_days)} of {r.days} (goal: daily)",)),
        Fact(WEEKS_LABEL, (weeks_words(r),)),
        Fact("Sessions stopped early", (f"{len(r.early)}{detail}",)),
        Fact("Minutes per foot, average", (short(minutes) if minutes is not None else "–",)),
        Fact("Routines", (counted(r.routines(), "none"),)),
        Fact("Lotion or oil", (counted(r.lotions(), "none noted"),)),
    )
    return Part(Section.SESSIONS, "Sessions", (), facts)


WEEKS_LABEL = "Days with a session, week by week (a week: the 7 days ending on the day given)"


def care(r: Report) -> Part:
    c = r.care
    noted = c.footwear_yes + c.footwear_no
    latest = "; ".join(
        f"{d.isoformat()} {cut(v, NAME_CHARS)}"
        for d, v in reversed(c.blood_sugar[-SUGAR_READINGS:])
    )
    weekly = r.weekly_answers()
    facts = (
        (
            "Supportive footwear",
            f"worn on {c.footwear_yes} of {plural(noted, 'day')} noted" if noted else "not noted",
        ),
        (
            "Gentle exercise",
            f"{plural(c.exercise_days, 'day')}, {c.exercise_minutes} minutes in all"
            if c.exercise_days
            else "not noted",
        ),
        (
            "Blood sugar",
            f"noted on {plural(len(c.blood_sugar), 'day')}; latest: {latest}"
            if c.blood_sugar
            else "not noted",
        ),
        (
            "Next medical follow-up",
            f"{c.follow_up.isoformat()} (noted {c.follow_up_noted.isoformat()})"
            if c.follow_up and c.follow_up_noted
            else "not noted",
        ),
        (
            "Weekly overall change",
            f"latest {weekly[-1][0].isoformat()}: {weekly[-1][1]} "
            f"(answered {plural(len(weekly), 'time')})"
            if weekly
            else "not answered",
        ),
    )
    return Part(Section.CARE, "Daily care", (), tuple(Fact(k, (v,)) for k, v in facts))


def stops(r: Report) -> list[tuple[str, str, str]]:
    """Every reason a session stopped early (its first day, its days, its words), oldest
    first: stops for the same cause in the same words as shown (case aside) on one line, with
    their days (and the massage done, where kept)."""
    alike: dict[tuple[str, tuple[str, ...]], list[Stopped]] = {}
    for stop in r.stopped_reasons():
        shown = tuple(dict.fromkeys(cut(w, NOTE_CHARS).casefold() for w in stop.said))
        alike.setdefault((stop.cause, shown), []).append(stop)
    out = []
    for (cause, _), each in alike.items():
        said = each[0].said
        done = "; ".join(
            s.done if len(each) == 1 else f"{s.day.isoformat()} {s.done}" for s in each if s.done
        )
        words = " — ".join(cut(w, NOTE_CHARS) for w in said) + (f" ({done})" if done else "")
        days = [s.day.isoformat() for s in each]
        out.append(
            (days[0], _days(days), f"stopped early{f' ({cause})' if cause else ''}: {words}")
        )
    return out


def notes(r: Report) -> Part:
    """Every reason for stopping early, then the latest notes up to NOTES lines in all;
    oldest first."""
    said = stops(r)
    written = [(day.isoformat(), day.isoformat(), cut(note, NOTE_CHARS)) for day, note in r.notes()]
    room = max(0, NOTES - len(said))
    shown = sorted(said + written[len(written) - room :], key=lambda item: item[0])
    more = len(written) - min(len(written), room)
    tail = (f"{plural(more, 'earlier note')} in the full export (CSV or JSON).",) if more else ()
    if not shown:
        tail = ("No notes in this period.",)
    facts = tuple(Fact(days, (words,)) for _, days, words in shown)
    return Part(Section.NOTES, "Notes", (), facts, tail)


MAKERS = {
    Section.SAFETY: safety,
    Section.HELPING: helping,
    Section.RATINGS: ratings,
    Section.AROUND: around,
    Section.SESSIONS: sessions,
    Section.CARE: care,
    Section.NOTES: notes,
}


def parts(r: Report) -> tuple[Part, ...]:
    """Every section of the report, in order, in words."""
    return tuple(MAKERS[section](r) for section in Section)
