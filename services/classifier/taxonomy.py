"""Loading and validation of the classifier taxonomy (YAML data files).

The built-in taxonomy lives in ``services/classifier/taxonomy/``:

- ``tags/*.yaml``: one file per tag (its rules, sense rules, threshold, priority);
- ``orgs.yaml``: the gazetteer (canonical organisation names and their aliases);
- ``amounts.yaml``: currencies and scale words per language;
- ``contexts.yaml``: contexts that say a trigger of any tag reports no event (negations, hypotheticals,
  denials of a report).

Extra files named in ``ClassifierSettings.extra_taxonomy_files`` are merged over it: each may hold
``tags:`` (a new tag, or rules appended to an existing one), ``orgs:`` (new organisations, or aliases
added to an existing one), ``currencies:`` / ``scales:`` and ``contexts:`` (a context with an existing
id replaces it). See docs/classifier.md.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from shared.textnorm import fold_same_length

ANY_LANG = "*"
FLAGS = re.IGNORECASE | re.UNICODE


def fold(text: str) -> str:
    """Length-preserving normalisation of texts and patterns before matching: the one folding of
    shared/textnorm.py in its matching form (Arabic alef/hamza/yeh/teh-marbuta forms, compatibility
    forms, typographic quotes and dashes), one character for one character, case and Latin accents
    kept (the tagger lower-cases; gazetteer aliases keep case)."""
    return fold_same_length(text)


class TaxonomyError(ValueError):
    """A taxonomy file that cannot be read or does not validate."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _langs(value: Any) -> list[str]:
    if value is None:
        return [ANY_LANG]
    if isinstance(value, str):
        return [value]
    return list(value)


class RuleSpec(_Strict):
    """A trigger: ``pattern`` found in a sentence (with ``near`` also there, and ``unless`` not)."""

    id: str
    lang: list[str] = Field(default_factory=lambda: [ANY_LANG])
    pattern: str
    near: str | None = None
    unless: str | None = None
    # organisation kinds (gazetteer ``kind``: media, company, agency ...) that must each be named in
    # the sentence: "a deal" between an AI company and a newspaper is a content deal
    near_orgs: list[str] = Field(default_factory=list)
    weight: float = Field(0.8, gt=0.0, le=1.0)

    _lang = field_validator("lang", mode="before")(lambda v: _langs(v))

    @field_validator("pattern", "near", "unless")
    @classmethod
    def _compiles(cls, v: str | None) -> str | None:
        if v is not None:
            try:
                re.compile(fold(v), FLAGS)
            except re.error as exc:
                raise ValueError(f"bad regular expression {v!r}: {exc}") from exc
        return v


class ExcludeSpec(_Strict):
    """A sense rule: a trigger whose match overlaps a match of ``pattern`` does not count."""

    lang: list[str] = Field(default_factory=lambda: [ANY_LANG])
    pattern: str
    note: str | None = None

    _lang = field_validator("lang", mode="before")(lambda v: _langs(v))
    _compiles = field_validator("pattern")(lambda v: RuleSpec._compiles(v))


