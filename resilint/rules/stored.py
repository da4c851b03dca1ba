"""Rule files already read, kept in the signed cache: a file's validated data and the positions
its compilation asked for, by the file's content.

Reading a rule file (composing its YAML with positions, converting it, validating it against
``rule-file.json``) is most of what loading the rules costs, and loading the rules was a third
of a one-file check. A file whose content, resilint, schemas and plug-in checks are the same as
when it last compiled is compiled again from the kept data: the same rules, without the YAML.
A file that changed, or data the cache cannot keep exactly (a value that is not plain), is read
as before; and a position a compilation needs that was not kept (an error) is found by reading
the file then.

resilint's own rule files are part of the installed program, not of a repository: their data is
kept beside resilint's bytecode (:class:`BesideBytecode`), with the trust of a ``.pyc``, so that
every command reads them compiled, with the repository's cache or without it (``--no-cache``, a
first run, ``report``, ``register export``). The repository's cache keeps the data of its own
rule files only.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from resilint.cache import Store, fingerprint, installed_fingerprint, pack, unpack
from resilint.codecache import kept_path, write_kept
from resilint.findings import JsonPath
from resilint.load.read import Refusal, read_regular

RULES = "rules.json"
_LIMIT = 64 * 1024 * 1024

Locate = Callable[[JsonPath], tuple[int, int]]
Kept = tuple[dict[str, Any], dict[JsonPath, tuple[int, int]], list[bool]]


class BesideBytecode:
    """Where the data of resilint's own rule files is kept: one file beside resilint's
    bytecode (``__pycache__``, ``sys.pycache_prefix`` honoured), read as the cache reads its
    files (plain values only), written whole under a temporary name and renamed into place as
    Python writes a ``.pyc``. Nothing is written where Python writes no bytecode
    (``PYTHONDONTWRITEBYTECODE``, ``-B``) or the directory is not writable; a file of another
    Python or another form of it, or a damaged one, is not read (the rules are read from their
    YAML, as without it)."""

    HEADER = importlib.util.MAGIC_NUMBER + b"resilint-rule-files-1\n"

    def __init__(self, path: Path | None) -> None:
        self.path = path

    @property
    def writable(self) -> bool:
        """Whether this run may keep the file (Python writes bytecode, the directory, or the
        one it is to be made in, is writable)."""
        if self.path is None or sys.dont_write_bytecode:
            return False
        folder = self.path.parent if self.path.parent.is_dir() else self.path.parent.parent
        return os.access(folder, os.W_OK)

    def read(self, name: str) -> Any:
        if self.path is None:
            return None
        # as the repository's cache reads its files: a regular file of a bounded size only (a
        # FIFO or a link to /dev/zero there hung every run; a gigabyte file was read whole)
        data = read_regular(self.path, _LIMIT)
        if isinstance(data, Refusal) or not data.startswith(self.HEADER):
            return None
        return unpack(memoryview(data)[len(self.HEADER) :])  # read in place, not copied

    def write(self, name: str, data: Any) -> None:
        if self.path is None or sys.dont_write_bytecode:
            return
        with contextlib.suppress(OSError, ValueError):  # not kept: only costs time
            write_kept(self.path, self.HEADER + pack(data))


def beside_bytecode() -> BesideBytecode:
    return BesideBytecode(kept_path("rule_files", ".rules"))


class StoredRules:
    def __init__(self, store: Store | BesideBytecode, salt: str) -> None:
        self.store = store
        self.salt = salt
        self._kept: dict[str, Any] | None = None
        self._used: dict[str, Any] = {}
        self._changed = False

    def _entries(self) -> dict[str, Any]:
        if self._kept is None:
            data = self.store.read(RULES)
            usable = isinstance(data, dict) and data.get("salt") == self.salt
            entries = data.get("entries") if usable else None
            self._kept = entries if isinstance(entries, dict) else {}
        return self._kept

    def key(self, path: Path, installed: bool = False) -> str | None:
        """The file's key: its path and content under the salt (None when it cannot be read:
        the reading that follows reports why); one of resilint's own files (``installed``) by
        its stat, as resilint's code is (:func:`resilint.cache.installed_fingerprint`)."""
        if installed:
            return fingerprint([self.salt, installed_fingerprint([path])])
        content = read_regular(path, _LIMIT)
        if isinstance(content, Refusal):
            return None
        return fingerprint([self.salt, str(path), content])

    def get(self, key: str | None) -> Kept | None:
        """The file's data, the positions its compilation asked for, and whether each of its
        rules reads the date (what compiling a rule finds out)."""
        entry = self._entries().get(key) if key is not None else None
        try:
            data, places, aware = entry[0], entry[1], entry[2]  # type: ignore[index]
            positions = {tuple(p[0]): (int(p[1]), int(p[2])) for p in places}
            rules = data["rules"]
        except (IndexError, KeyError, TypeError, ValueError):
            return None
        if not isinstance(rules, list) or not isinstance(aware, list) or len(aware) != len(rules):
            return None
        self._used[key] = entry  # type: ignore[index]
        return data, positions, [bool(a) for a in aware]

    def put(
        self,
        key: str | None,
        data: Any,
        positions: dict[JsonPath, tuple[int, int]],
        aware: list[bool],
    ) -> None:
        if key is None:
            return
        self._used[key] = [data, [[list(p), *at] for p, at in positions.items()], aware]
        self._changed = True

    def save(self) -> None:
        """Keep the files this run read (a rule file that went away is dropped with them)."""
        if self._changed or set(self._used) != set(self._entries()):
            self.store.write(RULES, {"salt": self.salt, "entries": self._used})


def kept_copy(data: Any) -> Any | None:
    """A copy of ``data`` as the cache gives it back (:func:`resilint.cache.pack`), taken before
    compiling reads the data; None when the cache cannot keep it exactly (a value that is not a
    plain mapping, list, text, number, true, false or null)."""
    try:
        return unpack(pack(data))
    except ValueError:
        return None
