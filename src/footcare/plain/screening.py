"""The safety questions, asked as lines of text in the app's order, and the refusal."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from footcare.domain import plain_words as words
from footcare.domain.advice import go_ahead_status, refusal
from footcare.domain.errors import CheckTooEarly
from footcare.domain.routine import Routine
from footcare.domain.screening import (
    PROFESSIONAL_CHECK_ITEM,
    ItemState,
    ReasonKind,
    Tier,
    Verdict,
)
from footcare.domain.todo import to_do
from footcare.domain.wording import everyone_needs
from footcare.plain.prompts import Prompts

if TYPE_CHECKING:
    from footcare.services.plain_session import Gate


def refuse(ask: Prompts, verdict: Verdict, emergency: str) -> int:
    """Say why no session today (or what is still to do) and return the refusal's status."""
    left = to_do(verdict)
    if left.held():
        ask.say("", left.held())
        for line in refusal(verdict, emergency):
            ask.say(f"{line.label}: {line.text}" if line.label else line.text)
    else:
        ask.say("", words.not_yet(left.says()))
        ask.say(*(f"- {line}" for line in left.lines()))
    return words.REFUSED


def screen(ask: Prompts, gate: Gate, routine: Routine) -> Verdict:
    """Ask what is open, in the app's order; stop at the first "no massage today"."""
    verdict = gate.verdict(routine)
    ask.say("", words.SAFETY_QUESTIONS)
    if any(r.kind is ReasonKind.UNREADABLE for r in verdict.reasons):
        return verdict
    for sign in verdict.pending_signs[-1:]:
        ask.say(words.sign_noted(sign.day.isoformat(), sign.what))
        if ask.yes_no(words.CHECKED_SINCE):
            day = ask.ask_date(words.CHECK_DATE)
            if day is not None:
                record_go_ahead(ask, gate, routine, PROFESSIONAL_CHECK_ITEM, day)
        verdict = gate.verdict(routine)
        if verdict.pending_signs:
            return verdict
    for state in verdict.items:
        item = state.item
        if item.tier is Tier.BLOCK:
            if gate.held_yes(item.id):
                ask.say(words.answered_yes(item.question))
                if not ask.yes_no(words.WAS_A_MISTAKE):
                    return gate.verdict(routine)
                gate.answer_block(item.id, False, confirmed=True)
                continue
            answer = ask.yes_no(item.question)
            if answer is None:
                return gate.verdict(routine)
            gate.answer_block(item.id, answer)
            if answer:
                return gate.verdict(routine)
        elif item.tier is Tier.CLEARANCE and not state.ok:
            go_ahead(ask, gate, routine, state.item.id)
    return remind(ask, gate, routine)


def remind(ask: Prompts, gate: Gate, routine: Routine) -> Verdict:
    """The reminders, all at once, acknowledged by one Enter."""
    reminders = [s.item for s in gate.verdict(routine).items if s.item.tier is Tier.REMIND]
    ask.say("", words.BEFORE_YOU_START)
    for item in reminders:
        ask.say(f"- {item.question} {item.advice}")
    read = ask.ask(words.HAVE_READ)
    if read is not None and read.lower() in words.READ:
        for item in reminders:
            gate.acknowledge(item.id, True)
    return gate.verdict(routine)


def go_ahead(ask: Prompts, gate: Gate, routine: Routine, item_id: str) -> None:
    """One precaution that needs a professional's go-ahead: does it apply, and since when."""
    state = gate.verdict(routine).item(item_id)
    if state is None or state.ok:
        return
    item = state.item
    if state.state is not ItemState.UNANSWERED:
        ask.say(go_ahead_status(state))
    if item.everyone:
        said = ask.yes_no(f"{item.question} {words.SAID_IT_SUITS}")
        if said:
            day = ask.ask_date(words.WHEN_SAID)
            if day is not None:
                record_go_ahead(ask, gate, routine, item.id, day)
        elif said is False:
            ask.say(everyone_needs("answer y here to record the date"))
        return
    applies = ask.yes_no(item.question)
    if applies is False:
        gate.record_go_ahead(item.id, False, ask.today())
    elif applies:
        day = ask.ask_date(words.WHEN_FINE)
        if day is not None:
            record_go_ahead(ask, gate, routine, item.id, day)
        else:
            ask.say(item.advice)


def record_go_ahead(ask: Prompts, gate: Gate, routine: Routine, item_id: str, day: date) -> None:
    """A go-ahead the person dated; a check dated before a sign it would answer is said to be
    not recorded, and why; one that does not count (too old: expired) is said at once, as
    the app's question says it."""
    try:
        gate.record_go_ahead(item_id, True, day)
    except CheckTooEarly as exc:
        ask.say(str(exc))
        return
    state = gate.verdict(routine).item(item_id)
    if state is not None and not state.ok:
        ask.say(go_ahead_status(state))
