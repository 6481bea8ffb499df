"""Output bounds of the classifier (issue 11 item 3): what it adds to a record stays small whatever the text.

A hostile page (80 KB of ``$1bn ``) once gave 16,000 amounts, each with its whole 80 KB sentence: a
1.28 GB record. Now every part of the output has a cap (``ClassifierSettings``): ``max_chars`` of text
analysed, ``max_evidence`` sentences per tag, ``max_amounts`` amounts, ``max_orgs`` organisations,
and ``max_sentence_chars`` per evidence or amount sentence (a window around the matched words), so
the fields the classifier adds have a size bound that does not depend on the text
(:func:`added_chars_bound`).
"""

from __future__ import annotations

MAX_ORG_NAME_CHARS = 200  # an organisation name longer than this is cut (open-world names are read from text)
MAX_AMOUNT_TEXT_CHARS = 120  # the matched words of an amount ("US$ 14.3 billion") are short by construction


def clip_window(start: int, end: int, at: int, at_end: int, limit: int) -> tuple[int, int]:
    """The span ``start..end`` cut to at most ``limit`` characters, keeping ``at..at_end`` (the matched
    words) inside it when they fit: a long sentence becomes a readable window around its trigger."""
    if end - start <= limit:
        return start, end
    centre = (at + at_end) // 2
    lo = max(start, min(centre - limit // 2, end - limit))
    return lo, lo + limit


def added_bytes_bound(
    tags: int, max_evidence: int, max_sentence_chars: int, max_amounts: int, max_orgs: int
) -> int:
    """Bytes of JSON the classifier can add to a record at most (tags with evidence, amounts,
    organisations and their mentions): at most 6 bytes per character (``\\uXXXX``), plus a constant
    per item for its keys, numbers and offsets."""
    per_item = 200
    chars = (
        tags * max_evidence * max_sentence_chars
        + max_amounts * (max_sentence_chars + MAX_AMOUNT_TEXT_CHARS)
        + 2 * max_orgs * MAX_ORG_NAME_CHARS
    )
    items = tags * (max_evidence + 1) + max_amounts + 2 * max_orgs
    return 6 * chars + per_item * items
