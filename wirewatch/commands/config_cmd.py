"""``wirewatch config``: the effective configuration, secrets masked."""

from __future__ import annotations

import importlib

import typer
from pydantic_settings import BaseSettings
from rich.console import Console
from rich.table import Table

from shared.config import ENV_PREFIX, Settings, masked

# (section, "module:Class") of each settings class; service settings load lazily.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("common", "shared.config:Settings"),
    ("fetcher", "services.fetcher.settings:FetcherSettings"),
    ("parser", "services.parser.settings:ParserSettings"),
    ("classifier", "services.classifier.settings:ClassifierSettings"),
    ("grouper", "services.grouper.settings:GrouperSettings"),
    ("indexer", "services.indexer.settings:IndexerSettings"),
    ("api", "services.api.settings:ApiSettings"),
    ("alerter", "services.alerter.settings:AlerterSettings"),
)


def _load(target: str) -> type[BaseSettings] | None:
    module, _, cls = target.partition(":")
    try:
        return getattr(importlib.import_module(module), cls)
    except (ImportError, AttributeError):
        return None


def register(app: typer.Typer) -> None:
    @app.command("config")
    def show_config() -> None:
        """Print the effective configuration (environment WIREWATCH_*, .env, defaults); secrets masked."""
        table = Table(title="Wirewatch configuration", show_lines=False)
        table.add_column("section")
        table.add_column("variable")
        table.add_column("value")
        for section, target in SECTIONS:
            cls = Settings if section == "common" else _load(target)
            if cls is None:
                continue
            instance = cls()
            prefix = instance.model_config.get("env_prefix", ENV_PREFIX)
            for name, value in masked(instance).items():
                table.add_row(section, f"{prefix}{name}".upper(), value)
        Console().print(table)
