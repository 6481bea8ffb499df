"""The fetcher end to end: `wirewatch fetcher` subprocesses, the real local Kafka, real local HTTP servers."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from services.fetcher import status
from services.fetcher.feedlist import make_feed, write_feeds
from services.fetcher.settings import FetcherSettings
from shared.config import Settings
from shared.contracts import DeadLetter, RawItem
from shared.kafka import read_topic
from shared.topics import DEADLETTER, ENTRIES, RAW, consumer_group
from tests.fetcher_server import FeedServer, page, rss
from tests.support import ServiceProcess, free_port, run_cli, running, settings_env

pytestmark = pytest.mark.integration

AR_TEXT = (
    "أعلنت شركة ناشئة في دبي عن جولة تمويل جديدة بقيمة خمسين مليون دولار لتطوير نماذج لغوية عربية كبيرة."
)


def fetcher_settings(**kw: Any) -> FetcherSettings:
    base: dict[str, Any] = {
        "feeds_file": "",
        "allowed_networks": ["127.0.0.1/32"],
        "per_host_delay": 0.0,
        "per_host_concurrency": 8,
        "poll_interval_override": 1.5,
        "scheduler_tick": 0.3,
        "retry_base_delay": 0.1,
        "retry_max_delay": 0.3,
        "read_timeout": 1.5,
        "connect_timeout": 1.0,
    }
    base.update(kw)
    return FetcherSettings(_env_file=None, **base)


@contextmanager
def fetcher(
    settings: Settings, fs: FetcherSettings, log_dir: Path, name: str = "fetcher"
) -> Iterator[ServiceProcess]:
    port = free_port()
    # a replica that left without its LeaveGroup reaching the coordinator holds the next one's join
    # for a session timeout: 10 s here, not faust's 60 s (the restart tests start one after another)
    env = settings_env(settings, fs, WIREWATCH_WEB_PORT=str(port), WIREWATCH_KAFKA_SESSION_TIMEOUT="10")
    with running(["fetcher"], env, log_dir / f"{name}.log", web_port=port) as proc:
        yield proc


async def until(
    check: Callable[[], Awaitable[bool] | bool],
    timeout: float = 60.0,
    what: str = "",
    logs: Path | None = None,
) -> None:
    """Wait for ``check``; on timeout the error carries the end of every service log in ``logs``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        result = check()
        if isinstance(result, Awaitable):
            result = await result
        if result:
            return
        await asyncio.sleep(0.3)
    tails = _log_tails(logs) if logs is not None else []
    raise TimeoutError("\n".join([f"not reached within {timeout}s: {what}", *tails]))


def _log_tails(logs: Path, lines: int = 60) -> list[str]:
    """The end of each service log in ``logs``, oldest first (the message of a failed wait)."""
    return [
        f"--- {log.name} ---\n" + "\n".join(log.read_text("utf-8", "replace").splitlines()[-lines:])
        for log in sorted(logs.glob("*.log"), key=lambda path: path.stat().st_mtime)
    ]


async def raw_items(settings: Settings) -> list[RawItem]:
    return [RawItem.decode(r.value) for r in await read_topic(settings, RAW.name(settings))]


async def dead_letters(settings: Settings) -> list[DeadLetter]:
    return [DeadLetter.decode(r.value) for r in await read_topic(settings, DEADLETTER.name(settings))]


async def states(settings: Settings) -> dict[str, status.FeedStatus]:
    return {row.url: row for row in await status.collect(settings)}


def serve_feed(srv: FeedServer, name: str, n: int, *, etag: bool = True, start: int = 0) -> str:
    items = []
    for i in range(start, start + n):
        srv.add(f"/{name}/{i}.html", page(f"{name} article {i}", f"Body of {name} {i}. " * 20))
        items.append(
            {
                "title": f"{name} article {i}",
                "link": f"/{name}/{i}.html?utm_source=rss",
                "guid": f"{name}-{i}",
            }
        )
    return srv.add(
        f"/{name}.xml", rss(items), content_type="application/rss+xml", etag=f'"{name}-{n}"' if etag else None
    )


