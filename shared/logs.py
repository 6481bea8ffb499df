"""Structured logging: JSON lines in containers, readable text on a terminal, secrets redacted.

Every record passes through ``RedactSecrets``, which removes Slack webhook URLs, URL credentials
and any value registered with ``register_secret`` (for example a webhook read from a secret file),
so a secret never reaches a log line whatever code logs it.
"""

from __future__ import annotations

import json
import logging
import logging.config
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

_SECRETS: set[str] = set()
_LOCK = threading.Lock()

# query parameters whose value is a credential (matched case-insensitively, ``_``/``-`` ignored)
SECRET_QUERY_PARAMS = frozenset(
    {"token", "accesstoken", "authtoken", "apikey", "key", "secret", "clientsecret", "password", "passwd",
     "pwd", "sig", "signature", "auth", "authorization", "credential", "credentials", "session", "sessionid"}
)
_SECRET_NAMES = "|".join("[_-]?".join(name) for name in sorted(SECRET_QUERY_PARAMS, key=len, reverse=True))
_SECRET_PARAM = re.compile(rf"(?i)([?&;](?:{_SECRET_NAMES})=)[^&#\s\"'<>]+")

_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"https?://hooks\.slack(?:-gov)?\.com/[^\s\"'<>]+"),
    re.compile(r"(?<=://)[^/\s@]+(?=@)"),  # user:password@ (or user@) in URLs
)
REDACTED = "[REDACTED]"

