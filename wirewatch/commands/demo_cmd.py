"""``wirewatch demo``: run the whole pipeline locally on the demo corpus and show what it found.

Declarations only (names, options, help); the work is in ``wirewatch/commands/cli_utils.py``."""

from __future__ import annotations

from pathlib import Path

import typer

from wirewatch.clitools import run


def register(app: typer.Typer) -> None:
    @app.command("demo")
    def demo(
        port: int = typer.Option(
            8808, help="port of the demo feed server (fixed, so reruns see the same URLs)"
        ),
        host: str = typer.Option("127.0.0.1", help="address of the demo feed server"),
        timeout: float = typer.Option(300.0, help="seconds to wait for every demo story to be indexed"),
        poll_interval: float = typer.Option(10.0, help="seconds between two polls of a demo feed"),
        keep_running: bool = typer.Option(
            False, "--keep-running", help="leave the four services and the feed server running afterwards"
        ),
        stop: bool = typer.Option(False, "--stop", help="stop what an earlier --keep-running left running"),
        work_dir: Path | None = typer.Option(
            None, "--work-dir", help="where the demo keeps its logs and pid file (default: <state dir>/demo)"
        ),
    ) -> None:
        """Start the local stack, serve the demo feeds, run fetcher, parser, classifier, grouper and indexer,
        wait until every demo story is indexed, and print a summary (tags, languages, lawsuits, a search).

        Afterwards the four services are stopped (the stack keeps running, so `wirewatch search`
        works); with --keep-running they stay up until `wirewatch demo --stop`.
        """
        from wirewatch.commands import cli_utils

        run(cli_utils.demo, port, host, timeout, poll_interval, keep_running, stop, work_dir)
