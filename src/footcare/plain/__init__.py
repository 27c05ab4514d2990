"""`footcare session --plain`: the whole session as lines of text, answers typed on stdin.

For screen readers and braille displays, `TERM=dumb`, the slowest links, and scripts. It is
a client, beside the Textual app, of the same gate and the same session runner: it asks the
same questions, refuses for the same reasons with the same advice, and saves the same way.
It renders and forwards; nothing here imports Textual or storage.

- ``lines``: what is typed on stdin, read without waiting during the session;
- ``prompts``: saying a line, asking a question and checking the answer;
- ``screening``: the safety questions and the refusal;
- ``session``: the whole of it, the steps announced, the after ratings.
"""

from footcare.plain.lines import Lines
from footcare.plain.session import REFUSED, PlainSession, main, run_plain

__all__ = ["REFUSED", "Lines", "PlainSession", "main", "run_plain"]
