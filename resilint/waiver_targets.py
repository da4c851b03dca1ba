"""Which findings a Waiver's targets cover.

A target names a document; it may be narrowed to the findings at one field of it (``field``)
or to those that name given things (``naming``: a supplier id, a cloud region), so that a
waiver of one accepted gap never hides another gap of the same rule on the same document.
A finding that folds several gaps of one section (:class:`~resilint.findings.Part`) is split:
the gaps a narrowed target covers are waived, the others stay a finding of their own.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from resilint.domain.readers import strings
from resilint.findings import Finding, JsonPath, Part, folded, format_json_path
from resilint.model import Document

if TYPE_CHECKING:
    from resilint.schemas import SchemaSet


@dataclass(frozen=True)
class Target:
    """One document a waiver names, narrowed to a field or to findings naming given things."""

    kind: Any
    id: Any
    at: str | None = None
    """The field the findings must be at (or within); None: anywhere in the document."""
    naming: tuple[str, ...] = ()

    @property
    def narrowed(self) -> bool:
        return self.at is not None or bool(self.naming)

    def covers(self, part: Part) -> bool:
        if self.at is not None and not _within(part.json_path, self.at):
            return False
        return all(_names(part.message, word) for word in self.naming)


Targets = dict[tuple[Any, Any], list[Target]]
"""A waiver's targets by the document they name (kind, id): a finding looks its own up."""


def targets_of(waiver: Document) -> Targets:
    targets = waiver.data.get("targets")
    found: Targets = {}
    if not isinstance(targets, list):
        return found
    for t in targets:
        # a kind or id that is not text (a schema error) names no document a finding is about
        if isinstance(t, dict) and all(
            v is None or isinstance(v, str) for v in (t.get("kind"), t.get("id"))
        ):
            target = Target(
                t.get("kind"),
                t.get("id"),
                t["field"] if isinstance(t.get("field"), str) else None,
                tuple(strings(t.get("naming"))),
            )
            found.setdefault((target.kind, target.id), []).append(target)
    return found


def waive(finding: Finding, targets: Targets) -> tuple[Finding | None, Finding | None]:
    """The part of the finding the targets waive (None: nothing) and the part left (None:
    nothing)."""
    mine = targets.get((finding.kind, finding.doc_id), [])
    if not mine:
        return None, None
    if any(not t.narrowed for t in mine):
        return finding, None
    parts = finding.parts or (Part(finding.json_path, finding.message),)
    covered = [p for p in parts if any(t.covers(p) for t in mine)]
    if not covered:
        return None, None
    if len(covered) == len(parts):
        return finding, None
    left = [p for p in parts if p not in covered]
    return with_parts(finding, covered, "waived"), with_parts(finding, left, "")


def with_parts(finding: Finding, parts: list[Part], mark: str) -> Finding:
    """The finding narrowed to some of the gaps it folds: their messages, the first one's field
    (its line stays the section's), the rule's time note kept (:attr:`Finding.note`, else what
    follows the gaps' messages), also where the message folds a missing section, whose words
    are not the gaps' own."""
    lead = finding.parts[0].lead if finding.parts else ""
    whole = folded([p.message for p in finding.parts], lead)
    note = finding.message[len(whole) :] if finding.message.startswith(whole) else ""
    if finding.note and finding.message.endswith(finding.note):
        note = finding.note
    return dataclasses.replace(
        finding,
        message=folded([p.message for p in parts], lead) + note,
        json_path=parts[0].json_path,
        parts=tuple(parts) if len(parts) > 1 else (),
        discriminator=f"{finding.discriminator}:{mark}" if mark else finding.discriminator,
    )


def _within(path: JsonPath, field: str) -> bool:
    """Whether a finding's field is ``field`` or lies within it: ``field`` is the finding's
    path or one of its leading parts as shown, whole keys only (a key may hold dots: a
    waiver of clause ``nis2`` at ``clauses.nis2`` is not one of clause ``nis2.5.1.4.f``)."""
    return any(format_json_path(path[:n]) == field for n in range(len(path), 0, -1))


def _names(message: str, word: str) -> bool:
    """Whether the message names ``word`` as a whole word (ids hold dots and dashes)."""
    return re.search(rf"(?<![\w.-]){re.escape(word)}(?![\w-]|\.\w)", message) is not None


_MOST_PATHS = 100_000
"""Fields of a document listed to tell whether a target's field is one (far more than any holds)."""


