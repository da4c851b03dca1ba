"""A field's value refused by its schema, in words people act on: the type, format, choice or
range it must have and what it holds (a date written as a number, a number with a thousands
separator, text YAML read as a number or a mapping), with what a mechanical fix needs to know;
and the words every explanation of a schema error shares: a field's path, a value shown, the
choice most likely meant. For :mod:`resilint.schema_errors` and :mod:`resilint.validate`."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from resilint.findings import JsonPath, format_json_path
from resilint.model import Document
from resilint.quoting import quoted
from resilint.suggest import did_you_mean, odd_characters, opposite

if TYPE_CHECKING:
    import jsonschema

    from resilint.remedies import Remedy


_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of fields",
    "null": "empty",
}


_UNIT_WORDS = {
    "_hours": "a number of hours",
    "_days": "a whole number of days",
    "_minutes": "a number of minutes",
    "_months": "a whole number of months",
    "_percent": "a percentage",
}


def grouped_number(document: Document, path: JsonPath, text: str) -> str:
    """A number written with a thousands separator is refused: YAML reads the dot as a decimal
    point, so '250.000' would be an amount of 250, '1.500' one of 1.5."""
    whole = text.replace(".", "")
    return (
        f"{document.label}: {field_words(path)} is written '{text}', which reads as "
        f"{float(text):g}, not {int(whole):,}: in YAML a dot is a decimal point, never a "
        f"thousands separator; write {whole} if you mean {int(whole):,}, or "
        f"{float(text):g} if you mean {float(text):g}"
    )


def remedy_of(error: jsonschema.ValidationError) -> Remedy | None:
    """What a fix needs to know of a wrong type, format or enum value."""
    from resilint.remedies import Remedy

    expected = expected_of(error)
    if error.validator == "type":
        if _a_date(error):  # quoted, 20281231 is still no date: nothing to fix by itself
            return None
        return Remedy("type", tuple(expected) if isinstance(expected, list) else (expected,))
    if error.validator == "format":
        return Remedy("format", (str(expected),))
    if error.validator == "enum":
        return Remedy("enum", tuple(c for c in expected if isinstance(c, str)))
    return None


def _a_date(error: jsonschema.ValidationError) -> bool:
    """A date field given a number or true/false (``20281231``): what it needs is a date, which
    quotes alone do not make."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    return schema.get("format") == "date" and isinstance(error.instance, bool | int | float)


def worded(error: jsonschema.ValidationError) -> str:
    """A schema error of a configuration or rule file in words for people, as a document's is
    (``must be one of: error, warning, info; got 'critical'``), not jsonschema's Python-style
    ``'critical' is not one of ['error', 'warning', 'info']``."""
    return describe(error, tuple(error.absolute_path))


def describe(error: jsonschema.ValidationError, path: tuple[str | int, ...]) -> str:
    keyword, expected, value = error.validator, expected_of(error), error.instance
    if keyword == "type" and _a_date(error):
        return f"must be a date written YYYY-MM-DD, got {_show(value)}"
    if keyword == "type":
        return _wrong_type(expected, value, path)
    if keyword == "enum":
        choices = ", ".join(str(choice) for choice in expected)
        return (
            f"must be one of: {choices}; got {_show(value)}"
            f"{did_you_mean_value(str(value), [str(c) for c in expected])}"
        )
    if keyword == "const":
        return f"must be {_show(expected)}, got {_show(value)}"
    if keyword == "format":
        from resilint.written import as_date  # a schema error's hint: not loaded for clean runs

        return {
            "date": f"must be a date written YYYY-MM-DD, got {_show(value)}"
            + (as_date(value) if isinstance(value, str) else ""),
            "email": f"must be an e-mail address, got {_show(value)}",
        }.get(str(expected), f"must be a valid {expected}, got {_show(value)}")
    if keyword in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        words = {
            "minimum": "at least",
            "exclusiveMinimum": "more than",
            "maximum": "at most",
            "exclusiveMaximum": "less than",
        }[keyword]
        return f"must be {words} {expected}, got {_show(value)}"
    if keyword == "multipleOf":  # an amount above 10^15: a spreadsheet keeps 15 digits
        return _not_rounded(expected, value)
    if keyword == "minLength" and expected == 1:
        return "must not be empty"
    if keyword == "minItems":
        return f"must list at least {expected} item{'s' if expected != 1 else ''}"
    if keyword == "uniqueItems":
        return "lists the same item more than once"
    if keyword == "pattern":
        odd = odd_characters(value) if isinstance(value, str) else []
        if odd:
            return (
                f"holds characters that only look right or cannot be seen: {', '.join(odd)}; "
                "retype it (it was probably pasted from a document that uses other characters)"
            )
        return f"has the wrong form: got {_show(value)}, expected {_form(error, expected)}"
    return str(error.message)


