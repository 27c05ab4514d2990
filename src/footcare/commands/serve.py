"""`footcare serve`: the app in a web browser (needs footcare[serve]).

The server is a client of its own (``footcare.serve``), opened by ``footcare.cli``."""

from __future__ import annotations

from typing import Any

EXAMPLES: dict[str, list[str]] = {
    "serve": [
        "footcare serve",
        "footcare serve --port 8080",
    ],
}


def add_parser(sub: Any) -> None:
    serve = sub.add_parser("serve", help="serve the app to a web browser (needs footcare[serve])")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
