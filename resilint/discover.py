"""Stage 1 of the flow: find the YAML files to check, and refuse what must not be read.

Directories are searched for ``*.yaml`` and ``*.yml`` in any case (``x.YAML``), honouring every
``.gitignore`` on the way (deeper files win, as in git) and skipping hidden files and
directories. As in git, a ``.gitignore`` never hides a file git tracks: a committed document is
checked whatever a later ``.gitignore`` line says. ``.git/info/exclude`` and git's global
excludes file are not read: a clone's own settings, which CI does not have. Files named on the
command line are always checked.

Nothing found may lead outside the repository (the configuration file's directory; without a
configuration, each directory checked). A symbolic link whose target is outside it, a named
pipe, a device, a socket, a link loop and a directory resilint may not list are findings, and
none is ever opened; links to directories are not followed. The sizes of the files found are
counted against the run's byte budget before any of them is read.
"""

from __future__ import annotations

import os
import stat
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

from resilint.core_checks import core_finding
from resilint.errors import UsageError
from resilint.findings import Finding
from resilint.limits import Limits
from resilint.unread_documents import (
    MOST_READ,
    Unread,
    described,
    document_at,
    document_in_yaml,
    document_on_top,
    unread,
    unsuffixed_document_at,
)

if TYPE_CHECKING:  # imported when a run has patterns to match: most pre-commit runs have none
    from resilint.wildmatch import Patterns
from resilint.gittree import Tracked, ignorecase, skipped, sparse
from resilint.load.read import (
    Refusal,
    Vetted,
    kind_refusal,
    lexical,
    outside,
    read_regular,
    real,
    refusal_for,
    tidied,
    within,
)

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


_PACKED = struct.Struct("<qqQqQ")


def stamp(info: os.stat_result) -> bytes:
    """What tells one version of a file from the next without reading it: modification time,
    size, inode, change time (what ``cp -p`` and ``os.utime`` cannot set back) and device, in
    40 bytes (650 for the whole stat: 60 MB at 100,000 files), or as text for a time past 2262
    or a number beyond 64 bits."""
    numbers = (info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns, info.st_dev)
    try:
        return _PACKED.pack(*numbers)
    except struct.error:
        return repr(numbers).encode()


def vetted_file(stamp: bytes, boundary: str) -> Vetted | None:
    """The file discovery found inside ``boundary`` with this :func:`stamp`: the one a run
    may read at its path; None for a stamp kept as text."""
    try:
        _, _, inode, _, device = _PACKED.unpack(stamp)
    except struct.error:
        return None
    return Vetted(int(device), int(inode), boundary, stamp)


def stamp_changed(stamp: bytes) -> int | None:
    """The change time (ns) a :func:`stamp` holds; None for one kept as text."""
    try:
        return int(_PACKED.unpack(stamp)[3])
    except struct.error:
        return None


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
    it must still lie in when it is read (:func:`vetted_file`)."""
    configs: tuple[str, ...] = ()
    """Configuration files in the folders the walk entered below a path walked: each governs
    a check of its own folder (:func:`refuse_nested`)."""

    @cached_property
    def files(self) -> tuple[Path, ...]:
        """The files as paths, made when asked: a run served from the cache needs none."""
        return tuple(map(Path, self.names))


@dataclass
class _Search:
    """A hidden folder the walk passed over, as far as it has been looked into."""

    prefix: str
    """Its path, as the paths found in it begin (``suppliers/.drafts/``)."""
    folder: str
    """Its path from the repository root, as ``exclude`` takes it."""
    pending: list[tuple[str, str, list[os.DirEntry[str]] | None]]
    """What is left to look at: directories (their path, their path relative to the walked
    directory, and the entries not yet looked at, or None when not yet listed), deepest last."""
    unlisted: list[tuple[str, str]] = field(default_factory=list)
    """Directories in it that could not be listed, with why: not looked into at all."""


@dataclass(frozen=True)
class _Ignore:
    """The patterns of one ``.gitignore``, with the directory they apply from."""

    prefix: str
    """The .gitignore's directory relative to the top being walked, as ``a/b/`` (or empty)."""
    patterns: Patterns


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
    paths = [tidied(path) for path in paths]  # suppliers/../x.yaml is shown as x.yaml
    limits = limits or Limits()
    finder = _Finder(_exclusions(list(exclude)), limits)
    finder.root = real(root) if root is not None else None
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
    unread = [f for f in finder.findings if f.code in UNREAD_CODES]
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
        tuple(finder.configs),
    )