async def test_entries_become_raw_events_once_across_repolls_feeds_and_restarts(
    settings: Settings, tmp_path: Path
) -> None:
    fs = fetcher_settings()
    with FeedServer() as srv:
        url_a = serve_feed(srv, "a", 12)  # ETag: re-polls are 304s
        url_b = serve_feed(srv, "b", 3, etag=False)  # no validators: re-polls are 200s with the same entries
        # feed c carries an article of feed a (another tracking parameter): one article, published once
        srv.add("/c.xml", rss([{"title": "same", "link": "/a/0.html?utm_medium=x", "guid": "c-0"}]),
                content_type="application/rss+xml")  # fmt: skip
        url_c = srv.url("/c.xml")
        await write_feeds(
            settings, [make_feed(u, f"src-{i}", "en") for i, u in enumerate((url_a, url_b, url_c))]
        )
        with fetcher(settings, fs, tmp_path, "f1"):
            await until(lambda: _count(settings, 15), what="15 raw items")
            await until(lambda: srv.hits("/a.xml", 304) >= 2 and srv.hits("/b.xml") >= 3, what="re-polls")
            await asyncio.sleep(1.0)
            items = await raw_items(settings)
            assert len(items) == 15
            assert len({i.id for i in items}) == 15
            assert srv.hits("/a/0.html") == 1
            one = next(i for i in items if i.canonical_url == srv.url("/a/3.html"))
            assert one.entry_url == srv.url("/a/3.html?utm_source=rss")
            assert one.final_url == one.entry_url and one.http_status == 200
            assert one.entry_title == "a article 3" and "Body of a 3" in one.html
            assert one.source == "src-0" and one.feed_url == url_a and one.charset == "utf-8"
            assert one.content_type and one.content_type.startswith("text/html")
            conditional = [r for r in srv.seen("/a.xml") if r.status == 304]
            assert all(r.headers.get("If-None-Match") == '"a-12"' for r in conditional)
        hits_before = srv.hits("/a.xml", 304), srv.hits("/b.xml")
        # restart: the poll state (validators, last entries) and the seen table come back from Kafka
        with fetcher(settings, fs, tmp_path, "f2"):
            await until(
                lambda: srv.hits("/a.xml", 304) > hits_before[0] and srv.hits("/b.xml") > hits_before[1] + 1,
                what="polls after the restart",
                logs=tmp_path,
            )
            assert srv.hits("/a.xml", 200) == 1  # only the very first poll fetched the body
            assert len(await raw_items(settings)) == 15
            serve_feed(srv, "b", 4, etag=False)  # one more entry in b
            await until(lambda: _count(settings, 16), what="the new entry")
            rows = await states(settings)
        await asyncio.sleep(0.5)
        items = await raw_items(settings)
    assert len(items) == 16 and len({i.id for i in items}) == 16
    assert srv.url("/b/3.html") in {i.canonical_url for i in items}
    assert rows[url_a].state == "ok" and rows[url_a].last_status == 304 and rows[url_a].new_total == 12
    assert rows[url_b].failures == 0 and rows[url_b].errors_total == 0


async def _count(settings: Settings, n: int) -> bool:
    return len(await read_topic(settings, RAW.name(settings))) >= n


async def test_two_fetchers_split_the_feeds_and_take_over(settings: Settings, tmp_path: Path) -> None:
    fs = fetcher_settings(poll_interval_override=600)  # one poll per feed during the test
    with FeedServer() as srv:
        urls = [serve_feed(srv, f"f{i}", 2) for i in range(12)]
        with fetcher(settings, fs, tmp_path, "r1") as one, fetcher(settings, fs, tmp_path, "r2") as two:
            await until(lambda: _group_members(settings, 2), timeout=60, what="both replicas in the group")
            await write_feeds(settings, [make_feed(u, f"s{i}", "en") for i, u in enumerate(urls)])
            await until(lambda: _count(settings, 24), what="24 raw items")
            await asyncio.sleep(3.0)  # room for a second poll, if there were one
            polls = Counter(r.path for r in srv.requests if r.path.endswith(".xml"))
            assert polls == {f"/f{i}.xml": 1 for i in range(12)}
            assert all(srv.hits(f"/f{i}/{j}.html") == 1 for i in range(12) for j in range(2))
            assert len(await raw_items(settings)) == 24
            assert "polled feed" in one.output() and "polled feed" in two.output()
            two.stop()
            # the survivor takes the partitions over and rebuilds their feed list from the changelog
            await until(lambda: _owned(one, 12), timeout=60, what="survivor owns all 12 feeds")
        await asyncio.sleep(0)
    assert Counter(r.path for r in srv.requests if r.path.endswith(".xml")) == {
        f"/f{i}.xml": 1 for i in range(12)
    }


