"""`footcare themes list | schema`."""

from __future__ import annotations

import argparse
import json
from typing import Any

from footcare.folders import Paths

EXAMPLES: dict[str, list[str]] = {
    "themes": [
        "footcare themes list",
        "footcare --theme footcare-high-contrast",
    ],
    "themes list": [
        "footcare themes list",
    ],
    "themes schema": [
        "footcare themes schema > footcare-theme.schema.json",
    ],
}


def add_parser(sub: Any) -> None:
    t = sub.add_parser("themes", help="list themes")
    ts = t.add_subparsers(dest="action", metavar="ACTION", required=True)
    ts.add_parser("list", help="list bundled and user themes")
    ts.add_parser("schema", help="print the JSON Schema of theme files")


def cmd_themes(paths: Paths, args: argparse.Namespace) -> int:
    if args.action == "schema":
        from footcare.domain.json_schema import theme_schema

        print(json.dumps(theme_schema(), indent=2, ensure_ascii=False))
        return 0
    from footcare.domain.text import clean
    from footcare.services.folders import list_themes

    for name, origin in list_themes(paths):  # from files: nothing reaches the terminal raw
        print(clean(f"{clean(name):<24} {origin}"))
    return 0
