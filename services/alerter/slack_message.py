"""Slack Block Kit messages for one story (instant) and for a digest, within Slack's limits.

Limits (Slack's Block Kit reference, https://docs.slack.dev/reference/block-kit/):
  * a message holds at most 50 blocks ("Blocks" reference: up to 50 blocks per message);
  * header block: plain_text, at most 150 characters (header-block reference);
  * section block: text at most 3000 characters; at most 10 fields of at most 2000 characters
    each (section-block reference);
  * context block: at most 10 elements (context-block reference).
The top-level ``text`` is the notification / fallback text; Slack truncates it at 40,000 characters
and advises keeping it short (chat.postMessage reference), so we keep it under 3,000.
Slack also rejects a message whose blocks are long *in total* (``msg_blocks_too_long``) well before
50 x 3000 characters; slackapi/bolt-js#2509 reports the failure near 13,200 characters, so a message
here keeps its blocks' text under 12,000 characters.

Long text is cut cleanly: at a word boundary, with an ellipsis, never inside an mrkdwn escape.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, Field

from shared.contracts import Amount, ClassifiedArticle, Evidence, Tag

MAX_BLOCKS = 50
HEADER_TEXT_MAX = 150
SECTION_TEXT_MAX = 3000
SECTION_FIELDS_MAX = 10
FIELD_TEXT_MAX = 2000
CONTEXT_ELEMENTS_MAX = 10
FALLBACK_TEXT_MAX = 3000
TOTAL_TEXT_BUDGET = 12_000
TITLE_MAX = 250  # a linked headline longer than this is cut
ELLIPSIS = "…"

Payload = dict[str, Any]


# -- text helpers ----------------------------------------------------------------------------------


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, with an ellipsis when cut."""
    text = " ".join(text.split()) if "\n" not in text else text.strip()
    if len(text) <= limit:
        return text
    if limit <= 1:
        return ELLIPSIS[:limit]
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:  # cut at the last word boundary unless that loses half the budget
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + ELLIPSIS


def escape(text: str) -> str:
    """Slack mrkdwn escaping: only &, < and > are special."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip_mrkdwn(text: str, limit: int) -> str:
    """Escaped ``text`` of at most ``limit`` characters (cut before escaping, so no entity is split)."""
    budget = limit
    while budget > 0:
        out = escape(clip(text, budget))
        if len(out) <= limit:
            return out
        budget -= max(1, (len(out) - limit) // 4)  # an entity adds up to 4 characters
    return ""


def link(url: str, label: str, limit: int = TITLE_MAX) -> str:
    """An mrkdwn link ``<url|label>``; characters that would end the link are percent-encoded."""
    safe_url = url.replace(" ", "%20").replace("|", "%7C").replace("<", "%3C").replace(">", "%3E")
    safe_label = clip_mrkdwn(label, limit).replace("|", "¦")
    return f"<{safe_url}|{safe_label}>"


def slack_date(moment: datetime | None) -> str:
    """Slack's localised date token, with a UTC fallback for clients that cannot render it."""
    if moment is None:
        return "unknown"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    fallback = moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"<!date^{int(moment.timestamp())}^{{date_short_pretty}} {{time}}|{fallback}>"


def format_amount(amount: Amount) -> str:
    value = amount.value
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand")):
        if abs(value) >= size:
            number = f"{value / size:.2f}".rstrip("0").rstrip(".")
            return f"{amount.currency} {number} {word}"
    return f"{amount.currency} {value:,.0f}"


def _text(kind: str, text: str) -> dict[str, Any]:
    return {"type": kind, "text": text}


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": _text("mrkdwn", text[:SECTION_TEXT_MAX])}


def _context(elements: list[str]) -> dict[str, Any]:
    return {"type": "context", "elements": [_text("mrkdwn", e) for e in elements[:CONTEXT_ELEMENTS_MAX]]}


def _header(text: str) -> dict[str, Any]:
    return {
        "type": "header",
        "text": {"type": "plain_text", "text": clip(text, HEADER_TEXT_MAX), "emoji": True},
    }


