"""Start the app from the CLI: build the services, honour NO_COLOR, run, report file problems."""

from __future__ import annotations

import os
import sys

from footcare.storage.errors import StorageError
from footcare.storage.files import ensure_dir
from footcare.storage.paths import Paths


def run_app(paths: Paths, theme: str | None = None) -> int:
    from footcare.services.core import Services
    from footcare.ui.app import FootcareApp

    try:
        ensure_dir(paths.data)
        services = Services(paths)
    except StorageError as exc:
        print(f"footcare: {exc}", file=sys.stderr)
        return 1
    no_color = bool(os.environ.get("NO_COLOR"))
    app = FootcareApp(services, theme_name=theme, ansi_color=True if no_color else None)
    result = app.run()
    return int(result or 0)
