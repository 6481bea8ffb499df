"""The grouper's two handlers without Kafka: routing (size, contract, original bytes to the queue) and
assignment (a decision is a ``Put`` to the stories table plus the grouped article; a known article
keeps its story; the index comes back from the table after a reset)."""

from __future__ import annotations

from typing import Any

from services.grouper.features import Report
from services.grouper.service import ASSIGN_AGENT, ROUTE_AGENT, Assign, GrouperError, Route, unit
from services.grouper.settings import GrouperSettings
from shared.contracts import ClassifiedArticle
from shared.runtime import Emit, ErrorKind, Message, Put, Reject, Table
from shared.topics import CLASSIFIED, GROUPED, GROUPER_QUEUE


def gs(**changes: Any) -> GrouperSettings:
    return GrouperSettings(_env_file=None, **changes)


def article(ident: str, title: str) -> ClassifiedArticle:
    text = f"{title}. Nvidia said on Tuesday it would invest $2 billion in Mistral AI, the Paris start-up."
    return ClassifiedArticle(
        id=ident, url=f"https://example.test/{ident}", lang="en", title=title, text=text,
        orgs=["Nvidia", "Mistral AI"], primary_tag="investment",
    )  # fmt: skip


def test_the_unit_declares_route_then_assign_with_the_stories_table() -> None:
    u = unit(gs(batch_size=7, batch_wait_seconds=0.3, max_reports=100))
    route, assign = u.stages
    assert (route.agent, route.input, route.outputs) == (ROUTE_AGENT, CLASSIFIED, (GROUPER_QUEUE,))
    assert (assign.agent, assign.input, assign.outputs) == (ASSIGN_AGENT, GROUPER_QUEUE, (GROUPED,))
    assert route.name == assign.name == "grouper" and route.contract is None
    (stories,) = u.tables
    assert assign.tables == (stories,) and stories.name == "stories" and stories.partitions is GROUPER_QUEUE
    assert stories.max_keys >= 100 and (assign.batch_size, assign.batch_wait) == (7, 0.3)


def test_route_forwards_the_original_bytes_and_rejects_what_it_cannot_group() -> None:
    good = article("a1", "Nvidia invests in Mistral AI").encode()
    route = Route(gs(max_record_bytes=2048))
    big = good + b" " * (2049 - len(good))
    out = route([Message(b"k", good), Message(b"bad", b'{"id": 1}'), Message(b"big", big)])
    assert out[0] == (Emit(GROUPER_QUEUE, b"a1", good),)  # keyed by the article id, bytes unchanged
    assert isinstance(out[1], Reject) and out[1].error == ErrorKind.INVALID_CONTRACT
    assert isinstance(out[2], Reject) and out[2].error == GrouperError.RECORD_TOO_LARGE
    assert out[2].error == "record_too_large"


def _story(outcome: Any) -> tuple[str | None, list[Put]]:
    assert not isinstance(outcome, Reject), outcome
    emits = [e for e in outcome if isinstance(e, Emit)]
    assert len(emits) == 1 and emits[0].topic is GROUPED
    grouped = ClassifiedArticle.decode(emits[0].value)
    return grouped.story_id, [p for p in outcome if isinstance(p, Put)]


def test_a_decision_is_a_put_and_a_known_article_keeps_its_story_also_after_a_reset() -> None:
    stories = Table("stories", partitions=GROUPER_QUEUE, max_keys=1000)
    written: dict[str, Any] = {}
    stories.bind(written)
    assign = Assign(gs(), stories)
    first = article("a1", "Nvidia invests $2 billion in Mistral AI")
    story, puts = _story(assign([first])[0])
    assert story and [(p.table, p.key) for p in puts] == [(stories, "a1")] and puts[0].value["id"] == "a1"
    for put in puts:  # what the runner does once Kafka acknowledged the changelog record
        written[put.key] = put.value

    again, puts = _story(assign([first])[0])
    assert again == story and puts == []  # known: no new decision, nothing written

    assign.reset({0})  # the queue partition was revoked: the index is rebuilt from the table
    assert assign.grouper is None
    restored, puts = _story(assign([first])[0])
    assert restored == story and puts == [] and assign.grouper is not None


def test_an_article_the_grouping_fails_on_is_rejected_alone() -> None:
    stories = Table("stories", partitions=GROUPER_QUEUE, max_keys=1000)
    assign = Assign(gs(), stories)
    grouper = assign._grouper()
    real = grouper.report_for_article

    def flaky(article: ClassifiedArticle) -> Report:
        if article.id == "boom":
            raise KeyError("feature")
        return real(article)

    grouper.report_for_article = flaky  # type: ignore[method-assign]  # fails for one article
    out = assign([article("ok", "Nvidia invests in Mistral AI"), article("boom", "Nvidia again")])
    assert _story(out[0])[0]
    assert out[1] == Reject(GrouperError.GROUPING_FAILED, "KeyError: 'feature'")
