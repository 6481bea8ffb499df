"""``wirewatch stack up|down|status|logs`` (not implemented yet)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    stack = typer.Typer(help="Run the local Kafka + Elasticsearch stack.", no_args_is_help=True)
    app.add_typer(stack, name="stack")

    @stack.command("up")
    def up() -> None:
        """Start the stack (not implemented yet)."""
        typer.echo("wirewatch stack up: not implemented yet", err=True)
        raise typer.Exit(2)
