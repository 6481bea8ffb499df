"""``wirewatch demo``: the whole pipeline on this machine, on the demo corpus, with a summary.

Steps: local stack up -> topics -> index template and alias -> demo feed server (127.0.0.1:8808)
-> demo feeds written to the feeds topic -> fetcher, parser, classifier, grouper and indexer started as
separate processes (logs in ``<state dir>/demo/logs``) -> wait, with a progress bar, until every
demo article is in Elasticsearch -> summary from Elasticsearch aggregations -> the five services
are stopped with SIGTERM (the stack keeps running, so ``wirewatch search`` works).

``--keep-running`` leaves the services (and a ``wirewatch demo-feeds`` process serving the feeds)
running in the background; ``wirewatch demo --stop`` stops them. The demo uses the configured
topic prefix and index alias (by default ``wirewatch`` and ``wirewatch-articles``, what
``wirewatch search`` reads) and is idempotent: articles already indexed by an earlier run count
as done (their ids are those of their URLs, and the feed server's port is fixed).
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from shared.config import Settings
from shared.errors import ServiceError
from wirewatch.demo.corpus import TAG_NAMES, DemoArticle
from wirewatch.demo.pipeline import STAGES, Pipeline, ServiceFailed, ServiceProcess, local_fetcher_env

# An Arabic query written without hamza: the stories spell these words إنفيديا and أبوظبي.
EXAMPLE_QUERY = "انفيديا ابوظبي"
POLL_SECONDS = 1.0


class DemoError(ServiceError):
    """The demo could not finish; the message says why and shows the failing service's log."""


@dataclass
class DemoOptions:
    host: str = "127.0.0.1"
    port: int = 8808
    timeout: float = 300.0
    poll_interval: float = 10.0  # fetcher's poll interval (demo override of the 60 s floor)
    keep_running: bool = False
    work_dir: Path | None = None  # logs and pid file; default <state dir>/demo


@dataclass
class DemoResult:
    expected: int
    indexed: int
    already_indexed: int
    seconds: float
    log_dir: Path
    by_tag: dict[str, int] = field(default_factory=dict)
    by_lang: dict[str, int] = field(default_factory=dict)
    running: dict[str, int] = field(default_factory=dict)  # --keep-running: name -> pid


def demo_dir(settings: Settings, work_dir: Path | None = None) -> Path:
    return work_dir if work_dir is not None else settings.state_dir / "demo"


def pid_file(settings: Settings, work_dir: Path | None = None) -> Path:
    return demo_dir(settings, work_dir) / "running.json"


def expected_ids(
    articles: list[DemoArticle], article_url: Callable[[DemoArticle], str]
) -> dict[str, DemoArticle]:
    """Article id (as the fetcher computes it from the canonical URL) -> demo story."""
    from services.fetcher.urls import article_id_for

    return {article_id_for(article_url(a))[1]: a for a in articles}


# --- Elasticsearch --------------------------------------------------------------------------------


async def setup_index(settings: Settings) -> dict[str, Any]:
    from services.indexer.index import setup_from_settings

    return await setup_from_settings(settings)


async def count_indexed(es: Any, alias: str, ids: list[str]) -> int:
    """How many of ``ids`` are searchable under ``alias`` now."""
    resp = await es.count(
        index=alias, query={"ids": {"values": ids}}, ignore_unavailable=True, allow_no_indices=True
    )
    return int(resp["count"])


async def wait_indexed(
    settings: Settings,
    ids: list[str],
    timeout: float,
    *,
    on_progress: Callable[[int], None] | None = None,
    check: Callable[[], None] | None = None,
) -> int:
    """Poll Elasticsearch until every id is searchable; ``check`` may raise (a service died)."""
    from shared.elastic import make_client

    es = make_client(settings)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    done = 0
    try:
        while True:
            if check is not None:
                check()
            try:
                done = await count_indexed(es, settings.index_alias, ids)
            except Exception:  # Elasticsearch busy for a moment: try again
                pass
            if on_progress is not None:
                on_progress(done)
            if done >= len(ids):
                return done
            if loop.time() >= deadline:
                raise TimeoutError(f"{done} of {len(ids)} demo articles indexed after {timeout:.0f}s")
            await asyncio.sleep(POLL_SECONDS)
    finally:
        await es.close()


