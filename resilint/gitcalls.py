"""The git commands the hook asks, and how: fixed plumbing commands on the repository's own
paths, core.fsmonitor off (no hook of the user's runs) and names unquoted, each answering
within :data:`GIT_TIMEOUT`; and git's ``--raw`` list of changes read into entries. For
:mod:`resilint.staged` (the change a commit holds) and :mod:`resilint.unstaged` (whether the
work tree holds it)."""

from __future__ import annotations

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


def start(top: Path, *args: str) -> subprocess.Popen[bytes]:
    """A fixed git command on the repository's own paths, started; :func:`answer` reads it."""
    return subprocess.Popen(
        [*GIT, *args],
        cwd=top,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


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
        [*GIT, *args],
        cwd=top,
        input=feed if feed is not None else b"",
        capture_output=True,
        timeout=GIT_TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        raise subprocess.SubprocessError(done.stderr.decode("utf-8", "replace").strip())
    return done.stdout
