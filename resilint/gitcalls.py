"""The git commands the hook asks, and how: fixed plumbing commands on the repository's own
paths, core.fsmonitor off (no hook of the user's runs) and names unquoted, each answering
within :data:`GIT_TIMEOUT`; and git's ``--raw`` list of changes read into entries. For
:mod:`resilint.staged` (the change a commit holds) and :mod:`resilint.unstaged` (whether the
work tree holds it).

The hook's questions about a staged change do not depend on anything resilint loads first, so
the pre-commit command asks them as soon as it starts (:func:`ask_early`): git answers on the
other core while resilint's modules load and its configuration is read, and whoever asks the
same question of the same work tree later is handed the process already running
(:func:`start`). One nobody asks for is stopped when the run ends."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

GIT = ("git", "-c", "core.fsmonitor=false", "-c", "core.quotepath=false")
GIT_TIMEOUT = 60
"""Seconds a git command may take: one that does not answer is git not answering."""


@dataclass(frozen=True)
class Entry:
    """One line of ``git diff --raw``: the modes, the earlier blob, the status and the path."""

    old_mode: str
    new_mode: str
    old_blob: str
    status: str
    name: str


def entries(raw: bytes) -> list[Entry]:
    """``git diff --raw -z``: ``:old-mode new-mode old-blob new-blob status\\0path\\0``."""
    fields = raw.decode("utf-8", "surrogateescape").split("\0")
    if fields[-1] != "" or len(fields) % 2 != 1:
        raise ValueError("git's list of changes is cut short")
    found = []
    for header, name in zip(fields[0:-1:2], fields[1::2], strict=True):
        old_mode, new_mode, old_blob, _, status = header.lstrip(":").split(" ")
        found.append(Entry(old_mode, new_mode, old_blob, status[:1], name))
    return found


def in_tree(top: Path, *args: str) -> list[str]:
    """A git command run as if started in the work tree ``top`` (``git -C``): the same as
    starting it there, but a process need not change its directory to start it, so Python
    starts it without copying itself first (``vfork``), which starting it elsewhere takes:
    a millisecond a command in a one-file check, more in a large repository's run."""
    return [*GIT, "-C", str(top), *args]


MARKS = ("ls-files", "-v", "--stage", "-z")
"""The index with each entry's mark (assume-unchanged, skip-worktree): :mod:`.unstaged`."""
UNTRACKED = ("ls-files", "--others", "--exclude-standard", "-z")
"""The files git neither tracks nor ignores: :mod:`.staged`."""
STAGED = (
    "diff",
    "--cached",
    "--raw",
    "-z",
    "--no-renames",
    "--no-abbrev",
    "--ignore-submodules=none",
)
"""Every change the commit holds (with a commit to compare with: a range's): a submodule's too,
whatever ``.gitmodules`` (committed with the repository: ``ignore = all``) or the user's
``diff.ignoreSubmodules`` tells git to hide."""

_EARLY: dict[tuple[Path, tuple[str, ...]], subprocess.Popen[bytes]] = {}
"""The questions asked early (:func:`ask_early`), by work tree and command, not yet taken."""


def ask_early(directory: Path) -> None:
    """Ask git now what the hook will ask about a staged change in the work tree ``directory``
    is in (the index's marks, the untracked files and, unless pre-commit names a range of
    commits, the staged change), for :func:`start` to hand over later. Nothing is asked where
    ``GIT_DIR`` names a git directory (the hook checks first that it is the work tree's own),
    outside a work tree, or where git cannot be started (the hook then asks, and says so)."""
    from resilint.userfiles import work_tree  # loaded by then: the configuration uses it

    if os.environ.get("GIT_DIR"):
        return
    top = work_tree(directory.resolve())
    if top is None:
        return
    ranged = any(
        os.environ.get(name)
        for name in ("PRE_COMMIT_FROM_REF", "PRE_COMMIT_TO_REF", "PRE_COMMIT_ORIGIN")
    )
    for args in (MARKS, UNTRACKED) if ranged else (MARKS, UNTRACKED, STAGED):
        try:
            _EARLY[(top, args)] = _popen(top, args)
        except (OSError, subprocess.SubprocessError):
            break
    import atexit

    atexit.register(_unasked)


def start(top: Path, *args: str) -> subprocess.Popen[bytes]:
    """A fixed git command on the repository's own paths, started (or the one
    :func:`ask_early` started); :func:`answer` reads it."""
    early = _EARLY.pop((top, args), None)
    return early if early is not None else _popen(top, args)


def _popen(top: Path, args: tuple[str, ...]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        in_tree(top, *args),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _unasked() -> None:
    """Stop the questions asked early that nobody asked for (another work tree was checked)."""
    while _EARLY:
        reap(_EARLY.popitem()[1])


def answer(process: subprocess.Popen[bytes]) -> bytes:
    """What a started git command wrote, once it ended well (as :func:`git`)."""
    out, err = process.communicate(timeout=GIT_TIMEOUT)
    if process.returncode != 0:
        raise subprocess.SubprocessError(err.decode("utf-8", "replace").strip())
    return out


def reap(process: subprocess.Popen[bytes]) -> None:
    """A started git command's end: stopped, and waited for, if its answer was not read."""
    if process.returncode is None:
        process.kill()
        process.communicate()


def git(top: Path, *args: str, feed: bytes | None = None) -> bytes:
    done = subprocess.run(  # a fixed git command, on the repository's own paths
        in_tree(top, *args),
        input=feed if feed is not None else b"",
        capture_output=True,
        timeout=GIT_TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        raise subprocess.SubprocessError(done.stderr.decode("utf-8", "replace").strip())
    return done.stdout
