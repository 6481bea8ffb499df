"""Settings of the grouper stage (``WIREWATCH_GROUPER_*``)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.config import ENV_PREFIX, WirewatchSettings


class GrouperSettings(WirewatchSettings):
    """How reports are grouped into stories, and the bounds of the grouper's memory."""

    model_config = SettingsConfigDict(
        env_prefix=f"{ENV_PREFIX}GROUPER_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    window_days: float = Field(
        21.0, gt=0, description="reports older than this (event time, before the newest seen) are forgotten"
    )
    max_reports: int = Field(
        200_000, ge=10, description="reports remembered at most (oldest forgotten first): bounds memory"
    )
    max_gap_days: float = Field(
        6.0, gt=0, description="two reports whose published dates are further apart are never one story"
    )
    join_score: float = Field(
        14.0, gt=0, description="weighted evidence (shared organisations, names, amounts...) needed to join"
    )
    min_similarity: float = Field(
        0.1,
        ge=0,
        le=1,
        description="shared evidence over what both reports hold (cosine) needed to join",
    )
    near_duplicate: float = Field(
        0.5, gt=0, le=1, description="estimated Jaccard of word shingles (same language) that makes a copy"
    )
    num_perm: int = Field(64, ge=16, le=256, description="MinHash permutations (near-duplicate signatures)")
    max_postings: int = Field(
        500, ge=10, description="most recent reports looked up per feature key (candidate look-up bound)"
    )
    max_candidates: int = Field(300, ge=10, description="candidate reports scored per new report")
    max_text_chars: int = Field(20_000, ge=500, description="characters of a text read for features")
    lead_chars: int = Field(1500, ge=100, description="text characters (after the title) read for names")
    max_keys: int = Field(80, ge=10, description="feature keys kept per report")
    batch_size: int = Field(
        32, ge=1, le=1000, description="records routed, and articles grouped, per batch (at most)"
    )
    batch_wait_seconds: float = Field(
        0.02, gt=0, description="a partial batch is handled after this many seconds"
    )
    max_record_bytes: int = Field(
        4 * 1024 * 1024, ge=1024, description="input records larger than this are dead-lettered"
    )
