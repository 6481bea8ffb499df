"""The fetcher stage: its units (``services.fetcher.units``) wired into one faust app.

* ``feed_updates`` (agent on FEEDS, compacted, keyed by feed id) keeps the ``feeds`` table, whose
  changelog rebuilds the list after a restart (the group resumes FEEDS from committed offsets).
  Each replica owns some FEEDS partitions, hence some feeds.
* ``schedule`` (timer) polls the due feeds of the partitions this replica owns, with per-feed state
  (validators, failures, next poll) in the ``poll_state`` table, written to the changelog partition
  of the feed so that it follows the feed to whichever replica owns it next. Each entry not in the
  feed's previous poll goes to ENTRIES keyed by article id.
* ``fetch_pages`` (agent on ENTRIES) checks the ``seen`` table (changelog = SEEN topic), which is
  co-partitioned with ENTRIES: one article, from any feed or replica, has one owner and is
  published to RAW once.
* ``expire_seen`` (timer) deletes ids older than ``seen_retention_days`` from ``seen`` (tombstones).
"""

from __future__ import annotations

from services.fetcher.units.pages_agent import STAGE
from services.fetcher.units.seen_table import partition_for, seen_at
from services.fetcher.wiring import build_app

__all__ = ["STAGE", "build_app", "partition_for", "seen_at"]
