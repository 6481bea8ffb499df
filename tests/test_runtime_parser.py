"""The parser's handler on the stage runtime, without Kafka: its declaration, a page over the size
limit rejected before the pool, and one real page through a one-worker pool."""

from __future__ import annotations

from services.parser.errors import ParserError
from services.parser.service import AGENT, ParseBatch, stage
from services.parser.settings import ParserSettings
from shared.contracts import ParsedArticle, RawItem
from shared.runtime import Emit, Reject
from shared.topics import PARSED, RAW


def raw(ident: str, html: str) -> RawItem:
    url = f"https://news.example.org/{ident}"
    return RawItem(
        id=ident, feed_url="https://news.example.org/feed.xml", source="example", entry_url=url,
        canonical_url=url, final_url=url, http_status=200, content_type="text/html", html=html,
    )  # fmt: skip


PAGE = (
    "<html><head><title>Mistral AI releases an open model</title></head><body><article>"
    "<h1>Mistral AI releases an open model</h1>"
    + "".join(f"<p>Paragraph {i}: Mistral AI released the weights of its new model on Tuesday, "
              "under the Apache 2.0 licence, for researchers and companies.</p>" for i in range(8))
    + "</article></body></html>"
)  # fmt: skip


def test_the_parser_stage_keeps_its_agent_concurrency_and_batches_of_one() -> None:
    ps = ParserSettings(workers=2)
    s = stage(ps)
    assert s.name == "parser" and s.agent == AGENT == "parse-raw"
    assert s.input is RAW and s.outputs == (PARSED,)
    assert s.batch_size == 1 and s.offload == "loop" and s.concurrency == ps.in_flight_limit == 4
    assert s.app_options["stream_buffer_maxsize"] == ps.stream_buffer_size


async def test_too_large_pages_are_rejected_without_the_pool_and_pages_become_articles() -> None:
    handler = ParseBatch(ParserSettings(workers=1, max_input_bytes=len(PAGE.encode()) + 10))
    try:
        big = raw("big", PAGE + "x" * 100)
        [too_large] = await handler([big])
        assert isinstance(too_large, Reject)
        assert too_large.error == ParserError.PAGE_TOO_LARGE and too_large.error == "page_too_large"
        assert handler._pool is None  # the size check comes first: no worker was started for it
        [out] = await handler([raw("ok", PAGE)])
        assert not isinstance(out, Reject)
        [emit] = out
        assert isinstance(emit, Emit) and emit.topic is PARSED and emit.key == b"ok"
        article = ParsedArticle.decode(emit.value)
        assert article.title == "Mistral AI releases an open model" and "Apache 2.0" in article.text
    finally:
        handler.close()
