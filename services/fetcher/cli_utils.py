"""The work of the fetcher's commands (declared in ``services/fetcher/cli.py``): plain functions that
tests call directly, no option parsing here. Each returns the command's exit status (``None``: 0)."""

from __future__ import annotations

import asyncio
import json
import logging
import logging.config
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from shared.logs import redact_url

if TYPE_CHECKING:
    from services.fetcher.settings import FetcherSettings
    from shared.config import Settings
    from shared.contracts import FeedConfig

log = logging.getLogger("services.fetcher.cli")  # the lines keep the logger name they had


def _settings() -> tuple[Settings, FetcherSettings]:
    from services.fetcher.settings import FetcherSettings
    from shared.config import get_settings

    return get_settings(), FetcherSettings()


def load_feed_file(fs: FetcherSettings) -> list[FeedConfig]:
    """The feeds of the YAML/OPML file named by the settings (none when unset or missing)."""
    from services.fetcher.feedlist import FeedListError, load_file

    if not fs.feeds_file:
        return []
    path = Path(fs.feeds_file)
    if not path.exists():
        log.info("no feed file at %s; using the feeds topic as it is", path)
        return []
    try:
        return load_file(path, fs.default_interval_seconds)
    except FeedListError as exc:
        log.error("feed file not loaded: %s", exc)
        return []


async def prepare(settings: Settings, feeds: list[FeedConfig]) -> None:
    """Create the fetcher's topics (idempotent) and write the file's new or changed feeds to FEEDS."""
    from services.fetcher.feedlist import write_feeds
    from shared.kafka import create_topics
    from shared.topics import CHANGELOG_TOPICS, DEADLETTER, ENTRIES, FEEDS, RAW, SEEN

    fetcher_changelogs = [c for c in CHANGELOG_TOPICS if c.service == "fetcher"]
    await create_topics(settings, [FEEDS, SEEN, ENTRIES, RAW, DEADLETTER, *fetcher_changelogs])
    if feeds:
        changed = await write_feeds(settings, feeds)
        log.info("feed file: %d feeds, %d new or changed", len(feeds), len(changed))


def run_fetcher() -> None:
    """The fetcher service: topics and the feed file first, then the worker until it is stopped."""
    from services.fetcher.service import build_app
    from shared.logs import logging_config
    from shared.runtime.streaming import run_worker

    settings, fs = _settings()
    logging.config.dictConfig(  # the worker configures it again; this covers prepare()
        logging_config(settings.log_format, settings.log_level)
    )
    asyncio.run(prepare(settings, load_feed_file(fs)))
    (settings.state_dir / "faust").mkdir(parents=True, exist_ok=True)  # faust makes only the last level
    run_worker(build_app(settings, fs), settings)


def feeds_list(as_json: bool = False) -> None:
    """The feeds of the feeds topic, as a table or JSON."""
    from rich.console import Console
    from rich.table import Table

    from services.fetcher.feedlist import read_feeds

    settings, _ = _settings()
    current = asyncio.run(read_feeds(settings))
    rows = sorted(current.values(), key=lambda f: (f.source, f.url))
    if as_json:
        typer.echo(json.dumps([{"feed_id": f.feed_id, **f.model_dump(mode="json")} for f in rows], indent=2))
        return
    table = Table(title=f"Wirewatch feeds ({len(rows)})")
    for col in ("id", "source", "url", "lang", "interval", "enabled"):
        table.add_column(col, overflow="fold")
    for f in rows:
        table.add_row(
            f.feed_id,
            f.source,
            redact_url(f.url),
            f.lang or "-",
            f"{f.interval_seconds}s",
            "yes" if f.enabled else "no",
        )
    Console().print(table)


def feeds_add(
    url: str, source: str | None = None, lang: str | None = None, interval: int = 600, disabled: bool = False
) -> int:
    """Add or update one feed; 1 when the feed is not valid."""
    from services.fetcher.feedlist import make_feed, write_feeds

    settings, _ = _settings()
    try:
        feed = make_feed(url, source, lang, interval, not disabled)
    except ValueError as exc:  # FeedListError (a ConfigError), or the FeedConfig's validation
        typer.echo(f"error: {exc}", err=True)
        return 1
    changed = asyncio.run(write_feeds(settings, [feed]))
    typer.echo(f"{'added' if changed else 'unchanged'}: {feed.feed_id} {redact_url(feed.url)}")
    return 0


def feeds_remove(refs: list[str]) -> int:
    """Tombstone the feeds named by URL or id; 1 when any was not found."""
    from services.fetcher.feedlist import remove_feeds

    settings, _ = _settings()
    removed = asyncio.run(remove_feeds(settings, refs))
    for feed in removed:
        typer.echo(f"removed: {feed.feed_id} {redact_url(feed.url)}")
    missing = len(refs) - len(removed)
    if missing:
        typer.echo(f"{missing} not found", err=True)
        return 1
    return 0


def feeds_import(path: Path, only_new: bool = False) -> int:
    """Write an OPML or YAML feed list's feeds to the feeds topic; 1 when the file is not valid."""
    from services.fetcher.feedlist import FeedListError, load_file, write_feeds

    settings, fs = _settings()
    try:
        feeds_in = load_file(path, fs.default_interval_seconds)
    except FeedListError as exc:
        typer.echo(f"error: {exc}", err=True)
        return 1
    changed = asyncio.run(write_feeds(settings, feeds_in, replace=not only_new))
    typer.echo(f"{len(feeds_in)} feeds read, {len(changed)} new or changed written")
    return 0


def feeds_status(as_json: bool = False) -> None:
    """Per feed: how polling goes, as a table or JSON."""
    from rich.console import Console

    from services.fetcher import status

    settings, _ = _settings()
    rows = asyncio.run(status.collect(settings))
    if as_json:
        typer.echo(status.as_json(rows))
        return
    Console(width=200).print(status.render(rows))