class ContextSpec(_Strict):
    """A context that says a trigger reports no event, whatever its tag: a negation ("has not signed a
    licence", «n'a levé aucun fonds», „keine Klage", "no ha lanzado", «لم تطلق») or a hypothetical ("could
    sue") standing before the trigger in its clause (``scope: clause``: ``cue`` ends at most ``window``
    characters before the trigger, with no clause boundary between), or a sentence that denies a report
    (``scope: sentence``: ``cue`` and ``near`` both in the sentence), or a trigger inside an enumeration of
    kinds of events (``scope: list``: at least ``items`` matches of ``cue``, each at most ``window``
    characters after the one before with a comma or "and / or / et / ou / und / oder / y / o / و" between:
    "talk of licences, lawsuits and launches"). ``void``: words that leave the event standing (between the
    cue and the trigger for a clause, anywhere in the sentence for a sentence or a list): "did not disclose
    the terms of the licence" still reports a licence. ``scope: headline``: ``cue`` and ``near`` in the
    headline (``void`` not there) say the story reports no event at all: a guide, a job advertisement, a
    reader's question, a headline denying talks. ``tags``: the tags it applies to (empty: every tag)."""

    id: str
    lang: list[str] = Field(default_factory=lambda: [ANY_LANG])
    # headline: ``cue`` (and ``near``) in the headline, ``void`` not there, says the whole story reports no
    # event of ``tags`` ("A buyer's guide to ...", «On recrute : ...», "X denies it is in talks to buy Y")
    scope: Literal["clause", "sentence", "list", "headline"] = "clause"
    cue: str
    near: str | None = None
    void: str | None = None
    window: int = Field(80, gt=0, le=400)
    items: int = Field(3, ge=2, le=10)  # scope list: how many event nouns in a row make an enumeration
    # scope clause: the cue stands before the trigger (ends at most ``window`` characters before its start)
    # or after it (starts at most ``window`` characters after its start: "un procès coûterait", „sei kein
    # Thema"); scope sentence: the cue is anywhere before the trigger, after it, or either ("any")
    side: Literal["before", "after", "any"] = "before"
    # scope sentence: the cue nearest the trigger must be in its clause ("Acme, whose merger collapsed last
    # year, launched ..." keeps its launch)
    same_clause: bool = False
    in_title: bool = True  # False: the headline is not read ("What does the X-Y deal mean?" reports it)
    tags: list[str] = Field(default_factory=list)
    note: str | None = None

    _lang = field_validator("lang", mode="before")(lambda v: _langs(v))
    _compiles = field_validator("cue", "near", "void")(lambda v: RuleSpec._compiles(v))


class TagSpec(_Strict):
    name: str = Field(pattern=r"^[a-z][a-z0-9_\-]*$")
    description: str = ""
    threshold: float = Field(0.5, gt=0.0, le=1.0)
    priority: int = 100  # breaks ties for the primary tag: lower wins
    rules: list[RuleSpec] = Field(default_factory=list)
    exclude: list[ExcludeSpec] = Field(default_factory=list)


class OrgSpec(_Strict):
    name: str
    aliases: list[str] = Field(default_factory=list)
    kind: str = "company"
    ignore_case: bool = False  # aliases match case-insensitively (default: exact case for Latin script)
    name_is_alias: bool = True  # False for names too ambiguous to look for as such ("Time", "X")
    not_followed_by: str | None = None  # regex: a mention followed by this is not the organisation
    platform: bool = False  # a platform: "posted on TikTok" names the product, not the company

    _nfb = field_validator("not_followed_by")(lambda v: RuleSpec._compiles(v))


class CurrencySpec(_Strict):
    code: str = Field(pattern=r"^[A-Z]{3}$")
    symbols: list[str] = Field(default_factory=list)  # written before or after the number: $, US$, €
    words: list[str] = Field(default_factory=list)  # regex fragments written after the number: dollars?


class ScaleSpec(_Strict):
    factor: float
    words: list[str]  # regex fragments: billion, bn, Mrd\.?, milliards?, مليار(?:ات)?
    lang: list[str] = Field(default_factory=lambda: [ANY_LANG])

    _lang = field_validator("lang", mode="before")(lambda v: _langs(v))


class TaxonomyFile(_Strict):
    tags: list[TagSpec] = Field(default_factory=list)
    orgs: list[OrgSpec] = Field(default_factory=list)
    currencies: list[CurrencySpec] = Field(default_factory=list)
    scales: list[ScaleSpec] = Field(default_factory=list)
    contexts: list[ContextSpec] = Field(default_factory=list)


