"""What git says of the work tree a walk is in: which files it tracks (a .gitignore never hides
one), which a sparse checkout leaves out of it, and whether it folds case (``core.ignorecase``).

Each is asked of git only when the answer matters (a .gitignore hides something, a sparse
checkout), with ``subprocess`` imported then; inside a git work tree, git not answering stops
the run (status 2) rather than be taken for "nothing is committed" or "nothing is left out".
"""

from __future__ import annotations

import bisect
import os
from dataclasses import dataclass
from pathlib import Path

from resilint.errors import UsageError
from resilint.load.read import Refusal, lexical, read_regular

_GIT = ("git", "-c", "core.fsmonitor=false")
"""git with no hook of the user's run (fsmonitor): a fixed command, in the directory walked."""


_MOST_GITFILE = 4096
"""Bytes of a ``.git`` file (``gitdir: <path>``) read at most; a longer one is no git's."""


def sparse(directory: Path) -> bool:
    """Whether the work tree ``directory`` is in is a sparse checkout, by the file git keeps
    its patterns in (a stat or two: most checks are of no sparse checkout). The file may stay
    after ``git sparse-checkout disable``; git then leaves no tracked file out, and
    :func:`skipped` finds none."""
    from resilint.userfiles import work_tree

    tree = work_tree(directory.resolve())
    if tree is None:
        return False
    dot = tree / ".git"
    git_dir = dot
    if dot.is_file():  # a linked worktree or a submodule: "gitdir: <path>"
        # git reads a line of it; one that is not a path (a gigabyte left in an unpacked
        # archive) is no git directory, and is not read whole
        said = read_regular(dot, _MOST_GITFILE)
        if isinstance(said, Refusal) or not said.startswith(b"gitdir:"):
            return False
        git_dir = tree / os.fsdecode(said[len(b"gitdir:") :].strip())
    return (git_dir / "info" / "sparse-checkout").is_file()


def left_out_of_checkout(tree: Path) -> frozenset[str]:
    """The files git tracks in the work tree ``tree`` that a sparse checkout leaves out of it,
    relative to it with ``/`` between names; none outside a sparse checkout (asked of git only
    in one)."""
    if not sparse(tree):
        return frozenset()
    return frozenset(skipped(str(tree)))


def skipped(directory: str) -> list[str]:
    """The files git tracks below ``directory`` but leaves out of the work tree (``git ls-files
    -t``: skip-worktree, ``S``), relative to it with ``/`` between names. git not answering is
    an error: a sparse checkout whose missing files cannot be listed cannot be checked."""
    import subprocess  # only in a sparse checkout

    try:
        done = subprocess.run(  # a fixed git command, in the directory being walked
            [*_GIT, "ls-files", "-t", "-z"], cwd=directory, capture_output=True, timeout=60
        )
        said = done.stderr.decode("utf-8", "replace") if done.returncode else ""
    except (OSError, subprocess.SubprocessError) as exc:
        said = str(exc) or type(exc).__name__
    if said:
        from resilint.reporters.base import printable

        raise UsageError(
            f"{printable(directory)}: this is a sparse checkout, and git could not list the "
            f"files it leaves out ({printable(said.strip())}), so resilint cannot tell what the "
            "run is missing"
        )
    entries = (os.fsdecode(entry) for entry in done.stdout.split(b"\0") if entry)
    return sorted(entry[2:] for entry in entries if entry.startswith("S "))


