"""Commands of the fetcher stage: `wirewatch fetcher` and `wirewatch feeds list|add|remove|import|status`.

Declarations only (names, options, help); the work is in ``services/fetcher/cli_utils.py``."""

from __future__ import annotations

from pathlib import Path

import typer

from wirewatch.clitools import run


def register(app: typer.Typer) -> None:
    @app.command("fetcher")
    def fetcher_cmd() -> None:
        """Run the fetcher service: poll the feeds of this replica's partitions, publish new articles."""
        from services.fetcher import cli_utils

        run(cli_utils.run_fetcher)

    feeds = typer.Typer(
        help="The feed list (a compacted Kafka topic) and how polling goes.", no_args_is_help=True
    )
    app.add_typer(feeds, name="feeds")

    @feeds.command("list")
    def feeds_list_cmd(as_json: bool = typer.Option(False, "--json", help="print JSON")) -> None:
        """The feeds in the feeds topic."""
        from services.fetcher import cli_utils

        run(cli_utils.feeds_list, as_json)

    @feeds.command("add")
    def feeds_add_cmd(
        url: str = typer.Argument(..., help="feed URL (RSS, Atom, RDF)"),
        source: str = typer.Option(None, "--source", "-s", help="source name (default: the host)"),
        lang: str = typer.Option(None, "--lang", "-l", help="language hint, e.g. ar, fr, de, en"),
        interval: int = typer.Option(600, "--interval", "-i", help="poll interval in seconds (at least 60)"),
        disabled: bool = typer.Option(False, "--disabled", help="add it switched off"),
    ) -> None:
        """Add or update one feed."""
        from services.fetcher import cli_utils

        run(cli_utils.feeds_add, url, source, lang, interval, disabled)

    @feeds.command("remove")
    def feeds_remove_cmd(refs: list[str] = typer.Argument(..., help="feed URLs or feed ids")) -> None:
        """Remove feeds (a tombstone in the feeds topic)."""
        from services.fetcher import cli_utils

        run(cli_utils.feeds_remove, refs)

    @feeds.command("import")
    def feeds_import_cmd(
        path: Path = typer.Argument(..., exists=True, dir_okay=False, help="OPML export or YAML feed list"),
        only_new: bool = typer.Option(
            False, "--only-new", help="keep feeds already in the topic as they are"
        ),
    ) -> None:
        """Import feeds from an OPML file (what feed readers export) or a YAML feed list."""
        from services.fetcher import cli_utils

        run(cli_utils.feeds_import, path, only_new)

    @feeds.command("status")
    def feeds_status_cmd(as_json: bool = typer.Option(False, "--json", help="print JSON")) -> None:
        """Per feed: last poll, last HTTP status, new items, errors, next poll (failing feeds in red)."""
        from services.fetcher import cli_utils

        run(cli_utils.feeds_status, as_json)
