"""What the hook's change is, as git tells it: the YAML files it changes, with their earlier
content, and the ones it adds.

pre-commit passes the hook only the changed files that still exist, and a check focused on them
reports what concerns them. A change can break a rule whose finding lands in another file (the
Control that met an insurer's condition changed, or cut out of an inventory: the condition fails
in the policy's file). So the hook compares (:mod:`resilint.introduced`): the repository as it
is, and as it was before the change, which is the same files with the changed ones at their
earlier content, the added ones absent and the deleted ones back (a rename is both: deleted at
its old name, added at its new one), where discovery would have checked them
(:func:`resilint.discover.walked_name`, asked by the judge, which knows the configuration). A
change that cannot be compared so is judged as a whole repository (:attr:`Change.whole`): a
file that is or was a link or a submodule (whatever its name: a submodule's YAML is checked, and
its content is not in the diff), a ``.gitignore`` (it changes which files are read), a deletion
with the configuration changed too, a deleted file still in the work tree or below what is now a
link, too many files, earlier contents larger than a file or a run may read (git is asked their
sizes first: they are held in memory beside the current ones) or that are not text, a shallow
clone that lacks the point a range started from, or git not answering. (A change to the
configuration is the judge's to find: it knows which files configure the run.)

Both states are what the commit holds: the YAML files git neither tracks nor ignores
(:attr:`Change.untracked`) are in neither, though they are in the work tree (pre-commit sets
aside unstaged changes to tracked files, not untracked files).

"Before" is the last commit, for a commit; for ``pre-commit run --from-ref A --to-ref B``, the
point where B left A (the range pre-commit takes its files from, ``A...B``), compared with the
files as they are. Git is asked a few fixed commands (``diff --cached --raw``, ``merge-base``,
``rev-parse``, ``ls-files --others``, ``cat-file --batch-check`` and ``--batch``, and outside
pre-commit ``config --get-regexp``, ``diff-files`` and ``hash-object``), none of which runs a
filter, a diff driver or a hook: the work tree is compared with the index by the plumbing
``diff-files``, which never writes the index (porcelain ``git diff`` refreshes and writes it,
running ``post-index-change``), with every filter driver the configuration defines turned off
(``git diff`` ran a ``.gitattributes`` filter's ``clean`` command on each file it compared);
nothing is read outside the repository, and no YAML is run.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from resilint.cache import fingerprint
from resilint.discover import CONFIG_NAMES, yaml_named
from resilint.errors import UsageError
from resilint.limits import Limits
from resilint.load.decode import decode
from resilint.load.positions import LoadError
from resilint.load.read import Refusal, read_regular
from resilint.userfiles import work_tree

MOST_COMPARED = 200
"""Changed files compared at most; a larger change is judged as a whole repository."""
_GIT = ("git", "-c", "core.fsmonitor=false", "-c", "core.quotepath=false")
_GIT_TIMEOUT = 60
"""Seconds a git command may take: one that does not answer is git not answering."""
_LINK, _SUBMODULE = "120000", "160000"
_DIFF = ("--cached", "--raw", "-z", "--no-renames", "--no-abbrev", "--ignore-submodules=none")
"""Every change the commit holds: a submodule's too, whatever ``.gitmodules`` (committed with
the repository: ``ignore = all``) or the user's ``diff.ignoreSubmodules`` tells git to hide."""


@dataclass(frozen=True)
class Change:
    """The change the hook judges. Paths are real paths (links resolved), as the checker's
    files are matched against them."""

    since: str
    """What the change is measured from, for messages: ``this commit`` or ``the changes since
    REF``."""
    key: str
    """The change as git lists it, blobs named: the same key, the same earlier state."""
    earlier: Mapping[str, bytes] = field(default_factory=dict)
    """Each modified YAML file's earlier content."""
    added: frozenset[str] = frozenset()
    """YAML files the change adds."""
    touched: frozenset[str] = frozenset()
    """Every file it changes, YAML or not."""
    whole: str = ""
    """Why the change is judged as a whole repository (every finding counts); empty when it
    can be compared."""
    deleted: Mapping[str, bytes] = field(default_factory=dict)
    """Each deleted YAML file's earlier content, by the path it had (renamed: its old one)."""
    untracked: frozenset[str] = frozenset()
    """YAML files in the work tree that git neither tracks nor ignores: the commit does not hold
    them, so neither state has them (pre-commit sets unstaged changes aside, not these)."""
    unstaged: tuple[str, ...] = ()
    """Tracked YAML and configuration files whose work-tree content is not what the commit
    holds (changes not staged), as git names them, when the hook runs outside pre-commit, which
    sets such changes aside itself: the files read are not the commit's."""
    unstaged_unknown: str = ""
    """Why git could not say whether the work tree holds what the commit does (outside
    pre-commit), or empty: the files read may then not be the commit's."""
    unlooked: tuple[tuple[str, str], ...] = ()
    """Tracked YAML and configuration files that git's index marks assume-unchanged or
    skip-worktree (``git update-index``), each with its mark, whose work-tree content is not
    what the commit holds: git does not look at them, so neither ``diff-files`` nor
    pre-commit, which sets unstaged changes aside, sees their change (under pre-commit too)."""


