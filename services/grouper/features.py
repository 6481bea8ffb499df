"""What the grouper compares: the features of one report (pure, no Kafka).

A report is reduced to a set of weighted *keys* that mean the same thing in every language:

* ``o:<org>`` an organisation the classifier found (canonical English name);
* ``n:<token>`` a Latin-script name or product token ("atlas", "gpt-4o", "rubin", "shazeer"):
  capitalised or with a digit, not a function word;
* ``d:<number>`` a number other than a year ("2.7", "350");
* ``a:<currency>:<value>`` a money amount, normalised to two significant digits (14.3 مليار دولار
  and $14.3bn are both ``a:USD:1.4e+10``);
* ``w:<lang>:<word>`` a content word of the title and lead, compared within one language only;
* ``x:<skeleton>`` / ``y:<skeleton> <skeleton>`` a name (two adjacent names) by its consonants
  (``services.grouper.translit``): Latin names in Latin-script reports, Arabic words in Arabic ones,
  so "Brockman" and "بروكمان" share ``x:brkmn``;
* ``r:<country>`` (round 8) a regulator the headline names or describes by its country ("CNIL",
  "France's data protection authority", «el regulador francés»: ``r:FR``).

plus the primary tag, the stage of an affair (a suit filed, a ruling, a settlement, a fine), the
published date and a MinHash signature of the word shingles (near-duplicate copies of one wire story).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cached_property, lru_cache
from typing import Any

import numpy as np
from datasketch import MinHash

from services.grouper.translit import (
    ARABIC_COMMON,
    LATIN_COMMON,
    MIN_SINGLE,
    arabic_script,
    arabic_skeleton,
    latin_skeleton,
    latin_skeleton_alt,
    skeleton_keys,
)
from shared.textnorm import fold, fold_pattern

_LATIN = r"0-9A-Za-zÀ-ÖØ-öø-ɏ"
_TOKEN = re.compile(rf"[{_LATIN}](?:[{_LATIN}'’\-.+]*[{_LATIN}+])?")
_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3]{3,}")
_NUMBER = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$|^\d+(?:[.,]\d+)?$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")

# Capitalised words that are not names: function words and sentence starters in the tagged languages,
# and words that are capitalised in headlines everywhere.
STOPWORDS = frozenset(
    """
    a an the and or but of to in on at by for with from as is are was were be been has have had it its this
    that these those their his her our your we you they he she not no new how why what who when where will
    can could may would should after before over under into about than then there here more most also
    just now up out all one two three first last says said say report reports according exclusive update
    breaking live video watch photo photos news deal deals ai inc ltd co corp llc plc ceo cto cfo mr mrs ms
    le la les un une des du de et ou en au aux dans sur par pour avec sans est sont a été ce cette ces son sa
    ses leur leurs qui que quoi dont il elle ils elles nous vous on ne pas plus selon après avant entre ia
    der die das den dem des ein eine einer einem einen und oder aber mit von zu im am an auf aus bei für ist
    sind war wird werden hat haben nach vor über unter wie was wer nicht kein keine auch noch nur so es sie
    er wir ihr ki dass dieser diese dieses
    el los las unos unas del al y o pero con sin por para según tras sobre es son fue ser ha han lo su sus
    se que quien como más también muy ya
    il lo gli i di da nel della delle dei con per tra fra è sono het een van op voor met niet
    """.split()
)


def _rule(pattern: str) -> re.Pattern[str]:
    """A rule matched on folded text: its Arabic letters folded as ``fold`` folds the text (a rule
    written ``دعوى`` must match the folded ``دعوي``)."""
    return re.compile(fold_pattern(pattern))


# (round 13) Languages, folded, for a product that now speaks one (the expansion event)
_LANGUAGES_EN = (
    r"german|french|spanish|arabic|italian|portuguese|dutch|polish|turkish|japanese|korean|chinese|hindi|"
    r"swedish|catalan"
)
_LANGUAGES_FR = r"allemand|anglais|espagnol|arabe|italien|portugais|neerlandais|polonais|turc|japonais|coreen"
_LANGUAGES_DE = (
    r"deutsch|englisch|franzosisch|spanisch|arabisch|italienisch|portugiesisch|niederlandisch|polnisch|"
    r"turkisch|japanisch"
)
_LANGUAGES_ES = r"espanol|castellano|aleman|frances|ingles|arabe|italiano|portugues|catalan|euskera|gallego"

# The stage of an affair, read from the title and the first sentence: a later stage is a new story.
_STAGE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "settlement",
        _rule(
            r"\bsettle(?:s|d|ment|ments)?\b|\bdrops? (?:the |its )?(?:law)?suit|\bvergleich|"
            r"\beinig(?:en|t) sich|"
            r"\ba l'amiable|\btransaction\b|\bacuerdo extrajudicial|\bllegan? a un acuerdo con (?:la|"
            r"las) famil|"
            r"تسوي|\bzieht klage zuruck|"
            # ending the dispute in so many words: en/fr/de/es
            r"\bend (?:their|its|the)(?: [\w-]+){0,2} (?:dispute|fight|battle|lawsuit|suit)\b|"
            r"\bresolve[sd]? (?:their|its|the)(?: [\w-]+){0,2} (?:dispute|lawsuit|suit)\b|"
            r"\b(?:mett(?:ent|e|ant|re|ra|ront)|met|a mis|ont mis) fin (?:a|au|aux) (?:leur |son |sa |la |"
            r"l'|leurs |ses )?(?:litige|differend|bataille judiciaire|conflit judiciaire|procedure|"
            r"action collective|action en justice)|"
            r"\bleg(?:en|t) (?:[\w-]+ ){0,4}[\w-]*(?:streit|konflikt|disput)\w* bei\b|\bbeigelegt|"
            r"\b(?:ponen?|poner|pondra|pondran|puso|pusieron|ha puesto|han puesto) fin a (?:su|la|sus) "
            r"(?:disputa|litigio|pleito|batalla legal|"
            r"guerra judicial|demanda)|"
            # (round 9) money paid "to close the suit": «pagará ... para cerrar la demanda colectiva»
            r"\bcerrar (?:la|su|una) demanda\b"
        ),
    ),
    (
        # (round 4) an appeal of a decision (a fine, a ruling): a later stage of the affair. "appeals
        # court" / "cour d'appel" / "Berufungsgericht" / "tribunal de apelacion" are courts (a ruling)
        "appeal",
        _rule(
            r"(?<!of )(?<!of the )\bappeal(?:s|ed|ing)? (?:the |a |an |its |their |his |her |against |over )|"
            r"(?<!of )(?<!of the )\bappeal(?:s|ed)? (?=[$€£\d])|"
            r"(?<!of )(?<!of the )\bappeals? (?!courts?\b|judges?\b|panel\b)(?:[\w-]+ ){0,3}"
            r"(?:fine|ruling|verdict|decision|judgment|penalty|sentence|order)\b|"
            r"\b(?:to|will|would|plans to|vows to|set to) appeal\b|\b(?:files?|filed|lodges?|lodged) "
            r"(?:an |its |a )?appeal\b|"
            r"\b(?:fait|faire|fera|feront|font|interjette|interjettent) appel\b|"
            r"\bleg(?:t|en|te|ten) (?:[\w-]+ ){0,5}(?:berufung|beschwerde|einspruch|revision|rechtsmittel) "
            r"ein\b|\bgeh(?:t|en) in (?:berufung|revision)\b|\b(?:berufung|beschwerde|einspruch|revision) "
            # (round 13) „geht gegen das Urteil in Berufung", „will in Revision gehen", „zieht vor das
            # Oberlandesgericht / den BGH", «se pourvoit en cassation», "takes ... to the appeals court"
            r"(?:gegen|eingelegt)\b|"
            r"\b(?:geht|gehen|ging|gingen) (?:[\w-]+ ){1,6}in (?:die )?(?:berufung|revision)\b|"
            r"\bin (?:die )?(?:berufung|revision) (?:zu )?geh(?:en|t)\b|"
            r"\bzieh(?:t|en) (?:[\w-]+ ){0,5}vor (?:das |den )?"
            r"(?:oberlandesgericht|bundesgerichtshof|olg|bgh|bundesverfassungsgericht)\b|"
            r"\bse pourvo(?:it|ient|ira|iront) en cassation\b|\bpourvoi en cassation\b|"
            r"\btakes? (?:[\w'-]+ ){0,4}to (?:the |a )?"
            r"(?:appeals court|court of appeals?|higher court|supreme court)\b|"
            r"\b(?:lleva|llevan|llevara) (?:[\w-]+ ){0,4}"
            r"(?:al supremo|al tribunal supremo|a segunda instancia)\b|"
            r"\b(?:berufung|beschwerde|einspruch|revision) "
            r"(?:gegen|eingelegt)\b|"
            r"\brecurr(?:e|en|ira|iran|io|ieron)\b|\bapela(?:n|ra|ran|do)?\b|"
            r"\bpresenta(?:n|do)? (?:un )?recurso\b|\brecurso (?:ante|contra)\b|"
            r"(?:تستانف|يستانف|ستستانف|سيستانف|تطعن|يطعن|ستطعن|سيطعن)\b|(?<!محكمه )(?<!محكمه ال)استئناف"
        ),
    ),
    (
        "ruling",
        _rule(
            r"\brul(?:es|ed|ing)\b|\bverdict|\bjudge (?:rejects|dismisses|denies|grants|sides|finds|"
            r"tosses)|"
            r"\bcourt (?:rejects|dismisses|finds|sides|tosses|denies)|\bdecision\b|\bjugement|"
            r"\bjuge (?:rejette|donne)|"
            r"\bdonne raison|\burteil|\bgericht (?:entscheidet|weist)|\bweist .{0,40}ab\b|\bfallo\b|"
            r"\bjuez (?:rechaza|desestima)|"
            r"\bla justicia rechaza|\bsentencia|قضت|حكم(?:ت)? (?:المحكمه|القاضي|محكمه)|"
            r"رفض(?:ت)? (?:المحكمه|القاضي)|"
            # a court or judge, then (within five words: "a federal judge in Manhattan on Monday denied")
            # what it decided, in the present or the past: en/fr/de/es/ar
            r"\b(?:judge|court|jury)s?\b(?: [\w'-]+){0,5} (?:rejects|dismisses|denies|grants|sides|"
            r"finds|tosses|upholds|overturns|blocks|orders|allows|throws out|clears|refuses|declines|bars|"
            r"halts|rejected|dismissed|denied|granted|sided|tossed|upheld|overturned|blocked|ordered|allowed|"
            r"barred|halted|"
            r"threw out|cleared|refused|declined|"
            # (round 12) a court reviving, reinstating or sending back a case is a ruling too
            r"revives|revived|reinstates|reinstated|remands|remanded|sends back|sent back|reopens|"
            r"reopened)\b|"
            r"\bupholds?\b|\boverturn|"
            r"\b(?:juge|tribunal|cour|justice)\b(?: [\w'-]+){0,5} (?:rejette|donne|deboute|condamne|ordonne|"
            r"autorise|valide|annule|tranche|refuse|rejete|confirme|interdit|suspend|relance|rouvre|renvoie|"
            r"casse|ravive)\b|"
            r"\bdeboute|"
            r"\b\w*(?:gericht|(?<!be)richter)\w*(?: [\w-]+){0,5} (?:entscheidet|weist|gibt|verbietet|erlaubt|"
            r"untersagt|bestatigt|kippt|lehnt|stoppt|entschied|wies|gab|verbot|erlaubte|untersagte|bestatigte|"
            r"kippte|lehnte|stoppte)\b|"
            r"\b\w*(?:gericht|(?<!be)richter)\w*\b.{0,60}\b(?:abgelehnt|abgewiesen|verboten|untersagt|gekippt|"
            r"bestatigt|stattgegeben|aufgehoben|zuruckverwiesen)\b|"
            r"\b\w*(?:gericht|(?<!be)richter)\w*(?: [\w-]+){0,5} (?:hebt|hob|verweist|verwies)\b.{0,60}"
            r"\b(?:auf|zuruck)\b|"
            r"\b(?:juez|jueza|tribunal|corte|justicia)\b(?: [\w-]+){0,5} (?:rechaza|desestima|falla|ordena|"
            r"da la razon|permite|bloquea|avala|anula|condena|rechazo|desestimo|fallo|ordeno|dio la razon|"
            r"permitio|bloqueo|avalo|anulo|condeno|niega|nego|confirma|confirmo|prohibe|prohibio|suspende|"
            r"suspendio|reabre|reabrio|reactiva|reactivo|revive|revivio|devuelve|devolvio)\b|"
            r"(?:محكمه|القاضي|قاض|قاضيه)(?: \S+){0,3} (?:ترفض|يرفض|تقضي|يقضي|تحكم|يحكم|تلزم|يلزم|تمنع|يمنع|"
            r"تؤيد|يؤيد|تنصف|ينصف|رفضت|رفض|قضت|قضى|حكمت|حكم|الزمت|الزم|منعت|منع|ايدت|ايد|انصفت|انصف|"
            r"تلغي|يلغي|الغت|الغى|تنقض|ينقض|نقضت|نقض|تحيي|يحيي|احيت|احيا)"
        ),
    ),
    (
        "fine",
        _rule(
            # (round 11) not a word of a hyphenated compound ("fine-tunes", "traffic-fine law"), nor
            # «amendement» (an amendment)
            r"(?<![\w-])fine[sd]?(?![\w-])|\bpenalt(?:y|ies)\b|\bamende(?!ment)|\bsanctionne|\bbussgeld|"
            r"\bstrafe\b|"
            r"\bmulta\b|\bsancion(?:a|an)\b|(?<![\u0621-\u064a])(?:و|ب|ل|ال|وال|بال)?غرام(?:ه|ات)"
        ),
    ),
    (
        "counterclaim",
        _rule(
            r"\bcountersu|\bcounter-?claim|\bcontre-attaque|\bcontre-plainte|\bdemande reconventionnelle|"
            r"\bgegenklage|\bwiderklage|\bdemanda reconvencional|\bcontrademanda|"
            r"دعوى (?:قضائيه )?مضاده"
        ),
    ),
    (
        "refiling",
        _rule(
            r"\brefil(?:es|ed|ing)\b|\bsues? again\b|\brevives? (?:his |her |its |the )?(?:law)?suit|"
            r"\brenueva (?:su |la |sus )?(?:demanda|acciones)|\bvuelve a demandar|"
            r"\brelance (?:sa |la )?plainte|"
            r"\bverklagt .{0,40}erneut|\berneut .{0,20}verklag|اعاد .{0,30}رفع|يعيد رفع|تعيد رفع"
        ),
    ),
    (
        "filing",
        _rule(
            r"\bsu(?:es|ed|ing)\b|\bfiles? (?:a )?(?:law)?suit|\blawsuit against|"
            r"\btakes legal action|"
            r"\bporte plainte|\bassign(?:e|ent) en justice|\bpoursui(?:t|vent)\b|\bplainte contre|"
            r"\bverklag(?:t|en)|\bklage (?:gegen|ein)|\breicht .{0,30}klage|\bdemanda(?:n)? a\b|"
            r"\bdemanda contra|"
            r"\bacciones legales|\bdemandas? por|ترفع دعوى|رفع(?:ت)? دعوى|تقاضي|يقاضي|"
            r"\btakes? (?:[\w'-]+ ){1,4}to court\b|\battaque (?:[\w'-]+ ){1,4}en justice|"
            r"\bclass[- ]action\b|\baction (?:collective|de groupe)\b|\bsammelklage|\bdemanda colectiva|"
            r"دعوى (?:قضائيه )?جماعيه|"
            r"\btraine (?:[\w'-]+ ){1,4}(?:en justice|devant les tribunaux)|\bsaisit la justice|"
            r"\bzieht (?:[\w-]+ ){1,4}vor gericht|\blleva (?:[\w-]+ ){1,4}a los tribunales|"
            r"دعوى (?:قضائيه )?ضد"
        ),
    ),
)


def stage_of(title: str, lead: str) -> str | None:
    """The stage of a legal affair the headline (or, failing that, the first sentence) reports.

    The rules are matched on folded text (``shared.textnorm.fold``: no accents, Arabic letter forms
    unified), so they are written without accents."""
    for text in (fold(title), fold(lead)):
        for name, rule in _STAGE_RULES:
            if rule.search(text):
                return name
    return None


# Events the primary tags do not name, read from the headline in en/fr/de/es/ar (folded text): a key
# ``e:<event>`` that two reports in different languages share (a CEO ousted, a model retired ...).
_EVENT_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "dismissal",
        _rule(
            r"\bousts?\b|\bousted\b|\bfire[sd]\b|\bsack(?:s|ed)\b|\bentlasst\b|\bfeuert\b|\bgefeuert|"
            r"\blimoge|\bcongedie|\brenvoie|\bdestitu|\bdespide|\bcesa a\b|تقيل|يقيل|اقاله|اقالت"
        ),
    ),
    (
        "retirement",
        _rule(
            r"\bretir(?:es|ed|ing)\b|\bdiscontinu|\bsunset|\bschaltet .{0,40}\bab\b|"
            r"\babgeschaltet|\babschalt|\bstellt .{0,40}\bein\b|\beingestellt|\bretire\b|\bsupprime|"
            r"\bdit adieu|\bretira\b|\bdescontinu|\bdice adios|وداعا|تسدل الستار"
        ),
    ),
    (
        "rename",
        _rule(
            r"\brenam(?:es|ed|ing)\b|\bumbenann|\bheisst (?:jetzt|nun)|\brenomm|\brebaptis|"
            r"\brenombr|تغيير اسم"
        ),
    ),
    (
        "acquisition",
        _rule(
            r"\bacquir(?:es|ed|ing)\b|\bbuys\b|\bbought\b|\bubernimmt|\bkauft\b|\brachete|\bacquiert|"
            r"\badquiere|\bcompra\b|تستحوذ|يستحوذ|استحواذ|"
            # (round 5) the target's side: agrees (its) sale to, to be bought by, sells itself to
            r"\bagree(?:s|d)? (?:(?:its|a|the) )?(?:[$€£]?\d[\d.,]*(?: ?(?:bn|m|billion|million))? )?"
            r"sale to\b|"
            r"\bto be (?:bought|acquired|taken over) by\b|"
            r"\bsells itself to\b|\baccepte (?:\S+ ){0,3}rachat par\b|\bse vend a\b|"
            r"\bwird (?:von \S+ )?(?:ubernommen|gekauft)\b|\bverkauft sich an\b|"
            r"\bacepta (?:\S+ ){0,2}venta a\b|\bse vende a\b|\bsera (?:comprada|adquirida) por\b|"
            r"توافق على بيع نفسها"
        ),
    ),
    (
        # a regulator clears a deal (or a law is approved): an occasion of its own, weeks or days after
        # the deal it clears (a later stage of the affair: a new story)
        "approval",
        _rule(
            r"\b(?:regulators?|watchdogs?|antitrust|competition|commission|authority|eu|brussels|cma|ftc|"
            r"doj|kommission|kartellamt|wettbewerbshuter|kartellbehorde|regulierer|bruxelles|autorite|"
            r"concurrence|regulateur|gendarme|cnmc|comision|competencia|regulador|bruselas)\b"
            r"(?: [\w'-]+){0,6} (?:clears?|cleared|approves?|approved|greenlights?|oks|genehmigt|"
            r"genehmigte|billigt|billigte|gibt grunes licht|autorise|approuve|valide|donne son feu vert|"
            r"aprueba|aprobo|autoriza|autorizo|da luz verde|da su visto bueno|avala)\b|"
            r"\b(?:wins?|gets?|receives?|secures?) (?:[\w-]+ ){0,2}(?:regulatory|antitrust|eu|competition) "
            r"(?:approval|clearance|nod)|\bfeu vert de (?:bruxelles|la commission|l'autorite)|"
            r"\bluz verde de (?:bruselas|la comision)|"
            r"(?:هيئة|المفوضية|الاتحاد الأوروبي|سلطة|جهاز|بروكسل)(?: \S+){0,4} "
            r"(?:توافق|وافقت|يوافق|وافق|تجيز|أجازت)"
        ),
    ),
    (
        # a company's results: an occasion of its own, whatever deal of the quarter it recalls
        "earnings",
        _rule(
            r"\b(?:quarterly|annual|half-year|first-quarter|second-quarter|third-quarter|fourth-quarter) "
            r"(?:results|profits?|revenues?|earnings|sales|loss(?:es)?)\b|"
            r"\b(?:record|net) (?:quarterly |annual )?(?:profits?|revenues?|loss|earnings)\b|"
            r"\b(?:profits?|revenues?|sales) (?:rises?|rose|jumps?|jumped|falls?|fell|soars?|soared|"
            r"surges?|surged|doubles?|doubled|beats?|tops?|misses?|slumps?)\b|\bearnings\b|"
            r"\bswings? to (?:a )?(?:record )?(?:profit|loss)|"
            r"\bbenefice|\bchiffre d'affaires|\bresultats (?:trimestriels|annuels|semestriels)|"
            r"\b(?:quartals|netto|rekord)?gewinn(?!er)\w*|\bumsatz\w*|\bquartalszahlen|"
            r"\bbeneficio (?:neto|record|trimestral)|\bganancias\b|\bresultados (?:trimestrales|anuales)|"
            r"\bingresos (?:trimestrales|record|netos)|"
            r"أرباح|الأرباح|إيرادات|الإيرادات|نتائج (?:الربع|فصلية|سنوية)"
        ),
    ),
    (
        # a product arriving in a new region: a later stage of its launch
        "expansion",
        _rule(
            r"\b(?:arrives?|arriving|comes?|coming|expands?|expanding|extends?|extending|rolls? out|"
            r"rolling out|lands?|landing|launch(?:es|ed)?|debuts?|reaches|debarque|arrive|s'etend|etend|"
            r"deploie|startet|kommt|landet|expandiert|llega|aterriza|se expande|desembarca)\b"
            r"(?: [\w'-]+){0,3}? (?:in|to|into|en|a|au|aux|nach) (?:the )?"
            r"(?:europe|european union|eu|uk|britain|india|japan|brazil|canada|australia|germany|france|"
            r"spain|asia|africa|latin america|middle east|more countries|new markets|\d+ (?:more |new )?"
            r"countries|europa|union europeenne|royaume-uni|inde|japon|bresil|allemagne|espagne|asie|"
            r"afrique|amerique latine|deutschland|frankreich|spanien|indien|brasilien|lateinamerika|"
            r"espana|alemania|francia|brasil|america latina|"
            # (round 11) more countries and regions ("débarque au Maroc", "llega a México", «يصل إلى المغرب»)
            r"morocco|mexico|korea|south korea|indonesia|turkey|egypt|saudi arabia|uae|nigeria|kenya|"
            r"south africa|portugal|italy|netherlands|poland|singapore|north africa|the gulf|argentina|chile|"
            r"colombia|maroc|mexique|coree(?: du sud)?|indonesie|turquie|egypte|arabie saoudite|italie|"
            r"pays-bas|pologne|tunisie|algerie|senegal|afrique du nord|moyen-orient|marokko|mexiko|"
            r"indonesien|turkei|agypten|saudi-arabien|italien|niederlande|polen|nahost|nordafrika|"
            r"marruecos|corea del sur|turquia|egipto|arabia saudi(?:ta)?|italia|paises bajos|polonia|"
            r"oriente medio|norte de africa)\b|"
            r"(?:يصل|تصل|تتوسع|يتوسع|تطلق|يطلق)(?: \S+){0,4} (?:في|إلى) "
            r"(?:أوروبا|الهند|اليابان|البرازيل|بريطانيا|"
            r"المغرب|مصر|السعودية|الإمارات|تركيا|إندونيسيا|المكسيك|كوريا|إيطاليا|فرنسا|ألمانيا|إسبانيا|"
            r"تونس|الجزائر|الخليج|الشرق الأوسط|البرتغال|أفريقيا|إفريقيا)|"
            # (round 13) a product that now speaks a new language: its extension to new markets ("now
            # speaks German", „spricht jetzt Deutsch", «parle désormais allemand», «ya habla español»,
            # «يتحدث الآن العربية»); a first launch in a language ("launches in French") is not one
            r"\bnow (?:speaks?|talks?|understands?|available in|works in|supports|in|comes in|also in) "
            rf"(?:{_LANGUAGES_EN})\b|\b(?:speaks?|talks?|learns?) (?:{_LANGUAGES_EN}) now\b|"
            r"\b(?:parle|comprend|apprend) (?:desormais|maintenant|enfin|aussi) (?:l')?"
            rf"(?:{_LANGUAGES_FR})\b|"
            rf"\b(?:desormais|maintenant) (?:aussi |disponible )?en (?:{_LANGUAGES_FR})\b|"
            r"\b(?:spricht|versteht|lernt|kann) (?:jetzt|nun|ab sofort|auch|endlich)(?: auch)? "
            rf"(?:{_LANGUAGES_DE})\b|"
            rf"\b(?:jetzt|nun|ab sofort) (?:auch )?(?:auf|in) (?:{_LANGUAGES_DE})\b|"
            r"\b(?:ya|ahora|tambien) (?:habla|entiende|aprende) (?:el )?"
            rf"(?:{_LANGUAGES_ES})\b|\b(?:ya|ahora) (?:tambien |disponible )?en (?:{_LANGUAGES_ES})\b|"
            r"(?:يتحدث|تتحدث|يتكلم|تتكلم|يفهم|تفهم) (?:الآن |أيضا )?(?:اللغة )?"
            r"(?:العربية|الألمانية|الإسبانية|الفرنسية|الإنجليزية|التركية)|(?:الآن|باتت|أصبحت) (?:\S+ ){0,2}"
            r"(?:بالعربية|بالألمانية|بالإسبانية|بالفرنسية|باللغة)"
        ),
    ),
    (
        # (round 4) talks, negotiations: a deal not yet made is an occasion of its own (talks, then the
        # signed deal days later, are two stories)
        "talks",
        _rule(
            r"\bin (?:advanced |early |final |exclusive |late-stage |preliminary )?(?:talks|negotiations|"
            r"discussions)\b|\b(?:holds?|held|opens?|opened|enters?|entered) (?:[\w-]+ )?talks\b|"
            r"\bnegotiat(?:es|ing)\b|\bnears? (?:a )?(?:[\w$€£.-]+ ){0,3}deal\b|\bclose to (?:a )?deal\b|"
            r"\ben (?:discussions?|negociations?|pourparlers) (?:avancees? |exclusives? )?(?:avec|pour)\b|"
            # "discute" is talks with someone or about a deal, not a debate ("le Parlement discute de ...")
            r"\bnegoci(?:e|ent)\b|\bdiscut(?:e|ent) (?:deja |encore )?(?:avec|d'une? (?:valorisation|levee|"
            r"accord|rachat|investissement|partenariat|contrat|fusion|prise de participation))\b|"
            r"\bin (?:gesprachen|verhandlungen)\b|\bverhandel(?:t|n)\b|\bgesprache (?:uber|mit)\b|"
            r"\ben (?:conversaciones|negociaciones)\b|\bnegocia(?:n)?\b|\bnegociaciones (?:con|para)\b|"
            # "محادثات" alone is also a chatbot's conversations: talks with someone, or held
            r"(?:محادثات|مباحثات) (?:مع|متقدمه|لشراء|للاستحواذ|بشان)|(?:تجري|يجري|اجرت|اجرى|في) "
            r"(?:محادثات|مباحثات)|مفاوضات|تتفاوض|يتفاوض|التفاوض"
        ),
    ),
    (
        # (round 4) a roundup of the week's (or the day's) news: several events, a story of its own
        "roundup",
        _rule(
            r"\b(?:the |this )?(?:week|day|month) in (?:ai|tech|review|artificial intelligence)\b|"
            r"\bthis week in\b|\b(?:weekly|daily|monthly) (?:roundup|round-up|recap|digest|briefing)\b|"
            r"\bround-?up\b|\bnews (?:roundup|recap)\b|\bwhat (?:happened|you missed) (?:in ai )?this week|"
            r"\bla semaine (?:de l'ia|de l'intelligence artificielle|en ia|tech|de la tech)\b|"
            r"\brevue de (?:presse|la semaine)\b|\bl'essentiel de la semaine|"
            r"\bce qu'il (?:faut|fallait) retenir de la semaine|"
            r"\bl'actu(?:alite)? (?:ia |tech )?de la semaine|"
            r"\bwochenruckblick|\bdie (?:ki-|tech-)?woche\b|\bki-woche\b|\bwochenuberblick|"
            r"\bnachrichten der woche|\bwas (?:diese|die) woche\b|"
            r"\bresumen (?:semanal|de la semana|del dia)\b|\bla semana (?:en|de la) (?:ia|inteligencia "
            r"artificial|tecnologia)\b|\blo mas destacado de la semana|"
            r"حصاد الأسبوع|أبرز أخبار|ملخص الأسبوع|ملخص أخبار|جولة أخبار|حصاد الذكاء"
        ),
    ),
    (
        # (round 8) a product's price changed: an occasion of its own, days after the launch that set it
        # ("Ondara halves Sift 3 price", "senkt Preis", "baisse le prix", "rebaja el precio", "تخفض سعر")
        "pricing",
        _rule(
            r"\b(?:cuts?|slash(?:es)?|halves|halved|lowers?|lowered|reduces?|reduced|hikes?|"
            r"hiked|raises?|raised|increases?|increased|doubles?|doubled)(?: [\w'.-]+){0,3} "
            r"(?:price|prices|pricing|subscription price|fees?)\b|\bprice (?:cut|hike|increase|drop)s?\b|"
            r"\b(?:baisse|baissent|reduit|reduisent|divise|abaisse|augmente|augmentent|releve|double)"
            r"(?: [\w'.-]+){0,3} (?:le |les |son |ses |sa |leur |leurs )?(?:prix|tarifs?)\b|"
            r"\b(?:baisse|hausse) (?:de |du |des )?(?:prix|tarifs?)\b|"
            r"\b(?:senkt|senken|halbiert|halbieren|erhoht|erhohen|verdoppelt)(?: [\w.-]+){0,3} "
            r"(?:den |die |seinen |seine |ihre |ihren )?\w*preis\w*|\bpreis(?:senkung|erhohung)|"
            r"\b(?:rebaja|rebajan|reduce|reducen|recorta|recortan|baja|bajan|sube|suben|aumenta|aumentan|"
            r"duplica|abarata|abaratan|encarece|encarecen)(?: [\w.-]+){0,3} (?:el |los |la |las |su |sus )?"
            r"(?:precio|precios|tarifa|tarifas)\b|"
            r"(?:تخفض|يخفض|خفضت|خفض|ترفع|يرفع|رفعت|تضاعف|يضاعف) (?:\S+ ){0,2}(?:سعر|اسعار|أسعار|رسوم)"
        ),
    ),
    (
        # (round 8) a deal completed (closed, finalised): an occasion of its own, weeks or months after the
        # deal was agreed ("Halvern completes takeover of Tessaro", "cierra la compra", "schließt ... ab")
        "completion",
        _rule(
            r"\bcomplet(?:es|ed|ing|e) (?:its |the |a |his |her )?"
            r"(?:[$€£]?[\d.,]+ ?(?:bn|m|billion|million)? )?"
            r"(?:[\w'-]+ ){0,2}(?:acquisition|takeover|purchase|merger|buyout|sale)\b|"
            r"\b(?:clos(?:es|ed|ing)|finali[sz](?:es|ed|ing)) (?:its |the |a )?(?:[\w$€£.,'-]+ ){0,3}"
            r"(?:acquisition|takeover|purchase|merger|buyout)\b|"
            r"\b(?:finalise|finalisent|boucle|bouclent|conclut|concluent|acheve|achevent)"
            r"(?: [\w'-]+){0,2} (?:le |la |l'|son |sa )?(?:rachat|acquisition|fusion|achat)\b|"
            r"\b(?:rachat|acquisition|fusion)\w* (?:[\w'-]+ ){0,5}"
            r"(?:finalisee?|bouclee?|achevee?|conclue?)s?\b|"
            r"\bschliess(?:t|en) (?:[\w-]+ ){0,4}\w*(?:ubernahme|kauf|fusion|akquisition)\w*"
            r"(?: [\w-]+){0,3} ab\b|"
            r"\b\w*(?:ubernahme|kauf|fusion)\w* (?:[\w-]+ ){0,3}(?:abgeschlossen|vollzogen|perfekt)\b|"
            r"\bvollzieh(?:t|en) (?:[\w-]+ ){0,3}\w*(?:ubernahme|kauf|fusion)|"
            r"\b(?:cierra|cierran|completa|completan|culmina|culminan|finaliza|finalizan|concluye|concluyen|"
            r"cerro|completo|culmino|finalizo|concluyo)(?: [\w-]+){0,2} (?:la |su )?"
            r"(?:compra|adquisicion|fusion|absorcion)\b|"
            r"(?:تستكمل|يستكمل|استكملت|استكمل|تكمل|يكمل|أكملت|أتمت|أتم|تتم|تنجز|أنجزت) (?:\S+ ){0,2}"
            r"(?:صفقة|الاستحواذ|استحواذ|شراء|الاندماج)|إتمام (?:صفقة|الاستحواذ|عملية الاستحواذ)"
        ),
    ),
    (
        "in_force",
        _rule(
            r"\benters? into force|\bin force\b|\btritt .{0,30}in kraft|\bin kraft getreten|"
            r"\bentre en vigueur|"
            r"\bentra en vigor|حيز التنفيذ"
        ),
    ),
)


# (round 8) The phase of a product's launch a headline reports: a public beta (preview, early access) or
# its general availability, months apart, are two stories. General availability first: its headlines
# recall the beta ("leaves beta", "après quatre mois de bêta", "tras su beta"). Folded text.
LAUNCH_PHASES = True
_GENERAL_AVAILABILITY = _rule(
    r"\bgenerally available\b|\bgeneral availability\b|\b(?:leaves?|left|exits?|exited|out of|comes? out of|"
    r"graduates? from|emerges? from|drops? the) (?:its |the |public |open )*beta\b|"
    r"\bofficial(?:ly)? (?:launch|launches|launched|release|releases|released|rolls? out)\b|"
    r"\b(?:now )?available to (?:all|everyone)\b|"
    r"\bsort(?:ent)? de (?:sa |la |leur )?(?:phase )?(?:de )?beta\b|\blance(?:nt)? officiellement\b|"
    r"\b(?:disponible|accessible|ouvert) (?:a|pour) tous\b|"
    r"\bapres (?:[\w'-]+ ){0,3}(?:mois|semaines) de beta\b|"
    r"\ballgemein verfugbar\b|\bverlass(?:t|en) (?:die |ihre |seine )?beta|"
    r"\bfur alle (?:nutzer|verfugbar|freigegeben)|"
    r"\bnach (?:[\w-]+ ){0,3}(?:monaten|wochen) (?:in der )?beta\b|"
    r"\bdisponible para todos\b|\bdisponibilidad general\b|\bversion definitiva\b|"
    r"\bsale de (?:la |su )?(?:fase )?beta\b|\btras (?:[\w-]+ ){0,3}(?:meses|semanas) (?:en|de) beta\b|"
    r"متاح(?:ا|ة)? للجميع|الإصدار النهائي|النسخة النهائية|(?:يخرج|تخرج|خرج|خرجت) من المرحلة التجريبية"
)
_BETA = _rule(
    r"\bbeta\b|\bpreview\b|\bearly access\b|\bapercu\b|\bvorschau\w*|\btestversion\w*|"
    r"\bacceso anticipado\b|\bversion de prueba\b|\bversion preliminar\b|تجريبي"
)


def launch_phase(title: str) -> str | None:
    """(Round 8) ``"ga"`` for a headline reporting a product's general availability, ``"beta"`` for its
    beta or preview, else None."""
    if not LAUNCH_PHASES:
        return None
    text = fold(title)
    if _GENERAL_AVAILABILITY.search(text):
        return "ga"
    return "beta" if _BETA.search(text) else None


# (round 8) A regulator by its country: named ("CNIL", "Bundeskartellamt") or described by a country's
# adjective within five words of a regulator's noun ("France's data protection authority", «el regulador
# francés», "die französische Datenschutzbehörde", "هيئة حماية البيانات الفرنسية"): ``r:<country>``, shared
# between reports in every language; two headlines naming regulators of two countries report two decisions.
REGULATORS = True
_REGULATOR_COUNTRIES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (cc, _rule(f"(?:{words})"))
    for cc, words in (
        (
            "FR",
            r"france|french|francais\w*|frances|francesa|francesas|franceses|franzosisch\w*|frankreichs?|"
            r"فرنسا|الفرنسية|الفرنسي|فرنسية|فرنسي",
        ),
        (
            "IT",
            r"italy|italian|italien\w*|italiano|italiana|italia|italienisch\w*|"
            r"إيطاليا|الإيطالية|الإيطالي|إيطالية",
        ),
        (
            "ES",
            r"spain|spanish|espagnol\w*|espagne|espanol|espanola|espana|spanisch\w*|spaniens?|"
            r"إسبانيا|الإسبانية|الإسباني",
        ),
        (
            "DE",
            r"germany|german|allemand\w*|allemagne|aleman|alemana|alemania|deutsch\w*|"
            r"ألمانيا|الألمانية|الألماني",
        ),
        (
            "GB",
            r"britain|british|uk|britannique\w*|britanico|britanica|britisch\w*|"
            r"بريطانيا|البريطانية|البريطاني",
        ),
        (
            "IE",
            r"ireland|irish|irlandais\w*|irlande|irlandes|irlandesa|irlanda|irisch\w*|irlands?|"
            r"أيرلندا|الأيرلندية|الأيرلندي|إيرلندا|الإيرلندية",
        ),
        (
            "NL",
            r"dutch|netherlands|neerlandais\w*|neerlandes|neerlandesa|niederlandisch\w*|"
            r"هولندا|الهولندية|الهولندي",
        ),
        (
            "US",
            r"us|american|americain\w*|estadounidense|us-amerikanisch\w*|amerikanisch\w*|"
            r"الأمريكية|الأميركية|الأمريكي",
        ),
    )
)
_REGULATOR_NOUN = _rule(
    r"(?:regulators?|watchdogs?|authority|authorities|commissioner|regulateurs?|gendarme|autorite|"
    r"\w*behorde\w*|\w*aufsicht\w*|datenschutz\w*|regulierer|\w*kartellamt|wettbewerbshuter|"
    r"reguladora?|reguladores|autoridad|garante|supervisora?|proteccion|"
    r"هيئة|الهيئة|سلطة|السلطة|جهاز|الجهاز|المنظم|منظم|الرقابية|الرقابي)"
)
_NAMED_REGULATORS = tuple(
    (cc, _rule(rf"\b(?:{names})\b"))
    for cc, names in (
        ("FR", r"cnil|arcom|commission nationale de l'informatique"),
        ("IT", r"agcm|agcom"),
        ("ES", r"aepd|cnmc"),
        ("DE", r"bfdi|bundeskartellamt|bundesnetzagentur"),
        ("GB", r"ofcom|information commissioner"),
        ("IE", r"data protection commission"),
        ("NL", r"autoriteit persoonsgegevens"),
        ("US", r"ftc|federal trade commission"),
    )
)
_REG_WORD = re.compile(r"[\w\u0621-\u064a]+")
REGULATOR_SPAN = 5  # a country's word and a regulator's noun at most this many words apart


@lru_cache(maxsize=65536)
def regulators_of(text: str) -> frozenset[str]:
    """(Round 8) The countries of the regulators ``text`` (a headline, an organisation's name: "CNIL" is
    FR, "Italian Data Protection Authority" IT) names or describes (``REGULATORS``)."""
    if not REGULATORS:
        return frozenset()
    folded = fold(text)
    found = {cc for cc, rule in _NAMED_REGULATORS if rule.search(folded)}
    words = _REG_WORD.findall(folded)
    nouns = [i for i, w in enumerate(words) if _REGULATOR_NOUN.fullmatch(w)]
    if nouns:
        for i, w in enumerate(words):
            for cc, rule in _REGULATOR_COUNTRIES:
                if cc not in found and rule.fullmatch(w) and any(abs(i - j) <= REGULATOR_SPAN for j in nouns):
                    found.add(cc)
    return frozenset(found)


# (round 11) What a product does is no event of its maker's: talks told of a product described by a
# relative clause ("an agent that negotiates contract changes", «un agente que negocia contratos», «une
# IA qui négocie», „ein Agent, der Verträge verhandelt", «وكيل ذكي يتفاوض») are not talks. Folded text,
# matched on the headline up to the event's word.
PRODUCT_DOES = True
_PRODUCT_DOES = _rule(
    r"\b(?:agents?|agenten|bots?|chatbots?|assistants?|tools?|software|models?|apps?|ai|ia|ki|agentes?|"
    r"herramientas?|asistentes?|modelos?|aplicacion|outils?|logiciels?|modeles?|application|assistenten?|"
    r"modell(?:e)?|werkzeuge?|programm\w*|software-agent\w*|ki-agent\w*)\b,? "
    r"(?:that|which|who|qui|que|der|die|das|welche[rs]?)\b(?: [\w'-]+){0,4} ?$|"
    r"(?:وكيل|مساعد|نموذج|برنامج|اداه|تطبيق)(?: \S+){0,2} $"
)
_PRODUCT_DOES_EVENTS = frozenset({"talks", "acquisition", "pricing"})


def _told_of_product(rule: re.Pattern[str], text: str) -> bool:
    """Every match of ``rule`` in ``text`` is what a product described by a relative clause does."""
    matches = list(rule.finditer(text))
    return bool(matches) and all(_PRODUCT_DOES.search(text[: m.start()]) for m in matches)


# (round 11) A plan or wish to buy a company, told before any deal ("Bericht: X will Nuvola übernehmen",
# "X wants to buy Y", «X veut racheter Y», «X quiere comprar Y», «تسعى للاستحواذ على»): talks, a deal not
# yet made (not "X to buy Y": an English headline's agreed deal). Folded text.
INTENT_TALKS = True
_INTENT = _rule(
    r"\bwants? to (?:buy|acquire|take over|purchase)\b|\b(?:is |are )?(?:weighing|exploring|considering) "
    r"(?:a )?(?:bid|offer|takeover|acquisition|purchase)\b|"
    r"\b(?:will|wollen|mochte|mochten|plant|planen|erwagt|erwagen)\b(?: [\w-]+){1,5} "
    r"(?:ubernehmen|kaufen|erwerben)\b|\b(?:plant|erwagt|prueft) (?:eine |die )?(?:ubernahme|kauf)\b|"
    r"\b(?:veut|veulent|voudrait|envisage de|envisagent de|lorgne|convoite) (?:[\w'-]+ ){0,2}"
    r"(?:racheter|acheter|acquerir|s'offrir|mettre la main sur)\b|"
    r"\b(?:quiere|quieren|planea|planean|estudia|estudian|sopesa|busca) (?:[\w-]+ ){0,2}"
    r"(?:comprar|adquirir|hacerse con)\b|"
    r"(?:تسعى|يسعى|تعتزم|يعتزم|تدرس|يدرس|تريد|يريد) (?:الى |إلى |ل)?(?:الاستحواذ|شراء|للاستحواذ|لشراء)"
)


# (round 12) A case heard by a court is no negotiation: German „verhandeln" is also what a court does
# with a case („Autorenklage gegen Meta muss neu verhandelt werden", „der Fall wird vor dem Landgericht
# verhandelt", „Hauptverhandlung"); the other languages' talks words (negotiate, négocier, negociar,
# تفاوض) are not a court's. A suit, a case or a court before the verb, or a court after it. Folded text.
COURT_HEARING = True
_COURT_HEARD = _rule(
    r"\b\w*(?:klage|prozess|verfahren|fall|falle|sache|gericht|richter|berufung|revision|anklage)\b"
    r"(?: [\w-]+){0,6} (?:neu |erneut |wieder |noch einmal )?verhandel(?:t|n)\b|"
    r"\bverhandel(?:t|n) (?:[\w-]+ ){0,4}(?:vor|am|beim) (?:dem |einem |den )?\w*(?:gericht|richter)\w*"
)


def events_of(title: str) -> list[str]:
    """The events of ``_EVENT_RULES`` the headline reports (and, round 6, a roundup by its list)."""
    text = fold(title)
    heard = _COURT_HEARD.sub(" ", text) if COURT_HEARING and "verhandel" in text else text
    found = [
        name
        for name, rule in _EVENT_RULES
        if rule.search(heard if name == "talks" else text)
        and not (PRODUCT_DOES and name in _PRODUCT_DOES_EVENTS and _told_of_product(rule, text))
    ]
    if INTENT_TALKS and "talks" not in found and _INTENT.search(text):
        found.append("talks")
    if "roundup" not in found and listed_roundup(title):
        found.append("roundup")
    return found


# (round 12) A count with its scale word ("40 billion parameters", «40 milliards de paramètres», «40.000
# millones de parámetros», „40 Milliarden Parameter", «40 مليار معلمة») is one number in every notation:
# ``d:<value>`` to two significant digits beside the plain ``d:`` key. Not a sum of money (the amounts
# are the classifier's). The Spanish «billón» and the French «billion» are 10^12.
SCALED_COUNTS = True
_SCALE = re.compile(
    r"[ \u00a0]+(?:(mil) (?=millones)|)(billions?|bn|trillions?|millions?|milliards?|mrd\.?|milliarden?|"
    r"millionen|mio\.?|millones|millon|millón|billones|billón|billon|مليار|مليارات|مليون|ملايين)(?![\w])",
    re.IGNORECASE,
)
_SCALE_VALUE = {
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "trillions": 1e12,
    "million": 1e6,
    "millions": 1e6,
    "milliard": 1e9,
    "milliards": 1e9,
    "mrd": 1e9,
    "mrd.": 1e9,
    "milliarde": 1e9,
    "milliarden": 1e9,
    "millionen": 1e6,
    "mio": 1e6,
    "mio.": 1e6,
    "millones": 1e6,
    "millon": 1e6,
    "millón": 1e6,
    "billones": 1e12,
    "billón": 1e12,
    "billon": 1e12,
    "مليار": 1e9,
    "مليارات": 1e9,
    "مليون": 1e6,
    "ملايين": 1e6,
}
_MONEY = re.compile(
    r"\s*(?:de |d'|d’)?(?:dollars?|euros?|d[oó]lares|pounds?|livres|libras|usd|eur|gbp|yen|yuan|"
    r"دولار|يورو|جنيه)",
    re.IGNORECASE,
)


def scaled_count(token: str, text: str, start: int, end: int, lang: str) -> str | None:
    """The ``d:`` key of a number followed by its scale word in ``text`` (``token`` at ``start:end``),
    or None: no scale word, or a sum of money (a currency sign before it, a currency after)."""
    m = _SCALE.match(text, end)
    if m is None or any(c in text[max(0, start - 2) : start] for c in "$€£¥"):
        return None
    if _MONEY.match(text, m.end()):
        return None
    digits = token.replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits) and not re.fullmatch(r"\d{1,3}[.,]\d{3}", digits):
        digits = digits.replace(".", "").replace(",", "")
    elif re.fullmatch(r"\d{1,3}[.,]\d{3}", digits) and lang in ("en",) and "," in digits:
        digits = digits.replace(",", "")
    elif re.fullmatch(r"\d{1,3}\.\d{3}", digits) and lang in ("es", "de", "fr", "ar"):
        digits = digits.replace(".", "")
    else:
        digits = digits.replace(",", ".")
    try:
        value = float(digits)
    except ValueError:
        return None
    word = m.group(2).lower()
    scale = _SCALE_VALUE.get(word, 0.0)
    if lang == "fr" and word.startswith("billion"):
        scale = 1e12
    if m.group(1):
        scale *= 1e3  # «mil millones»
    if not scale or value <= 0:
        return None
    return f"d:{value * scale:.2g}"


def _number_key(token: str) -> str | None:
    if not _NUMBER.match(token) or _YEAR.match(token):
        return None
    if re.match(r"^\d{1,3}(?:[.,]\d{3})+$", token):
        value = token.replace(".", "").replace(",", "")
    else:
        value = token.replace(",", ".")
    if len(value.replace(".", "")) < 2:
        return None  # single digits say nothing about the occasion
    return value.rstrip("0").rstrip(".") if "." in value else value


def amount_key(value: float, currency: str) -> str:
    return f"a:{currency}:{float(f'{value:.2g}'):.2g}"


# (round 10) A sentence that recalls an earlier event by its distance in time ("It comes three days after
# Ashcombe licensed its archive ... worth about £40 million", «intervient trois jours après», „kommt drei
# Tage nach", «llega tres días después de», «يأتي بعد ثلاثة أيام من»): its amount is the earlier event's,
# no key of this report (a launch recalling the licence deal it is built on is not that deal's report).
RECALLED_AMOUNTS = True
_RECALL = re.compile(
    r"\b(?:comes|came|follows|followed|arrives|arrived) (?:\S+ ){0,3}?(?:days?|weeks?|months?) "
    r"(?:after|since)\b"
    r"|\b(?:intervient|arrive|survient|tombe) (?:\S+ ){0,3}?(?:jours?|semaines?|mois) après\b"
    r"|\b(?:kommt|erfolgt|folgt) (?:\S+ ){0,3}?(?:tage|wochen|monate) nach\b"
    r"|\b(?:llega|se produce|ocurre) (?:\S+ ){0,3}?(?:días|semanas|meses) después\b"
    r"|(?:يأتي|تأتي|جاء|جاءت)\s(?:\S+\s){0,4}?بعد\s(?:\S+\s)?(?:أيام|يومين|أسابيع|أسبوعين|أشهر|شهرين)",
    re.IGNORECASE,
)


# (round 13) A sentence that opens on a time clause recalling an earlier event ("Two days after agreeing to
# pay $2.1 billion for Paravel, Nvidia has struck another acquisition", «Deux jours après avoir payé ...,
# Nvidia», „Zwei Tage nachdem Nvidia ... gezahlt hatte, kauft", «Dos días después de pagar ..., Nvidia»,
# «بعد يومين من استحواذها ... مقابل ...، أعلنت»): an amount inside that clause (up to its first comma,
# colon or dash) is the earlier event's; an amount of the main clause stays the report's. German only with
# „nachdem": a clause of „nach" has no comma before the main verb („Zwei Tage nach der Übernahme für 2,1
# Mrd. kauft Nvidia ... für 340 Mio.": both amounts would be read as recalled).
RECALL_CLAUSE = True
_NUMBER_WORDS = (
    r"a|an|one|two|three|four|five|six|seven|ten|a few|several|un|une|deux|trois|quatre|cinq|six|sept|"
    r"quelques|ein|eine|einen|zwei|drei|vier|funf|fünf|sechs|sieben|wenige|un|una|dos|tres|cuatro|cinco|"
    r"seis|siete|unos|unas|\d+"
)
_RECALL_CLAUSE = re.compile(
    r"^\W*(?:(?:just|only|barely|less than|more than|nur|knapp|erst|apenas|solo|sólo|à peine|seulement)\s)?"
    rf"(?:(?:(?:{_NUMBER_WORDS})\s)?(?:hours?|days?|weeks?|heures?|jours?|semaines?|stunden|tage|tagen|"
    r"wochen|woche|horas?|d[ií]as?|semanas?)\s(?:after|following|apr[eè]s|nachdem|despu[eé]s de|tras)"
    r"|after|following|apr[eè]s|nachdem|tras|despu[eé]s de|بعد|عقب)(?!\w)",
    re.IGNORECASE,
)
_RECALL_CLAUSE_END = re.compile(r"(?<!\d)[,،]|[,،](?!\d)|[:;–—]|\s-\s")  # not a decimal comma


def recalled_amount(sentence: str, surface: str = "") -> bool:
    """The amount's sentence recalls an earlier event by its distance in time (``_RECALL``), or (round
    13) the amount (its words, ``surface``) is in the time clause the sentence opens on
    (``_RECALL_CLAUSE``)."""
    if not RECALLED_AMOUNTS:
        return False
    if _RECALL.search(sentence) is not None:
        return True
    if not (RECALL_CLAUSE and surface):
        return False
    m = _RECALL_CLAUSE.match(sentence)
    if m is None:
        return False
    end = _RECALL_CLAUSE_END.search(sentence, m.end())
    return end is not None and surface in sentence[m.end() : end.start()]


# (round 11) A report that says it confirms earlier reports of its event: a deal announced after it was
# rumoured ("confirms the reports", «confirme les rumeurs», «les rumeurs ... circulaient», „bestätigt
# Berichte", «confirma los rumores», «fue adelantada por la prensa», «كانت تقارير صحفية قد تحدثت عن»).
# Its story is the rumour's (the reports of talks it confirms); a deal signed after talks that says
# nothing of them is another occasion (round 4). Folded text: the title and the lead.
CONFIRMED_RUMOUR = True
CONFIRMED_DEAL_KINDS = frozenset({"investment", "licensing", "partnership"})  # a deal's primary tags
_CONFIRMS = _rule(
    r"\bconfirm(?:s|ed|ing)? (?:the |earlier |recent |weekend |media |press )*(?:reports?|rumou?rs?|"
    r"speculation)\b|\b(?:reports?|rumou?rs?|speculation) (?:of|about) (?:a |the )?(?:[\w$€£.,-]+ ){0,3}"
    r"(?:deal|talks|takeover|acquisition|merger|sale)\b (?:[\w-]+ ){0,3}(?:circulated|emerged|surfaced)|"
    r"\b(?:first|earlier) reported by\b|"
    r"\bconfirm(?:e|ent|ant) (?:les |des )?(?:rumeurs|informations|bruits)\b|\bles rumeurs (?:d'une? )?"
    r"(?:[\w'-]+ ){0,3}circulaient\b|\bcomme l'(?:avait|avaient) (?:revele|annonce)|"
    r"\bbestatig(?:t|en|te|ten) (?:die |den |entsprechende |fruhere )?(?:berichte|geruchte|spekulationen)\b|"
    r"\bgeruchte (?:uber |um )?(?:[\w-]+ ){0,3}(?:kursierten|gab es)\b|\bwie zuvor berichtet\b|"
    r"\bconfirma(?:n|ndo|ba|ron)? (?:los |las )?(?:rumores|informaciones)\b|"
    r"\b(?:fue|habia sido) adelantad[ao] (?:por|en) (?:la prensa|los medios)\b|\bcomo (?:habia|habian) "
    r"adelantado\b|"
    r"(?:تؤكد|يؤكد|اكدت|اكد|مؤكده|مؤكدا) (?:\S+ )?(?:التقارير|الانباء|الشائعات)|"
    r"(?:كانت|سبق ان) (?:\S+ ){0,2}(?:تقارير|انباء|شائعات) (?:\S+ ){0,2}(?:قد )?(?:تحدثت|اشارت|افادت)"
)


# words one of which a confirmation names (folded): a quick test before the rule
_CONFIRM_STEMS = tuple(
    fold(w)
    for w in "confirm rumo report specul rumeur information revele bericht gerucht adelantad".split()
    + "تقارير انباء شائعات".split()
)


def confirms_reports(text: str, folded: bool = False) -> bool:
    """(Round 11) The text says it confirms earlier reports of its event (``_CONFIRMS``); ``folded``:
    the text is already folded (``shared.textnorm.fold``)."""
    if not CONFIRMED_RUMOUR:
        return False
    text = text if folded else fold(text)
    return any(stem in text for stem in _CONFIRM_STEMS) and _CONFIRMS.search(text) is not None


def _tokens(text: str) -> list[str]:
    return [_POSSESSIVE.sub("", t) for t in _TOKEN.findall(text)]


def _arabic_word(word: str, folded: bool = False) -> str:
    w = word if folded else fold(word)
    for prefix in ("وال", "بال", "لل", "فال", "كال", "ال"):
        if w.startswith(prefix) and len(w) - len(prefix) >= 3:
            return w[len(prefix) :]
    if w.startswith("و") and len(w) > 4:
        return w[1:]
    return w


@dataclass
class Report:
    """The features of one article, as the grouper remembers them."""

    id: str
    lang: str | None
    published: datetime | None
    primary: str | None
    stage: str | None
    keys: tuple[str, ...]
    title_keys: frozenset[str] = field(default_factory=frozenset)
    amounts: tuple[str, ...] = ()
    orgs: tuple[str, ...] = ()
    principal: frozenset[str] = field(default_factory=frozenset)  # headline (or first two) org keys
    minhash: bytes = b""  # MinHash signature, num_perm little-endian uint32
    story_id: str | None = None
    reason: str | None = None  # why it joined (or opened) its story: given again on a replay
    seq: int = 0  # arrival order, set by the index
    seen: datetime | None = None  # when the pipeline got it (window clock when there is no published date)
    tags: tuple[str, ...] = ()  # the classifier's tags (the primary is one of them)
    subject: str | None = None  # the organisation the headline starts with (its ``o:`` key), if any
    product: str | None = None  # the first versioned product the headline names ("jules 2", "gpt-5.5")
    headline_amounts: tuple[str, ...] = ()  # the amounts (``a:`` keys) the headline states
    # (round 7) the tags the classifier found evidence for in the text's first two sentences (its lead)
    lead_tags: tuple[str, ...] = ()
    phase: str | None = None  # (round 8) the launch phase the headline reports: "beta" or "ga"
    first: str | None = None  # (round 8) the headline's first word read as an ordinary word ("ondara")
    # (round 11) the report says it confirms earlier reports (rumours, the press) of its event
    confirms: bool = False

    @cached_property
    def keyset(self) -> frozenset[str]:
        """The keys as a set (built once for the report being assigned, which meets many candidates;
        not for the remembered candidates: memory)."""
        return frozenset(self.keys)

    @cached_property
    def headline_org(self) -> bool:
        """(Round 5) The headline names an organisation the classifier found (else its principals are
        only its first two named: a guess)."""
        return any(k[0] == "o" for k in self.title_keys)

    @cached_property
    def ts(self) -> float | None:
        """The published time (compared between reports), if known."""
        return self.published.timestamp() if self.published is not None else None

    @cached_property
    def clock(self) -> float | None:
        """The time the window is measured in: published, else when the pipeline got the article. A
        published date more than a day after the fetch (a wrong date: 2099) counts as the fetch time,
        so one bad record cannot move the window past everything remembered."""
        when = self.published or self.seen
        if (
            self.published is not None
            and self.seen is not None
            and self.published > self.seen + timedelta(days=1)
        ):
            when = self.seen
        return when.timestamp() if when is not None else None

    def to_state(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "lang": self.lang,
            "published": self.published.isoformat() if self.published else None,
            "primary": self.primary,
            "stage": self.stage,
            "keys": list(self.keys),
            "title_keys": sorted(self.title_keys),
            "amounts": list(self.amounts),
            "orgs": list(self.orgs),
            "principal": sorted(self.principal),
            "minhash": self.minhash.hex(),
            "story_id": self.story_id,
            "reason": self.reason,
            "seq": self.seq,
            "seen": self.seen.isoformat() if self.seen else None,
            "tags": list(self.tags),
            "subject": self.subject,
            "product": self.product,
            "headline_amounts": list(self.headline_amounts),
            "lead_tags": list(self.lead_tags),
            "phase": self.phase,
            "first": self.first,
            "confirms": self.confirms,
        }

    @classmethod
    def from_state(cls, data: Mapping[str, Any]) -> Report:
        published = data.get("published")
        return cls(
            id=str(data["id"]),
            lang=data.get("lang"),
            published=datetime.fromisoformat(published) if published else None,
            primary=data.get("primary"),
            stage=data.get("stage"),
            keys=tuple(data.get("keys") or ()),
            title_keys=frozenset(data.get("title_keys") or ()),
            amounts=tuple(data.get("amounts") or ()),
            orgs=tuple(data.get("orgs") or ()),
            principal=frozenset(data.get("principal") or ()),
            minhash=bytes.fromhex(data.get("minhash") or ""),
            story_id=data.get("story_id"),
            reason=data.get("reason"),
            seq=int(data.get("seq") or 0),
            seen=_utc(data.get("seen")),
            tags=tuple(data.get("tags") or ()),
            subject=data.get("subject"),
            product=data.get("product"),
            headline_amounts=tuple(data.get("headline_amounts") or ()),
            lead_tags=tuple(data.get("lead_tags") or ()),
            phase=data.get("phase"),
            first=data.get("first"),
            confirms=bool(data.get("confirms")),
        )


def _utc(value: datetime | str | None) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


# Arabic-Indic and Persian digits (and the Arabic decimal and thousands separators) as Latin digits:
# "٣ مليارات" and "3 billion" share their numbers.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")

_PERMUTATIONS: dict[int, MinHash] = {}


def _shingle_signature(words: list[str], num_perm: int, k: int = 3) -> bytes:
    """MinHash (datasketch, fixed seed: the same signature in every process) of word k-shingles."""
    if len(words) < k + 2:
        return b""
    shingles = list({" ".join(words[i : i + k]).encode("utf-8") for i in range(len(words) - k + 1)})
    template = _PERMUTATIONS.get(num_perm)
    if template is None:  # the permutations are drawn once per size
        template = _PERMUTATIONS[num_perm] = MinHash(num_perm=num_perm, seed=14)
    mh = template.copy()
    mh.update_batch(shingles)
    return np.asarray(mh.hashvalues, dtype="<u4").tobytes()


def jaccard(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the two shingle sets (share of equal MinHash values)."""
    if not a or len(a) != len(b):
        return 0.0
    x, y = np.frombuffer(a, dtype="<u4"), np.frombuffer(b, dtype="<u4")
    return float(np.count_nonzero(x == y)) / len(x)


