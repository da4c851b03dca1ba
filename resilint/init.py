"""``resilint init``: scaffold a resilience repository from the templates shipped in the package.

It never overwrites a file: existing ones are reported and left as they are. The pre-commit and
CI files pin the version of resilint that wrote them (``__RESILINT_VERSION__`` in a template).
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

from resilint import __version__
from resilint.userfiles import output_directory

TEMPLATES = Path(__file__).resolve().parent / "templates" / "init"
VERSION_MARK = "__RESILINT_VERSION__"


@dataclass(frozen=True)
class Scaffold:
    """What ``resilint init`` did: the files created, kept, linked and those it could not write."""

    created: tuple[Path, ...]
    kept: tuple[Path, ...]
    linked: tuple[Path, ...] = ()
    """Not written: a symbolic link lies on the way (a committed `.github -> /elsewhere`)."""
    failed: tuple[tuple[Path, str], ...] = ()
    """Not written, and why: the system refused (a file where a directory goes, a read-only
    directory or file system, a full disk)."""


def scaffold(target: Path) -> Scaffold:
    output_directory(target)  # refuses a target that is or passes through a link
    created: list[Path] = []
    kept: list[Path] = []
    linked: list[Path] = []
    failed: list[tuple[Path, str]] = []
    for source in sorted(p for p in TEMPLATES.rglob("*") if p.is_file()):
        relative = source.relative_to(TEMPLATES)
        destination = target / relative
        if any((target / part).is_symlink() for part in relative.parents if part.parts):
            linked.append(destination)
            continue
        if os.path.lexists(destination):  # a link, even a dangling one, is never written through
            kept.append(destination)
            continue
        try:
            _write(destination, render(source.read_text(encoding="utf-8")))
        except OSError as error:  # the others are still written, and the run fails
            failed.append((destination, _reason(error, destination)))
            continue
        created.append(destination)
    return Scaffold(tuple(created), tuple(kept), tuple(linked), tuple(failed))


def _write(destination: Path, text: str) -> None:
    """Write a new file; raises OSError when it cannot (a regular file named like one of its
    directories, no permission, a read-only file system). A file left half written is removed."""
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError as error:  # a file, not a directory, stands where one goes
        raise NotADirectoryError(
            errno.ENOTDIR, os.strerror(errno.ENOTDIR), error.filename
        ) from None
    out = destination.open("x", encoding="utf-8")  # "x": never overwrite, even racing
    try:
        with out:
            out.write(text)
    except OSError:
        destination.unlink(missing_ok=True)
        raise


def _reason(error: OSError, destination: Path) -> str:
    """What the system said, naming the path it refused when that is not the file itself
    (``Not a directory: .github``, a regular file where a directory goes)."""
    reason = error.strerror or type(error).__name__
    if error.filename and os.fspath(error.filename) != os.fspath(destination):
        return f"{reason}: {os.fspath(error.filename)}"
    return reason


def render(template: str) -> str:
    """A template's text with the running version where it pins resilint."""
    return template.replace(VERSION_MARK, __version__)
