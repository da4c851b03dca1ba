"""A condition with a plain operand is compiled without the general operator's type checks
(:func:`with_constant`): for every value a document can hold, it must answer as the general
operator does, true/false never equal to 1/0 and a missing field failing all but exists: false."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

import pytest

from resilint.rules.operators import MEMBERSHIP, OPERATORS, Lists, with_constant
from resilint.rules.runtime import MISSING, Budget

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


LONG: list[Any] = [
    ["x", *(f"e{i}" for i in range(20))],
    [True, *range(2, 20)],
    [False, 0.0, *(str(i) for i in range(20))],
    [1.0, None, {"x": 1}, [1], ["x"], *range(20, 40)],
    [float("nan"), *range(20)],
    [{}, [], *("x" * i for i in range(1, 20))],
]


@pytest.mark.parametrize("name", sorted(MEMBERSHIP))
def test_membership_in_a_list_answers_as_the_general_operator(name: str) -> None:
    """A list operand is hashed once (Lists): true/false never equal to 1/0, mappings and
    lists compared as before, whether the list is short or long, and the same list asked
    again."""
    lists = Lists()
    budget = Budget(10**9)
    values = [*VALUES, *LONG, 20, "e19", "xxx", 0.0, float("nan")]
    operands = [*OPERANDS, *LONG, 20, "e19", {"x": 1}, [1]]
    for _ in range(2):
        for value, operand in itertools.product(values, operands):
            general = OPERATORS[name](value, operand, AS_OF)
            assert MEMBERSHIP[name](value, operand, lists, budget) == general, (value, operand)
