"""Stage 1 of the flow: find the YAML files to check.

Directories are searched for ``*.yaml`` and ``*.yml``, honouring every ``.gitignore`` on the way
(deeper files win, as in git) and skipping hidden files and directories. Files named on the
command line are always checked.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pathspec

from resilint.core_checks import core_finding
from resilint.errors import UsageError
from resilint.findings import Finding

YAML_SUFFIXES = (".yaml", ".yml")
CONFIG_NAMES = ("resilint.yaml", ".resilint.yaml")
"""Configuration files: never documents, wherever they are (a nested repository's own)."""


@dataclass(frozen=True)
class Discovery:
    files: tuple[Path, ...]
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class _Ignore:
    prefix: str
    """The .gitignore's directory relative to the top being walked, as ``a/b/`` (or empty)."""
    spec: pathspec.GitIgnoreSpec


def discover(
    paths: Iterable[Path], exclude: Iterable[str] = (), skip: Iterable[Path] = ()
) -> Discovery:
    """Every YAML file under ``paths`` but ``skip`` (the configuration file); raises
    :class:`UsageError` for a missing path."""
    skipped = {path.resolve() for path in skip}
    excluded = pathspec.GitIgnoreSpec.from_lines(list(exclude))
    files: list[Path] = []
    findings: list[Finding] = []
    for path in paths:
        if path.is_dir():
            found, odd = _walk(path, excluded)
            files.extend(found)
            findings.extend(odd)
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            raise UsageError(f"{path}: no such file or directory")
    names = {path.name for path in skipped}
    unique = tuple(
        p for p in dict.fromkeys(files) if p.name not in names or p.resolve() not in skipped
    )
    if not unique and not findings:
        raise UsageError(
            "no input files: no *.yaml or *.yml file found in " + ", ".join(str(p) for p in paths)
        )
    return Discovery(unique, tuple(findings))


def _walk(top: Path, excluded: pathspec.GitIgnoreSpec) -> tuple[list[Path], list[Finding]]:
    files: list[Path] = []
    findings: list[Finding] = []
    pending: list[tuple[Path, str, list[_Ignore]]] = [(top, "", [])]
    while pending:
        directory, relative, inherited = pending.pop()
        ignores = inherited + _read_gitignore(directory, relative)
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            is_dir = entry.is_dir(follow_symlinks=False)
            yaml_named = name.endswith(YAML_SUFFIXES)
            if not is_dir and (not yaml_named or name in CONFIG_NAMES):
                continue
            where = relative + name + ("/" if is_dir else "")
            if _ignored(where, ignores, excluded):
                continue
            if is_dir and not yaml_named:
                pending.append((Path(entry.path), where, ignores))
            elif is_dir or entry.is_dir():  # a directory, or a link to one, named x.yaml
                message = "a directory named like a YAML file"
                findings.append(core_finding("FILE-01", message, entry.path, 1, 1))
            else:
                files.append(Path(entry.path))
    files.sort(key=str)
    return files, findings


def _read_gitignore(directory: Path, relative: str) -> list[_Ignore]:
    try:
        lines = (directory / ".gitignore").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return [_Ignore(relative, pathspec.GitIgnoreSpec.from_lines(lines.splitlines()))]


def _ignored(where: str, ignores: list[_Ignore], excluded: pathspec.GitIgnoreSpec) -> bool:
    """``where`` is relative to the walked top, with a trailing / for a directory; the deepest
    .gitignore with a verdict wins, as in git."""
    if excluded.patterns and excluded.match_file(where):
        return True
    for ignore in reversed(ignores):
        verdict = ignore.spec.check_file(where[len(ignore.prefix) :])
        if verdict.include is not None:
            return verdict.include
    return False
