"""What the entry form holds while it is being typed: kept as a draft, turned into an Entry on save.

Text fields are kept exactly as typed (a half-typed date is not an error until
saving), so a draft can always be written and read back.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from footcare.domain.journal import FINDINGS, SIDES, SYMPTOMS, Entry, Ratings
from footcare.domain.text import clean

TEXT_FIELDS = ("exercise", "sugar", "follow_up", "note")
MAX_NOTE = 500


def _rating(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10:
        return value
    return None


def _ratings(raw: Any) -> dict[str, int | None]:
    raw = raw if isinstance(raw, Mapping) else {}
    return {s: _rating(raw.get(s)) for s in SYMPTOMS}


NEW_ID = re.compile(r"[0-9]{14}-[0-9a-f]{6}")
"""The id footcare gives a new entry (its time and six hex digits)."""


@dataclass
class FormState:
    """Everything on the entry form. ``mode`` is "new" or "edit" (of ``entry_id``)."""

    mode: str = "new"
    entry_id: str = ""
    with_session: bool = False
    """The entry records a session, so it has before and after ratings."""
    ask_weekly: bool = False
    before: dict[str, int | None] = field(default_factory=lambda: dict.fromkeys(SYMPTOMS))
    after: dict[str, int | None] = field(default_factory=lambda: dict.fromkeys(SYMPTOMS))
    sleep: int | None = None
    findings: dict[str, str] = field(default_factory=dict)
    weekly: int | None = None
    footwear: bool | None = None
    exercise: str = ""
    sugar: str = ""
    follow_up: str = ""
    note: str = ""

    # --- drafts ------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """A TOML-ready table (None values left out)."""
        out: dict[str, Any] = {
            "mode": self.mode,
            "with_session": self.with_session,
            "ask_weekly": self.ask_weekly,
        }
        if self.entry_id:
            out["entry_id"] = self.entry_id
        for which in ("before", "after"):
            values = {k: v for k, v in getattr(self, which).items() if v is not None}
            if values:
                out[which] = values
        if self.sleep is not None:
            out["sleep"] = self.sleep
        if self.findings:
            out["findings"] = dict(self.findings)
        if self.weekly is not None:
            out["weekly"] = self.weekly
        if self.footwear is not None:
            out["footwear"] = self.footwear
        for name in TEXT_FIELDS:
            if getattr(self, name):
                out[name] = getattr(self, name)
        return out

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> FormState:
        """Read a draft back, dropping anything that doesn't fit rather than failing."""
        findings = raw.get("findings", {})
        weekly = raw.get("weekly")
        footwear = raw.get("footwear")
        state = cls(
            mode="edit" if raw.get("mode") == "edit" else "new",
            entry_id=str(raw.get("entry_id", "")),
            with_session=raw.get("with_session") is True,
            ask_weekly=raw.get("ask_weekly") is True,
            before=_ratings(raw.get("before")),
            after=_ratings(raw.get("after")),
            sleep=_rating(raw.get("sleep")),
            findings={
                k: v
                for k, v in (findings.items() if isinstance(findings, Mapping) else [])
                if k in FINDINGS and v in (*SIDES, "yes")
            },
            weekly=weekly
            if isinstance(weekly, int) and not isinstance(weekly, bool) and 0 <= weekly < 7
            else None,
            footwear=footwear if isinstance(footwear, bool) else None,
        )
        for name in TEXT_FIELDS:
            value = raw.get(name, "")
            # a draft file can hold anything: no escape sequence reaches a text field
            text = clean(value, multiline=name == "note") if isinstance(value, str) else ""
            setattr(state, name, text)
        if state.mode == "edit" and not state.entry_id:
            state.mode = "new"
        if state.mode == "new" and not NEW_ID.fullmatch(state.entry_id):
            state.entry_id = ""  # a new entry's id, given when it was first saved, or none
        return state

    @classmethod
    def from_entry(cls, entry: Entry, ask_weekly: bool = False) -> FormState:
        return cls(
            mode="edit",
            entry_id=entry.id,
            with_session=entry.session is not None,
            ask_weekly=ask_weekly or entry.weekly_change is not None,
            before={s: entry.before.get(s) for s in SYMPTOMS},
            after={s: entry.after.get(s) for s in SYMPTOMS},
            sleep=entry.sleep,
            findings=dict(entry.findings),
            weekly=entry.weekly_change,
            footwear=entry.footwear,
            exercise="" if entry.exercise_minutes is None else str(entry.exercise_minutes),
            sugar=entry.blood_sugar,
            follow_up="" if entry.next_follow_up is None else entry.next_follow_up.isoformat(),
            note=entry.note,
        )

    def copy(self) -> FormState:
        return replace(
            self,
            before=dict(self.before),
            after=dict(self.after),
            findings=dict(self.findings),
        )

    # --- saving --------------------------------------------------------------------------
    def problems(self) -> list[tuple[str, str]]:
        """(field, message) for every text field that can't be saved as typed."""
        out: list[tuple[str, str]] = []
        exercise = self.exercise.strip()
        if exercise and (not exercise.isdigit() or not 0 <= int(exercise) <= 1440):
            out.append(("exercise", "Exercise: type whole minutes, e.g. 20 (or leave it empty)."))
        if self.follow_up.strip():
            try:
                date.fromisoformat(self.follow_up.strip())
            except ValueError:
                out.append(
                    (
                        "follow_up",
                        "Next follow-up: type a date like 2026-12-31 (or leave it empty).",
                    )
                )
        if len(self.note) > MAX_NOTE:
            out.append(("note", f"The note is longer than {MAX_NOTE} characters."))
        return out

    def build(self, base: Entry | None, entry_id: str, at: datetime) -> Entry:
        """The entry to save; call ``problems()`` first. ``base`` is the entry being edited."""
        exercise = self.exercise.strip()
        follow = self.follow_up.strip()
        changes: dict[str, Any] = {
            "before": Ratings(**self.before),
            "after": Ratings(**self.after) if self.with_session else Ratings(),
            "sleep": self.sleep,
            "findings": dict(self.findings),
            "weekly_change": self.weekly,
            "footwear": self.footwear,
            "exercise_minutes": int(exercise) if exercise else None,
            "blood_sugar": self.sugar.strip(),
            "next_follow_up": date.fromisoformat(follow) if follow else None,
            "note": " ".join(self.note.split()),
        }
        if base is not None:
            if base.session is None:
                changes["after"] = base.after
            return base.with_changes(**changes)
        return Entry(id=entry_id, at=at, **changes)

    @property
    def empty(self) -> bool:
        """Nothing typed or chosen yet (a new form as it opens)."""
        blank = FormState(
            mode=self.mode,
            entry_id=self.entry_id,
            with_session=self.with_session,
            ask_weekly=self.ask_weekly,
        )
        return self.to_dict() == blank.to_dict()
