"""``wirewatch api`` liveness and readiness, run as a subprocess: ``/readyz`` is 200 against the real
local Elasticsearch and 503 when the API points at a port where nothing listens, while ``/healthz``
stays 200 ("degraded") so a liveness probe never restarts the API for an Elasticsearch outage."""

from __future__ import annotations

from pathlib import Path

import httpx

from services.api.settings import ApiSettings
from shared.config import Settings
from tests.support import free_port, running, settings_env


def _api_env(settings: Settings, port: int) -> dict[str, str]:
    return settings_env(settings, ApiSettings(port=port, host="127.0.0.1"))


async def test_readyz_is_ready_when_elasticsearch_answers(settings: Settings, tmp_path: Path) -> None:
    port = free_port()
    env = _api_env(settings, port)
    with running(["api"], env, tmp_path / "api.log", web_port=port, healthy=False) as api:
        api.wait_healthy(path="/readyz")  # what the readiness probe and the compose healthcheck poll
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
            ready = await http.get("/readyz")
            assert ready.status_code == 200
            assert ready.json() == {"status": "ready", "elasticsearch": True, "alias": settings.index_alias}
            health = await http.get("/healthz")
            assert health.status_code == 200 and health.json()["status"] == "ok"
            spec = (await http.get("/openapi.json")).json()
            assert {"/healthz", "/readyz"} <= set(spec["paths"])
            assert "503" in spec["paths"]["/readyz"]["get"]["responses"]


async def test_readyz_is_503_and_healthz_degraded_when_elasticsearch_is_unreachable(tmp_path: Path) -> None:
    closed = free_port()  # bound and released: nothing listens there
    unreachable = Settings(elasticsearch_url=f"http://127.0.0.1:{closed}")
    port = free_port()
    with running(["api"], _api_env(unreachable, port), tmp_path / "api.log", web_port=port) as api:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
            ready = await http.get("/readyz")
            assert ready.status_code == 503
            assert ready.json() == {
                "status": "unavailable",
                "elasticsearch": False,
                "alias": unreachable.index_alias,
            }
            health = await http.get("/healthz")
            assert health.status_code == 200  # liveness: the process serves
            assert health.json()["status"] == "degraded" and health.json()["elasticsearch"] is False
            # a search cannot be served meanwhile, which is why the replica must leave the rotation
            assert (await http.get("/search", params={"q": "x"})).status_code >= 500
        assert api.alive()
