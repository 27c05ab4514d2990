"""`footcare paths`: the folders in use."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from footcare.folders import Paths

EXAMPLES: dict[str, list[str]] = {
    "paths": [
        "footcare paths",
    ],
}


def add_parser(sub: Any) -> None:
    sub.add_parser("paths", help="print the folders in use")


def cmd_paths(paths: Paths, _: argparse.Namespace) -> int:
    from footcare.services.folders import folder_problem

    print(f"config: {paths.config}")
    print(f"data:   {paths.data}")
    for folder in (paths.config, paths.data):
        problem = folder_problem(folder)
        if problem:
            print(f"warning: {problem}", file=sys.stderr)
    if paths.profile:
        print(f"profile: {paths.profile}")
    return 0
