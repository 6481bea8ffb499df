"""``wirewatch topics create|list``: the pipeline's topics, created idempotently."""

from __future__ import annotations

import asyncio

import typer
from rich.console import Console
from rich.table import Table

from shared.config import get_settings
from shared.topics import CREATED_TOPICS


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
        from shared.kafka import create_topics

        settings = get_settings()
        results = asyncio.run(create_topics(settings, partitions=partitions))
        table = Table(title=f"Topics on {settings.kafka_bootstrap}")
        for col in ("topic", "partitions", "compacted", "action"):
            table.add_column(col)
        compacted = {s.name(settings): s.compacted for s in CREATED_TOPICS}
        for r in results:
            table.add_row(
                r.name,
                str(r.partitions),
                "yes" if compacted[r.name] else "",
                "created" if r.created else "exists",
            )
        Console().print(table)

    @topics.command("list")
    def list_topics() -> None:
        """List the pipeline's topics (and the faust tables' changelogs) with their purpose."""
        settings = get_settings()
        table = Table(title="Pipeline topics")
        for col in ("topic", "partitions", "compacted", "what"):
            table.add_column(col)
        for spec in CREATED_TOPICS:
            table.add_row(
                spec.name(settings),
                str(spec.partition_count(settings)),
                "yes" if spec.compacted else "",
                spec.description,
            )
        Console().print(table)
