"""The reports and the journal agree on days and weeks, and the two report formats say the
same: hypothesis draws journals (sessions, some stopped or deleted, entries alone, blocked
days, yeses taken back, after-stop questions, across weeks, months and a year's end) and
passes "today" in."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from itertools import pairwise
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from apphelpers import NOW, cleared_paths
from footcare.domain.export import to_markdown
from footcare.domain.journal import (
    FINDINGS,
    Entry,
    Ratings,
    SessionFacts,
    session_days,
    week_ending,
)
from footcare.domain.report import markdown, page
from footcare.domain.report.facts import Report, gather
from footcare.domain.report.page import to_html
from footcare.domain.report.sections import NOTE_CHARS, Part, Section, cut, parts
from footcare.domain.safety import BlockAnswer, SafetyRecord, SessionStop
from footcare.domain.screening import AFTER_STOP_ITEM, PROFESSIONAL_CHECK_ITEM, Clearance, core_ids
from footcare.domain.signs import Urgency, WarningSign
from footcare.domain.stops import StopCause
from footcare.domain.trends import overview
from footcare.services.build import read_footcare
from footcare.storage.journal import JournalStore
from footcare.storage.safety import SafetyStore
from footcare.ui.app import FootcareApp
from rendered import screen_words

SPAN = 120
"""Days drawn before today: more than a report's 90, across months."""
ITEMS = (*sorted(core_ids())[:3], AFTER_STOP_ITEM.id)


@st.composite
def journals(draw: st.DrawFn) -> tuple[list[Entry], SafetyRecord, date, date]:
    """Entries, the safety record beside them, today and the report's first day."""
    today = draw(st.dates(date(2025, 11, 1), date(2027, 3, 1)))
    entries: list[Entry] = []
    record = SafetyRecord()
    for n, back in enumerate(draw(st.lists(st.integers(0, SPAN), max_size=40))):
        at = datetime.combine(today - timedelta(days=back), time(8 + n % 12, n % 60))
        kind = draw(st.sampled_from(["session", "stopped", "deleted", "alone"]))
        session = None
        if kind != "alone":
            cause = draw(st.sampled_from(StopCause)) if kind == "stopped" else None
            said = draw(st.sampled_from(["", f"reason {n}"])) if cause else ""
            session = SessionFacts(
                "standard",
                ("left",),
                10.0,
                cause is not None,
                said,
                "",
                cause.value if cause else "",
            )
            if cause is not None:
                stop = SessionStop(cause, at, f"e{n}", at)
                record = record.with_event(stop)
        entries.append(
            Entry(
                f"e{n}",
                at,
                before=Ratings(pain=draw(st.none() | st.integers(0, 10))),
                after=Ratings(pain=draw(st.none() | st.integers(0, 10))),
                sleep=draw(st.none() | st.integers(0, 10)),
                session=session,
                weekly_change=draw(st.none() | st.integers(0, 6)),
                note=draw(st.sampled_from(["", "a note"])),
                deleted=kind == "deleted",
            )
        )
    for back, item, taken_back in draw(
        st.lists(st.tuples(st.integers(0, SPAN), st.sampled_from(ITEMS), st.booleans()))
    ):
        day = today - timedelta(days=back)
        said = datetime.combine(day, time(7))
        record = record.with_event(BlockAnswer(item, day, True, said))
        if taken_back:  # a yes corrected the same day: the yes stays said
            record = record.with_event(BlockAnswer(item, day, False, said + timedelta(minutes=1)))
    since = today - timedelta(days=draw(st.integers(0, SPAN)))
    return entries, record, today, since


def facts(journal: tuple[list[Entry], SafetyRecord, date, date]) -> Report:
    entries, record, today, since = journal
    return gather(entries, today, since, record=record)


# --- 1. a day with a session is never a day without massage ------------------------------


@settings(max_examples=150)
@given(journals())
def test_a_day_with_a_session_is_never_a_day_without_massage(
    journal: tuple[list[Entry], SafetyRecord, date, date],
) -> None:
    entries, record, today, since = journal
    r = facts(journal)
    done = {d for d in session_days(entries) if since <= d <= today}
    said = {d for d in record.blocked_days() if since <= d <= today}
    assert {b.day for b in r.blocked} == said  # every yes stays in the report
    assert {b.day for b in r.no_massage} == said - done
    assert sum(w.blocked for w in r.weeks) == len(said - done)
    md = to_markdown(entries, today, since, record=record)
    html = to_html(entries, today, since, record=record)
    for report in (md, html):
        if said - done:
            assert f"so no massage that day ({len(said - done)}):" in report
        else:
            assert "No day was kept free of massage by a safety question." in report
        if said & done:
            both = len(said & done)
            assert f"(the yes taken back, or said after that session) ({both}):" in report


