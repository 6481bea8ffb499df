"""``wirewatch api``: the HTTP search API (FastAPI), on the same query builder as ``wirewatch search``.

Endpoints: ``GET /search``, ``GET /articles/{id}``, ``GET /stats``, ``GET /healthz`` (liveness),
``GET /readyz`` (readiness: 503 while Elasticsearch does not answer); the OpenAPI document is at
``/openapi.json`` and the interactive docs at ``/docs``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request, Response
from pydantic import BaseModel, Field

from services.indexer import search as s
from services.indexer.settings import IndexerSettings
from shared.config import Settings, get_settings
from shared.elastic import is_healthy, make_client


class HitOut(BaseModel):
    id: str
    index: str
    score: float | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    lang: str | None = None
    tags: list[str] = Field(default_factory=list)
    primary_tag: str | None = None
    orgs: list[str] = Field(default_factory=list)
    published: str | None = None
    amounts: list[dict[str, Any]] = Field(default_factory=list)
    title_highlight: str = Field("", description="HTML-escaped title, matched words in <em>")
    highlight: str = Field("", description="HTML-escaped best fragment of the text, matched words in <em>")


class SearchOut(BaseModel):
    total: int
    limit: int
    offset: int
    hits: list[HitOut]


class StatsOut(BaseModel):
    total: int
    by_tag: dict[str, int]
    by_lang: dict[str, int]
    by_source: dict[str, int]
    top_orgs: dict[str, int]
    by_day: dict[str, int] = Field(description="articles per publication day (yyyy-MM-dd)")


class HealthOut(BaseModel):
    status: str
    elasticsearch: bool
    alias: str


class ReadyOut(BaseModel):
    status: str = Field(description='"ready", or "unavailable" (with status code 503)')
    elasticsearch: bool
    alias: str


def create_app(settings: Settings | None = None, indexer_settings: IndexerSettings | None = None) -> FastAPI:
    settings = settings or get_settings()
    opts = indexer_settings or IndexerSettings()
    alias = settings.index_alias

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.es = make_client(settings, request_timeout=opts.request_timeout)
        try:
            yield
        finally:
            await app.state.es.close()

    app = FastAPI(
        title="Wirewatch search API",
        version="1",
        description="Search the articles Wirewatch indexed: full text in ar/fr/de/en (accent, case and "
        "Arabic alef/hamza/tatweel/diacritic insensitive), filters by tag, organisation, language, date.",
        lifespan=lifespan,
    )

    def request_of(
        q: str,
        tag: list[str] | None,
        org: list[str] | None,
        lang: list[str] | None,
        source: list[str] | None,
        since: str | None,
        limit: int,
        offset: int,
    ) -> s.SearchRequest:
        try:
            since_dt = s.parse_since(since)
        except ValueError as exc:
            raise HTTPException(status_code=422, detail=str(exc)) from exc
        return s.SearchRequest(
            text=q,
            tags=tag or [],
            orgs=org or [],
            langs=lang or [],
            sources=source or [],
            since=since_dt,
            limit=limit,
            offset=offset,
        )

    @app.get("/search", response_model=SearchOut, summary="Full-text search with filters")
    async def search_endpoint(
        request: Request,
        q: Annotated[
            str, Query(description='query: words (all required), "phrase", a | b, -not, prefix*')
        ] = "",
        tag: Annotated[list[str] | None, Query(description="tag filter (repeatable, any of)")] = None,
        org: Annotated[
            list[str] | None, Query(description="organisation (repeatable, any of; case-insensitive)")
        ] = None,
        lang: Annotated[list[str] | None, Query(description="language code (repeatable)")] = None,
        source: Annotated[list[str] | None, Query(description="source name (repeatable)")] = None,
        since: Annotated[str | None, Query(description="7d, 12h, 2w, 30m or an ISO date")] = None,
        limit: Annotated[
            int, Query(ge=1, description="page size (at most WIREWATCH_INDEXER_SEARCH_MAX_LIMIT)")
        ] = 20,
        offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
    ) -> SearchOut:
        if limit > opts.search_max_limit:
            raise HTTPException(status_code=422, detail=f"limit: at most {opts.search_max_limit}")
        req = request_of(q, tag, org, lang, source, since, limit, offset)
        result = await s.search(request.app.state.es, alias, req, opts.search_max_limit)
        return SearchOut(
            total=result.total, limit=limit, offset=offset, hits=[HitOut(**h.to_json()) for h in result.hits]
        )

    @app.get("/articles/{article_id}", summary="One indexed article")
    async def article_endpoint(request: Request, article_id: str) -> dict[str, Any]:
        doc = await s.get_article(request.app.state.es, alias, article_id)
        if doc is None:
            raise HTTPException(status_code=404, detail=f"no article {article_id}")
        return doc

    @app.get(
        "/stats", response_model=StatsOut, summary="Counts by tag, language, source, organisation and day"
    )
    async def stats_endpoint(
        request: Request,
        q: str = "",
        tag: Annotated[list[str] | None, Query()] = None,
        org: Annotated[list[str] | None, Query()] = None,
        lang: Annotated[list[str] | None, Query()] = None,
        since: Annotated[str | None, Query(description="7d, 12h, 2w or an ISO date")] = None,
        days: Annotated[
            int, Query(ge=1, le=3660, description="days of the per-day counts without since")
        ] = 30,
    ) -> StatsOut:
        req = request_of(q, tag, org, lang, None, since, 1, 0)
        return StatsOut(**await s.stats(request.app.state.es, alias, req, days=days))

    async def es_answers(request: Request) -> bool:
        # Bounded and without retries, so a hung Elasticsearch makes the check fail within
        # api_health_timeout instead of outlasting the probe's own timeout.
        es = request.app.state.es.options(request_timeout=opts.api_health_timeout, max_retries=0)
        return await is_healthy(es)

    @app.get("/healthz", response_model=HealthOut, summary="Liveness, and whether Elasticsearch answers")
    async def healthz(request: Request) -> HealthOut:
        # Always 200 while the process serves (a liveness probe must not restart the API because
        # Elasticsearch is down); ``status`` is "degraded" when Elasticsearch does not answer.
        es_ok = await es_answers(request)
        return HealthOut(status="ok" if es_ok else "degraded", elasticsearch=es_ok, alias=alias)

    @app.get(
        "/readyz",
        response_model=ReadyOut,
        summary="Readiness: 200 when Elasticsearch answers (yellow/green), 503 otherwise",
        responses={503: {"model": ReadyOut, "description": "Elasticsearch does not answer"}},
    )
    async def readyz(request: Request, response: Response) -> ReadyOut:
        # The readiness probe / compose healthcheck: a replica that cannot reach Elasticsearch
        # leaves the load balancer (it would only answer 500s) but is not restarted.
        es_ok = await es_answers(request)
        if not es_ok:
            response.status_code = 503
        return ReadyOut(status="ready" if es_ok else "unavailable", elasticsearch=es_ok, alias=alias)

    return app


def serve(
    settings: Settings | None = None,
    indexer_settings: IndexerSettings | None = None,
    host: str | None = None,
    port: int | None = None,
) -> None:
    import uvicorn

    opts = indexer_settings or IndexerSettings()
    uvicorn.run(
        create_app(settings, opts),
        host=host or opts.api_host,
        port=port or opts.api_port,
        log_level="info",
        access_log=False,
    )
