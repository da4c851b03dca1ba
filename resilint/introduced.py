"""What the pre-commit hook reports: what concerns the changed files, and every finding the change
introduces anywhere.

A finding is introduced when it counts (nothing suppresses it) in the repository as it is and
not in the repository as it was before the change (:mod:`resilint.staged`): compared by
fingerprint (rule, document kind and id, field), so a finding that only moved is the same one.
The earlier state is the same files with the changed ones at their earlier content, checked in
memory exactly as the current state is. Findings outside the change that were there before it do
not count: a commit to a repository with old findings passes if it adds none.

The earlier state is evaluated only when the change can matter to the rules: when every changed
document differs from its earlier content only in fields no rule or reference check read (the
incremental record's reads, :mod:`resilint.incremental`), has the same kind and id at the same
place, and is no Waiver (waivers are read after the rules), the earlier state's findings outside
the changed files are the current ones, and nothing is evaluated twice.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from resilint.checker import Evaluated, concerns
from resilint.findings import Finding
from resilint.incremental import WHOLE, changed_fields
from resilint.load import load_text
from resilint.load.decode import decode
from resilint.load.positions import LoadError
from resilint.locate import Locator
from resilint.result import FileResult, Result
from resilint.schemas import SchemaSet
from resilint.staged import Change
from resilint.validate import to_document

_NOTHING = FileResult((), (), ())
"""A file the change adds, as it was before: absent."""


@dataclass(frozen=True)
class Introduced:
    """The hook's judge (:data:`resilint.checker.Judge`): given every finding of the current
    state, those that concern ``focus`` (the files pre-commit passed) and those ``change``
    introduced; every finding when the change cannot be compared."""

    change: Change
    focus: frozenset[str]
    baseline: str = ""
    """The baseline file: a change to it changes what counts anywhere."""

    def __call__(self, now: Evaluated) -> Result:
        if self.change.whole or self._baseline_changed():
            return now.checked.result
        files = _matched(now.names, self.change)
        if not files:
            return self._report(now.checked.result, None)
        locator = Locator(
            now.options.config.limits,
            {p: known for p, known in now.locator.positions.items() if p not in files},
        )
        earlier = _earlier(files, self.change, now.options.schemas, locator)
        if earlier is None:
            return now.checked.result
        current = {name: now.files[i] for name, i in files.items()}
        if now.checked.reads is not None and _same_for_rules(earlier, current, now.checked.reads):
            return self._report(now.checked.result, None)
        before = list(now.files)
        for name, i in files.items():
            before[i] = earlier[name]
        return self._report(now.checked.result, now.again(before, locator))

    def _baseline_changed(self) -> bool:
        return bool(self.baseline) and os.path.realpath(self.baseline) in self.change.touched

    def _report(self, now: Result, before: Result | None) -> Result:
        """What concerns the focus, and, with the earlier state's result, what counts now and
        did not count then."""
        counted = (
            {f.fingerprint for f in before.findings if f.suppression is None} if before else ()
        )
        reported = []
        for finding in now.findings:
            if concerns(finding, self.focus, True):
                reported.append(finding)
            elif (
                before is not None
                and finding.suppression is None
                and (finding.fingerprint not in counted)
            ):
                reported.append(self._marked(finding))
        return dataclasses.replace(now, findings=tuple(reported))

    def _marked(self, finding: Finding) -> Finding:
        what = f"{finding.message} (introduced by {self.change.since}, in a file outside it)"
        return dataclasses.replace(finding, message=what)


def _matched(names: Sequence[str], change: Change) -> dict[str, int]:
    """The checked files the change modifies or adds, by name, with their place among
    ``names`` (a link checked where it leads is matched by where it leads)."""
    changed = change.earlier.keys() | change.added
    if not changed:
        return {}
    wanted = {p.rpartition(os.sep)[2] for p in changed}  # realpath() only for these names
    return {
        name: i
        for i, name in enumerate(names)
        if name.rpartition(os.sep)[2] in wanted and os.path.realpath(name) in changed
    }


def _earlier(
    files: Mapping[str, int], change: Change, schemas: SchemaSet, locator: Locator
) -> dict[str, FileResult] | None:
    """Each matched file as it was before the change, read and validated as the checker reads
    a file, its positions taken from that text (``locator`` is seeded with it); None when an
    earlier content cannot be read as text."""
    limits = locator.limits
    earlier = {}
    for name in files:
        data = change.earlier.get(os.path.realpath(name))
        if data is None:
            earlier[name] = _NOTHING
            continue
        try:
            text = decode(data)
        except LoadError:
            return None
        locator.seed(name, text)
        loaded = load_text(name, text, limits)
        documents, findings = [], list(loaded.findings)
        for raw in loaded.documents:
            document, schema_findings = to_document(raw, schemas, locator)
            documents.append(document)
            findings.extend(schema_findings)
        earlier[name] = FileResult(
            tuple(findings), tuple(documents), loaded.suppressions, loaded.nodes
        )
    return earlier


def _same_for_rules(
    earlier: Mapping[str, FileResult],
    current: Mapping[str, FileResult],
    reads: Mapping[str, Collection[str]],
) -> bool:
    """Whether every changed file holds the same documents (kind and id, at the same places)
    as before, the same findings of reading it, no Waiver, and differs only in fields that no
    rule or reference check read: then no finding outside it can differ."""
    for name, now in current.items():
        was = earlier[name]
        if {f.fingerprint for f in was.findings} != {f.fingerprint for f in now.findings}:
            return False
        if len(was.documents) != len(now.documents):
            return False
        for old, new in zip(was.documents, now.documents, strict=True):
            if (old.kind, old.id) != (new.kind, new.id) or new.kind == "Waiver":
                return False
            read = reads.get(new.kind, ())
            differ = changed_fields(old.data, new.data)
            if differ and (WHOLE in read or any(f in read for f in differ)):
                return False
    return True
