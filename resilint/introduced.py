"""What the pre-commit hook reports: what concerns the changed files, and every finding the change
introduces anywhere.

A finding is introduced when it counts (nothing suppresses it) in the repository as it is and
not in the repository as it was before the change (:mod:`resilint.staged`): compared by
fingerprint (rule, document kind and id, field), so a finding that only moved is the same one.
One that fails the run (its level reaches ``fail_on``) is introduced unless it failed it before
too: a warning the change turns into an error keeps its fingerprint, and is the change's.
The earlier state is the same files with the changed ones at their earlier content, the added ones
absent and the deleted ones back where discovery would have checked them (a rename is a deletion
and an addition), checked in memory exactly as the current state is. Findings outside the change
that were there before it do not count: a commit to a repository with old findings passes if it
adds none, deletions included. A dangling reference or a clashing id is compared like any other
finding: one the change makes (a contract naming the deleted supplier) is introduced, an old one
is not.

The earlier state is evaluated only when it can decide something. A repository whose every
counted finding concerns the files pre-commit passed (a clean repository, the usual case) has
nothing outside them to compare. Nor does a change that cannot matter to the rules: when every
changed document differs from its earlier content only in fields no rule or reference check
read (the incremental record's reads, :mod:`resilint.incremental`), has the same kind and id at
the same place, and is no Waiver (waivers are read after the rules), the earlier state's
findings outside the changed files are the current ones, and nothing is evaluated twice.
"""

from __future__ import annotations

import bisect
import dataclasses
import os
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from resilint.checker import Evaluated, concerns, within_focus
from resilint.config import Config
from resilint.config_search import CONFIGURATION_NAMES
from resilint.core_checks import CORE_CHECKS
from resilint.discover import walked_name
from resilint.findings import Finding, JsonPath
from resilint.incremental import WHOLE, changed_fields
from resilint.limits import Limits
from resilint.load import LoadedFile, load_text
from resilint.load.decode import decode
from resilint.load.positions import Lines, LoadError
from resilint.load.read import real, within
from resilint.locate import Locator, Position
from resilint.model import Document
from resilint.result import FileResult, Result
from resilint.schemas import SchemaSet
from resilint.serialize import same_data
from resilint.staged import Change
from resilint.validate import to_document

if TYPE_CHECKING:
    from yaml.nodes import Node

_NOTHING = FileResult((), (), ())
"""A file the change adds, as it was before: absent."""


@dataclass(frozen=True)
class Introduced:
    """The hook's judge (:data:`resilint.checker.Judge`): given every finding of the current
    state, those that concern ``focus`` (the files pre-commit passed) and those ``change``
    introduced; every finding when the change cannot be compared."""

    change: Change
    focus: frozenset[str]
    config: Config
    """The configuration both states are checked under: a change to it is judged whole."""
    baseline: str = ""
    """The baseline file: a change to it changes what counts anywhere."""

    @property
    def whole(self) -> str:
        """Why every finding counts in this run, or empty when the change is compared.

        Both states are checked under the configuration as it is now, so a change to it (or to
        a rule file) shows in both and would hide what it causes. Every file the change holds
        is looked at, not only those pre-commit passed: a hook narrowed by ``files:`` is not
        given the configuration. The files it was given count too, staged or not (a run by
        hand, ``pre-commit run --files``)."""
        changed = bool(self.baseline) and os.path.realpath(self.baseline) in self.change.touched
        return (
            self.change.whole
            or ("the baseline file changes" if changed else "")
            or self._configuration_changed()
        )

    def _configuration_changed(self) -> str:
        named = {os.path.realpath(f) for f in self.focus}
        shaping = sorted(p for p in self.change.touched | named if self.config.shaped_by(p))
        if not shaping:
            return ""
        where = os.path.relpath(shaping[0], real(self.config.root))
        source = self.config.source
        if Path(where).name in CONFIGURATION_NAMES or (source and shaping[0] == real(source)):
            return f"the configuration file {where} changes"
        return f"the rule file {where} changes"

    def __call__(self, now: Evaluated) -> Result:
        if self.whole:
            return now.checked.result
        if not any(self._outside(f) for f in now.checked.result.findings):
            return self._report(now.checked.result, None)  # nothing the earlier state decides
        files = _matched(now.names, self.change)
        gone = _restored(now, self.change.deleted)
        if gone is None:
            return now.checked.result
        if not files and not gone:
            return self._report(now.checked.result, None)
        limits = now.options.config.limits
        was = {name: self.change.earlier.get(path) for name, (_, path) in files.items()}
        earlier, restored = _loaded(was, limits), _loaded(gone, limits)
        if earlier is None or restored is None:
            return now.checked.result
        current = {name: now.files[i] for name, (i, _) in files.items()}
        if (
            not restored
            and now.checked.reads is not None
            and all(within_focus(name, self.focus) for name in current)
            and _same_for_rules(earlier, current, now.checked.reads)
        ):
            return self._report(now.checked.result, None)
        places = {name: i for name, (i, _) in files.items()}
        return self._report(now.checked.result, _before(now, places, earlier, restored))

    def _outside(self, finding: Finding) -> bool:
        """Whether ``finding`` counts and is not the focus's: only such a finding is reported
        or not by whether it counted before the change."""
        return finding.suppression is None and not concerns(
            finding, self.focus, True, anywhere=False
        )

    def _report(self, now: Result, before: Result | None) -> Result:
        """What concerns the focus, and, with the earlier state's result, what counts now and
        did not count then: a finding that fails the run now is introduced unless it failed it
        then too (a warning the change makes an error, with the same fingerprint, is new to
        the gate and to the next CI run)."""
        failed: set[str] = set()
        counted: set[str] = set()
        for old in before.findings if before is not None else ():
            if old.suppression is None:
                counted.add(old.fingerprint)
                if self.config.fails(old.level):
                    failed.add(old.fingerprint)
        reported = []
        for finding in now.findings:
            if concerns(finding, self.focus, True, anywhere=False) or self._unread_added(finding):
                reported.append(finding)
            elif before is not None and self._outside(finding):
                fails = self.config.fails(finding.level)
                if finding.fingerprint not in (failed if fails else counted):
                    reported.append(self._marked(finding))
        return dataclasses.replace(now, findings=tuple(reported))

    def _unread_added(self, finding: Finding) -> bool:
        """A document the change puts in a file no check reads (DOC-05: JSON, hidden, or not
        named .yaml), which pre-commit does not pass to the hook (it passes YAML and TOML
        files): the change's, as a finding in a file it passed would be."""
        return finding.code == "DOC-05" and real(finding.path) in self.change.touched

    def _marked(self, finding: Finding) -> Finding:
        what = f"{finding.message} (introduced by {self.change.since}, in a file outside it)"
        return dataclasses.replace(finding, message=what)


