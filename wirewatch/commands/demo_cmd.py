"""``wirewatch demo``: run the whole pipeline locally on the demo corpus and show what it found."""

from __future__ import annotations

from pathlib import Path

import typer


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
        from rich.console import Console

        from shared.config import get_settings
        from wirewatch.demo.run import DemoError, DemoOptions, run_demo, stop_background

        console = Console()
        settings = get_settings()
        if stop:
            stopped = stop_background(settings, say=console.print, work_dir=work_dir)
            console.print(f"stopped: {', '.join(stopped)}" if stopped else "nothing left running by the demo")
            return
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
            raise typer.Exit(1) from exc
        except KeyboardInterrupt:
            console.print("[yellow]interrupted[/yellow]: the services were stopped; the stack keeps running")
            raise typer.Exit(130) from None
