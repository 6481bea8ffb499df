"""A bounded process pool with a per-document time limit, for the asyncio side of the parser.

Built on pebble's ``ProcessPool``: a task that exceeds its timeout has its worker process killed and
replaced (a stuck lxml/trafilatura call cannot wedge the pool), and a worker that dies (segfault,
out of memory) is replaced as well. An ``asyncio.Semaphore`` lets at most one document per worker
into the pool; together with the service's bounded actors and stream buffer, a backlog on the topic
stays on the broker instead of becoming a queue of pages in memory.

Workers are started with the ``spawn`` method (the service process runs an event loop and Kafka
client threads, which must not be forked; spawned workers also measured ~10% cheaper per page than
forkserver-forked ones, which pay copy-on-write faults) and warmed up once (imports, language models).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from pebble import ProcessExpired, ProcessPool

from services.parser.errors import DocumentTimeout, WorkerCrashed

log = logging.getLogger(__name__)

T = TypeVar("T")

# Imported once in the forkserver, so forked workers start with the extraction stack loaded.
_PRELOAD = ["services.parser.extract", "trafilatura", "trafilatura.metadata", "htmldate", "py3langid.langid"]


def warm_up() -> None:
    """Worker initializer: import the extraction stack and load the language model once."""
    from services.parser.extract import extract_article
    from services.parser.langdetect import preload

    try:
        preload()
        extract_article(
            "<html><head><title>warm up</title></head><body><article><p>"
            + "The quick brown fox jumps over the lazy dog. " * 12
            + "</p></article></body></html>"
        )
    except Exception:  # warming up must never stop a worker from starting
        log.debug("warm-up extraction failed", exc_info=True)


class ExtractionPool:
    """``await pool.run(fn, *args, **kwargs)`` runs ``fn`` in a worker process, bounded and timed."""

    def __init__(
        self,
        workers: int,
        *,
        timeout: float = 20.0,
        max_tasks_per_worker: int = 0,
        start_method: str = "spawn",
        initializer: Callable[[], None] | None = warm_up,
        grace: float = 60.0,
    ) -> None:
        self.workers = workers
        self.timeout = timeout
        # Backstop: a document with no answer after timeout + grace (pebble's own limit counts from the
        # moment a worker starts it; grace covers queueing behind other documents and worker start-up)
        # is failed here and the whole pool replaced, whatever state pebble is in.
        self.grace = grace
        # One document per worker at most: a document queued behind a busy worker would sit in
        # pebble's pipe, and a large one blocks pebble's manager thread (and so its timeouts) until
        # that worker reads it. Documents beyond this wait here, on the event loop, instead.
        self.max_in_flight = workers
        self._ctx = multiprocessing.get_context(start_method)
        if start_method == "forkserver":
            self._ctx.set_forkserver_preload(_PRELOAD)
        self._max_tasks = max_tasks_per_worker
        self._initializer = initializer
        self._pool = self._new_pool()
        self._slots: asyncio.Semaphore | None = None
        self.in_flight = 0
        self.timeouts = 0
        self.crashes = 0

    def _new_pool(self) -> ProcessPool:
        return ProcessPool(
            max_workers=self.workers,
            max_tasks=self._max_tasks,
            initializer=self._initializer,
            context=self._ctx,
        )

    def _replace_broken_pool(self) -> None:
        log.error("process pool broken; replacing it")
        old, self._pool = self._pool, self._new_pool()
        try:
            old.stop()
        except Exception:
            log.debug("stopping the broken pool failed", exc_info=True)

    def _semaphore(self) -> asyncio.Semaphore:
        if self._slots is None:  # created lazily, inside the running loop
            self._slots = asyncio.Semaphore(self.max_in_flight)
        return self._slots

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        async with self._semaphore():
            self.in_flight += 1
            future = self._pool.schedule(fn, args=args, kwargs=kwargs, timeout=self.timeout)
            try:
                return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout + self.grace)
            except TimeoutError as exc:
                self.timeouts += 1
                if future.done() and not future.cancelled():  # pebble's limit: worker killed, replaced
                    msg = f"extraction took longer than {self.timeout:g}s; worker killed"
                else:  # the backstop: pebble did not answer at all
                    future.cancel()
                    self._replace_broken_pool()
                    msg = f"no result after {self.timeout + self.grace:g}s; pool replaced"
                raise DocumentTimeout(msg) from exc
            except ProcessExpired as exc:
                self.crashes += 1
                raise WorkerCrashed(f"worker process died (exit code {exc.exitcode})") from exc
            except BrokenProcessPool as exc:  # every worker failed (e.g. the initializer crashed)
                self.crashes += 1
                self._replace_broken_pool()
                raise WorkerCrashed(f"process pool broken: {exc}") from exc
            except asyncio.CancelledError:
                future.cancel()  # pebble stops the worker if the task was running
                task = asyncio.current_task()
                if task is not None and task.cancelling():
                    raise  # we were cancelled (shutdown)
                # the pebble future was cancelled under us (its pool was replaced)
                self.crashes += 1
                raise WorkerCrashed("the process pool was replaced while the document was in it") from None
            finally:
                self.in_flight -= 1

    def close(self, wait: bool = True) -> None:
        """Stop the workers (waits for running documents when ``wait``; else terminates them)."""
        if wait:
            self._pool.close()
        else:
            self._pool.stop()
        self._pool.join(timeout=self.timeout + 5)

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(wait=False)
