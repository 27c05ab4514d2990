"""`footcare serve`'s guard and addresses, in process: no browser, no app started.

The page is requested from an aiohttp test server on 127.0.0.1 with the Host header a
tablet on the network would send, so a non-loopback bind is checked without making one.
"""

from __future__ import annotations

import re
import secrets
import socket
from collections.abc import AsyncIterator
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from footcare.serve_address import cannot_listen, is_loopback, public_url, split_host_header

pytest.importorskip("textual_serve", reason="needs the serve extra: pip install -e '.[serve]'")

from aiohttp.test_utils import TestClient, TestServer

from footcare.serve_guard import same_origin, same_token
from footcare.serve_server import FootcareServer

TOKEN = secrets.token_urlsafe(32)
LAN_HOST = "192.168.1.20:8000"


# the token ------------------------------------------------------------------------------


@given(st.text(st.characters(codec=None, exclude_categories=())))
@example("")
@example(TOKEN[:-1])
@example(TOKEN + "=")
@example(TOKEN.swapcase())
@example(" " + TOKEN)
@example(TOKEN)
@example(None)  # no token at all
def test_only_the_token_itself_is_accepted(given_text: str | None) -> None:
    assert same_token(given_text, TOKEN) is (given_text == TOKEN)


# the origin -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("origin", "host", "same"),
    [
        ("http://127.0.0.1:8000", "127.0.0.1:8000", True),
        ("HTTP://127.0.0.1:8000", "127.0.0.1:8000", True),
        ("https://192.168.1.20:8000", "192.168.1.20:8000", True),  # behind a TLS proxy
        ("http://[::1]:8000", "[::1]:8000", True),
        ("http://localhost:8000", "127.0.0.1:8000", False),  # another origin, same machine
        ("http://127.0.0.1:8001", "127.0.0.1:8000", False),
        ("http://127.0.0.1", "127.0.0.1:8000", False),
        ("http://127.0.0.1:8000.evil.example", "127.0.0.1:8000", False),
        ("http://127.0.0.1:8000/", "127.0.0.1:8000", False),  # an Origin has no path
        ("http://evil.example", "127.0.0.1:8000", False),
        ("ws://127.0.0.1:8000", "127.0.0.1:8000", False),
        ("file://", "127.0.0.1:8000", False),
        ("null", "127.0.0.1:8000", False),  # sandboxed frames, file pages
        ("", "127.0.0.1:8000", False),
        (None, "127.0.0.1:8000", False),
    ],
)
def test_origin_must_be_the_pages_own(origin: str | None, host: str, same: bool) -> None:
    assert same_origin(origin, host) is same


@given(st.text())
@example("http://127.0.0.1:8000")
@example("https://127.0.0.1:8000")
@example("http://127.0.0.1:8000 ")
@example("http://127.0.0.1:80000")
def test_no_other_origin_is_accepted(origin: str) -> None:
    own = {"http://127.0.0.1:8000", "https://127.0.0.1:8000"}
    assert same_origin(origin, "127.0.0.1:8000") is (origin.lower() in own)


# addresses ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "url"),
    [
        ("127.0.0.1", "http://127.0.0.1:8123"),
        ("localhost", "http://localhost:8123"),
        ("::1", "http://[::1]:8123"),
        ("192.0.2.7", "http://192.0.2.7:8123"),
        ("fd00::7", "http://[fd00::7]:8123"),
        ("tablet-host.lan", "http://tablet-host.lan:8123"),
    ],
)
def test_public_url_names_the_bound_host(host: str, url: str) -> None:
    assert public_url(host, 8123) == url


@pytest.mark.parametrize("lan", ["192.168.1.20", None])
def test_a_wildcard_bind_is_never_announced_as_localhost(
    monkeypatch: pytest.MonkeyPatch, lan: str | None
) -> None:
    monkeypatch.setattr("footcare.serve_address.lan_address", lambda ipv6=False: lan)
    monkeypatch.setattr(socket, "gethostname", lambda: "kitchen-pc")
    url = public_url("0.0.0.0", 8000)
    assert url == f"http://{lan or 'kitchen-pc'}:8000"
    assert not is_loopback(urlsplit(url).hostname or "")


