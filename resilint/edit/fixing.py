"""``resilint fix``: apply the fixes findings carry, one at a time, each checked in memory
before the next; a file is written only when every fix applied to it was verified."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass

from resilint.edit.files import TextFile
from resilint.edit.splice import SpliceError, apply, span
from resilint.edit.verify import verify
from resilint.findings import Finding, JsonPath
from resilint.limits import Limits
from resilint.load import load_text
from resilint.load.positions import Lines
from resilint.locate import Locator
from resilint.schemas import SchemaSet
from resilint.validate import to_document

MAX_ROUNDS = 200
"""Rounds of fixing one file at most: fixing can reveal more (an apiVersion line added lets
the schema check run), but never loops for ever."""


@dataclass(frozen=True)
class FileFixes:
    """One file's text after the fixes applied to it, and the fixes refused."""

    file: TextFile
    text: str
    """The file's text with every verified fix applied."""
    applied: tuple[Finding, ...]
    refused: tuple[tuple[Finding, str], ...]

    @property
    def changed(self) -> bool:
        return self.text != self.file.text


@dataclass(frozen=True)
class FixPolicy:
    """Which fixes ``resilint fix`` may apply, with the schemas and limits it checks them with."""

    schemas: SchemaSet
    limits: Limits
    unsafe: bool = False
    """Apply unsafe fixes too (--unsafe-fixes)."""
    skip: frozenset[str] = frozenset()
    """Fingerprints of suppressed findings: a suppression says to leave them as they are."""


def fix_file(file: TextFile, policy: FixPolicy) -> FileFixes:
    """Each round reads the text as it now is and applies, together, every fix whose edits
    do not touch another's, verified as one change (a file of 3,000 documents is read a few
    times, not once per fix). When they do not verify together, the halves are tried, down to
    single fixes: a fix that cannot be verified alone is refused alone, and the others still
    go in the same round."""
    text = file.text
    applied: list[Finding] = []
    refused: list[tuple[Finding, str]] = []
    tried: set[tuple[str, JsonPath, str]] = set()
    for _ in range(MAX_ROUNDS):
        found = [
            f
            for f in fixable(file.shown, text, policy)
            if f.fix is not None and _key(f) not in tried
        ]
        if not found:
            break
        batch = _apart(text, found) or found[:1]
        good, bad = _verified(text, batch, policy)
        for finding, reason in bad:
            refused.append((finding, reason))
            tried.add(_key(finding))
        if good:
            text, _ = _applied(text, good, policy)
            applied += good
    return FileFixes(file, text, tuple(applied), tuple(refused))


def _verified(
    text: str, batch: list[Finding], policy: FixPolicy
) -> tuple[list[Finding], list[tuple[Finding, str]]]:
    """The fixes of ``batch`` that verify together, and those refused alone (with why): the
    whole batch when it verifies, else each half's, joined when they still verify together
    (else the first half's; the second's are tried again next round)."""
    _, reason = _applied(text, batch, policy)
    if reason is None:
        return batch, []
    if len(batch) == 1:
        return [], [(batch[0], reason)]
    half = len(batch) // 2
    left, bad_left = _verified(text, batch[:half], policy)
    right, bad_right = _verified(text, batch[half:], policy)
    if left and right and _applied(text, left + right, policy)[1] is not None:
        right = []
    return left + right, bad_left + bad_right


def _apart(text: str, found: list[Finding]) -> list[Finding]:
    """The findings, in file order, whose fixes' edits touch no earlier one's."""
    lines = Lines(text)
    batch: list[Finding] = []
    taken: list[tuple[int, int]] = []  # sorted and disjoint
    for finding in found:
        assert finding.fix is not None
        try:
            spans = [span(lines, edit) for edit in finding.fix.edits]
        except SpliceError:
            continue
        if all(_free(taken, start, end) for start, end in spans):
            batch.append(finding)
            for each in spans:
                bisect.insort(taken, each)
    return batch


def _free(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) touches none of ``taken`` (two insertions at one place do)."""
    at = bisect.bisect_left(taken, (start, -1))
    if at > 0 and taken[at - 1][1] > start:
        return False
    return at == len(taken) or (taken[at][0] >= end and taken[at][0] != start)


def _applied(text: str, findings: list[Finding], policy: FixPolicy) -> tuple[str, str | None]:
    """The text with the findings' fixes made, and why it is refused (None: verified)."""
    fixes = [f.fix for f in findings if f.fix is not None]
    try:
        new = apply(text, [edit for fix in fixes for edit in fix.edits])
    except SpliceError as error:
        return text, str(error)
    return new, verify(text, new, fixes, policy.limits)


def _key(finding: Finding) -> tuple[str, JsonPath, str]:
    return finding.code, finding.json_path, finding.fix.title if finding.fix else ""


def fixable(shown: str, text: str, policy: FixPolicy) -> Iterator[Finding]:
    """The findings of one file's text that carry a fix the policy allows, in file order:
    what loading and the schemas find, the only stages whose findings carry fixes."""
    loaded = load_text(shown, text, policy.limits)
    locator = Locator(policy.limits)
    locator.seed(shown, text)
    findings = list(loaded.findings)
    for raw in loaded.documents:
        findings.extend(to_document(raw, policy.schemas, locator)[1])
    ignored = {(s.target_line, code) for s in loaded.suppressions for code in s.codes}
    for finding in sorted(findings, key=lambda f: f.sort_key):
        fix = finding.fix
        if fix is None or not (fix.safe or policy.unsafe):
            continue
        if finding.fingerprint in policy.skip or (finding.line, finding.code) in ignored:
            continue
        yield finding
