"""Every path decision in one place: platformdirs, then the env var, then the flag.

The folder set is handed to every layer (a client resolves it, storage reads and writes in
it), so it lives at the bottom beside the domain, and no client needs storage to name it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from footcare.domain.frozen import frozen

APP = "footcare"
CONFIG_ENV = "FOOTCARE_CONFIG_DIR"
DATA_ENV = "FOOTCARE_DATA_DIR"
CACHE_ENV = "FOOTCARE_CACHE_DIR"


@frozen
class Paths:
    config: Path
    data: Path
    cache: Path | None = None
    """The cache folder (the journal's index); None: the user cache folder."""
    profile: str = ""
    """Whose feet, when one footcare serves several people (a carer's): their own folders."""

    @property
    def config_file(self) -> Path:
        return self.config / "config.toml"

    @property
    def user_routines(self) -> Path:
        return self.config / "routines"

    @property
    def user_themes(self) -> Path:
        return self.config / "themes"

    @property
    def journal(self) -> Path:
        return self.data / "journal"

    @property
    def session_state(self) -> Path:
        return self.data / "session.toml"

    @property
    def clearances(self) -> Path:
        return self.data / "clearances.toml"

    @property
    def safety_record(self) -> Path:
        return self.data / "safety.toml"

    @property
    def draft(self) -> Path:
        return self.data / "draft.toml"

    @property
    def reports(self) -> Path:
        return self.data / "reports"

    @property
    def lock(self) -> Path:
        return self.data / ".lock"

    @property
    def cache_folder(self) -> Path:
        if self.cache is not None:
            return self.cache
        import platformdirs

        return Path(platformdirs.user_cache_dir(APP))

    @property
    def index(self) -> Path:
        """The journal's SQLite index: in the cache folder, one file per data folder (named
        after its full path), so two data folders never share one."""
        import hashlib

        key = hashlib.sha256(os.fsencode(_full_path(self.data))).hexdigest()
        return self.cache_folder / f"journal-{key[:16]}.sqlite3"


def _full_path(folder: Path) -> Path:
    """The folder's full path, links followed; a link that goes round in a loop (or a
    folder on the way that can't be looked at) is named as given, made absolute: the
    folder's own problem is said where it is opened, never a traceback here."""
    try:
        return folder.expanduser().resolve()
    except (RuntimeError, OSError):
        return Path(os.path.abspath(folder.expanduser()))


PROFILE_ENV = "FOOTCARE_PROFILE"
PROFILE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,39}$")


class ProfileNameError(ValueError):
    """A profile name that can't name a folder safely."""


def resolve(
    config_flag: str | None = None,
    data_flag: str | None = None,
    cache_flag: str | None = None,
    profile_flag: str | None = None,
) -> Paths:
    """The folders in use: the flag, else the environment variable, else the user's own
    folders. A profile keeps one person's settings and data in ``profiles/NAME`` of each."""
    config = Path(config_flag or os.environ.get(CONFIG_ENV) or _user_dir("config")).expanduser()
    data = Path(data_flag or os.environ.get(DATA_ENV) or _user_dir("data")).expanduser()
    cache = cache_flag or os.environ.get(CACHE_ENV)
    profile = profile_flag if profile_flag is not None else os.environ.get(PROFILE_ENV, "")
    if profile:
        if not PROFILE_NAME.match(profile):
            shown = profile if len(profile) <= 40 else f"{profile[:40]}…"
            raise ProfileNameError(
                f"'{shown}' can't name a profile: use letters, digits, '-' and '_', "
                "starting with a letter (at most 40)"
            )
        config, data = config / "profiles" / profile, data / "profiles" / profile
    return Paths(config, data, Path(cache).expanduser() if cache else None, profile)


def _user_dir(kind: str) -> str:
    import platformdirs

    if kind == "config":
        return platformdirs.user_config_dir(APP)
    return platformdirs.user_data_dir(APP)
