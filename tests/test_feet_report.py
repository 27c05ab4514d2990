"""Issue 20 in the clinician's report: a pair of feet beside the warning-sign table, marking
where signs were logged, in black and white, on one A4 page with the table."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from footcare.domain.journal import FINDINGS
from footcare.domain.report.facts import SignLine
from footcare.domain.report.feet_map import counts, feet_map
from footcare.domain.report.owner import Owner
from footcare.domain.report.page import to_html
from footcare.domain.signs import WarningSign
from printing import CHROMIUM, pdf_pages, print_to_pdf
from reportdata import START, TODAY, crowded, ninety_days

AT = datetime(2026, 11, 1, 9, 0)


def line(finding: str, side: str) -> SignLine:
    sign = WarningSign(finding, side, AT, AT, f"e-{finding}-{side}")
    return SignLine(sign, checked=None, entry_deleted=False, before_period=False)


def hatched_feet(figure: str) -> int:
    """How many feet are hatched: each hatched foot's lines are one group of them."""
    return figure.count('<g stroke="#000" stroke-width="1.6">')


def words(figure: str) -> str:
    caption = figure.split("<figcaption", 1)[1]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", caption))


signs = st.lists(
    st.builds(
        line, st.sampled_from(sorted(FINDINGS)), st.sampled_from(("left", "right", "both", "yes"))
    ),
    max_size=12,
)


@settings(max_examples=100, deadline=None)
@given(signs)
def test_each_sign_is_counted_on_its_foot_both_on_each(lines: list[SignLine]) -> None:
    by_foot, elsewhere = counts(lines)
    for side in ("left", "right"):
        assert sum(by_foot[side].values()) == sum(1 for s in lines if s.sign.side in (side, "both"))
    assert sum(elsewhere.values()) == sum(1 for s in lines if s.sign.side == "yes")
    figure = feet_map(lines)
    assert hatched_feet(figure) == sum(1 for side in ("left", "right") if by_foot[side])
    assert "url(" not in figure and "http" not in figure  # the page fetches nothing


def test_the_hatched_foot_is_the_one_with_the_sign_and_words_say_which() -> None:
    figure = feet_map([line("redness", "right"), line("redness", "right"), line("pus", "yes")])
    assert hatched_feet(figure) == 1
    right = figure.index(">Right foot<")
    assert figure.rfind('<g stroke="#000" stroke-width="1.6">', 0, right) > figure.find(
        ">Left foot<"
    )  # the hatching is drawn just before the right foot's label
    said = words(figure)
    assert "Left foot: no warning sign." in said
    assert "Right foot: redness ×2." in said
    assert "Not tied to a foot: pus" in said
    assert ">2 warning signs<" in figure


def test_no_signs_no_hatching() -> None:
    figure = feet_map([])
    assert hatched_feet(figure) == 0
    assert figure.count(">none<") == 2


def test_the_report_shows_the_feet_beside_the_warning_sign_table() -> None:
    entries, record = ninety_days()
    page = to_html(entries, TODAY, START, record=record, owner=Owner("Alex", None))
    section = page[page.index('<section id="safety">') :]
    section = section[: section.index("</section>")]
    table_end = section.index("</table>")
    figure = section.index('<figure class="feet-map"')
    assert table_end < figure  # after the table in the text, beside it on the page
    assert 'class="signs" style="display:flex' in section
    assert "Left foot:" in section and "Right foot:" in section


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (apt-get install chromium)")
def test_the_table_and_the_feet_print_on_one_a4_page(tmp_path: Path) -> None:
    entries, record = crowded()  # the table as full as it gets
    page = to_html(entries, TODAY, START, record=record, owner=Owner("A" * 80, None))
    safety = page.index('<section id="safety">')
    only = page[: page.index("</section>", safety) + len("</section>")] + "</body></html>"
    assert "feet-map" in only
    html = tmp_path / "signs.html"
    html.write_text(only, encoding="utf-8")
    pdf = tmp_path / "signs.pdf"
    print_to_pdf(html, pdf, tmp_path / "profile")
    assert pdf_pages(pdf) == 1
