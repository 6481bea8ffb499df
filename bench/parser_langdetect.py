"""Language detectors measured on short and long texts in ar/fr/de/en/es (figures for docs/performance.md).

Texts: the labelled dev stories in ../shared/datasets/ai-news-dev.jsonl (ar, fr, de, en; read at run
time) and a handful of Spanish paragraphs written for this benchmark (es is not in the dataset).
Tiny = the first four words of the title (~25 characters); short = the title (or first clause for
es), ~40-90 characters; long = the full story.

    .venv/bin/python bench/parser_langdetect.py
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / ".." / "shared" / "datasets" / "ai-news-dev.jsonl"

# Written for this benchmark (not copied from anywhere): Spanish AI-industry news paragraphs.
SPANISH = [
    "La startup francesa presentó ayer un nuevo modelo de lenguaje que, según la empresa, supera a sus "
    "rivales en tareas de razonamiento matemático y programación.",
    "Un tribunal de Madrid admitió a trámite la demanda de varias editoriales contra una compañía de "
    "inteligencia artificial por usar sus libros sin permiso para entrenar sus sistemas.",
    "La empresa cerró una ronda de financiación de 300 millones de euros liderada por fondos "
    "estadounidenses, lo que eleva su valoración por encima de los dos mil millones.",
    "El acuerdo de licencia permitirá al desarrollador utilizar el archivo histórico del periódico "
    "durante cinco años a cambio de un pago anual cuyo importe no se ha revelado.",
    "Los reguladores europeos estudian si el lanzamiento del asistente cumple las nuevas normas sobre "
    "transparencia y protección de datos personales.",
    "El fabricante de chips anunció que construirá una nueva planta en el norte del país para atender la "
    "creciente demanda de centros de datos dedicados al aprendizaje automático.",
    "Según fuentes cercanas a la negociación, la operación todavía necesita la aprobación de las "
    "autoridades de competencia y podría cerrarse antes de que termine el año.",
    "La versión gratuita de la aplicación estará disponible a partir del lunes en español, portugués e "
    "italiano, y la de pago llegará más adelante a otros mercados.",
]


def samples() -> list[tuple[str, str, str]]:
    """(lang, kind, text) with kind in {tiny, short, long}."""
    out: list[tuple[str, str, str]] = []
    for line in DEV.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        out.append((rec["lang"], "tiny", " ".join(rec["title"].split()[:4])))
        out.append((rec["lang"], "short", rec["title"]))
        out.append((rec["lang"], "long", rec["text"]))
    for i, para in enumerate(SPANISH):
        first = re.split(r"(?<=[,.;])\s", para)[0]
        out.append(("es", "tiny", " ".join(first.split()[:4])))
        out.append(("es", "short", first))
        out.append(("es", "long", " ".join(SPANISH[i:] + SPANISH[:i])))
    return out


def detectors() -> dict[str, Callable[[str], str | None]]:
    import py3langid
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    restricted = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    restricted.set_languages(["ar", "fr", "de", "en", "es"])
    found: dict[str, Callable[[str], str | None]] = {
        "py3langid (97 languages)": lambda t: py3langid.classify(t)[0],
        "py3langid (ar/fr/de/en/es only)": lambda t: restricted.classify(t)[0],
        "services.parser.langdetect": _ours(),
    }
    try:
        from lingua import Language, LanguageDetectorBuilder

        five = LanguageDetectorBuilder.from_languages(
            Language.ARABIC, Language.FRENCH, Language.GERMAN, Language.ENGLISH, Language.SPANISH
        ).build()
        every = LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()

        def lingua_code(det: Any) -> Callable[[str], str | None]:  # lingua ships no types
            def run(t: str) -> str | None:
                lang = det.detect_language_of(t)
                return lang.iso_code_639_1.name.lower() if lang else None

            return run

        found["lingua (5 languages)"] = lingua_code(five)
        found["lingua (all, low-accuracy mode)"] = lingua_code(every)
    except ImportError:
        print("lingua-language-detector not installed: skipped")
    return found


def _ours() -> Callable[[str], str | None]:
    from services.parser.langdetect import detect_language

    return lambda t: detect_language(t)


def main() -> None:
    data = samples()
    print(f"{len(data)} samples: " + ", ".join(
        f"{lang}:{sum(1 for s in data if s[0] == lang) // 3}" for lang in ("ar", "fr", "de", "en", "es")))
    print(f"{'detector':<34} {'tiny acc':>9} {'short acc':>9} {'long acc':>9} {'tiny ms':>8} {'short ms':>8} "
          f"{'long ms':>8}")
    for name, fn in detectors().items():
        for _, _, text in data[:4]:
            fn(text)  # warm-up (model loading)
        row = {}
        for kind in ("tiny", "short", "long"):
            items = [(lang, text) for lang, k, text in data if k == kind]
            t0 = time.perf_counter()
            right = sum(1 for lang, text in items if fn(text) == lang)
            ms = (time.perf_counter() - t0) * 1000 / len(items)
            row[kind] = (right / len(items), ms)
            wrong = [(lang, fn(text), text[:40]) for lang, text in items if fn(text) != lang]
            if wrong:
                print(f"   {name} {kind} misses: {wrong[:4]}")
        print(f"{name:<34} {row['tiny'][0]:>9.3f} {row['short'][0]:>9.3f} {row['long'][0]:>9.3f} "
              f"{row['tiny'][1]:>8.3f} {row['short'][1]:>8.3f} {row['long'][1]:>8.3f}")


if __name__ == "__main__":
    main()
