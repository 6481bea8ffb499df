"""Search per story (collapse on ``story_id``) and organisation names resolved through the gazetteer,
on documents in several languages indexed into the real local Elasticsearch; the API and the CLI
(``wirewatch search --stories``, ``wirewatch story ID``) as subprocesses."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from services.api import query as s
from services.api.settings import ApiSettings
from services.grouper.features import story_id_for
from services.indexer import index as idx
from shared.config import Settings
from shared.contracts import ClassifiedArticle, Tag
from tests.indexer_helpers import count_docs, es_client, make_article
from tests.support import free_port, isolated, run_cli, running, settings_env

NOW = datetime.now(UTC)
# story ids as the grouper names them (``s-`` and 16 hex digits): the table must show them whole
MJ, SA = story_id_for("mj-first-report"), story_id_for("sa-first-report")
LAWSUIT = {"tags": [Tag(name="lawsuit", score=0.9)], "primary_tag": "lawsuit"}

# story id -> reports (n, lang, title, text, orgs)
STORIES: dict[str | None, list[tuple[int, str, str, str, list[str]]]] = {
    MJ: [
        (
            1,
            "en",
            "Artists sue Midjourney",
            "Artists filed a lawsuit against Midjourney over training.",
            ["Midjourney"],
        ),
        (
            2,
            "fr",
            "Des artistes attaquent Midjourney",
            "Une plainte vise Midjourney et ses images.",
            ["Midjourney"],
        ),
        (
            3,
            "ar",
            "فنانون يقاضون ميدجورني",
            "رفع فنانون دعوى قضائية ضد شركة ميدجورني بسبب الصور.",
            ["Midjourney"],
        ),
        (
            4,
            "en",
            "Midjourney lawsuit widens",
            "More artists join the lawsuit against Midjourney.",
            ["Midjourney"],
        ),
    ],
    SA: [
        (5, "de", "Klage gegen Stability AI", "Getty reicht Klage gegen Stability AI ein.", ["Stability AI"]),
    ],
    None: [  # indexed before the grouping stage: no story_id
        (6, "en", "Old lawsuit report", "A lawsuit from before stories existed.", ["Getty Images"]),
    ],
}


def _doc(
    story: str | None, n: int, lang: str, title: str, text: str, orgs: list[str]
) -> tuple[ClassifiedArticle, dict[str, Any]]:
    article = make_article(
        n + 500, title=title, text=text, lang=lang, orgs=orgs, published=NOW - timedelta(hours=n), **LAWSUIT
    )
    doc = idx.document(article)
    if story is not None:
        doc["story_id"] = story
        doc["story_reason"] = "same organisations, same event, within 3 days"
    else:
        doc.pop("story_id", None)
        doc.pop("story_reason", None)
    return article, doc


@pytest.fixture(scope="module")
async def stories(
    stack: Settings, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[tuple[Settings, dict[int, str]]]:
    """The six reports indexed once for the module (its own index alias): the tests only read them."""
    settings = isolated(stack, "stories", state_dir=tmp_path_factory.mktemp("stories") / "state")
    ids: dict[int, str] = {}
    async with es_client(settings) as es:
        await idx.setup(es, settings.index_alias)
        ops: list[dict[str, Any]] = []
        for story, reports in STORIES.items():
            for n, lang, title, text, orgs in reports:
                article, doc = _doc(story, n, lang, title, text, orgs)
                ids[n] = article.id
                ops.append(
                    {"index": {"_index": idx.index_for(settings.index_alias, article), "_id": article.id}}
                )
                ops.append(doc)
        resp = await es.bulk(operations=ops, refresh=True)
        assert not resp["errors"], resp
        assert await count_docs(es, settings.index_alias) == 6
        yield settings, ids


async def test_grouped_search_counts_reports_and_languages(
    stories: tuple[Settings, dict[int, str]],
) -> None:
    settings, ids = stories
    async with es_client(settings, cleanup=False) as es:
        grouped = await s.search_stories(es, settings.index_alias, s.SearchRequest(tags=["lawsuit"]))
        by_story = {row.story_id: row for row in grouped.stories}
        assert set(by_story) == {MJ, SA}  # the report without story_id is not grouped
        assert grouped.total == 2
        assert by_story[MJ].reports == 4
        assert by_story[MJ].langs == {"en": 2, "fr": 1, "ar": 1}
        assert by_story[MJ].top.id == ids[1]  # newest first without a query
        # first and last seen: the earliest and latest publication of the story's reports (4 h and 1 h ago)
        mj = by_story[MJ]
        assert mj.first_seen and mj.last_seen
        ms = timedelta(milliseconds=1)  # Elasticsearch dates keep milliseconds
        assert abs(datetime.fromisoformat(mj.first_seen) - (NOW - timedelta(hours=4))) < ms
        assert abs(datetime.fromisoformat(mj.last_seen) - (NOW - timedelta(hours=1))) < ms
        assert by_story[SA].reports == 1 and by_story[SA].langs == {"de": 1}

        # a query counts only the story's reports that match it
        french = await s.search_stories(es, settings.index_alias, s.SearchRequest(text="plainte"))
        assert [(r.story_id, r.reports, r.langs) for r in french.stories] == [(MJ, 1, {"fr": 1})]

        reports = await s.story_reports(es, settings.index_alias, MJ)
        assert reports is not None and [h.id for h in reports] == [ids[4], ids[3], ids[2], ids[1]]
        assert await s.story_reports(es, settings.index_alias, "story-none") is None


@pytest.mark.parametrize("query", ["Midjourney", "midjourney", "ميدجورني"])
async def test_an_organisation_in_the_query_finds_its_reports_in_every_language(
    stories: tuple[Settings, dict[int, str]], query: str
) -> None:
    settings, ids = stories
    async with es_client(settings, cleanup=False) as es:
        found = await s.search(es, settings.index_alias, s.SearchRequest(text=query))
        # the Arabic report writes ميدجورني, the others Midjourney: the orgs field joins them
        assert {h.id for h in found.hits} == {ids[1], ids[2], ids[3], ids[4]}
        narrowed = await s.search(es, settings.index_alias, s.SearchRequest(text=f"{query} widens"))
        assert {h.id for h in narrowed.hits} == {ids[4]}  # the rest of the query still applies
        negated = await s.search(es, settings.index_alias, s.SearchRequest(text="lawsuit -midjourney"))
        assert ids[1] not in {h.id for h in negated.hits}


async def test_stories_over_the_api_and_the_cli(
    stories: tuple[Settings, dict[int, str]], tmp_path: Path
) -> None:
    settings, ids = stories
    port = free_port()
    env = settings_env(settings, ApiSettings(port=port, host="127.0.0.1"))
    with running(["api"], env, tmp_path / "api.log", web_port=port):
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
            grouped = (await http.get("/search", params={"group": "story", "q": "Midjourney"})).json()
            assert grouped["total"] == 1
            (row,) = grouped["stories"]
            assert row["story_id"] == MJ and row["reports"] == 4
            assert row["langs"] == {"en": 2, "fr": 1, "ar": 1}
            assert row["first_seen"] < row["last_seen"]
            story = await http.get(f"/stories/{MJ}")
            assert story.status_code == 200
            body = story.json()
            assert body["reports"] == 4 and {h["id"] for h in body["hits"]} == {ids[n] for n in (1, 2, 3, 4)}
            assert all(h["story_id"] == MJ for h in body["hits"])
            missing = await http.get("/stories/story-none")
            assert missing.status_code == 404 and "no story story-none" in missing.json()["detail"]

    out = await asyncio.to_thread(run_cli, ["search", "--stories", "--tag", "lawsuit", "--json"], env)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert {(r["story_id"], r["reports"]) for r in data["stories"]} == {(MJ, 4), (SA, 1)}
    table = await asyncio.to_thread(run_cli, ["search", "--stories", "ميدجورني"], {**env, "COLUMNS": "160"})
    assert table.returncode == 0, table.stderr
    assert "1 stories" in table.stdout and "ar 1, en 2, fr 1" in table.stdout
    # the id the table shows is one `wirewatch story` takes
    (shown,) = re.findall(r"s-[0-9a-f]+", table.stdout)
    assert shown == MJ
    by_org = await asyncio.to_thread(
        run_cli, ["search", "--org", "ميدجورني", "--json"], env
    )  # the Arabic alias of an organisation the documents hold by its canonical name
    assert by_org.returncode == 0, by_org.stderr
    assert {h["id"] for h in json.loads(by_org.stdout)["hits"]} == {ids[n] for n in (1, 2, 3, 4)}
    one = await asyncio.to_thread(run_cli, ["story", MJ, "--json"], env)
    assert one.returncode == 0, one.stderr
    assert json.loads(one.stdout)["langs"] == {"en": 2, "fr": 1, "ar": 1}
    none = await asyncio.to_thread(run_cli, ["story", "story-none"], env)
    assert none.returncode == 1 and "no story story-none" in none.stderr
