"""The work of ``wirewatch config``, ``topics create|list``, ``demo`` and ``demo-feeds`` (declared in
the ``*_cmd.py`` modules beside this one), as plain functions that tests call directly."""

from __future__ import annotations

import asyncio
import importlib
from pathlib import Path

from pydantic_settings import BaseSettings
from rich.console import Console
from rich.table import Table

from shared.config import ENV_PREFIX, Settings, get_settings, masked
from shared.topics import CREATED_TOPICS

# (section, "module:Class") of each settings class; service settings load lazily.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("common", "shared.config:Settings"),
    ("fetcher", "services.fetcher.settings:FetcherSettings"),
    ("parser", "services.parser.settings:ParserSettings"),
    ("classifier", "services.classifier.settings:ClassifierSettings"),
    ("grouper", "services.grouper.settings:GrouperSettings"),
    ("indexer", "services.indexer.settings:IndexerSettings"),
    ("api", "services.api.settings:ApiSettings"),
    ("alerter", "services.alerter.settings:AlerterSettings"),
)


def _load(target: str) -> type[BaseSettings] | None:
    module, _, cls = target.partition(":")
    try:
        found = getattr(importlib.import_module(module), cls)
    except (ImportError, AttributeError):
        return None
    return found if isinstance(found, type) and issubclass(found, BaseSettings) else None


def show_config() -> None:
    """Every section's variables and values (secrets masked), as a table."""
    table = Table(title="Wirewatch configuration", show_lines=False)
    table.add_column("section")
    table.add_column("variable")
    table.add_column("value")
    for section, target in SECTIONS:
        cls = Settings if section == "common" else _load(target)
        if cls is None:
            continue
        instance = cls()
        prefix = instance.model_config.get("env_prefix", ENV_PREFIX)
        for name, value in masked(instance).items():
            table.add_row(section, f"{prefix}{name}".upper(), value)
    Console().print(table)


def topics_create(partitions: int | None = None) -> None:
    """Create the topics that do not exist yet; a table of what was created and what exists."""
    from shared.kafka import create_topics

    settings = get_settings()
    results = asyncio.run(create_topics(settings, partitions=partitions))
    table = Table(title=f"Topics on {settings.kafka_bootstrap}")
    for col in ("topic", "partitions", "compacted", "action"):
        table.add_column(col)
    compacted = {s.name(settings): s.compacted for s in CREATED_TOPICS}
    for r in results:
        table.add_row(
            r.name,
            str(r.partitions),
            "yes" if compacted[r.name] else "",
            "created" if r.created else "exists",
        )
    Console().print(table)


def topics_list() -> None:
    """The pipeline's topics and changelogs with their purpose, as a table."""
    settings = get_settings()
    table = Table(title="Pipeline topics")
    for col in ("topic", "partitions", "compacted", "what"):
        table.add_column(col)
    for spec in CREATED_TOPICS:
        table.add_row(
            spec.name(settings),
            str(spec.partition_count(settings)),
            "yes" if spec.compacted else "",
            spec.description,
        )
    Console().print(table)


def demo(
    port: int = 8808,
    host: str = "127.0.0.1",
    timeout: float = 300.0,
    poll_interval: float = 10.0,
    keep_running: bool = False,
    stop: bool = False,
    work_dir: Path | None = None,
) -> int:
    """Run the demo (or, with ``stop``, stop what ``keep_running`` left); 1 when it failed, 130 on Ctrl-C."""
    from wirewatch.demo.run import DemoError, DemoOptions, run_demo, stop_background

    console = Console()
    settings = get_settings()
    if stop:
        stopped = stop_background(settings, say=console.print, work_dir=work_dir)
        console.print(f"stopped: {', '.join(stopped)}" if stopped else "nothing left running by the demo")
        return 0
    opts = DemoOptions(
        host=host,
        port=port,
        timeout=timeout,
        poll_interval=poll_interval,
        keep_running=keep_running,
        work_dir=work_dir,
    )
    try:
        run_demo(settings, opts, console)
    except DemoError as exc:
        console.print("[bold red]demo failed:[/bold red]", end=" ")
        console.print(str(exc), markup=False, highlight=False)
        return 1
    except KeyboardInterrupt:
        console.print("[yellow]interrupted[/yellow]: the services were stopped; the stack keeps running")
        return 130
    return 0


def _write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def demo_feeds(
    host: str = "127.0.0.1",
    port: int = 8808,
    write_feeds_yaml: Path | None = None,
    interval_seconds: int = 60,
) -> None:
    """Serve the demo corpus as feeds until SIGINT or SIGTERM (also when started with SIGINT ignored)."""
    import signal

    from wirewatch.demo.server import DemoFeedServer

    console = Console()

    async def serve() -> None:
        async with DemoFeedServer(host=host, port=port) as srv:
            table = Table(title=f"Wirewatch demo feeds on {srv.base_url}")
            table.add_column("URL")
            table.add_column("format")
            table.add_column("language")
            table.add_column("entries", justify="right")
            table.add_column("listed")
            for feed in srv.all_feeds:
                table.add_row(
                    feed.url, feed.format, feed.lang, str(feed.entries), "yes" if feed.listed else ""
                )
            console.print(table)
            console.print(f"OPML: {srv.base_url}/feeds.opml · health: {srv.base_url}/healthz")
            if write_feeds_yaml is not None:
                await asyncio.to_thread(_write_text, write_feeds_yaml, srv.feeds_yaml(interval_seconds))
                console.print(f"wrote the feed list ({len(srv.feeds)} feeds) to {write_feeds_yaml}")
            # Our own handlers: a process started with SIGINT ignored (a background job of a
            # non-interactive shell, as CI runners start test suites) would otherwise never stop.
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, stop.set)
            console.print("serving; press Ctrl-C to stop")
            await stop.wait()

    try:
        asyncio.run(serve())
    except KeyboardInterrupt:
        pass
    console.print("stopped")
