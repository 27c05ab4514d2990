"""The report as Markdown: warning signs and blocked days first, then what changed, the
symptoms, the sessions, daily care and notes. Every text from an entry or a file goes through
``markdown_inline``, so it shows its words and can never make markup of its own."""

from __future__ import annotations

from datetime import timedelta

from footcare.domain.figures import mean, one_decimal, plural
from footcare.domain.journal import SYMPTOMS
from footcare.domain.report.facts import Report, SignLine
from footcare.domain.text import markdown_inline as md
from footcare.domain.trends import (
    HELPING_CAVEAT,
    HELPING_MINIMUM,
    around_text,
    months_text,
)

NOTES = 12
SUGAR_READINGS = 8


def header(r: Report) -> list[str]:
    who = f"Name: {md(r.owner.name)}." if r.owner.name else "Name: not given."
    born = f" Date of birth: {r.owner.born.isoformat()}." if r.owner.born else ""
    return [
        "# Foot massage and symptom journal",
        "",
        f"{who}{born}",
        "",
        f"Period: {r.start.isoformat()} to {r.end.isoformat()} "
        f"({plural(r.days, 'day')}). "
        "All ratings are self-reported on 0–10 scales (0 = none or normal feeling).",
    ]


def sign_text(line: SignLine) -> str:
    s = line.sign
    text = f"{s.day.isoformat()} ({s.urgency.value}): {md(s.what)}"
    if s.blocks_sessions:
        if line.checked is not None:
            text += f"; checked by a professional on {line.checked.isoformat()}"
        else:
            text += "; sessions blocked until a professional's check is recorded"
    if line.before_period:
        text += "; noted before this period and still open"
    if line.entry_deleted:
        text += "; its journal entry was deleted, the sign stays on record"
    return text


def safety(r: Report) -> list[str]:
    out = ["", "## Warning signs and blocked days", ""]
    out += [f"- {sign_text(line)}" for line in r.signs]
    out += [f"- {f.day.isoformat()} ({f.urgency.value}): {md(f.what)}" for f in r.trend_flags]
    if not r.signs and not r.trend_flags:
        out.append("- None noted.")
    for problem in r.record_problems:
        out.append(f"- The safety record could not be read: {md(problem)}")
    out.append("")
    if r.blocked:
        days = "; ".join(
            f"{b.day.isoformat()} ({', '.join(md(i) for i in b.items)})" for b in r.blocked
        )
        out.append(
            f"Days a safety question was answered yes, so no massage that day "
            f"({len(r.blocked)}): {days}."
        )
    else:
        out.append("No day was blocked by a safety question.")
    return out


def helping(r: Report) -> list[str]:
    out = [
        "",
        "## Is it helping?",
        "",
        "| rating | around a session: after − before | first month → last month |",
        "|---|---|---|",
    ]
    for h in r.helping:
        out.append(f"| {h.name} | {around_text(h.around)} | {months_text(h.months)} |")
    return [*out, "", r.rated_words(), "", f"{HELPING_CAVEAT} {HELPING_MINIMUM}"]


def symptoms(r: Report) -> list[str]:
    rated = [e for e in r.rows if not e.before.empty]
    out: list[str] = []
    if rated:
        first_end = r.start + timedelta(days=6)
        last_start = r.end - timedelta(days=6)
        out += [
            "",
            "## Symptoms over the period (every entry)",
            "",
            "| symptom | average | first 7 days | last 7 days | lowest–highest |",
            "|---|---|---|---|---|",
        ]
        for symptom in SYMPTOMS:
            values = [(e.day, v) for e in rated if (v := e.before.get(symptom)) is not None]
            if not values:
                continue
            every = [v for _, v in values]
            first = [v for d, v in values if d <= first_end]
            last = [v for d, v in values if d >= last_start]
            out.append(
                f"| {symptom} | {one_decimal(mean(every))} | {one_decimal(mean(first))} | "
                f"{one_decimal(mean(last))} | {min(every)}–{max(every)} |"
            )
    sleep = r.sleep()
    weekly = r.weekly_answers()
    if (sleep or weekly) and not rated:
        out += ["", "## Symptoms over the period (every entry)"]
    if sleep:
        out += ["", f"Sleep interference, average: {sum(sleep) / len(sleep):.1f} of 10."]
    if weekly:
        day, words = weekly[-1]
        out += [
            "",
            f"Latest weekly overall change ({day.isoformat()}): {words}. "
            f"Answered {plural(len(weekly), 'time')} in the period.",
        ]
    return out


