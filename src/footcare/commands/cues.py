"""`footcare cues test`: say a line and ring the bell, ask what was heard, keep the answer.

The answer is kept for the place the test ran in (this computer, over SSH, the browser)
in the data folder, and the next sessions there use only cues that were heard.
`--heard` keeps an answer without playing anything (for a script, or a person who
already knows). No Textual here.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from typing import Any

from footcare.domain.cue_test import ANSWERS, LISTEN, Heard
from footcare.folders import Paths

AGAIN = "r"


EXAMPLES: dict[str, list[str]] = {
    "cues": [
        "footcare cues test",
    ],
    "cues test": [
        "footcare cues test",
        "footcare cues test --heard bell",
    ],
}


def add_parser(sub: Any) -> None:
    parser = sub.add_parser("cues", help="test which cues you hear in a session (test)")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    test = actions.add_parser(
        "test",
        help="say a line and ring the bell, then keep what you heard",
        description=(
            "Say a line and ring the bell as a session would here, then ask what you heard. "
            "The answer is kept, and sessions here use only the cues you heard."
        ),
    )
    test.add_argument(
        "--heard",
        choices=[h.value for h in Heard],
        help="keep this answer without playing anything",
    )


def _ask() -> Heard | str | None:
    """The person's answer from stdin: a Heard, AGAIN, or None at the end of input."""
    print("What did you hear?")
    for number, answer in enumerate(ANSWERS.values(), 1):
        print(f"  {number}  {answer}")
    print(f"  {AGAIN}  Play it again")
    while True:
        print("Type 1, 2, 3, 4 or r, then Enter: ", end="", flush=True)
        try:  # no stdin at all (0<&-), or a closed one: the end of input
            line = sys.stdin.readline() if sys.stdin is not None else ""
        except (OSError, ValueError, UnicodeDecodeError):
            line = ""
        if not line:
            print()
            return None
        answer = line.strip().lower()
        if answer == AGAIN:
            return AGAIN
        if answer.isdigit() and 1 <= int(answer) <= len(ANSWERS):
            return list(ANSWERS)[int(answer) - 1]
        print("That is not one of the answers.")


def cmd_cues(paths: Paths, args: argparse.Namespace) -> int:
    from footcare.services.cue_testing import StreamCueTest

    test = StreamCueTest(sys.stdout, os.environ)
    if args.heard is not None:
        heard = Heard(args.heard)
    else:
        test.notice()
        print(LISTEN)
        answer: Heard | str | None = AGAIN
        try:
            while answer == AGAIN:
                test.play()
                answer = _ask()
        finally:
            test.stop()
        if not isinstance(answer, Heard):
            print("No answer was given: nothing was kept.", file=sys.stderr)
            return 1
        heard = answer
    print(test.keep(paths, heard, datetime.now()))
    return 0