_STANDARD_ATTRS = frozenset(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime"}


def register_secret(value: str | None) -> None:
    """Never log this value (for example a webhook URL read from the environment)."""
    if value and len(value) >= 8:
        with _LOCK:
            _SECRETS.add(value)


def redact(text: str) -> str:
    for secret in tuple(_SECRETS):
        if secret in text:
            text = text.replace(secret, REDACTED)
    for pattern in _PATTERNS:
        text = pattern.sub(REDACTED, text)
    return _SECRET_PARAM.sub(rf"\1{REDACTED}", text)  # ?token=... in URLs


def redact_url(url: str) -> str:
    """A URL fit to store or show: no userinfo, credential query values replaced by ``[REDACTED]``."""
    return redact(url).replace(f"{REDACTED}@", "")


class RedactSecrets(logging.Filter):
    """Rewrites the message (arguments merged in) and extra fields with secrets removed."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the record
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        for key, value in list(record.__dict__.items()):
            if key not in _STANDARD_ATTRS and isinstance(value, str):
                setattr(record, key, redact(value))
        return True


class StateLog:
    """One line per change of a dependency's state, not one per retry.

    ``failure(exc)`` logs "<what> failing" the first time, then "<what> still failing" at most every
    ``every`` seconds (with the number of failures since); ``success()`` logs "<what> back" once
    after failures. Thread-safe; one instance can be shared by every caller of the dependency.
    """

    def __init__(
        self,
        logger: logging.Logger,
        what: str,
        *,
        every: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.logger = logger
        self.what = what
        self.every = every
        self.clock = clock
        self.down_since: float | None = None
        self.last_line = 0.0
        self.failures = 0
        self._lock = threading.Lock()

    @property
    def down(self) -> bool:
        return self.down_since is not None

    def failure(self, problem: BaseException | str, **extra: Any) -> None:
        why = problem if isinstance(problem, str) else f"{type(problem).__name__}: {problem}"
        why = redact(why)[:500]
        with self._lock:
            now = self.clock()
            self.failures += 1
            if self.down_since is None:
                self.down_since = self.last_line = now
                self.logger.warning("%s failing: %s", self.what, why, extra={"state": "down", **extra})
            elif now - self.last_line >= self.every:
                self.last_line = now
                self.logger.warning(
                    "%s still failing after %.0fs (%d failures): %s",
                    self.what, now - self.down_since, self.failures, why,
                    extra={"state": "still_down", **extra},
                )

    def success(self, **extra: Any) -> None:
        with self._lock:
            if self.down_since is None:
                return
            took = self.clock() - self.down_since
            failures, self.down_since, self.failures = self.failures, None, 0
        self.logger.info(
            "%s back after %.0fs (%d failures)", self.what, took, failures, extra={"state": "up", **extra}
        )


# Connection trouble the client libraries log once per retry (aiokafka every ~0.1-1 s per node, faust's
# consumer and producer on top): collapsed per (logger, kind) into state-change lines.
CONNECTION_ERRORS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("connect", re.compile(r"(?i)unable (?:to )?connect|connect call failed|connection refused|"
                           r"connectionerror|connection (?:reset|closed|lost|aborted)|cannot connect")),
    ("node_not_ready", re.compile(r"(?i)nodenotready|node not ready|not available|no brokers|"
                                  r"unable to update metadata|unknown ?topic ?or ?partition|"
                                  r"leader ?not ?available")),
    ("timeout", re.compile(r"(?i)request ?timed ?out|timed out|timeout")),
    ("coordinator", re.compile(r"(?i)coordinator|heartbeat|rebalance ?in ?progress|offset ?commit failed")),
    ("fetch", re.compile(r"(?i)failed fetch messages|error fetching|fetch request")),
    ("produce", re.compile(r"(?i)got error produce response|_on_published error|error while sending")),
    ("elasticsearch", re.compile(r"(?i)has failed for \d+ times in a row|putting on \d+ second timeout|"
                                 r"resurrected|connection timeout caused")),
)
COLLAPSED_LOGGERS = ("aiokafka", "kafka", "faust", "mode", "elastic_transport")
COLLAPSED_LINE_MAX = 600  # characters kept of a collapsed line (faust logs whole messages on send errors)


@dataclass
class _Trouble:
    first: float
    last_line: float
    last_seen: float
    suppressed: int = 0
    total: int = 1
    logged: int = 1


class CollapseConnectionErrors(logging.Filter):
    """Lets one line through per change of state of a library's connection trouble, per (logger, kind).

    The first WARNING+ record of a kind from ``aiokafka``/``faust``/``mode``/``elastic_transport``
    passes (cut to ``COLLAPSED_LINE_MAX`` characters, marked ``state=down``); the same kind from the
    same logger is then suppressed, with a "still failing: N similar lines suppressed" line at most
    every ``every`` seconds, and a "recovered" line once the kind has been quiet for ``quiet``
    seconds (checked on every record and by a background timer).
    """

    def __init__(
        self, every: float = 60.0, quiet: float = 15.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__()
        self.every = every
        self.quiet = quiet
        self.clock = clock
        self.troubles: dict[tuple[str, str], _Trouble] = {}
        self._lock = threading.Lock()
        self._sweeper: threading.Thread | None = None
        self.out = logging.getLogger("wirewatch.connections")

    @staticmethod
    def kind(record: logging.LogRecord) -> str | None:
        if record.levelno < logging.WARNING or not record.name.startswith(COLLAPSED_LOGGERS):
            return None
        try:
            text = record.getMessage()
        except Exception:
            text = str(record.msg)
        if record.exc_info and record.exc_info[1] is not None:
            text += f" {type(record.exc_info[1]).__name__}: {record.exc_info[1]}"
        head = text[:2000]
        for name, pattern in CONNECTION_ERRORS:
            if pattern.search(head):
                return name
        return None

    def filter(self, record: logging.LogRecord) -> bool:
        self.sweep()
        kind = self.kind(record)
        if kind is None:
            return True
        now = self.clock()
        key = (record.name, kind)
        with self._lock:
            trouble = self.troubles.get(key)
            if trouble is None:
                self.troubles[key] = _Trouble(first=now, last_line=now, last_seen=now)
                self._start_sweeper()
                first = True
            else:
                trouble.total += 1
                trouble.last_seen = now
                first = False
                if now - trouble.last_line < self.every:
                    trouble.suppressed += 1
                    return False
                suppressed, trouble.suppressed, trouble.last_line = trouble.suppressed, 0, now
                trouble.logged += 1
                since = now - trouble.first
        try:
            message = record.getMessage()
        except Exception:
            message = str(record.msg)
        if len(message) > COLLAPSED_LINE_MAX:
            message = message[:COLLAPSED_LINE_MAX] + f"… ({len(message)} characters)"
        if first:
            record.msg = f"{message} [further {kind} errors of {record.name} are collapsed]"
            record.state = "down"
        else:
            record.msg = (
                f"still failing after {since:.0f}s: {suppressed} similar lines suppressed; last: {message}"
            )
            record.state = "still_down"
        record.args = None
        record.exc_info = None  # one traceback per state change at most: the first line keeps none either
        record.exc_text = None
        record.kind = kind
        return True

    def sweep(self) -> None:
        """Report kinds that have been quiet for ``quiet`` seconds as recovered."""
        now = self.clock()
        done: list[tuple[tuple[str, str], _Trouble]] = []
        with self._lock:
            for key, trouble in list(self.troubles.items()):
                if now - trouble.last_seen >= self.quiet:
                    done.append((key, self.troubles.pop(key)))
        for (name, kind), trouble in done:
            self.out.info(
                "%s: %s errors stopped after %.0fs (%d lines, %d of them logged)",
                name, kind, trouble.last_seen - trouble.first, trouble.total, trouble.logged,
                extra={"state": "up", "kind": kind, "source_logger": name},
            )

    def _start_sweeper(self) -> None:
        if self._sweeper is not None and self._sweeper.is_alive():
            return

        def run() -> None:
            while True:
                time.sleep(min(5.0, self.quiet / 2))
                with self._lock:
                    if not self.troubles:
                        self._sweeper = None
                        return
                self.sweep()

        self._sweeper = threading.Thread(target=run, name="collapse-connection-errors", daemon=True)
        self._sweeper.start()


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, extra fields, exception."""

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD_ATTRS and not key.startswith("_"):
                payload[key] = value if isinstance(value, (str, int, float, bool, type(None))) else str(value)
        if record.exc_text:
            payload["exc"] = record.exc_text
        elif record.exc_info:
            payload["exc"] = redact(self.formatException(record.exc_info))
        return json.dumps(payload, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """Readable one-line records with extra fields appended as key=value."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)-7s %(name)s: %(message)s", "%H:%M:%S")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        extras = [
            f"{k}={v}"
            for k, v in record.__dict__.items()
            if k not in _STANDARD_ATTRS and not k.startswith("_")
        ]
        return f"{line} {' '.join(extras)}" if extras else line


def logging_config(fmt: str = "text", level: str = "INFO", outage_every: float = 60.0) -> dict[str, Any]:
    """A ``logging.config.dictConfig`` dict (also handed to the faust worker).

    ``outage_every``: seconds between two "still failing" lines of collapsed connection errors
    (``WIREWATCH_OUTAGE_LOG_EVERY_SECONDS``).
    """
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "redact": {"()": RedactSecrets},
            "collapse": {"()": CollapseConnectionErrors, "every": outage_every},
        },
        "formatters": {
            "json": {"()": JsonFormatter},
            "text": {"()": TextFormatter},
        },
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": fmt,
                "filters": ["collapse", "redact"],
            }
        },
        "root": {"handlers": ["stderr"], "level": level.upper()},
        "loggers": {
            "aiokafka": {"level": "WARNING"},
            "kafka": {"level": "WARNING"},
            "elastic_transport": {"level": "WARNING"},
            # renders every request and response body (a whole bulk body) into a DEBUG line whenever
            # a handler is up the tree, whatever the level; it logs nothing else
            "elastic_transport.node": {"level": "WARNING", "propagate": False},
            "httpx": {"level": "WARNING"},
            "trafilatura": {"level": "ERROR"},
            "htmldate": {"level": "ERROR"},
            "charset_normalizer": {"level": "WARNING"},
        },
    }


def setup_logging(fmt: str = "text", level: str = "INFO") -> None:
    logging.config.dictConfig(logging_config(fmt, level))
