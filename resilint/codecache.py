"""The methods of resilint's dataclasses, compiled once and kept with its bytecode.

``@dataclass`` writes the source of each class's ``__init__``, ``__repr__``, ``__eq__``,
``__hash__`` and (frozen) ``__setattr__`` and compiles it with ``exec`` when the class is
built: about a hundred classes at start-up, and compiling their 500 small functions was a
quarter of a one-file check's instructions (parsing and compiling source, every run). Here
``dataclasses``' ``exec`` compiles each distinct source once; the code objects are kept, by
their source text, in a file next to resilint's own ``.pyc`` files (``__pycache__``, where
Python keeps the compiled modules it trusts the same way) and read back by later runs. The
classes are the same: the same source compiled by the same interpreter, with the flags
``dataclasses`` itself compiles with (no ``from __future__`` import).

Nothing is written when Python writes no bytecode (``PYTHONDONTWRITEBYTECODE``, ``-B``) or
where the directory is not writable; a file of another Python version, or one that cannot be
read, is ignored and the functions are compiled as ``dataclasses`` does.
"""

from __future__ import annotations

import atexit
import builtins
import contextlib
import dataclasses
import importlib.util
import marshal
import os
import stat
import sys
from pathlib import Path
from types import CodeType
from typing import Any

_HEADER = importlib.util.MAGIC_NUMBER + b"resilint-dataclasses-3" + bytes([sys.flags.optimize])
_MAX_ENTRIES = 512
"""A module's sources no longer used (resilint changed) are dropped when they grow past this;
the next run keeps only what it used."""


class _Compiled:
    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.kept: dict[str, bytes | memoryview] = _read(path) if path else {}
        """Each module's kept code, marshalled, in place in the file read: unmarshalled only
        for the modules a run builds classes of (a hook run builds a third of them)."""
        self.loaded: dict[str, dict[str, CodeType]] = {}
        self.used: dict[str, dict[str, CodeType]] = {}
        self.added: set[str] = set()
        """Modules some of whose code was compiled in this run (and is to be kept)."""

    def exec(self, source: Any, namespace: Any = None, scope: Any = None) -> None:
        namespace = vars(dataclasses) if namespace is None else namespace  # exec's default there
        module = _ours(namespace)
        if not isinstance(source, str) or module is None:
            builtins.exec(source, namespace, scope)  # another package's class: as without us
            return
        used = self.used.setdefault(module, {})
        code = used.get(source) or self._kept(module).get(source)
        if code is None:
            # dont_inherit: compiled as dataclasses' own module compiles it (no __future__
            # flags from this one), so annotations are objects, not strings, as without the cache
            code = compile(source, "<string>", "exec", dont_inherit=True)
            self.added.add(module)
        used[source] = code
        builtins.exec(code, namespace, scope)

    def _kept(self, module: str) -> dict[str, CodeType]:
        found = self.loaded.get(module)
        if found is None:
            found = self.loaded[module] = _codes(self.kept.get(module, b""))
        return found

    def save(self) -> None:
        if not self.added or self.path is None or sys.dont_write_bytecode:
            return
        entries = {module: bytes(kept) for module, kept in self.kept.items()}
        for module in self.added:
            codes = {**self._kept(module), **self.used[module]}
            if len(codes) > _MAX_ENTRIES:  # sources no longer used (resilint changed)
                codes = self.used[module]
            entries[module] = marshal.dumps(codes)
        with contextlib.suppress(OSError, ValueError):
            write_kept(self.path, _HEADER + _layout(entries))


def _ours(namespace: Any) -> str | None:
    """The module of the class being built when it is resilint's: ``dataclasses`` runs the
    methods' source in the globals of the class's module. Classes of other packages in the same
    process (a program that imports resilint, a test runner) are built exactly as without
    resilint."""
    name = namespace.get("__name__") if isinstance(namespace, dict) else None
    ours = isinstance(name, str) and (name == "resilint" or name.startswith("resilint."))
    return name if ours else None


