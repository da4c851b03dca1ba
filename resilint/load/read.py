"""Reading a file nobody vouches for: only a regular file, never blocking, never more than a limit,
and, where a boundary is given, never outside the repository.

A committed symbolic link can point at a file of the CI runner, a FIFO makes ``open`` wait for
ever, ``/dev/zero`` never ends. Each becomes a :class:`Refusal` that the caller turns into a
finding, and nothing of such a file is read.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

# O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer (regular files are
# unaffected); O_NOCTTY: a terminal never becomes resilint's controlling terminal.
_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class Vetted:
    """The file discovery found at a path, inside the repository: the only one read there."""

    device: int
    inode: int
    boundary: str
    """The real directory it lies in (:func:`real`)."""
    stamp: bytes = b""
    """Its stat as discovery saw it (:func:`resilint.discover.stamp`), where discovery found
    it: a later read that finds another tells the file changed while resilint ran."""


def unvetted(fd: int, info: os.stat_result, vetted: Vetted) -> Refusal | None:
    """Why the open file ``fd`` is not the one ``vetted``: another file at its path (it, or a
    directory on its way, was moved, or swapped for a link, since discovery), or a file whose
    real place, as the kernel opened it, lies outside the repository (a directory swapped for
    a link to outside while discovery listed it); None when it is the one."""
    if (info.st_dev, info.st_ino) != (vetted.device, vetted.inode):
        return Refusal("FILE-01", REPLACED)
    try:
        opened = os.readlink(f"/proc/self/fd/{fd}")  # noqa: PTH115 - once a file read
    except OSError:  # no /proc: the device and inode are all there is to compare
        return None
    if within(opened, vetted.boundary):
        return None
    return Refusal(
        "FILE-03",
        "while resilint ran, a symbolic link on this file's way came to lead outside the "
        "repository; resilint never reads a file outside the repository, so this one is not "
        "checked: run the check again on a repository nothing changes meanwhile",
    )


REPLACED = (
    "the file was replaced while resilint ran (another file is at this path than the one found "
    "in the repository: moved, or reached through a link put on its way since), so it was not "
    "read; run the check again"
)


@dataclass(frozen=True)
class Refusal:
    """Why a file was not read: the code of a built-in check and words a person can act on."""

    code: str
    message: str


def read_regular(
    path: str | Path,
    limit: int,
    *,
    follow: bool = True,
    limit_name: str = "limits.max_file_bytes",
    vetted: Vetted | None = None,
) -> bytes | Refusal:
    """At most ``limit`` bytes of a regular file; anything else, or anything longer, is refused.

    ``follow=False`` refuses a symbolic link as the last component: for paths already resolved
    and vetted, so that what is opened is what was vetted. ``vetted``: the file discovery
    found inside the repository at ``path`` (:func:`unvetted`).
    """
    try:
        fd = os.open(path, _FLAGS | (0 if follow else _NOFOLLOW))
    except OSError as exc:
        return refusal_for(exc, follow=follow)
    try:
        info = os.fstat(fd)
        refused = kind_refusal(info.st_mode)
        if refused is None and vetted is not None:
            refused = unvetted(fd, info, vetted)
        if refused is None and info.st_size > limit:
            refused = _too_large(limit, limit_name, info.st_size)
        if refused is not None:
            return refused
        data = _read_at_most(fd, limit + 1, info.st_size)
    except OSError as exc:
        return refusal_for(exc, follow=follow)
    finally:
        os.close(fd)
    # A file can grow after fstat, and some report no size at all: the read itself is bounded.
    return _too_large(limit, limit_name, None) if len(data) > limit else data


def read_start(path: str | Path, most: int) -> bytes | None:
    """The first ``most`` bytes of a regular file, never through a link at ``path`` nor
    waiting on a FIFO; None for anything else or what cannot be read."""
    try:
        fd = os.open(path, _FLAGS | _NOFOLLOW)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return _read_at_most(fd, most, most)
    except OSError:
        return None
    finally:
        os.close(fd)


def _read_at_most(fd: int, most: int, size_hint: int) -> bytes:
    """At most ``most`` bytes, to the end of the file. A first read that returns exactly the
    ``size_hint`` bytes ``fstat`` gave, though asked for more, reached the end: a regular
    file's read stops short only there, so the read that would return nothing to say so is not
    made (one system call a file). Any other first read, one that gives more (the file grew)
    or less (a file system that answers in parts), reads on to the end."""
    chunks: list[bytes] = []
    left = most
    while left > 0:
        asked = min(left, max(size_hint + 1, _CHUNK))
        chunk = os.read(fd, asked)
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
        if len(chunks) == 1 and 0 < len(chunk) == size_hint < asked:
            break
    return b"".join(chunks)


def read_inside(path: str | Path, boundary: str, limit: int) -> bytes | Refusal:
    """:func:`read_regular` of a path that must resolve to a place inside ``boundary`` (a real
    path, see :func:`real`); the resolved target is opened without following links again."""
    refused = outside(path, boundary)
    if refused is not None:
        return refused
    return read_regular(os.path.realpath(path), limit, follow=False)


def real(directory: str | Path) -> str:
    """A boundary: the directory with every symbolic link resolved."""
    return os.path.realpath(directory)


def lexical(path: str | Path) -> str:
    """The absolute path as written, '..' resolved without following a link: where the user
    says the path is (:func:`real` is where it leads)."""
    return os.path.normpath(Path(path).absolute())


def tidied(path: Path) -> Path:
    """``path`` as it is shown, each ``dir/..`` taken out where ``dir`` is a directory and no
    symbolic link (``suppliers/../contracts/c.yaml`` is ``contracts/c.yaml``): the same file,
    named as a reader expects. Where one is a link (its ``..`` is the parent of where it
    leads) or is missing, the path stays as written, and is read, and refused outside the
    repository, as such."""
    if ".." not in path.parts:
        return path
    kept: list[str] = []
    for part in path.parts:
        if part != ".." or not kept or kept[-1] == "..":
            kept.append(part)
        elif kept == [path.anchor]:
            continue  # /.. is /
        elif (prefix := Path(*kept)).is_dir() and not prefix.is_symlink():
            kept.pop()
        else:
            return path
    return Path(*kept) if kept else Path(os.curdir)


def within(target: str, boundary: str) -> bool:
    """Whether the real path ``target`` is ``boundary`` or lies under it."""
    return target == boundary or target.startswith(boundary.rstrip(os.sep) + os.sep)


def outside(path: str | Path, boundary: str) -> Refusal | None:
    """A refusal when ``path`` does not resolve to an existing place inside ``boundary``."""
    try:
        target = os.path.realpath(path, strict=True)
    except FileNotFoundError:
        if Path(path).is_symlink():
            return Refusal("FILE-01", "this symbolic link points to a file that does not exist")
        return Refusal("FILE-01", "cannot read the file: it does not exist")
    except OSError as exc:
        return refusal_for(exc, follow=True)
    if within(target, boundary):
        return None
    named = Path(path)
    if named.is_symlink():
        why = f"a symbolic link to {named.readlink()}, which is"
    elif os.path.normpath(named.absolute()) != target:  # a directory on its way is a link
        why = "reached through a symbolic link and"
    else:  # named as it is (/dev/null, a FIFO): what it is says more than where it is
        return _special(target) or Refusal("FILE-03", _outside_message("this is"))
    return Refusal("FILE-03", _outside_message(why))


def _special(target: str) -> Refusal | None:
    """The refusal of a device, FIFO or socket by its kind; None for a file or directory."""
    try:
        mode = Path(target).stat().st_mode
    except OSError:
        return None
    return None if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else kind_refusal(mode)


def _outside_message(why: str) -> str:
    return (
        f"{why} outside the repository; resilint never reads a file outside the "
        "repository, so this one is not checked"
    )


def kind_refusal(mode: int) -> Refusal | None:
    """None for a regular file; otherwise why such a thing is not read."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return Refusal("FILE-01", "this is a directory, not a file")
    if stat.S_ISFIFO(mode):
        what = "a named pipe (FIFO)"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = "a device"
    elif stat.S_ISSOCK(mode):
        what = "a socket"
    else:
        what = "a special file"
    return Refusal(
        "FILE-04",
        f"this is {what}, not a regular file; resilint reads only regular files, "
        "so it is not checked",
    )


def refusal_for(exc: OSError, *, follow: bool = True) -> Refusal:
    """The finding-to-be for an error opening or resolving a file."""
    if exc.errno == errno.ELOOP and follow:
        return Refusal(
            "FILE-04",
            "this symbolic link loops back on itself and leads to no file, so it is not checked",
        )
    if exc.errno == errno.ELOOP:
        return Refusal("FILE-04", "this is a symbolic link where a regular file is expected")
    if exc.errno == errno.ENXIO:
        return Refusal("FILE-04", "this is a socket or a device, not a regular file")
    reason = exc.strerror or type(exc).__name__
    return Refusal("FILE-01", f"cannot read the file: {reason}")


def _too_large(limit: int, name: str, size: int | None) -> Refusal:
    told = f"the file is {size:,} bytes, more" if size is not None else "the file is longer"
    return Refusal("FILE-02", f"{told} than the limit of {limit:,} ({name})")
