"""The ``seen`` table: article id -> when it was handled (published, or failed for good).

Its changelog is the SEEN topic, co-partitioned with ENTRIES (keyed by article id): one article, from
any feed or replica, has one owner. Values are the time as an int (~700 B per id; older records were
``{"at": ..., "outcome": ...}``, still read). Ids older than ``seen_retention_days`` are deleted
(``expire_seen_timer``).
"""

from __future__ import annotations

import json
from collections.abc import Container, Iterable
from typing import Any

from aiokafka.partitioner import murmur2

from services.fetcher.settings import FetcherSettings
from shared.runtime import Table
from shared.topics import ENTRIES, SEEN

NAME = "seen"


def declare(fs: FetcherSettings) -> Table:
    """The table (changelog: the SEEN topic, JSON keys and values); retention bounds it, ``max_keys``
    (``seen_max_ids``) is a backstop."""
    return Table(NAME, partitions=ENTRIES, max_keys=fs.seen_max_ids, changelog=SEEN)


def seen_value(now: float) -> int:
    """What is recorded for a handled id: the time, an int (not a dict: ~700 B per id, not ~940)."""
    return int(now)


def seen_at(value: Any) -> float:
    """When an id was recorded in ``seen`` (0 for a value that says nothing)."""
    if isinstance(value, bytes):  # a raw changelog value
        try:
            value = json.loads(value)
        except ValueError:
            return 0.0
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, dict):
        try:
            return float(value.get("at") or 0)
        except (TypeError, ValueError):
            return 0.0
    return 0.0


def partition_for(key: str, partitions: int) -> int:
    """The partition Kafka's default partitioner gives ``key`` (how ENTRIES records are keyed, and so
    the ``seen`` changelog partition of the id)."""
    hashed: int = murmur2(key.encode())  # aiokafka's partitioner is untyped
    return (hashed & 0x7FFFFFFF) % partitions


def cutoff(now: float, retention_days: float) -> float:
    return now - retention_days * 86400


def expired(items: Iterable[tuple[str, Any]], before: float) -> list[str]:
    """The ids recorded before ``before``."""
    return [key for key, value in items if seen_at(value) < before]


def still_expired(key: str, value: Any, before: float, in_flight: Container[str]) -> bool:
    """Re-checked just before deleting: not being fetched, not recorded again since the list was made."""
    return key not in in_flight and seen_at(value) < before
