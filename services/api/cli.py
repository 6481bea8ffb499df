"""Commands of the read side: ``search``, ``story``, ``api`` (serve) and ``api keys create|list|revoke``.

Declarations only (names, options, help); the work is in ``services/api/cli_utils.py``."""

from __future__ import annotations

from pathlib import Path

import typer

from wirewatch.clitools import run

KEYS_FILE_HELP = "keys file (default WIREWATCH_API_KEYS_FILE)"


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
        from services.api import cli_utils

        run(cli_utils.search, query, tag, org, lang, since, limit, offset, stories, as_json)

    @app.command("story")
    def story_cmd(
        story_id: str = typer.Argument(..., help="a story id (the story_id of its reports)"),
        as_json: bool = typer.Option(False, "--json", help="print JSON (same shape as the API)"),
    ) -> None:
        """List the reports of one story, oldest first."""
        from services.api import cli_utils

        run(cli_utils.story, story_id, as_json)

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
        from services.api import cli_utils

        run(cli_utils.serve, host, port)

    keys = typer.Typer(
        help="API keys (stored as SHA-256 only; WIREWATCH_API_KEYS_FILE).", no_args_is_help=True
    )
    api.add_typer(keys, name="keys")

    @keys.command("create")
    def keys_create(
        name: str = typer.Argument(..., help="who the key is for (letters, digits, _.@-)"),
        scope: list[str] = typer.Option(
            [], "--scope", help="search and/or articles (repeatable; default: both)"
        ),
        file: Path | None = typer.Option(None, "--file", help=KEYS_FILE_HELP),
    ) -> None:
        """Create a key: prints it once (it is not stored), and appends its hash to the keys file."""
        from services.api import cli_utils

        run(cli_utils.keys_create, name, scope, file)

    @keys.command("list")
    def keys_list(
        file: Path | None = typer.Option(None, "--file", help=KEYS_FILE_HELP),
    ) -> None:
        """The configured keys: name, scopes, revoked (never the keys; hashes shortened)."""
        from services.api import cli_utils

        run(cli_utils.keys_list, file)

    @keys.command("revoke")
    def keys_revoke(
        name: str = typer.Argument(..., help="the key's name"),
        file: Path | None = typer.Option(None, "--file", help=KEYS_FILE_HELP),
    ) -> None:
        """Mark a key of the keys file revoked (403 from then on; the API re-reads the file)."""
        from services.api import cli_utils

        run(cli_utils.keys_revoke, name, file)
