"""Search against the real local Elasticsearch: folding (Arabic, French, German), filters, the
``wirewatch search`` CLI and the ``wirewatch api`` HTTP API (both run as subprocesses)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from services.api import query as s
from services.api.settings import ApiSettings
from services.indexer import index as idx
from services.indexer.bulk import BulkIndexer
from services.indexer.settings import IndexerSettings
from shared.config import Settings
from shared.contracts import ClassifiedArticle, Tag
from tests.indexer_helpers import count_docs, es_client, make_article
from tests.support import REPO, free_port, isolated, running, settings_env

NOW = datetime.now(UTC)


def corpus() -> dict[str, ClassifiedArticle]:
    return {
        "ar": make_article(
            1,
            title="أعلنت الشركة عن نموذج جديد",
            text="أعلنت شركة أوبن إيه آي اليوم عن إطلاق نموذج جديد للذكاء الاصطناعي في السوق العربية.",
            lang="ar",
            published=NOW - timedelta(days=2),
            tags=[Tag(name="launch", score=0.8)],
            primary_tag="launch",
            orgs=["OpenAI"],
        ),
        "fr": make_article(
            2,
            title="La Société Générale signe un accord de licence",
            text="La Société Générale a signé un accord de licence avec Mistral AI pour ses équipes "
            "à Orléans.",
            lang="fr",
            published=NOW - timedelta(days=3),
            orgs=["Mistral AI", "Société Générale"],
        ),
        "de": make_article(
            3,
            title="Klage gegen KI-Firma in München",
            text="Der Verlag Müller & Söhne reicht in München Klage wegen Urheberrecht gegen die Firma ein.",
            lang="de",
            published=NOW - timedelta(days=20),
            tags=[Tag(name="lawsuit", score=0.95)],
            primary_tag="lawsuit",
            orgs=["Stability AI"],
        ),
        "en": make_article(
            4,
            title="Anthropic raises a new round",
            text="Anthropic raised money from investors; the round values the company highly.",
            lang="en",
            published=NOW - timedelta(days=1),
            tags=[Tag(name="investment", score=0.9)],
            primary_tag="investment",
            orgs=["Anthropic"],
        ),
    }


@pytest.fixture(scope="module")
async def indexed(
    stack: Settings, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[tuple[Settings, dict[str, ClassifiedArticle]]]:
    """The four articles indexed once for the module (its own index alias): every test using it only
    searches, none writes."""
    settings = isolated(stack, "search", state_dir=tmp_path_factory.mktemp("search") / "state")
    articles = corpus()
    async with es_client(settings) as es:
        await idx.setup(es, settings.index_alias)
        result = await BulkIndexer(es, settings.index_alias, IndexerSettings()).index(list(articles.values()))
        assert result.indexed == len(articles)
        assert await count_docs(es, settings.index_alias) == len(articles)
        yield settings, articles


async def _ids(settings: Settings, req: s.SearchRequest) -> set[str]:
    async with es_client(settings, cleanup=False) as es:
        result = await s.search(es, settings.index_alias, req)
    return {h.id for h in result.hits}


@pytest.mark.parametrize(
    "query",
    [
        "اعلنت",  # bare alef, where the text has أ
        "أعلنت",
        "إعلنت",  # another hamza form
        "اعـلـنـت",  # tatweel
        "أَعْلَنَتْ",  # diacritics
        "اطلاق",  # إطلاق in the text
        "للذكاء الاصطناعى",  # alef maqsura for the final yeh
    ],
)
async def test_arabic_variants_find_the_article(
    indexed: tuple[Settings, dict[str, ClassifiedArticle]], query: str
) -> None:
    settings, articles = indexed
    assert await _ids(settings, s.SearchRequest(text=query)) == {articles["ar"].id}


@pytest.mark.parametrize(
    ("query", "lang"),
    [
        ("societe generale", "fr"),
        ("SOCIÉTÉ", "fr"),
        ("orleans", "fr"),
        ("muller sohne", "de"),
        ("MUNCHEN klage", "de"),
        ("münchen", "de"),
    ],
)
async def test_french_and_german_without_accents_or_case(
    indexed: tuple[Settings, dict[str, ClassifiedArticle]], query: str, lang: str
) -> None:
    settings, articles = indexed
    assert await _ids(settings, s.SearchRequest(text=query)) == {articles[lang].id}


async def test_highlights_come_from_elasticsearch_and_the_title_keeps_its_spelling(
    indexed: tuple[Settings, dict[str, ClassifiedArticle]],
) -> None:
    settings, _ = indexed
    async with es_client(settings, cleanup=False) as es:
        result = await s.search(es, settings.index_alias, s.SearchRequest(text="اعلنت اوبن"))
        french = await s.search(es, settings.index_alias, s.SearchRequest(text="societe generale"))
    hit = result.hits[0].to_json()
    # the text fragment is Elasticsearch's, of the folded text (no full text leaves Elasticsearch)
    assert "<em>اعلنت</em>" in hit["highlight"] and "<em>اوبن</em>" in hit["highlight"]
    # the title's marks are projected onto the title as written
    assert hit["title_highlight"].startswith("<em>أعلنت</em> ")
    assert french.hits[0].to_json()["title_highlight"] == (
        "La <em>Société</em> <em>Générale</em> signe un accord de licence"
    )
    async with es_client(settings, cleanup=False) as es:
        english = await s.search(es, settings.index_alias, s.SearchRequest(text="anthropic INVESTORS"))
        newest = await s.search(es, settings.index_alias, s.SearchRequest(langs=["fr"]))
        typed = await s.search(es, settings.index_alias, s.SearchRequest(text="Société"))
    # where the query as typed matches the text as written, the fragment is the text as written
    assert (
        english.hits[0]
        .to_json()["highlight"]
        .startswith("<em>Anthropic</em> raised money from <em>investors</em>")
    )
    assert typed.hits[0].to_json()["highlight"].startswith("La <em>Société</em> Générale a signé")
    # no query: the beginning of the text as written
    assert newest.hits[0].to_json()["highlight"].startswith("La Société Générale a signé")


async def test_filters(indexed: tuple[Settings, dict[str, ClassifiedArticle]]) -> None:
    settings, a = indexed
    assert await _ids(settings, s.SearchRequest(tags=["lawsuit"])) == {a["de"].id}
    assert await _ids(settings, s.SearchRequest(tags=["licensing", "investment"])) == {a["fr"].id, a["en"].id}
    assert await _ids(settings, s.SearchRequest(orgs=["openai"])) == {a["ar"].id}
    assert await _ids(settings, s.SearchRequest(orgs=["société générale"])) == {a["fr"].id}
    assert await _ids(settings, s.SearchRequest(langs=["de", "en"])) == {a["de"].id, a["en"].id}
    assert await _ids(settings, s.SearchRequest(since=s.parse_since("7d"))) == {
        a["ar"].id,
        a["fr"].id,
        a["en"].id,
    }
    assert await _ids(settings, s.SearchRequest(text="licence", since=s.parse_since("7d"), langs=["fr"])) == {
        a["fr"].id
    }
    assert await _ids(settings, s.SearchRequest(text="licence", langs=["de"])) == set()


async def test_search_on_a_missing_alias_is_empty(settings: Settings) -> None:
    assert await _ids(settings, s.SearchRequest(text="anything")) == set()


async def test_cli_search_json_and_table(indexed: tuple[Settings, dict[str, ClassifiedArticle]]) -> None:
    settings, a = indexed
    env = settings_env(settings, ApiSettings())
    cmd = [sys.executable, "-m", "wirewatch.cli", "search"]
    out = await asyncio.to_thread(
        subprocess.run,
        [*cmd, "societe generale", "--tag", "licensing", "--since", "7d", "--json"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["total"] == 1 and data["hits"][0]["id"] == a["fr"].id
    assert "<em>Société</em> <em>Générale</em>" in data["hits"][0]["title_highlight"]
    assert "<em>societe</em>" in data["hits"][0]["highlight"]

    table = await asyncio.to_thread(
        subprocess.run,
        [*cmd, "MUNCHEN", "--org", "stability ai", "--lang", "de", "--limit", "5"],
        env={**env, "COLUMNS": "160"},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert table.returncode == 0, table.stderr
    assert "1 articles" in table.stdout and "München" in table.stdout

    bad = await asyncio.to_thread(
        subprocess.run, [*cmd, "x", "--since", "yesterday"], env=env, cwd=REPO, capture_output=True, text=True
    )
    assert bad.returncode == 2


async def test_http_api(indexed: tuple[Settings, dict[str, ClassifiedArticle]], tmp_path: Path) -> None:
    settings, a = indexed
    port = free_port()
    env = settings_env(settings, ApiSettings(port=port, host="127.0.0.1"))
    with running(["api"], env, tmp_path / "api.log", web_port=port):
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
            health = (await http.get("/healthz")).json()
            assert health == {"status": "ok", "elasticsearch": True, "alias": settings.index_alias}

            found = (await http.get("/search", params={"q": "اعـلنت", "lang": "ar"})).json()
            assert found["total"] == 1 and found["hits"][0]["id"] == a["ar"].id
            assert "<em>اعلنت</em>" in found["hits"][0]["highlight"]
            assert "<em>أعلنت</em>" in found["hits"][0]["title_highlight"]
            tagged = (await http.get("/search", params=[("tag", "lawsuit"), ("tag", "investment")])).json()
            assert {h["id"] for h in tagged["hits"]} == {a["de"].id, a["en"].id}
            assert (await http.get("/search", params={"since": "soon"})).status_code == 422
            assert (await http.get("/search", params={"limit": 100_000})).status_code == 422

            article = await http.get(f"/articles/{a['de'].id}")
            assert article.status_code == 200
            body = article.json()
            assert body["title"] == a["de"].title and "search_text" not in body
            assert (await http.get("/articles/nope")).status_code == 404

            stats = (await http.get("/stats")).json()
            assert stats["total"] == 4
            assert stats["by_tag"] == {"launch": 1, "licensing": 1, "lawsuit": 1, "investment": 1}
            assert stats["by_lang"] == {"ar": 1, "fr": 1, "de": 1, "en": 1}
            assert sum(stats["by_day"].values()) == 4
            assert (await http.get("/stats", params={"since": "7d"})).json()["total"] == 3

            spec = (await http.get("/openapi.json")).json()
            assert {"/search", "/articles/{article_id}", "/stats", "/healthz"} <= set(spec["paths"])
