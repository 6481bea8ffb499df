"""Commands of the indexer stage: ``indexer``, ``index setup|stats|delete`` (``search`` and ``api``:
``services/api/cli.py``)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import typer


def _settings() -> tuple[Any, Any]:
    from services.indexer.settings import IndexerSettings
    from shared.config import get_settings

    return get_settings(), IndexerSettings()


def register(app: typer.Typer) -> None:
    @app.command("indexer")
    def run_indexer() -> None:
        """Run the indexer service: grouped articles -> Elasticsearch (bulk, at-least-once)."""
        from services.indexer.service import build_app
        from shared.streaming import run_worker

        settings, opts = _settings()
        run_worker(build_app(settings, opts), settings)

    index = typer.Typer(help="The article indices: template, alias, counts.", no_args_is_help=True)
    app.add_typer(index, name="index")

    @index.command("setup")
    def index_setup() -> None:
        """Create or update the index template and the alias (idempotent)."""
        from services.indexer.index import setup_from_settings

        settings, opts = _settings()
        info = asyncio.run(setup_from_settings(settings, opts))
        typer.echo(
            f"template {info['template']} for {info['alias']}-*; alias {info['alias']} "
            f"({'created' if info['created'] else 'exists'}: {info['current_index']}); stemmed subfields: "
            f"{', '.join(info['analyzers']) or 'none (the cluster has no language analyzers)'}"
        )

    @index.command("stats")
    def index_stats(as_json: bool = typer.Option(False, "--json", help="print JSON")) -> None:
        """Documents per monthly index, tag and language."""
        from services.api import query as s
        from shared.elastic import make_client

        settings, _ = _settings()

        async def go() -> dict[str, Any]:
            es = make_client(settings)
            try:
                cat = await es.cat.indices(
                    index=f"{settings.index_alias}-*", format="json", h="index,docs.count,store.size"
                )
                out = await s.stats(es, settings.index_alias)
                out["indices"] = {row["index"]: int(row["docs.count"] or 0) for row in cat.body}
                return out
            finally:
                await es.close()

        out = asyncio.run(go())
        if as_json:
            typer.echo(json.dumps(out, indent=2, ensure_ascii=False))
            return
        from rich.console import Console
        from rich.table import Table

        console = Console()
        console.print(f"[bold]{settings.index_alias}[/bold]: {out['total']} articles")
        for title, key in (("index", "indices"), ("tag", "by_tag"), ("language", "by_lang")):
            table = Table(title=None)
            table.add_column(title)
            table.add_column("articles", justify="right")
            for name, count in sorted(out[key].items()):
                table.add_row(name, str(count))
            console.print(table)

    @index.command("delete")
    def index_delete(yes: bool = typer.Option(False, "--yes", help="really delete")) -> None:
        """Delete every monthly index of the alias and the template."""
        from services.indexer import index as idx
        from shared.elastic import make_client

        settings, _ = _settings()
        if not yes:
            typer.echo(f"this deletes {settings.index_alias}-* and its template; add --yes", err=True)
            raise typer.Exit(1)

        async def go() -> None:
            es = make_client(settings)
            try:
                await idx.delete_all(es, settings.index_alias)
            finally:
                await es.close()

        asyncio.run(go())
        typer.echo(f"deleted {settings.index_alias}-* and {idx.template_name(settings.index_alias)}")
