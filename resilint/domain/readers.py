"""Safe readers of parsed YAML, for the domain model and the checks: they never raise on odd data.

Rules also run on documents with schema errors, so every reader accepts any value and answers
None or an empty list where the data is missing or of the wrong type.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Container, Iterable
from typing import Any

from resilint.model import Document, caseless


def value_at(data: Any, *path: str | int) -> Any:
    """The value at ``path`` in parsed YAML, or None when any step is missing or mistyped."""
    value = data
    for step in path:
        if isinstance(step, str) and isinstance(value, dict):
            value = value.get(step)
        elif isinstance(step, int) and isinstance(value, list) and 0 <= step < len(value):
            value = value[step]
        else:
            return None
    return value


def strings(value: Any) -> list[str]:
    """The strings of a list (ids, names); anything else gives an empty list."""
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def among(value: Any, words: Container[Any]) -> bool:
    """Whether a value read from a document is one of ``words`` (a set of categories, statuses,
    names). A list or a mapping where the schema wants a word (``category: [backup_immutable]``,
    SCH-01's finding) is none of them: asked of a set or a mapping as it is, it would stop the
    check that reads it (unhashable) rather than read as no match."""
    try:
        return value in words
    except TypeError:  # unhashable
        return False


def keyed(values: Iterable[Any]) -> set[Any]:
    """The values that can be looked up, as a set: a list or a mapping where the schema wants a
    word (``name: [a, b]``, SCH-01's finding) names nothing, and is left out rather than stop
    the check that gathers them (unhashable)."""
    kept = set()
    for value in values:
        try:
            kept.add(value)
        except TypeError:  # unhashable
            continue
    return kept


def dicts(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """The mappings of a list, with their positions."""
    items = value if isinstance(value, list) else []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def point_at(data: Any, *path: str | int) -> tuple[str | int, ...]:
    """``path`` if it exists, else its longest existing parent, else the document's id: where a
    finding about a missing or incomplete field should point."""
    for end in range(len(path), 0, -1):
        if value_at(data, *path[:end]) is not None:
            return path[:end]
    return ("id",)


def indexed(value: Any) -> list[tuple[int, Any]]:
    """The items of a list, with their positions."""
    return list(enumerate(value)) if isinstance(value, list) else []


def mapping_at(data: Any, name: str) -> dict[str, Any]:
    """The mapping under ``name``, or an empty one."""
    value = data.get(name) if isinstance(data, dict) else None
    return value if isinstance(value, dict) else {}


def number(value: Any) -> float | None:
    """A number; booleans (valid YAML, not numbers here) and text are not."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def integer(value: Any) -> int | None:
    """A whole number, also written with a fraction of zero (``tier: 1.0``, ``1e0``: JSON
    Schema's integers, which the schemas accept); booleans are not (in Python, True == 1)."""
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def text_of(value: Any) -> str | None:
    """Non-blank text, stripped."""
    return value.strip() if isinstance(value, str) and value.strip() else None


def name_key(value: Any) -> str | None:
    """A name compared case- and space-insensitively: 'ACME  Group plc' is 'acme group PLC', and
    a letter however it is encoded (:func:`~resilint.model.caseless`)."""
    text = text_of(value)
    return "".join(caseless(text).split()) if text else None


LEGAL_FORMS = frozenset(
    # the legal form a firm's name ends with, its punctuation and spaces removed (S.à r.l.: sàrl)
    {
        "ab",
        "ag",
        "as",
        "asa",
        "bv",
        "co",
        "corp",
        "cv",
        "gmbh",
        "inc",
        "kg",
        "kgaa",
        "limited",
        "llc",
        "llp",
        "lp",
        "ltd",
        "mbb",
        "mbh",
        "nv",
        "ohg",
        "oy",
        "oyj",
        "partg",
        "partgmbb",
        "partnerschaft",
        "plc",
        "pllc",
        "sa",
        "sarl",
        "sàrl",
        "sas",
        "sca",
        "scs",
        "se",
        "sl",
        "slp",
        "slu",
        "spa",
        "sprl",
        "sro",
        "srl",
        "ug",
    }
)
"""Legal forms a firm is named with or without, as its words end (GmbH, AG, SE, S.A., S.à r.l.,
SAS, Ltd, LLP, plc, Inc, B.V., N.V., S.r.l., S.p.A., PartG mbB, GmbH & Co. KG): 'Greyline Incident
Response LLP' and 'Greyline Incident Response' are one firm."""


def firm_key(value: Any) -> str | None:
    """A firm's name compared as people write it: case, spaces and punctuation aside, and without
    the legal form it ends with ('Cobalt Forensics S.A.', 'cobalt forensics SA' and 'Cobalt
    Forensics' are one firm). The name's first word is always kept."""
    text = text_of(value)
    if text is None:
        return None
    words = re.findall(r"\w+", caseless(text))
    end = len(words)
    while end > 1:
        forms = (
            k for k in (4, 3, 2, 1) if k < end and "".join(words[end - k : end]) in LEGAL_FORMS
        )
        cut = next(forms, 0)
        if not cut:
            break
        end -= cut
    return "".join(words[:end]) or None


def show_number(value: float) -> str:
    """``24`` rather than ``24.0``; an int as it is (Python 3.10 and 3.11 ints have no
    ``is_integer``: ``impact --hours 0`` passed the ``0`` of ``length or 0`` and crashed)."""
    if isinstance(value, int):
        return str(value)
    return str(int(value)) if value.is_integer() else str(value)


def show_money(value: float | None, currency: object) -> str:
    """An amount with its currency and thousands separators, as every message and output shows
    one: ``EUR 25,000,000``, ``USD 1,250.50``; the amount alone where no currency is recorded,
    "not recorded" where no amount is."""
    if value is None:
        return "not recorded"
    from decimal import Decimal  # lazily: only a message naming an amount needs it

    # as written, in decimal: 9.99999999999999e17 is 999,999,999,999,999,000, never the binary
    # float's 999,999,999,999,998,976; + 0: -0.0 is shown 0
    exact = Decimal(str(value)) + 0
    shown = f"{exact:,.0f}" if exact == exact.to_integral_value() else f"{exact:,.2f}"
    code = currency if isinstance(currency, str) else ""
    return f"{code} {shown}".strip()


def listed(names: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if not names:
        return ""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def in_order(documents: Iterable[Document]) -> list[Document]:
    """Documents in file order, so findings come out the same on every run."""
    return sorted(documents, key=lambda d: (d.path, d.index))


def as_date(value: Any) -> datetime.date | None:
    """A date, from a date or from ISO text; None for anything else."""
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None
