"""Fetcher parts that need no Kafka: URLs, SSRF guard, charsets, feed parsing, feed files, poll state,
and the HTTP client against a real local HTTP server."""

from __future__ import annotations

import gzip
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from services.fetcher import pollstate
from services.fetcher.charsets import decode_html
from services.fetcher.feedlist import FeedListError, load_opml, load_yaml, make_feed
from services.fetcher.guard import Guard
from services.fetcher.http import FetchError, HttpClient
from services.fetcher.polling import ParsedFeed, parse_feed
from services.fetcher.settings import FetcherSettings
from services.fetcher.urls import article_id_for, canonical_url
from tests.fetcher_server import FeedServer, local_fetcher_settings, page, rss

REPO = Path(__file__).resolve().parents[1]
AR_TEXT = (
    "أعلنت شركة ناشئة في دبي عن جولة تمويل جديدة بقيمة خمسين مليون دولار لتطوير نماذج لغوية عربية كبيرة، "
    "وقال المدير التنفيذي إن الشركة ستوظف مئة مهندس خلال العام المقبل."
)
DE_TEXT = (
    "Die Bundesregierung fördert künstliche Intelligenz; größere Rechenzentren entstehen in Süddeutschland."
)


# -- URLs ----------------------------------------------------------------------------------------------


def test_canonical_url_drops_tracking_and_fragment() -> None:
    a = canonical_url("HTTPS://News.Example.COM:443/a/b?utm_source=x&id=7&fbclid=1&utm_medium=rss#top")
    assert a == "https://news.example.com/a/b?id=7"
    assert canonical_url("http://example.com") == "http://example.com/"
    assert canonical_url("http://example.com:8080/x?b=2&a=1") == "http://example.com:8080/x?a=1&b=2"
    assert (
        article_id_for("https://example.com/a?utm_campaign=z")[1]
        == article_id_for("https://example.com/a")[1]
    )
    assert article_id_for("https://example.com/a")[1] != article_id_for("https://example.com/b")[1]


@pytest.mark.parametrize(
    "bad", ["ftp://example.com/x", "javascript:alert(1)", "file:///etc/passwd", "/relative"]
)
def test_canonical_url_refuses_non_http(bad: str) -> None:
    with pytest.raises(ValueError):
        canonical_url(bad)


# -- SSRF guard --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "192.168.0.10", "172.16.5.4", "169.254.169.254", "224.0.0.1", "::1", "fe80::1",
     "::ffff:127.0.0.1", "0.0.0.0", "100.64.0.1"],
)  # fmt: skip
def test_guard_refuses_internal_addresses(address: str) -> None:
    assert not Guard().address_allowed(address)


def test_guard_allows_public_and_configured() -> None:
    assert Guard().address_allowed("93.184.216.34")
    assert Guard(allowed_networks=["127.0.0.1/32"]).address_allowed("127.0.0.1")
    assert not Guard(allowed_networks=["127.0.0.1/32"]).address_allowed("127.0.0.2")
    assert Guard(allow_private=True).address_allowed("10.0.0.1")


async def test_guard_resolves_names() -> None:
    from services.fetcher.guard import BlockedTarget

    with pytest.raises(BlockedTarget):
        await Guard().resolve("localhost", 80)
    assert await Guard(allow_private=True).resolve("localhost", 80)


# -- charsets --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "encoding", "content_type"),
    [
        (AR_TEXT, "cp1256", "text/html; charset=windows-1256"),
        (AR_TEXT, "cp1256", None),  # nothing declared: detected
        (AR_TEXT, "cp1256", "text/html; charset=iso-8859-1"),  # wrong declaration
        (AR_TEXT, "cp1256", "text/html; charset=utf-8"),  # wrong declaration
        (AR_TEXT, "iso-8859-6", "text/html; charset=iso-8859-6"),
        (DE_TEXT, "iso-8859-1", "text/html; charset=iso-8859-1"),
        (DE_TEXT, "iso-8859-15", None),
        (DE_TEXT, "utf-8", "text/html; charset=iso-8859-1"),  # UTF-8 served as Latin-1
    ],
)
def test_decode_html(text: str, encoding: str, content_type: str | None) -> None:
    html = page("t", text)
    decoded, charset = decode_html(html.encode(encoding), content_type)
    assert decoded == html, charset


