"""Issue 13, round 11: deals (licensing, investment) and the choice of the primary tag.

``tests/data/classifier_generalise11.jsonl`` holds 36 stories of ours (en 8, fr 8, ar 7, es 7, de 6), each
6-12 sentences like a published page (dateline, quotes, background, catchy headline): 12 no-event stories
dense in deal words (the licensing market analysed, a start-up's backers as background to a hire, an
acquisition rumour denied, a venture fund raising its own fund, a sponsorship partnership, a licence to
operate required by a regulator, valuations discussed, a training agreement for students), 12 deals in
unusual wordings ("will pay for access to its archive", "secured the right to build X's models into",
"accord de contenu", "bouclé un tour de table", "Kooperation ... darf ... nutzen", "sammelt ... ein",
"acuerdo ... para entrenar", "cierra una ronda", "اتفاقية ... لاستخدام محتوى", "حصلت على تمويل", money told
through the investors) and 12 two-event stories whose primary the headline decides (a raise and a launch, a
licence and the suit it settles, a suit and a licence only offered, a licence and a stake). Written and
committed before the classifier ran on it; then micro-F1 0.762, primary 0.694, no-event untagged 4/12,
licensing P 0.56 R 0.83, investment P 0.69 R 0.92 (en 0.632, es 0.706, de 0.800, fr 0.824, ar 0.875): every
primary error came from a wrong tag, none from the choice among right ones.

The cases below are our own sentences for each distinction added in round 11, in en/fr/de/es/ar where the
wording exists, each group with controls that keep the tag; then primary choices on two-event headlines,
including a headline's leading time clause ("Tras cerrar una ronda ..., X lanza ...": the main clause's
event is the headline's: the time clause is context in the tagger's ``_main_clause_start``).
"""

from __future__ import annotations

import pytest

from services.classifier.engine import Classifier
from services.classifier.evaluate import evaluate, read_jsonl
from tests.classifier_helpers import assert_tags, over_cases
from tests.support import REPO

GENERALISE11 = REPO / "tests" / "data" / "classifier_generalise11.jsonl"
OURS = frozenset({"licensing", "investment"})
L, INV = "licensing", "investment"


def test_own_generalisation_set_round_eleven(clf: Classifier) -> None:
    records = read_jsonl(GENERALISE11)
    assert len(records) == 36
    counts = {lang: sum(r["lang"] == lang for r in records) for lang in ("en", "fr", "ar", "es", "de")}
    assert counts == {"en": 8, "fr": 8, "ar": 7, "es": 7, "de": 6}
    assert all(len(r["text"].split(". ")) >= 6 for r in records)
    report = evaluate(records, clf)
    assert report.no_event == 12 and report.no_event_untagged >= 10, report.as_dict()
    # after round 11: micro-F1 0.946, primary 0.972 (35/36), licensing and investment P = R = 1.00
    assert report.micro_f1 >= 0.92 and report.primary_accuracy >= 0.94, report.as_dict()
    for name in OURS:
        scores = report.per_tag[name]
        assert scores.precision >= 0.9 and scores.recall >= 0.9, (name, report.as_dict())


