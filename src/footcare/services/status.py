"""`footcare status`: may a session start today, and why not — the gate's own facts."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from footcare.domain.errors import StorageError
from footcare.domain.frozen import frozen
from footcare.domain.journal import Entry, live
from footcare.domain.screening import DAY_ITEMS, Item, ItemState, Reason, ReasonKind, Verdict
from footcare.domain.signs import WarningSign
from footcare.domain.todo import ToDo, to_do
from footcare.domain.wording import mid_sentence, running_now
from footcare.services.claims import running_elsewhere

if TYPE_CHECKING:
    from footcare.services.build import UseCases


@frozen
class Running:
    """A session running now in another footcare: its claim is held (a claim left by a
    process that has ended is not), since when its claim says."""

    since: datetime | None
    today: date

    @property
    def words(self) -> str:
        return running_now(self.since, self.today)


@frozen
class Status:
    may_start: bool
    """Whether a session may start today, once today's questions are answered safely."""
    reasons: tuple[Reason, ...]
    pending_signs: tuple[WarningSign, ...]
    session_today: bool
    streak: int
    unfinished_today: bool
    """A session from today can be carried on."""
    asked_first: tuple[Item, ...] = ()
    """Questions the day added that the next start asks first (after a stop because it
    hurt or the person felt unwell or dizzy); a yes to one is among ``reasons``."""
    kept_aside: tuple[str, ...] = ()
    """A session or draft file footcare couldn't use, kept (aside, or where it is): one
    line each, naming the file and what to do."""
    session_at: datetime | None = None
    """When the session that says how today went was recorded: the last one done to the
    end, else the last (None: none yet, or it can't be read)."""
    stopped_early_today: bool = False
    """Every session today was stopped before its end."""
    running: Running | None = None
    """A session runs now in another footcare."""
    to_do: ToDo = ToDo(())
    """What is still to do before a session, today's questions too, as the app counts it."""

    def as_json(self) -> dict[str, Any]:
        return {
            "may_start": self.may_start,
            "reasons": [
                {
                    "item": r.item.id,
                    "title": r.item.label,
                    "kind": r.kind.value,
                    "why": r.message,
                    "what_to_do": r.advice,
                }
                for r in self.reasons
            ],
            "pending_warning_signs": [
                {
                    "day": s.day.isoformat(),
                    "finding": s.finding,
                    "side": s.side,
                    "what": s.what,
                    "entry": s.entry_id,
                }
                for s in self.pending_signs
            ],
            "asked_first": [
                {"item": i.id, "title": i.label, "question": i.question} for i in self.asked_first
            ],
            "session_today": self.session_today,
            "session_today_at": self.session_at.isoformat() if self.session_at else None,
            "session_today_stopped_early": self.stopped_early_today,
            "streak": self.streak,
            "unfinished_session_today": self.unfinished_today,
            "session_running": None
            if self.running is None
            else {
                "since": self.running.since.isoformat() if self.running.since else None,
                "what": self.running.words,
            },
            "kept_aside": list(self.kept_aside),
            "daily_questions": "asked before every session",
            "to_do": [] if self.to_do.held() else [o.name for o in self.to_do.open],
            "no_massage_today": self.to_do.held() or None,
        }


def status(services: UseCases) -> Status:
    """Read exactly what the app's gate reads. Today's BLOCK questions and reminders are
    asked before each session, so only a "yes" already given today counts here.

    Each month file is looked at once: the gate's look is the streak's too.

    A data folder the app would refuse to open is refused here too, in the app's words (a
    StorageError): no session can start until it is fixed, whatever its files say."""
    refused = unusable_data_folder(services)
    if refused is not None:
        raise refused
    with services.repository.one_look():
        return _status(services)


def _status(services: UseCases) -> Status:
    today = services.today()
    verdict = services.gate.verdict(None)
    days, session_today = services.repository.streak(today)
    last = last_session(services, today) if session_today else None
    reasons = verdict.standing
    holder = running_elsewhere(services.sessions)
    return Status(
        may_start=not reasons,
        reasons=reasons,
        pending_signs=verdict.pending_signs,
        session_today=session_today,
        streak=days,
        unfinished_today=services.sessions.saved_session() is not None,
        asked_first=asked_first(verdict),
        kept_aside=kept_aside_lines(services),
        session_at=last.at if last else None,
        stopped_early_today=bool(last and last.session and last.session.stopped_early),
        running=Running(holder.since, today) if holder is not None else None,
        to_do=to_do(verdict),
    )


def unusable_data_folder(services: UseCases) -> StorageError | None:
    """Why the app and the plain session would refuse to open the data folder, and that no
    session can start until then; None when they would open it."""
    from footcare.services.folders import opening_problem

    problem = opening_problem(services.paths.data)
    if problem is None:
        return None
    todo = f"{problem.todo}; " if problem.todo else ""
    return StorageError(
        problem.path, problem.problem, f"{todo}no session can start until it is fixed"
    )


