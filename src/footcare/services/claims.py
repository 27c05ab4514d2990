"""One running session per person: this process's claim on it, taken, looked at, let go.

A holder is anything that keeps this process's claim (the sessions use-case): it has the
data folder, the wall clock and a ``claim`` slot; nothing else is asked of it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from footcare.storage.claim import Holder, SessionRunning, holder_now, take
from footcare.storage.errors import StorageError

if TYPE_CHECKING:
    from footcare.storage.claim import Claim
    from footcare.storage.paths import Paths

START_WAIT = 2.0
"""Seconds a new session waits for another footcare that is only settling what was left."""


class ClaimHolder(Protocol):
    claim: Claim | None

    @property
    def paths(self) -> Paths: ...

    def now(self) -> datetime: ...


def take_claim(holder: ClaimHolder, wait: float = START_WAIT) -> None:
    """Make this person's session this process's own, or raise SessionRunning saying where
    it runs; a claim file that can't be opened is a StorageError."""
    if holder.claim is not None and holder.claim.held:
        return
    try:
        holder.claim = take(holder.paths.data, holder.now(), wait)
    except OSError as exc:
        from footcare.storage.claim import claim_path

        raise StorageError(
            claim_path(holder.paths.data),
            f"cannot be opened ({exc.strerror})",
            "fix the data folder's permissions",
        ) from exc


def running_elsewhere(holder: ClaimHolder) -> Holder | None:
    """Who else holds this person's session now (None: nobody, or this process)."""
    if holder.claim is not None and holder.claim.held:
        return None
    return holder_now(holder.paths.data)


def release_claim(holder: ClaimHolder) -> None:
    claim, holder.claim = holder.claim, None
    if claim is not None:
        claim.release()


def settle_claimed(holder: ClaimHolder, settle: Callable[[], list[str]]) -> list[str]:
    """Settle what a closed footcare left, but only while nobody else's session runs (a
    live session is its holder's to finish): under the claim, so one footcare settles."""
    if holder.claim is not None and holder.claim.held:
        return settle()
    try:
        holder.claim = take(holder.paths.data, holder.now())
    except SessionRunning:
        return []
    except (StorageError, OSError):
        return settle()  # no claim to be had here: the journal's ids keep it single
    try:
        return settle()
    finally:
        release_claim(holder)
