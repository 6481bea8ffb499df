"""A programmable feed/page server for the fetcher tests: real aiohttp on 127.0.0.x, in its own thread.

Routes are set per path (body, content type, status, ETag/Last-Modified with real conditional GET,
delay, N failures first, redirects); every request is recorded, and the server counts how many
requests it has in flight at once (overall and per path).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

from aiohttp import web

from services.fetcher.settings import FetcherSettings
from tests.support import free_port


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: datetime | None = None
    delay: float = 0.0
    fail_first: int = 0  # answer 500 this many times first
    redirect: str | None = None  # Location (absolute or relative)
    headers: dict[str, str] = field(default_factory=dict)
    drip: float = 0.0  # send the body one byte every ``drip`` seconds (a slow-loris server)


@dataclass
class Seen:
    path: str
    status: int
    headers: dict[str, str]
    at: float


class FeedServer:
    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.port = free_port()
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self.failures: Counter[str] = Counter()
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._started = threading.Event()
        self._stop: asyncio.Event | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def add(self, path: str, body: bytes | str = b"", **kw: Any) -> str:
        raw = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(body=raw, **kw)
        return self.url(path)

    def hits(self, path: str, status: int | None = None) -> int:
        with self._lock:
            return sum(1 for r in self.requests if r.path == path and (status is None or r.status == status))

    def seen(self, path: str) -> list[Seen]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        path = request.path_qs if request.path_qs in self.routes else request.path
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            resp = await self._answer(path, request)
        finally:
            with self._lock:
                self.in_flight -= 1
        with self._lock:
            self.requests.append(Seen(path, resp.status, dict(request.headers), time.time()))
        return resp

    async def _answer(self, path: str, request: web.Request) -> web.StreamResponse:
        route = self.routes.get(path)
        if route is None:
            return web.Response(status=404, text="not found")
        if route.delay:
            await asyncio.sleep(route.delay)
        if self.failures[path] < route.fail_first:
            self.failures[path] += 1
            return web.Response(status=500, text="try again")
        if route.redirect:
            return web.Response(status=302, headers={**route.headers, "Location": route.redirect})
        headers = dict(route.headers)
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = format_datetime(route.last_modified.astimezone(UTC), usegmt=True)
        if route.etag and request.headers.get("If-None-Match") == route.etag:
            return web.Response(status=304, headers=headers)
        if (
            route.last_modified
            and not route.etag
            and request.headers.get("If-Modified-Since") == headers.get("Last-Modified")
        ):
            return web.Response(status=304, headers=headers)
        headers["Content-Type"] = route.content_type
        if route.drip:
            resp = web.StreamResponse(status=route.status, headers=headers)
            await resp.prepare(request)
            try:
                for i in range(len(route.body)):
                    await resp.write(route.body[i : i + 1])
                    await asyncio.sleep(route.drip)
            except (ConnectionError, RuntimeError):
                pass  # the client gave up
            return resp
        return web.Response(status=route.status, body=route.body, headers=headers)

    def start(self) -> FeedServer:
        self._thread = threading.Thread(target=self._run, name=f"feedserver-{self.port}", daemon=True)
        self._thread.start()
        if not self._started.wait(10):
            raise RuntimeError("feed server did not start")
        return self

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        loop.run_until_complete(self._serve())
        loop.close()

    async def _serve(self) -> None:
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._handle)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, self.host, self.port).start()
        self._stop = asyncio.Event()
        self._started.set()
        await self._stop.wait()
        await runner.cleanup()

    def stop(self) -> None:
        if self._loop and self._stop:
            self._loop.call_soon_threadsafe(self._stop.set)
        if self._thread:
            self._thread.join(10)

    def __enter__(self) -> FeedServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def rss(items: list[dict[str, str]], title: str = "Test feed") -> str:
    """An RSS 2.0 document; each item may give title, link, guid, description, pubDate, author."""
    parts = [f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>{title}</title>']
    parts.append("<link>http://example.org/</link><description>test</description>")
    for item in items:
        fields = "".join(f"<{k}>{v}</{k}>" for k, v in item.items())
        parts.append(f"<item>{fields}</item>")
    parts.append("</channel></rss>")
    return "".join(parts)


def page(title: str, text: str) -> str:
    head = f"<head><title>{title}</title></head>"
    return f"<html>{head}<body><article><h1>{title}</h1><p>{text}</p></article></body></html>"


def local_fetcher_settings(**kw: Any) -> FetcherSettings:
    """Fetcher settings for talking to a ``FeedServer``: loopback allowed, no per-host delay, a 1 s
    connect timeout, nothing read from the environment; ``kw`` set on top."""
    base: dict[str, Any] = {
        "allowed_networks": ["127.0.0.1/32"],
        "per_host_delay": 0.0,
        "connect_timeout": 1.0,
    }
    return FetcherSettings(_env_file=None, **{**base, **kw})
