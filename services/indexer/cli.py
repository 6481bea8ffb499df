"""Commands of the indexer stage: ``indexer``, ``index setup|stats|delete`` (``search`` and ``api``:
``services/api/cli.py``).

Declarations only (names, options, help); the work is in ``services/indexer/cli_utils.py``."""

from __future__ import annotations

import typer

from wirewatch.clitools import run


def register(app: typer.Typer) -> None:
    @app.command("indexer")
    def indexer_cmd() -> None:
        """Run the indexer service: grouped articles -> Elasticsearch (bulk, at-least-once)."""
        from services.indexer.cli_utils import run_indexer

        run_indexer()

    index = typer.Typer(help="The article indices: template, alias, counts.", no_args_is_help=True)
    app.add_typer(index, name="index")

    @index.command("setup")
    def index_setup_cmd() -> None:
        """Create or update the index template and the alias (idempotent)."""
        from services.indexer.cli_utils import index_setup

        index_setup()

    @index.command("stats")
    def index_stats_cmd(as_json: bool = typer.Option(False, "--json", help="print JSON")) -> None:
        """Documents per monthly index, tag and language."""
        from services.indexer.cli_utils import index_stats

        index_stats(as_json)

    @index.command("delete")
    def index_delete_cmd(yes: bool = typer.Option(False, "--yes", help="really delete")) -> None:
        """Delete every monthly index of the alias, the template and the story summaries."""
        from services.indexer.cli_utils import index_delete

        run(index_delete, yes)
