"""The work of the grouper's offline command (declared in ``services/grouper/cli.py``): ``wirewatch
group``, as plain functions that tests call directly."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, Any

import typer

from shared.errors import UsageError


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


def group(
    eval_file: Path | None = None,
    split: str = "dev",
    seeds: Path | None = None,
    window_days: float | None = None,
    as_json: bool = False,
    *,
    stdin: IO[str] | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> None:
    """``wirewatch group``: stdin's JSONL records with their story ids, or pairwise scores (--eval)."""
    err = stderr or sys.stderr
    from services.classifier.engine import Classifier
    from services.grouper.grouping import group_records, pair_scores
    from services.grouper.settings import GrouperSettings

    settings = GrouperSettings()
    if window_days is not None or eval_file is not None:
        settings = settings.model_copy(update={"window_days": window_days or 3650.0})
    classifier = Classifier()
    if eval_file is None:
        out = stdout or sys.stdout
        for row in group_records(_read(stdin or sys.stdin, err), classifier, settings):
            out.write(
                json.dumps(
                    {"id": row["id"], "story_id": row["story_id"], "story_reason": row["story_reason"]},
                    ensure_ascii=False,
                )
                + "\n"
            )
        return
    from shared.splits import select

    if split not in ("dev", "heldout", "all"):
        raise UsageError("--split is dev, heldout or all")
    records = _read(eval_file.read_text("utf-8").splitlines(), err)
    chosen = [dict(r) for r in select(records, split)]  # type: ignore[arg-type]  # split is checked above
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