async def summary_data(settings: Settings, ids: list[str]) -> dict[str, Any]:
    """Aggregations over the demo stories, the newest lawsuits and the example search."""
    from services.api import query as s
    from services.api.settings import ApiSettings
    from shared.elastic import make_client

    opts = ApiSettings()
    es = make_client(settings)
    try:
        await es.options(ignore_status=404).indices.refresh(index=settings.index_alias)
        resp = await es.search(
            index=settings.index_alias,
            query={"ids": {"values": ids}},
            size=0,
            aggs={
                "tags": {"terms": {"field": "tags", "size": 20}},
                "untagged": {"missing": {"field": "tags"}},
                "langs": {"terms": {"field": "lang", "size": 20, "missing": "unknown"}},
                "stories": {"cardinality": {"field": "story_id"}},
                "shared": {"terms": {"field": "story_id", "size": 5, "min_doc_count": 2}},
            },
        )
        aggs = resp["aggregations"]
        by_tag = {b["key"]: int(b["doc_count"]) for b in aggs["tags"]["buckets"]}
        if aggs["untagged"]["doc_count"]:
            by_tag["(none)"] = int(aggs["untagged"]["doc_count"])
        by_lang = {b["key"]: int(b["doc_count"]) for b in aggs["langs"]["buckets"]}
        lawsuits = await s.search(
            es, settings.index_alias, s.SearchRequest(tags=["lawsuit"], limit=5), opts.max_limit
        )
        example = await s.search(
            es, settings.index_alias, s.SearchRequest(text=EXAMPLE_QUERY, limit=3), opts.max_limit
        )
        stories = {
            "count": int(aggs["stories"]["value"]),
            "shared": {str(b["key"]): int(b["doc_count"]) for b in aggs["shared"]["buckets"]},
        }
        return {
            "by_tag": by_tag,
            "by_lang": by_lang,
            "lawsuits": lawsuits,
            "example": example,
            "stories": stories,
        }
    finally:
        await es.close()


# --- diagnosis --------------------------------------------------------------------------------------

# What each stage passes on: (sample name, stage label or None).
_OUT_METRICS: dict[str, tuple[str, str | None]] = {
    "fetcher": ("wirewatch_fetcher_items_published_total", None),
    "parser": ("wirewatch_events_out_total", "parser"),
    "classifier": ("wirewatch_events_out_total", "classifier"),
    "grouper": ("wirewatch_events_out_total", "grouper"),
}


def _metric(text: str | None, name: str, stage: str | None = None) -> float | None:
    """Sum of the samples called ``name`` (with ``stage`` label, when given) in a /metrics page."""
    from prometheus_client.parser import text_string_to_metric_families

    if text is None:
        return None
    total = 0.0
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and (stage is None or sample.labels.get("stage") == stage):
                total += sample.value
    return total


def stuck_service(pipeline: Pipeline, missing: int) -> ServiceProcess:
    """The first stage that has not passed on enough records to account for the missing articles."""
    for name in STAGES:
        if name not in pipeline.services:
            continue
        svc = pipeline[name]
        if not svc.alive():
            return svc
        if name == "indexer":
            return svc
        produced = _metric(svc.metrics_text(), *_OUT_METRICS[name])
        if produced is None or produced < missing:
            return svc
    return next(iter(pipeline.services.values()))


def failure_report(svc: ServiceProcess, reason: str, lines: int = 30) -> str:
    return (
        f"{reason}\n\nlast {lines} lines of {svc.log_path} (wirewatch {svc.name}):\n{svc.tail(lines)}\n\n"
        f"dead letters: wirewatch dlq list · consumer lag: wirewatch lag"
    )


# --- background processes (--keep-running) --------------------------------------------------------


def _is_ours(pid: int) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
    except OSError:
        return False
    return b"wirewatch.cli" in cmdline


def stop_background(
    settings: Settings,
    say: Callable[[str], None] = print,
    timeout: float = 40.0,
    work_dir: Path | None = None,
) -> list[str]:
    """Stop what ``wirewatch demo --keep-running`` left running (by its pid file); returns the names."""
    path = pid_file(settings, work_dir)
    if not path.exists():
        return []
    try:
        pids: dict[str, int] = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        path.unlink(missing_ok=True)
        return []
    live = {name: pid for name, pid in pids.items() if _is_ours(pid)}
    for name, pid in live.items():
        say(f"stopping {name} (pid {pid})")
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + timeout
    for name, pid in live.items():
        while _is_ours(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        if _is_ours(pid):
            say(f"{name} (pid {pid}) still running after {timeout:.0f}s: killing it")
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    path.unlink(missing_ok=True)
    return list(live)


def _start_feed_server_process(
    settings: Settings, opts: DemoOptions, log_dir: Path
) -> subprocess.Popen[bytes]:
    log_path = log_dir / "demo-feeds.log"
    with log_path.open("ab") as log:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "wirewatch.cli",
                "demo-feeds",
                "--host",
                opts.host,
                "--port",
                str(opts.port),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )


