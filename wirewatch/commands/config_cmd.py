"""``wirewatch config``: the effective configuration, secrets masked.

Declarations only (names, options, help); the work is in ``wirewatch/commands/cli_utils.py``."""

from __future__ import annotations

import typer

from wirewatch.clitools import run


def register(app: typer.Typer) -> None:
    @app.command("config")
    def show_config() -> None:
        """Print the effective configuration (environment WIREWATCH_*, .env, defaults); secrets masked."""
        from wirewatch.commands import cli_utils

        run(cli_utils.show_config)
