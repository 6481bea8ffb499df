"""Authentication and rate limiting of the search API.

* ``auth=keys``: API keys, presented as ``Authorization: Bearer <key>`` or ``X-API-Key: <key>``.
  Only their SHA-256 is configured (``WIREWATCH_API_KEYS`` and/or ``WIREWATCH_API_KEYS_FILE``),
  one entry per key: ``name:sha256-hex[:scope+scope][:revoked]``. No scopes: every scope. The file
  is re-read when it changes, so ``wirewatch api keys revoke NAME`` takes effect without a restart.
* ``auth=header``: an authenticating proxy in front of the API names the user in a trusted header
  (``WIREWATCH_API_TRUSTED_HEADER``, default ``X-Forwarded-User``); honoured only in that mode.
* ``auth=none``: no authentication (the local default); requests are limited per client address.

401: no key, or an unknown one; 403: a revoked key, or one without the endpoint's scope; 429 with
``Retry-After``: the key's (user's, address's) token bucket is empty.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from shared.errors import ConfigError

SCOPES = frozenset({"search", "articles"})  # search: /search /stats /stories; articles: /articles/{id}
_NAME = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")
_HEX = re.compile(r"^[0-9a-f]{64}$")
KEY_PREFIX = "ww_"
MAX_KEY_CHARS = 256
MAX_KEYS_FILE_BYTES = 1_000_000


class KeyEntryError(ConfigError):
    """A malformed key entry (the message says which and why; never contains a key)."""


@dataclass(frozen=True)
class ApiKey:
    name: str
    digest: str  # sha256 hex of the key
    scopes: frozenset[str]
    revoked: bool = False

    def line(self) -> str:
        parts = [self.name, self.digest, "+".join(sorted(self.scopes))]
        if self.revoked:
            parts.append("revoked")
        return ":".join(parts)


def digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def new_key() -> str:
    """A fresh random key (256 bits)."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


def parse_entry(entry: str, where: str = "WIREWATCH_API_KEYS") -> ApiKey:
    parts = entry.strip().split(":")
    if len(parts) < 2 or len(parts) > 4:
        raise KeyEntryError(f"{where}: expected name:sha256[:scopes][:revoked], got {len(parts)} fields")
    name, hexdigest = parts[0].strip(), parts[1].strip().lower()
    if not _NAME.match(name):
        raise KeyEntryError(f"{where}: bad key name {name[:64]!r} (letters, digits, _.@-, at most 64)")
    if not _HEX.match(hexdigest):
        raise KeyEntryError(
            f"{where}: key {name!r}: the second field must be a SHA-256 in hex (64 characters)"
        )
    scopes: frozenset[str] = SCOPES
    revoked = False
    rest = [p.strip() for p in parts[2:]]
    if rest and rest[-1] == "revoked":
        revoked = True
        rest = rest[:-1]
    if rest and rest[0]:
        scopes = frozenset(s for s in rest[0].split("+") if s)
        unknown = scopes - SCOPES
        if unknown:
            raise KeyEntryError(
                f"{where}: key {name!r}: unknown scope {sorted(unknown)[0]!r} (known: search, articles)"
            )
    elif len(rest) > 1:
        raise KeyEntryError(f"{where}: key {name!r}: unexpected {rest[-1]!r}")
    return ApiKey(name=name, digest=hexdigest, scopes=scopes, revoked=revoked)


def read_keys_file(path: Path) -> list[ApiKey]:
    if path.stat().st_size > MAX_KEYS_FILE_BYTES:
        raise KeyEntryError(f"{path}: larger than {MAX_KEYS_FILE_BYTES} bytes")
    keys = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            keys.append(parse_entry(line, f"{path}:{n}"))
    return keys


class KeyStore:
    """The configured keys by digest; the file's keys are re-read when its mtime or size changes."""

    def __init__(self, entries: list[str], path: Path | None = None) -> None:
        self.fixed = [parse_entry(e) for e in entries if e.strip()]
        self.path = path
        self._stamp: tuple[int, int] | None = None
        self._file: list[ApiKey] = []
        self._lock = threading.Lock()
        self._by_digest: dict[str, ApiKey] = {}
        self._reload(force=True)

    def _reload(self, force: bool = False) -> None:
        with self._lock:
            if self.path is None:
                if not force:
                    return
            else:
                st = self.path.stat()  # a missing file is a configuration error at start
                stamp = (st.st_mtime_ns, st.st_size)
                if not force and stamp == self._stamp:
                    return
                self._file = read_keys_file(self.path)
                self._stamp = stamp
            by_digest: dict[str, ApiKey] = {}
            for key in [*self.fixed, *self._file]:
                old = by_digest.get(key.digest)
                # the same key listed twice: a revoked entry wins
                by_digest[key.digest] = key if old is None or key.revoked else old
            self._by_digest = by_digest

    def keys(self) -> list[ApiKey]:
        self._reload()
        return list(self._by_digest.values())

    def lookup(self, presented: str) -> ApiKey | None:
        try:
            self._reload()
        except (OSError, KeyEntryError):
            pass  # keep the last good keys while the file is being rewritten or is broken
        return self._by_digest.get(digest(presented))


class RateLimiter:
    """A token bucket per client (key name, user or address), least recently used ones dropped."""

    def __init__(self, rate: float, burst: int, max_clients: int) -> None:
        self.rate = rate
        self.burst = burst
        self.max_clients = max_clients
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, client: str, now: float | None = None) -> float | None:
        """None when the request may go; otherwise the seconds until a token is available."""
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.pop(client, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            wait = None
            if tokens >= 1.0:
                tokens -= 1.0
            else:
                wait = (1.0 - tokens) / self.rate
            self._buckets[client] = (tokens, now)
            while len(self._buckets) > self.max_clients:
                self._buckets.popitem(last=False)
            return wait


def retry_after(wait: float) -> str:
    return str(max(1, math.ceil(wait)))


def append_key(path: Path, key: ApiKey) -> None:
    """Add a key entry to a keys file (created readable by its owner only)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    existing = read_keys_file(path) if path.exists() else []
    if any(k.name == key.name and not k.revoked for k in existing):
        raise KeyEntryError(
            f"{path}: a key named {key.name!r} exists (revoke it first, or pick another name)"
        )
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as fh:
        fh.write(key.line() + "\n")


def revoke_key(path: Path, name: str) -> int:
    """Mark every key named ``name`` in the file revoked; returns how many were."""
    lines = path.read_text("utf-8").splitlines()
    out, count = [], 0
    for n, line in enumerate(lines, 1):
        if line.strip() and not line.lstrip().startswith("#"):
            key = parse_entry(line, f"{path}:{n}")
            if key.name == name and not key.revoked:
                line = ApiKey(key.name, key.digest, key.scopes, revoked=True).line()
                count += 1
        out.append(line)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join(out) + "\n")
    os.replace(tmp, path)
    return count