async def _group_members(settings: Settings, n: int) -> bool:
    from shared.kafka import admin_client

    async with admin_client(settings) as admin:
        groups = await admin.describe_consumer_groups([consumer_group("fetcher", settings)])
    for group in groups:
        for g in getattr(group, "groups", []):
            if g[2] == "Stable" and len(g[5]) == n:  # (error, id, state, protocol type, protocol, members)
                return True
    return False


def _owned(proc: ServiceProcess, n: int) -> bool:
    try:
        text = httpx.get(f"http://127.0.0.1:{proc.web_port}/metrics", timeout=2).text
    except httpx.HTTPError:
        return False
    for line in text.splitlines():
        if line.startswith("wirewatch_fetcher_feeds_owned "):
            return float(line.split()[1]) == n
    return False


async def test_bad_feeds_and_sites(settings: Settings, tmp_path: Path) -> None:
    # The servers live on 127.0.0.2, the only network allowed: 127.0.0.1 (loopback) is off limits.
    fs = fetcher_settings(
        allowed_networks=["127.0.0.2/32"], max_page_bytes=20_000, poll_interval_override=1.0
    )
    with FeedServer(host="127.0.0.2") as srv, FeedServer(host="127.0.0.1") as internal:
        internal.add(
            "/secret.xml", rss([{"title": "secret", "link": "/s"}]), content_type="application/rss+xml"
        )
        feeds: dict[str, str] = {}
        srv.add("/p/ok.html", page("ok", "fine"))
        srv.add("/p/big.html", page("big", "x" * 50_000))
        srv.add(
            "/p/ar.html", page("عربي", AR_TEXT).encode("cp1256"), content_type="text/html; charset=iso-8859-1"
        )
        feeds["malformed"] = srv.add(
            "/malformed.xml",
            '<?xml version="1.0"?><rss version="2.0"><channel><title>m</title>'
            "<item><title>kept</title><link>/p/ok.html</link></item>"
            "<item><title>broken &nbsp; <link>/p/x.html</link></item></channel>",
            content_type="application/rss+xml",
        )
        feeds["html"] = srv.add("/html.xml", page("Home", "not a feed"))
        feeds["empty"] = srv.add("/empty.xml", rss([]), content_type="application/rss+xml")
        feeds["dupes"] = srv.add(
            "/dupes.xml",
            rss([{"title": "d1", "link": "/p/ok.html?utm_source=a", "guid": "same"},
                 {"title": "d2", "link": "/p/ok.html", "guid": "same"},
                 {"title": "nolink", "guid": "x-1", "description": "no link here"}]),
            content_type="application/rss+xml",
        )  # fmt: skip
        feeds["slow"] = srv.add("/slow.xml", rss([]), content_type="application/rss+xml", delay=4.0)
        srv.add("/loop-a.xml", redirect="/loop-b.xml")
        feeds["loop"] = srv.add("/loop-b.xml", redirect="/loop-a.xml")
        feeds["flaky"] = srv.add(
            "/flaky.xml", rss([{"title": "big", "link": "/p/big.html"}]), content_type="application/rss+xml",
            fail_first=1,
        )  # fmt: skip
        feeds["charset"] = srv.add(
            "/charset.xml",
            f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{AR_TEXT[:20]}</title>'
            f"<item><title>{AR_TEXT[:30]}</title><link>/p/ar.html</link></item></channel></rss>".encode(
                "cp1256"
            ),
            content_type="application/rss+xml",
        )
        feeds["ssrf"] = srv.add("/ssrf.xml", redirect=internal.url("/secret.xml"))
        await write_feeds(settings, [make_feed(u, name, "en") for name, u in feeds.items()])
        with fetcher(settings, fs, tmp_path) as proc:

            async def settled() -> bool:
                rows = await states(settings)
                failing = ("slow", "loop", "ssrf", "html")
                return all(rows[feeds[n]].failures >= 2 for n in failing) and all(
                    rows[feeds[n]].polls >= 2 for n in feeds if n not in failing
                )

            await until(settled, timeout=90, what="every feed polled, failing ones twice")
            rows = await states(settings)
            metrics = (await asyncio.to_thread(httpx.get, f"http://127.0.0.1:{proc.web_port}/metrics")).text
            assert proc.alive()
        items = await raw_items(settings)
        letters = await dead_letters(settings)
    by_url = {i.canonical_url: i for i in items}
    assert set(by_url) == {srv.url("/p/ok.html"), srv.url("/p/ar.html")}  # big.html went to dead letters
    ar = by_url[srv.url("/p/ar.html")]
    assert AR_TEXT in ar.html and ar.charset == "cp1256"
    errors = Counter(d.error for d in letters)
    assert errors["page_too_large"] == 1
    # the linkless entry of `dupes` and the broken item of `malformed`, each reported once, not per poll
    no_link = sorted(json.loads(d.payload)["feed_url"] for d in letters if d.error == "no_link")
    assert no_link == sorted([feeds["dupes"], feeds["malformed"]])
    too_large = next(d for d in letters if d.error == "page_too_large")
    assert json.loads(too_large.payload)["entry_url"].endswith("/big.html")
    # a page's dead letter says which entry record it stands for
    assert too_large.source_topic == ENTRIES.name(settings)
    assert too_large.offset is not None and too_large.offset >= 0
    assert rows[feeds["malformed"]].state == "ok (warning)" and "malformed" in (
        rows[feeds["malformed"]].last_error or ""
    )
    assert rows[feeds["empty"]].state == "ok" and rows[feeds["empty"]].new_total == 0
    assert rows[feeds["dupes"]].new_total == 1
    assert rows[feeds["flaky"]].state == "ok" and srv.hits("/flaky.xml", 500) == 1
    assert rows[feeds["charset"]].new_total == 1
    for name, kind in (
        ("slow", "timeout"),
        ("loop", "too_many_redirects"),
        ("ssrf", "blocked"),
        ("html", "not_a_feed"),
    ):
        row = rows[feeds[name]]
        assert row.state == f"failing ({kind})", (name, row)
        # backed off: the next poll is at least twice the interval after the last one
        assert fs.poll_interval_override is not None
        assert (
            row.next_poll
            and row.last_poll
            and row.next_poll - row.last_poll >= 2 * 0.9 * fs.poll_interval_override
        )
    assert internal.hits("/secret.xml") == 0
    for kind in ("timeout", "too_many_redirects", "blocked", "not_a_feed", "malformed_feed"):
        assert f'wirewatch_fetcher_errors_total{{kind="{kind}"}}' in metrics
    assert "wirewatch_fetcher_not_modified_total" in metrics