def test_decode_html_meta_charset() -> None:
    html = f'<html><head><meta charset="windows-1256"><title>x</title></head><body>{AR_TEXT}</body></html>'
    decoded, charset = decode_html(html.encode("cp1256"), "text/html")
    assert decoded == html and charset == "cp1256"


# -- feed parsing ----------------------------------------------------------------------------------------


def _parse(body: str | bytes, url: str = "http://feeds.example.com/a/feed.xml") -> ParsedFeed:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return parse_feed(data, feed_url=url, feed_id="f1", source="Example", lang_hint="en")


def test_parse_feed_entries_relative_links_and_duplicates() -> None:
    body = rss(
        [
            {
                "title": "One",
                "link": "/news/1?utm_source=rss",
                "guid": "g1",
                "pubDate": "Mon, 02 Nov 2026 10:00:00 GMT",
            },
            {"title": "Two", "link": "2.html", "guid": "g2", "author": "a@example.com (Ann)"},
            {"title": "One again", "link": "http://feeds.example.com/news/1", "guid": "g1"},
            {"title": "No link", "guid": "not-a-url"},
        ]
    )
    parsed = _parse(body)
    assert [e.entry_url for e in parsed.entries] == [
        "http://feeds.example.com/news/1?utm_source=rss",
        "http://feeds.example.com/a/2.html",
    ]
    assert parsed.entries[0].canonical_url == "http://feeds.example.com/news/1"
    assert parsed.entries[0].published == datetime(2026, 11, 2, 10, tzinfo=UTC)
    assert parsed.duplicates == 1
    assert [r.error for r in parsed.rejected] == ["no_link"]
    assert parsed.is_feed and parsed.bozo_error is None


def test_parse_feed_malformed_keeps_what_parses() -> None:
    body = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
        "<item><title>ok</title><link>http://h.example/a</link></item>"
        "<item><title>broken &nbsp; <link>http://h.example/b</link></item></channel>"
    )
    parsed = _parse(body)
    assert parsed.bozo_error
    assert [e.entry_url for e in parsed.entries] == ["http://h.example/a"]


def test_parse_html_page_is_not_a_feed_and_empty_feed_is() -> None:
    assert not _parse(page("Home", "no feed here")).is_feed
    empty = _parse(rss([]))
    assert empty.is_feed and not empty.entries and not empty.rejected


def test_parse_feed_ten_thousand_entries() -> None:
    body = rss([{"title": f"T{i}", "link": f"/a/{i}", "guid": f"g{i}"} for i in range(10_000)])
    parsed = _parse(body)
    assert len(parsed.entries) == 10_000
    assert len({e.id for e in parsed.entries}) == 10_000


# -- feed files ------------------------------------------------------------------------------------------