def _not_rounded(multiple: Any, value: Any) -> str:
    """An amount above 10^15 with more than 15 significant digits; or one written with an
    exponent that has no more, but that YAML reads as a binary fraction other than the digits
    written (``9.99999999999999e17`` is 999999999999998976): then the digits to write."""
    if isinstance(value, float) and math.isfinite(value):
        from decimal import Decimal  # only for such a value

        written = Decimal(repr(value))
        if isinstance(multiple, int) and written % multiple == 0:
            return (
                f"must be written in digits, got {_show(value)}: with an exponent it is read as "
                f"{int(value)}, which is no multiple of {multiple}; write {written:f}"
            )
    return (
        f"must be rounded to a multiple of {multiple}, got {_show(value)}: a sum this large "
        "keeps at most 15 significant digits, the most a spreadsheet (the register's workbook) "
        "holds to the unit"
    )


def _form(error: jsonschema.ValidationError, pattern: Any) -> str:
    """What a pattern asks, in the schema's own words where they name it (``a two-letter ISO
    3166-1 country code in capitals (for example DE, GB, US)`` for ``Germany``), else the
    pattern itself."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    words = str(schema.get("description") or "").split(". ")[0].rstrip(".")
    if words.startswith(("A ", "An ")):
        return words[0].lower() + words[1:]
    return f"text matching {pattern}"


def _wrong_type(expected: Any, value: Any, path: tuple[str | int, ...]) -> str:
    from resilint.written import as_number  # a schema error's hint: not loaded for clean runs

    wanted = " or ".join(
        _TYPE_WORDS.get(str(t), str(t))
        for t in (expected if isinstance(expected, list) else [expected])
    )
    last = str(path[-1]) if path else ""
    if wanted in ("a number", "a whole number"):
        wanted = next((w for s, w in _UNIT_WORDS.items() if last.endswith(s)), wanted)
    message = f"must be {wanted}, got {_show(value)}"
    if isinstance(value, str) and wanted != "text":
        message += as_number(value.strip(), last)
    if expected == "string" and isinstance(value, bool | int | float):
        message += (
            "; YAML reads unquoted values such as 1.10, true or 2026 as numbers or "
            "true/false, so put the value in quotes"
        )
    elif expected == "string" and isinstance(value, dict) and len(value) == 1:
        ((key, text),) = value.items()
        if isinstance(key, str) and key.strip() and (text is None or isinstance(text, str)):
            message += (
                f"; unquoted, '{clip(key)}: {clip(str(text or ''))}' is read as a mapping "
                "because of its ': ', so put the whole text in quotes"
            )
    return message


def clip(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[: most - 3] + "..."


def _show(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return quoted(str(value))


def field_words(path: tuple[str | int, ...]) -> str:
    # an empty key is shown as '' (format_json_path would drop it: contacts."" as "contacts.")
    return format_json_path(tuple("''" if part == "" else part for part in path)) or "the document"


def did_you_mean_value(word: str, choices: list[str]) -> str:
    """The closest choice by spelling, or else the one choice ``word`` names a part of: a value
    written short, ``saas`` for ``multi_tenant_saas`` or ``paas`` for ``iaas_paas``, is no
    misspelling of any choice, yet means one."""
    close = did_you_mean(word, choices)
    if close:
        return close
    part = re.sub(r"[\s_-]+", "_", word.strip()).casefold().strip("_")
    naming = [
        c for c in choices if part and f"_{part}_" in f"_{c.casefold()}_" and not opposite(part, c)
    ]
    return f" (did you mean '{naming[0]}'?)" if len(naming) == 1 else ""


def expected_of(error: jsonschema.ValidationError) -> Any:
    return error.validator_value
