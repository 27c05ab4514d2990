"""`footcare journal add | list | export | delete | restore | schema`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from footcare.commands.argtypes import clock_time
from footcare.domain.journal import FINDINGS, SIDED_FINDINGS, SIDES, SYMPTOMS, Entry, Ratings
from footcare.domain.journal_entry import UNNAMED_FOOT_ALLOWED
from footcare.domain.wording import signs_words
from footcare.folders import Paths

if TYPE_CHECKING:
    from footcare.services.journal_command import JournalUse

ALIASES = {
    "new-wound": "wound",
    "blister": "wound",
    "colour-change": "shape_change",
    "color-change": "shape_change",
    "shape-change": "shape_change",
}
"""Names for the command line (with dashes) of each foot-check finding."""


EXAMPLES: dict[str, list[str]] = {
    "journal": [
        "footcare journal add --pain 4 --numbness 6",
        "footcare journal list --since 2026-10-01",
        "footcare journal export --format html > report.html",
    ],
    "journal add": [
        "footcare journal add --pain 4 --numbness 6",
        "footcare journal add --foot-check new-wound:left --note 'small blister, left heel'",
        "footcare journal add --pain 3 --after-pain 2 --date 2026-11-20 --time 19:30",
    ],
    "journal list": [
        "footcare journal list --since 2026-10-01",
        "footcare journal list --grep heel --flags",
    ],
    "journal export": [
        "footcare journal export --format html > report.html",
        "footcare journal export --format csv --bom > journal.csv",
    ],
    "journal delete": [
        "footcare journal delete 20261124190233-1a2b3c",
    ],
    "journal restore": [
        "footcare journal restore 20261124190233-1a2b3c",
    ],
    "journal schema": [
        "footcare journal schema > footcare-journal.schema.json",
    ],
}
"""Examples shown by `footcare journal --help` (and in the man page)."""


def sign_names() -> list[str]:
    names = {key.replace("_", "-"): key for key in FINDINGS}
    names.update(ALIASES)
    return sorted(names)


def foot_check(text: str) -> tuple[str, str]:
    """SIGN:SIDE (e.g. new-wound:left), or SIGN alone for a finding with no side, or for one
    that may go without its foot named (session-injury: kept as "yes", as the form keeps it)."""
    sign, _, side = text.strip().lower().partition(":")
    names = {key.replace("_", "-"): key for key in FINDINGS} | ALIASES
    key = names.get(sign)
    if key is None:
        raise argparse.ArgumentTypeError(
            f"'{sign}' is not a foot-check sign; use one of: {', '.join(sign_names())}"
        )
    if key in SIDED_FINDINGS and (side or key not in UNNAMED_FOOT_ALLOWED):
        if side not in SIDES:
            raise argparse.ArgumentTypeError(
                f"'{sign}' needs a side: {sign}:left, {sign}:right or {sign}:both"
            )
        return key, side
    if side not in ("", "yes"):
        raise argparse.ArgumentTypeError(f"'{sign}' has no side: write just {sign}")
    return key, "yes"


def merged(findings: list[tuple[str, str]]) -> dict[str, str]:
    """The foot check from repeated --foot-check options: a sign given for the left foot
    and for the right (or for both) is on both feet, one given with no foot named ("yes") and
    for a foot is on that foot; nothing given is ever dropped."""
    out: dict[str, str] = {}
    for key, side in findings:
        earlier = out.get(key)
        out[key] = side if earlier in (None, "yes", side) else earlier if side == "yes" else "both"
    return out


def yes_no(text: str) -> bool:
    word = text.strip().lower()
    if word in ("yes", "y", "true"):
        return True
    if word in ("no", "n", "false"):
        return False
    raise argparse.ArgumentTypeError(f"'{text}' is not yes or no")


def minutes(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of minutes") from None
    if not 0 <= value <= 1440:
        raise argparse.ArgumentTypeError(f"{value} is out of range: use 0 to 1440 minutes")
    return value


def add_parser(sub: Any) -> None:
    from footcare.commands.argtypes import day, rating

    j = sub.add_parser("journal", help="add to, list or export the journal")
    js = j.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = js.add_parser("add", help="add an entry without opening the app")
    add_arguments(add, rating, day)
    ls = js.add_parser("list", help="print entries (filters: --since, --until, --grep, --flags)")
    ls.add_argument("--since", type=day, metavar="DATE", help="from this day on")
    ls.add_argument("--until", type=day, metavar="DATE", help="up to and including this day")
    ls.add_argument("--grep", metavar="TEXT", help="only entries whose note or words hold TEXT")
    ls.add_argument("--flags", action="store_true", help="only entries with a warning sign")
    exp = js.add_parser("export", help="print an export")
    exp.add_argument(
        "--format",
        choices=("csv", "json", "markdown", "html"),
        required=True,
        help="html: a printable report with charts (last 90 days unless --since)",
    )
    exp.add_argument("--since", type=day, metavar="DATE", help="only entries from this date")
    exp.add_argument(
        "--bom", action="store_true", help="csv: add a byte-order mark for spreadsheets"
    )
    delete = js.add_parser("delete", help="hide an entry (its warning signs stay on record)")
    delete.add_argument("id", help="the entry's id, as `journal export --format json` shows")
    restore = js.add_parser("restore", help="bring back a deleted entry")
    restore.add_argument("id", help="the entry's id")
    js.add_parser("schema", help="print the JSON Schema of a journal month file")


def add_arguments(
    add: argparse.ArgumentParser, rating: Callable[[str], int], day: Callable[[str], date]
) -> None:
    for symptom in SYMPTOMS:
        add.add_argument(f"--{symptom}", type=rating, metavar="N", help="0–10, right now")
    for symptom in SYMPTOMS:
        add.add_argument(
            f"--after-{symptom}",
            type=rating,
            metavar="N",
            help=f"0–10, {symptom} after a session",
        )
    add.add_argument(
        "--sleep", type=rating, metavar="N", help="0–10, how much your feet disturbed sleep"
    )
    add.add_argument("--footwear", type=yes_no, metavar="yes|no", help="supportive footwear worn")
    add.add_argument("--exercise", type=minutes, metavar="MIN", help="minutes of gentle exercise")
    add.add_argument("--blood-sugar", default="", metavar="TEXT", help="a blood sugar reading")
    add.add_argument("--follow-up", type=day, metavar="DATE", help="the next medical follow-up")
    add.add_argument("--note", default="", help="a free note")
    add.add_argument(
        "--foot-check",
        type=foot_check,
        action="append",
        default=[],
        metavar="SIGN:SIDE",
        help="a warning sign from today's foot check, e.g. new-wound:left (repeatable); "
        f"signs: {', '.join(sign_names())}",
    )
    add.add_argument("--date", type=day, metavar="DATE", help="the entry's date (default today)")
    add.add_argument("--time", type=clock_time, metavar="HH:MM", help="the entry's time")


def cmd_add(paths: Paths, args: argparse.Namespace) -> int:
    from footcare.domain.redflags import entry_flags
    from footcare.services.journal_command import journal_at, new_entry

    now = datetime.now().replace(microsecond=0)
    ratings = Ratings(**{s: getattr(args, s) for s in SYMPTOMS})
    after = Ratings(**{s: getattr(args, f"after_{s}") for s in SYMPTOMS})
    findings = merged(args.foot_check)
    care = {
        "sleep": args.sleep,
        "footwear": args.footwear,
        "exercise_minutes": args.exercise,
        "blood_sugar": args.blood_sugar,
        "next_follow_up": args.follow_up,
    }
    from footcare.domain.text import clean

    note = clean(args.note, multiline=True).strip()
    care["blood_sugar"] = clean(args.blood_sugar).strip()
    given = [v for v in care.values() if v not in (None, "")]
    if ratings.empty and after.empty and not note and not findings and not given:
        print(
            "footcare: nothing to add: give a rating (e.g. --pain 3), --foot-check, "
            "a daily-care option or --note",
            file=sys.stderr,
        )
        return 2
    day: date = args.date or now.date()
    at_time: time = args.time or (now.time() if day == now.date() else time(12, 0))
    at = datetime.combine(day, at_time).replace(microsecond=0)
    if at > now:
        print("footcare: the entry's date and time can't be in the future", file=sys.stderr)
        return 2
    entry = new_entry(at, before=ratings, after=after, findings=findings, note=note, **care)
    with journal_at(paths) as journal:
        journal.save(entry)
        emergency = journal.emergency_number
    print(f"added entry {entry.id}")
    flags = entry_flags(entry, emergency)
    for flag in flags:
        print(f"Warning sign: {flag.what}. What to do: {flag.action}")
    if any(f.blocks_sessions for f in flags):
        print(
            "Sessions are blocked until a professional has checked your feet and you record "
            "that check (footcare status says what is needed)."
        )
    return 0


def cmd_set_deleted(paths: Paths, args: argparse.Namespace, deleted: bool) -> int:
    from footcare.domain.text import clean
    from footcare.services.journal_command import journal_at

    with journal_at(paths) as journal:
        return set_deleted(journal, clean(args.id), args.id, deleted)


def set_deleted(journal: JournalUse, shown: str, entry_id: str, deleted: bool) -> int:
    entry = journal.find(entry_id)
    if entry is None:
        print(
            f"footcare: no journal entry '{shown}' (ids are in: footcare journal export "
            "--format json)",
            file=sys.stderr,
        )
        return 1
    if entry.deleted == deleted:
        print(f"entry {shown} is already {'deleted' if deleted else 'in the journal'}")
        return 0
    changed = journal.set_deleted(entry, deleted)
    if not isinstance(changed, Entry):  # changed elsewhere between the look and the write
        print(f"footcare: {changed.message}", file=sys.stderr)
        return 1
    if deleted:
        print(f"deleted entry {shown} (undo: footcare journal restore {shown})")
        signs = journal.recorded_signs(entry)
        if signs:
            print(
                f"It noted a warning sign: {signs_words(signs)}. The sign stays in your safety "
                "record: sessions stay blocked until a professional's check is recorded."
            )
    else:
        print(f"restored entry {shown}")
    return 0


def cmd_read(paths: Paths, args: argparse.Namespace) -> int:
    """`journal list` and `journal export`."""
    from footcare.services.journal_command import journal_at

    with journal_at(paths) as journal:
        return read(journal, args)


def read(journal: JournalUse, args: argparse.Namespace) -> int:
    since = getattr(args, "since", None)
    fmt = getattr(args, "format", None)
    report = args.action == "export" and fmt in ("markdown", "html")
    # a report filters by itself: its trends need the weeks before --since too
    loaded = journal.read(f"{since:%Y-%m}" if since and not report else None)
    for problem in loaded.problems:
        print(f"warning: {problem} (this file was skipped)", file=sys.stderr)
    entries = [e for e in loaded.entries if not e.deleted]
    if since and not report:
        entries = [e for e in entries if e.day >= since]
    if args.action == "list":
        return list_entries(entries, since, args)
    if report:
        # the report keeps a warning sign whose entry was deleted: it gets them all
        return export_report(journal, loaded.entries, loaded.problems, since, fmt == "markdown")
    from footcare.domain import export

    if fmt == "csv":
        return write_utf8(export.to_csv(entries, bom=bool(getattr(args, "bom", False))))
    return write_utf8(export.to_json(entries))


def list_entries(entries: list[Entry], since: date | None, args: argparse.Namespace) -> int:
    from footcare.domain.export import list_lines
    from footcare.domain.search import Filter, matching

    if since and args.until and since > args.until:
        print(
            f"footcare: --since {since} is after --until {args.until}: no day is in "
            "between (swap them?)",
            file=sys.stderr,
        )
        return 2
    wanted = Filter(until=args.until, text=args.grep or "", flags_only=args.flags)
    for line in list_lines(matching(entries, wanted)):
        print(line)
    return 0


def export_report(
    journal: JournalUse,
    entries: list[Entry],
    unread: list[str],
    since: date | None,
    markdown: bool,
) -> int:
    """Both reports, and the journal screen's, cover the same days (from ``since`` if
    given), and name the month files that could not be read (``unread``)."""
    made = journal.report(entries, since, markdown, unread)
    for warning in made.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if markdown:
        sys.stdout.write(made.text)  # shown in a terminal as often as saved: its encoding
        return 0
    return write_utf8(made.text)


def write_utf8(text: str) -> int:
    """Files for other programs: always UTF-8, whatever the terminal's encoding."""
    raw = getattr(sys.stdout, "buffer", None)
    if raw is None:
        sys.stdout.write(text)
        return 0
    sys.stdout.flush()
    raw.write(text.encode("utf-8"))
    raw.flush()
    return 0


def cmd_journal(paths: Paths, args: argparse.Namespace) -> int:
    if args.action == "schema":
        import json

        from footcare.domain.journal_file import month_schema

        print(json.dumps(month_schema(), indent=2, ensure_ascii=False))
        return 0
    if args.action == "add":
        return cmd_add(paths, args)
    if args.action in ("delete", "restore"):
        return cmd_set_deleted(paths, args, args.action == "delete")
    return cmd_read(paths, args)
