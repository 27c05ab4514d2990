"""The browser mode's cues, in headless Chromium: `footcare serve` with a routine of
two-second steps, a whole session typed into the page.

- Speech (the default under serve): the page hands each step to the browser's own speech
  synthesis. The test replaces `speechSynthesis.speak` with a recorder before the page
  loads (DevTools `Page.addScriptToEvaluateOnNewDocument`) and reads what it was given.
- The bell (`cues = "bell"`): each BEL becomes a Web Audio tone; the recorder counts the
  oscillators the page makes.
Everything listens on 127.0.0.1 only; the page asks no other server for anything.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cuehelpers import assert_said_in_order
from served import DevTools, Served, assert_stayed_local, devtools, serve_env, serving, until

pytestmark = pytest.mark.xdist_group("system-packages")

TWO_SECONDS = """\
id = "two"
name = "Two seconds"
description = "Two steps of two seconds, for tests."
feet = ["left", "right"]
get_ready_seconds = 2

[[steps]]
name = "Warming strokes"
technique = "effleurage"
duration = 2
instructions = "Glide lightly from the toes up to the ankle. Then rest."
pressure = "light"

[[steps]]
name = "Upward strokes"
technique = "upward-strokes"
duration = 2
instructions = "Stroke upwards towards the heart."
pressure = "gentle"
"""

SAID = [
    "Get ready: left foot, 2 seconds.",
    "Left foot, step 1 of 2: Warming strokes. 2 seconds. Glide lightly from the toes up to "
    "the ankle. Light pressure.",
    "Left foot, step 2 of 2: Upward strokes. 2 seconds. Stroke upwards towards the heart. "
    "Gentle pressure.",
    "Change feet: now the right foot.",
    "Right foot, step 1 of 2: Warming strokes.",
    "Right foot, step 2 of 2: Upward strokes.",
    "Session complete.",
]

# Before any script of the page: record what it asks to be said, and every tone it makes.
RECORDER = """
window.__spoken = [];
window.__cancelled = 0;
window.__tones = 0;
if (window.SpeechSynthesis) {
  SpeechSynthesis.prototype.speak = function (utterance) {
    window.__spoken.push(utterance.text);
  };
  SpeechSynthesis.prototype.cancel = function () {
    window.__cancelled += 1;
  };
}
if (window.AudioContext) {
  const make = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function () {
    window.__tones += 1;
    return make.call(this);
  };
}
"""

STILL_TO_DO = re.compile(r"— (\d+) to do")
ALL_ANSWERED = "Press b to begin"
DATE_DIALOG = "Type the date as"


@contextlib.contextmanager
def serving_two_seconds(root: Path, settings: str) -> Iterator[Served]:
    """`footcare serve` on a free port with the two-second routine and `settings`."""
    config, data = root / "cfg", root / "data"
    (config / "routines").mkdir(parents=True)
    (config / "routines" / "two.toml").write_text(TWO_SECONDS, encoding="utf-8")
    (config / "config.toml").write_text(f'routine = "two"\n{settings}', encoding="utf-8")
    data.mkdir()
    with serving(serve_env(config, data), root / "serve.log") as served:
        yield served


async def press(page: DevTools, key: str, code: int, text: str = "") -> None:
    """A key the page's own `page.key` does not type: down (with its text), then up."""
    for kind, typed in (("keyDown", text), ("keyUp", "")):
        await page.call(
            "Input.dispatchKeyEvent",
            type=kind,
            key=key,
            code=key,
            text=typed,
            windowsVirtualKeyCode=code,
        )


async def run_a_session(page: DevTools, served: Served) -> None:
    """Open the page and type a whole session into it, each key once the last one shows."""
    from footcare.domain.screening import Tier, all_items

    for domain in ("Network", "Page", "Log", "Runtime"):
        await page.call(f"{domain}.enable")
    await page.call("Page.addScriptToEvaluateOnNewDocument", source=RECORDER)
    await page.call("Page.navigate", url=served.page)
    assert "Two seconds" in await page.screen_text_contains("Today's session")
    await page.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
    since = len(page.frames)
    await page.key("c")
    answers: list[tuple[str, bool]] = []  # key, opens the date dialog
    for item in all_items():
        if item.tier is Tier.BLOCK:
            answers.append(("n", False))
        elif item.tier is Tier.CLEARANCE:
            answers.append(("y", True) if item.everyone else ("n", False))
    answers.append(("y", False))  # the reminders, acknowledged together
    left = len(answers)
    await page.screen_text_contains(f"— {left} to do", since)
    for key, dialog in answers:
        mark = len(page.frames)
        await page.key(key)
        if dialog:
            await page.screen_text_contains(DATE_DIALOG, mark)
            mark = len(page.frames)
            await press(page, "Enter", 13, "\r")
        left -= 1
        await page.screen_text_contains(f"— {left} to do" if left else ALL_ANSWERED, mark)
    mark = len(page.frames)
    await page.key("b")
    await page.screen_text_contains("GET READY — LEFT FOOT", mark)
    await page.screen_text_contains("After the session", mark)


async def at_least(page: DevTools, expression: str, count: int, what: str) -> None:
    """Wait (with a timeout) until the number `expression` gives in the page is `count` or more."""

    async def check() -> bool:
        return bool(await page.evaluate(expression) >= count)

    await until(check, lambda: what)


async def test_the_browser_says_each_step(chromium: int, tmp_path: Path) -> None:
    with serving_two_seconds(tmp_path, "") as served:
        async with devtools(chromium) as page:
            await run_a_session(page, served)
            await at_least(page, "window.__spoken.length", len(SAID), "not every step was said")
            spoken = await page.evaluate("window.__spoken")
            assert_said_in_order(spoken, SAID)
            # each new step stops the one before it, if still speaking
            assert await page.evaluate("window.__cancelled") == len(SAID)
            # the tone with the words (the browser may have no voice): four steps once, the
            # foot change and the end twice; the sequences' own BELs are not bells
            await at_least(page, "window.__tones", 8, "fewer than 8 tones with the words")
            assert await page.evaluate("window.__tones") == 8

            # saving the after-session ratings leaves the session: its last words stop
            mark = len(page.frames)
            await press(page, "F2", 113)
            await page.screen_text_contains("Today's session", mark)
            await at_least(page, "window.__cancelled", len(SAID) + 1, "last words not stopped")
            assert await page.evaluate("window.__cancelled") == len(SAID) + 1
            assert len(await page.evaluate("window.__spoken")) == len(SAID)
    print(f"the page said: {spoken}", file=sys.__stderr__)
    assert_stayed_local(page)


async def test_the_browser_plays_the_bell_as_a_tone(chromium: int, tmp_path: Path) -> None:
    with serving_two_seconds(tmp_path, 'cues = "bell"\n') as served:
        async with devtools(chromium) as page:
            await run_a_session(page, served)
            # four steps once; the foot change and the end twice (the second 0.4 s later)
            await at_least(page, "window.__tones", 8, "fewer than 8 tones")
            assert await page.evaluate("window.__tones") == 8
            assert await page.evaluate("window.__spoken") == []
    assert_stayed_local(page)
