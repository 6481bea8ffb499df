"""Organisations: gazetteer look-up of aliases (Latin and Arabic script) -> canonical names, and
open-world candidates found from their shape and context (``services/classifier/orgs_open.py``).

``OrgFinder.mentions(title, text)`` gives one ``OrgMention`` per organisation in order of first
mention: ``known`` ones carry the gazetteer's canonical name, others the name as written (legal form
removed). At most ``MAX_ORG_MENTIONS`` per story. Gazetteer entries of kind ``court``, ``government``
or ``legislature`` are matched (so that the open-world finder does not report them) but never
reported: courts, governments and parliaments are not organisations here (LABELS.md).

Open-world candidates get a canonical name when the gazetteer knows them after all: by any-case alias,
by an Arabic alias written with its descriptor ('صحيفة "عكاظ"' -> Okaz), or, for Arabic names, by a
spelling one letter off or with the same consonant skeleton ("ميدجرني" -> Midjourney). An unknown name
that is the first words of another name found is that organisation again; a company's venture arm
("Porsche Ventures") is its own organisation, as in the gazetteer ("Intel Capital").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from services.classifier.bounds import MAX_ORG_NAME_CHARS
from services.classifier.orgs_open import (
    FIRST_NAMES,
    PREFIX_CUE,
    SPELLING_CUE,
    UNIT_CUE,
    OpenHit,
    OpenOrgFinder,
    english_university,
)
from services.classifier.taxonomy import Taxonomy, fold
from services.classifier.textutil import trie_regex
from shared.contracts import OrgMention

# Bound on the organisations reported per story (a list page or a directory names hundreds); the
# service passes WIREWATCH_CLASSIFIER_MAX_ORGS. Names and surfaces are cut at MAX_ORG_NAME_CHARS.
MAX_ORG_MENTIONS = 100
NOT_ORG_KINDS = frozenset({"court", "government", "legislature"})

_ARABIC = re.compile(r"[\u0600-\u06FF]")
_THE_NAME = re.compile(r"^The [A-Z][a-z]+$")
_CONTINUED = re.compile(r" [A-Z][a-z]")
# Arabic proclitics that may be written onto a name: و ف ب ل ك and their pairs (وب، ول، فل ...).
_PROCLITIC = r"(?:[وفبلك]|و[بلك]|ف[بل])?"
_LATIN_WORD = r"A-Za-z0-9À-ÖØ-öø-ÿĀ-ſ"
# German adjectives in names are declined: "die Deutsche Telekom", "der Deutschen Telekom", "der
# Technischen Universität Darmstadt", "die österreichische Datenschutzbehörde" (any -isch adjective).
_DECLINED = re.compile(r"^([Dd]eutsch|[A-ZÄÖÜa-zäöü][a-zäöü]*isch)(?:e|en|er|es)\b")
# The word before an Arabic name found after a descriptor ('صحيفة "عكاظ"'): the gazetteer may know the
# name with its descriptor ("صحيفة عكاظ"), with or without a proclitic on the descriptor.
# A dual or plural descriptor before a list of quoted names, read as the singular the gazetteer knows
# («صحيفتي «الشرق الأوسط» و«الاقتصادية»» -> صحيفة الشرق الأوسط).
_AR_DUAL_DESCRIPTORS = {
    "صحيفتي": "صحيفة",
    "صحيفتا": "صحيفة",
    "صحف": "صحيفة",
    "مجلتي": "مجلة",
    "مجلتا": "مجلة",
    "مجلات": "مجلة",
    "قناتي": "قناة",
    "قناتا": "قناة",
    "شركتي": "شركة",
    "شركتا": "شركة",
}
# The descriptor before a list of quoted names, read for its later items («صحيفتي «عكاظ» و«الشرق الأوسط»»).
_AR_LIST_BEFORE = re.compile(r"([\u0621-\u064a]+)\s+(?:[«\"“][^»\"”\n]{2,40}[»\"”]\s*(?:،|,|و)\s*)+[«\"“]$")
# At most this many unknown Arabic names per story are compared with the gazetteer's spellings.
_SPELLING_LOOKUPS = 64
_VENTURE_ARM = re.compile(r" (?:Ventures|Capital|Kapital)$")
# A platform named as the place where something is posted or sold is a product there, not its company
# (LABELS.md): "clips posted on YouTube and TikTok", «sur TikTok et Instagram», „auf Spotify", «en TikTok
# e Instagram», «على يوتيوب وتيك توك»; not "a ban on TikTok", "pressure on TikTok".
_PLATFORM_BEFORE = re.compile(
    r"(?:(?<![\w-])(?P<prep>on|sur|auf|en|via|across)\s+|(?:على|عبر)\s+)"
    r"(?:\S+(?:\s\S+)?(?:\s*,\s*|\s+(?:and|or|et|ou|und|oder|y|e|o)\s+|\s+و))?"
    r"(?:\S+(?:\s\S+)?(?:\s*,\s*|\s+(?:and|or|et|ou|und|oder|y|e|o)\s+|\s+و))?$"
)
_NOT_PLATFORM_BEFORE = re.compile(
    r"(?i:ban|bans|crackdown|pressure|sanctions|restrictions|probe|investigation|fine|bet|focus|deal|stake|"
    r"report|vote|hearing|case|lawsuit|suit|deadline|ruling|decision|spending|stance|attack|attacks|"
    r"interdiction|enquête|Verbot|Druck|veto|prohibición)\s+$"
)
# A first name right before a one-word alias makes it a person's surname: "Michel Renault, avocat",
# "Peter Porsche, Digitalchef", "its founder, Morgan Stanford".
_FIRST_NAME_BEFORE = re.compile(r"(?<![\w-])([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)[ \u00a0]$")
_AR_WORD_BEFORE = re.compile(r"([\u0621-\u064a]+)[\s«\"“(]*$")
# Up to three Arabic words right after a quoted name's closing quote.
_AR_WORDS_AFTER = re.compile(r"[»\"”]?\s+(?P<words>[\u0621-\u064a]+(?:\s+[\u0621-\u064a]+){0,2})")
# An Arabic name, quoted or not, with its Latin form in brackets right after it: «"لوسيديا" (Lucidya)».
_AR_LATIN_PAIR = re.compile(
    r"(?<![\u0621-\u064a])[«\"“]?(?P<ar>[\u0621-\u064a]{2,}(?:\s[\u0621-\u064a]{2,})?)[»\"”]?\s*\(\s*"
    r"(?P<latin>[A-Z][A-Za-z0-9.&'’-]+(?:\s[A-Z][A-Za-z0-9.&'’-]+){0,3})\s*\)"
)
_MAX_LATIN_FORMS = 64
# Round 25. A confederation's acronym after a branch's and a hyphen is the branch's name («à l'appel du
# SFA-CGT»: the open finder reads the whole; not CGT).
_BRANCH_BEFORE = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]{1,5}-$")
_CONFEDERATION_AFTER = re.compile(r"-(?:CGT|CFDT|FO|CFTC|CFE-CGC|UNSA|Unsa|SUD|FSU)(?![\w-])")
# An open-source licence named like an organisation: "licences such as Apache 2.0 and MIT", «sous
# licence MIT», „unter der Lizenz MIT", «con licencia MIT» (the clause before it names a licence).
_LICENCE_NAMES = frozenset({"MIT"})
_LICENCE_BEFORE = re.compile(r"(?i:licen[cs]es?|lizenzen|lizenz|licencias?)\b(?:(?![.;:!?]\s)[^\n]){0,40}$")
# A short alias of a known name with another organisation word after it is another organisation:
# "Omar Haddad of Redpoint Research" is not Redpoint Ventures (the alias "Redpoint"); "Seaya Capital".
_OTHER_HEAD_AFTER = re.compile(
    r"[ \u00a0](?:Research|Capital|Partners|Advisors|Advisers|Securities|Consulting|Analytics|Labs|"
    r"Holdings|Group|Asset[ \u00a0]Management|Investments|Ventures)(?![\w-])"
)


def _latin_forms(texts: tuple[str, ...]) -> dict[str, str]:
    """Arabic names given with their Latin form in brackets somewhere in the story (at most
    ``_MAX_LATIN_FORMS``): the same organisation wherever the Arabic name is written alone."""
    out: dict[str, str] = {}
    for text in texts:
        if not text or not _ARABIC.search(text):
            continue
        for m in _AR_LATIN_PAIR.finditer(text):
            out.setdefault(fold(m.group("ar")), m.group("latin"))
            if len(out) >= _MAX_LATIN_FORMS:
                return out
    return out


# French and Spanish contract a name's article with a preposition: «a confié au Figaro», «selon une
# source du Parisien», «a indiqué aux Echos», «según fuentes del Confidencial». Read as the name unless a
# capitalised word stands on either side («la Coupe du Monde», «del País Vasco»).
_CONTRACTIONS = {"Le ": ("au ", "du "), "Les ": ("aux ", "des "), "El ": ("del ", "al ")}
_CONTRACTED = re.compile(r"^(?:au|du|aux|des|del|al) ")
_WORD_BEFORE = re.compile(r"(\S+)[ \u00a0]$")
_CAPITALISED_AFTER = re.compile(r"[ \u00a0][A-ZÀ-ÖØ-Þ]")


def _capitalised_word_before(text: str, start: int) -> bool:
    """Is the word before ``start`` capitalised, other than a sentence's first word? («la Coupe du
    Monde»: yes; «Fuentes del Confidencial», at a sentence's start: no)"""
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if not m or not m.group(1)[:1].isupper() or m.group(1)[-1] in ',;:)»”"':
        return False  # "a déclaré son président, Antoine Mercier, au Figaro": a comma ends the name before
    before = text[max(0, m.start(1) - 3) : m.start(1)].rstrip(" \u00a0")
    return bool(before) and before[-1] not in '.!?:;«»"“”\n'


