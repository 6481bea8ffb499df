"""Decoding fetched pages: declared charset (HTTP header, then ``<meta>``), checked against the bytes.

Order: a byte-order mark wins; bytes that are valid UTF-8 are UTF-8 (legacy encodings of real text
almost never are); a declared charset is used when it decodes the bytes about as cleanly as the best
detected one (charset-normalizer); otherwise the detected charset wins (a wrong declaration, e.g. an
Arabic windows-1256 page served as ISO-8859-1). Nothing declared: the detected charset.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Python codecs that call themselves text encodings but are no page charset ("undefined" always raises;
# UTF-7 is refused by browsers, WHATWG); codecs that are not text encodings (zlib, hex, base64, rot13 ...)
# are refused by their ``_is_text_encoding`` flag. A refused label counts as undeclared: detection decides.
NOT_CHARSETS = frozenset({"undefined", "idna", "punycode", "unicode-escape", "raw-unicode-escape", "utf-7"})
# How much worse (charset-normalizer "chaos", 0..1) a declared charset may decode than the best guess.
CHAOS_TOLERANCE = 0.1


def normalise(name: str | None) -> str | None:
    """Python's name of a charset label (``windows-1256`` -> ``cp1256``); None when unknown."""
    if not name:
        return None
    label = name.strip().strip("\"'").lower()
    if label in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"):  # WHATWG: these mean windows-1252
        label = "cp1252"
    try:
        info = codecs.lookup(label)
    except (LookupError, ValueError):  # ValueError: a label with a NUL byte
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in NOT_CHARSETS:
        return None
    return info.name


def header_charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


def meta_charset(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:8192])
    return match.group(1).decode("ascii", "replace") if match else None


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """(text, charset used) of an HTML page; never raises on what a server sends (a codec that fails
    anyway falls back to detection, then to cp1252, which decodes every byte)."""
    try:
        return _decode_html(body, content_type)
    except (LookupError, UnicodeError, ValueError, TypeError):
        detected = from_bytes(body).best()
        if detected is not None:
            name = normalise(detected.encoding)
            if name:
                try:
                    return body.decode(name, errors="replace"), name
                except (LookupError, UnicodeError, ValueError, TypeError):
                    pass
        return body.decode("cp1252", errors="replace"), "cp1252"


def _decode_html(body: bytes, content_type: str | None) -> tuple[str, str]:
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(name, errors="replace"), name
    declared = normalise(header_charset(content_type)) or normalise(meta_charset(body))
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if declared and text.isascii():
            return text, declared
        return text, "utf-8"
    if declared in ("utf-8", "utf-16", "utf-32"):
        declared = None  # the bytes are not what the page claims
    detected = from_bytes(body).best()
    if declared:
        if detected is None:
            return body.decode(declared, errors="replace"), declared
        detected_name = normalise(detected.encoding) or detected.encoding
        if detected_name == declared:
            return str(detected), declared
        check = from_bytes(body, cp_isolation=[declared]).best()
        if check is not None and check.chaos <= detected.chaos + CHAOS_TOLERANCE:
            return body.decode(declared, errors="replace"), declared
        return str(detected), detected_name
    if detected is not None:
        return str(detected), normalise(detected.encoding) or detected.encoding
    return body.decode("cp1252", errors="replace"), "cp1252"
