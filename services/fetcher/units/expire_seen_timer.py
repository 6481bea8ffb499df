"""Timer ``expire_seen`` (every ``seen_sweep_interval`` s): ids older than ``seen_retention_days``
leave ``seen``, from memory and with a tombstone in the id's changelog partition, which compaction
then drops -- so neither the table nor its replay at start grows forever.

The list is made without an await (no change meanwhile); each id is checked again just before it is
deleted (being fetched, or recorded again since: kept). A large sweep lets the agents run every 1,000
ids. The first sweep after a start logs how much was recovered; later ones log only when they expire.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Container, Mapping
from typing import Any

from services.fetcher import metrics as m
from services.fetcher.settings import FetcherSettings
from services.fetcher.units import seen_table

log = logging.getLogger("services.fetcher.service")


class ExpireSeen:
    def __init__(
        self,
        fs: FetcherSettings,
        seen: Mapping[str, Any],
        delete: Callable[[str], None],
        in_flight: Container[str],
        *,
        ready: Callable[[], bool],
    ) -> None:
        self.fs, self.seen, self.delete, self.in_flight, self.ready = fs, seen, delete, in_flight, ready
        self.sweeps = 0

    async def __call__(self) -> int:
        """Deletes the expired ids; returns how many."""
        if not self.ready():
            return 0
        before = seen_table.cutoff(time.time(), self.fs.seen_retention_days)
        expired = seen_table.expired(self.seen.items(), before)
        for n, key in enumerate(expired, 1):
            if seen_table.still_expired(key, self.seen.get(key), before, self.in_flight):
                self.delete(key)
            if n % 1000 == 0:
                await asyncio.sleep(0)  # let the agents run during a large sweep
        m.SEEN_EXPIRED.inc(len(expired))
        m.SEEN_IDS.set(len(self.seen))
        if expired or not self.sweeps:
            log.info("seen table swept", extra={"expired": len(expired), "kept": len(self.seen)})
        self.sweeps += 1
        return len(expired)
