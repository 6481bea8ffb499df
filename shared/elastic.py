"""Elasticsearch client factory and health wait.

Credentials, in order: ``WIREWATCH_ELASTICSEARCH_API_KEY`` (the service's own API key, sent as
``Authorization: ApiKey ...``), else the key read from ``WIREWATCH_ELASTICSEARCH_API_KEY_FILE``
(a mounted secret), else ``_USERNAME`` / ``_PASSWORD`` (basic auth: the setup job's admin user).
``WIREWATCH_ELASTICSEARCH_CA_FILE``: the CA that an ``https://`` cluster's certificate must chain to
(certificates are always verified).
"""

from __future__ import annotations

import asyncio
from typing import Any

from elasticsearch import AsyncElasticsearch

from shared.config import Settings
from shared.errors import ConfigError


class ElasticConfigError(ConfigError):
    """Settings that cannot make a working client (the message never holds a secret)."""


def api_key(settings: Settings) -> str | None:
    """The service's API key: the setting, else the first line of the key file; None when neither."""
    if settings.elasticsearch_api_key and settings.elasticsearch_api_key.get_secret_value():
        return settings.elasticsearch_api_key.get_secret_value()
    path = settings.elasticsearch_api_key_file
    if path is None:
        return None
    try:
        key = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        reason = exc.strerror
        raise ElasticConfigError(f"cannot read the Elasticsearch API key file {path}: {reason}") from None
    if not key:
        raise ElasticConfigError(f"the Elasticsearch API key file {path} is empty")
    return key


def client_options(settings: Settings) -> dict[str, Any]:
    opts: dict[str, Any] = {"hosts": [settings.elasticsearch_url], "request_timeout": 30}
    key = api_key(settings)
    if key:
        opts["api_key"] = key
    elif settings.elasticsearch_username and settings.elasticsearch_password:
        opts["basic_auth"] = (
            settings.elasticsearch_username,
            settings.elasticsearch_password.get_secret_value(),
        )
    ca_file = settings.elasticsearch_ca_file
    if ca_file is not None:
        if not settings.elasticsearch_url.startswith("https://"):
            raise ElasticConfigError("WIREWATCH_ELASTICSEARCH_CA_FILE is set but the URL is not https://")
        opts["ca_certs"] = str(ca_file)
        opts["verify_certs"] = True
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
