"""The work of the classifier's commands (declared in ``services/classifier/cli.py``): ``classify``
(offline, or ``--eval``) and ``reclassify``, as plain functions that tests call directly."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, Any

import typer

from shared.errors import InvalidInput, UsageError


def classify_stream(classifier: Any, lines: Any, out: Any, err: Any) -> tuple[int, int]:
    """Classify JSONL lines; a line that is not a JSON object is reported on stderr and skipped."""
    from shared.jsonl import JsonObjects

    records = JsonObjects(lines, err)
    done = 0
    for record in records:
        out.write(json.dumps(classifier.classify_record(record), ensure_ascii=False) + "\n")
        done += 1
    return done, records.skipped


def classifier_with(extra: list[Path]) -> Any:
    """The classifier of the settings, with extra taxonomy files merged over them."""
    from services.classifier.engine import Classifier
    from services.classifier.settings import ClassifierSettings

    settings = ClassifierSettings()
    if extra:
        settings = settings.model_copy(
            update={"extra_taxonomy_files": [*settings.extra_taxonomy_files, *extra]}
        )
    return Classifier(settings)


def classify(
    eval_file: Path | None = None,
    split: str = "all",
    demo: bool = False,
    detect: bool = False,
    as_json: bool = False,
    extra: list[Path] | None = None,
    *,
    stdin: IO[str] | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> None:
    """``wirewatch classify``: stdin's JSONL records classified to stdout, or an evaluation."""
    classifier = classifier_with(extra or [])
    if eval_file is None and not demo:
        classify_stream(classifier, stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr)
        return
    if eval_file is not None and demo:
        raise UsageError("give --eval FILE or --demo, not both")
    from rich.console import Console

    from services.classifier.evaluate import (
        SPLITS,
        demo_records,
        evaluate,
        load_seeds,
        read_jsonl,
        render,
        select_split,
    )
    from shared.splits import held_out_record, is_split_dataset

    if split not in SPLITS:
        raise UsageError(f"--split must be one of {', '.join(SPLITS)}")
    if eval_file is None:
        records = demo_records()
    elif eval_file.is_dir():
        records = load_seeds(eval_file)
    else:
        records = read_jsonl(eval_file)
    records = select_split(records, split)
    name = "demo corpus" if eval_file is None else eval_file.name
    if split != "all":
        name = f"{name} ({split} side, {len(records)} stories)"
    # the frozen split's held-out records are scored, never listed, even when the file is scored whole
    withhold = held_out_record if eval_file is not None and is_split_dataset(eval_file) else None
    report = evaluate(
        records, classifier, use_lang=not detect, hide_misses=split == "heldout", withhold=withhold
    )
    if as_json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        Console().print(render(report, title=f"classifier evaluation: {name}"))


def reclassify(
    since: str | None = None,
    tag: str | None = None,
    dry_run: bool = False,
    extra: list[Path] | None = None,
    as_json: bool = False,
    page: int = 200,
) -> int:
    """``wirewatch reclassify``: re-tag indexed stories; 1 when any document could not be updated."""
    import asyncio

    from services.classifier import reclassify as rc
    from shared.config import Settings
    from shared.durations import parse_since
    from shared.elastic import make_client

    try:
        since_at = parse_since(since)
    except InvalidInput as exc:
        raise UsageError(str(exc), "--since") from exc
    classifier = classifier_with(extra or [])
    settings = Settings()

    async def go() -> Any:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        es = make_client(settings)
        try:
            total = await rc.count(es, settings.index_alias, since_at, tag)
            console = Console(stderr=True)
            with Progress(
                TextColumn("reclassify"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console,
                transient=as_json,
            ) as bar:
                task = bar.add_task("reclassify", total=total)
                return await rc.reclassify(
                    es,
                    settings.index_alias,
                    classifier,
                    since=since_at,
                    tag=tag,
                    dry_run=dry_run,
                    page=page,
                    refresh=True,
                    progress=lambda n: bar.advance(task, n),
                )
        finally:
            await es.close()

    report = asyncio.run(go())
    if as_json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        from rich.console import Console

        Console().print(rc.render(report))
    return 1 if report.failed else 0
