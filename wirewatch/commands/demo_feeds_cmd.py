"""``wirewatch demo-feeds``: serve the demo corpus as RSS/Atom feeds and HTML pages on a local port."""

from __future__ import annotations

from pathlib import Path

import typer


def _write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def register(app: typer.Typer) -> None:
    @app.command("demo-feeds")
    def demo_feeds(
        host: str = typer.Option("127.0.0.1", help="Address to listen on."),
        port: int = typer.Option(8808, help="Port to listen on (0 picks a free port)."),
        write_feeds_yaml: Path | None = typer.Option(
            None,
            "--write-feeds-yaml",
            help="Write a feed-list YAML (feeds: [{url, source, lang, interval_seconds, enabled}]) here.",
        ),
        interval_seconds: int = typer.Option(
            60, min=60, help="interval_seconds of each feed in the written feed list."
        ),
    ) -> None:
        """Serve the demo corpus (en/fr/de/ar) as RSS 2.0 and Atom feeds linking to HTML article pages."""
        import asyncio
        import signal

        from rich.console import Console
        from rich.table import Table

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
