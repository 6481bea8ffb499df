"""The classifier on the demo corpus (wirewatch/demo/articles, labelled per ../shared/datasets/LABELS.md),
which the end-to-end test expects to come out of the pipeline with its exact tags and organisations,
and the sense rules that corpus exercises, checked on our own sentences in every tagged language."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from services.classifier.engine import Classifier
from services.classifier.evaluate import demo_records, evaluate
from wirewatch.cli import app
from wirewatch.demo.corpus import load_articles


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier()


def test_demo_records_follow_the_labels_format() -> None:
    records = demo_records()
    assert len(records) == len(load_articles())
    for rec in records:
        assert set(rec) >= {"id", "lang", "title", "text", "tags", "primary", "orgs"}
        assert (rec["primary"] is None) == (not rec["tags"])


def test_demo_corpus_scores(clf: Classifier) -> None:
    report = evaluate(demo_records(), clf)
    wrong_primary = [
        (m.id, m.gold_primary, m.pred_primary) for m in report.misses if m.gold_primary != m.pred_primary
    ]
    assert wrong_primary == []
    inexact = [
        (m.id, m.gold_tags, m.pred_tags) for m in report.misses if set(m.gold_tags) != set(m.pred_tags)
    ]
    assert 1 - len(inexact) / report.n >= 0.90, inexact
    assert report.org_f1 >= 0.95, [(m.id, m.missing_orgs, m.extra_orgs) for m in report.misses]


def test_classify_demo_command() -> None:
    result = CliRunner().invoke(app, ["classify", "--demo", "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["stories"] == len(load_articles())
    assert scores["primary_accuracy"] == 1.0, scores
    assert scores["org_f1"] >= 0.95, scores


def test_classify_demo_and_eval_are_exclusive(tmp_path: object) -> None:
    result = CliRunner().invoke(app, ["classify", "--demo", "--eval", __file__, "--json"])
    assert result.exit_code != 0


# Sense distinctions of LABELS.md, in our own words (not the corpus's), per language:
# (lang, title, text, expected tags). The cases with a non-empty expectation are controls: the
# sense rules must not take away a real launch, proceeding, stake or licence.
SENSES: dict[str, list[tuple[str, str, str, set[str]]]] = {
    "a study, consultation or probe launched is not a product launch": [
        (
            "en",
            "Regulator opens review",
            (
                "The Federal Trade Commission on Tuesday launched a sweeping inquiry into AI chatbots "
                "aimed at children. It wants answers within 45 days."
            ),
            set(),
        ),
        (
            "en",
            "EU body kicks off consultation",
            (
                "The European AI Office launched this week a public consultation on general-purpose "
                "model guidelines."
            ),
            set(),
        ),
        (
            "en",
            "Watchdog starts study",
            "Ofcom started a year-long market study of generative search, it said on Friday.",
            set(),
        ),
        (
            "fr",
            "La CNIL lance un appel à contributions",
            "La CNIL a lancé hier un appel à contributions sur les modèles d'IA générative.",
            set(),
        ),
        (
            "fr",
            "L'Arcom ouvre une étude",
            ("L'Arcom a ouvert mardi une étude sur les assistants d'IA et leur effet sur l'information."),
            set(),
        ),
        (
            "de",
            "Ministerium startet Konsultation",
            ("Das Digitalministerium hat am Montag eine öffentliche Konsultation zu KI-Modellen gestartet."),
            set(),
        ),
        (
            "ar",
            "الهيئة تطلق دراسة",
            ("أطلقت هيئة المنافسة يوم الاثنين دراسة سوقية حول نماذج الذكاء الاصطناعي وأثرها على المستهلكين."),
            set(),
        ),
        (
            "es",
            "La CNMC lanza un estudio",
            "La CNMC lanzó el lunes un amplio estudio de mercado sobre los asistentes de IA.",
            set(),
        ),
        (
            "it",
            "L'AGCM avvia un'indagine conoscitiva",
            "L'AGCM ha avviato ieri una nuova indagine conoscitiva sui modelli di IA.",
            set(),
        ),
        (
            "pt",
            "ANPD abre consulta",
            "A ANPD abriu nesta segunda uma consulta pública sobre modelos de IA.",
            set(),
        ),
        (
            "nl",
            "ACM start marktonderzoek",
            "De ACM start deze week een breed marktonderzoek naar AI-assistenten.",
            set(),
        ),
        (
            "en",
            "OpenAI adds study mode",
            "OpenAI launched a new study mode in ChatGPT for students on Tuesday.",
            {"launch"},
        ),
        (
            "en",
            "Startup launches AI review tool",
            "The startup launched a code review tool powered by its own model for developers.",
            {"launch"},
        ),
        (
            "ar",
            "شركة تطلق نموذجا بعد دراسة",
            "أطلقت الشركة نموذجا جديدا بعد دراسة طويلة لاحتياجات المستخدمين.",
            {"launch"},
        ),
    ],
    "releases as a noun, or an adjective participle, is not a release event": [
        (
            "en",
            "Hosting platform grows",
            (
                "The platform has become the default home for open-weight releases and press releases "
                "alike. Its business rests on openly released model weights from other labs."
            ),
            set(),
        ),
        (
            "en",
            "Google ships Gemini 3",
            "Google recently released Gemini 3, its new model, to all users.",
            {"launch"},
        ),
    ],
    "a negated proceeding is not a lawsuit": [
        (
            "en",
            "Agency reviews AI agents",
            (
                "The agency said the review is not an enforcement action and does not open formal "
                "proceedings against any company."
            ),
            set(),
        ),
        (
            "en",
            "Commission says no probe",
            (
                "The commission said it had not opened an investigation into the chatbot and would "
                "not bring charges."
            ),
            set(),
        ),
        (
            "fr",
            "Pas d'enquête",
            (
                "La Commission a précisé qu'elle n'ouvre pas d'enquête formelle à ce stade : aucune "
                "procédure n'est engagée."
            ),
            set(),
        ),
        (
            "de",
            "Kein Verfahren",
            (
                "Das Amt betonte, es handle sich nicht um ein Verfahren gegen einzelne Unternehmen. "
                "Es gebe kein förmliches Verfahren."
            ),
            set(),
        ),
        (
            "ar",
            "الهيئة لا تفتح تحقيقا",
            "وأوضحت الهيئة أنها لا تفتح تحقيقا رسميا ضد أي شركة، وأن الدراسة ليست تحقيقا.",
            set(),
        ),
        (
            "nl",
            "Geen boete",
            "De toezichthouder legt geen boete op en start geen procedure.",
            set(),
        ),
        (
            "en",
            "Judge refuses to dismiss lawsuit",
            (
                "A federal judge did not dismiss the lawsuit brought by authors against the AI "
                "company, ruling the claims can proceed."
            ),
            {"lawsuit"},
        ),
        (
            "en",
            "Regulator fines chatbot maker",
            (
                "The regulator fined the chatbot maker €15 million for privacy breaches. The company "
                "said it would not appeal."
            ),
            {"lawsuit"},
        ),
        (
            "it",
            "Il Garante multa",
            ("Il Garante ha inflitto una multa di 15 milioni di euro a OpenAI; non è la prima sanzione."),
            {"lawsuit"},
        ),
        (
            "ar",
            "الهيئة تغرم شركة",
            ("فرضت هيئة حماية البيانات غرامة قدرها 5 ملايين يورو على الشركة، ولم تستأنف الشركة الحكم."),
            {"lawsuit"},
        ),
    ],
    "a software licence named in passing, in any script, is not licensing": [
        (
            "en",
            "Lab releases open model",
            (
                "The lab released a new open model on Hugging Face. The model is under the MIT "
                "licence, and the licence allows commercial use of the model."
            ),
            {"launch"},
        ),
        (
            "en",
            "Lab opens code",
            "The lab released its tokenizer under the Apache 2.0 license on GitHub.",
            set(),
        ),
        (
            "ar",
            "مختبر ينشر نموذجا مفتوحا",
            "نشر المختبر أوزان النموذج برخصة إم آي تي، والرخصة تسمح باستخدام النموذج تجاريا.",
            set(),
        ),
        (
            "ar",
            "نموذج برخصة جي بي إل",
            "صدر النموذج بموجب رخصة جي بي إل العامة، وهي رخصة برمجيات حرة.",
            set(),
        ),
        (
            "fr",
            "Un modèle ouvert",
            (
                "Le modèle est distribué sous licence Creative Commons et la licence autorise un "
                "usage commercial du modèle."
            ),
            set(),
        ),
        (
            "de",
            "Offenes Modell",
            (
                "Das Modell steht unter der Apache-Lizenz 2.0, die Lizenz erlaubt auch die "
                "kommerzielle Nutzung des Modells."
            ),
            set(),
        ),
    ],
    "use without a licence is an accusation, not a licence": [
        (
            "en",
            "Labels sue AI music startup",
            (
                "The record labels sued the startup, accusing it of training its model on their "
                "recordings without a licence. The case was filed in Boston."
            ),
            {"lawsuit"},
        ),
        (
            "fr",
            "Des éditeurs assignent une start-up",
            (
                "Les éditeurs ont assigné la start-up en justice, l'accusant d'avoir utilisé leurs "
                "articles sans licence pour entraîner ses modèles."
            ),
            {"lawsuit"},
        ),
        (
            "de",
            "Verlag verklagt KI-Firma",
            (
                "Der Verlag hat die KI-Firma verklagt. Sie habe Artikel ohne gültige Lizenz für das "
                "Training genutzt."
            ),
            {"lawsuit"},
        ),
        (
            "ar",
            "ناشر يقاضي شركة ذكاء اصطناعي",
            ("رفع الناشر دعوى قضائية ضد الشركة متهما إياها باستخدام مقالاته دون ترخيص لتدريب نماذجها."),
            {"lawsuit"},
        ),
        (
            "es",
            "Editores demandan a una empresa de IA",
            (
                "Los editores presentaron una demanda contra la empresa por usar sus artículos sin "
                "licencia para entrenar modelos."
            ),
            {"lawsuit"},
        ),
    ],
    "a share of data or users is not an equity stake": [
        (
            "en",
            "Model adds languages",
            (
                "The share of non-English training data doubled to 40 percent, the company said, as "
                "the model now covers 30 languages."
            ),
            set(),
        ),
        (
            "de",
            "Mehr Deutsch im Modell",
            "Der Anteil deutscher Texte an den Trainingsdaten stieg auf zwölf Prozent.",
            set(),
        ),
        (
            "fr",
            "Plus de français",
            "La part des données en français a doublé pour atteindre 15 %.",
            set(),
        ),
        (
            "it",
            "Più italiano",
            "La quota di dati in italiano è salita al 20% nel nuovo corpus.",
            set(),
        ),
        (
            "es",
            "Más español",
            "La proporción de datos en español subió al 25% del total.",
            set(),
        ),
        (
            "pt",
            "Mais português",
            "A participação de dados em português subiu para 18% do total.",
            set(),
        ),
        (
            "ar",
            "مزيد من العربية",
            "وارتفعت حصة البيانات العربية في مجموعة التدريب إلى 15 في المئة.",
            set(),
        ),
        (
            "de",
            "Konzern kauft Anteile",
            "Der Konzern übernimmt 20 Prozent der Anteile an dem Start-up für 300 Millionen Euro.",
            {"investment"},
        ),
        (
            "de",
            "Microsoft hält Anteile",
            ("Microsoft hält Anteile an OpenAI im Wert von rund 13 Milliarden Dollar und stockt weiter auf."),
            {"investment"},
        ),
    ],
    "availability as a property is not a release; becoming available is": [
        (
            "en",
            "Company defends training",
            (
                "The company argued that training on publicly available data is fair use. Data that "
                "is available to the public can be read by anyone, it said."
            ),
            set(),
        ),
        (
            "ar",
            "رأي",
            "الأدوات مفيدة ومتاحة للجميع، لكن اللغة تحتاج إلى أكثر من ذلك.",
            set(),
        ),
        (
            "fr",
            "La société se défend",
            ("La société affirme que les données disponibles en ligne peuvent être utilisées librement."),
            set(),
        ),
        (
            "de",
            "Daten",
            ("Das Unternehmen sagt, öffentlich verfügbare Daten dürften für das Training genutzt werden."),
            set(),
        ),
        (
            "ar",
            "ميزة جديدة",
            "أصبحت الميزة متاحة للجميع الآن في تطبيق جيميني.",
            {"launch"},
        ),
        (
            "ar",
            "جوجل تطلق ميزة",
            "أطلقت جوجل اليوم ميزة جديدة في تطبيق جيميني، وهي متاحة للجميع مجانا.",
            {"launch"},
        ),
        (
            "fr",
            "Nouvelle fonction",
            "La fonction est désormais disponible en français pour tous les utilisateurs.",
            {"launch"},
        ),
        (
            "de",
            "Neue Modelle",
            "Die neuen Modelle sind ab sofort für alle Kunden verfügbar.",
            {"launch"},
        ),
    ],
    "training people and data centres are not content licensing": [
        (
            "en",
            "Nvidia expands training",
            (
                "Nvidia said it is partnering with universities to train graduates on its software "
                "tools and platforms."
            ),
            set(),
        ),
        (
            "fr",
            "Partenariat universitaire",
            (
                "L'entreprise a signé un partenariat avec des écoles pour former des jeunes diplômés "
                "à ses outils et données."
            ),
            set(),
        ),
        (
            "de",
            "Kooperation mit Hochschulen",
            (
                "In Kooperation mit Hochschulen will der Konzern Studierende an seinen Werkzeugen "
                "schulen und die Modelle nutzen."
            ),
            set(),
        ),
        (
            "en",
            "Startup raises money",
            ("The startup said the proceeds would pay for an expansion of its data center in Texas."),
            set(),
        ),
        (
            "en",
            "Publisher signs licensing deal",
            ("The publisher signed a licensing deal giving the AI lab access to its archive for training."),
            {"licensing"},
        ),
        (
            "ar",
            "اتفاقية ترخيص",
            ("وقعت الصحيفة اتفاقية ترخيص مع الشركة تسمح باستخدام أرشيفها لتدريب النماذج مقابل رسوم."),
            {"licensing"},
        ),
    ],
}

CASES = [
    pytest.param(lang, title, text, expected, id=f"{sense[:24]}-{lang}-{n}")
    for sense, cases in SENSES.items()
    for n, (lang, title, text, expected) in enumerate(cases)
]


@pytest.mark.parametrize(("lang", "title", "text", "expected"), CASES)
def test_sense_rules(clf: Classifier, lang: str, title: str, text: str, expected: set[str]) -> None:
    got = clf.classify(title, text, lang)
    assert set(got.tag_names) == expected, [(t.name, [e.text for e in t.evidence]) for t in got.tags]


def test_ambiguous_names_and_new_orgs(clf: Classifier) -> None:
    # "Welt" alone is the German noun; the newspaper is "Die Welt" / "WELT"
    assert clf.classify(None, "KI verändert die Welt, sagt OVHcloud.", "de").orgs == ["OVHcloud"]
    assert clf.classify(None, "Ein Interview mit der Zeitung Die Welt.", "de").orgs == ["Welt"]
    assert "Scaleway" in clf.classify(None, "Scaleway et Mistral AI signent un accord.", "fr").orgs
