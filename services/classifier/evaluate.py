"""Scoring of the classifier on a labelled JSONL file (format of shared/datasets/LABELS.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from services.classifier.engine import Classifier


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: set[str], pred: set[str]) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)


@dataclass
class Miss:
    id: str
    gold_tags: list[str]
    pred_tags: list[str]
    gold_primary: str | None
    pred_primary: str | None
    missing_orgs: list[str]
    extra_orgs: list[str]

    @property
    def tags_wrong(self) -> bool:
        return set(self.gold_tags) != set(self.pred_tags) or self.gold_primary != self.pred_primary


@dataclass
class Report:
    n: int = 0
    per_tag: dict[str, PRF] = field(default_factory=dict)
    micro: PRF = field(default_factory=PRF)
    orgs: PRF = field(default_factory=PRF)
    primary_right: int = 0
    misses: list[Miss] = field(default_factory=list)

    @property
    def micro_f1(self) -> float:
        return self.micro.f1

    @property
    def primary_accuracy(self) -> float:
        return self.primary_right / self.n if self.n else 1.0

    @property
    def org_f1(self) -> float:
        return self.orgs.f1

    def as_dict(self) -> dict[str, Any]:
        return {
            "stories": self.n,
            "micro_f1": round(self.micro_f1, 4),
            "primary_accuracy": round(self.primary_accuracy, 4),
            "org_precision": round(self.orgs.precision, 4),
            "org_recall": round(self.orgs.recall, 4),
            "org_f1": round(self.org_f1, 4),
            "tags": {
                k: {"precision": round(v.precision, 4), "recall": round(v.recall, 4), "f1": round(v.f1, 4)}
                for k, v in sorted(self.per_tag.items())
            },
            "misclassified": [m.id for m in self.misses if m.tags_wrong],
        }


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    records = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if line:
                record = json.loads(line)
                record.setdefault("id", f"line-{n}")
                records.append(record)
    return records


def evaluate(records: Iterable[dict[str, Any]], classifier: Classifier, use_lang: bool = True) -> Report:
    report = Report()
    for name in classifier.taxonomy.tags:
        report.per_tag[name] = PRF()
    for rec in records:
        c = classifier.classify(rec.get("title"), rec.get("text"), rec.get("lang") if use_lang else None)
        gold_tags = set(rec.get("tags") or [])
        pred_tags = set(c.tag_names)
        report.n += 1
        for name in gold_tags | pred_tags:
            report.per_tag.setdefault(name, PRF()).add({name} & gold_tags, {name} & pred_tags)
        report.micro.add(gold_tags, pred_tags)
        gold_primary = rec.get("primary")
        if gold_primary == c.primary_tag:
            report.primary_right += 1
        gold_orgs, pred_orgs = set(rec.get("orgs") or []), set(c.orgs)
        report.orgs.add(gold_orgs, pred_orgs)
        miss = Miss(
            id=str(rec.get("id")),
            gold_tags=sorted(gold_tags),
            pred_tags=sorted(pred_tags),
            gold_primary=gold_primary,
            pred_primary=c.primary_tag,
            missing_orgs=sorted(gold_orgs - pred_orgs),
            extra_orgs=sorted(pred_orgs - gold_orgs),
        )
        if miss.tags_wrong or miss.missing_orgs or miss.extra_orgs:
            report.misses.append(miss)
    return report


def load_seeds(directory: Path) -> list[dict[str, Any]]:
    """The seed articles as labelled records: the first line of each text is taken as its title."""
    records = []
    for label in read_jsonl(directory / "labels.jsonl"):
        raw = (directory / label["file"]).read_text(encoding="utf-8")
        title, _, text = raw.strip().partition("\n")
        records.append({**label, "id": label["file"], "title": title, "text": text})
    return records


def demo_records(directory: Path | None = None) -> list[dict[str, Any]]:
    """The demo corpus (``wirewatch/demo/articles``) as labelled records in the LABELS.md format.

    The text is the article body, one paragraph per line pair, as the demo page serves it.
    """
    from wirewatch.demo.corpus import load_articles

    return [
        {
            "id": a.slug,
            "lang": a.lang,
            "title": a.title,
            "text": a.text,
            "published": a.published.isoformat(),
            "source": a.source,
            "tags": list(a.tags),
            "primary": a.primary,
            "orgs": list(a.orgs),
        }
        for a in load_articles(directory=directory)
    ]


def render(report: Report, title: str = "classifier evaluation") -> Any:
    """A rich renderable (tables) of the report."""
    from rich.console import Group
    from rich.table import Table

    tags = Table(title=title)
    for col in ("tag", "precision", "recall", "F1", "tp", "fp", "fn"):
        tags.add_column(col, justify="left" if col == "tag" else "right")
    for name, prf in sorted(report.per_tag.items()):
        tags.add_row(
            name,
            f"{prf.precision:.3f}",
            f"{prf.recall:.3f}",
            f"{prf.f1:.3f}",
            str(prf.tp),
            str(prf.fp),
            str(prf.fn),
        )
    m = report.micro
    tags.add_row(
        "[b]micro[/b]",
        f"{m.precision:.3f}",
        f"{m.recall:.3f}",
        f"[b]{m.f1:.3f}[/b]",
        str(m.tp),
        str(m.fp),
        str(m.fn),
    )
    summary = Table(show_header=False)
    summary.add_column("metric")
    summary.add_column("value", justify="right")
    summary.add_row("stories", str(report.n))
    summary.add_row("micro-F1", f"{report.micro_f1:.3f}")
    summary.add_row(
        "primary-tag accuracy", f"{report.primary_accuracy:.3f} ({report.primary_right}/{report.n})"
    )
    o = report.orgs
    summary.add_row("organisations P / R / F1", f"{o.precision:.3f} / {o.recall:.3f} / {o.f1:.3f}")
    misses = Table(title="misclassified")
    for col in (
        "id",
        "gold tags",
        "predicted",
        "gold primary",
        "predicted primary",
        "orgs missed",
        "orgs extra",
    ):
        misses.add_column(col, overflow="fold")
    for miss in report.misses:
        misses.add_row(
            miss.id if miss.tags_wrong else f"[dim]{miss.id}[/dim]",
            ",".join(miss.gold_tags),
            ",".join(miss.pred_tags),
            str(miss.gold_primary),
            str(miss.pred_primary),
            ", ".join(miss.missing_orgs),
            ", ".join(miss.extra_orgs),
        )
    return Group(tags, summary, misses)
