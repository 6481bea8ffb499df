"""The fetcher's units without Kafka: the pure logic with plain objects (which feeds are due, which
entries are new, seen retention, the RawItem or the dead-letter reason of a page), and the two fetch
units (a feed poll, a page) against a real local HTTP server. Kafka wiring: test_fetcher_integration."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from services.fetcher import pollstate
from services.fetcher.errors import FetcherError
from services.fetcher.http import FetchError, HttpClient, Response
from services.fetcher.polling import EntryRecord, parse_feed
from services.fetcher.settings import FetcherSettings
from services.fetcher.units import page_record, seen_table
from services.fetcher.units.expire_seen_timer import ExpireSeen
from services.fetcher.units.feed_body import read_feed
from services.fetcher.units.feed_fetch import FeedFetch
from services.fetcher.units.feeds_agent import FeedUpdates, Register, Remove, feed_change
from services.fetcher.units.feeds_table import declare, listed, table_value
from services.fetcher.units.page_fetch import fetch_page
from services.fetcher.units.schedule import plan
from shared.contracts import FeedConfig, RawItem
from shared.runtime import Message, Put, Reject
from tests.fetcher_server import FeedServer, local_fetcher_settings, page, rss

FEED_TYPE = "application/rss+xml"


def _fs(**kw: Any) -> FetcherSettings:
    return local_fetcher_settings(**{"retries": 0, "read_timeout": 3.0, "respect_robots": False, **kw})


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as srv:
        yield srv


@pytest.fixture
async def http() -> AsyncIterator[HttpClient]:
    client = HttpClient(_fs())
    yield client
    await client.aclose()


def _feed(url: str = "https://news.example/rss", **kw: Any) -> FeedConfig:
    return FeedConfig(url=url, source="src", **kw)


# -- feeds table and the feed_updates agent's decision ---------------------------------------------------


def test_feed_change_registers_removes_and_rejects() -> None:
    feed = _feed(lang="fr")
    assert feed_change(b"f1", feed.encode()) == Register("f1", feed)
    assert feed_change(b"f1", None) == Remove("f1")  # a tombstone
    assert feed_change(None, feed.encode()) == Reject("no_key", "feeds record without a key")
    bad = feed_change(b"f2", b'{"url": 3}')
    assert isinstance(bad, Reject) and bad.error == "invalid_contract"
    assert listed(table_value(feed, 4)) == (feed, 4) and listed(None) is None


async def test_feed_updates_write_the_feed_and_drop_a_removed_feeds_poll_state() -> None:
    feeds, poll_state = declare(_fs())
    handler = FeedUpdates(feeds, poll_state)
    feed = _feed()
    register, remove, bad = await handler(
        [Message(b"f1", feed.encode(), partition=3), Message(b"f1", None, partition=3), Message(None, b"{}")]
    )
    assert register == (Put(feeds, "f1", table_value(feed, 3)),)  # the partition: the record's
    assert remove == (Put(feeds, "f1", None), Put(poll_state, "f1", None, 3))  # tombstones, in order
    assert isinstance(bad, Reject) and bad.error == "no_key"


# -- the schedule timer's decision ------------------------------------------------------------------------


def test_plan_starts_due_enabled_feeds_of_owned_partitions_not_being_polled() -> None:
    fs = _fs(poll_interval_override=60)
    now = 10_000.0
    feeds = {
        "due": table_value(_feed("https://a.example/rss"), 0),
        "other-replica": table_value(_feed("https://b.example/rss"), 1),
        "off": table_value(_feed("https://c.example/rss", enabled=False), 0),
        "not-yet": table_value(_feed("https://d.example/rss"), 0),
        "failing": table_value(_feed("https://e.example/rss"), 2),
        "polling": table_value(_feed("https://f.example/rss"), 0),
        "empty": None,
    }
    states = {
        "not-yet": {"next_poll": now + 30, "last_poll": now - 30},
        "failing": {"next_poll": now - 1, "failures": 3},
    }
    found = plan(feeds, states, owned={0, 2}, polling={"polling"}, now=now, fs=fs)
    assert sorted(d.key for d in found.due) == ["due", "failing"]
    assert found.enabled == 4 and found.failing == 1  # due, not-yet, failing, polling (owned, enabled)
    failing = next(d for d in found.due if d.key == "failing")
    assert failing.partition == 2 and failing.state == states["failing"]
    assert failing.state is not states["failing"]  # a copy: the poll's changes do not leak into the table


# -- which entries of a polled body are new -----------------------------------------------------------


def _parsed(items: list[dict[str, str]], *, max_entries: int = 500) -> Any:
    return parse_feed(
        rss(items).encode(), feed_url="https://news.example/rss", feed_id="f1", source="src", lang_hint=None,
        max_entries=max_entries,
    )  # fmt: skip


def test_read_feed_hands_on_new_entries_and_reports_a_rejected_entry_once() -> None:
    items = [{"title": "a", "link": "https://news.example/a"}, {"title": "no link", "guid": "g-1"}]
    body = rss(items).encode()
    first = read_feed(_parsed(items), body, {}, fid="f1", url="https://news.example/rss", max_entries=500)
    assert [e.canonical_url for e in first.entries] == ["https://news.example/a"]
    assert first.new_entries == 1 and len(first.recent) == 2
    (letter,) = first.letters
    assert (
        letter.error == "no_link"
        and letter.key == "f1"
        and "(feed https://news.example/rss)" in letter.reason
    )
    assert json.loads(letter.payload)["entry"]["id"] == "g-1"
    state = pollstate.after_success(
        {}, now=0, interval=60, status=200, etag=None, last_modified=None, new_items=1, recent=first.recent
    )
    items.append({"title": "b", "link": "https://news.example/b"})
    again = read_feed(_parsed(items), rss(items).encode(), state, fid="f1", url="u", max_entries=500)
    assert [e.canonical_url for e in again.entries] == ["https://news.example/b"]
    assert again.letters == [] and again.new_entries == 1  # the linkless entry was reported already


def test_read_feed_warns_once_per_body_over_the_entry_cap() -> None:
    items = [{"title": f"t{i}", "link": f"https://news.example/{i}"} for i in range(5)]
    body = rss(items).encode()
    read = read_feed(_parsed(items, max_entries=3), body, {}, fid="f1", url="u", max_entries=3)
    assert len(read.entries) == 3 and read.fresh_warning
    assert read.warning == "5 entries, 2 over max_entries_per_poll=3 not handled"
    state = {"warning_key": read.warning_key}
    same = read_feed(_parsed(items, max_entries=3), body, state, fid="f1", url="u", max_entries=3)
    assert same.warning == read.warning and not same.fresh_warning  # the same body: not counted again


# -- seen retention -----------------------------------------------------------------------------------


def test_seen_retention_lists_old_ids_and_rechecks_them() -> None:
    now = 100 * 86400.0
    before = seen_table.cutoff(now, 30)
    values = {"old": seen_table.seen_value(now - 31 * 86400), "new": seen_table.seen_value(now),
              "legacy": {"at": now - 40 * 86400, "outcome": "published"}, "junk": "x"}  # fmt: skip
    assert sorted(seen_table.expired(values.items(), before)) == ["junk", "legacy", "old"]
    assert not seen_table.still_expired("old", values["old"], before, in_flight={"old"})  # being fetched
    assert not seen_table.still_expired("old", seen_table.seen_value(now), before, in_flight=())  # again
    assert seen_table.still_expired("old", values["old"], before, in_flight=())


async def test_expire_seen_deletes_expired_ids_but_not_those_being_fetched() -> None:
    import time

    now = time.time()
    data: dict[str, Any] = {f"old{i}": int(now - 10 * 86400) for i in range(1200)}  # three chunks
    data.update({"fresh": int(now), "fetching": int(now - 10 * 86400)})
    seen = seen_table.declare(_fs())
    seen.bind(data)
    deleted: list[str] = []

    async def delete(key: str) -> None:
        deleted.append(key)
        data.pop(key)

    sweep = ExpireSeen(_fs(seen_retention_days=1), seen, {"fetching"}, partitions=6)
    assert await sweep.sweep(delete) == 1201  # listed: the old ones and the one being fetched
    assert sorted(data) == ["fetching", "fresh"] and len(deleted) == 1200
    assert await sweep.sweep(delete) == 1 and len(deleted) == 1200  # still being fetched: kept


# -- a page: its RawItem or the reason of its dead letter ---------------------------------------------


def _entry(url: str, **kw: Any) -> EntryRecord:
    base: dict[str, Any] = {"id": "a" * 32, "feed_id": "f1", "feed_url": "https://news.example/rss",
                            "source": "src", "entry_url": url, "canonical_url": url}  # fmt: skip
    base.update(kw)
    return EntryRecord(**base)


def _response(final_url: str, body: bytes, content_type: str | None = "text/html") -> Response:
    headers = httpx.Headers({"content-type": content_type} if content_type else {})
    return Response(url=final_url, final_url=final_url, status=200, headers=headers, body=body, elapsed=0.1)


def test_raw_item_redacts_every_url() -> None:
    secret = "https://alice:pw@news.example/a?token=t0p&id=7"
    entry = _entry(secret, feed_url="https://news.example/rss?key=k3y", title="T")
    item = page_record.raw_item(entry, _response(secret, b"<p>x</p>"), "<p>x</p>", "utf-8")
    urls = (item.final_url, item.entry_url, item.canonical_url, item.feed_url)
    assert all("pw" not in u and "t0p" not in u and "k3y" not in u for u in urls)
    assert "id=7" in item.final_url and item.id == entry.id and item.entry_title == "T"
    assert RawItem.decode(page_record.encoded(item, 8)) == item


def test_fetcher_errors_are_in_their_families_and_kinds_keep_their_strings() -> None:
    from services.fetcher.decoding import DecodeError, TooLarge
    from services.fetcher.errors import FetcherError, FetchKind, page_error
    from services.fetcher.feedlist import FeedListError
    from services.fetcher.guard import BlockedTarget
    from shared.errors import ConfigError, RecordRejected

    assert issubclass(FeedListError, ConfigError) and issubclass(FeedListError, ValueError)
    for cls in (FetchError, DecodeError, TooLarge, BlockedTarget):
        assert issubclass(cls, RecordRejected)
    blocked = BlockedTarget("no host in x")
    assert blocked.kind is FetchKind.BLOCKED and blocked.reason == "no host in x"
    assert TooLarge("over").kind is FetchKind.TOO_LARGE
    with pytest.raises(ValueError):
        FetchError("no_such_kind", "x")  # kinds are the enum's only
    err = FetchError("http_4xx", "HTTP 404 from https://u:pw@x.example/a?token=s3cret", status=404)
    assert err.kind is FetchKind.HTTP_4XX and "s3cret" not in err.reason and "pw" not in str(err)
    # every page kind has its dead letter page_<kind>; the dead letters' strings are the documented ones
    assert all(page_error(k) == f"page_{k}" for k in FetchKind if k not in ("not_a_feed", "internal"))
    assert {"no_key", "invalid_entry", "no_link", "bad_link", "page_too_large", "page_error"} <= set(
        FetcherError
    )


def test_page_failures_name_their_dead_letter_and_whether_they_are_permanent() -> None:
    assert page_record.failure(FetchError("too_large", "big")) == page_record.Failed(
        FetcherError.PAGE_TOO_LARGE, "big", True
    )
    assert page_record.failure(FetchError("http_4xx", "404")).permanent
    assert not page_record.failure(FetchError("timeout", "slow", transient=True)).permanent
    assert page_record.failure(FetchError("deadline", "late")).error == "page_deadline"
    with pytest.raises(FetchError) as caught:
        page_record.check_content_type("https://x.example/a.png", _response("u", b"", "image/png"))
    assert caught.value.kind == "unsupported_content_type"
    page_record.check_content_type("u", _response("u", b"", None))  # no content type: decoded as a page
    huge = "\x01" * (page_record.RAW_RECORD_LIMIT // 4)  # JSON makes each control character six bytes
    item = page_record.raw_item(
        _entry("https://x.example/c"), _response("https://x.example/c", b""), huge, None
    )
    with pytest.raises(FetchError) as caught:
        page_record.encoded(item, len(huge))
    assert caught.value.kind == "too_large" and "once encoded as JSON" in str(caught.value)


async def test_fetch_page_against_a_real_server(server: FeedServer, http: HttpClient) -> None:
    fs = _fs()
    ok = server.add("/a.html", page("A", "Body of A"))
    published = await fetch_page(http, fs, _entry(ok, title="A"))
    assert isinstance(published, page_record.Published)
    item = RawItem.decode(published.value)
    assert "Body of A" in item.html and item.http_status == 200 and item.charset == "utf-8"
    gone = await fetch_page(http, fs, _entry(server.url("/missing.html")))
    assert isinstance(gone, page_record.Failed) and gone.error == "page_http_4xx" and gone.permanent
    image = server.add("/i.png", b"\x89PNG", content_type="image/png")
    refused = await fetch_page(http, fs, _entry(image))
    assert isinstance(refused, page_record.Failed) and refused.error == "page_unsupported_content_type"
    down = server.add("/down.html", page("d", "d"), fail_first=5)
    later = await fetch_page(http, fs, _entry(down))
    assert isinstance(later, page_record.Failed) and later.error == "page_http_5xx" and not later.permanent


# -- one feed poll against a real server: what it hands on, and the state after it ----------------------


async def test_feed_fetch_hands_on_new_entries_then_a_304_then_a_failure(
    server: FeedServer, http: HttpClient
) -> None:
    fs = _fs()
    items = [{"title": "a", "link": "/a"}, {"title": "nolink", "guid": "g"}]
    url = server.add("/f.xml", rss(items), content_type=FEED_TYPE, etag='"v1"')
    fetch = FeedFetch(fs, lambda: http)
    feed = _feed(url)
    first = await fetch("f1", feed, {}, 60.0)
    assert [e.canonical_url for e in first.entries] == [server.url("/a")]
    assert [x.error for x in first.letters] == ["no_link"]
    assert first.state["etag"] == '"v1"' and first.state["new_items"] == 1 and first.state["failures"] == 0
    second = await fetch("f1", feed, first.state, 60.0)
    assert second.entries == [] and second.letters == [] and second.state["last_status"] == 304
    server.add("/f.xml", "gone", status=404)
    third = await fetch("f1", feed, second.state, 60.0)
    assert third.entries == [] and third.state["failures"] == 1 and third.state["error_kind"] == "http_4xx"
    assert third.state["next_poll"] - third.state["last_poll"] >= 0.9 * 60
