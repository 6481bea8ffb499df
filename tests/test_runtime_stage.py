"""The stage runtime without Kafka: declarations, decoding, the handler contract, the faust version
check, and the classifier's handler on plain objects."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from services.classifier.service import AGENT, ClassifierError, ClassifyBatch, stage
from services.classifier.settings import ClassifierSettings
from shared.contracts import ClassifiedArticle, ParsedArticle
from shared.runtime import Emit, ErrorKind, Message, Outcome, Put, Reject, Stage, Table, Timer, Unit
from shared.topics import CLASSIFIED, DEADLETTER, FEEDS, GROUPED, PARSED, SEEN


def article(ident: str, title: str = "OpenAI launches a new model") -> ParsedArticle:
    url = f"https://example.test/{ident}"
    return ParsedArticle(id=ident, url=url, lang="en", title=title, text=title + ".")


class Echo:
    """A handler: the title to CLASSIFIED, a reject for titles starting with 'reject', raises on 'boom'."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self, records: Sequence[ParsedArticle]) -> list[Outcome]:
        self.calls.append([r.id for r in records])
        out: list[Outcome] = []
        for r in records:
            if (r.title or "").startswith("boom"):
                raise RuntimeError(f"boom on {r.id}")
            if (r.title or "").startswith("reject"):
                out.append(Reject("echo_reject", f"rejected {r.id}"))
            elif (r.title or "").startswith("elsewhere"):
                out.append((Emit(GROUPED, r.id.encode(), b"x"),))
            else:
                out.append((Emit(CLASSIFIED, r.id.encode(), (r.title or "").encode()),))
        return out


def echo_stage(handler: Echo) -> Stage[ParsedArticle]:
    return Stage(
        name="echo", agent="echo-parsed", input=PARSED, contract=ParsedArticle, outputs=(CLASSIFIED,),
        handler=handler, batch_size=8,
    )  # fmt: skip


def test_invalid_records_are_rejected_before_the_handler_and_order_is_kept() -> None:
    handler = Echo()
    payloads = [article("a").encode(), b"{not json", None, article("b", "reject me").encode()]
    outcomes = echo_stage(handler).process(payloads)
    assert handler.calls == [["a", "b"]]  # one call for the batch, only valid records
    assert outcomes[0] == (Emit(CLASSIFIED, b"a", b"OpenAI launches a new model"),)
    for bad in outcomes[1:3]:
        assert isinstance(bad, Reject) and bad.error == ErrorKind.INVALID_CONTRACT
        assert bad.error == "invalid_contract"
    assert outcomes[3] == Reject("echo_reject", "rejected b")


def test_a_raising_batch_is_retried_record_by_record_isolating_the_poison() -> None:
    handler = Echo()
    outcomes = echo_stage(handler).process([article(i, t).encode() for i, t in
                                            (("a", "ok"), ("p", "boom"), ("c", "ok too"))])  # fmt: skip
    assert handler.calls == [["a", "p", "c"], ["a"], ["p"], ["c"]]
    assert outcomes[0] == (Emit(CLASSIFIED, b"a", b"ok"),)
    assert outcomes[2] == (Emit(CLASSIFIED, b"c", b"ok too"),)
    poison = outcomes[1]
    assert isinstance(poison, Reject) and poison.error == "echo_error" and "boom on p" in poison.reason


def test_emitting_to_an_undeclared_topic_is_an_error_of_that_record_only() -> None:
    outcomes = echo_stage(Echo()).process([article("a").encode(), article("g", "elsewhere").encode()])
    assert outcomes[0] == (Emit(CLASSIFIED, b"a", b"OpenAI launches a new model"),)
    assert isinstance(outcomes[1], Reject) and "undeclared topic 'grouped'" in outcomes[1].reason


