"""A condition with a plain operand is compiled without the general operator's type checks
(:func:`with_constant`): for every value a document can hold, it must answer as the general
operator does, true/false never equal to 1/0 and a missing field failing all but exists: false."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

import pytest

from resilint.rules.operators import OPERATORS, with_constant
from resilint.rules.runtime import MISSING

VALUES: list[Any] = [
    MISSING,
    None,
    True,
    False,
    0,
    1,
    1.0,
    2.5,
    "",
    "x",
    "1",
    "true",
    "yes",
    [],
    ["x"],
    [True],
    [1],
    [1.0, "x"],
    {},
    {"x": 1},
    datetime.date(2026, 1, 1),
    "2026-01-01",
]
OPERANDS: list[Any] = [
    True,
    False,
    "x",
    "",
    "1",
    "true",
    1,
    0,
    1.0,
    2.5,
    None,
    ["x", "1"],
    [],
    ["x", 1],
    [1, 2.5],
    [True, "x"],
    [0, False],
]
AS_OF = datetime.date(2026, 11, 26)


@pytest.mark.parametrize(
    "name", ["equals", "not_equals", "one_of", "not_one_of", "exists", "contains", "at_least"]
)
def test_constant_operand_answers_as_the_operator(name: str) -> None:
    specialised = 0
    for wanted, value in itertools.product(OPERANDS, VALUES):
        fixed = with_constant(name, wanted)
        if fixed is None:
            continue
        specialised += 1
        expected = OPERATORS[name](value, wanted, AS_OF)
        assert fixed(value) is expected, (name, wanted, value)
    if name in ("equals", "not_equals", "one_of", "not_one_of", "exists", "contains"):
        assert specialised, f"{name} is never specialised"
