"""The cache as the checker uses it: per-file results and the last whole result.

Per-file entries are spread over :data:`SHARDS` files by a hash of the file's path, and a run
rewrites only the shards whose entries changed: one edited file costs one shard's write, not
the whole cache's (16 MB of JSON for 10,000 documents). An entry keeps, besides what the file
yields, the positions a run computed in it (:attr:`resilint.locate.Locator.positions`), so the
next run composes only changed files to place findings.
"""

from __future__ import annotations

import binascii
import dataclasses
import time
from collections.abc import Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

from resilint.cache import Store, fingerprint, settled, stat_key, stats_bytes
from resilint.digests import sha256
from resilint.discover import Discovery
from resilint.findings import Finding
from resilint.incremental import (
    Before,
    EngineRecord,
    KeptRun,
    identity,
    relocated,
    stamp_digest,
    unchanged_for_rules,
)
from resilint.locate import Locator, Position
from resilint.model import Document
from resilint.result import FileResult, Result
from resilint.serialize import (
    document_in,
    file_in,
    file_out,
    finding_in,
    finding_out,
)
from resilint.validate import NO_DATA

RESULT = "result.json"
RULES = "findings.json"
"""The rules' findings of the last run that evaluated them (:mod:`resilint.incremental`)."""
SHARDS = 64
"""Per-file shards: few enough to read quickly, enough that one edit rewrites a sixty-fourth."""

Positions = dict[str, dict[Position, tuple[int, int]]]

UNSETTLED = "unsettled:"
"""Marks the stat of an entry taken while its file could still change under the same stat
(:func:`resilint.cache.settled`): no stat taken later equals it, so the file is read again; its
data still tells which fields changed since."""


def shard_name(path: str) -> str:
    """The shard that holds ``path``'s entry (a stable hash: not Python's salted ``hash``)."""
    number = binascii.crc32(path.encode("utf-8", "surrogatepass")) % SHARDS
    return f"files-{number:02x}.json"


