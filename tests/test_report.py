"""The clinician's reports and the complete exports.

The printable HTML page (self-contained, warning signs first, SVG charts, two A4 pages for
three months, inert whatever a note says), the Markdown report in the same order, a CSV
that carries every field the JSON has, and the "is it helping?" figures.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from hashlib import sha256
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from domainsupport import Texts, hostile, make_entry, texts
from footcare.domain.export import CSV_COLUMNS, csv_cell, to_csv, to_json, to_markdown
from footcare.domain.journal import (
    FINDINGS,
    SYMPTOMS,
    WEEKLY_CHANGE,
    Entry,
    Ratings,
    SessionFacts,
    finding_words,
    tenths,
)
from footcare.domain.report.facts import visible
from footcare.domain.report.owner import Owner, owner_from_config
from footcare.domain.report.page import text, to_html
from footcare.domain.report.sections import NOTE_CHARS, cut
from footcare.domain.safety import BlockAnswer
from footcare.domain.screening import PROFESSIONAL_CHECK_ITEM, Clearance
from footcare.domain.signs import WarningSign
from footcare.domain.stops import StopCause
from footcare.domain.text import clean
from footcare.domain.trends import (
    HELPING_CAVEAT,
    HELPING_MIN_SESSIONS,
    NOT_ENOUGH,
    around_text,
    is_it_helping,
    median,
    months_text,
    short,
)
from footcare.domain.wording import cause_named
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
from footcare.storage.safety import SafetyStore
from midnight import clear_of_midnight
from printing import CHROMIUM, pdf_pages, print_to_pdf
from reportdata import DAYS, START, TODAY, crowded, ninety_days

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
NOW = datetime.combine(TODAY, datetime.min.time()).replace(hour=9)

# --- entries with every field -------------------------------------------------------------

ratings = st.builds(Ratings, *[st.none() | st.integers(0, 10) for _ in SYMPTOMS])
words = st.text(st.characters(min_codepoint=32, max_codepoint=0x2FFF), max_size=30)
sessions = st.builds(
    SessionFacts,
    routine=words,
    feet=st.sampled_from([("left",), ("right",), ("left", "right"), ("right", "left")]),
    minutes_per_foot=st.sampled_from([0.5, 4.0, 10.0, 10.5, 12.5, 15.0]),
    stopped_early=st.booleans(),
    stop_reason=words,
    lotion=words,
    stop_cause=st.sampled_from(["", *(c.value for c in StopCause)]),
    massage_seconds=st.dictionaries(st.sampled_from(["left", "right"]), st.integers(0, 3600)),
)
findings = st.dictionaries(
    st.sampled_from(sorted(FINDINGS)), st.sampled_from(["left", "right", "both", "yes"])
)
entries = st.builds(
    Entry,
    id=st.from_regex(r"[a-z0-9]{1,12}", fullmatch=True),
    at=st.datetimes(datetime(2025, 1, 1), datetime(2026, 11, 24)).map(
        lambda d: d.replace(microsecond=0)
    ),
    before=ratings,
    after=ratings,
    sleep=st.none() | st.integers(0, 10),
    findings=findings,
    session=st.none() | sessions,
    weekly_change=st.none() | st.integers(0, 6),
    footwear=st.none() | st.booleans(),
    exercise_minutes=st.none() | st.integers(0, 1440),
    blood_sugar=words,
    next_follow_up=st.none() | st.dates(date(2025, 1, 1), date(2027, 12, 31)),
    note=words,
)


def leaves(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every field of a JSON entry as (dotted path, value)."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from leaves(inner, f"{path}.{key}" if path else key)
    else:
        yield path, value


def csv_cell_for(row: dict[str, str], path: str, value: Any) -> None:
    """Assert that the CSV row shows the JSON field ``path`` = ``value``."""
    head, _, rest = path.partition(".")
    if head == "at":
        assert row["date"] == value[:10] and row["time"] == value[11:16]
        return
    if rest.startswith("massage_seconds."):  # seconds kept, minutes shown (never rounded up)
        foot = rest.rpartition(".")[2]
        assert row[f"massage_minutes_{foot}"] == f"{tenths(value):g}", path
        return
    if head == "findings":
        assert finding_words(rest, value) in row["foot_check"].split("; ")
        return
    column = path.replace(".", "_") if head in ("before", "after") else path.split(".")[-1]
    assert column in row, f"the CSV has no column for {path}"
    cell = row[column]
    if head == "weekly_change":
        assert cell == WEEKLY_CHANGE[value]
    elif isinstance(value, bool):
        assert cell == ("yes" if value else "no"), path
    elif isinstance(value, list):
        assert cell == " ".join(value), path
    elif isinstance(value, float):
        assert float(cell) == value, path
    else:  # a text that looks like a formula gets a leading quote (csv_cell)
        assert cell == (csv_cell(value) if isinstance(value, str) else str(value)), path


@SETTINGS
@given(st.lists(entries, min_size=1, max_size=4, unique_by=lambda e: e.id))
def test_every_field_of_the_json_export_is_in_the_csv(items: list[Entry]) -> None:
    data = json.loads(to_json(items))["entries"]
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(to_csv(items)))}
    assert list(next(csv.reader(io.StringIO(to_csv(items))))) == CSV_COLUMNS
    assert len(rows) == len(data)
    for entry in data:
        for path, value in leaves(entry):
            csv_cell_for(rows[entry["id"]], path, value)


def test_an_entry_with_every_field_leaves_no_csv_column_empty() -> None:
    entry = Entry(
        id="full",
        at=NOW,
        before=Ratings(6, 4, 2, 5),
        after=Ratings(5, 3, 1, 3),
        sleep=4,
        findings={"redness": "left"},
        session=SessionFacts(
            "gentle",
            ("left", "right"),
            10.5,
            True,
            "cramp",
            "cream",
            StopCause.PAIN.value,
            {"left": 630, "right": 25},
        ),
        weekly_change=2,
        footwear=False,
        exercise_minutes=20,
        blood_sugar="6.1 mmol/L",
        next_follow_up=date(2026, 12, 10),
        note="a note",
    )
    row = next(csv.DictReader(io.StringIO(to_csv([entry]))))
    assert all(row[c] != "" for c in CSV_COLUMNS), [c for c in CSV_COLUMNS if row[c] == ""]
    assert (row["footwear"], row["stop_cause"], row["next_follow_up"]) == (
        "no",
        "pain",
        "2026-12-10",
    )


def test_the_csv_is_utf8_and_the_bom_is_an_option() -> None:
    entry = Entry(id="e", at=NOW, note="crème, 5 µg — ok", blood_sugar="6,1 mmol/L")
    plain, marked = to_csv([entry]), to_csv([entry], bom=True)
    assert not plain.startswith("\ufeff") and marked == "\ufeff" + plain
    rows = list(csv.DictReader(io.StringIO(marked.encode("utf-8").decode("utf-8-sig"))))
    assert rows[0]["id"] == "e" and rows[0]["note"] == "crème, 5 µg — ok"


def test_the_readme_documents_every_csv_column() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("#### Reports and CSV columns", 1)[1].split("\n#", 1)[0]
    documented = re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE)
    expected = [c for c in CSV_COLUMNS if not c.startswith(("before_", "after_"))]
    assert [c for c in documented if "before" not in c and "after" not in c] == expected
    assert "before_numbness" in section and "after_pain" in section


# --- "is it helping?" -----------------------------------------------------------------------


def session_on(day: date, before: int, after: int, sleep: int | None = None) -> Entry:
    return Entry(
        id=f"s{day.isoformat()}",
        at=datetime.combine(day, datetime.min.time()).replace(hour=18),
        before=Ratings(pain=before),
        after=Ratings(pain=after),
        sleep=sleep,
        session=SessionFacts("standard", ("left", "right"), 12.5),
    )


def test_median_of_odd_and_even_counts() -> None:
    assert median([]) is None
    assert median([3, -1, 2]) == 2
    assert median([-2, -1, 0, 5]) == -0.5


@pytest.mark.parametrize(
    ("value", "text"), [(2.3333, "2.3"), (7.0, "7"), (-0.04, "0"), (4.55, "4.5"), (4.56, "4.6")]
)
def test_figures_are_rounded_to_one_decimal_at_most(value: float, text: str) -> None:
    assert short(value) == text


def test_below_the_minimum_it_says_not_enough_data_yet() -> None:
    few = [session_on(TODAY - timedelta(days=d), 6, 4) for d in range(HELPING_MIN_SESSIONS - 1)]
    pain = next(h for h in is_it_helping(few, START, TODAY) if h.name == "pain")
    assert pain.around is not None and pain.around.median is None
    assert pain.around.sessions == HELPING_MIN_SESSIONS - 1
    assert around_text(pain.around).startswith(NOT_ENOUGH)
    assert f"{HELPING_MIN_SESSIONS - 1} of {HELPING_MIN_SESSIONS} sessions" in around_text(
        pain.around
    )
    assert months_text(pain.months).startswith(NOT_ENOUGH)


def test_median_change_around_sessions_and_first_month_against_last() -> None:
    days = [START + timedelta(days=d) for d in range(0, DAYS, 2)]  # every other day
    history = [
        session_on(day, 7 if day < START + timedelta(days=30) else 4, 5, sleep=3) for day in days
    ]
    helping = {h.name: h for h in is_it_helping(history, START, TODAY)}
    pain = helping["pain"]
    assert pain.around is not None and pain.around.sessions == len(days)
    # 15 sessions at 7 → 5 (−2), 30 at 4 → 5 (+1): the median is +1
    assert pain.around.median == 1
    assert around_text(pain.around) == f"+1, higher after (median of {len(days)} sessions)"
    assert pain.months.first == 7 and pain.months.last == 4
    assert months_text(pain.months) == "7 → 4 (−3, lower; 15 and 15 rated days)"
    assert helping["sleep"].around is None
    assert months_text(helping["sleep"].months) == "3 → 3 (0, no change; 15 and 15 rated days)"
    assert helping["numbness"].around is not None and helping["numbness"].around.sessions == 0


def test_two_months_are_needed_before_months_are_compared() -> None:
    history = [session_on(TODAY - timedelta(days=d), 5, 4) for d in range(59)]
    pain = next(h for h in is_it_helping(history, START, TODAY) if h.name == "pain")
    assert pain.months.change is None
    assert months_text(pain.months) == f"{NOT_ENOUGH} (59 of 60 days)"
    longer = [*history, session_on(TODAY - timedelta(days=59), 5, 4)]
    pain = next(h for h in is_it_helping(longer, START, TODAY) if h.name == "pain")
    assert pain.months.change == 0


def test_the_wording_claims_no_cause() -> None:
    entries, _ = ninety_days()
    texts = [HELPING_CAVEAT]
    for h in is_it_helping(entries, START, TODAY):
        texts += [around_text(h.around), months_text(h.months)]
    joined = " ".join(texts).lower()
    assert "not what caused it" in joined
    for claim in ("massage helps", "because of", "improves", "works", "effective", "cure"):
        assert claim not in joined


# --- the Markdown report --------------------------------------------------------------------


def sample(render: Callable[..., str]) -> str:
    """The ninety days' report, as ``render`` (to_markdown or to_html) makes it."""
    entries, record = ninety_days()
    owner = Owner("Alex Example", date(1951, 4, 30))
    return render(entries, TODAY, START, record=record, owner=owner)


