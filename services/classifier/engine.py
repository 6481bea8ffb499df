"""The classifier: a record (title, text, lang) -> tags, primary tag, organisations, money amounts.

Pure and offline: the taxonomy is read once from YAML, nothing is downloaded, one call takes a few
milliseconds for a news story. Used by the CLI (``wirewatch classify``), the evaluation and the
faust service alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from services.classifier.amounts import AmountReader
from services.classifier.bounds import MAX_AMOUNT_TEXT_CHARS, clip_window
from services.classifier.orgs import OrgFinder
from services.classifier.settings import ClassifierSettings
from services.classifier.tagger import TITLE, Tagger
from services.classifier.taxonomy import Taxonomy, load_taxonomy
from services.classifier.textutil import SentenceIndex, map_span, split_sentences, strip_marks
from shared.contracts import Amount, ClassifiedArticle, Evidence, OrgMention, ParsedArticle, Tag

# HTML that survived extraction is blanked out (same length, so offsets still point into the text).
_HTML_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]{0,1000}>|<!--.*?-->|&(?:[a-z]{2,8}|#\d{1,6});", re.DOTALL)


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group(0))


def blank_html(text: str) -> str:
    if "<" not in text and "&" not in text:
        return text
    return _HTML_TAG.sub(_blank, _HTML_BLOCK.sub(_blank, text))


def normalise_lang(lang: str | None) -> str | None:
    if not lang:
        return None
    code = lang.strip().lower().replace("_", "-").split("-")[0]
    return code or None


def _remap_evidence(e: Evidence, omap: list[int] | None, raw: str, limit: int) -> Evidence:
    """Evidence with offsets into, and text from, the original text (not the matching copy); at most
    ``limit`` characters (removed diacritics make the original span longer than the matched one)."""
    if e.start == e.end == 0:  # the title
        return e
    start, end = map_span(omap, e.start, e.end)
    end = min(end, start + limit)
    return Evidence(text=raw[start:end], start=start, end=end)


def _remap_amount(a: Amount, omap: list[int] | None, raw: str, index: SentenceIndex, limit: int) -> Amount:
    start, end = map_span(omap, a.start, a.end)
    sentence = index.at(a.start)
    if sentence is None:
        sentence_text = raw[start:end]
    else:
        lo, hi = clip_window(sentence.start, sentence.end, a.start, a.end, limit)
        lo, hi = map_span(omap, lo, hi)
        lo, hi = clip_window(lo, hi, start, end, limit)
        sentence_text = raw[lo:hi]
    return a.model_copy(
        update={
            "start": start,
            "end": end,
            "text": raw[start:end][:MAX_AMOUNT_TEXT_CHARS],
            "sentence": sentence_text,
        }
    )


# What matching leaves out of an Arabic word (diacritics, tatweel, invisible marks; shared/textnorm.py).
_MARKS = "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u2060\ufeff]*"
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")


def _as_written(mentions: list[OrgMention], *texts: str) -> list[OrgMention]:
    """An Arabic name found in the story (no gazetteer name) as the story writes it, its diacritics
    kept («سُلّم», not «سلم»): the first place in the title or text where it stands with its marks."""
    out = []
    for m in mentions:
        if not m.known and _ARABIC_LETTER.search(m.name):
            letters = _MARKS.join(re.escape(ch) for ch in m.name)
            pattern = re.compile(f"(?<![\u0621-\u064a]){letters}{_MARKS}(?![\u0621-\u064a])")
            for text in texts:
                found = pattern.search(text) if text else None
                if found:
                    if found.group(0) != m.name:
                        m = m.model_copy(update={"name": found.group(0)})
                    break
        out.append(m)
    return out


@dataclass
class Classification:
    lang: str | None
    tags: list[Tag] = field(default_factory=list)
    primary_tag: str | None = None
    orgs: list[str] = field(default_factory=list)
    org_mentions: list[OrgMention] = field(default_factory=list)  # orgs with known/surface
    amounts: list[Amount] = field(default_factory=list)
    supported: bool = True  # False: the language has no rules, so no tag was looked for
    truncated: bool = False

    @property
    def tag_names(self) -> list[str]:
        return [t.name for t in self.tags]

    def fields(self) -> dict[str, Any]:
        """The fields a ClassifiedArticle adds (JSON-ready)."""
        return {
            "lang": self.lang,
            "tags": [t.model_dump() for t in self.tags],
            "primary_tag": self.primary_tag,
            "orgs": list(self.orgs),
            "org_mentions": [m.model_dump() for m in self.org_mentions],
            "amounts": [a.model_dump() for a in self.amounts],
        }


class Classifier:
    def __init__(self, settings: ClassifierSettings | None = None, taxonomy: Taxonomy | None = None) -> None:
        self.settings = settings or ClassifierSettings()
        self.taxonomy = taxonomy or load_taxonomy(
            self.settings.taxonomy_dir, self.settings.extra_taxonomy_files
        )
        self.tagger = Tagger(
            self.taxonomy,
            max_evidence=self.settings.max_evidence,
            max_sentence_chars=self.settings.max_sentence_chars,
        )
        self.orgs = OrgFinder(self.taxonomy, max_mentions=self.settings.max_orgs)
        self.amounts = AmountReader(self.taxonomy)
        self._uses_org_kinds = any(r.near_orgs for t in self.taxonomy.tags.values() for r in t.rules)
        self.languages = frozenset(self.settings.languages)

    def detect(self, title: str, text: str) -> str | None:
        """The one detector (shared/langdetect.py, also the parser's) over the classifier's languages;
        all of py3langid's when most letters are in a script none of them is written in."""
        from shared.langdetect import detect_language

        return detect_language(text[: self.settings.detect_chars], title=title or None, focus=self.languages)

    def classify(self, title: str | None, text: str | None, lang: str | None = None) -> Classification:
        title = blank_html((title or "")[:2000]).strip()
        raw = text or ""
        truncated = len(raw) > self.settings.max_chars
        body = blank_html(raw[: self.settings.max_chars])
        code = normalise_lang(lang) or self.detect(title, body)
        result = Classification(lang=code, truncated=truncated)
        if not title and not body.strip():
            result.supported = code in self.languages
            return result
        raw_title = title
        title, _ = strip_marks(title)
        work, omap = strip_marks(body)  # matching runs on `work`; offsets are mapped back to `raw`
        limit = self.settings.max_sentence_chars
        result.org_mentions = _as_written(self.orgs.mentions(title, work), raw_title, body)
        result.orgs = [m.name for m in result.org_mentions]
        sentences = split_sentences(work)
        index = SentenceIndex(sentences)
        amounts = self.amounts.find(work, code, index, limit=self.settings.max_amounts, sentence_chars=limit)
        result.amounts = [_remap_amount(a, omap, raw, index, limit) for a in amounts]
        if code not in self.languages:
            result.supported = False
            return result
        tagged = self.tagger.tag(title, work, sentences, code, self._org_kinds(title, work, index))
        for tag in tagged.tags:
            tag.evidence = [_remap_evidence(e, omap, raw, limit) for e in tag.evidence]
        result.tags = tagged.tags
        result.primary_tag = tagged.primary
        return result

    def _org_kinds(self, title: str, work: str, index: SentenceIndex) -> dict[int, frozenset[str]] | None:
        """The kinds (gazetteer ``kind``) of the organisations each sentence names, for rules with
        ``near_orgs``; None when no rule has one."""
        if not self._uses_org_kinds:
            return None
        orgs = self.taxonomy.orgs
        found: dict[int, set[str]] = {}
        for key, text in ((TITLE, title), (None, work)):
            if not text:
                continue
            for hit in self.orgs.hits(text):
                spec = orgs.get(hit.name)
                if spec is not None and not _is_credit(text, hit.start, hit.end):
                    found.setdefault(key if key is not None else index.index_of(hit.start), set()).add(
                        spec.kind
                    )
        return {k: frozenset(v) for k, v in found.items()}

    def classify_article(self, article: ParsedArticle) -> ClassifiedArticle:
        c = self.classify(article.title, article.text, article.lang)
        data = article.model_dump()
        data.pop("schema_version", None)
        data.pop("parsed_at", None)
        data["lang"] = c.lang
        return ClassifiedArticle(
            **data,
            parsed_at=article.parsed_at,
            tags=c.tags,
            primary_tag=c.primary_tag,
            orgs=c.orgs,
            org_mentions=c.org_mentions,
            amounts=c.amounts,
            taxonomy_version=self.taxonomy.version,
        )

    def classify_record(self, record: dict[str, Any]) -> dict[str, Any]:
        """A JSONL record (title, text, optional lang, id ...) with the classifier's fields added."""
        c = self.classify(str(record.get("title") or ""), str(record.get("text") or ""), record.get("lang"))
        return {**record, **c.fields(), "taxonomy_version": self.taxonomy.version}


_CREDIT_AFTER = re.compile(r"\s*\)\s*(?:[-–—:.,]|$|\n)")  # "(AFP) -", "(IANS).", "(واس) -"
_CREDIT_BEFORE = re.compile(r"(?:^|\n)\s*(?:Von|By|Par|Por|بقلم)\s+$", re.IGNORECASE)


def _is_credit(text: str, start: int, end: int) -> bool:
    """A mention that credits the report, not a party to its event: the agency of a dateline in
    parentheses ("MONTRÉAL (La Presse canadienne) -", "(AFP)", "(واس)") or a byline ("Von dpa",
    "By Reuters") -- a deal rule's media organisation must be a party."""
    before = text[max(0, start - 12) : start]
    if before.rstrip().endswith("(") and _CREDIT_AFTER.match(text, end):
        return True
    return bool(_CREDIT_BEFORE.search(text[max(0, start - 40) : start]))
