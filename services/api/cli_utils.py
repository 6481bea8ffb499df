"""The work of the read side's commands (declared in ``services/api/cli.py``): ``search``, ``story``,
``api`` (serve) and ``api keys create|list|revoke``, as plain functions that tests call directly.
Each returns the command's exit status; messages for the user go to stderr, results to stdout."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import typer

from shared.errors import ConfigError


def settings() -> tuple[Any, Any]:
    """The common settings and the API's own."""
    from services.api.settings import ApiSettings
    from shared.config import get_settings

    return get_settings(), ApiSettings()


def _fail(message: object, code: int) -> int:
    typer.echo(str(message), err=True)
    return code


def search(
    query: str = "",
    tags: list[str] | None = None,
    orgs: list[str] | None = None,
    langs: list[str] | None = None,
    since: str | None = None,
    limit: int = 10,
    offset: int = 0,
    stories: bool = False,
    as_json: bool = False,
) -> int:
    """``wirewatch search``: hits (or stories) as a table or as the API's JSON; 2 for a bad request."""
    from services.api import query as s
    from shared.elastic import make_client

    common, opts = settings()
    limits = s.Limits.of(opts)
    try:
        since_dt = s.parse_since(since, max_days=opts.max_since_days)
        req = s.SearchRequest(
            text=query,
            tags=tags or [],
            orgs=orgs or [],
            langs=langs or [],
            since=since_dt,
            limit=limit,
            offset=offset,
        )
        s.validate(req, limits)
    except s.QueryError as exc:
        return _fail(exc, 2)

    async def go() -> Any:
        es = make_client(common, request_timeout=opts.request_timeout)
        try:
            fields = await s.stemmed_fields_of(es, common.index_alias) or ()
            if stories:
                return await s.search_stories(
                    es, common.index_alias, req, limits=limits, stemmed_fields=fields
                )
            return await s.search(es, common.index_alias, req, limits=limits, stemmed_fields=fields)
        finally:
            await es.close()

    result = asyncio.run(go())
    if as_json:
        typer.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    elif stories:
        render_stories(result, query)
    else:
        render_table(result, query)
    return 0


def story(story_id: str, as_json: bool = False) -> int:
    """``wirewatch story ID``: the reports of one story, oldest first; 1 when there is no such story."""
    from services.api import query as s
    from shared.elastic import make_client

    common, opts = settings()

    async def go() -> tuple[list[Any] | None, dict[str, Any] | None]:
        es = make_client(common, request_timeout=opts.request_timeout)
        try:
            found = await s.story_reports(es, common.index_alias, story_id, opts.story_max_reports)
            summaries = await s.story_summaries(es, common.index_alias, [story_id]) if found else {}
            return found, summaries.get(story_id)
        finally:
            await es.close()

    hits, summary = asyncio.run(go())
    if hits is None:
        return _fail(f"no story {story_id}", 1)
    if as_json:
        langs: dict[str, int] = {}
        for h in hits:
            langs[h.lang or "unknown"] = langs.get(h.lang or "unknown", 0) + 1
        out = {
            "story_id": story_id,
            "reports": len(hits),
            "langs": langs,
            "hits": [h.to_json() for h in hits],
            "summary": summary,
        }
        typer.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    title = f"story {story_id}: {len(hits)} reports"
    if summary and summary["reports"] != len(hits):
        title += f" shown of {summary['reports']}"
    if summary:
        langs_all = ", ".join(f"{k} {v}" for k, v in sorted(summary["langs"].items()))
        title += f" ({langs_all}; {len(summary['sources'])} sources)"
    render_table(s.SearchResult(total=len(hits), hits=hits), "", title=title)
    return 0


def serve(host: str | None = None, port: int | None = None) -> int:
    """``wirewatch api``: serve until stopped; 2 for a configuration error (said plainly, never a key)."""
    from services.api.app import serve as serve_app

    common, opts = settings()
    try:
        serve_app(common, opts, host=host, port=port)
    except ConfigError as exc:
        return _fail(f"wirewatch api: {exc}", 2)
    return 0


def keys_file(path: Path | None) -> Path | None:
    """The keys file: the option, else ``WIREWATCH_API_KEYS_FILE``."""
    return path or settings()[1].keys_file


def keys_create(name: str, scopes: list[str] | None = None, file: Path | None = None) -> int:
    """Print a new key once and append its hash to the keys file (or say what to add to _KEYS)."""
    from services.api import auth

    key = auth.new_key()
    try:
        entry = auth.parse_entry(f"{name}:{auth.digest(key)}:{'+'.join(scopes or [])}", "key")
        path = keys_file(file)
        if path is not None:
            auth.append_key(path, entry)
    except auth.KeyEntryError as exc:
        return _fail(exc, 2)
    typer.echo(f"key for {name} (shown once, store it now): {key}")
    if path is not None:
        typer.echo(f"added to {path}: {entry.line()}")
    else:
        typer.echo(f"add to WIREWATCH_API_KEYS: {entry.line()}")
    return 0


def keys_list(file: Path | None = None) -> int:
    """One line per configured key: name, scopes, state, shortened hash (never a key)."""
    from services.api import auth

    opts = settings()[1]
    try:
        store = auth.KeyStore(opts.keys, keys_file(file))
    except (auth.KeyEntryError, OSError) as exc:
        return _fail(exc, 2)
    for key in sorted(store.keys(), key=lambda k: k.name):
        state = "revoked" if key.revoked else "active"
        typer.echo(f"{key.name}\t{'+'.join(sorted(key.scopes))}\t{state}\tsha256:{key.digest[:12]}…")
    return 0


def keys_revoke(name: str, file: Path | None = None) -> int:
    """Mark the key ``name`` revoked in the keys file; 2 without a keys file, 1 when no such key."""
    from services.api import auth

    path = keys_file(file)
    if path is None or not path.exists():
        return _fail(
            "no keys file (--file or WIREWATCH_API_KEYS_FILE); remove the entry from "
            "WIREWATCH_API_KEYS instead",
            2,
        )
    try:
        count = auth.revoke_key(path, name)
    except auth.KeyEntryError as exc:
        return _fail(exc, 2)
    if not count:
        return _fail(f"no active key named {name!r} in {path}", 1)
    typer.echo(f"revoked {name} in {path}")
    return 0


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
        table.add_row(row.story_id, str(row.reports), langs, seen, _body(row.top))
    console.print(table)
