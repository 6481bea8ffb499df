"""The Kibana saved objects (deploy/kibana/) are checked as files: Kibana cannot run here."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

from services.indexer.index import MAPPING, mapped_fields
from tests.support import REPO

KIBANA = REPO / "deploy" / "kibana"
NDJSON = KIBANA / "wirewatch.ndjson"
KNOWN_TYPES = {"index-pattern", "search", "lens", "visualization", "dashboard"}


def _objects() -> list[dict[str, Any]]:
    lines = [line for line in NDJSON.read_text("utf-8").splitlines() if line.strip()]
    return [json.loads(line) for line in lines]


def _kuery_fields(kuery: str) -> set[str]:
    return set(re.findall(r"([A-Za-z_][\w.]*)\s*:", kuery))


def _fields_named(obj: dict[str, Any]) -> set[str]:
    attrs = obj["attributes"]
    fields: set[str] = set()
    if obj["type"] == "index-pattern":
        fields.add(attrs["timeFieldName"])
        fields |= set(json.loads(attrs.get("fieldFormatMap", "{}")))
    if obj["type"] == "search":
        fields |= set(attrs["columns"])
        fields |= {sort[0] for sort in attrs["sort"]}
        source = json.loads(attrs["kibanaSavedObjectMeta"]["searchSourceJSON"])
        fields |= _kuery_fields(source["query"]["query"])
    if obj["type"] == "lens":
        state = attrs["state"]
        for layer in state["datasourceStates"]["formBased"]["layers"].values():
            for column in layer["columns"].values():
                if column.get("sourceField") and column["sourceField"] != "___records___":
                    fields.add(column["sourceField"])
        fields |= _kuery_fields(state["query"]["query"])
    return fields


def test_every_line_is_a_saved_object_with_a_unique_id() -> None:
    objects = _objects()
    assert len(objects) >= 8
    ids = [(o["type"], o["id"]) for o in objects]
    assert len(ids) == len(set(ids))
    for obj in objects:
        assert obj["type"] in KNOWN_TYPES
        assert obj["attributes"]["title"]
        assert obj.get("coreMigrationVersion") and obj.get("typeMigrationVersion")


def test_references_resolve_within_the_file() -> None:
    objects = _objects()
    present = {(o["type"], o["id"]) for o in objects}
    for obj in objects:
        names = set()
        for ref in obj["references"]:
            assert (ref["type"], ref["id"]) in present, f"{obj['id']}: dangling reference {ref}"
            names.add(ref["name"])
        if obj["type"] == "search":
            source = json.loads(obj["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])
            assert source["indexRefName"] in names
        if obj["type"] == "lens":
            for layer_id in obj["attributes"]["state"]["datasourceStates"]["formBased"]["layers"]:
                assert f"indexpattern-datasource-layer-{layer_id}" in names
        if obj["type"] == "dashboard":
            panels = json.loads(obj["attributes"]["panelsJSON"])
            assert panels
            for panel in panels:
                assert f"{panel['panelIndex']}:{panel['panelRefName']}" in names
                grid = panel["gridData"]
                assert 0 <= grid["x"] and grid["x"] + grid["w"] <= 48


def test_the_data_view_is_on_the_alias_with_published_as_time_field() -> None:
    views = [o for o in _objects() if o["type"] == "index-pattern"]
    assert len(views) == 1
    assert views[0]["attributes"]["title"] == "wirewatch-articles"
    assert views[0]["attributes"]["timeFieldName"] == "published"
    assert MAPPING["properties"]["published"]["type"] == "date"


def test_every_field_named_exists_in_the_index_mapping() -> None:
    known = mapped_fields()
    for obj in _objects():
        missing = _fields_named(obj) - known
        assert not missing, f"{obj['type']} {obj['id']} names unknown fields {missing}"


def _field_type(path: str) -> str:
    """The mapping type of ``path`` (``title.keyword``: the multi-field's)."""
    node: dict[str, Any] = {"properties": MAPPING["properties"]}
    for part in path.split("."):
        children = {**node.get("properties", {}), **node.get("fields", {})}
        node = children[part]
    return str(node.get("type", "object"))


def test_lens_columns_aggregate_aggregatable_fields() -> None:
    """Lens buckets and metrics run aggregations: a ``text`` field cannot be one (Kibana refuses the
    column), its ``.keyword`` multi-field can."""
    assert _field_type("title") == "text" and _field_type("title.keyword") == "keyword"
    for obj in (o for o in _objects() if o["type"] == "lens"):
        layers = obj["attributes"]["state"]["datasourceStates"]["formBased"]["layers"]
        for layer in layers.values():
            for name, column in layer["columns"].items():
                source = column.get("sourceField")
                if source and source != "___records___":
                    assert _field_type(source) != "text", (obj["id"], name, source)


def test_lens_columns_are_consistent() -> None:
    for obj in (o for o in _objects() if o["type"] == "lens"):
        state = obj["attributes"]["state"]
        layers = state["datasourceStates"]["formBased"]["layers"]
        for layer in layers.values():
            assert set(layer["columnOrder"]) == set(layer["columns"])
        used: set[str] = set()
        for vis_layer in state["visualization"].get("layers", [state["visualization"]]):  # datatable: one
            used |= {c["columnId"] for c in vis_layer.get("columns", [])}
            used |= set(vis_layer.get("accessors", [])) | set(vis_layer.get("metrics", []))
            used |= set(vis_layer.get("primaryGroups", []))
            used |= {vis_layer[k] for k in ("xAccessor", "splitAccessor") if k in vis_layer}
        columns = {c for layer in layers.values() for c in layer["columns"]}
        assert used <= columns, f"{obj['id']}: visualisation uses unknown columns {used - columns}"


def test_a_saved_search_per_tag_and_a_dashboard() -> None:
    objects = _objects()
    searches = {o["id"] for o in objects if o["type"] == "search"}
    for tag in ("licensing", "launch", "lawsuit", "investment"):
        assert f"wirewatch-search-{tag}" in searches
    dashboards = [o for o in objects if o["type"] == "dashboard"]
    assert len(dashboards) == 1
    panel_types = [r["type"] for r in dashboards[0]["references"]]
    assert panel_types.count("lens") == 4 and "search" in panel_types
    assert "wirewatch-lens-stories" in {r["id"] for r in dashboards[0]["references"]}  # the stories table


def test_ndjson_is_what_the_generator_writes() -> None:
    proc = subprocess.run(
        [sys.executable, str(KIBANA / "build_objects.py"), "--check"], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr


class _FakeKibana(BaseHTTPRequestHandler):
    """A real local HTTP server answering the two Kibana endpoints import.sh uses."""

    uploads: ClassVar[list[tuple[str, dict[str, str], bytes]]] = []
    status_calls: ClassVar[int] = 0

    def do_GET(self) -> None:
        type(self).status_calls += 1
        # "degraded" first, so the script has to wait for "available"
        level = "available" if type(self).status_calls > 1 else "degraded"
        self._reply({"status": {"overall": {"level": level}}})

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).uploads.append((self.path, dict(self.headers), body))
        self._reply({"success": True, "successCount": 10})

    def _reply(self, data: dict[str, Any]) -> None:
        raw = json.dumps(data, separators=(",", ":")).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, *args: Any) -> None:
        pass


def test_import_script_waits_for_kibana_and_posts_the_objects(tmp_path: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeKibana)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        env = {
            "PATH": os.environ["PATH"],
            "KIBANA_URL": f"http://127.0.0.1:{server.server_address[1]}/",
            "WIREWATCH_INDEX_ALIAS": "analysts-articles",
            "KIBANA_WAIT_SECONDS": "60",
        }
        proc = subprocess.run(
            ["bash", str(KIBANA / "import.sh")], env=env, capture_output=True, text=True, timeout=90
        )
    finally:
        server.shutdown()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert _FakeKibana.status_calls >= 2
    path, headers, body = _FakeKibana.uploads[-1]
    assert path == "/api/saved_objects/_import?overwrite=true"
    assert headers.get("kbn-xsrf") == "true"
    assert b'"title": "analysts-articles"' in body
    assert b'"title": "wirewatch-articles"' not in body
    assert b'"id": "wirewatch-dashboard"' in body