def _matched(names: Sequence[str], change: Change) -> dict[str, tuple[int, str]]:
    """The checked files the change modifies or adds, by name, with their place among ``names``
    and the changed file's real path. A name is matched by the file it opens, compared by
    device and inode: a link checked where it leads is matched by where it leads, whatever
    either is called, and no path is resolved (one stat per name)."""
    changed: dict[tuple[int, int], str] = {}
    for path in change.earlier.keys() | change.added:
        found = _identity(path)
        if found is not None:
            changed[found] = path
    if not changed:
        return {}
    matched = {}
    for i, name in enumerate(names):
        found = _identity(name)
        if found is not None and found in changed:
            matched[name] = (i, changed[found])
    return matched


def _identity(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)  # noqa: PTH116 - once per checked file, no Path made for each
    except (OSError, ValueError):  # gone, or a name no file can have: matches nothing
        return None
    return info.st_dev, info.st_ino


@dataclass(frozen=True)
class _Earlier:
    """A changed file's earlier content, loaded (not yet validated: most runs need not)."""

    text: str
    loaded: LoadedFile


def _restored(now: Evaluated, deleted: Mapping[str, bytes]) -> dict[str, bytes] | None:
    """The deleted files that discovery checked before the change, by the name it gave them,
    with their earlier content; None when that cannot be told for certain.

    Leaving a file out that was checked, or putting one back that was not, can each hide a
    finding the change introduces (the reference to the deleted supplier dangled before too; the
    finding of a document moved out of an excluded directory was there before too), so a file
    is put back where the walk of the same directories, with the same configuration (a change to
    it is judged whole, :mod:`resilint.staged`), takes it: :func:`walked_name` asks the walk's own
    tests. A .gitignore cannot have hidden it (git tracked it, and a changed .gitignore is judged
    whole); a link on its way is judged whole (:mod:`resilint.staged`)."""
    restored: dict[str, bytes] = {}
    for path, data in deleted.items():
        tops = [top for top in now.options.paths if top.is_dir() and within(path, real(top))]
        if len(tops) > 1:  # walked twice: which spelling the run kept is the walk's to say
            return None
        name = walked_name(tops[0], path, now.options.config.exclude) if tops else None
        if name is not None:
            restored[name] = data
    if set(restored) & set(now.names) or not _fits(now, restored):
        return None
    return restored


def _fits(now: Evaluated, restored: Mapping[str, bytes]) -> bool:
    """Whether the earlier state, the restored files with the current ones, was within the run's
    byte budget: past it, discovery would have left files unread then, and their findings
    would count as new now. (The .gitignore files' bytes, which count too, are the same then
    and now; a run already at its budget has said so, FILE-05, and is not compared.)"""
    if not restored:
        return True
    limits = now.options.config.limits
    if any(f.code == "FILE-05" for f in now.found):
        return False
    spent = sum(map(len, restored.values()))
    for name in now.names:
        try:
            size = Path(name).stat().st_size
        except OSError:
            return False
        spent += size if size <= limits.max_file_bytes else 0
    return spent <= limits.max_total_bytes