# --- 2. one week: the 7 days ending on a day ----------------------------------------------


@settings(max_examples=150)
@given(journals())
def test_the_reports_latest_week_is_the_screens_last_7_days(
    journal: tuple[list[Entry], SafetyRecord, date, date],
) -> None:
    entries, _, today, since = journal
    r = facts(journal)
    weeks = list(r.weeks)
    assert weeks[-1].end == today and weeks[0].start == since
    for before, after in pairwise(weeks):
        assert after.start == before.end + timedelta(days=1) and after.days == 7
    assert weeks[-1].start == max(since, week_ending(today)[0])
    if weeks[-1].days == 7:  # the report's latest week is what the journal screen counts
        assert weeks[-1].done == overview(entries, today).this_week


# --- 3. both formats draw every section and every fact of it ------------------------------


def in_markdown(text: str, part: Part) -> str:
    head = f"\n## {markdown.words(part.title)}\n"
    assert text.count(head) == 1, part.section
    rest = text.split(head, 1)[1]
    return rest.split("\n## ", 1)[0].split("\n---\n", 1)[0]


def in_html(text: str, part: Part) -> str:
    opening = f'<section id="{part.section.value}">'
    assert text.count(opening) == 1, part.section
    return text.split(opening, 1)[1].split("</section>", 1)[0]


@settings(max_examples=150)
@given(journals())
def test_every_fact_of_every_section_is_in_both_reports(
    journal: tuple[list[Entry], SafetyRecord, date, date],
) -> None:
    entries, record, today, since = journal
    drawn = parts(facts(journal))
    assert [p.section for p in drawn] == list(Section)
    md = to_markdown(entries, today, since, record=record)
    html = to_html(entries, today, since, record=record)
    for fmt, text, section_of in ((markdown, md, in_markdown), (page, html, in_html)):
        for part in drawn:
            shown = section_of(text, part)
            assert part.facts or part.said, part.section  # a section always says something
            for fact in part.facts:
                for words in (fact.label, *fact.cells):
                    assert fmt.words(words) in shown, (fmt.__name__, part.section, words)
            for sentence in part.said:
                assert fmt.sentence(sentence) in shown, (fmt.__name__, part.section, sentence)


def test_the_markdown_heading_order_is_the_sections_order() -> None:
    today = date(2026, 12, 31)
    text = to_markdown([], today, today - timedelta(days=89))
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert headings == [p.title for p in parts(gather([], today, today - timedelta(days=89)))]


# --- the journal screen: a day with a session is not a row of "NO MASSAGE" -------------------


