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


def logging_config(fmt: str = "text", level: str = "INFO") -> dict[str, Any]:
    """A ``logging.config.dictConfig`` dict (also handed to the faust worker)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"redact": {"()": RedactSecrets}},
        "formatters": {
            "json": {"()": JsonFormatter},
            "text": {"()": TextFormatter},
        },
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": fmt,
                "filters": ["redact"],
            }
        },
        "root": {"handlers": ["stderr"], "level": level.upper()},
        "loggers": {
            "aiokafka": {"level": "WARNING"},
            "kafka": {"level": "WARNING"},
            "elastic_transport": {"level": "WARNING"},
            "httpx": {"level": "WARNING"},
            "trafilatura": {"level": "ERROR"},
            "htmldate": {"level": "ERROR"},
            "charset_normalizer": {"level": "WARNING"},
        },
    }


def setup_logging(fmt: str = "text", level: str = "INFO") -> None:
    logging.config.dictConfig(logging_config(fmt, level))
