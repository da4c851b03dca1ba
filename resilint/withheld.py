"""Findings of the rules held back while another finding stands for them: those about a
supplier record SUP-13 reports as a provider's second record, and those a schema error on the
field they read (or a document without an id) would only repeat. For :mod:`resilint.checker`,
after suppressions are applied."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from resilint.core_checks import CORE_CHECKS
from resilint.findings import Finding
from resilint.mistyped import behind, mistyped

DUPLICATE = "SUP-13"
"""The finding that a supplier record is a second record of one provider (to be merged into the
first and deleted)."""


def _behind_duplicates(findings: Sequence[Finding]) -> list[Finding]:
    """The rules' findings, but those about a supplier record SUP-13 reports as a provider's
    second record: each of its gaps is half a supplier's (the assessment on one record, the
    contract on the other) and goes with the record once it is merged; SUP-13's own finding
    says how many it holds, so the gate still fails on the record and nothing is lost. A
    SUP-13 finding waived or in the baseline (two companies sharing an identifier) holds
    nothing: the record is judged as its own."""
    second = {
        (f.kind, f.doc_id)
        for f in findings
        if f.code == DUPLICATE and f.doc_id and f.suppression is None
    }
    if not second:
        return list(findings)
    held: dict[tuple[str | None, str | None], int] = {}
    kept = []
    for finding in findings:
        place = (finding.kind, finding.doc_id)
        if place in second and finding.code != DUPLICATE and finding.code not in CORE_CHECKS:
            held[place] = held.get(place, 0) + 1
        else:
            kept.append(finding)
    return [_holding(f, held.get((f.kind, f.doc_id), 0)) for f in kept]


def _holding(finding: Finding, count: int) -> Finding:
    if finding.code != DUPLICATE or not count:
        return finding
    what = "finding" if count == 1 else "findings"
    said = f" ({count} other {what} about this record wait until it is merged)"
    return dataclasses.replace(finding, message=finding.message + said)


def _behind_schema_errors(findings: list[Finding], unnamed: set[tuple[str, str]]) -> list[Finding]:
    """A field with a schema error is reported once, as that error, while it stands: rules
    reading the same field (``window_hours: four``) would only repeat it in worse words, and
    so would a rule that judged the field from another one (an end date "not after its start
    date 01.04.2024", a renewal decision due "3 months days" before the end): a declarative
    rule's finding names the fields it was judged on (:attr:`Finding.needs`, each folded gap
    its own), and a gap judged on a field with a schema error is not said, the other gaps it
    was folded with are. So is
    a document without an id (SCH-01: id is required): the rules could only call it "supplier
    None", and its gaps follow once it is named. A schema error that is suppressed (inline, by
    a waiver, the baseline or ``per_file_ignores``) stands for nothing: the rules' findings
    there are reported and answer to their own suppressions (``forbid_inline`` included), or
    silencing a type error would silence every rule that reads the field."""
    fields = mistyped(findings)
    held: set[tuple[str, str | None]] = set()
    for finding in findings:
        unnamed_error = finding.doc_id is None and (finding.path, finding.kind) in unnamed
        if finding.code == "SCH-01" and finding.suppression is None and unnamed_error:
            held.add((finding.path, finding.kind))
    if not fields and not held:
        return findings
    kept: list[Finding] = []
    for finding in findings:
        if finding.code in CORE_CHECKS:
            kept.append(finding)
        elif finding.doc_id is None and (finding.path, finding.kind) in held:
            continue
        else:
            left = behind(finding, fields)
            if left is not None:
                kept.append(left)
    return kept