# (round 6) A headline whose subject reacts to an event ("Canva minimise le rachat de Fennick par
# Adobe", "Rheinmetall-Chef reagiert gelassen auf Helsings Milliardenbewertung", "X welcomes Y's deal"):
# the reacting organisation is not a principal of the event (nor the headline's subject). Folded text;
# the verb within five words of the headline's start. Not "answers ... with" / "riposte": a rival's
# launch is an event of its own (and a headline naming a versioned product is never a reaction).
REACTION_RULE = True
_REACTION = _rule(
    r"\b(?:reacts?|reacted|reacting|responds?|responded|replies|replied) (?:[\w'-]+ )?(?:to|on)\b|"
    r"\b(?:welcomes?|welcomed|criticis(?:es|ed)|criticiz(?:es|ed)|slams?|slammed|blasts?|blasted|"
    r"downplays?|downplayed|shrugs? off|shrugged off|hails?|hailed|praises?|praised|applauds?|"
    r"applauded|condemns?|condemned|questions|questioned|is unfazed by|comments on|weighs in on)\b|"
    r"\b(?:reagit|reagissent|repond(?:ent)? a|salue(?:nt)?|critique(?:nt)?|minimise(?:nt)?|"
    r"relativise(?:nt)?|denonce(?:nt)?|fustige(?:nt)?|applaudi(?:t|ssent)|se felicite(?:nt)? de|"
    r"s'inquiete(?:nt)? d[eu]|balaie(?:nt)?|tacle(?:nt)?|commente(?:nt)?)\b|"
    r"\breagier(?:t|en) (?:[\w-]+ ){0,3}auf\b|\b(?:begrusst|begrussen|kritisiert|kritisieren|lobt|loben|"
    r"relativiert|relativieren|kommentiert|kommentieren|verurteilt|verurteilen)\b|"
    r"\bspiel(?:t|en) (?:[\w-]+ ){1,4}herunter\b|\bsieht (?:[\w-]+ ){0,4}gelassen\b|"
    r"\b(?:reacciona(?:n)?|responde(?:n)?) a\b|\b(?:celebra(?:n)?|critica(?:n)?|aplaude(?:n)?|"
    r"minimiza(?:n)?|denuncia(?:n)?|elogia(?:n)?|arremete(?:n)? contra|resta(?:n)? importancia a)\b|"
    r"(?:ترحب|يرحب|رحبت|رحب|تنتقد|ينتقد|انتقدت|انتقد|ترد على|يرد على|ردت على|تعلق على|يعلق على|"
    r"تقلل من|يقلل من|تشيد|يشيد|اشادت)(?!\S)"
)
REACTION_WORDS = 5  # the verb starts within this many words of the headline's start

