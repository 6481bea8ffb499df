"""``wirewatch parse``: offline extraction, one JSON object per input."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

from tests.test_parser_extract import AR_PARAS, EN_PARAS, LOGIN_WALL, page

WIREWATCH = [sys.executable, "-m", "wirewatch.cli"]


def run(args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*WIREWATCH, *args], input=stdin, capture_output=True, timeout=120, check=False)


def test_parse_files_gz_and_stdin(tmp_path: Path) -> None:
    plain = tmp_path / "robot-deal.html"
    plain.write_text(page(EN_PARAS), encoding="utf-8")
    zipped = tmp_path / "abc123.html.gz"
    zipped.write_bytes(gzip.compress(page(EN_PARAS[::-1], title="Reversed story").encode()))
    wall = tmp_path / "wall.html"
    wall.write_text(LOGIN_WALL, encoding="utf-8")
    proc = run(["parse", str(plain), str(zipped), str(wall), "-"], stdin=page(EN_PARAS).encode())
    # the login wall has no article: every input still gets its line, and the exit status says so
    assert proc.returncode == 1, proc.stderr.decode()
    assert "1 of 4 inputs failed" in proc.stderr.decode()
    objs = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [o["id"] for o in objs] == ["robot-deal", "abc123", "wall", "stdin"]
    first = objs[0]
    assert first["title"] == "Robotics firm signs licensing deal"
    assert first["lang"] == "en" and first["word_count"] > 50
    assert EN_PARAS[1] in first["text"]
    assert {"published", "author", "site_name", "description", "image", "summary_only"} <= set(first)
    assert objs[1]["title"] == "Reversed story"
    assert objs[2]["error"] == "no_article" and objs[2]["reason"]
    assert objs[3]["text"] == first["text"]


def test_parse_exit_code_when_nothing_parsed(tmp_path: Path) -> None:
    missing = tmp_path / "missing.html"
    proc = run(["parse", str(missing)])
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["error"] == "unreadable"
    assert "1 of 1 inputs failed" in proc.stderr.decode()


def test_parse_exit_code_zero_when_every_input_parsed(tmp_path: Path) -> None:
    plain = tmp_path / "robot-deal.html"
    plain.write_text(page(EN_PARAS), encoding="utf-8")
    proc = run(["parse", str(plain)])
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout)["title"] == "Robotics firm signs licensing deal"


def test_parse_decodes_a_file_as_the_pipeline_does(tmp_path: Path) -> None:
    """An Arabic windows-1256 page that claims ISO-8859-1: the fetcher's decoder (services.fetcher.charsets)
    finds the real charset; ``wirewatch parse`` uses that same decoder, so it gives the Arabic text (a
    decoder that trusts the declaration gives Latin-1 mojibake, which decodes every byte)."""
    from services.fetcher.charsets import decode_html

    html = page(AR_PARAS, title="ترخيص جديد", lang="ar", dir_="rtl").replace(
        '<meta charset="utf-8">', '<meta charset="iso-8859-1">'
    )
    raw = html.encode("cp1256")
    text, charset = decode_html(raw, None)
    assert charset == "cp1256" and AR_PARAS[0] in text  # what the pipeline reads
    path = tmp_path / "arabic.html"
    path.write_bytes(raw)
    proc = run(["parse", str(path)])
    assert proc.returncode == 0, proc.stderr.decode()
    out = json.loads(proc.stdout)
    assert out["lang"] == "ar" and AR_PARAS[0] in out["text"]


def test_parse_paths_counts_failures_without_a_subprocess(tmp_path: Path) -> None:
    """The work of ``wirewatch parse`` is a plain function: objects in order, the failures counted."""
    import io

    from services.parser.cli_utils import extract_options, parse_paths
    from services.parser.settings import ParserSettings

    good = tmp_path / "good.html"
    good.write_text(page(EN_PARAS), encoding="utf-8")
    wall = tmp_path / "wall.html.gz"
    wall.write_bytes(gzip.compress(LOGIN_WALL.encode()))
    out, err = io.BytesIO(), io.StringIO()
    tuned = extract_options(ParserSettings(), no_tables=True, min_text_chars=100, precision=True)
    assert (tuned.include_tables, tuned.min_text_chars, tuned.favor_precision) == (False, 100, True)
    options = extract_options(ParserSettings())
    paths = [str(good), str(wall), str(tmp_path / "missing.html"), "-"]
    run_ = parse_paths(paths, options, out=out, err=err, stdin=io.BytesIO(page(EN_PARAS).encode()))
    assert (run_.inputs, run_.failed, run_.exit_code) == (4, 2, 1)
    objs = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [o.get("error") for o in objs] == [None, "no_article", "unreadable", None]
    assert err.getvalue() == "wirewatch parse: 2 of 4 inputs failed\n"
    clean = parse_paths([str(good)], options, out=io.BytesIO(), err=(quiet := io.StringIO()))
    assert clean.exit_code == 0 and quiet.getvalue() == ""
