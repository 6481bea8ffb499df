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


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_connection_errors_collapse_into_state_changes() -> None:
    """A broker outage: hundreds of identical aiokafka errors become down / still down / recovered."""
    from shared.logs import CollapseConnectionErrors

    clock = _Clock()
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    collapse = CollapseConnectionErrors(every=60.0, quiet=15.0, clock=clock)
    handler.addFilter(collapse)
    handler.addFilter(RedactSecrets())
    loggers = [logging.getLogger("aiokafka.conn"), logging.getLogger("wirewatch.connections")]
    saved = [(lg.handlers[:], lg.propagate, lg.level) for lg in loggers]
    try:
        for lg in loggers:
            lg.handlers[:] = [handler]
            lg.propagate = False
            lg.setLevel(logging.INFO)
        conn = loggers[0]
        for _ in range(500):  # 10 s of an outage at ~50 lines per second
            conn.error("Unable connect to node with id 1: [Errno 111] Connect call failed ('127.0.0.1', 9)")
            clock.now += 0.02
        conn.warning("Topic test is not available during auto-create initialization")  # another kind
        lines = out.getvalue().splitlines()
        assert len(lines) == 2, lines  # one per (logger, kind), not one per retry
        assert "Unable connect to node" in lines[0] and "collapsed" in lines[0]
        for _ in range(60):  # still down a minute later: one reminder with the count
            clock.now += 1
            conn.error("Unable connect to node with id 1: [Errno 111] Connect call failed")
        lines = out.getvalue().splitlines()
        assert len(lines) == 4, lines  # + the quiet auto-create kind reported as stopped
        assert "node_not_ready errors stopped" in lines[2]
        assert "still failing after 61s: 549 similar lines suppressed" in lines[3]
        clock.now += 16  # quiet: the broker is back
        collapse.sweep()
        lines = out.getvalue().splitlines()
        assert len(lines) == 5, lines
        assert "connect errors stopped after 70s (560 lines, 2 of them logged)" in lines[4]
        conn.error("Unable connect to node with id 1: [Errno 111] Connect call failed")  # down again
        assert len(out.getvalue().splitlines()) == 6
        conn.info("Unable connect to node 1")  # below WARNING: never collapsed
        conn.warning("Heartbeat session expired")  # a new kind passes
        assert len(out.getvalue().splitlines()) == 8
    finally:
        for lg, (handlers, propagate, level) in zip(loggers, saved, strict=True):
            lg.handlers[:] = handlers
            lg.propagate = propagate
            lg.setLevel(level)


def test_state_log_says_each_change_once() -> None:
    from shared.logs import StateLog

    clock = _Clock()
    out = io.StringIO()
    log = _logger(out)
    state = StateLog(log, "Elasticsearch bulk indexing", every=60.0, clock=clock)
    for _ in range(300):
        state.failure(ConnectionError("connect to https://elastic:hunter22@es:9200 refused"))
        clock.now += 0.1
    clock.now += 60
    state.failure("still refused")
    for _ in range(5):
        state.success()
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["state"] for line in lines] == ["down", "still_down", "up"]
    assert "hunter22" not in out.getvalue()
    assert "301 failures" in lines[2]["msg"]