# (round 6) "Accel-backed Eloquia", "backed by Accel", "soutenue par Partech": an investor named as a
# descriptor of the company the headline is about is not a principal (nor the subject).
DESCRIPTOR_RULE = True
_DESCRIPTOR_BEFORE = r"-(?:backed|funded|owned|supported|financed|finanziert\w*|gestutzt\w*|unterstutzt\w*)\b"
_DESCRIPTOR_AFTER = (
    r"\b(?:backed|funded|owned|supported|financed) by |\b(?:soutenue?s?|financee?s?|detenue?s?|adossee?s? a) "
    r"(?:par )?|\bvon (?=\S+ (?:finanziert|unterstutzt|gestutzt))|"
    r"\b(?:respaldad[oa]s?|financiad[oa]s?|participad[oa]s?|apoyad[oa]s?) por |"
    + fold_pattern("(?:المدعومة|المدعوم|الممولة|الممول) من ")
)


_DESCRIPTOR_BEFORE_RE = re.compile(_DESCRIPTOR_BEFORE + r"\s*")
_DESCRIPTOR_AFTER_RE = re.compile(f"(?:{_DESCRIPTOR_AFTER})(?:l')?")


def descriptor_spans(folded_title: str, orgs: Iterable[str]) -> tuple[set[str], str]:
    """(Round 6) The organisations the headline names only as a descriptor of another ("Accel-backed
    Eloquia", "backed by Accel") and the folded headline without those descriptors. Two patterns
    searched once per headline (not one per organisation: speed), then the organisations that end
    ("X-backed") or start ("backed by X") at a match."""
    spans: list[tuple[int, int, str]] = []
    names = [(o, fold(o)) for o in orgs]
    for m in _DESCRIPTOR_BEFORE_RE.finditer(folded_title):
        head = folded_title[: m.start()]
        for o, fo in names:
            start = m.start() - len(fo)
            if len(fo) >= 2 and head.endswith(fo) and (start == 0 or not head[start - 1].isalnum()):
                spans.append((start, m.end(), o))
    for m in _DESCRIPTOR_AFTER_RE.finditer(folded_title):
        for o, fo in names:
            end = m.end() + len(fo)
            if (
                len(fo) >= 2
                and folded_title.startswith(fo, m.end())
                and (end == len(folded_title) or not folded_title[end].isalnum())
            ):
                spans.append((m.start(), end, o))
    if not spans:
        return set(), folded_title
    rest = folded_title
    for start, end, _ in sorted(spans, reverse=True):
        rest = rest[:start] + " " + rest[end:]
    rest = re.sub(r"\s+", " ", rest).strip()
    # named only as a descriptor: not named again elsewhere in the headline
    return {o for _, _, o in spans if not _in_words(fold(o), rest)}, rest


