"""Whether the work tree holds what the commit does, for the files a run reads: a file changed
after it was staged (``git diff-files``, its content hashed as ``git add`` would store it, every
filter driver turned off), asked of every run the staged change is judged for, pre-commit's
included (in a commit pre-commit has set unstaged changes aside, so one still there means
PRE_COMMIT was set by another hand; ``pre-commit run --all-files`` reads the work tree as
asked, and the files that differ are named), and the files git's index marks assume-unchanged
or skip-worktree, which no git command looks at. Asked while :mod:`resilint.staged` asks git
for the change."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

from resilint.discover import CONFIG_NAMES, yaml_named
from resilint.gitcalls import GIT, GIT_TIMEOUT, Entry, answer, entries, git, reap, start
from resilint.limits import Limits
from resilint.load.read import Refusal, read_regular


def work_tree_as_asked() -> bool:
    """Whether the hook reads the work tree as its run asks: pre-commit's own ``pre-commit run
    --all-files`` (or ``--files``), which says PRE_COMMIT and sets nothing aside, outside a
    commit. In a commit, whose hooks git gives GIT_INDEX_FILE, pre-commit has set unstaged
    changes aside before its hooks run: a file still changed since staged there means
    PRE_COMMIT was set by another hand (a plain git hook, another hook manager, an exported
    variable), and the commit would hold files the hook did not read: refused, as it is where
    PRE_COMMIT is not set."""
    return bool(os.environ.get("PRE_COMMIT")) and not os.environ.get("GIT_INDEX_FILE")


class WorkTree:
    """A file changed after it was staged is read as it is, not as the commit holds it (under
    ``git commit -a`` git points GIT_INDEX_FILE at the commit's index): git is asked which
    tracked files differ, while it is asked for the change, by every run that judges the staged
    change. In a commit pre-commit has set such changes aside before its hooks run, so none is
    left unless PRE_COMMIT was set by another hand (:func:`work_tree_as_asked`)."""

    def __init__(self, top: Path, limits: Limits, read: Callable[[str], bool]) -> None:
        self.top, self.limits, self.read = top, limits, read
        self.quiet: tuple[str, ...] = ()
        self.process: subprocess.Popen[bytes] | None = None
        self.failed = ""
        try:
            self.quiet = _filters_off(top)
            self.process = start(top, *self.quiet, "diff-files", *_WORK_TREE)
        except (OSError, subprocess.SubprocessError) as exc:
            self.failed = str(exc)

    def answer(self) -> tuple[tuple[str, ...], str]:
        """The files changed since staged, and why git could not say (empty when it could)."""
        if self.process is None:
            return (), self.failed
        try:
            listed = entries(answer(self.process))
            named = [e for e in listed if any(map(self.read, _both(self.top / e.name)))]
            return _unstaged(self.top, named, self.quiet, self.limits), ""
        except (OSError, subprocess.SubprocessError, ValueError, UnicodeError) as exc:
            return (), str(exc)
        finally:
            reap(self.process)


class Marked:
    """Files git does not look at: an index entry marked assume-unchanged (``git update-index
    --assume-unchanged``, often set on a configuration kept changed locally) or skip-worktree
    is taken as unchanged by ``diff-files``, ``git diff`` and ``git stash``, so a change to it
    is neither found by :class:`WorkTree` nor set aside by pre-commit: the hook would read a
    configuration or document the commit does not hold. git lists the index with each entry's
    mark, while it is asked for the change; the marked files the run reads that are in the
    work tree are compared with their staged blobs (a sparse checkout's absent files are
    FILE-06's)."""

    def __init__(self, top: Path, limits: Limits, read: Callable[[str], bool]) -> None:
        self.top, self.limits, self.read = top, limits, read
        self.process: subprocess.Popen[bytes] | None = None
        self.failed = ""
        try:
            self.process = start(top, "ls-files", "-v", "--stage", "-z")
        except (OSError, subprocess.SubprocessError) as exc:
            self.failed = str(exc)

    def answer(self) -> tuple[tuple[tuple[str, str], ...], str]:
        """The marked files changed since staged, each with its mark, and why git could not
        say (empty when it could)."""
        if self.process is None:
            return (), self.failed
        try:
            marked = _marked(answer(self.process))
            read = [
                (e, mark)
                for e, mark in marked
                if any(map(self.read, _both(self.top / e.name)))
                and os.path.lexists(self.top / e.name)
            ]
            if not read:
                return (), ""
            quiet = _filters_off(self.top)
            changed = set(_unstaged(self.top, [e for e, _ in read], quiet, self.limits))
            return tuple((e.name, mark) for e, mark in read if e.name in changed), ""
        except (OSError, subprocess.SubprocessError, ValueError, UnicodeError) as exc:
            return (), str(exc)
        finally:
            reap(self.process)


def _marked(out: bytes) -> list[tuple[Entry, str]]:
    """The entries of ``git ls-files -v --stage -z`` (``tag mode blob stage\tpath``) marked
    assume-unchanged (a lower-case tag) or skip-worktree (``S``), as if modified, each with
    its mark."""
    found = []
    for line in out.decode("utf-8", "surrogateescape").split("\0"):
        if not line or line[0] == "H":  # the usual entry, looked at
            continue
        head, tab, name = line.partition("\t")
        fields = head.split(" ")
        if not tab or len(fields) != 4:
            raise ValueError("git's list of the index is cut short")
        tag, mode, blob, _ = fields
        if tag.islower() or tag == "S":
            mark = "assume-unchanged" if tag.islower() else "skip-worktree"
            found.append((Entry(mode, mode, blob, "M", name), mark))
    return found


def _both(path: Path) -> tuple[str, str]:
    """A file as named and where it leads: a link named like YAML is read as YAML (a change
    to where it points is a change to what is read), and a file is the configuration or the
    baseline wherever the path to it passes."""
    return str(path), os.path.realpath(path)


def _filters_off(top: Path) -> tuple[str, ...]:
    """``-c`` options that turn off every filter driver the git configuration defines (its
    ``clean`` and ``process`` commands, and ``required``): a ``.gitattributes`` line such as
    ``*.yaml filter=x`` would otherwise have git run ``filter.x.clean`` on the files resilint
    asks about. A driver name git cannot be given on its command line (it holds ``=``) fails
    the question: the work tree is then not known to be what the commit holds."""
    found = subprocess.run(  # a fixed git command; status 1: no filter is configured
        [*GIT, "config", "-z", "--get-regexp", r"^filter\."],
        cwd=top,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=GIT_TIMEOUT,
        check=False,
    )
    if found.returncode not in (0, 1):
        raise subprocess.SubprocessError(found.stderr.decode("utf-8", "replace").strip())
    keys = (
        item.split("\n", 1)[0]
        for item in found.stdout.decode("utf-8", "surrogateescape").split("\0")
    )
    drivers = sorted({key[len("filter.") :].rpartition(".")[0] for key in keys if key})
    if any("=" in driver for driver in drivers):
        raise subprocess.SubprocessError(
            "a filter driver's name holds '=', so it cannot be turned off"
        )
    return tuple(
        option
        for driver in drivers
        for setting in ("clean=", "process=", "required=false")
        for option in ("-c", f"filter.{driver}.{setting}")
    )


_WORK_TREE = ("--raw", "-z", "--no-abbrev", "--ignore-submodules=all")
"""``diff-files``: the tracked files whose work tree is not what the index holds, as far as
their stat tells (a file touched but not changed is listed: :func:`_unstaged` compares it)."""


def read_by_default(path: str) -> bool:
    return yaml_named(path) or Path(path).name in CONFIG_NAMES


def _unstaged(
    top: Path, entries: list[Entry], quiet: Sequence[str], limits: Limits
) -> tuple[str, ...]:
    """The files among ``entries`` (``git diff-files``, those the run reads) whose work-tree
    content is not what the index holds, as git names them, relative to the work tree.
    ``diff-files`` lists a file whose stat alone changed (touched, or rewritten the same); its
    content is hashed as ``git add`` would store it (filters off: ``quiet``) and compared."""
    same = _unchanged(top, [e for e in entries if e.status == "M"], quiet, limits)
    return tuple(e.name for e in entries if e.name not in same)


def _unchanged(
    top: Path, entries: Sequence[Entry], quiet: Sequence[str], limits: Limits
) -> frozenset[str]:
    """The names among ``entries`` whose work-tree file, hashed by git as the index would hold
    it, is the index's blob; a file past the size a file may have counts as changed. git reads
    the paths one a line, unquoting one that starts with a double quote: a name it would
    misread (a line break in it, a leading quote) is hashed alone, from its content."""
    sized = [e for e in entries if _size_at_most(top / e.name, limits.max_file_bytes)]
    plain = [e for e in sized if not _misread(e.name)]
    found = set()
    if plain:
        feed = "".join(f"{e.name}\n" for e in plain).encode("utf-8", "surrogateescape")
        hashes = git(top, *quiet, "hash-object", "--stdin-paths", feed=feed).split()
        if len(hashes) != len(plain):
            raise ValueError("git's list of hashes is cut short")
        found |= {
            e.name for e, got in zip(plain, hashes, strict=True) if got.decode() == e.old_blob
        }
    for e in sized:
        if _misread(e.name) and _hashed_alone(top, e.name, quiet, limits) == e.old_blob:
            found.add(e.name)
    return frozenset(found)


def _misread(name: str) -> bool:
    return name.startswith('"') or any(c in name for c in "\n\r")


def _hashed_alone(top: Path, name: str, quiet: Sequence[str], limits: Limits) -> str:
    """The blob git would store for the file ``name``, its content read here (a regular file
    only, never through a link) and given to git with the name for its attributes."""
    data = read_regular(top / name, limits.max_file_bytes, follow=False)
    if isinstance(data, Refusal):
        return ""
    path = f"--path={name}"
    return git(top, *quiet, "hash-object", "--stdin", path, feed=data).decode().strip()


def _size_at_most(path: Path, most: int) -> bool:
    try:
        return path.lstat().st_size <= most
    except OSError:
        return False
