"""`footcare serve` keeps its secret and its size.

- A WebSocket message that isn't one the page sends (`not json`, `[]`, `["stdin", 5]`,
  anything at all) is dropped without a word: no traceback, the token never printed
  again after start-up (a rich traceback once printed it 22 times, in its locals).
- At most MAX_SESSIONS browser tabs have an app at once; one more gets a page saying so.
- A closed tab's app process ends within a few seconds (200 quick connections once left
  159 apps alive for about 40 s).

The server is real, on 127.0.0.1 only; every wait is a bounded loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clisupport import screen_until
from footcare.serve_guard import Guard, RedactToken, envelope
from ptyterm import children, make_folders
from served import WAIT, Served, serve_env, serving

pytestmark = pytest.mark.xdist_group("serve-limits")

# --- the messages, no server ---------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(json_values.map(json.dumps), st.text()))
def test_no_message_can_raise_and_only_the_pages_own_get_through(text: str) -> None:
    read = envelope(text)
    if read is None:
        return
    kind, data = read
    value = json.loads(text)
    assert value[0] == kind
    if kind in ("stdin", "ping"):
        assert value == [kind, data] and isinstance(data, str)
    elif kind == "resize":
        width, height = data
        assert (value[1]["width"], value[1]["height"]) == (width, height)
        assert all(type(n) is int and 1 <= n <= 1000 for n in data)
    else:
        assert value == [kind] and kind in ("blur", "focus")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('["stdin", "c"]', ("stdin", "c")),
        ('["resize", {"width": 100, "height": 30}]', ("resize", (100, 30))),
        ('["ping", "1700000000"]', ("ping", "1700000000")),
        ('["blur"]', ("blur", None)),
        ('["focus"]', ("focus", None)),
        *(
            (malformed, None)
            for malformed in [
                "not json",
                "[]",
                "{}",
                '["stdin", 5]',
                '["stdin"]',
                '["stdin", "a", "b"]',
                '["resize", {"width": "80", "height": 24}]',
                '["resize", {"width": true, "height": 24}]',
                '["resize", {"width": 10000000, "height": 24}]',
                '["resize", [80, 24]]',
                '["ping", {}]',
                '["blur", 1]',
                '["quit"]',
                "[" * 100_000 + "]" * 100_000,
                '["stdin", "' + "x" * 100_000 + '"]',
                "1" * 5000,
            ]
        ),
    ],
)
def test_the_pages_own_messages_pass_and_malformed_ones_do_not(
    text: str, expected: tuple[str, Any] | None
) -> None:
    assert envelope(text) == expected


def test_a_log_line_with_an_exception_is_one_line_without_the_token() -> None:
    token = "T" * 43
    guard = Guard(token, loopback_only=True)
    try:
        path = f"/ws/{token}"
        raise ValueError(f"bad message on {path}")
    except ValueError:
        record = logging.LogRecord(
            "aiohttp.server", logging.ERROR, __file__, 1, "Error on %s", (path,), None
        )
        import sys

        record.exc_info = sys.exc_info()
    assert RedactToken(guard).filter(record)
    line = logging.Formatter("%(message)s").format(record)
    assert token not in line and "Traceback" not in line and "\n" not in line
    assert "ValueError" in line and "/ws/<token>" in line


# --- the real server -------------------------------------------------------------------------


def apps(served: Served) -> set[int]:
    """The app processes the server has running (the shell execs into the app)."""
    return set(children(served.pid))


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    pytest.importorskip("textual_serve", reason="needs the serve extra: pip install -e '.[serve]'")
    root = tmp_path_factory.mktemp("limits")
    config, data = make_folders(root / "app")
    with serving(serve_env(config, data, COLUMNS="100"), root / "serve.log") as served:
        yield served


@contextlib.asynccontextmanager
async def tab(served: Served) -> AsyncIterator[Any]:
    """A browser tab's WebSocket (with the token and the page's own Origin)."""
    import aiohttp

    async with aiohttp.ClientSession() as session:
        ws = await session.ws_connect(served.socket_url(), origin=served.base)
        async with ws:
            yield ws


async def wait_for(check: Any, seconds: float, what: str) -> float:
    """Poll ``check`` until true; the seconds it took. Fails after ``seconds``."""
    start = time.monotonic()
    while not check():
        assert time.monotonic() - start < seconds, what
        await asyncio.sleep(0.1)
    return time.monotonic() - start


MALFORMED = [
    "not json",
    "[]",
    '["stdin", 5]',
    "{}",
    '["resize", {"width": "x"}]',
    '["ping"]',
    "[" * 5000,
]


async def test_malformed_messages_are_dropped_quietly_and_the_app_carries_on(
    served: Served,
) -> None:
    async with tab(served) as ws:
        await ws.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
        screen = bytearray()
        await screen_until(ws, "Today's session", screen)
        for text in MALFORMED:
            await ws.send_str(text)
        await ws.send_str(json.dumps(["stdin", "c"]))
        await screen_until(ws, "Safety questions", screen)
    # once the tab's app has ended, the server has said all it would about the session
    await wait_for(lambda: not apps(served), WAIT, "the closed tab's app still runs")
    log = served.output()
    assert log.count(served.token) == 1, log  # the start-up line, only
    assert "Traceback" not in log and "Error handling request" not in log, log


async def test_one_tab_past_the_cap_gets_a_clear_page_and_a_closed_tab_ends_its_app(
    served: Served,
) -> None:
    import aiohttp

    from footcare.serve_server import MAX_SESSIONS

    await wait_for(lambda: not apps(served), WAIT, "apps of earlier tests still running")
    async with contextlib.AsyncExitStack() as stack:
        tabs = [await stack.enter_async_context(tab(served)) for _ in range(MAX_SESSIONS)]
        await wait_for(lambda: len(apps(served)) == MAX_SESSIONS, WAIT, "apps did not start")
        async with aiohttp.ClientSession() as session:
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(served.socket_url(), origin=served.base)
            assert refused.value.status == 503
            async with session.get(f"{served.base}/?token={served.token}") as page:
                text = " ".join((await page.text()).split())
                assert page.status == 503
                assert f"already open in {MAX_SESSIONS} browser tabs" in text
                assert "Close a tab" in text and served.token not in text
        assert len(apps(served)) == MAX_SESSIONS  # the refused one started nothing

        before = apps(served)
        await tabs[0].close()
        took = await wait_for(
            lambda: len(apps(served)) == MAX_SESSIONS - 1, 20, "a closed tab's app still runs"
        )
        print(f"a closed tab's app ended after {took:.1f} s")
        assert apps(served) < before
        async with tab(served):
            await wait_for(lambda: len(apps(served)) == MAX_SESSIONS, WAIT, "no room again")
    took = await wait_for(lambda: not apps(served), 20, "closed tabs' apps still run")
    print(f"all closed tabs' apps ended after {took:.1f} s")


async def test_quick_connections_leave_no_app_behind(served: Served) -> None:
    """Open and close at once, many times: never more than the cap alive, none after."""
    import aiohttp

    from footcare.serve_server import MAX_SESSIONS

    await wait_for(lambda: not apps(served), WAIT, "apps of earlier tests still running")
    most = 0
    async with aiohttp.ClientSession() as session:
        for _ in range(20):
            with contextlib.suppress(aiohttp.WSServerHandshakeError):
                ws = await session.ws_connect(served.socket_url(), origin=served.base)
                await ws.close()
            most = max(most, len(apps(served)))
    assert most <= MAX_SESSIONS
    took = await wait_for(lambda: not apps(served), 30, "quick connections left apps running")
    print(f"20 quick connections: at most {most} apps at once, all ended {took:.1f} s after")
    assert served.output().count(served.token) == 1