def reaction_of(folded_title: str, subject_at: int) -> bool:
    """(Round 6) The headline's subject (starting at ``subject_at``) reacts to an event: a reaction verb
    within ``REACTION_WORDS`` words of the headline's start."""
    m = _REACTION.search(folded_title, subject_at)
    return m is not None and len(folded_title[: m.start()].split()) <= REACTION_WORDS


# (round 6) a headline listing several companies' events at once ("KI-Finanzierungen: Helsing, Opalia
# und Kestrel holen zusammen 680 Millionen Euro"): a roundup. Three names or more in a list, summed up
# ("together", "a combined", "zusammen", "au total", "en total", "مجتمعة") with a figure: one sum over
# several events. A joint suit or deal of several companies ("Disney, Universal and Warner sue ...") is
# no sum.
ROUNDUP_LIST = True
_LIST_NAME = r"[A-ZÀ-Þ][\w.&'’-]*(?: [A-ZÀ-Þ][\w.&'’-]*){0,2}"
_NAME_LIST = re.compile(rf"{_LIST_NAME}(?:, {_LIST_NAME})+,? (?:and|und|et|y|e|&) {_LIST_NAME}")
_ARABIC_LIST = re.compile(r"[\u0621-\u064a]{3,}(?:، [\u0621-\u064a]{3,})+ و[\u0621-\u064a]{3,}")
_SUMMED = _rule(
    r"\b(?:together|combined|between them|in total|au total|a eux (?:trois|quatre)|cumule(?:nt)?|"
    r"zusammen|insgesamt|en total|en conjunto|entre (?:las|los) (?:tres|cuatro))\b|"
    r"مجتمعه|اجمالا|مجتمعين"
)


