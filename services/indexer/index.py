"""Index design: monthly indices behind one alias, the index template, and article documents.

* Each article goes to the concrete monthly index of its publication date (fallback: fetch time,
  then classification time): ``<alias>-YYYY.MM``. The same article id therefore always lands in the
  same index and a redelivered or re-processed article replaces its older version (``_id`` = id).
* The index template (``<alias>-template``, pattern ``<alias>-*``) gives every monthly index the
  mapping below and the alias, so the alias reads across all months.
* ``published`` is the publication date, or the fetch time when the article had none
  (``date_source`` says which): it places the article in its month, feeds ``--since`` and is
  Kibana's time field.
* ``search_title``/``search_text``/``search_evidence`` hold the text folded by ``shared.textnorm``
  (case, accents, Arabic alef/hamza variants, tatweel, diacritics) and are analysed with the
  built-in ``standard`` analyzer, which every Elasticsearch has (the local cluster has no
  analysis-common module). Queries are folded by the same function.
* Where the cluster has the language analyzers (``detect_analyzers`` at setup), ``title`` and
  ``text`` also get stemmed subfields (``text.french``, ``title.arabic`` ...); queries use them
  beside the folded fields.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from elasticsearch import BadRequestError

from shared.contracts import Amount, ClassifiedArticle, OrgMention, Tag
from shared.textnorm import fold

log = logging.getLogger(__name__)

KEYWORD_LIMIT = 1024  # keywords longer than this are not indexed (kept in _source)

MAPPING: dict[str, Any] = {
    "dynamic": "strict",
    "dynamic_templates": [
        {"tag_scores": {"path_match": "tag_scores.*", "mapping": {"type": "float"}}},
    ],
    "properties": {
        "id": {"type": "keyword"},
        "url": {"type": "keyword", "ignore_above": 4096},
        "final_url": {"type": "keyword", "index": False, "doc_values": False},
        "feed": {"type": "keyword", "ignore_above": 4096},
        "source": {"type": "keyword", "ignore_above": KEYWORD_LIMIT},
        "site_name": {"type": "keyword", "ignore_above": KEYWORD_LIMIT},
        "author": {"type": "keyword", "ignore_above": KEYWORD_LIMIT},
        "title": {
            "type": "text",
            "fields": {"keyword": {"type": "keyword", "ignore_above": KEYWORD_LIMIT}},
        },
        "search_title": {"type": "text", "analyzer": "standard"},
        "description": {"type": "text"},
        "text": {"type": "text"},
        "search_text": {"type": "text", "analyzer": "standard"},
        "image": {"type": "keyword", "index": False, "doc_values": False},
        "lang": {"type": "keyword"},
        "tags": {"type": "keyword"},
        "primary_tag": {"type": "keyword"},
        "taxonomy_version": {"type": "keyword"},
        "tag_scores": {"type": "object", "dynamic": True},
        "evidence": {
            "properties": {
                "tag": {"type": "keyword"},
                "text": {"type": "text"},
            }
        },
        "search_evidence": {"type": "text", "analyzer": "standard"},
        "orgs": {"type": "keyword", "ignore_above": KEYWORD_LIMIT},
        "org_mentions": {  # known: in the gazetteer (canonical name); else the name as written
            "properties": {
                "name": {"type": "keyword", "ignore_above": KEYWORD_LIMIT},
                "known": {"type": "boolean"},
            }
        },
        "amounts": {
            "properties": {
                "value": {"type": "double"},
                "currency": {"type": "keyword"},
                "text": {"type": "text"},
            }
        },
        "published": {"type": "date"},
        "date_source": {"type": "keyword"},
        "fetched": {"type": "date"},
        "parsed": {"type": "date"},
        "classified": {"type": "date"},
        "indexed": {"type": "date"},
        "word_count": {"type": "integer"},
        "summary_only": {"type": "boolean"},
        "extraction_fallback": {"type": "keyword", "ignore_above": KEYWORD_LIMIT},  # why summary only
        # the grouping stage's story (one story_id for every report of the same event) and why
        "story_id": {"type": "keyword", "ignore_above": KEYWORD_LIMIT},
        "story_reason": {"type": "text", "index": False},
    },
}

# Language analyzers of Elasticsearch's analysis-common module; when the cluster has them (a full
# distribution; not the local integ-test one), `title` and `text` get a stemmed subfield per
# language (`text.french` ...) beside the folded `search_*` fields, which stay the fallback.
STEMMED_ANALYZERS: tuple[str, ...] = ("arabic", "french", "german", "english", "spanish")
STEMMED_PARENTS: dict[str, str] = {"title": "^3", "text": ""}  # parent field -> query weight
HIGHLIGHT_MAX_ANALYZED_OFFSET = 1_000_000  # the index bound; the API asks for less per request


# Fields analysts can name (Kibana objects are checked against this list).
def mapped_fields(mapping: dict[str, Any] = MAPPING, prefix: str = "") -> set[str]:
    """Every field path of the mapping, including multi-fields (``title.keyword``)."""
    out: set[str] = set()
    for name, spec in mapping.get("properties", {}).items():
        path = f"{prefix}{name}"
        out.add(path)
        if "properties" in spec:
            out |= mapped_fields(spec, f"{path}.")
        for sub in spec.get("fields", {}):
            out.add(f"{path}.{sub}")
    return out


def mapping_with(analyzers: Iterable[str] = ()) -> dict[str, Any]:
    """The mapping, with a stemmed subfield of ``title`` and ``text`` for each of ``analyzers``."""
    found = [a for a in STEMMED_ANALYZERS if a in set(analyzers)]
    mapping = copy.deepcopy(MAPPING)
    for parent in STEMMED_PARENTS:
        spec = mapping["properties"][parent]
        for analyzer in found:
            spec.setdefault("fields", {})[analyzer] = {"type": "text", "analyzer": analyzer}
    return mapping


async def detect_analyzers(es: Any) -> list[str]:
    """The language analyzers of ``STEMMED_ANALYZERS`` the cluster has (``_analyze`` with each)."""
    found = []
    for analyzer in STEMMED_ANALYZERS:
        resp = await es.options(ignore_status=(400, 404)).indices.analyze(analyzer=analyzer, text="wirewatch")
        if resp.meta.status == 200 and resp.body.get("tokens") is not None:
            found.append(analyzer)
    return found


def index_pattern(alias: str) -> str:
    return f"{alias}-*"


def template_name(alias: str) -> str:
    return f"{alias}-template"


def monthly_index(alias: str, when: datetime) -> str:
    when = when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)
    return f"{alias}-{when.year:04d}.{when.month:02d}"


def article_date(article: ClassifiedArticle) -> datetime:
    """The date that places an article in its monthly index."""
    return article.published or article.fetched_at or article.classified_at


def date_source(article: ClassifiedArticle) -> str:
    """Where ``published`` came from: the article itself, or the fetch/classification time."""
    if article.published:
        return "published"
    return "fetched" if article.fetched_at else "classified"


def index_for(alias: str, article: ClassifiedArticle) -> str:
    return monthly_index(alias, article_date(article))


def template_body(
    alias: str,
    *,
    shards: int = 1,
    replicas: int = 0,
    refresh_interval: str = "1s",
    analyzers: Iterable[str] = (),
) -> dict[str, Any]:
    found = [a for a in STEMMED_ANALYZERS if a in set(analyzers)]
    return {
        "index_patterns": [index_pattern(alias)],
        "priority": 200,
        "template": {
            "settings": {
                "number_of_shards": shards,
                "number_of_replicas": replicas,
                "refresh_interval": refresh_interval,
                "highlight": {"max_analyzed_offset": HIGHLIGHT_MAX_ANALYZED_OFFSET},
            },
            "mappings": mapping_with(found),
            "aliases": {alias: {}},
        },
        "_meta": {
            "managed_by": "wirewatch",
            "description": "Wirewatch articles, one index per month",
            "analyzers": found,
        },
    }


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat()


def classification_fields(
    tags: Sequence[Tag], org_mentions: Sequence[OrgMention], amounts: Sequence[Amount]
) -> dict[str, Any]:
    """The document fields derived from a classification: evidence (and its folded copy),
    organisation mentions and amounts (``document`` and ``reclassify`` write the same shapes)."""
    evidence = [{"tag": tag.name, "text": ev.text} for tag in tags for ev in tag.evidence]
    return {
        "evidence": evidence,
        "search_evidence": fold(" \n".join(e["text"] for e in evidence)),
        "org_mentions": [{"name": m.name, "known": m.known} for m in org_mentions],
        "amounts": [{"value": a.value, "currency": a.currency, "text": a.text} for a in amounts],
    }


def document(
    article: ClassifiedArticle, *, indexed: datetime | None = None, max_text_chars: int = 100_000
) -> dict[str, Any]:
    """The Elasticsearch document of an article (``_id`` is the article id)."""
    text = article.text[:max_text_chars]
    derived = classification_fields(article.tags, article.org_mentions, article.amounts)
    return {
        "id": article.id,
        "url": article.url,
        "final_url": article.final_url,
        "feed": article.feed_url,
        "source": article.source,
        "site_name": article.site_name,
        "author": article.author,
        "title": article.title,
        "search_title": fold(article.title),
        "description": article.description,
        "text": text,
        "search_text": fold(text),
        "image": article.image,
        "lang": article.lang,
        "tags": article.tag_names,
        "primary_tag": article.primary_tag,
        "taxonomy_version": article.taxonomy_version,
        "tag_scores": {tag.name: tag.score for tag in article.tags},
        "evidence": derived["evidence"],
        "search_evidence": derived["search_evidence"],
        "orgs": article.orgs,
        "org_mentions": derived["org_mentions"],
        "amounts": derived["amounts"],
        "story_id": article.story_id,
        "story_reason": article.story_reason,
        "published": _iso(article_date(article)),
        "date_source": date_source(article),
        "fetched": _iso(article.fetched_at),
        "parsed": _iso(article.parsed_at),
        "classified": _iso(article.classified_at),
        "indexed": _iso(indexed or datetime.now(UTC)),
        "word_count": article.word_count,
        "summary_only": article.summary_only,
        "extraction_fallback": article.extraction_fallback,
    }


# Fields mapped after the first indices were created (see setup).
ADDED_FIELDS: dict[str, Any] = {"org_mentions": MAPPING["properties"]["org_mentions"]}


async def setup(
    es: Any,
    alias: str,
    *,
    shards: int = 1,
    replicas: int = 0,
    refresh_interval: str = "1s",
    analyzers: Iterable[str] | None = None,
) -> dict[str, Any]:
    """Create or update the index template and make sure the alias exists (idempotent).

    The alias needs at least one index: the current month's index is created when missing.
    Existing indices keep their mapping (a template change applies to new months).
    ``analyzers``: the language analyzers to add stemmed subfields for; None: those the cluster has.
    """
    found = await detect_analyzers(es) if analyzers is None else list(analyzers)
    await es.indices.put_index_template(
        name=template_name(alias),
        **template_body(
            alias, shards=shards, replicas=replicas, refresh_interval=refresh_interval, analyzers=found
        ),
    )
    # Fields added after indices were created: mapped on the existing months too (mappings are strict,
    # so a document carrying them would be refused); additive only, existing fields are untouched.
    await es.indices.put_mapping(
        index=index_pattern(alias), properties=ADDED_FIELDS, allow_no_indices=True, expand_wildcards="all"
    )
    current = monthly_index(alias, datetime.now(UTC))
    created = False
    if not await es.indices.exists(index=current):
        try:
            await es.indices.create(index=current)
            created = True
        except BadRequestError as exc:  # a concurrent creator won the race
            if exc.error != "resource_already_exists_exception":
                raise
    from elasticsearch import ApiError

    from services.indexer import stories

    try:
        stories_created = await stories.setup(es, alias, shards=shards, replicas=replicas)
    except ApiError as exc:  # e.g. a key minted before the stories index existed (403): the articles
        # are indexed anyway; the summaries' writes log their refusals
        log.error(
            "story summaries index %s not set up (%s %s): rotate the indexer's key after updating roles",
            stories.stories_index(alias),
            exc.status_code,
            exc.error,
        )
        stories_created = False
    return {
        "template": template_name(alias),
        "alias": alias,
        "current_index": current,
        "created": created,
        "analyzers": found,
        "stories_index": stories.stories_index(alias),
        "stories_created": stories_created,
    }


async def delete_all(es: Any, alias: str) -> None:
    """Delete the template and every monthly index of ``alias`` (tests and `index delete`)."""
    # Concrete names: clusters with action.destructive_requires_name refuse wildcard deletes.
    found = await es.options(ignore_status=404).indices.get(
        index=index_pattern(alias), expand_wildcards="all", allow_no_indices=True
    )
    names = sorted(found.body) if found.meta.status == 200 else []
    for start in range(0, len(names), 50):
        await es.options(ignore_status=404).indices.delete(index=",".join(names[start : start + 50]))
    await es.options(ignore_status=404).indices.delete_index_template(name=template_name(alias))
    from services.indexer.stories import stories_index

    await es.options(ignore_status=404).indices.delete(index=stories_index(alias))


async def setup_from_settings(settings: Any, opts: Any = None) -> dict[str, Any]:
    """Wait for Elasticsearch, then ``setup`` with the configured shards, replicas and refresh.

    ``settings`` is a ``shared.config.Settings``; ``opts`` an ``IndexerSettings`` (read from the
    environment when not given). Used by ``wirewatch index setup`` and the demo.
    """
    from services.indexer.settings import IndexerSettings
    from shared.elastic import make_client, wait_healthy

    opts = opts or IndexerSettings()
    es = make_client(settings)
    try:
        await wait_healthy(es, timeout=120)
        return await setup(
            es,
            settings.index_alias,
            shards=opts.shards,
            replicas=opts.replicas,
            refresh_interval=opts.refresh_interval,
        )
    finally:
        await es.close()
