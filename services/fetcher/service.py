"""The fetcher stage: its units (``services.fetcher.units``) declared as one ``Unit``
(``services.fetcher.unit``) and run by the shared runtime.

* ``feed-updates`` (agent on FEEDS, compacted, keyed by feed id) keeps the ``feeds`` table, whose
  changelog rebuilds the list after a restart (the group resumes FEEDS from committed offsets).
  Each replica owns some FEEDS partitions, hence some feeds.
* ``schedule`` (timer) polls the due feeds of the partitions this replica owns, with per-feed state
  (validators, failures, next poll) in the ``poll_state`` table, written to the changelog partition
  of the feed so that it follows the feed to whichever replica owns it next. Each entry not in the
  feed's previous poll goes to ENTRIES keyed by article id.
* ``fetch-pages`` (agent on ENTRIES) checks the ``seen`` table (changelog = SEEN topic), which is
  co-partitioned with ENTRIES: one article, from any feed or replica, has one owner and is
  published to RAW once.
* ``expire_seen`` (timer) deletes ids older than ``seen_retention_days`` from ``seen`` (tombstones).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from services.fetcher.settings import FetcherSettings
from services.fetcher.unit import STAGE, unit
from services.fetcher.units.seen_table import partition_for, seen_at
from shared.config import Settings

if TYPE_CHECKING:
    import faust

__all__ = ["STAGE", "build_app", "partition_for", "seen_at"]


def build_app(settings: Settings, fs: FetcherSettings) -> faust.App:
    from shared.runtime.runner import build_unit_app

    return build_unit_app(unit(settings, fs), settings)
