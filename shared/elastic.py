"""Elasticsearch client factory and health wait."""

from __future__ import annotations

import asyncio
from typing import Any

from elasticsearch import AsyncElasticsearch

from shared.config import Settings


def client_options(settings: Settings) -> dict[str, Any]:
    opts: dict[str, Any] = {"hosts": [settings.elasticsearch_url], "request_timeout": 30}
    if settings.elasticsearch_api_key:
        opts["api_key"] = settings.elasticsearch_api_key.get_secret_value()
    elif settings.elasticsearch_username and settings.elasticsearch_password:
        opts["basic_auth"] = (
            settings.elasticsearch_username,
            settings.elasticsearch_password.get_secret_value(),
        )
    return opts


def make_client(settings: Settings, **overrides: Any) -> AsyncElasticsearch:
    return AsyncElasticsearch(**{**client_options(settings), **overrides})


async def is_healthy(es: AsyncElasticsearch) -> bool:
    """True when the cluster answers and is yellow or green."""
    try:
        health = await es.cluster.health(timeout="2s")
    except Exception:
        return False
    return health.get("status") in ("yellow", "green")


async def wait_healthy(es: AsyncElasticsearch, timeout: float = 120.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        if await is_healthy(es):
            return
        await asyncio.sleep(1.0)
    raise TimeoutError(f"Elasticsearch not yellow/green after {timeout}s")
