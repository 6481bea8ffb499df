"""Commands of the fetcher stage."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command("fetcher")
    def run_fetcher() -> None:
        """Run the fetcher service (not implemented yet)."""
        typer.echo("wirewatch fetcher: not implemented yet", err=True)
        raise typer.Exit(2)