def test_a_handler_answering_the_wrong_number_of_outcomes_is_caught() -> None:
    def short(records: Sequence[ParsedArticle]) -> list[Outcome]:
        return [()] if len(records) > 1 else [(Emit(CLASSIFIED, None, b"one"),)]

    s = Stage(name="short", agent="short", input=PARSED, contract=ParsedArticle, outputs=(CLASSIFIED,),
              handler=short)  # fmt: skip
    assert s.process([article("a").encode(), article("b").encode()]) == [
        (Emit(CLASSIFIED, None, b"one"),), (Emit(CLASSIFIED, None, b"one"),)
    ]  # fmt: skip


@pytest.mark.parametrize(
    "changes, message",
    [({"batch_size": 0}, "batch_size"), ({"batch_wait": 0}, "batch_wait"),
     ({"offload": "process"}, "offload"), ({"concurrency": 0}, "concurrency")],
)  # fmt: skip
def test_bad_declarations_are_refused(changes: dict[str, Any], message: str) -> None:
    base: dict[str, Any] = {"name": "x", "agent": "x", "input": PARSED, "contract": ParsedArticle,
                            "outputs": (DEADLETTER,), "handler": Echo()}  # fmt: skip
    with pytest.raises(ValueError, match=message):
        Stage(**{**base, **changes})


def test_the_runner_refuses_an_untested_faust_version() -> None:
    from shared.runtime.runner import (
        TESTED_FAUST_VERSION,
        UnsupportedFaustVersion,
        check_faust_version,
        installed_faust_version,
    )

    assert installed_faust_version() == TESTED_FAUST_VERSION == "0.15.3"
    check_faust_version()  # the installed one passes
    expected = r"tested with faust-streaming 0\.15\.3 only, found 0\.16\.0"
    with pytest.raises(UnsupportedFaustVersion, match=expected):
        check_faust_version("0.16.0")


def test_the_classifier_handler_classifies_a_batch_in_order() -> None:
    s = stage()
    assert s.name == "classifier" and s.agent == AGENT == "classify-parsed"
    assert s.batch_size == 64 and s.batch_wait == 0.05  # the settings' defaults
    tuned = stage(ClassifierSettings(batch_size=8, batch_wait_seconds=0.2))
    assert (tuned.batch_size, tuned.batch_wait) == (8, 0.2)
    assert s.input is PARSED and s.outputs == (CLASSIFIED,)
    batch = [article("n", "Nvidia takes $2 billion stake in Mistral AI"), article("w", "La météo du jour")]
    outcomes = s.handler(batch)
    assert isinstance(outcomes, list)  # the classifier's handler is synchronous
    emitted = [o for o in outcomes if not isinstance(o, Reject)]
    assert len(emitted) == len(outcomes) and [o[0].key for o in emitted] == [b"n", b"w"]
    out = emitted[0][0]
    assert isinstance(out, Emit) and out.topic is CLASSIFIED
    first = ClassifiedArticle.decode(out.value)
    assert first.primary_tag == "investment" and first.orgs == ["Nvidia", "Mistral AI"]


def test_the_classifier_handler_rejects_only_the_article_it_fails_on() -> None:
    class Flaky:
        def classify_article(self, a: ParsedArticle) -> ClassifiedArticle:
            if a.id == "bad":
                raise KeyError("rule")
            return ClassifiedArticle(**a.model_dump())

    batch = ClassifyBatch(Flaky())  # type: ignore[arg-type]  # a stand-in with the one method it calls
    outcomes = batch([article("ok"), article("bad"), article("ok2")])
    assert outcomes[1] == Reject(ClassifierError.CLASSIFICATION_FAILED, "KeyError: 'rule'")
    kept = [o for o in (outcomes[0], outcomes[2]) if not isinstance(o, Reject)]
    assert [o[0].key for o in kept] == [b"ok", b"ok2"]


# -- sinks, tables, raw records, units -------------------------------------------------------------


