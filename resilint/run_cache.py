"""The cache as the checker uses it: per-file results and the last whole result.

Per-file entries are spread over :data:`SHARDS` files by a hash of the file's path, and a run
rewrites only the shards whose entries changed: one edited file costs one shard's write, not
the whole cache's (16 MB of JSON for 10,000 documents). An entry keeps, besides what the file
yields, the positions a run computed in it (:attr:`resilint.locate.Locator.positions`), so the
next run composes only changed files to place findings.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

from resilint.cache import Store, fingerprint, stat_key, stats_bytes
from resilint.discover import Discovery
from resilint.locate import Position
from resilint.result import FileResult, Result
from resilint.serialize import (
    document_in,
    document_out,
    finding_in,
    finding_out,
    suppression_in,
    suppression_out,
)

RESULT = "result.json"
SHARDS = 64
"""Per-file shards: few enough to read quickly, enough that one edit rewrites a sixty-fourth."""

Positions = dict[str, dict[Position, tuple[int, int]]]


def shard_name(path: str) -> str:
    """The shard that holds ``path``'s entry (a stable hash: not Python's salted ``hash``)."""
    number = zlib.crc32(path.encode("utf-8", "surrogatepass")) % SHARDS
    return f"files-{number:02x}.json"


class CheckCache:
    def __init__(self, store: Store, file_salt: str, run_salt: str) -> None:
        self.store = store
        self.file_salt = file_salt
        self.run_salt = run_salt
        self._stats: dict[str, str | None] = {}
        self._discovered: dict[str, bytes] = {}
        """The stats discovery took, by path: files are not stat'ed again."""
        self._key: tuple[Discovery, str] | None = None
        self.positions: Positions = {}
        """Positions in the files served from the cache, for the run's locator."""
        self._served: set[str] = set()

    @cached_property
    def _shards(self) -> dict[str, dict[str, Any]]:
        """Per-file entries by shard, read only when the whole result could not be reused."""
        shards = {}
        for number in range(SHARDS):
            name = f"files-{number:02x}.json"
            data = self.store.read(name)
            usable = isinstance(data, dict) and data.get("salt") == self.file_salt
            entries = data.get("entries") if usable else None
            shards[name] = entries if isinstance(entries, dict) else {}
        return shards

    @cached_property
    def _entries(self) -> dict[str, Any]:
        return {key: entry for entries in self._shards.values() for key, entry in entries.items()}

    def stat(self, path: str) -> str | None:
        """Taken before the file is read, so an edit during the run is never cached as old."""
        if path not in self._stats:
            known = self._discovered.get(path)
            self._stats[path] = stat_key(Path(path)) if known is None else known.hex()
        return self._stats[path]

    def _run_key(self, found: Discovery) -> str:
        """Every file's stat, and what discovery refused: a FIFO or a link added since the last
        run changes no file, yet must be reported. The stats are discovery's (taken before any
        file is read): nothing is stat'ed twice."""
        if self._key is None or self._key[0] is not found:
            self._discovered = dict(zip(found.names, found.stamps, strict=True))
            names = "\x00".join(found.names)  # a path holds no NUL
            refused = (f"{f.code}\x00{f.path}\x00{f.message}" for f in found.findings)
            parts: list[bytes | str] = [self.run_salt, names, stats_bytes(found.stamps)]
            parts += ["\x00refused", *refused]
            self._key = (found, fingerprint(parts))
        return self._key[1]

    def result(self, found: Discovery) -> Result | None:
        data = self.store.read(RESULT)
        if not isinstance(data, dict) or data.get("key") != self._run_key(found):
            return None
        try:
            return Result(
                tuple(finding_in(f) for f in data["findings"]),
                data["files"],
                data["documents"],
                tuple(finding_in(f) for f in data["crashes"]),
            )
        except (KeyError, IndexError, TypeError, ValueError):
            return None

    def file(self, path: str) -> FileResult | None:
        entry = self._entries.get(path)
        stat = self.stat(path)
        if not entry or stat is None or entry[0] != stat:
            return None
        try:
            file = _file_in(entry[1])
            self.positions[path] = _positions_in(entry[2])
        except (KeyError, IndexError, TypeError, ValueError):
            return None
        self._served.add(path)
        return file

    def save(
        self,
        found: Discovery,
        files: Sequence[FileResult],
        result: Result,
        positions: Mapping[str, Mapping[Position, tuple[int, int]]],
    ) -> None:
        shards: dict[str, dict[str, Any]] = {name: {} for name in self._shards}
        for key, file in zip(found.names, files, strict=True):
            stat = self.stat(key)
            if stat is None or _over_budget(file):
                continue  # whether a file fits the run's budget depends on the others
            known = positions.get(key, {})
            if key in self._served:  # read from the cache this run
                old = self._entries[key]
                # written back as read, unless the run placed findings it had no position for
                entry = old if len(old[2]) == len(known) else [stat, old[1], _positions_out(known)]
            else:
                entry = [stat, _file_out(file), _positions_out(known)]
            shards[shard_name(key)][key] = entry
        for name, entries in shards.items():
            if entries != self._shards[name]:  # unchanged entries are the very objects read
                self.store.write(name, {"salt": self.file_salt, "entries": entries})
        if not result.crashes:  # a crash is worth reproducing, not remembering
            self.store.write(
                RESULT,
                {
                    "key": self._run_key(found),
                    "files": result.files,
                    "documents": result.documents,
                    "findings": [finding_out(f) for f in result.findings],
                    "crashes": [finding_out(f) for f in result.crashes],
                },
            )


def _file_out(file: FileResult) -> list[Any]:
    return [
        [finding_out(f) for f in file.findings],
        [document_out(d) for d in file.documents],
        [suppression_out(s) for s in file.suppressions],
        file.nodes,
    ]


def _file_in(data: list[Any]) -> FileResult:
    return FileResult(
        tuple(finding_in(f) for f in data[0]),
        tuple(document_in(d) for d in data[1]),
        tuple(suppression_in(s) for s in data[2]),
        int(data[3]),
    )


def _positions_out(positions: Mapping[Position, tuple[int, int]]) -> list[Any]:
    return [[index, list(path), on_key, *at] for (index, path, on_key), at in positions.items()]


def _positions_in(data: list[Any]) -> dict[Position, tuple[int, int]]:
    return {
        (int(index), tuple(path), bool(on_key)): (int(line), int(column))
        for index, path, on_key, line, column in data
    }


def _over_budget(file: FileResult) -> bool:
    return any(f.code == "FILE-05" for f in file.findings)
