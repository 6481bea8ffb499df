"""Per-feed poll state (a JSON dict in the ``poll_state`` table) and its transitions.

Kept: validators for the conditional GET (ETag, Last-Modified), when to poll next, consecutive
failures (for backoff and ``feeds status``), counters, and the article ids of the last poll (so a
feed re-served without 304 support only hands its new entries on).
"""

from __future__ import annotations

import random
from typing import Any

State = dict[str, Any]

RECENT_CAP = 5000  # article-id prefixes remembered per feed
RECENT_PREFIX = 12


def claim(state: State, now: float, interval: float) -> State:
    """Written before a poll starts: a replica taking the partition over mid-poll will not poll again."""
    return {**state, "polling_since": now, "next_poll": now + interval}


def backoff_delay(failures: int, interval: float, cap: float) -> float:
    """Exponential in consecutive failures, capped, with jitter (never below the interval)."""
    base: float = min(interval * (2 ** max(0, failures - 1)), max(cap, interval))
    return base * random.uniform(0.9, 1.1)


def after_success(
    state: State,
    *,
    now: float,
    interval: float,
    status: int,
    etag: str | None,
    last_modified: str | None,
    new_items: int,
    recent: list[str] | None,
    warning: str | None = None,
    warning_key: str | None = None,
    skipped: int = 0,
) -> State:
    """``warning_key`` names what the warning is about (a hash of the feed body): the same warning
    again (the same truncated body re-served) is not counted again in ``errors_total``. A 304 keeps
    the warning of the body it confirms."""
    if status == 304:
        warning, warning_key = state.get("warning"), state.get("warning_key")
        skipped = int(state.get("skipped") or 0)
    out = {
        **state,
        "polling_since": None,
        "last_poll": now,
        "last_status": status,
        "last_outcome": "not_modified" if status == 304 else "ok",
        "failures": 0,
        "polls": int(state.get("polls", 0)) + 1,
        "new_items": new_items,
        "new_total": int(state.get("new_total", 0)) + new_items,
        "next_poll": now + interval * random.uniform(0.95, 1.05),
        "etag": etag or state.get("etag"),
        "last_modified": last_modified or state.get("last_modified"),
        "warning": warning,
        "warning_key": warning_key if warning else None,
        "skipped": skipped,
        "down_since": None,
        "failure_logged_at": None,
    }
    if warning and (warning_key is None or warning_key != state.get("warning_key")):
        out["errors_total"] = int(state.get("errors_total", 0)) + 1
    if warning:
        out["last_error"] = warning
    if recent is not None:
        out["recent"] = recent_ids(recent[:RECENT_CAP])
    return out


def after_failure(
    state: State, *, now: float, interval: float, cap: float, kind: str, message: str, status: int | None
) -> State:
    failures = int(state.get("failures", 0)) + 1
    return {
        **state,
        "down_since": state.get("down_since") if state.get("failures") else now,
        "polling_since": None,
        "last_poll": now,
        "last_status": status,
        "last_outcome": "error",
        "error_kind": kind,
        "last_error": message[:500],
        "failures": failures,
        "errors_total": int(state.get("errors_total", 0)) + 1,
        "polls": int(state.get("polls", 0)) + 1,
        "new_items": 0,
        "next_poll": now + backoff_delay(failures, interval, cap),
    }


def failure_log(before: State, after: State, now: float, every: float) -> str | None:
    """What to log of a failed poll: ``down`` (it starts failing, or fails differently), ``still_down``
    (still failing, the last line was ``every`` seconds ago), or None (nothing new). The caller sets
    ``failure_logged_at`` when it logs."""
    if not before.get("failures") or before.get("error_kind") != after.get("error_kind"):
        return "down"
    last = before.get("failure_logged_at")
    if last is None or now - float(last) >= every:
        return "still_down"
    return None


def is_due(state: State | None, now: float, interval: float | None = None) -> bool:
    """Due at ``next_poll``; a healthy feed also once ``interval`` (the current one, which may have
    been lowered since the last poll) has passed since its last poll."""
    if state is None or float(state.get("next_poll") or 0) <= now:
        return True
    if interval is None or state.get("failures") or state.get("polling_since"):
        return False
    last = state.get("last_poll")
    return last is not None and float(last) + interval <= now


def recent_ids(ids: list[str]) -> list[str]:
    return [i[:RECENT_PREFIX] for i in ids]


def novel(state: State, ids: list[str]) -> set[str]:
    """The ids not among the last poll's entries."""
    known = set(state.get("recent") or ())
    return {i for i in ids if i[:RECENT_PREFIX] not in known}