def write_kept(path: Path, data: bytes) -> None:
    """As Python writes a ``.pyc``: the source's permissions, written whole under a temporary
    name and renamed into place, so a concurrent run reads the old file or the new one."""
    mode = (Path(__file__).stat().st_mode | 0o200) & 0o666
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}")
    handle = os.open(temporary, os.O_EXCL | os.O_CREAT | os.O_WRONLY, mode)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        temporary.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def _layout(entries: dict[str, bytes]) -> bytes:
    """The modules' code one after the other, after an index of where each lies (and the
    index's length): a run unmarshals the index and its modules' code in place, not a copy of
    every module's (each copy of the whole file's bytes was pages touched at every start)."""
    index, offset = {}, 0
    for module, data in entries.items():
        index[module] = (offset, len(data))
        offset += len(data)
    head = marshal.dumps(index)
    return len(head).to_bytes(4, "little") + head + b"".join(entries.values())


def _read(path: Path) -> dict[str, bytes | memoryview]:
    """Each module's kept code as laid out by :func:`_layout`, a view into the file read;
    nothing for a file that is missing, of another Python or form, or damaged."""
    data = _read_regular(path, _KEPT_LIMIT)
    if data is None or not data.startswith(_HEADER):
        return {}
    view = memoryview(data)[len(_HEADER) :]
    size = int.from_bytes(view[:4], "little")
    try:
        index = marshal.loads(view[4 : 4 + size])
    except (EOFError, ValueError, TypeError):
        return {}
    body = view[4 + size :]
    if not isinstance(index, dict):
        return {}
    found: dict[str, bytes | memoryview] = {}
    for module, place in index.items():
        if not (isinstance(module, str) and isinstance(place, tuple) and len(place) == 2):
            return {}
        start, length = place
        if not (isinstance(start, int) and isinstance(length, int)):
            return {}
        if start < 0 or length < 0 or start + length > len(body):
            return {}
        found[module] = body[start : start + length]
    return found


def _codes(data: bytes | memoryview) -> dict[str, CodeType]:
    """One module's kept code (none when damaged: compiled again)."""
    try:
        entries = marshal.loads(data) if data else {}
    except (EOFError, ValueError, TypeError):
        return {}
    if not isinstance(entries, dict):
        return {}
    return {k: v for k, v in entries.items() if isinstance(k, str) and isinstance(v, CodeType)}


_KEPT_LIMIT = 64 * 1024 * 1024
"""Bytes of a kept file read at most: ours are well under a megabyte."""


def read_kept(path: Path, header: bytes) -> dict[Any, Any]:
    """The entries of a file kept beside resilint's bytecode, or none when it is missing, of
    another Python or another version of the file (``header``), damaged, not a regular file (a
    FIFO there would hang every run; a link to /dev/zero, read whole, eat memory) or larger
    than :data:`_KEPT_LIMIT`."""
    data = _read_regular(path, _KEPT_LIMIT)
    if data is None:
        return {}
    if not data.startswith(header):
        return {}
    try:  # read in place: not a copy of the whole file less its header
        entries = marshal.loads(memoryview(data)[len(header) :])
    except (EOFError, ValueError, TypeError):
        return {}
    return entries if isinstance(entries, dict) else {}


def _read_regular(path: Path, limit: int) -> bytes | None:
    """A regular file's bytes, at most ``limit`` of them, opened without blocking; None for
    anything else. :func:`resilint.load.read.read_regular` in small: importing that package
    would build dataclasses (its and :mod:`resilint.findings`') before this module is there to
    compile them from the kept code."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        chunks, left = [], limit + 1
        while left > 0:
            # the size it has (one more byte tells a file that grew): no larger buffer to fill
            chunk = os.read(fd, min(left, max(info.st_size + 1, 1 << 16), 1 << 24))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError:
        return None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    return data if len(data) <= limit else None


def kept_path(name: str, suffix: str) -> Path | None:
    """Where Python keeps this package's bytecode for module ``name`` (``sys.pycache_prefix``
    honoured), with ``suffix``: a file kept with the trust of a ``.pyc``."""
    try:
        pyc = importlib.util.cache_from_source(str(Path(__file__).with_name(f"{name}.py")))
    except NotImplementedError:  # an interpreter without bytecode caching
        return None
    return Path(pyc).with_suffix(suffix)


def _location() -> Path | None:
    return kept_path("dataclasses", ".code")


def install() -> None:
    """Have ``dataclasses`` compile through the kept code from now on (once per process)."""
    if isinstance(getattr(getattr(dataclasses, "exec", None), "__self__", None), _Compiled):
        return
    compiled = _Compiled(_location())
    dataclasses.exec = compiled.exec  # type: ignore[attr-defined]
    atexit.register(compiled.save)
