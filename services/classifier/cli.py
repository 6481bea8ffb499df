"""Commands of the classifier stage: ``wirewatch classifier`` (the service) and ``wirewatch classify``
(offline: JSONL in, JSONL out; or ``--eval`` a labelled file), ``wirewatch reclassify``.

Declarations only (names, options, help); the work is in ``services/classifier/cli_utils.py``."""

from __future__ import annotations

from pathlib import Path

import typer

from wirewatch.clitools import run


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
        from services.classifier.cli_utils import classify as work

        run(work, eval_file, split, demo, detect, as_json, extra)


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
        from services.classifier.cli_utils import reclassify as work

        run(work, since, tag, dry_run, extra, as_json, page)
