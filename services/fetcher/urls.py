"""URL canonicalisation: one article, one URL, one id (``shared.contracts.article_id``)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from shared.contracts import article_id

ALLOWED_SCHEMES = frozenset({"http", "https"})

# Query parameters that only track the reader; they never select content.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
        "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id",
        "ncid", "sr_share", "cmpid", "ito", "at_medium", "at_campaign", "guccounter",
        "guce_referrer", "guce_referrer_sig", "__twitter_impression", "s_cid", "rss", "feed_id",
    }
)  # fmt: skip
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "itm_", "hsa_")

_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_tracking_param(name: str) -> bool:
    low = name.lower()
    return low in TRACKING_PARAMS or low.startswith(TRACKING_PREFIXES)


def resolve(base: str, link: str) -> str:
    """An entry link made absolute against the feed's (final) URL."""
    return urljoin(base, link.strip())


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters, sorted query.

    Raises ``ValueError`` for a URL that is not absolute http(s).
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise ValueError(f"not an http(s) URL: {url[:200]!r}")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise ValueError(f"URL without a host: {url[:200]!r}")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError as exc:
        raise ValueError(f"bad port in {url[:200]!r}") from exc
    netloc = host if port is None or port == _DEFAULT_PORTS[scheme] else f"{host}:{port}"
    path = parts.path or "/"
    query_pairs = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking_param(k)
    ]
    query = urlencode(sorted(query_pairs), doseq=True)
    return urlunsplit((scheme, netloc, path, query, ""))


def article_id_for(url: str) -> tuple[str, str]:
    """(canonical URL, article id) of an absolute URL."""
    canon = canonical_url(url)
    return canon, article_id(canon)


def host_key(url: str) -> str:
    """What per-host limits count by: host and port."""
    parts = urlsplit(url)
    return (parts.netloc or "").lower()
