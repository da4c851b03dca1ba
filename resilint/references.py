"""Stage 4 of the flow: index documents by id and resolve every declared reference."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from resilint.core_checks import CORE_CHECKS
from resilint.findings import Finding, JsonPath, Related, format_json_path
from resilint.locate import Locator
from resilint.model import Document, Index
from resilint.schemas import SchemaSet


def check_index(index: Index, locator: Locator) -> Iterator[Finding]:
    """DOC-02 for every document whose kind and id another document already has."""
    check = CORE_CHECKS["DOC-02"]
    for first, again in index.duplicates:
        yield locator.finding(
            check.code,
            check.name,
            check.level,
            f"{again.label}: the id '{again.id}' is already used by another "
            f"{first.label.rsplit(' ', 1)[0]} in {first.path}:{first.line}",
            again,
            ("id",),
            related=(locator.related(first, ("id",), "first document with this id"),),
        )


def check_references(index: Index, schemas: SchemaSet, locator: Locator) -> Iterator[Finding]:
    """REF-01 for every reference to a document that does not exist."""
    for document in index.documents:
        if document.kind not in schemas.kinds:
            continue
        for field in schemas.references(document.kind):
            for path, value in field.values(document.data):
                if isinstance(value, str) and index.get(field.target, value) is None:
                    yield _unknown(document, path, value, field.target, index, locator)


def _unknown(
    document: Document, path: JsonPath, value: str, target: str, index: Index, locator: Locator
) -> Finding:
    check = CORE_CHECKS["REF-01"]
    # A typo keeps its first letter and about its length nearly always.
    close = difflib.get_close_matches(value, index.similar_ids(target, value), n=1, cutoff=0.6)
    target_words = Document("", 0, 0, target, None, {}).label
    known = bool(index.of_kind(target))
    hint = (
        f"; did you mean '{close[0]}'?"
        if close
        else ("" if known else f"; the repository has no {target_words} documents")
    )
    related: tuple[Related, ...] = ()
    if close:
        match = index.get(target, close[0])
        assert match is not None
        related = (locator.related(match, ("id",), f"{target_words} '{close[0]}'"),)
    return locator.finding(
        check.code,
        check.name,
        check.level,
        f"{document.label}: {format_json_path(path)} names {target_words} '{value}', "
        f"which does not exist{hint}",
        document,
        path,
        related=related,
    )
