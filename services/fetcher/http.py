"""The fetcher's HTTP client: guarded connections, manual bounded redirects, per-host politeness,
conditional GET, size limits, robots.txt, retries with exponential backoff and jitter."""

from __future__ import annotations

import asyncio
import random
import time
import urllib.robotparser
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter

from services.fetcher.decoding import BodyDecoder
from services.fetcher.errors import BlockedTarget, DecodeError, FetchKind, TooLarge, http_kind
from services.fetcher.errors import FetchError as FetchError  # what ``get`` raises, for its callers
from services.fetcher.guard import Guard, GuardedBackend
from services.fetcher.settings import FetcherSettings
from services.fetcher.urls import host_key

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
ROBOTS_MAX_BYTES = 512 * 1024
# robots.txt failures read as "no robots.txt" (allow everything); others disallow for a while
ROBOTS_ALLOW_ALL = frozenset(
    {FetchKind.TOO_LARGE, FetchKind.TOO_MANY_REDIRECTS, FetchKind.DECODING, FetchKind.TOO_MANY_ENCODINGS,
     FetchKind.INVALID_URL}
)  # fmt: skip


@dataclass
class Response:
    url: str  # what was asked for
    final_url: str  # after redirects
    status: int
    headers: httpx.Headers
    body: bytes
    elapsed: float
    redirects: int = 0

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str | None:
        value: str | None = self.headers.get("content-type")
        return value


@dataclass
class _HostState:
    semaphore: asyncio.Semaphore
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    last_start: float = 0.0


class HostLimiter:
    """At most ``concurrency`` requests in flight per host, and ``delay`` seconds between two starts."""

    def __init__(self, concurrency: int, delay: float) -> None:
        self.concurrency = concurrency
        self.delay = delay
        self._hosts: dict[str, _HostState] = {}

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        state = self._hosts.get(host)
        if state is None:
            state = self._hosts[host] = _HostState(asyncio.Semaphore(self.concurrency))
        async with state.semaphore:
            if self.delay > 0:
                async with state.lock:
                    wait = state.last_start + self.delay - time.monotonic()
                    if wait > 0:
                        await asyncio.sleep(wait)
                    state.last_start = time.monotonic()
            yield


