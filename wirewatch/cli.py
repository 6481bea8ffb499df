"""The one ``wirewatch`` command.

Each command group lives in its own module exposing ``register(app: typer.Typer) -> None``;
modules import heavy libraries (faust, trafilatura, elasticsearch) inside their command
functions so that ``wirewatch --help`` stays fast.
"""

from __future__ import annotations

import importlib

import typer

COMMAND_MODULES: tuple[str, ...] = (
    "wirewatch.commands.config_cmd",
    "wirewatch.commands.topics_cmd",
    "wirewatch.commands.kafka_security_cmd",
    "wirewatch.stack.cli",
    "services.fetcher.cli",
    "services.parser.cli",
    "services.classifier.cli",
    "services.indexer.cli",
    "services.grouper.cli",
    "services.api.cli",
    "services.alerter.cli",
    "wirewatch.commands.ops_cmd",
    "wirewatch.commands.demo_cmd",
    "wirewatch.commands.demo_feeds_cmd",
)

app = typer.Typer(
    name="wirewatch",
    help="Wirewatch: follow what AI companies do (licensing, launches, lawsuits, investments).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _module in COMMAND_MODULES:
    importlib.import_module(_module).register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