class CheckCache:
    def __init__(self, store: Store, file_salt: str, run_salt: str, rules_salt: str = "") -> None:
        self.store = store
        self.file_salt = file_salt
        self.run_salt = run_salt
        self.rules_salt = rules_salt
        """What shapes the rules' findings besides the documents (not the paths asked about,
        nor the baseline, which act on findings afterwards): empty, never kept."""
        self.since = time.time_ns()
        """Before any file's stat is taken (:func:`resilint.cache.settled`)."""
        self._rules: tuple[EngineRecord, Sequence[Finding], Sequence[Finding]] | None = None
        """The record of this run's rule findings, to keep, and the findings and reference
        findings it is to hold: made into the cache's lists only as it is written (72,000
        findings are 50 MB of lists, not to be held through the run beside the findings)."""
        self._stamps: tuple[Discovery, str, tuple[str, ...]] | None = None
        self._places: tuple[Sequence[Document], str] | None = None
        self._stats: dict[str, str | None] = {}
        self._discovered: dict[str, bytes] = {}
        """The stats discovery took, by path: files are not stat'ed again."""
        self._key: tuple[Discovery, str] | None = None
        self.positions: Positions = {}
        """Positions in the files served from the cache, for the run's locator."""
        self._served: dict[str, int] = {}
        """Files served from the cache, with how many positions they came with. Their entries
        are dropped once served: the run's own objects are written back where needed."""

    @cached_property
    def _shards(self) -> tuple[dict[str, Any], dict[str, frozenset[str]]]:
        """Every shard's per-file entries, merged, and each shard's files as read (to tell a
        shard that must be written again); read only when the whole result was not reused."""
        entries: dict[str, Any] = {}
        files: dict[str, frozenset[str]] = {}
        for number in range(SHARDS):
            name = f"files-{number:02x}.json"
            data = self.store.read(name)
            usable = isinstance(data, dict) and data.get("salt") == self.file_salt
            shard = data.get("entries") if usable else None
            shard = shard if isinstance(shard, dict) else {}
            files[name] = frozenset(shard)
            entries.update(shard)
        return entries, files

    @property
    def _entries(self) -> dict[str, Any]:
        return self._shards[0]

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
                law_off=tuple(str(code) for code in data["law_off"]),
                law_on=tuple(str(code) for code in data["law_on"]),
                law_patterns=tuple(str(pattern) for pattern in data["law_patterns"]),
                kind_unknown=tuple(
                    (str(path), int(line), str(entity))
                    for path, line, entity in data["kind_unknown"]
                ),
            )
        except (KeyError, IndexError, TypeError, ValueError):
            return None

    def file(self, path: str) -> FileResult | None:
        entry = self._entries.get(path)
        stat = self.stat(path)
        if not entry or stat is None or entry[0] != stat:
            return None
        try:
            file = file_in(entry[1])
            self.positions[path] = _positions_in(entry[2])
        except (KeyError, IndexError, TypeError, ValueError):
            return None
        self._served[path] = len(self.positions[path])
        # the entry as read is not kept beside the objects made from it (at 100,000 documents
        # they would be tens of MB); save() writes those objects back where a shard changed
        del self._entries[path]
        return file

    def valid_data(self, path: str) -> tuple[Any, ...]:
        """The data of each document of ``path``'s last version by its place in the file
        (:data:`resilint.validate.NO_DATA` where there was none), when that version had no
        finding at all: every document in it was valid, under the same schemas (the shards'
        salt names them). Empty when there is no such version."""
        entry = self._entries.get(path)
        try:
            if not entry or entry[1][0]:
                return ()
            documents = [document_in(d) for d in entry[1][1]]
            data = [NO_DATA] * max((int(d.index) + 1 for d in documents), default=0)
            for document in documents:
                data[document.index] = document.data
        except (KeyError, IndexError, TypeError, ValueError):
            return ()
        return tuple(data)

    def kept_findings(
        self,
        found: Discovery,
        documents: Sequence[Document],
        locator: Locator,
        unreadable: tuple[str, ...] = (),
    ) -> KeptRun | None:
        """The last evaluation's findings, when no document has changed since in a field the
        rules or the reference checks read; None when they must be evaluated. The reference
        checks also read which files could not be read (``unreadable``, in their order) and
        the text of each: where those files are others, or one of them changed, so may what
        they read, and everything is evaluated."""
        record = self._rules_read()
        if record is None or record.salt != self.rules_salt or record.unreadable != unreadable:
            return None
        names, stamps = self._files(found)
        if record.names != names:
            return None
        if record.identity != self._identity(documents) or len(record.stamps) != len(stamps):
            return None
        changed = {
            path: self._before(path, was)
            for path, was, now in zip(found.names, record.stamps, stamps, strict=True)
            if was != now
        }
        if not unchanged_for_rules(record, changed, documents):
            return None
        try:
            kept = [finding_in(f) for f in record.findings]
        except (KeyError, IndexError, TypeError, ValueError):
            return None
        findings = relocated(kept, changed, documents, locator)
        references = self._references(record, changed, documents, locator, unreadable)
        if findings is None or references is None:
            return None
        return KeptRun(findings, references, record.reads, record.heard)

    def _references(
        self,
        record: EngineRecord,
        changed: Mapping[str, Before | None],
        documents: Sequence[Document],
        locator: Locator,
        unreadable: tuple[str, ...],
    ) -> list[Finding] | None:
        if not changed.keys().isdisjoint(unreadable):
            return None
        try:
            kept = [finding_in(f) for f in record.references]
        except (KeyError, IndexError, TypeError, ValueError):
            return None
        return relocated(kept, changed, documents, locator)

    def keep_rules(
        self,
        found: Discovery,
        documents: Sequence[Document],
        reads: Mapping[str, Any],
        findings: Sequence[Finding],
        references: Sequence[Finding],
        unreadable: tuple[str, ...] = (),
        heard: tuple[str, ...] = (),
    ) -> None:
        """Keep this run's rule and reference findings, the fields read to find them, the
        files that could not be read and the suppressions the findings rest on, for the next."""
        if self.rules_salt:
            names, stamps = self._files(found)
            record = EngineRecord(
                self.rules_salt,
                names,
                tuple(
                    now if settled(taken, self.since) else stamp_digest(UNSETTLED + taken.hex())
                    for now, taken in zip(stamps, found.stamps, strict=True)
                ),
                self._identity(documents),
                {kind: frozenset(seen) for kind, seen in reads.items()},
                (),
                (),
                unreadable,
                heard,
            )
            self._rules = (record, tuple(findings), tuple(references))

    def _files(self, found: Discovery) -> tuple[str, tuple[str, ...]]:
        """The files' paths as one key and each file's stat digest: worked out once a run."""
        if self._stamps is None or self._stamps[0] is not found:
            self._stamps = (found, _names(found), tuple(stamp_digest(s) for s in found.stamps))
        return self._stamps[1], self._stamps[2]

    def _identity(self, documents: Sequence[Document]) -> str:
        if self._places is None or self._places[0] is not documents:
            self._places = (documents, identity(documents))
        return self._places[1]

    def _rules_read(self) -> EngineRecord | None:
        if not self.rules_salt:
            return None
        return EngineRecord.read(self.store.read(RULES))

    def _before(self, path: str, was: str) -> Before | None:
        """The cache's entry for ``path`` if it is the one of the record's time."""
        entry = self._entries.get(path)
        if not entry or stamp_digest(entry[0]) != was:
            return None
        try:
            documents = tuple(document_in(d) for d in entry[1][1])
            return Before(entry[0], documents, _positions_in(entry[2]))
        except (KeyError, IndexError, TypeError, ValueError):
            return None

    def save(
        self,
        found: Discovery,
        files: Sequence[FileResult],
        result: Result,
        positions: Mapping[str, Mapping[Position, tuple[int, int]]],
    ) -> None:
        files_read = self._shards[1]
        shards: dict[str, dict[str, tuple[str, FileResult, Any]]] = {n: {} for n in files_read}
        changed: set[str] = set()
        for key, file in zip(found.names, files, strict=True):
            stat = self.stat(key)
            if stat is None or _over_budget(file):
                continue  # whether a file fits the run's budget depends on the others
            if not settled(bytes.fromhex(stat), self.since):
                stat = UNSETTLED + stat
            known = positions.get(key, {})
            name = shard_name(key)
            # read anew, or served from the cache and given positions it did not have
            if self._served.get(key) != len(known):
                changed.add(name)
            shards[name][key] = (stat, file, known)
        for name, entries in shards.items():
            if name in changed or entries.keys() != files_read[name]:
                written = {
                    key: [stat, file_out(file), _positions_out(known)]
                    for key, (stat, file, known) in entries.items()
                }
                self.store.write(name, {"salt": self.file_salt, "entries": written})
        # the record names each file's stat: it is never believed for an entry of another time
        if self._rules is not None and not result.crashes:
            self._write_rules(*self._rules)
        self._rules = None
        # a crash is worth reproducing, not remembering; a file's stat that may stay the same
        # across a change to it (see settled) keys nothing
        if not result.crashes and all(settled(s, self.since) for s in found.stamps):
            self.store.write(
                RESULT,
                {
                    "key": self._run_key(found),
                    "files": result.files,
                    "documents": result.documents,
                    "findings": [finding_out(f) for f in result.findings],
                    "crashes": [finding_out(f) for f in result.crashes],
                    "law_off": list(result.law_off),
                    "law_on": list(result.law_on),
                    "law_patterns": list(result.law_patterns),
                    "kind_unknown": [list(entity) for entity in result.kind_unknown],
                },
            )

    def _write_rules(
        self, record: EngineRecord, findings: Sequence[Finding], references: Sequence[Finding]
    ) -> None:
        """The record with its findings as the cache keeps them, made here and let go once
        written: a run with many findings holds one copy of them in lists at a time."""
        findings_out = [finding_out(f) for f in findings]
        references_out = [finding_out(f) for f in references]
        self.store.write(
            RULES,
            dataclasses.replace(record, findings=findings_out, references=references_out).out(),
        )


def _names(found: Discovery) -> str:
    """The files' paths in discovery's order (no path holds a NUL)."""
    return sha256("\x00".join(found.names).encode("utf-8", "surrogatepass")).hexdigest()


def _positions_out(positions: Mapping[Position, tuple[int, int]]) -> list[Any]:
    return [[index, list(path), on_key, *at] for (index, path, on_key), at in positions.items()]


def _positions_in(data: list[Any]) -> dict[Position, tuple[int, int]]:
    return {
        (int(index), tuple(path), bool(on_key)): (int(line), int(column))
        for index, path, on_key, line, column in data
    }


def _over_budget(file: FileResult) -> bool:
    return any(f.code == "FILE-05" for f in file.findings)
