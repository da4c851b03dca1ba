"""The one registry of comparison operators a declarative rule may use.

Each takes the tested value, the operand and the as-of date. A missing value fails every
operator except ``exists: false`` and ``empty: true``.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable
from typing import Any

from resilint.domain.lifecycle import shift
from resilint.domain.readers import as_date
from resilint.rules.runtime import MISSING, Budget

Operator = Callable[[Any, Any, datetime.date], bool]


def _present(value: Any) -> bool:
    return value is not MISSING and value is not None


def _is_empty(value: Any) -> bool:
    return not _present(value) or value in ("", [], {})


def _same(value: Any, operand: Any) -> bool:
    """Equality that never confuses true/false with 1/0 (Python's True == 1)."""
    if isinstance(value, bool) or isinstance(operand, bool):
        return isinstance(value, bool) and isinstance(operand, bool) and value is operand
    return bool(value == operand)


def _ordered(value: Any, operand: Any) -> tuple[Any, Any] | None:
    """Both as numbers, or both as dates; None when they cannot be compared."""
    if not (_present(value) and _present(operand)):
        return None
    numbers = (int, float)
    if isinstance(value, numbers) and isinstance(operand, numbers):
        if isinstance(value, bool) or isinstance(operand, bool):
            return None
        return value, operand
    left, right = as_date(value), as_date(operand)
    return (left, right) if left and right else None


def _compare(test: Callable[[Any, Any], bool]) -> Operator:
    def operator(value: Any, operand: Any, as_of: datetime.date) -> bool:
        pair = _ordered(value, operand)
        return pair is not None and test(*pair)

    return operator


def _days(test: Callable[[datetime.date, datetime.date, int], bool]) -> Operator:
    def operator(value: Any, operand: Any, as_of: datetime.date) -> bool:
        day = as_date(value)
        if day is None or isinstance(operand, bool) or not isinstance(operand, int | float):
            return False
        if isinstance(operand, float) and not math.isfinite(operand):
            return False  # no count of days: as any operand that is not a number
        return test(day, as_of, int(operand))

    return operator


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _one_of(value: Any, operand: Any, as_of: datetime.date) -> bool:
    return _present(value) and any(_same(value, item) for item in _as_list(operand))


OPERATORS: dict[str, Operator] = {
    "equals": lambda v, o, _: _present(v) and _same(v, o),
    "not_equals": lambda v, o, _: _present(v) and not _same(v, o),
    "one_of": _one_of,
    "not_one_of": lambda v, o, d: _present(v) and not _one_of(v, o, d),
    "exists": lambda v, o, _: _present(v) == bool(o),
    "empty": lambda v, o, _: _is_empty(v) == bool(o),
    "at_least": _compare(lambda a, b: a >= b),
    "at_most": _compare(lambda a, b: a <= b),
    "more_than": _compare(lambda a, b: a > b),
    "less_than": _compare(lambda a, b: a < b),
    "contains": lambda v, o, _: isinstance(v, list) and any(_same(x, o) for x in v),
    "contains_all": lambda v, o, _: (
        isinstance(v, list) and all(any(_same(x, w) for x in v) for w in _as_list(o))
    ),
    "contains_any": lambda v, o, _: (
        isinstance(v, list) and any(any(_same(x, w) for x in v) for w in _as_list(o))
    ),
    # "no more than N days before the as-of date": a date after it is not within the last N days
    # (a last_review of 2099 would otherwise pass every freshness rule)
    "within_days": _days(lambda d, now, n: shift(now, -n) <= d <= now),
    "older_than_days": _days(lambda d, now, n: d < shift(now, -n)),
    "within_next_days": _days(lambda d, now, n: now <= d <= shift(now, n)),
    "is_past": lambda v, o, now: as_date(v) is not None and (as_date(v) < now) == bool(o),  # type: ignore[operator]
}


def with_constant(name: str, wanted: Any) -> Callable[[Any], bool] | None:
    """``OPERATORS[name]`` with its operand fixed to a plain value, made without the checks a
    value of unknown type needs, for the operators and operands most rules use; None for the
    others. Each gives what the general operator gives for every value (tested)."""
    if name in ("equals", "not_equals"):
        same = _same_as(wanted)
        if same is None:
            return None
        if name == "equals":
            return same
        return lambda v: v is not MISSING and v is not None and not same(v)
    if name in ("one_of", "not_one_of") and _all_plain(wanted):
        choices = frozenset(wanted)

        def among(v: Any) -> bool:
            return isinstance(v, str | int | float) and not isinstance(v, bool) and v in choices

        if name == "one_of":
            return among
        return lambda v: v is not MISSING and v is not None and not among(v)
    if name == "contains" and isinstance(wanted, str):
        return lambda v: isinstance(v, list) and wanted in v  # only text equals text
    if name == "exists":
        want = bool(wanted)
        return lambda v: (v is not MISSING and v is not None) is want
    return None


def _same_as(wanted: Any) -> Callable[[Any], bool] | None:
    """``_present(v) and _same(v, wanted)`` for a text, number or true/false ``wanted``."""
    if isinstance(wanted, bool):
        return lambda v: v is wanted
    if isinstance(wanted, str):
        return lambda v: isinstance(v, str) and v == wanted
    if isinstance(wanted, int | float):  # a number equals a number, never true or false
        return lambda v: v == wanted and not isinstance(v, bool)
    return None


def _all_plain(wanted: Any) -> bool:
    """A list of texts and numbers (no true or false, which must not equal 1 or 0)."""
    return isinstance(wanted, list) and all(
        isinstance(item, str | int | float) and not isinstance(item, bool) for item in wanted
    )


# -- membership in a list, each list hashed once ----------------------------------------------

SHORT_LIST = 8
"""Lists up to this length are scanned as :data:`OPERATORS` scans them; longer ones hashed."""


class Members:
    """The items of a list as one membership test, answering as :func:`_same` compared with each
    would: true and false apart from the numbers (True is not 1), the other items that can be
    hashed in a set, the rest (lists, mappings) compared one by one."""

    __slots__ = ("hashed", "others", "truth")

    def __init__(self, items: list[Any]) -> None:
        self.truth = {item for item in items if isinstance(item, bool)}
        self.hashed: set[Any] = set()
        self.others: list[Any] = []
        for item in items:
            if isinstance(item, bool):
                continue
            try:
                if item == item:  # a value unequal to itself (not a number) equals nothing
                    self.hashed.add(item)
                    continue
            except TypeError:
                pass
            self.others.append(item)

    def has(self, value: Any, budget: Budget) -> bool:
        if isinstance(value, bool):
            return value in self.truth
        try:
            return value in self.hashed  # text, a number or null equals no list or mapping
        except TypeError:  # a list or a mapping: compared with those, one by one
            budget.spend(len(self.others))
            return any(_same(value, item) for item in self.others)


class Lists:
    """The lists one condition tests membership in (``one_of``, ``not_one_of``, ``contains``,
    ``contains_all``, ``contains_any``), each hashed once: a quantifier tests the same list
    against each of its items (CTR-12: every entity against a contract's, all of ours when it
    names none), which scanned item by item took the cube of the entities (2,000 in 180 KB:
    13 s). The last long list is kept, by identity (a document's data and facts never change
    during a check); hashing one, and each item a ``contains_all`` or ``contains_any`` asks for,
    is spent from the rule's budget, so a rule that compares long lists in every combination
    stops with the budget's error rather than running for minutes."""

    __slots__ = ("_kept",)

    def __init__(self) -> None:
        self._kept: tuple[list[Any], Members] | None = None
        """The last long list and its members, replaced as one."""

    def has(self, items: list[Any], value: Any, budget: Budget) -> bool:
        """Whether ``value`` is one of ``items``, as :func:`_same` compares."""
        if len(items) <= SHORT_LIST:
            return any(_same(value, item) for item in items)
        kept = self._kept
        if kept is None or kept[0] is not items:
            budget.spend(len(items))
            kept = self._kept = (items, Members(items))
        return kept[1].has(value, budget)


Membership = Callable[[Any, Any, Lists, Budget], bool]


def _has_all(v: Any, o: Any, lists: Lists, budget: Budget) -> bool:
    wanted = _as_list(o)
    budget.spend(len(wanted))
    return isinstance(v, list) and all(lists.has(v, w, budget) for w in wanted)


def _has_any(v: Any, o: Any, lists: Lists, budget: Budget) -> bool:
    wanted = _as_list(o)
    budget.spend(len(wanted))
    return isinstance(v, list) and any(lists.has(v, w, budget) for w in wanted)


MEMBERSHIP: dict[str, Membership] = {
    "one_of": lambda v, o, lists, budget: (
        _present(v) and isinstance(o, list) and lists.has(o, v, budget)
    ),
    "not_one_of": lambda v, o, lists, budget: (
        _present(v) and not (isinstance(o, list) and lists.has(o, v, budget))
    ),
    "contains": lambda v, o, lists, budget: isinstance(v, list) and lists.has(v, o, budget),
    "contains_all": _has_all,
    "contains_any": _has_any,
}
"""The operators of :data:`OPERATORS` that test membership in a list, answering as they do,
with a :class:`Lists` of the condition's own and the rule's budget."""
