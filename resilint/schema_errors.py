"""A schema error in words people act on, one or more per error of the validator: unknown
fields (misspelt, belonging to another mapping, or standing for the one required field
missing), missing fields, one of several fields to give, refused keys; a wrong value is
worded by :mod:`resilint.value_errors`. Only invalid documents get here
(:func:`resilint.validate.to_document`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from resilint.findings import JsonPath
from resilint.model import Document
from resilint.schemas import SchemaSet
from resilint.value_errors import (
    clip,
    describe,
    did_you_mean_value,
    expected_of,
    field_words,
    remedy_of,
)

if TYPE_CHECKING:
    import jsonschema

    from resilint.remedies import Remedy


_Explained = tuple[str, str, tuple[str | int, ...], bool, "Remedy | None"]
"""A schema error in words: code, message, JSON path, whether it concerns the key, and what a
mechanical fix would need to know."""


def explanation(
    message: str, path: tuple[str | int, ...], on_key: bool = False, remedy: Remedy | None = None
) -> _Explained:
    return "SCH-01", message, path, on_key, remedy


def explain_error(
    error: jsonschema.ValidationError, document: Document, schemas: SchemaSet
) -> Iterator[_Explained]:
    path = tuple(error.absolute_path)
    subject = f"{document.label}: {field_words(path)}"
    keyword = error.validator
    alternatives = _alternatives(error)
    if alternatives:
        yield explanation(f"{document.label}: {_one_of_fields(error, alternatives)}", path)
    elif keyword in ("anyOf", "oneOf") and error.context:
        from jsonschema.exceptions import best_match  # only invalid documents get here

        best = best_match(error.context)
        yield from explain_error(best, document, schemas) if best is not None else ()
    elif "propertyNames" in error.absolute_schema_path:  # the instance is a key, not a value
        yield _bad_key(error, document, path)
    elif keyword == "additionalProperties":
        from resilint.remedies import Remedy

        allowed = sorted(_schema(error).get("properties", {}))
        previous = _previous_keys(error.instance)
        stands_for = _stands_for(error, document, path, schemas)
        for extra in _extras(error):
            yield explanation(
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
            yield explanation(
                f"{document.label}: {field_words((*path, missing))} is required{hint}", path
            )
    else:
        yield explanation(f"{subject} {describe(error, path)}", path, remedy=remedy_of(error))


def _alternatives(error: jsonschema.ValidationError) -> list[str]:
    """The fields a ``oneOf`` of ``{required: [field]}`` asks one of (a Waiver's rule or
    rules), or none for any other error."""
    branches = expected_of(error) if error.validator == "oneOf" else None
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
    hint = did_you_mean_value(extra, allowed) or belongs(schemas, document.kind, path, extra)
    return f"{document.label}: unknown field '{field_words((*path, extra))}'" + hint


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

    close = did_you_mean_value(unknown[0], sorted(schema["properties"]))
    if (close and f"'{missing[0]}'" not in close) or belongs(
        schemas, document.kind, path, unknown[0]
    ):
        return None
    return str(missing[0])


def _in_place_of(document: Document, path: JsonPath, extra: str, required: str) -> str:
    return (
        f"{document.label}: unknown field '{field_words((*path, extra))}', and {required} is "
        f"required but not given: if '{extra}' is meant as {required}, rename the key to "
        f"{required}"
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
        f"; if '{clip(extra)}' is the end of the text before it, the comma inside {{ }} cut "
        f'it off: write that text in quotes ({key}: "{clip(whole)}")'
    )


def _bad_key(
    error: jsonschema.ValidationError, document: Document, path: tuple[str | int, ...]
) -> _Explained:
    """A key the schema's ``propertyNames`` refuses: the finding is at the key and names it."""
    key = str(error.instance)
    if key == "":
        message = (
            f"{document.label}: an empty key ('') is not a name {field_words(path)} can hold; "
            "write a name before the colon, or delete the line"
        )
    else:
        message = (
            f"{document.label}: the key '{key}' in {field_words(path)} {describe(error, path)}"
        )
    return explanation(message, (*path, key), on_key=True)


def _holder(document: Document, path: tuple[str | int, ...]) -> str:
    """The mapping a key is in, in words: ``a Supplier`` at the top, else its path."""
    if path:
        return field_words(path)
    return f"{'an' if document.kind[:1] in 'AEIOU' else 'a'} {document.kind}"


def _extras(error: jsonschema.ValidationError) -> list[str]:
    allowed = set(_schema(error).get("properties", {}))
    patterns = [re.compile(p) for p in _schema(error).get("patternProperties", {})]
    instance = error.instance if isinstance(error.instance, dict) else {}
    return [
        key for key in instance if key not in allowed and not any(p.search(key) for p in patterns)
    ]


def _schema(error: jsonschema.ValidationError) -> dict[str, Any]:
    return error.schema if isinstance(error.schema, dict) else {}


def _missing(error: jsonschema.ValidationError) -> list[str]:
    instance = error.instance if isinstance(error.instance, dict) else {}
    return [str(name) for name in expected_of(error) if name not in instance]
