"""Event contracts: the records that flow between the stages.

Every record is JSON on the wire, keyed by its article id, and carries ``schema_version``.
Producers build the model (so it is validated where produced); consumers call ``decode`` (so it is
validated where consumed). A record that does not validate goes to the dead-letter topic as a
``DeadLetter`` carrying the original bytes.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime
from typing import Any, ClassVar, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from shared.errors import ContractError as ContractError  # re-exported: its home is shared.errors
from shared.logs import redact

SCHEMA_VERSION = 1

TagName = str  # the taxonomy is data (services/classifier/taxonomy), so tags are not a closed enum
Stage = Literal["fetcher", "parser", "classifier", "grouper", "indexer", "alerter"]


def utcnow() -> datetime:
    return datetime.now(UTC)


def article_id(canonical_url: str) -> str:
    """Stable article id: the first 32 hex digits of SHA-256 of the canonical URL."""
    return hashlib.sha256(canonical_url.encode("utf-8")).hexdigest()[:32]


class Event(BaseModel):
    """Base of every record: versioned, strict about unknown fields, JSON on the wire."""

    model_config = ConfigDict(extra="forbid", frozen=False)
    SUPPORTED_VERSIONS: ClassVar[frozenset[int]] = frozenset({SCHEMA_VERSION})

    schema_version: int = SCHEMA_VERSION

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, v: int) -> int:
        if v not in cls.SUPPORTED_VERSIONS:
            raise ValueError(
                f"unsupported schema_version {v}; this build reads {sorted(cls.SUPPORTED_VERSIONS)}"
            )
        return v

    def encode(self) -> bytes:
        return self.model_dump_json().encode("utf-8")

    @classmethod
    def decode(cls, data: bytes | str) -> Self:
        try:
            return cls.model_validate_json(data)
        except ValidationError as exc:
            raise ContractError(f"invalid {cls.__name__}: {_summarise(exc)}") from exc


def _summarise(exc: ValidationError, limit: int = 3) -> str:
    parts = []
    for err in exc.errors()[:limit]:
        loc = ".".join(str(p) for p in err["loc"]) or "<root>"
        parts.append(f"{loc}: {err['msg']}")
    more = exc.error_count() - limit
    return "; ".join(parts) + (f" (+{more} more)" if more > 0 else "")


class FeedConfig(Event):
    """One feed of the feed list (the compacted feeds topic, keyed by ``feed_id``)."""

    url: str
    source: str
    lang: str | None = None  # language hint
    interval_seconds: int = Field(600, ge=60)
    enabled: bool = True

    @property
    def feed_id(self) -> str:
        return hashlib.sha256(self.url.encode("utf-8")).hexdigest()[:16]


class RawItem(Event):
    """A fetched article page (fetcher -> parser)."""

    id: str
    feed_url: str
    source: str
    lang_hint: str | None = None
    entry_url: str
    canonical_url: str
    final_url: str
    entry_title: str | None = None
    entry_summary: str | None = None
    entry_author: str | None = None
    entry_published: datetime | None = None
    fetched_at: datetime = Field(default_factory=utcnow)
    http_status: int
    content_type: str | None = None
    charset: str | None = None
    html: str


class ParsedArticle(Event):
    """Clean text and metadata (parser -> classifier)."""

    id: str
    url: str  # canonical URL
    final_url: str | None = None
    feed_url: str | None = None
    source: str | None = None
    title: str | None = None
    text: str
    author: str | None = None
    published: datetime | None = None
    site_name: str | None = None
    description: str | None = None
    image: str | None = None
    lang: str | None = None
    word_count: int = 0
    summary_only: bool = False
    extraction_fallback: str | None = None  # why the page gave no article text (summary_only), e.g. not_html
    text_truncated: bool = False  # the text was cut at the parser's max_text_chars
    fetched_at: datetime | None = None
    parsed_at: datetime = Field(default_factory=utcnow)


class Evidence(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str
    start: int = Field(ge=0)  # character offsets into ParsedArticle.text
    end: int = Field(ge=0)


class Tag(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: TagName
    score: float = Field(ge=0.0, le=1.0)
    evidence: list[Evidence] = Field(default_factory=list)


class Amount(BaseModel):
    model_config = ConfigDict(extra="forbid")

    value: float
    currency: str  # ISO 4217, e.g. USD, EUR
    text: str  # the matched words, e.g. "14.3 مليار دولار"
    sentence: str
    start: int = Field(0, ge=0)
    end: int = Field(0, ge=0)


class OrgMention(BaseModel):
    """An organisation the story names: ``name`` canonical (gazetteer, ``known``) or as written."""

    model_config = ConfigDict(extra="forbid")

    name: str
    known: bool = True
    surface: str = ""  # the words of its first mention in the text


class ClassifiedArticle(ParsedArticle):
    """A parsed article with tags, organisations and amounts (classifier -> indexer, alerter)."""

    tags: list[Tag] = Field(default_factory=list)
    primary_tag: TagName | None = None
    orgs: list[str] = Field(default_factory=list)
    org_mentions: list[OrgMention] = Field(default_factory=list)
    amounts: list[Amount] = Field(default_factory=list)
    classified_at: datetime = Field(default_factory=utcnow)
    taxonomy_version: str | None = None  # content hash of the classifier taxonomy that tagged it
    story_id: str | None = None  # set by the grouper: reports of one event share it
    story_reason: str | None = None  # why the grouper put the article in that story

    @property
    def tag_names(self) -> list[str]:
        return [t.name for t in self.tags]


DEADLETTER_MAX_BYTES = 1024 * 1024  # default of Settings.deadletter_max_bytes
REASON_MAX_CHARS = 4000


class DeadLetter(Event):
    """A record a stage could not handle: why, where, and the original bytes.

    The payload is kept byte for byte unless the dead letter would be larger than its limit
    (``Settings.deadletter_max_bytes``): then ``payload_b64`` holds the head of the payload,
    ``payload_truncated`` is true, and ``payload_size``/``payload_sha256`` describe the original
    (a truncated letter cannot be replayed). ``reason`` is redacted (URL credentials, ``?token=``).
    """

    stage: str
    error: str  # short machine-readable kind, e.g. "invalid_contract", "page_too_large"
    reason: str  # human-readable explanation, secrets redacted
    failed_at: datetime = Field(default_factory=utcnow)
    source_topic: str | None = None
    partition: int | None = None
    offset: int | None = None
    key: str | None = None
    payload_b64: str  # the original payload (or its head when truncated), base64, so any bytes survive
    payload_encoding: Literal["base64"] = "base64"
    payload_truncated: bool = False
    payload_size: int | None = None  # bytes of the original payload
    payload_sha256: str | None = None  # hex digest of the original payload
    attempts: int = 1

    @classmethod
    def wrap(
        cls,
        *,
        stage: str,
        error: str,
        reason: str,
        payload: bytes | str,
        key: bytes | str | None = None,
        max_bytes: int = DEADLETTER_MAX_BYTES,
        **where: Any,
    ) -> DeadLetter:
        raw = payload.encode("utf-8") if isinstance(payload, str) else payload
        k = key.decode("utf-8", "replace") if isinstance(key, bytes) else key
        letter = cls(
            stage=stage,
            error=error,
            reason=redact(reason)[:REASON_MAX_CHARS],
            payload_b64="",
            key=k,
            payload_size=len(raw),
            payload_sha256=hashlib.sha256(raw).hexdigest(),
            **where,
        )
        envelope = len(letter.encode()) + 32  # + "payload_truncated": true and rounding
        if envelope + 4 * ((len(raw) + 2) // 3) <= max_bytes:
            letter.payload_b64 = base64.b64encode(raw).decode("ascii")
            return letter
        head = max(0, (max_bytes - envelope) // 4 * 3)
        letter.payload_b64 = base64.b64encode(raw[:head]).decode("ascii")
        letter.payload_truncated = True
        return letter

    @property
    def payload(self) -> bytes:
        """The original payload (only its head when ``payload_truncated``)."""
        return base64.b64decode(self.payload_b64)
