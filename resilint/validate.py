"""Stage 3 of the flow: check each document against its kind's schema, in words people act on.

Every schema error is reported, not just the first, each at the field it concerns: in words
by :mod:`resilint.schema_errors` (fields unknown, missing or misplaced) and
:mod:`resilint.value_errors` (a value of the wrong type, form or range).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from resilint.core_checks import CORE_CHECKS
from resilint.findings import Finding, Fix, JsonPath
from resilint.load import RawDocument
from resilint.load.grouped import Grouped
from resilint.locate import Locator
from resilint.model import Document
from resilint.quoting import flow, kind_of, quoted, shown
from resilint.schemas import SchemaSet
from resilint.serialize import same_data

if TYPE_CHECKING:
    import jsonschema

    from resilint.remedies import Remedy

API_VERSION = "resilint/v1"


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
    grouped = dict(_grouped(raw.data, ())) if raw.grouped else {}
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
    if not schemas.is_kind(document.kind):
        where: JsonPath = ("kind",) if "kind" in raw.data else ()
        from resilint.remedies import Remedy  # only a finding's fix needs it (and PyYAML)

        remedy = Remedy("kind", tuple(schemas.kinds)) if where else None
        return document, [
            _finding(
                locator,
                "DOC-01",
                _unknown_kind(kind, list(schemas.kinds)),
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
    from resilint.schema_errors import explain_error, explanation  # invalid documents only
    from resilint.value_errors import grouped_number

    problems = [
        explanation(grouped_number(document, path, text), path) for path, text in grouped.items()
    ] + [
        problem
        for error in errors
        if tuple(error.absolute_path) not in grouped
        for problem in explain_error(error, document, schemas)
    ]
    if not problems:  # the fast validator refused what the explaining one cannot name: fail closed
        problems = [explanation(f"{document.label} does not match the {document.kind} schema", ())]
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
    from resilint.value_errors import did_you_mean_value  # an unknown kind's words only

    listed = ", ".join(kinds)
    if kind is None:
        return "the document has no kind; add one of: " + listed
    if isinstance(kind, str):
        return f"unknown kind {quoted(kind)}{did_you_mean_value(kind, kinds)}; kinds are: {listed}"
    only = kind[0] if isinstance(kind, list) and len(kind) == 1 else None
    hint = did_you_mean_value(only, kinds) if isinstance(only, str) else ""
    if hint and only in kinds:
        hint = f" (write {quoted(only)} alone, without the brackets)"
    return (
        f"the kind must be the name of a kind written as text, not {kind_of(kind)} "
        f"({flow(kind)}){hint}; kinds are: {listed}"
    )


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
