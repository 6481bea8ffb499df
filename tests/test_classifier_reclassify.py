"""Taxonomy version and backfill (issue 13 item 6), against the real local Elasticsearch.

Stories are classified and bulk-indexed with the built-in taxonomy; a rule is then added in a copy of
the taxonomy (a temp dir), and ``reclassify`` re-tags what is indexed: the story the rule is about gains
its tag, the others are only re-stamped with the new ``taxonomy_version``, and a second run changes
nothing. Also through the ``wirewatch reclassify`` command (a subprocess, with --since, --tag, --json).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from services.classifier.engine import Classifier
from services.classifier.reclassify import reclassify
from services.classifier.settings import TAXONOMY_DIR, ClassifierSettings
from services.classifier.taxonomy import load_taxonomy
from services.indexer import index as idx
from services.indexer.bulk import BulkIndexer
from services.indexer.settings import IndexerSettings
from shared.config import Settings
from shared.contracts import ParsedArticle, article_id
from tests.indexer_helpers import es_client
from tests.support import REPO, settings_env

NOW = datetime.now(UTC)
STORIES = {  # our own sentences
    "mou": (
        "Nexora and the Daily Ledger sign a memorandum of understanding",
        "Nexora and the Daily Ledger signed a memorandum of understanding on Tuesday. The two firms will "
        "work together on archives.",
        NOW - timedelta(days=2),
    ),
    "suit": (
        "The Daily Ledger sues Nexora",
        "The Daily Ledger sued Nexora in federal court on Monday over the use of its articles.",
        NOW - timedelta(days=3),
    ),
    "old": (
        "Nexora raises $40 million",
        "Nexora raised $40 million in a Series B funding round led by Apex Ventures.",
        NOW - timedelta(days=90),
    ),
}
NEW_RULE = """
  - id: en-test-mou
    lang: en
    pattern: '\\bmemorandum of understanding\\b'
    weight: 0.9
