"""The report as one self-contained, printable HTML page with inline SVG charts.

Nothing is fetched: no links, scripts, fonts or images, and a Content-Security-Policy that
refuses them all anyway. Every text from an entry, the safety record or config.toml is
cleaned and escaped (``html.escape``, quotes too), so a note can show any words but never
make a tag or an attribute. Lists are capped so three months fit on two A4 pages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from html import escape

from footcare.domain.charts import Pairs, Series, day_label, ratings_chart, sessions_chart
from footcare.domain.charts import weeks_chart as weeks_svg
from footcare.domain.figures import plural
from footcare.domain.journal import SYMPTOMS
from footcare.domain.report.facts import Report, SignLine, rendered
from footcare.domain.report.feet_map import feet_map
from footcare.domain.report.style import CSS
from footcare.domain.signs import Urgency
from footcare.domain.text import clean
from footcare.domain.trends import (
    HELPING_CAVEAT,
    HELPING_MINIMUM,
    around_text,
    median,
    months_text,
    short,
    signed_short,
)

SIGNS = 10
BLOCKED_DAYS = 16
NOTES = 8
"""Notes and reasons for stopping early, together: the latest ones."""
NOTE_CHARS = 170
SUGAR_READINGS = 5
LISTED = 3
"""Routines and lotions named in the report (the most used)."""
POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
TITLE = "Foot massage and symptom journal"


def text(value: str, limit: int = 0) -> str:
    """Entry text for the page: cleaned, one line (line breaks as " / "), escaped."""
    lines = [line.strip() for line in clean(value, multiline=True).split("\n")]
    joined = " / ".join(line for line in lines if line).replace("\t", " ")
    if limit and len(joined) > limit:
        joined = joined[: limit - 1].rstrip() + "…"
    return escape(joined, quote=True)


def _name(rating: str) -> str:
    return "Sleep interference" if rating == "sleep" else rating.capitalize()


def header(r: Report) -> str:
    name = text(r.owner.name) or '<span class="blank"></span>'
    born = r.owner.born.isoformat() if r.owner.born else '<span class="blank"></span>'
    return (
        f"<header><h1>{TITLE}</h1>"
        '<div class="who">'
        f"<span><b>Name:</b> {name}</span>"
        f"<span><b>Date of birth:</b> {born}</span>"
        f"<span><b>Period:</b> {r.start.isoformat()} to {r.end.isoformat()} "
        f"({plural(r.days, 'day')})</span></div>"
        '<p class="small">All ratings are self-reported on 0–10 scales: 0 is none (or normal '
        "feeling, or sleep not disturbed), 10 the worst; lower is better on every scale.</p>"
        "</header>"
    )


def _sign_row(line: SignLine) -> str:
    s = line.sign
    if not s.blocks_sessions:
        since = "does not block sessions"
    elif line.checked is not None:
        since = f"checked by a professional on {line.checked.isoformat()}"
    else:
        since = "no check recorded yet: <b>sessions blocked</b>"
    if line.before_period:
        since += "; noted before this period, still open"
    if line.entry_deleted:
        since += "; its journal entry was deleted (the sign stays on record)"
    urgent = ' class="sign-urgent"' if s.urgency is not Urgency.SOON else ""
    return (
        f'<tr{urgent}><td class="d">{s.day.isoformat()}</td><td>{text(s.what)}</td>'
        f'<td class="d">{escape(s.urgency.value)}</td><td>{since}</td></tr>'
    )


def safety(r: Report) -> str:
    out = ['<section id="safety"><h2>Warning signs and blocked days</h2>']
    if r.signs or r.trend_flags:
        out.append(
            '<div class="signs" style="display:flex;gap:1em;align-items:flex-start;'
            'break-inside:avoid">'
            '<div style="flex:1 1 auto;min-width:0">'
            "<table><thead><tr><th>noticed</th><th>warning sign</th><th>urgency</th>"
            "<th>since then</th></tr></thead><tbody>"
        )
        shown = list(r.signs)[-SIGNS:]
        out += [_sign_row(line) for line in shown]
        out += [
            f'<tr><td class="d">{f.day.isoformat()}</td><td>{text(f.what)}</td>'
            f'<td class="d">{escape(f.urgency.value)}</td><td>{text(f.action)}</td></tr>'
            for f in r.trend_flags
        ]
        out.append("</tbody></table></div>")
        out.append(feet_map(r.signs) + "</div>")  # beside the table: where the signs were
        if len(r.signs) > SIGNS:
            hidden = list(r.signs)[:-SIGNS]
            still = sum(1 for h in hidden if h.sign.blocks_sessions and h.checked is None)
            open_ = f", <b>{still} of them with no check recorded yet</b>" if still else ""
            out.append(
                f"<p>And {len(hidden)} earlier warning signs, from "
                f"{hidden[0].sign.day.isoformat()} to {hidden[-1].sign.day.isoformat()}"
                f"{open_}.</p>"
            )
    else:
        out.append("<p>No warning signs were noted in this period.</p>")
    for problem in r.record_problems:
        out.append(f"<p><b>The safety record could not be read:</b> {text(problem, 400)}</p>")
    if r.blocked:
        days = [b.day.isoformat() for b in r.blocked[-BLOCKED_DAYS:]]
        more = len(r.blocked) - len(days)
        asked = Counter(item for b in r.blocked for item in b.items)
        why = "; ".join(f"{text(item)} ({plural(n, 'day')})" for item, n in asked.most_common())
        out.append(
            f"<p><b>Blocked days</b> ({len(r.blocked)}: a safety question answered yes, so "
            f"no massage that day): {', '.join(days)}"
            f"{f' and {more} earlier' if more > 0 else ''}. Answered yes: {why}.</p>"
        )
    else:
        out.append("<p>No day was blocked by a safety question.</p>")
    out.append("</section>")
    return "".join(out)


def helping(r: Report) -> str:
    rows = "".join(
        f"<tr><td>{_name(h.name)}</td><td>{escape(around_text(h.around))}</td>"
        f"<td>{escape(months_text(h.months))}</td></tr>"
        for h in r.helping
    )
    return (
        '<section id="helping"><h2>Is it helping? What changed in these ratings</h2>'
        "<table><thead><tr><th>rating</th><th>around a session: after − before</th>"
        "<th>first 30 days with ratings → last 30</th></tr></thead>"
        f"<tbody>{rows}</tbody></table><p>{escape(r.rated_words())}</p>"
        f'<p class="small">{escape(HELPING_CAVEAT)} {escape(HELPING_MINIMUM)}</p></section>'
    )


def charts(r: Report) -> str:
    series = []
    for name in (*SYMPTOMS, "sleep"):
        points = r.daily(name)
        if points:
            average = sum(v for _, v in points) / len(points)
            series.append(Series(_name(name).split()[0], points, f"average {short(average)}"))
    out = ['<section id="ratings"><h2>Ratings over the period</h2>']
    if series:
        out.append(
            '<p class="small">Each day’s rating right now (before a session, or on its own); '
            "sleep as rated that day.</p>"
        )
        out.append(ratings_chart(series, r.start, r.end, "Ratings over the period"))
    else:
        out.append("<p>No ratings in this period.</p>")
    out.append("</section>")
    panels = []
    for symptom in SYMPTOMS:
        pairs = r.pairs(symptom)
        if pairs:
            middle = median([a - b for _, b, a in pairs])
            note = f"median {signed_short(middle)}" if middle is not None else ""
            panels.append(Pairs(symptom.capitalize(), pairs, note))
    out.append('<section id="around"><h2>Before and after each session</h2>')
    if panels:
        out.append(sessions_chart(panels, r.start, r.end, "Before and after each session"))
    else:
        out.append("<p>No session in this period was rated both before and after.</p>")
    out.append("</section>")
    return "".join(out)


def sessions(r: Report) -> str:
    causes = r.stop_causes()
    detail = f" ({', '.join(f'{escape(w)} {n}' for w, n in causes)})" if causes else ""
    minutes = r.minutes_per_foot()
    routines = r.routines()
    lotions = r.lotions()
    items = [
        f"<li>Days with a session: <b>{len(r.session_days)} of {r.days}</b> (goal: daily)</li>",
        f"<li>Sessions stopped early: {len(r.early)}{detail}</li>",
        "<li>Minutes per foot, average: "
        + (short(minutes) if minutes is not None else "–")
        + "</li>",
        f"<li>Routines: {_counted(routines, 'none')}</li>",
        f"<li>Lotion or oil: {_counted(lotions, 'none noted')}</li>",
    ]
    return f"<div><h3>Sessions</h3><ul>{''.join(items)}</ul></div>"


def _counted(names: Sequence[tuple[str, int]], empty: str) -> str:
    """ "standard 20, gentle 3": the most used first, at most LISTED of them."""
    if not names:
        return empty
    shown = ", ".join(f"{text(n, 32) or 'unnamed'} {c}" for n, c in names[:LISTED])
    more = len(names) - LISTED
    return shown + (f" and {plural(more, 'other')}" if more > 0 else "")


def care(r: Report) -> str:
    c = r.care
    noted = c.footwear_yes + c.footwear_no
    sleep = r.sleep()
    weekly = r.weekly_answers()
    sugar = "not noted"
    if c.blood_sugar:
        latest = "; ".join(
            f"{day_label(d)} {text(v, 32)}" for d, v in reversed(c.blood_sugar[-SUGAR_READINGS:])
        )
        sugar = f"noted on {plural(len(c.blood_sugar), 'day')}; latest: {latest}"
    items = [
        "<li>Supportive footwear: "
        + (f"worn on {c.footwear_yes} of {plural(noted, 'day')} noted" if noted else "not noted")
        + "</li>",
        "<li>Gentle exercise: "
        + (
            f"{plural(c.exercise_days, 'day')}, {c.exercise_minutes} minutes in all"
            if c.exercise_days
            else "not noted"
        )
        + "</li>",
        f"<li>Blood sugar: {sugar}</li>",
        "<li>Next medical follow-up: "
        + (
            f"<b>{c.follow_up.isoformat()}</b> (noted {c.follow_up_noted.isoformat()})"
            if c.follow_up and c.follow_up_noted
            else "not noted"
        )
        + "</li>",
        "<li>Sleep interference, average: "
        + (f"{sum(sleep) / len(sleep):.1f} of 10" if sleep else "not rated")
        + "</li>",
        "<li>Weekly overall change: "
        + (
            f"latest {weekly[-1][0].isoformat()}: <b>{escape(weekly[-1][1])}</b> "
            f"(answered {plural(len(weekly), 'time')})"
            if weekly
            else "not answered"
        )
        + "</li>",
    ]
    return f"<div><h3>Daily care</h3><ul>{''.join(items)}</ul></div>"


def adherence(r: Report) -> str:
    return (
        '<section id="adherence"><h2>Sessions and daily care</h2>'
        + weeks_svg(r.weeks, "Days with a session, week by week")
        + f'<div class="two">{sessions(r)}{care(r)}</div></section>'
    )


def notes(r: Report) -> str:
    """The latest notes and reasons for stopping early, oldest first, each cut short."""
    said: list[tuple[date, int, str]] = [
        (
            stop.day,
            0,
            f"stopped early{f' ({escape(stop.cause)})' if stop.cause else ''}: "
            + " — ".join(parts)
            + (f" ({escape(stop.done)})" if stop.done else ""),
        )
        for stop in r.stopped_reasons()
        if (parts := [w for one in stop.said if (w := text(one, NOTE_CHARS))])
    ]
    said += [(day, 1, words) for day, note in r.notes() if (words := text(note, NOTE_CHARS))]
    said.sort(key=lambda item: (item[0], item[1]))
    if not said:
        return ""
    shown = said[-NOTES:]
    items = "".join(f"<li><b>{day.isoformat()}</b>: {words}</li>" for day, _, words in shown)
    more = len(said) - len(shown)
    tail = (
        f'<p class="small">{plural(more, "earlier note")} in the full export (CSV or JSON).</p>'
        if more
        else ""
    )
    return f'<section id="notes" class="notes"><h2>Notes</h2><ul>{items}</ul>{tail}</section>'


def page(r: Report) -> str:
    who = f" — {name}" if (name := text(r.owner.name)) else ""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{TITLE}{who}, {r.start.isoformat()} to {r.end.isoformat()}</title>",
        f"<style>{CSS}</style></head><body>",
        header(r),
        safety(r),
        helping(r),
        charts(r),
        adherence(r),
        notes(r),
        "<footer>Self-reported by the patient with footcare, a self-care aid; not a "
        f"diagnosis. Made on {r.end.isoformat()}.</footer>",
        "</body></html>",
        "",
    ]
    return "\n".join(parts)


to_html = rendered(page)
"""The printable report from ``since`` (or the first entry) to ``today``."""
