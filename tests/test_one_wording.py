"""One wording: for every stop cause and every warning sign, what the app shows, what
`session --plain` prints and what is spoken are the same advice, at the same moment.

The app is read from its rendered screen (the painted cells, not the widgets), the plain
client is run on a scripted stdin, and speech is what the cue engine sends to be said (the
browser's way, so no speech program is needed). Each client picks the stop cause by the
words it shows, as a person would: a client whose words and causes disagree records the
wrong cause and fails.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apphelpers import NOW, FakeClock, answer_all_clear, make_app, make_paths, pressed
from apphelpers import record_all_clearances as record_go_aheads
from footcare.domain.journal import FINDINGS, SIDED_FINDINGS, Entry
from footcare.domain.redflags import entry_flags
from footcare.domain.signs import Urgency, WarningSign, urgency_of
from footcare.domain.stops import CHOOSABLE, StopCause, findings_for
from footcare.domain.wording import (
    COMPLETE,
    NO_MASSAGE,
    STAYS_BLOCKED,
    URGENCY_HEADINGS,
    cause_label,
    ending_lines,
    finished_heading,
    mid_sentence,
    whom_to_contact,
)
from footcare.plain import REFUSED
from footcare.services.build import read_footcare
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
from footcare.storage.safety import SafetyStore
from footcare.ui.screens.end import EndScreen
from footcare.ui.screens.session import SessionScreen
from plainscript import block_questions, normal, run_plain, screen_words

EMERGENCY = "112"
SIGNS = [(f, "left" if f in SIDED_FINDINGS else "yes") for f in FINDINGS]
"""Every warning sign a journal entry can record, on one side where it has sides."""
BLOCKING = [s for s in SIGNS if urgency_of(*s) is not Urgency.SOON]

MUST_SAY: dict[StopCause, tuple[str, ...]] = {
    StopCause.PAIN: ("Rest the foot", "doctor, nurse or podiatrist"),
    StopCause.NEW_MARK: ("Don't massage that foot again", "doctor, nurse or podiatrist"),
    StopCause.SWELLING: ("doctor, nurse or podiatrist today",),
    StopCause.CHEST: (f"Call {EMERGENCY} now",),
    StopCause.UNWELL: ("Stay sitting", "don't stand up yet"),
    StopCause.OTHER: ("Say what happened", "doctor, nurse or podiatrist"),
}
"""Advice each stop must carry whatever the wording: written here by hand, so a wording
that lost it fails too."""
EVERY_END = "put socks on before you stand up"


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    paths = make_paths(tmp_path)
    with paths.config_file.open("a", encoding="utf-8") as f:
        f.write(f'emergency_number = "{EMERGENCY}"\n')
    record_go_aheads(paths, on=NOW.date() - timedelta(days=30))
    return paths


def sign_entry(finding: str, side: str) -> Entry:
    return Entry(id=f"sign-{finding}", at=NOW, findings={finding: side}, note="")


def log_from_another_terminal(paths: Paths, clock: FakeClock, finding: str, side: str) -> None:
    other = read_footcare(paths, clock=clock, now=lambda: NOW)
    other.journal_use.save(sign_entry(finding, side))


# --- the plain client on a scripted stdin ---------------------------------------------------
def up_to_the_session() -> list[str]:
    """Before ratings skipped, every question of the day answered safely, reminders read."""
    return ["", "", "", "", *["n"] * block_questions(), ""]


def menu_number(text: str, label: str) -> str:
    """The number the plain client's menu shows beside ``label``."""
    found = re.search(rf"^\s*(\d+)\. {re.escape(label)}$", text, re.MULTILINE)
    assert found, f"{label!r} is not in the plain client's menu:\n{text}"
    return found.group(1)


# --- the app, read from its screen ---------------------------------------------------------
def paths_beside(paths: Paths, tmp_path: Path) -> Paths:
    """Folders for the app beside the plain client's: the same settings and go-aheads."""
    app_paths = make_paths(tmp_path / "app")
    app_paths.config_file.write_text(paths.config_file.read_text(encoding="utf-8"))
    record_go_aheads(app_paths, on=NOW.date() - timedelta(days=30))
    return app_paths