def read_change(
    root: Path,
    limits: Limits,
    refs: tuple[str, str] | None = None,
    read: Callable[[str], bool] | None = None,
) -> Change | None:
    """The staged change (or, with ``refs``, the range's) of the repository at ``root``.
    Outside a git work tree, None: nothing to compare. When git cannot answer, a change judged
    as a whole, never a change missed. ``read`` says which files (by real path) the run reads,
    whose work tree must be what the commit holds (default: YAML and configuration files)."""
    top = work_tree(root.resolve())
    if top is None:
        return None
    _own_repository(top)
    since = "this commit" if refs is None else f"the changes since {refs[0]}"
    listing = None
    work_tree_asked = refs is None and not os.environ.get("PRE_COMMIT")
    pending = _WorkTree(top, limits, read or _read_by_default) if work_tree_asked else None
    untracked: frozenset[str] = frozenset()
    marked = _Marked(top, limits, read or _read_by_default)
    try:
        # git walks the work tree for untracked files while it is asked for the change
        listing = _start(top, "ls-files", "--others", "--exclude-standard", "-z")
        try:
            base = () if refs is None else (_merge_base(top, *refs),)
            raw = _git(top, "diff", *_DIFF, *base)
        finally:
            untracked = _untracked(top, _answer(listing))
        key = [*base, raw.hex(), *sorted(untracked)]
        change = _change(top, since, key, _entries(raw), limits)
    except Uncompared as exc:
        change = Change(since, "", whole=str(exc))
    except (OSError, subprocess.SubprocessError, ValueError, UnicodeError) as exc:
        change = Change(since, "", whole=f"git could not say what changed ({exc})")
        untracked = frozenset()
    finally:
        if listing is not None:
            _reap(listing)
    unstaged, unknown = pending.answer() if pending is not None else ((), "")
    unlooked, not_said = marked.answer()
    return dataclasses.replace(
        change,
        untracked=untracked,
        unstaged=unstaged,
        unstaged_unknown=unknown or not_said,
        unlooked=unlooked,
    )


def _own_repository(top: Path) -> None:
    """Refuse a ``GIT_DIR`` that names another repository's git directory than the work tree
    ``top``'s: git would answer every question about that repository (its index, its last
    commit), and the hook would judge a change the commit does not hold. git reads a relative
    ``GIT_DIR`` from the directory it started in, as here."""
    asked = os.environ.get("GIT_DIR")
    own = _git_dir(top)
    if not asked or own is None:
        return
    named = Path(os.path.realpath(asked))
    if named != own:
        raise UsageError(
            f"GIT_DIR names the git directory {named}, which is another repository's than that "
            f"of the work tree checked ({top}, whose git directory is {own}): git would "
            "describe that repository's commit, not this one's; unset GIT_DIR, or point it at "
            "this repository's"
        )


def _git_dir(top: Path) -> Path | None:
    """The git directory of the work tree ``top``: its ``.git`` directory, or where a ``.git``
    file (a linked work tree, a submodule) points; None when it cannot be read."""
    dot_git = top / ".git"
    try:
        if dot_git.is_dir():
            return Path(os.path.realpath(dot_git))
        with dot_git.open("rb") as file:
            said = file.read(_MOST_GITFILE + 1)
    except OSError:
        return None
    # as git reads it: "gitdir: " and the path to the end, less the line breaks that end it
    # (a path may hold a line break of its own: a repository under such a directory)
    if not said.startswith(b"gitdir: ") or len(said) > _MOST_GITFILE:
        return None
    return Path(os.path.realpath(top / os.fsdecode(said[8:].rstrip(b"\r\n"))))


_MOST_GITFILE = 65536
"""Bytes of a ``.git`` file read at most: a path, never a gigabyte left in an archive."""