CASES: list[tuple[str, str, str, set[str]]] = [
    # ---- licensing: deals in general between classes, a preference or strategy in general, a deal type
    # defined, the price of a licence
    (
        "deals in general",
        "en",
        "The first wave of agreements between news publishers and AI developers set the prices for archives.",
        set(),
    ),
    (
        "deals in general",
        "en",
        "Most contracts now run for two or three years and include a fee for past articles.",
        set(),
    ),
    ("deals in general", "en", "Buyers prefer licensing models to paying for whole companies.", set()),
    (
        "deals in general",
        "en",
        "In an acqui-hire, in which a big company hires the staff and pays for a licence to the technology, "
        "no company changes hands.",
        set(),
    ),
    (
        "deals in general",
        "en",
        "If training is fair use, the price of a licence falls to the price of convenience.",
        set(),
    ),
    (
        "deals in general",
        "fr",
        "Les accords entre éditeurs et développeurs d'IA portent sur les archives et les articles récents.",
        set(),
    ),
    ("deals in general", "fr", "Les grands groupes préfèrent signer des accords de licence.", set()),
    (
        "deals in general",
        "de",
        "Die Verträge zwischen Verlagen und KI-Firmen umfassen meist Archive und aktuelle Artikel.",
        set(),
    ),
    (
        "deals in general",
        "es",
        "Los acuerdos entre editores y empresas de IA suelen cubrir el archivo y los artículos nuevos.",
        set(),
    ),
    (
        "deals in general",
        "es",
        "Los grandes grupos prefieren firmar acuerdos de licencia o contratar equipos.",
        set(),
    ),
    (
        "deals in general",
        "es",
        "En otros países, editores y autores han optado por negociar licencias.",
        set(),
    ),
    (
        "deals in general",
        "ar",
        "تشمل الاتفاقيات بين الناشرين وشركات الذكاء الاصطناعي عادة الأرشيف والمقالات الجديدة.",
        set(),
    ),
    (
        "deals in general",
        "en",
        "The Halden Post signed a licensing agreement with Verity covering its archive.",
        {L},
    ),
    (
        "deals in general",
        "fr",
        "Le Monde a signé un accord de licence avec Mistral AI portant sur ses archives.",
        {L},
    ),
    (
        "deals in general",
        "de",
        "Der Spiegel hat mit Aleph Alpha einen Lizenzvertrag über sein Archiv geschlossen.",
        {L},
    ),
    ("deals in general", "es", "El País ha firmado un acuerdo de licencia con OpenAI para su archivo.", {L}),
    ("deals in general", "ar", "وقعت صحيفة النهار اتفاقية ترخيص مع أوبن إيه آي لاستخدام أرشيفها.", {L}),
    # ---- licensing: a deal negated by contrast, a sponsorship or marketing partnership
    (
        "not a deal",
        "fr",
        "« C'est un partenariat d'image, pas un accord technologique », a précisé un porte-parole interrogé "
        "sur les données du club.",
        set(),
    ),
    (
        "not a deal",
        "en",
        "It is a marketing partnership, not a licensing deal, a spokesman said when asked about the data.",
        set(),
    ),
    ("not a deal", "es", "Es un acuerdo de patrocinio, no un acuerdo de contenidos, dijo la empresa.", set()),
    (
        "not a deal",
        "de",
        "Es handle sich um einen Sponsoringvertrag und nicht um eine Vereinbarung über Inhalte.",
        set(),
    ),
    ("not a deal", "ar", "قالت الشركة إنها شراكة تسويقية وليست اتفاقية لاستخدام المحتوى.", set()),
    (
        "not a deal",
        "en",
        "The club signed a data licensing deal with the AI firm for its match footage.",
        {L},
    ),
    (
        "not a deal",
        "fr",
        "Le club a signé avec la start-up un accord de licence sur les images de ses matchs.",
        {L},
    ),
    # ---- licensing: a licence offered in a proposal to negotiate
    (
        "licence offered",
        "fr",
        "Le groupe a proposé à Perplexity de négocier une licence qui lui donnerait accès à ses archives "
        "contre rémunération.",
        set(),
    ),
    (
        "licence offered",
        "en",
        "The newspaper offered to negotiate a licence that would give the start-up access to its archive.",
        set(),
    ),
    (
        "licence offered",
        "es",
        "El diario ofreció a la empresa negociar una licencia para usar su archivo.",
        set(),
    ),
    (
        "licence offered",
        "de",
        "Der Verlag bot dem Start-up an, über eine Lizenz für sein Archiv zu verhandeln.",
        set(),
    ),
    ("licence offered", "ar", "عرضت الصحيفة التفاوض على ترخيص يتيح للشركة استخدام أرشيفها.", set()),
    (
        "licence offered",
        "fr",
        "Le groupe a accordé à Perplexity une licence d'accès à ses archives contre rémunération.",
        {L},
    ),
    (
        "licence offered",
        "en",
        "The newspaper granted the start-up a licence to its archive in return for an annual fee.",
        {L},
    ),
    # ---- licensing: a licence to operate from a regulator (needed, applied for, its conditions)
    (
        "regulator's licence",
        "ar",
        "ستحتاج الشركات إلى الحصول على ترخيص من الهيئة لتقديم خدمات الذكاء الاصطناعي.",
        set(),
    ),
    ("regulator's licence", "ar", "هيئة الاتصالات تشترط ترخيصا لتقديم خدمات روبوتات المحادثة.", set()),
    ("regulator's licence", "ar", "ولم تحدد الهيئة حتى الآن رسوم الترخيص.", set()),
    ("regulator's licence", "de", "KI-Anlageberater brauchen künftig eine Lizenz der BaFin.", set()),
    ("regulator's licence", "de", "Für eine Lizenz seien Eigenkapital und ein Compliance-Team nötig.", set()),
    (
        "regulator's licence",
        "en",
        "The start-up has applied for a licence from the financial regulator to offer investment advice.",
        set(),
    ),
    (
        "regulator's licence",
        "es",
        "Las aplicaciones de asesoramiento necesitan una licencia de la CNMV.",
        set(),
    ),
    (
        "regulator's licence",
        "fr",
        "La start-up a déposé une demande d'agrément et devra disposer d'une licence de conseiller.",
        set(),
    ),
    (
        "regulator's licence",
        "ar",
        "وقعت الهيئة العامة للإذاعة اتفاقية ترخيص مع شركة ميسترال لاستخدام أرشيفها.",
        {L},
    ),
    (
        "regulator's licence",
        "de",
        "Der Verlag hat Aleph Alpha eine Lizenz für sein Archiv erteilt.",
        {L},
    ),
    # ---- licensing recall: a right secured, permission to use, a fee per device or in return
    ("right secured", "en", "Sony has secured the right to build Mistral's models into its consoles.", {L}),
    (
        "right secured",
        "en",
        "Sony will pay the French company a fee for every device that ships with the models.",
        {L},
    ),
    (
        "right secured",
        "de",
        "Aleph Alpha darf die Artikel des Magazins nutzen, um seine Modelle zu verbessern.",
        {L},
    ),
    (
        "right secured",
        "de",
        "Das Start-up sicherte sich das Recht, den Bildkatalog der Agentur für das Training zu nutzen.",
        {L},
    ),
    (
        "right secured",
        "es",
        "El pacto permite a la operadora usar los modelos de la startup a cambio de un pago anual.",
        {L},
    ),
    (
        "right secured",
        "es",
        "Telefónica podrá integrar y explotar la tecnología de Multiverse en su red.",
        {L},
    ),
    (
        "right secured",
        "fr",
        "En contrepartie, la start-up versera au groupe une somme annuelle.",
        {L},
    ),
    ("right secured", "ar", "تسمح الاتفاقية للشركة باستخدام الأرشيف مقابل رسوم سنوية.", {L}),
    ("right secured", "de", "Unternehmen dürfen die Modelle nach den Nutzungsbedingungen einsetzen.", set()),
    (
        "right secured",
        "de",
        "Das Gericht urteilte, KI-Firmen dürfen öffentlich zugängliche Texte nutzen.",
        set(),
    ),
    ("right secured", "es", "Los usuarios podrán usar los modelos de la empresa desde hoy.", set()),
    ("right secured", "en", "Customers get the right to use the software for a year.", set()),
    ("right secured", "en", "Users get the assistant in exchange for a monthly fee.", set()),
    # ---- licensing recall (probes): rights ceded or conceded, paid for the use, content fed into a product
    ("rights ceded", "fr", "Mistral rémunérera l'AFP pour l'utilisation de ses dépêches dans Le Chat.", {L}),
    (
        "rights ceded",
        "fr",
        "Le groupe a concédé à Google l'utilisation de son catalogue musical pour entraîner ses modèles.",
        {L},
    ),
    ("rights ceded", "fr", "L'éditeur a cédé à Anthropic le droit d'exploiter 20 000 ouvrages.", {L}),
    ("rights ceded", "fr", "Le Parisien a signé avec Microsoft : ses articles nourriront Copilot.", {L}),
    (
        "rights ceded",
        "fr",
        "Deezer ouvre l'accès à son catalogue aux développeurs d'IA moyennant finances.",
        {L},
    ),
    ("rights ceded", "es", "Mistral remunerará a la agencia EFE por el uso de sus noticias en Le Chat.", {L}),
    (
        "rights ceded",
        "es",
        "Los textos del periódico servirán para entrenar los modelos de Anthropic gracias al pacto firmado.",
        {L},
    ),
    (
        "rights ceded",
        "es",
        "La editorial cede a Meta el uso de su catálogo a cambio de una cantidad anual.",
        {L},
    ),
    (
        "rights ceded",
        "es",
        "Sony Music ha cedido los derechos de su catálogo a la startup para entrenar modelos.",
        {L},
    ),
    (
        "rights ceded",
        "en",
        "Reddit will let Google train its models on posts in return for $60 million a year.",
        {L},
    ),
    (
        "rights ceded",
        "de",
        "Die Texte der Zeitung fließen künftig in die Antworten von ChatGPT ein, dafür zahlt OpenAI eine "
        "jährliche Summe.",
        {L},
    ),
    (
        "rights ceded",
        "de",
        "Der Verlag räumt Microsoft das Recht ein, seine Artikel in Copilot zu verwenden.",
        {L},
    ),
    (
        "rights ceded",
        "fr",
        "Le tribunal a condamné la start-up à rémunérer l'agence pour l'utilisation de ses dépêches.",
        set(),
    ),
    ("rights ceded", "es", "Los usuarios pagarán 10 euros al mes por el uso de la aplicación.", set()),
    ("rights ceded", "de", "Der Verlag räumt ein, dass die Zahlen nicht stimmen.", set()),
    # ---- licensing (probes): deals counted by a class, licensing as income, a model contract, a wish to
    # license, a job, an order requiring a licence, a plan to sign, an offer studied, a licensing department
    (
        "deals counted or wished",
        "en",
        "Publishers have struck dozens of content deals with AI companies over the past two years.",
        set(),
    ),
    (
        "deals counted or wished",
        "en",
        "Licensing has become a second income for some newspapers, executives said at the conference.",
        set(),
    ),
    (
        "deals counted or wished",
        "en",
        "The guild published a model contract for authors who want to license their books to AI firms.",
        set(),
    ),
    (
        "deals counted or wished",
        "en",
        "Her agency negotiates content deals on behalf of regional papers.",
        set(),
    ),
    (
        "deals counted or wished",
        "en",
        "The lawsuit seeks damages and an order requiring OpenAI to license the content it uses.",
        set(),
    ),
    (
        "deals counted or wished",
        "ar",
        "تسعى الصحف العربية إلى إبرام اتفاقيات ترخيص مع شركات الذكاء الاصطناعي.",
        set(),
    ),
    (
        "deals counted or wished",
        "ar",
        "قال محللون إن اتفاقيات الترخيص أصبحت مصدر دخل مهما للناشرين.",
        set(),
    ),
    ("deals counted or wished", "ar", "يعمل قسم التراخيص في الشركة على مراجعة العقود.", set()),
    ("deals counted or wished", "ar", "تدرس الصحيفة عرضا من شركة أمريكية لترخيص أرشيفها.", set()),
    (
        "deals counted or wished",
        "de",
        "Verlage haben in den vergangenen zwei Jahren Dutzende Lizenzdeals mit KI-Firmen geschlossen.",
        set(),
    ),
    (
        "deals counted or wished",
        "fr",
        "Les éditeurs ont signé des dizaines d'accords avec les entreprises d'IA ces deux dernières années.",
        set(),
    ),
    (
        "deals counted or wished",
        "es",
        "Los editores han firmado decenas de acuerdos con empresas de IA en los últimos dos años.",
        set(),
    ),
    (
        "deals counted or wished",
        "en",
        "OpenAI signed a content licensing deal with the Guardian on Monday.",
        {L},
    ),
    ("deals counted or wished", "ar", "وقعت صحيفة الشرق الأوسط اتفاقية ترخيص مع شركة ميسترال.", {L}),
    ("deals counted or wished", "de", "Der Verlag hat einen Lizenzdeal mit OpenAI geschlossen.", {L}),
    # ---- licensing (probes): a career, what a law lets or allows, a memorandum of understanding, a
    # medicine's authorisation, licensed professionals
    (
        "law or career",
        "en",
        "He spent ten years negotiating music licences at Universal before joining the start-up.",
        set(),
    ),
    (
        "law or career",
        "en",
        "The EU copyright rules let rights holders opt out of text and data mining.",
        set(),
    ),
    (
        "law or career",
        "fr",
        "La directive permet aux ayants droit de s'opposer à la fouille de leurs textes et données.",
        set(),
    ),
    (
        "law or career",
        "es",
        "La ley permite a los autores excluir sus obras del entrenamiento de modelos.",
        set(),
    ),
    (
        "law or career",
        "de",
        "Das Gesetz erlaubt Rechteinhabern, der Nutzung ihrer Werke für das Training zu widersprechen.",
        set(),
    ),
    ("law or career", "ar", "وقعت الشركتان مذكرة تفاهم لاستكشاف التعاون في مجال المحتوى الرقمي.", set()),
    ("law or career", "ar", "حصل الدواء على ترخيص استخدام طارئ من هيئة الغذاء والدواء.", set()),
    ("law or career", "ar", "يربط التطبيق المرضى بأطباء نفسيين مرخصين.", set()),
    (
        "law or career",
        "en",
        "The lab has licensed its model to three banks, which use it for fraud checks.",
        {L},
    ),
    ("law or career", "ar", "منحت شركة غيتي إيماجز ترخيصا لشركة ناشئة لاستخدام صورها في تدريب نماذجها.", {L}),
    (
        "law or career",
        "ar",
        "اتفقت الصحيفة مع أوبن إيه آي على السماح لها باستخدام أرشيفها مقابل مبلغ سنوي.",
        {L},
    ),
    # ---- investment recall: money told through the investors, all the shares bought
    (
        "from investors",
        "en",
        "Three investors are putting a combined $450 million into Halvard Robotics.",
        {INV},
    ),
    ("from investors", "en", "Halvard took $450 million from investors led by Lightspeed.", {INV}),
    (
        "from investors",
        "fr",
        "H Company a obtenu 400 millions d'euros de la part d'un groupe d'investisseurs emmené par Samsung.",
        {INV},
    ),
    (
        "from investors",
        "de",
        "Black Forest Labs sammelt bei Investoren um Salesforce Ventures 300 Millionen Dollar ein.",
        {INV},
    ),
    (
        "from investors",
        "de",
        "Das Start-up erhält 50 Millionen Euro von Investoren um Index Ventures.",
        {INV},
    ),
    (
        "from investors",
        "es",
        "Cervantia ha sumado 25 millones de euros de un grupo de inversores encabezado por Partech.",
        {INV},
    ),
    (
        "from investors",
        "ar",
        "حصلت شركة مداد على تمويل بقيمة 45 مليون دولار من مجموعة من المستثمرين.",
        {INV},
    ),
    ("from investors", "ar", "دفعت المجموعة 120 مليون دولار لشراء جميع أسهم الشركة الناشئة.", {INV}),
    (
        "from investors",
        "es",
        "La empresa obtuvo una subvención de 2 millones de euros de fondos públicos.",
        set(),
    ),
    ("from investors", "de", "Das Start-up erhält 5 Millionen Euro Fördermittel vom Land.", set()),
    ("from investors", "ar", "حصلت الجامعة على منحة بقيمة مليون دولار.", set()),
    # ---- investment: a rumour denied, an approach, a conditional valuation
    (
        "rumour denied",
        "en",
        "Cohere denied a report that it was in talks to be acquired by a software group.",
        set(),
    ),
    (
        "rumour denied",
        "en",
        "The report said the buyer had approached the company about a takeover that would value it at "
        "$8 billion.",
        set(),
    ),
    (
        "rumour denied",
        "fr",
        "La société a démenti être en discussions pour être rachetée par un groupe américain.",
        set(),
    ),
    (
        "rumour denied",
        "de",
        "Das Unternehmen dementierte Berichte über Übernahmegespräche mit einem US-Konzern.",
        set(),
    ),
    (
        "rumour denied",
        "es",
        "Freepik ha negado que esté negociando su venta a un gigante del software.",
        set(),
    ),
    ("rumour denied", "ar", "نفت الشركة تقارير عن محادثات للاستحواذ عليها من قبل مجموعة أمريكية.", set()),
    ("rumour denied", "en", "Oracle agreed to acquire Cohere for $8 billion, the companies said.", {INV}),
    ("rumour denied", "fr", "Le groupe américain a racheté la start-up pour 2 milliards d'euros.", {INV}),
    ("rumour denied", "de", "Der US-Konzern übernimmt das Unternehmen für zwei Milliarden Euro.", {INV}),
    ("rumour denied", "es", "Adobe ha comprado la empresa malagueña por 2.000 millones de euros.", {INV}),
    ("rumour denied", "ar", "استحوذت المجموعة الأمريكية على الشركة مقابل ملياري دولار.", {INV}),
    # ---- investment: a fund raising its own fund, ticket sizes, fundraising as a trend, valuations of a
    # class, what a class spends, Europe is not the euro
    ("no money into a company", "fr", "Elaia a levé 250 millions d'euros pour son nouveau fonds.", set()),
    (
        "no money into a company",
        "en",
        "The firm closed its third fund at $400 million, backed by pension funds.",
        set(),
    ),
    (
        "no money into a company",
        "en",
        "The fund will write tickets of $2 million to $15 million in about 30 companies.",
        set(),
    ),
    (
        "no money into a company",
        "es",
        "La inversión en startups de salud digital en España se ha duplicado en el último año.",
        set(),
    ),
    (
        "no money into a company",
        "de",
        "Die Bewertungen europäischer KI-Unternehmen sind stark gestiegen, doch viele Investoren zweifeln.",
        set(),
    ),
    (
        "no money into a company",
        "fr",
        "La valorisation des start-up d'IA reste un sujet d'inquiétude pour les souscripteurs.",
        set(),
    ),
    (
        "no money into a company",
        "en",
        "That is small next to what the same companies spend on chips, about $1 billion a year.",
        set(),
    ),
    (
        "no money into a company",
        "de",
        "Die Stimmung unter europäischen Investoren hat sich eingetrübt.",
        set(),
    ),
    (
        "no money into a company",
        "ar",
        "افتتحت غوغل مركزا للبيانات في الدوحة بالتعاون مع جهاز قطر للاستثمار.",
        set(),
    ),
    (
        "no money into a company",
        "fr",
        "Nimbus a bouclé un tour de table de 42 millions d'euros mené par Accel.",
        {INV},
    ),
    (
        "no money into a company",
        "en",
        "Halvard raised $450 million in a round led by Lightspeed that values it at $3.1 billion.",
        {INV},
    ),
    (
        "no money into a company",
        "de",
        "Investoren stecken 200 Millionen Euro in das Münchner Start-up.",
        {INV},
    ),
    ("no money into a company", "es", "Lúmina Labs ha cerrado una ronda de 60 millones de euros.", {INV}),
    (
        "no money into a company",
        "ar",
        "جمعت الشركة 80 مليون دولار في جولة تمويل بتقييم 500 مليون دولار.",
        {INV},
    ),
    # ---- a share of revenue is not a stake (in return for content it is a licence)
    (
        "revenue share",
        "de",
        "Im Gegenzug erhalten die Urheber einen Anteil an den Einnahmen.",
        {L},
    ),
    ("revenue share", "en", "Authors get a share of the revenue the assistant earns.", set()),
    ("revenue share", "fr", "Les auteurs touchent une part des revenus de l'assistant.", set()),
    ("revenue share", "es", "Los autores reciben una parte de los ingresos del asistente.", set()),
    ("revenue share", "ar", "يحصل المؤلفون على حصة من الإيرادات.", set()),
    ("revenue share", "en", "The fund took a 10% stake in the start-up for $50 million.", {INV}),
    (
        "revenue share",
        "de",
        "Der Konzern übernimmt 20 Prozent der Anteile an dem Start-up für 50 Millionen Euro.",
        {INV},
    ),
]


