"""``wirewatch demo-feeds``: serve the demo corpus as RSS/Atom feeds and HTML pages on a local port.

Declarations only (names, options, help); the work is in ``wirewatch/commands/cli_utils.py``."""

from __future__ import annotations

from pathlib import Path

import typer

from wirewatch.clitools import run


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
        from wirewatch.commands import cli_utils

        run(cli_utils.demo_feeds, host, port, write_feeds_yaml, interval_seconds)
