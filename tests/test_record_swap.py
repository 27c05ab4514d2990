"""A warning sign stays in force while any trace of it remains.

The entry that carried the sign is deleted (it can be restored, and its findings stay in
its month file); then the safety record is swapped back, linked, copied in from another
profile, deleted, cut short with its count fixed, or the clock moves. Every time, the next
session is refused by the gate (what the app asks), by ``session --plain`` and by
``footcare status``, for the record's sake: the file named, or the sign asking for a check.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apphelpers import NOW, answer_today, make_paths, record_all_clearances
from footcare.domain.errors import CheckTooEarly
from footcare.domain.journal import Entry
from footcare.domain.screening import PROFESSIONAL_CHECK_ITEM, Reason, ReasonKind, Verdict
from footcare.plain import Lines, PlainSession
from footcare.services.build import UseCases, read_footcare
from footcare.services.status import status, status_lines
from footcare.storage.files import read_toml
from footcare.storage.paths import Paths

SIGN_AT = NOW - timedelta(days=1)
"""When the warning sign was logged (its entry is deleted afterwards)."""


def services_at(paths: Paths, now: datetime) -> UseCases:
    return read_footcare(paths, clock=lambda: 1000.0, now=lambda: now)


def the_sign(paths: Paths, at: datetime = SIGN_AT, logged: datetime | None = None) -> None:
    """Redness logged in the journal at ``at`` (by a clock reading ``logged``), then the
    entry deleted, as `d` in the app or `journal delete` do."""
    services = services_at(paths, logged or at)
    entry = Entry(id="e-redness", at=at, findings={"redness": "left"})
    services.journal_use.save(entry)
    services.journal_use.set_deleted(entry, True)


def folder(root: Path, profile: str = "") -> Paths:
    paths = make_paths(root)
    if profile:
        paths = Paths(paths.config, paths.data / "profiles" / profile, profile=profile)
    record_all_clearances(paths, on=NOW.date() - timedelta(days=30))
    return paths


def for_the_record(reason: Reason) -> bool:
    """A refusal that comes from the safety record: the record named as a file that can't
    be trusted, the sign asking for a check, or a yes given today."""
    if reason.kind is ReasonKind.UNREADABLE:
        return "safety.toml" in reason.message
    return reason.kind in (ReasonKind.CHECK_NEEDED, ReasonKind.BLOCKED)


def refused_everywhere(paths: Paths, now: datetime = NOW) -> None:
    """The next session, by each client, with every other question answered safely."""
    gate = services_at(paths, now).gate
    verdict = gate.verdict(None)
    assert not verdict.may_start
    assert any(for_the_record(r) for r in verdict.reasons), verdict.reasons
    report = status(services_at(paths, now))
    assert not report.may_start
    assert any(for_the_record(r) for r in report.reasons)
    said = " ".join(" ".join(status_lines(report)).split())
    assert "safety.toml" in said or "warning sign" in said.lower() or "today" in said
    services = services_at(paths, now)
    routine = services.settings.routine("quick")
    assert routine is not None
    out = io.StringIO()
    typed = io.StringIO("n\n" * 12 + "\n" * 6)  # no to every question, reminders seen
    plain: Verdict = PlainSession(services, out, Lines(typed), bell=False).screening(routine)
    assert not plain.may_start
    assert any(for_the_record(r) for r in plain.reasons)


def may_start_at(paths: Paths, now: datetime = NOW) -> bool:
    services = services_at(paths, now)
    answer_today(services)
    return services.gate.verdict(None).may_start


# --- swapped, linked, copied in, deleted ------------------------------------------------


def old_copy(paths: Paths, before: bytes, root: Path) -> None:
    paths.safety_record.write_bytes(before)


def linked_to_old_copy(paths: Paths, before: bytes, root: Path) -> None:
    backup = root / "backup-safety.toml"
    backup.write_bytes(before)
    paths.safety_record.unlink()
    paths.safety_record.symlink_to(backup)


def linked_to_nothing(paths: Paths, before: bytes, root: Path) -> None:
    paths.safety_record.unlink()
    paths.safety_record.symlink_to(root / "nowhere.toml")


def another_profiles(paths: Paths, before: bytes, root: Path) -> None:
    other = folder(root / "other", profile="anna")
    shutil.copyfile(other.safety_record, paths.safety_record)


def deleted(paths: Paths, before: bytes, root: Path) -> None:
    paths.safety_record.unlink()


def old_copy_witness_in_cache_only(paths: Paths, before: bytes, root: Path) -> None:
    (paths.data / ".safety-witness").unlink(missing_ok=True)
    paths.safety_record.write_bytes(before)


SWAPS: dict[str, Callable[[Paths, bytes, Path], None]] = {
    "an old copy put back": old_copy,
    "a link to an old copy": linked_to_old_copy,
    "a dangling link": linked_to_nothing,
    "another profile's record": another_profiles,
    "the record deleted": deleted,
    "an old copy, the witness beside the journal deleted": old_copy_witness_in_cache_only,
}


@pytest.mark.parametrize("swap", list(SWAPS))
def test_a_swapped_record_keeps_the_deleted_entrys_sign_in_force(tmp_path: Path, swap: str) -> None:
    paths = folder(tmp_path)
    before = paths.safety_record.read_bytes()
    the_sign(paths)
    refused_everywhere(paths)
    SWAPS[swap](paths, before, tmp_path)
    refused_everywhere(paths)


def test_a_record_of_the_folders_own_copied_into_a_profile_is_refused(tmp_path: Path) -> None:
    own = folder(tmp_path / "own")
    anna = folder(tmp_path / "anna", profile="anna")
    the_sign(anna)
    shutil.copyfile(own.safety_record, anna.safety_record)
    refused_everywhere(anna)
    said = " ".join(str(r.message) for r in services_at(anna, NOW).gate.verdict(None).reasons)
    assert "profile 'anna'" in said


def test_the_record_in_its_place_and_whole_still_lets_a_session_start(tmp_path: Path) -> None:
    """The witness is no false alarm: an intact record, grown since, is trusted."""
    paths = folder(tmp_path)
    assert may_start_at(paths)
    services = services_at(paths, NOW)
    services.journal_use.save(Entry(id="calm", at=NOW - timedelta(hours=1)))
    assert may_start_at(paths)
    data = read_toml(paths.safety_record)
    assert data["profile"] == ""
    witness = read_toml(paths.data / ".safety-witness")
    assert witness["count"] == data["count"]


# --- cut short, count fixed --------------------------------------------------------------


def cut(paths: Paths, k: int) -> None:
    data = read_toml(paths.safety_record)
    data["events"] = data["events"][: len(data["events"]) - k]
    data["count"] = len(data["events"])
    paths.safety_record.write_text(tomli_w.dumps(data), encoding="utf-8")


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(k=st.integers(1, 12))
def test_removing_the_last_events_and_fixing_count_is_noticed(
    tmp_path_factory: pytest.TempPathFactory, k: int
) -> None:
    """The sign, then a professional's check, then a yes today: cut the last k events."""
    paths = folder(tmp_path_factory.mktemp("cut"))
    the_sign(paths)
    services = services_at(paths, NOW - timedelta(hours=2))
    services.gate.record_go_ahead(PROFESSIONAL_CHECK_ITEM, True, NOW.date())
    services = services_at(paths, NOW - timedelta(hours=1))
    [wound] = [i for i in services.gate.items(None) if i.id == "wound"]
    services.gate.answer_block(wound.id, True)
    refused_everywhere(paths)
    total = read_toml(paths.safety_record)["count"]
    cut(paths, min(k, total))
    refused_everywhere(paths)