def listed_roundup(title: str) -> bool:
    """(Round 6) The headline lists three or more names and sums them up with a figure."""
    if not ROUNDUP_LIST or not any(c.isdigit() for c in title):
        return False
    if _NAME_LIST.search(title) is None and _ARABIC_LIST.search(title) is None:
        return False
    return _SUMMED.search(fold(title)) is not None


# (round 6) French elision before a name: «d'Eloquia», «l'Instinct MI500», «qu'OpenAI» (the name is
# read without its article: a name, not an ordinary word «d'eloquia»)
ELISION = True
_ELIDED = re.compile(
    r"(?<![\w'’])((?:[dDlLjJnNsScCmMtT]|[qQ]u|[jJ]usqu|[lL]orsqu|[pP]uisqu)['’])(?=[A-ZÀ-Þ])"
)
# (round 6) a name with its version at the start of a sentence ("Veo 4 : la vidéo ...", "Veo 4 ya está
# disponible") is a name by its sound (compared with an Arabic report: "فيو 4"); as a name token (``n:``)
# it was tried and dropped (the whole file gained a wrong pair); the headline's product reads it anyway
VERSIONED_START = True


def _versioned_start(tok: str, part: str, end: int) -> bool:
    """A capitalised word at a sentence start followed by a version number ("Veo 4"), not a function
    word nor a word before a number that is no product ("Top 10")."""
    if not VERSIONED_START or not tok[:1].isupper() or len(tok) < 3:
        return False
    low = tok.lower()
    if low in STOPWORDS or low in _NOT_PRODUCT or fold(low) in LATIN_COMMON:
        return False
    version = _VERSION.match(part, end)
    # one digit or a decimal ("Veo 4", "Gemini 2.5"): two digits at a sentence start are more often a
    # count ("Introducing 20 new ...")
    return version is not None and re.fullmatch(r"\d(?:\.\d{1,2})?", version.group(0).strip()) is not None


