"""Stage 1 of the flow: find the YAML files to check, and refuse what must not be read.

Directories are searched for ``*.yaml`` and ``*.yml`` in any case (``x.YAML``), honouring every
``.gitignore`` on the way (deeper files win, as in git) and skipping hidden files and
directories. As in git, a ``.gitignore`` never hides a file git tracks: a committed document is
checked whatever a later ``.gitignore`` line says. Files named on the command line are always
checked.

Nothing found may lead outside the repository (the configuration file's directory; without a
configuration, each directory checked). A symbolic link whose target is outside it, a named
pipe, a device, a socket, a link loop and a directory resilint may not list are findings, and
none is ever opened; links to directories are not followed. The sizes of the files found are
counted against the run's byte budget before any of them is read.

This module gathers what the walk of each path found (:mod:`resilint.walk`: which entries are
taken or refused), with what leaves files out (:mod:`resilint.ignores`: .gitignore files, git's
index, ``exclude``), what a sparse checkout leaves out (:mod:`resilint.sparse`) and each file's
stamp (:mod:`resilint.stamps`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from resilint.core_checks import core_finding
from resilint.errors import UsageError
from resilint.findings import Finding
from resilint.ignores import _exclusions, _lexical
from resilint.limits import Limits
from resilint.load.read import real, within
from resilint.stamps import stamp
from resilint.walk import _Finder


@dataclass(frozen=True)
class Discovery:
    """The files a run checks, and what discovery refused (links out, FIFOs, unreadable)."""

    names: tuple[str, ...]
    """The files to check, as their paths print (``str`` of :attr:`files`)."""
    findings: tuple[Finding, ...]
    stamps: tuple[bytes, ...]
    """Each file's :func:`stamp` as discovery took it, before any file is read (the cache's
    key)."""
    boundaries: tuple[str, ...] = ()
    """Each file's boundary: the real directory it was found inside (the repository), which
    it must still lie in when it is read (:func:`resilint.stamps.vetted_file`)."""

    @cached_property
    def files(self) -> tuple[Path, ...]:
        """The files as paths, made when asked: a run served from the cache needs none."""
        return tuple(map(Path, self.names))


def discover(
    paths: Iterable[Path],
    exclude: Iterable[str] = (),
    skip: Iterable[Path] = (),
    *,
    root: Path | None = None,
    limits: Limits | None = None,
) -> Discovery:
    """Every YAML file under ``paths`` but ``skip`` (the configuration file), staying inside
    ``root`` (None: each path is its own boundary); raises :class:`UsageError` for a missing
    path."""
    paths = list(paths)
    limits = limits or Limits()
    finder = _Finder(_exclusions(list(exclude)), limits)
    bounds: list[tuple[int, str]] = []  # where each path's files begin in finder.found
    for path in paths:
        bounds.append((len(finder.found), _boundary(path, root)))
        finder.add(path, bounds[-1][1])
    skipped = {path.resolve() for path in skip}
    names = {path.name for path in skipped}
    ends = tuple(names)  # a Path is made only for a file whose name could be skipped
    reached = finder.found if len(paths) == 1 else _first_of_each(finder.found)  # once each
    found = [
        (path, info)
        for path, info in reached
        if not path.endswith(ends)
        or Path(path).name not in names
        or Path(path).resolve() not in skipped
    ]
    _drop_unread_that_is_read(finder, found)
    unread = [f.path for f in finder.findings if f.code == "DOC-05"]
    if not found and len(unread) == len(finder.findings):
        raise UsageError(
            "no input files: "
            + _none_found(", ".join(str(p) for p in paths), finder.left_out)
            + (f" ({unread_note(unread)})" if unread else "")
        )
    kept, over = _within_budget(found, finder.spent, limits)
    return Discovery(
        tuple(path for path, _ in kept),
        (*_unique(finder.findings), *over),
        tuple(stamp(info) for _, info in kept),
        _boundaries(kept, finder.found, bounds),
    )


def _boundaries(
    kept: list[tuple[str, os.stat_result]],
    found: list[tuple[str, os.stat_result]],
    bounds: list[tuple[int, str]],
) -> tuple[str, ...]:
    """The boundary of each file kept: that of the first path named whose walk found it."""
    if len(bounds) == 1:
        return (bounds[0][1],) * len(kept)
    ends = [start for start, _ in bounds[1:]] + [len(found)]
    bound: dict[str, str] = {}
    for (start, boundary), end in zip(bounds, ends, strict=True):
        for path, _ in found[start:end]:
            bound.setdefault(path, boundary)
    return tuple(bound[path] for path, _ in kept)


def _drop_unread_that_is_read(finder: _Finder, found: list[tuple[str, os.stat_result]]) -> None:
    """No DOC-05 for a file the run reads all the same: one named on the command line
    (``resilint check .hidden.yaml``) is checked wherever the walk of its directory passes it
    over."""
    if not any(f.code == "DOC-05" for f in finder.findings):
        return
    read = {os.path.realpath(path) for path, _ in found}
    finder.findings = [
        f for f in finder.findings if f.code != "DOC-05" or os.path.realpath(f.path) not in read
    ]


def _none_found(where: str, left_out: dict[str, int]) -> str:
    """Why no file is left to check: none there, or every one left out by the configuration's
    ``exclude`` or a .gitignore (the user then knows where to look)."""
    said = {
        "exclude": "exclude in the configuration leaves out {}",
        ".gitignore": "a .gitignore hides {} that git does not track",
    }
    causes = [
        said[what].format(
            f"{count:,} file{'' if count == 1 else 's'} or folder{'' if count == 1 else 's'}"
        )
        for what, count in left_out.items()
        if count
    ]
    if not causes:
        return f"no *.yaml or *.yml file found in {where}"
    return f"nothing in {where} is left to check: {' and '.join(causes)}"


def unread_note(paths: Sequence[str]) -> str:
    """What the walk passed over that holds resilint documents (DOC-05), for "no input files"."""
    from resilint.reporters.base import printable

    shown = ", ".join(printable(path) for path in paths[:3])
    more = f" and {len(paths) - 3} more" if len(paths) > 3 else ""
    return (
        f"{shown}{more} hold{'s' if len(paths) == 1 else ''} a resilint document in a file "
        "resilint does not read in a directory (JSON, or hidden): name each with .yaml"
    )


def _boundary(path: Path, root: Path | None) -> str:
    """The real directory ``path`` must stay inside: the repository root when the path lies in
    it, else the path itself when it is a real directory, else its parent."""
    if root is not None and within(_lexical(path), _lexical(root)):
        return real(root)
    own = path if path.is_dir() and not path.is_symlink() else path.parent
    return real(own)


def _unique(findings: list[Finding]) -> list[Finding]:
    """A path refused twice (named, and inside a directory named too) is one finding."""
    seen: dict[tuple[str, str, int, int], Finding] = {}
    for finding in findings:
        seen.setdefault((finding.path, finding.code, finding.line, finding.column), finding)
    return list(seen.values())


def _first_of_each(found: list[tuple[str, os.stat_result]]) -> list[tuple[str, os.stat_result]]:
    """A file reached twice (named, and inside a directory named too, however each is spelled:
    ``a.yaml`` and ``../sup/a.yaml``) is checked once, where first reached and as last spelled
    (named files come last: as the user wrote it). Two paths are the same entry when they name
    one file (device and inode) from one real directory: a hard link or a symbolic link
    elsewhere is another entry, as git sees it."""
    unique: list[tuple[str, os.stat_result]] = []
    seen: dict[tuple[int, int], list[tuple[str, int]]] = {}
    for path, info in found:
        spellings = seen.setdefault((info.st_dev, info.st_ino), [])
        same = next((at for p, at in spellings if p == path or _entry(p) == _entry(path)), None)
        if same is None:
            spellings.append((path, len(unique)))
            unique.append((path, info))
        else:
            unique[same] = (path, unique[same][1])
    return unique


def _entry(path: str) -> str:
    """Where a path's directory entry really is: its directory resolved, its name kept."""
    head, name = os.path.split(path)
    return str(Path(os.path.realpath(head or os.curdir)) / name)


def _within_budget(
    found: list[tuple[str, os.stat_result]], spent: int, limits: Limits
) -> tuple[list[tuple[str, os.stat_result]], list[Finding]]:
    """The files that fit in ``limits.max_total_bytes``, in order; the first that does not and
    every one after it are findings, never read. A file over the per-file limit costs nothing:
    it is refused unread."""
    kept: list[tuple[str, os.stat_result]] = []
    over: list[Finding] = []
    limit = limits.max_total_bytes
    for path, info in found:
        size = info.st_size
        cost = size if size <= limits.max_file_bytes else 0
        if over or spent + cost > limit:
            message = (
                f"not checked: this run reached its limit of {limit:,} bytes read "
                "(limits.max_total_bytes) before this file; check fewer files at a time "
                "or raise the limit"
            )
            over.append(core_finding("FILE-05", message, path, 1, 1))
        else:
            spent += cost
            kept.append((path, info))
    return kept, over
