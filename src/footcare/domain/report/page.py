"""The report as one self-contained, printable HTML page with inline SVG charts.

Nothing is fetched: no links, scripts, fonts or images, and a Content-Security-Policy that
refuses them all anyway. Every text from an entry, the safety record or config.toml is
cleaned and escaped (``html.escape``, quotes too), so a note can show any words but never
make a tag or an attribute. Lists are capped (sections.py) so three months fit on two A4
pages.
"""

from __future__ import annotations

from html import escape

from footcare.domain.charts import Pairs, Series, ratings_chart, sessions_chart
from footcare.domain.charts import weeks_chart as weeks_svg
from footcare.domain.figures import median, one_decimal, plural
from footcare.domain.journal import SYMPTOMS
from footcare.domain.report.facts import Report, rendered
from footcare.domain.report.feet_map import feet_map
from footcare.domain.report.sections import (
    WEEKS_LABEL,
    Part,
    Section,
    cut,
    parts,
    rating_name,
)
from footcare.domain.report.style import CSS
from footcare.domain.trends import signed_short

POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
TITLE = "Foot massage and symptom journal"


def text(value: str, limit: int = 0) -> str:
    """Entry text for the page: cleaned, one line (line breaks as " / "), escaped."""
    return escape(cut(value, limit), quote=True)


words = sentence = text
"""A fact's words, and a sentence after a section's facts, on the page: both ``text``."""


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


def charts(r: Report, section: Section) -> str:
    """The pictures drawn beside a section's facts: the same facts as shapes."""
    if section is Section.SAFETY and (r.signs or r.trend_flags):
        return feet_map(r.signs)
    if section is Section.RATINGS:
        series = []
        for name in (*SYMPTOMS, "sleep"):
            if points := r.daily(name):
                average = sum(v for _, v in points) / len(points)
                series.append(
                    Series(rating_name(name).split()[0], points, f"average {one_decimal(average)}")
                )
        return ratings_chart(series, r.start, r.end, "Ratings over the period") if series else ""
    if section is Section.AROUND:
        panels = []
        for symptom in SYMPTOMS:
            if pairs := r.pairs(symptom):
                middle = median([a - b for _, b, a in pairs])
                note = f"median {signed_short(middle)}" if middle is not None else ""
                panels.append(Pairs(symptom.capitalize(), pairs, note))
        title = "Before and after each session"
        return sessions_chart(panels, r.start, r.end, title) if panels else ""
    return ""


def drawn(r: Report, part: Part) -> str:
    """A section: its title, its facts as a table or a list (a picture of them beside),
    then its sentences."""
    if part.head and part.facts:
        head = "".join(f"<th>{words(h)}</th>" for h in part.head)
        rows = "".join(
            ("<tr class='sign-urgent'>" if f.strong else "<tr>")
            + f'<td class="d">{words(f.label)}</td>'
            + "".join(f"<td>{words(c)}</td>" for c in f.cells)
            + "</tr>"
            for f in part.facts
        )
        facts = f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    elif part.facts:
        items = "".join(
            f"<li><b>{words(f.label)}:</b> {'; '.join(words(c) for c in f.cells)}</li>"
            for f in part.facts
        )
        facts = f"<ul>{items}</ul>"
    else:
        facts = ""
    picture = charts(r, part.section)
    if part.section is Section.SAFETY and picture:
        facts = (
            '<div class="signs" style="display:flex;gap:1em;align-items:flex-start;'
            f'break-inside:avoid"><div style="flex:1 1 auto;min-width:0">{facts}</div>'
            f"{picture}</div>"
        )
    elif picture:
        facts = picture + facts
    said = "".join(f"<p>{sentence(said)}</p>" for said in part.said)
    return f'<section id="{part.section.value}"><h2>{words(part.title)}</h2>{facts}{said}</section>'


SIDE_BY_SIDE = (Section.SESSIONS, Section.CARE)
"""Drawn in two columns under the weeks' chart, so three months print on two A4 pages."""


def sections(r: Report) -> list[str]:
    """Every part, in order; the sessions and daily care beside each other."""
    shown = {part.section: drawn(r, part) for part in parts(r)}
    out = []
    for section, html in shown.items():
        if section is SIDE_BY_SIDE[0]:
            pair = "".join(shown[s] for s in SIDE_BY_SIDE)
            out.append(weeks_svg(r.weeks, WEEKS_LABEL) + f'<div class="two">{pair}</div>')
        elif section not in SIDE_BY_SIDE:
            out.append(html)
    return out


def page(r: Report) -> str:
    who = f" — {name}" if (name := text(r.owner.name)) else ""
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{TITLE}{who}, {r.start.isoformat()} to {r.end.isoformat()}</title>",
        f"<style>{CSS}</style></head><body>",
        header(r),
        *sections(r),
        "<footer>Self-reported by the patient with footcare, a self-care aid; not a "
        f"diagnosis. Made on {r.end.isoformat()}.</footer>",
        "</body></html>",
        "",
    ]
    return "\n".join(lines)


to_html = rendered(page)
"""The printable report from ``since`` (or the first entry) to ``today``."""
