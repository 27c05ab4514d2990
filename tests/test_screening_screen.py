"""The safety questions as a person reads them: read from the rendered screen only.

Every question the gate counts as still to do can be brought on screen, whole, at
80×24, 60×20 and 40×15; the highlighted row is always in view; the count under the
questions, the Begin refusal and the help say the same; kept answers are drawn answered.
"""

from __future__ import annotations

import random
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot

from apphelpers import NOW, cleared_paths, make_app, make_paths, pressed, record_all_clearances
from footcare.domain.screening import Tier, all_items
from footcare.ui.screens.ask import Ask
from footcare.ui.screens.blocked import BlockedScreen
from footcare.ui.screens.date_prompt import DatePrompt
from footcare.ui.screens.screening import ScreeningScreen
from footcare.ui.screens.start import StartScreen
from rendered import DECOR, lines, normal, screen_words, toast_words, words

SIZES = [(80, 24), (60, 20), (40, 15)]
COUNT = re.compile(r"Begin is not possible yet — (\d+) to do")
BLOCKS = [i for i in all_items() if i.tier is Tier.BLOCK]
GO_AHEADS = [i for i in all_items() if i.tier is Tier.CLEARANCE]
REMINDERS = [i for i in all_items() if i.tier is Tier.REMIND]
READ_THESE = "Before you start, read these:"
PART = r"\d+ (?:marked TO DO above|listed below)"


def plain(text: str) -> str:
    """Screen words without the highlight pointer."""
    return normal(text.replace("▶", " "))


def headline(app: Any) -> str:
    """The count under the questions, as shown: "15 to do: 15 marked TO DO above"."""
    text = plain(screen_words(app))
    match = re.search(rf"Begin is not possible yet — (\d+ to do(?:: {PART}(?:, {PART})*)?)", text)
    assert match, f"no count on screen:\n{text}"
    return match.group(1)


def count_shown(app: Any) -> int:
    match = COUNT.search(plain(screen_words(app)))
    assert match, "\n".join(lines(app))
    return int(match.group(1))


MARK_AT_START = re.compile(r"^\s*(TO DO|ok|STOP)\b")


def pointer_in_view(screen: list[str]) -> bool:
    """The highlighted row's pointer is drawn in the list (above the line under it)."""
    return any("▶" in line for line in the_list(screen))


def the_list(screen: list[str]) -> list[str]:
    end = next((i for i, line in enumerate(screen) if line.startswith("──")), len(screen) - 1)
    return screen[1:end]


def highlight_in_view(screen: list[str]) -> bool:
    """The highlighted row's pointer is on screen, or (a row taller than the list,
    scrolled through) the whole list shows the inside of one row: no other row starts."""
    body = the_list(screen)
    return pointer_in_view(screen) or not any(MARK_AT_START.match(DECOR.sub(" ", x)) for x in body)


async def walk_down(pilot: Pilot[Any], limit: int = 120) -> list[str]:
    """Press ↓ from the first question to the end of the screen's list, as a person
    reading every question would; what the screen shows after each key."""
    app = pilot.app
    seen = [plain(screen_words(app))]
    raw = [screen_words(app)]  # with the pointer: it moves even when nothing scrolls
    for _ in range(limit):
        await pressed(pilot, "down")
        screen = lines(app)
        seen.append(plain(words(screen)))
        raw.append(words(screen))
        if app.focused is not None and app.focused.id and app.focused.id.startswith("q-"):
            assert highlight_in_view(screen), "the highlight is off screen:\n" + "\n".join(screen)
        assert app.focused is not None and app.focused.id != "unmet-panel"
        if len(raw) > 4 and len(set(raw[-4:])) == 1:
            return seen  # ↓ changes nothing any more
    raise AssertionError("↓ never reached the end of the questions")


