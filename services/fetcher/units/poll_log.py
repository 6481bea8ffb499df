"""A poll's failure state and the log lines of a feed's health: "feed failing" when it starts failing
(or fails differently), "feed still failing" every ``failure_log_interval`` s, "feed back" once when
it polls fine again -- never a line per poll."""

from __future__ import annotations

import logging
import time

from services.fetcher import metrics as m
from services.fetcher import pollstate
from services.fetcher.errors import FetchKind
from services.fetcher.settings import FetcherSettings
from shared.contracts import FeedConfig
from shared.logs import redact, redact_url

log = logging.getLogger("services.fetcher.service")  # the fetcher's lines keep their logger name


def failed(
    fs: FetcherSettings,
    fid: str,
    feed: FeedConfig,
    state: pollstate.State,
    interval: float,
    kind: FetchKind,
    msg: str,
    status: int | None,
    *,
    exc_info: bool = False,
) -> pollstate.State:
    """The failure state of a poll (counted; logged as said above)."""
    m.POLLS.labels("error").inc()
    m.ERRORS.labels(kind).inc()
    now = time.time()
    msg = redact(msg)
    new_state = pollstate.after_failure(
        state, now=now, interval=interval, cap=fs.failure_backoff_max_seconds, kind=kind,
        message=msg, status=status,
    )  # fmt: skip
    what = pollstate.failure_log(state, new_state, now, fs.failure_log_interval)
    if what is not None:
        new_state["failure_logged_at"] = now
        since = float(new_state.get("down_since") or now)
        log.warning(
            "feed failing (%s)" if what == "down" else "feed still failing (%s)", kind,
            extra={
                "feed_id": fid, "url": redact_url(feed.url), "kind": kind, "error": msg[:300],
                "state": what, "failures": new_state["failures"], "down_seconds": round(now - since, 1),
                "next_in": round(new_state["next_poll"] - now, 1),
            },
            exc_info=exc_info and what == "down",
        )  # fmt: skip
    return new_state


def recovered(fid: str, feed: FeedConfig, state: pollstate.State) -> None:
    """Logs "feed back" once when a failing feed polls fine again."""
    if state.get("failures"):
        since = state.get("down_since")
        log.info(
            "feed back after %d failed polls", int(state["failures"]),
            extra={"feed_id": fid, "url": redact_url(feed.url), "state": "up",
                   "down_seconds": round(time.time() - float(since), 1) if since else None},
        )  # fmt: skip
