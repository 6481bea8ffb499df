"""``wirewatch api``: the HTTP search API (FastAPI), on the same query builder as ``wirewatch search``.

Endpoints: ``GET /search`` (``group=story``: one row per story), ``GET /stories/{id}``,
``GET /articles/{id}``, ``GET /stats``, ``GET /healthz`` (liveness), ``GET /readyz`` (readiness:
503 while Elasticsearch does not answer); the OpenAPI document at ``/openapi.json`` and the
interactive docs at ``/docs`` unless ``WIREWATCH_API_DOCS=false``.

One request cannot stop the API: every query is bounded (``query.validate``, 422 beyond), the
highlighting is Elasticsearch's (no full text comes back), the search has an Elasticsearch timeout
and a client timeout, and turning hits into rows runs in a worker thread.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Annotated, Any, Literal, TypeVar

from elasticsearch import ApiError, BadRequestError, ConnectionTimeout, TransportError
from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from services.api import auth
from services.api import query as s
from services.api.settings import ApiSettings
from shared.config import Settings, get_settings
from shared.elastic import is_healthy, make_client
from shared.errors import ConfigError

log = logging.getLogger(__name__)
T = TypeVar("T")
FIELDS_TTL_SECONDS = 60.0  # how long the list of stemmed subfields is reused before asking again


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
    story_id: str | None = None
    title_highlight: str = Field("", description="HTML-escaped title, matched words in <em>")
    highlight: str = Field(
        "", description="HTML-escaped best fragment of the folded text, matched words in <em>"
    )


class SearchOut(BaseModel):
    total: int
    limit: int
    offset: int
    timed_out: bool = Field(False, description="the search timeout was reached: results may be partial")
    hits: list[HitOut]


class StorySummaryOut(BaseModel):
    reports: int = Field(description="every report of the story")
    langs: dict[str, int] = Field(description="reports per language")
    sources: list[str]
    first_seen: str | None = None
    last_seen: str | None = None
    headline: str | None = Field(None, description="the newest report's title")
    primary_tag: str | None = Field(None, description="the first report's primary tag")


class StoryRowOut(BaseModel):
    story_id: str
    reports: int = Field(description="reports of the story that match the query")
    langs: dict[str, int] = Field(description="those reports per language")
    first_seen: str | None = Field(None, description="earliest publication date of those reports")
    last_seen: str | None = Field(None, description="latest publication date of those reports")
    top: HitOut
    summary: StorySummaryOut | None = Field(
        None, description="the story's stored totals, over every report (matching the query or not)"
    )


class StoriesOut(BaseModel):
    total: int = Field(description="stories that match (approximate beyond 3000)")
    limit: int
    offset: int
    timed_out: bool = False
    stories: list[StoryRowOut]


class StoryOut(BaseModel):
    story_id: str
    reports: int = Field(description="the reports listed")
    langs: dict[str, int]
    hits: list[HitOut]
    summary: StorySummaryOut | None = Field(None, description="the story's stored totals")


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


class Principal(BaseModel):
    name: str
    scopes: frozenset[str]


def _error(status: int, detail: str, headers: dict[str, str] | None = None) -> HTTPException:
    return HTTPException(status_code=status, detail=detail, headers=headers)


def create_app(settings: Settings | None = None, api_settings: ApiSettings | None = None) -> FastAPI:
    settings = settings or get_settings()
    opts = api_settings or ApiSettings()
    alias = settings.index_alias
    limits = s.Limits.of(opts)
    try:
        keys = auth.KeyStore(opts.keys, opts.keys_file) if opts.auth == "keys" else None
    except (OSError, auth.KeyEntryError) as exc:
        raise ConfigError(f"API keys (WIREWATCH_API_KEYS, WIREWATCH_API_KEYS_FILE): {exc}") from exc
    limiter = auth.RateLimiter(opts.rate_per_second, opts.rate_burst, opts.rate_max_clients)
    fields_cache: dict[str, Any] = {"at": -1e9, "fields": ()}
    if opts.auth == "keys" and keys is not None and not keys.keys():
        raise ConfigError(
            "WIREWATCH_API_AUTH=keys but no key is configured (WIREWATCH_API_KEYS_FILE or _KEYS)"
        )
    slots = asyncio.Semaphore(opts.max_concurrent_searches)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.es = make_client(settings, request_timeout=opts.request_timeout, max_retries=0)
        await asyncio.to_thread(s.orgs_in_query, "warm up")  # load the gazetteer off the loop, once
        try:
            yield
        finally:
            await app.state.es.close()

    app = FastAPI(
        title="Wirewatch search API",
        version="1",
        description="Search the articles Wirewatch indexed: full text in ar/fr/de/en (accent, case and "
        "Arabic alef/hamza/tatweel/diacritic insensitive), filters by tag, organisation, language, date; "
        "one row per story with group=story.",
        lifespan=lifespan,
        docs_url="/docs" if opts.docs else None,
        redoc_url="/redoc" if opts.docs else None,
        openapi_url="/openapi.json" if opts.docs else None,
    )

    @app.exception_handler(s.QueryError)
    async def bad_query(request: Request, exc: s.QueryError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": str(exc)})

    async def elastic(call: Awaitable[T]) -> T:
        """An Elasticsearch call (at most max_concurrent_searches at once), its failures as clear
        HTTP errors instead of 500s."""
        try:
            await asyncio.wait_for(slots.acquire(), timeout=opts.request_timeout)
        except TimeoutError as exc:
            close = getattr(call, "close", None)
            if close is not None:
                close()  # the coroutine never ran
            raise _error(503, "too many searches at once; retry", {"Retry-After": "1"}) from exc
        try:
            return await call
        except BadRequestError as exc:
            raise _error(422, f"query rejected by Elasticsearch: {_reason(exc)}") from exc
        except ConnectionTimeout as exc:
            raise _error(504, f"Elasticsearch did not answer within {opts.request_timeout:g} s") from exc
        except ApiError as exc:
            raise _error(503, f"Elasticsearch error {exc.meta.status}: {_reason(exc)}") from exc
        except TransportError as exc:
            raise _error(503, "Elasticsearch unavailable") from exc
        finally:
            slots.release()

    def principal_of(request: Request) -> Principal:
        if opts.auth == "header":
            user = (request.headers.get(opts.trusted_header) or "").strip()
            if not user or len(user) > 256:
                raise _error(401, f"authentication required ({opts.trusted_header} from the proxy)")
            return Principal(name=f"user:{user}", scopes=auth.SCOPES)
        if keys is not None:
            presented = request.headers.get("x-api-key") or ""
            authorization = request.headers.get("authorization") or ""
            if not presented and authorization[:7].lower() == "bearer ":
                presented = authorization[7:].strip()
            challenge = {"WWW-Authenticate": "Bearer"}
            if not presented:
                raise _error(401, "API key required (Authorization: Bearer <key> or X-API-Key)", challenge)
            key = keys.lookup(presented) if len(presented) <= auth.MAX_KEY_CHARS else None
            if key is None:
                raise _error(401, "unknown API key", challenge)
            if key.revoked:
                raise _error(403, f"API key {key.name!r} is revoked")
            return Principal(name=f"key:{key.name}", scopes=key.scopes)
        client = request.client.host if request.client else "unknown"
        return Principal(name=f"addr:{client}", scopes=auth.SCOPES)

    def require(scope: str) -> Callable[[Request], Principal]:
        def check(request: Request) -> Principal:
            who = principal_of(request)
            if scope not in who.scopes:
                raise _error(403, f"this API key has no {scope!r} scope")
            wait = limiter.take(who.name)
            if wait is not None:
                raise _error(
                    429,
                    f"rate limit: {opts.rate_per_second:g} requests/s, bursts of {opts.rate_burst}",
                    {"Retry-After": auth.retry_after(wait)},
                )
            return who

        return check

    async def stemmed(request: Request) -> tuple[str, ...]:
        now = time.monotonic()
        if now - fields_cache["at"] > FIELDS_TTL_SECONDS:
            found = await s.stemmed_fields_of(request.app.state.es, alias)
            if found is not None:  # not known (Elasticsearch did not answer): ask again next time
                fields_cache["fields"] = found
                fields_cache["at"] = now
        return tuple(fields_cache["fields"])

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
        req = s.SearchRequest(
            text=q,
            tags=tag or [],
            orgs=org or [],
            langs=lang or [],
            sources=source or [],
            since=s.parse_since(since, max_days=opts.max_since_days),
            limit=limit,
            offset=offset,
        )
        s.validate(req, limits)
        return req

    # (dependencies as defaults: the annotations are strings, resolved in the module, not here)
    search_scope = Depends(require("search"))
    articles_scope = Depends(require("articles"))

    @app.get(
        "/search",
        response_model=SearchOut | StoriesOut,
        summary="Full-text search with filters; group=story: one row per story",
    )
    async def search_endpoint(
        request: Request,
        _who: Principal = search_scope,
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
        limit: Annotated[int, Query(description="page size (at most WIREWATCH_API_MAX_LIMIT)")] = 20,
        offset: Annotated[int, Query(description="offset + limit at most WIREWATCH_API_MAX_WINDOW")] = 0,
        group: Annotated[
            Literal["story"] | None, Query(description="story: one row per story (collapsed on story_id)")
        ] = None,
    ) -> SearchOut | StoriesOut:
        req = request_of(q, tag, org, lang, source, since, limit, offset)
        fields = await stemmed(request)
        es = request.app.state.es
        if group == "story":
            grouped = await elastic(s.search_stories(es, alias, req, limits=limits, stemmed_fields=fields))
            return StoriesOut(
                total=grouped.total,
                limit=limit,
                offset=offset,
                timed_out=grouped.timed_out,
                stories=[StoryRowOut(**row.to_json()) for row in grouped.stories],
            )
        result = await elastic(s.search(es, alias, req, limits=limits, stemmed_fields=fields))
        return SearchOut(
            total=result.total,
            limit=limit,
            offset=offset,
            timed_out=result.timed_out,
            hits=[HitOut(**h.to_json()) for h in result.hits],
        )

    @app.get("/stories/{story_id}", response_model=StoryOut, summary="The reports of one story")
    async def story_endpoint(request: Request, story_id: str, _who: Principal = search_scope) -> StoryOut:
        if len(story_id) > 1024:
            raise _error(422, "story id: at most 1024 characters")
        hits = await elastic(s.story_reports(request.app.state.es, alias, story_id, opts.story_max_reports))
        if hits is None:
            raise _error(404, f"no story {story_id}")
        langs: dict[str, int] = {}
        for h in hits:
            langs[h.lang or "unknown"] = langs.get(h.lang or "unknown", 0) + 1
        summary = (await s.story_summaries(request.app.state.es, alias, [story_id])).get(story_id)
        return StoryOut(
            story_id=story_id,
            reports=len(hits),
            langs=langs,
            hits=[HitOut(**h.to_json()) for h in hits],
            summary=StorySummaryOut(**summary) if summary else None,
        )

    @app.get("/articles/{article_id}", summary="One indexed article")
    async def article_endpoint(
        request: Request, article_id: str, _who: Principal = articles_scope
    ) -> dict[str, Any]:
        if len(article_id) > 1024:
            raise _error(422, "article id: at most 1024 characters")
        doc = await elastic(s.get_article(request.app.state.es, alias, article_id))
        if doc is None:
            raise _error(404, f"no article {article_id}")
        return doc

    @app.get(
        "/stats", response_model=StatsOut, summary="Counts by tag, language, source, organisation and day"
    )
    async def stats_endpoint(
        request: Request,
        _who: Principal = search_scope,
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
        fields = await stemmed(request)
        return StatsOut(
            **await elastic(s.stats(request.app.state.es, alias, req, days=days, stemmed_fields=fields))
        )

    async def es_answers(request: Request) -> bool:
        # Bounded and without retries, so a hung Elasticsearch makes the check fail within
        # health_timeout instead of outlasting the probe's own timeout.
        es = request.app.state.es.options(request_timeout=opts.health_timeout, max_retries=0)
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


def _reason(exc: ApiError) -> str:
    """Elasticsearch's root-cause reason of an error, shortened."""
    body = exc.body if isinstance(exc.body, dict) else {}
    error = body.get("error", {}) if isinstance(body.get("error"), dict) else {}
    causes = error.get("root_cause") or [error]
    reason = str((causes[0] or {}).get("reason") or exc.message)
    return reason[:300]


def serve(
    settings: Settings | None = None,
    api_settings: ApiSettings | None = None,
    host: str | None = None,
    port: int | None = None,
) -> None:
    import uvicorn

    opts = api_settings or ApiSettings()
    listen = host or opts.host
    if opts.auth == "none" and listen not in ("127.0.0.1", "localhost", "::1"):
        log.warning(
            "the search API listens on %s without authentication (WIREWATCH_API_AUTH=none): "
            "set WIREWATCH_API_AUTH=keys or header unless a proxy in front authenticates",
            listen,
        )
    uvicorn.run(
        create_app(settings, opts),
        host=listen,
        port=port or opts.port,
        log_level="info",
        access_log=False,
    )
