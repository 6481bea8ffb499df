"""The work of the parser's commands (declared in ``services/parser/cli.py``): plain functions that
tests call directly, no option parsing here."""

from __future__ import annotations

import gzip
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from services.parser.errors import ExtractionError, ParserError
from services.parser.extract import ExtractOptions, extract_article
from services.parser.settings import ParserSettings


def read_input(path: str, stdin: IO[bytes] | None = None) -> tuple[str, bytes]:
    """(id, bytes) of one input: ``-`` is stdin; ``.gz`` files are decompressed.
    The id is the file name up to its first dot."""
    if path == "-":
        data = (stdin or sys.stdin.buffer).read()
        ident = "stdin"
    else:
        p = Path(path)
        data = p.read_bytes()
        ident = p.name.split(".", 1)[0] or p.name
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return ident, data


def parse_one(
    path: str, options: ExtractOptions, url: str | None = None, stdin: IO[bytes] | None = None
) -> dict[str, Any]:
    """The JSON object printed for one input (an ``error`` and ``reason`` when there is no article)."""
    try:
        ident, data = read_input(path, stdin)
    except OSError as exc:
        ident = Path(path).name.split(".", 1)[0]
        return {"id": ident, "path": path, "error": ParserError.UNREADABLE, "reason": str(exc)}
    out: dict[str, Any] = {"id": ident, "path": path}
    try:
        fields = extract_article(data, url=url, options=options)
    except ExtractionError as exc:
        return {**out, "error": exc.kind, "reason": exc.reason}
    except Exception as exc:  # an extraction bug: report it and go on with the next input
        return {**out, "error": ParserError.EXTRACTION_FAILED, "reason": f"{type(exc).__name__}: {exc}"}
    published = fields.pop("published")
    return {**out, **fields, "published": published.isoformat() if published else None}


def extract_options(
    settings: ParserSettings,
    *,
    fast: bool | None = None,
    precision: bool = False,
    recall: bool = False,
    balanced: bool = False,
    no_tables: bool = False,
    min_text_chars: int | None = None,
    max_input_bytes: int | None = None,
) -> ExtractOptions:
    """The settings' extraction options with the command line's choices over them."""
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
    return replace(ExtractOptions.from_settings(settings), **overrides)


@dataclass(frozen=True)
class ParseRun:
    """What ``parse_paths`` did: inputs seen, inputs that gave no article."""

    inputs: int
    failed: int

    @property
    def exit_code(self) -> int:
        """0 when every input was parsed, 1 when any failed."""
        return 1 if self.failed else 0


def parse_paths(
    paths: list[str],
    options: ExtractOptions,
    *,
    url: str | None = None,
    pretty: bool = False,
    out: IO[bytes] | None = None,
    err: IO[str] | None = None,
    stdin: IO[bytes] | None = None,
) -> ParseRun:
    """One JSON object per input on ``out`` (default stdout), in order, each written as soon as it
    is done; when any input failed, ``wirewatch parse: N of M inputs failed`` on ``err``."""
    import orjson

    flags = orjson.OPT_INDENT_2 if pretty else 0
    sink = out or sys.stdout.buffer
    failures = 0
    for path in paths:
        obj = parse_one(path, options, url=url, stdin=stdin)
        failures += "error" in obj
        sink.write(orjson.dumps(obj, option=flags) + b"\n")
        sink.flush()
    if failures:
        # every input still got its JSON line; the exit status says that some had no article
        (err or sys.stderr).write(f"wirewatch parse: {failures} of {len(paths)} inputs failed\n")
    return ParseRun(inputs=len(paths), failed=failures)
