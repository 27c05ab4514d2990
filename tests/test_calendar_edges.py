"""Days counted across a month's end, a year's end, a leap day and a Sunday midnight, for a
"today" given to footcare (never the clock): the month file each entry goes to, the streak,
this week, the weekly question and a period of days, the same through the journal's index
and from the month files alone."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footcare.domain.journal import Entry, SessionFacts
from footcare.storage.journal import JournalStore
from footcare.storage.repository import JournalRepository
from journals import Journal, journal_in

EDGES = [
    date(2026, 12, 13),  # a Sunday
    date(2027, 1, 1),
    date(2027, 3, 1),  # after 28 February, no leap day
    date(2027, 9, 29),
    date(2027, 12, 31),
    date(2028, 1, 1),
    date(2028, 2, 29),
    date(2028, 3, 1),  # the day after a leap day
    date(2030, 7, 1),
]
todays = st.one_of(
    st.tuples(st.sampled_from(EDGES), st.integers(-8, 8)).map(lambda d: d[0] + timedelta(d[1])),
    st.dates(date(2024, 1, 1), date(2032, 12, 31)),
)


def days_back(today: date, k: int) -> date:
    """The day ``k`` days before ``today``, counted one day at a time (not by timedelta)."""
    day = today
    for _ in range(k):
        if day.day > 1:
            day = day.replace(day=day.day - 1)
        elif day.month > 1:
            month = day.month - 1
            last = 31 if month in (1, 3, 5, 7, 8, 10, 12) else 30
            if month == 2:
                leap = day.year % 4 == 0 and (day.year % 100 != 0 or day.year % 400 == 0)
                last = 29 if leap else 28
            day = date(day.year, month, last)
        else:
            day = date(day.year - 1, 12, 31)
    return day


def streak_of(ks: set[int]) -> int:
    """Days in a row with a session ending today, or yesterday when none yet today."""
    k = 0 if 0 in ks else 1
    count = 0
    while k in ks:
        count, k = count + 1, k + 1
    return count


def session_on(day: date, at: time, k: int, weekly: int | None) -> Entry:
    when = datetime.combine(day, at).replace(microsecond=0)
    return Entry(
        id=f"{when:%Y%m%d%H%M%S}-{k:06d}",
        at=when,
        session=SessionFacts("standard", ("left", "right"), 12.5),
        weekly_change=weekly,
    )


def assert_counted(journal: Journal, today: date, ks: set[int], weekly: dict[int, int]) -> None:
    week = {k for k in ks if k <= 6}
    last_weekly = min(weekly, default=None)
    for paths in (journal.indexed, journal.plain):
        repo = JournalRepository.at(paths)
        try:
            counts = repo.counts(today)
            assert counts.streak == streak_of(ks)
            assert counts.this_week == len(week)
            assert counts.sessions == counts.entries == len(ks)
            assert counts.weekly_this_week == any(k <= 6 for k in weekly)
            assert counts.last_weekly == (
                None
                if last_weekly is None
                else (days_back(today, last_weekly), weekly[last_weekly])
            )
            assert repo.streak(today) == (streak_of(ks), 0 in ks)
            period = repo.entries(days_back(today, 6), today)
            assert sorted(e.day for e in period) == sorted(days_back(today, k) for k in week)
        finally:
            repo.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    today=todays,
    run=st.integers(0, 40),
    older=st.integers(0, 10),
    done_today=st.booleans(),
    at=st.sampled_from([time(0, 0, 0), time(0, 0, 1), time(12, 0), time(23, 59, 59)]),
    answers=st.dictionaries(st.integers(0, 50), st.integers(0, 6), max_size=4),
)
def test_days_count_alike_across_any_months_end(
    today: date, run: int, older: int, done_today: bool, at: time, answers: dict[int, int]
) -> None:
    # sessions on the ``run`` days ending today, a day missed, then ``older`` days more
    ks = {k for k in range(run + 1 + older) if k != run and (done_today or k != 0)}
    weekly = {k: v for k, v in answers.items() if k in ks}
    with journal_in() as journal:
        store = JournalStore(journal.indexed)
        for k in sorted(ks, reverse=True):
            store.add(session_on(days_back(today, k), at, k, weekly.get(k)))
        # each entry went to the file of its own month, and only there
        months: dict[str, set[date]] = {}
        for k in ks:
            day = days_back(today, k)
            months.setdefault(f"{day.year:04d}-{day.month:02d}", set()).add(day)
        assert sorted(path.stem for path in store.month_files()) == sorted(months)
        for key, days in months.items():
            found = store.load(since_month=key, until_month=key)
            assert not found.problems
            assert {e.day for e in found.entries} == days
        assert_counted(journal, today, ks, weekly)
