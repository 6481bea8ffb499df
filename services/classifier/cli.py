"""Commands of the classifier stage: ``wirewatch classifier`` (the service) and ``wirewatch classify``
(offline: JSONL in, JSONL out; or ``--eval`` a labelled file)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer


def _classify_stream(classifier: Any, lines: Any, out: Any, err: Any) -> tuple[int, int]:
    """Classify JSONL lines; a line that is not a JSON object is reported on stderr and skipped."""
    from shared.jsonl import JsonObjects

    records = JsonObjects(lines, err)
    done = 0
    for record in records:
        out.write(json.dumps(classifier.classify_record(record), ensure_ascii=False) + "\n")
        done += 1
    return done, records.skipped


def register(app: typer.Typer) -> None:
    register_reclassify(app)

    @app.command("classifier")
    def run_classifier() -> None:
        """Run the classifier service: parsed articles (ParsedArticle) in, classified articles out."""
        from services.classifier.service import main

        main()

    @app.command("classify")
    def classify(
        eval_file: Path | None = typer.Option(
            None,
            "--eval",
            help="score a labelled JSONL file (format of LABELS.md), or a seeds directory (labels.jsonl + "
            "texts, first line the title), instead of classifying stdin",
            exists=True,
        ),
        split: str = typer.Option(
            "all",
            "--split",
            help="with --eval: score one side of the frozen split (shared/splits.py): dev, heldout or all; "
            "heldout prints aggregate figures only (never its individual errors)",
        ),
        demo: bool = typer.Option(
            False,
            "--demo",
            help="score the demo corpus (wirewatch/demo/articles, labelled per LABELS.md) instead of a file",
        ),
        detect: bool = typer.Option(
            False, "--detect-lang", help="with --eval: ignore the records' lang and detect it"
        ),
        as_json: bool = typer.Option(False, "--json", help="with --eval: print the scores as JSON"),
        extra: list[Path] = typer.Option(
            [],
            "--taxonomy",
            "-t",
            help="extra taxonomy YAML file (tags, orgs); repeatable",
            exists=True,
        ),
    ) -> None:
        """Classify JSONL records (title, text, optional lang and id) from stdin, offline.

        Each record is written back to stdout with lang, tags (name, score, evidence), primary_tag,
        orgs and amounts added. With --eval FILE, score the classifier on a labelled file and print
        per-tag precision/recall/F1, micro-F1, primary-tag accuracy, organisation P/R/F1 and the
        misclassified ids. With --demo, score the demo corpus the same way.
        """
        from services.classifier.engine import Classifier
        from services.classifier.settings import ClassifierSettings

        settings = ClassifierSettings()
        if extra:
            settings = settings.model_copy(
                update={"extra_taxonomy_files": [*settings.extra_taxonomy_files, *extra]}
            )
        classifier = Classifier(settings)
        if eval_file is None and not demo:
            _classify_stream(classifier, sys.stdin, sys.stdout, sys.stderr)
            return
        if eval_file is not None and demo:
            raise typer.BadParameter("give --eval FILE or --demo, not both")
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

        if split not in SPLITS:
            raise typer.BadParameter(f"--split must be one of {', '.join(SPLITS)}")
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
        report = evaluate(records, classifier, use_lang=not detect, hide_misses=split == "heldout")
        if as_json:
            typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        else:
            Console().print(render(report, title=f"classifier evaluation: {name}"))


def register_reclassify(app: typer.Typer) -> None:
    @app.command("reclassify")
    def reclassify_cmd(
        since: str | None = typer.Option(
            None, "--since", help="only stories published since: 30d, 12h, 2w or an ISO date (default: all)"
        ),
        tag: str | None = typer.Option(None, "--tag", help="only stories currently tagged TAG"),
        dry_run: bool = typer.Option(False, "--dry-run", help="count what would change, write nothing"),
        extra: list[Path] = typer.Option(
            [], "--taxonomy", "-t", help="extra taxonomy YAML file (tags, orgs); repeatable", exists=True
        ),
        as_json: bool = typer.Option(False, "--json", help="print the counts as JSON"),
        page: int = typer.Option(
            200, "--page", min=1, max=10_000, help="documents read and written per request"
        ),
    ) -> None:
        """Re-tag stories already in Elasticsearch with the current taxonomy.

        Only documents whose tags, primary tag or taxonomy_version change are updated, so running it
        twice changes nothing the second time. Shows a progress bar, then the counts of changed tags.
        """
        import asyncio

        from services.classifier.engine import Classifier
        from services.classifier.reclassify import count, reclassify, render
        from services.classifier.settings import ClassifierSettings
        from shared.config import Settings
        from shared.durations import parse_since
        from shared.elastic import make_client

        try:
            since_at = parse_since(since)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--since") from exc
        opts = ClassifierSettings()
        if extra:
            opts = opts.model_copy(update={"extra_taxonomy_files": [*opts.extra_taxonomy_files, *extra]})
        classifier = Classifier(opts)
        settings = Settings()

        async def run() -> Any:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            es = make_client(settings)
            try:
                total = await count(es, settings.index_alias, since_at, tag)
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
                    return await reclassify(
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

        report = asyncio.run(run())
        if as_json:
            typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        else:
            from rich.console import Console

            Console().print(render(report))
        if report.failed:
            raise typer.Exit(1)
