"""A journal file that can't be read is named at the top of the clinician's report, as
missing from it: from `journal export` and from the app's export (x) alike. A month
with no entries must not read as a month with no symptoms."""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from html import unescape
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apphelpers import NOW, make_app, make_paths, pressed
from footcare.domain.export import to_markdown
from footcare.domain.journal import Entry, Ratings
from footcare.domain.report.page import to_html
from ptyterm import app_env, footcare_command

MISSING = "Part of the journal could not be read, and its entries are missing from this report"


@given(
    problems=st.lists(
        st.from_regex(
            r"/[a-z]{1,8}/20[0-9]{2}-[01][0-9]\.toml: [a-z]{1,9}( [a-z]{1,9}){0,3}", fullmatch=True
        ),
        max_size=3,
    )
)
def test_each_unread_file_is_named_before_anything_else_in_both_reports(
    problems: list[str],
) -> None:
    entries = [Entry("e", datetime(2026, 11, 20, 9), before=Ratings(pain=3))]
    today = date(2026, 11, 30)
    markdown = to_markdown(entries, today, date(2026, 11, 1), unread=problems)
    page = unescape(to_html(entries, today, date(2026, 11, 1), unread=problems))
    for report in (markdown, page):
        assert report.count(MISSING) == len(problems)
        for problem in problems:
            at = report.index(problem)
            assert report.index("Is it helping?") > at  # before the first section after it


def broken_month(root: Path) -> tuple[Path, Path]:
    """A journal with one entry read and one month that does not parse."""
    paths = make_paths(root)
    journal = paths.data / "journal"
    journal.mkdir(parents=True)
    (journal / f"{NOW:%Y-%m}.toml").write_text(
        f'[[entries]]\nid = "a"\nat = {NOW:%Y-%m-%dT%H:%M:%S}\nbefore = {{ pain = 3 }}\n',
        encoding="utf-8",
    )
    broken = journal / "2026-10.toml"
    broken.write_text('entries = [ { id = "b", note = "x "y" z" } ]\n', encoding="utf-8")
    return paths.config, broken


@pytest.mark.parametrize("form", ["markdown", "html"])
def test_journal_export_names_the_month_it_could_not_read(tmp_path: Path, form: str) -> None:
    config, broken = broken_month(tmp_path)
    command = [*footcare_command(), "journal", "export", "--format", form]
    env = app_env(config, broken.parent.parent)
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    shown = unescape(result.stdout)
    assert MISSING in shown and f"{broken.name}:1: not valid TOML" in shown


async def test_the_apps_export_names_it_too(tmp_path: Path) -> None:
    _, broken = broken_month(tmp_path)
    paths = make_paths(tmp_path)
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "j", "x")
    (markdown,) = paths.reports.glob("*.md")
    text = markdown.read_text(encoding="utf-8")
    assert MISSING in text and broken.name in text
