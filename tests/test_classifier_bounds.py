"""Output bounds (issue 11 item 3): whatever the text, what the classifier adds to a record is capped
(amounts, evidence, sentence lengths, organisations), the encoded ClassifiedArticle of a hostile page
stays under 1 MB, and the memory used to classify it is bounded (measured with tracemalloc).

The hostile texts: an 80 KB page of ``$1bn `` (once 16,000 amounts, each with its whole sentence:
a 1.28 GB record), one giant sentence full of trigger words, every organisation of the gazetteer
many times over, and many tag keywords; each also at the classifier's ``max_chars``.
"""

from __future__ import annotations

import tracemalloc

import pytest

from services.classifier.bounds import MAX_ORG_NAME_CHARS, added_bytes_bound
from services.classifier.engine import Classifier
from services.classifier.settings import ClassifierSettings
from shared.contracts import ClassifiedArticle, ParsedArticle

MB = 1024 * 1024
PEAK_LIMIT = 150 * MB  # the pod limit is 768 MiB; one story must stay far below it


@pytest.fixture(scope="module")
def clf() -> Classifier:
    clf = Classifier(ClassifierSettings())
    # compiled expressions are built once per language, on first use: not part of a story's memory
    clf.classify_article(_article("Acme sued Globex for $1bn. Acme launched a model."))
    return clf


def _org_names(clf: Classifier) -> str:
    aliases = [a for org in clf.taxonomy.orgs.values() for a in (org.aliases or [org.name])]
    return " and ".join(aliases)


def _hostile(clf: Classifier, size: int) -> dict[str, str]:
    sentence = (
        "Acme sued Globex and signed a licensing deal, launched a new model for all users and raised "
        "$40 million in a funding round, "
    )
    names = _org_names(clf) + ", "
    return {
        "dollars": ("$1bn " * (size // 5 + 1))[:size],
        "one_sentence": (sentence * (size // len(sentence) + 1))[:size],
        "org_names": (names * (size // len(names) + 1))[:size],
        "keywords": ((sentence.rstrip(", ") + ". ") * (size // len(sentence) + 1))[:size],
    }


def _article(text: str) -> ParsedArticle:
    return ParsedArticle(id="hostile", url="https://example.test/h", title="Acme sued", text=text, source="t")


def _check(clf: Classifier, text: str) -> tuple[ClassifiedArticle, int, int]:
    s = clf.settings
    parsed = _article(text)
    tracemalloc.start()
    try:
        out = clf.classify_article(parsed)
        encoded = out.encode()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(out.amounts) <= s.max_amounts
    assert len(out.orgs) <= s.max_orgs and all(len(o) <= MAX_ORG_NAME_CHARS for o in out.orgs)
    for tag in out.tags:
        assert len(tag.evidence) <= s.max_evidence
        for ev in tag.evidence:
            assert len(ev.text) <= s.max_sentence_chars
            if ev.end:
                assert text[ev.start : ev.end] == ev.text
    for a in out.amounts:
        assert len(a.sentence) <= s.max_sentence_chars and text[a.start : a.end] == a.text
    bound = added_bytes_bound(
        len(clf.taxonomy.tags), s.max_evidence, s.max_sentence_chars, s.max_amounts, s.max_orgs
    )
    added = len(encoded) - len(parsed.encode())
    assert added <= bound, (added, bound)
    return out, len(encoded), peak


@pytest.mark.parametrize("kind", ["dollars", "one_sentence", "org_names", "keywords"])
def test_hostile_80kb_page_gives_a_small_record(clf: Classifier, kind: str) -> None:
    text = _hostile(clf, 80_000)[kind]
    out, size, peak = _check(clf, text)
    assert size < MB, size
    assert peak < PEAK_LIMIT, peak
    if kind == "dollars":
        assert len(out.amounts) == clf.settings.max_amounts  # there were 16,000; the first ones are kept
        assert out.amounts[0].value == 1e9 and out.amounts[0].currency == "USD"
    if kind in ("one_sentence", "keywords"):
        assert {"lawsuit", "licensing", "launch", "investment"} <= set(out.tag_names)


@pytest.mark.parametrize("kind", ["dollars", "one_sentence", "keywords"])
def test_hostile_text_at_the_analysis_limit(clf: Classifier, kind: str) -> None:
    # the text is read up to max_chars; what is added stays under the same bound as for 80 KB
    text = _hostile(clf, clf.settings.max_chars + 10_000)[kind]
    _, size, peak = _check(clf, text)
    assert size - len(text.encode()) < MB
    assert peak < PEAK_LIMIT + 3 * len(text.encode()), peak  # the text itself is held a few times


def test_default_bound_is_well_under_a_megabyte(clf: Classifier) -> None:
    s = clf.settings
    bound = added_bytes_bound(
        len(clf.taxonomy.tags), s.max_evidence, s.max_sentence_chars, s.max_amounts, s.max_orgs
    )
    assert bound < MB // 2


def test_caps_are_settings(clf: Classifier) -> None:
    small = Classifier(
        ClassifierSettings(max_amounts=3, max_sentence_chars=60, max_orgs=2), taxonomy=clf.taxonomy
    )
    text = _hostile(clf, 20_000)
    out = small.classify(None, text["dollars"], "en")
    assert len(out.amounts) == 3 and all(len(a.sentence) <= 60 for a in out.amounts)
    out = small.classify(None, text["org_names"], "en")
    assert len(out.orgs) == 2
    out = small.classify(None, text["one_sentence"], "en")
    assert out.tags and all(len(e.text) <= 60 for t in out.tags for e in t.evidence)
    # the window keeps the matched words: each evidence still shows a trigger of its tag
    words = {"lawsuit": "sued", "licensing": "licensing", "launch": "launched", "investment": "funding"}
    for tag in out.tags:
        assert any(words[tag.name] in e.text or "$40 million" in e.text for e in tag.evidence), tag
    assert (
        Classifier(ClassifierSettings(max_amounts=0), taxonomy=clf.taxonomy)
        .classify(None, text["dollars"], "en")
        .amounts
        == []
    )