def blocks_text_length(blocks: list[dict[str, Any]]) -> int:
    """Characters of text in ``blocks`` (what Slack's total-length check counts)."""
    total = 0
    for block in blocks:
        for key in ("text",):
            if isinstance(block.get(key), dict):
                total += len(block[key].get("text", ""))
        for item in block.get("fields", []) + block.get("elements", []):
            total += len(item.get("text", ""))
    return total


# -- one story --------------------------------------------------------------------------------------


def _best_evidence(tag: Tag) -> Evidence | None:
    return max(tag.evidence, key=lambda e: len(e.text), default=None) if tag.evidence else None


def story_blocks(
    article: ClassifiedArticle,
    subscription: str,
    *,
    tags: list[str] | None = None,
    max_tags: int = 4,
    evidence_chars: int = 400,
) -> list[dict[str, Any]]:
    """Blocks for one story: linked headline, where/when, tags with evidence, organisations, amounts."""
    title = article.title or article.description or article.url
    blocks: list[dict[str, Any]] = [_section(f":newspaper: *{link(article.url, title)}*")]
    meta = [
        f"*Source:* {clip_mrkdwn(article.source or article.site_name or 'unknown', 80)}",
        f"*Language:* {escape(article.lang or 'unknown')}",
        f"*Published:* {slack_date(article.published)}",
        f"*Alert:* {escape(subscription)}",
    ]
    blocks.append(_context(meta))

    shown = [t for t in sorted(article.tags, key=lambda t: -t.score) if tags is None or t.name in tags]
    shown = shown or sorted(article.tags, key=lambda t: -t.score)
    for tag in shown[:max_tags]:
        line = f"*{escape(tag.name)}* · score {tag.score:.2f}"
        evidence = _best_evidence(tag)
        if evidence is not None:
            budget = min(evidence_chars, SECTION_TEXT_MAX - len(line) - 8)
            line += "\n> " + clip_mrkdwn(evidence.text, budget).replace("\n", "\n> ")
        blocks.append(_section(line))

    fields: list[dict[str, Any]] = []
    if article.orgs:
        orgs = ", ".join(dict.fromkeys(article.orgs))
        fields.append(_text("mrkdwn", "*Organisations*\n" + clip_mrkdwn(orgs, FIELD_TEXT_MAX - 20)))
    if article.amounts:
        lines = [
            f"{escape(format_amount(a))} ({clip_mrkdwn(a.text, 80)})"
            for a in sorted(article.amounts, key=lambda a: -a.value)
        ][:5]
        fields.append(_text("mrkdwn", "*Amounts*\n" + clip("\n".join(lines), FIELD_TEXT_MAX - 20)))
    if fields:
        blocks.append({"type": "section", "fields": fields[:SECTION_FIELDS_MAX]})
    return blocks


def story_fallback(article: ClassifiedArticle, subscription: str) -> str:
    """The notification text: escaped like every mrkdwn field (a title's ``<!channel>`` stays text)."""
    tags = ", ".join(t.name for t in article.tags) or "no tags"
    head = f"[{subscription}] {clip(article.title or article.url, TITLE_MAX)}"
    tail = f" ({article.source or 'unknown'}, {article.lang or '?'}; {tags}) {article.url}"
    return clip_mrkdwn(head + tail, FALLBACK_TEXT_MAX)


def story_message(
    article: ClassifiedArticle,
    subscription: str,
    *,
    tags: list[str] | None = None,
    max_tags: int = 4,
    evidence_chars: int = 400,
) -> Payload:
    blocks = story_blocks(article, subscription, tags=tags, max_tags=max_tags, evidence_chars=evidence_chars)
    while blocks_text_length(blocks) > TOTAL_TEXT_BUDGET and len(blocks) > 2:
        blocks.pop(-2 if blocks[-1].get("fields") else -1)  # drop the last tag section first
    return {"text": story_fallback(article, subscription), "blocks": blocks[:MAX_BLOCKS]}


# -- digest -------------------------------------------------------------------------------------------