def test_feed_yaml_and_floor(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(
        "defaults: {lang: en}\nfeeds:\n"
        "  - {url: 'https://a.example/feed', source: A, interval_seconds: 30}\n"
        "  - {url: 'https://b.example/rss', lang: ar, interval_minutes: 15, enabled: false}\n"
        "  - https://c.example/atom\n"
    )
    feeds = load_yaml(path)
    assert [(f.source, f.lang, f.interval_seconds, f.enabled) for f in feeds] == [
        ("A", "en", 60, True),
        ("b.example", "ar", 900, False),
        ("c.example", "en", 600, True),
    ]
    with pytest.raises(FeedListError):
        make_feed("ftp://x.example/feed")


def test_default_feed_list_is_valid() -> None:
    feeds = load_yaml(REPO / "deploy" / "feeds.yaml")
    assert len(feeds) >= 8
    assert {"en", "fr", "de", "ar"} <= {f.lang for f in feeds}
    assert all(f.url.startswith("https://") for f in feeds)
    assert len({f.feed_id for f in feeds}) == len(feeds)


def test_opml_import(tmp_path: Path) -> None:
    path = tmp_path / "export.opml"
    path.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>'
        '<outline text="AI"><outline type="rss" text="One" title="One Feed" xmlUrl="https://one.example/rss"/>'
        '<outline type="rss" text="Two" xmlURL="https://two.example/atom" htmlUrl="https://two.example/"/></outline>'
        '<outline type="rss" text="dup" xmlUrl="https://one.example/rss"/>'
        '<outline type="rss" text="bad" xmlUrl="mailto:x@example.com"/>'
        "</body></opml>"
    )
    feeds = load_opml(path)
    assert sorted((f.source, f.url) for f in feeds) == [
        ("Two", "https://two.example/atom"),
        ("dup", "https://one.example/rss"),
    ]


# -- poll state ----------------------------------------------------------------------------------------------


def test_poll_state_backoff_grows_and_resets() -> None:
    state: pollstate.State = {}
    delays = []
    for _ in range(5):
        state = pollstate.after_failure(
            state, now=0, interval=60, cap=3600, kind="timeout", message="t", status=None
        )
        delays.append(state["next_poll"])
    assert state["failures"] == 5 and state["errors_total"] == 5
    assert delays[0] < delays[2] < delays[4] <= 3600 * 1.1
    state = pollstate.after_success(
        state, now=10, interval=60, status=200, etag='"e"', last_modified=None, new_items=3, recent=["a" * 32]
    )
    assert state["failures"] == 0 and state["etag"] == '"e"' and state["new_total"] == 3
    assert pollstate.novel(state, ["a" * 32, "b" * 32]) == {"b" * 32}


# -- HTTP client against a real server ----------------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as srv:
        yield srv


def _fs(**kw: object) -> FetcherSettings:
    quick = {"retry_base_delay": 0.05, "retry_max_delay": 0.2, "read_timeout": 1.0}
    return local_fetcher_settings(**{**quick, **kw})


@pytest.fixture
async def http() -> AsyncIterator[HttpClient]:
    client = HttpClient(_fs())
    yield client
    await client.aclose()


async def test_conditional_get_and_user_agent(server: FeedServer, http: HttpClient) -> None:
    url = server.add("/feed", rss([]), content_type="application/rss+xml", etag='"v1"')
    first = await http.get(url, max_bytes=10_000)
    assert first.status == 200 and first.headers["etag"] == '"v1"'
    second = await http.get(url, max_bytes=10_000, etag='"v1"')
    assert second.not_modified
    assert "Wirewatch" in server.seen("/feed")[0].headers["User-Agent"]
    assert server.seen("/feed")[1].headers["If-None-Match"] == '"v1"'


async def test_redirects_followed_and_loop_refused(server: FeedServer, http: HttpClient) -> None:
    server.add("/final", page("x", "y"))
    server.add("/hop2", redirect="/final")
    url = server.add("/hop1", redirect=server.url("/hop2"))
    resp = await http.get(url, max_bytes=10_000)
    assert resp.final_url == server.url("/final") and resp.redirects == 2
    server.add("/loop-a", redirect="/loop-b")
    server.add("/loop-b", redirect="/loop-a")
    with pytest.raises(FetchError) as err:
        await http.get(server.url("/loop-a"), max_bytes=10_000)
    assert err.value.kind == "too_many_redirects"


