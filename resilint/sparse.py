"""Sparse checkouts: the files git tracks that a sparse checkout leaves out of the work tree,
asked of git only when the work tree is one (:func:`left_out_of_checkout`). The walk reports
them (FILE-06); a configuration found in one says so."""

from __future__ import annotations

import os
from pathlib import Path

from resilint.errors import UsageError
from resilint.ignores import _GIT
from resilint.load.read import Refusal, read_regular

_MOST_GITFILE = 4096
"""Bytes of a ``.git`` file (``gitdir: <path>``) read at most; a longer one is no git's."""


def _sparse(directory: Path) -> bool:
    """Whether the work tree ``directory`` is in is a sparse checkout, by the file git keeps
    its patterns in (a stat or two: most checks are of no sparse checkout). The file may stay
    after ``git sparse-checkout disable``; git then leaves no tracked file out, and
    :func:`_skipped` finds none."""
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
    if not _sparse(tree):
        return frozenset()
    return frozenset(_skipped(str(tree)))


def _skipped(directory: str) -> list[str]:
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
