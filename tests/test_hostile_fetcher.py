"""The fetcher against hostile servers (issue 11): every hostile input is served by a real local HTTP
server (aiohttp on 127.0.0.x, ``tests/fetcher_server.py``) and goes through the real ``HttpClient``,
feed parser and charset decoder; the last test runs the real fetcher subprocess through the real Kafka
and checks the dead letters, the poll states and that the next good feed is still served."""

from __future__ import annotations

import asyncio
import gzip
import json
import os
import tracemalloc
import zlib
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest

from services.fetcher import pollstate
from services.fetcher.charsets import decode_html, normalise
from services.fetcher.decoding import BodyDecoder, TooLarge
from services.fetcher.feedlist import FeedListError, make_feed, write_feeds
from services.fetcher.guard import Guard, embedded_ipv4
from services.fetcher.http import FetchError, HttpClient
from services.fetcher.polling import parse_feed
from services.fetcher.service import partition_for, seen_at
from services.fetcher.settings import FetcherSettings
from shared.config import Settings
from shared.contracts import FeedConfig
from shared.kafka import read_topic
from shared.topics import ENTRIES, SEEN
from tests.fetcher_server import FeedServer, local_fetcher_settings, page, rss

FEED_TYPE = "application/rss+xml"


def _fs(**kw: Any) -> FetcherSettings:
    quick = {"retry_base_delay": 0.05, "retry_max_delay": 0.2, "read_timeout": 3.0, "respect_robots": False}
    return local_fetcher_settings(**{**quick, **kw})


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as srv:
        yield srv


@pytest.fixture
async def http() -> AsyncIterator[HttpClient]:
    client = HttpClient(_fs())
    yield client
    await client.aclose()


def _parse(body: bytes, **kw: Any) -> Any:
    return parse_feed(
        body, feed_url="http://feeds.example/f.xml", feed_id="f", source="s", lang_hint=None, **kw
    )


async def until(check: Any, timeout: float) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():
        if loop.time() > deadline:
            raise TimeoutError(f"not reached within {timeout} s")
        await asyncio.sleep(0.1)