def field_problem(schemas: SchemaSet, document: Document, field: str) -> str | None:
    """Why a target's ``field`` is none a finding on ``document`` can be at (a finding's field
    as the JSON output's json_path shows it), or None: a field the document holds, or one its
    kind's schema defines (a missing field is where a finding says it is missing). A target
    narrowed to no such field waives nothing, and its waiver would read as an accepted risk."""
    if not field.strip():
        return "is empty: name the field, or leave --field out to waive the rule on all of it"
    if field != field.strip():
        return "has a space around it: write the field as the JSON output's json_path shows it"
    held = _held(document.data)
    if field in held or _defined(schemas, schemas.schema(document.kind), field):
        return None
    from resilint.suggest import did_you_mean  # on this error only

    return (
        f"is no field of {document.kind} {document.id} nor one its schema defines, so no "
        f"finding is at it{did_you_mean(field, sorted(held))}; write the field as the JSON "
        "output's json_path shows a finding's (for example remedies.step_in_rights, or "
        "services[0].name)"
    )


def _held(data: Any) -> set[str]:
    """Every field of ``data`` as a finding shows it (``services[0].name``), to a limit."""
    found: set[str] = set()
    stack: list[tuple[JsonPath, Any]] = [((), data)]
    while stack and len(found) < _MOST_PATHS:
        path, value = stack.pop()
        if path:
            found.add(format_json_path(path))
        if isinstance(value, dict):
            stack.extend(
                ((*path, key), item) for key, item in value.items() if isinstance(key, str)
            )
        elif isinstance(value, list):
            stack.extend(((*path, i), item) for i, item in enumerate(value))
    return found


_INDEX = re.compile(r"\[([0-9]+)\]")


def _defined(schemas: SchemaSet, schema: Mapping[str, Any], field: str) -> bool:
    """Whether the schema defines ``field`` (``a.b[0].c``; a key of a mapping of ids may hold
    dots, ``clauses.nis2.5.1.4.f``): read from the left, each key tried at each dot."""
    seen: set[tuple[int, int]] = set()
    alive: list[Mapping[str, Any]] = []  # an id stays that of one schema while it is tried

    def admits(node: Mapping[str, Any], at: int) -> bool:
        if at == len(field):
            return True
        if (id(node), at) in seen:
            return False
        seen.add((id(node), at))
        alive.append(node)
        if field.startswith("[", at):
            index = _INDEX.match(field, at)
            return index is not None and any(
                admits(item, index.end()) for item in _children(schemas, node, None)
            )
        start = at + 1 if at and field.startswith(".", at) else at
        if (at and start == at) or start == len(field) or field[start] in ".[]":
            return False
        ends = [i for i in range(start + 1, len(field) + 1) if i == len(field) or field[i] in ".["]
        return any(
            admits(child, end)
            for end in ends
            if "]" not in field[start:end]
            for child in _children(schemas, node, field[start:end])
        )

    return admits(schema, 0)


def _children(
    schemas: SchemaSet, node: Mapping[str, Any], key: str | None
) -> list[Mapping[str, Any]]:
    """The schemas of ``node``'s key ``key`` (None: of its items), in each of its branches."""
    found: list[Mapping[str, Any]] = []
    for branch in _branches(schemas, node, 0):
        if key is None:
            items = branch.get("items")
            found += [schemas.resolve(items)] if isinstance(items, dict) else []
            continue
        sub = (branch.get("properties") or {}).get(key)
        if sub is None:
            patterns = branch.get("patternProperties") or {}
            sub = next((s for p, s in patterns.items() if re.search(p, key)), None)
        if sub is None:
            sub = branch.get("additionalProperties")
        if isinstance(sub, dict):
            found.append(schemas.resolve(sub))
    return found


def _branches(schemas: SchemaSet, node: Mapping[str, Any], depth: int) -> list[Mapping[str, Any]]:
    """``node`` and the schemas of its anyOf, oneOf, allOf, then and else, resolved."""
    found = [node]
    if depth > 8:
        return found
    for keyword in ("anyOf", "oneOf", "allOf"):
        for sub in node.get(keyword) or ():
            if isinstance(sub, dict):
                found += _branches(schemas, schemas.resolve(sub), depth + 1)
    for keyword in ("then", "else"):
        sub = node.get(keyword)
        if isinstance(sub, dict):
            found += _branches(schemas, schemas.resolve(sub), depth + 1)
    return found
