"""`footcare status [--json | --short]`: may a session start today, and why not."""

from __future__ import annotations

import argparse
import json
from typing import Any

from footcare.folders import Paths

EXAMPLES: dict[str, list[str]] = {
    "status": [
        "footcare status",
        "footcare status --json",
        "footcare status --short",
    ],
}


def add_parser(sub: Any) -> None:
    st = sub.add_parser("status", help="may a session start today, and why not")
    form = st.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print it as JSON")
    form.add_argument(
        "--short", action="store_true", help="one line, for a shell prompt or a login message"
    )


def cmd_status(paths: Paths, args: argparse.Namespace) -> int:
    if args.short:  # kept for the next prompt (footcare/__main__.py answers from it)
        from footcare.services.status_report import short_standing

        flags = {
            "--config-dir": args.config_dir,
            "--data-dir": args.data_dir,
            "--cache-dir": args.cache_dir,
            "--profile": args.profile,
        }
        print(short_standing(paths, {k: v for k, v in flags.items() if v is not None}))
        return 0
    from footcare.services.status_report import standing

    today = standing(paths)
    if args.json:
        print(json.dumps(today.as_json(), indent=2, ensure_ascii=False))
    else:
        print("\n".join(today.lines()))
    return 0
