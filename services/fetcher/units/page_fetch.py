"""One article page fetched: a ``Published`` RawItem or why it ``Failed`` (sends nothing itself, so
it is tested against a real local HTTP server alone)."""

from __future__ import annotations

import asyncio
import logging
import time

from services.fetcher import metrics as m
from services.fetcher.charsets import decode_html
from services.fetcher.errors import FetchError, FetchKind
from services.fetcher.http import HttpClient
from services.fetcher.polling import EntryRecord
from services.fetcher.settings import FetcherSettings
from services.fetcher.units import page_record as rec

log = logging.getLogger("services.fetcher.service")


async def fetch_page(
    client: HttpClient, fs: FetcherSettings, entry: EntryRecord
) -> rec.Published | rec.Failed:
    """Never raises: a bug or an input nobody foresaw is a ``page_error`` failure (permanent)."""
    try:
        return await _fetch(client, fs, entry)
    except Exception as exc:
        log.exception("page fetch crashed", extra={"article_id": entry.id})
        return rec.failure(FetchError(FetchKind.ERROR, f"{type(exc).__name__}: {exc}"))


async def _fetch(client: HttpClient, fs: FetcherSettings, entry: EntryRecord) -> rec.Published | rec.Failed:
    started = time.perf_counter()
    try:
        resp = await client.get(
            entry.entry_url, max_bytes=fs.max_page_bytes, accept=rec.PAGE_ACCEPT, deadline=fs.page_deadline
        )
        rec.check_content_type(entry.entry_url, resp)
    except FetchError as exc:
        m.FETCH_SECONDS.labels("page").observe(time.perf_counter() - started)
        return rec.failure(exc)
    m.FETCH_SECONDS.labels("page").observe(time.perf_counter() - started)
    html, charset = await asyncio.to_thread(decode_html, resp.body, resp.content_type)
    try:
        return rec.Published(rec.encoded(rec.raw_item(entry, resp, html, charset), len(resp.body)))
    except FetchError as exc:  # too large once encoded
        return rec.failure(exc)
