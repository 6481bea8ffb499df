"""Quality bars of the classifier, through ``wirewatch classify --eval`` (reads ../shared at run time)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from services.classifier.engine import Classifier
from services.classifier.evaluate import evaluate, load_seeds, read_jsonl
from shared.splits import record_side
from tests.support import REPO, SHARED_MATERIAL
from wirewatch.cli import app

DEV = SHARED_MATERIAL / "datasets" / "ai-news-dev.jsonl"
SEEDS = SHARED_MATERIAL / "datasets" / "seeds"
EXTRA = REPO / "tests" / "data" / "classifier_extra.jsonl"


def _eval_json(path: Path, *args: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["classify", "--eval", str(path), "--json", *args])
    assert result.exit_code == 0, result.output
    out: dict[str, Any] = json.loads(result.output)
    return out


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


REAL = SHARED_MATERIAL / "datasets" / "real-news-dev.jsonl"


def test_report_per_language_confusion_and_no_event() -> None:
    # our own sentences: one story per case, so every figure of the report is known
    records: list[dict[str, Any]] = [
        {
            "id": "a",
            "lang": "en",
            "title": "Acme sued by Globex",
            "text": "Globex sued Acme in court.",
            "tags": ["lawsuit"],
            "primary": "lawsuit",
            "orgs": [],
        },
        {
            "id": "b",
            "lang": "fr",
            "title": "Météo",
            "text": "Il pleut à Lyon aujourd'hui.",
            "tags": [],
            "primary": None,
            "orgs": [],
        },
        {
            "id": "c",
            "lang": "fr",
            "title": "Acme lève 40 millions d'euros",
            "text": "La start-up Acme a levé 40 millions d'euros lors d'un tour de table.",
            "tags": ["launch"],
            "primary": "launch",
            "orgs": [],
        },
    ]
    report = evaluate(records, Classifier())
    d = report.as_dict()
    assert set(d["langs"]) == {"en", "fr"}
    assert d["langs"]["en"]["stories"] == 1 and d["langs"]["fr"]["stories"] == 2
    assert d["no_event_stories"] == 1 and d["no_event_untagged"] == 1
    confusion = {(c["gold"], c["predicted"]): c["n"] for c in d["confusion"]}
    assert sum(confusion.values()) == 3
    assert confusion[("lawsuit", "lawsuit")] == 1 and confusion[("none", "none")] == 1
    assert confusion[("launch", "investment")] == 1  # the investment story mislabelled as a launch
    assert d["tags"]["launch"]["fn"] == 1 and d["tags"]["investment"]["fp"] == 1
    assert d["misclassified"] == ["c"]
    assert d["langs"]["fr"]["primary_accuracy"] == 0.5


@pytest.mark.skipif(not REAL.exists(), reason="../shared/datasets/real-news-dev.jsonl not present")
def test_split_sides_and_held_out_aggregates_only() -> None:
    dev = _eval_json(REAL, "--split", "dev")
    held = _eval_json(REAL, "--split", "heldout")
    assert dev["stories"] == 99 and held["stories"] == 62
    assert "misclassified" in dev and "misclassified" not in held  # never the held-out errors
    assert sum(v["stories"] for v in held["langs"].values()) == 62
    result = CliRunner().invoke(app, ["classify", "--eval", str(REAL), "--split", "heldout"])
    assert result.exit_code == 0, result.output
    assert "per language" in result.output and "gold (rows)" in result.output
    assert "misclassified" not in result.output and "rdev-" not in result.output


@pytest.mark.skipif(not REAL.exists(), reason="../shared/datasets/real-news-dev.jsonl not present")
def test_the_whole_file_never_lists_held_out_errors() -> None:
    """Scored whole (the default ``--split all``), the file's held-out records count in every figure
    but their errors are not listed, as with ``--split heldout``."""
    sides = {r["id"]: record_side(r) for r in read_jsonl(REAL)}
    whole = _eval_json(REAL)
    assert whole["stories"] == len(sides) and whole["withheld"] == list(sides.values()).count("heldout")
    assert whole["misclassified"], "the dev side has errors to list"
    assert all(sides[i] == "dev" for i in whole["misclassified"])
    own = _eval_json(GENERALISE)  # a file the split does not freeze: every error is listed
    assert "withheld" not in own


@pytest.mark.skipif(not (SEEDS / "labels.jsonl").exists(), reason="../shared/datasets/seeds not present")
def test_eval_accepts_the_seeds_directory() -> None:
    assert _eval_json(SEEDS)["stories"] == 5


ISSUE13 = REPO / "tests" / "data" / "classifier_issue13.jsonl"


def test_own_issue13_set() -> None:
    # our own stories for each failure class of issue 13, with controls, in every tagged language
    # (organisations are not labelled in this set: tags only)
    records = read_jsonl(ISSUE13)
    assert {r["lang"] for r in records} == {"en", "ar", "fr", "de", "es"}
    report = evaluate(records, Classifier())
    assert report.no_event >= 15 and report.no_event_untagged_share >= 0.9, report.as_dict()
    assert report.micro_f1 >= 0.95 and report.primary_accuracy >= 0.95, report.as_dict()
    for lang, sub in report.per_lang.items():
        assert sub.primary_accuracy >= 0.8, (lang, sub.as_dict(langs=False))


GENERALISE = REPO / "tests" / "data" / "classifier_generalise.jsonl"


def test_own_generalisation_set() -> None:
    # 30 stories of ours (en/fr/de/es/ar: a launch, a licence, a suit, an investment and two no-event
    # stories each), written before the classifier was run on them (micro-F1 0.927 then, three English
    # errors, fixed since): a tag per story type in every language, and no tag for the no-event ones
    records = read_jsonl(GENERALISE)
    assert {r["lang"] for r in records} == {"en", "ar", "fr", "de", "es"} and len(records) == 30
    report = evaluate(records, Classifier())
    assert report.no_event == 10 and report.no_event_untagged == 10, report.as_dict()
    assert report.micro_f1 >= 0.95 and report.primary_accuracy >= 0.95, report.as_dict()


GENERALISE2 = REPO / "tests" / "data" / "classifier_generalise2.jsonl"


def test_own_generalisation_set_with_background() -> None:
    # 20 longer stories of ours (4 per language) whose events sit next to company background (money it
    # raised, suits it faces, a past release) and no-event commentary, written before the classifier was
    # run on them (micro-F1 0.750, primary 0.850, no-event untagged 2/5 then: 10 stories wrong, mostly a
    # background sentence tagged); one debatable story left ("released its latest model last week" in a
    # funding story stays a secondary launch)
    records = read_jsonl(GENERALISE2)
    assert {r["lang"] for r in records} == {"en", "ar", "fr", "de", "es"} and len(records) == 20
    report = evaluate(records, Classifier())
    assert report.no_event == 5 and report.no_event_untagged == 5, report.as_dict()
    assert report.micro_f1 >= 0.95 and report.primary_accuracy >= 0.95, report.as_dict()


GENERALISE3 = REPO / "tests" / "data" / "classifier_generalise3.jsonl"


def test_own_generalisation_set_round_three() -> None:
    # 20 stories of ours about chips and plants (4 per language, three with two tags: a settlement with a
    # licence), written after the fixes of the second set and before running on them (micro-F1 0.882,
    # primary 0.900, no-event untagged 5/5 then: a patent licence missed, "Patentstreit beigelegt"
    # missed, a past-perfect background launch tagged, an Arabic processor launch missed)
    records = read_jsonl(GENERALISE3)
    assert {r["lang"] for r in records} == {"en", "ar", "fr", "de", "es"} and len(records) == 20
    report = evaluate(records, Classifier())
    assert report.no_event == 5 and report.no_event_untagged == 5, report.as_dict()
    assert report.micro_f1 >= 0.95 and report.primary_accuracy >= 0.95, report.as_dict()


GENERALISE4 = REPO / "tests" / "data" / "classifier_generalise4.jsonl"


def test_own_generalisation_set_round_four() -> None:
    # 20 stories of ours about AI music (4 per language), written after the third set's fixes and before
    # running on them (micro-F1 0.857, primary 0.800, every tag's precision 1.00 then; recall missed:
    # "disponible depuis mercredi", "seit Mittwoch verfügbar", "ha comprado", Arabic "مولد" generator)
    records = read_jsonl(GENERALISE4)
    assert {r["lang"] for r in records} == {"en", "ar", "fr", "de", "es"} and len(records) == 20
    report = evaluate(records, Classifier())
    assert report.no_event == 5 and report.no_event_untagged == 5, report.as_dict()
    assert report.micro_f1 >= 0.95 and report.primary_accuracy >= 0.95, report.as_dict()


GENERALISE5 = REPO / "tests" / "data" / "classifier_generalise5.jsonl"


def test_own_generalisation_set_round_five() -> None:
    # 16 wire-style stories of ours (datelines, quotes, paragraphs; en and fr five each), written after
    # the fourth set's fixes and before running on them (micro-F1 0.842, primary 0.812, no-event
    # untagged 5/6 then; English and French all right; missed: "hat Brio um einen ... Modus erweitert",
    # Arabic "أضافت ... وضعا"; a sale only studied, "estudia vender", tagged)
    records = read_jsonl(GENERALISE5)
    assert {r["lang"] for r in records} == {"en", "ar", "fr", "de", "es"} and len(records) == 16
    report = evaluate(records, Classifier())
    assert report.no_event == 6 and report.no_event_untagged == 6, report.as_dict()
    assert report.micro_f1 >= 0.95 and report.primary_accuracy >= 0.95, report.as_dict()


GENERALISE6 = REPO / "tests" / "data" / "classifier_generalise6.jsonl"


def test_own_generalisation_set_two_events() -> None:
    # 13 stories of ours with two events each (a raise and a launch, a settlement and a licence) or
    # reported talks, written after the fifth set's fixes and before running on them (micro-F1 0.957,
    # primary 0.769 then). Left: the primary of two settlement-plus-licence stories (we labelled the
    # settlement; the classifier picks the licence, as real-news-dev's labels do for WMG-Suno, which
    # its notes mark doubtful)
    records = read_jsonl(GENERALISE6)
    assert {r["lang"] for r in records} == {"en", "ar", "fr", "de", "es"} and len(records) == 13
    report = evaluate(records, Classifier())
    assert report.micro_f1 >= 0.95 and report.primary_accuracy >= 0.8, report.as_dict()
