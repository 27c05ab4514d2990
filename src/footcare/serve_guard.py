"""What every request to `footcare serve` must show before textual-serve sees it.

- The per-launch token: in the page's query (`/?token=…`) and in its WebSocket's path
  (`/ws/<token>`). Without it, or with a wrong one, the answer is 403.
- A WebSocket's Origin must be the page's own (the Host it asked for): a page from any
  other site open in the same browser cannot drive the app.
- Bound to loopback, the Host must be a loopback name or address too, which stops a
  DNS-rebinding page from posing as this computer.

textual-serve's own files (its JavaScript and CSS) and ours are public; file downloads
are keyed by a random id the app hands to the page.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
from typing import Any

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

from footcare.domain.frozen import frozen
from footcare.serve_address import is_loopback, split_host_header

log = logging.getLogger("footcare.serve")

PUBLIC_ROUTES = frozenset({"static", "footcare-static", "download"})
WEBSOCKET_ROUTES = frozenset({"websocket", "websocket-token"})
HOST_HEADER = re.compile(r"[A-Za-z0-9.\-]+(:[0-9]{1,5})?|\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?")

REFUSED_PAGE = (
    "footcare refused this request: {reason}.\n\n"
    "Open the address footcare serve printed when it started: it ends with ?token=…\n"
)


def same_token(given: str | None, token: str) -> bool:
    """Constant-time comparison; any string (empty, non-ASCII, huge) is safe to pass."""
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"), token.encode())


def same_origin(origin: str | None, host: str) -> bool:
    """The Origin a browser sent is the page's own: http(s):// and exactly this Host."""
    if not origin:
        return False
    scheme, sep, netloc = origin.partition("://")
    return bool(sep) and scheme.lower() in {"http", "https"} and netloc.lower() == host.lower()


@frozen
class Guard:
    token: str
    loopback_only: bool

    def refusal(self, request: web.Request) -> str | None:
        """Why the request is refused, or None to let it through."""
        host = request.host
        if not HOST_HEADER.fullmatch(host):
            return "its Host header is not a host name"
        if self.loopback_only and not is_loopback(split_host_header(host)):
            return f"it asked for {host!r}, and footcare serves this computer only"
        route = request.match_info.route.name
        if route not in PUBLIC_ROUTES:
            given = request.match_info.get("token") or request.query.get("token")
            if not same_token(given, self.token):
                return "the address has no token or a wrong one"
        websocket = request.headers.get("Upgrade", "").lower() == "websocket"
        if (websocket or route in WEBSOCKET_ROUTES) and not same_origin(
            request.headers.get("Origin"), host
        ):
            return "the connection comes from another web page (its Origin is not this one's)"
        return None

    def redact(self, text: str) -> str:
        return text.replace(self.token, "<token>")

    def middleware(self) -> Middleware:
        @web.middleware
        async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
            reason = self.refusal(request)
            if reason is not None:
                log.warning("refused %s %s: %s", request.method, self.redact(request.path), reason)
                raise web.HTTPForbidden(text=REFUSED_PAGE.format(reason=reason))
            return await handler(request)

        return guard


class RedactToken(logging.Filter):
    """Keeps the token out of every log line: it is printed once, at start.

    On the handler, it sees every record, from any logger (aiohttp's access and error
    logs, textual-serve's, asyncio's). A record carrying an exception is told in one line,
    its type and redacted words: a traceback (and the locals a rich one shows, where the
    socket's path holds the token) is never printed."""

    def __init__(self, guard: Guard) -> None:
        super().__init__()
        self.guard = guard

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            message = f"{message} ({type(error).__name__}: {error})"
            record.exc_info, record.exc_text, record.stack_info = None, None, None
        record.msg, record.args = self.guard.redact(message), None
        return True


MAX_MESSAGE = 64 * 1024
"""A browser's message: a key, a paste, a resize. Anything longer is not one."""
LARGEST_SCREEN = 1000
"""Columns or rows a resize may ask for."""


def envelope(text: str) -> tuple[str, Any] | None:
    """A browser's WebSocket message as (kind, data), or None when it isn't one of the
    messages the page sends: ``["stdin", text]``, ``["resize", {"width": w, "height": h}]``,
    ``["ping", text]``, ``["blur"]``, ``["focus"]``. Anything else (not JSON, not a list,
    the wrong types, nested a thousand deep) is refused without a word."""
    if len(text) > MAX_MESSAGE:
        return None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(value, list) or not value or not isinstance(value[0], str):
        return None
    kind, rest = value[0], value[1:]
    if kind in ("stdin", "ping"):
        if len(rest) == 1 and isinstance(rest[0], str):
            return kind, rest[0]
        return None
    if kind == "resize":
        size = rest[0] if len(rest) == 1 else None
        if not isinstance(size, dict):
            return None
        width, height = size.get("width"), size.get("height")
        if all(type(n) is int and 1 <= n <= LARGEST_SCREEN for n in (width, height)):
            return kind, (width, height)
        return None
    if kind in ("blur", "focus") and not rest:
        return kind, None
    return None


async def security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """No referrer, no framing, no sniffing; the page may load and connect to itself only."""
    headers = response.headers
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    if response.content_type == "text/html":
        connect = "'self'"
        if HOST_HEADER.fullmatch(request.host):
            connect += f" ws://{request.host} wss://{request.host}"
        headers.setdefault("Cache-Control", "no-store")
        headers.setdefault(
            "Content-Security-Policy",
            "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            f"img-src 'self' data:; font-src 'self'; connect-src {connect}; "
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        )