@over_cases(CASES)
def test_round_eleven_deal_senses(clf: Classifier, lang: str, text: str, expected: set[str]) -> None:
    assert_tags(clf, lang, text, expected, among=OURS)


def test_every_distinction_has_controls_in_several_languages() -> None:
    groups: dict[str, tuple[set[str], int, int]] = {}
    for group, lang, _text, expected in CASES:
        langs, tagged, untagged = groups.get(group, (set(), 0, 0))
        groups[group] = (langs | {lang}, tagged + bool(expected), untagged + (not expected))
    for group, (langs, tagged, untagged) in groups.items():
        assert len(langs) >= 4, (group, langs)
        assert tagged >= 2 and untagged >= 2, (group, tagged, untagged)


# (lang, title, text, primary): two-event stories; the headline's main event is primary
PRIMARY_CASES: list[tuple[str, str, str, str]] = [
    (
        "es",
        "Tras cerrar una ronda de 60 millones, Lúmina lanza su primer producto",
        "Lúmina Labs ha lanzado este martes Retina, su primer producto, que ya está disponible en clínicas. "
        "La empresa cerró el mes pasado una ronda de 60 millones de euros liderada por General Catalyst.",
        "launch",
    ),
    (
        "ar",
        "بعد جمع 80 مليون دولار، «نهى» تطلق مساعدها الصوتي",
        "أطلقت شركة نهى اليوم الخميس مساعدها الصوتي سند، وأصبح التطبيق متاحا للتحميل. وكانت الشركة قد "
        "جمعت 80 مليون دولار في جولة تمويل قادها صندوق مبادلة الشهر الماضي.",
        "launch",
    ),
    (
        "en",
        "Weeks after its $500m raise, ElevenLabs releases a voice model for 70 languages",
        "ElevenLabs on Tuesday released Eleven v4, a speech model that speaks 70 languages. The model is "
        "available from today to all subscribers. The launch comes three weeks after the company raised "
        "$500 million in a round led by Sequoia Capital.",
        "launch",
    ),
    (
        "fr",
        "Après sa levée de 600 millions, Mistral lance un modèle de raisonnement",
        "Mistral AI a lancé mardi Magistral 2, un modèle de raisonnement disponible dès aujourd'hui. La "
        "semaine dernière, la start-up a levé 600 millions d'euros lors d'un tour de table mené par "
        "General Catalyst.",
        "launch",
    ),
    # controls: the raise is the main clause's event
    (
        "es",
        "Lúmina cierra una ronda de 60 millones tras lanzar su primer producto",
        "Lúmina Labs ha cerrado una ronda de 60 millones de euros liderada por General Catalyst. La empresa "
        "ha lanzado este martes Retina, su primer producto, que ya está disponible en clínicas.",
        "investment",
    ),
    (
        "en",
        "ElevenLabs raises $500m, days after releasing a voice model",
        "ElevenLabs has raised $500 million in a round led by Sequoia Capital that values it at $11 billion. "
        "On Tuesday the company released Eleven v4, a speech model that is available from today.",
        "investment",
    ),
    (
        "ar",
        "«نهى» تجمع 80 مليون دولار بعد إطلاق مساعدها الصوتي",
        "جمعت شركة نهى 80 مليون دولار في جولة تمويل قادها صندوق مبادلة بتقييم 500 مليون دولار. وأطلقت "
        "الشركة اليوم الخميس مساعدها الصوتي سند، وأصبح التطبيق متاحا للتحميل.",
        "investment",
    ),
    # a licence and the suit it settles; a licence and a stake: the headline's event
    (
        "fr",
        "Universal Music ouvre son catalogue à Udio et enterre la hache de guerre",
        "Universal Music Group autorise désormais Udio à utiliser les enregistrements de son catalogue pour "
        "entraîner ses modèles, dans le cadre d'un accord de licence. L'accord met fin au procès que la "
        "major avait intenté contre la start-up devant un tribunal fédéral.",
        "licensing",
    ),
    (
        "es",
        "Telefónica podrá integrar los modelos comprimidos de Multiverse en su red",
        "Telefónica podrá integrar y explotar la tecnología de Multiverse Computing en su red, según el "
        "acuerdo presentado este jueves. Además, el brazo inversor de Telefónica ha tomado una participación "
        "minoritaria en Multiverse por unos 20 millones de euros.",
        "licensing",
    ),
]


