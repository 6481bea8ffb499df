"""The frozen dev / held-out split of the labelled real-news set (``../shared/datasets/real-news-dev.jsonl``).

A record's side is a stable hash of its ``story`` key (its ``id`` when it has none), so every report
of one event lands on the same side: grouping pairs never straddle the split, and the classifier's
held-out records are the grouping's held-out records too. 40 % of the keys are held out. Rules,
taxonomies and grouping thresholds are written looking at the ``dev`` side only; the ``heldout``
side is only ever scored (never read its errors while writing rules).
Do not change the salt or the share: that would unfreeze the split.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

Side = Literal["dev", "heldout"]
SPLIT_SALT = "wirewatch-split-v282"  # chosen among 400 salts for balance of languages and primaries only
HELDOUT_PERCENT = 40
SPLIT_DATASETS = frozenset({"real-news-dev.jsonl"})  # the files this split freezes


def split_key(record: Mapping[str, Any]) -> str:
    return str(record.get("story") or record["id"])


def side_of(key: str) -> Side:
    digest = hashlib.sha256(f"{SPLIT_SALT}:{key}".encode()).digest()
    return "heldout" if int.from_bytes(digest[:8], "big") % 100 < HELDOUT_PERCENT else "dev"


def record_side(record: Mapping[str, Any]) -> Side:
    return side_of(split_key(record))


def select(records: Iterable[Mapping[str, Any]], side: Side | Literal["all"]) -> list[Mapping[str, Any]]:
    """The records of one side (``all``: every record), in their original order."""
    return [r for r in records if side == "all" or record_side(r) == side]


def is_split_dataset(path: Path) -> bool:
    """``path`` is a file the split freezes: its held-out records' errors are never listed."""
    return path.name in SPLIT_DATASETS


def held_out_record(record: Mapping[str, Any]) -> bool:
    return record_side(record) == "heldout"
