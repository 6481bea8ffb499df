"""The exception hierarchy: one root, families beneath it, the built-in bases kept."""

from __future__ import annotations

import pickle

import pytest

from services.api.auth import KeyEntryError
from services.api.query import QueryError
from services.parser.errors import DocumentTimeout, ExtractionError, ParserError, WorkerCrashed
from shared import errors
from shared.contracts import ContractError, RawItem
from shared.durations import SpanTooLarge, parse_since
from shared.elastic import ElasticConfigError
from wirewatch.demo.run import DemoError
from wirewatch.processes import ServiceFailed
from wirewatch.stack.process import StackError


@pytest.mark.parametrize(
    ("cls", "family", "builtin"),
    [
        (ContractError, errors.ContractError, ValueError),
        (ElasticConfigError, errors.ConfigError, ValueError),
        (KeyEntryError, errors.ConfigError, ValueError),
        (QueryError, errors.InvalidInput, ValueError),
        (SpanTooLarge, errors.InvalidInput, ValueError),
        (StackError, errors.StackError, RuntimeError),
        (ServiceFailed, errors.ServiceError, RuntimeError),
        (DemoError, errors.ServiceError, RuntimeError),
        (ExtractionError, errors.RecordRejected, Exception),
        (DocumentTimeout, errors.WirewatchError, Exception),
        (WorkerCrashed, errors.WirewatchError, Exception),
    ],
)
def test_every_error_has_its_family_and_keeps_its_builtin_base(
    cls: type[Exception], family: type[Exception], builtin: type[Exception]
) -> None:
    assert issubclass(cls, family) and issubclass(cls, errors.WirewatchError) and issubclass(cls, builtin)


def test_a_bad_record_and_a_bad_since_are_caught_by_their_family() -> None:
    with pytest.raises(errors.ContractError):
        RawItem.decode(b"not json")
    with pytest.raises(errors.InvalidInput, match="--since"):
        parse_since("next tuesday")


def test_extraction_error_kind_is_an_enum_and_survives_the_process_pool() -> None:
    exc = ExtractionError(ParserError.NOT_HTML, "no markup")
    back = pickle.loads(pickle.dumps(exc))  # raised in a worker process, re-raised in the service
    assert back.kind is ParserError.NOT_HTML and back.reason == "no markup"
    assert str(back) == "not_html: no markup"
    with pytest.raises(ValueError):
        ExtractionError("no_such_kind", "x")  # type: ignore[arg-type]  # kinds are the enum's only
