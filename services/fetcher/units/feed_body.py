"""What a parsed feed body hands on (pure): its new entries, the rejected entries to report, and the
warning about the body (malformed, over ``max_entries_per_poll``) with the key that makes it count once.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from services.fetcher import pollstate
from services.fetcher.errors import FetcherError
from services.fetcher.polling import EntryRecord, ParsedFeed
from shared.logs import redact


@dataclass(frozen=True)
class Letter:
    """A dead letter to send (payload: the original entry, as JSON)."""

    error: FetcherError
    reason: str
    payload: str
    key: str


@dataclass
class FeedRead:
    entries: list[EntryRecord] = field(default_factory=list)  # not in the last poll: to ENTRIES
    letters: list[Letter] = field(default_factory=list)  # rejected entries not reported before
    new_entries: int = 0
    recent: list[str] = field(default_factory=list)  # this poll's ids, remembered for the next
    warning: str | None = None
    warning_key: str | None = None  # a hash of the body: the same body re-served warns once
    fresh_warning: bool = False  # a warning not counted and logged for this body yet


def body_warning(parsed: ParsedFeed, max_entries: int) -> str | None:
    warnings = []
    if parsed.bozo_error:
        warnings.append(f"malformed feed, kept {parsed.total} entries: {parsed.bozo_error}")
    if parsed.skipped:
        warnings.append(
            f"{parsed.total} entries, {parsed.skipped} over max_entries_per_poll={max_entries} not handled"
        )
    return "; ".join(warnings) or None


def read_feed(
    parsed: ParsedFeed, body: bytes, state: pollstate.State, *, fid: str, url: str, max_entries: int
) -> FeedRead:
    """``url`` is the feed's URL redacted (it goes into dead letters)."""
    out = FeedRead(warning=body_warning(parsed, max_entries))
    if out.warning:
        out.warning_key = hashlib.sha256(body).hexdigest()[:16]
        out.fresh_warning = out.warning_key != state.get("warning_key")
    ids = [e.id for e in parsed.entries]
    rejected_keys = [r.key for r in parsed.rejected]
    out.recent = ids + rejected_keys
    new = pollstate.novel(state, out.recent)
    for rejected in parsed.rejected:
        if rejected.key in new:  # else reported when it first appeared
            payload = json.dumps({"feed_url": url, "feed_id": fid, "entry": rejected.entry})
            reason = redact(f"{rejected.reason} (feed {url})")
            out.letters.append(Letter(rejected.error, reason, payload, fid))
    out.entries = [entry for entry in parsed.entries if entry.id in new]
    out.new_entries = len(new) - sum(1 for k in rejected_keys if k in new)
    return out
