"""``resilint fix``: apply the fixes findings carry, one at a time, each checked in memory
before the next; a file is written only when every fix applied to it was verified."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from resilint.edit.files import TextFile
from resilint.edit.splice import SpliceError, apply
from resilint.edit.verify import verify
from resilint.findings import Finding, JsonPath
from resilint.limits import Limits
from resilint.load import load_text
from resilint.locate import Locator
from resilint.schemas import SchemaSet
from resilint.validate import to_document

MAX_FIXES = 200
"""Fixes applied to one file at most: fixing can reveal more (an apiVersion line added lets
the schema check run), but never loops for ever."""


@dataclass(frozen=True)
class FileFixes:
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
    schemas: SchemaSet
    limits: Limits
    unsafe: bool = False
    """Apply unsafe fixes too (--unsafe-fixes)."""
    skip: frozenset[str] = frozenset()
    """Fingerprints of suppressed findings: a suppression says to leave them as they are."""


def fix_file(file: TextFile, policy: FixPolicy) -> FileFixes:
    text = file.text
    applied: list[Finding] = []
    refused: list[tuple[Finding, str]] = []
    tried: set[tuple[str, JsonPath, str]] = set()
    for _ in range(MAX_FIXES):
        finding = next((f for f in fixable(file.shown, text, policy) if _key(f) not in tried), None)
        if finding is None or finding.fix is None:
            break
        try:
            new = apply(text, finding.fix.edits)
        except SpliceError as error:
            reason: str | None = str(error)
        else:
            reason = verify(text, new, [finding.fix], policy.limits)
        if reason is not None:
            refused.append((finding, reason))
            tried.add(_key(finding))
            continue
        applied.append(finding)
        text = new
    return FileFixes(file, text, tuple(applied), tuple(refused))


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
