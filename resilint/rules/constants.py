"""A condition's plain operand checked against the field it tests, when the rule loads.

``{field: contract.status, one_of: [ended, terminatd]}``, ``{field: supplier.tier, equals:
"1"}`` or ``{field: waiver.expires, more_than: 5}`` name real fields with real operators, yet
can never hold (or always hold, negated): a value the field cannot take, a number quoted as
text, a date compared with a number. The rule would load, its examples might not cover the
case, and it would stay silent on every repository; so such an operand is an error at its line.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from resilint.quoting import kind_of, shown
from resilint.rules.model import DATE_OPERATORS
from resilint.suggest import did_you_mean

_SCALAR = frozenset({"equals", "not_equals"})
_LISTED = frozenset({"one_of", "not_one_of"})
_ORDERED = frozenset({"at_least", "at_most", "more_than", "less_than"})
_HOLDS = {"integer": "whole numbers", "number": "numbers", "boolean": "true or false"}


def mismatch(
    schema: Mapping[str, Any], items: Mapping[str, Any] | None, op: str, wanted: Any
) -> str | None:
    """Why ``{field: F, op: wanted}`` cannot mean what it says of a field of ``schema`` (its
    list items' schema ``items``), or None. Only plain operands are judged."""
    if op in _SCALAR:
        return _value(schema, wanted)
    if op in _LISTED:
        if not isinstance(wanted, list):
            return f"{op} takes a list of values ([a, b]), not {kind_of(wanted)}"
        return next((m for m in (_value(schema, v) for v in wanted) if m), None)
    if op == "contains" and items is not None:
        return _value(items, wanted)
    if op in ("contains_all", "contains_any") and items is not None:
        if not isinstance(wanted, list):
            return f"{op} takes a list of values ([a, b]), not {kind_of(wanted)}"
        return next((m for m in (_value(items, v) for v in wanted) if m), None)
    if op in _ORDERED:
        return _ordered(schema, wanted)
    if (
        op in DATE_OPERATORS
        and not _is_date(schema)
        and schema.get("type") in (*_HOLDS, "array", "object")
    ):
        return f"{op} tests a date, and the field holds {_holds(schema)}"
    return None


def _value(schema: Mapping[str, Any], value: Any) -> str | None:
    """Why a field of ``schema`` never equals ``value``, or None."""
    if value is None or isinstance(value, dict | list):
        return None
    enum = schema.get("enum")
    if isinstance(enum, list) and enum and not any(_same(value, e) for e in enum):
        hint = did_you_mean(value, [str(e) for e in enum]) if isinstance(value, str) else ""
        values = ", ".join(str(e) for e in enum)
        return f"{shown(value)} is not a value the field takes{hint}; values: {values}"
    kind = schema.get("type")
    if kind == "string" and not isinstance(value, str) and not _date_value(schema, value):
        return f"the field holds text, and {shown(value)} is {kind_of(value)}: write it in quotes"
    if kind in ("integer", "number") and (isinstance(value, bool) or not _number(value)):
        hint = ": write it without quotes" if isinstance(value, str) and _numeric(value) else ""
        return f"the field holds {_HOLDS[kind]}, and {shown(value)} is {kind_of(value)}{hint}"
    if kind == "boolean" and not isinstance(value, bool):
        hint = ": write it without quotes" if str(value).lower() in ("true", "false") else ""
        return f"the field holds true or false, and {shown(value)} is {kind_of(value)}{hint}"
    return None


def _ordered(schema: Mapping[str, Any], value: Any) -> str | None:
    """Why an ordering of a field of ``schema`` with ``value`` never holds, or None: numbers
    compare with numbers, dates with dates."""
    if isinstance(value, dict | list) or value is None:
        return None
    if _is_date(schema) and not _date_value(schema, value) and not _iso_date(value):
        return f"the field holds dates, and {shown(value)} is not a date (YYYY-MM-DD)"
    kind = schema.get("type")
    if kind in ("integer", "number") and (isinstance(value, bool) or not _number(value)):
        hint = ": write it without quotes" if isinstance(value, str) and _numeric(value) else ""
        return f"the field holds {_HOLDS[kind]}, and {shown(value)} is {kind_of(value)}{hint}"
    return None


def _holds(schema: Mapping[str, Any]) -> str:
    kind = schema.get("type")
    return {"array": "a list", "object": "a mapping"}.get(str(kind)) or _HOLDS.get(
        str(kind), "text"
    )


def _same(value: Any, other: Any) -> bool:
    if isinstance(value, bool) or isinstance(other, bool):
        return value is other
    return bool(value == other)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _is_date(schema: Mapping[str, Any]) -> bool:
    return schema.get("type") == "string" and schema.get("format") == "date"


def _date_value(schema: Mapping[str, Any], value: Any) -> bool:
    return _is_date(schema) and isinstance(value, datetime.date)


def _iso_date(value: Any) -> bool:
    if isinstance(value, datetime.date):
        return True
    if not isinstance(value, str):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True