async def test_size_limit_gzip_and_timeout(server: FeedServer, http: HttpClient) -> None:
    big = server.add("/big", b"x" * 50_000)
    with pytest.raises(FetchError) as err:
        await http.get(big, max_bytes=10_000)
    assert err.value.kind == "too_large"
    # a gzip body that inflates over the limit is stopped too
    bomb = server.add("/bomb", gzip.compress(b"a" * 200_000), headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError) as err:
        await http.get(bomb, max_bytes=100_000)
    assert err.value.kind == "too_large"
    small = server.add("/gz", gzip.compress(b"hello"), headers={"Content-Encoding": "gzip"})
    assert (await http.get(small, max_bytes=1000)).body == b"hello"
    slow = server.add("/slow", page("x", "y"), delay=3.0)
    with pytest.raises(FetchError) as err:
        await http.get(slow, max_bytes=10_000)
    assert err.value.kind == "timeout" and err.value.transient


async def test_retry_500_then_200(server: FeedServer, http: HttpClient) -> None:
    url = server.add("/flaky", page("x", "y"), fail_first=2)
    resp = await http.get(url, max_bytes=10_000)
    assert resp.status == 200
    assert server.hits("/flaky", 500) == 2 and server.hits("/flaky", 200) == 1
    url = server.add("/down", page("x", "y"), fail_first=100)
    with pytest.raises(FetchError) as err:
        await http.get(url, max_bytes=10_000)
    assert err.value.kind == "http_5xx" and server.hits("/down") == 3  # 1 + 2 retries


async def test_ssrf_refuses_loopback_and_redirect_to_it() -> None:
    with FeedServer(host="127.0.0.2") as outer, FeedServer(host="127.0.0.1") as inner:
        inner.add("/secret", "internal")
        url = outer.add("/feed", redirect=inner.url("/secret"))
        outer.add("/ok", "fine")
        client = HttpClient(_fs(allowed_networks=["127.0.0.2/32"]))
        try:
            assert (await client.get(outer.url("/ok"), max_bytes=1000)).body == b"fine"
            with pytest.raises(FetchError) as err:
                await client.get(url, max_bytes=1000)
            assert err.value.kind == "blocked"
            with pytest.raises(FetchError) as err:
                await client.get(inner.url("/secret"), max_bytes=1000)
            assert err.value.kind == "blocked"
            with pytest.raises(FetchError) as err:  # a name that resolves to loopback
                await client.get(f"http://localhost:{inner.port}/secret", max_bytes=1000)
            assert err.value.kind == "blocked"
        finally:
            await client.aclose()
        assert inner.hits("/secret") == 0


async def test_robots_and_per_host_limit(server: FeedServer) -> None:
    server.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    server.add("/private/page", "secret")
    for i in range(8):
        server.add(f"/p{i}", "ok", delay=0.2)
    client = HttpClient(_fs(per_host_concurrency=2))
    try:
        with pytest.raises(FetchError) as err:
            await client.get(server.url("/private/page"), max_bytes=1000)
        assert err.value.kind == "robots"
        import asyncio

        await asyncio.gather(*(client.get(server.url(f"/p{i}"), max_bytes=1000) for i in range(8)))
    finally:
        await client.aclose()
    assert server.hits("/private/page") == 0
    assert server.max_in_flight <= 2
    assert server.hits("/robots.txt") == 1  # cached


def test_poll_due_follows_a_lowered_interval_but_not_a_backoff() -> None:
    ok = pollstate.after_success(
        {}, now=0, interval=600, status=200, etag=None, last_modified=None, new_items=0, recent=[]
    )
    assert not pollstate.is_due(ok, 10, 600)
    assert pollstate.is_due(ok, 10, 5)  # the interval was lowered since the last poll
    assert pollstate.is_due(ok, 700, 600)
    bad = pollstate.after_failure(ok, now=0, interval=600, cap=3600, kind="timeout", message="t", status=None)
    assert not pollstate.is_due(bad, 10, 5)  # a failing feed waits for its backoff
    assert pollstate.is_due(None, 0, 600)
