"""SSRF guard: only http(s), and no connection to loopback/private/link-local/multicast addresses.

The check runs where the connection is made: ``GuardedBackend`` is the network backend of the HTTP
client, so every connection (the first request, each redirect, robots.txt) resolves the host, checks
every address it would use, and connects to the checked address itself (no second DNS lookup that a
rebinding name could answer differently).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import httpcore

from services.fetcher.errors import BlockedTarget as BlockedTarget  # raised here, caught by importers

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


NAT64_PREFIXES = (ipaddress.IPv6Network("64:ff9b::/96"), ipaddress.IPv6Network("64:ff9b:1::/48"))
IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")  # deprecated ::a.b.c.d


def embedded_ipv4(ip: IPAddress) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries and may be routed to: IPv4-mapped (``::ffff:``),
    IPv4-compatible (``::a.b.c.d``), 6to4 (``2002::/16``), Teredo (``2001::/32``: server and client)
    and NAT64 (``64:ff9b::/96`` well-known, ``64:ff9b:1::/48`` local use: the last 32 bits)."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return []
    if ip.ipv4_mapped is not None:
        return [ip.ipv4_mapped]
    if ip.sixtofour is not None:
        return [ip.sixtofour]
    if ip.teredo is not None:
        return list(ip.teredo)
    if any(ip in net for net in NAT64_PREFIXES) or (ip in IPV4_COMPATIBLE and int(ip) > 1):
        return [ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)]
    return []


class Guard:
    def __init__(self, allow_private: bool = False, allowed_networks: Iterable[str] = ()) -> None:
        self.allow_private = allow_private
        self.allowed: list[IPNetwork] = [ipaddress.ip_network(n, strict=False) for n in allowed_networks]

    def address_allowed(self, address: str | IPAddress) -> bool:
        ip = ipaddress.ip_address(address) if isinstance(address, str) else address
        if any(ip in net for net in self.allowed if net.version == ip.version):
            return True
        embedded = embedded_ipv4(ip)
        if embedded:  # an IPv6 address that reaches IPv4 ones is judged by the IPv4 rules
            return all(self.address_allowed(v4) for v4 in embedded)
        if self.allow_private:
            return not ip.is_unspecified
        return ip.is_global and not (
            ip.is_loopback
            or ip.is_private
            or ip.is_link_local
            or ip.is_multicast
            or ip.is_reserved
            or ip.is_unspecified
        )

    def check_url(self, url: str) -> None:
        """Refuse a URL that is not http(s) or names a forbidden address literally; ``ValueError`` for
        a URL that does not parse (``http://[::1``, a port out of range)."""
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError when it is no port
        if parts.scheme.lower() not in ("http", "https"):
            raise BlockedTarget(f"scheme {parts.scheme or '(none)'!r} not allowed: {url[:200]}")
        host = parts.hostname
        if not host:
            raise BlockedTarget(f"no host in {url[:200]}")
        try:
            ip = ipaddress.ip_address(host)
        except ValueError:
            return  # a name: checked after resolution, when connecting
        if not self.address_allowed(ip):
            raise BlockedTarget(f"address {ip} not allowed ({url[:200]})")

    async def resolve(self, host: str, port: int) -> list[str]:
        """The addresses of ``host`` the guard allows; ``BlockedTarget`` when there is none."""
        try:
            ip = ipaddress.ip_address(host)
            addresses = [str(ip)]
        except ValueError:
            loop = asyncio.get_running_loop()
            try:
                infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            except socket.gaierror as exc:
                raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
            addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        allowed = [a for a in addresses if self.address_allowed(a)]
        if not allowed:
            raise BlockedTarget(f"{host} resolves to {', '.join(addresses)}: not allowed")
        return allowed


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore network backend that connects only to addresses the guard allows."""

    def __init__(self, guard: Guard, inner: httpcore.AsyncNetworkBackend | None = None) -> None:
        self.guard = guard
        self.inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await self.guard.resolve(host, port)
        last: Exception | None = None
        for address in addresses:
            try:
                return await self.inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last

    async def connect_unix_socket(self, *args: Any, **kwargs: Any) -> httpcore.AsyncNetworkStream:
        raise BlockedTarget("unix sockets are not allowed")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)