async def test_feed_with_ten_thousand_entries(settings: Settings, tmp_path: Path) -> None:
    fs = fetcher_settings(poll_interval_override=600, max_entries_per_poll=5000)
    with FeedServer() as srv:
        items = [{"title": f"t{i}", "link": f"/big/{i}", "guid": f"g{i}"} for i in range(10_000)]
        url = srv.add("/huge.xml", rss(items), content_type="application/rss+xml")
        await write_feeds(settings, [make_feed(url, "huge", "en")])
        with fetcher(settings, fs, tmp_path) as proc:

            async def polled() -> bool:  # the entries are produced before the poll's state is written
                if not await _entries(settings, 5_000):
                    return False
                row = (await states(settings)).get(url)
                return row is not None and row.polls >= 1

            await until(
                polled,
                timeout=90,
                what="5,000 entries (max_entries_per_poll) handed to the page fetcher, the poll recorded",
            )
            rows = await states(settings)
            assert proc.alive()
        assert len(await read_topic(settings, ENTRIES.name(settings))) == 5_000  # the cap, not 10,000
    row = rows[url]
    assert row.new_items == 5_000 and row.state == "ok (warning)"
    assert "5000 over max_entries_per_poll=5000" in (row.last_error or "")


async def _entries(settings: Settings, n: int) -> bool:
    records = await read_topic(settings, ENTRIES.name(settings))
    return len({r.key for r in records}) >= n


