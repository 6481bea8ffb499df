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
    done = bad = 0
    for n, line in enumerate(lines, 1):
        line = line.strip()
        if not line:
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("not a JSON object")
        except ValueError as exc:
            bad += 1
            err.write(f"line {n}: skipped: {exc}\n")
            continue
        out.write(json.dumps(classifier.classify_record(record), ensure_ascii=False) + "\n")
        done += 1
    return done, bad


def register(app: typer.Typer) -> None:
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