def test_markdown_report_order_and_header() -> None:
    text = sample(to_markdown)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Warning signs and blocked days",
        "## Is it helping? What changed in these ratings",
        "## Ratings over the period",
        "## Before and after each session",
        "## Sessions",
        "## Daily care",
        "## Notes",
    ]
    assert "Name: Alex Example. Date of birth: 1951-04-30." in text
    assert "Period: 2026-08-27 to 2026-11-24 (90 days)" in text


def test_markdown_report_takes_warning_signs_and_blocked_days_from_the_record() -> None:
    text = sample(to_markdown)
    safety = text.split("## Warning signs and blocked days", 1)[1].split("\n## ", 1)[0]
    # the entry of 2026-10-16 was deleted: its sign stays, with what happened since
    assert (
        "| 2026-10-16 | warmth, or one foot hotter than the other (left foot) | same day | "
        "checked by a professional on 2026-10-19; its journal entry was deleted" in safety
    )
    assert "| 2026-11-21 | redness (right foot) | same day | no check recorded yet" in safety
    assert "| 2026-11-10 | swelling (both feet) | soon |" in safety
    # each day with a yes had a session all the same: none is a day without massage
    assert "No day was kept free of massage by a safety question." in safety
    assert "all the same (the yes taken back, or said after that session) (3): " in safety
    assert "2026-09-27, 2026-09-28, 2026-11-22. Answered yes: Wound, sore or blister " in safety
    assert "(2 days); Signs of infection (1 day)." in safety  # on days with a session too


