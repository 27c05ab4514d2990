"""The report as Markdown: every section of ``sections.parts``, in its order. Every text goes
through ``markdown_inline`` (``words`` inside a line, ``sentence`` for a paragraph), so it
shows its words and can never make markup of its own."""

from __future__ import annotations

from footcare.domain.figures import plural
from footcare.domain.report.facts import Report
from footcare.domain.report.sections import Part, parts
from footcare.domain.text import markdown_inline as sentence


def words(value: str) -> str:
    """Text after something else on its line (a table cell, after a list item's dash: a
    fact's label is a date or the report's own words, never one that starts a block)."""
    return sentence(value, inside=True)


def header(r: Report) -> list[str]:
    who = f"Name: {words(r.owner.name)}." if r.owner.name else "Name: not given."
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


def drawn(part: Part) -> list[str]:
    """A section: its title, its facts as a table or a list, then its sentences."""
    out = ["", f"## {words(part.title)}", ""]
    if part.head and part.facts:
        out.append("| " + " | ".join(words(h) for h in part.head) + " |")
        out.append("|" + "---|" * len(part.head))
        out += ["| " + " | ".join(words(c) for c in (f.label, *f.cells)) + " |" for f in part.facts]
    else:
        out += [f"- {words(f.label)}: {'; '.join(words(c) for c in f.cells)}" for f in part.facts]
    for said in part.said:
        out += ["", sentence(said)]
    return out


def to_markdown(r: Report) -> str:
    lines = [*header(r)]
    for part in parts(r):
        lines += drawn(part)
    lines += [
        "",
        "---",
        "Self-reported by the patient with footcare, a self-care aid; not a diagnosis.",
        "",
    ]
    return "\n".join(lines)
