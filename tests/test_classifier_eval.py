"""Quality bars of the classifier, through ``wirewatch classify --eval`` (reads ../shared at run time)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from services.classifier.engine import Classifier
from services.classifier.evaluate import evaluate, load_seeds, read_jsonl
from tests.support import REPO, SHARED_MATERIAL
from wirewatch.cli import app

DEV = SHARED_MATERIAL / "datasets" / "ai-news-dev.jsonl"
SEEDS = SHARED_MATERIAL / "datasets" / "seeds"
EXTRA = REPO / "tests" / "data" / "classifier_extra.jsonl"


def _eval_json(path: Path, *args: str) -> dict:
    result = CliRunner().invoke(app, ["classify", "--eval", str(path), "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.skipif(not DEV.exists(), reason="../shared/datasets/ai-news-dev.jsonl not present")
def test_dev_set_bars() -> None:
    scores = _eval_json(DEV)
    assert scores["stories"] == 48
    assert scores["micro_f1"] >= 0.90, scores
    assert scores["primary_accuracy"] >= 0.90, scores
    assert scores["org_f1"] >= 0.90, scores


@pytest.mark.skipif(not DEV.exists(), reason="../shared/datasets/ai-news-dev.jsonl not present")
def test_dev_set_bars_with_detected_language() -> None:
    scores = _eval_json(DEV, "--detect-lang")
    assert scores["micro_f1"] >= 0.90 and scores["primary_accuracy"] >= 0.90, scores


@pytest.mark.skipif(not DEV.exists(), reason="../shared/datasets/ai-news-dev.jsonl not present")
def test_eval_prints_a_table() -> None:
    result = CliRunner().invoke(app, ["classify", "--eval", str(DEV)])
    assert result.exit_code == 0, result.output
    for heading in ("precision", "recall", "micro", "primary-tag accuracy", "organisations", "misclassified"):
        assert heading in result.output


@pytest.mark.skipif(not (SEEDS / "labels.jsonl").exists(), reason="../shared/datasets/seeds not present")
def test_seed_primary_tags() -> None:
    report = evaluate(load_seeds(SEEDS), Classifier())
    assert report.n == 5
    wrong = [m.id for m in report.misses if m.gold_primary != m.pred_primary]
    assert wrong == []


def test_own_extra_set() -> None:
    records = read_jsonl(EXTRA)
    assert {r["lang"] for r in records} >= {"es", "it", "pt", "nl"}
    report = evaluate(records, Classifier())
    assert report.micro_f1 >= 0.90 and report.primary_accuracy >= 0.90 and report.org_f1 >= 0.90, (
        report.as_dict()
    )
