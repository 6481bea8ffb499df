"""The fetcher's kinds of failure (``StrEnum``\\ s, their strings unchanged: they are in dead letters,
poll states, metrics, docs and tests) and its exceptions (``shared.errors`` families).

- ``FetchKind``: why a request gave no usable response (``FetchError.kind``), or why a poll failed
  (the ``kind`` of a feed's poll state, ``wirewatch feeds status``'s ``failing (<kind>)``).
- ``FetcherError``: the ``error`` of the fetcher's dead letters. A page that failed with a
  ``FetchKind`` is dead-lettered ``page_<kind>`` (``page_error``).
"""

from __future__ import annotations

import enum

from shared.errors import RecordRejected
from shared.logs import redact, redact_url


class FetchKind(enum.StrEnum):
    """Why a request gave no usable response; a metric label and a feed's failure kind."""

    BLOCKED = "blocked"  # the guard refuses the URL or address (private, loopback, not http(s) ...)
    INVALID_URL = "invalid_url"  # the URL (or a redirect's Location) does not parse
    ROBOTS = "robots"  # robots.txt disallows it
    HTTP_4XX = "http_4xx"  # a 4xx answer (429 too, but that one is retried)
    HTTP_5XX = "http_5xx"  # a 5xx answer (or a status above 599): retried
    TOO_MANY_REDIRECTS = "too_many_redirects"
    DEADLINE = "deadline"  # no complete response within the exchange's deadline (not retried)
    TIMEOUT = "timeout"  # connect or read timeout: retried
    CONNECT = "connect"  # connection refused, reset before an answer ...: retried
    NETWORK = "network"  # another transport error, a broken HTTP answer: retried
    TOO_LARGE = "too_large"  # over the byte limit (declared, raw, decoded, or once encoded)
    DECODING = "decoding"  # a Content-Encoding body that does not inflate, or an unknown encoding
    TOO_MANY_ENCODINGS = "too_many_encodings"  # more Content-Encoding layers than allowed
    UNSUPPORTED_CONTENT_TYPE = "unsupported_content_type"  # a page that is not HTML, XML or text
    ERROR = "error"  # a page fetch that raised (a bug, an input nobody foresaw)
    # a feed poll's own (its poll state; never a FetchError)
    NOT_A_FEED = "not_a_feed"  # the body is no RSS, Atom or RDF feed
    INTERNAL = "internal"  # the poll raised


class FetcherError(enum.StrEnum):
    """The ``error`` of the fetcher's dead letters (the runner's own ``invalid_contract`` besides)."""

    NO_KEY = "no_key"  # a FEEDS record without a key
    INVALID_ENTRY = "invalid_entry"  # an ENTRIES record that is no EntryRecord
    NO_LINK = "no_link"  # a feed entry without a link (reported once per feed)
    BAD_LINK = "bad_link"  # a feed entry whose link is no usable http(s) URL
    # a page that failed (``page_<FetchKind>``); the first ones are permanent (marked seen)
    PAGE_TOO_LARGE = "page_too_large"
    PAGE_BLOCKED = "page_blocked"
    PAGE_ROBOTS = "page_robots"
    PAGE_HTTP_4XX = "page_http_4xx"
    PAGE_UNSUPPORTED_CONTENT_TYPE = "page_unsupported_content_type"
    PAGE_INVALID_URL = "page_invalid_url"
    PAGE_DECODING = "page_decoding"
    PAGE_TOO_MANY_ENCODINGS = "page_too_many_encodings"
    PAGE_ERROR = "page_error"
    # transient: not marked seen, a later entry of the article retries it
    PAGE_HTTP_5XX = "page_http_5xx"
    PAGE_TOO_MANY_REDIRECTS = "page_too_many_redirects"
    PAGE_DEADLINE = "page_deadline"
    PAGE_TIMEOUT = "page_timeout"
    PAGE_CONNECT = "page_connect"
    PAGE_NETWORK = "page_network"