async def test_feeds_cli(settings: Settings, tmp_path: Path) -> None:
    env = settings_env(settings, fetcher_settings(), COLUMNS="400")  # wide tables: URLs on one line
    opml = tmp_path / "export.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body><outline text="AI">'
        '<outline type="rss" text="One" xmlUrl="https://one.example/rss" language="fr"/>'
        '<outline type="rss" text="Two" xmlUrl="https://two.example/atom"/></outline></body></opml>'
    )

    def cli(*args: str) -> str:
        done = run_cli(["feeds", *args], env)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "2 feeds read, 2 new or changed" in cli("import", str(opml))
    assert "added" in cli(
        "add", "https://three.example/feed.xml", "--source", "Three", "--lang", "ar", "--interval", "120"
    )
    assert "removed" in cli("remove", "https://two.example/atom")
    listed = json.loads(cli("list", "--json"))
    assert sorted((f["url"], f["lang"], f["interval_seconds"]) for f in listed) == [
        ("https://one.example/rss", "fr", 600),
        ("https://three.example/feed.xml", "ar", 120),
    ]
    rows = json.loads(cli("status", "--json"))
    assert {r["state"] for r in rows} == {"never polled"}
    assert "three.example" in cli("status")
    # a feed URL carrying a credential is shown redacted in tables and messages (kept in --json exports)
    secret = "s3cr3t-feed-token"
    added = cli("add", f"https://four.example/rss?token={secret}", "--source", "Four")
    table, status = cli("list"), cli("status")
    assert "four.example/rss?token=[REDACTED]" in table and "four.example/rss?token=[REDACTED]" in status
    assert secret not in added + table + status
    assert any(f["url"].endswith(secret) for f in json.loads(cli("list", "--json")))


async def test_seen_ids_survive_a_restart(settings: Settings, tmp_path: Path) -> None:
    """The seen table comes back from its changelog as the same ids: an article published before a
    restart and carried by another feed after it is not fetched again."""
    fs = fetcher_settings(poll_interval_override=600)
    with FeedServer() as srv:
        srv.add("/x.html", page("x", "published once"))
        url_a = srv.add(
            "/a.xml", rss([{"title": "x", "link": "/x.html"}]), content_type="application/rss+xml"
        )
        await write_feeds(settings, [make_feed(url_a, "a", "en")])
        with fetcher(settings, fs, tmp_path, "before"):
            await until(lambda: _count(settings, 1), what="x published", logs=tmp_path)
        url_b = srv.add("/b.xml", rss([{"title": "x again", "link": "/x.html?utm_source=b"}]),
                        content_type="application/rss+xml")  # fmt: skip
        await write_feeds(settings, [make_feed(url_b, "b", "en")])
        with fetcher(settings, fs, tmp_path, "after") as proc:
            await until(
                lambda: _metric(proc, "wirewatch_fetcher_duplicates_total") >= 1,
                timeout=90,
                what="x seen as duplicate",
                logs=tmp_path,
            )
        assert srv.hits("/x.html") == 1
    assert len(await raw_items(settings)) == 1


def _metric(proc: ServiceProcess, name: str) -> float:
    try:
        text = httpx.get(f"http://127.0.0.1:{proc.web_port}/metrics", timeout=2).text
    except httpx.HTTPError:
        return 0.0
    for line in text.splitlines():
        if line.startswith(f"{name} "):
            return float(line.split()[1])
    return 0.0