def gzip_of_zeros(size: int) -> bytes:
    """gzip of ``size`` zero bytes, compressed a MiB at a time (the bomb is never in memory whole)."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b"\0" * (1 << 20)
    parts = [comp.compress(chunk) for _ in range(size // len(chunk))]
    parts.append(comp.flush())
    return b"".join(parts)


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """``Content-Encoding: gzip, gzip``: a few KB that inflate to 1 GiB."""
    return gzip.compress(gzip_of_zeros(1 << 30), 9)


# -- 1. a feed body is never opened as a file or URL -----------------------------------------------------


async def test_feed_body_naming_a_local_file_is_not_opened(
    server: FeedServer, http: HttpClient, tmp_path: Path
) -> None:
    local = tmp_path / "local-feed.xml"
    local.write_text(rss([{"title": "LOCAL SECRET", "link": "http://secret.example/x", "guid": "s1"}]))
    for name, body in (("file", str(local)), ("zero", "/dev/zero"), ("url", "http://127.0.0.1:1/feed")):
        url = server.add(f"/{name}.xml", body, content_type=FEED_TYPE)
        resp = await http.get(url, max_bytes=100_000)
        parsed = await asyncio.wait_for(asyncio.to_thread(_parse, resp.body), 30)
        assert not parsed.entries and not parsed.is_feed, name
    assert _parse(
        rss([{"title": "t", "link": "http://a.example/1"}]).encode()
    ).entries  # real feeds still parse


# -- 2. gzip bombs: the decoded-size limit holds while inflating -----------------------------------------


async def test_gzip_bomb_is_stopped_while_inflating(
    server: FeedServer, http: HttpClient, bomb: bytes
) -> None:
    assert len(bomb) < 100_000
    url = server.add("/bomb.html", bomb, headers={"Content-Encoding": "gzip, gzip"})
    tracemalloc.start()
    try:
        with pytest.raises(FetchError) as err:
            await asyncio.wait_for(http.get(url, max_bytes=5 * 1024 * 1024), 60)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert err.value.kind == "too_large" and not err.value.transient
    assert peak < 40 * 1024 * 1024, peak  # about the 5 MiB limit, not the 1 GiB the bomb holds
    assert server.hits("/bomb.html") == 1  # permanent: not retried


async def test_content_encodings_layers_and_kinds(server: FeedServer, http: HttpClient) -> None:
    text = page("t", "layered " * 500).encode()
    twice = server.add(
        "/twice", gzip.compress(gzip.compress(text)), headers={"Content-Encoding": "gzip, gzip"}
    )
    assert (await http.get(twice, max_bytes=100_000)).body == text
    deflate = server.add("/deflate", zlib.compress(text), headers={"Content-Encoding": "deflate"})
    assert (await http.get(deflate, max_bytes=100_000)).body == text
    raw_deflate = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    raw = server.add(
        "/raw", raw_deflate.compress(text) + raw_deflate.flush(), headers={"Content-Encoding": "deflate"}
    )
    assert (await http.get(raw, max_bytes=100_000)).body == text
    deep = server.add("/deep", gzip.compress(gzip.compress(gzip.compress(text))),
                      headers={"Content-Encoding": "gzip, gzip, gzip"})  # fmt: skip
    with pytest.raises(FetchError) as err:
        await http.get(deep, max_bytes=100_000)  # max_content_encodings=2
    assert err.value.kind == "too_many_encodings"
    for name, body, coding in (("br", text, "br"), ("junk", os.urandom(2000), "gzip")):
        url = server.add(f"/{name}", body, headers={"Content-Encoding": coding})
        with pytest.raises(FetchError) as err:
            await http.get(url, max_bytes=100_000)
        assert err.value.kind == "decoding" and not err.value.transient, name
    hop = server.add("/hop", redirect="/twice", headers={"Content-Encoding": "gzip, gzip, gzip"})
    assert (await http.get(hop, max_bytes=100_000)).body == text  # a redirect's body is not decoded
    deflate_bomb = zlib.compress(b"\0" * (64 << 20), 9)
    url = server.add("/deflate-bomb", deflate_bomb, headers={"Content-Encoding": "deflate"})
    with pytest.raises(FetchError) as err:
        await http.get(url, max_bytes=1 << 20)
    assert err.value.kind == "too_large"


def test_body_decoder_counts_every_layer() -> None:
    inner = gzip_of_zeros(32 << 20)  # the outer layer alone inflates to ~32 KiB; the inner to 32 MiB
    decoder = BodyDecoder("gzip, gzip", 1 << 20, 2)
    with pytest.raises(TooLarge):
        for i in range(0, len(outer := gzip.compress(inner)), 100):
            decoder.feed(outer[i : i + 100])
        decoder.finish()
    two_members = gzip.compress(b"one ") + gzip.compress(b"two")
    decoder = BodyDecoder("gzip", 1000, 1)
    decoder.feed(two_members)
    assert decoder.finish() == b"one two"


# -- 3. a total deadline per request ---------------------------------------------------------------------


async def test_slow_drip_server_hits_the_deadline(server: FeedServer) -> None:
    url = server.add("/drip.xml", rss([]) + " " * 200, content_type=FEED_TYPE, drip=0.25)
    client = HttpClient(_fs(read_timeout=3.0, page_deadline=2.0))
    try:
        with pytest.raises(FetchError) as err:
            await asyncio.wait_for(client.get(url, max_bytes=100_000), 20)  # failure bound, not a timing
        assert err.value.kind == "deadline" and not err.value.transient and "2 s" in str(err.value)
        with pytest.raises(FetchError) as err:  # the per-call deadline (feeds use feed_deadline)
            await asyncio.wait_for(client.get(url, max_bytes=100_000, deadline=1.0), 20)
        assert err.value.kind == "deadline"
    finally:
        await client.aclose()
    await until(lambda: server.hits("/drip.xml") >= 2, 20)  # recorded when the server gave up writing
    await asyncio.sleep(0.5)
    assert server.hits("/drip.xml") == 2  # one request per call: a deadline is not retried


# -- 4. charsets that are no text encodings --------------------------------------------------------------


@pytest.mark.parametrize(
    "label", ["zlib", "hex", "undefined", "base64", "rot13", "bz2", "uu", "utf-7", "idna"]
)
async def test_non_text_codec_labels_fall_back_to_detection(
    server: FeedServer, http: HttpClient, label: str
) -> None:
    body = os.urandom(4000)
    url = server.add("/bin.html", body, content_type=f"text/html; charset={label}")
    resp = await http.get(url, max_bytes=100_000)
    assert normalise(label) is None
    text, charset = decode_html(resp.body, resp.content_type)
    assert text and charset != label and normalise(charset) == charset
    meta = b'<html><head><meta charset="' + label.encode() + b'"></head>' + body
    assert decode_html(meta, "text/html")[1] != label


# -- 5. feed amplification -------------------------------------------------------------------------------


def test_entries_per_poll_are_capped_newest_first() -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    items = [
        {"title": f"t{i}", "link": f"http://a.example/{i}", "guid": f"g{i}",
         "pubDate": format_datetime(start + timedelta(minutes=i), usegmt=True)}
        for i in range(2000)
    ]  # fmt: skip
    parsed = _parse(rss(items).encode(), max_entries=500)
    assert parsed.total == 2000 and parsed.skipped == 1500 and len(parsed.entries) == 500
    assert {e.entry_url for e in parsed.entries} == {f"http://a.example/{i}" for i in range(1500, 2000)}
    # over PARSE_FACTOR x the cap, the body is cut before parsing: the newest of the first 2,000 are kept
    items += [
        {"title": f"t{i}", "link": f"http://a.example/{i}", "guid": f"g{i}",
         "pubDate": format_datetime(start + timedelta(minutes=i), usegmt=True)}
        for i in range(2000, 3000)
    ]  # fmt: skip
    cut = _parse(rss(items).encode(), max_entries=500)
    assert cut.total == 3000 and cut.skipped == 2500 and not cut.bozo_error
    assert {e.entry_url for e in cut.entries} == {f"http://a.example/{i}" for i in range(1500, 2000)}
    big = _parse(rss([{"title": f"b{i}", "link": f"http://a.example/b{i}"} for i in range(100_000)]).encode(),
                 max_entries=500)  # fmt: skip
    assert big.total == 100_000 and len(big.entries) == 500 and big.skipped == 99_500
    undated = _parse(rss([{"title": f"u{i}", "link": f"http://a.example/u{i}"} for i in range(20)]).encode(),
                     max_entries=5)  # fmt: skip
    assert [e.entry_url for e in undated.entries] == [f"http://a.example/u{i}" for i in range(5)]
    with pytest.raises(ValueError):
        FetcherSettings(_env_file=None, max_entries_per_poll=pollstate.RECENT_CAP + 1)


def test_seen_values_and_partitions() -> None:
    assert seen_at(1_700_000_000) == 1_700_000_000.0
    assert seen_at({"at": 5, "outcome": "published"}) == 5.0  # records written before the int values
    assert seen_at(None) == 0.0 and seen_at({"at": "x"}) == 0.0
    assert {partition_for(f"id{i}", 6) for i in range(100)} == set(range(6))


# -- 6. smaller points -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "embedded"),
    [("2002:7f00:1::", "127.0.0.1"), ("2002:a9fe:a9fe::1", "169.254.169.254"),
     ("64:ff9b::7f00:1", "127.0.0.1"),
     ("64:ff9b::a9fe:a9fe", "169.254.169.254"), ("64:ff9b:1::a00:1", "10.0.0.1"),
     ("::ffff:169.254.169.254", "169.254.169.254"), ("::127.0.0.1", "127.0.0.1"),
     ("2001:0:4136:e378:8000:63bf:80ff:fffe", "127.0.0.1")],  # Teredo: client 127.0.0.1
)  # fmt: skip
def test_guard_decodes_embedded_ipv4(address: str, embedded: str) -> None:
    import ipaddress

    assert ipaddress.ip_address(embedded) in embedded_ipv4(ipaddress.ip_address(address))
    assert not Guard().address_allowed(address)
    with pytest.raises(Exception, match="not allowed"):
        Guard().check_url(f"http://[{address}]/latest/meta-data/")


def test_guard_still_allows_public_translations() -> None:
    for address in (
        "2002:5db8:d822::1",
        "64:ff9b::5db8:d822",
        "::ffff:93.184.216.34",
        "2606:4700:4700::1111",
    ):
        assert Guard().address_allowed(address), address


async def test_invalid_urls_are_permanent_errors(server: FeedServer, http: HttpClient) -> None:
    url = server.add("/octal", redirect="http://0177.0.0.1/")
    with pytest.raises(FetchError) as err:
        await http.get(url, max_bytes=1000)
    assert err.value.kind == "invalid_url" and not err.value.transient
    assert err.value.reason.startswith("invalid redirect from http://127.0.0.1:")  # the response hook's
    assert server.hits("/octal") == 1  # not retried
    for bad in ("http://[::1", "http://host:99999/", "http://[::1/feed.xml"):
        with pytest.raises(FetchError) as err:
            await http.get(bad, max_bytes=1000)
        assert err.value.kind == "invalid_url", bad
    with pytest.raises(FeedListError):
        make_feed("http://[::1")


async def test_fetch_errors_are_redacted(server: FeedServer, http: HttpClient) -> None:
    server.add("/gone", "x", status=404)
    with pytest.raises(FetchError) as err:
        await http.get(
            f"http://alice:s3cret@127.0.0.1:{server.port}/gone?token=t0ps3cret&id=1", max_bytes=1000
        )
    text = f"{err.value} {err.value.url}"
    assert "s3cret" not in text and "t0ps3cret" not in text and "id=1" in text


# -- 7. truncated feeds: counted once per body -----------------------------------------------------------


def test_truncated_feed_warning_counted_once_per_body() -> None:
    body = rss([{"title": f"t{i}", "link": f"http://a.example/{i}"} for i in range(10)]).encode()[:-300]
    parsed = _parse(body)
    assert parsed.bozo_error and 0 < len(parsed.entries) < 10
    state: dict[str, Any] = {}
    for _ in range(3):
        state = pollstate.after_success(
            state, now=0, interval=60, status=200, etag=None, last_modified=None, new_items=0, recent=[],
            warning=f"malformed: {parsed.bozo_error}", warning_key="body-1",
        )  # fmt: skip
    assert state["errors_total"] == 1 and parsed.bozo_error in state["last_error"]
    state = pollstate.after_success(  # a 304 confirms the same body: its warning stays, not counted again
        state, now=0, interval=60, status=304, etag='"e"', last_modified=None, new_items=0, recent=None,
    )  # fmt: skip
    assert state["warning"] and state["warning_key"] == "body-1" and state["errors_total"] == 1
    state = pollstate.after_success(
        state, now=0, interval=60, status=200, etag=None, last_modified=None, new_items=0, recent=[],
        warning="malformed: other", warning_key="body-2",
    )  # fmt: skip
    assert state["errors_total"] == 2


# -- 8. failures logged once per change of state ---------------------------------------------------------


def test_failure_log_once_per_change_of_state() -> None:
    def fail(state: dict[str, Any], now: float, kind: str = "timeout") -> tuple[dict[str, Any], str | None]:
        after = pollstate.after_failure(
            state, now=now, interval=60, cap=3600, kind=kind, message="m", status=None
        )
        what = pollstate.failure_log(state, after, now, every=600)
        if what:
            after["failure_logged_at"] = now
        return after, what

    state, what = fail({}, 0)
    assert what == "down" and state["down_since"] == 0
    state, what = fail(state, 100)
    assert what is None
    state, what = fail(state, 700)
    assert what == "still_down" and state["down_since"] == 0
    state, what = fail(state, 800, kind="http_5xx")
    assert what == "down"
    ok = pollstate.after_success(state, now=900, interval=60, status=200, etag=None, last_modified=None,
                                 new_items=0, recent=[])  # fmt: skip
    assert ok["failures"] == 0 and ok["down_since"] is None
    _, what = fail(ok, 1000)
    assert what == "down"


# -- the fetcher service against a hostile server, through the real Kafka --------------------------------


async def test_fetcher_service_survives_a_hostile_server(
    settings: Settings, tmp_path: Path, bomb: bytes
) -> None:
    from tests.test_fetcher_integration import dead_letters, fetcher, fetcher_settings, raw_items, states
    from tests.test_fetcher_integration import until as until_async

    fs = fetcher_settings(
        poll_interval_override=1.0, max_page_bytes=2 * 1024 * 1024, page_deadline=2.0, feed_deadline=2.0,
        read_timeout=1.5, max_entries_per_poll=40, seen_retention_days=4 / 86400, seen_sweep_interval=1.0,
    )  # fmt: skip
    local = tmp_path / "local-feed.xml"
    local.write_text(rss([{"title": "LOCAL SECRET", "link": "http://secret.example/x", "guid": "s1"}]))
    with FeedServer() as srv:
        port = srv.port
        srv.add("/p/bomb.html", bomb, headers={"Content-Encoding": "gzip, gzip"})
        srv.add("/p/drip.html", page("drip", "slow") * 5, drip=0.2)
        srv.add("/p/ctrl.html", b"<html><body>" + b"\x01" * (2 * 1024 * 1024 - 100) + b"</body></html>")
        srv.add("/p/zlib.html", os.urandom(3000), content_type="text/html; charset=zlib")
        srv.add("/p/octal.html", redirect="http://0177.0.0.1/")
        srv.add("/p/secret.html", page("secret", "a page behind a token"))
        srv.add("/p/trunc.html", page("trunc", "kept from a truncated feed"))
        srv.add("/p/good.html", page("good", "the next good feed"))
        links = ["/p/bomb.html", "/p/drip.html", "/p/ctrl.html", "/p/zlib.html", "/p/octal.html",
                 f"http://alice:pw0rd@127.0.0.1:{port}/p/secret.html?token=t0pS3cret&amp;id=7"]  # fmt: skip
        feeds = {
            "pages": srv.add(
                "/pages.xml",
                rss([{"title": f"p{i}", "link": u} for i, u in enumerate(links)]),
                content_type=FEED_TYPE,
            ),
            "file": srv.add("/file.xml", str(local), content_type=FEED_TYPE),
            "bomb": srv.add(
                "/bomb.xml", bomb, content_type=FEED_TYPE, headers={"Content-Encoding": "gzip, gzip"}
            ),
            "drip": srv.add("/drip.xml", rss([]) + " " * 100, content_type=FEED_TYPE, drip=0.2),
            "trunc": srv.add(
                "/trunc.xml",
                rss([{"title": "t", "link": "/p/trunc.html"}] + [{"title": f"x{i}"} for i in range(5)])[
                    :-120
                ],
                content_type=FEED_TYPE,
            ),
            "huge": srv.add(
                "/huge.xml",
                rss([{"title": f"h{i}", "link": f"/h/{i}"} for i in range(120)]),
                content_type=FEED_TYPE,
            ),
            "bad": "http://[::1",
        }
        await write_feeds(
            settings,
            [FeedConfig(url=u, source=name, interval_seconds=60) for name, u in feeds.items()],
        )
        with fetcher(settings, fs, tmp_path, "hostile") as proc:

            async def settled() -> bool:
                rows = await states(settings)
                if len(rows) < len(feeds):
                    return False
                failing = {feeds[n] for n in ("file", "drip", "bad", "bomb")}
                return all(
                    (r.failures >= 2) if url in failing else (r.polls >= 3) for url, r in rows.items()
                ) and {"page_too_large", "page_deadline", "page_invalid_url"} <= {
                    d.error for d in await dead_letters(settings)
                }

            await until_async(settled, timeout=90, what="hostile feeds polled and pages dead-lettered")
            # the sentinel: a good feed added now is still served
            good = srv.add(
                "/good.xml", rss([{"title": "good", "link": "/p/good.html"}]), content_type=FEED_TYPE
            )
            await write_feeds(settings, [FeedConfig(url=good, source="good", interval_seconds=60)])

            async def good_served() -> bool:
                return any(i.canonical_url == srv.url("/p/good.html") for i in await raw_items(settings))

            await until_async(good_served, timeout=60, what="the good feed's page published")
            rows = await states(settings)
            assert proc.alive()
            published = {i.id for i in await raw_items(settings)}

            async def expired() -> bool:  # seen_retention_days: tombstones for every published id
                records = await read_topic(settings, SEEN.name(settings))
                last = {r.key: r.value for r in records}
                return all(last.get(json.dumps(i).encode(), b"") is None for i in published)

            await until_async(expired, timeout=90, what="expired seen ids deleted from the changelog")
            seen_records = await read_topic(settings, SEEN.name(settings))
            log = proc.output()
        items = await raw_items(settings)
        letters = await dead_letters(settings)

    by_path = {i.canonical_url.split(str(port), 1)[1].split("?")[0]: i for i in items}
    assert set(by_path) == {"/p/zlib.html", "/p/secret.html", "/p/trunc.html", "/p/good.html"}
    assert by_path["/p/zlib.html"].charset not in ("zlib", None) and by_path["/p/zlib.html"].html
    secret = by_path["/p/secret.html"]
    for text in (secret.final_url, secret.entry_url, secret.canonical_url):
        assert "pw0rd" not in text and "t0pS3cret" not in text and "alice" not in text and "id=7" in text
    errors = Counter(d.error for d in letters)
    reasons = {d.error: d.reason for d in letters}
    assert errors["page_too_large"] == 2  # the bomb and the page of control characters
    too_large = [d.reason for d in letters if d.error == "page_too_large"]
    assert any("once encoded" in r for r in too_large) and any("over 2097152 bytes" in r for r in too_large)
    assert errors["page_deadline"] == 1 and "within 2 s" in reasons["page_deadline"]
    assert errors["page_invalid_url"] == 1 and "0177.0.0.1" in reasons["page_invalid_url"]
    assert errors["page_http_4xx"] == 40  # the huge feed: 40 of its 120 entries handled
    assert all("t0pS3cret" not in d.reason and "pw0rd" not in d.reason for d in letters)
    # poll states
    assert rows[feeds["file"]].state == "failing (not_a_feed)"
    assert rows[feeds["bomb"]].state == "failing (too_large)"
    assert rows[feeds["drip"]].state == "failing (deadline)"
    assert rows[feeds["bad"]].state == "failing (invalid_url)"
    trunc = rows[feeds["trunc"]]
    assert trunc.state == "ok (warning)" and trunc.errors_total == 1 and trunc.polls >= 3
    assert "malformed feed" in (trunc.last_error or "")
    huge = rows[feeds["huge"]]
    assert (
        huge.new_total == 40
        and huge.errors_total == 1
        and "80 over max_entries_per_poll" in (huge.last_error or "")
    )
    # logs: one line per change of state, no crash loop, no secret
    assert "poll crashed" not in log and "LOCAL SECRET" not in log and "t0pS3cret" not in log
    assert log.count("feed failing (invalid_url)") == 1 and log.count("feed failing (deadline)") == 1
    assert "still failing" not in log
    assert log.count("feed body with problems") == 2  # the truncated feed and the huge one, once each
    # tombstones went to the partition of the id's own record (so compaction drops both)
    parts: dict[bytes, set[int]] = {}
    for r in seen_records:
        parts.setdefault(r.key, set()).add(r.partition)
    assert published and all(len(parts[json.dumps(i).encode()]) == 1 for i in published)
    assert all(
        partition_for(i, ENTRIES.partition_count(settings)) in parts[json.dumps(i).encode()]
        for i in published
    )
