"""What the command line asks of the folders: a folder's problem, the data folder made, the
themes on offer, the config file's problems, schema and starter."""

from __future__ import annotations

import json
from pathlib import Path

from footcare.folders import Paths


def folder_problem(folder: Path) -> str | None:
    """Why ``folder`` can't be used, in a sentence; None when it can (or isn't there yet)."""
    from footcare.storage.read import folder_problem as problem

    return problem(folder)


def ensure_data_folder(paths: Paths) -> None:
    """The data folder, made (private) if it isn't there; a StorageError if it can't be."""
    from footcare.storage.files import ensure_dir

    ensure_dir(paths.data)


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