class StorySummary(BaseModel):
    """What a digest keeps of a story (stored in the alerter's state until the digest is sent)."""

    id: str
    url: str
    title: str
    source: str | None = None
    lang: str | None = None
    tags: list[str] = Field(default_factory=list)
    orgs: list[str] = Field(default_factory=list)
    amounts: list[str] = Field(default_factory=list)
    published: datetime | None = None
    story: str | None = None  # the story key (grouper's story_id, else the article id): one line per story
    reports: int = 1  # reports of the story seen while the digest was pending
    sources: list[str] = Field(default_factory=list)
    langs: list[str] = Field(default_factory=list)

    @property
    def coverage(self) -> str:
        """``reported by 3 sources in 2 languages`` when more than one report was seen, else empty."""
        if self.reports <= 1:
            return ""
        sources = len(self.sources) or self.reports
        langs = len(self.langs)
        text = f"reported by {sources} source{'s' if sources != 1 else ''}"
        if langs:
            text += f" in {langs} language{'s' if langs != 1 else ''}"
        return text

    @classmethod
    def of(cls, article: ClassifiedArticle) -> StorySummary:
        return cls(
            story=article.story_id or article.id,
            sources=[article.source or article.site_name or "unknown"],
            langs=[article.lang] if article.lang else [],
            id=article.id,
            url=article.url,
            title=clip(article.title or article.url, TITLE_MAX),
            source=article.source,
            lang=article.lang,
            tags=[t.name for t in sorted(article.tags, key=lambda t: -t.score)][:5],
            orgs=list(dict.fromkeys(article.orgs))[:8],
            amounts=[format_amount(a) for a in sorted(article.amounts, key=lambda a: -a.value)][:3],
            published=article.published,
        )


def digest_message(subscription: str, stories: list[StorySummary], *, dropped: int = 0) -> Payload:
    """One message listing ``stories`` (as many as fit; the rest are counted in a closing line)."""
    header = _header(f"{len(stories) + dropped} new stories for {subscription}")  # plain_text: no markup
    blocks: list[dict[str, Any]] = [header]
    room = MAX_BLOCKS - 2  # header + closing context
    shown = 0
    for story in stories:
        details = " · ".join(
            part
            for part in (
                story.coverage,
                story.source or "unknown",
                story.lang or "?",
                ", ".join(story.tags) if story.tags else "",
                ", ".join(story.orgs) if story.orgs else "",
                "; ".join(story.amounts) if story.amounts else "",
            )
            if part
        )
        when = f" · {slack_date(story.published)}" if story.published else ""
        block = _section(f"*{link(story.url, story.title)}*\n{clip_mrkdwn(details, 600)}{when}")
        if shown >= room or blocks_text_length([*blocks, block]) > TOTAL_TEXT_BUDGET:
            break
        blocks.append(block)
        shown += 1
    more = len(stories) - shown + dropped
    if more > 0:
        blocks.append(_context([f"…and {more} more matching stories"]))
    lines = [f"{len(stories) + dropped} new stories for {subscription}:"]
    lines += [
        f"- {s.title} ({s.coverage or s.source or 'unknown'}) {s.url}" for s in stories[:shown]
    ]
    return {"text": clip_mrkdwn("\n".join(lines), FALLBACK_TEXT_MAX), "blocks": blocks}


def sample_article() -> ClassifiedArticle:
    """A made-up story for ``wirewatch alerts test``."""
    text = (
        "This is a test alert from Wirewatch. A fictional company, Example Labs, says it raised "
        "$1.2 billion to build a new model, and a fictional rival filed a lawsuit over it."
    )
    return ClassifiedArticle(
        id="0" * 32,
        url="https://example.com/wirewatch-test-alert",
        source="Wirewatch test",
        title="Wirewatch test alert: Example Labs raises $1.2 billion",
        text=text,
        lang="en",
        published=datetime.now(UTC),
        tags=[
            Tag(name="investment", score=0.9, evidence=[Evidence(text=text[36:140], start=36, end=140)]),
            Tag(name="lawsuit", score=0.6, evidence=[Evidence(text=text[141:], start=141, end=len(text))]),
        ],
        primary_tag="investment",
        orgs=["Example Labs"],
        amounts=[Amount(value=1.2e9, currency="USD", text="$1.2 billion", sentence=text[36:140])],
    )
