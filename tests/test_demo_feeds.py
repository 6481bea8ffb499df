"""The demo corpus and its feed server: a real aiohttp server on 127.0.0.1, read with httpx + feedparser."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import httpx
import lxml.html
import pytest
import yaml
from lxml import etree

from shared.contracts import FeedConfig
from wirewatch.demo.corpus import LANGS, TAG_NAMES, DemoArticle, load_articles
from wirewatch.demo.server import DemoFeedServer, running_demo_server

CORPUS_DAY = datetime(2026, 11, 21, tzinfo=UTC)


@pytest.fixture(scope="module")
async def server() -> AsyncIterator[DemoFeedServer]:
    async with DemoFeedServer(port=0) as srv:
        yield srv


@pytest.fixture(scope="module")
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=10) as c:
        yield c


# -- the corpus -------------------------------------------------------------------------------------


def test_corpus_size_languages_and_tags() -> None:
    articles = load_articles()
    assert len(articles) >= 40
    by_lang = Counter(a.lang for a in articles)
    assert set(by_lang) == set(LANGS)
    assert min(by_lang.values()) >= 10  # about a quarter each
    tags = Counter(t for a in articles for t in a.tags)
    assert set(tags) == set(TAG_NAMES)
    assert sum(1 for a in articles if not a.tags) >= 5
    assert sum(1 for a in articles if len(a.tags) >= 2) >= 5
    assert len({a.slug for a in articles}) == len(articles)


def test_labels_follow_the_rules() -> None:
    for a in load_articles():
        assert set(a.tags) <= set(TAG_NAMES), a.slug
        assert len(set(a.tags)) == len(a.tags), a.slug
        if a.tags:
            assert a.primary in a.tags, a.slug
        else:
            assert a.primary is None, a.slug
        assert a.orgs, f"{a.slug} names no organisation"
        assert len(set(a.orgs)) == len(a.orgs), a.slug


def test_articles_are_short_recent_and_complete() -> None:
    for a in load_articles():
        assert 120 <= a.word_count <= 300, (a.slug, a.word_count)
        assert CORPUS_DAY - timedelta(days=30) <= a.published < CORPUS_DAY, a.slug
        assert a.title and a.summary and a.author and a.source, a.slug
        assert a.slug.startswith(f"{a.lang}-"), a.slug
    days = {a.published.astimezone(UTC).date() for a in load_articles()}
    assert len(days) >= 20  # spread over the month


def test_text_exercises_normalisation_and_amounts() -> None:
    articles = load_articles()
    ar = " ".join(a.title + " " + a.text for a in articles if a.lang == "ar")
    for ch in "أإآا":
        assert ch in ar, f"no {ch} in the Arabic stories"
    assert "ـ" in ar  # tatweel
    assert re.search("[\u064b-\u0652]", ar)  # harakat
    assert re.search("[٠-٩]", ar)  # Arabic-Indic digits
    fr = " ".join(a.text for a in articles if a.lang == "fr")
    de = " ".join(a.text for a in articles if a.lang == "de")
    assert re.search("[éèêàçœ]", fr)
    assert re.search("[äöüß]", de)
    everything = " ".join(a.title + " " + a.text for a in articles)
    for amount in ("$2.5 billion", "€600m", "2,5 Mrd. Euro", "1,2 milliard d'euros", "14.3 مليار دولار"):
        assert amount in everything, amount


def test_invalid_labels_are_rejected() -> None:
    base = load_articles()[0].model_dump()
    with pytest.raises(ValueError):
        DemoArticle.model_validate({**base, "tags": ["launch"], "primary": "lawsuit"})
    with pytest.raises(ValueError):
        DemoArticle.model_validate({**base, "tags": ["partnership"], "primary": "partnership"})
    with pytest.raises(ValueError):
        DemoArticle.model_validate({**base, "tags": [], "primary": "launch"})


# -- the feeds --------------------------------------------------------------------------------------


async def test_every_feed_parses_and_lists_its_language(
    server: DemoFeedServer, client: httpx.AsyncClient
) -> None:
    assert len(server.all_feeds) == 2 * len(LANGS)
    for feed in server.all_feeds:
        resp = await client.get(feed.url)
        assert resp.status_code == 200, feed.url
        assert resp.headers["content-type"].startswith(feed.content_type)
        parsed = feedparser.parse(io.BytesIO(resp.content))
        assert not parsed.bozo, (feed.url, parsed.get("bozo_exception"))
        assert parsed.version == ("rss20" if feed.format == "rss" else "atom10")
        expected = load_articles(feed.lang)
        assert len(parsed.entries) == len(expected) == feed.entries
        assert parsed.feed.get("language", "").startswith(feed.lang)
        urls = {server.article_url(a) for a in expected}
        assert {e.link for e in parsed.entries} == urls
        for entry in parsed.entries:
            assert entry.title and entry.summary and entry.get("author"), entry.link
            assert entry.id == entry.link
            assert entry.published_parsed is not None
        # newest first
        stamps = [e.published_parsed for e in parsed.entries]
        assert stamps == sorted(stamps, reverse=True)


async def test_listed_feeds_cover_each_language_once(server: DemoFeedServer) -> None:
    assert [f.lang for f in server.feeds] == list(LANGS)
    assert {f.format for f in server.feeds} == {"rss", "atom"}
    assert server.feed_urls == [f.url for f in server.feeds]


async def test_every_entry_links_to_an_html_page_in_its_language(
    server: DemoFeedServer, client: httpx.AsyncClient
) -> None:
    for feed in server.feeds:
        parsed = feedparser.parse(io.BytesIO((await client.get(feed.url)).content))
        for entry in parsed.entries:
            resp = await client.get(entry.link)
            assert resp.status_code == 200, entry.link
            assert resp.headers["content-type"].startswith("text/html")
            doc = lxml.html.fromstring(resp.content)
            assert doc.get("lang") == feed.lang
            assert (doc.get("dir") == "rtl") == (feed.lang == "ar")
            meta = {m.get("property") or m.get("name"): m.get("content") for m in doc.iter("meta")}
            assert meta["og:title"] == entry.title
            assert meta["og:site_name"] == feed.source
            assert meta["description"] == entry.summary
            assert meta["author"] == entry.author
            assert meta["article:published_time"]
            paragraphs = doc.xpath("//article/p[not(@class)]/text()")
            article = next(a for a in server.articles if server.article_url(a) == entry.link)
            assert paragraphs == article.body
            assert doc.xpath("//aside[@class='related']//a"), "no related-stories box"


async def test_unknown_paths_are_404(server: DemoFeedServer, client: httpx.AsyncClient) -> None:
    assert (await client.get(f"{server.base_url}/feeds/xx.rss")).status_code == 404
    assert (await client.get(f"{server.base_url}/feeds/en.json")).status_code == 404
    assert (await client.get(f"{server.base_url}/articles/nope.html")).status_code == 404


async def test_conditional_get_answers_304(server: DemoFeedServer, client: httpx.AsyncClient) -> None:
    url = server.feed_urls[0]
    first = await client.get(url)
    etag, last_modified = first.headers["etag"], first.headers["last-modified"]
    assert etag and last_modified.endswith("GMT")

    by_etag = await client.get(url, headers={"If-None-Match": etag})
    assert by_etag.status_code == 304 and by_etag.content == b""
    assert by_etag.headers["etag"] == etag

    by_date = await client.get(url, headers={"If-Modified-Since": last_modified})
    assert by_date.status_code == 304

    stale_tag = await client.get(url, headers={"If-None-Match": '"something-else"'})
    assert stale_tag.status_code == 200 and stale_tag.content == first.content

    older = await client.get(url, headers={"If-Modified-Since": "Mon, 01 Jan 2024 00:00:00 GMT"})
    assert older.status_code == 200
    assert server.not_modified[httpx.URL(url).path] >= 2


async def test_publishing_an_article_changes_the_feed(client: httpx.AsyncClient) -> None:
    en = load_articles("en")
    async with DemoFeedServer(port=0, articles=en[1:]) as srv:
        url = srv.feed_url("en", "rss")
        before = await client.get(url)
        assert len(feedparser.parse(io.BytesIO(before.content)).entries) == len(en) - 1
        srv.add_article(en[0])
        after = await client.get(url, headers={"If-None-Match": before.headers["etag"]})
        assert after.status_code == 200
        assert after.headers["etag"] != before.headers["etag"]
        entries = feedparser.parse(io.BytesIO(after.content)).entries
        assert len(entries) == len(en)
        assert entries[0].link == srv.article_url(en[0])
        assert (await client.get(srv.article_url(en[0]))).status_code == 200


async def test_opml_and_health(server: DemoFeedServer, client: httpx.AsyncClient) -> None:
    resp = await client.get(f"{server.base_url}/feeds.opml")
    assert resp.status_code == 200
    root = etree.fromstring(resp.content)
    outlines = root.findall("./body/outline")
    assert [o.get("xmlUrl") for o in outlines] == server.feed_urls
    assert [o.get("language") for o in outlines] == list(LANGS)

    health = await client.get(f"{server.base_url}/healthz")
    assert health.status_code == 200
    assert health.json()["status"] == "ok"
    assert health.json()["articles"] == len(load_articles())


async def test_feed_list_yaml_is_valid_feed_config(server: DemoFeedServer) -> None:
    data = yaml.safe_load(server.feeds_yaml(interval_seconds=120))
    configs = [FeedConfig.model_validate(item) for item in data["feeds"]]
    assert [c.url for c in configs] == server.feed_urls
    assert [c.lang for c in configs] == list(LANGS)
    assert all(c.interval_seconds == 120 and c.enabled for c in configs)
    assert set(data["feeds"][0]) == {"url", "source", "lang", "interval_seconds", "enabled"}


def test_running_demo_server_in_a_thread() -> None:
    with running_demo_server(port=0) as srv:
        resp = httpx.get(srv.feed_urls[-1], timeout=10)
        assert resp.status_code == 200
        assert len(feedparser.parse(io.BytesIO(resp.content)).entries) == len(load_articles("ar"))
        base = srv.base_url
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{base}/healthz", timeout=2)


def test_demo_feeds_command_serves_and_writes_the_feed_list(tmp_path: Path) -> None:
    feeds_yaml = tmp_path / "feeds.yaml"
    exe = Path(sys.executable).with_name("wirewatch")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "wirewatch.cli"]
    # Started with SIGINT ignored, as a CI runner's background job inherits it (a non-interactive
    # shell ignores SIGINT in its '&' jobs): the command must still stop on SIGINT. Before it set its
    # own handlers this test hung there and "passed alone" from an interactive terminal.
    proc = subprocess.Popen(
        [*cmd, "demo-feeds", "--port", "0", "--write-feeds-yaml", str(feeds_yaml)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "COLUMNS": "200"},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    try:
        deadline = time.monotonic() + 60
        while not feeds_yaml.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert feeds_yaml.exists(), "the command did not write the feed list"
        feeds = yaml.safe_load(feeds_yaml.read_text(encoding="utf-8"))["feeds"]
        assert [f["lang"] for f in feeds] == list(LANGS)
        for f in feeds:
            FeedConfig.model_validate(f)
            resp = httpx.get(f["url"], timeout=10)
            assert resp.status_code == 200
            assert len(feedparser.parse(io.BytesIO(resp.content)).entries) == len(load_articles(f["lang"]))
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            out, _ = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate(timeout=10)
            text = out.decode("utf-8", "replace")
            raise AssertionError(f"demo-feeds did not stop on SIGINT:\n{text}") from None
    text = out.decode("utf-8", "replace")
    assert "/feeds/ar.atom" in text and "stopped" in text
    assert proc.returncode == 0


def test_docs_table_matches_the_corpus() -> None:
    from wirewatch.demo.stats import markdown_tables

    doc = Path(__file__).resolve().parents[1] / "docs" / "demo.md"
    assert markdown_tables() in doc.read_text(encoding="utf-8"), "regenerate the table in docs/demo.md"
