"""Fixtures: the real local stack (reused when running, started otherwise) and isolated settings.

Integration tests take ``settings``: a ``Settings`` with its own topic prefix and index alias,
whose topics exist, so tests never see each other's records. Nothing here mocks Kafka or
Elasticsearch.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from shared.config import Settings
from tests.support import SHARED_MATERIAL, isolated, purge, purge_registered

if TYPE_CHECKING:
    from services.classifier.engine import Classifier

_STACK_SEEN: dict[str, str] = {}


@pytest.fixture(scope="session")
def stack() -> Iterator[Settings]:
    """The local Kafka + Elasticsearch: reused when already running, started (and left running) otherwise."""
    from wirewatch.stack import ensure_up, status

    base = Settings()
    ensure_up(base)
    for component in status(base):
        _STACK_SEEN[component.name] = f"{component.version} on port {component.port} ({component.health})"
    yield base
    # topics and indices of fixtures that outlived their test (module-scoped pipelines, ...)
    asyncio.run(purge_registered(base))


@pytest.fixture(scope="session")
def clf() -> Classifier:
    """One classifier for the session (a test module may define its own, e.g. with other settings)."""
    from services.classifier.engine import Classifier

    return Classifier()


@pytest.fixture
def shared_material() -> Path:
    if not SHARED_MATERIAL.exists():
        pytest.skip("../shared material not present")
    return SHARED_MATERIAL


@pytest.fixture
async def settings(stack: Settings, tmp_path: Path) -> AsyncIterator[Settings]:
    """Settings isolated to this test: own topic prefix, index alias and state dir; topics created,
    and deleted again (with faust's changelogs and the test's indices) after the test."""
    from shared.kafka import create_topics

    settings = isolated(stack, "test", state_dir=tmp_path / "state")
    await create_topics(settings)
    yield settings
    await purge(settings)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "settings" in getattr(item, "fixturenames", ()) or "stack" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.integration)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _STACK_SEEN:
        return
    passed = [
        r for r in terminalreporter.stats.get("passed", []) if "integration" in getattr(r, "keywords", {})
    ]
    terminalreporter.section("real stack")
    for name, desc in _STACK_SEEN.items():
        terminalreporter.write_line(f"{name}: {desc}")
    terminalreporter.write_line(f"integration tests passed against it: {len(passed)}")
