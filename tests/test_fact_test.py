"""A scope's ``applies_to`` is tested with :func:`fact_test`, made once for the scope: for every
fact a document can have and every wanted value, it must answer as :func:`fact_matches` does
(true/false never equal to 1/0, a list fact containing the value, a list of wanted values any)."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from resilint.domain.model import fact_matches, fact_test

FACTS: list[Any] = [
    None,
    True,
    False,
    0,
    1,
    1.0,
    2,
    float("nan"),
    "",
    "dora",
    "1",
    "true",
    [],
    ["dora"],
    ["dora", "nis2"],
    [True],
    [1],
    [1.0, "dora"],
    [["dora"]],
    [{"x": 1}],
    {},
    {"x": 1},
    datetime.date(2026, 1, 1),
]

WANTED: list[Any] = [
    True,
    False,
    1,
    1.0,
    "dora",
    "1",
    None,
    float("nan"),
    ["dora", "nis2"],
    [1, True],
    [],
    ["dora"],
    {"x": 1},
    [{"x": 1}],
    datetime.date(2026, 1, 1),
]


def test_fact_test_answers_as_fact_matches() -> None:
    for wanted, value in itertools.product(WANTED, FACTS):
        test = fact_test({"kind": "Supplier", "fact": wanted})
        assert test({"fact": value}) is fact_matches(value, wanted), (wanted, value)


def test_fact_test_needs_every_fact() -> None:
    test = fact_test({"critical": True, "lifecycle": ["engaged", "onboarding"]})
    assert test({"critical": True, "lifecycle": "engaged"})
    assert not test({"critical": True, "lifecycle": "exited"})
    assert not test({"critical": 1, "lifecycle": "engaged"})
    assert not test({"lifecycle": "engaged"})
    assert fact_test({"kind": "Supplier"})({})