async def test_the_journal_table_shows_no_massage_only_on_a_day_without_a_session(
    tmp_path: Path,
) -> None:
    """Today a yes was taken back and a session done; two days ago a yes kept the massage
    off. Read from the painted screen at 80×24: one "NO MASSAGE" row, on the day before."""
    paths = cleared_paths(tmp_path)
    today, earlier = NOW.date(), NOW.date() - timedelta(days=2)
    session = SessionFacts("quick", ("left", "right"), 1.0)
    JournalStore(paths).add(Entry("done", NOW - timedelta(hours=1), session=session))
    SafetyStore(paths).append(
        [
            BlockAnswer("wound", today, True, NOW - timedelta(hours=2)),
            BlockAnswer("wound", today, False, NOW - timedelta(hours=2) + timedelta(minutes=1)),
            BlockAnswer("infection", earlier, True, NOW - timedelta(days=2)),
        ]
    )
    app = FootcareApp(read_footcare(paths, now=lambda: NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = screen_words(app)
    assert shown.count("NO MASSAGE") == 1 and f"{earlier.isoformat()} NO MASSAGE" in shown
    assert f"{today.isoformat()} quick" in shown  # today's row is its session


# --- 4. nothing a clinician must see is cut: open and urgent signs, stops, each yes ---------


@st.composite
def with_signs(draw: st.DrawFn) -> tuple[list[Entry], SafetyRecord, date, date]:
    """A journal (``journals``) with more sessions stopped early (with words, some with a yes
    said after them), and warning signs on record, before and in the period, some answered
    by a professional's check."""
    entries, record, today, since = draw(journals())
    sides = st.sampled_from(["left", "right", "both", "yes"])
    signs = st.tuples(st.integers(0, SPAN), st.sampled_from(sorted(FINDINGS)), sides)
    for n, (back, finding, side) in enumerate(draw(st.lists(signs, max_size=30))):
        at = datetime.combine(today - timedelta(days=back), time(9, n % 60))
        record = record.with_event(WarningSign(finding, side, at, at, f"w{n}"))
    for n, back in enumerate(draw(st.lists(st.integers(0, SPAN), max_size=12))):
        at = datetime.combine(today - timedelta(days=back), time(20, n % 60))
        cause = draw(st.sampled_from(StopCause))
        said = draw(st.sampled_from([f"stop {n}", "cramp"]))  # some stops in the same words
        stop = SessionFacts("standard", ("left",), 2.0, True, said, "", cause.value)
        entries.append(Entry(f"x{n}", at, session=stop, note=draw(st.sampled_from(["", "a"]))))
        if draw(st.booleans()):  # a yes said after that session
            yes = BlockAnswer(draw(st.sampled_from(ITEMS)), at.date(), True, at)
            record = record.with_event(yes)
    for back in draw(st.lists(st.integers(0, SPAN), max_size=3)):
        day = today - timedelta(days=back)
        check = Clearance(PROFESSIONAL_CHECK_ITEM, True, day, datetime.combine(day, time(23)))
        record = record.with_event(check)
    return entries, record, today, since


def rows_of(text: str, part: Part, fmt: object) -> list[str]:
    """A section's lines (Markdown) or table rows, list items and paragraphs (HTML)."""
    if fmt is markdown:
        return in_markdown(text, part).split("\n")
    return in_html(text, part).replace("<p>", "<tr>").replace("<li>", "<tr>").split("<tr")


def chest_pain_before_ten_rednesses() -> SafetyRecord:
    """An open chest pain from before the period, then ten signs that are not urgent."""
    record = SafetyRecord()
    for n, (day, finding) in enumerate(
        [(date(2026, 8, 1), "chest")] + [(date(2026, 9, 1 + n), "redness") for n in range(10)]
    ):
        at = datetime.combine(day, time(9))
        record = record.with_event(WarningSign(finding, "yes", at, at, f"w{n}"))
    return record


@settings(max_examples=150, deadline=None)
@given(with_signs())
@example(([], chest_pain_before_ten_rednesses(), date(2026, 11, 24), date(2026, 8, 27)))
def test_every_open_or_urgent_sign_every_stop_and_every_yes_is_in_both_reports(
    journal: tuple[list[Entry], SafetyRecord, date, date],
) -> None:
    entries, record, today, since = journal
    r = gather(entries, today, since, record=record)
    checked = [c for c in record.go_aheads if c.item_id == PROFESSIONAL_CHECK_ITEM and c.applies]

    def must_show(sign: WarningSign) -> bool:
        waits = sign.blocks_sessions and not any(c.answers(sign) for c in checked)
        return sign.day <= today and (
            waits or (sign.urgency is Urgency.EMERGENCY and sign.day >= since)
        )

    signs = [(s.day.isoformat(), s.what) for s in record.signs if must_show(s)]
    stops = [(s.day.isoformat(), w) for s in r.stopped_reasons() for w in s.said]
    yeses = [(b.day, item) for b in r.blocked if b.massaged for item in b.items]
    drawn = {p.section: p for p in parts(r)}
    md = to_markdown(entries, today, since, record=record)
    html = to_html(entries, today, since, record=record)
    for fmt, text in ((markdown, md), (page, html)):
        safety = rows_of(text, drawn[Section.SAFETY], fmt)
        for day, what in signs:
            assert any(day in row and fmt.words(what) in row for row in safety), (day, what)
        notes = rows_of(text, drawn[Section.NOTES], fmt)
        for day, said in stops:
            words = fmt.words(cut(said, NOTE_CHARS))
            assert any(day in row and words in row for row in notes), (day, said)
        both = next((row for row in safety if "a session was recorded all the same" in row), "")
        for day, item in yeses:
            assert fmt.words(item) in both, (day, item)