@dataclass
class Taxonomy:
    tags: dict[str, TagSpec] = field(default_factory=dict)
    orgs: dict[str, OrgSpec] = field(default_factory=dict)
    currencies: dict[str, CurrencySpec] = field(default_factory=dict)
    scales: list[ScaleSpec] = field(default_factory=list)
    contexts: dict[str, ContextSpec] = field(default_factory=dict)  # by id: a later file's replaces one
    sources: list[Path] = field(default_factory=list)
    version: str = ""  # content hash of the files it was read from (taxonomy_version of each record)

    def merge(self, part: TaxonomyFile, source: Path) -> None:
        self.sources.append(source)
        for tag in part.tags:
            old = self.tags.get(tag.name)
            if old is None:
                self.tags[tag.name] = tag
            else:
                ids = {r.id for r in tag.rules}
                rules = [r for r in old.rules if r.id not in ids] + tag.rules
                update = tag.model_dump(exclude_unset=True, exclude={"rules", "exclude", "name"})
                self.tags[tag.name] = old.model_copy(
                    update={**update, "rules": rules, "exclude": old.exclude + tag.exclude}
                )
        for org in part.orgs:
            old_org = self.orgs.get(org.name)
            if old_org is None:
                self.orgs[org.name] = org
            else:
                aliases = old_org.aliases + [a for a in org.aliases if a not in old_org.aliases]
                self.orgs[org.name] = old_org.model_copy(update={"aliases": aliases})
        for cur in part.currencies:
            old_cur = self.currencies.get(cur.code)
            if old_cur is None:
                self.currencies[cur.code] = cur
            else:
                self.currencies[cur.code] = old_cur.model_copy(
                    update={"symbols": old_cur.symbols + cur.symbols, "words": old_cur.words + cur.words}
                )
        self.scales.extend(part.scales)
        for ctx in part.contexts:
            self.contexts[ctx.id] = ctx

    def validate_all(self) -> None:
        if not self.tags:
            raise TaxonomyError("the taxonomy defines no tag")
        for tag in self.tags.values():
            seen: set[str] = set()
            for rule in tag.rules:
                if rule.id in seen:
                    raise TaxonomyError(f"tag {tag.name}: duplicate rule id {rule.id!r}")
                seen.add(rule.id)
        owner: dict[str, str] = {}
        for org in self.orgs.values():
            for alias in [org.name, *org.aliases] if org.name_is_alias else org.aliases:
                key = fold(alias)
                if key in owner and owner[key] != org.name:
                    raise TaxonomyError(f"alias {alias!r} belongs to both {owner[key]!r} and {org.name!r}")
                owner[key] = org.name
        for ctx in self.contexts.values():
            unknown = [t for t in ctx.tags if t not in self.tags]
            if unknown:
                raise TaxonomyError(f"context {ctx.id!r}: unknown tags {unknown}")


_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_file(path: Path) -> TaxonomyFile:
    try:
        # libyaml's safe loader where PyYAML was built with it (the same documents, ~10x faster: the
        # taxonomy is ~3,700 lines read at every start and by every `classify` command)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise TaxonomyError(f"{path}: {exc}") from exc
    if isinstance(data, dict) and "name" in data and "rules" in data:  # a single tag file
        data = {"tags": [data]}
    try:
        return TaxonomyFile.model_validate(data)
    except ValueError as exc:
        raise TaxonomyError(f"{path}: {exc}") from exc


def builtin_files(directory: Path) -> list[Path]:
    files = sorted((directory / "tags").glob("*.yaml"))
    named = ("orgs.yaml", "amounts.yaml", "contexts.yaml")
    files += [directory / name for name in named if (directory / name).exists()]
    files += sorted(p for p in (directory / "orgs").glob("*.yaml")) if (directory / "orgs").is_dir() else []
    return files


def taxonomy_version(files: Iterable[Path]) -> str:
    """A short content hash of the taxonomy files, in the order they are merged: the same rules give
    the same version on every machine (file names count, directories do not); any change to a rule,
    an alias or a currency gives a new one."""
    digest = hashlib.sha256()
    for path in files:
        path = Path(path)
        digest.update(path.name.encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError as exc:
            raise TaxonomyError(f"{path}: {exc}") from exc
        digest.update(b"\0")
    return f"tx-{digest.hexdigest()[:12]}"


def load_taxonomy(directory: Path, extra: Iterable[Path] = ()) -> Taxonomy:
    taxonomy = Taxonomy()
    files = [Path(p) for p in [*builtin_files(directory), *extra]]
    for path in files:
        taxonomy.merge(read_file(path), path)
    taxonomy.validate_all()
    taxonomy.version = taxonomy_version(files)
    return taxonomy


@lru_cache(maxsize=8)
def cached_taxonomy(directory: Path, extra: tuple[Path, ...] = ()) -> Taxonomy:
    return load_taxonomy(directory, extra)
