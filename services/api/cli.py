"""Commands of the read side: ``search``, ``story``, ``api`` (serve) and ``api keys create|list|revoke``."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import typer


def _settings() -> tuple[Any, Any]:
    from services.api.settings import ApiSettings
    from shared.config import get_settings

    return get_settings(), ApiSettings()


def register(app: typer.Typer) -> None:
    @app.command("search")
    def search_cmd(
        query: str = typer.Argument("", help='words (all required), "phrase", a | b, -not, prefix*'),
        tag: list[str] = typer.Option([], "--tag", "-t", help="tag (repeatable: any of)"),
        org: list[str] = typer.Option([], "--org", "-o", help="organisation (repeatable, case-insensitive)"),
        lang: list[str] = typer.Option([], "--lang", "-l", help="language code (repeatable)"),
        since: str | None = typer.Option(None, "--since", help="7d, 12h, 2w, 30m or an ISO date"),
        limit: int = typer.Option(10, "--limit", "-n", min=1, help="results to show"),
        offset: int = typer.Option(0, "--offset", min=0, help="results to skip"),
        stories: bool = typer.Option(False, "--stories", help="one row per story, with its reports"),
        as_json: bool = typer.Option(False, "--json", help="print JSON (same shape as the API)"),
    ) -> None:
        """Search the indexed articles (accent/case/Arabic-variant insensitive) with highlights."""
        from services.api import query as s
        from shared.elastic import make_client

        settings, opts = _settings()
        limits = s.Limits.of(opts)
        try:
            since_dt = s.parse_since(since, max_days=opts.max_since_days)
            req = s.SearchRequest(
                text=query, tags=tag, orgs=org, langs=lang, since=since_dt, limit=limit, offset=offset
            )
            s.validate(req, limits)
        except s.QueryError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(2) from exc

        async def go() -> Any:
            es = make_client(settings, request_timeout=opts.request_timeout)
            try:
                fields = await s.stemmed_fields_of(es, settings.index_alias) or ()
                if stories:
                    return await s.search_stories(
                        es, settings.index_alias, req, limits=limits, stemmed_fields=fields
                    )
                return await s.search(es, settings.index_alias, req, limits=limits, stemmed_fields=fields)
            finally:
                await es.close()

        result = asyncio.run(go())
        if as_json:
            typer.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
        elif stories:
            render_stories(result, query)
        else:
            render_table(result, query)

    @app.command("story")
    def story_cmd(
        story_id: str = typer.Argument(..., help="a story id (the story_id of its reports)"),
        as_json: bool = typer.Option(False, "--json", help="print JSON (same shape as the API)"),
    ) -> None:
        """List the reports of one story, oldest first."""
        from services.api import query as s
        from shared.elastic import make_client

        settings, opts = _settings()

        async def go() -> list[Any] | None:
            es = make_client(settings, request_timeout=opts.request_timeout)
            try:
                return await s.story_reports(es, settings.index_alias, story_id, opts.story_max_reports)
            finally:
                await es.close()

        hits = asyncio.run(go())
        if hits is None:
            typer.echo(f"no story {story_id}", err=True)
            raise typer.Exit(1)
        if as_json:
            langs: dict[str, int] = {}
            for h in hits:
                langs[h.lang or "unknown"] = langs.get(h.lang or "unknown", 0) + 1
            out = {
                "story_id": story_id,
                "reports": len(hits),
                "langs": langs,
                "hits": [h.to_json() for h in hits],
            }
            typer.echo(json.dumps(out, indent=2, ensure_ascii=False))
            return
        render_table(
            s.SearchResult(total=len(hits), hits=hits), "", title=f"story {story_id}: {len(hits)} reports"
        )

    api = typer.Typer(
        help="The HTTP search API: serve it (no sub-command), or manage its API keys.",
        invoke_without_command=True,
    )
    app.add_typer(api, name="api")

    @api.callback()
    def api_cmd(
        ctx: typer.Context,
        host: str | None = typer.Option(None, help="listen address (default WIREWATCH_API_HOST)"),
        port: int | None = typer.Option(None, help="port (default WIREWATCH_API_PORT)"),
    ) -> None:
        """Serve the HTTP search API (/search, /stories/{id}, /articles/{id}, /stats, /healthz, /readyz)."""
        if ctx.invoked_subcommand is not None:
            return
        from services.api.app import serve

        settings, opts = _settings()
        try:
            serve(settings, opts, host=host, port=port)
        except ValueError as exc:  # a configuration error, said plainly (never contains a key)
            typer.echo(f"wirewatch api: {exc}", err=True)
            raise typer.Exit(2) from exc

    keys = typer.Typer(
        help="API keys (stored as SHA-256 only; WIREWATCH_API_KEYS_FILE).", no_args_is_help=True
    )
    api.add_typer(keys, name="keys")

    def keys_file(path: Path | None) -> Path | None:
        return path or _settings()[1].keys_file

    @keys.command("create")
    def keys_create(
        name: str = typer.Argument(..., help="who the key is for (letters, digits, _.@-)"),
        scope: list[str] = typer.Option(
            [], "--scope", help="search and/or articles (repeatable; default: both)"
        ),
        file: Path | None = typer.Option(None, "--file", help="keys file (default WIREWATCH_API_KEYS_FILE)"),
    ) -> None:
        """Create a key: prints it once (it is not stored), and appends its hash to the keys file."""
        from services.api import auth

        key = auth.new_key()
        try:
            entry = auth.parse_entry(f"{name}:{auth.digest(key)}:{'+'.join(scope)}", "key")
            path = keys_file(file)
            if path is not None:
                auth.append_key(path, entry)
        except auth.KeyEntryError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(2) from exc
        typer.echo(f"key for {name} (shown once, store it now): {key}")
        if path is not None:
            typer.echo(f"added to {path}: {entry.line()}")
        else:
            typer.echo(f"add to WIREWATCH_API_KEYS: {entry.line()}")

    @keys.command("list")
    def keys_list(
        file: Path | None = typer.Option(None, "--file", help="keys file (default WIREWATCH_API_KEYS_FILE)"),
    ) -> None:
        """The configured keys: name, scopes, revoked (never the keys; hashes shortened)."""
        from services.api import auth

        opts = _settings()[1]
        try:
            store = auth.KeyStore(opts.keys, keys_file(file))
        except (auth.KeyEntryError, OSError) as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(2) from exc
        for key in sorted(store.keys(), key=lambda k: k.name):
            state = "revoked" if key.revoked else "active"
            typer.echo(f"{key.name}\t{'+'.join(sorted(key.scopes))}\t{state}\tsha256:{key.digest[:12]}…")

    @keys.command("revoke")
    def keys_revoke(
        name: str = typer.Argument(..., help="the key's name"),
        file: Path | None = typer.Option(None, "--file", help="keys file (default WIREWATCH_API_KEYS_FILE)"),
    ) -> None:
        """Mark a key of the keys file revoked (403 from then on; the API re-reads the file)."""
        from services.api import auth

        path = keys_file(file)
        if path is None or not path.exists():
            typer.echo(
                "no keys file (--file or WIREWATCH_API_KEYS_FILE); remove the entry from "
                "WIREWATCH_API_KEYS instead",
                err=True,
            )
            raise typer.Exit(2)
        try:
            count = auth.revoke_key(path, name)
        except auth.KeyEntryError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(2) from exc
        if not count:
            typer.echo(f"no active key named {name!r} in {path}", err=True)
            raise typer.Exit(1)
        typer.echo(f"revoked {name} in {path}")


def _styled(segments: list[tuple[str, bool]]) -> Any:
    from rich.text import Text

    text = Text()
    for part, match in segments:
        text.append(part, style="bold yellow" if match else None)
    return text


def _body(hit: Any) -> Any:
    from rich.text import Text

    body = _styled(hit.title_segments) if hit.title_segments else Text(hit.title or "(no title)")
    body.stylize("bold")
    body.append("\n")
    body.append_text(_styled(hit.snippet_segments))
    meta = " · ".join(x for x in (hit.source, ", ".join(hit.orgs[:5]), hit.url) if x)
    body.append(f"\n{meta}", style="dim")
    return body


def render_table(result: Any, query: str, title: str | None = None) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console()
    heading = title or f"{result.total} articles" + (f" for {query!r}" if query else "")
    table = Table(title=heading, show_lines=True)
    table.add_column("published", no_wrap=True)
    table.add_column("tags")
    table.add_column("lang")
    table.add_column("article", ratio=1)
    for hit in result.hits:
        tags = ", ".join(f"[b]{t}[/b]" if t == hit.primary_tag else t for t in hit.tags)
        table.add_row(
            (hit.published or "")[:16].replace("T", " "), Text.from_markup(tags), hit.lang or "", _body(hit)
        )
    console.print(table)


def render_stories(result: Any, query: str) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"{result.total} stories" + (f" for {query!r}" if query else ""), show_lines=True)
    table.add_column("story", no_wrap=True)
    table.add_column("reports", justify="right")
    table.add_column("languages")
    table.add_column("seen")
    table.add_column("best report", ratio=1)
    for row in result.stories:
        langs = ", ".join(f"{lang} {n}" for lang, n in sorted(row.langs.items()))
        seen = " → ".join(dict.fromkeys(d[:10] for d in (row.first_seen, row.last_seen) if d)) or "-"
        table.add_row(row.story_id[:16], str(row.reports), langs, seen, _body(row.top))
    console.print(table)