"""


def _modified_taxonomy(tmp_path: Path) -> Path:
    """A copy of the built-in taxonomy whose licensing tag has one more rule."""
    target = tmp_path / "taxonomy"
    shutil.copytree(TAXONOMY_DIR, target)
    path = target / "tags" / "licensing.yaml"
    text = path.read_text(encoding="utf-8")
    rules_end = text.index("\nexclude:")
    path.write_text(text[:rules_end] + NEW_RULE.rstrip("\n") + text[rules_end:], encoding="utf-8")
    return target


async def _index_stories(settings: Settings, classifier: Classifier) -> dict[str, str]:
    articles = []
    ids = {}
    for key, (title, text, published) in STORIES.items():
        url = f"https://news.example.org/{settings.index_alias}/{key}"
        ids[key] = article_id(url)
        parsed = ParsedArticle(
            id=ids[key], url=url, title=title, text=text, lang="en", source="Example", published=published
        )
        articles.append(classifier.classify_article(parsed))
    async with es_client(settings, cleanup=False) as es:
        await idx.setup(es, settings.index_alias)
        result = await BulkIndexer(es, settings.index_alias, IndexerSettings()).index(articles)
        assert result.indexed == len(articles)
        await es.indices.refresh(index=settings.index_alias)
    return ids


async def _doc(settings: Settings, doc_id: str) -> dict[str, Any]:
    async with es_client(settings, cleanup=False) as es:
        res = await es.search(index=settings.index_alias, query={"ids": {"values": [doc_id]}})
        source: dict[str, Any] = res["hits"]["hits"][0]["_source"]
        return source


def test_version_is_a_content_hash(tmp_path: Path) -> None:
    builtin = load_taxonomy(TAXONOMY_DIR)
    assert builtin.version.startswith("tx-") and builtin.version == load_taxonomy(TAXONOMY_DIR).version
    copy = tmp_path / "same"
    shutil.copytree(TAXONOMY_DIR, copy)
    assert load_taxonomy(copy).version == builtin.version  # the content counts, not the directory
    assert load_taxonomy(_modified_taxonomy(tmp_path)).version != builtin.version
    out = Classifier().classify_article(
        ParsedArticle(id="x", url="https://e.test/x", text="Hello.", source="t")
    )
    assert out.taxonomy_version == builtin.version


async def test_reclassify_moves_the_tag_and_is_idempotent(settings: Settings, tmp_path: Path) -> None:
    before = Classifier()
    ids = await _index_stories(settings, before)
    doc = await _doc(settings, ids["mou"])
    assert doc["tags"] == [] and doc["taxonomy_version"] == before.taxonomy.version
    after = Classifier(ClassifierSettings(taxonomy_dir=_modified_taxonomy(tmp_path)))
    assert after.taxonomy.version != before.taxonomy.version

    async with es_client(settings, cleanup=False) as es:
        dry = await reclassify(es, settings.index_alias, after, dry_run=True, refresh=True)
        assert dry.scanned == 3 and dry.updated == 0
        assert dry.tags_changed == 1 and dry.version_only == 2 and dry.added == {"licensing": 1}
    assert (await _doc(settings, ids["mou"]))["tags"] == []  # a dry run writes nothing

    async with es_client(settings, cleanup=False) as es:
        first = await reclassify(es, settings.index_alias, after, refresh=True)
    assert first.scanned == 3 and first.tags_changed == 1 and first.version_only == 2 and first.updated == 3
    assert first.added == {"licensing": 1} and not first.removed
    assert first.primary_moves == {("none", "licensing"): 1}
    doc = await _doc(settings, ids["mou"])
    assert doc["tags"] == ["licensing"] and doc["primary_tag"] == "licensing"
    assert doc["taxonomy_version"] == after.taxonomy.version and doc["tag_scores"]["licensing"] >= 0.9
    assert any("memorandum of understanding" in e["text"] for e in doc["evidence"])
    suit = await _doc(settings, ids["suit"])
    assert suit["tags"] == ["lawsuit"] and suit["taxonomy_version"] == after.taxonomy.version
    async with es_client(settings, cleanup=False) as es:
        res = await es.search(index=settings.index_alias, query={"term": {"tags": "licensing"}})
        assert [h["_id"] for h in res["hits"]["hits"]] == [ids["mou"]]

        second = await reclassify(es, settings.index_alias, after, refresh=True)
    assert second.scanned == 3 and second.unchanged == 3 and second.updated == 0

    # back to the built-in taxonomy: the tag goes away again, and its score is removed
    async with es_client(settings, cleanup=False) as es:
        back = await reclassify(es, settings.index_alias, before, refresh=True)
    assert back.removed == {"licensing": 1} and back.tags_changed == 1
    doc = await _doc(settings, ids["mou"])
    assert doc["tags"] == [] and doc["tag_scores"].get("licensing") is None


def _taxonomy_knowing_nexora(tmp_path: Path) -> Path:
    """A copy of the built-in taxonomy whose gazetteer knows Nexora, by the name "Nexora Labs"."""
    target = tmp_path / "taxonomy-orgs"
    shutil.copytree(TAXONOMY_DIR, target)
    path = target / "orgs.yaml"
    text = path.read_text(encoding="utf-8")
    head = text.index("\norgs:\n") + len("\norgs:\n")
    entry = "  - {name: Nexora Labs, aliases: [Nexora, نيكسورا]}\n"
    path.write_text(text[:head] + entry + text[head:], encoding="utf-8")
    return target


async def test_a_gazetteer_change_reaches_the_indexed_organisations(
    settings: Settings, tmp_path: Path
) -> None:
    """The version covers the gazetteer, so a document re-stamped with it carries its organisations."""
    ids = await _index_stories(settings, Classifier())
    assert "Nexora Labs" not in (await _doc(settings, ids["suit"]))["orgs"]
    knowing = Classifier(ClassifierSettings(taxonomy_dir=_taxonomy_knowing_nexora(tmp_path)))
    async with es_client(settings, cleanup=False) as es:
        first = await reclassify(es, settings.index_alias, knowing, refresh=True)
        assert first.scanned == 3 and first.orgs_changed == 3 and first.tags_changed == 0
        assert first.version_only == 0 and first.updated == 3
        second = await reclassify(es, settings.index_alias, knowing, refresh=True)
        assert second.unchanged == 3 and second.updated == 0
    for key in STORIES:
        doc = await _doc(settings, ids[key])
        assert "Nexora Labs" in doc["orgs"] and "Nexora" not in doc["orgs"], doc["orgs"]
        assert {"name": "Nexora Labs", "known": True} in doc["org_mentions"]
    assert (await _doc(settings, ids["old"]))["amounts"] == [
        {"value": 40_000_000.0, "currency": "USD", "text": "$40 million"}
    ]  # amounts are rewritten as the classifier reads them now: the same here


async def test_reclassify_command(settings: Settings, tmp_path: Path) -> None:
    ids = await _index_stories(settings, Classifier())
    env = settings_env(settings, WIREWATCH_CLASSIFIER_TAXONOMY_DIR=str(_modified_taxonomy(tmp_path)))
    wirewatch = (
        [sys.executable, "-m", "wirewatch.cli"]
        if not (REPO / ".venv/bin/wirewatch").exists()
        else [str(REPO / ".venv/bin/wirewatch")]
    )

    def run(*args: str) -> dict[str, Any]:
        proc = subprocess.run(
            [*wirewatch, "reclassify", "--json", *args], env=env, capture_output=True, text=True, timeout=120
        )
        assert proc.returncode == 0, proc.stderr
        out: dict[str, Any] = json.loads(proc.stdout)
        return out

    recent = run("--since", "30d", "--dry-run")  # the 90-day-old story is outside the window
    assert recent["scanned"] == 2 and recent["tags_changed"] == 1 and recent["updated"] == 0
    only_suits = run("--tag", "lawsuit")
    assert only_suits["scanned"] == 1 and only_suits["version_only"] == 1 and only_suits["updated"] == 1
    everything = run()
    assert everything["scanned"] == 3 and everything["added"] == {"licensing": 1}
    assert everything["updated"] == 2  # the suit was re-stamped by the run before
    assert run()["updated"] == 0
    assert (await _doc(settings, ids["mou"]))["tags"] == ["licensing"]
