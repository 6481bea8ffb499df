"""Event tags from language-aware rules (taxonomy/tags/*.yaml).

A rule fires on a sentence that matches its ``pattern`` (and its ``near`` pattern, when given, and not
its ``unless`` pattern), unless the matched words overlap a sense rule (``exclude``) of the tag:
"launched a lawsuit" is not a launch, "released under Apache 2.0" is not licensing. A sentence counts
with the weight of its strongest rule; a tag's score is ``1 - prod(1 - weight)`` over its sentences
(the title is one of them), and the tag applies when its score reaches the tag's threshold.

The primary tag is the applied tag whose evidence is most prominent: first the title, then the lead
(first two sentences), then the body; ties go to the earlier mention in the title, then the tag's
``priority``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from services.classifier.bounds import clip_window
from services.classifier.taxonomy import ANY_LANG, FLAGS, TagSpec, Taxonomy, fold
from services.classifier.textutil import Sentence, SentenceIndex, lower_pattern, lower_same_length
from shared.contracts import Evidence, Tag

TITLE = -1  # sentence index of the title
LEAD_SENTENCES = 2
LEAD_SECOND = 0.7  # a hit in the lead's second sentence counts this much of a hit in its first


@dataclass(frozen=True, slots=True)
class _Rule:
    tag: str
    id: str
    pattern: re.Pattern[str]
    near: re.Pattern[str] | None
    unless: re.Pattern[str] | None
    weight: float
    near_orgs: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class _Context:
    id: str
    scope: str  # clause | sentence | list
    cue: re.Pattern[str]
    near: re.Pattern[str] | None
    void: re.Pattern[str] | None
    window: int
    tags: frozenset[str]  # empty: every tag
    items: int = 3
    side: str = "before"  # where the cue stands: before or after the trigger (a sentence's: also any)
    same_clause: bool = False  # sentence scope: the nearest cue in the trigger's clause
    in_title: bool = True  # the context also reads the headline


@dataclass(slots=True)
class _LangRules:
    rules: list[_Rule]
    excludes: dict[str, list[re.Pattern[str]]]
    contexts: list[_Context] = field(default_factory=list)
    headline: list[_Context] = field(default_factory=list)  # scope headline: read once per story


# The parts of a clause break both kinds of context read: punctuation that closes a clause, a dash between
# spaces, the contrastive conjunctions ("did not comment, but ...", "n'a rien dit mais ..."). A comma or a
# colon inside a number ("1,000 deals", "2,5 Millionen") ends nothing.
_PUNCT_BREAK = r"[;!?()،؛]"
_DASH_BREAK = r"\s-\s"
# "yet" after an auxiliary or "not" is the adverb ("No business has yet been fined"), not a contrast
_CONTRAST = (
    r"but|(?<!has\s)(?<!had\s)(?<!have\s)(?<!not\s)(?<!is\s)(?<!are\s)(?<!was\s)(?<!were\s)yet"
    r"|whereas|mais|aber|doch|jedoch|pero|sino|و?لكن\S*|بل"
)
# Where a clause ends, for a context's cue before or after a trigger: also the contrast words that join
# two halves of one sentence (tandis, sondern, mientras), and "and" before a new subject ("its counterclaim
# should not be stayed, and the judge ruled ...").
_CLAUSE_BREAK = re.compile(
    rf"{_PUNCT_BREAK}|(?<!\d)[,:]|[,:](?!\d)|{_DASH_BREAK}"
    rf"|\s(?:{_CONTRAST}|tandis|sondern|mientras)\s"
    r"|\s(?:and|et|und|y|e)\s(?:the|a|an|its|their|le|la|les|un|une|der|die|das|ein|eine|el|los|las|una)\s"
)
# Between a sentence-wide context's cue and a trigger, what puts them in different clauses: the shared
# parts above, or a time conjunction ("bought Beta after its deal with Gamma collapsed"); a comma before the
# denied or reported content ("zurückgewiesen, wonach ...", "denied, saying that ...") does not.
_REPORTED = r"(?!\s*(?:wonach|dass|demzufolge|that|selon lesquel\w*|según las? cuales?|بأن|أن)\b)"
_SENTENCE_BREAK = re.compile(
    rf"{_PUNCT_BREAK}|(?<!\d)[,:]{_REPORTED}|[,:](?!\d){_REPORTED}|{_DASH_BREAK}"
    rf"|\s(?:{_CONTRAST})\s"
    r"|\b(?:after|before|while|après|avant|nachdem|bevor|tras|después|antes|بعد|قبل)\b"
)


@dataclass(slots=True)
class Hit:
    tag: str
    rule: str
    sentence: int  # TITLE for the title
    weight: float
    start: int  # offset of the matched words (in the title when sentence == TITLE)


@dataclass
class TagResult:
    tags: list[Tag] = field(default_factory=list)
    primary: str | None = None
    hits: list[Hit] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)


_TITLE_COLON = re.compile(r"\s[:|–-]\s|:\s")


# A headline's leading participle or circumstance phrase before a comma ("Sued by authors on Monday,
# Anthropic ships ...", "Accusée de plagiat, Suno lance ...", "Demandada en EE. UU., Udio abre ...",
# "Verklagt von Autoren, bringt ...", "Despite the suit, ...", "بعد الدعوى، ..."): context for the main
# clause.
_TITLE_LEADING_PHRASE = re.compile(
    r"^(?:"
    r"(?:sued|hit|caught|fined|accused|backed|blocked|stung|burned|battered|beaten|taken|\w{3,}ed)\b"
    r"|(?:(?:days?|weeks?|months?|hours?|a day|a week|shortly|just|soon) )?(?:after|following)\b"
    r"|amid\b|despite\b|fresh from\b|facing\b"
    r"|\w{3,}(?:ée|ées|és|é|ie|ies)\b|après\b|malgré\b|face à\b|sur fond de\b|en pleine?\b"
    r"|\w{3,}(?:ado|ada|ados|adas|ido|ida|idos|idas)\b|tras\b|pese a\b|a pesar de\b|en medio de\b"
    r"|después de\b"
    r"|(?:verklagt|angeklagt|bestraft|verurteilt|ge\w{3,}(?:t|en)|ver\w{3,}t|be\w{3,}t|\w{3,}iert)\b|trotz\b"
    r"|inmitten\b|(?:بعد|رغم|وسط|في ظل)\s"
    r")[^,،:]{0,80}?[,،]\s",
    re.IGNORECASE,
)

# A headline's leading "with" phrase ("With a licence from Meridian in hand, Sonora launches ...", "Avec les
# archives de L'Écho du Sud, Kairn lance ...", "Mit dem Archiv des WDR startet ...", "Con un acuerdo con Radio
# Sur, Compás lanza ...", "بفضل اتفاق مع ..."): the means of the main clause's event, often longer than a
# participle phrase.
_TITLE_WITH_PHRASE = re.compile(
    r"^(?:with|thanks to|avec|grâce à|mit|dank|con|gracias a|مع|بفضل)\s[^,،:]{0,100}?[,،]\s", re.IGNORECASE
)

# A headline's leading time clause ("Weeks after its $500m raise, X launches ...", "Après sa levée, X lance
# ...", "Nach der Finanzierungsrunde, ...", "Tras cerrar una ronda, X lanza ...", "بعد جمع 80 مليون دولار، X
# تطلق ..."): up to the first comma, colon or dash, it names an earlier event, the context of the main clause.
_TITLE_TIME_CLAUSE = re.compile(
    r"^\s*(?:[^\s,،:;]+\s){0,2}?(?:after|following|since|après|au lendemain d\S*|depuis|nach|seit|tras|"
    r"después de|luego de|desde|بعد|عقب|اثر|إثر|منذ)\s[^,،:;–—]{1,140}?(?:,|،|:|\s[–—-]\s)",
    re.IGNORECASE,
)


def _main_clause_start(title: str) -> int:
    """Where a headline's main clause starts: after a leading label ("Copyright: ...", "Nach dem
    Urteil: ...") or a leading participle or circumstance phrase ("Sued by authors, X ships ..."), when
    the label or phrase is the shorter part, or after a leading time clause ("Weeks after its $500m
    raise, X launches ...", "Tras cerrar una ronda, X lanza ..."), or after a leading "with" phrase
    ("Avec les archives de L'Écho du Sud, Kairn lance ...")."""
    m = _TITLE_COLON.search(title)
    if m and m.start() <= len(title) * 0.45:
        return m.end()
    m = _TITLE_LEADING_PHRASE.match(title)
    if m and m.end() <= len(title) * 0.5:
        return m.end()
    m = _TITLE_WITH_PHRASE.match(title)
    if m and m.end() <= len(title) * 0.7:
        return m.end()
    m = _TITLE_TIME_CLAUSE.match(title)
    if m:
        return m.end()
    return 0


# A headline's subordinate "while ..." clause: what follows is context ("Meta expands its AI with
# publishers' content while the NYT sues Perplexity" is about Meta's deals).
_TITLE_WHILE = re.compile(
    r"(?:,\s*|\s)(?:while|whilst|mientras(?: que)?|alors que|tandis que|während|بينما|في حين)\s"
)


# A headline's trailing time or concession clause ("Lumeo opens its answer engine to all, weeks after
# publishers sued it", "... amid a publishers' lawsuit", «... malgré la plainte des éditeurs», "... – trotz
# Klage der Verlage", "... tras la demanda de los editores", "... رغم الدعوى"): an earlier or surrounding
# event, background to the main clause as a "while" clause is.
_TITLE_TRAILING = re.compile(
    r"(?:,\s*|\s[–—-]\s|\s)(?:(?:a |one |two |three |four |six |\d+ |several |few )?"
    r"(?:days?|weeks?|months?|years?|hours?) |shortly |just |only |soon )?"
    r"(?:after|following|amid|despite|in spite of|après|malgré|en pleine?|sur fond de|au lendemain d\S*"
    r"|trotz|inmitten|ungeachtet|tras|pese a|a pesar de|en medio de|بعد|رغم|وسط|عقب|في ظل)\s"
)


def _subordinate_start(title: str, start: int = 0) -> int:
    """Where a headline's trailing "while"-clause, or its trailing time or concession clause, starts after
    ``start`` (len(title) when it has none)."""
    low = title.lower()
    ends = [len(title)]
    for pattern in (_TITLE_WHILE, _TITLE_TRAILING):
        m = pattern.search(low, start)
        if m and m.start() > 0:
            ends.append(m.start())
    return min(ends)


# A headline's relative clause after a comma, up to the next comma, colon or dash ("Ondine assigne Vocalis,
# à qui il avait cédé les droits ...", "X sues Y, which licensed its archive in 2024", "Verlag verklagt Lingo,
# dem er 2023 eine Lizenz erteilt hatte", "Alba demanda a Narra, a la que licenció ...", "... ، التي رخصت
# لها"): what a party did before, nothing of the headline's event.
_TITLE_RELATIVE = re.compile(
    r"(?:,\s(?:which|who|whose|whom|à qui|qui|dont|avec qui|auquel|auxquels|à laquelle|lequel|laquelle"
    r"|(?:mit |von |bei |für |an |auf |gegen |über )?(?:der|die|das|dem|den|deren|dessen|denen)"
    r"|(?:a |con |de |para )?(?:quien|quienes|la que|el que|los que|las que)|que|al que|cuy[oa]s?"
    r"|el cual|la cual)"
    r"|،\s?(?:التي|الذي|الذين|اللتين|اللذين))\s[^,،:;–—]*",
    re.IGNORECASE,
)

# A headline's second clause after a dash and a conjunction ("Aleph Alpha holt sich 90 Millionen Euro – und
# stellt neues Modell vor", "X raises $90m - and launches Y", "... – et lance ...", "... – y estrena ...").
_TITLE_DASH_AND = re.compile(r"\s[–—-]\s(?:and|und|et|y|e|و)\s", re.IGNORECASE)


def _relative_spans(title: str) -> list[tuple[int, int]]:
    """The spans of a headline's relative clauses (background to its main clause)."""
    return [m.span() for m in _TITLE_RELATIVE.finditer(title)]


def _second_clause_start(title: str) -> int:
    """Where a headline's dash-and second clause starts (len(title) when it has none)."""
    m = _TITLE_DASH_AND.search(title)
    return m.start() if m and m.start() > 0 else len(title)


def _near_found(near: re.Pattern[str], text: str, offset: int, spans: list[tuple[int, int]] | None) -> bool:
    """Whether ``near`` matches ``text`` (a sentence starting at ``offset``) outside the tag's sense
    spans: a context word inside an excluded sense ("preparing to launch" next to "its next model",
    "the data is publicly available" next to "a model") does not vouch for the trigger."""
    if not spans:
        return near.search(text) is not None
    for m in near.finditer(text):
        s, e = m.start() + offset, m.end() + offset
        if not any(a < e and s < b for a, b in spans):
            return True
    return False


def _free_matches(
    pattern: re.Pattern[str], text: str, spans: list[tuple[int, int]] | None
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern`` that overlap none of the tag's sense ``spans``. A match that does is
    skipped and the search resumes inside it (after the sense span it starts in), so a trigger swallowed
    by an excluded one is still found: "which has raised $2 billion so far, raised another $500
    million" (the first "raised" is background, the second the event)."""
    if not spans:
        yield from pattern.finditer(text)
        return
    pos, n = 0, len(text)
    while pos <= n:
        m = pattern.search(text, pos)
        if m is None:
            return
        s, e = m.span()
        if not any(a < e and s < b for a, b in spans):
            yield m
            pos = e if e > s else s + 1
            continue
        inside = [b for a, b in spans if a <= s < b]
        pos = max(inside) if inside else s + 1


# What joins the items of an enumeration: a comma, or "and / or" in the five languages (Arabic "و" is a
# prefix).
_LIST_JOIN = re.compile(r"[,،]|\s(?:and|or|et|ou|und|oder|y|e|o|u|ni|nor)\s|\sو")


def _enumerations(ctx: _Context, sentence: str) -> Iterator[tuple[int, int]]:
    """The spans of the sentence's enumerations of ``ctx.items`` or more event nouns (``ctx.cue``), each
    joined to the one before within ``ctx.window`` characters."""
    run: list[re.Match[str]] = []
    for m in ctx.cue.finditer(sentence):
        if run and (
            m.start() - run[-1].end() > ctx.window
            or _LIST_JOIN.search(sentence, run[-1].end(), m.start() + 1) is None
        ):
            if len(run) >= ctx.items:
                yield run[0].start(), run[-1].end()
            run = []
        run.append(m)
    if len(run) >= ctx.items:
        yield run[0].start(), run[-1].end()


# What a sentence-wide context found in one sentence, kept for the sentence's other triggers: whether a
# sentence-scope context holds, or a list-scope context's enumeration spans (a hostile one-sentence page
# with thousands of triggers reads each sentence once per context, not once per trigger).
_Memo = dict[tuple[str, int], "list[tuple[int, int]]"]


def _between(sentence: str, cues: list[tuple[int, int]], at: int) -> str:
    """The text between the trigger at ``at`` and the nearest of the ``cues`` (their spans) on either side
    (empty when a cue covers the trigger)."""
    best = ""
    dist = len(sentence) + 1
    for a, b in cues:
        if a <= at < b:
            return ""
        d, text = (at - b, sentence[b:at]) if b <= at else (a - at, sentence[at:a])
        if d < dist:
            best, dist = text, d
    return best


def _no_event_context(
    contexts: list[_Context], tag: str, sentence: str, at: int, memo: _Memo | None = None, key: int = 0
) -> str | None:
    """The id of the first context that says the trigger at offset ``at`` of ``sentence`` (folded, lower
    case) reports no event of ``tag``, or None. ``memo`` and ``key`` (the sentence's index) keep what the
    sentence-wide contexts found for the sentence's next triggers."""
    memo = {} if memo is None else memo
    for ctx in contexts:
        if (ctx.tags and tag not in ctx.tags) or (key == TITLE and not ctx.in_title):
            continue
        if ctx.scope == "sentence":
            cues = memo.get((ctx.id, key))
            if cues is None:
                holds = (ctx.near is None or ctx.near.search(sentence) is not None) and (
                    ctx.void is None or ctx.void.search(sentence) is None
                )
                cues = memo[(ctx.id, key)] = [m.span() for m in ctx.cue.finditer(sentence)] if holds else []
            placed = [
                (a, b)
                for a, b in cues
                if ctx.side == "any" or (b <= at if ctx.side == "before" else a > at) or a <= at < b
            ]
            # with same_clause, the cue nearest the trigger in its clause: "Acme, whose merger collapsed last
            # year, launched ..." and "bought Beta after its deal with Gamma collapsed" keep their events
            if placed and (
                not ctx.same_clause or _SENTENCE_BREAK.search(_between(sentence, placed, at)) is None
            ):
                return ctx.id
            continue
        if ctx.scope == "list":
            spans = memo.get((ctx.id, key))
            if spans is None:
                spans = memo[(ctx.id, key)] = (
                    list(_enumerations(ctx, sentence))
                    if ctx.void is None or ctx.void.search(sentence) is None
                    else []
                )
            if any(a <= at < b for a, b in spans):
                return ctx.id
            continue
        if ctx.side == "after":
            nxt = ctx.cue.search(sentence, at + 1, min(len(sentence), at + ctx.window + 80))
            if nxt is None or nxt.start() > at + ctx.window:
                continue
            between = sentence[at : nxt.start()]
        else:
            last = None
            for m in ctx.cue.finditer(sentence, max(0, at - ctx.window), at):
                last = m
            if last is None:
                continue
            between = sentence[last.end() : at]
        if _CLAUSE_BREAK.search(between) is not None:
            continue
        if ctx.void is not None and ctx.void.search(between) is not None:
            continue
        return ctx.id
    return None


def _headline_drops(contexts: list[_Context], title: str) -> frozenset[str] | None:
    """The tags a headline says the story does not report (empty: every tag), or None: "A buyer's guide
    to AI training-data licences", «On recrute : responsable licences», "Maersk denies it is in talks to
    buy Tidecrest". ``title``: folded, lower case."""
    dropped: set[str] = set()
    for ctx in contexts:
        if ctx.cue.search(title) is None or (ctx.near is not None and ctx.near.search(title) is None):
            continue
        if ctx.void is not None and ctx.void.search(title) is not None:
            continue
        if not ctx.tags:
            return frozenset()
        dropped |= ctx.tags
    return frozenset(dropped) if dropped else None


def _compile(pattern: str) -> re.Pattern[str]:
    # Texts are folded and lower-cased once (same length), so the patterns need no IGNORECASE, which
    # keeps the regex engine's fast paths (literal prefixes, character-set checks).
    return re.compile(lower_pattern(fold(pattern)), FLAGS & ~re.IGNORECASE)


class Tagger:
    def __init__(self, taxonomy: Taxonomy, max_evidence: int = 3, max_sentence_chars: int = 400) -> None:
        self.specs: dict[str, TagSpec] = dict(taxonomy.tags)
        self.max_evidence = max_evidence
        self.max_sentence_chars = max_sentence_chars
        self.contexts = list(taxonomy.contexts.values())
        self._cache: dict[str, _LangRules] = {}

    def _rules(self, lang: str) -> _LangRules:
        got = self._cache.get(lang)
        if got is not None:
            return got
        rules: list[_Rule] = []
        excludes: dict[str, list[re.Pattern[str]]] = {}
        for spec in self.specs.values():
            for r in spec.rules:
                if ANY_LANG in r.lang or lang in r.lang:
                    rules.append(
                        _Rule(
                            tag=spec.name,
                            id=r.id,
                            pattern=_compile(r.pattern),
                            near=_compile(r.near) if r.near else None,
                            unless=_compile(r.unless) if r.unless else None,
                            weight=r.weight,
                            near_orgs=frozenset(r.near_orgs),
                        )
                    )
            excludes[spec.name] = [
                _compile(x.pattern) for x in spec.exclude if ANY_LANG in x.lang or lang in x.lang
            ]
        contexts = [
            _Context(
                id=c.id,
                scope=c.scope,
                cue=_compile(c.cue),
                near=_compile(c.near) if c.near else None,
                void=_compile(c.void) if c.void else None,
                window=c.window,
                tags=frozenset(c.tags),
                items=c.items,
                side=c.side,
                same_clause=c.same_clause,
                in_title=c.in_title,
            )
            for c in self.contexts
            if ANY_LANG in c.lang or lang in c.lang
        ]
        got = _LangRules(
            rules,
            excludes,
            [c for c in contexts if c.scope != "headline"],
            [c for c in contexts if c.scope == "headline"],
        )
        self._cache[lang] = got
        return got

    def supports(self, lang: str) -> bool:
        return bool(self._rules(lang).rules)

    @staticmethod
    def _exclusions(
        text: str, lang_rules: _LangRules, cache: dict[str, list[tuple[int, int]] | None], tag: str
    ) -> list[tuple[int, int]] | None:
        """The spans of ``tag``'s sense rules in ``text`` (None when there are none), computed the first
        time a rule of the tag has a match in the text: a tag whose triggers do not occur needs no senses,
        and the sense patterns are most of the tagger's time."""
        if tag in cache:
            return cache[tag]
        spans = [m.span() for p in lang_rules.excludes.get(tag, ()) for m in p.finditer(text)]
        cache[tag] = spans or None
        return cache[tag]

    def _scan_title(
        self, title: str, lang_rules: _LangRules, hits: list[Hit], kinds: frozenset[str] = frozenset()
    ) -> None:
        ex_cache: dict[str, list[tuple[int, int]] | None] = {}
        memo: _Memo = {}
        for rule in lang_rules.rules:
            if rule.near_orgs and not rule.near_orgs <= kinds:
                continue
            if rule.pattern.search(title) is None:
                continue
            spans = self._exclusions(title, lang_rules, ex_cache, rule.tag)
            for m in _free_matches(rule.pattern, title, spans):
                s = m.start()
                if _no_event_context(lang_rules.contexts, rule.tag, title, s, memo, TITLE) is not None:
                    continue  # "has not sued", "could sue": the next match may still report the event
                if (rule.near is None or _near_found(rule.near, title, 0, spans)) and (
                    rule.unless is None or rule.unless.search(title) is None
                ):
                    hits.append(Hit(rule.tag, rule.id, TITLE, rule.weight, s))
                break

    def tag(
        self,
        title: str,
        text: str,
        sentences: list[Sentence],
        lang: str,
        org_kinds: dict[int, frozenset[str]] | None = None,
    ) -> TagResult:
        """``org_kinds``: the kinds of the gazetteer organisations each sentence names (TITLE for the
        title), for rules with ``near_orgs``."""
        lang_rules = self._rules(lang)
        if not lang_rules.rules:
            return TagResult()
        kinds = org_kinds or {}
        hits: list[Hit] = []
        folded_title = lower_same_length(fold(title)) if title else ""
        if title:
            self._scan_title(folded_title, lang_rules, hits, kinds.get(TITLE, frozenset()))
        if sentences:
            self._scan_body(lower_same_length(fold(text)), lang_rules, SentenceIndex(sentences), hits, kinds)
        if hits and folded_title and lang_rules.headline:
            dropped = _headline_drops(lang_rules.headline, folded_title)
            if dropped is not None:
                hits = [h for h in hits if dropped and h.tag not in dropped]
        return self._decide(title, sentences, hits)

    def _scan_body(
        self,
        text: str,
        lang_rules: _LangRules,
        index: SentenceIndex,
        hits: list[Hit],
        kinds: dict[int, frozenset[str]] | None = None,
    ) -> None:
        ex_cache: dict[str, list[tuple[int, int]] | None] = {}
        memo: _Memo = {}
        texts: dict[int, str] = {}  # each sentence's text, cut once (a dropped match tries the next one)
        sentences = index.sentences
        kinds = kinds or {}
        for rule in lang_rules.rules:
            if rule.near_orgs and not any(rule.near_orgs <= k for k in kinds.values()):
                continue
            if rule.pattern.search(text) is None:
                continue
            spans = self._exclusions(text, lang_rules, ex_cache, rule.tag)
            done: set[int] = set()
            for m in _free_matches(rule.pattern, text, spans):
                s = m.start()
                idx = index.index_of(s)
                if idx in done:
                    continue
                sent = sentences[idx]
                sent_text = texts.get(idx)
                if sent_text is None:
                    sent_text = texts[idx] = text[sent.start : sent.end]
                if _no_event_context(lang_rules.contexts, rule.tag, sent_text, s - sent.start, memo, idx):
                    continue  # the sentence's next match may still report the event
                done.add(idx)
                if rule.near_orgs and not rule.near_orgs <= kinds.get(idx, frozenset()):
                    continue
                if rule.near is not None and not _near_found(rule.near, sent_text, sent.start, spans):
                    continue
                if rule.unless is not None and rule.unless.search(sent_text) is not None:
                    continue
                hits.append(Hit(rule.tag, rule.id, idx, rule.weight, s))

    @staticmethod
    def _score(per: dict[int, Hit]) -> float:
        """``1 - prod(1 - weight)`` over a tag's sentences (its strongest hit in each)."""
        miss = 1.0
        for h in per.values():
            miss *= 1.0 - h.weight
        return round(1.0 - miss, 4)

    def _decide(self, title: str, sentences: list[Sentence], hits: list[Hit]) -> TagResult:
        # strongest weight per (tag, sentence)
        best: dict[str, dict[int, Hit]] = {}
        for h in hits:
            per = best.setdefault(h.tag, {})
            old = per.get(h.sentence)
            if old is None or h.weight > old.weight or (h.weight == old.weight and h.start < old.start):
                per[h.sentence] = h
        result = TagResult(hits=hits)
        main_from = _main_clause_start(title)
        main_to = _subordinate_start(title, main_from)
        relative = _relative_spans(title)

        def in_relative(pos: int) -> bool:
            return any(a <= pos < b for a, b in relative)

        title_hits = [h.start for per in best.values() for h in per.values() if h.sentence == TITLE]

        def event_in(lo: int, hi: int) -> bool:
            """A headline hit in [lo, hi) outside its relative clauses."""
            return any(lo <= p < hi and not in_relative(p) for p in title_hits)

        if main_from and not event_in(main_from, main_to):
            # no event in the headline's main clause: its label ("Markenrechtsstreit: OpenAI entfernt
            # ...") is what the headline is about
            main_from = 0
        second = _second_clause_start(title)
        if not (
            second < main_to
            and any(second <= p < main_to for p in title_hits)
            and not event_in(main_from, second)
        ):
            # "X holt sich 90 Millionen Euro – und stellt neues Modell vor": a first clause the rules do not
            # read is still the headline's main event; the second clause is the next event (counted like a
            # "while" clause), and the lead tells which event the first one is
            second = main_to
        # the headline's words of events are all in its background (a relative, "while", time or second
        # clause): its main clause names an event the rules do not read; the lead's first sentence tells it
        background_only = bool(title_hits) and not event_in(main_from, second)
        # the lead's first sentence tells the main event: when it names an applied tag's event, a tag found
        # only in the second sentence (often the background of the first: "To stock it, the company signed a
        # licensing agreement ...") counts less there
        scores = {name: self._score(per) for name, per in best.items()}
        first_names = any(
            0 in per and scores[name] >= self.specs[name].threshold for name, per in best.items()
        )
        second_w = LEAD_SECOND if first_names else 1.0
        ranking: list[tuple[float, float, int, str]] = []
        for name, per in best.items():
            spec = self.specs[name]
            score = scores[name]
            result.scores[name] = score
            if score < spec.threshold:
                continue
            body = sorted((h for i, h in per.items() if i != TITLE), key=lambda h: (-h.weight, h.sentence))
            chosen = sorted(body[: self.max_evidence], key=lambda h: h.sentence)
            evidence = []
            for h in chosen:
                sent = sentences[h.sentence]
                a, b = clip_window(sent.start, sent.end, h.start, h.start + 1, self.max_sentence_chars)
                ev_text = (
                    sent.text
                    if (a, b) == (sent.start, sent.end)
                    else sent.text[a - sent.start : b - sent.start]
                )
                evidence.append(Evidence(text=ev_text, start=a, end=b))
            if not evidence and TITLE in per:
                evidence = [Evidence(text=title[: self.max_sentence_chars], start=0, end=0)]
            result.tags.append(Tag(name=name, score=min(score, 1.0), evidence=evidence))
            title_hit = per.get(TITLE)
            title_part = 0.0
            title_pos = 0.0
            if title_hit is not None:
                title_pos = 1.0 - title_hit.start / max(len(title), 1)
                if in_relative(title_hit.start):
                    # "..., à qui il avait cédé les droits", "..., which sued it last year": what a party did
                    # before, nothing of the headline's event
                    title_part = 0.0
                elif title_hit.start >= second:
                    # "... while the NYT sues Perplexity", "... – und stellt neues Modell vor": background
                    title_part = 0.5 * title_hit.weight
                elif title_hit.start < main_from:  # "After the ruling: X and Y agree ...": context
                    title_part = 1.0 + 0.5 * title_hit.weight
                else:
                    title_part = 2.0 + title_pos + title_hit.weight
            if background_only and 0 in per:
                title_part = max(title_part, 1.0)
            lead_w = max(
                (h.weight * (1.0 if i == 0 else second_w) for i, h in per.items() if 0 <= i < LEAD_SENTENCES),
                default=0.0,
            )
            prominence = title_part + 1.2 * lead_w + 0.5 * score
            ranking.append((prominence, title_pos, -spec.priority, name))
        result.tags.sort(key=lambda t: -t.score)
        if ranking:
            ranking.sort(reverse=True)
            result.primary = ranking[0][3]
        return result