def extract(
    *,
    article_id: str,
    title: str | None,
    text: str | None,
    lang: str | None,
    published: datetime | str | None,
    primary: str | None,
    orgs: Iterable[str],
    amounts: Iterable[tuple[float, str]],
    max_text_chars: int = 20_000,
    lead_chars: int = 1500,
    max_keys: int = 80,
    num_perm: int = 64,
    seen: datetime | str | None = None,
    tags: Iterable[str] = (),
    org_surfaces: Mapping[str, str] | None = None,
    tag_starts: Mapping[str, int] | None = None,
) -> Report:
    """The features of one classified article."""
    title = (title or "").strip()[:500].translate(_DIGITS)
    full_title = title
    title, context = headline_context(title)  # (round 5) "... days after X": X is context, not the event
    body = (text or "")[:max_text_chars].translate(_DIGITS)
    # (round 13) a text that turns from the event it recalls to its news: its primary, lead and lead tags
    # are the news's (what comes before the turn is the recalled event's)
    primary, turn = turned_primary(body, primary, tag_starts or {})
    lead = body[turn : turn + lead_chars]
    first_sentence = re.split(r"(?<=[.!?؟])\s|\n", lead.strip(), maxsplit=1)[0][:400] if lead else ""
    org_list = list(dict.fromkeys(orgs))
    org_words = {w.lower() for o in org_list for w in _tokens(o)}
    keys: dict[str, None] = {}
    title_keys: set[str] = set()

    def add(key: str, in_title: bool) -> None:
        if len(keys) < max_keys or key in keys:
            keys[key] = None
            if in_title:
                title_keys.add(key)

    folded_title = fold(title)
    surfaces = org_surfaces or {}
    # (round 6) an investor named as a descriptor ("Accel-backed Eloquia"): not in the headline's role
    side: set[str] = set()
    if DESCRIPTOR_RULE:
        side, folded_title = descriptor_spans(folded_title, org_list[:10])
    # the report's subject: the organisation the headline starts with ("OpenAI answers Anthropic
    # with ..."; not "ChatGPT Atlas défie Google")
    lead_at = len(folded_title) - len(folded_title.lstrip(" \"'«“„‘(["))
    subject = next(
        (f"o:{o}" for o in org_list[:10] if _title_position(o, surfaces.get(o), folded_title) == lead_at),
        None,
    )
    product = None if arabic_script((lang or "").lower()) else headline_product(title, org_words)
    if product is None and LAUNCHED_NAME:
        product = launched_name(title, {fold(w) for w in org_words}, (lang or "").lower())
    if product is None and LAUNCH_SENTENCE_PRODUCT and not arabic_script((lang or "").lower()):
        # (round 12) a headline naming no product: the product of the sentence the launch is told in
        product = launch_sentence_product(body, (tag_starts or {}).get("launch"), org_words)
    if REACTION_RULE and subject is not None and product is None and reaction_of(folded_title, lead_at):
        side.add(subject[2:])  # (round 6) the subject reacts to the event: not its principal
        subject = None
    principal = {f"o:{o}" for o in [o for o in org_list if o not in side][:2]}
    for o in org_list[:10]:
        surface = fold(surfaces.get(o) or "")
        # in the headline by its name, or by the words the text first named it with ("ميدجورني")
        in_title = o not in side and (
            fold(o) in folded_title or (len(surface) >= 3 and _in_words(surface, folded_title))
        )
        add(f"o:{o}", in_title)
        if in_title:
            principal.add(f"o:{o}")
    for event in events_of(title):
        add(f"e:{event}", True)
    if REGULATORS:  # (round 8) regulators by their country: named, described, or a headline organisation's
        named = [o for o in org_list[:10] if f"o:{o}" in title_keys]
        for cc in sorted(regulators_of(title).union(*(regulators_of(o) for o in named))):
            add(f"r:{cc}", True)
    amounts = [(v, c) for v, c in amounts if v > 0]
    amount_keys = tuple(dict.fromkeys(amount_key(v, c) for v, c in amounts))[:6]
    stated = _title_numbers(title)
    headline_amounts = tuple(
        dict.fromkeys(
            amount_key(v, c)
            for v, c in amounts
            if v >= HEADLINE_AMOUNT_MIN and _in_numbers(v, stated) and amount_key(v, c) in amount_keys
        )
    )
    for a in amount_keys:
        add(a, False)
    code = (lang or "xx").lower()
    for part, in_title in ((title, True), (context, False), (lead, False)):
        if ELISION:
            part = _ELIDED.sub(r"\1 ", part)  # (round 6) «d'Eloquia»: the name after the elision
        for m in _TOKEN.finditer(part):
            tok = _POSSESSIVE.sub("", m.group(0))
            low = tok.lower()
            before = part[max(0, m.start() - 3) : m.start()].rstrip(" \t\"'«“„(")
            initial = not before or before[-1] in ".!?:\n»”"
            if initial and not any(ch.isdigit() for ch in tok) and not any(ch.isupper() for ch in tok[1:]):
                tok = low  # a capital that starts a sentence says nothing: an ordinary word

            if low in STOPWORDS or low in org_words:
                continue
            num = _number_key(tok)
            scaled = None
            if SCALED_COUNTS and tok[0].isdigit():
                scaled = scaled_count(tok, part, m.start(), m.end(), code)
            if scaled is not None:
                add(scaled, in_title)
            if num is not None:
                add(f"d:{num}", in_title)
            elif any(ch.isdigit() for ch in tok) or tok[0].isupper():
                if len(low) >= 2 and not low.isdigit():
                    add(f"n:{fold(low)}", in_title)
                    head = low.split("-", 1)[0]
                    if HYPHEN_NAME and "-" in low and len(head) >= 4 and not tok.split("-", 1)[0].isupper():
                        add(f"n:{fold(head)}", in_title)  # (round 12) "Llama-Modelle": the name "Llama"
            elif len(low) >= 5:
                add(f"w:{code}:{fold(low)}", in_title)
        for word in _ARABIC_WORD.findall(part):
            w = _arabic_word(word)
            if len(w) >= 3:
                add(f"w:ar:{w}", in_title)
    arabic = arabic_script(code)
    sound: dict[str, None] = {}
    org_sounds = {latin_skeleton(w) for w in org_words}
    org_sounds |= {latin_skeleton(o.replace(" ", "")) for o in org_list}
    org_runs: list[tuple[str, bool]] = []
    if not arabic:  # organisations by their sound too, for an Arabic report that did not find them
        org_runs = [(k, f"o:{o}" in title_keys) for o in org_list[:10] for k in org_sound_keys(o)]
    for part, in_title in ((title, True), (context, False), (lead, False)):
        if ELISION and not arabic:
            part = _ELIDED.sub(r"\1 ", part)
        for key in acronym_keys(part, arabic, org_words) + _sound_keys(
            part, arabic, org_words, org_sounds, in_title
        ):
            if len(sound) >= MAX_SOUND_KEYS:
                break
            if key not in keys:
                sound[key] = None
                if in_title:
                    title_keys.add(key)
            elif in_title:
                title_keys.add(key)
    for key, in_title in org_runs:
        if len(sound) < MAX_SOUND_KEYS and key not in keys:
            sound[key] = None
            if in_title:
                title_keys.add(key)
    keys.update(sound)
    first = headline_first_word(title, org_words) if FIRST_WORD_NAME else None
    if first is not None and f"n:{first}" in keys:
        title_keys.add(f"n:{first}")  # (round 8) its own text writes the headline's first word as a name
    folded = fold(f"{full_title}\n{body}")
    words = folded.split()
    return Report(
        id=article_id,
        lang=code,
        published=_utc(published),
        primary=primary,
        stage=stage_of(full_title, first_sentence),
        keys=tuple(keys),
        title_keys=frozenset(title_keys),
        amounts=amount_keys,
        orgs=tuple(org_list[:10]),
        principal=frozenset(principal),
        minhash=_shingle_signature(words, num_perm),
        seen=_utc(seen),
        tags=tuple(dict.fromkeys(tags)),
        subject=subject if subject in title_keys else None,
        product=product,
        headline_amounts=headline_amounts,
        lead_tags=lead_tags(body, tag_starts or {}, turn),
        phase=launch_phase(full_title),
        first=first,
        # (round 11) read only for a deal's report (a launch confirms no rumoured talks): speed
        confirms=(primary in CONFIRMED_DEAL_KINDS or "e:acquisition" in title_keys)
        and confirms_reports(folded[: len(full_title) + 1 + len(lead)], folded=True),
    )