def test_markdown_report_carries_every_kind_of_field() -> None:
    text = sample(to_markdown)
    for expected in (
        "| Numbness | 6.0 | 5.0 | −1.1 |",  # before and after averages
        "| Sleep interference | 3.3 | ",
        "- Weekly overall change: latest 2026-11-22: ",
        "- Supportive footwear: worn on ",
        "- Gentle exercise: ",
        " mmol/L",
        "- Next medical follow-up: 2026-12-15 (noted 2026-10-26)",
        "- Lotion or oil: unscented cream ",
        "urea 10% cream",
        "- Sessions stopped early: ",
        "earlier notes in the full export (CSV or JSON).",  # the latest notes are listed
        f"stopped early ({cause_named(StopCause.OTHER)}): the arch cramped",  # every stop
        "| Pain | −1, lower after (median of ",
    ):
        assert expected in text, expected


def test_markdown_report_without_sessions_has_no_table_of_dashes() -> None:
    alone = [
        Entry(id=f"r{d}", at=NOW - timedelta(days=d), before=Ratings(pain=4), sleep=3)
        for d in range(5)
    ]
    text = to_markdown(alone, TODAY)
    assert "| average before |" not in text
    assert "| – | – |" not in text
    assert "No session in this period was rated before or after." in text
    assert "- Days with a session: 0 of 5 (goal: daily)" in text
    assert "Name: not given." in text


