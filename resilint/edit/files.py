"""Reading a file to edit it and writing it back: only inside the repository, never through a
symbolic link, never a file that changed since it was read, always atomically.

The reading guards are the loader's own (:mod:`resilint.load.read`); a write goes to a temporary
file in the same directory, which then replaces the original in one rename, so a reader sees the
old file or the new one, never half of either.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from resilint.errors import ExitCode, ResilintError
from resilint.load.decode import decode
from resilint.load.positions import LoadError
from resilint.load.read import Refusal, Vetted, outside, read_regular, real, within


class EditRefused(ResilintError):
    """A file resilint will not write, and why: the user's input, so status 2."""

    exit_code = ExitCode.INPUT


@dataclass(frozen=True)
class TextFile:
    """A file as read for editing: where it really is, its bytes and its text."""

    shown: str
    real: str
    data: bytes
    text: str
    bom: bytes
    vetted: Vetted | None = None
    """The file read (device and inode, inside the repository): the only one written over."""


def read_for_edit(
    path: str | Path, boundary: str, limit: int, vetted: Vetted | None = None
) -> TextFile:
    """The file at ``path``, which must be a regular UTF-8 file inside ``boundary`` (a real
    path) reached through no symbolic link inside it: the one ``vetted`` (discovery's device
    and inode) when given, else the one at the path once its way was looked at, as the check
    reads a file (:func:`resilint.load.read.unvetted`): a file or directory swapped for a link
    meanwhile is refused, never read or written."""
    shown = str(path)
    refused = outside(path, boundary)
    if refused is not None:
        raise EditRefused(f"{shown}: {refused.message}")
    _no_links(_absolute(path), boundary, shown)
    target = os.path.realpath(path)
    if vetted is None:
        vetted = _identity(target, boundary)
    data = read_regular(target, limit, follow=False, vetted=vetted)
    if isinstance(data, Refusal):
        raise EditRefused(f"{shown}: {data.message}")
    _writable(target, shown)
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    if not bom and data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        raise EditRefused(f"{shown}: resilint writes UTF-8 files only; save it as UTF-8 first")
    try:
        text = decode(data)
    except LoadError as error:
        raise EditRefused(f"{shown}: {error.message}") from None
    return TextFile(shown, target, data, text, bom, vetted)


def _identity(target: str, boundary: str) -> Vetted | None:
    """The device and inode at ``target`` now; None where nothing is there (the read says
    why)."""
    try:
        info = os.lstat(target)
    except OSError:
        return None
    return Vetted(info.st_dev, info.st_ino, boundary)


def _writable(target: str, shown: str) -> None:
    """Refuse a file its owner made read-only, or that this user may not write: replacing it
    by a rename in its directory would succeed all the same, and go past the protection."""
    mode = Path(target).lstat().st_mode
    if not mode & stat.S_IWUSR or not os.access(target, os.W_OK, follow_symlinks=False):
        raise EditRefused(
            f"{shown}: read-only (no write permission); make it writable if resilint may change it"
        )


def _no_links(path: Path, boundary: str, shown: str) -> None:
    """Refuse a path that passes through a symbolic link inside the repository (links above
    it, such as /tmp on some systems, are the machine's own), wherever the link leads: out of
    the repository, or nowhere (a dangling one)."""
    for place in (path, *path.parents):
        if not within(os.path.realpath(place.parent), boundary) or place == place.parent:
            return
        if place.is_symlink():
            raise EditRefused(
                f"{shown}: {place} is a symbolic link; resilint never writes through one"
            )


def replace(file: TextFile, text: str) -> None:
    """Write ``text`` over ``file``, atomically, unless the file changed since it was read;
    a signal that would end the run waits until the file is replaced or left as it was
    (:func:`resilint.userfiles.signals_held`), never leaving the temporary file beside it."""
    from resilint.userfiles import signals_held

    with signals_held():
        _replace(file, text)


def _replace(file: TextFile, text: str) -> None:
    original = Path(file.real)
    fd, name = tempfile.mkstemp(prefix=".resilint-", suffix=".tmp", dir=original.parent)
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(file.bom + text.encode("utf-8", "surrogatepass"))
            out.flush()
            os.fsync(out.fileno())
        temporary.chmod(stat.S_IMODE(original.lstat().st_mode))
        again = read_regular(file.real, len(file.data) + 1, follow=False, vetted=file.vetted)
        if again != file.data:
            raise EditRefused(f"{file.shown}: changed since resilint read it; not written")
        temporary.replace(original)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def create_all(files: list[tuple[Path, str]], boundary: str) -> None:
    """Write each new file (:func:`create`), or none: each place is looked at before the
    first is written, and the files written are removed again if a later one cannot be (a
    link put on its way meanwhile), so that no half of a set is left to be taken for all."""
    for path, _ in files:
        _creatable(path, boundary)
    written: list[Path] = []
    try:
        for path, text in files:
            create(path, text, boundary)
            written.append(path)
    except BaseException:
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink()
        raise


def _creatable(path: str | Path, boundary: str) -> Path:
    """The absolute path of a new file at ``path``, refused where the existing part of its way
    passes through a link or leaves ``boundary``."""
    shown = str(path)
    target = _absolute(path)
    existing = next(p for p in (target.parent, *target.parent.parents) if os.path.lexists(p))
    _no_links(existing, boundary, shown)
    if not within(os.path.realpath(existing), boundary):
        raise EditRefused(f"{shown}: outside the repository; resilint writes only inside it")
    return target


def create(path: str | Path, text: str, boundary: str) -> None:
    """Write a new file at ``path`` inside ``boundary``; never over an existing one."""
    shown = str(path)
    target = _creatable(path, boundary)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:  # a file where a directory must be, or no permission
        reason = error.strerror or type(error).__name__
        raise EditRefused(f"{shown}: cannot create its directory: {reason}") from None
    if not within(real(target.parent), boundary):
        raise EditRefused(f"{shown}: outside the repository; resilint writes only inside it")
    from resilint.userfiles import signals_held

    with signals_held():
        _link_new(target, text, shown)


def _link_new(target: Path, text: str, shown: str) -> None:
    """``text`` in a temporary file beside ``target``, linked there if no file is."""
    fd, name = tempfile.mkstemp(prefix=".resilint-", suffix=".tmp", dir=target.parent)
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        temporary.chmod(0o666 & ~_umask())
        try:
            os.link(temporary, target)  # fails if the file exists: never overwrites
        except FileExistsError:
            raise EditRefused(f"{shown}: already exists; not overwritten") from None
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()


def _absolute(path: str | Path) -> Path:
    """The absolute path, with '..' resolved as written (links are not followed)."""
    return Path(os.path.normpath(Path(path).absolute()))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
