"""Settings of the search API and of ``wirewatch search`` (``WIREWATCH_API_*``).

The API used to be configured by ``WIREWATCH_INDEXER_API_HOST``, ``..._API_PORT``,
``..._API_HEALTH_TIMEOUT`` and ``WIREWATCH_INDEXER_SEARCH_MAX_LIMIT``; those names are still read
when the new ones are not set (the new name wins).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, Field

from shared.config import CommaList, ServiceSettings, service_prefix

PREFIX = service_prefix("api")


def _env(name: str, *old: str) -> Any:
    """Accept ``WIREWATCH_API_<NAME>`` first, then the old names, and the field name in Python."""
    return AliasChoices(f"{PREFIX}{name.upper()}", *old, name)


class ApiSettings(ServiceSettings, service="api", populate_by_name=True):
    """Listen address, query bounds, timeouts, authentication and rate limit of the search API."""

    host: str = Field(
        "127.0.0.1",
        validation_alias=_env("host", "WIREWATCH_INDEXER_API_HOST"),
        description="address `wirewatch api` listens on",
    )
    port: int = Field(
        8080,
        validation_alias=_env("port", "WIREWATCH_INDEXER_API_PORT"),
        description="port of `wirewatch api`",
    )
    health_timeout: float = Field(
        3.0,
        gt=0,
        validation_alias=_env("health_timeout", "WIREWATCH_INDEXER_API_HEALTH_TIMEOUT"),
        description="bound of the Elasticsearch check behind /healthz and /readyz, seconds",
    )
    # --- query bounds (422 beyond them) -------------------------------------------------------
    max_limit: int = Field(
        200,
        ge=1,
        le=10_000,
        validation_alias=_env("max_limit", "WIREWATCH_INDEXER_SEARCH_MAX_LIMIT"),
        description="largest page size of a search",
    )
    max_window: int = Field(
        10_000,
        ge=1,
        le=10_000,
        description="offset + limit at most this (Elasticsearch's index.max_result_window)",
    )
    max_query_chars: int = Field(500, ge=1, description="longest query text q, characters")
    max_query_terms: int = Field(32, ge=1, description="most words/prefixes in a query")
    max_prefix_terms: int = Field(4, ge=0, description="most prefix terms (word*) in a query")
    min_prefix_chars: int = Field(
        2,
        ge=1,
        description="shortest prefix before a * (a* would match nearly every word)",
    )
    max_filter_values: int = Field(
        50,
        ge=1,
        description="most values of one repeatable filter (tag, org, lang, source)",
    )
    max_since_days: int = Field(36_600, ge=1, description="since at most this many days back")
    # --- Elasticsearch work per request -------------------------------------------------------
    search_timeout: float = Field(
        5.0,
        gt=0,
        description="Elasticsearch search timeout, seconds (partial results, timed_out: true, after it)",
    )
    request_timeout: float = Field(
        10.0,
        gt=0,
        description="client timeout of one Elasticsearch request, seconds (504 after it)",
    )
    max_concurrent_searches: int = Field(
        16,
        ge=1,
        description="searches one API process runs at once; more wait up to request_timeout, then 503",
    )
    highlight_max_analyzed_offset: int = Field(
        100_000,
        ge=1000,
        le=1_000_000,
        description="highlighting looks at the first N characters of a text (the rest is still searched)",
    )
    fragment_chars: int = Field(220, ge=50, le=2000, description="size of a text fragment")
    story_max_reports: int = Field(
        200,
        ge=1,
        le=10_000,
        description="most reports listed for one story (GET /stories/{id}, wirewatch story)",
    )
    # --- authentication -----------------------------------------------------------------------
    auth: Literal["none", "keys", "header"] = Field(
        "none",
        description="none (local default), keys (API keys) or header (an authenticating proxy's header)",
    )
    keys: CommaList = Field(
        default_factory=list,
        description="API keys as name:sha256-hex[:scope+scope][:revoked] (hashes only; `wirewatch api keys`)",
    )
    keys_file: Path | None = Field(
        None,
        description="file of API keys, one name:sha256[:scopes][:revoked] a line (re-read when it changes)",
    )
    trusted_header: str = Field(
        "X-Forwarded-User",
        description="header naming the user in auth=header mode (only then honoured)",
    )
    rate_per_second: float = Field(5.0, gt=0, description="requests per second per key/user")
    rate_burst: int = Field(20, ge=1, description="requests a key/user may make at once")
    rate_max_clients: int = Field(
        10_000,
        ge=1,
        description="rate-limit buckets kept in memory (the least recently used are dropped)",
    )
    docs: bool = Field(
        True,
        description="serve /docs and /openapi.json (set false in production)",
    )
