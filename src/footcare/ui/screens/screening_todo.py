"""What stands between the person and Begin on the safety questions, counted once from the
verdict's reasons: the line under the questions, the Begin refusal and the help all say it."""

from __future__ import annotations

from collections.abc import Sequence

from footcare.domain.frozen import frozen
from footcare.domain.screening import Reason, ReasonKind, Verdict
from footcare.ui.widgets.question import QuestionRow, row_id

NOTE_KINDS = (ReasonKind.BLOCKED, ReasonKind.CHECK_NEEDED)
"""Reasons also said in words under the count (a yes today, a check to have done); the
others are said by their row's mark and status, or have no row and are listed too."""


@frozen
class ToDo:
    """What stands between the person and Begin, counted once from the verdict's reasons:
    the line under the questions, the Begin refusal and the help all say this."""

    todo_rows: tuple[str, ...]
    """Rows marked TO DO (row ids, top to bottom)."""
    stop_rows: tuple[str, ...]
    """Rows marked STOP: a yes today."""
    unlisted: tuple[Reason, ...]
    """Reasons with no row of their own (a file that can't be read): listed below."""
    notes: tuple[Reason, ...]
    """Reasons said in words under the count: all but a plain "not answered yet"."""

    @property
    def rows(self) -> tuple[str, ...]:
        return self.todo_rows + self.stop_rows

    @property
    def count(self) -> int:
        return len(self.rows) + len(self.unlisted)

    def where(self) -> str:
        """Where each of them is: "15 to do: 15 marked TO DO above"."""
        parts = []
        if self.todo_rows:
            parts.append(f"{len(self.todo_rows)} marked TO DO above")
        if self.stop_rows:
            parts.append(f"{len(self.stop_rows)} marked STOP above")
        if self.unlisted:
            parts.append(f"{len(self.unlisted)} listed below")
        return f"{self.count} to do" + (": " + ", ".join(parts) if parts else "")

    def headline(self) -> str:
        return f"Begin is not possible yet — {self.where()}"


def to_do(verdict: Verdict, shown: Sequence[QuestionRow]) -> ToDo:
    """Count what is left, one per row (its reasons together) and one per reason that has
    no row, in the order the rows are on screen."""
    order = {row.id: i for i, row in enumerate(shown)}
    todo: dict[str, None] = {}
    stop: dict[str, None] = {}
    unlisted: list[Reason] = []
    for reason in verdict.reasons:
        rid = row_id(reason.item)
        if rid not in order:
            unlisted.append(reason)
        elif reason.kind is ReasonKind.BLOCKED:
            stop[rid] = None
        else:
            todo[rid] = None

    def ranked(ids: dict[str, None]) -> tuple[str, ...]:
        return tuple(sorted(ids, key=order.__getitem__))

    return ToDo(
        ranked({k: None for k in todo if k not in stop}),
        ranked(stop),
        tuple(unlisted),
        tuple(r for r in verdict.reasons if r.kind in NOTE_KINDS or row_id(r.item) not in order),
    )