def _loaded(
    contents: Mapping[str, bytes | None], limits: Limits
) -> dict[str, _Earlier | None] | None:
    """Each file's earlier content, loaded (None for a file the change adds); None when one
    cannot be read as text."""
    earlier: dict[str, _Earlier | None] = {}
    for name, data in contents.items():
        if data is None:
            earlier[name] = None
            continue
        try:
            text = decode(data)
        except LoadError:
            return None
        earlier[name] = _Earlier(text, load_text(name, text, limits))
    return earlier


def _before(
    now: Evaluated,
    files: Mapping[str, int],
    earlier: Mapping[str, _Earlier | None],
    restored: Mapping[str, _Earlier | None],
) -> Result:
    """The repository as it was: the same check of the same files, the changed ones validated
    as the checker validates a file and located in their earlier text, the added ones absent,
    the deleted ones back where the walk found them (it sorts by path)."""
    texts = {
        name: was.text for name, was in (*earlier.items(), *restored.items()) if was is not None
    }
    locator = _EarlierLocator(  # the unchanged files' positions are the same in both states
        now.options.config.limits,
        {
            path: known
            for path, known in now.locator.positions.items()
            if path not in files and path not in texts
        },
        texts,
    )
    schemas = now.options.schemas
    before = list(now.files)
    for name, i in files.items():
        was = earlier[name]
        before[i] = _NOTHING if was is None else _validated(was, schemas, locator)
    names = list(now.names)
    for name, was in restored.items():
        if was is not None:
            at = bisect.bisect(names, name)
            names.insert(at, name)
            before.insert(at, _validated(was, schemas, locator))
    return now.again(before, locator)


class _EarlierLocator(Locator):
    """Places findings in the changed files' earlier texts, which are composed only when a
    finding needs a place in one (most runs: none; composing imports PyYAML)."""

    def __init__(
        self,
        limits: Limits,
        positions: dict[str, dict[Position, tuple[int, int]]],
        texts: dict[str, str],
    ) -> None:
        super().__init__(limits, positions)
        self._texts = texts

    def position(self, document: Document, path: JsonPath, on_key: bool) -> tuple[int, int]:
        self._earlier(document.path)
        return super().position(document, path, on_key)

    def tree(self, document: Document) -> tuple[Node, Lines] | None:
        self._earlier(document.path)
        return super().tree(document)

    def _earlier(self, path: str) -> None:
        text = self._texts.pop(path, None)
        if text is not None:
            self.seed(path, text)


def _validated(was: _Earlier, schemas: SchemaSet, locator: Locator) -> FileResult:
    documents, findings = [], list(was.loaded.findings)
    for raw in was.loaded.documents:
        document, schema_findings = to_document(raw, schemas, locator)
        documents.append(document)
        findings.extend(schema_findings)
    return FileResult(tuple(findings), tuple(documents), was.loaded.suppressions, was.loaded.nodes)


def _same_for_rules(
    earlier: Mapping[str, _Earlier | None],
    current: Mapping[str, FileResult],
    reads: Mapping[str, Collection[str]],
) -> bool:
    """Whether every changed file holds the same documents (kind and id, at the same places)
    as before, none unreadable then or now, no Waiver, and differs only in fields that no rule
    or reference check read: then no finding outside it can differ. (What else differs, a
    schema error or a suppression comment, is reported in the file itself: asked only when
    every changed file is one pre-commit passed. A hook narrowed by ``files:``, or a range,
    may leave a changed file out, and what the change brings there is found by comparing.)"""
    for name, now in current.items():
        was = earlier[name]
        before = was.loaded.documents if was is not None else ()
        if _unreadable(was.loaded.findings if was is not None else ()) or _unreadable(now.findings):
            return False
        if len(before) != len(now.documents):
            return False
        for old, new in zip(before, now.documents, strict=True):
            if not _same_document(old.data, new.data) or new.kind == "Waiver":
                return False
            read = reads.get(new.kind, ())
            differ = changed_fields(old.data, new.data)
            if differ and (WHOLE in read or any(f in read for f in differ)):
                return False
    return True


def _same_document(old: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    return all(same_data(old.get(key), new.get(key)) for key in ("kind", "id"))


def _unreadable(findings: Iterable[Finding]) -> bool:
    """Whether a file could not be read as data: the checks read its text instead."""
    return any(f.code in CORE_CHECKS and CORE_CHECKS[f.code].unreadable for f in findings)
