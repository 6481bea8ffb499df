"""Commands of the grouper stage: ``wirewatch grouper`` (the service) and ``wirewatch group`` (offline).

Declarations only (names, options, help); the work is in ``services/grouper/cli_utils.py``."""

from __future__ import annotations

from pathlib import Path

import typer

from services.grouper.cli_utils import seed_records as seed_records  # tests import it from here
from wirewatch.clitools import run


def register(app: typer.Typer) -> None:
    @app.command("grouper")
    def run_grouper() -> None:
        """Run the grouper service: classified articles in, the same articles with story_id out."""
        from services.grouper.service import main

        main()

    @app.command("group")
    def group(
        eval_file: Path | None = typer.Option(
            None,
            "--eval",
            help="score story grouping on a labelled JSONL file (records with `story` keys)",
            exists=True,
        ),
        split: str = typer.Option(
            "dev", "--split", help="with --eval: dev, heldout or all (shared/splits.py)"
        ),
        seeds: Path | None = typer.Option(
            None,
            "--seeds",
            help="with --eval: also score a folder of seed articles (NNN_*.txt, labels.jsonl)",
            exists=True,
            file_okay=False,
        ),
        window_days: float | None = typer.Option(
            None,
            "--window-days",
            help="memory window (default: the setting; with --eval: 3650, the set spans years)",
        ),
        as_json: bool = typer.Option(False, "--json", help="with --eval: the scores as JSON"),
    ) -> None:
        """Group JSONL records (id, title, text, optional lang, published, url) from stdin into stories.

        Each record is classified and assigned a story id in published order (ties by id), with the
        service's code; one JSON object per record is written: id, story_id, story_reason. With --eval
        FILE, pairwise precision, recall and F1 against the records' `story` keys on one side of the
        frozen split (missed and wrong pairs are listed for dev only).
        """
        from services.grouper.cli_utils import group as work

        run(work, eval_file, split, seeds, window_days, as_json)
