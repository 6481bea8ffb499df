"""Commands of the indexer stage: ``indexer``, ``index setup|stats|delete``, ``search``, ``api``."""

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
        """Run the indexer service: classified articles -> Elasticsearch (bulk, at-least-once)."""
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
            f"({'created' if info['created'] else 'exists'}: {info['current_index']})"
        )

    @index.command("stats")
    def index_stats(as_json: bool = typer.Option(False, "--json", help="print JSON")) -> None:
        """Documents per monthly index, tag and language."""
        from services.indexer import search as s
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

    @app.command("search")
    def search_cmd(
        query: str = typer.Argument("", help='words (all required), "phrase", a | b, -not, prefix*'),
        tag: list[str] = typer.Option([], "--tag", "-t", help="tag (repeatable: any of)"),
        org: list[str] = typer.Option([], "--org", "-o", help="organisation (repeatable, case-insensitive)"),
        lang: list[str] = typer.Option([], "--lang", "-l", help="language code (repeatable)"),
        since: str | None = typer.Option(None, "--since", help="7d, 12h, 2w, 30m or an ISO date"),
        limit: int = typer.Option(10, "--limit", "-n", min=1, help="results to show"),
        as_json: bool = typer.Option(False, "--json", help="print JSON (same shape as the API)"),
    ) -> None:
        """Search the indexed articles (accent/case/Arabic-variant insensitive) with highlights."""
        from services.indexer import search as s
        from shared.elastic import make_client

        settings, opts = _settings()
        try:
            since_dt = s.parse_since(since)
        except ValueError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(2) from exc
        req = s.SearchRequest(text=query, tags=tag, orgs=org, langs=lang, since=since_dt, limit=limit)

        async def go() -> s.SearchResult:
            es = make_client(settings)
            try:
                return await s.search(es, settings.index_alias, req, opts.search_max_limit)
            finally:
                await es.close()

        result = asyncio.run(go())
        if as_json:
            typer.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
            return
        render_table(result, query)

    @app.command("api")
    def api_cmd(
        host: str | None = typer.Option(None, help="listen address (default WIREWATCH_INDEXER_API_HOST)"),
        port: int | None = typer.Option(None, help="port (default WIREWATCH_INDEXER_API_PORT)"),
    ) -> None:
        """Serve the HTTP search API (/search, /articles/{id}, /stats, /healthz, /readyz, /docs)."""
        from services.indexer.api import serve

        settings, opts = _settings()
        serve(settings, opts, host=host, port=port)


def render_table(result: Any, query: str) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    def styled(segments: list[tuple[str, bool]]) -> Text:
        text = Text()
        for part, match in segments:
            text.append(part, style="bold yellow" if match else None)
        return text

    console = Console()
    table = Table(title=f"{result.total} articles" + (f" for {query!r}" if query else ""), show_lines=True)
    table.add_column("published", no_wrap=True)
    table.add_column("tags")
    table.add_column("lang")
    table.add_column("article", ratio=1)
    for hit in result.hits:
        body = styled(hit.title_segments) if hit.title_segments else Text(hit.title or "(no title)")
        body.stylize("bold")
        body.append("\n")
        body.append_text(styled(hit.snippet_segments))
        meta = " · ".join(x for x in (hit.source, ", ".join(hit.orgs[:5]), hit.url) if x)
        body.append(f"\n{meta}", style="dim")
        tags = ", ".join(f"[b]{t}[/b]" if t == hit.primary_tag else t for t in hit.tags)
        table.add_row(
            (hit.published or "")[:16].replace("T", " "), Text.from_markup(tags), hit.lang or "", body
        )
    console.print(table)
