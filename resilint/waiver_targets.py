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
from dataclasses import dataclass
from typing import Any

from resilint.domain.readers import strings
from resilint.findings import Finding, JsonPath, Part, folded, format_json_path
from resilint.model import Document


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
