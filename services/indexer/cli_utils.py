"""The work of the indexer's commands (declared in ``services/indexer/cli.py``): plain functions that
tests call directly, no option parsing here."""

from __future__ import annotations

import asyncio
import json
from typing import Any, cast

import typer


def _settings() -> tuple[Any, Any]:
    from services.indexer.settings import IndexerSettings
    from shared.config import get_settings

    return get_settings(), IndexerSettings()


def run_indexer() -> None:
    """The indexer service, until it is stopped."""
    from services.indexer.service import build_app
    from shared.runtime.streaming import run_worker

    settings, opts = _settings()
    run_worker(build_app(settings, opts), settings)


def index_setup() -> None:
    """Create or update the template and the alias; one line saying what was done."""
    from services.indexer.index import setup_from_settings

    settings, opts = _settings()
    info = asyncio.run(setup_from_settings(settings, opts))
    typer.echo(
        f"template {info['template']} for {info['alias']}-*; alias {info['alias']} "
        f"({'created' if info['created'] else 'exists'}: {info['current_index']}); stemmed subfields: "
        f"{', '.join(info['analyzers']) or 'none (the cluster has no language analyzers)'}"
    )


async def read_stats(settings: Any) -> dict[str, Any]:
    """Articles in total, per tag, per language (``services.api.query.stats``) and per monthly index."""
    from services.api import query as s
    from shared.elastic import make_client

    es = make_client(settings)
    try:
        cat = await es.cat.indices(
            index=f"{settings.index_alias}-*", format="json", h="index,docs.count,store.size"
        )
        out = await s.stats(es, settings.index_alias)
        rows = cast("list[dict[str, Any]]", cat.body)  # format="json": one object per index
        out["indices"] = {row["index"]: int(row["docs.count"] or 0) for row in rows}
        return out
    finally:
        await es.close()


def index_stats(as_json: bool = False) -> None:
    """``wirewatch index stats``: the counts as JSON or as tables."""
    settings, _ = _settings()
    out = asyncio.run(read_stats(settings))
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


def index_delete(yes: bool = False) -> int:
    """Delete the alias's monthly indices and template; without ``yes`` only say what it would do (1)."""
    from services.indexer import index as idx
    from shared.elastic import make_client

    settings, _ = _settings()
    if not yes:
        typer.echo(f"this deletes {settings.index_alias}-* and its template; add --yes", err=True)
        return 1

    async def go() -> None:
        es = make_client(settings)
        try:
            await idx.delete_all(es, settings.index_alias)
        finally:
            await es.close()

    asyncio.run(go())
    alias = settings.index_alias
    typer.echo(f"deleted {alias}-*, {idx.template_name(alias)} and {alias}.stories")
    return 0