async def app_to_the_session(pilot: object) -> None:
    await pilot.press("c")  # type: ignore[attr-defined]
    await answer_all_clear(pilot)  # type: ignore[arg-type]
    await pilot.press("b")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


def app_number(words: str, label: str) -> str:
    found = re.search(rf"(\d+)\. {re.escape(label)}", words)
    assert found, f"{label!r} is not in the app's list: {words}"
    return found.group(1)


# --- the comparison -----------------------------------------------------------------------
def assert_same_advice(
    expected: tuple[str, ...], shown: str, printed: str, spoken: str, must: tuple[str, ...]
) -> None:
    for client, text in (("the app", shown), ("--plain", printed), ("speech", spoken)):
        for line in expected:
            assert normal(line) in text, f"{client} does not say {line!r}: {text}"
        for words in must:
            assert words.lower() in text.lower(), f"{client} leaves out {words!r}: {text}"
        assert_written_as_sentences(client, said_at_the_stop(text))


# --- written as a sentence is written ----------------------------------------------------
def said_at_the_stop(text: str) -> str:
    """From "Session stopped" to the line said before standing up: the words at the stop."""
    start = text.index("Session stopped")
    return text[start : text.index(EVERY_END, start) + len(EVERY_END)]


def assert_written_as_sentences(client: str, text: str) -> None:
    """No "i" on its own in lower case, and every sentence begins with a capital."""
    assert not re.search(r"\bi\b", text), f"{client} writes a lower-case 'i': {text}"
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        first = re.search(r"[^\W\d_]", sentence)
        assert first is None or not first.group(0).islower(), (
            f"{client} begins a sentence in lower case: {sentence!r} in {text}"
        )


@pytest.mark.parametrize("cause", list(StopCause), ids=[c.value for c in StopCause])
def test_every_stop_cause_is_written_as_sentences(cause: StopCause) -> None:
    signs = [WarningSign(f, side, NOW, NOW, "sign") for f, side in SIGNS]
    for sign in [None, *signs] if cause is StopCause.WARNING_SIGN else [None]:
        for line in ending_lines(cause, EMERGENCY, sign):
            assert_written_as_sentences(cause.value, line)


@given(st.from_regex(r"\A(?:I|I'm|I've|It|A|Sudden|My)(?: [a-z]{2,9},?){0,5}\Z"))
def test_words_inside_a_sentence_keep_the_capital_i_and_lower_the_rest(words: str) -> None:
    inside = mid_sentence(words)
    first = words.split(" ")[0]
    keeps = first == "I" or first.startswith("I'")
    assert inside == (words if keeps else first.lower() + words[len(first) :])
    assert_written_as_sentences("the heading", f"Session stopped: {inside}.")


