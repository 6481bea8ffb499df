"""Commands of the parser stage: ``wirewatch parser`` (the service) and ``wirewatch parse`` (offline).

Declarations only (names, options, help); the work is in ``services/parser/cli_utils.py``."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command("parser")
    def run_parser() -> None:
        """Run the parser service: raw pages (RawItem) in, parsed articles (ParsedArticle) out."""
        from services.parser.service import main

        main()

    @app.command("parse")
    def parse(
        paths: list[str] = typer.Argument(..., help="HTML files (.html, .html.gz) or - for stdin"),
        url: str | None = typer.Option(None, "--url", "-u", help="URL of the page (helps dates and links)"),
        fast: bool | None = typer.Option(
            None, "--fast/--no-fast", help="skip trafilatura's fallback extractors (default: the setting)"
        ),
        precision: bool = typer.Option(False, "--precision", help="favor precision (less noise)"),
        recall: bool = typer.Option(False, "--recall", help="favor recall (more text; the default setting)"),
        balanced: bool = typer.Option(False, "--balanced", help="neither precision nor recall favored"),
        no_tables: bool = typer.Option(False, "--no-tables", help="leave out the text of <table>s"),
        min_text_chars: int | None = typer.Option(
            None, "--min-text-chars", help="below this the page counts as having no article"
        ),
        max_input_bytes: int | None = typer.Option(None, "--max-input-bytes", help="largest page accepted"),
        pretty: bool = typer.Option(False, "--pretty", help="indented JSON instead of one object per line"),
    ) -> None:
        """Extract articles from HTML files, offline: one JSON object per input on stdout.

        Each object has id (the file name up to its first dot), title, text, lang, published, author,
        site_name, description, image, word_count, summary_only; or error and reason. No Kafka needed.
        Exits 1 when any input failed (the count is written to stderr), 0 when every input was parsed.
        Defaults come from the WIREWATCH_PARSER_* settings, as in the service.
        """
        from services.parser.cli_utils import extract_options, parse_paths
        from services.parser.settings import ParserSettings

        options = extract_options(
            ParserSettings(),
            fast=fast,
            precision=precision,
            recall=recall,
            balanced=balanced,
            no_tables=no_tables,
            min_text_chars=min_text_chars,
            max_input_bytes=max_input_bytes,
        )
        raise typer.Exit(parse_paths(paths, options, url=url, pretty=pretty).exit_code)
