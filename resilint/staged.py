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
``rev-parse``, ``ls-files --others``, ``cat-file --batch-check`` and ``--batch``, and for a
commit's change, pre-commit's hook included, ``config --get-regexp``, ``diff-files`` and
``hash-object``), none of which runs a
filter, a diff driver or a hook: the work tree is compared with the index by the plumbing
``diff-files``, which never writes the index (porcelain ``git diff`` refreshes and writes it,
running ``post-index-change``), with every filter driver the configuration defines turned off
(``git diff`` ran a ``.gitattributes`` filter's ``clean`` command on each file it compared);
nothing is read outside the repository, and no YAML is run. The work tree's side (unstaged
changes, index marks) is :mod:`resilint.unstaged`; the commands and their answers,
:mod:`resilint.gitcalls`.
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
from resilint.gitcalls import Entry, answer, entries, git, reap, start
from resilint.limits import Limits
from resilint.load.decode import decode
from resilint.load.positions import LoadError
from resilint.unstaged import Marked, WorkTree, read_by_default, work_tree_as_asked
from resilint.userfiles import work_tree

MOST_COMPARED = 200
"""Changed files compared at most; a larger change is judged as a whole repository."""
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
    holds (changes not staged), as git names them: the files read are not the commit's. Asked
    of every commit's change; in a commit pre-commit has set such changes aside, so any left
    there means PRE_COMMIT was set by another hand, and under ``pre-commit run --all-files``
    they are the work tree the run asks for (:func:`resilint.unstaged.work_tree_as_asked`)."""
    unstaged_unknown: str = ""
    """Why git could not say whether the work tree holds what the commit does, or empty: the
    files read may then not be the commit's (empty where the run reads the work tree as asked,
    ``pre-commit run --all-files``)."""
    unpushed: tuple[str, ...] = ()
    """With a range (``--from-ref A --to-ref B``), the files the run reads whose staged content,
    which the hook reads (pre-commit sets unstaged changes aside), is not what B holds: another
    branch than the one checked out is pushed, or changes are staged and not committed."""
    unpushed_unknown: str = ""
    """Why git could not compare the index with the range's end, or empty."""
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
    # asked under pre-commit too: in a commit it has set unstaged changes aside, so none is
    # left unless PRE_COMMIT was set by another hand; outside one (run --all-files) each is said
    pending = WorkTree(top, limits, read or read_by_default) if refs is None else None
    untracked: frozenset[str] = frozenset()
    marked = Marked(top, limits, read or read_by_default)
    try:
        # git walks the work tree for untracked files while it is asked for the change
        # only .gitignore files hide an untracked file, as in the walk: one that
        # .git/info/exclude or the global excludes file hides is read by the walk, and the
        # commit does not hold it
        listing = start(top, "ls-files", "--others", "--exclude-per-directory=.gitignore", "-z")
        try:
            base = () if refs is None else (_merge_base(top, *refs),)
            raw = git(top, "diff", *_DIFF, *base)
        finally:
            untracked = _untracked(top, answer(listing))
        key = [*base, raw.hex(), *sorted(untracked)]
        change = _change(top, since, key, entries(raw), limits)
    except Uncompared as exc:
        change = Change(since, "", whole=str(exc))
    except (OSError, subprocess.SubprocessError, ValueError, UnicodeError) as exc:
        change = Change(since, "", whole=f"git could not say what changed ({exc})")
        untracked = frozenset()
    finally:
        if listing is not None:
            reap(listing)
    unstaged, unknown = pending.answer() if pending is not None else ((), "")
    if work_tree_as_asked():  # the work tree is what the run reads: not knowing is no matter
        unknown = ""
    unlooked, not_said = marked.answer()
    unpushed, unsaid = ((), "") if refs is None else _unpushed(top, refs[1], read)
    return dataclasses.replace(
        change,
        untracked=untracked,
        unstaged=unstaged,
        unstaged_unknown=unknown or not_said,
        unlooked=unlooked,
        unpushed=unpushed,
        unpushed_unknown=unsaid,
    )


def _unpushed(
    top: Path, end: str, read: Callable[[str], bool] | None
) -> tuple[tuple[str, ...], str]:
    """The files the run reads whose staged content is not what the range's ``end`` holds, as
    git names them, and why git could not say (empty when it could). The hook reads the work
    tree, which holds the index once pre-commit has set unstaged changes aside: a push of a
    branch that is not checked out, or of a commit without the changes staged since, would
    be judged on files it does not hold."""
    reads = read or read_by_default
    if end.startswith("-"):  # never an option of git's
        return (), f"not a git revision: {end!r}"
    try:
        raw = git(top, "diff", *_DIFF, end + "^{commit}", "--")
        listed = entries(raw)
    except (OSError, subprocess.SubprocessError, ValueError, UnicodeError) as exc:
        return (), str(exc)
    named = (e.name for e in listed)
    return tuple(n for n in named if reads(str(top / n)) or reads(os.path.realpath(top / n))), ""


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


def _untracked(top: Path, out: bytes) -> frozenset[str]:
    """The YAML files git does not track and no .gitignore hides (``out``: ``git ls-files
    --others --exclude-per-directory=.gitignore -z``), as real paths: the walk reads those,
    ``.git/info/exclude`` and the global excludes file hiding none of them. A file ``git rm
    --cached`` left is one of them; one added with ``git add -N`` is too while pre-commit runs
    (it takes such entries out of the index meanwhile: the commit does not hold them)."""
    names = out.decode("utf-8", "surrogateescape").split("\0")
    return frozenset(os.path.realpath(top / name) for name in names if yaml_named(name))


class Uncompared(Exception):
    """Why git's answer cannot be compared, though git answered."""


def _change(
    top: Path, since: str, key: Sequence[str], entries: list[Entry], limits: Limits
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


def _whole(entries: list[Entry], yaml: list[Entry]) -> str:
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


def _deleted_whole(top: Path, entries: list[Entry], yaml: list[Entry]) -> str:
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


def _not_text(entries: Sequence[Entry], blobs: Sequence[bytes]) -> str:
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
        return git(top, "merge-base", since, until).decode().strip()
    except subprocess.SubprocessError:
        # a shallow clone (CI's fetch-depth: 1) lacks the history where they met: comparing
        # with the tip of ``since`` would count what changed there as the range's change
        if git(top, "rev-parse", "--is-shallow-repository").strip() == b"true":
            raise Uncompared(
                f"the clone is shallow, so git cannot tell where {until} left {since}: "
                "fetch the history (fetch-depth: 0)"
            ) from None
        return git(top, "rev-parse", "--verify", since + "^{commit}").decode().strip()


def _blobs(top: Path, blobs: Sequence[str], limits: Limits) -> list[bytes] | str:
    """Each blob's content, in one git process; or why none is read: their sizes, asked of
    git first, are past what a file or a run may read (the earlier contents are held in memory
    beside the current ones)."""
    if not blobs:
        return []
    feed = "".join(f"{b}\n" for b in blobs).encode()
    listed = git(top, "cat-file", "--batch-check", feed=feed).split(b"\n")
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
    out = git(top, "cat-file", "--batch", feed=feed)
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
