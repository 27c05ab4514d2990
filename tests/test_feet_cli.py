"""`footcare routines show`: each step with its picture, or (--plain) the same in words."""

from __future__ import annotations

import contextlib
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

from footcare.domain.feet import describe, picture
from footcare.domain.feet.text import picture_lines
from footcare.domain.routine import Step

BLOCKS = set("▘▝▖▗▌▐▛▜▙▟▚▞▀▄█░▒▓")


def footcare_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """Folders of the test's own, and no FOOTCARE_ setting or NO_COLOR from outside."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FOOTCARE_", "NO_COLOR"))}
    env.update(
        FOOTCARE_CONFIG_DIR=str(tmp_path / "config"),
        FOOTCARE_DATA_DIR=str(tmp_path / "data"),
        FOOTCARE_CACHE_DIR=str(tmp_path / "cache"),
        PYTHONIOENCODING="utf-8",
        **extra,
    )
    return env


def show(tmp_path: Path, *args: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "footcare", "routines", "show", "standard", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=footcare_env(tmp_path),
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_show_prints_each_step_with_its_picture_and_no_colour_codes_in_a_pipe(
    tmp_path: Path,
) -> None:
    out = show(tmp_path)
    assert "\x1b" not in out
    assert "░ the area worked" in out
    thumbs = out.split("Thumb circles on the sole")[1].split(" 4. ")[0]
    assert "↻" in thumbs and "░" in thumbs
    knuckles = out.split("Knuckle rub")[1].split(" 5. ")[0]
    assert "↓" in knuckles
    prepare = out.split("Look, then lotion")[1].split(" 2. ")[0]
    assert "×" in prepare


def test_plain_says_where_in_words_and_draws_nothing(tmp_path: Path) -> None:
    out = show(tmp_path, "--plain")
    assert not BLOCKS & set(out)
    assert out.count("    where: Left foot") == 8  # every step of the standard routine
    assert "rub from the ball of the foot down to the heel" in out


def test_colour_styles_by_role_and_the_characters_stay() -> None:
    drawing = picture(Step("Rub", "knuckle-rub", 60, "Rub."), "left", 24, 12)
    assert drawing is not None
    plain = picture_lines(drawing, colour=False)
    coloured = picture_lines(drawing, colour=True)
    assert not any("\x1b" in line for line in plain)
    assert any("\x1b[33m░" in line for line in coloured)
    assert any("\x1b[1m↓" in line for line in coloured)
    strip = [
        line.replace("\x1b[33m", "").replace("\x1b[1m", "").replace("\x1b[0m", "")
        for line in coloured
    ]
    assert strip == plain


def test_words_for_a_step_of_ones_own() -> None:
    step = Step("Heel", "other", 60, "Circle the heel.", area="heel", motion="circles")
    assert describe(step, "right") == (
        "Right foot, the sole: the heel; small circles with the thumbs."
    )


def on_a_terminal(tmp_path: Path, **extra: str) -> bytes:
    """`routines show standard` with its output on a pseudo-terminal, all of it."""
    main, other = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "footcare", "routines", "show", "standard"],
        stdin=subprocess.DEVNULL,
        stdout=other,
        stderr=subprocess.DEVNULL,
        env=footcare_env(tmp_path, **extra),
    )
    os.close(other)
    out = b""
    with contextlib.suppress(OSError):  # the other end closed: all was read
        while select.select([main], [], [], 60)[0] and (chunk := os.read(main, 65536)):
            out += chunk
    os.close(main)
    assert proc.wait(timeout=60) == 0
    return out


def test_on_a_terminal_the_roles_are_coloured_too_and_no_color_is_heard(tmp_path: Path) -> None:
    assert b"\x1b[33m" in on_a_terminal(tmp_path)
    plain = on_a_terminal(tmp_path, NO_COLOR="1")
    assert b"\x1b" not in plain and "░".encode() in plain


def test_the_plain_session_says_where_each_step_works() -> None:
    from footcare.domain.announce import segment_lines
    from footcare.domain.routine import Routine
    from footcare.domain.session import Session

    steps = (Step("Rub", "knuckle-rub", 60, "Rub."), Step("Own", "other", 60, "Mine."))
    session = Session(Routine("r", "R", "", ("right",), steps), "2026-11-01")
    said = []
    for index, segment in enumerate(session.segments):
        session.index = index
        said.append((segment.step_index, segment_lines(session)))
    by_step = {step: lines for step, lines in said if step is not None}
    assert by_step[0][-1] == (
        "Where: Right foot, the sole: from the ball of the foot to the heel; "
        "rub from the ball of the foot down to the heel."
    )
    assert not any(line.startswith("Where:") for line in by_step[1])  # no area: no words
