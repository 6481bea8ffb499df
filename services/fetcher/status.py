"""``wirewatch feeds status``: the feed list joined with the fetcher's poll state (read from the
changelog topic of its ``poll_state`` table, so it works without asking a running fetcher)."""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from rich.table import Table

from services.fetcher.feedlist import read_feeds
from shared.config import Settings
from shared.logs import redact_url
from shared.topics import consumer_group


def poll_state_topic(settings: Settings) -> str:
    """faust names a table's changelog ``<app id>-<table>-changelog``."""
    return f"{consumer_group('fetcher', settings)}-poll_state-changelog"


@dataclass
class FeedStatus:
    feed_id: str
    url: str
    source: str
    enabled: bool
    state: str  # ok, failing, never polled, polling, disabled
    last_poll: float | None
    last_status: int | None
    new_items: int
    new_total: int
    polls: int
    failures: int
    errors_total: int
    last_error: str | None
    next_poll: float | None


def fold_states(records: list[Any]) -> dict[str, dict[str, Any]]:
    states: dict[str, dict[str, Any]] = {}
    for record in records:
        if not record.key:
            continue
        try:
            key = str(json.loads(record.key))  # faust's json key serializer
        except ValueError:
            key = record.key.decode("utf-8", "replace")
        if record.value is None:
            states.pop(key, None)
            continue
        try:
            value = json.loads(record.value)
        except ValueError:
            continue
        if isinstance(value, dict):
            states[key] = value
    return states


def join(feeds: dict[str, Any], states: dict[str, dict[str, Any]]) -> list[FeedStatus]:
    rows: list[FeedStatus] = []
    for fid, feed in sorted(feeds.items(), key=lambda kv: (kv[1].source, kv[1].url)):
        st = states.get(fid, {})
        failures = int(st.get("failures") or 0)
        if not feed.enabled:
            state = "disabled"
        elif not st or not st.get("last_poll"):
            state = "polling" if st.get("polling_since") else "never polled"
        elif failures:
            state = f"failing ({st.get('error_kind') or 'error'})"
        elif st.get("warning"):
            state = "ok (warning)"
        else:
            state = "ok"
        rows.append(
            FeedStatus(
                feed_id=fid,
                url=feed.url,
                source=feed.source,
                enabled=feed.enabled,
                state=state,
                last_poll=st.get("last_poll"),
                last_status=st.get("last_status"),
                new_items=int(st.get("new_items") or 0),
                new_total=int(st.get("new_total") or 0),
                polls=int(st.get("polls") or 0),
                failures=failures,
                errors_total=int(st.get("errors_total") or 0),
                last_error=st.get("last_error"),
                next_poll=st.get("next_poll") if feed.enabled else None,
            )
        )
    return rows


async def collect(settings: Settings) -> list[FeedStatus]:
    from shared.kafka import read_topic

    feeds = await read_feeds(settings)
    states = fold_states(await read_topic(settings, poll_state_topic(settings)))
    return join(feeds, states)


def _when(ts: float | None, now: float) -> str:
    if not ts:
        return "-"
    delta = ts - now
    stamp = datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d %H:%M:%S")
    rel = f"in {delta:.0f}s" if delta >= 0 else f"{-delta:.0f}s ago"
    return f"{stamp} ({rel})"


def render(rows: list[FeedStatus]) -> Table:
    now = time.time()
    table = Table(title=f"Wirewatch feeds ({len(rows)})")
    for col in ("feed", "state", "last poll", "HTTP", "new items", "errors", "next poll"):
        table.add_column(col, overflow="fold")
    for r in rows:
        errors = f"{r.errors_total}" + (f" ({r.failures} in a row)" if r.failures else "")
        if r.last_error and (r.failures or r.state.startswith("ok (")):
            errors += f"\n{r.last_error[:120]}"
        style = "red" if r.failures else ("dim" if not r.enabled else None)
        table.add_row(
            f"{r.source}\n{redact_url(r.url)}",
            r.state,
            _when(r.last_poll, now),
            str(r.last_status) if r.last_status is not None else "-",
            f"{r.new_items} (total {r.new_total})",
            errors,
            _when(r.next_poll, now),
            style=style,
        )
    return table


def as_json(rows: list[FeedStatus]) -> str:
    return json.dumps([asdict(r) for r in rows], indent=2, ensure_ascii=False)
