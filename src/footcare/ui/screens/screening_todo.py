"""What stands between the person and Begin on the safety questions: the domain's count
(domain/todo.py, as the plain session and `footcare status` count it), placed on the rows
drawn. The line under the questions, the Begin refusal and the help all say it."""

from __future__ import annotations

from collections.abc import Sequence

from footcare.domain import todo
from footcare.domain.frozen import frozen
from footcare.domain.screening import ReasonKind, Verdict
from footcare.ui.widgets.question import QuestionRow, row_id

NOTE_KINDS = (ReasonKind.BLOCKED, ReasonKind.CHECK_NEEDED)
"""Things also said in words under the count (a yes today, a check to have done); the
others are said by their row's mark and status, or have no row and are listed too."""


@frozen
class ToDo:
    left: todo.ToDo
    drawn: frozenset[str]
    """The items the rows on screen ask (the reminders' row: REMINDERS_ITEM)."""

    @property
    def rows(self) -> tuple[str, ...]:
        """The rows marked TO DO or STOP (row ids)."""
        return tuple(row_id(o.item) for o in self.left.open if o.item.id in self.drawn)

    @property
    def notes(self) -> list[str]:
        """Said in words under the count: a yes today, a check to have done, anything
        without a row of its own."""
        return [
            o.line()
            for o in self.left.open
            if o.item.id not in self.drawn or any(r.kind in NOTE_KINDS for r in o.reasons)
        ]

    def where(self) -> str:
        return self.left.where(self.drawn)

    def headline(self) -> str:
        return self.left.headline(self.drawn)


def to_do(verdict: Verdict, shown: Sequence[QuestionRow]) -> ToDo:
    return ToDo(todo.to_do(verdict), frozenset(row.item.id for row in shown))