@dataclass(frozen=True)
class Tracked:
    """The files git tracks in a directory, relative to it, and the directories above them."""

    files: frozenset[str]
    directories: frozenset[str]
    """Each ending in ``/``."""
    ordered: tuple[str, ...]

    @staticmethod
    def of(directory: str, hidden: str) -> Tracked:
        """What ``git ls-files`` lists. Outside a git work tree, nothing: no index says what is
        committed, and every .gitignore is taken as written. Inside one, git not answering is
        an error (:func:`_git_failed`), never taken for "nothing is committed"."""
        import subprocess  # only for a walk where a .gitignore hides something

        try:
            done = subprocess.run(  # a fixed git command, in the directory being walked
                [*_GIT, "ls-files", "-z"], cwd=directory, capture_output=True, timeout=60
            )
        except subprocess.TimeoutExpired:
            return _git_failed(directory, hidden, "git did not answer within 60 seconds")
        except FileNotFoundError:
            return _git_failed(directory, hidden, "git is not installed (or not on PATH)")
        except (OSError, subprocess.SubprocessError) as exc:
            return _git_failed(directory, hidden, f"git could not be run: {exc}")
        if done.returncode != 0:
            return _git_failed(directory, hidden, done.stderr.decode("utf-8", "replace"))
        names = sorted(os.fsdecode(name) for name in done.stdout.split(b"\0") if name)
        return Tracked(frozenset(names), _directories_of(names), tuple(names))

    def below(self, directory: str) -> list[str]:
        start = bisect.bisect_left(self.ordered, directory)
        end = bisect.bisect_left(self.ordered, directory[:-1] + chr(ord("/") + 1))
        return list(self.ordered[start:end])


def _git_failed(directory: str, hidden: str, said: str) -> Tracked:
    """Nothing tracked outside a git work tree (git has no index to ask there); inside one, an
    error with git's reason and the fix.

    A work tree is known by its ``.git`` (or by ``GIT_DIR``), not by what git says: git refuses
    a checkout owned by another user ("dubious ownership", as in container CI jobs), may be
    missing or may time out, and taking any of these for "nothing is committed" lets a
    .gitignore hide committed documents again, a green run that checked less than the
    repository. Checking every file the .gitignore hides instead would judge files nobody
    commits (generated or vendored YAML) and fail for them. So the run stops with status 2,
    and only when a .gitignore hides something, the one case where the answer matters.
    """
    from resilint.reporters.base import printable
    from resilint.userfiles import work_tree

    place = lexical(directory)
    tree = work_tree(Path(place))
    if tree is None and not os.environ.get("GIT_DIR"):
        return Tracked(frozenset(), frozenset(), ())
    lines = [line.strip() for line in said.splitlines() if line.strip()]
    reason = next((line for line in lines if line.startswith("fatal:")), lines[0] if lines else "")
    raise UsageError(
        f"{printable(hidden)}: a .gitignore hides it, and git could not list the committed files "
        f"({printable(reason or 'no reason given')}), so resilint cannot tell whether it is "
        "committed (a .gitignore never hides a committed file); "
        + printable(_git_fix(said, str(tree or place)))
    )


def _git_fix(said: str, top: str) -> str:
    import shlex

    if "safe.directory" in said or "dubious ownership" in said:
        return (
            "if the checkout belongs to another user (as in container CI jobs), run: "
            f"git config --global --add safe.directory {shlex.quote(top)}"
        )
    return f"make git ls-files work in {shlex.quote(top)}"


def _directories_of(names: list[str]) -> frozenset[str]:
    """Every directory above the files ``names`` (as ``a/``, ``a/b/``)."""
    directories: set[str] = set()
    for name in names:
        at = name.rfind("/")
        while at > 0 and name[: at + 1] not in directories:
            directories.add(name[: at + 1])
            at = name.rfind("/", 0, at)
    return frozenset(directories)


def ignorecase(directory: str) -> bool:
    """git's ``core.ignorecase`` for ``directory``, asked of git itself (repository, global and
    system configuration, includes; set by ``git init`` on macOS and Windows). False when it
    is not set, as in git, and when git cannot be asked (missing, or refusing the repository:
    then git cannot list the committed files either, and :func:`_git_failed` stops a run that
    a .gitignore would narrow). Only a .gitignore follows it: ``exclude`` and
    ``per_file_ignores`` are resilint's own, and match with case everywhere."""
    import subprocess  # only for a walk with a .gitignore

    try:
        done = subprocess.run(  # a fixed git command, in the directory being walked
            [*_GIT, "config", "--bool", "--get", "core.ignorecase"],
            cwd=directory,
            capture_output=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0 and done.stdout.strip() == b"true"