@pytest.mark.parametrize("cause", CHOOSABLE, ids=[c.value for c in CHOOSABLE])
async def test_every_stop_cause_gets_the_same_advice_in_the_app_plain_and_speech(
    paths: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cause: StopCause
) -> None:
    label = cause_label(cause)
    # the app: x, then the option whose words are the label
    app_paths = paths_beside(paths, tmp_path)
    app = make_app(app_paths, FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await app_to_the_session(pilot)
        assert isinstance(app.screen, SessionScreen)
        await pressed(pilot, "x")
        await pressed(pilot, app_number(screen_words(app), label))
        assert isinstance(app.screen, EndScreen)
        shown = screen_words(app)
        await pressed(pilot, "s")  # the after ratings, none given: saved
        noticed = screen_words(app)  # the warning signs the stop recorded, if any
    app_entry = JournalStore(app_paths).load().entries[0]
    assert app_entry.session is not None and app_entry.session.stop_cause == cause.value

    # --plain: x, then the number its own menu shows beside the same words
    keys = [*up_to_the_session(), "x", "@choose", "", "", "", "", ""]
    choose = {"@choose": lambda printed: menu_number(printed, label)}
    run = run_plain(paths, monkeypatch, keys, answers=choose)
    entry = JournalStore(paths).load().entries[0]
    assert entry.session is not None and entry.session.stop_cause == cause.value, (
        f"choosing {label!r} in --plain recorded {entry.session and entry.session.stop_cause}"
    )
    assert entry.findings == findings_for(cause)
    # the advice is printed the moment the session stops, before the after ratings
    printed = normal(run.text.split("How do your feet feel now?")[0].split("Stopping.")[-1])
    spoken = normal(run.spoken[-1])
    assert spoken.startswith("Session stopped")

    must = (*MUST_SAY[cause], EVERY_END)
    assert_same_advice(ending_lines(cause, EMERGENCY), shown, printed, spoken, must)

    # after the ratings: the signs the stop recorded, in the same words in both clients
    flags = entry_flags(entry, EMERGENCY)
    assert bool(flags) == bool(findings_for(cause))
    after = normal(run.text.split("Saved to your journal.")[-1])
    for flag in flags:
        for line in (URGENCY_HEADINGS[flag.urgency], flag.what, flag.action):
            assert normal(line) in noticed, f"the app's notice leaves out {line!r}: {noticed}"
            assert normal(line) in after, f"--plain leaves out {line!r}: {after}"
    if flags:
        for line in (whom_to_contact(EMERGENCY), STAYS_BLOCKED):
            assert normal(line) in noticed and normal(line) in after, line


@pytest.mark.parametrize(("finding", "side"), BLOCKING, ids=[f for f, _ in BLOCKING])
async def test_every_warning_sign_logged_mid_session_gets_the_same_advice_everywhere(
    paths: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, finding: str, side: str
) -> None:
    app_paths = paths_beside(paths, tmp_path)
    clock = FakeClock()
    app = make_app(app_paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await app_to_the_session(pilot)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        log_from_another_terminal(app_paths, clock, finding, side)
        screen.tick()  # the screen's one-second timer, at once
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        shown = screen_words(app)

    clock = FakeClock()
    run = run_plain(
        paths,
        monkeypatch,
        [*up_to_the_session(), "@sign", "", "", "", "", ""],
        {"@sign": lambda: log_from_another_terminal(paths, clock, finding, side)},
        clock,
    )
    assert run.code == 0, run.text
    printed = normal(run.text.split("How do your feet feel now?")[0])
    spoken = normal(run.spoken[-1])

    what = FINDINGS[finding]
    urgency = urgency_of(finding, side)
    must = (what, f"Call {EMERGENCY} now" if urgency is Urgency.EMERGENCY else "today", EVERY_END)
    signs = [s for s in SafetyStore(paths).load().record.signs if s.finding == finding]
    assert signs, "the sign is not in the safety record"
    expected = ending_lines(StopCause.WARNING_SIGN, EMERGENCY, signs[-1])
    assert_same_advice(expected, shown, printed, spoken, must)


@pytest.mark.parametrize("skip", [True, False], ids=["every step skipped", "run to the end"])
async def test_the_end_says_well_done_only_after_some_massage_everywhere(
    paths: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, skip: bool
) -> None:
    app_paths = paths_beside(paths, tmp_path)
    clock = FakeClock()
    app = make_app(app_paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await app_to_the_session(pilot)
        for _ in range(300):
            screen = app.screen
            if not isinstance(screen, SessionScreen):
                break
            if skip:
                await pilot.press("n")
            else:
                clock.advance(1)
                screen.tick()
            await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        shown = screen_words(app)

    skips = ["n"] * 6 if skip else []  # the quick routine: get ready and two steps a foot
    run = run_plain(paths, monkeypatch, [*up_to_the_session(), *skips, "", "", "", "", ""])
    assert run.code == 0, run.text
    printed = normal(run.text.split("How do your feet feel now?")[0])
    spoken = normal(run.spoken[-1])

    said, unsaid = (NO_MASSAGE, COMPLETE) if skip else (COMPLETE, NO_MASSAGE)
    for client, text in (("app", shown), ("--plain", printed), ("speech", spoken)):
        assert normal(said) in text, f"{client} does not say {said!r}: {text}"
        assert normal(unsaid) not in text, f"{client} says {unsaid!r}: {text}"
    for where in (app_paths, paths):
        (entry,) = JournalStore(where).load().entries
        assert entry.session is not None
        assert any(entry.session.massage_seconds.values()) is not skip


@pytest.mark.parametrize(
    ("done", "planned", "heading"),
    [
        (750, 750, COMPLETE),
        (0, 750, NO_MASSAGE),
        (
            40,
            750,
            "Session over: 40 seconds of massage per foot, of 12 minutes and 30 seconds "
            "planned; the rest was skipped.",
        ),
        (
            749,
            750,
            "Session over: 12 minutes and 29 seconds of massage per foot, of 12 minutes and "
            "30 seconds planned; the rest was skipped.",
        ),
        (0, 0, COMPLETE),  # a routine with no massage step, run to its end
    ],
)
def test_a_finished_session_says_how_much_of_its_massage_was_done(
    done: int, planned: int, heading: str
) -> None:
    assert finished_heading(done, planned) == heading


# --- the plain client's own faults ---------------------------------------------------------
@pytest.mark.parametrize("number", range(1, len(CHOOSABLE) + 1))
def test_each_numbered_option_of_the_plain_menu_records_the_cause_its_words_name(
    paths: Paths, monkeypatch: pytest.MonkeyPatch, number: int
) -> None:
    run = run_plain(paths, monkeypatch, [*up_to_the_session(), "x", str(number), *[""] * 5])
    menu = dict(re.findall(r"^\s*(\d+)\. (.+)$", run.text, re.MULTILINE))
    assert len(menu) == len(CHOOSABLE)
    entry = JournalStore(paths).load().entries[0]
    assert entry.session is not None
    recorded = StopCause(entry.session.stop_cause)
    assert menu[str(number)] == cause_label(recorded), (
        f"option {number} reads {menu[str(number)]!r} but recorded {recorded.value}"
    )
    assert entry.findings == findings_for(recorded)


def test_a_no_to_was_that_a_mistake_keeps_the_yes_and_refuses(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = run_plain(paths, monkeypatch, ["", "", "", "", "y"])  # an open wound today
    assert first.code == REFUSED
    again = run_plain(paths, monkeypatch, ["", "", "", "", "n", *["n"] * 10, ""])
    assert "Was that a mistake?" in again.text
    assert again.code == REFUSED, again.text
    assert 'No massage today: you answered yes to "Wound, sore or blister".' in again.text
    assert "Beginning." not in again.text
    # and it still holds: a third start asks again, and a yes to the mistake lets it go
    third = run_plain(
        paths, monkeypatch, ["", "", "", "", "y", *["n"] * (block_questions() - 1), "", "q"]
    )
    assert "Was that a mistake?" in third.text
    assert "Beginning." in third.text, third.text


# --- one place ------------------------------------------------------------------------------
ONE_PLACE = (
    "nurse or podiatrist",
    "It hurts",
    "Rest the foot",
    "Stay sitting",
    "I feel unwell or dizzy",
    "Sudden swelling",
    "put socks on before",
    "No massage until they have checked it",
)
"""Sentences about stops, their advice and whom to contact: written in one file only."""


def test_safety_sentences_are_written_in_one_place() -> None:
    src = Path(__file__).parent.parent / "src" / "footcare"
    wording = src / "domain" / "wording.py"
    for path in sorted(src.rglob("*.py")):
        if path == wording:
            continue
        text = " ".join(path.read_text(encoding="utf-8").split())
        for words in ONE_PLACE:
            assert words.lower() not in text.lower(), f"{path.relative_to(src)}: {words!r}"
    text = wording.read_text(encoding="utf-8")
    assert all(words in " ".join(text.split()) for words in ONE_PLACE)
