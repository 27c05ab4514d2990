"""`footcare status --short`, sold for a shell prompt: the status's own line, and the memo
that lets the next prompt have it without reading the journal again (storage/status_memo.py).

``recall`` is what a prompt runs: it imports nothing but os, sys and time. ``short_status``
works the line out with the same functions `footcare status` uses (services/status.py and
the gate) and keeps it, with the stamps of everything it was read from, taken first.
"""

from __future__ import annotations

import os
import sys
import time

from footcare.storage import status_memo as memo

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from datetime import date, datetime

    from footcare.storage.paths import Paths


def today_text(now: time.struct_time | None = None) -> str:
    """Today's date as ISO text, from the local time as `datetime.now()` reads it."""
    t = now or time.localtime()
    return f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"


def recall(flags: Mapping[str, str], env: Mapping[str, str], cwd: str, today: str) -> str | None:
    """The kept line for these folder flags on ``today``, if nothing it was worked out from
    has changed since; None when it must be worked out again."""
    where = memo.memo_file(flags, env, cwd)
    if where is None:
        return None
    return memo.recall(where, memo.inputs(flags, env, cwd), today)


def watched(paths: Paths) -> tuple[list[str], list[str]]:
    """What the status is worked out from, on a day with no session file: every entry of
    the data folder and of the journal folder (and their listings), config.toml, and the
    safety record's witness beside the index; and, while the data folder isn't there yet,
    the folder it would be made in (made unwritable, the app could not open it). Paths to
    stamp, and folders to list."""
    from footcare.storage.witness import places

    folders = [str(paths.data), str(paths.journal)]
    stamped = [*folders, str(paths.config_file), *(str(p) for p in places(paths))]
    if not os.path.lexists(paths.data):
        stamped += [str(next((p for p in paths.data.parents if os.path.lexists(p)), "/"))]
    for folder in folders:
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        stamped += [os.path.join(folder, name) for name in names]
    return stamped, folders


def code_files() -> list[str]:
    """footcare's own modules as loaded now: a line worked out by other code is not kept."""
    return sorted(
        str(f)
        for name, module in list(sys.modules.items())
        if name.partition(".")[0] == "footcare" and (f := getattr(module, "__file__", None))
    )


def short_status(
    paths: Paths,
    flags: Mapping[str, str],
    env: Mapping[str, str] | None = None,
    now: Callable[[], datetime] | None = None,
    clock: Callable[[], int] | None = None,
) -> str:
    """The status's short line, worked out as `footcare status` does, and kept for the next
    prompt when everything it was read from had settled (``clock``: ns since the epoch, as
    file times are compared with it; by default the data folder's file system's clock)."""
    from datetime import datetime

    from footcare.storage.journal import RACY_NS, file_clock

    env = os.environ if env is None else env
    now = now or datetime.now
    cwd = working_folder()
    where = memo.memo_file(flags, env, cwd) if cwd else None
    day = now().date()
    racy_from = (clock() if clock else file_clock(paths.data)) - RACY_NS
    looked = look_at_inputs(paths)
    if looked is None:
        where = None  # something can't be looked at: work it out every time
        looked = []
    line, running = work_out(paths, now)
    if where is None:
        return line
    if not running and still_settled(paths, looked, racy_from, now, day):
        text = memo.text_of(memo.inputs(flags, env, cwd), day.isoformat(), looked, line)
        keep(where, text)
    else:
        memo.forget(where)
    return line


def working_folder() -> str:
    """The working folder, or "" when it was removed (then there is no memo)."""
    try:
        return os.getcwd()
    except OSError:
        return ""


def look_at_inputs(paths: Paths) -> list[str] | None:
    """The stamps of what the status is worked out from, taken before it is read; None
    when something can't be looked at."""
    try:
        stamped, listed = watched(paths)
        return memo.look(stamped, listed)
    except (OSError, RuntimeError):
        return None


def work_out(paths: Paths, now: Callable[[], datetime]) -> tuple[str, bool]:
    """The short line, by the same use-case and the same gate as `footcare status`, and
    whether a session runs in another footcare (then the line is not kept: that footcare
    may end without a file changing, killed)."""
    from footcare.services.build import UseCases
    from footcare.services.settings import Settings
    from footcare.services.status import short_line, status

    services = UseCases(paths, Settings.load(paths), now=now)
    try:
        report = status(services)
        return short_line(report), report.running is not None
    finally:
        services.close()


def still_settled(
    paths: Paths,
    looked: list[str],
    racy_from: int,
    now: Callable[[], datetime],
    day: date,
) -> bool:
    """Whether the line may be kept: still ``day``, no session in progress, and all
    that was looked at (``looked``, to which footcare's own code files are added) settled
    before ``racy_from``."""
    try:
        looked += memo.look(code_files(), [])
        return (
            now().date() == day
            and not os.path.lexists(paths.session_state)
            and memo.settled(looked, racy_from)
        )
    except OSError:
        return False


def keep(where: str, text: str) -> None:
    """Write the memo; never a stale one left behind when it can't be written."""
    from pathlib import Path

    from footcare.storage.errors import StorageError
    from footcare.storage.files import write_text

    try:
        write_text(Path(where), text)
    except StorageError:
        memo.forget(where)