# (round 8) A headline's first word is read as an ordinary word (a capital that starts a sentence says
# nothing), but a headline often starts with the name of its company or product and no organisation the
# classifier found ("Ondara releases Sift 3", "Halo, el agente de voz ..."): where a report writes that
# word as a name (its own text, or the other report), it is a name of the headline.
FIRST_WORD_NAME = True


def headline_first_word(title: str, org_words: set[str]) -> str | None:
    """(Round 8) The (folded) first word of a Latin-script headline when it is capitalised, alphabetic,
    of three letters or more, and neither a function word, a month nor an organisation's word."""
    m = _TOKEN.search(title)
    if m is None or m.start() > 3:
        return None
    tok = _POSSESSIVE.sub("", m.group(0))
    low = tok.lower()
    if (
        len(tok) < 3
        or not tok[0].isupper()
        or not tok.replace("-", "").isalpha()
        or any(ch.isupper() for ch in tok[1:])  # "ChatGPT", "OpenAI": already read as a name
        or low in STOPWORDS
        or low in org_words
        or fold(low) in LATIN_COMMON
    ):
        return None
    return fold(low)


LEAD_SENTENCES = 2  # (round 7) the sentences of a text that tell its event (what follows is background)
_SENTENCE_END = re.compile(r"[.!?؟](?=\s)|\n")


def lead_tags(body: str, tag_starts: Mapping[str, int], start: int = 0) -> tuple[str, ...]:
    """(Round 7) The tags whose first evidence (``tag_starts``: tag -> offset into the text) starts in the
    text's first ``LEAD_SENTENCES`` sentences: what the report tells as its event, not what it recalls
    ("The launch comes three days after the start-up raised $120 million" is background). (Round 13)
    From ``start``, the turn to its news, for a text that opens on the event it recalls."""
    end = start
    for _ in range(LEAD_SENTENCES):
        m = _SENTENCE_END.search(body, end)
        if m is None:
            end = len(body)
            break
        end = m.end()
    return tuple(sorted(tag for tag, at in tag_starts.items() if start <= at < end))


# (round 13) A text that turns from an earlier event to its news: "On Monday Spotify announced it would
# license ElevenLabs' voices ... Three days later the relationship has become financial. Spotify said on
# Thursday it had invested $250 million" («Trois jours plus tard», „Drei Tage später", «Tres días después,»,
# «وبعد ثلاثة أيام،»). What comes before the turn is the event it recalls: the report's primary is the tag
# whose evidence starts after the turn, not the recalled one, and its lead (its words, names, numbers, the
# stage of its first sentence) and lead tags are read from the turn.
# Only a turn of hours, days or weeks in its first ``TURN_SENTENCES`` sentences (a company's history in
# the background, "two years later it raised ...", is no turn), and only where a tag starts after it.
NEWS_TURN = True
TURN_SENTENCES = 4
_TURN = re.compile(
    rf"(?:(?:{_NUMBER_WORDS}|quelques|wenige)\s)?(?:hours?|days?|weeks?)\slater\b"
    rf"|(?:(?:{_NUMBER_WORDS})\s)?(?:heures|jours?|semaines?)\splus\stard\b"
    rf"|(?:(?:{_NUMBER_WORDS})\s)?(?:stunden|tage|tag|wochen|woche)\s(?:später|danach)\b"
    rf"|(?:(?:{_NUMBER_WORDS})\s)?(?:horas|d[ií]as?|semanas?)\s(?:más\starde|mas\starde|despu[eé]s)(?!\s+de\b)"
    r"|و?بعد\s(?:يومين|[أا]سبوع|[أا]سبوعين|\S+\s(?:[أا]يام|ساعات|[أا]سابيع))(?!\s*من)",
    re.IGNORECASE,
)


def news_turn(body: str) -> int | None:
    """(Round 13) Where a text turns from the event it recalls to its news (``_TURN`` at the start of
    one of its first ``TURN_SENTENCES`` sentences, not the first), or None."""
    if not NEWS_TURN:
        return None
    pos = 0
    for i in range(TURN_SENTENCES):
        m = _SENTENCE_END.search(body, pos)
        if m is None:
            return None
        pos = m.end()
        while pos < len(body) and body[pos] in " \t\n\"'«“„":
            pos += 1
        if i + 1 < TURN_SENTENCES and _TURN.match(body, pos):
            return pos
    return None


def turned_primary(body: str, primary: str | None, tag_starts: Mapping[str, int]) -> tuple[str | None, int]:
    """(Round 13) The primary of a text that turns to its news (``news_turn``): the first tag whose
    evidence starts after the turn, when the primary's starts before it; and where its lead starts."""
    if not (primary and len(tag_starts) >= 2 and primary in tag_starts):
        return primary, 0
    turn = news_turn(body)
    if turn is None or tag_starts[primary] >= turn:
        return primary, 0
    later = sorted((start, tag) for tag, start in tag_starts.items() if start >= turn)
    return (later[0][1], turn) if later else (primary, 0)


# A version number after a name ("Gemini 4", "Jules 2", "Claude Sonnet 5"), not an amount, a share or a
# count of years ("Nova 2 billion", "Nova 10%", "Top 10 ans").
_VERSION = re.compile(
    r"[ \u00a0]+\d{1,2}(?:\.\d{1,2})?(?!\d|[.,]\d|\s*(?:%|bn\b|m\b|billions?\b|millions?\b|milliards?\b|"
    r"mrd\b|mio\b|millones\b|mil\b|per\b|x\b|ans?\b|years?\b|jahre\w*|anos\b|años\b|days?\b|jours?\b|tage\w*|"
    r"dias\b|días\b|hours?\b|heures?\b|stunden\b|horas\b))",
    re.IGNORECASE,
)


# words before a number that are not products ("Top 10", "Series 2", "Phase 3"); periods ("Q2", "FY25")
_NOT_PRODUCT = frozenset(
    "top series phase level day week round season tier stage part chapter article section page no nr "
    "number vol covid".split()
)
_PERIOD = re.compile(r"(?:q|h|fy)\d{1,4}|covid-19")