def _variants(alias: str) -> list[str]:
    for article, contracted in _CONTRACTIONS.items():
        rest = alias[len(article) :]
        if alias.startswith(article) and rest[:1].isupper() and " " not in rest:
            return [alias, *(c + rest for c in contracted)]
    m = _DECLINED.match(alias)
    if not m:
        return [alias]
    rest = alias[m.end() :]
    return [f"{m.group(1)}{ending}{rest}" for ending in ("e", "en", "er", "es")]


@dataclass(frozen=True, slots=True)
class OrgHit:
    """One gazetteer alias found in a text (offsets into the text as given)."""

    name: str
    alias: str
    start: int
    end: int


class OrgFinder:
    """Finds organisation aliases in a text; one compiled alternation per script and case mode."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        *,
        ignore_case: bool = False,
        open_world: bool = True,
        max_mentions: int = MAX_ORG_MENTIONS,
    ) -> None:
        self._canonical: dict[str, str] = {}
        self._any_case: dict[str, str] = {}  # folded, case-folded alias -> canonical name
        self._not_orgs = {o.name for o in taxonomy.orgs.values() if o.kind in NOT_ORG_KINDS}
        self._platforms = {o.name for o in taxonomy.orgs.values() if o.platform}
        self._open = OpenOrgFinder() if open_world else None
        self._arabic_keys: dict[str, set[str]] | None = None  # built on first use (_arabic_spelling)
        self._arabic_skeletons: dict[str, set[str]] = {}
        self.max_mentions = max_mentions
        self._not_followed: dict[str, re.Pattern[str]] = {}
        exact: list[str] = []
        folded_ci: list[str] = []
        arabic: list[str] = []
        for org in taxonomy.orgs.values():
            if org.not_followed_by:
                self._not_followed[org.name] = re.compile(fold(org.not_followed_by), re.IGNORECASE)
            names = [org.name, *org.aliases] if org.name_is_alias else org.aliases
            if org.kind == "media":  # credits in capitals: "MADRID, 12 Mar. (EUROPA PRESS) -"
                names = names + [a.upper() for a in names if " " in a.strip() and not _ARABIC.search(a)]
            for alias in dict.fromkeys(v for a in names for v in _variants(a.strip())):
                if not alias:
                    continue
                key = fold(alias)
                self._any_case.setdefault(key.casefold(), org.name)
                if _ARABIC.search(alias):
                    arabic.append(key)
                    self._canonical[key] = org.name
                    if key.startswith("ال") and " " in key:
                        # «لـ» before «ال» drops the alef: «التابعة للمجموعة السعودية للأبحاث والإعلام»
                        self._canonical.setdefault("ل" + key[1:], org.name)
                        arabic.append("ل" + key[1:])
                elif org.ignore_case or ignore_case:
                    folded_ci.append(key)
                    self._canonical.setdefault(key.casefold(), org.name)
                else:
                    exact.append(key)
                    self._canonical[key] = org.name
        self._latin = _compile(exact, 0) if exact else None
        self._latin_ci = _compile(folded_ci, re.IGNORECASE) if folded_ci else None
        self._arabic = (
            re.compile(rf"(?<![\w]){_PROCLITIC}(?P<alias>{_alternation(arabic)})(?!\w)") if arabic else None
        )

    def hits(self, text: str) -> list[OrgHit]:
        folded = fold(text)
        found: list[OrgHit] = []
        if self._latin is not None:
            for m in self._latin.finditer(folded):
                found.append(OrgHit(self._canonical[m.group("alias")], m.group("alias"), *m.span("alias")))
        if self._latin_ci is not None:
            for m in self._latin_ci.finditer(folded):
                name = self._canonical[m.group("alias").casefold()]
                found.append(OrgHit(name, m.group("alias"), *m.span("alias")))
        if self._arabic is not None and _ARABIC.search(folded):
            for m in self._arabic.finditer(folded):
                found.append(OrgHit(self._canonical[m.group("alias")], m.group("alias"), *m.span("alias")))
        if self._not_followed:
            found = [
                o
                for o in found
                if o.name not in self._not_followed or not self._not_followed[o.name].match(folded, o.end)
            ]
        found = [
            o
            for o in found
            if not (
                (
                    o.alias.isupper()
                    and (
                        _BRANCH_BEFORE.search(folded, max(0, o.start - 8), o.start)
                        or _CONFEDERATION_AFTER.match(folded, o.end)
                    )
                )
                or (
                    o.name in _LICENCE_NAMES and _LICENCE_BEFORE.search(folded, max(0, o.start - 60), o.start)
                )
                or (
                    o.name != o.alias
                    and o.name.startswith(o.alias + " ")
                    and (head := _OTHER_HEAD_AFTER.match(folded, o.end)) is not None
                    and not o.name.startswith(o.alias + head.group(0))
                )
            )
        ]
        # "The Information", "The Independent": not when a capitalised word goes on with a longer name
        # ("The Information Technology Act", "The Independent Commission")
        found = [o for o in found if not (_THE_NAME.match(o.alias) and _CONTINUED.match(folded, o.end))]
        found = [
            o
            for o in found
            if not (
                _CONTRACTED.match(o.alias)
                and (_capitalised_word_before(folded, o.start) or _CAPITALISED_AFTER.match(folded, o.end))
            )
        ]
        found.sort(key=lambda o: o.start)
        return found

    def mentions(self, *texts: str) -> list[OrgMention]:
        """The organisations named in ``texts`` (title, body ...), in order of first mention, each once:
        gazetteer names (``known``) and open-world candidates (the surface name), at most
        ``max_mentions``."""
        out: dict[str, OrgMention] = {}
        spelling_budget = _SPELLING_LOOKUPS  # a hostile page of quoted Arabic names stays linear
        latin_forms = _latin_forms(texts)
        story: list[tuple[int, str, bool, str]] = []  # every text's entries, in reading order
        long_arabic: dict[str, str] = {}  # Arabic names found from context that end with a known alias
        bases: list[tuple[int, str]] = []
        offset = 0
        distinct: set[str] = set()
        for text in texts:
            offset += len(text or "") + 1
            if not text or len(distinct) >= self.max_mentions:
                continue
            base = offset - len(text) - 1
            bases.append((base, text))
            hits = _drop_parenthesised_acronyms(text, self.hits(text))
            opened = self._open.hits(text, [(h.start, h.end) for h in hits]) if self._open is not None else []
            # A company's venture arm is its own organisation ("Porsche Ventures", as "Intel Capital",
            # "Salesforce Ventures" in the gazetteer): the longer name claims the parent's alias.
            # A unit named as such ("la filiale TotalEnergies Digital Factory", «Orange Business, la
            # filiale du groupe Orange») likewise: the parent is reported only where it is named alone.
            arms = [
                o for o in opened if (o.cue == "head" and _VENTURE_ARM.search(o.surface)) or o.cue == UNIT_CUE
            ]
            if arms:
                hits = [h for h in hits if not any(a.start == h.start and a.end > h.end for a in arms)]
            # «la Asociación de Productores de la Sierra»: a known name after the body's "de" ends the
            # body's own name (not «Banco Santander», a prefix right before the known name)
            bodies = [o for o in opened if o.cue == PREFIX_CUE]
            if bodies:
                hits = [h for h in hits if not any(_ends_body_name(text, b, h) for b in bodies)]
            if _ARABIC.search(text):
                hits = self._inside_longer_arabic(text, hits, opened, long_arabic)
            hits = [h for h in hits if not self._not_this_org(text, h)]
            entries = [
                (h.start, h.name, True, text[h.start : h.end]) for h in hits if h.name not in self._not_orgs
            ]
            if self._open is not None:
                spans = [(h.start, h.end) for h in hits]
                covered = _Coverage(spans)
                for o in opened:
                    if covered.overlaps(o.start, o.end):
                        continue  # the gazetteer's reading wins
                    canonical = self._any_case.get(fold(o.surface).casefold())
                    if canonical is None and "-" in o.surface:  # "Aleph-Alpha-Chef": a name hyphenated
                        canonical = self._any_case.get(fold(o.surface.replace("-", " ")).casefold())
                    if canonical is None and _ARABIC.match(o.surface):
                        canonical = self._with_arabic_descriptor(text, o.start, o.surface)
                        if canonical is None:
                            canonical = self._with_words_after(text, o.end, o.surface)
                        latin = latin_forms.get(fold(o.surface)) if canonical is None else None
                        if latin is not None:  # «لوسيديا» in the title, «"لوسيديا" (Lucidya)» in the text
                            canonical = self._any_case.get(fold(latin).casefold())
                            if canonical is None:
                                entries.append((o.start, latin, False, o.surface))
                                continue
                        if canonical is None and spelling_budget > 0:
                            spelling_budget -= 1
                            canonical = self._arabic_spelling(o.surface)
                    if canonical in self._not_orgs or (o.cue == SPELLING_CUE and canonical is None):
                        continue  # an unquoted word after a descriptor counts only as a known name
                    if canonical is None and o.cue == "university":  # «Université de Lille»
                        entries.append((o.start, english_university(o.surface), False, o.surface))
                        continue
                    entries.append((o.start, canonical or o.surface, canonical is not None, o.surface))
            entries.sort(key=lambda e: e[0])
            story.extend((base + start, name, known, surface) for start, name, known, surface in entries)
            distinct.update(name if known else name.casefold() for _, name, known, _ in entries)
        # An Arabic name found unknown in one place and known in another («مجلة الأطفال «ماجد»», then
        # «مجلة «ماجد»») is that organisation throughout the story.
        known_arabic = {
            fold(surface): name for _, name, known, surface in story if known and _ARABIC.match(surface)
        }
        if known_arabic:
            story = [
                (at, known_arabic[fold(surface)], True, surface)
                if not known and fold(surface) in known_arabic
                else (at, name, known, surface)
                for at, name, known, surface in story
            ]
        if long_arabic:  # «ضد رافيل أوديو» in the title, «شركة رافيل أوديو السويدية الناشئة» in the text
            story = _longer_arabic_elsewhere(story, bases, long_arabic)
        # The short form of a longer name found anywhere in the story (title or text) is that
        # organisation: "maker Corvid" in the title, "Corvid Robotics" in the text.
        for _, name, known, surface in _fold_short_forms(story):
            key = name if known else name.casefold()
            if key not in out and len(out) < self.max_mentions:
                out[key] = OrgMention(
                    name=name[:MAX_ORG_NAME_CHARS], known=known, surface=surface[:MAX_ORG_NAME_CHARS]
                )
        return list(out.values())

    def _not_this_org(self, text: str, hit: OrgHit) -> bool:
        """A platform where something is posted, or a one-word alias that is a person's surname."""
        if hit.name in self._platforms:
            m = _PLATFORM_BEFORE.search(text, max(0, hit.start - 60), hit.start)
            if m and not (
                m.group("prep") and _NOT_PLATFORM_BEFORE.search(text, max(0, m.start() - 20), m.start())
            ):
                return True
        surface = text[hit.start : hit.end]
        if " " in surface or _ARABIC.search(surface) or not surface[:1].isupper():
            return False
        m = _FIRST_NAME_BEFORE.search(text, max(0, hit.start - 30), hit.start)
        return bool(m and m.group(1).casefold() in FIRST_NAMES)

    def _inside_longer_arabic(
        self, text: str, hits: list[OrgHit], opened: list[OpenHit], long_arabic: dict[str, str]
    ) -> list[OrgHit]:
        """An Arabic name found from its context whose last word(s) are a known alias is another
        organisation: «شركة رافيل أوديو السويدية الناشئة» is Ravel Audio, not Udio (أوديو). Not when the
        alias has a proclitic («مايكروسوفت وأبل»: two companies) or the words before it are a known
        name themselves."""
        longer = [
            o for o in opened if o.cue != SPELLING_CUE and " " in o.surface and _ARABIC.match(o.surface)
        ]
        if not longer:
            return hits
        out: list[OrgHit] = []
        for h in hits:
            owner = next(
                (
                    o
                    for o in longer
                    if o.start < h.start
                    and o.end == h.end
                    and text[h.start - 1 : h.start] == " "
                    and fold(text[o.start : h.start - 1]).casefold() not in self._any_case
                    and fold(o.surface).casefold() not in self._any_case
                ),
                None,
            )
            if owner is None:
                out.append(h)
            else:
                long_arabic.setdefault(fold(owner.surface), owner.surface)
        return out

    def _arabic_spelling(self, surface: str) -> str | None:
        """A known organisation spelt another way in Arabic script: one letter more, less or other
        ("ميدجرني" for ميدجورني), or the same consonants when long vowels are left out and letters
        that transliterate one Latin sound are taken alike (غوغل / جوجل / قوقل); spaces ignored. Only
        for names of five letters or more, and only when a single organisation is that close."""
        key = fold(surface).replace(" ", "")
        if len(key) < 5 or all(len(w) <= 3 for w in surface.split()):
            return None  # a Latin acronym spelt out ("إس تي في" is STV, one letter from stc's "إس تي سي")
        if self._arabic_keys is None:
            keys: dict[str, set[str]] = {}
            skeletons: dict[str, set[str]] = {}
            for alias, name in self._canonical.items():
                if _ARABIC.search(alias):
                    keys.setdefault(alias.replace(" ", ""), set()).add(name)
                    skeleton = _skeleton(alias)
                    if len(skeleton) >= 4:
                        skeletons.setdefault(skeleton, set()).add(name)
            self._arabic_keys, self._arabic_skeletons = keys, skeletons
        names: set[str] = set(self._arabic_skeletons.get(_skeleton(key), ()))
        for alias, owners in self._arabic_keys.items():
            if abs(len(alias) - len(key)) <= 1 and len(alias) >= 5 and _within_one_edit(key, alias):
                names |= owners
        return next(iter(names)) if len(names) == 1 else None

    def _with_arabic_descriptor(self, text: str, start: int, surface: str) -> str | None:
        m = _AR_LIST_BEFORE.search(text, max(0, start - 200), start)  # a later item of a quoted list
        if not m:
            m = _AR_WORD_BEFORE.search(text, max(0, start - 30), start)
        if not m:
            return None
        word = m.group(1)
        if word[:1] in "وفبلك" and word[1:] in _AR_DUAL_DESCRIPTORS:
            word = word[1:]
        word = _AR_DUAL_DESCRIPTORS.get(word, word)  # «صحيفتي "الشرق الأوسط" و...»: the two newspapers
        for cue in (word, word[1:]) if word[:1] in "وفبلك" else (word,):
            canonical = self._any_case.get(fold(f"{cue} {surface}").casefold())
            if canonical is not None:
                return canonical
        return None

    def _with_words_after(self, text: str, end: int, surface: str) -> str | None:
        """A quoted Arabic name whose next words complete a known alias: «صندوق "وعد" للاستثمار الجريء»
        (وعد للاستثمار الجريء), «شركة "أرامكو" السعودية» (أرامكو السعودية)."""
        m = _AR_WORDS_AFTER.match(text, end)
        if not m:
            return None
        words = m.group("words").split()
        for n in range(len(words), 0, -1):
            canonical = self._any_case.get(fold(" ".join([surface, *words[:n]])).casefold())
            if canonical is not None:
                return canonical
        return None

    def find(self, *texts: str) -> list[str]:
        """Organisation names in order of first mention, each once (``mentions`` without the detail)."""
        return [m.name for m in self.mentions(*texts)]


