"""Sense distinctions found on the tags of ``tests/data/orgs_generalise.jsonl`` (written for
organisations, its tags labelled without looking at the tagger): our own sentences, each class with
controls that keep the tag.

* a media organisation that only credits the report (a dateline agency in parentheses, a byline)
  is no party to a media deal;
* a release "under an open licence" names a software licence;
* Arabic cooperation and development agreements (بالتعاون مع, بالشراكة مع, لتطوير حلول) and
  data centres are no licence;
* researchers presenting a method release no product;
* buying power for data centres is a supply contract, not an investment.
"""

from __future__ import annotations

import pytest

from services.classifier.engine import Classifier

CASES = [
    # (lang, title, text, tag, expected)
    ("fr", "Orange et Capgemini s'allient", "MONTRÉAL (La Presse canadienne) - Orange et Capgemini ont "
     "annoncé la création d'une coentreprise, en partenariat avec le Mouvement Desjardins.", "licensing",
     False),
    ("en", "Two firms team up", "(Reuters) - Nexora and Brightline signed a partnership on Tuesday to sell "
     "AI tools to banks.", "licensing", False),
    ("es", "EFE firma con Google", "La agencia española (EFE) firmó un acuerdo con Google para su "
     "asistente de inteligencia artificial.", "licensing", True),  # in brackets, but a party: no dateline
    ("fr", "Le Monde signe avec OpenAI", "Le Monde a signé un partenariat avec OpenAI pour que ChatGPT cite "
     "ses articles.", "licensing", True),
    ("en", "Kestrel publishes K2", "Kestrel released the weights of its K2 model on Tuesday under an open "
     "licence that allows commercial use.", "licensing", False),
    ("es", "Kestrel publica K2", "Kestrel publicó los pesos de su modelo K2 bajo una licencia abierta.",
     "licensing", False),
    ("en", "Kestrel licenses archive", "Kestrel signed a licensing agreement with the Daily Ledger to use "
     "its archive.", "licensing", True),
    ("es", "Kestrel firma con El Faro", "Kestrel firmó un acuerdo de licencia con el diario El Faro para "
     "usar su archivo.", "licensing", True),
    ("ar", "منصة جديدة", "أطلقت الهيئة الوطنية للبيانات، بالشراكة مع شركة نوفا، منصة تتيح للجهات الحكومية "
     "استخدام نماذج لغوية عربية.", "licensing", False),
    ("ar", "اتفاقية صناعية", "وقعت شركة أرامكو اتفاقية مع شركة كوالكوم لتطوير حلول الذكاء الاصطناعي للقطاع "
     "الصناعي، بحضور ممثلين عن وزارة الاتصالات وتقنية المعلومات.", "licensing", False),
    ("ar", "مركز بيانات", "افتتحت شركة غوغل مركزا جديدا للبيانات في الدوحة بالتعاون مع جهاز قطر للاستثمار.",
     "licensing", False),
    ("ar", "صحيفة توقع مع أوبن إيه آي", "وقعت صحيفة الرياض اتفاقية مع شركة أوبن إيه آي تسمح لها باستخدام "
     "أرشيف مقالاتها في تدريب نماذجها.", "licensing", True),
    ("de", "Forscher entwickeln Prüfverfahren", "Forschende der Technischen Universität Darmstadt haben ein "
     "Verfahren vorgestellt, mit dem sich erkennen lässt, ob ein Sprachmodell mit geschützten Texten "
     "trainiert wurde.", "launch", False),
    ("en", "Researchers test models", "Researchers at the University of Leeds have presented a method to "
     "detect whether a language model was trained on copyrighted books.", "launch", False),
    ("fr", "Des chercheurs testent les modèles", "Des chercheurs de l'Inria ont présenté une méthode pour "
     "détecter si un modèle a été entraîné sur des livres protégés.", "launch", False),
    ("es", "Investigadores prueban modelos", "Investigadores de la Universidad de Granada presentaron un "
     "método para detectar si un modelo se entrenó con libros protegidos.", "launch", False),
    ("ar", "باحثون يختبرون النماذج", "قدم باحثون من جامعة القاهرة طريقة لكشف ما إذا كان نموذج لغوي قد تدرب "
     "على كتب محمية.", "launch", False),
    ("de", "Nexora stellt Assistenten vor", "Nexora hat am Dienstag einen neuen Assistenten vorgestellt, "
     "der ab sofort für alle Kunden verfügbar ist.", "launch", True),
    ("en", "Nexora launches assistant", "Nexora launched a new assistant on Tuesday, available to all "
     "customers from today.", "launch", True),
    ("en", "Microsoft signs nuclear power deal", "Microsoft has agreed to buy power from a reactor that "
     "Constellation plans to restart, as it looks for electricity for its AI data centres.", "investment",
     False),
    ("fr", "Nexora signe pour de l'électricité", "Nexora a signé un contrat d'achat d'électricité de "
     "vingt ans pour ses centres de données.", "investment", False),
    ("de", "Nexora sichert sich Strom", "Nexora hat einen Stromliefervertrag über 20 Jahre für seine "
     "Rechenzentren unterzeichnet.", "investment", False),
    ("es", "Nexora compra energía", "Nexora firmó un contrato de suministro de energía para sus centros de "
     "datos.", "investment", False),
    ("en", "Microsoft to spend $80bn", "Microsoft will invest $80 billion this year to build AI data "
     "centres, the company said.", "investment", True),
]  # fmt: skip


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return Classifier()


@pytest.mark.parametrize(("lang", "title", "text", "tag", "expected"), CASES)
def test_sense(classifier: Classifier, lang: str, title: str, text: str, tag: str, expected: bool) -> None:
    tags = classifier.classify(title, text, lang).tag_names
    assert (tag in tags) is expected, tags