def sessions(r: Report) -> list[str]:
    out = [
        "",
        "## Sessions",
        "",
        f"- Days with a session: {len(r.session_days)} of {r.days} (goal: daily)",
    ]
    if r.weeks:
        per_week = ", ".join(
            str(w.done) if w.days == 7 else f"{w.done} of {w.days}" for w in r.weeks
        )
        out.append(f"- Days with a session, week by week from {r.start.isoformat()}: {per_week}")
    causes = r.stop_causes()
    detail = f" ({', '.join(f'{words} {n}' for words, n in causes)})" if causes else ""
    out.append(f"- Sessions stopped early: {len(r.early)}{detail}")
    minutes = r.minutes_per_foot()
    if minutes is not None:
        out.append(f"- Average minutes per foot: {minutes:.1f}")
    routines = r.routines()
    if routines:
        out.append(
            "- Routines: " + ", ".join(f"{md(name) or 'unnamed'} {n}" for name, n in routines)
        )
    lotions = r.lotions()
    out.append(
        "- Lotion or oil: "
        + (", ".join(f"{md(name)} {n}" for name, n in lotions) if lotions else "none noted")
    )
    before, after = r.around()
    if before or after:
        out += [
            "",
            "Average ratings around sessions:",
            "",
            "| symptom | before | after | change |",
            "|---|---|---|---|",
        ]
        for symptom in SYMPTOMS:
            b, a = before.get(symptom), after.get(symptom)
            if b is None and a is None:
                continue
            change = "–" if b is None or a is None else f"{a - b:+.1f}"
            out.append(f"| {symptom} | {one_decimal(b)} | {one_decimal(a)} | {change} |")
    elif not r.sessions:
        out.append("- No sessions in this period.")
    return out


def care(r: Report) -> list[str]:
    c = r.care
    noted = c.footwear_yes + c.footwear_no
    footwear = f"worn on {c.footwear_yes} of {plural(noted, 'day')} noted" if noted else "not noted"
    exercise = (
        f"{plural(c.exercise_days, 'day')}, {c.exercise_minutes} minutes in all"
        if c.exercise_days
        else "not noted"
    )
    if c.blood_sugar:
        latest = c.blood_sugar[-SUGAR_READINGS:]
        sugar = f"noted on {plural(len(c.blood_sugar), 'day')}; " + "; ".join(
            f"{day.isoformat()} {md(value)}" for day, value in reversed(latest)
        )
    else:
        sugar = "not noted"
    follow = (
        f"{c.follow_up.isoformat()} (noted {c.follow_up_noted.isoformat()})"
        if c.follow_up and c.follow_up_noted
        else "not noted"
    )
    return [
        "",
        "## Daily care",
        "",
        f"- Supportive footwear: {footwear}",
        f"- Gentle exercise: {exercise}",
        f"- Blood sugar: {sugar}",
        f"- Next medical follow-up: {follow}",
    ]


def notes(r: Report) -> list[str]:
    reasons = [
        (stop.day, stop.cause, "; ".join(parts) + (f" ({md(stop.done)})" if stop.done else ""))
        for stop in r.stopped_reasons()
        if (parts := [w for said in stop.said if (w := md(said))])
    ]
    written = [(day, words) for day, note in r.notes() if (words := md(note))]
    if not reasons and not written:
        return []
    out = ["", "## Notes", ""]
    out += [
        f"- {day.isoformat()}, stopped early{f' ({cause})' if cause else ''}: {words}"
        for day, cause, words in reasons
    ]
    out += [f"- {day.isoformat()}: {words}" for day, words in written[-NOTES:]]
    if len(written) > NOTES:
        out.append(f"- ({len(written) - NOTES} earlier notes in the full export)")
    return out


def to_markdown(r: Report) -> str:
    lines = [
        *header(r),
        *safety(r),
        *helping(r),
        *symptoms(r),
        *sessions(r),
        *care(r),
        *notes(r),
        "",
        "---",
        "Self-reported by the patient with footcare, a self-care aid; not a diagnosis.",
        "",
    ]
    return "\n".join(lines)
