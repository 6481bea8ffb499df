"""Consonant skeletons: one spelling-free form of a name in Latin and Arabic script (pure).

Arabic news writes foreign names by sound (``ماسك`` Musk, ``ألتمان`` Altman, ``بروكمان`` Brockman)
and mostly without short vowels, so a name is compared by its consonants only, each mapped to a
class both scripts share: ``Brockman`` and ``بروكمان`` are both ``brkmn``, ``Altman`` and ``ألتمان``
``ltmn``, ``Musk`` and ``ماسك`` ``msk``. Vowels, ``h``/``w``/``y`` and the Arabic long vowels,
``ه ح ع ء`` are dropped; voiced and unvoiced pairs the Arabic spelling does not keep apart are one
class (``p``/``b``, ``v``/``f``, ``g``/``j``, ``s``/``z``); a repeated class counts once.

The grouper uses skeletons only between a report in Arabic script and one in Latin script (within
one script the words themselves are compared): ``x:<skeleton>`` for a name of four classes or more,
``y:<skeleton> <skeleton>`` for two adjacent names (``Sam Altman`` / ``سام ألتمان``: ``sm ltmn``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from shared.textnorm import fold

_LATIN_DIGRAPHS = (
    ("sch", "s"),
    ("sh", "s"),
    ("ch", "s"),
    ("ph", "f"),
    ("th", "t"),
    ("ck", "k"),
    ("qu", "k"),
    ("kh", "k"),
    ("ght", "t"),  # (round 8) a silent "gh" before "t": "Brightwave" / "برايتويف", "Lightspeed" / "لايتسبيد"
    ("gh", "g"),
    ("x", "ks"),
)
_SOFT_C = re.compile(r"c(?=[eiy])")
# (round 9) a skeleton's final "mb" is "m" in both scripts: a silent "b" ("Ashcombe" / «أشكوم», "Holcomb" /
# «هولكوم») and a sounded one ("Lacombe" / «لاكومب», "Tampa" / «تامبا», "Kemp" / «كيمب») meet either way
_FINAL_MB = re.compile(r"mb$")
_LATIN_CLASS = {
    "b": "b",
    "p": "b",
    "t": "t",
    "d": "d",
    "g": "g",
    "j": "g",
    "k": "k",
    "c": "k",
    "q": "k",
    "s": "s",
    "z": "s",
    "f": "f",
    "v": "f",
    "l": "l",
    "m": "m",
    "n": "n",
    "r": "r",
}
_ARABIC_CLASS = {
    "ب": "b",
    "پ": "b",
    "ت": "t",
    "ط": "t",
    "ث": "t",
    "د": "d",
    "ض": "d",
    "ذ": "d",
    "ج": "g",
    "غ": "g",
    "گ": "g",
    "ك": "k",
    "ق": "k",
    "خ": "k",
    "س": "s",
    "ص": "s",
    "ش": "s",
    "ز": "s",
    "ظ": "s",
    "ف": "f",
    "ڤ": "f",
    "چ": "s",
    "ژ": "s",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ر": "r",
}
ARABIC_SCRIPT_LANGS = frozenset({"ar", "fa", "ur", "ps", "ckb", "ku", "sd", "ug"})
_ARABIC_TSH = "تش"  # "ch" as Arabic writes it (تشات)

# Frequent Arabic words of news text, skipped (their skeletons would only meet names by chance).
ARABIC_COMMON = frozenset(
    fold(w)
    for w in """
    الذي التي الذين هذا هذه ذلك تلك هناك حيث بعد قبل خلال حول عند منذ حتى بين على إلى الى عن من مع
    كما لكن ولكن أيضا ايضا كان كانت يكون تكون قال قالت وقال وقالت أعلن أعلنت اعلن اعلنت يوم اليوم
    شركة الشركة شركات الشركات مليار مليون دولار يورو الذكاء الاصطناعي اصطناعي الاصطناعى ذكاء نموذج
    نماذج تقنية التقنية تطبيق منصة خدمة جديد جديدة الجديد الجديدة العالم عالمي عالمية أكثر اكثر أول
    اول عام العام سنة الماضي المقبل رئيس الرئيس التنفيذي المدير مدير وفق وفقا بحسب حسب نحو إطار
    إن أن ان انه أنه إنها أنها التى وهي وهو هي هو لها له فيها فيه عليها عليه بها به كل جميع بعض غير
    يناير فبراير مارس أبريل ابريل مايو يونيو يوليو أغسطس اغسطس سبتمبر أكتوبر اكتوبر نوفمبر ديسمبر
    كانون شباط آذار نيسان أيار حزيران تموز أيلول تشرين
    """.split()
)

# Capitalised Latin words that name no one: months and weekdays (en, fr, de, es; folded).
LATIN_COMMON = frozenset(
    fold(w)
    for w in """
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    Januar Februar März Juni Juli Oktober Dezember Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag
    Janvier Février Mars Avril Mai Juin Juillet Août Septembre Octobre Novembre Décembre
    Lundi Mardi Mercredi Jeudi Vendredi Samedi Dimanche
    Enero Febrero Marzo Abril Mayo Junio Julio Agosto Septiembre Octubre Noviembre Diciembre
    Lunes Martes Miércoles Jueves Viernes Sábado Domingo
    """.split()
)


def arabic_script(lang: str | None) -> bool:
    """Whether a report's language is written in Arabic script (its names are compared by sound with
    reports in Latin script)."""
    return (lang or "").lower() in ARABIC_SCRIPT_LANGS


_REPEAT = re.compile(r"(.)\1+")


class _Table(dict[int, str | None]):
    """A ``str.translate`` table: the listed letters to their class, every other character dropped."""

    def __missing__(self, key: int) -> None:
        return None


_LATIN_TABLE = _Table({ord(k): v for k, v in _LATIN_CLASS.items()})
_ARABIC_TABLE = _Table({ord(k): v for k, v in _ARABIC_CLASS.items()})


def latin_skeleton(word: str, folded: bool = False) -> str:
    """The consonant skeleton of a Latin-script word ("Brockman" -> "brkmn"); ``folded``: the word is
    already folded (``shared.textnorm.fold``)."""
    w = word if folded else fold(word)
    w = _SOFT_C.sub("s", w)
    for digraph, sound in _LATIN_DIGRAPHS:
        if digraph in w:
            w = w.replace(digraph, sound)
    return _FINAL_MB.sub("m", _REPEAT.sub(r"\1", w.translate(_LATIN_TABLE)))


# (round 11) Another reading of a Latin name, as Arabic news writes names of Spanish and German speakers:
# Spanish "j" and German "ch" are «خ» ("Brújula" / «بروخولا», "Jiménez" / «خيمينيث», "Aachen" / «آخن»),
# Spanish "z" and a soft "c" are «ث» ("Ferrándiz" / «فيرانديث»). A name of the other reading is a second
# key, never a replacement: the usual reading ("Jordan" / «جوردان», "Zara" / «زارا») stays the first.
_ALT_CH = re.compile(r"(?<!s)ch")
_ALT_SOFT_C = re.compile(r"c(?=[ei])")


@lru_cache(maxsize=65536)
def latin_skeleton_alt(word: str, folded: bool = False) -> str | None:
    """The skeleton of ``word`` read the Spanish or German way (``j``, ``ch`` as ``k``; ``z`` and a
    soft ``c`` as ``t``), or None when it is the usual one (``latin_skeleton``)."""
    w = word if folded else fold(word)
    if not any(c in w for c in "jzc"):
        return None
    alt = _ALT_SOFT_C.sub("t", _ALT_CH.sub("k", w)).replace("j", "k").replace("z", "t")
    sk = latin_skeleton(alt, folded=True)
    return None if sk == latin_skeleton(w, folded=True) else sk


def arabic_skeleton(word: str, folded: bool = False) -> str:
    """The consonant skeleton of an Arabic-script word ("بروكمان" -> "brkmn"); the word is taken as
    given (strip the article before); ``folded``: already folded."""
    w = (word if folded else fold(word)).replace(_ARABIC_TSH, "ش")
    return _FINAL_MB.sub("m", _REPEAT.sub(r"\1", w.translate(_ARABIC_TABLE)))


MIN_SINGLE = 4  # classes a name needs to be a key alone (three-class skeletons meet too many words)


def skeleton_keys(names: list[list[str]]) -> list[str]:
    """``x:``/``y:`` keys of runs of adjacent name skeletons (each run: the skeletons of consecutive
    names, in order)."""
    keys: list[str] = []
    for run in names:
        for i, sk in enumerate(run):
            if len(sk) >= MIN_SINGLE:
                keys.append(f"x:{sk}")
            if i + 1 < len(run) and sk and run[i + 1] and len(sk) + len(run[i + 1]) >= 4:
                keys.append(f"y:{sk} {run[i + 1]}")
    return list(dict.fromkeys(keys))
