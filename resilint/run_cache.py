"""The cache as the checker uses it: per-file results and the last whole result."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

from resilint.cache import Store, fingerprint, stat_key
from resilint.discover import Discovery
from resilint.result import FileResult, Result
from resilint.serialize import (
    document_in,
    document_out,
    finding_in,
    finding_out,
    suppression_in,
    suppression_out,
)

FILES = "files.json"
RESULT = "result.json"


class CheckCache:
    def __init__(self, store: Store, file_salt: str, run_salt: str) -> None:
        self.store = store
        self.file_salt = file_salt
        self.run_salt = run_salt
        self._stats: dict[Path, list[int] | None] = {}

    @cached_property
    def _entries(self) -> dict[str, Any]:
        """Per-file entries, read only when the whole result could not be reused."""
        data = self.store.read(FILES)
        usable = isinstance(data, dict) and data.get("salt") == self.file_salt
        return data["entries"] if usable else {}

    def stat(self, path: Path) -> list[int] | None:
        """Taken before the file is read, so an edit during the run is never cached as old."""
        if path not in self._stats:
            self._stats[path] = stat_key(path)
        return self._stats[path]

    def _run_key(self, found: Discovery) -> str:
        """Every file's stat, and what discovery refused: a FIFO or a link added since the last
        run changes no file, yet must be reported."""
        refused = (f"{f.code}\x00{f.path}\x00{f.message}" for f in found.findings)
        stats = (f"{p}\x00{self.stat(p)}" for p in found.files)
        return fingerprint([self.run_salt, *stats, "\x00refused", *refused])

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

    def file(self, path: Path) -> FileResult | None:
        entry = self._entries.get(str(path))
        stat = self.stat(path)
        if not entry or stat is None or entry[0] != stat:
            return None
        try:
            return _file_in(entry[1])
        except (KeyError, IndexError, TypeError, ValueError):
            return None

    def save(self, found: Discovery, files: Sequence[FileResult], result: Result) -> None:
        entries = {}
        for path, file in zip(found.files, files, strict=True):
            key, stat = str(path), self.stat(path)
            if stat is None or _over_budget(file):
                continue  # whether a file fits the run's budget depends on the others
            old = self._entries.get(key)
            # an entry read from the cache this run is written back as it was read
            entries[key] = old if old and old[0] == stat else [stat, _file_out(file)]
        self.store.write(FILES, {"salt": self.file_salt, "entries": entries})
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


def _over_budget(file: FileResult) -> bool:
    return any(f.code == "FILE-05" for f in file.findings)