# (round 5) a time clause of a headline: what it names is context ("Isomorphic Labs raises $600m days
# after AlphaFold 4 release", "... hours after Claude Sonnet 5", "quelques jours après", "Tage nach",
# "días después de", "tras", "بعد أيام من", "عقب"); a clause the headline starts with ends at its first
# comma, colon or dash ("After its $600m round, Corvid launches Picker 2")
_CONTEXT = re.compile(
    r"(?:^|(?<=\s)|(?<=,))(?:(?:just|only|shortly|hours|days|weeks|months|a day|a week|a month|two days|"
    r"three days) (?:after|following)|after|following|(?:quelques |deux |trois )?(?:heures|jours|semaines) "
    r"apr[eè]s|apr[eè]s|au lendemain d[eu']|(?:stunden|tage|wochen|kurz) nach|(?:horas|d[ií]as|semanas) "
    r"(?:despu[eé]s de|tras)|tras|بعد (?:أيام|ساعات|أسابيع|يوم|يومين) من|عقب)(?!\w)",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[,:;–—]|\s-\s")
CONTEXT_CLAUSE = True


def headline_context(title: str) -> tuple[str, str]:
    """The headline's main clause and its time clause (context), or the headline and ""."""
    m = _CONTEXT.search(title) if CONTEXT_CLAUSE else None
    if m is None:
        return title, ""
    if m.start() == 0:  # a leading clause: up to its first comma, colon or dash
        end = _CLAUSE_END.search(title, m.end())
        if end is None or not title[end.end() :].strip():
            return title, ""
        return title[end.end() :].strip(), title[: end.start()]
    main = title[: m.start()].rstrip(" ,;:–—-")
    return (main, title[m.start() :]) if len(main.split()) >= 2 else (title, "")


def headline_product(title: str, org_words: set[str]) -> str | None:
    """(round 4) The first versioned product a (Latin-script) headline names, folded: a name with its
    version in one token ("GPT-5.5", "GPT-4o") or a capitalised name followed by a version number
    ("Gemini 4", "Jules 2", "Claude Sonnet 5": "sonnet 5"); not an organisation, a month or a function
    word. "Google launches Jules 2 coding agent, built on Gemini 4" is about Jules 2."""
    for m in _TOKEN.finditer(title):
        tok = _POSSESSIVE.sub("", m.group(0))
        low = tok.lower()
        if (
            low in STOPWORDS
            or low in org_words
            or fold(low) in LATIN_COMMON
            or low in _NOT_PRODUCT
            or not tok[0].isalpha()
            or _PERIOD.fullmatch(low)
        ):
            continue
        if any(c.isdigit() for c in tok):
            return fold(low)
        version = _VERSION.match(title, m.end()) if tok[0].isupper() else None
        if version is not None:
            return f"{fold(low)} {version.group(0).strip()}"
    return None


# (round 7) a launch headline's product without a version: the name right after a launch verb ("Tervia
# launches Harbourmaster, an agent ...", "Cohere releases Command S"), in en/fr/es (German capitalises its
# nouns: "stellt Container-Agenten ... vor" names no product by its capital)
LAUNCHED_NAME = True
LAUNCHED_OWNER = True  # (round 8) a possessive after the verb names the product's owner, not the product
_LAUNCH_VERB = re.compile(
    r"\b(?:launch(?:es|ed)?|releas(?:es|ed)|unveil(?:s|ed)|debut(?:s|ed)|introduc(?:es|ed)|rolls out|"
    r"ships|lance|lancent|devoile|presente|lanza|presenta|estrena)\s+(?:(?:its|the|a|an|new|son|sa|ses|"
    r"le|la|les|un|une|nouveau|nouvelle|su|sus|el|los|las|nuevo|nueva)\s+)*",
    re.IGNORECASE,
)


def launched_name(title: str, org_words: set[str], lang: str) -> str | None:
    """(Round 7) The unversioned product a launch headline (en/fr/es) names right after its verb, folded;
    not an organisation, a common word or a function word. "Tervia launches Harbourmaster" gives
    "harbourmaster"; "Google launches its new video model" none."""
    if lang not in ("en", "fr", "es"):
        return None
    folded = fold(title)
    m = _LAUNCH_VERB.search(folded)
    if m is None:
        return None
    start = m.end()
    original = title[start:] if len(title) == len(folded) else None
    tok = _TOKEN.match(folded, start)
    if tok is None or original is None or not original[:1].isupper():
        return None  # a name is capitalised (the folded title keeps the offsets of the original)
    if LAUNCHED_OWNER and _POSSESSIVE.search(tok.group(0)) and tok.group(0)[-1] in "s":
        # (round 8) "unveils Vantor's Quill chatbot": the product is the name after its owner's possessive
        start = tok.end() + len(folded[tok.end() :]) - len(folded[tok.end() :].lstrip())
        tok = _TOKEN.match(folded, start)
        if tok is None or not title[start : start + 1].isupper():
            return None
    low = _POSSESSIVE.sub("", tok.group(0))
    if (
        (len(low) < 3 and not (len(low) == 2 and low[1].isdigit()))
        or low in STOPWORDS
        or low in org_words
        or low in LATIN_COMMON
        or low in _NOT_PRODUCT
        or not low[0].isalpha()
    ):
        return None
    return low


HYPHEN_NAME = True  # (round 12) a name joined to a noun by a hyphen ("Llama-Modelle", "Gemini-powered")


# (round 12) A headline that names no product ("Google's two-track week: after Ultra, the small open
# models", «La semaine chargée de Google») is about the product of the sentence the classifier told the
# launch by ("On Thursday Google released Gemma 4, ..."), not the one it recalls from earlier in the week:
# its first versioned product (``headline_product``), in Latin script. Read for the headline's reactions
# too: a report about a product is no reaction of its maker.
LAUNCH_SENTENCE_PRODUCT = True


def launch_sentence_product(body: str, start: int | None, org_words: set[str]) -> str | None:
    """The first versioned product of the sentence of ``body`` that starts at ``start`` (the launch
    tag's first evidence), or None."""
    if start is None or not 0 <= start < len(body):
        return None
    m = _SENTENCE_END.search(body, start)
    sentence = body[start : m.start() if m else min(len(body), start + 400)]
    return headline_product(sentence[:400], org_words)


HEADLINE_AMOUNT_MIN = 1e6  # a deal's or a round's amount; not a price (nor "$3" read from "$3-billion")


def _title_numbers(title: str) -> set[float]:
    """The numbers a headline states, read both ways when the separator is ambiguous ("22.500",
    "18,000": thousands; "1,5", "1.5": decimals)."""
    found: set[float] = set()
    for m in re.finditer(r"\d+(?:[.,]\d+)*", title):
        t = m.group(0)
        if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", t):
            found.add(float(t.replace(".", "").replace(",", "")))
        if re.fullmatch(r"\d+(?:[.,]\d+)?", t):
            found.add(float(t.replace(",", ".")))
    return found


def _in_numbers(value: float, numbers: set[float]) -> bool:
    """``value`` is one of ``numbers`` in units, thousands, millions, billions or trillions ("$1.5bn",
    "1,5 Mrd. €", "1.500 millones", "1.5 مليار": 1.5e9)."""
    return any(x > 0 and abs(value / 10**e - x) <= 1e-6 * x for x in numbers for e in (0, 3, 6, 9, 12))


# Arabic writes a Latin acronym by the names of its letters ("جي بي تي" GPT, "آي بي إم" IBM), folded
# as the text is; the letters that sound alike in Arabic are one (p/b, e/i).
_LETTER_NAMES = {
    fold(k): v
    for k, v in {
        "إيه": "a",
        "آي": "i",
        "بي": "b",
        "سي": "c",
        "دي": "d",
        "اف": "f",
        "إف": "f",
        "جي": "g",
        "إتش": "h",
        "اتش": "h",
        "جاي": "j",
        "كي": "k",
        "إل": "l",
        "إم": "m",
        "إن": "n",
        "أو": "o",
        "كيو": "q",
        "آر": "r",
        "إس": "s",
        "تي": "t",
        "يو": "u",
        "في": "v",
        "دبليو": "w",
        "إكس": "x",
        "واي": "y",
        "زد": "z",
    }.items()
}
_LATIN_LETTER = str.maketrans("pe", "bi")
# a Latin acronym of three capitals or more, alone or ending a name ("ChatGPT"), with its version
# ("GPT-5.2": the acronym and "5.2"; "GPT-4o": the acronym only)
_LATIN_ACRONYM = re.compile(r"(?:[A-Z][a-z]+)*([a-z]?[A-Z]{2,})(?:-?(\d+(?:\.\d+)?)|-?\d+[a-z]+)?")
_ARABIC_RUN = re.compile(r"[\u0621-\u064a]+|\d+(?:[.,]\d+)?")
MIN_ACRONYM = 3


def acronym_keys(text: str, arabic: bool, skip: set[str]) -> list[str]:
    """``x:#<letters>`` for an acronym (three letters or more) and ``y:#<letters> <version>`` for one
    followed by a version number, written in capitals (Latin script) or by its letters' names (Arabic
    script): "GPT-5.2" and "جي بي تي 5.2" share ``x:#gbt`` and ``y:#gbt 5.2``. Compared across scripts
    only, like the other sound keys; ``skip``: the words of organisations the classifier found (their
    ``o:`` keys are compared)."""
    keys: list[str] = []
    if not arabic:
        for m in _TOKEN.finditer(text):
            tok = _POSSESSIVE.sub("", m.group(0))
            if tok.lower() in skip:
                continue
            a = _LATIN_ACRONYM.fullmatch(tok)
            if a is None:
                continue
            letters = a.group(1).lower().translate(_LATIN_LETTER)
            if len(letters) < MIN_ACRONYM:
                continue
            keys.append(f"x:#{letters}")
            if a.group(2):
                keys.append(f"y:#{letters} {a.group(2)}")
        return keys
    words = _ARABIC_RUN.findall(fold(text))
    i = 0
    while i < len(words):
        j = i
        while j < len(words) and words[j] in _LETTER_NAMES:
            j += 1
        if j - i >= MIN_ACRONYM:
            letters = "".join(_LETTER_NAMES[w] for w in words[i:j])
            keys.append(f"x:#{letters}")
            if j < len(words) and words[j][0].isdigit():
                keys.append(f"y:#{letters} {words[j].replace(',', '.')}")
        i = max(j, i + 1)
    return keys


SHORT_VERSIONED = True  # (round 6) a name of one consonant class and its version ("Veo 4": y:f 4)
ARABIC_HAMZA_NAMES = True  # (round 5) a word starting with a hamza'd alef and lam keeps both letters
SPANISH_GERMAN_SOUNDS = True  # (round 11) a Latin name's j/ch/z read as «خ»/«ث» too (translit)
MAX_SOUND_KEYS = 60  # x:/y: keys kept per report (beside max_keys: an Arabic lead has hundreds of words)
# What may stand between two adjacent names of a run: spaces and quotes, and one plain number ("Gemini
# 3.5 Flash" / "جيميناي 3.5 فلاش": the run's pair is still "gmn fls").
_RUN_GAP = re.compile(r"[\s«»\"“”„]*(?:\d+(?:[.,]\d+)*[\s«»\"“”„]*)?")
_PLAIN_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# a version number right after a name ("Gemini 4", "Sonnet 5", "جيميناي 4"): not an amount or a count
_NAME_VERSION = re.compile(
    r"[ \u00a0]+(\d{1,2}(?:[.,]\d{1,2})?)(?![\d.,]*\d)(?!\s*(?:%|bn\b|m\b|billions?\b|millions?\b|"
    r"milliards?\b|mrd\b|mio\b|millones\b|mil\b|ans?\b|years?\b|jahre\w*|anos\b|años\b|days?\b|jours?\b|tage\w*|dias\b|"
    r"días\b|" + fold_pattern("مليار|مليون|ألف|آلاف|عام|أعوام|سنوات|يوم|أيام|بالمئة|بالمائة|في المئة") + "))",
    re.IGNORECASE,
)


def _sound_keys(
    part: str, arabic: bool, org_words: set[str], org_sounds: set[str], headline: bool = True
) -> list[str]:
    """``x:``/``y:`` skeleton keys (``services.grouper.translit``) of the names of ``part``: for a
    report in Arabic its Arabic-script words (but the most common), otherwise its Latin-script names
    (capitalised, not at a sentence start); organisations the classifier found are left out (their
    ``o:`` keys are compared). Adjacent names (only spaces or quotes between them) form runs, whose
    pairs are ``y:`` keys."""
    runs: list[list[str]] = []
    run: list[str] = []
    versioned: list[str] = []
    alternates: list[str] = []
    last_end = -1
    text = fold(part) if arabic else part  # fold keeps offsets for Arabic and Latin letters alike
    matches = _ARABIC_WORD.finditer(text) if arabic else _TOKEN.finditer(text)
    for m in matches:
        word = m.group(0)
        if _PLAIN_NUMBER.fullmatch(word):
            continue  # a number between two names does not break their run (see _RUN_GAP)
        sk = ""
        if arabic:
            # (round 5) "أل"/"إل"/"آل" with a hamza is no article: a name ("ألفافولد" is AlphaFold)
            hamza = ARABIC_HAMZA_NAMES and part[m.start()] in "أإآ" and word.startswith("ال")
            w = word if hamza else _arabic_word(word, folded=True)
            if w not in ARABIC_COMMON and word not in ARABIC_COMMON:
                sk = arabic_skeleton(w, folded=True)
                if sk in org_sounds:
                    sk = ""  # an organisation the classifier found: its o: key is compared
        elif word[0].isupper():
            tok = _POSSESSIVE.sub("", word)
            low = tok.lower()
            before = part[max(0, m.start() - 3) : m.start()].rstrip(" \t\"'«“„(")
            initial = not before or before[-1] in ".!?:\n»”"
            common = low in STOPWORDS or low in org_words or fold(low) in LATIN_COMMON
            if (
                (not initial or _versioned_start(tok, part, m.end()))
                and not common
                and not any(c.isdigit() for c in tok)
            ):
                sk = latin_skeleton(tok)
                alt = latin_skeleton_alt(tok) if SPANISH_GERMAN_SOUNDS else None
                if alt is not None and len(alt) >= MIN_SINGLE:
                    alternates.append(f"x:{alt}")  # (round 11) "Brújula" / «بروخولا»: x:brkl beside x:brgl
        # a name and its version; (round 6) a short name too ("Veo 4" / "فيو 4": y:f 4), of three
        # letters or more, in a headline (an Arabic lead pairs many short words with numbers)
        if sk and (len(sk) >= 2 or (SHORT_VERSIONED and headline and len(word) >= 3)):
            version = _NAME_VERSION.match(text, m.end())
            if version is not None:  # (round 4) a name and its version: "Gemini 4" / "جيميناي 4"
                versioned.append(f"y:{sk} {version.group(1).replace(',', '.')}")
        adjacent = last_end >= 0 and _RUN_GAP.fullmatch(text, last_end, m.start()) is not None
        if not sk or not adjacent:
            if run:
                runs.append(run)
            run = []
        if sk:
            run.append(sk)
        last_end = m.end()
    if run:
        runs.append(run)
    return list(dict.fromkeys(skeleton_keys(runs) + versioned + alternates))


@lru_cache(maxsize=4096)
def org_sound_keys(name: str) -> tuple[str, ...]:
    """``x:``/``y:`` keys of an organisation's canonical (Latin-script) name, so that an Arabic report
    that writes it in Arabic letters but where the classifier did not find it ("دير شبيغل" for Der
    Spiegel) still shares it by sound. Function words ("The", "New") and months are left out; an
    Arabic report leaves out the sounds of the organisations it found itself, so nothing counts
    twice."""
    run = []
    for tok in _tokens(name):
        low = tok.lower()
        if low in STOPWORDS or fold(low) in LATIN_COMMON or any(c.isdigit() for c in tok):
            continue
        run.append(latin_skeleton(tok))
    return tuple(skeleton_keys([[sk for sk in run if sk]]))


def _title_position(org: str, surface: str | None, folded_title: str) -> int | None:
    """Where the headline first names ``org`` (by its name or by the words the text first named it
    with), or None."""
    found = [folded_title.find(fold(org))]
    surf = fold(surface or "")
    if len(surf) >= 3:
        m = re.search(rf"(?<!\w){re.escape(surf)}(?!\w)", folded_title)
        found.append(m.start() if m else -1)
    hits = [x for x in found if x >= 0]
    return min(hits) if hits else None


def _in_words(words: str, text: str) -> bool:
    """``words`` occur in ``text`` as whole words (a surface "X" is not inside "Xavier")."""
    return re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text) is not None


def story_id_for(first_article_id: str) -> str:
    """Deterministic: the story is named after its first report, so a replay names it the same."""
    return "s-" + hashlib.sha256(first_article_id.encode("utf-8")).hexdigest()[:16]