def last_session(services: UseCases, day: date) -> Entry | None:
    """The session that says how ``day`` went: its last one done to the end, else its last
    (a session stopped early after one done to the end leaves the day done)."""
    entries = services.repository.entries(since=day, until=day, include_deleted=False)
    sessions = [e for e in live(entries) if e.session is not None and e.day == day]
    whole = [e for e in sessions if e.session is not None and not e.session.stopped_early]
    return max(whole or sessions, key=lambda e: e.at, default=None)


def kept_aside_lines(services: UseCases) -> tuple[str, ...]:
    """Session and draft files footcare couldn't use: each kept, and named here until the
    person has looked at it (storage/state.py)."""
    from footcare.storage.errors import StorageError
    from footcare.storage.state import LOOK, SetAside, kept_aside

    problems = []
    try:
        services.journal_use.load_draft()  # one that doesn't fit is set aside, and listed below
    except SetAside:
        pass
    except StorageError as exc:
        problems.append(f"{exc} (the unsaved entry in it can't be opened)")
    lines = [
        f"{path}: kept aside, as footcare couldn't use it — {LOOK}"
        for path in kept_aside(services.paths)
    ]
    problem = services.sessions.session_problem
    if problem and services.sessions.session_file.exists():
        problems.insert(0, problem)
    return (*problems, *lines)


def asked_first(verdict: Verdict) -> tuple[Item, ...]:
    """The day's own questions not answered yet (answered yes, they are reasons)."""
    day = {i.id for i in DAY_ITEMS}
    return tuple(
        v.item for v in verdict.items if v.item.id in day and v.state is ItemState.UNANSWERED
    )


def status_lines(report: Status, whose: str = "") -> list[str]:
    """What still stands before a session, warning signs and files to look at, then today's
    session; while a session runs elsewhere, that in place of what is to do and today's
    session."""
    lines: list[str] = [f"For {whose}:"] if whose else []
    if report.running is not None:
        lines.append(report.running.words)
    else:
        lines.extend(to_do_lines(report))
    if report.pending_signs:
        lines.append("Warning signs waiting for a professional's check:")
        lines.extend(f"  - {s.day.isoformat()}: {s.what}" for s in report.pending_signs)
        if report.to_do.held():  # what to do about them, which the count would have said
            checks = (r for r in report.reasons if r.kind is ReasonKind.CHECK_NEEDED)
            lines.extend(f"  {r.advice}" for r in checks)
    if report.unfinished_today and report.running is None:
        lines.append("Today's session was interrupted: open footcare to carry on.")
    if report.kept_aside:
        lines.append("Files footcare couldn't use, kept for you to look at:")
        lines.extend(f"  - {line}" for line in report.kept_aside)
    if report.running is None:
        lines.append(session_line(report))
    days = report.streak
    lines.append(f"Streak: {days} day{'s' if days != 1 else ''} in a row.")
    return lines


def to_do_lines(report: Status) -> list[str]:
    """What is still to do, counted as the app counts it (today's questions too, so never
    none from here); a yes today instead, as nothing counted can lift the day."""
    left = report.to_do
    if left.held():
        lines = [left.held()]
    elif report.may_start:
        lines = [f"A session may start today, after the safety questions — {left.says()}:"]
    else:
        lines = [f"No session today until this is done — {left.says()}:"]
    lines.extend(f"  - {line}" for line in left.lines())
    lines.extend(f"The next start first asks: {item.question}" for item in report.asked_first)
    return lines


def session_done(report: Status) -> str:
    """Today's session in two words or three: done, stopped early, not yet; none on a
    day a yes holds, as no session can come."""
    if not report.session_today:
        return "none" if report.to_do.held() else "not yet"
    return "stopped early" if report.stopped_early_today else "done"


def session_line(report: Status) -> str:
    """Today's session as the start screen and `footcare status` both say it."""
    at = f" at {report.session_at:%H:%M}" if report.session_today and report.session_at else ""
    return f"Today's session: {session_done(report)}{at}."


def short_line(report: Status) -> str:
    """One line for a shell prompt, a tmux status line or a login message; while a session
    runs elsewhere, that in place of today's session and what is to do."""
    running = report.running
    parts = [
        f"footcare: streak {report.streak}",
        mid_sentence(running.words).rstrip(".") if running else f"today {session_done(report)}",
    ]
    if report.pending_signs:
        count = len(report.pending_signs)
        parts.append(f"{count} warning sign{'s' if count != 1 else ''} to have checked")
    if running is None:
        parts.append(short_to_do(report))
    return " · ".join(p for p in parts if p)


def short_to_do(report: Status) -> str:
    if report.to_do.held():
        return mid_sentence(report.to_do.held()).rstrip(".")
    if report.pending_signs:
        return ""  # the signs' own words say it
    if not report.may_start:
        return "no session today (footcare status)"
    if report.asked_first:
        return "after today's stop, a question first (footcare status)"
    return ""