def refuse_nested(configs: Sequence[str], governing: str) -> None:
    """A folder with a configuration file of its own is governed by it when it is checked
    alone (``resilint check programme``, the pre-commit hook on a change to it only), while a
    check of the folder above reads its files under ``governing``: the two would disagree on
    the same files, and one of them passes what the other fails. Refused, status 2, unless the
    configuration's ``exclude`` leaves the folder out (each part checked on its own) or
    ``--config`` names the one to use."""
    if not configs:
        return
    from resilint.reporters.base import printable

    shown = ", ".join(printable(path) for path in configs[:3])
    more = f" and {len(configs) - 3} more" if len(configs) > 3 else ""
    folder = printable(str(Path(configs[0]).parent))
    raise UsageError(
        f"{shown}{more}: a configuration of its own in a folder this check reads under "
        f"{governing}: a check of {folder} alone, and the pre-commit hook on a change to it "
        f"only, use {printable(configs[0])}, so the two would disagree on the same files; "
        f"check each part on its own (exclude {folder}/ here and run resilint check {folder}), "
        "delete one of the two configurations, or name the one to use with --config"
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


UNREAD_CODES = frozenset({"DOC-05", "DOC-06"})
"""What the walk passed over unread: a document in a file it does not read (DOC-05), a hidden
folder it did not look into whole for such files (DOC-06). Neither is a file checked."""


def unread_note(findings: Sequence[Finding]) -> str:
    """What the walk passed over unread (:data:`UNREAD_CODES`), for "no input files"."""
    from resilint.reporters.base import printable

    said = []
    for code, what in _UNREAD_WORDS.items():
        paths = [f.path for f in findings if f.code == code]
        if paths:
            shown = ", ".join(printable(path) for path in paths[:3])
            more = f" and {len(paths) - 3} more" if len(paths) > 3 else ""
            said.append(f"{shown}{more} {what[len(paths) > 1]}")
    return "; ".join(said)


_UNREAD_WORDS = {
    "DOC-05": (
        "holds a resilint document in a file resilint does not read in a directory (JSON, "
        "hidden, or not named .yaml): name each with .yaml",
        "hold a resilint document in a file resilint does not read in a directory (JSON, "
        "hidden, or not named .yaml): name each with .yaml",
    ),
    "DOC-06": (
        "is a hidden folder too large for resilint to look into whole for documents: exclude "
        "it in the configuration or add it to .gitignore",
        "are hidden folders too large for resilint to look into whole for documents: exclude "
        "each in the configuration or add it to .gitignore",
    ),
}


def _boundary(path: Path, root: Path | None) -> str:
    """The real directory ``path`` must stay inside: the repository root when the path lies in
    it, else the path itself when it is a real directory, else its parent."""
    if root is not None and within(lexical(path), lexical(root)):
        return real(root)
    own = path if path.is_dir() and not path.is_symlink() else path.parent
    return real(own)


class _Finder:
    """The files and findings of one discovery, and the bytes of .gitignore files read."""

    def __init__(self, excluded: Patterns | None, limits: Limits) -> None:
        self.excluded = excluded
        self.limits = limits
        self.top = ""
        """The directory being walked, as the paths found in it begin (``sup/``, or empty)."""
        self.root: str | None = None
        """The real path of the repository root ``exclude`` is relative to, when known."""
        self.base = ""
        """The walked directory relative to :attr:`root` (``drafts/``), or empty: ``exclude``
        matches a path from the root, also in a folder below it walked on its own."""
        self.tracked: Tracked | None = None
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
        self.configs: list[str] = []
        """Configuration files (``resilint.yaml``, ``.resilint.yaml``) in the directories the
        walk entered below a walked directory: each governs a check of its own folder."""
        self.hidden: list[tuple[str, str]] = []
        """The hidden directories the walk passed over that neither ``exclude`` nor a
        .gitignore leaves out, as their path and their path relative to the walked directory:
        looked into for resilint documents (:meth:`hidden_documents`)."""
        self.reached: set[str] | None = None
        """The real paths of the files a walk found, once a hidden folder's file needs them."""
        self.spent = 0
        self.patterns = 0
        """Patterns of the .gitignore files taken so far (each one costs every later match)."""

    def add(self, path: Path, boundary: str) -> None:
        if not os.path.lexists(path):
            if str(path) == "-":  # the shell's name for standard input, which is not read
                raise UsageError(
                    "-: resilint does not read standard input: name the files or directories "
                    "to check (a file named - is given as ./-)"
                )
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
        self.base = ""
        if self.root is not None and self.excluded is not None:
            below = os.path.relpath(real(top), self.root)
            if below != os.curdir and not below.startswith(os.pardir):
                self.base = Path(below).as_posix() + "/"
        self.hidden = []
        self._walk(top, boundary)
        if self.hidden:
            self.hidden_documents(start)
        if sparse(top):
            self.not_checked_out(self.top, "")
        for prefix, relative in self.nested:  # a submodule's work tree, sparse on its own
            if sparse(Path(prefix or os.curdir)):
                self.not_checked_out(prefix, relative)
        self.found[start:] = sorted(self.found[start:], key=itemgetter(0))

    def not_checked_out(self, prefix: str, relative: str) -> None:
        """FILE-06 for each YAML file git tracks below the work tree at ``prefix`` (the walked
        directory, or a submodule ``relative`` below it), and the walk would take, that a
        sparse checkout left out of the work tree: what it holds is missing from the run, which
        must not pass (the first :data:`MOST_LISTED`, the rest counted)."""
        missing = [
            where
            for where in skipped(prefix or os.curdir)
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
        if (
            relative
            and name in _CONFIGURING
            and entry.is_file(follow_symlinks=False)
            and (name != "pyproject.toml" or _configures(prefix + name, self.limits))
        ):
            self.configs.append(prefix + name)
        if name.startswith("."):
            if name not in CONFIG_NAMES and entry.is_file(follow_symlinks=False):
                self.passed_over(entry, prefix, relative, ignores)
            elif name not in _NOT_OURS and entry.is_dir(follow_symlinks=False):
                where = relative + name + "/"
                hidden = (ignores or self.excluded is not None) and self.ignored(where, ignores)
                if not hidden or not (self.excluding or not self.tracks(where)):
                    self.hidden.append((prefix + name + os.sep, where))
            return None
        is_link = entry.is_symlink()
        is_dir = not is_link and entry.is_dir(follow_symlinks=False)
        as_yaml = yaml_named(name)
        # a directory named as the configuration is no configuration: FILE-01, as any
        # directory named like YAML, never passed over with what it holds
        if not (is_dir or as_yaml or is_link) or (as_yaml and name in CONFIG_NAMES and not is_dir):
            if not (is_dir or is_link or as_yaml) and entry.is_file(follow_symlinks=False):
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

    def hidden_documents(self, start: int) -> None:
        """DOC-05 for each YAML file holding a resilint document in a hidden directory the walk
        passed over (``.old/``, ``suppliers/.drafts/``), as for a hidden file: nothing in it
        would be checked, and a supplier moved there would pass unseen. Left alone: what
        ``exclude`` leaves out (the way to say a folder is left out on purpose), tools' own
        folders (:data:`_NOT_OURS`, a virtual environment) and a file the walk reached through a
        link. At most :data:`MOST_HIDDEN` entries are looked at in all, shared out in rounds
        between the folders not yet looked into whole (what one leaves of its share goes to
        the others in the next), so that a large one first in the walk does not use it all;
        each folder the bound cuts short is DOC-06."""
        searches = [
            _Search(prefix, self.base + where, [(prefix, where, None)])
            for prefix, where in self.hidden
        ]
        budget, left = MOST_HIDDEN, searches
        self.reached = None
        while left and budget > 0:
            share = max(budget // len(left), 1)
            for search in left:
                budget -= self.look_into(search, min(share, budget), start)
            left = [search for search in left if search.pending]
        self.unsearched([search for search in searches if search.pending])
        self.unlisted([found for search in searches for found in search.unlisted])

    def look_into(self, search: _Search, allowance: int, start: int) -> int:
        """Look at up to ``allowance`` more entries of a hidden folder, depth first in name
        order, keeping what is left for the next round; returns the entries looked at, each
        :data:`HIDDEN_BYTES_PER_ENTRY` of a large file read counted as one more."""
        spent = 0
        while search.pending and spent < allowance:
            prefix, where, entries = search.pending.pop()
            if entries is None:
                listed = _hidden_listing(prefix)
                if isinstance(listed, str):
                    search.unlisted.append((prefix, listed))
                    continue
                entries = listed
            below = []
            for at, entry in enumerate(entries):
                if spent >= allowance:  # the rest waits for the next round, or is DOC-06
                    search.pending.append((prefix, where, entries[at:]))
                    break
                spent += 1
                inside = where + entry.name
                if entry.is_dir(follow_symlinks=False):
                    if self.searched_below(entry.name, inside):
                        below.append((prefix + entry.name + os.sep, inside + "/", None))
                else:  # a large file read whole costs as many entries as its size
                    read = self.hidden_file(entry, prefix, inside, search.folder, start)
                    spent += read // HIDDEN_BYTES_PER_ENTRY
            search.pending.extend(reversed(below))
        return spent

    def searched_below(self, name: str, inside: str) -> bool:
        """Whether a directory in a hidden folder is looked into: not a tool's own, nor one
        ``exclude`` leaves out."""
        if name in _NOT_OURS or name in _NOT_OURS_ANYWHERE:
            return False
        if self.excluded is None:
            return True
        decided = self.excluded.verdict(self.base + inside + "/")
        return decided is None or decided.negated

    def hidden_file(
        self, entry: os.DirEntry[str], prefix: str, inside: str, folder: str, start: int
    ) -> int:
        """DOC-05 for a file in a hidden folder that holds a resilint document; returns the
        bytes read of it."""
        name = entry.name
        if not yaml_named(name) or name in CONFIG_NAMES:
            return 0
        if self.excluded is not None and self.excluded.covering(self.base + inside):
            return 0
        if not entry.is_file(follow_symlinks=False):
            return 0
        most = self.limits.max_file_bytes
        at, read = document_in_yaml(prefix + name, most)
        if at is None:
            why = _unreadable(prefix + name)
            if why is None and read > most:
                why = f"larger than the {most:,} bytes resilint reads of a file"
            if why is not None:  # what it holds was not looked at (whole)
                self.unreadable_hidden(prefix + name, why)
            return read
        if self.reached is None:
            self.reached = {os.path.realpath(path) for path, _ in self.found[start:]}
        if os.path.realpath(prefix + name) in self.reached:
            return read  # checked where a link to it, or to its folder, was walked
        self.hidden_document(prefix + name, at, folder)
        return read

    def unsearched(self, searches: list[_Search]) -> None:
        """DOC-06 for each hidden folder :data:`MOST_HIDDEN` cut short (the first
        :data:`MOST_LISTED`, the rest counted): a document in the part not looked at would pass
        unseen, so the check fails until the folder is left out on purpose or emptied of
        documents."""
        for search in searches[:MOST_LISTED]:
            message = (
                "this hidden folder holds more than resilint looks into for documents "
                f"({MOST_HIDDEN:,} entries in all, shared between the hidden folders the walk "
                "passes over), so a resilint document in the part not looked at would pass "
                "unseen: move any document in it out of it, where it is checked, and exclude "
                f'the folder in the configuration (exclude: ["{search.folder}"]) or add it to '
                ".gitignore, to say that the rest is not part of the programme"
            )
            self.findings.append(core_finding("DOC-06", message, str(Path(search.prefix)), 1, 1))
        if len(searches) > MOST_LISTED:
            message = (
                f"and {len(searches) - MOST_LISTED:,} more hidden folders that hold more than "
                f"resilint looks into for documents (the first {MOST_LISTED} are listed one by "
                "one): exclude each in the configuration or add it to .gitignore, once any "
                "resilint document in it is moved out of it"
            )
            path = str(Path(searches[MOST_LISTED].prefix))
            self.findings.append(core_finding("DOC-06", message, path, 1, 1))

    def unreadable_hidden(self, path: str, why: str) -> None:
        """DOC-06 for a YAML file in a hidden folder that cannot be read: whether it holds a
        resilint document was not looked at."""
        message = (
            f"resilint cannot read this file in a hidden folder ({why}), so a resilint document "
            "in it would pass unseen: let resilint read it, or, if it is not part of the "
            "programme, exclude it in the configuration or add it to .gitignore"
        )
        self.findings.append(core_finding("DOC-06", message, str(Path(path)), 1, 1))

    def unlisted(self, directories: list[tuple[str, str]]) -> None:
        """DOC-06 for each directory in a hidden folder that could not be listed (the first
        :data:`MOST_LISTED`): what it holds was not looked at, as in a folder the bound cuts
        short, and a resilint document there would pass unseen."""
        for prefix, why in directories[:MOST_LISTED]:
            message = (
                f"resilint cannot list this directory in a hidden folder ({why}), so a resilint "
                "document in it would pass unseen: let resilint read it, or, if it is not part "
                "of the programme, exclude it in the configuration or add it to .gitignore"
            )
            self.findings.append(core_finding("DOC-06", message, str(Path(prefix)), 1, 1))
        if len(directories) > MOST_LISTED:
            message = (
                f"and {len(directories) - MOST_LISTED:,} more directories in hidden folders that "
                f"resilint cannot list (the first {MOST_LISTED} are listed one by one): let "
                "resilint read them, or exclude each in the configuration or add it to .gitignore"
            )
            path = str(Path(directories[MOST_LISTED][0]))
            self.findings.append(core_finding("DOC-06", message, path, 1, 1))

    def hidden_document(self, path: str, at: tuple[int, int, str], folder: str) -> None:
        line, column, api_version = at
        message = (
            f"this file holds a resilint document (apiVersion {api_version}), but it is in the "
            f"hidden folder {folder}, which resilint does not walk, so nothing in it is "
            f"checked: move it out of {folder} so that it is checked, delete it if it is an "
            f'old copy, or exclude the folder in the configuration (exclude: ["{folder}"]) if '
            "it is left out on purpose"
        )
        self.findings.append(core_finding("DOC-05", message, str(Path(path)), line, column))

    def passed_over(
        self, entry: os.DirEntry[str], prefix: str, relative: str, ignores: list[_Ignore]
    ) -> None:
        """DOC-05 for a file the walk passes over for its name (:mod:`resilint.unread_documents`)
        that holds a resilint document; one a .gitignore or ``exclude`` leaves out, as the walk
        would leave it out, is not read, nor is a copy beside the file it copies."""
        found = unread(entry.name, lambda name: self.read_beside(prefix, name))
        if found is None:
            return
        where = relative + entry.name
        hidden = (ignores or self.excluded is not None) and self.ignored(where, ignores)
        if hidden and (self.excluding or not self.tracks(where)):
            return
        at = self.document_in(prefix + entry.name, found)
        if at is None:
            return
        line, column, api_version = at
        shape, rename = described(entry.name, found)
        if found.copy_like:
            action = (
                f"name it {rename} so that it is checked, delete it if it is an old copy, "
                "or exclude it in the configuration if it belongs to another tool"
            )
        else:
            action = (
                f"name it {rename}, or, if it belongs to another tool, exclude it in the "
                "configuration"
            )
        message = (
            f"this file holds a resilint document (apiVersion {api_version}), but it is "
            f"{shape}, which resilint does not read in a directory, so nothing in it is "
            f"checked: {action}"
        )
        path = str(Path(prefix + entry.name))
        self.findings.append(core_finding("DOC-05", message, path, line, column))

    def document_in(self, path: str, found: Unread) -> tuple[int, int, str] | None:
        if found.test == "unsuffixed":
            return unsuffixed_document_at(path, self.limits)
        if found.test == "anywhere":  # a hidden YAML file may hold its document anywhere
            hidden_yaml = Path(path).name.startswith(".") and yaml_named(path)
            return document_at(path, self.limits.max_file_bytes if hidden_yaml else MOST_READ)
        return document_on_top(path)

    def read_beside(self, prefix: str, name: str) -> bool:
        """Whether the walk reads a file of this name in the directory ``prefix`` (one a copy
        beside it may copy: named as YAML, visible, no configuration file)."""
        if name.startswith(".") or not yaml_named(name) or name in CONFIG_NAMES:
            return False
        return Path(prefix + name).is_file()

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
            self.ignorecase = ignorecase(self.top or os.curdir)
        return self.ignorecase

    def ignored(self, where: str, ignores: list[_Ignore]) -> bool:
        """``where`` is relative to the walked top, with a trailing / for a directory; the
        deepest .gitignore with a verdict wins, as in git. Sets :attr:`excluding`."""
        self.excluding = False
        if self.excluded is not None:
            decided = self.excluded.verdict(self.base + where)
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

    def git_tracked(self, hidden: str = "") -> Tracked:
        """What git tracks in :attr:`top`; asked first for ``hidden``, a path a .gitignore
        hides (named if git cannot answer)."""
        if self.tracked is None:
            self.tracked = Tracked.of(self.top or os.curdir, hidden)
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


_CONFIGURING = (*CONFIG_NAMES, "pyproject.toml")
"""Names of the files that configure a check of their folder (a pyproject.toml with a
``[tool.resilint]`` table)."""


def _configures(path: str, limits: Limits) -> bool:
    """Whether the pyproject.toml ``path`` (a regular file) holds a ``[tool.resilint]`` table,
    or one close to it (refused when that folder is checked); read as text first, and parsed
    only when it names resilint (a Python package's own holds the tables of other tools)."""
    data = read_regular(path, limits.max_file_bytes, follow=False)
    if isinstance(data, Refusal) or b"resilint" not in data.lower():
        return False
    from resilint.config_search import has_tool_table
    from resilint.errors import ConfigError

    try:
        return has_tool_table(Path(path))
    except ConfigError:  # [tools.resilint] and the like: meant as the folder's configuration
        return True


MOST_HIDDEN = 5000
"""Entries looked at in the hidden directories a walk passes over, in all: a large one (an
unignored cache of another tool) costs no more than this, and is DOC-06 (read when the walk
runs)."""
HIDDEN_BYTES_PER_ENTRY = 65536
"""A YAML file in a hidden folder is read whole (a document may come after thousands of lines
of others): each this many bytes of it count as one more entry of :data:`MOST_HIDDEN`, so the
look reads some 330 MB at most before it stops, saying so (DOC-06)."""


def _unreadable(path: str) -> str | None:
    """Why a regular file cannot be opened for reading; None when it can."""
    try:
        os.close(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)))
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    return None


def _hidden_listing(prefix: str) -> list[os.DirEntry[str]] | str:
    """A directory in a hidden folder, in name order; nothing for a virtual environment
    (installed packages, not the programme's); why, for a directory that cannot be listed."""
    try:
        entries = sorted(os.scandir(prefix), key=lambda entry: entry.name)
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    return [] if any(entry.name == "pyvenv.cfg" for entry in entries) else entries


_NOT_OURS = frozenset(
    {
        ".git", ".hg", ".svn", ".venv", ".tox", ".nox", ".mypy_cache", ".pytest_cache",
        ".ruff_cache", ".resilint_cache", ".cache", ".idea", ".vscode", ".eggs", ".direnv",
        ".terraform", ".ipynb_checkpoints", ".pre-commit-cache", ".npm", ".yarn", ".gradle",
        ".next", ".nuxt", ".serverless", ".bundle", ".cargo", ".m2", ".pnpm-store",
    }
)  # fmt: skip
"""Hidden directories that hold tools' own files, never a programme's: not looked into."""

_NOT_OURS_ANYWHERE = frozenset({"node_modules", "__pycache__", "site-packages"})
"""Directories below a hidden one that hold installed packages: not looked into."""

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


MAX_IGNORE_PATTERNS = 1_000
"""Most .gitignore patterns one run takes, all files together: matching costs each pattern for
every entry, so a .gitignore of a million lines would stall the walk (real ones hold dozens)."""
MAX_PATTERN_CHARS = 1_000


def _too_much(lines: list[str], taken: int) -> str | None:
    """Why a .gitignore is not used, when it would cost too much to match against."""
    longest = max((len(line) for line in lines), default=0)
    if longest > MAX_PATTERN_CHARS:
        return (
            f"a pattern of {longest:,} characters (at most {MAX_PATTERN_CHARS:,}); this "
            ".gitignore is not used, so the files it would exclude are checked"
        )
    if taken + len(lines) > MAX_IGNORE_PATTERNS:
        return (
            f"{len(lines):,} patterns, past the {MAX_IGNORE_PATTERNS:,} resilint takes from all "
            ".gitignore files of a run; this one is not used, so the files it would exclude "
            "are checked"
        )
    return None


def _exclusions(lines: list[str]) -> Patterns | None:
    """The configuration's ``exclude`` patterns; None when there are none."""
    return _patterns(lines) if lines else None


def _patterns(lines: list[str], *, ignorecase: bool = False) -> Patterns:
    """Patterns as git reads them; a line git cannot read (a lone trailing backslash) matches
    nothing, as in git, rather than failing the run."""
    from resilint.wildmatch import Patterns  # only for a run with patterns to match

    return Patterns(lines, ignorecase=ignorecase)


def excluded_by(path: Path, exclude: Iterable[str], root: Path) -> str | None:
    """The configuration's ``exclude`` pattern that leaves out the file ``path`` (or a
    directory above it), relative to the repository ``root``; None when none does, or the
    file is outside ``root``."""
    lines = list(exclude)
    if not lines:
        return None
    file, top = real(path), real(root)
    if not within(file, top):
        return None
    decided = _patterns(lines).covering(Path(os.path.relpath(file, top)).as_posix())
    return None if decided is None else decided.text


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