@pytest.mark.parametrize(
    ("lang", "title", "text", "primary"),
    PRIMARY_CASES,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(PRIMARY_CASES)],
)
def test_round_eleven_primary_follows_the_headline(
    clf: Classifier, lang: str, title: str, text: str, primary: str
) -> None:
    got = clf.classify(title, text, lang)
    assert len(got.tags) >= 2, got.tag_names
    assert got.primary_tag == primary, (got.primary_tag, got.tag_names)


# (lang, title, text, licensing primary?): deals told in a headline (probes of ours), with controls
HEADLINE_DEALS: list[tuple[str, str, str, bool]] = [
    (
        "fr",
        "L'AFP vend ses dépêches à Mistral AI",
        "L'Agence France-Presse fournira désormais ses dépêches à Mistral AI, qui les utilisera dans son "
        "assistant Le Chat. Le montant n'a pas été dévoilé.",
        True,
    ),
    (
        "fr",
        "OpenAI paiera Le Monde pour ses articles",
        "OpenAI versera chaque année une somme au quotidien, dont les articles apparaîtront dans les "
        "réponses de ChatGPT.",
        True,
    ),
    (
        "es",
        "OpenAI pagará a PRISA por sus contenidos",
        "OpenAI abonará una cantidad anual al grupo PRISA, cuyos contenidos de El País y AS aparecerán en "
        "las respuestas de ChatGPT.",
        True,
    ),
    (
        "es",
        "La SGAE da luz verde a Suno para usar su repertorio",
        "La SGAE ha autorizado a Suno a utilizar las canciones de su repertorio en España a cambio de un "
        "porcentaje de los ingresos.",
        True,
    ),
    (
        "fr",
        "Les lecteurs paient pour ses articles depuis 2010",
        "Le quotidien a été l'un des premiers à rendre son site payant. Il compte aujourd'hui "
        "500 000 abonnés.",
        False,
    ),
    (
        "fr",
        "L'éditeur vend ses archives papier à une bibliothèque",
        "Les volumes reliés du journal, de 1900 à 1980, rejoindront les rayons de la bibliothèque "
        "municipale.",
        False,
    ),
]


@pytest.mark.parametrize(
    ("lang", "title", "text", "licensing"),
    HEADLINE_DEALS,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(HEADLINE_DEALS)],
)
def test_round_eleven_deals_in_headlines(
    clf: Classifier, lang: str, title: str, text: str, licensing: bool
) -> None:
    got = clf.classify(title, text, lang)
    assert (got.primary_tag == "licensing") is licensing, (got.primary_tag, got.tag_names)
    assert ("licensing" in got.tag_names) is licensing, got.tag_names
