"""The person's settings: config.toml, the routines, and the choices footcare remembers."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from footcare.domain.routine import Routine
from footcare.domain.text import clean
from footcare.storage.config import Config, load_config, remember
from footcare.storage.errors import StorageError
from footcare.storage.paths import Paths
from footcare.storage.routines import Catalogue, load_catalogue

if TYPE_CHECKING:
    from footcare.domain.cue_test import Heard
    from footcare.services.cues import Plan


class Settings:
    """Read with ``Settings.load``; the constructor only keeps what it is given."""

    def __init__(self, paths: Paths, config: Config, problems: list[str] | None = None) -> None:
        self.paths = paths
        self.config = config
        self.problems: list[str] = list(problems or [])
        """What was wrong in config.toml (good keys kept), to be said once at start."""
        self._catalogue: Catalogue | None = None

    @classmethod
    def load(cls, paths: Paths) -> Settings:
        loaded = load_config(paths)
        return cls(paths, loaded.config, list(loaded.problems))

    @property
    def emergency_number(self) -> str:
        return self.config.emergency_number

    @property
    def catalogue(self) -> Catalogue:
        """Every routine, read when first needed (`journal add` never needs them)."""
        if self._catalogue is None:
            return self.reload_routines()
        return self._catalogue

    def reload_routines(self) -> Catalogue:
        self._catalogue = load_catalogue(self.paths)
        return self._catalogue

    def routine(self, routine_id: str) -> Routine | None:
        return self.catalogue.routines.get(routine_id)

    def default_routine_id(self) -> str:
        ids = list(self.catalogue.routines)
        if self.config.routine in ids:
            return self.config.routine
        return "standard" if "standard" in ids else (ids[0] if ids else "")

    @property
    def whose(self) -> str:
        """Whose feet, for every header: the name in config.toml, else the profile's."""
        name = self.config.name
        if isinstance(name, str) and name.strip():
            return clean(" ".join(name.split()))[:40]
        return self.paths.profile

    def remember(self, key: str, value: str) -> str | None:
        """Remember a choice in config.toml; the problem as text if it can't be. A file
        that says so already is left alone (most days the routine is yesterday's)."""
        try:
            if getattr(load_config(self.paths).config, key, None) == value:
                return None
            remember(self.paths, key, value)
        except StorageError as exc:
            return str(exc)
        return None

    def keep_cue_answer(
        self, plan: Plan, heard: Heard, at: datetime, env: Mapping[str, str]
    ) -> str:
        """Keep what the cue test was heard as, for this place; what footcare does from
        now on, in words (raises StorageError when it can't be kept)."""
        from footcare.services.cue_testing import keep_answer

        return keep_answer(self.paths, plan, heard, at, env)
