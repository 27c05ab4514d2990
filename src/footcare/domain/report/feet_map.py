"""The report's pair of feet: where warning signs were logged, beside their table.

The foot check records a side (left, right, both), not a place on the foot, so a foot
with signs is hatched as a whole and labelled with how many; the words under the picture
name them. Black and white: hatching, a thicker outline and words, never colour alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from html import escape

from footcare.domain.feet.shapes import BODY, TOES, part
from footcare.domain.journal import FINDINGS
from footcare.domain.report.facts import SignLine

FOOT_W, FOOT_H = 64.0, 128.0
"""One foot's drawing, in SVG units (the outline's unit square scaled)."""
GAP = 48.0
MARGIN = 14.0
TOP, LABELS = 6.0, 34.0
WIDTH = 2 * FOOT_W + GAP + 2 * MARGIN
HEIGHT = TOP + FOOT_H + LABELS
SIDES = ("left", "right")


def counts(signs: Sequence[SignLine]) -> tuple[dict[str, Counter[str]], Counter[str]]:
    """Findings by foot ("both" counts on each), and those not tied to a foot."""
    by_foot: dict[str, Counter[str]] = {side: Counter() for side in SIDES}
    elsewhere: Counter[str] = Counter()
    for line in signs:
        sign = line.sign
        feet = SIDES if sign.side == "both" else (sign.side,) if sign.side in SIDES else ()
        for foot in feet:
            by_foot[foot][sign.finding] += 1
        if not feet:
            elsewhere[sign.finding] += 1
    return by_foot, elsewhere


def _outline(x0: float, mirrored: bool) -> str:
    """The foot seen from above as an SVG path and ellipses (the left foot; the right one
    mirrored), big toe on the inner side."""

    def at(x: float, y: float) -> tuple[float, float]:
        return x0 + (1 - x if mirrored else x) * FOOT_W, TOP + y * FOOT_H

    points = " ".join(f"{px:.1f},{py:.1f}" for px, py in (at(x, y) for x, y in BODY))
    toes = "".join(
        f'<ellipse cx="{at(cx, cy)[0]:.1f}" cy="{at(cx, cy)[1]:.1f}" '
        f'rx="{rx * FOOT_W:.1f}" ry="{ry * FOOT_H:.1f}"/>'
        for cx, cy, rx, ry in TOES
    )
    return f'<polygon points="{points}"/>{toes}'


HATCH = 0.09
"""Between the hatching's lines, in the unit square's widths."""


def _hatching(x0: float, mirrored: bool) -> str:
    """Diagonal lines across the foot's outline: its fill, drawn line by line (a pattern
    fill would need url(), which the page never uses)."""
    segments = []
    steps = 240
    offset = -1.0
    while offset < 1.0:
        run: list[tuple[float, float]] = []
        for i in range(steps + 1):
            y = i / steps
            x = offset + y * 0.5  # FOOT_H is twice FOOT_W: this is 45 degrees on the page
            if 0 <= x <= 1 and part("top", x, y) is not None:
                run.append((x, y))
            elif run:
                segments.append((run[0], run[-1]))
                run = []
        if run:
            segments.append((run[0], run[-1]))
        offset += HATCH
    lines = []
    for (xa, ya), (xb, yb) in segments:
        if (xa, ya) == (xb, yb):
            continue
        ax = x0 + (1 - xa if mirrored else xa) * FOOT_W
        bx = x0 + (1 - xb if mirrored else xb) * FOOT_W
        lines.append(
            f'<line x1="{ax:.1f}" y1="{TOP + ya * FOOT_H:.1f}" '
            f'x2="{bx:.1f}" y2="{TOP + yb * FOOT_H:.1f}"/>'
        )
    return f'<g stroke="#000" stroke-width="1.6">{"".join(lines)}</g>'


def _names(found: Counter[str]) -> str:
    return ", ".join(
        f"{escape(FINDINGS.get(key, key))}" + (f" ×{n}" if n > 1 else "")
        for key, n in sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))
    )


def feet_map(signs: Sequence[SignLine]) -> str:
    """The pair of feet as a <figure>: inline SVG, and the same in words below it."""
    by_foot, elsewhere = counts(signs)
    parts = [
        f'<svg role="img" aria-labelledby="feet-map-words" width="{WIDTH:.0f}" '
        f'height="{HEIGHT:.0f}" viewBox="0 0 {WIDTH:.0f} {HEIGHT:.0f}" '
        ">"
    ]
    for index, side in enumerate(SIDES):
        x0 = MARGIN + index * (FOOT_W + GAP)
        n = sum(by_foot[side].values())
        width = 2.5 if n else 1
        shapes = _outline(x0, mirrored=side == "right")
        # the outline of all the shapes together: stroked twice as wide, then filled over
        parts.append(
            f'<g fill="#000" stroke="#000" stroke-width="{2 * width}">{shapes}</g>'
            f'<g fill="#fff" stroke="none">{shapes}</g>'
        )
        if n:
            parts.append(_hatching(x0, mirrored=side == "right"))
        middle = x0 + FOOT_W / 2
        said = f"{n} warning sign{'s' if n != 1 else ''}" if n else "none"
        parts.append(
            f'<text x="{middle:.1f}" y="{TOP + FOOT_H + 14:.1f}" text-anchor="middle" '
            f'font-size="11" font-weight="bold">{side.capitalize()} foot</text>'
            f'<text x="{middle:.1f}" y="{TOP + FOOT_H + 28:.1f}" text-anchor="middle" '
            f'font-size="10">{said}</text>'
        )
    parts.append("</svg>")
    words = [
        f"<b>{side.capitalize()} foot:</b> {_names(by_foot[side]) or 'no warning sign'}."
        for side in SIDES
    ]
    if elsewhere:
        words.append(f"<b>Not tied to a foot:</b> {_names(elsewhere)}.")
    return (
        '<figure class="feet-map" style="margin:0.3em 0 0;flex:0 0 auto;max-width:15em">'
        + "".join(parts)
        + '<figcaption id="feet-map-words" class="small">'
        + "<br>".join(words)
        + " Hatched: a foot with a warning sign (the check records the foot, not the place "
        "on it).</figcaption></figure>"
    )
