"""Commands of the alerter stage."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command("alerter")
    def run_alerter() -> None:
        """Run the alerter service (not implemented yet)."""
        typer.echo("wirewatch alerter: not implemented yet", err=True)
        raise typer.Exit(2)
