"""Configuration from ``WIREWATCH_*`` environment variables (and an optional ``.env`` file).

Every setting has a default that points at the local stack started by ``wirewatch stack up``.
Service-specific settings live in each service's own ``settings.py`` as a ``ServiceSettings``
subclass that names its service, which gives its prefix: ``class FetcherSettings(ServiceSettings,
service="fetcher")`` reads ``WIREWATCH_FETCHER_*``. ``wirewatch config`` prints all of them with
secrets masked.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, Field, SecretStr
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

ENV_PREFIX = "WIREWATCH_"


def default_cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "wirewatch"


def default_state_dir() -> Path:
    return Path(os.environ.get("XDG_STATE_HOME", Path.home() / ".local" / "state")) / "wirewatch"


def split_list(value: Any) -> Any:
    """A list setting from the environment: a JSON list, or comma-separated values."""
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            return json.loads(text)
        return [part.strip() for part in text.split(",") if part.strip()]
    return value


# list settings that accept "a, b" as well as '["a", "b"]' in WIREWATCH_* variables
CommaList = Annotated[list[str], NoDecode, BeforeValidator(split_list)]
CommaPathList = Annotated[list[Path], NoDecode, BeforeValidator(split_list)]


class WirewatchSettings(BaseSettings):
    """Base class: the prefix, the ``.env`` file and tolerance of unrelated variables."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )


def service_prefix(service: str) -> str:
    """The variable prefix of a service's own settings: ``fetcher`` -> ``WIREWATCH_FETCHER_``."""
    return f"{ENV_PREFIX}{service.upper()}_"


class ServiceSettings(WirewatchSettings):
    """Base of a service's own settings: the class names its service, the prefix follows.

    ``class ParserSettings(ServiceSettings, service="parser")`` reads ``WIREWATCH_PARSER_*`` (and the
    ``.env`` file, and ignores unrelated variables, as every ``WirewatchSettings``); other class
    keywords are pydantic's model configuration (``populate_by_name=True`` ...).
    """

    service: ClassVar[str] = ""

    def __init_subclass__(cls, service: str = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if service:
            cls.service = service
            cls.model_config = {**cls.model_config, "env_prefix": service_prefix(service)}
        elif not cls.service:
            raise TypeError(f"name the service: class {cls.__name__}(ServiceSettings, service=...)")


class Settings(WirewatchSettings):
    """Settings common to every service and tool."""

    # Kafka
    kafka_bootstrap: str = Field("127.0.0.1:9092", description="Kafka bootstrap servers, comma separated")
    kafka_security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = Field(
        "PLAINTEXT", description="how clients talk to Kafka (shared/kafka_security.py; docs/security.md)"
    )
    kafka_sasl_mechanism: Literal["SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN"] = Field(
        "SCRAM-SHA-512", description="SASL mechanism (SASL_* protocols only)"
    )
    kafka_sasl_username: str | None = Field(None, description="SASL user: this service's principal")
    kafka_sasl_password: SecretStr | None = Field(None, description="SASL password (secret)")
    kafka_ssl_cafile: Path | None = Field(
        None, description="PEM CA bundle the broker certificate must chain to; unset: the system CAs"
    )
    kafka_ssl_certfile: Path | None = Field(None, description="PEM client certificate (mutual TLS only)")
    kafka_ssl_keyfile: Path | None = Field(None, description="PEM key of the client certificate (mutual TLS)")
    kafka_ssl_check_hostname: bool = Field(True, description="the broker certificate must name the host")
    topic_prefix: str = Field("wirewatch", description="prefix of every topic and consumer group")
    topic_partitions: int = Field(6, ge=1, description="partitions of the pipeline topics")
    topic_replication: int = Field(1, ge=1)
    # Elasticsearch
    elasticsearch_url: str = "http://127.0.0.1:9200"
    elasticsearch_api_key: SecretStr | None = None
    elasticsearch_api_key_file: Path | None = Field(
        None, description="file holding this service's API key (used when elasticsearch_api_key is unset)"
    )
    elasticsearch_ca_file: Path | None = Field(
        None, description="PEM CA bundle the Elasticsearch certificate must chain to (https URLs)"
    )
    elasticsearch_username: str | None = None
    elasticsearch_password: SecretStr | None = None
    index_alias: str = Field("wirewatch-articles", description="write/read alias of the article indices")
    # Process
    log_format: Literal["text", "json"] = "text"
    log_level: str = "INFO"
    web_host: str = "0.0.0.0"
    web_port: int = Field(6066, description="port of /healthz, /readyz and /metrics")
    shutdown_timeout: float = Field(
        25.0, gt=0, description="seconds after SIGTERM before a worker that is still stopping is ended"
    )
    kafka_session_timeout: float | None = Field(
        None,
        ge=6.0,
        description="consumer-group session timeout, seconds (how soon a dead replica's partitions move); "
        "unset: faust's default, or the stage's own setting",
    )
    # Producing and dead letters
    send_retry_initial_seconds: float = Field(
        0.2, gt=0, description="first wait before producing a record again after Kafka refused it (doubled)"
    )
    send_retry_max_seconds: float = Field(
        10.0, gt=0, description="longest wait between two attempts (a record is retried until Kafka acks it)"
    )
    deadletter_max_bytes: int = Field(
        1024 * 1024,
        ge=16 * 1024,
        le=8 * 1024 * 1024,
        description="largest dead letter, bytes (below the deadletter topic's max.message.bytes, 12 MiB, "
        "and the producers' 8 MiB): a longer payload keeps its head, size and sha256",
    )
    outage_log_every_seconds: float = Field(
        60.0, gt=0, description="while a dependency is down: one 'still failing' line per this many seconds"
    )
    lag_report_seconds: float = Field(
        10.0, gt=0, description="seconds between two updates of a stage's wirewatch_consumer_lag gauge"
    )
    # Local stack
    cache_dir: Path = Field(default_factory=default_cache_dir)
    state_dir: Path = Field(default_factory=default_state_dir)
    stack_kafka_port: int = 9092
    stack_kafka_controller_port: int = 9093
    stack_es_port: int = 9200
    stack_es_heap: str = "1g"
    stack_kafka_heap: str = "2g"
    stack_start_timeout: float = Field(180.0, gt=0, description="seconds `stack up` waits for readiness")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (tests build their own ``Settings(...)`` instead)."""
    return Settings()


def masked(settings: BaseSettings) -> dict[str, str]:
    """Settings as display strings, with every secret replaced by ``********``.

    Besides ``SecretStr`` values, credentials inside any other value are masked too: the userinfo of
    a URL (``https://elastic:pw@es:9200`` -> ``https://********@es:9200``), credential query
    parameters (``?token=``) and registered secrets (``shared.logs.redact``).
    """
    from shared.logs import REDACTED, redact

    out: dict[str, str] = {}
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if isinstance(value, SecretStr):
            out[name] = "********" if value.get_secret_value() else ""
        elif value is None:
            out[name] = ""
        else:
            out[name] = redact(str(value)).replace(REDACTED, "********")
    return out
