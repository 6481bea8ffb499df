"""Structured logs: JSON lines with extra fields, and secrets that never reach the output."""

from __future__ import annotations

import io
import json
import logging

from shared.logs import JsonFormatter, RedactSecrets, register_secret


def _logger(stream: io.StringIO) -> logging.Logger:
    logger = logging.getLogger(f"test-{id(stream)}")
    logger.handlers.clear()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RedactSecrets())
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.INFO)
    return logger


def test_json_lines_carry_extra_fields() -> None:
    out = io.StringIO()
    _logger(out).info("polled %s", "feed", extra={"status": 304, "feed": "https://example.org/rss"})
    line = json.loads(out.getvalue())
    assert line["msg"] == "polled feed"
    assert line["status"] == 304
    assert line["level"] == "info"


def test_webhooks_credentials_and_registered_secrets_are_redacted() -> None:
    out = io.StringIO()
    log = _logger(out)
    hook = "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX"
    register_secret("http://127.0.0.1:5555/hook/abcdef123456")
    log.warning("posting to %s", hook)
    log.warning("posting", extra={"url": "http://127.0.0.1:5555/hook/abcdef123456"})
    log.error("connect to https://user:hunter22@es.example.org:9200 failed")
    try:
        raise RuntimeError(f"failed {hook}")
    except RuntimeError:
        log.exception("boom")
    text = out.getvalue()
    assert "XXXXXXXXXXXXXXXX" not in text
    assert "abcdef123456" not in text
    assert "hunter22" not in text
    assert text.count("[REDACTED]") >= 4
