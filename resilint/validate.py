"""Stage 3 of the flow: check each document against its kind's schema, in words people act on.

Every schema error is reported, not just the first, each at the field it concerns.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from resilint.core_checks import CORE_CHECKS
from resilint.findings import Finding, Fix, JsonPath, format_json_path
from resilint.load import RawDocument
from resilint.load.grouped import Grouped
from resilint.locate import Locator
from resilint.model import Document
from resilint.quoting import flow, kind_of, quoted, shown
from resilint.schemas import SchemaSet
from resilint.serialize import same_data
from resilint.suggest import did_you_mean, odd_characters, opposite

if TYPE_CHECKING:
    import jsonschema

    from resilint.remedies import Remedy

API_VERSION = "resilint/v1"

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


NO_DATA: Any = object()
"""No earlier data known valid (None is data: an empty document)."""


def to_document(
    raw: RawDocument, schemas: SchemaSet, locator: Locator, valid: Any = NO_DATA
) -> tuple[Document, list[Finding]]:
    """The document, with DOC-01 if its kind or version is unknown, else its schema findings.
    ``valid``: data known to be valid (the same place in the file's last version, under the
    same schemas); a document with the same data is valid without being validated again, so a
    run after an edit of comments or layout only does not load the validators at all."""
    kind = raw.data.get("kind")
    doc_id = raw.data.get("id")
    grouped = dict(_grouped(raw.data, ()))
    document = Document(
        raw.path,
        raw.index,
        raw.line,
        kind if isinstance(kind, str) else "",
        doc_id if isinstance(doc_id, str) else None,
        _ungrouped(raw.data) if grouped else raw.data,
    )
    version = raw.data.get("apiVersion")
    if version != API_VERSION:
        return document, [
            _finding(
                locator,
                "DOC-01",
                f"unknown apiVersion {shown(version)}: this resilint reads {API_VERSION}",
                document,
                ("apiVersion",),
            )
        ]
    if document.kind not in schemas.kinds:
        where: JsonPath = ("kind",) if "kind" in raw.data else ()
        from resilint.remedies import Remedy  # only a finding's fix needs it (and PyYAML)

        remedy = Remedy("kind", tuple(schemas.kinds)) if where else None
        return document, [
            _finding(
                locator,
                "DOC-01",
                _unknown_kind(kind, schemas.kinds),
                document,
                where,
                fix=_fix(remedy, document, where, locator, schemas),
            )
        ]
    if not grouped and (
        (valid is not NO_DATA and same_data(raw.data, valid))
        or schemas.is_valid(document.kind, raw.data)
    ):
        return document, []
    validator = schemas.validator(document.kind)
    errors = list(validator.iter_errors(document.data))
    if grouped:
        # ambiguous only where both readings fit the field: 99.999 percent is no 99,999
        texts = {tuple(e.absolute_path) for e in errors if _text_expected(e)}
        thousands = validator.iter_errors(_ungrouped(raw.data, thousands=True))
        unfit = {tuple(e.absolute_path) for e in thousands}
        grouped = {p: text for p, text in grouped.items() if p not in texts and p not in unfit}
        if not grouped and not errors:
            return document, []
    # A document missing two required fields gets one error per field from the validator and
    # each is explained in full, so identical explanations are folded.
    problems = [
        _explained(_grouped_number(document, path, text), path) for path, text in grouped.items()
    ] + [
        problem
        for error in errors
        if tuple(error.absolute_path) not in grouped
        for problem in _explain(error, document, schemas)
    ]
    if not problems:  # the fast validator refused what the explaining one cannot name: fail closed
        problems = [_explained(f"{document.label} does not match the {document.kind} schema", ())]
    return document, [
        _finding(
            locator,
            code,
            message,
            document,
            path,
            on_key,
            _fix(remedy, document, path, locator, schemas),
        )
        for code, message, path, on_key, remedy in dict.fromkeys(problems)
    ]


def _grouped(value: Any, path: JsonPath) -> Iterator[tuple[JsonPath, str]]:
    """Where the data holds a number written with a thousands separator (:class:`Grouped`),
    with how it was written."""
    if isinstance(value, Grouped):
        yield path, value.text
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _grouped(item, (*path, key))
    elif isinstance(value, list):
        for number, item in enumerate(value):
            yield from _grouped(item, (*path, number))


def _ungrouped(value: Any, thousands: bool = False) -> Any:
    """The data with each such number a plain float, as YAML reads it: the value rules and the
    cache may hold (``thousands``: the whole number a thousands separator would make of it)."""
    if isinstance(value, Grouped):
        return int(value.text.replace(".", "")) if thousands else float(value)
    if isinstance(value, dict):
        return {key: _ungrouped(item, thousands) for key, item in value.items()}
    if isinstance(value, list):
        return [_ungrouped(item, thousands) for item in value]
    return value


def _text_expected(error: jsonschema.ValidationError) -> bool:
    """Whether ``error`` says its field holds text, not a number (a version written 1.100)."""
    if error.validator != "type":
        return False
    expected: Any = error.validator_value
    types = {expected} if isinstance(expected, str) else set(expected)
    return not types & {"number", "integer"}


def _grouped_number(document: Document, path: JsonPath, text: str) -> str:
    """A number written with a thousands separator is refused: YAML reads the dot as a decimal
    point, so '250.000' would be an amount of 250, '1.500' one of 1.5."""
    whole = text.replace(".", "")
    return (
        f"{document.label}: {_field(path)} is written '{text}', which reads as "
        f"{float(text):g}, not {int(whole):,}: in YAML a dot is a decimal point, never a "
        f"thousands separator; write {whole} if you mean {int(whole):,}, or "
        f"{float(text):g} if you mean {float(text):g}"
    )


def _fix(
    remedy: Remedy | None,
    document: Document,
    path: JsonPath,
    locator: Locator,
    schemas: SchemaSet,
) -> Fix | None:
    if not remedy:
        return None
    from resilint.remedies import fix_for

    return fix_for(remedy, document, path, locator, schemas)


def _unknown_kind(kind: Any, kinds: list[str]) -> str:
    """The kind as YAML writes it (``[Contract]``, ``"Contract\u00a0"``), never as Python
    shows it, and the kind it most likely means."""
    listed = ", ".join(kinds)
    if kind is None:
        return "the document has no kind; add one of: " + listed
    if isinstance(kind, str):
        return f"unknown kind {quoted(kind)}{_did_you_mean(kind, kinds)}; kinds are: {listed}"
    only = kind[0] if isinstance(kind, list) and len(kind) == 1 else None
    hint = _did_you_mean(only, kinds) if isinstance(only, str) else ""
    if hint and only in kinds:
        hint = f" (write {quoted(only)} alone, without the brackets)"
    return (
        f"the kind must be the name of a kind written as text, not {kind_of(kind)} "
        f"({flow(kind)}){hint}; kinds are: {listed}"
    )


_Explained = tuple[str, str, tuple[str | int, ...], bool, "Remedy | None"]
"""A schema error in words: code, message, JSON path, whether it concerns the key, and what a
mechanical fix would need to know."""


def _finding(
    locator: Locator,
    code: str,
    message: str,
    document: Document,
    path: tuple[str | int, ...],
    on_key: bool = False,
    fix: Fix | None = None,
) -> Finding:
    check = CORE_CHECKS[code]
    return locator.finding(
        code, check.name, check.level, message, document, path, on_key=on_key, fix=fix
    )


def _explained(
    message: str, path: tuple[str | int, ...], on_key: bool = False, remedy: Remedy | None = None
) -> _Explained:
    return "SCH-01", message, path, on_key, remedy


def _explain(
    error: jsonschema.ValidationError, document: Document, schemas: SchemaSet
) -> Iterator[_Explained]:
    path = tuple(error.absolute_path)
    subject = f"{document.label}: {_field(path)}"
    keyword = error.validator
    alternatives = _alternatives(error)
    if alternatives:
        yield _explained(f"{document.label}: {_one_of_fields(error, alternatives)}", path)
    elif keyword in ("anyOf", "oneOf") and error.context:
        from jsonschema.exceptions import best_match  # only invalid documents get here

        best = best_match(error.context)
        yield from _explain(best, document, schemas) if best is not None else ()
    elif "propertyNames" in error.absolute_schema_path:  # the instance is a key, not a value
        yield _bad_key(error, document, path)
    elif keyword == "additionalProperties":
        from resilint.remedies import Remedy

        allowed = sorted(_schema(error).get("properties", {}))
        previous = _previous_keys(error.instance)
        stands_for = _stands_for(error, document, path, schemas)
        for extra in _extras(error):
            yield _explained(
                (
                    _unknown_field(document, path, extra, allowed, schemas)
                    if stands_for is None
                    else _in_place_of(document, path, extra, stands_for)
                )
                + _cut_by_comma(error.instance, extra, previous),
                (*path, extra),
                on_key=True,
                remedy=Remedy("unknown_field", tuple(allowed)),
            )
    elif keyword == "required":
        # one unknown field standing for the one missing is said once, at that field
        stand_in = _stands_for(error, document, path, schemas)
        for missing in _missing(error) if stand_in is None else ():
            about = _schema(error).get("properties", {}).get(missing, {}).get("description", "")
            hint = f" ({about.rstrip('.')})" if about else ""
            yield _explained(
                f"{document.label}: {_field((*path, missing))} is required{hint}", path
            )
    else:
        yield _explained(f"{subject} {_describe(error, path)}", path, remedy=_remedy(error))


def _alternatives(error: jsonschema.ValidationError) -> list[str]:
    """The fields a ``oneOf`` of ``{required: [field]}`` asks one of (a Waiver's rule or
    rules), or none for any other error."""
    branches = _expected(error) if error.validator == "oneOf" else None
    if not isinstance(branches, list):
        return []
    names = [b.get("required") if isinstance(b, dict) and len(b) == 1 else None for b in branches]
    if not all(isinstance(n, list) and len(n) == 1 for n in names):
        return []
    return [str(n[0]) for n in names if isinstance(n, list)]


def _one_of_fields(error: jsonschema.ValidationError, fields: list[str]) -> str:
    """Neither field given: which to give and what each is for; more than one: only one."""
    instance = error.instance if isinstance(error.instance, dict) else {}
    given = [name for name in fields if name in instance]
    either = " or ".join(fields)
    if given:
        return f"{' and '.join(given)} are both given, but only one may be: keep {either}"
    properties = _schema(error).get("properties", {})
    about = [
        re.split(r" \(|; |\. ", str(properties.get(name, {}).get("description", "")))[0]
        for name in fields
    ]
    pairs = zip(fields, about, strict=True)
    hint = "; or ".join(f"{name}: {text.rstrip('.')}" for name, text in pairs if text)
    return f"{either} is required" + (f" ({hint})" if hint else "")


def _unknown_field(
    document: Document,
    path: tuple[str | int, ...],
    extra: str,
    allowed: list[str],
    schemas: SchemaSet,
) -> str:
    if extra == "":  # a path cannot show an empty key: it would name the mapping holding it
        return (
            f"{document.label}: an empty key ('') is not a field of {_holder(document, path)}; "
            "write the field's name before the colon, or delete the line"
        )
    from resilint.placed import belongs  # only an unknown field needs it

    # a name misspelt here, else a field of another mapping of the document
    hint = _did_you_mean(extra, allowed) or belongs(schemas, document.kind, path, extra)
    return f"{document.label}: unknown field '{_field((*path, extra))}'" + hint


def _stands_for(
    error: jsonschema.ValidationError,
    document: Document,
    path: tuple[str | int, ...],
    schemas: SchemaSet,
) -> str | None:
    """The one required field missing from a mapping that holds one unknown field, which most
    likely stands in its place (``lieferant: acme`` for ``supplier: acme``, the word in another
    language or misspelt past recognition): one finding, at the key to rename, says both. Not
    where the unknown field is another field misspelt, or a field of another mapping of the
    document (a plan's ``max_degraded_hours`` at the top, its ``function`` missing): it is told
    where it belongs, and the missing field is asked for on its own."""
    schema = _schema(error)
    instance = error.instance
    if not isinstance(instance, dict) or not isinstance(schema.get("properties"), dict):
        return None
    if schema.get("additionalProperties") is not False:
        return None
    unknown = [key for key in instance if key not in schema["properties"]]
    missing = [name for name in schema.get("required", ()) if name not in instance]
    if len(unknown) != 1 or len(missing) != 1 or not isinstance(unknown[0], str):
        return None
    from resilint.placed import belongs  # only an invalid document gets here

    close = _did_you_mean(unknown[0], sorted(schema["properties"]))
    if (close and f"'{missing[0]}'" not in close) or belongs(
        schemas, document.kind, path, unknown[0]
    ):
        return None
    return str(missing[0])


def _in_place_of(document: Document, path: JsonPath, extra: str, required: str) -> str:
    return (
        f"{document.label}: unknown field '{_field((*path, extra))}', and {required} is required "
        f"but not given: if '{extra}' is meant as {required}, rename the key to {required}"
    )


def _previous_keys(mapping: Any) -> dict[str, str]:
    """Each key of ``mapping`` with the key written before it: found once for all its unknown
    fields (looked up for each, 24,000 fields without a value took 37 s)."""
    if not isinstance(mapping, dict):
        return {}
    keys = list(mapping)
    return dict(zip(keys[1:], keys, strict=False))


def _cut_by_comma(mapping: Any, extra: str, previous: dict[str, str]) -> str:
    """For a key with no value right after a text (``{name: Amazon.com, Inc.}`` reads as
    ``name: Amazon.com`` and a key ``Inc.``): that a comma in braces cut the text, and the
    quoted text that keeps it whole."""
    if not isinstance(mapping, dict) or mapping.get(extra, "") is not None:
        return ""
    key = previous.get(extra)
    before = mapping.get(key) if key is not None else None
    if not isinstance(before, str):
        return ""
    whole = f"{before}, {extra}"
    return (
        f"; if '{_clip(extra)}' is the end of the text before it, the comma inside {{ }} cut "
        f'it off: write that text in quotes ({key}: "{_clip(whole)}")'
    )


def _bad_key(
    error: jsonschema.ValidationError, document: Document, path: tuple[str | int, ...]
) -> _Explained:
    """A key the schema's ``propertyNames`` refuses: the finding is at the key and names it."""
    key = str(error.instance)
    if key == "":
        message = (
            f"{document.label}: an empty key ('') is not a name {_field(path)} can hold; "
            "write a name before the colon, or delete the line"
        )
    else:
        message = f"{document.label}: the key '{key}' in {_field(path)} {_describe(error, path)}"
    return _explained(message, (*path, key), on_key=True)


def _holder(document: Document, path: tuple[str | int, ...]) -> str:
    """The mapping a key is in, in words: ``a Supplier`` at the top, else its path."""
    if path:
        return _field(path)
    return f"{'an' if document.kind[:1] in 'AEIOU' else 'a'} {document.kind}"


def _remedy(error: jsonschema.ValidationError) -> Remedy | None:
    """What a fix needs to know of a wrong type, format or enum value."""
    from resilint.remedies import Remedy

    expected = _expected(error)
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
    return _describe(error, tuple(error.absolute_path))


def _describe(error: jsonschema.ValidationError, path: tuple[str | int, ...]) -> str:
    keyword, expected, value = error.validator, _expected(error), error.instance
    if keyword == "type" and _a_date(error):
        return f"must be a date written YYYY-MM-DD, got {_show(value)}"
    if keyword == "type":
        return _wrong_type(expected, value, path)
    if keyword == "enum":
        choices = ", ".join(str(choice) for choice in expected)
        return (
            f"must be one of: {choices}; got {_show(value)}"
            f"{_did_you_mean(str(value), [str(c) for c in expected])}"
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
                f"; unquoted, '{_clip(key)}: {_clip(str(text or ''))}' is read as a mapping "
                "because of its ': ', so put the whole text in quotes"
            )
    return message


def _clip(text: str, most: int = 40) -> str:
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


def _field(path: tuple[str | int, ...]) -> str:
    # an empty key is shown as '' (format_json_path would drop it: contacts."" as "contacts.")
    return format_json_path(tuple("''" if part == "" else part for part in path)) or "the document"


def _did_you_mean(word: str, choices: list[str]) -> str:
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


def _extras(error: jsonschema.ValidationError) -> list[str]:
    allowed = set(_schema(error).get("properties", {}))
    patterns = [re.compile(p) for p in _schema(error).get("patternProperties", {})]
    instance = error.instance if isinstance(error.instance, dict) else {}
    return [
        key for key in instance if key not in allowed and not any(p.search(key) for p in patterns)
    ]


def _schema(error: jsonschema.ValidationError) -> dict[str, Any]:
    return error.schema if isinstance(error.schema, dict) else {}


def _expected(error: jsonschema.ValidationError) -> Any:
    return error.validator_value


def _missing(error: jsonschema.ValidationError) -> list[str]:
    instance = error.instance if isinstance(error.instance, dict) else {}
    return [str(name) for name in _expected(error) if name not in instance]