@pytest.mark.parametrize(
    ("header", "host"),
    [
        ("127.0.0.1:8000", "127.0.0.1"),
        ("localhost", "localhost"),
        ("[::1]:8000", "::1"),
        ("[::1]", "::1"),
        ("::1", "::1"),
        ("evil.example:80", "evil.example"),
    ],
)
def test_host_header_split(header: str, host: str) -> None:
    assert split_host_header(header) == host


def test_a_port_in_use_is_named_before_anything_is_printed() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert cannot_listen("127.0.0.1", port) is not None
    assert cannot_listen("no-such-host.invalid", 8000) is not None


# the page, as a browser elsewhere on the network asks for it ----------------------------


@pytest.fixture
async def client_for(request: pytest.FixtureRequest) -> AsyncIterator[TestClient[object, object]]:
    """A test client for a server configured to bind `request.param` (bound to 127.0.0.1)."""
    bind = request.param
    server = FootcareServer(
        "true",
        host=bind,
        port=8000,
        token=TOKEN,
        public_url=public_url(bind, 8000),
        banner="ready",
    )
    app = await server.web_application()
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        yield client


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.socket_url = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in {"src", "href"} and value:
                self.urls.append(value)
            if name == "data-session-websocket-url" and value:
                self.socket_url = value


@pytest.mark.parametrize("client_for", ["0.0.0.0"], indirect=True)
async def test_the_page_points_at_the_host_the_browser_used(
    client_for: TestClient[object, object],
) -> None:
    reply = await client_for.get("/", params={"token": TOKEN}, headers={"Host": LAN_HOST})
    assert reply.status == 200
    html = await reply.text()
    links = Links()
    links.feed(html)
    assert links.socket_url == f"ws://{LAN_HOST}/ws/{TOKEN}"
    assert "localhost" not in html and "127.0.0.1" not in html
    policy = reply.headers["Content-Security-Policy"]
    assert f"connect-src 'self' ws://{LAN_HOST}" in policy
    assert "default-src 'none'" in policy


@pytest.mark.parametrize("client_for", ["127.0.0.1"], indirect=True)
async def test_every_file_the_page_names_is_served_here(
    client_for: TestClient[object, object],
) -> None:
    """Nothing is fetched from another server: every reference is a path on this one."""
    reply = await client_for.get("/", params={"token": TOKEN})
    links = Links()
    links.feed(await reply.text())
    assert len(links.urls) >= 4  # the icon, two style sheets, two scripts
    for url in links.urls:
        parts = urlsplit(url)
        if parts.scheme == "data":
            continue
        assert not parts.scheme and not parts.netloc and url.startswith("/"), url
        served = await client_for.get(url)  # public files need no token
        assert served.status == 200, url
        body = await served.text()
        if url.endswith(".css"):
            assert not re.search(r"url\(\s*['\"]?(https?:)?//", body), f"{url} loads from afar"
            assert "@import" not in body, url


@pytest.mark.parametrize("client_for", ["127.0.0.1"], indirect=True)
@pytest.mark.parametrize(
    ("path", "params", "headers"),
    [
        ("/", {}, {}),
        ("/", {"token": "wrong"}, {}),
        ("/", {"token": TOKEN[:-1]}, {}),
        ("/", {"key": TOKEN}, {}),
        ("/", {"token": TOKEN}, {"Host": f"rebound.example:{8000}"}),  # DNS rebinding
        ("/", {"token": TOKEN}, {"Host": LAN_HOST}),  # bound to loopback only
        ("/ws", {}, {"Origin": "http://127.0.0.1:8000"}),
        ("/anything", {}, {}),
    ],
    ids=["no-token", "wrong", "prefix", "other-name", "rebinding", "lan-host", "ws", "404"],
)
async def test_refused_without_the_token_or_from_elsewhere(
    client_for: TestClient[object, object],
    path: str,
    params: dict[str, str],
    headers: dict[str, str],
) -> None:
    reply = await client_for.get(path, params=params, headers=headers)
    assert reply.status == 403
    text = await reply.text()
    assert "?token=" in text  # says what to open instead
    assert TOKEN not in text