PAGE_ERRORS: dict[FetchKind, FetcherError] = {
    FetchKind.TOO_LARGE: FetcherError.PAGE_TOO_LARGE,
    FetchKind.BLOCKED: FetcherError.PAGE_BLOCKED,
    FetchKind.ROBOTS: FetcherError.PAGE_ROBOTS,
    FetchKind.HTTP_4XX: FetcherError.PAGE_HTTP_4XX,
    FetchKind.UNSUPPORTED_CONTENT_TYPE: FetcherError.PAGE_UNSUPPORTED_CONTENT_TYPE,
    FetchKind.INVALID_URL: FetcherError.PAGE_INVALID_URL,
    FetchKind.DECODING: FetcherError.PAGE_DECODING,
    FetchKind.TOO_MANY_ENCODINGS: FetcherError.PAGE_TOO_MANY_ENCODINGS,
    FetchKind.ERROR: FetcherError.PAGE_ERROR,
    FetchKind.HTTP_5XX: FetcherError.PAGE_HTTP_5XX,
    FetchKind.TOO_MANY_REDIRECTS: FetcherError.PAGE_TOO_MANY_REDIRECTS,
    FetchKind.DEADLINE: FetcherError.PAGE_DEADLINE,
    FetchKind.TIMEOUT: FetcherError.PAGE_TIMEOUT,
    FetchKind.CONNECT: FetcherError.PAGE_CONNECT,
    FetchKind.NETWORK: FetcherError.PAGE_NETWORK,
}

# Page failures that will not get better by trying again: marked seen after the dead letter.
PERMANENT_PAGE_FAILURES = frozenset(
    {FetchKind.TOO_LARGE, FetchKind.BLOCKED, FetchKind.ROBOTS, FetchKind.HTTP_4XX,
     FetchKind.UNSUPPORTED_CONTENT_TYPE, FetchKind.INVALID_URL, FetchKind.DECODING,
     FetchKind.TOO_MANY_ENCODINGS, FetchKind.ERROR}
)  # fmt: skip


def page_error(kind: FetchKind) -> FetcherError:
    """The dead-letter error of a page that failed with ``kind``; ``page_error`` for a kind no page
    fetch gives (a feed poll's own)."""
    return PAGE_ERRORS.get(kind, FetcherError.PAGE_ERROR)


def http_kind(status: int) -> FetchKind:
    """The kind of an error status: 429 and below 500 ``http_4xx``, else ``http_5xx``."""
    return FetchKind.HTTP_4XX if status < 500 else FetchKind.HTTP_5XX


class FetchError(RecordRejected):
    """A request that did not give a usable response: ``kind`` (a ``FetchKind``), ``reason``;
    ``transient``: worth retrying; the answer's ``status`` when there was one.

    The reason and URL are redacted (no userinfo, no ``?token=`` values): they end up in dead
    letters, the poll state shown by ``feeds status`` and logs."""

    kind: FetchKind

    def __init__(
        self,
        kind: FetchKind | str,
        reason: str,
        *,
        transient: bool = False,
        status: int | None = None,
        url: str = "",
    ) -> None:
        super().__init__(FetchKind(kind), redact(reason))
        self.transient = transient
        self.status = status
        self.url = redact_url(url)


class DecodeError(RecordRejected):
    """A body that cannot be decoded: ``kind`` is ``decoding`` or ``too_many_encodings``."""

    kind: FetchKind

    def __init__(self, kind: FetchKind | str, reason: str) -> None:
        super().__init__(FetchKind(kind), reason)


class TooLarge(RecordRejected):
    """A body over its limit (the raw bytes, or the output of any decoding layer)."""

    kind: FetchKind

    def __init__(self, reason: str) -> None:
        super().__init__(FetchKind.TOO_LARGE, reason)

    def __reduce__(self) -> tuple[type[TooLarge], tuple[str]]:
        return type(self), (self.reason,)


class BlockedTarget(RecordRejected):
    """A URL or address the fetcher refuses to contact."""

    kind: FetchKind

    def __init__(self, reason: str) -> None:
        super().__init__(FetchKind.BLOCKED, reason)

    def __reduce__(self) -> tuple[type[BlockedTarget], tuple[str]]:
        return type(self), (self.reason,)
