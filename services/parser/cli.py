"""Commands of the parser stage."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command("parser")
    def run_parser() -> None:
        """Run the parser service (not implemented yet)."""
        typer.echo("wirewatch parser: not implemented yet", err=True)
        raise typer.Exit(2)