def test_a_stop_cause_shows_in_words_and_an_unknown_one_as_not_recorded() -> None:
    stopped = [
        Entry(
            id=f"s{i}",
            at=NOW - timedelta(hours=i),
            session=SessionFacts("short", ("left",), 3.0, True, "", "", cause),
        )
        for i, cause in enumerate(["pain", "new-mark", ""])
    ]
    text = to_markdown(stopped, TODAY)
    words = cause_named(StopCause.NEW_MARK)
    assert "Sessions stopped early: 3 (" in text
    assert "it hurts 1" in text and f"{words} 1" in text and "cause not recorded 1" in text


# --- the HTML report ------------------------------------------------------------------------


class Structure(HTMLParser):
    """Every tag with its attributes, comment, declaration and processing instruction."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[tuple[str, ...]] = []
        self.data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.items.append(("start", tag, *(f"{k}={v}" for k, v in attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.items.append(("empty", tag, *(f"{k}={v}" for k, v in attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.items.append(("end", tag))

    def handle_comment(self, data: str) -> None:
        self.items.append(("comment", data))

    def handle_decl(self, decl: str) -> None:
        self.items.append(("decl", decl))

    def handle_pi(self, data: str) -> None:
        self.items.append(("pi", data))

    def unknown_decl(self, data: str) -> None:
        self.items.append(("unknown", data))

    def handle_data(self, data: str) -> None:
        self.data.append(data)


def parsed(page: str) -> Structure:
    parser = Structure()
    parser.feed(page)
    parser.close()
    return parser


def structure(page: str) -> list[tuple[str, ...]]:
    return parsed(page).items


def tags(page: str) -> list[str]:
    return [item[1] for item in structure(page) if item[0] in ("start", "empty")]


def test_html_report_requests_nothing_from_outside() -> None:
    page = sample(to_html)
    lowered = page.lower()
    for outside in ("http:", "https:", "//", "url(", "@import", "javascript:", "data:"):
        assert outside not in lowered, outside
    assert not {"link", "script", "img", "iframe", "object", "embed", "image", "use", "a"} & set(
        tags(page)
    )
    for item in structure(page):
        for attribute in item[2:]:
            name = attribute.split("=", 1)[0]
            assert name not in ("src", "href", "xlink:href", "srcset", "action", "background")
            assert not name.startswith("on"), attribute
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_html_report_has_warning_signs_first_then_charts() -> None:
    page = sample(to_html)
    assert tags(page).count("svg") >= 2
    safety = page.index('<section id="safety">')
    assert safety < page.index("<svg") and safety < page.index('<section id="helping">')
    assert page.index("<header>") < safety
    assert not re.search(r"<section", page[: page.index('<section id="safety">')])
    signs = page[safety : page.index("</section>", safety)]
    assert "redness (right foot)" in signs and "sessions blocked" in signs
    assert "its journal entry was deleted" in signs  # the sign of a deleted entry stays
    assert "2026-09-27, 2026-09-28, 2026-11-22" in signs
    assert "No day was kept free of massage by a safety question." in signs
    assert "Answered yes: Wound, sore or blister (2 days)" in signs
    order = [
        page.index(f'<section id="{name}"')
        for name in ("safety", "helping", "ratings", "around", "sessions", "care", "notes")
    ]
    assert order == sorted(order)


def test_html_report_header_says_whose_report() -> None:
    page = sample(to_html)
    header = page[page.index("<header>") : page.index("</header>")]
    assert "Alex Example" in header and "1951-04-30" in header
    assert "2026-08-27 to 2026-11-24 (90 days)" in header
    unnamed = to_html([], TODAY, START)
    assert '<span class="blank"></span>' in unnamed  # a line to write the name on


def test_html_report_daily_care_and_adherence() -> None:
    page = sample(to_html)
    for expected in (
        "<b>Days with a session:</b> 71 of 90",
        "<b>Supportive footwear:</b> worn on",
        "<b>Gentle exercise:</b>",
        "<b>Blood sugar:</b> noted on",
        "<b>Next medical follow-up:</b> 2026-12-15",
        "<b>Weekly overall change:</b> latest 2026-11-22",
        "goal: daily (7)",
        "Is it helping?",
        "not what caused it",
    ):
        assert expected in page, expected


def harmless(said: Texts) -> Texts:
    """The same entry with plain words wherever the page would show something (alike where
    they read alike, case aside: a report says stops in the same words on one line)."""

    def word(value: str, kept: str = "") -> str:
        shown = cut(kept or value, NOTE_CHARS).casefold().encode("utf-8", "surrogatepass")
        return f"harmless {sha256(shown).hexdigest()[:16]}" if visible(value) else ""

    plain = Texts(*(word(v) for v in dataclasses.astuple(said)))
    return dataclasses.replace(plain, reason=word(said.reason, clean(said.reason)))  # as kept


@SETTINGS
@given(st.lists(texts, min_size=1, max_size=3), hostile)
@example([Texts(*["<script>alert(1)</script>\n\"'><img src=x onerror=y>"] * 5)], "<b>x</b>")
def test_whatever_a_note_says_the_page_has_the_same_tags(items: list[Texts], name: str) -> None:
    def page_of(items: list[Texts], owner: Owner) -> str:
        entries = [make_entry(n, t, stopped=n % 2 == 0) for n, t in enumerate(items)]
        return to_html(entries, TODAY, TODAY - timedelta(days=29), owner=owner)

    owner, _ = owner_from_config({"name": name}, TODAY)
    page = page_of(items, owner)
    plain = page_of([harmless(t) for t in items], Owner("harmless" if owner.name else ""))
    assert structure(page) == structure(plain)
    assert "script" not in tags(page)
    shown = "".join(parsed(page).data)
    for said in items:  # the words are all there, as words
        if visible(said.note):
            assert unescape(text(said.note, NOTE_CHARS)) in shown


# --- whose report: config.toml's name and date_of_birth ---------------------------------------


def test_owner_from_config() -> None:
    owner, problems = owner_from_config(
        {"name": " Alex\tExample\x1b[2J ", "date_of_birth": date(1951, 4, 30)}, TODAY
    )
    assert owner == Owner("Alex Example", date(1951, 4, 30)) and problems == []
    assert owner_from_config({"date_of_birth": "1951-04-30"}, TODAY)[0].born == date(1951, 4, 30)
    assert owner_from_config({}, TODAY) == (Owner(), [])
    for bad in ({"name": 3}, {"date_of_birth": "last spring"}, {"date_of_birth": date(2099, 1, 1)}):
        owner, problems = owner_from_config(bad, TODAY)
        assert owner == Owner() and len(problems) == 1, bad
    owner, problems = owner_from_config({"name": "x" * 200}, TODAY)
    assert len(owner.name) == 80 and "shortened" in problems[0]


def store_shifted(tmp: Path, to: date, config: str) -> tuple[Paths, list[Entry]]:
    """Folders in ``tmp`` with the ninety days, moved so that they end on ``to``, written as
    footcare writes them, and ``config`` as config.toml: the folders and the entries."""
    paths = Paths(config=tmp / "config", data=tmp / "data")
    shift = to - TODAY
    entries, record = ninety_days()
    moved = [e.with_changes(at=e.at + shift) for e in entries]
    store = JournalStore(paths)
    for entry in moved:
        store.add(entry)
    events: list[Any] = []
    # each kind of event with the name of its date
    dated = {WarningSign: "at", Clearance: "on", BlockAnswer: "day"}
    for event in record.events:
        if isinstance(event, Clearance):
            assert event.recorded is not None and event.item_id == PROFESSIONAL_CHECK_ITEM
        when = dated[type(event)]
        moved_on = {when: getattr(event, when) + shift, "recorded": event.recorded + shift}
        events.append(dataclasses.replace(event, **moved_on))
    SafetyStore(paths).append(events)
    paths.config.mkdir(parents=True)
    paths.config_file.write_text(config)
    return paths, moved


def test_the_app_export_writes_the_printable_report_too(tmp_path: Path) -> None:
    from footcare.services.report import write_all

    config = 'name = "Alex Example"\ndate_of_birth = "someday"\n'
    paths, entries = store_shifted(tmp_path, TODAY, config)
    written = write_all(paths, JournalStore(paths).load().entries, TODAY)
    page = written.html.read_text(encoding="utf-8")
    assert written.html.name == "footcare-report-2026-11-24.html"
    assert "Alex Example" in page and "2026-08-27 to 2026-11-24 (90 days)" in page
    assert "its journal entry was deleted" in page  # from the safety record
    # the same period in both reports, and each says it
    assert "2026-08-27 to 2026-11-24 (90 days)" in written.markdown.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(written.csv.read_text(encoding="utf-8"))))
    assert len(rows) == len([e for e in entries if not e.deleted])
    assert len(written.warnings) == 1
    assert str(paths.config_file) in written.warnings[0] and "date_of_birth" in written.warnings[0]


# --- on the command line --------------------------------------------------------------------


def run(paths: Paths, *args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("FOOTCARE_")}
    environ |= {"FOOTCARE_CONFIG_DIR": str(paths.config), "FOOTCARE_DATA_DIR": str(paths.data)}
    return subprocess.run(
        [sys.executable, "-m", "footcare", *args],
        capture_output=True,
        env=environ | env,
        timeout=60,
    )


def test_cli_html_export_csv_bom_and_utf8(tmp_path: Path) -> None:
    today = clear_of_midnight()
    config = 'name = "Zoë <Example>"\ndate_of_birth = 1951-04-30\n'
    paths, _ = store_shifted(tmp_path, today, config)
    done = run(paths, "journal", "export", "--format", "html", PYTHONIOENCODING="ascii")
    assert done.returncode == 0, done.stderr
    page = done.stdout.decode("utf-8")  # UTF-8 whatever the terminal's encoding
    assert page.startswith("<!DOCTYPE html>") and "Zoë &lt;Example&gt;" in page
    start = today - timedelta(days=DAYS - 1)
    assert f"{start.isoformat()} to {today.isoformat()} (90 days)" in page
    assert page.index('id="safety"') < page.index("<svg")
    since = run(
        paths, "journal", "export", "--format", "html", "--since", str(today - timedelta(days=13))
    )
    assert "(14 days)" in since.stdout.decode("utf-8")
    table = run(paths, "journal", "export", "--format", "csv", PYTHONIOENCODING="latin-1")
    marked = run(paths, "journal", "export", "--format", "csv", "--bom")
    assert not table.stdout.startswith(b"\xef\xbb\xbf")
    assert marked.stdout == b"\xef\xbb\xbf" + table.stdout
    assert "urea 10% cream" in table.stdout.decode("utf-8")
    paths.config_file.write_text("date_of_birth = 1951-13-01\n")  # not TOML: a month 13
    broken = run(paths, "journal", "export", "--format", "html")
    assert broken.returncode == 0 and b"Traceback" not in broken.stderr
    assert str(paths.config_file).encode() in broken.stderr


# --- printed: at most two A4 pages, in Chromium -----------------------------------------------


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (apt-get install chromium)")
@pytest.mark.parametrize("journal", ["ninety-days", "crowded"])
def test_three_months_print_on_at_most_two_a4_pages(tmp_path: Path, journal: str) -> None:
    if journal == "ninety-days":  # as a person would: the command, then the browser
        config = 'name = "Alex Example"\ndate_of_birth = 1951-04-30\n'
        paths, _ = store_shifted(tmp_path, date.today(), config)
        done = run(paths, "journal", "export", "--format", "html")
        assert done.returncode == 0, done.stderr
        html = done.stdout
    else:  # every list in the report as full as it gets
        entries, record = crowded()
        owner = Owner("A" * 80, date(1951, 4, 30))
        html = to_html(entries, TODAY, START, record=record, owner=owner).encode("utf-8")
    page = tmp_path / "report.html"
    page.write_bytes(html)
    pdf = tmp_path / "report.pdf"
    print_to_pdf(page, pdf, tmp_path / "profile")
    assert 1 <= pdf_pages(pdf) <= 2


def test_an_unreadable_safety_record_is_said_in_both_reports() -> None:
    problem = "safety.toml: events[2].seal: does not match"
    entries, _ = ninety_days()
    page = to_html(entries, TODAY, START, record_problems=(problem,))
    text = to_markdown(entries, TODAY, START, record_problems=(problem,))
    safety = page[page.index('<section id="safety">') : page.index('<section id="helping">')]
    assert "The safety record could not be read:" in safety and "events[2].seal" in safety
    assert "\n\nThe safety record could not be read: safety.toml: events\\[2\\].seal" in text


def test_signs_beyond_the_table_are_counted_and_none_of_them_waits_for_a_check() -> None:
    """Thirty signs, those up to 2026-10-23 checked by a professional: every sign still
    waiting and the ten latest others are listed (alike ones on one row), the rest counted."""
    entries, record = crowded()
    check = datetime(2026, 10, 24)
    record = record.with_event(Clearance(PROFESSIONAL_CHECK_ITEM, True, check.date(), check))
    page = to_html(entries, TODAY, START, record=record)
    text_ = to_markdown(entries, TODAY, START, record=record)
    for report in (page, text_):
        assert (
            "And 12 earlier warning signs, from 2026-08-27 to 2026-09-29, none of them urgent "
            "or waiting for a check." in report
        )
    waiting: dict[str, list[str]] = {}
    for sign in record.signs:
        if sign.blocks_sessions and sign.day > check.date():
            waiting.setdefault(sign.what, []).append(sign.day.isoformat())
    assert sum(len(days) for days in waiting.values()) == 8
    for what, days in waiting.items():  # signs alike in every word: one row, each day
        assert f'<td class="d">{", ".join(days)}</td><td>{text(what)}</td>' in page
        assert f"| {', '.join(days)} | {what} | same day | no check recorded yet" in text_
