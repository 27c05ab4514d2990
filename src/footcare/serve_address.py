"""Addresses for `footcare serve`: which hosts are loopback, the URL a browser should use.

No aiohttp here: these run before the server is imported, and in tests without it.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket

WILDCARDS = frozenset({"", "0.0.0.0", "::"})
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})
# Documentation-only addresses (RFC 5737, RFC 3849): connecting a UDP socket to one
# chooses the outgoing interface without sending a packet.
_PROBES = ((socket.AF_INET, "192.0.2.1"), (socket.AF_INET6, "2001:db8::1"))


def bare(host: str) -> str:
    """A host without IPv6 brackets: "[::1]" becomes "::1"."""
    return host.strip().strip("[]")


def is_loopback(host: str) -> bool:
    """True for names and addresses that only this computer can reach."""
    name = bare(host).lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def split_host_header(value: str) -> str:
    """The host part of an HTTP Host header: "[::1]:8000" gives "::1", "a:80" gives "a"."""
    value = value.strip()
    if value.startswith("["):
        return value[1:].partition("]")[0]
    name, colon, port = value.rpartition(":")
    return name if colon and port.isdigit() and ":" not in name else value


def lan_address(ipv6: bool = False) -> str | None:
    """This computer's address on its network, or None when it has none but loopback."""
    family, probe = _PROBES[1 if ipv6 else 0]
    with contextlib.suppress(OSError), socket.socket(family, socket.SOCK_DGRAM) as sock:
        sock.connect((probe, 9))
        address = str(sock.getsockname()[0])
        parsed = ipaddress.ip_address(address)
        if not (parsed.is_loopback or parsed.is_unspecified or parsed.is_link_local):
            return address
    return None


def public_url(host: str, port: int) -> str:
    """The address a browser elsewhere should use for a server bound to `host`.

    A wildcard bind is reached by this computer's network address, never by
    `localhost` (which, typed on a tablet, is the tablet itself).
    """
    name = bare(host)
    if name in WILDCARDS:
        name = lan_address(ipv6=name == "::") or socket.gethostname() or name
    if ":" in name:
        name = f"[{name}]"
    return f"http://{name}:{port}"


def cannot_listen(host: str, port: int) -> str | None:
    """Why `host:port` cannot be listened on, or None when it can (checked by binding)."""
    try:
        found = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except (OSError, UnicodeError) as exc:
        return f"{host!r} is not an address or name this computer knows ({exc})"
    for family, kind, proto, _, address in found:
        try:
            with socket.socket(family, kind, proto) as sock:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                sock.bind(address)
        except OSError as exc:
            return str(exc.strerror or exc)
    return None
