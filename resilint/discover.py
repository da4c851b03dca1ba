"""Stage 1 of the flow: find the YAML files to check.

Directories are searched for ``*.yaml`` and ``*.yml``, honouring every ``.gitignore`` on the way
(deeper files win, as in git) and skipping hidden files and directories. Files named on the
command line are always checked.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
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
    base: Path
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
    unique = tuple(p for p in dict.fromkeys(files) if p.resolve() not in skipped)
    if not unique and not findings:
        raise UsageError(
            "no input files: no *.yaml or *.yml file found in " + ", ".join(str(p) for p in paths)
        )
    return Discovery(unique, tuple(findings))


def _walk(top: Path, excluded: pathspec.GitIgnoreSpec) -> tuple[list[Path], list[Finding]]:
    files: list[Path] = []
    findings: list[Finding] = []
    for directory, ignores, names in _directories(top, excluded):
        for name in sorted(names):
            path = directory / name
            if name.startswith(".") or not name.endswith(YAML_SUFFIXES) or name in CONFIG_NAMES:
                continue
            if _ignored(path, ignores, is_dir=False, top=top, excluded=excluded):
                continue
            if path.is_dir():
                findings.append(
                    core_finding("FILE-01", "a directory named like a YAML file", str(path), 1, 1)
                )
            else:
                files.append(path)
    return files, findings


def _directories(
    top: Path, excluded: pathspec.GitIgnoreSpec
) -> Iterator[tuple[Path, list[_Ignore], list[str]]]:
    pending: list[tuple[Path, list[_Ignore]]] = [(top, [])]
    while pending:
        directory, inherited = pending.pop()
        ignores = inherited + _read_gitignore(directory)
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError:
            continue
        names = []
        for entry in entries:
            path = Path(entry.path)
            is_dir = entry.is_dir(follow_symlinks=False)
            if is_dir and not entry.name.startswith(".") and not entry.name.endswith(YAML_SUFFIXES):
                if not _ignored(path, ignores, is_dir=True, top=top, excluded=excluded):
                    pending.append((path, ignores))
            else:
                names.append(entry.name)
        yield directory, ignores, names


def _read_gitignore(directory: Path) -> list[_Ignore]:
    try:
        lines = (directory / ".gitignore").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return [_Ignore(directory, pathspec.GitIgnoreSpec.from_lines(lines.splitlines()))]


def _ignored(
    path: Path, ignores: list[_Ignore], *, is_dir: bool, top: Path, excluded: pathspec.GitIgnoreSpec
) -> bool:
    suffix = "/" if is_dir else ""
    if excluded.match_file(path.relative_to(top).as_posix() + suffix):
        return True
    for ignore in reversed(ignores):
        verdict = ignore.spec.check_file(path.relative_to(ignore.base).as_posix() + suffix)
        if verdict.include is not None:
            return verdict.include
    return False
