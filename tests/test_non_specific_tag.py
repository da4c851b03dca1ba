"""The non-specific tag ``!`` makes a plain scalar a string in YAML 1.2 (``tier: ! 2`` is the
text '2'), as quoting it would: the schema then says what it says of text where a number is
asked, where the value was read as the number 2. The other tags keep their meaning: ``!!str``
a string, ``!!int`` a number, a local tag (``!foo``) or an unsupported type refused at its line."""

from __future__ import annotations

import pytest
from one_file import check, doc


def _supplier(tier: str) -> str:
    return doc("Supplier", "acme", f"tier: {tier}\nprovides_ict_services: true\n")


@pytest.mark.parametrize("written", ["! 2", "&t ! 2", "!!str 2", "'2'"])
def test_a_tier_tagged_as_text_is_text(cli, write, written) -> None:
    (finding,) = check(cli, write, _supplier(written), ["SCH-01"])
    assert finding["line"] == 4
    assert "tier must be a whole number, got '2'" in finding["message"]


def test_a_tier_tagged_as_a_number_is_one(cli, write) -> None:
    assert check(cli, write, _supplier("!!int 2"), ["SCH-01"]) == []


@pytest.mark.parametrize(
    ("written", "said"),
    [("!foo 2", "tag !foo is not allowed"), ("!!timestamp 2026-01-01", "unsupported type")],
)
def test_other_tags_are_refused_at_their_line(cli, write, written, said) -> None:
    (finding,) = check(cli, write, _supplier(written), ["YML-03"])
    assert finding["line"] == 4 and said in finding["message"]
