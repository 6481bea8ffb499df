"""``wirewatch stack up|down|status|logs``: the local Kafka + Elasticsearch.

Declarations only (names, options, help); the work is in ``wirewatch/stack/cli_utils.py``."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from wirewatch.clitools import run


class Component(StrEnum):
    kafka = "kafka"
    elasticsearch = "elasticsearch"


def register(app: typer.Typer) -> None:
    stack = typer.Typer(help="Run the local Kafka + Elasticsearch stack.", no_args_is_help=True)
    app.add_typer(stack, name="stack")

    @stack.command("up")
    def up(
        timeout: Annotated[
            float | None, typer.Option(help="seconds to wait for readiness (default: stack_start_timeout)")
        ] = None,
    ) -> None:
        """Fetch (first time), start and wait for Kafka 4 (KRaft) and Elasticsearch 9; idempotent."""
        from wirewatch.stack import cli_utils

        run(cli_utils.up, timeout)

    @stack.command("down")
    def down() -> None:
        """Stop the Kafka and Elasticsearch processes that `stack up` started (by pid)."""
        from wirewatch.stack import cli_utils

        run(cli_utils.down)

    @stack.command("status")
    def status_cmd() -> None:
        """Table of component, version, port, pid and health; exit 1 unless all healthy."""
        from wirewatch.stack import cli_utils

        run(cli_utils.status)

    @stack.command("logs")
    def logs(
        component: Annotated[
            Component | None, typer.Argument(help="kafka or elasticsearch (both when omitted)")
        ] = None,
        lines: Annotated[int, typer.Option("-n", "--lines", help="lines from the end of each log")] = 50,
        follow: Annotated[bool, typer.Option("--follow", "-f", help="keep printing new lines")] = False,
    ) -> None:
        """Show the server logs of the local stack."""
        from wirewatch.stack import cli_utils

        run(cli_utils.logs, component.value if component else None, lines, follow)