# --- the clock ------------------------------------------------------------------------


def test_a_sign_dated_after_today_counts_when_the_clock_is_set_back(tmp_path: Path) -> None:
    paths = folder(tmp_path)
    the_sign(paths)
    refused_everywhere(paths, now=SIGN_AT - timedelta(days=1))


def test_a_sign_logged_with_a_fast_clock_counts_from_today(tmp_path: Path) -> None:
    paths = folder(tmp_path)
    fast = NOW + timedelta(days=1)
    the_sign(paths, at=fast, logged=fast)
    refused_everywhere(paths)
    # a check today, written down after the sign, answers it
    services = services_at(paths, NOW + timedelta(minutes=5))
    services.gate.record_go_ahead(PROFESSIONAL_CHECK_ITEM, True, NOW.date())
    assert may_start_at(paths, NOW + timedelta(minutes=10))


def test_a_check_written_down_before_a_fast_clocked_sign_does_not_answer_it(
    tmp_path: Path,
) -> None:
    paths = folder(tmp_path)
    services_at(paths, NOW).gate.record_go_ahead(PROFESSIONAL_CHECK_ITEM, True, NOW.date())
    fast = NOW + timedelta(days=1)
    the_sign(paths, at=fast, logged=fast)
    refused_everywhere(paths, now=NOW + timedelta(hours=1))


