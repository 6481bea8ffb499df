"""JSONL input of the offline commands (``wirewatch classify``, ``wirewatch group``): one JSON object per
line; a line that is not one is reported on stderr with its number and skipped, never fatal."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO


class JsonObjects:
    """The JSON objects of ``lines`` (blank lines ignored), each holding every key of ``require``;
    other lines are reported on ``err`` as ``line N: skipped: <why>`` and counted in ``skipped``."""

    def __init__(self, lines: Iterable[str], err: TextIO, require: tuple[str, ...] = ()) -> None:
        self.lines, self.err, self.require = lines, err, require
        self.skipped = 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for n, line in enumerate(self.lines, 1):
            line = line.strip()
            if not line:
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError("not a JSON object")
                missing = [key for key in self.require if key not in record]
                if missing:
                    raise ValueError(f"not a JSON object with {', '.join(missing)}")
            except ValueError as exc:
                self.skipped += 1
                self.err.write(f"line {n}: skipped: {exc}\n")
                continue
            yield record