class _WorkTree:
    """Outside pre-commit (which sets unstaged changes aside before its hooks run, and sets
    PRE_COMMIT), a file changed after it was staged is read as it is, not as the commit holds
    it (under ``git commit -a`` git points GIT_INDEX_FILE at the commit's index): git is asked
    which tracked files differ, while it is asked for the change."""

    def __init__(self, top: Path, limits: Limits, read: Callable[[str], bool]) -> None:
        self.top, self.limits, self.read = top, limits, read
        self.quiet: tuple[str, ...] = ()
        self.process: subprocess.Popen[bytes] | None = None
        self.failed = ""
        try:
            self.quiet = _filters_off(top)
            self.process = _start(top, *self.quiet, "diff-files", *_WORK_TREE)
        except (OSError, subprocess.SubprocessError) as exc:
            self.failed = str(exc)

    def answer(self) -> tuple[tuple[str, ...], str]:
        """The files changed since staged, and why git could not say (empty when it could)."""
        if self.process is None:
            return (), self.failed
        try:
            entries = _entries(_answer(self.process))
            named = [e for e in entries if any(map(self.read, _both(self.top / e.name)))]
            return _unstaged(self.top, named, self.quiet, self.limits), ""
        except (OSError, subprocess.SubprocessError, ValueError, UnicodeError) as exc:
            return (), str(exc)
        finally:
            _reap(self.process)


class _Marked:
    """Files git does not look at: an index entry marked assume-unchanged (``git update-index
    --assume-unchanged``, often set on a configuration kept changed locally) or skip-worktree
    is taken as unchanged by ``diff-files``, ``git diff`` and ``git stash``, so a change to it
    is neither refused outside pre-commit nor set aside by pre-commit: the hook would read a
    configuration or document the commit does not hold. git lists the index with each entry's
    mark, while it is asked for the change; the marked files the run reads that are in the
    work tree are compared with their staged blobs (a sparse checkout's absent files are
    FILE-06's)."""

    def __init__(self, top: Path, limits: Limits, read: Callable[[str], bool]) -> None:
        self.top, self.limits, self.read = top, limits, read
        self.process: subprocess.Popen[bytes] | None = None
        self.failed = ""
        try:
            self.process = _start(top, "ls-files", "-v", "--stage", "-z")
        except (OSError, subprocess.SubprocessError) as exc:
            self.failed = str(exc)

    def answer(self) -> tuple[tuple[tuple[str, str], ...], str]:
        """The marked files changed since staged, each with its mark, and why git could not
        say (empty when it could)."""
        if self.process is None:
            return (), self.failed
        try:
            marked = _marked(_answer(self.process))
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
            _reap(self.process)


def _marked(out: bytes) -> list[tuple[_Entry, str]]:
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
            found.append((_Entry(mode, mode, blob, "M", name), mark))
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
        [*_GIT, "config", "-z", "--get-regexp", r"^filter\."],
        cwd=top,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=_GIT_TIMEOUT,
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


def _read_by_default(path: str) -> bool:
    return yaml_named(path) or Path(path).name in CONFIG_NAMES


def _unstaged(
    top: Path, entries: list[_Entry], quiet: Sequence[str], limits: Limits
) -> tuple[str, ...]:
    """The files among ``entries`` (``git diff-files``, those the run reads) whose work-tree
    content is not what the index holds, as git names them, relative to the work tree.
    ``diff-files`` lists a file whose stat alone changed (touched, or rewritten the same); its
    content is hashed as ``git add`` would store it (filters off: ``quiet``) and compared."""
    same = _unchanged(top, [e for e in entries if e.status == "M"], quiet, limits)
    return tuple(e.name for e in entries if e.name not in same)


