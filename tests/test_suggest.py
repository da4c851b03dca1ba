""" "Did you mean" gives the very answer difflib gives, found without comparing every choice."""

from __future__ import annotations

import difflib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resilint.suggest import close_match, distance

# ids are alike: a shared prefix, a few letters, dashes, digits, a Cyrillic look-alike
_ID = st.text(alphabet="supl-ier0123o_\u0430", max_size=16)


@settings(max_examples=3000, deadline=None)
@given(word=_ID, choices=st.lists(_ID, max_size=40))
def test_close_match_is_difflibs_answer(word: str, choices: list[str]) -> None:
    expected = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    assert close_match(word, choices) == (expected[0] if expected else None)


@settings(max_examples=300, deadline=None)
@given(word=_ID, choices=st.lists(_ID, max_size=40), cutoff=st.floats(0.0, 1.0))
def test_close_match_at_any_cutoff(word: str, choices: list[str], cutoff: float) -> None:
    expected = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    assert close_match(word, choices, cutoff) == (expected[0] if expected else None)


def test_ties_go_to_the_larger_text_as_with_difflib() -> None:
    choices = ["supplier-ab", "supplier-ba", "supplier-aa"]
    assert (
        close_match("supplier-a", choices)
        == difflib.get_close_matches("supplier-a", choices, n=1)[0]
    )


@pytest.mark.parametrize(
    ("word", "target", "expected"),
    [
        ("apiversion", "apiversion", 0),
        ("apiverison", "apiversion", 2),  # two letters swapped: two changes
        ("resillint", "resilint", 1),
        ("contrcat", "contract", 2),
        ("kubernetes", "resilint", 3),  # far apart: counted only up to the limit
        ("x" * 100_000, "apiversion", 3),
    ],
)
def test_distance_counts_letters_off_up_to_the_limit(word: str, target: str, expected: int):
    assert distance(word, target) == expected