# --- the demo -------------------------------------------------------------------------------------


def run_demo(settings: Settings, opts: DemoOptions, console: Console) -> DemoResult:
    from services.fetcher.feedlist import write_feeds
    from shared.kafka import create_topics
    from wirewatch.demo.server import running_demo_server
    from wirewatch.stack import ensure_up

    t0 = time.monotonic()
    log_dir = demo_dir(settings, opts.work_dir) / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)

    def step(text: str) -> None:
        console.print(f"[bold cyan]›[/bold cyan] {text}")

    left = stop_background(settings, say=lambda m: console.print(f"  {m}"), work_dir=opts.work_dir)
    if left:
        console.print(
            f"  stopped the services a previous `wirewatch demo --keep-running` left: {', '.join(left)}"
        )

    step("local stack: Kafka + Elasticsearch (downloaded and started on first use)")
    info = ensure_up(settings, progress=lambda m: console.print(f"  {m}"))
    console.print(
        f"  Kafka {info.kafka_version} on {info.kafka_bootstrap} · "
        f"Elasticsearch {info.elasticsearch_version} on {info.elasticsearch_url}"
    )

    step(f"topics with prefix {settings.topic_prefix!r}")
    created = asyncio.run(create_topics(settings))
    console.print(
        f"  {sum(r.created for r in created)} created, {sum(not r.created for r in created)} already there"
    )

    step(f"index template and alias {settings.index_alias!r}")
    idx_info = asyncio.run(setup_index(settings))
    console.print(f"  alias {idx_info['alias']} → {idx_info['current_index']}")

    for old in log_dir.glob("*.log"):  # fresh logs for this run
        old.unlink()

    with ExitStack() as resources:
        try:
            srv = resources.enter_context(running_demo_server(host=opts.host, port=opts.port))
        except OSError as exc:
            raise DemoError(
                f"the demo feed server cannot listen on {opts.host}:{opts.port} ({exc}); stop what uses the "
                "port or pick another with --port (stories served from another port get new URLs, so they "
                "are indexed again as new stories)"
            ) from exc
        expected = expected_ids(srv.articles, srv.article_url)
        ids = list(expected)
        step(f"demo feeds on {srv.base_url}: {len(srv.feeds)} feeds, {len(ids)} stories (en, fr, de, ar)")
        changed = asyncio.run(write_feeds(settings, srv.feed_configs(interval_seconds=60)))
        console.print(
            f"  feeds topic: {len(changed)} feeds added or updated, {len(srv.feeds) - len(changed)} unchanged"
        )

        already = asyncio.run(_count(settings, ids))
        if already:
            console.print(f"  {already} of {len(ids)} stories are already indexed (an earlier run)")

        step(f"starting {', '.join(STAGES)} (logs in {log_dir})")
        pipeline = Pipeline(
            settings,
            log_dir,
            extra_env={"fetcher": local_fetcher_env([f"{opts.host}/32"], poll_interval=opts.poll_interval)},
            common_env={"WIREWATCH_WEB_HOST": "127.0.0.1"},
        ).start()
        detached = False
        try:
            try:
                pipeline.wait_healthy(timeout=120)
                for svc in pipeline.services.values():
                    console.print(f"  {svc.name}: pid {svc.pid}, http://127.0.0.1:{svc.web_port}/metrics")
                indexed = _wait_with_progress(settings, ids, opts.timeout, pipeline, console)
            except ServiceFailed as exc:
                raise DemoError(failure_report(exc.service, str(exc))) from exc
            except TimeoutError as exc:
                done = asyncio.run(_count(settings, ids))
                svc = stuck_service(pipeline, len(ids) - done)
                raise DemoError(
                    failure_report(svc, f"{exc}; the pipeline seems stuck at the {svc.name}")
                ) from exc
            data = asyncio.run(summary_data(settings, ids))
            result = DemoResult(
                expected=len(ids),
                indexed=indexed,
                already_indexed=already,
                seconds=time.monotonic() - t0,
                log_dir=log_dir,
                by_tag=data["by_tag"],
                by_lang=data["by_lang"],
            )
            print_summary(console, result, data, list(expected.values()))
            if opts.keep_running:
                detached = True
        finally:
            if not detached:
                step("stopping the services (SIGTERM: they commit their offsets and leave their groups)")
                codes = pipeline.stop()
                console.print("  " + ", ".join(f"{n}: exit {c}" for n, c in codes.items()))

    if opts.keep_running:
        feeds_proc = _start_feed_server_process(settings, opts, log_dir)
        running = {name: svc.pid for name, svc in pipeline.services.items() if svc.pid is not None}
        running["demo-feeds"] = feeds_proc.pid
        pid_file(settings, opts.work_dir).write_text(json.dumps(running), "utf-8")
        result.running = running
    print_next_steps(console, result, settings)
    return result


