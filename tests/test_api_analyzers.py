"""Language analyzers where the cluster has them: the local integ-test Elasticsearch has none (the
template keeps the folded fields only), and a full distribution -- its recorded ``_analyze``
answers replayed by a real local HTTP server -- gets stemmed subfields of ``title``/``text`` per
language, which the query builder then searches beside the folded fields."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from elasticsearch import AsyncElasticsearch

from services.api import query as s
from services.indexer import index as idx
from shared.config import Settings
from tests.indexer_helpers import es_client

RECORDED = json.loads((Path(__file__).parent / "data" / "es_full_distribution.json").read_text("utf-8"))


class FullDistribution(BaseHTTPRequestHandler):
    """Answers as a full Elasticsearch 9 distribution does (recorded answers), and records the
    index template it is sent."""

    templates: ClassVar[dict[str, Any]] = {}

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _answer(self, status: int, body: Any) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _body(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length) or b"{}")

    def do_POST(self) -> None:
        if self.path.split("?")[0] == "/_analyze":
            analyzer = self._body().get("analyzer", "")
            if analyzer in RECORDED["analyze"]:
                return self._answer(200, RECORDED["analyze"][analyzer])
            error = json.loads(json.dumps(RECORDED["unknown_analyzer"]).replace("ANALYZER", analyzer))
            return self._answer(400, error)
        self._answer(404, {"error": "not recorded", "status": 404})

    def do_PUT(self) -> None:
        path = self.path.split("?")[0]
        if path.startswith("/_index_template/"):
            type(self).templates[path.rsplit("/", 1)[1]] = self._body()
            return self._answer(200, {"acknowledged": True})
        self._body()
        self._answer(200, {"acknowledged": True, "shards_acknowledged": True, "index": path.strip("/")})

    def do_HEAD(self) -> None:
        self._answer(404, {})


@pytest.fixture
def full_distribution() -> Iterator[str]:
    FullDistribution.templates = {}
    server = ThreadingHTTPServer(("127.0.0.1", 0), FullDistribution)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


async def test_local_cluster_has_no_language_analyzers_and_keeps_the_folded_fields(
    settings: Settings,
) -> None:
    async with es_client(settings) as es:
        assert await idx.detect_analyzers(es) == []
        info = await idx.setup(es, settings.index_alias)
        assert info["analyzers"] == []
        template = (await es.indices.get_index_template(name=idx.template_name(settings.index_alias)))[
            "index_templates"
        ][0]["index_template"]
        props = template["template"]["mappings"]["properties"]
        assert "fields" not in props["text"] and set(props["title"]["fields"]) == {"keyword"}
        assert props["search_text"]["analyzer"] == "standard"  # the fallback every cluster has
        assert template["_meta"]["analyzers"] == []
        assert template["template"]["settings"]["index"]["highlight"]["max_analyzed_offset"] == str(
            idx.HIGHLIGHT_MAX_ANALYZED_OFFSET
        )
        assert await s.stemmed_fields_of(es, settings.index_alias) == ()


async def test_full_distribution_gets_stemmed_subfields(full_distribution: str) -> None:
    es = AsyncElasticsearch(hosts=[full_distribution], request_timeout=10)
    try:
        assert await idx.detect_analyzers(es) == list(idx.STEMMED_ANALYZERS)
        info = await idx.setup(es, "wirewatch-full")
    finally:
        await es.close()
    assert info["analyzers"] == list(idx.STEMMED_ANALYZERS)
    body = FullDistribution.templates[idx.template_name("wirewatch-full")]
    props = body["template"]["mappings"]["properties"]
    for parent in ("title", "text"):
        for analyzer in ("arabic", "french", "german", "english", "spanish"):
            assert props[parent]["fields"][analyzer] == {"type": "text", "analyzer": analyzer}
    assert props["title"]["fields"]["keyword"]["type"] == "keyword"
    assert props["search_text"] == {"type": "text", "analyzer": "standard"}  # still there: the fallback
    assert body["_meta"]["analyzers"] == list(idx.STEMMED_ANALYZERS)


def test_only_the_analyzers_a_cluster_has_are_used() -> None:
    mapping = idx.template_body("a", analyzers=["french", "klingon"])["template"]["mappings"]
    assert set(mapping["properties"]["text"]["fields"]) == {"french"}
    assert idx.MAPPING["properties"]["text"] == {"type": "text"}  # the base mapping is not modified


def test_queries_use_the_stemmed_fields_beside_the_folded_ones() -> None:
    query = s.build_query(s.SearchRequest(text="Chevaux"), stemmed_fields=("text.french", "title.french^3"))
    should = query["bool"]["must"][0]["bool"]["should"]
    folded, stemmed = should[0]["simple_query_string"], should[1]["simple_query_string"]
    assert folded["query"] == "chevaux" and "search_text" in folded["fields"]
    assert stemmed["query"] == "Chevaux" and stemmed["fields"] == ["text.french", "title.french^3"]
    assert query["bool"]["must"][0]["bool"]["minimum_should_match"] == 1
    plain = s.build_query(s.SearchRequest(text="Chevaux"))
    assert "simple_query_string" in plain["bool"]["must"][0]  # no stemmed fields: the folded query only