# --- a record set aside, and a new one --------------------------------------------------


def broken_by_hand(paths: Paths) -> None:
    """A date moved by hand in an early event: the seals no longer match."""
    text = paths.safety_record.read_text(encoding="utf-8")
    day = (NOW.date() - timedelta(days=30)).isoformat()
    paths.safety_record.write_text(text.replace(day, "2020-01-01", 1), encoding="utf-8")


def unparsable(paths: Paths) -> None:
    paths.safety_record.write_text("not = [valid", encoding="utf-8")


@pytest.mark.parametrize("breaking", [broken_by_hand, unparsable])
def test_a_new_record_asks_for_a_check_after_every_sign_still_found(
    tmp_path: Path, breaking: Callable[[Paths], None]
) -> None:
    paths = folder(tmp_path)
    the_sign(paths)
    breaking(paths)
    refused_everywhere(paths)
    gate = services_at(paths, NOW).gate
    with pytest.raises(CheckTooEarly, match="Give the date of a check on or after"):
        gate.record_go_ahead(PROFESSIONAL_CHECK_ITEM, True, SIGN_AT.date() - timedelta(days=1))
    refused_everywhere(paths)
    kept = gate.record_go_ahead(PROFESSIONAL_CHECK_ITEM, True, NOW.date())
    assert kept is not None and kept.exists()
    signs = services_at(paths, NOW).gate.facts().record.signs
    assert [(s.finding, s.entry_id) for s in signs] == [("redness", "e-redness")]


def test_a_kept_record_keeps_its_open_signs_when_the_journal_and_witness_are_gone(
    tmp_path: Path,
) -> None:
    """A record set aside by an earlier footcare (which dropped its signs from the new one):
    the sign no check in it answers is still in force."""
    paths = folder(tmp_path)
    the_sign(paths)
    paths.safety_record.rename(paths.data / "safety.toml.kept-20261120-100000")
    for month in (paths.data / "journal").glob("*.toml"):
        month.unlink()
    (paths.data / ".safety-witness").unlink(missing_ok=True)
    fresh = {"format": 1, "count": 0, "events": []}
    paths.safety_record.write_text(tomli_w.dumps(fresh), encoding="utf-8")
    for place in paths.cache_folder.glob("*.witness"):
        place.unlink()
    refused_everywhere(paths)


# --- footcare status, as run ----------------------------------------------------------


@pytest.mark.parametrize("swap", ["an old copy put back", "a dangling link"])
def test_footcare_status_refuses_a_swapped_record(tmp_path: Path, swap: str) -> None:
    """The command as a person runs it (its own clock: the sign was logged just now)."""
    paths = make_paths(tmp_path)
    paths = Paths(paths.config, paths.data, cache=tmp_path / "cache")
    now = datetime.now().replace(microsecond=0)
    record_all_clearances(paths, on=now.date() - timedelta(days=3))
    before = paths.safety_record.read_bytes()
    the_sign(paths, at=now - timedelta(minutes=5))
    SWAPS[swap](paths, before, tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOOTCARE_")}
    env.update(
        FOOTCARE_CONFIG_DIR=str(paths.config),
        FOOTCARE_DATA_DIR=str(paths.data),
        FOOTCARE_CACHE_DIR=str(tmp_path / "cache"),
    )
    done = subprocess.run(
        [sys.executable, "-m", "footcare", "status", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert "Traceback" not in done.stdout + done.stderr
    report: dict[str, Any] = json.loads(done.stdout)
    assert report["may_start"] is False
    assert any("safety.toml" in r["why"] for r in report["reasons"]), report["reasons"]
