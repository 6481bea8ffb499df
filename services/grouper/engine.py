"""The grouping engine (pure, no Kafka): each report joins the story of the earlier report it matches
best, or opens a new story.

Deterministic: reports are assigned in the order they are given (the service: the order of its one
input partition; ``wirewatch group``: published order, ties by id); a report joins the best-scoring
earlier report (ties: the earliest); a story is named after its first report. An article already
assigned keeps its story. Bounded: reports older than ``window_days`` (before the newest event time
seen) or beyond ``max_reports`` are forgotten, oldest first. Indexed: candidates come from an
inverted index of feature keys (postings capped at ``max_postings`` recent reports per key, the rarest
keys first, at most ``max_candidates``), never from a scan.

The rules (see docs/stories.md):

* a near-duplicate (same language, estimated Jaccard of word 3-shingles >= ``near_duplicate``) joins;
* otherwise two reports are never one story when their published dates are more than
  ``max_gap_days`` apart, when they report different stages of an affair (filing / refiling /
  counterclaim / ruling / settlement / fine), or when one reports a stage of a legal affair and the
  other no legal affair at all;
* (round 3) nor when their headlines report different occasions (a regulator's approval, a company's
  results), and, for a pair that would otherwise join, when each headline names an organisation the
  other report never names, when the organisation a headline starts with (its subject) is never
  named by the other, or when both headlines name two models of one line ("Claude Opus" / "Claude
  Sonnet");
* the evidence is the sum over shared keys of (weight of the kind) x (rarity in the window, IDF);
  it must reach ``join_score`` -- more (x1.6) when the primary tags differ, more (x1.8) when both
  name amounts and none is shared, unless both read the same stage -- and include an organisation, a
  name or an amount; the same stage read in both adds ``STAGE_SHARED``. Names and acronyms compared by
  sound (``x:``/``y:`` keys, ``services.grouper.translit``) count only between a report in Arabic and
  one in Latin script; an organisation the Latin one found and the Arabic one only writes by sound
  counts once, as that organisation (``ORG_BY_SOUND``);
* (round 5, noisy reports of one event) one amount in two notations is shared (``_amount_close``:
  converted at ``TO_USD``'s rough rates, or a round figure); principals match by containment
  ("Amazon Web Services" / "Amazon") and a headline naming no organisation the classifier found has
  none of its own; a report tagged launch is about its headline's product whatever its primary, and
  that product is compared by sound with an Arabic report;
* (round 8, follow-ups and later stages) a price changed and a deal completed are occasions of their own;
  a product's beta and its general availability (``launch-phases``), headlines naming regulators of two
  countries (``regulators``: ``r:<country>`` keys, a regulator named or described) and two launch
  headlines naming two products neither report names in the other (``launch-products``) are kept apart;
  a headline's first word that the other report writes as a name is a shared name.
"""

from __future__ import annotations

import functools
import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from services.grouper.features import (
    CONFIRMED_DEAL_KINDS,
    Report,
    _sound_keys,
    acronym_keys,
    jaccard,
    org_sound_keys,
    regulators_of,
    story_id_for,
)
from services.grouper.settings import GrouperSettings
from services.grouper.translit import arabic_script, arabic_skeleton, latin_skeleton
from shared.textnorm import fold

DAY = 86400.0
KIND_WEIGHT = {"o": 1.5, "n": 1.0, "d": 0.6, "a": 2.0, "w": 0.1, "e": 2.0, "x": 1.0, "y": 1.5, "r": 1.5}
SOUND = frozenset("xy")  # name skeletons: compared only between Arabic and Latin script
SAME_LANG_NAME_WEIGHT = 0.4  # a capitalised word seen in one language only (German nouns ...)
TITLE_BOOST = 1.5  # a key in both titles
BODY_NAME = 0.5
ORG_ROLE = (0.5, 1.0, 1.5)  # an organisation principal (headline or first named) in neither, one, both
IDF_PRIOR = 30  # pseudo-documents: rarity is not over-rated while the window is nearly empty
IDF_SCALE = math.log(130)  # the weights were tuned on a window of ~100 reports
PRIMARY_DIFFERS = 1.6
AMOUNTS_DIFFER = 1.8
HEADLINE_ORG_ABSENT = 1.3
BANDS = 16
PRINCIPAL_VETO = True
STAGE_SHARED = 2.0  # evidence of the same stage of an affair read in both (two rulings, two filings)
ORG_BY_SOUND = True  # an organisation written by sound in an Arabic report counts as the organisation
ORG_CONTAINED = True  # an organisation is named by a report naming one whose name contains it
# headline events that are occasions of their own (round 4: talks before a deal; a roundup of the week)
# (round 8) a price changed, a deal completed
OCCASIONS = frozenset({"e:approval", "e:earnings", "e:talks", "e:roundup", "e:pricing", "e:completion"})
ROUNDUPS_APART = True  # (round 6) two roundups (of one week's news) are two stories
OCCASION_VETO = True  # a regulator's approval or a company's results never join a report of another occasion
HEADLINE_ORGS_VETO = True  # each headline names an organisation the other report never names: two events
SUBJECT_VETO = True  # the organisation a headline names first is one the other report never names
PRODUCT_VETO = True  # the headlines name two models of one line ("Claude Opus" / "Claude Sonnet")
LAUNCHED_ABSENT = 1.6  # (round 4) a launch's headline product is one the other report never names
PRODUCT_KINDS = frozenset({"launch", "e:expansion"})  # the kinds of event about a product
PRODUCT_SHARED = (
    3.0  # (round 4) evidence of the same versioned product launched, named first by both headlines
)
HEADLINE_AMOUNT_ABSENT = True  # (round 4) a headline's amount the other report (naming amounts) never names
# (round 5) one amount in two notations: converted at a fixed rough rate (a report converts at the day's
# rate: EUR/USD moved 1.02-1.18 over 2023-2026), or rounded to one significant digit ("about $1 billion")
TO_USD = {
    "USD": 1.0, "EUR": 1.1, "GBP": 1.3, "CHF": 1.15, "CAD": 0.73, "AUD": 0.66, "JPY": 0.0068,
    "CNY": 0.14, "INR": 0.012, "KRW": 0.00073, "SAR": 0.27, "AED": 0.27, "QAR": 0.27,
}  # fmt: skip
CONVERTED = 1.2  # two currencies: at most this far apart after conversion
ROUNDED = 1.12  # one currency, one of them a round figure (one significant digit): at most this far apart
AMOUNTS_CLOSE = True  # amounts that agree count as shared (evidence and the "amounts differ" factor)
PRODUCT_SHORT_SOUND = True  # (round 6) a short product name by sound ("Veo 4" / "فيو 4") shows it named
PRODUCT_HEADLINE = True  # (round 6) a report whose headline's product has the product's name names it
PRODUCT_BY_SOUND = True  # (round 5) a launch's product against an Arabic report: compared by sound
LAUNCH_TAGGED = True  # (round 5) a report tagged launch (any primary) is about its headline's product
PRINCIPALS_LOOSE = True  # (round 5) principals by containment; a headline naming no organisation has none
# an organisation the classifier reports in Arabic letters (not in the gazetteer: its surface, "وادي") is
# named by a Latin report naming an organisation whose leading words sound the same ("Wadi AI")
ORG_SPELLED_ARABIC = True
ORG_SPELLED_SHARED = True  # (round 6) and such an organisation is shared evidence, as the Latin one
_ARABIC_LETTERS = re.compile(r"[\u0621-\u064a]")
# (round 7) an organisation one report found and the other, which did not find it, writes by a word of its
# name: as a name anywhere ("... das Start-up Sorrel AI" / "Sorrel AI"), or as a word of its headline
# (a headline's first word is read as an ordinary word: "Tervia launches ...", "Parsewell pasa a manos de")
ORG_BY_WORD = True
# words of organisations' names that do not name one alone ("Halvard Systems": "Halvard" does)
_GENERIC_ORG_WORDS = frozenset(
    "group groupe gruppe grupo systems system technologies technology tech labs lab music media capital "
    "partners ventures venture holdings holding company corp corporation inc ltd limited news bank cloud "
    "data games health energy research network networks robotics studio studios security software "
    "international global digital entertainment records publishing books press foundation institute "
    "university house computing semiconductor electronics motors motor services industries solutions "
    "intelligence artificial open world first general national united american european china".split()
)
# (round 7) an organisation's kind of event as the classifier tags it: an acquisition headline ("Cohere
# buys Parsewell") is the classifier's investment ("Cohere s'offre Parsewell" has no acquisition word)
KIND_ALIASES = {"e:acquisition": "investment"}
ONE_SIDED_FACET = True  # (round 7) one report's lead (first two sentences) tells the other's primary too
PRINCIPAL_BY_SOUND = True  # (round 7) a Latin principal written by sound in an Arabic headline is shared
# (round 8) a headline's first word (read as an ordinary word) that the other report writes as a name is a
# shared name ("Ondara releases Sift 3" / "Sift 3 d'Ondara coûtera ..."; "Halo, el agente" / "launches Halo")
FIRST_WORD_SHARED = True
LAUNCH_PHASES_APART = True  # (round 8) a product's beta and its general availability are two stories
REGULATORS_APART = True  # (round 8) headlines naming regulators of two countries (and none of one) differ
REGULATOR_NAMED = True  # (round 8) a regulator organisation is named by a report describing its country's
LAUNCH_PRODUCTS_APART = True  # (round 8) two launch headlines naming two products, neither named by the other
PRINCIPAL_HYPHEN = True  # (round 8) a principal's hyphenated words are its words ("Quiverly-Chefin")


