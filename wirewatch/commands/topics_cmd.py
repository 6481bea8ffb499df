"""``wirewatch topics create|list``: the pipeline's topics, created idempotently.

Declarations only (names, options, help); the work is in ``wirewatch/commands/cli_utils.py``."""

from __future__ import annotations

import typer

from wirewatch.clitools import run


def register(app: typer.Typer) -> None:
    topics = typer.Typer(help="Kafka topics of the pipeline.", no_args_is_help=True)
    app.add_typer(topics, name="topics")

    @topics.command("create")
    def create(
        partitions: int = typer.Option(
            None, help="partitions per topic (default WIREWATCH_TOPIC_PARTITIONS)"
        ),
    ) -> None:
        """Create every topic (and every faust table's changelog) that does not exist yet (existing
        topics are left alone)."""
        from wirewatch.commands import cli_utils

        run(cli_utils.topics_create, partitions)

    @topics.command("list")
    def list_topics() -> None:
        """List the pipeline's topics (and the faust tables' changelogs) with their purpose."""
        from wirewatch.commands import cli_utils

        run(cli_utils.topics_list)
