"""What the command line asks of the folders: a folder's problem, the data folder made, the
themes on offer, the config file's problems, schema and starter."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

from footcare.domain.errors import StorageError
from footcare.folders import Paths


def folder_problem(folder: Path) -> str | None:
    """Why ``folder`` can't be used, in a sentence; None when it can (or isn't there yet)."""
    from footcare.storage.read import folder_problem as problem

    return problem(folder)


def ensure_data_folder(paths: Paths) -> None:
    """The data folder, made (private) if it isn't there; a StorageError if it can't be."""
    from footcare.storage.files import ensure_dir

    ensure_dir(paths.data)


def opening_problem(folder: Path) -> StorageError | None:
    """What opening footcare on ``folder`` as its data folder (the app, the plain session:
    ``ensure_data_folder``) would refuse, worded as it refuses it, or None: worked out
    without making or changing anything, for a command that only reads."""
    from footcare.storage.read import exists, is_dir

    try:
        chain = (folder, *folder.parents)
        first = next((part for part in chain if exists(part)), None)
        if first is not None and not is_dir(first):
            return StorageError(
                first,
                "exists but is not a folder",
                "move that file away or choose another folder with --data-dir / --config-dir",
            )
        if first is None or _writable(first):
            return None
    except StorageError as exc:
        return exc
    if first == folder:
        return StorageError(folder, "the folder is not writable", "fix its permissions")
    return StorageError(
        folder,
        f"cannot create the folder ({os.strerror(errno.EACCES)})",
        "choose another folder with --data-dir / --config-dir or fix its permissions",
    )


def _writable(folder: Path) -> bool:
    """Whether files can be made in ``folder``, as the process is (its effective ids)."""
    effective = os.access in os.supports_effective_ids
    return os.access(folder, os.W_OK | os.X_OK, effective_ids=effective)


def list_themes(paths: Paths) -> list[tuple[str, str]]:
    """Every theme's name and where it comes from, bundled first then the user's."""
    from footcare.storage.themes import list_themes as listed

    return listed(paths)


def config_schema_text() -> str:
    """The JSON Schema of config.toml, as the file beside it holds it."""
    from footcare.domain.json_schema import config_schema
    from footcare.storage.config import SHAPE

    return json.dumps(config_schema(SHAPE), indent=2, ensure_ascii=False) + "\n"


def write_config_starter(paths: Paths, schema_file: str, starter: str) -> bool:
    """Write the commented starter and its schema; False if config.toml exists already."""
    from footcare.storage.files import ensure_dir, write_text

    if paths.config_file.exists():
        return False
    folder = ensure_dir(paths.config)
    write_text(folder / schema_file, config_schema_text())
    write_text(paths.config_file, starter)
    return True


def config_problems(paths: Paths) -> list[str]:
    """What is wrong in config.toml (each with its line and key), or nothing."""
    from footcare.storage.config import load_config

    return [str(problem) for problem in load_config(paths).problems]
