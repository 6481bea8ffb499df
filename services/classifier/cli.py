"""Commands of the classifier stage."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command("classifier")
    def run_classifier() -> None:
        """Run the classifier service (not implemented yet)."""
        typer.echo("wirewatch classifier: not implemented yet", err=True)
        raise typer.Exit(2)
