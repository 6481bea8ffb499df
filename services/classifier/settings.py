"""Settings of the classifier stage (``WIREWATCH_CLASSIFIER_*``)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from shared.config import CommaList, CommaPathList, ServiceSettings

TAXONOMY_DIR = Path(__file__).resolve().parent / "taxonomy"


class ClassifierSettings(ServiceSettings, service="classifier"):
    """Classifier limits and where its taxonomy comes from."""

    # Records per batch and how long a partial batch waits: a batch is one hop to the worker thread
    # and one wait for all its acknowledgements (docs/performance.md: the classifier service per
    # CPU-second; 64 / 50 ms measured best, 256 worse).
    batch_size: int = Field(64, ge=1, le=1000, description="parsed articles classified per batch")
    batch_wait_seconds: float = Field(
        0.05, gt=0, le=5, description="how long a partial batch waits for more records"
    )
    taxonomy_dir: Path = Field(
        TAXONOMY_DIR, description="directory of the built-in taxonomy (tags/, orgs.yaml ...)"
    )
    extra_taxonomy_files: CommaPathList = Field(
        default_factory=list,
        description="extra YAML files merged over the built-in taxonomy: tag rules (`tags:`), gazetteer "
        "entries (`orgs:`), currencies (`currencies:`); JSON list or comma separated",
    )
    languages: CommaList = Field(
        default_factory=lambda: ["en", "ar", "fr", "de", "es", "it", "pt", "nl"],
        description="languages the tagger handles; other languages get no tags",
    )
    max_chars: int = Field(
        200_000, ge=1000, description="only the first max_chars characters of a text are read"
    )
    max_evidence: int = Field(3, ge=1, description="evidence sentences kept per tag")
    # Output bounds: what the classifier adds to a record stays small whatever the text (docs/classifier.md)
    max_amounts: int = Field(50, ge=0, description="money amounts kept per story (the first in the text)")
    max_sentence_chars: int = Field(
        400, ge=40, description="longest evidence or amount sentence kept: a window around the match"
    )
    max_orgs: int = Field(100, ge=0, description="organisations kept per story (in order of first mention)")
    detect_chars: int = Field(2000, ge=100, description="characters used to detect the language of a record")
    concurrency: int = Field(1, ge=1, description="faust agent concurrency")

