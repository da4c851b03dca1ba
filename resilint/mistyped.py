"""Findings made on a field that failed the schema: the schema error says what is wrong, and a
rule could only judge the mistyped value (``start_date: 01.04.2024``, ``window_hours: 72h``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from resilint.findings import Elsewhere, Finding, JsonPath
from resilint.waiver_targets import with_parts

Mistyped = Mapping[tuple[str, str | None, str | None], list[JsonPath]]
"""The fields with a schema error, by file, kind and id of their document."""


def mistyped(errors: Iterable[Finding]) -> dict[tuple[str, str | None, str | None], list[JsonPath]]:
    """The fields of the schema errors among ``errors`` that are not suppressed."""
    fields: dict[tuple[str, str | None, str | None], list[JsonPath]] = {}
    for finding in errors:
        if finding.code == "SCH-01" and finding.suppression is None and finding.json_path:
            fields.setdefault((finding.path, finding.kind, finding.doc_id), []).append(
                finding.json_path
            )
    return fields


def behind(finding: Finding, fields: Mistyped) -> Finding | None:
    """The finding without the gaps it was judged on a mistyped field for (at the field, or
    reading it: :attr:`Finding.needs`, each folded gap its own), or None if none is left; None
    too where a field of another document it was judged on is mistyped
    (:attr:`Finding.elsewhere`)."""
    if finding.elsewhere and any(_mistyped(e, fields) for e in finding.elsewhere):
        return None
    paths = fields.get((finding.path, finding.kind, finding.doc_id))
    if not paths:
        return finding

    def bad(path: JsonPath) -> bool:
        return any(p[: len(path)] == path or path[: len(p)] == p for p in paths)

    def judged(at: JsonPath, needs: tuple[JsonPath, ...]) -> bool:
        return (bool(at) and bad(at)) or any(bad(n) for n in needs)

    if not finding.parts:
        return None if judged(finding.json_path, finding.needs) else finding
    # each gap it folds stands or falls alone: a mistyped window hides no trigger
    left = [p for p in finding.parts if not judged(p.json_path, p.needs)]
    if len(left) == len(finding.parts):
        return finding
    return with_parts(finding, left, "") if left else None


def _mistyped(field: Elsewhere, fields: Mistyped) -> bool:
    paths = fields.get((field.path, field.kind, field.doc_id), ())
    at = field.json_path
    return any(p[: len(at)] == at or at[: len(p)] == p for p in paths)
