"""Commands of the indexer stage."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command("indexer")
    def run_indexer() -> None:
        """Run the indexer service (not implemented yet)."""
        typer.echo("wirewatch indexer: not implemented yet", err=True)
        raise typer.Exit(2)
