"""Commands of the grouper stage: ``wirewatch grouper`` (the service) and ``wirewatch group`` (offline)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer


def seed_records(folder: Path) -> list[dict[str, Any]]:
    """The seed articles (``NNN_*.txt``, first line the title) with their ``labels.jsonl``; ``story``
    keys as the brief gives them (000, 002 and 003 report one event)."""
    labels = {}
    lab = folder / "labels.jsonl"
    if lab.exists():
        for line in lab.read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                labels[row["file"]] = row
    same = {"000", "002", "003"}
    out = []
    for path in sorted(folder.glob("*.txt")):
        title, _, text = path.read_text("utf-8").partition("\n")
        number = path.name[:3]
        out.append(
            {
                "id": f"seed-{number}",
                "title": title.strip(),
                "text": text,
                "lang": labels.get(path.name, {}).get("lang"),
                "story": "seed-meta-midjourney" if number in same else f"seed-{number}",
            }
        )
    return out


def _read(lines: Any, err: Any) -> list[dict[str, Any]]:
    from shared.jsonl import JsonObjects

    return list(JsonObjects(lines, err, require=("id",)))


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
        from services.classifier.engine import Classifier
        from services.grouper.grouping import group_records, pair_scores
        from services.grouper.settings import GrouperSettings

        settings = GrouperSettings()
        if window_days is not None or eval_file is not None:
            settings = settings.model_copy(update={"window_days": window_days or 3650.0})
        classifier = Classifier()
        if eval_file is None:
            for row in group_records(_read(sys.stdin, sys.stderr), classifier, settings):
                sys.stdout.write(
                    json.dumps(
                        {"id": row["id"], "story_id": row["story_id"], "story_reason": row["story_reason"]},
                        ensure_ascii=False,
                    )
                    + "\n"
                )
            return
        from shared.splits import select

        if split not in ("dev", "heldout", "all"):
            raise typer.BadParameter("--split is dev, heldout or all")
        records = _read(eval_file.read_text("utf-8").splitlines(), sys.stderr)
        chosen = [dict(r) for r in select(records, split)]  # type: ignore[arg-type]
        sets = {f"{eval_file.name} ({split})": chosen}
        if seeds is not None:
            sets[f"seeds ({seeds.name})"] = seed_records(seeds)
        report: dict[str, Any] = {}
        for name, recs in sets.items():
            found = {r["id"]: r for r in group_records(recs, classifier, settings)}
            truth = {str(r["id"]): str(r.get("story") or r["id"]) for r in recs}
            scores = pair_scores(truth, {k: v["story_id"] for k, v in found.items()})
            details = split == "dev" or name.startswith("seeds")
            entry = scores.as_dict(details=details)
            if details:
                entry["reasons"] = {
                    f"{a} {b}": [found[a]["story_reason"], found[b]["story_reason"]] for a, b in scores.wrong
                }
            report[name] = entry
        if as_json:
            typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
            return
        for name, entry in report.items():
            e = entry
            typer.echo(
                f"{name}: records {e['records']}, stories {e['labelled_stories']} labelled / "
                f"{e['found_stories']} found; pairs {e['true_pairs']} true / {e['found_pairs']} found / "
                f"{e['correct_pairs']} correct; precision {e['precision']:.3f} recall {e['recall']:.3f} "
                f"F1 {e['f1']:.3f}"
            )
            for a, b in entry.get("missed", []):
                typer.echo(f"  missed {a} {b}")
            for a, b in entry.get("wrong", []):
                typer.echo(f"  wrong  {a} {b}: {entry['reasons'][f'{a} {b}'][1]}")
