"""Start the app from the CLI: build the services, honour NO_COLOR, run, report file problems."""

from __future__ import annotations

import os
import sys

from footcare.services import Paths, StorageError


def run_app(paths: Paths, theme: str | None = None) -> int:
    from footcare.services.core import open_services
    from footcare.ui.app import FootcareApp

    try:
        services = open_services(paths)
    except StorageError as exc:
        print(f"footcare: {exc}", file=sys.stderr)
        return 1
    no_color = bool(os.environ.get("NO_COLOR"))
    app = FootcareApp(services, theme_name=theme, ansi_color=True if no_color else None)
    try:
        result = app.run()
    finally:
        services.close()
    return int(result or 0)