def test_a_sink_stage_declares_no_output_and_answers_effectless_outcomes() -> None:
    seen: list[str] = []

    def sink(records: Sequence[ParsedArticle]) -> list[Outcome]:
        seen.extend(r.id for r in records)
        return [() for _ in records]

    s = Stage(name="sink", agent="sink", input=PARSED, contract=ParsedArticle, outputs=(), handler=sink)
    assert s.sink
    assert s.process([article("a").encode(), b"nope"])[0] == ()
    assert seen == ["a"]
    assert not echo_stage(Echo()).sink


def test_a_handler_reads_its_table_and_writes_it_with_puts_only_to_declared_tables() -> None:
    counts = Table("counts", partitions=PARSED, max_keys=10)
    other = Table("other", partitions=PARSED, max_keys=10)
    counts.bind({"a": 2})  # what the runner binds is faust's store; a test seeds a dict

    def count(records: Sequence[ParsedArticle]) -> list[Outcome]:
        return [
            (Put(other, r.id, 1),) if r.title == "other"
            else (Put(counts, r.id, counts.get(r.id, 0) + 1), Emit(CLASSIFIED, r.id.encode(), b"x"))
            for r in records
        ]  # fmt: skip

    s = Stage(name="count", agent="count", input=PARSED, contract=ParsedArticle, outputs=(CLASSIFIED,),
              handler=count, tables=(counts,))  # fmt: skip
    out = s.process([article("a").encode(), article("b").encode(), article("o", "other").encode()])
    assert out[0] == (Put(counts, "a", 3), Emit(CLASSIFIED, b"a", b"x"))
    assert out[1] == (Put(counts, "b", 1), Emit(CLASSIFIED, b"b", b"x"))
    assert isinstance(out[2], Reject) and "undeclared table 'other'" in out[2].reason
    assert "a" in counts and len(counts) == 1 and counts.items() == [("a", 2)] and list(counts) == ["a"]


def test_a_stage_without_contract_gets_the_raw_messages_tombstones_included() -> None:
    got: list[Message] = []

    def raw(records: Sequence[Message]) -> list[Outcome]:
        got.extend(records)
        return [() for _ in records]

    s = Stage(name="raw", agent="raw", input=FEEDS, contract=None, outputs=(), handler=raw)
    messages = [Message(b"k1", b"v", "t", 2, 7), Message(b"k2", None, "t", 0, 8)]
    assert s.process(messages) == [(), ()]
    assert got == messages  # keys, tombstones (None) and positions reach the handler


def test_table_and_timer_declarations_are_checked() -> None:
    with pytest.raises(ValueError, match="max_keys"):
        Table("t", partitions=PARSED, max_keys=0)
    with pytest.raises(ValueError, match="compacted"):
        Table("t", partitions=PARSED, max_keys=5, changelog=PARSED)
    assert Table("seen", partitions=PARSED, max_keys=5, changelog=SEEN).changelog is SEEN

    async def tick(context: object) -> None:
        return None

    with pytest.raises(ValueError, match="interval"):
        Timer("t", 0, tick)


def test_a_unit_declares_every_table_its_stages_use_and_one_agent_per_name() -> None:
    table = Table("t", partitions=PARSED, max_keys=5)
    base: dict[str, Any] = {"name": "x", "agent": "x", "input": PARSED, "contract": ParsedArticle,
                            "outputs": (), "handler": Echo(), "tables": (table,)}  # fmt: skip
    s: Stage[ParsedArticle] = Stage(**base)
    with pytest.raises(ValueError, match="undeclared table 't'"):
        Unit("x", (s,))
    assert Unit.of(s).tables == (table,)
    with pytest.raises(ValueError, match="agent name"):
        Unit("x", (s, Stage(**{**base, "input": CLASSIFIED})), tables=(table,))
    with pytest.raises(ValueError, match="one input topic"):
        Unit("x", (s, Stage(**{**base, "agent": "y"})), tables=(table,))
    with pytest.raises(ValueError, match="timers named alike"):
        Unit("x", timers=(Timer("a", 1, tick_nothing), Timer("a", 2, tick_nothing)))


async def tick_nothing(context: object) -> None:
    return None
