"""Grouper round 10: an amount in a sentence that recalls an earlier event by its distance in time is that
event's, not the report's ("It comes three days after Ashcombe licensed its archive ... worth about £40
million"). Round 9 left a launch joined to the licence deal it was built on, through the deal's amount
recalled in the launch's background (4 wrong pairs); the amount now gives the launch no key. Controls: a
report's own amount, and a time clause that is no recall ("three days after the vote, the deal closed"
is not a "comes ... after" sentence). Not solved: a launch whose recall sentence shares many of the deal's
words still joins through them (a launch of ours written like this one, three days after a $25 million
deal, scored 22.9 against the 22.4 it needed); dropping recall sentences' words too cost dev a pair."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.classifier.engine import Classifier
from services.grouper.features import recalled_amount
from services.grouper.grouping import group_records
from services.grouper.settings import GrouperSettings
from tests.grouper_helpers import set_records

RECALLS = [
    "It comes three days after Ashcombe licensed its archive to Anthropic in a deal worth about £40 million.",
    "The launch follows two weeks after a $90 million funding round led by Accel.",
    "Le lancement intervient trois jours après la signature d'un accord de 40 millions d'euros.",
    "Der Start kommt nur drei Tage nach dem Lizenzvertrag über 40 Millionen Euro.",
    "El lanzamiento llega tres días después de un acuerdo de 40 millones de euros.",
    "ويأتي إطلاق التطبيق بعد ثلاثة أيام من صفقة ترخيص بقيمة 40 مليون دولار.",
]
OWN = [
    "Anthropic will pay about £40 million for the archive, people familiar with the deal said.",
    "Three days after the vote, the $40 million deal closed.",
    "L'accord, d'un montant de 40 millions d'euros, a été signé mardi.",
    "Der Vertrag über 40 Millionen Euro wurde am Dienstag unterzeichnet.",
    "El acuerdo, de 40 millones de euros, se firmó el martes.",
    "وقعت الشركتان صفقة ترخيص بقيمة 40 مليون دولار يوم الثلاثاء.",
]


@pytest.mark.parametrize("sentence", RECALLS)
def test_a_recalled_amount_is_the_earlier_events(sentence: str) -> None:
    assert recalled_amount(sentence)


@pytest.mark.parametrize("sentence", OWN)
def test_a_reports_own_amount_counts(sentence: str) -> None:
    assert not recalled_amount(sentence)


SET7 = Path(__file__).parent / "data" / "stories_generalise7.jsonl"  # round 9 (gs9-)


def test_round_nines_launch_recalling_its_licence_deal_is_another_story() -> None:
    """gs9-b02-en launches an app three days after the licence deal of gs9-b01 (four reports) and recalls
    the deal's £40 million; it joined the deal through that amount. Its own story now; the deal's reports
    still join."""
    records = [r for r in set_records(path=SET7) if r["id"].startswith(("gs9-b01-", "gs9-b02-"))]
    rows = group_records(records, Classifier(), GrouperSettings(window_days=3650.0))
    story = {row["id"]: row["story_id"] for row in rows}
    deal = {story[r["id"]] for r in records if r["id"].startswith("gs9-b01-")}
    assert len(deal) == 1, rows
    assert story["gs9-b02-en"] not in deal, rows
