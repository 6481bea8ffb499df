"""The parser's process pool: results, per-document timeout, crashed workers, bounded in-flight."""

from __future__ import annotations

import asyncio
import os

import pytest

from services.parser.errors import DocumentTimeout, ExtractionError, WorkerCrashed
from services.parser.extract import extract_article
from services.parser.pool import ExtractionPool
from tests.test_parser_extract import EN_PARAS, page


def spin_forever(_: str) -> None:  # a stuck document: never returns
    while True:
        pass


def die(_: str) -> None:  # a worker killed under the document (segfault, OOM killer)
    os._exit(9)


def pid_of(_: str) -> int:
    return os.getpid()


PAGE = page(EN_PARAS, title="Pool page")


async def test_stuck_and_crashing_documents_do_not_wedge_the_pool() -> None:
    with ExtractionPool(2, timeout=5) as pool:
        results = await asyncio.gather(
            pool.run(spin_forever, "x"),
            pool.run(die, "x"),
            pool.run(extract_article, PAGE),
            return_exceptions=True,
        )
        assert isinstance(results[0], DocumentTimeout)
        assert isinstance(results[1], WorkerCrashed)
        assert isinstance(results[2], dict) and results[2]["title"] == "Pool page"
        # the pool still works afterwards, on fresh workers, and twice more stuck documents are handled
        again = await asyncio.gather(*(pool.run(extract_article, PAGE) for _ in range(4)))
        assert all(r["lang"] == "en" for r in again)
        with pytest.raises(DocumentTimeout):
            await pool.run(spin_forever, "x")
        assert (await pool.run(extract_article, PAGE))["word_count"] > 50
        assert pool.timeouts == 2 and pool.crashes == 1


async def test_extraction_errors_cross_the_process_boundary() -> None:
    with ExtractionPool(1, timeout=10, initializer=None) as pool:
        with pytest.raises(ExtractionError) as err:
            await pool.run(extract_article, "")
        assert err.value.kind == "empty_page"


async def test_in_flight_work_is_bounded() -> None:
    with ExtractionPool(1, timeout=10, initializer=None) as pool:
        peak = 0

        async def one() -> int:
            nonlocal peak
            task = asyncio.ensure_future(pool.run(pid_of, "x"))
            await asyncio.sleep(0)
            peak = max(peak, pool.in_flight)
            return await task

        pids = await asyncio.gather(*(one() for _ in range(10)))
        assert len(set(pids)) == 1  # one worker reused
        assert peak == 1  # one document per worker in the pool; the rest wait on the event loop
