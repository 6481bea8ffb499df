"""Writes deploy/kibana/wirewatch.ndjson: the Kibana 9 saved objects of Wirewatch.

    .venv/bin/python deploy/kibana/build_objects.py          # rewrite the NDJSON
    .venv/bin/python deploy/kibana/build_objects.py --check  # exit 1 when the file is stale

Objects: the data view on the alias (time field ``published``), one saved search per tag, Lens
visualisations (stories per tag over time, top organisations, language split, and the stories
table: one row per ``story_id`` with its newest headline, report count and languages) and the
dashboard that shows them with the latest-lawsuits search. Lens and dashboard state are written in the
format Kibana 8.9+ exports (``formBased`` datasource, ``typeMigrationVersion``), which Kibana 9
imports and migrates. The JSON-in-a-string attributes are built from dicts here so they are
always valid JSON.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "wirewatch.ndjson"
ALIAS = "wirewatch-articles"  # import.sh substitutes WIREWATCH_INDEX_ALIAS for this title
DATA_VIEW = "wirewatch-articles-data-view"
TAGS = ("licensing", "launch", "lawsuit", "investment")
CORE = "8.8.0"
SEARCH_COLUMNS = ["title", "source", "lang", "primary_tag", "orgs", "url"]


def _data_view() -> dict[str, Any]:
    return {
        "id": DATA_VIEW,
        "type": "index-pattern",
        "attributes": {
            "title": ALIAS,
            "name": "Wirewatch articles",
            "timeFieldName": "published",
            "fieldFormatMap": json.dumps({"url": {"id": "url"}}),
        },
        "references": [],
        "coreMigrationVersion": CORE,
        "typeMigrationVersion": "8.0.0",
    }


def _search(object_id: str, title: str, kuery: str, description: str) -> dict[str, Any]:
    source = {
        "query": {"query": kuery, "language": "kuery"},
        "filter": [],
        "indexRefName": "kibanaSavedObjectMeta.searchSourceJSON.index",
    }
    return {
        "id": object_id,
        "type": "search",
        "attributes": {
            "title": title,
            "description": description,
            "columns": SEARCH_COLUMNS,
            "sort": [["published", "desc"]],
            "grid": {},
            "hideChart": False,
            "isTextBasedQuery": False,
            "kibanaSavedObjectMeta": {"searchSourceJSON": json.dumps(source)},
        },
        "references": [
            {"name": "kibanaSavedObjectMeta.searchSourceJSON.index", "type": "index-pattern", "id": DATA_VIEW}
        ],
        "coreMigrationVersion": CORE,
        "typeMigrationVersion": "8.0.0",
    }


def _count() -> dict[str, Any]:
    return {
        "label": "Articles",
        "customLabel": True,
        "dataType": "number",
        "operationType": "count",
        "isBucketed": False,
        "scale": "ratio",
        "sourceField": "___records___",
        "params": {"emptyAsNull": True},
    }


def _terms(field: str, label: str, size: int) -> dict[str, Any]:
    return {
        "label": label,
        "customLabel": True,
        "dataType": "string",
        "operationType": "terms",
        "scale": "ordinal",
        "sourceField": field,
        "isBucketed": True,
        "params": {
            "size": size,
            "orderBy": {"type": "column", "columnId": "count"},
            "orderDirection": "desc",
            "otherBucket": True,
            "missingBucket": False,
            "parentFormat": {"id": "terms"},
        },
    }


def _date_histogram(field: str) -> dict[str, Any]:
    return {
        "label": "Publication date",
        "customLabel": True,
        "dataType": "date",
        "operationType": "date_histogram",
        "sourceField": field,
        "isBucketed": True,
        "scale": "interval",
        "params": {"interval": "d", "includeEmptyRows": True, "dropPartials": False},
    }


def _lens(
    object_id: str,
    title: str,
    vis_type: str,
    columns: dict[str, dict[str, Any]],
    visualization: dict[str, Any],
) -> dict[str, Any]:
    layer = "layer1"
    state = {
        "datasourceStates": {
            "formBased": {
                "layers": {layer: {"columns": columns, "columnOrder": list(columns), "incompleteColumns": {}}}
            }
        },
        "visualization": visualization,
        "query": {"query": "", "language": "kuery"},
        "filters": [],
        "internalReferences": [],
        "adHocDataViews": {},
    }
    return {
        "id": object_id,
        "type": "lens",
        "attributes": {"title": title, "description": "", "visualizationType": vis_type, "state": state},
        "references": [
            {"type": "index-pattern", "id": DATA_VIEW, "name": f"indexpattern-datasource-layer-{layer}"}
        ],
        "coreMigrationVersion": CORE,
        "typeMigrationVersion": "8.9.0",
    }


def _visualisations() -> list[dict[str, Any]]:
    per_tag = _lens(
        "wirewatch-lens-stories-per-tag",
        "Wirewatch: stories per tag over time",
        "lnsXY",
        {"date": _date_histogram("published"), "tag": _terms("tags", "Tag", 10), "count": _count()},
        {
            "legend": {"isVisible": True, "position": "right"},
            "valueLabels": "hide",
            "preferredSeriesType": "bar_stacked",
            "layers": [
                {
                    "layerId": "layer1",
                    "layerType": "data",
                    "seriesType": "bar_stacked",
                    "xAccessor": "date",
                    "splitAccessor": "tag",
                    "accessors": ["count"],
                }
            ],
        },
    )
    top_orgs = _lens(
        "wirewatch-lens-top-orgs",
        "Wirewatch: top organisations",
        "lnsXY",
        {"org": _terms("orgs", "Organisation", 15), "count": _count()},
        {
            "legend": {"isVisible": False, "position": "right"},
            "valueLabels": "show",
            "preferredSeriesType": "bar_horizontal",
            "layers": [
                {
                    "layerId": "layer1",
                    "layerType": "data",
                    "seriesType": "bar_horizontal",
                    "xAccessor": "org",
                    "accessors": ["count"],
                }
            ],
        },
    )
    languages = _lens(
        "wirewatch-lens-languages",
        "Wirewatch: language split",
        "lnsPie",
        {"lang": _terms("lang", "Language", 10), "count": _count()},
        {
            "shape": "donut",
            "layers": [
                {
                    "layerId": "layer1",
                    "layerType": "data",
                    "primaryGroups": ["lang"],
                    "metrics": ["count"],
                    "numberDisplay": "percent",
                    "categoryDisplay": "default",
                    "legendDisplay": "default",
                    "nestedLegend": False,
                }
            ],
        },
    )
    stories = _lens(
        "wirewatch-lens-stories",
        "Wirewatch: stories (reports of one event grouped)",
        "lnsDatatable",
        {
            "story": {
                **_terms("story_id", "Story", 20),
                "params": {**_terms("story_id", "", 20)["params"], "otherBucket": False},
            },
            "headline": {
                "label": "Newest headline",
                "customLabel": True,
                "dataType": "string",
                "operationType": "last_value",
                "isBucketed": False,
                "scale": "ordinal",
                "sourceField": "title.keyword",  # last_value needs an aggregatable field
                "params": {"sortField": "published", "showArrayValues": False},
            },
            "count": {**_count(), "label": "Reports"},
            "langs": {
                "label": "Languages",
                "customLabel": True,
                "dataType": "number",
                "operationType": "unique_count",
                "isBucketed": False,
                "scale": "ratio",
                "sourceField": "lang",
                "params": {"emptyAsNull": True},
            },
            "sources": {
                "label": "Sources",
                "customLabel": True,
                "dataType": "number",
                "operationType": "unique_count",
                "isBucketed": False,
                "scale": "ratio",
                "sourceField": "source",
                "params": {"emptyAsNull": True},
            },
        },
        {
            "layerId": "layer1",
            "layerType": "data",
            "columns": [
                {"columnId": "story"},
                {"columnId": "headline"},
                {"columnId": "count"},
                {"columnId": "langs"},
                {"columnId": "sources"},
            ],
        },
    )
    return [per_tag, top_orgs, languages, stories]


def _dashboard(panels: list[tuple[str, str, dict[str, int]]]) -> dict[str, Any]:
    panels_json = []
    references = []
    for n, (object_type, object_id, grid) in enumerate(panels, start=1):
        ref = f"panel_{n}"
        panels_json.append(
            {
                "type": object_type,
                "panelIndex": str(n),
                "gridData": {**grid, "i": str(n)},
                "embeddableConfig": {"enhancements": {}},
                "panelRefName": ref,
            }
        )
        references.append({"name": f"{n}:{ref}", "type": object_type, "id": object_id})
    return {
        "id": "wirewatch-dashboard",
        "type": "dashboard",
        "attributes": {
            "title": "Wirewatch: AI industry news",
            "description": "Stories per tag over time, top organisations, languages, the stories (reports "
            "of one event grouped) and the latest lawsuits.",
            "panelsJSON": json.dumps(panels_json),
            "optionsJSON": json.dumps(
                {
                    "useMargins": True,
                    "syncColors": False,
                    "syncCursor": True,
                    "syncTooltips": False,
                    "hidePanelTitles": False,
                }
            ),
            "timeRestore": True,
            "timeFrom": "now-30d",
            "timeTo": "now",
            "refreshInterval": {"pause": False, "value": 60000},
            "kibanaSavedObjectMeta": {
                "searchSourceJSON": json.dumps({"query": {"query": "", "language": "kuery"}, "filter": []})
            },
        },
        "references": references,
        "coreMigrationVersion": CORE,
        "typeMigrationVersion": "8.9.0",
    }


def objects() -> list[dict[str, Any]]:
    out = [_data_view()]
    for tag in TAGS:
        out.append(
            _search(
                f"wirewatch-search-{tag}",
                f"Wirewatch: {tag}",
                f'tags : "{tag}"',
                f"Articles tagged {tag}, newest first.",
            )
        )
    out.append(
        _search(
            "wirewatch-search-all",
            "Wirewatch: all articles",
            "",
            "Every indexed article, newest first.",
        )
    )
    visualisations = _visualisations()
    out.extend(visualisations)
    out.append(
        _dashboard(
            [
                ("lens", "wirewatch-lens-stories-per-tag", {"x": 0, "y": 0, "w": 48, "h": 14}),
                ("lens", "wirewatch-lens-top-orgs", {"x": 0, "y": 14, "w": 24, "h": 15}),
                ("lens", "wirewatch-lens-languages", {"x": 24, "y": 14, "w": 24, "h": 15}),
                ("lens", "wirewatch-lens-stories", {"x": 0, "y": 29, "w": 48, "h": 16}),
                ("search", "wirewatch-search-lawsuit", {"x": 0, "y": 45, "w": 48, "h": 18}),
            ]
        )
    )
    return out


def render() -> str:
    return "".join(json.dumps(obj, ensure_ascii=False, sort_keys=True) + "\n" for obj in objects())


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        description=f"Write {OUT.name}, the Kibana saved objects, from this file."
    )
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when the file is stale")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        if not OUT.exists() or OUT.read_text("utf-8") != text:
            print(f"{OUT} is stale: run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, "utf-8")
    print(f"wrote {OUT} ({len(text.splitlines())} objects)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
