"""The classifier's scores on every labelled set, as the Markdown tables of ``docs/classifier.md``.

    .venv/bin/python bench/classifier_scores.py [--shared ../shared]

Prints, on the current taxonomy: one row per set (real-news-dev's dev side and its frozen held-out
side, ai-news-dev, the seeds, every ``tests/data/classifier_*.jsonl`` and ``orgs_*.jsonl``, the
demo corpus), then real-news-dev's dev and held-out sides per language, the held-out confusion of
primary tags, and all our own sets together per language. The held-out side is scored with
``hide_misses`` (aggregate figures only, as ``--split heldout``). A set that does not label
organisations shows ``-`` for org F1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from services.classifier.engine import Classifier
from services.classifier.evaluate import (
    Report,
    demo_records,
    evaluate,
    load_seeds,
    read_jsonl,
    select_split,
)
from services.classifier.settings import ClassifierSettings

REPO = Path(__file__).resolve().parents[1]
TAGS = ("licensing", "launch", "lawsuit", "investment")
HEAD = (
    "| micro-F1 | primary | no-event untagged | org F1 | licensing P / R | launch P / R "
    "| lawsuit P / R | investment P / R |"
)


def _cells(report: Report, orgs_labelled: bool) -> str:
    d: dict[str, Any] = report.as_dict(langs=False)
    no_event = f"{d['no_event_untagged']}/{d['no_event_stories']}" if d["no_event_stories"] else "-"
    org = f"{d['org_f1']:.3f}" if orgs_labelled else "-"
    tags = []
    for name in TAGS:
        t = d["tags"].get(name)
        tags.append(f"{t['precision']:.2f} / {t['recall']:.2f}" if t else "-")
    return (
        f"| {d['micro_f1']:.3f} | {d['primary_accuracy']:.3f} | {no_event} | {org} | "
        + " | ".join(tags)
        + " |"
    )


def _labels_orgs(records: list[dict[str, Any]]) -> bool:
    return any(r.get("orgs") for r in records)


def _per_lang(report: Report, orgs_labelled: bool) -> list[str]:
    rows = ["| lang | stories " + HEAD, "| --- " * 10 + "|"]
    for lang in sorted(report.per_lang):
        sub = report.per_lang[lang]
        rows.append(f"| {lang} | {sub.as_dict(langs=False)['stories']} " + _cells(sub, orgs_labelled))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    datasets = args.shared / "datasets"
    classifier = Classifier(ClassifierSettings())

    real = read_jsonl(datasets / "real-news-dev.jsonl")
    dev = select_split(real, "dev")
    held = select_split(real, "heldout")
    dev_report = evaluate(dev, classifier)
    held_report = evaluate(held, classifier, hide_misses=True)

    ours = sorted((REPO / "tests" / "data").glob("classifier_*.jsonl")) + sorted(
        (REPO / "tests" / "data").glob("orgs_*.jsonl")
    )
    sets: list[tuple[str, list[dict[str, Any]]]] = [
        ("ai-news-dev", read_jsonl(datasets / "ai-news-dev.jsonl")),
        ("seeds", load_seeds(datasets / "seeds")),
        *[(f"tests/data/{p.name}", read_jsonl(p)) for p in ours],
        ("demo corpus", demo_records()),
    ]

    print("| set " + HEAD)
    print("| --- " * 9 + "|")
    print(f"| real-news-dev, dev side ({len(dev)}) " + _cells(dev_report, True))
    print(f"| real-news-dev, **held-out side** ({len(held)}, aggregates only) " + _cells(held_report, True))
    own: list[dict[str, Any]] = []
    for name, records in sets:
        labelled = _labels_orgs(records)
        note = "" if labelled else ", orgs not labelled"
        print(f"| {name} ({len(records)}{note}) " + _cells(evaluate(records, classifier), labelled))
        if name.startswith("tests/data/"):
            own.extend(records)

    print(f"\nreal-news-dev, dev side ({len(dev)}), per language:\n")
    print("\n".join(_per_lang(dev_report, True)))
    print(f"\nreal-news-dev, **held-out side** ({len(held)}, aggregates only), per language:\n")
    print("\n".join(_per_lang(held_report, True)))

    print("\nheld-out confusion of primaries (gold rows, predicted columns):\n")
    cols = [*TAGS, "none"]
    counts: dict[tuple[str, str], int] = {}
    for cell in held_report.as_dict(langs=False)["confusion"]:
        counts[(cell["gold"], cell["predicted"])] = cell["n"]
    print("| gold \\ predicted | " + " | ".join(cols) + " |")
    print("| --- " * (len(cols) + 1) + "|")
    for gold in cols:
        print(f"| {gold} | " + " | ".join(str(counts.get((gold, p), 0)) for p in cols) + " |")

    print(f"\nall our sets together ({len(own)} stories), per language:\n")
    print("\n".join(_per_lang(evaluate(own, classifier), True)))


if __name__ == "__main__":
    main()