class HttpClient:
    """One per process; ``get`` is safe to call from many tasks at once."""

    def __init__(self, settings: FetcherSettings) -> None:
        self.settings = settings
        self.guard = Guard(settings.allow_private, settings.allowed_networks)
        self.limiter = HostLimiter(settings.per_host_concurrency, settings.per_host_delay)
        transport = httpx.AsyncHTTPTransport()
        transport._pool = httpcore.AsyncConnectionPool(  # the same pool, with the guarded backend
            ssl_context=httpx.create_ssl_context(),
            max_connections=settings.max_connections,
            max_keepalive_connections=min(settings.max_connections, 100),
            keepalive_expiry=5.0,
            network_backend=GuardedBackend(self.guard),
        )
        self.client = httpx.AsyncClient(
            transport=transport,
            follow_redirects=False,
            trust_env=False,  # an environment proxy would bypass the guard
            timeout=httpx.Timeout(
                connect=settings.connect_timeout,
                read=settings.read_timeout,
                write=settings.read_timeout,
                pool=None,
            ),
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            # httpx's own decoding is bypassed (aiter_raw + BodyDecoder): it inflates whole chunks
            event_hooks={"response": [check_location]},
        )
        self._robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser | None, bool]] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}

    async def aclose(self) -> None:
        await self.client.aclose()

    async def get(
        self,
        url: str,
        *,
        max_bytes: int,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = "*/*",
        deadline: float | None = None,
    ) -> Response:
        """GET with retries of transient failures; raises ``FetchError``.

        ``deadline``: seconds one HTTP exchange (connect to last body byte, per redirect hop and per
        attempt) may take, default ``page_deadline``; over it: ``FetchError("deadline")``, not retried."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        s = self.settings
        retrying = AsyncRetrying(
            retry=retry_if_exception(lambda e: isinstance(e, FetchError) and e.transient),
            stop=stop_after_attempt(s.retries + 1),
            wait=wait_exponential_jitter(
                multiplier=s.retry_base_delay, max=s.retry_max_delay, jitter=s.retry_base_delay
            ),
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                return await self._get_once(
                    url, headers, max_bytes, check_robots=s.respect_robots,
                    deadline=deadline or s.page_deadline,
                )  # fmt: skip
        raise AssertionError("unreachable")  # pragma: no cover

    async def _get_once(
        self, url: str, headers: dict[str, str], max_bytes: int, *, check_robots: bool, deadline: float
    ) -> Response:
        started = time.perf_counter()
        current = url
        for hop in range(self.settings.max_redirects + 1):
            try:
                self.guard.check_url(current)
            except BlockedTarget as exc:
                raise FetchError(FetchKind.BLOCKED, exc.reason, url=current) from exc
            except ValueError as exc:  # urlsplit: "Invalid IPv6 URL", bad port ...
                msg = f"invalid URL {current[:300]!r}: {exc}"
                raise FetchError(FetchKind.INVALID_URL, msg, url=current) from exc
            if check_robots and not await self.robots_allowed(current, deadline):
                raise FetchError(FetchKind.ROBOTS, f"robots.txt disallows {current}", url=current)
            status, resp_headers, body = await self._request(current, headers, max_bytes, deadline)
            if status in REDIRECT_CODES and "location" in resp_headers:
                try:
                    current = urljoin(current, resp_headers["location"])
                except ValueError as exc:
                    msg = f"invalid redirect from {current}: {exc}"
                    raise FetchError(FetchKind.INVALID_URL, msg, url=current) from exc
                continue
            if status >= 400:
                retried = status == 429 or status >= 500
                msg = f"HTTP {status} from {current}"
                raise FetchError(http_kind(status), msg, transient=retried, status=status, url=current)
            return Response(url, current, status, resp_headers, body, time.perf_counter() - started, hop)
        msg = f"more than {self.settings.max_redirects} redirects from {url}"
        raise FetchError(FetchKind.TOO_MANY_REDIRECTS, msg, url=url)

    async def _request(
        self, url: str, headers: dict[str, str], max_bytes: int, deadline: float
    ) -> tuple[int, httpx.Headers, bytes]:
        try:
            async with self.limiter.slot(host_key(url)):
                try:
                    async with asyncio.timeout(deadline):  # the whole exchange, however slowly bytes drip
                        return await self._exchange(url, headers, max_bytes)
                except TimeoutError as exc:
                    msg = f"{url}: no complete response within {deadline:g} s"
                    raise FetchError(FetchKind.DEADLINE, msg, url=url) from exc
        except BlockedTarget as exc:
            raise FetchError(FetchKind.BLOCKED, exc.reason, url=url) from exc
        except httpx.TimeoutException as exc:
            msg = f"{type(exc).__name__} on {url}"
            raise FetchError(FetchKind.TIMEOUT, msg, transient=True, url=url) from exc
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:  # will not get better: not retried
            raise FetchError(FetchKind.INVALID_URL, f"invalid URL {url[:300]!r}: {exc}", url=url) from exc
        except httpx.TransportError as exc:  # RemoteProtocolError too: a broken answer (retried)
            kind = FetchKind.CONNECT if isinstance(exc, httpx.ConnectError) else FetchKind.NETWORK
            raise FetchError(kind, f"{type(exc).__name__} on {url}: {exc}", transient=True, url=url) from exc

    async def _exchange(
        self, url: str, headers: dict[str, str], max_bytes: int
    ) -> tuple[int, httpx.Headers, bytes]:
        async with self.client.stream("GET", url, headers=headers) as resp:
            status = resp.status_code
            declared = resp.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes and status < 300:
                msg = f"{url}: Content-Length {declared} > {max_bytes}"
                raise FetchError(FetchKind.TOO_LARGE, msg, status=status, url=url)
            try:
                coding = resp.headers.get("content-encoding")
                if status == 304 or status in REDIRECT_CODES:
                    coding = None  # a body that is not used is not decoded (still counted, raw)
                decoder = BodyDecoder(coding, max_bytes, self.settings.max_content_encodings)
                raw = 0
                async for chunk in resp.aiter_raw():  # raw: decoded here, the limit checked while inflating
                    raw += len(chunk)
                    if raw > max_bytes:
                        raise TooLarge(f"raw body over {max_bytes} bytes")
                    decoder.feed(chunk)
                body = decoder.finish()
            except (TooLarge, DecodeError) as exc:
                raise FetchError(exc.kind, f"{url}: {exc.reason}", status=status, url=url) from exc
            return status, resp.headers, body

    async def robots_allowed(self, url: str, deadline: float | None = None) -> bool:
        """RFC 9309: robots.txt 4xx = allow everything; 5xx or unreachable = disallow, retried sooner."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        now = time.monotonic()
        cached = self._robots.get(origin)
        if cached is None or cached[0] < now:
            lock = self._robots_locks.setdefault(origin, asyncio.Lock())
            async with lock:
                cached = self._robots.get(origin)
                if cached is None or cached[0] < now:
                    cached = await self._load_robots(origin, deadline or self.settings.page_deadline)
                    self._robots[origin] = cached
        _, parser, allow_all = cached
        if parser is None:
            return allow_all
        return parser.can_fetch(self.settings.user_agent, url)

    async def _load_robots(
        self, origin: str, deadline: float
    ) -> tuple[float, urllib.robotparser.RobotFileParser | None, bool]:
        ttl = self.settings.robots_cache_seconds
        try:
            _status, _, body = await self._get_robots(origin, deadline)
        except FetchError as exc:
            if exc.kind is FetchKind.BLOCKED:
                raise  # the site itself is off limits: say so, not "robots"
            if exc.kind is FetchKind.HTTP_4XX:
                return time.monotonic() + ttl, None, True
            if exc.kind in ROBOTS_ALLOW_ALL:
                return time.monotonic() + ttl, None, True
            return time.monotonic() + min(ttl, 300.0), None, False
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(body.decode("utf-8", errors="replace").splitlines())
        return time.monotonic() + ttl, parser, True

    async def _get_robots(self, origin: str, deadline: float) -> tuple[int, httpx.Headers, bytes]:
        resp = await self._get_once(f"{origin}/robots.txt", {"Accept": "text/plain"}, ROBOTS_MAX_BYTES,
                                    check_robots=False, deadline=deadline)  # fmt: skip
        return resp.status, resp.headers, resp.body


async def check_location(response: httpx.Response) -> None:
    """A redirect whose Location httpx cannot parse is an ``invalid_url`` (permanent, not retried).

    httpx builds a redirect's next request even when it does not follow it, and a Location it cannot
    parse then surfaces as a ``RemoteProtocolError``, the type of a broken answer (retried as
    ``network``). This response hook runs first and parses the Location as httpx would."""
    location = response.headers.get("location")
    if location is None or response.status_code not in REDIRECT_CODES:
        return
    try:
        httpx.URL(location)
    except httpx.InvalidURL as exc:
        url = str(response.request.url)
        raise FetchError(FetchKind.INVALID_URL, f"invalid redirect from {url}: {exc}", url=url) from exc


def jittered(seconds: float, spread: float = 0.1) -> float:
    """``seconds`` give or take ``spread`` (a fraction), so that feeds do not poll in lockstep."""
    return max(0.0, seconds * (1 + random.uniform(-spread, spread)))
