"""The feed list: YAML and OPML files in, the compacted FEEDS topic (keyed by feed id) as the truth."""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from shared.config import Settings
from shared.contracts import ContractError, FeedConfig
from shared.errors import ConfigError
from shared.topics import FEEDS

log = logging.getLogger(__name__)

MIN_INTERVAL = 60
DEFAULT_INTERVAL = 600


class FeedListError(ConfigError):
    """A feed (a URL, a feed file) that cannot be used: the message says what to fix."""


def make_feed(
    url: str,
    source: str | None = None,
    lang: str | None = None,
    interval_seconds: int | float | None = None,
    enabled: bool = True,
    default_interval: int = DEFAULT_INTERVAL,
) -> FeedConfig:
    """A validated feed; the interval is raised to the 1-minute floor, the source defaults to the host."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        hostname, _port = parts.hostname, parts.port
    except ValueError as exc:  # "Invalid IPv6 URL", a bad port ...
        raise FeedListError(f"invalid feed URL {url!r}: {exc}") from exc
    if parts.scheme.lower() not in ("http", "https") or not hostname:
        raise FeedListError(f"not an http(s) feed URL: {url!r}")
    interval = int(interval_seconds) if interval_seconds else default_interval
    if interval < MIN_INTERVAL:
        log.warning("poll interval raised to the %ss floor", MIN_INTERVAL, extra={"url": url})
        interval = MIN_INTERVAL
    return FeedConfig(
        url=url,
        source=(source or hostname).strip(),
        lang=(lang or None),
        interval_seconds=interval,
        enabled=enabled,
    )


def load_yaml(path: Path, default_interval: int = DEFAULT_INTERVAL) -> list[FeedConfig]:
    """``feeds:`` list of {url, source, lang, interval_seconds | interval_minutes, enabled}."""
    try:
        data = yaml.safe_load(path.read_text("utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise FeedListError(f"{path}: {exc}") from exc
    defaults: dict[str, Any] = data.get("defaults") or {} if isinstance(data, dict) else {}
    items = data.get("feeds") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise FeedListError(f"{path}: expected a `feeds:` list")
    feeds: list[FeedConfig] = []
    for i, item in enumerate(items):
        if isinstance(item, str):
            item = {"url": item}
        if not isinstance(item, dict) or "url" not in item:
            raise FeedListError(f"{path}: feed #{i + 1} has no url")
        merged = {**defaults, **item}
        interval = merged.get("interval_seconds")
        if interval is None and merged.get("interval_minutes") is not None:
            interval = float(merged["interval_minutes"]) * 60
        try:
            feeds.append(
                make_feed(
                    str(merged["url"]),
                    merged.get("source"),
                    merged.get("lang"),
                    interval,
                    bool(merged.get("enabled", True)),
                    default_interval,
                )
            )
        except (ValueError, TypeError) as exc:
            raise FeedListError(f"{path}: feed #{i + 1}: {exc}") from exc
    return feeds


def load_opml(
    path: Path, default_interval: int = DEFAULT_INTERVAL, lang: str | None = None
) -> list[FeedConfig]:
    """Every ``<outline xmlUrl=...>`` of an OPML export (nested folders included)."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise FeedListError(f"{path}: {exc}") from exc
    feeds: dict[str, FeedConfig] = {}
    for outline in root.iter("outline"):
        attrs = {k.lower(): v for k, v in outline.attrib.items()}
        url = attrs.get("xmlurl")
        if not url:
            continue
        source = attrs.get("title") or attrs.get("text")
        try:
            feed = make_feed(url, source, attrs.get("language") or lang, None, True, default_interval)
        except (ValueError, TypeError) as exc:
            log.warning("skipped OPML outline: %s", exc)
            continue
        feeds[feed.feed_id] = feed
    return list(feeds.values())


def load_file(path: Path, default_interval: int = DEFAULT_INTERVAL) -> list[FeedConfig]:
    if path.suffix.lower() in (".opml", ".xml"):
        return load_opml(path, default_interval)
    return load_yaml(path, default_interval)


def fold(records: Iterable[Any]) -> dict[str, FeedConfig]:
    """The current feed list from the records of the compacted topic (last write wins; None deletes)."""
    feeds: dict[str, FeedConfig] = {}
    for record in records:
        key = record.key.decode("utf-8", "replace") if record.key else None
        if record.value is None:
            if key:
                feeds.pop(key, None)
            continue
        try:
            feed = FeedConfig.decode(record.value)
        except ContractError as exc:
            log.warning("unreadable feeds record: %s", exc)
            continue
        feeds[feed.feed_id] = feed
    return feeds


async def read_feeds(settings: Settings) -> dict[str, FeedConfig]:
    from shared.kafka import read_topic

    return fold(await read_topic(settings, FEEDS.name(settings)))


async def write_feeds(
    settings: Settings, feeds: Iterable[FeedConfig], *, replace: bool = True
) -> list[FeedConfig]:
    """Write the feeds that are new or changed (``replace=False``: only new ones); returns them."""
    from shared.kafka import producer

    current = await read_feeds(settings)
    changed = [
        f
        for f in feeds
        if f.feed_id not in current or (replace and current[f.feed_id].model_dump() != f.model_dump())
    ]
    if changed:
        async with producer(settings) as prod:
            for feed in changed:
                await prod.send(FEEDS.name(settings), key=feed.feed_id.encode(), value=feed.encode())
            await prod.flush()
    return changed


async def remove_feeds(settings: Settings, refs: Iterable[str]) -> list[FeedConfig]:
    """Tombstone the feeds named by URL or feed id; returns the ones that existed."""
    from shared.kafka import producer

    current = await read_feeds(settings)
    by_url = {f.url: f for f in current.values()}
    gone = [current.get(ref) or by_url.get(ref) for ref in refs]
    removed = [f for f in gone if f is not None]
    if removed:
        async with producer(settings) as prod:
            for feed in removed:
                await prod.send(FEEDS.name(settings), key=feed.feed_id.encode(), value=None)
            await prod.flush()
    return removed
