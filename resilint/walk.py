"""The walk of a directory: which names are YAML files, which entries are taken, left out
(hidden, a configuration file, ``exclude``, a ``.gitignore``) or refused (links out of the
repository, FIFOs, directories that cannot be listed), and, for names the walk passes over
that hold a resilint document, DOC-05. :mod:`resilint.discover` walks each path named with
one :class:`_Finder`; :func:`walked_name` is the name the walk gives a file."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

from resilint.core_checks import core_finding
from resilint.errors import UsageError
from resilint.findings import Finding
from resilint.ignores import (
    _exclusions,
    _Ignore,
    _ignorecase,
    _patterns,
    _too_much,
    _Tracked,
)
from resilint.limits import Limits
from resilint.load.read import (
    Refusal,
    kind_refusal,
    outside,
    read_regular,
    real,
    refusal_for,
    within,
)
from resilint.sparse import _skipped, _sparse
from resilint.unread_documents import (
    document_at,
    passed_over,
    suffixed,
    unsuffixed,
    unsuffixed_document_at,
)

if TYPE_CHECKING:  # imported when a run has patterns to match: most pre-commit runs have none
    from resilint.wildmatch import Patterns


YAML_SUFFIXES = (".yaml", ".yml")
"""Compared with a name in lower case (:func:`yaml_named`): ``x.YAML`` is a YAML file too."""


_WHOLE_STAT = os.name != "nt"
"""Whether a directory entry's ``stat`` is the file's whole stat: on Windows it lacks the
inode and device (:meth:`os.DirEntry.stat`), which the cache's key needs, so files are stat'ed."""


CONFIG_NAMES = ("resilint.yaml", ".resilint.yaml")
"""Configuration files: never documents, wherever they are (a nested repository's own)."""


def yaml_named(name: str) -> bool:
    """Whether a file of this name is read as YAML (its suffix in any case)."""
    return name.lower().endswith(YAML_SUFFIXES)


class _Finder:
    """The files and findings of one discovery, and the bytes of .gitignore files read."""

    def __init__(self, excluded: Patterns | None, limits: Limits) -> None:
        self.excluded = excluded
        self.limits = limits
        self.top = ""
        """The directory being walked, as the paths found in it begin (``sup/``, or empty)."""
        self.tracked: _Tracked | None = None
        """What git tracks in :attr:`top`, asked once a .gitignore hides something there."""
        self.ignorecase: bool | None = None
        """git's ``core.ignorecase`` in :attr:`top`, asked once a .gitignore is found there."""
        self.excluding = False
        """Whether the last entry :meth:`ignored` left out was left out by ``exclude``."""
        self.left_out = {"exclude": 0, ".gitignore": 0}
        """YAML files and directories the walk left out, by what left them out: named when
        nothing is left to check, so that "no input files" does not read as an empty folder."""
        self.nested: list[tuple[str, str]] = []
        """The work trees of their own the walk entered (submodules), as each directory's path
        and its path relative to the walked directory: each may be a sparse checkout."""
        self.found: list[tuple[str, os.stat_result]] = []
        """Files (as ``str(Path(...))`` prints them) and their stats, in the order they are
        checked (sorted within a directory tree)."""
        self.findings: list[Finding] = []
        self.spent = 0
        self.patterns = 0
        """Patterns of the .gitignore files taken so far (each one costs every later match)."""

    def add(self, path: Path, boundary: str) -> None:
        if not os.path.lexists(path):
            raise UsageError(f"{path}: no such file or directory")
        refused = outside(path, boundary)
        if refused is not None:
            self.refuse(str(path), refused)
        elif path.is_dir():
            self.walk(path, boundary)
        else:
            self.file(str(path))

    def refuse(self, path: str, refusal: Refusal) -> None:
        shown = str(Path(path))  # as files are shown: ./x.yaml is x.yaml
        self.findings.append(core_finding(refusal.code, refusal.message, shown, 1, 1))

    def file(self, path: str, info: os.stat_result | None = None) -> None:
        """A file already known to be inside the boundary: kept when it is a regular file.
        ``path`` is as :class:`Path` prints it (``./x.yaml`` is ``x.yaml``)."""
        try:
            info = info or Path(path).stat()
        except OSError as exc:  # vetted a moment ago: only a race gets here
            self.refuse(path, Refusal("FILE-01", f"cannot read the file: {exc.strerror}"))
            return
        if stat.S_ISDIR(info.st_mode):
            self.refuse(path, Refusal("FILE-01", "a directory named like a YAML file"))
        elif (refused := kind_refusal(info.st_mode)) is not None:
            self.refuse(path, refused)
        else:
            self.found.append((path, info))

    def walk(self, top: Path, boundary: str) -> None:
        start = len(self.found)
        self.top, self.tracked, self.ignorecase = str(top / "_")[:-1], None, None
        self.nested = []
        self._walk(top, boundary)
        if _sparse(top):
            self.not_checked_out(self.top, "")
        for prefix, relative in self.nested:  # a submodule's work tree, sparse on its own
            if _sparse(Path(prefix or os.curdir)):
                self.not_checked_out(prefix, relative)
        self.found[start:] = sorted(self.found[start:], key=itemgetter(0))

    def not_checked_out(self, prefix: str, relative: str) -> None:
        """FILE-06 for each YAML file git tracks below the work tree at ``prefix`` (the walked
        directory, or a submodule ``relative`` below it), and the walk would take, that a
        sparse checkout left out of the work tree: what it holds is missing from the run, which
        must not pass (the first :data:`MOST_LISTED`, the rest counted)."""
        missing = [
            where
            for where in _skipped(prefix or os.curdir)
            if _taken(relative + where, self.excluded)
            and not os.path.lexists(prefix + where.replace("/", os.sep))
        ]
        for where in missing[:MOST_LISTED]:
            message = (
                "git tracks this file, but this sparse checkout leaves it out of the work tree, "
                "so what it holds is not checked, and what refers to it cannot be"
            )
            self.refuse(prefix + where.replace("/", os.sep), Refusal("FILE-06", message))
        if len(missing) > MOST_LISTED:
            message = (
                f"and {len(missing) - MOST_LISTED:,} more YAML files git tracks that this sparse "
                f"checkout leaves out (the first {MOST_LISTED} are listed one by one)"
            )
            where = missing[MOST_LISTED]
            self.refuse(prefix + where.replace("/", os.sep), Refusal("FILE-06", message))

    def _walk(self, top: Path, boundary: str) -> None:
        # Paths are built as strings, each directory's prefix once, exactly as Path would print
        # them (``top / name``): a Path object per file was most of a warm run's discovery.
        pending: list[tuple[str, str, list[_Ignore]]] = [(self.top, "", [])]
        while pending:
            prefix, relative, inherited = pending.pop()
            directory = prefix or os.curdir
            try:
                entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
            except OSError as exc:
                message = f"cannot list this directory ({exc.strerror}); its files are not checked"
                self.refuse(directory, Refusal("FILE-01", message))
                continue
            if relative and any(entry.name == ".git" for entry in entries):
                self.nested.append((prefix, relative))  # a submodule (or a nested repository)
            ignores = inherited + self.gitignore(entries, relative)
            for entry in entries:
                try:
                    sub = self.entry(entry, prefix, relative, ignores, boundary)
                except OSError as exc:  # a directory that can be listed but not entered
                    self.refuse(entry.path, refusal_for(exc))
                    continue
                if sub is not None:
                    pending.append((prefix + entry.name + os.sep, sub, ignores))

    def entry(
        self,
        entry: os.DirEntry[str],
        prefix: str,
        relative: str,
        ignores: list[_Ignore],
        boundary: str,
    ) -> str | None:
        """Take in one directory entry (its directory's path is ``prefix``); returns the
        relative path of a directory to walk."""
        name = entry.name
        if passed_over(name):
            self.passed_over(entry, prefix, relative, ignores)
            return None
        if name.startswith("."):
            return None
        is_link = entry.is_symlink()
        is_dir = not is_link and entry.is_dir(follow_symlinks=False)
        as_yaml = yaml_named(name)
        if not (is_dir or as_yaml or is_link) or (as_yaml and name in CONFIG_NAMES):
            if not (is_dir or is_link) and unsuffixed(name):
                self.passed_over(entry, prefix, relative, ignores)
            return None
        where = relative + name + ("/" if is_dir else "")
        if (ignores or self.excluded is not None) and self.ignored(where, ignores):
            if self.excluding or not self.tracks(where):
                self.left_out["exclude" if self.excluding else ".gitignore"] += 1
                return None
            if is_dir:  # git tracks files in it: those are taken, and nothing else there
                self.committed_in(where, boundary)
                return None
        if is_link:
            self.link(prefix + name, boundary, yaml_named=as_yaml)
        elif is_dir and not as_yaml:
            return where
        elif is_dir:
            self.refuse(entry.path, Refusal("FILE-01", "a directory named like a YAML file"))
        else:
            try:
                info = entry.stat(follow_symlinks=False) if _WHOLE_STAT else None
            except OSError:
                info = None  # gone since the directory was listed: file() says why
            if info is not None and stat.S_ISREG(info.st_mode):
                self.found.append((prefix + name, info))  # file()'s common case, inline
            else:
                self.file(prefix + name, info)
        return None

    def passed_over(
        self, entry: os.DirEntry[str], prefix: str, relative: str, ignores: list[_Ignore]
    ) -> None:
        """DOC-05 for a file the walk passes over for its name (:mod:`resilint.unread_documents`)
        that holds a resilint document; one a .gitignore or ``exclude`` leaves out, as the walk
        would leave it out, is not read."""
        where = relative + entry.name
        hidden = (ignores or self.excluded is not None) and self.ignored(where, ignores)
        if hidden and (self.excluding or not self.tracks(where)):
            return
        if entry.name.startswith(".") or not unsuffixed(entry.name):
            found = document_at(prefix + entry.name)
        else:
            found = unsuffixed_document_at(prefix + entry.name, self.limits)
        if found is None:
            return
        line, column, api_version = found
        hidden = entry.name.startswith(".")
        if hidden:
            shape, rename = "a hidden file", entry.name.lstrip(".")
        elif unsuffixed(entry.name):
            shape, rename = suffixed(entry.name)
        else:
            shape = "a JSON file"
            rename = entry.name.rsplit(".", 1)[0] + ".yaml (JSON is YAML: its content can stay)"
        message = (
            f"this file holds a resilint document (apiVersion {api_version}), but it is {shape}, "
            f"which resilint does not read in a directory, so nothing in it is checked: name it "
            f"{rename}, or, if it belongs to another tool, exclude it in the configuration"
        )
        path = str(Path(prefix + entry.name))
        self.findings.append(core_finding("DOC-05", message, path, line, column))

    def link(self, path: str, boundary: str, *, yaml_named: bool) -> None:
        """A link named like YAML is checked where it leads, when that is inside; a link to a
        directory is never followed, and is reported when it leads outside (YAML files there
        would go unchecked)."""
        if yaml_named:
            refused = outside(path, boundary)
            if refused is not None:
                self.refuse(path, refused)
            else:
                self.file(path)
            return
        target = os.path.realpath(path)
        if Path(target).is_dir() and not within(target, boundary):
            self.refuse(
                path,
                Refusal(
                    "FILE-03",
                    "a symbolic link to a directory outside the repository; resilint does not "
                    "follow it, so the YAML files there are not checked",
                ),
            )

    def gitignore(self, entries: list[os.DirEntry[str]], relative: str) -> list[_Ignore]:
        """The directory's .gitignore; like git, one that is a symbolic link is not followed."""
        entry = next((e for e in entries if e.name == ".gitignore"), None)
        if entry is None or not entry.is_file(follow_symlinks=False):
            return []
        data = read_regular(entry.path, self.limits.max_file_bytes, follow=False)
        if isinstance(data, Refusal):
            self.refuse(entry.path, data)
            return []
        self.spent += len(data)
        # As git reads it: lines end at \n only, bytes are compared (os.fsdecode gives the
        # names' bytes back, undecodable or not), a UTF-8 byte order mark is skipped.
        lines = [
            os.fsdecode(line)
            for line in data.removeprefix(b"\xef\xbb\xbf").split(b"\n")
            if line.removesuffix(b"\r").rstrip(b" ") and not line.startswith(b"#")
        ]
        too_much = _too_much(lines, self.patterns)
        if too_much:
            self.refuse(entry.path, Refusal("FILE-02", too_much))
            return []
        self.patterns += len(lines)
        return [_Ignore(relative, _patterns(lines, ignorecase=self.case_folded()))]

    def case_folded(self) -> bool:
        """Whether git compares .gitignore patterns ignoring case in :attr:`top`."""
        if self.ignorecase is None:
            self.ignorecase = _ignorecase(self.top or os.curdir)
        return self.ignorecase

    def ignored(self, where: str, ignores: list[_Ignore]) -> bool:
        """``where`` is relative to the walked top, with a trailing / for a directory; the
        deepest .gitignore with a verdict wins, as in git. Sets :attr:`excluding`."""
        self.excluding = False
        if self.excluded is not None:
            decided = self.excluded.verdict(where)
            if decided is not None and not decided.negated:
                self.excluding = True
                return True
        for ignore in reversed(ignores):
            decided = ignore.patterns.verdict(where[len(ignore.prefix) :])
            if decided is not None:
                return not decided.negated
        return False

    def tracks(self, where: str) -> bool:
        """Whether git tracks the file ``where``, or a file below the directory ``where``: a
        .gitignore does not hide what git tracks (git reads it only for untracked files), so a
        change cannot hide a committed document by adding a line to one."""
        tracked = self.git_tracked(self.top + where)
        return where in tracked.files or where in tracked.directories

    def git_tracked(self, hidden: str = "") -> _Tracked:
        """What git tracks in :attr:`top`; asked first for ``hidden``, a path a .gitignore
        hides (named if git cannot answer)."""
        if self.tracked is None:
            self.tracked = _Tracked.of(self.top or os.curdir, hidden)
        return self.tracked

    def committed_in(self, directory: str, boundary: str) -> None:
        """The YAML files git tracks below ``directory``, which a .gitignore hides: taken as
        the walk takes files (hidden names and ``exclude`` still leave them out)."""
        for where in self.git_tracked().below(directory):
            if not _taken(where, self.excluded):
                continue
            path = self.top + where.replace("/", os.sep)
            if Path(path).is_symlink():
                self.link(path, boundary, yaml_named=True)
            elif os.path.lexists(path):  # tracked, yet deleted from the work tree: nothing
                self.file(path)


MOST_LISTED = 100
"""Files a sparse checkout leaves out, listed one by one; the rest are counted in one finding."""


def _taken(where: str, excluded: Patterns | None) -> bool:
    """Whether the walk takes the file ``where`` (relative to the walked directory, ``/``
    between names) whatever a .gitignore says: a YAML name and no configuration file's, below
    no hidden directory, and not left out by the configuration's ``exclude``."""
    names = where.split("/")
    if any(name.startswith(".") for name in names) or not yaml_named(names[-1]):
        return False
    if names[-1] in CONFIG_NAMES:
        return False
    return excluded is None or excluded.covering(where) is None


def walked_name(top: Path, path: str, exclude: Iterable[str]) -> str | None:
    """The name the walk of the directory ``top`` gives the file ``path`` (a real path below
    ``top``'s real path, with no link on the way), as it prints it; None when the walk passes
    it over: :func:`_taken`, and below no directory named like YAML (the walk refuses those,
    it does not enter them). A .gitignore is not asked: it never hides a file git tracks
    (:meth:`_Finder.tracks`), and this is for a file git tracked (one a change deletes)."""
    where = Path(os.path.relpath(path, real(top))).as_posix()
    if not _taken(where, _exclusions(list(exclude))):
        return None
    if any(yaml_named(name) for name in where.split("/")[:-1]):
        return None
    return str(top / where)