def _unchanged(
    top: Path, entries: Sequence[_Entry], quiet: Sequence[str], limits: Limits
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
        hashes = _git(top, *quiet, "hash-object", "--stdin-paths", feed=feed).split()
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
    return _git(top, *quiet, "hash-object", "--stdin", path, feed=data).decode().strip()


def _size_at_most(path: Path, most: int) -> bool:
    try:
        return path.lstat().st_size <= most
    except OSError:
        return False


def _untracked(top: Path, out: bytes) -> frozenset[str]:
    """The YAML files git neither tracks nor ignores (``out``: ``git ls-files --others
    --exclude-standard -z``), as real paths. A file ``git rm --cached`` left is one of them;
    one added with ``git add -N`` is too while pre-commit runs (it takes such entries out of
    the index meanwhile: the commit does not hold them)."""
    names = out.decode("utf-8", "surrogateescape").split("\0")
    return frozenset(os.path.realpath(top / name) for name in names if yaml_named(name))


class Uncompared(Exception):
    """Why git's answer cannot be compared, though git answered."""


@dataclass(frozen=True)
class _Entry:
    """One line of ``git diff --raw``: the modes, the earlier blob, the status and the path."""

    old_mode: str
    new_mode: str
    old_blob: str
    status: str
    name: str


def _entries(raw: bytes) -> list[_Entry]:
    """``git diff --raw -z``: ``:old-mode new-mode old-blob new-blob status\\0path\\0``."""
    fields = raw.decode("utf-8", "surrogateescape").split("\0")
    if fields[-1] != "" or len(fields) % 2 != 1:
        raise ValueError("git's list of changes is cut short")
    entries = []
    for header, name in zip(fields[0:-1:2], fields[1::2], strict=True):
        old_mode, new_mode, old_blob, _, status = header.lstrip(":").split(" ")
        entries.append(_Entry(old_mode, new_mode, old_blob, status[:1], name))
    return entries


def _change(
    top: Path, since: str, key: Sequence[str], entries: list[_Entry], limits: Limits
) -> Change:
    def real(name: str) -> str:
        return os.path.realpath(top / name)

    yaml = [e for e in entries if yaml_named(e.name)]
    touched = frozenset(real(e.name) for e in entries)
    whole = _whole(entries, yaml) or _deleted_whole(top, entries, yaml)
    if whole:
        return Change(since, fingerprint(key), touched=touched, whole=whole)
    modified = [e for e in yaml if e.status not in ("A", "D")]
    deleted = [e for e in yaml if e.status == "D"]
    blobs = _blobs(top, [e.old_blob for e in (*modified, *deleted)], limits)
    whole = blobs if isinstance(blobs, str) else _not_text([*modified, *deleted], blobs)
    if whole or isinstance(blobs, str):
        return Change(since, fingerprint(key), touched=touched, whole=whole)
    return Change(
        since,
        fingerprint(key),
        {real(e.name): data for e, data in zip(modified, blobs[: len(modified)], strict=True)},
        frozenset(real(e.name) for e in yaml if e.status == "A"),
        touched,
        deleted={
            real(e.name): data for e, data in zip(deleted, blobs[len(modified) :], strict=True)
        },
    )


_CONFIGURATION = frozenset((*CONFIG_NAMES, "pyproject.toml"))


def _whole(entries: list[_Entry], yaml: list[_Entry]) -> str:
    """Why a change cannot be compared file by file, or empty."""
    for e in entries:  # whatever its name: a submodule's or a link's content is not in the diff
        # (a deleted link's earlier state was its target's content, checked at its name or
        # not, which git's blob, the target's path, does not say; a link to a directory
        # changes which files sit where)
        if _SUBMODULE in (e.old_mode, e.new_mode):
            return f"{e.name} is or was a submodule"
        if _LINK in (e.old_mode, e.new_mode):
            return f"{e.name} is or was a link"
    if any(e.status not in ("A", "M", "T", "D") for e in yaml):
        return "git lists a change it does not name as added or modified"
    if any(Path(e.name).name == ".gitignore" for e in entries):
        return "a .gitignore changes which files are read"
    gone = [e.name for e in entries if e.status == "D" and Path(e.name).name in _CONFIGURATION]
    if gone:  # pre-commit passes no deleted file: what it configured no longer holds anywhere
        return f"the configuration file {gone[0]} is deleted"
    if sum(e.status != "A" for e in yaml) > MOST_COMPARED:
        return f"more than {MOST_COMPARED} files are changed"
    return ""


def _deleted_whole(top: Path, entries: list[_Entry], yaml: list[_Entry]) -> str:
    """Why the deleted YAML files cannot be put back where they were, or empty. ``top`` is a
    real path: a deleted file's path below it is real unless a directory on the way is now a
    link."""
    deleted = [e.name for e in yaml if e.status == "D"]
    if not deleted:
        return ""
    for name in deleted:
        path = str(top / name)
        if os.path.realpath(path) != os.path.normpath(path):
            return f"the deleted file {name} was in a directory that is now a link"
        if os.path.lexists(path):  # untracked yet kept (git rm --cached), or another case of it
            return f"the deleted file {name} is still in the work tree"
    # which of them discovery checked is asked of the configuration as it is now, the same
    # as it was only when no configuration file changes
    changed = [e.name for e in entries if Path(e.name).name in _CONFIGURATION]
    if changed:
        return f"a YAML file is deleted and the configuration file {changed[0]} changes"
    return ""


def _not_text(entries: Sequence[_Entry], blobs: Sequence[bytes]) -> str:
    """Why an earlier content cannot be read as the file was, or empty: the earlier state is
    then unknown, and a finding that was there before cannot be told from a new one."""
    for entry, data in zip(entries, blobs, strict=True):
        try:
            decode(data)
        except LoadError as exc:
            return (
                f"the earlier content of {entry.name} is not text ({exc.message}, line "
                f"{exc.line}), so what the commit changed there cannot be compared"
            )
    return ""


def _merge_base(top: Path, since: str, until: str) -> str:
    """Where ``until`` left ``since``, as ``pre-commit run --from-ref --to-ref`` takes its
    files (``since...until``); ``since`` itself when they share no history."""
    for ref in (since, until):
        if ref.startswith("-"):
            raise ValueError(f"not a git revision: {ref!r}")
    try:
        return _git(top, "merge-base", since, until).decode().strip()
    except subprocess.SubprocessError:
        # a shallow clone (CI's fetch-depth: 1) lacks the history where they met: comparing
        # with the tip of ``since`` would count what changed there as the range's change
        if _git(top, "rev-parse", "--is-shallow-repository").strip() == b"true":
            raise Uncompared(
                f"the clone is shallow, so git cannot tell where {until} left {since}: "
                "fetch the history (fetch-depth: 0)"
            ) from None
        return _git(top, "rev-parse", "--verify", since + "^{commit}").decode().strip()


def _blobs(top: Path, blobs: Sequence[str], limits: Limits) -> list[bytes] | str:
    """Each blob's content, in one git process; or why none is read: their sizes, asked of
    git first, are past what a file or a run may read (the earlier contents are held in memory
    beside the current ones)."""
    if not blobs:
        return []
    feed = "".join(f"{b}\n" for b in blobs).encode()
    listed = _git(top, "cat-file", "--batch-check", feed=feed).split(b"\n")
    if len(listed) != len(blobs) + 1:
        raise ValueError("git's list of blob sizes is cut short")
    sizes = [_size(line, blob) for line, blob in zip(listed, blobs, strict=False)]
    if max(sizes) > limits.max_file_bytes:
        return (
            "an earlier content is larger than a file may be "
            f"(limits.max_file_bytes: {limits.max_file_bytes:,} bytes)"
        )
    if sum(sizes) > limits.max_total_bytes:
        return (
            f"the earlier contents of the changed files ({sum(sizes):,} bytes) are more than a "
            f"run may read (limits.max_total_bytes: {limits.max_total_bytes:,})"
        )
    out = _git(top, "cat-file", "--batch", feed=feed)
    found = []
    at = 0
    for blob, size in zip(blobs, sizes, strict=True):
        end = out.index(b"\n", at)
        if _size(out[at:end], blob) != size:
            raise ValueError(f"git read blob {blob} at another size")
        found.append(out[end + 1 : end + 1 + size])
        at = end + 1 + size + 1
    return found


def _size(header: bytes, blob: str) -> int:
    """The size in a ``cat-file`` header line, ``name blob size``."""
    fields = header.split()
    if len(fields) != 3 or fields[0].decode() != blob or fields[1] != b"blob":
        raise ValueError(f"git could not read blob {blob}")
    return int(fields[2])


def _start(top: Path, *args: str) -> subprocess.Popen[bytes]:
    """A fixed git command on the repository's own paths, started; :func:`_answer` reads it."""
    return subprocess.Popen(
        [*_GIT, *args],
        cwd=top,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _answer(process: subprocess.Popen[bytes]) -> bytes:
    """What a started git command wrote, once it ended well (as :func:`_git`)."""
    out, err = process.communicate(timeout=_GIT_TIMEOUT)
    if process.returncode != 0:
        raise subprocess.SubprocessError(err.decode("utf-8", "replace").strip())
    return out


def _reap(process: subprocess.Popen[bytes]) -> None:
    """A started git command's end: stopped, and waited for, if its answer was not read."""
    if process.returncode is None:
        process.kill()
        process.communicate()


def _git(top: Path, *args: str, feed: bytes | None = None) -> bytes:
    done = subprocess.run(  # a fixed git command, on the repository's own paths
        [*_GIT, *args],
        cwd=top,
        input=feed if feed is not None else b"",
        capture_output=True,
        timeout=_GIT_TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        raise subprocess.SubprocessError(done.stderr.decode("utf-8", "replace").strip())
    return done.stdout
