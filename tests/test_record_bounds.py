"""Issue 11 item 3 end to end: for any page up to the parser's limits, the ClassifiedArticle that leaves
the classifier stays under 1 MB. The parser bounds the text (``max_text_chars``) and the one-line
fields; the classifier bounds what it adds (``services/classifier/bounds.py``)."""

from __future__ import annotations

import pytest

from services.classifier.engine import Classifier
from services.classifier.settings import ClassifierSettings
from services.parser.extract import ExtractOptions, extract_article
from services.parser.settings import ParserSettings
from shared.contracts import ParsedArticle

MB = 1024 * 1024


def _page(paragraph: str, total_chars: int) -> str:
    count = total_chars // (len(paragraph) + 1) + 1
    body = "".join(f"<p>{i}. {paragraph}</p>" for i in range(count))  # numbered: extraction drops repeats
    title = "Acme sued Globex " * 3000  # far over the title cap
    return f"<html><head><title>{title}</title></head><body><article>{body}</article></body></html>"


@pytest.mark.parametrize(
    "paragraph",
    [
        "Acme raised $1bn. " * 20,  # amounts everywhere
        '"\\" ' * 200,  # characters JSON escapes
        "😀 " * 300,  # four-byte UTF-8 characters
        "أعلنت شركة أكمي عن جمع مليار دولار وإطلاق نموذج جديد. " * 10,
    ],
    ids=["dollars", "escaped", "four-byte", "arabic"],
)
def test_classified_record_of_a_maximal_page_stays_under_1_mb(paragraph: str) -> None:
    options = ExtractOptions.from_settings(ParserSettings())
    fields = extract_article(_page(paragraph, 3 * options.max_text_chars), options=options)
    assert fields["text_truncated"] and len(fields["text"]) <= options.max_text_chars
    parsed = ParsedArticle(id="big", url="https://example.test/big", source="t", **fields)
    classified = Classifier(ClassifierSettings()).classify_article(parsed)
    size = len(classified.encode())
    assert size < MB, f"{size} bytes"
