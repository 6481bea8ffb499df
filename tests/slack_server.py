"""A local stand-in for Slack's incoming-webhook endpoint: a real aiohttp server on 127.0.0.1.

It runs in its own thread (usable from sync tests, async tests, subprocess tests and the demo),
checks payloads the way Slack does (JSON object, text or blocks, Block Kit limits), records every
request, and can be scripted per path: ``429`` with ``Retry-After``, ``500``, ``404 no_service``,
slow answers.

    with SlackServer() as slack:
        url = slack.url("T000/B000/secret")          # http://127.0.0.1:<port>/services/T000/B000/secret
        slack.script("T000/B000/secret", Reply(429, "rate_limited", retry_after=1), Reply(500))
        slack.always("T000/B000/gone", Reply(404, "no_service"))
        ...
        slack.delivered("T000/B000/secret")          # payloads answered 200 ok
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

# Slack's Block Kit limits (docs.slack.dev/reference/block-kit): 50 blocks per message, header text
# 150, section text 3000, section fields 10 x 2000, context elements 10.
MAX_BLOCKS = 50
KNOWN_BLOCKS = {"section", "header", "context", "divider", "image", "actions", "rich_text", "markdown"}


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: str = "ok"
    retry_after: float | None = None
    delay: float = 0.0  # seconds before answering (a slow Slack)


@dataclass
class Received:
    path: str
    raw: bytes
    payload: dict[str, Any] | None
    status: int
    body: str
    at: float = field(default_factory=time.monotonic)  # when the request arrived


def validate(payload: Any) -> str | None:
    """Slack's error string for an invalid webhook payload, or None when Slack would accept it."""
    if not isinstance(payload, dict):
        return "invalid_payload"
    blocks = payload.get("blocks")
    text = payload.get("text")
    if blocks is not None and not isinstance(blocks, list):
        return "invalid_payload"
    if not blocks and not (isinstance(text, str) and text.strip()):
        return "invalid_payload"  # Slack: nothing to post (empty text, no blocks)
    if blocks and len(blocks) > MAX_BLOCKS:
        return "invalid_payload"
    total = 0
    for block in blocks or []:
        if not isinstance(block, dict) or block.get("type") not in KNOWN_BLOCKS:
            return "invalid_blocks"
        kind = block["type"]
        if kind == "header":
            t = block.get("text") or {}
            if t.get("type") != "plain_text" or not t.get("text") or len(t["text"]) > 150:
                return "invalid_blocks"
            total += len(t["text"])
        elif kind == "section":
            t = block.get("text")
            fields = block.get("fields")
            if t is None and not fields:
                return "invalid_blocks"
            if t is not None:
                if (
                    t.get("type") not in {"mrkdwn", "plain_text"}
                    or not t.get("text")
                    or len(t["text"]) > 3000
                ):
                    return "invalid_blocks"
                total += len(t["text"])
            if fields is not None:
                if len(fields) > 10 or any(not f.get("text") or len(f["text"]) > 2000 for f in fields):
                    return "invalid_blocks"
                total += sum(len(f["text"]) for f in fields)
        elif kind == "context":
            elements = block.get("elements") or []
            if not elements or len(elements) > 10:
                return "invalid_blocks"
            total += sum(len(e.get("text", "")) for e in elements)
    if total > 13_000:
        return "msg_blocks_too_long"
    return None


class SlackServer:
    """The webhook endpoint: ``POST /services/<anything>``."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self.port = port
        self._scripts: dict[str, deque[Reply]] = defaultdict(deque)
        self._defaults: dict[str, Reply] = {}
        self._received: list[Received] = []
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None

    # -- scripting ---------------------------------------------------------------------------------

    @staticmethod
    def _key(path: str) -> str:
        path = path.split("://", 1)[-1]
        if path.startswith(("127.0.0.1", "localhost")):
            path = path.split("/", 1)[1] if "/" in path else ""
        path = path.lstrip("/")
        return path.removeprefix("services/")

    def url(self, token: str) -> str:
        return f"http://{self.host}:{self.port}/services/{self._key(token)}"

    def script(self, token: str, *replies: Reply) -> None:
        """Answer the next requests on this path with ``replies``, in order, then the default."""
        with self._lock:
            self._scripts[self._key(token)].extend(replies)

    def always(self, token: str, reply: Reply) -> None:
        """The answer on this path once its script is used up (200 ok unless set)."""
        with self._lock:
            self._defaults[self._key(token)] = reply

    # -- observations ----------------------------------------------------------------------------

    def received(self, token: str | None = None) -> list[Received]:
        with self._lock:
            items = list(self._received)
        return items if token is None else [r for r in items if r.path == self._key(token)]

    def delivered(self, token: str | None = None) -> list[dict[str, Any]]:
        """Payloads answered ``200 ok`` (the messages a channel would show)."""
        return [r.payload for r in self.received(token) if r.status == 200 and r.payload is not None]

    def wait_for(self, condition: Callable[[], bool], timeout: float = 30.0, interval: float = 0.1) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return True
            time.sleep(interval)
        return condition()

    # -- server ------------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        arrived = time.monotonic()
        key = self._key(request.path)
        raw = await request.read()
        with self._lock:
            queue = self._scripts.get(key)
            reply = queue.popleft() if queue else self._defaults.get(key, Reply())
        payload: dict[str, Any] | None = None
        try:
            parsed = json.loads(raw)
            payload = parsed if isinstance(parsed, dict) else None
        except ValueError:
            parsed = None
        status, body = reply.status, reply.body
        if status == 200:
            problem = validate(parsed)
            if problem is not None:
                status, body = 400, problem
        if reply.delay:
            await asyncio.sleep(reply.delay)
        with self._lock:
            self._received.append(Received(key, raw, payload, status, body, arrived))
        headers = {"Content-Type": "text/html"}
        if status == 429:
            headers["Retry-After"] = str(reply.retry_after if reply.retry_after is not None else 1)
        return web.Response(status=status, text=body, headers=headers)

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)

        async def main() -> None:
            app = web.Application(client_max_size=4 * 1024 * 1024)
            app.router.add_post("/services/{tail:.*}", self._handle)
            self._runner = web.AppRunner(app, access_log=None)
            await self._runner.setup()
            site = web.TCPSite(self._runner, self.host, self.port)
            await site.start()
            server = site._server
            if self.port == 0 and isinstance(server, asyncio.Server) and server.sockets:
                self.port = server.sockets[0].getsockname()[1]
            self._stop = asyncio.Event()
            self._ready.set()
            await self._stop.wait()
            await self._runner.cleanup()

        try:
            loop.run_until_complete(main())
        finally:
            loop.close()

    def start(self) -> SlackServer:
        self._thread = threading.Thread(target=self._run, name="slack-stand-in", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("slack stand-in did not start")
        return self

    def stop(self) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        if self._thread is not None:
            self._thread.join(10)

    def __enter__(self) -> SlackServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
