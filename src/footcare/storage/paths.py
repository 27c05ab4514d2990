"""Every path decision in one place: platformdirs, then the env var, then the flag."""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import platformdirs

APP = "footcare"
CONFIG_ENV = "FOOTCARE_CONFIG_DIR"
DATA_ENV = "FOOTCARE_DATA_DIR"


@dataclass(frozen=True)
class Paths:
    config: Path
    data: Path

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


def resolve(config_flag: str | None = None, data_flag: str | None = None) -> Paths:
    config = config_flag or os.environ.get(CONFIG_ENV) or platformdirs.user_config_dir(APP)
    data = data_flag or os.environ.get(DATA_ENV) or platformdirs.user_data_dir(APP)
    return Paths(Path(config).expanduser(), Path(data).expanduser())


def bundled(kind: str) -> Path:
    """The folder of bundled routines or themes, in the wheel or in a source checkout."""
    packaged = Path(str(resources.files("footcare"))) / "_bundled" / kind
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / kind
