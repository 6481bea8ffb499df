"""Content-Encoding decoding with the decoded-size limit enforced while inflating.

httpx inflates a whole network chunk before the caller can count it, so a gzip bomb (or
``Content-Encoding: gzip, gzip``) grows to gigabytes before a limit checked afterwards. Here the raw
body is fed through one decoder per encoding layer, each asked for at most ``STEP`` bytes of output at
a time (``zlib.decompressobj().decompress(data, max_length)``); the output of every layer is counted
against ``max_bytes``, so memory and CPU stay proportional to the limit whatever the input.

Supported: ``gzip``/``x-gzip`` (multi-member), ``deflate`` (zlib, or raw deflate as some servers send),
``identity``. Anything else, or more than ``max_layers`` layers, is refused.
"""

from __future__ import annotations

import zlib

from services.fetcher.errors import DecodeError as DecodeError  # raised here, caught by importers
from services.fetcher.errors import FetchKind
from services.fetcher.errors import TooLarge as TooLarge

STEP = 64 * 1024  # bytes of output asked of a decoder at once
SUPPORTED = frozenset({"gzip", "x-gzip", "deflate"})
GZIP_MAGIC = b"\x1f\x8b"


def encodings(header: str | None) -> list[str]:
    """The layers of a Content-Encoding header in the order they were applied (identity dropped)."""
    if not header:
        return []
    return [c for c in (p.strip().lower() for p in header.split(",")) if c and c != "identity"]


class _Zlib:
    def __init__(self, coding: str) -> None:
        self.coding = coding
        self.gzip = coding in ("gzip", "x-gzip")
        self.first = True
        self.done = False
        self.obj = self._new()

    def _new(self, raw_deflate: bool = False) -> zlib._Decompress:
        if self.gzip:
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        return zlib.decompressobj(-zlib.MAX_WBITS if raw_deflate else zlib.MAX_WBITS)

    def flush(self) -> bytes:
        if self.done or self.obj.eof:
            return b""
        try:
            return self.obj.flush(STEP)
        except zlib.error as exc:
            raise DecodeError(FetchKind.DECODING, f"bad {self.coding} data: {exc}") from exc


class BodyDecoder:
    """Feed raw chunks with ``feed``; ``finish`` returns the decoded body. Raises ``TooLarge`` or
    ``DecodeError``."""

    def __init__(self, content_encoding: str | None, max_bytes: int, max_layers: int) -> None:
        layers = encodings(content_encoding)
        if len(layers) > max_layers:
            msg = f"{len(layers)} content encodings ({content_encoding}) > {max_layers}"
            raise DecodeError(FetchKind.TOO_MANY_ENCODINGS, msg)
        unknown = [c for c in layers if c not in SUPPORTED]
        if unknown:
            raise DecodeError(FetchKind.DECODING, f"unsupported content encoding {', '.join(unknown)}")
        self.max_bytes = max_bytes
        self.decoders = [_Zlib(c) for c in reversed(layers)]  # the last applied is undone first
        self.counts = [0] * len(self.decoders)
        self.raw = 0
        self.size = 0
        self.chunks: list[bytes] = []

    def feed(self, data: bytes) -> None:
        self.raw += len(data)
        self._push(0, data)

    def _push(self, level: int, data: bytes) -> None:
        if level == len(self.decoders):
            self.size += len(data)
            if self.size > self.max_bytes:
                raise TooLarge(f"body over {self.max_bytes} bytes")
            self.chunks.append(data)
            return
        decoder = self.decoders[level]
        pending = data
        while True:
            piece, pending = self._step(decoder, pending)
            if piece:
                self.counts[level] += len(piece)
                if self.counts[level] > self.max_bytes:  # an inner layer may not grow past the limit either
                    raise TooLarge(f"body over {self.max_bytes} bytes (decoding {decoder.coding})")
                self._push(level + 1, piece)
            if not pending and len(piece) < STEP:  # input used up and no output left waiting
                return

    @staticmethod
    def _step(decoder: _Zlib, pending: bytes) -> tuple[bytes, bytes]:
        """At most ``STEP`` bytes of output and what remains of the input."""
        if decoder.done:
            return b"", b""  # bytes after the end of the stream are ignored
        if decoder.obj.eof:  # a gzip member ended with the previous input: another may follow
            if not pending:
                return b"", b""
            if not GZIP_MAGIC.startswith(pending[:2]):
                decoder.done = True
                return b"", b""
            decoder.obj = decoder._new()
        obj = decoder.obj
        try:
            piece = obj.decompress(pending, STEP)
        except zlib.error as exc:
            if decoder.first and not decoder.gzip:  # "deflate" sent as raw deflate (no zlib header)
                decoder.first = False
                decoder.obj = decoder._new(raw_deflate=True)
                return BodyDecoder._step(decoder, pending)
            raise DecodeError(FetchKind.DECODING, f"bad {decoder.coding} data: {exc}") from exc
        if piece:
            decoder.first = False
        rest = obj.unconsumed_tail
        if obj.eof:
            rest = obj.unused_data + rest
            if not decoder.gzip or (rest and not GZIP_MAGIC.startswith(rest[:2])):
                decoder.done = True
                rest = b""
        return piece, rest

    def finish(self) -> bytes:
        for level, decoder in enumerate(self.decoders):
            tail = decoder.flush()
            if tail:
                self.counts[level] += len(tail)
                if self.counts[level] > self.max_bytes:
                    raise TooLarge(f"body over {self.max_bytes} bytes (decoding {decoder.coding})")
                self._push(level + 1, tail)
            if self.counts[level] and decoder.gzip and not decoder.done and not decoder.obj.eof:
                raise DecodeError(FetchKind.DECODING, f"truncated {decoder.coding} data")
        body = b"".join(self.chunks)
        self.chunks = [body]
        return body