@dataclass(frozen=True)
class Assignment:
    article_id: str
    story_id: str
    reason: str
    new_story: bool
    known: bool = False  # the article had been assigned before (replay): same story as then
    score: float = 0.0
    joined_with: str | None = None


@dataclass
class _Match:
    report: Report
    score: float
    need: float
    shared: list[tuple[float, str]]
    near: float
    similarity: float = 1.0


def _label(key: str) -> str:
    kind, _, rest = key.partition(":")
    if kind == "w":
        return rest.partition(":")[2]
    if kind == "a":
        cur, _, value = rest.partition(":")
        return f"{cur} {float(value):,.0f}".replace(",", " ")
    return rest


def _bands(sig: bytes) -> list[bytes]:
    """LSH bands of a MinHash signature: reports sharing a band are near-duplicate candidates."""
    if not sig:
        return []
    width = max(4, len(sig) // BANDS)
    return [bytes([i]) + sig[i * width : (i + 1) * width] for i in range(len(sig) // width)]


@functools.lru_cache(maxsize=65536)
def _contains(name: str, part: str) -> bool:
    """``part`` is ``name`` or whole words of it, either way round ("Le Figaro" / "Figaro")."""
    x, y = fold(name), fold(part)
    if len(x) < len(y):
        x, y = y, x
    if len(y) < 3 or y not in x:
        return False  # (round 5, speed) most pairs fail here, without compiling a pattern
    return re.search(rf"(?<!\w){re.escape(y)}(?!\w)", x) is not None


@functools.lru_cache(maxsize=65536)
def _name_words(name: str) -> tuple[str, ...]:
    """(Round 7) The words of an organisation's name that name it alone: every word of a one-word name,
    else its words of four letters or more that are not generic ("Halvard Systems": "halvard")."""
    words = fold(name).split()
    if len(words) == 1:
        return tuple(words) if len(words[0]) >= 3 else ()
    return tuple(w for w in words if len(w) >= 4 and w.isalpha() and w not in _GENERIC_ORG_WORDS)


@functools.lru_cache(maxsize=65536)
def _word_keys(principal: frozenset[str], lang: str | None) -> frozenset[str]:
    """(Round 7) The keys a headline in ``lang`` writes the words of these organisations with (``n:`` as a
    name, ``w:<lang>:`` as its first word), for the principal veto (sets: one look-up per pair)."""
    words = {w for key in principal for w in _name_words(key[2:])}
    return frozenset([f"n:{w}" for w in words] + [f"w:{lang}:{w}" for w in words])


@functools.lru_cache(maxsize=65536)
def _sound_keys_of(principal: frozenset[str]) -> frozenset[str]:
    """(Round 7) The sound keys of these organisations' names (``features.org_sound_keys``)."""
    return frozenset(k for key in principal for k in org_sound_keys(key[2:]))


def _word_of(key: str, b: Report) -> bool | None:
    """(Round 7) ``b`` (in Latin script) writes a word of the organisation ``key``'s name as a name, or as
    a word of its headline: None if not, else whether it is in ``b``'s headline."""
    if arabic_script(b.lang):
        return None
    found: bool | None = None
    for w in _name_words(key[2:]):
        if f"w:{b.lang}:{w}" in b.title_keys or f"n:{w}" in b.title_keys:
            return True
        if found is None and f"n:{w}" in b.keys:
            found = False
    return found


def _named(key: str, a: Report, b: Report) -> bool:
    """``b`` names the organisation ``key`` of ``a``: by its key, or (``b`` in Arabic script, ``a`` not)
    by its sound (``features.org_sound_keys``: "دير شبيغل" names Der Spiegel)."""
    if key in b.keys:
        return True
    if ORG_CONTAINED and any(_contains(other, key[2:]) for other in b.orgs):
        return True  # "Figaro" is named by a report naming "Le Figaro"
    if ORG_BY_SOUND and arabic_script(b.lang) and not arabic_script(a.lang):
        if any(k in b.keys for k in org_sound_keys(key[2:])):
            return True
    if ORG_SPELLED_ARABIC and arabic_script(a.lang) != arabic_script(b.lang):
        name = key[2:]
        if _ARABIC_LETTERS.search(name):
            return any(_spelled_alike(name, other) for other in b.orgs)
        if any(_spelled_alike(other, name) for other in b.orgs if _ARABIC_LETTERS.search(other)):
            return True
    if REGULATOR_NAMED:
        countries = regulators_of(key[2:])
        if countries and any(f"r:{cc}" in b.keys for cc in countries):
            return True  # (round 8) "CNIL" is named by "France's data protection authority"
    return ORG_BY_WORD and _word_of(key, b) is not None


@functools.lru_cache(maxsize=65536)
def _spelled_alike(arabic_name: str, latin_name: str) -> bool:
    """An organisation written in Arabic letters and one in Latin letters whose leading words have the
    same consonant skeletons ("وادي" / "Wadi AI", "كويلبوينت" / "Quillpoint"): the Arabic name's words
    (its article taken off) against the Latin name's first words, words that are only vowels ("AI")
    left out. A name of fewer than three consonant classes must match the Latin name whole (not only its
    first words), so that one short word does not match by chance."""
    arabic = [arabic_skeleton(w[2:] if w.startswith("ال") and len(w) > 4 else w) for w in arabic_name.split()]
    arabic = [sk for sk in arabic if sk]
    latin = [sk for sk in (latin_skeleton(w) for w in latin_name.split()) if sk]
    if not arabic or len(latin) < len(arabic):
        return False
    if sum(map(len, arabic)) < 3:
        return latin == arabic
    return latin[: len(arabic)] == arabic


def _orgs_by_sound(a: Report, b: Report, shared: frozenset[str]) -> dict[str, tuple[bool, tuple[str, ...]]]:
    """Between a report in Arabic script and one in Latin script: the organisations of the Latin one
    that the Arabic one does not have as an organisation but writes by sound (their ``x:``/``y:`` keys
    are shared), as ``o:`` key -> (whether its sound is in the Arabic headline, its shared sound keys)."""
    latin, arab = (b, a) if arabic_script(a.lang) else (a, b)
    found: dict[str, tuple[bool, tuple[str, ...]]] = {}
    spelled = [o for o in arab.orgs if _ARABIC_LETTERS.search(o)] if ORG_SPELLED_SHARED else []
    for org in latin.orgs:
        key = f"o:{org}"
        if key in shared:
            continue
        hits = tuple(k for k in org_sound_keys(org) if k in shared)
        if hits:
            found[key] = (any(k in arab.title_keys for k in hits), hits)
        elif spelled:
            # (round 6) an organisation the Arabic report found in Arabic letters ("ووركداي"), spelled
            # as this one ("Workday"): shared as that organisation, principal as the Arabic one is
            match = next((o for o in spelled if _spelled_alike(o, org)), None)
            if match is not None:
                found[key] = (f"o:{match}" in arab.principal, ())
    return found


def _orgs_by_word(a: Report, b: Report, shared: frozenset[str]) -> dict[str, int]:
    """(Round 7) The organisations one report found that the other, not having them, writes by a word of
    their name (``_word_of``), as ``o:`` key -> its role (principal in neither, one or both)."""
    found: dict[str, int] = {}
    for x, y in ((a, b), (b, a)):
        for org in x.orgs:
            key = f"o:{org}"
            if key in shared or key in found or key in y.keys:
                continue
            in_title = _word_of(key, y)
            if in_title is not None:
                found[key] = (key in x.principal) + in_title
    return found


def _first_words(a: Report, b: Report) -> dict[str, bool]:
    """(Round 8) The first word of one headline (``Report.first``, read as an ordinary word) that the other
    report, in Latin script, writes as a name: its ``n:`` key -> whether it is in that other headline."""
    found: dict[str, bool] = {}
    for x, y in ((a, b), (b, a)):
        if x.first is None or arabic_script(y.lang):
            continue
        key = f"n:{x.first}"
        if key in y.keys and key not in x.keys:
            found[key] = key in y.title_keys
    return found


@functools.lru_cache(maxsize=65536)
def _amount_close(x: str, y: str) -> bool:
    """Two amount keys (``a:<cur>:<value>``) for one amount: the same key; in two currencies, within
    ``CONVERTED`` once converted at ``TO_USD``'s rough rates (550 million euros / $600 million); in one
    currency, one a round figure of one significant digit within ``ROUNDED`` of the other ("rund eine
    Milliarde Dollar" / $1.1 billion)."""
    if x == y:
        return True
    if not AMOUNTS_CLOSE:
        return False
    _, cx, vx = x.split(":", 2)
    _, cy, vy = y.split(":", 2)
    if cx != cy:
        rx, ry = TO_USD.get(cx), TO_USD.get(cy)
        if rx is None or ry is None:
            return False
        a, b = float(vx) * rx, float(vy) * ry
        return max(a, b) <= CONVERTED * min(a, b)
    a, b = float(vx), float(vy)
    round_figure = any(float(f"{v:.1g}") == v for v in (a, b))
    return round_figure and max(a, b) <= ROUNDED * min(a, b)


def _amounts_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Some amount of ``a`` is one of ``b``'s, in whatever notation (``_amount_close``)."""
    return any(_amount_close(x, y) for x in a for y in b)


@functools.lru_cache(maxsize=65536)
def _principal_words(principal: frozenset[str]) -> frozenset[str]:
    """The folded words of a report's principal organisations (``o:`` keys)."""
    # (round 8) a hyphenated compound's words too: "Quiverly-Chefin Dana Okafor" holds "Quiverly"
    split = r"[\s-]+" if PRINCIPAL_HYPHEN else r"\s+"
    return frozenset(w for key in principal for w in re.split(split, fold(key[2:])) if w)


def _principals_apart(a: Report, b: Report) -> bool:
    """The principal organisations (headline, or first two named) of the two reports differ. (Round 5)
    Not when one's name holds the other's ("Amazon Web Services" / "Amazon", "Google DeepMind" /
    "Google", "Corvid Robotics" / "Corvid"), nor when a report whose headline names no organisation the
    classifier found (a start-up's Arabic name not in the gazetteer) names a principal of the other
    anywhere: its own first two named are a guess."""
    if a.principal & b.principal:
        return False
    if not PRINCIPALS_LOOSE:
        return True
    words_b = _principal_words(b.principal)
    if not _principal_words(a.principal).isdisjoint(words_b) and any(
        _contains(x[2:], y[2:]) for x in a.principal for y in b.principal
    ):
        return False  # (a name holding another shares its words: the pattern only for those)
    for x, y in ((a, b), (b, a)):
        if not x.headline_org and any(_named(p, y, x) for p in sorted(y.principal)):
            return False
    if ORG_BY_WORD:
        for x, y in ((a, b), (b, a)):
            if not arabic_script(x.lang) and not x.title_keys.isdisjoint(_word_keys(y.principal, x.lang)):
                return False  # (round 7) x's headline writes y's principal as a word ("Parsewell pasa a ...")
    if PRINCIPAL_BY_SOUND and arabic_script(a.lang) != arabic_script(b.lang):
        arab, latin = (a, b) if arabic_script(a.lang) else (b, a)
        if not arab.title_keys.isdisjoint(_sound_keys_of(latin.principal)):
            return False  # (round 7) the Arabic headline writes the Latin principal by sound (بنغوين راندوم)
    if ORG_SPELLED_ARABIC and arabic_script(a.lang) != arabic_script(b.lang):
        arab, latin = (a, b) if arabic_script(a.lang) else (b, a)
        if any(
            _spelled_alike(x[2:], y[2:])
            for x in arab.principal
            if _ARABIC_LETTERS.search(x)
            for y in latin.principal
        ):
            return False  # "كورفيد لابز" is Corvid Labs written in Arabic letters
    return True


def _headline_org_absent(a: Report, b: Report) -> bool:
    """``a``'s headline names an organisation that ``b`` does not name at all."""
    return any(k[0] == "o" and not _named(k, a, b) for k in a.title_keys)


def _subject_absent(a: Report, b: Report) -> bool:
    """The organisation ``a``'s headline names first (its subject) is one ``b`` does not name at all:
    a rival's launch the same day that names both companies is the rival's event."""
    subject = a.subject
    return subject is not None and not _named(subject, a, b)


def _products_differ(a: Report, b: Report) -> bool:
    """Both headlines (in Latin script) name a model of one line by a pair of names, the first the
    same and the second not ("Claude Opus" / "Claude Sonnet"; an acronym and its version: "GPT-4.1" /
    "GPT-5.2"), and neither report names the other's model anywhere: two products, two events."""
    if arabic_script(a.lang) or arabic_script(b.lang):
        return False  # an Arabic report's pairs are every two adjacent words
    pairs_b = [k[2:].split(" ", 1) for k in b.title_keys if k.startswith("y:") and k not in a.keys]
    for key in a.title_keys:
        if key.startswith("y:") and key not in b.keys:
            first, second = key[2:].split(" ", 1)
            if any(f == first and g != second for f, g in pairs_b):
                return True
    return False


_STEM = re.compile(r"[^\W\d_]+")


def _stem(name: str) -> str:
    """The letters a product's name starts with: "gpt" of "gpt-4o", "chatgpt" of "chatgpt-4o", "jules"
    of "jules 2"."""
    m = _STEM.match(name)
    return m.group(0) if m else ""


def _names_product(report: Report, product: str) -> bool:
    """``report`` names the product (by its name, whatever its version or spelling): a name, word or
    sound key whose letters hold the product's or are held by them ("gpt-4o" / "chatgpt-4o", "gemini"
    / "gemini-app"); a product whose name has fewer than three letters ("o1") is always named."""
    stem = _stem(product)
    if len(stem) < 3:
        return True
    if PRODUCT_HEADLINE and report.product is not None:
        other = _stem(report.product)  # (round 6) its headline names it, at a sentence start too ("Veo 4 :")
        if len(other) >= 3 and (stem in other or other in stem):
            return True
    for key in report.keys:
        if key[0] in "nw":
            other = _stem(key.rpartition(":")[2])
            if len(other) >= 3 and (stem in other or other in stem):
                return True
    return any(k in report.keys for k in org_sound_keys(stem))


def _launched_absent(a: Report, b: Report) -> bool:
    """``a`` is about a product (a launch, an expansion) and the versioned product its headline names
    first ("Jules 2" in "Google launches Jules 2 coding agent, built on Gemini 4") is never named by
    ``b``. Latin script only (an Arabic report's names are sounds)."""
    if a.product is None or arabic_script(a.lang):
        return False
    if not any(ch.isdigit() for ch in a.product) and (_kind(b) in PRODUCT_KINDS or _kind(b) is None):
        return False  # (round 7) an unversioned name (features.launched_name): only against another kind
    if arabic_script(b.lang):  # (round 5) by its sound: "Picker 2" is y:bkr 2 in "بيكر 2"
        return PRODUCT_BY_SOUND and _about_product(a) and not _names_product_by_sound(b, a.product)
    return _about_product(a) and not _names_product(b, a.product)


@functools.lru_cache(maxsize=65536)
def _product_sounds(product: str) -> frozenset[str]:
    """The sound keys of a (folded) product name: its name and version, its acronym, its letters."""
    stem = _stem(product)
    name = product.title() if len(stem) > 4 else product.upper()  # "GPT-5.5": an acronym
    keys = _sound_keys(f"the {name}", False, set(), set(), False) + list(org_sound_keys(stem))
    if len(stem) <= 4:
        keys += acronym_keys(name, False, set())
    return frozenset(keys)


@functools.lru_cache(maxsize=65536)
def _product_short_sounds(product: str) -> frozenset[str]:
    """(Round 6) The sound keys of a product whose name has one consonant class, with its version
    ("Veo 4": ``y:f 4``): they may show that an Arabic report names it ("فيو 4"), never that it does not
    (a short name's sound says little)."""
    stem = _stem(product)
    name = product.title() if len(stem) > 4 else product.upper()
    return frozenset(_sound_keys(f"the {name}", False, set(), set(), True)) - _product_sounds(product)


def _names_product_by_sound(report: Report, product: str) -> bool:
    """An Arabic report names the product by one of its sound keys; a product with none (too short to
    write by sound) counts as named."""
    sounds = _product_sounds(product)
    if not sounds or any(k in report.keys for k in sounds):
        return True
    return PRODUCT_SHORT_SOUND and any(k in report.keys for k in _product_short_sounds(product))


def _about_product(report: Report) -> bool:
    """About a product: a launch or an expansion, or (round 5) tagged launch whatever its primary (a
    launch story the classifier gave another primary: "Avec Picker 2, Corvid veut conquérir ...")."""
    kind = _kind(report)
    if kind in PRODUCT_KINDS:
        return True
    # tagged launch, and its headline names no event of another kind ("Nova retires Orion 4")
    return LAUNCH_TAGGED and "launch" in report.tags and kind == report.primary


def _same_product(a: Report, b: Report) -> bool:
    """Both are about a product (a launch, an expansion) of one kind and their headlines name first the
    same versioned product ("Magistral 2" / "Magistral 2"; "GPT-5.5" / "GPT-5.5")."""
    if a.product is None or a.product != b.product:
        return False
    if _kind(a) in PRODUCT_KINDS and _kind(a) == _kind(b):
        return True
    # (round 5) one of them tagged launch with another primary: the same launch, not a launch and its
    # expansion (whose kinds differ and are both about a product)
    return (
        LAUNCH_TAGGED
        and _about_product(a)
        and _about_product(b)
        and not (_kind(a) in PRODUCT_KINDS and _kind(b) in PRODUCT_KINDS)
    )


def _headline_amount_absent(a: Report, b: Report) -> bool:
    """``a``'s headline states an amount that ``b``, which names amounts, never names (the $10 billion
    of a second deal, whose report recalls the first deal's $5 billion)."""
    if not b.amounts:
        return False
    if AMOUNTS_CLOSE and any(_amounts_agree((k,), b.headline_amounts) for k in a.headline_amounts):
        return False  # (round 5) both headlines state one amount: another the first states is a detail
    return any(not _amounts_agree((k,), b.amounts) for k in a.headline_amounts)


CONFIRMED_TALKS = True  # (round 11) a deal that says it confirms the reports is the rumoured talks' story
RUMOURED = 1.5  # (round 11) a rumoured amount ("more than $1 billion") and the confirmed one: this far apart


def _confirmed_talks(a: Report, b: Report) -> bool:
    """(Round 11) One headline reports talks (or a plan to buy) and nothing else of its own, the other a
    deal and says it confirms earlier reports of it ("Draymont Systems compra Nuvola Voice y confirma los
    rumores", «Les rumeurs d'une transaction circulaient»): one story, the deal the reports foretold. A
    deal signed after talks that says nothing of earlier reports stays another occasion (round 4)."""
    if not CONFIRMED_TALKS:
        return False
    for talks, deal in ((a, b), (b, a)):
        if deal.confirms and _occasions(talks) == {"e:talks"} and not _occasions(deal):
            kind = _kind(deal)
            return KIND_ALIASES.get(kind or "", kind) in CONFIRMED_DEAL_KINDS
    return False


def _amounts_rumoured(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """(Round 11) Some amount of one is within ``RUMOURED`` of one of the other's, in one currency (a
    rumour's figure, "gut einer Milliarde", against the deal's $1.2 billion)."""
    for x in a:
        cx, vx = x[2:].split(":")
        for y in b:
            cy, vy = y[2:].split(":")
            if cx == cy and max(float(vx), float(vy)) <= RUMOURED * min(float(vx), float(vy)):
                return True
    return False


def _occasions(report: Report) -> frozenset[str]:
    """The occasions of its own (a regulator's approval, results) the headline reports."""
    return OCCASIONS.intersection(report.title_keys)


def _kind(report: Report) -> str | None:
    """The kind of event a report is about: an event of its headline (retirement, dismissal ...), else
    its primary tag."""
    events = [key for key in report.title_keys if key.startswith("e:")]
    return min(events) if events else report.primary  # min: one answer whatever the set's order


def _facets(a: Report, b: Report) -> bool:
    """Two primaries that are facets of one event: each report is also tagged with the other's
    primary (a suit settled with a licence: lawsuit + licensing on both sides)."""
    if not (a.primary and b.primary and a.primary != b.primary):
        return False
    if a.primary in b.tags and b.primary in a.tags:
        return True
    # (round 7) one report's lead also tells the other's primary: a licence with a stake, reported
    # stake-first by one source ("Springer steigt bei Mistral ein ...") and licence-first by another
    return ONE_SIDED_FACET and (a.primary in b.lead_tags or b.primary in a.lead_tags)


def _other_affair(a: Report, b: Report) -> bool:
    """``a`` reports a stage of a legal affair and ``b`` is not about a legal affair at all (neither a
    stage nor a lawsuit tag): a deal of the same companies mentioned in a settlement's background."""
    return bool(a.stage) and not b.stage and "lawsuit" not in b.tags and b.primary != "lawsuit"


def _affair(report: Report) -> str:
    """What a report is in a legal affair: its stage, ``legal`` (about an affair, no stage read), or
    ``-`` (about no legal affair)."""
    if report.stage:
        return report.stage
    return "legal" if "lawsuit" in report.tags or report.primary == "lawsuit" else "-"


def _story_veto(report: Report, affairs: Counter[str]) -> str | None:
    """The rule that keeps ``report`` out of a story whose members are ``affairs`` (``_affair`` of each,
    counted), or None: the stage rules hold against every report of the story, not only the one
    matched (a report with no stage read would otherwise bridge a suit and its countersuit)."""
    mine = _affair(report)
    if report.stage:
        other = next((a for a in sorted(affairs) if a not in (mine, "legal") and affairs[a] > 0), None)
        if other == "-":
            return "a report of the story is about no legal affair"
        if other is not None:
            return f"the story has stage {other}"
    elif mine == "-":
        staged = next((a for a in sorted(affairs) if a not in ("legal", "-") and affairs[a] > 0), None)
        if staged is not None:
            return f"the story has stage {staged}"
    return None


def _regulators(report: Report) -> frozenset[str]:
    """(Round 8) The national regulators (``r:`` keys) the headline names or describes (a union's, the
    European Commission's, are not read: it decides with or for its members' regulators)."""
    return frozenset(k for k in report.title_keys if k[0] == "r")


def _regulators_apart(a: Report, b: Report) -> bool:
    """(Round 8) Both headlines name a national regulator and none of one country: two decisions ("Italy's
    privacy watchdog fines Brightwave" three days after "La CNIL inflige une amende à Brightwave")."""
    ra = _regulators(a)
    if not ra:
        return False
    rb = _regulators(b)
    return bool(rb) and ra.isdisjoint(rb)


def _product_named(report: Report, product: str) -> bool:
    """(Round 8) ``report`` names the product anywhere: ``_names_product``, or for a name of fewer than
    three letters ("H2") its own name key."""
    if len(_stem(product)) >= 3:
        return _names_product(report, product)
    return f"n:{product}" in report.keys or report.product == product


def _launches_apart(a: Report, b: Report) -> bool:
    """(Round 8) Two launch headlines (Latin script) name two products ("unveils Halden's H2" / "unveils
    Vantor's Quill chatbot") and neither report names the other's anywhere: two launches."""
    if a.product is None or b.product is None or arabic_script(a.lang) or arabic_script(b.lang):
        return False
    if _kind(a) != "launch" or _kind(b) != "launch":
        return False
    sa, sb = _stem(a.product), _stem(b.product)
    if not sa or not sb or sa in sb or sb in sa:
        return False
    return not _product_named(b, a.product) and not _product_named(a, b.product)


class StoryIndex:
    """Recent reports and their stories, with an inverted index of their feature keys."""

    def __init__(self, settings: GrouperSettings | None = None) -> None:
        self.settings = settings or GrouperSettings()
        self.reports: dict[str, Report] = {}
        self._postings: dict[str, list[str]] = {}  # key -> ids, oldest first (trimmed to max_postings)
        self._bands: dict[bytes, list[str]] = {}  # MinHash band -> ids
        self._df: Counter[str] = Counter()  # reports in memory holding each key
        self._langs: dict[str, str | Counter[str]] = {}  # name key -> its language (or languages)
        self._heap: list[tuple[float, int, str]] = []
        self._seq = 0
        self.newest_ts: float | None = None
        self.story_sizes: Counter[str] = Counter()
        self._affairs: dict[str, Counter[str]] = {}  # story -> _affair of its remembered reports
        self._story_vetoed: str | None = None  # the last look-up: a match kept out by its story's stage
        self._late_vetoed: str | None = None  # (round 8) the last look-up: a match kept apart by a late veto

    def __len__(self) -> int:
        return len(self.reports)

    # -- the decision ----------------------------------------------------------------------------

    def assign(self, report: Report) -> tuple[Assignment, list[str]]:
        """The story of ``report`` and the ids of reports forgotten to stay within the bounds."""
        known = self.reports.get(report.id)
        if known is not None and known.story_id:
            reason = known.reason or "already assigned"
            return Assignment(report.id, known.story_id, reason, False, known=True), []
        best = self._best(report)
        report.__dict__.pop("keyset", None)  # the cached set is for the look-up only: not remembered
        if best is None:
            story = story_id_for(report.id)
            reason = "new story: no earlier report matches"
            if self._story_vetoed:
                reason += f" ({self._story_vetoed})"
            elif self._late_vetoed:
                reason += f" ({self._late_vetoed})"
            assignment = Assignment(report.id, story, reason, True)
        else:
            story = best.report.story_id or story_id_for(best.report.id)
            assignment = Assignment(
                report.id,
                story,
                self._reason(report, best),
                False,
                score=best.score,
                joined_with=best.report.id,
            )
        report.story_id = story
        report.reason = assignment.reason
        self.add(report)
        return assignment, self.evict()

    def _candidates(self, report: Report) -> list[Report]:
        seen: dict[str, Report] = {}
        for band in _bands(report.minhash):  # near-duplicates first
            for rid in self._bands.get(band, ()):
                r = self.reports.get(rid)
                if r is not None and rid != report.id:
                    seen[rid] = r
        keys = sorted((k for k in report.keys if k in self._postings), key=lambda k: (self._df[k], k))
        limit = self.settings.max_candidates
        cap = self.settings.max_postings
        for key in keys:  # the rarest keys first; the most recent reports of each
            postings = self._postings[key]
            for rid in reversed(postings[-cap:]):
                r = self.reports.get(rid)
                if r is not None and rid not in seen and rid != report.id:
                    seen[rid] = r
            if len(seen) >= limit:
                break
        return list(seen.values())

    def _weight(self, key: str, a: Report, b: Report, n: int) -> float:
        kind = key[0]
        w = KIND_WEIGHT.get(kind, 0.0)
        if kind == "n" and a.lang == b.lang and not isinstance(self._langs.get(key), Counter):
            w = SAME_LANG_NAME_WEIGHT
        if kind == "o":
            return w * ORG_ROLE[(key in a.principal) + (key in b.principal)] * self._idf(key, n)
        in_titles = (key in a.title_keys) + (key in b.title_keys)
        if in_titles == 2:
            w *= TITLE_BOOST
        elif in_titles == 0 and kind in "nxy":
            w *= BODY_NAME  # names in both bodies only: people and products in the background
        return w * self._idf(key, n)

    def _org_weight(self, key: str, a: Report, b: Report, n: int, arabic_principal: bool) -> float:
        """The weight of an organisation shared by sound: as an ``o:`` key, principal on the Arabic side
        when its sound is in that headline."""
        latin = b if arabic_script(a.lang) else a
        role = (key in latin.principal) + arabic_principal
        return KIND_WEIGHT["o"] * ORG_ROLE[role] * self._idf(key, n)

    def _idf(self, key: str, n: int) -> float:
        """Rarity of a key in the window, scaled to [0, IDF_SCALE] whatever the window's size (a key in
        one report of 100 000 weighs about what a key in one report of 100 does)."""
        total = n + IDF_PRIOR
        return IDF_SCALE * math.log(total / (self._df[key] + 1)) / math.log(total)

    def evaluate(self, report: Report, cand: Report) -> dict[str, Any]:
        """Why two reports are (not) one story, whatever the thresholds: the veto that keeps them apart
        (or None), the evidence, what was needed and the similarity (``ratio``: evidence over need);
        the late vetoes (``_late_veto``) only for a pair whose evidence reaches the need.
        For analysis (``bench/group_quality.py --margins``); the decision is ``_score``."""
        diag: dict[str, Any] = {"veto": None, "score": 0.0, "need": self.settings.join_score, "sim": 0.0}
        self._score(report, cand, diag)
        diag["ratio"] = diag["score"] / diag["need"] if diag["need"] else 0.0
        return diag

    def _score(self, report: Report, cand: Report, diag: dict[str, Any] | None = None) -> _Match | None:
        s = self.settings
        near = jaccard(report.minhash, cand.minhash) if report.lang == cand.lang else 0.0
        if near >= s.near_duplicate:
            if diag is not None:
                diag.update(veto="near-duplicate", score=1e6, need=1.0, sim=near)
            return _Match(cand, 1e6 * near, 1.0, [], near)
        veto = self._veto(report, cand)
        if veto is not None:
            if diag is not None:
                diag["veto"] = veto
            return None
        shared_keys = report.keyset.intersection(cand.keys)
        by_sound: dict[str, tuple[bool, tuple[str, ...]]] = {}
        if arabic_script(report.lang) == arabic_script(cand.lang):
            shared_keys = frozenset(k for k in shared_keys if k[0] not in SOUND)  # one script: words decide
        elif ORG_BY_SOUND:
            by_sound = _orgs_by_sound(report, cand, shared_keys)
        by_word = _orgs_by_word(report, cand, shared_keys) if ORG_BY_WORD else {}
        first = _first_words(report, cand) if FIRST_WORD_SHARED else {}
        if (
            not by_sound
            and not by_word
            and not first
            and not any(
                k[0] in "oar" or (k[0] in "nexy" and (k in report.title_keys or k in cand.title_keys))
                for k in shared_keys
            )
        ):
            if diag is not None:
                diag["veto"] = "nothing-shared"
            return None  # an organisation, an amount, or a headline name or event must be shared
        n = len(self.reports)
        weights = {k: self._weight(k, report, cand, n) for k in shared_keys}
        for key, (principal, hits) in by_sound.items():
            # an organisation one report names and the Arabic one writes by its sound: it counts once,
            # as the organisation or as its sound, whichever weighs more
            as_org = self._org_weight(key, report, cand, n, principal)
            if as_org > sum(weights.get(h, 0.0) for h in hits):
                for h in hits:
                    weights.pop(h, None)
                weights[key] = as_org
        for key, role in by_word.items():  # (round 7) named by a word of its name: as the organisation
            if key not in weights:
                weights[key] = KIND_WEIGHT["o"] * ORG_ROLE[role] * self._idf(key, n)
        for key, both in first.items():  # (round 8) a headline's first word the other writes as a name
            if key not in weights:
                w = KIND_WEIGHT["n"]
                if report.lang == cand.lang and not isinstance(self._langs.get(key), Counter):
                    w = SAME_LANG_NAME_WEIGHT
                weights[f"f:{key[2:]}"] = w * (TITLE_BOOST if both else 1.0) * self._idf(key, n)
        shared = sorted(((w, k) for k, w in weights.items()), reverse=True)
        if AMOUNTS_CLOSE and not any(k[0] == "a" for k in shared_keys):
            close = self._close_amount(report, cand, n)
            if close is not None:
                shared.append(close)
        if STAGE_SHARED and report.stage and report.stage == cand.stage:
            shared.append((STAGE_SHARED, f"g:{report.stage}"))
        if PRODUCT_SHARED and _same_product(report, cand):
            shared.append((PRODUCT_SHARED, f"p:{report.product}"))
        score = sum(w for w, _ in shared)
        near = 0.0
        need = self._need(report, cand)
        if diag is not None:
            sim = score / math.sqrt(self._total(report, n) * self._total(cand, n))
            diag.update(score=score, need=need, sim=sim)
            if sim < s.min_similarity:
                diag["veto"] = "similarity"
        if score < need:
            return None
        sim = score / math.sqrt(self._total(report, n) * self._total(cand, n))
        if sim < s.min_similarity:
            return None
        late = self._late_veto(report, cand)
        if late is not None:
            if diag is not None:
                diag["veto"] = late
            elif self._late_vetoed is None:  # (round 8) the new story's reason names the rule
                self._late_vetoed = f"{cand.id} matched but kept apart: {late}"
            return None
        return _Match(cand, score, need, shared, near, sim)

    def _close_amount(self, a: Report, b: Report, n: int) -> tuple[float, str] | None:
        """(Round 5) One amount in two notations (``_amount_close``): evidence as the rarer of its two
        keys would weigh shared, labelled ``a~<one>=<other>``."""
        best: tuple[float, str] | None = None
        for x in a.amounts:
            for y in b.amounts:
                if x != y and _amount_close(x, y):
                    w = KIND_WEIGHT["a"] * min(self._idf(x, n), self._idf(y, n))
                    if best is None or w > best[0]:
                        best = (w, f"a~{x[2:]}={y[2:]}")
        return best

    def _veto(self, report: Report, cand: Report) -> str | None:
        """The rule that keeps two reports apart whatever they share, or None."""
        if (
            report.ts is not None
            and cand.ts is not None
            and abs(report.ts - cand.ts) > self.settings.max_gap_days * DAY
        ):
            return "dates"
        if report.stage and cand.stage and report.stage != cand.stage:
            return "stages"
        if _other_affair(report, cand) or _other_affair(cand, report):
            return "other-affair"
        if PRINCIPAL_VETO and report.principal and cand.principal and _principals_apart(report, cand):
            return "principals"  # the headline organisations differ: another event
        if OCCASION_VETO and _occasions(report) != _occasions(cand) and not _confirmed_talks(report, cand):
            return "occasion"  # an approval or results against another occasion (the deal, the round)
        if ROUNDUPS_APART and "e:roundup" in report.title_keys and "e:roundup" in cand.title_keys:
            return "roundups"  # (round 6) two roundups: each its own story (a copy is a near-duplicate)
        return None

    @staticmethod
    def _late_veto(report: Report, cand: Report) -> str | None:
        """The vetoes on who the headlines are about, checked only for a pair that would otherwise
        join (they compare organisations by name: too slow for every candidate)."""
        if HEADLINE_ORGS_VETO and _headline_org_absent(report, cand) and _headline_org_absent(cand, report):
            return "headline-orgs"  # one publisher's two suits, one investor's two rounds
        if SUBJECT_VETO and (_subject_absent(report, cand) or _subject_absent(cand, report)):
            return "subject"  # the headline's first organisation is another company
        if PRODUCT_VETO and _products_differ(report, cand):
            return "products"  # two models of one line (a company's two launches)
        if LAUNCH_PRODUCTS_APART and _launches_apart(report, cand):
            return "launch-products"  # (round 8) one person's launches for two companies, one day
        if LAUNCH_PHASES_APART and report.phase and cand.phase and report.phase != cand.phase:
            return "launch-phases"  # (round 8) a public beta and the general availability months later
        if REGULATORS_APART and _regulators_apart(report, cand):
            return "regulators"  # (round 8) two regulators' decisions (two fines of one company in a week)
        return None

    def _need(self, report: Report, cand: Report) -> float:
        """The evidence two reports must share: more for different kinds of event or amounts."""
        need = self.settings.join_score
        kind, cand_kind = _kind(report), _kind(cand)
        kind, cand_kind = KIND_ALIASES.get(kind or "", kind), KIND_ALIASES.get(cand_kind or "", cand_kind)
        same_stage = bool(report.stage) and report.stage == cand.stage  # the stage says the kind of event
        same_launch = LAUNCH_TAGGED and _same_product(report, cand)  # (round 5) the product says the kind
        confirmed = _confirmed_talks(report, cand)  # (round 11) the deal the talks foretold: one kind
        if (
            kind
            and cand_kind
            and kind != cand_kind
            and not _facets(report, cand)
            and not same_stage
            and not same_launch
            and not confirmed
        ):
            need *= PRIMARY_DIFFERS  # another kind of event (primary tag or headline event)
        rumoured = confirmed and _amounts_rumoured(report.amounts, cand.amounts)
        differ = bool(report.amounts and cand.amounts) and not _amounts_agree(report.amounts, cand.amounts)
        if differ and not rumoured:
            need *= AMOUNTS_DIFFER
        elif (
            not rumoured
            and HEADLINE_AMOUNT_ABSENT
            and (_headline_amount_absent(report, cand) or _headline_amount_absent(cand, report))
        ):
            need *= AMOUNTS_DIFFER  # the amount one headline states is not the other's: another deal
        if _launched_absent(report, cand) or _launched_absent(cand, report):
            need *= LAUNCHED_ABSENT  # another product: a second launch, a launch recalling a raise
        if _headline_org_absent(report, cand) or _headline_org_absent(cand, report):
            need *= HEADLINE_ORG_ABSENT  # one headline names an organisation the other report never names
        return need

    def _total(self, report: Report, n: int) -> float:
        """The evidence a report could share at most (the norm of its keys), for the similarity."""
        return (
            sum(
                KIND_WEIGHT.get(k[0], 0.0) * math.log((n + IDF_PRIOR) / (self._df[k] + 1))
                for k in report.keys
                if k[0] not in SOUND
            )
            or 1.0
        )

    def _best(self, report: Report) -> _Match | None:
        best: _Match | None = None
        self._story_vetoed = None
        self._late_vetoed = None
        for cand in self._candidates(report):
            m = self._score(report, cand)
            if m is None:
                continue
            affairs = self._affairs.get(m.report.story_id or "")
            veto = _story_veto(report, affairs) if affairs is not None else None
            if veto is not None:
                if self._story_vetoed is None:
                    self._story_vetoed = f"{m.report.id} matched but {veto}"
                continue
            if best is None or (m.score / m.need, -m.report.seq) > (best.score / best.need, -best.report.seq):
                best = m
        return best

    def _reason(self, report: Report, m: _Match) -> str:
        c = m.report
        if m.near:
            return f"near-duplicate of {c.id} (shingle Jaccard ~{m.near:.2f}, {report.lang})"
        parts = []
        if report.primary and report.primary == c.primary:
            parts.append(f"same primary {report.primary}")
        elif report.primary or c.primary:
            parts.append(f"primary {report.primary or '-'}/{c.primary or '-'}")
        orgs = [_label(k) for _, k in m.shared if k.startswith("o:")]
        if orgs:
            parts.append("orgs " + "+".join(orgs[:4]))
        amounts = [_label(k) for _, k in m.shared if k.startswith("a:")]
        if amounts:
            parts.append("amounts " + ", ".join(amounts[:3]))
        alike = [k[2:].split("=") for _, k in m.shared if k.startswith("a~")]
        if alike:
            x, y = alike[0]
            parts.append(f"amounts alike {_label('a:' + x)} ~ {_label('a:' + y)}")
        if report.ts is not None and c.ts is not None:
            days = abs(report.ts - c.ts) / DAY
            parts.append(
                f"{days:.0f} days apart" if days >= 1.5 else "same day" if days < 0.5 else "1 day apart"
            )
        else:
            parts.append("no date on one side")
        if report.stage and report.stage == c.stage:
            parts.append(f"stage {report.stage}")
        if _confirmed_talks(report, c):
            parts.append("a deal confirming the reported talks")
        absent = [_label(k) for k in sorted(report.title_keys) if k[0] == "o" and not _named(k, report, c)]
        absent += [_label(k) for k in sorted(c.title_keys) if k[0] == "o" and not _named(k, c, report)]
        if absent:
            parts.append("headline organisation named by one only: " + "+".join(absent[:3]))
        if _same_product(report, c):
            parts.append(f"same product {report.product}")
        products = [x.product for x, y in ((report, c), (c, report)) if x.product and _launched_absent(x, y)]
        if products:
            parts.append("launch product named by one only: " + "+".join(p for p in products if p))
        amounts_one = [
            _label(k)
            for x, y in ((report, c), (c, report))
            if y.amounts
            for k in x.headline_amounts
            if not _amounts_agree((k,), y.amounts)
            and not (AMOUNTS_CLOSE and _amounts_agree(x.headline_amounts, y.headline_amounts))
        ]
        if amounts_one:
            parts.append("headline amount named by one only: " + ", ".join(amounts_one[:2]))
        tokens = [_label(k) for _, k in m.shared if k[0] in "ndw"]
        if tokens:
            parts.append("shared tokens " + ", ".join(tokens[:6]))
        firsts = [k[2:] for _, k in m.shared if k[0] == "f"]
        if firsts:
            parts.append("headline's first word named: " + ", ".join(firsts[:2]))
        regulators = [k[2:] for _, k in m.shared if k[0] == "r"]
        if regulators:
            parts.append("regulator of " + "+".join(regulators[:2]))
        sounds = [_label(k) for _, k in m.shared if k[0] in SOUND]
        if sounds:
            parts.append("names alike across scripts " + ", ".join(sounds[:4]))
        parts.append(f"score {m.score:.1f}/{m.need:.1f}, similarity {m.similarity:.2f} with {c.id}")
        return "; ".join(parts)

    # -- memory ----------------------------------------------------------------------------------

    def add(self, report: Report) -> None:
        """Remember an assigned report (also used to restore the index from the grouper's table)."""
        if report.id in self.reports:
            self._forget(report.id)
        if report.seq:
            self._seq = max(self._seq, report.seq)
        else:
            self._seq += 1
            report.seq = self._seq
        self.reports[report.id] = report
        cap = self.settings.max_postings
        lang = report.lang or "xx"
        for key in report.keys:
            postings = self._postings.get(key)
            if postings is None:
                self._postings[key] = [report.id]
            else:
                postings.append(report.id)
                if len(postings) > 2 * cap:  # amortised trim: only the most recent are looked up
                    del postings[:-cap]
            self._df[key] += 1
            if key[0] == "n":
                known = self._langs.get(key)
                if known is None:
                    self._langs[key] = lang
                elif isinstance(known, Counter):
                    known[lang] += 1
                elif known != lang:
                    self._langs[key] = Counter({known: self._df[key] - 1, lang: 1})
        for band in _bands(report.minhash):
            self._bands.setdefault(band, []).append(report.id)
        if report.story_id:
            self.story_sizes[report.story_id] += 1
            self._affairs.setdefault(report.story_id, Counter())[_affair(report)] += 1
        ts = report.clock
        if ts is not None:
            heapq.heappush(self._heap, (ts, report.seq, report.id))
            if self.newest_ts is None or ts > self.newest_ts:
                self.newest_ts = ts

    def restore(self, reports: Iterable[Report]) -> None:
        """Rebuild the index from remembered reports (a restart: the table's changelog)."""
        for report in sorted(reports, key=lambda r: (r.seq, r.id)):
            self.add(report)
        self.evict()

    def _forget(self, rid: str) -> None:
        report = self.reports.pop(rid, None)
        if report is None:
            return
        for key in report.keys:
            self._df[key] -= 1
            langs = self._langs.get(key)
            if isinstance(langs, Counter):
                langs[report.lang or "xx"] -= 1
                if langs[report.lang or "xx"] <= 0:
                    del langs[report.lang or "xx"]
            if self._df[key] <= 0:
                del self._df[key]
                self._postings.pop(key, None)
                self._langs.pop(key, None)
        for band in _bands(report.minhash):
            ids = self._bands.get(band)
            if ids is not None:
                if rid in ids:
                    ids.remove(rid)
                if not ids:
                    del self._bands[band]
        if report.story_id:
            self.story_sizes[report.story_id] -= 1
            if self.story_sizes[report.story_id] <= 0:
                del self.story_sizes[report.story_id]
            affairs = self._affairs.get(report.story_id)
            if affairs is not None:
                affairs[_affair(report)] -= 1
                if affairs[_affair(report)] <= 0:
                    del affairs[_affair(report)]
                if not affairs:
                    del self._affairs[report.story_id]

    def evict(self) -> list[str]:
        """Forget reports beyond the count bound (oldest first) and outside the time window."""
        gone: list[str] = []
        s = self.settings
        while len(self.reports) > s.max_reports:
            rid = next(iter(self.reports))
            self._forget(rid)
            gone.append(rid)
        if self.newest_ts is not None:
            horizon = self.newest_ts - s.window_days * DAY
            while self._heap and self._heap[0][0] < horizon:
                _, seq, rid = heapq.heappop(self._heap)
                r = self.reports.get(rid)
                if r is not None and r.seq == seq:
                    self._forget(rid)
                    gone.append(rid)
        if len(self._heap) > 2 * max(len(self.reports), 1000):  # drop entries of forgotten reports
            self._heap = [e for e in self._heap if e[2] in self.reports and self.reports[e[2]].seq == e[1]]
            heapq.heapify(self._heap)
        return gone
