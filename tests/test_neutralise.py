"""Whatever a note or a name holds, what goes out is inert.

Text is cleaned when it comes in (journal entries, routine files) and again when it goes
out (``journal list``, CSV, JSON, the Markdown report, the app's screens). Each property
is tried with generated text: every control character, escape sequences, bidi and
zero-width characters, lone surrogates, spreadsheet formulas, Markdown, HTML and Rich
markup. Entries are built two ways: as footcare makes them now, and raw, as an entry
saved before the cleaning existed could be read (``__post_init__`` bypassed).
"""

from __future__ import annotations

import csv
import io
import json
import tomllib
import unicodedata
from datetime import timedelta
from hashlib import sha256
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Markdown, Static

from domainsupport import FRAGMENTS, NOW, Texts, hostile, make_entry, texts
from footcare.domain import export
from footcare.domain.export import CSV_COLUMNS, list_lines, to_csv, to_json, to_markdown
from footcare.domain.journal import Entry, Ratings, SessionFacts, entry_from_dict, entry_to_dict
from footcare.domain.report.sections import NOTE_CHARS, cut
from footcare.domain.routine import parse_routine
from footcare.domain.text import clean, markdown_inline
from footcare.ui.screens.ask import Ask
from footcare.ui.screens.entry_view import entry_text
from footcare.ui.screens.help import HelpScreen
from footcare.ui.widgets.history_table import cells
from footcare.ui.widgets.trends import changes_text, overview_text, trends_text
from ptyterm import QUICK_ROUTINE

SETTINGS = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
TODAY = NOW.date()