def shown_whole(question: str, screens: list[str], mark: str = "TO DO") -> bool:
    """The question, whole and with its mark before it, on one of the screens."""
    return any(normal(f"{mark} {question}") in screen for screen in screens)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_first_run_every_question_counted_is_on_screen_in_turn(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = make_app(make_paths(tmp_path))
    async with app.run_test(size=size) as pilot:
        await pressed(pilot, "c")
        assert isinstance(app.screen, ScreeningScreen)
        count = count_shown(app)
        seen = await walk_down(pilot)
    questions = [i.question for i in [*BLOCKS, *GO_AHEADS]] + [READ_THESE]
    missing = [q for q in questions if not shown_whole(q, seen)]
    assert not missing, f"never on screen whole at {size}: {missing}"
    assert count == len(questions)
    # every reminder is read in full on the way
    for item in REMINDERS:
        assert any(normal(f"• {item.question}") in screen for screen in seen), item.question


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_e_shows_every_go_ahead(tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(cleared_paths(tmp_path))
    async with app.run_test(size=size) as pilot:
        # today's five, then up from the reminders to the folded go-aheads, and e
        await pressed(pilot, "c", "n", "n", "n", "n", "n", "up", "e")
        seen = await walk_down(pilot)
    for item in GO_AHEADS:
        assert shown_whole(item.question, seen, mark="ok"), item.question


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_begin_refusal_the_count_and_the_help_agree(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = make_app(make_paths(tmp_path))
    async with app.run_test(size=size, notifications=True) as pilot:
        await pressed(pilot, "c", "n", "n")
        shown = headline(app)
        assert shown == "13 to do: 13 marked TO DO above"
        await pressed(pilot, "b")
        notices = toast_words(app)
        assert any(shown in plain(n) for n in notices), notices
        app.clear_notifications()  # as if its time had run out
        await pressed(pilot, "f1")
        assert f"Right now: {shown}." in plain(screen_words(app))


def marks_on_screen(app: Any) -> dict[str, str]:
    """Each question on screen with the mark drawn before it ("TO DO", "ok", "STOP")."""
    text = plain(screen_words(app))
    found = {}
    for item in [*BLOCKS, *GO_AHEADS]:
        match = re.search(r"(TO DO|ok|STOP) " + re.escape(normal(item.question)), text)
        if match:
            found[item.id] = match.group(1)
    match = re.search(r"(TO DO|ok) " + re.escape(READ_THESE), text)
    if match:
        found["reminders"] = match.group(1)
    return found


def answers_on_screen(app: Any, item_question: str) -> str:
    """The choices drawn after a yes/no question: "[ ] Yes [x] No"."""
    text = plain(screen_words(app))
    at = text.index(normal(item_question)) + len(normal(item_question))
    return text[at : at + 16].strip()


async def test_back_after_esc_at_80x24_the_first_question_left_is_focused_and_in_view(
    tmp_path: Path,
) -> None:
    one_leg = BLOCKS[2]
    app = make_app(cleared_paths(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "c", "n", "n", "escape", "c")
        assert app.focused is not None and app.focused.id == f"q-{one_leg.id}"
        assert normal(one_leg.question) in screen_words(app)


async def test_kept_answers_are_drawn_answered_after_esc_and_a_restart(tmp_path: Path) -> None:
    paths = cleared_paths(tmp_path)
    wound, infection, one_leg = BLOCKS[0], BLOCKS[1], BLOCKS[2]
    tall = (100, 80)  # every row on screen at once
    app = make_app(paths)
    async with app.run_test(size=tall) as pilot:
        await pressed(pilot, "c", "n", "n", "escape")
        assert isinstance(app.screen, StartScreen)
        await pressed(pilot, "c")
        marks = marks_on_screen(app)
        assert marks[wound.id] == marks[infection.id] == "ok"
        assert answers_on_screen(app, wound.question) == "[ ] Yes [x] No"
        assert marks[one_leg.id] == "TO DO" and marks["reminders"] == "TO DO"
        assert count_shown(app) == list(marks.values()).count("TO DO") == 4
        assert app.focused is not None and app.focused.id == f"q-{one_leg.id}"
        await pressed(pilot, "y")  # one leg: a yes, kept for the day
        assert isinstance(app.screen, BlockedScreen)
    app = make_app(paths)  # a restart, the same day
    async with app.run_test(size=tall) as pilot:
        await pressed(pilot, "c")
        marks = marks_on_screen(app)
        assert marks[one_leg.id] == "STOP"
        assert answers_on_screen(app, one_leg.question) == "[x] Yes [ ] No"
        shown = plain(screen_words(app))  # the yes holds the day: no count can lift it
        assert normal(f'No massage today: you answered yes to "{one_leg.label}".') in shown
        assert not re.search(r"\d+ to do", shown), shown


@pytest.mark.parametrize("seed", range(3))
async def test_rows_drawn_always_match_the_count_whatever_the_order(
    tmp_path: Path, seed: int
) -> None:
    """Answers, Esc and restarts in a random order: the marks drawn and the count shown
    agree with the gate every time."""
    rng = random.Random(seed)
    paths = make_paths(tmp_path)
    if seed % 2:
        record_all_clearances(paths, on=NOW.date() - timedelta(days=30))
    app = make_app(paths)
    for _round in range(3):
        async with app.run_test(size=(100, 80)) as pilot:
            await pressed(pilot, "c")
            for _ in range(6):
                key = rng.choice(["n", "n", "y", "down", "up", "esc"])
                if key == "esc":
                    await pilot.press("escape", "c")
                else:
                    await pilot.press(key)
                await pilot.pause()
                for _ in range(3):  # a dialog the key opened: answer it as a person might
                    if isinstance(app.screen, BlockedScreen):
                        await pilot.press("a")
                    elif isinstance(app.screen, Ask):
                        await pilot.press(rng.choice(["y", "n"]))
                    elif isinstance(app.screen, DatePrompt):
                        await pilot.press(rng.choice(["enter", "escape"]))
                    await pilot.pause()
                assert isinstance(app.screen, ScreeningScreen)
                verdict = app.services.gate.verdict(app.screen.routine)
                marks = marks_on_screen(app)
                drawn = list(marks.values())
                folded = "(e to see)" in screen_words(app)  # every go-ahead valid
                rows = len(BLOCKS) + (0 if folded else len(GO_AHEADS)) + 1
                assert len(marks) == rows, "\n".join(lines(app))
                if verdict.may_start:
                    assert "All answered and safe" in screen_words(app)
                    assert "TO DO" not in drawn and "STOP" not in drawn
                    continue
                yes = "; ".join(f'"{i.label}"' for i in BLOCKS if marks[i.id] == "STOP")
                if yes:  # the day is held: said in place of a count
                    shown = plain(screen_words(app))
                    assert normal(f"No massage today: you answered yes to {yes}.") in shown
                    assert not COUNT.search(shown), shown
                else:
                    assert count_shown(app) == drawn.count("TO DO"), (
                        str(sorted(marks.items())),
                        [(r.item.id, r.kind) for r in verdict.reasons],
                    )
                for item in BLOCKS:
                    state = verdict.item(item.id)
                    assert state is not None
                    want = {None: "TO DO", True: "STOP", False: "ok"}[state.present]
                    assert marks[item.id] == want, (item.id, marks)
        app = make_app(paths)


@pytest.mark.parametrize("where", ["start", "screening"])
async def test_the_command_palette_lists_quit_once(tmp_path: Path, where: str) -> None:
    app = make_app(make_paths(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        if where == "screening":
            await pressed(pilot, "c")
        await pressed(pilot, "ctrl+p")
        await pilot.press(*"quit")
        await pilot.pause(0.3)
        shown = lines(app)
        titles = [line.strip(" │▎▊▌▐┃") for line in shown]
        assert sum(1 for t in titles if t.startswith("Quit")) == 1, "\n".join(shown)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("burst", [1, 20], ids=["key-by-key", "typed-fast"])
@pytest.mark.parametrize("dated", [False, True], ids=["some-dont-apply", "all-dated"])
async def test_answering_every_question_keeps_the_next_one_in_view(
    tmp_path: Path, size: tuple[int, int], burst: int, dated: bool
) -> None:
    """A first run answered key by key, or typed fast: after the answers the next
    question is the highlighted one, on screen from its top (a row above may have grown
    with its answer, the go-aheads may have folded into one line), and the count went
    down by one per answer."""
    app = make_app(make_paths(tmp_path))
    async with app.run_test(size=size) as pilot:
        await pressed(pilot, "c")
        keys = ["n"] * len(BLOCKS)
        for item in GO_AHEADS:
            keys += ["y", "enter"] if item.everyone or dated else ["n"]
        left = count_shown(app)
        groups: list[list[str]] = [[]]
        for key in keys:
            alone = key in ("y", "enter")  # the date dialog opens and is answered
            if alone or len(groups[-1]) >= burst:
                groups.append([])
            groups[-1].append(key)
            if alone:
                groups.append([])
        for group in filter(None, groups):
            if burst > 1:  # all in one read, as a terminal delivers keys typed fast
                for key in group:
                    app.post_message(events.Key(key, key if len(key) == 1 else None))
            else:
                await pilot.press(*group)
            await pilot.pause()
            await pilot.pause()
            left -= len([k for k in group if k != "enter"])
            if group == ["y"]:
                continue  # the date dialog: Enter accepts it
            screen = lines(app)
            # after an answer the next question is shown from its top: its pointer, its
            # words and its boxes, even when it is taller than the list (the reminders)
            assert pointer_in_view(screen), f"after {group} at {size}:\n" + "\n".join(screen)
            assert count_shown(app) == left
