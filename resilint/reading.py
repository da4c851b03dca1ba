"""Stages 2 and 3 for every file discovery found: read (load) and validate each, from the cache
where it is unchanged, on several processes when there are many, within the run's budget of
values; and DOC-04 for a file named on the command line that holds no resilint document. For
:mod:`resilint.checker`, which runs the rest of the flow on what this gives."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from resilint.core_checks import core_finding
from resilint.discover import Discovery
from resilint.findings import Finding
from resilint.limits import Limits, NodeBudget
from resilint.load import load_file
from resilint.load.read import Vetted
from resilint.locate import Locator
from resilint.model import Document
from resilint.parallel import evaluate_all
from resilint.result import FileResult
from resilint.schemas import SchemaSet
from resilint.stamps import vetted_file
from resilint.validate import NO_DATA, to_document
from resilint.walk import yaml_named

if TYPE_CHECKING:
    from resilint.checker import CheckOptions
    from resilint.run_cache import CheckCache


def read_file(
    path: Path | str,
    schemas: SchemaSet,
    limits: Limits,
    valid: Sequence[Any] = (),
    locator: Locator | None = None,
    vetted: Vetted | None = None,
) -> FileResult:
    """Load one file and validate its documents against their schemas. ``valid`` holds the
    data of the documents of the file's last version, when all of them were valid: a document
    whose data is the same as the one at its place there is not validated again. A file that
    had to be composed is located in the nodes it was read from, by ``locator`` (the check's,
    which the rules place their findings with): it is parsed once, not again for a finding.
    ``vetted``: the device and inode of the file discovery found at ``path``, the only file
    read there."""
    loaded = load_file(path, limits, vetted=vetted)
    locator = Locator(limits) if locator is None else locator
    if loaded.composed is not None and loaded.documents:
        locator.adopt(loaded.path, loaded.composed.lines, loaded.composed.roots)
    documents: list[Document] = []
    findings = list(loaded.findings)
    if not yaml_named(str(path)):
        findings = [_not_yaml_named(f) for f in findings]
    for raw in loaded.documents:
        before = valid[raw.index] if raw.index < len(valid) else NO_DATA
        document, schema_findings = to_document(raw, schemas, locator, before)
        documents.append(document)
        findings.extend(schema_findings)
    return FileResult(tuple(findings), tuple(documents), loaded.suppressions, loaded.nodes)


def _not_yaml_named(finding: Finding) -> Finding:
    """A syntax error in a file named without .yaml or .yml (a TOML or Markdown file given by
    mistake) says so: that the file is read as YAML is what the person needs to know, not
    where its text stops being YAML."""
    if finding.code != "YML-01":
        return finding
    note = (
        "; this file is not named .yaml or .yml, and resilint reads every file it is given as "
        "YAML: name only the YAML files of the resilience repository"
    )
    return dataclasses.replace(finding, message=finding.message + note)


def _named_but_empty(
    options: CheckOptions, paths: tuple[str, ...], files: list[FileResult]
) -> list[Finding]:
    """A file named on the command line that holds no resilint document is worth a word: the
    user expected it to be checked, and nothing in it was. Named, it is resilint's whatever it
    holds, so it is read again as such: a top level that is a list is YML-08 there, as it is
    in a file with resilint documents. Not for pre-commit, which names every changed YAML file
    (a CI workflow, an Ansible playbook, its own configuration)."""
    if options.focus_repository_wide:
        return []
    named = {path for path in options.paths if not path.is_dir()}
    if not named:
        return []
    found: list[Finding] = []
    for path, file in zip(paths, files, strict=True):
        if file.documents or file.findings or Path(path) not in named:
            continue
        claimed = load_file(path, options.config.limits, claimed=True).findings
        found.extend(claimed or (_no_document(path),))
    return found


def _no_document(path: str) -> Finding:
    return core_finding(
        "DOC-04",
        "this file holds no resilint document (none declares apiVersion: resilint/v1), so "
        "nothing in it was checked",
        path,
        1,
        1,
    )


def _read_all(
    found: Discovery,
    options: CheckOptions,
    cache: CheckCache | None,
    locator: Locator | None = None,
) -> list[FileResult]:
    """Every file's result: from the cache where unchanged, else read now, each the very file
    discovery found (:func:`resilint.stamps.vetted_file`). Once the run's budget of values is
    spent, later files are refused (:class:`NodeBudget`)."""
    limits = options.config.limits
    paths = found.names
    cached = [cache.file(path) if cache is not None else None for path in paths]
    unread = [path for path, file in zip(paths, cached, strict=True) if file is None]
    valid = {path: cache.valid_data(path) for path in unread} if cache is not None else {}
    vetted = {  # the files to read now: a run served from the cache reads none
        path: vetted_file(stamp, boundary)
        for path, file, stamp, boundary in zip(
            paths, cached, found.stamps, found.boundaries, strict=True
        )
        if file is None
    }
    if locator is not None:  # one it reads again to place a finding: the file found, too
        locator.vetted.update(vetted)
        locator.vet = _found_file(found)
    fresh = iter(_read_files(unread, options, valid, locator, vetted))
    budget = NodeBudget(limits)
    results = []
    for path, file in zip(paths, cached, strict=True):
        if file is None:
            file = next(fresh)
        if budget.exhausted:
            results.append(FileResult((budget.refuse(path),), (), ()))
            continue
        if file is None:  # the file that spends the budget (see _read_files): read again here
            again = valid.get(path, ())
            file = read_file(path, options.schemas, limits, again, locator, vetted[path])
        refused = budget.spend(path, file.nodes)
        results.append(file if refused is None else FileResult((refused,), (), ()))
    return results


_CHUNK = 32
"""Files a process takes at a time when reading is spread."""


def _found_file(found: Discovery) -> Callable[[str], Vetted | None]:
    """The file discovery found at a path, worked out when asked: a warm run places findings in
    a few files, and builds nothing for the thousands it takes from the cache."""
    where: dict[str, int] = {}

    def vet(path: str) -> Vetted | None:
        if not where:
            where.update((name, i) for i, name in enumerate(found.names))
        i = where.get(path)
        return None if i is None else vetted_file(found.stamps[i], found.boundaries[i])

    return vet


def _read_files(
    paths: list[str],
    options: CheckOptions,
    valid: Mapping[str, Sequence[Any]],
    locator: Locator | None = None,
    vetted: Mapping[str, Vetted | None] | None = None,
) -> list[FileResult | None]:
    """Each file read and validated, on up to ``options.jobs`` processes when there are many
    (:mod:`resilint.parallel`: sending a file's documents back costs about a tenth of reading
    it). Each process keeps a budget of the run's size for the files it takes, which come in
    the run's order: a file that does not fit in it cannot fit in the run's, which counts
    every file before it. Such a file, and every file a process takes after it, is given as
    None: the run's budget is spent with it or before."""
    schemas, limits = options.schemas, options.config.limits
    budget = NodeBudget(limits)  # each process's own: a forked process has its own copy
    here = os.getpid()

    def read_chunk(number: int) -> list[FileResult | None]:
        read: list[FileResult | None] = []
        # a process forked to read keeps no nodes: the rules place their findings here
        shared = locator if os.getpid() == here else None
        for path in paths[number * _CHUNK : (number + 1) * _CHUNK]:
            if budget.exhausted:
                read.append(None)
                continue
            identity = vetted.get(path) if vetted is not None else None
            file = read_file(path, schemas, limits, valid.get(path, ()), shared, identity)
            read.append(file if budget.spend(path, file.nodes) is None else None)
        return read

    chunks = -(-len(paths) // _CHUNK)
    spread = evaluate_all(chunks, read_chunk, options.jobs, None, len(paths))
    return [file for chunk in spread for file in chunk]