async def _count(settings: Settings, ids: list[str]) -> int:
    from shared.elastic import make_client

    es = make_client(settings)
    try:
        return await count_indexed(es, settings.index_alias, ids)
    except Exception:
        return 0
    finally:
        await es.close()


def _wait_with_progress(
    settings: Settings, ids: list[str], timeout: float, pipeline: Pipeline, console: Console
) -> int:
    with Progress(
        TextColumn("[bold]articles indexed"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as progress:
        task = progress.add_task("indexed", total=len(ids))

        def update(done: int) -> None:
            progress.update(task, completed=done)

        return asyncio.run(
            wait_indexed(settings, ids, timeout, on_progress=update, check=pipeline.check_alive)
        )


def print_summary(
    console: Console, result: DemoResult, data: dict[str, Any], articles: list[DemoArticle]
) -> None:
    console.print()
    console.rule(f"[bold]{result.indexed} demo stories indexed in {result.seconds:.0f}s")
    want_tags: Counter[str] = Counter(t for a in articles for t in a.tags)
    want_tags["(none)"] = sum(1 for a in articles if not a.tags)
    want_langs: Counter[str] = Counter(a.lang for a in articles)

    tags = Table(title="stories per tag")
    tags.add_column("tag")
    tags.add_column("found", justify="right")
    tags.add_column("expected", justify="right")
    for name in (*TAG_NAMES, "(none)"):
        tags.add_row(name, str(result.by_tag.get(name, 0)), str(want_tags.get(name, 0)))
    langs = Table(title="stories per language")
    langs.add_column("language")
    langs.add_column("stories", justify="right")
    for lang in sorted(set(result.by_lang) | set(want_langs)):
        langs.add_row(lang, str(result.by_lang.get(lang, 0)))
    from rich.columns import Columns

    console.print(Columns([tags, langs]))
    stories = data.get("stories") or {}
    if stories:
        shared = stories.get("shared") or {}
        line = f"stories (grouper): {stories.get('count', 0)} story ids for {result.indexed} articles"
        if shared:
            line += "; reported more than once: " + ", ".join(f"{k} ({n})" for k, n in shared.items())
        console.print(line)

    lawsuits = Table(title="newest lawsuits", show_lines=False)
    lawsuits.add_column("published", no_wrap=True)
    lawsuits.add_column("lang")
    lawsuits.add_column("title", ratio=1)
    lawsuits.add_column("organisations")
    for hit in data["lawsuits"].hits:
        lawsuits.add_row((hit.published or "")[:10], hit.lang or "", hit.title or "", ", ".join(hit.orgs))
    console.print(lawsuits)

    example = data["example"]
    found = Table(
        title=f"wirewatch search {EXAMPLE_QUERY!r}  ({example.total} found; "
        "the stories write إنفيديا / أبوظبي)"
    )
    found.add_column("lang")
    found.add_column("title", ratio=1)
    found.add_column("tags")
    for hit in example.hits:
        found.add_row(hit.lang or "", hit.title or "", ", ".join(hit.tags))
    console.print(found)


def print_next_steps(console: Console, result: DemoResult, settings: Settings) -> None:
    console.print()
    console.print("[bold]Next[/bold]")
    lines = [
        (
            f"wirewatch search '{EXAMPLE_QUERY}'",
            "search: accents, case and Arabic letter forms do not matter",
        ),
        ("wirewatch search --tag lawsuit --lang fr", "filter by tag, language, --org, --since 7d"),
        ("wirewatch index stats", "stories per tag and language"),
        ("wirewatch api", "HTTP search API on http://127.0.0.1:8080 (/docs)"),
        ("wirewatch stack down", "stop Kafka and Elasticsearch (the data stays for the next run)"),
    ]
    bin_dir = Path(sys.executable).parent
    on_path = os.environ.get("PATH", "").split(os.pathsep)
    prefix = "" if str(bin_dir) in on_path else f"{_short(bin_dir)}/"
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(style="dim")
    for cmd, what in lines:
        grid.add_row(f"  {prefix}{cmd}", what)
    console.print(grid)
    console.print(f"  logs of this run: {result.log_dir}")
    if result.running:
        pids = ", ".join(f"{n} {p}" for n, p in result.running.items())
        console.print(f"[bold]still running[/bold] (--keep-running): {pids}")
        console.print(f"  stop them with: {prefix}wirewatch demo --stop")
    else:
        console.print("  the services were stopped; `wirewatch demo --keep-running` leaves them up")


def _short(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
