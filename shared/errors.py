"""The project's exceptions: one root, a few families beneath it (as ``httpx.HTTPError`` has them).

```
WirewatchError                      anything Wirewatch raises on purpose
├── ConfigError (ValueError)        settings or a config file that cannot work: say what to fix
├── ContractError (ValueError)      a record that is not valid JSON or does not match its contract
├── InvalidInput (ValueError)       what a user or a caller asked for is outside the bounds
│   └── UsageError                  a command-line option the command cannot use
├── RecordRejected                  a record a stage cannot handle: ``kind`` (an enum), ``reason``
├── StackError (RuntimeError)       the local Kafka / Elasticsearch cannot be started or reached
└── ServiceError (RuntimeError)     a service process exited or did not get healthy; the demo failed
```

Each family keeps the built-in base it had (``ValueError``, ``RuntimeError``), so ``except
ValueError`` written before the hierarchy still catches what it caught. A module's own error (the
API's ``QueryError``, the parser's ``ExtractionError``) subclasses the family it belongs to, so a
caller can catch as narrowly or as broadly as it needs: ``except WirewatchError`` is everything the
project raises on purpose; anything else is a bug.

Error kinds (the ``error`` of a dead letter, of a metric label, of ``wirewatch parse``'s output) are
``StrEnum``s: the runner's own (``shared.runtime.ErrorKind``) and one enum per stage for its own
(``services.parser.errors.ParseError``, ``services.alerter.errors.AlertError`` ...).
"""

from __future__ import annotations


class WirewatchError(Exception):
    """The root of every exception the project raises on purpose."""


class ConfigError(WirewatchError, ValueError):
    """Settings, or a configuration file, that cannot work (the message says what to fix and never
    holds a secret)."""


class ContractError(WirewatchError, ValueError):
    """A record that is not valid JSON or does not match its contract."""


class InvalidInput(WirewatchError, ValueError):
    """A request (CLI arguments, API parameters, a key entry) outside what is accepted; the message
    names the parameter."""


class UsageError(InvalidInput):
    """A command-line option with a value the command cannot use; ``option`` names it (``--since``),
    when one option is to blame. The CLI shows it as click's usage error (exit status 2)."""

    def __init__(self, message: str, option: str | None = None) -> None:
        super().__init__(message)
        self.option = option


class StackError(WirewatchError, RuntimeError):
    """A problem with the local stack the user can act on (port taken, download failed, tool missing ...)."""


class ServiceError(WirewatchError, RuntimeError):
    """A service process (or the demo that runs them) failed: the message says which and why."""


class RecordRejected(WirewatchError):
    """A record (page, feed, article) that cannot be handled: ``kind`` is its dead letter's ``error``
    (a ``StrEnum`` member, or its string for kinds read back from elsewhere), ``reason`` says why."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(kind, reason)
        self.kind = kind
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.kind}: {self.reason}"
