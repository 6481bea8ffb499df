"""Timer ``expire_seen`` (every ``seen_sweep_interval`` s): ids older than ``seen_retention_days``
leave ``seen``, from memory and with a tombstone in the id's changelog partition, which compaction
then drops -- so neither the table nor its replay at start grows forever.

The list is made from a snapshot; each id is checked again just before it is deleted (being fetched,
or recorded again since: kept). Deletions go out ``DELETE_CHUNK`` at a time, each acknowledged by
Kafka. The first sweep after a start logs how much was recovered; later ones only when they expire.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Container

from services.fetcher import metrics as m
from services.fetcher.settings import FetcherSettings
from services.fetcher.units import seen_table
from shared.runtime import Context, Table, Timer

log = logging.getLogger("services.fetcher.service")

NAME = "expire_seen"
DELETE_CHUNK = 500  # tombstones in flight at once


class ExpireSeen:
    def __init__(self, fs: FetcherSettings, seen: Table, in_flight: Container[str], partitions: int) -> None:
        self.fs, self.seen, self.in_flight, self.partitions = fs, seen, in_flight, partitions
        self.sweeps = 0

    async def __call__(self, context: Context) -> None:
        if not context.ready():
            return

        async def delete(key: str) -> None:
            partition = seen_table.partition_for(key, self.partitions)
            await context.put(self.seen, key, None, partition=partition)

        await self.sweep(delete)

    async def sweep(self, delete: Callable[[str], Awaitable[None]]) -> int:
        """Deletes the expired ids; returns how many were listed."""
        before = seen_table.cutoff(time.time(), self.fs.seen_retention_days)
        expired = seen_table.expired(self.seen.items(), before)
        for start in range(0, len(expired), DELETE_CHUNK):
            chunk = expired[start : start + DELETE_CHUNK]
            gone = [k for k in chunk if seen_table.still_expired(k, self.seen.get(k), before, self.in_flight)]
            await asyncio.gather(*(delete(key) for key in gone))
        m.SEEN_EXPIRED.inc(len(expired))
        m.SEEN_IDS.set(len(self.seen))
        if expired or not self.sweeps:
            log.info("seen table swept", extra={"expired": len(expired), "kept": len(self.seen)})
        self.sweeps += 1
        return len(expired)


def timer(fs: FetcherSettings, seen: Table, in_flight: Container[str], partitions: int) -> Timer:
    return Timer(NAME, fs.seen_sweep_interval, ExpireSeen(fs, seen, in_flight, partitions))
