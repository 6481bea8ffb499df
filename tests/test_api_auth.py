"""Search API authentication and rate limits: API keys stored as SHA-256 (a keys file, re-read when
``wirewatch api keys revoke`` rewrites it), scopes, the trusted proxy header, the token bucket, and
/docs off by setting -- the HTTP parts against ``wirewatch api`` as a subprocess."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import httpx
import pytest

from services.api import auth
from services.api.settings import ApiSettings
from shared.config import Settings
from tests.support import free_port, run_cli, running, settings_env

# --- units ---------------------------------------------------------------------------------------


def test_key_entries_parse_and_bad_ones_say_why() -> None:
    key = auth.new_key()
    entry = auth.parse_entry(f"alice:{auth.digest(key)}:search")
    assert entry.name == "alice" and entry.scopes == {"search"} and not entry.revoked
    both = auth.parse_entry(f"bob:{'a' * 64}")
    assert both.scopes == auth.SCOPES
    assert auth.parse_entry(f"carol:{'b' * 64}:search+articles:revoked").revoked
    assert auth.parse_entry(f"dan:{'c' * 64}::revoked").revoked
    for bad, message in (
        ("alice", "expected name:sha256"),
        (f"alice:{key}", "must be a SHA-256"),  # a raw key where its hash belongs
        (f"al ice:{'a' * 64}", "bad key name"),
        (f"alice:{'a' * 64}:admin", "unknown scope 'admin'"),
    ):
        with pytest.raises(auth.KeyEntryError, match=message) as info:
            auth.parse_entry(bad)
        assert key not in str(info.value)  # a key never appears in an error


def test_token_bucket_refills_at_the_rate_and_forgets_old_clients() -> None:
    limiter = auth.RateLimiter(rate=2.0, burst=3, max_clients=2)
    assert [limiter.take("a", now=100.0) for _ in range(3)] == [None, None, None]
    wait = limiter.take("a", now=100.0)
    assert wait == pytest.approx(0.5)
    assert wait is not None and auth.retry_after(wait) == "1"
    assert limiter.take("a", now=100.6) is None  # 0.6 s at 2/s: one token back
    limiter.take("b", now=100.6)
    limiter.take("c", now=100.6)  # a third client: the least recently used ("a") is dropped
    assert limiter.take("a", now=100.6) is None  # a fresh bucket


def test_keys_file_is_reread_when_revoked(tmp_path: Path) -> None:
    path = tmp_path / "keys"
    key = auth.new_key()
    auth.append_key(path, auth.parse_entry(f"alice:{auth.digest(key)}:search"))
    assert path.stat().st_mode & 0o077 == 0  # readable by its owner only
    store = auth.KeyStore([], path)
    found = store.lookup(key)
    assert found is not None and found.name == "alice" and not found.revoked
    with pytest.raises(auth.KeyEntryError, match="exists"):
        auth.append_key(path, auth.parse_entry(f"alice:{'d' * 64}"))
    assert auth.revoke_key(path, "alice") == 1
    revoked = store.lookup(key)
    assert revoked is not None and revoked.revoked
    assert store.lookup("ww_not-a-key") is None


# --- over HTTP -----------------------------------------------------------------------------------


async def test_api_keys_scopes_revocation_rate_limit_and_docs_off(settings: Settings, tmp_path: Path) -> None:
    keys_file = tmp_path / "api-keys"
    port = free_port()
    opts = ApiSettings(
        port=port,
        host="127.0.0.1",
        auth="keys",
        keys_file=keys_file,
        rate_per_second=0.05,  # one token back every 20 s: the burst decides within the test
        rate_burst=4,
        docs=False,
    )
    env = settings_env(settings, opts)

    async def create(name: str, *scopes: str) -> str:
        args = ["api", "keys", "create", name, *(a for s in scopes for a in ("--scope", s))]
        out = await asyncio.to_thread(run_cli, args, env)
        assert out.returncode == 0, out.stderr
        found = re.search(r"(ww_[A-Za-z0-9_-]{40,})", out.stdout)
        assert found, out.stdout
        return found.group(1)

    alice = await create("alice", "search")
    bob = await create("bob", "articles")
    carol = await create("carol")
    stored = keys_file.read_text()
    assert alice not in stored and auth.digest(alice) in stored  # only the hash is kept
    out = await asyncio.to_thread(run_cli, ["api", "keys", "revoke", "carol"], env)
    assert out.returncode == 0, out.stderr
    listed = await asyncio.to_thread(run_cli, ["api", "keys", "list"], env)
    assert "carol\tarticles+search\trevoked" in listed.stdout and alice not in listed.stdout

    with running(["api"], env, tmp_path / "api.log", web_port=port):
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:

            def as_(key: str) -> dict[str, str]:
                return {"Authorization": f"Bearer {key}"}

            assert (await http.get("/healthz")).status_code == 200  # probes need no key
            assert (await http.get("/readyz")).status_code == 200
            assert (await http.get("/docs")).status_code == 404
            assert (await http.get("/openapi.json")).status_code == 404

            none = await http.get("/search", params={"q": "x"})
            assert none.status_code == 401 and none.headers["www-authenticate"] == "Bearer"
            assert "API key required" in none.json()["detail"]
            bad = await http.get("/search", headers=as_("ww_" + "x" * 43))
            assert bad.status_code == 401 and bad.json()["detail"] == "unknown API key"
            # in keys mode a proxy header is no credential
            spoofed = await http.get("/search", headers={"X-Forwarded-User": "admin"})
            assert spoofed.status_code == 401

            revoked = await http.get("/search", headers=as_(carol))
            assert revoked.status_code == 403 and "revoked" in revoked.json()["detail"]
            no_scope = await http.get("/search", headers=as_(bob))
            assert no_scope.status_code == 403 and "'search' scope" in no_scope.json()["detail"]
            assert (await http.get("/articles/nope", headers={"X-API-Key": bob})).status_code == 404
            assert (await http.get("/articles/nope", headers=as_(alice))).status_code == 403

            # alice's burst of 4 (a refused request spends no token), then 429 with Retry-After
            codes = [(await http.get("/search", headers=as_(alice))).status_code for _ in range(4)]
            assert codes == [200, 200, 200, 200]
            limited = await http.get("/search", headers=as_(alice))
            assert limited.status_code == 429
            assert int(limited.headers["retry-after"]) >= 1
            # the bucket is per key: bob still has his
            assert (await http.get("/articles/nope", headers=as_(bob))).status_code == 404

            # revoking alice's key rewrites the file, which the API re-reads: 403 from then on
            out = await asyncio.to_thread(run_cli, ["api", "keys", "revoke", "alice"], env)
            assert out.returncode == 0, out.stderr
            after = await http.get("/search", headers=as_(alice))
            assert after.status_code == 403 and "revoked" in after.json()["detail"]
    assert alice not in (tmp_path / "api.log").read_text()


async def test_trusted_header_mode(settings: Settings, tmp_path: Path) -> None:
    port = free_port()
    opts = ApiSettings(
        port=port,
        host="127.0.0.1",
        auth="header",
        trusted_header="X-Auth-User",
        rate_burst=2,
        rate_per_second=0.05,
    )
    with running(["api"], settings_env(settings, opts), tmp_path / "api.log", web_port=port):
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
            missing = await http.get("/search")
            assert missing.status_code == 401 and "X-Auth-User" in missing.json()["detail"]
            assert (await http.get("/search", headers={"X-Forwarded-User": "eve"})).status_code == 401
            user = {"X-Auth-User": "analyst@example.org"}
            assert (await http.get("/search", headers=user)).status_code == 200
            assert (await http.get("/search", headers=user)).status_code == 200
            assert (await http.get("/search", headers=user)).status_code == 429  # per user
            assert (await http.get("/search", headers={"X-Auth-User": "other"})).status_code == 200
            assert (await http.get("/openapi.json")).status_code == 200  # docs on by default (local)