BIDI_AND_INVISIBLE = set(
    "\u061c\u180e\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def forbidden(text: str, allowed: str = "\n") -> set[str]:
    """Control characters (C0, DEL, C1), surrogates, bidi and invisible characters."""
    return {
        ch
        for ch in text
        if ch not in allowed
        and (
            unicodedata.category(ch) in ("Cc", "Cs")
            or ch in BIDI_AND_INVISIBLE
            or 0xE0000 <= ord(ch) <= 0xE007F
        )
    }


# --- clean --------------------------------------------------------------------------------


@SETTINGS
@given(hostile)
def test_clean_leaves_no_control_or_hidden_character(text: str) -> None:
    one_line = clean(text)
    assert not forbidden(one_line, allowed="")
    lines = clean(text, multiline=True)
    assert not forbidden(lines, allowed="\n\t")
    assert "\r" not in lines
    assert clean(one_line) == one_line and clean(lines, multiline=True) == lines
    one_line.encode("utf-8")  # no lone surrogate left: it can be written out


@SETTINGS
@given(st.text(max_size=30).filter(str.isprintable))
def test_clean_keeps_printable_text_as_it_is(text: str) -> None:
    assert clean(text) == text == clean(text, multiline=True)


@SETTINGS
@given(
    st.text(max_size=10).filter(str.isprintable),
    st.sampled_from(FRAGMENTS[:7]),  # whole sequences
    st.text(max_size=10).filter(str.isprintable),
)
def test_clean_takes_escape_sequences_out_whole(before: str, sequence: str, after: str) -> None:
    assert clean(before + sequence + after) == before + after


def test_line_breaks_become_newlines_or_spaces() -> None:
    text = "a\r\nb\rc\u2028d\x85e\vf\tg"
    assert clean(text, multiline=True) == "a\nb\nc\nd\ne\nf\tg"
    assert clean(text) == "a b c d e f g"
    # joiners that shape scripts and emoji stay; the soft hyphen stays
    assert clean("می\u200cخواهم 👩\u200d💻 co\u00adop") == "می\u200cخواهم 👩\u200d💻 co\u00adop"


# --- coming in: journal entries and routines ------------------------------------------------


@SETTINGS
@given(hostile, hostile, hostile, hostile, hostile)
def test_an_entry_holds_only_clean_text(
    note: str, sugar: str, routine: str, reason: str, lotion: str
) -> None:
    session = SessionFacts(routine, ("left",), 10, True, reason, lotion)
    entry = Entry(id="e1", at=NOW, note=note, blood_sugar=sugar, session=session)
    assert entry.note == clean(note, multiline=True)
    assert entry.blood_sugar == clean(sugar)
    assert entry.session is not None
    assert entry.session.routine == clean(routine)
    assert entry.session.stop_reason == clean(reason)
    assert entry.session.lotion == clean(lotion)
    assert entry.with_changes(note=note).note == entry.note
    # what is read back from a file is cleaned the same way, and stays as it is
    raw = entry_to_dict(entry) | {"note": note, "blood_sugar": sugar}
    again = entry_from_dict(raw)
    assert again == entry
    assert entry_from_dict(entry_to_dict(again)) == again


@SETTINGS
@given(hostile, hostile, hostile)
def test_a_routine_holds_only_clean_text(name: str, instructions: str, question: str) -> None:
    data = tomllib.loads(QUICK_ROUTINE)
    data["name"] = "Quick " + name
    data["steps"][0]["name"] = "Warm " + name
    data["steps"][0]["instructions"] = "Glide " + instructions
    data["precautions"] = [
        {"id": "knee", "tier": "remind", "question": "Sit? " + question, "advice": "Rest."}
    ]
    routine = parse_routine(data, "quick")
    assert routine.name == clean("Quick " + name)
    assert routine.steps[0].name == clean("Warm " + name)
    assert routine.steps[0].instructions == clean("Glide " + instructions, multiline=True)
    assert routine.precautions[-1].question == clean("Sit? " + question, multiline=True)
    assert not forbidden(routine.name, allowed="")


# --- going out: exports and list -------------------------------------------------------------


journals = st.tuples(st.lists(texts, min_size=1, max_size=3), st.booleans())


def harmless(t: Texts, raw: bool) -> Texts:
    """The same entry with plain words wherever the report would show something (alike where
    they read alike, case aside: a report says stops in the same words on one line)."""

    def word(value: str, kept: str) -> str:
        shown = cut(kept, NOTE_CHARS).casefold().encode("utf-8", "surrogatepass")
        return f"harmless {sha256(shown).hexdigest()[:16]}" if markdown_inline(value) else ""

    reason = t.reason if raw else clean(t.reason)  # as the entry keeps it
    return Texts(word(t.note, t.note), word(t.reason, reason), "standard", "", "")


@SETTINGS
@given(journals)
@example(([Texts(*['=HYPERLINK("http://x")\n- x'] * 5)], True))
def test_csv_parses_back_whole_and_runs_no_formula(journal: tuple[list[Texts], bool]) -> None:
    items, raw = journal
    entries = [make_entry(n, t, raw) for n, t in enumerate(items)]
    out = to_csv(entries)
    assert not forbidden(out, allowed="\n\t")
    rows = list(csv.reader(io.StringIO(out)))
    assert len(rows) == 1 + len(entries)
    assert all(len(row) == len(CSV_COLUMNS) for row in rows)
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(TRIGGERS) and not cell.lstrip().startswith(TRIGGERS), row
    by_id = {e.id: e for e in entries}
    for row in rows[1:]:
        cells_ = dict(zip(CSV_COLUMNS, row, strict=True))
        note = clean(by_id[cells_["id"]].note, multiline=True)
        assert cells_["note"] in (note, "'" + note)  # the words are all there
        assert cells_["before_pain"] == "6" and cells_["after_pain"] == "3"


def test_formula_cells_get_a_quote_and_numbers_stay_numbers() -> None:
    for cell in ("=1+1", "+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", "  =1", " \t@x"):
        assert export.csv_cell(cell) == "'" + cell
    for cell in ("1+1", "a=b", "", "note - fine", "'=1"):
        assert export.csv_cell(cell) == cell
    # ratings that start like a formula when written out stay numbers; such a note does not
    entry = make_entry(0, Texts("", "", "standard", "", ""), raw=False).with_changes(
        before=Ratings(pain=-2), after=Ratings(pain=-2.5), note="-2"
    )
    row = dict(zip(CSV_COLUMNS, list(csv.reader(io.StringIO(to_csv([entry]))))[1], strict=True))
    assert (row["before_pain"], row["after_pain"], row["note"]) == ("-2", "-2.5", "'-2")


MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
PLAIN_INLINE = {"text", "text_special", "softbreak"}


def structure(report: str) -> list[tuple[str, str, int]]:
    return [(t.type, t.tag, t.level) for t in MD.parse(report) if t.type != "inline"]


def unescaped(report: str, target: str) -> list[int]:
    """Where ``target`` starts with its first character not backslash-escaped."""
    found, start = [], 0
    while (i := report.find(target, start)) >= 0:
        slashes = len(report[:i]) - len(report[:i].rstrip("\\"))
        if slashes % 2 == 0:
            found.append(i)
        start = i + 1
    return found


@SETTINGS
@given(journals)
@example(([Texts("ok\n# Heading\n- 2026-11-24 (same day): x\n<script>", "", "", "", "")], True))
def test_the_report_keeps_its_structure_whatever_a_note_says(
    journal: tuple[list[Texts], bool],
) -> None:
    items, raw = journal
    since = TODAY - timedelta(days=29)
    report = to_markdown([make_entry(n, t, raw) for n, t in enumerate(items)], TODAY, since)
    plain = to_markdown(
        [make_entry(n, harmless(t, raw), raw) for n, t in enumerate(items)], TODAY, since
    )
    assert not forbidden(report)
    headings = [line for line in report.splitlines() if line.startswith("#")]
    assert headings == [line for line in plain.splitlines() if line.startswith("#")]
    assert structure(report) == structure(plain)
    kinds = {c.type for t in MD.parse(report) if t.type == "inline" for c in t.children or []}
    assert kinds <= PLAIN_INLINE, kinds  # no link, image, HTML, code or emphasis
    for target in ("<", "](", "![", "[", "`", "*", "_", "&", "$", "~"):
        assert not unescaped(report, target), target
    for t in items:
        if words := markdown_inline(t.note, inside=True):  # a note follows its date
            assert words in report


@SETTINGS
@given(journals)
def test_list_and_exports_write_no_control_character(journal: tuple[list[Texts], bool]) -> None:
    items, raw = journal
    entries = [make_entry(n, t, raw) for n, t in enumerate(items)]
    lines = list_lines(entries)
    assert len(lines) == len(entries)
    for line in lines:
        assert not forbidden(line, allowed="")
    out = to_json(entries)
    assert not forbidden(out)
    back = {e["id"]: e for e in json.loads(out)["entries"]}
    for entry in entries:
        assert back[entry.id].get("note", "") == clean(entry.note, multiline=True)


def test_json_escapes_c0_but_not_c1_itself() -> None:
    """Why to_json cleans its text: json escapes C0 controls, but writes DEL and C1 raw."""
    assert json.dumps("\x1b\x07", ensure_ascii=False) == '"\\u001b\\u0007"'
    assert json.dumps("\x9b\x7f\u202e", ensure_ascii=False) == '"\x9b\x7f\u202e"'
    entry = make_entry(0, Texts("a\x9b2Jb\u202ec\x1b]0;t\x07", "", "", "", ""), raw=True)
    out = to_json([entry])
    assert not forbidden(out)
    assert json.loads(out)["entries"][0]["note"] == "abc"


# --- going out: the screens ------------------------------------------------------------------


@SETTINGS
@given(journals)
def test_the_entry_view_history_and_trends_show_no_control_character(
    journal: tuple[list[Texts], bool],
) -> None:
    items, raw = journal
    entries = [make_entry(n, t, raw) for n, t in enumerate(items)]
    for entry in entries:
        shown = entry_text(entry, "112")
        assert isinstance(shown, Text) and not forbidden(shown.plain)
        if words := clean(entry.note, multiline=True).expandtabs(4).strip():
            assert words in shown.plain
        row = cells(entry)
        assert all(isinstance(cell, Text) for cell in row[1:])  # Text: never read as markup
        for cell in row:
            assert not forbidden(str(cell), allowed="")
    for shown in (overview_text(entries, TODAY), trends_text(entries, TODAY)):
        assert not forbidden(shown.plain)
    assert not forbidden(changes_text(entries).plain)


class Harness(App[None]):
    def __init__(self, screen: Any) -> None:
        super().__init__()
        self.first = screen

    def compose(self) -> ComposeResult:
        yield Static("under")

    def on_mount(self) -> None:
        self.push_screen(self.first)


async def test_a_dialog_shows_markup_and_escapes_as_plain_text() -> None:
    ask = Ask(
        "[bold red]Delete[/] [@click=app.quit]this[/]\x1b]0;owned\x07?",
        "The entry\x1b[2J “[b]x[/b]”\nsecond line\x9b2J",
        [("y", "[i]Yes[/i]\x07", "yes"), ("n", "No", "no")],
    )
    app = Harness(ask)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = [str(w.render()) for w in ask.query(Static)]
        assert shown[0] == "[bold red]Delete[/] [@click=app.quit]this[/]?"
        assert shown[1] == "The entry “[b]x[/b]”\nsecond line"
        assert shown[2] == "y [i]Yes[/i]   n No   Esc go back"
        for text in shown:
            assert not forbidden(text)
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is not ask


async def test_help_shows_key_names_as_typed() -> None:
    keys = [("`*x*`", "Run <b>[it](javascript:alert(1))</b>"), ("# h", "- item")]
    help_screen = HelpScreen("## Screen help", keys)
    app = Harness(help_screen)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        source = help_screen.query_one(Markdown).source
        structure_ = [t.type for t in MD.parse(source) if t.type != "inline"]
        assert structure_.count("list_item_open") == 2 + 1  # two keys, one general item
        kinds = {c.type for t in MD.parse(source) if t.type == "inline" for c in t.children or []}
        assert not kinds & {"link_open", "image", "html_inline", "code_inline"}
        assert "\\`\\*x\\*\\`" in source and "\\<b\\>\\[it\\]" in source


def test_problem_messages_and_drafts_never_carry_an_escape_sequence() -> None:
    from footcare.domain.draft import FormState
    from footcare.domain.problems import Collector
    from footcare.storage.errors import StorageError

    c = Collector()
    c.unknown_keys({"\x1b]0;owned\x07key": 1}, ["id"], "")
    c.add("steps[0]", "got '\x1b[2J'")
    for problem in c.problems:
        assert "\x1b" not in problem.render() and "\x07" not in problem.render()
    error = StorageError("/tmp/\x1b]52;c;eA==\x07x.toml", "bad \x9b31m value")
    assert "\x1b" not in str(error) and "\x9b" not in str(error)
    state = FormState.from_dict({"note": "a\x1b[31mred\x07 note", "sugar": "\x1b]0;t\x07"})
    assert state.note == "ared note" and state.sugar == ""
