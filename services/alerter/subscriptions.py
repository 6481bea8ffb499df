"""Alert subscriptions: the YAML file, its validation, and where each webhook URL comes from.

A subscription names its webhook indirectly (``webhook_env`` or ``webhook_file``); the URL itself is
never in the YAML, never printed, never logged (it is registered with ``shared.logs.register_secret``
as soon as it is read) and never written to Kafka: records carry the subscription *name* only.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from shared.errors import ConfigError
from shared.logs import register_secret

NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class SubscriptionError(ConfigError):
    """The subscriptions file is missing or invalid (the message never contains a webhook URL)."""


class WebhookUnavailable(ConfigError):
    """The webhook of a subscription cannot be used (unset, unreadable or not an allowed URL); its
    alerts are dead-lettered ``webhook_unavailable``. The message names the subscription and where
    the webhook comes from, never the URL."""


class Webhook:
    """A webhook URL that does not show itself: ``repr``/``str`` never contain the URL."""

    __slots__ = ("_url",)

    def __init__(self, url: str) -> None:
        register_secret(url)
        parts = urlsplit(url)
        if parts.path and len(parts.path) > 1:
            register_secret(parts.path)  # the token part alone is a secret too
        self._url = url

    @property
    def url(self) -> str:
        return self._url

    @property
    def host(self) -> str:
        return urlsplit(self._url).hostname or ""

    def __repr__(self) -> str:
        return "Webhook(<redacted>)"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Webhook) and other._url == self._url

    def __hash__(self) -> int:
        return hash(self._url)


class Filters(BaseModel):
    """What a story must have. Every filter given must hold (AND); inside a list, any item will do (OR)."""

    model_config = ConfigDict(extra="forbid")

    tags: list[str] = Field(default_factory=list, description="any of these tags")
    min_score: float = Field(0.0, ge=0.0, le=1.0, description="a tag counts only with at least this score")
    orgs: list[str] = Field(default_factory=list, description="any of these organisations (case-insensitive)")
    languages: list[str] = Field(default_factory=list, description="article language codes, e.g. ar, en")
    sources: list[str] = Field(default_factory=list, description="feed source names (case-insensitive)")
    keywords: list[str] = Field(default_factory=list, description="any of these words in title or text")
    min_amount: float | None = Field(None, ge=0, description="an amount of at least this value")
    currency: str | None = Field(None, description="currency of min_amount (ISO 4217); any when unset")

    @field_validator("tags", "orgs", "languages", "sources", "keywords", mode="before")
    @classmethod
    def _listify(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @field_validator("languages")
    @classmethod
    def _lower(cls, value: list[str]) -> list[str]:
        return [v.strip().lower() for v in value if v.strip()]

    @field_validator("currency")
    @classmethod
    def _upper(cls, value: str | None) -> str | None:
        return value.strip().upper() if value else None


class Subscription(BaseModel):
    """One subscriber's alert: a name, a webhook reference, filters and a delivery mode."""

    model_config = ConfigDict(extra="forbid")

    name: str
    description: str = ""
    webhook_env: str | None = Field(None, description="environment variable holding the webhook URL")
    webhook_file: Path | None = Field(None, description="file holding the webhook URL (a mounted secret)")
    mode: Literal["instant", "digest"] = "instant"
    digest_minutes: float | None = Field(
        None, gt=0, description="digest interval; the alerter default if unset"
    )
    enabled: bool = True
    filters: Filters = Field(default_factory=Filters)

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not NAME_RE.match(value):
            raise ValueError("names use letters, digits, '-', '_' or '.', at most 80 characters")
        return value

    @model_validator(mode="after")
    def _one_webhook(self) -> Subscription:
        if (self.webhook_env is None) == (self.webhook_file is None):
            raise ValueError("give exactly one of webhook_env or webhook_file (never the URL itself)")
        return self

    @property
    def webhook_source(self) -> str:
        """Where the webhook is read from, for display: ``env:NAME`` or ``file:PATH``."""
        return f"env:{self.webhook_env}" if self.webhook_env else f"file:{self.webhook_file}"

    def digest_interval(self, default_minutes: float) -> float:
        """Seconds between two digests."""
        return (self.digest_minutes or default_minutes) * 60.0


class SubscriptionsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    subscriptions: list[Subscription] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> SubscriptionsFile:
        seen: set[str] = set()
        for sub in self.subscriptions:
            if sub.name in seen:
                raise ValueError(f"subscription name {sub.name!r} appears twice")
            seen.add(sub.name)
        return self


def parse_subscriptions(text: str, origin: str = "<text>") -> list[Subscription]:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise SubscriptionError(f"{origin}: not valid YAML ({exc.__class__.__name__})") from None
    if isinstance(data, list):
        data = {"subscriptions": data}
    try:
        return SubscriptionsFile.model_validate(data).subscriptions
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '<root>'}: {err['msg']}" for err in exc.errors()[:5]
        )
        raise SubscriptionError(f"{origin}: {problems}") from None


def load_subscriptions(path: Path) -> list[Subscription]:
    """The subscriptions of a YAML file (``subscriptions: [...]`` or a bare list)."""
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise SubscriptionError(f"cannot read subscriptions file {path}: {exc.strerror}") from None
    return parse_subscriptions(text, str(path))


def resolve_webhook(
    sub: Subscription,
    *,
    allowed_hosts: list[str],
    allow_loopback: bool = False,
    environ: Mapping[str, str] | None = None,
) -> Webhook:
    """Read the subscription's webhook URL and check it points at an allowed host.

    Raises ``WebhookUnavailable`` with a message naming the subscription and the *source* of the
    webhook, never the URL.
    """
    env = os.environ if environ is None else environ
    if sub.webhook_env:
        raw = env.get(sub.webhook_env, "")
        if not raw.strip():
            raise WebhookUnavailable(
                f"subscription {sub.name}: environment variable {sub.webhook_env} is not set"
            )
    else:
        assert sub.webhook_file is not None
        try:
            raw = sub.webhook_file.read_text("utf-8")
        except OSError as exc:
            raise WebhookUnavailable(
                f"subscription {sub.name}: cannot read webhook file {sub.webhook_file}: {exc.strerror}"
            ) from None
    url = raw.strip()
    register_secret(url)
    webhook = Webhook(url)
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        scheme = parts.scheme.lower()
    except ValueError:
        raise WebhookUnavailable(f"subscription {sub.name}: the webhook is not a URL") from None
    allowed = {h.lower() for h in allowed_hosts}
    if scheme == "https" and host in allowed:
        return webhook
    if allow_loopback and host in LOOPBACK_HOSTS and scheme in {"http", "https"}:
        return webhook
    raise WebhookUnavailable(
        f"subscription {sub.name}: the webhook from {sub.webhook_source} is not an allowed Slack webhook "
        f"(https on {', '.join(sorted(allowed)) or 'no host'}"
        f"{' or loopback' if allow_loopback else ''} expected)"
    )
