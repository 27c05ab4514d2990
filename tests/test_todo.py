"""What is still to do, from the gate's verdict alone (domain/todo.py): one thing per
question, the reminders as one, one per file that can't be read; where the safety questions
place each (a row drawn, or listed below); and a yes today said in place of any count."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from footcare.domain.screening import (
    CORE_ITEMS,
    FILES_ITEM,
    Answers,
    Clearance,
    ReasonKind,
    Tier,
    evaluate,
)
from footcare.domain.screening_items import REMINDERS_ITEM
from footcare.domain.signs import WarningSign
from footcare.domain.todo import ToDo, to_do

TODAY = date(2026, 3, 15)
BLOCKS = [i for i in CORE_ITEMS if i.tier is Tier.BLOCK]
GO_AHEADS = [i.id for i in CORE_ITEMS if i.tier is Tier.CLEARANCE]
REMINDERS = [i.id for i in CORE_ITEMS if i.tier is Tier.REMIND]
ROWS = [*(i.id for i in CORE_ITEMS if i.tier is not Tier.REMIND), REMINDERS_ITEM.id]
"""The rows the safety questions can draw (the reminders: one row); files have none."""
GIVEN = {"given": (True, 30), "lapsed": (True, 400), "does not apply": (False, 30)}


def answers(
    blocks: dict[str, bool | None], seen: frozenset[str], go_aheads: dict[str, str]
) -> Answers:
    clearances = {
        i: Clearance(i, GIVEN[how][0], TODAY - timedelta(days=GIVEN[how][1]))
        for i, how in go_aheads.items()
        if how in GIVEN
    }
    said = {i: yes for i, yes in blocks.items() if yes is not None}
    return Answers(said, seen, clearances)


DAYS = st.fixed_dictionaries({i.id: st.sampled_from([None, False, True]) for i in BLOCKS})
SEEN = st.frozensets(st.sampled_from(REMINDERS))
GO = st.fixed_dictionaries({i: st.sampled_from(["none", *GIVEN]) for i in GO_AHEADS})
FILES = st.lists(st.text("abc", min_size=1, max_size=3), max_size=3, unique=True)
DRAWN = st.frozensets(st.sampled_from([*ROWS, FILES_ITEM.id]))


@given(blocks=DAYS, seen=SEEN, go_aheads=GO, sign=st.booleans(), files=FILES, drawn=DRAWN)
def test_each_thing_is_counted_once_placed_where_it_is_and_a_yes_said_instead(
    blocks: dict[str, bool | None],
    seen: frozenset[str],
    go_aheads: dict[str, str],
    sign: bool,
    files: list[str],
    drawn: frozenset[str],
) -> None:
    noted = datetime(2026, 3, 10, 9)
    signs = [WarningSign("wound", "left", noted, noted, "w1")] if sign else []
    verdict = evaluate(answers(blocks, seen, go_aheads), TODAY, signs=signs, unreadable=files)
    left = to_do(verdict)
    questions = {r.item.id for r in verdict.reasons if r.item.tier in (Tier.BLOCK, Tier.CLEARANCE)}
    questions.discard(FILES_ITEM.id)
    reminders = [r for r in verdict.reasons if r.item.tier is Tier.REMIND]
    # one per question (its reasons together), the reminders as one, one per file
    assert left.count == len(questions) + bool(reminders) + len(files)
    ids = [o.item.id for o in left.open if o.item is not FILES_ITEM]
    assert sorted(ids) == sorted([*questions, *([REMINDERS_ITEM.id] if reminders else [])])
    assert sum(o.item is FILES_ITEM for o in left.open) == len(files)
    assert all(len(o.reasons) == 1 for o in left.open if o.item is FILES_ITEM)
    together = [o for o in left.open if o.item is REMINDERS_ITEM]
    assert [r for o in together for r in o.reasons] == reminders
    assert sum(len(o.reasons) for o in left.open) == len(verdict.reasons)  # none lost
    assert left.says() == f"{left.count} to do"

    yes = [i.label for i in BLOCKS if blocks[i.id]]
    if yes:  # the day is held whatever else is open: no count can lift it
        held = "No massage today: you answered yes to " + "; ".join(f'"{y}"' for y in yes) + "."
        assert [o.name for o in left.stops] == yes
        assert left.held() == left.where(drawn) == left.headline(drawn) == held
        assert left.lines() == [f"{o.name}: {o.reasons[0].advice}" for o in left.stops]
        assert not any("?" in line for line in left.lines())  # said, not asked
        return
    assert left.stops == () and left.held() == ""
    above = sum(1 for o in left.open if o.item.id in drawn)
    parts = [f"{above} marked TO DO above"] if above else []
    parts += [f"{left.count - above} listed below"] if left.count - above else []
    want = f"{left.count} to do" + (": " + ", ".join(parts) if parts else "")
    assert left.where(drawn) == want
    assert left.headline(drawn) == f"Begin is not possible yet — {want}"
    assert left.lines() == [o.line() for o in left.open]


def test_a_first_run_drawn_whole_or_in_part() -> None:
    left = to_do(evaluate(Answers(), TODAY))
    assert left.count == len(ROWS) == 15
    assert left.where(ROWS) == "15 to do: 15 marked TO DO above"
    assert left.where(()) == "15 to do: 15 listed below"
    assert left.where(ROWS[:5]) == "15 to do: 5 marked TO DO above, 10 listed below"
    assert left.headline(ROWS) == "Begin is not possible yet — 15 to do: 15 marked TO DO above"
    assert left.lines()[-1] == "Before you start: not read yet."


def test_nothing_to_do_is_said_as_a_bare_count() -> None:
    assert ToDo(()).where(ROWS) == ToDo(()).says() == "0 to do"


def test_files_that_cant_be_read_are_one_each_and_listed_below() -> None:
    everything = Answers(
        {i.id: False for i in BLOCKS},
        frozenset(REMINDERS),
        {i: Clearance(i, i == "discussed", TODAY - timedelta(days=30)) for i in GO_AHEADS},
    )
    left = to_do(evaluate(everything, TODAY, unreadable=["a.md: bad", "b.md: bad"]))
    assert [o.item for o in left.open] == [FILES_ITEM, FILES_ITEM]
    assert [r.kind for o in left.open for r in o.reasons] == [ReasonKind.UNREADABLE] * 2
    assert left.where(ROWS) == "2 to do: 2 listed below"


def test_a_yes_today_is_said_with_what_to_do_not_its_question() -> None:
    wound = BLOCKS[0]
    left = to_do(evaluate(Answers({wound.id: True}), TODAY))
    assert left.held() == f'No massage today: you answered yes to "{wound.label}".'
    assert left.where(ROWS) == left.headline(()) == left.held()
    assert left.lines() == [f"{wound.label}: {wound.advice}"]
    assert left.count == 15  # still there to count, but said by no client
