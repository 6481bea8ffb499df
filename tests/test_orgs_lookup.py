"""The gazetteer's public look-up for queries and subscriptions (services.classifier.orgs)."""

from __future__ import annotations

import pytest

from services.classifier.orgs import canonical_org, canonical_orgs_in


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Midjourney", ["Midjourney"]),
        ("midjourney lawsuit", ["Midjourney"]),  # queries are typed in any case
        ("ميدجورني", ["Midjourney"]),
        ("دعوى ضد ميدجورنى", ["Midjourney"]),  # final alef maqsura
        ("غوغل وجوجل", ["Google"]),  # two spellings, the second with the proclitic و
        ("أوبن إيه آي و غوغل", ["OpenAI", "Google"]),
        ("اوبن ايه اي", ["OpenAI"]),  # bare alefs
        ("Google DeepMind Gemini", ["Google DeepMind"]),  # the longest alias wins
        ("licensing deal", []),
    ],
)
def test_canonical_orgs_in_maps_query_terms_to_canonical_names(query: str, expected: list[str]) -> None:
    assert canonical_orgs_in(query) == expected


def test_canonical_org_needs_the_whole_term() -> None:
    assert canonical_org("ميدجورني") == "Midjourney"
    assert canonical_org("  nvidia ") == "Nvidia"
    assert canonical_org("إنفيديا") == canonical_org("انفيديا") == "Nvidia"
    assert canonical_org("nvidia chips") is None
    assert canonical_org("video") is None
