"""Commands of the parser stage: ``wirewatch parser`` (the service) and ``wirewatch parse`` (offline)."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path
from typing import Any

import typer


def read_input(path: str) -> tuple[str, bytes]:
    """(id, bytes) of one input: ``-`` is stdin; ``.gz`` files are decompressed.
    The id is the file name up to its first dot."""
    if path == "-":
        data = sys.stdin.buffer.read()
        ident = "stdin"
    else:
        p = Path(path)
        data = p.read_bytes()
        ident = p.name.split(".", 1)[0] or p.name
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return ident, data


def parse_one(path: str, options: Any, url: str | None = None) -> dict[str, Any]:
    """The JSON object printed for one input (an ``error`` and ``reason`` when there is no article)."""
    from services.parser.extract import ExtractionError, extract_article

    try:
        ident, data = read_input(path)
    except OSError as exc:
        ident = Path(path).name.split(".", 1)[0]
        return {"id": ident, "path": path, "error": "unreadable", "reason": str(exc)}
    out: dict[str, Any] = {"id": ident, "path": path}
    try:
        fields = extract_article(data, url=url, options=options)
    except ExtractionError as exc:
        return {**out, "error": exc.kind, "reason": exc.reason}
    except Exception as exc:  # an extraction bug: report it and go on with the next input
        return {**out, "error": "extraction_failed", "reason": f"{type(exc).__name__}: {exc}"}
    published = fields.pop("published")
    return {**out, **fields, "published": published.isoformat() if published else None}


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
        import orjson

        from services.parser.extract import ExtractOptions
        from services.parser.settings import ParserSettings

        settings = ParserSettings()
        overrides: dict[str, Any] = {
            "fast": settings.fast if fast is None else fast,
            "include_tables": settings.include_tables and not no_tables,
        }
        if precision or recall or balanced:
            overrides["favor_precision"] = precision and not recall
            overrides["favor_recall"] = recall
        if min_text_chars is not None:
            overrides["min_text_chars"] = min_text_chars
        if max_input_bytes is not None:
            overrides["max_input_bytes"] = max_input_bytes
        base = ExtractOptions.from_settings(settings)
        options = ExtractOptions(**{**base.__dict__, **overrides})
        flags = orjson.OPT_INDENT_2 if pretty else 0
        failures = 0
        out = sys.stdout.buffer
        for path in paths:
            obj = parse_one(path, options, url=url)
            failures += "error" in obj
            out.write(orjson.dumps(obj, option=flags) + b"\n")
            out.flush()
        if failures:
            # every input still got its JSON line; the exit status says that some had no article
            sys.stderr.write(f"wirewatch parse: {failures} of {len(paths)} inputs failed\n")
            raise typer.Exit(1)