# Arabic letters that transliterate one Latin sound, taken alike; long vowels and hamza seats dropped.
_SKELETON = str.maketrans(
    {
        "غ": "ك",
        "ج": "ك",
        "ق": "ك",
        "ط": "ت",
        "ص": "س",
        "ث": "س",
        "ذ": "ز",
        "ظ": "ز",
        "ض": "د",
        "ة": "ه",
        "ڤ": "ف",
        "پ": "ب",
        "و": None,
        "ي": None,
        "ا": None,
        "ى": None,
        "ء": None,
        "ئ": None,
        "ؤ": None,
        "أ": None,
        "إ": None,
        "آ": None,
        " ": None,
        "-": None,
    }
)


def _skeleton(arabic: str) -> str:
    return fold(arabic).translate(_SKELETON)


def _within_one_edit(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` equal but for at most one inserted, deleted or replaced character?"""
    if a == b:
        return True
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


_OF_WORD = re.compile(r"\s(?:de|del|des|du)\s|\sd['’]")


def _ends_body_name(text: str, body: OpenHit, hit: OrgHit) -> bool:
    return (
        body.start < hit.start and hit.end == body.end and bool(_OF_WORD.search(text, body.start, hit.start))
    )


def _longer_arabic_elsewhere(
    story: list[tuple[int, str, bool, str]], bases: list[tuple[int, str]], long_arabic: dict[str, str]
) -> list[tuple[int, str, bool, str]]:
    """A known Arabic alias that ends, in another text of the story, a longer name found from its
    context (``OrgFinder._inside_longer_arabic``) is that longer name there too."""
    out: list[tuple[int, str, bool, str]] = []
    for start, name, known, surface in story:
        if known and _ARABIC.match(surface):
            base, text = next((b, t) for b, t in reversed(bases) if b <= start)
            local = start - base
            for key, long_name in long_arabic.items():
                lead = len(key) - len(surface)
                if (
                    lead > 1
                    and key.endswith(" " + fold(surface))
                    and local >= lead
                    and fold(text[local - lead : local + len(surface)]) == key
                    and (local == lead or not text[local - lead - 1].isalnum())
                ):
                    start, name, known, surface = start - lead, long_name, False, long_name
                    break
        out.append((start, name, known, surface))
    return out


# The words after a name that make another organisation of it: a club's or a company's own body ("X
# Supporters' Trust", "X Foundation", „X Stiftung", «Fondation X» is read elsewhere).
_OWN_BODY_TAIL = re.compile(
    r"(?:[A-Z][a-z]+s['’] )?(?:Trust|Foundation|Association|Union|Society|Stiftung|Fondation|Fundación)"
)


def _fold_short_forms(entries: list[tuple[int, str, bool, str]]) -> list[tuple[int, str, bool, str]]:
    """An unknown name that is the first word(s) of another name found in the story is that
    organisation again ("Sandpiper CEO Tom Hale" and "Sandpiper Robotics Inc.", "maker Corvid" in the
    title and "Corvid Robotics" in the text): it takes the longer name, at its own (earlier) place, when
    a single longer name starts with it, and is dropped when several do ("Acme Labs", "Acme Capital")."""
    # every leading run of words of every name found, once: linear in the names (a page of ten thousand
    # candidates was quadratic here)
    longer: dict[str, set[tuple[str, bool]]] = {}
    for name, known in {(e[1], e[2]) for e in entries}:
        words = name.split(" ")
        for i in range(1, len(words)):
            if _OWN_BODY_TAIL.fullmatch(" ".join(words[i:])):
                continue  # "Ashby Rovers" and "Ashby Rovers Supporters' Trust": the club and its fans' body
            longer.setdefault(" ".join(words[:i]), set()).add((name, known))
    # a body's short form with a word of the long one left out: «Le Syndicat de la presse» in the title,
    # «le Syndicat national de la presse ...» in the text (unknown names of three words or more, the same
    # first word, the short one's words in order inside the long one's)
    by_first: dict[str, set[str]] = {}
    for name, known in {(e[1], e[2]) for e in entries}:
        if not known and name.count(" ") >= 2:
            by_first.setdefault(name.split(" ", 1)[0], set()).add(name)
    out: list[tuple[int, str, bool, str]] = []
    for entry in entries:
        owners = longer.get(entry[1]) if not entry[2] else None
        if not owners and not entry[2] and entry[1].count(" ") >= 2:
            group = by_first.get(entry[1].split(" ", 1)[0], set())
            if len(group) > 1:
                owners = {(n, False) for n in group if n != entry[1] and _in_order(entry[1], n)}
        if not owners:
            out.append(entry)
        elif len(owners) == 1:
            name, known = next(iter(owners))
            out.append((entry[0], name, known, entry[3]))
    return out


class _Coverage:
    """Does a span overlap one of the gazetteer's mentions? (sorted spans, binary search)"""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._starts = [s for s, _ in self._spans]
        # the furthest end among the spans up to each index (mentions may nest or overlap)
        self._reach: list[int] = []
        reach = -1
        for _, e in self._spans:
            reach = max(reach, e)
            self._reach.append(reach)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, end) - 1  # the last span starting before `end`
        return i >= 0 and self._reach[i] > start


def _drop_parenthesised_acronyms(text: str, hits: list[OrgHit]) -> list[OrgHit]:
    """ "l'Agence France-Presse (AFP)": the acronym in brackets right after a name is that name again."""
    out: list[OrgHit] = []
    for hit in hits:
        prev = out[-1] if out else None
        acronym = text[hit.start : hit.end]
        if (
            prev is not None
            and text[hit.end : hit.end + 1] == ")"
            and text[prev.end : hit.start].strip() == "("
            and acronym.isupper()
            and acronym[:1] == text[prev.start : prev.start + 1].upper()
        ):
            continue  # not a credit such as "a déclaré OpenAI (Reuters)"
        out.append(hit)
    return out


def _alternation(aliases: list[str]) -> str:
    return trie_regex(aliases)


def _compile(aliases: list[str], flags: int) -> re.Pattern[str]:
    # A Latin alias must not touch a Latin letter or digit on either side (Arabic letters may precede:
    # "وGoogle"); a possessive "'s" / German genitive "s" may follow ("Googles", "Meta's").
    return re.compile(
        rf"(?<![{_LATIN_WORD}])(?P<alias>{_alternation(aliases)})(?:s|['’]s)?(?![{_LATIN_WORD}]|\.[{_LATIN_WORD}])",
        flags,
    )


@lru_cache(maxsize=1)
def _query_finder() -> OrgFinder:
    from services.classifier.settings import TAXONOMY_DIR
    from services.classifier.taxonomy import cached_taxonomy

    return OrgFinder(cached_taxonomy(TAXONOMY_DIR), ignore_case=True, open_world=False)


def canonical_orgs_in(text: str) -> list[str]:
    """Canonical names of the gazetteer's organisations named in ``text``, in order of first mention.

    Meant for search queries and subscriptions as people type them: Latin-script aliases match
    regardless of case ("midjourney" -> Midjourney), Arabic aliases whatever their alef/hamza forms
    and with a leading و ف ب ل ك ("ميدجورني", "وجوجل" -> Midjourney, Google); whole words only. Uses
    the built-in taxonomy (services/classifier/taxonomy/orgs.yaml).
    """
    return _query_finder().find(text)


def canonical_org(term: str) -> str | None:
    """The canonical name when the whole of ``term`` is one organisation's alias (any case), else None."""
    folded = fold(term.strip())
    for hit in _query_finder().hits(folded):
        if hit.start == 0 and folded[hit.end :] in ("", "s", "'s"):
            return hit.name
    return None


def _in_order(short: str, long: str) -> bool:
    """Are the words of ``short`` the words of ``long`` in order, some of ``long``'s left out?"""
    words = iter(long.split(" "))
    return len(long) > len(short) and all(w in words for w in short.split(" "))
