"""The last run's rule findings, kept when an edit cannot have changed them (early cutoff).

Once unchanged files come from the cache, evaluating the rules is most of a check. A run that
evaluates them records which top-level fields of each kind of document were read while the
model was built and the rules ran: a document's data is then a :class:`Watched` mapping, which
notes each key asked for, and notes the whole mapping when it is looked at as a whole (its
length, its keys, items or values, a comparison, a copy). An evaluation is deterministic: given
the same values in the fields it reads, it reads the same fields and finds the same findings.
So when the next run's documents are the last run's, in the same files at the same places,
except for fields no evaluation read (a description reworded; comments, quoting, blank lines or
the order of keys changed), its findings are the last run's, their positions in the edited
files found again. Anything else, or any doubt, evaluates the rules as before.

What is kept (:class:`EngineRecord`) names the salt of everything else that shapes findings
(resilint, its rules, the configuration, the as-of date), every file's stat at the time, and
every document's place. A file whose stat differs is compared with the entry the cache holds
for it, which must be the one of that time: a record and the entries it relied on written by
two runs at once are never mixed.
"""

from __future__ import annotations

import binascii
import dataclasses
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from resilint.digests import blake2b, sha256
from resilint.findings import Finding, Related
from resilint.locate import Locator, Position
from resilint.model import Document
from resilint.serialize import same_data

WHOLE = "\x00whole"
"""A kind's mappings looked at as a whole (no YAML key holds a NUL: the reader refuses it)."""

Reads = dict[str, set[str]]
"""Fields read, by kind of document."""


def field_name(key: Any) -> str:
    """How a key is recorded: itself when text, else its type and value (``1`` is not ``"1"``)."""
    return key if key.__class__ is str else f"\x00{type(key).__name__}:{key!r}"


class Watched(dict):  # type: ignore[type-arg]
    """A document's data while reads are recorded: each key asked for is noted in ``seen``."""

    __slots__ = ("seen",)

    def __init__(self, data: Mapping[Any, Any], seen: set[str]) -> None:
        dict.__init__(self, data)
        self.seen = seen

    def __getitem__(self, key: Any) -> Any:
        self.seen.add(key if key.__class__ is str else field_name(key))
        return dict.__getitem__(self, key)

    def get(self, key: Any, default: Any = None) -> Any:
        self.seen.add(key if key.__class__ is str else field_name(key))
        return dict.get(self, key, default)

    def __contains__(self, key: object) -> bool:
        self.seen.add(key if key.__class__ is str else field_name(key))
        return dict.__contains__(self, key)

    def _whole(self) -> None:
        self.seen.add(WHOLE)

    def keys(self) -> Any:
        self._whole()
        return dict.keys(self)

    def items(self) -> Any:
        self._whole()
        return dict.items(self)

    def values(self) -> Any:
        self._whole()
        return dict.values(self)

    def __iter__(self) -> Iterator[Any]:
        self._whole()
        return dict.__iter__(self)

    def __reversed__(self) -> Iterator[Any]:
        self._whole()
        return dict.__reversed__(self)

    def __len__(self) -> int:
        self._whole()
        return dict.__len__(self)

    def __eq__(self, other: object) -> bool:
        self._whole()
        return dict.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        self._whole()
        return dict.__ne__(self, other)

    __hash__ = None

    def __repr__(self) -> str:
        self._whole()
        return dict.__repr__(self)

    def __or__(self, other: Any) -> Any:
        self._whole()
        return dict(self.items()) | other

    def __ror__(self, other: Any) -> Any:
        self._whole()
        return other | dict(self.items())

    def copy(self) -> dict[Any, Any]:
        self._whole()
        return dict(dict.items(self))

    def __reduce__(self) -> Any:  # pickle and copy: a plain mapping, all of it read
        self._whole()
        return (dict, (dict(dict.items(self)),))

    def _written(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("a document's data is read-only while the rules run")

    __setitem__ = __delitem__ = __ior__ = _written
    setdefault = pop = popitem = clear = update = _written


class Recorder:
    """The fields read in this process while it records, by kind."""

    def __init__(self) -> None:
        self.reads: Reads = {}
        self._watched: list[tuple[Document, Watched]] = []
        self._pid = os.getpid()

    def watch(self, documents: Iterable[Document]) -> None:
        """From now on, reads of these documents' data are noted. The data is copied into the
        noting mapping and the document holds only the copy, so the original is let go while
        the rules run (not a second mapping per document kept for nothing)."""
        for document in documents:
            seen = self.reads.setdefault(document.kind, set())
            watched = Watched(document.data, seen)
            self._watched.append((document, watched))
            object.__setattr__(document, "data", watched)

    def release(self) -> None:
        """Plain data again (what later steps and the cache read): the same keys and values,
        copied without noting a read, one document at a time."""
        while self._watched:
            document, watched = self._watched.pop()
            object.__setattr__(document, "data", dict(dict.items(watched)))

    def snapshot(self) -> dict[str, frozenset[str]]:
        """What a process the rules were spread to has noted, to send back (nothing in the
        process that records: its notes are already in :attr:`reads`)."""
        if os.getpid() == self._pid:
            return {}
        return {kind: frozenset(seen) for kind, seen in self.reads.items()}

    def merge(self, snapshot: Mapping[str, Iterable[str]]) -> None:
        for kind, seen in snapshot.items():
            self.reads.setdefault(kind, set()).update(seen)


def changed_fields(old: Mapping[Any, Any], new: Mapping[Any, Any]) -> set[str]:
    """The top-level fields whose values differ, and :data:`WHOLE` when the keys or their
    order do."""
    changed = {field_name(k) for k in old.keys() ^ new.keys()}
    changed |= {field_name(k) for k in old.keys() & new.keys() if not same_data(old[k], new[k])}
    if changed or list(old) != list(new):
        changed.add(WHOLE)
    return changed


def stamp_digest(stamp: bytes | str | None) -> str:
    """A file's stat in a few characters (a missing stat never matches one)."""
    if stamp is None:
        return "-" * 12
    data = stamp.encode() if isinstance(stamp, str) else stamp.hex().encode()
    return binascii.b2a_base64(blake2b(data, digest_size=9).digest(), newline=False).decode()


def identity(documents: Sequence[Document]) -> str:
    """Every document's place: file, position in it, kind and id. (Not its first line: no rule
    reads it, and findings in a changed file are placed again.)"""
    places = "\x00".join(  # no path, kind or id holds a NUL: the reader refuses it
        f"{d.path}\x01{d.index}\x01{d.kind}\x01{chr(2) if d.id is None else d.id}"
        for d in documents
    )
    return sha256(places.encode("utf-8", "surrogatepass")).hexdigest()


@dataclasses.dataclass(frozen=True)
class EngineRecord:
    """The rules' findings of a run, with what they were evaluated on."""

    salt: str
    """Everything but the documents that shapes findings."""
    names: str
    """Fingerprint of the files' paths, in discovery's order."""
    stamps: tuple[str, ...]
    """Each file's :func:`stamp_digest`, in that order."""
    identity: str
    reads: Mapping[str, frozenset[str]]
    findings: Sequence[Any]
    """As the cache keeps findings (:func:`resilint.serialize.finding_out`): read back only
    when they are kept."""
    references: Sequence[Any] = ()
    """The reference checks' findings, kept alike (they read the documents within the same
    record)."""
    unreadable: tuple[str, ...] = ()
    """The files that could not be read, in the order the reference checks took them: they
    name the first in a reference to a document that does not exist, and look in their text
    for the documents a reference names."""
    heard: tuple[str, ...] = ()
    """The suppressions the findings rest on (:meth:`resilint.checker._Hearing.of`): a run is
    reused only while they are the same. A record without them was kept only where the
    findings rested on none."""

    def out(self) -> dict[str, Any]:
        return {
            "salt": self.salt,
            "names": self.names,
            "stamps": "".join(self.stamps),
            "identity": self.identity,
            "reads": {kind: sorted(seen) for kind, seen in self.reads.items()},
            "findings": list(self.findings),
            "references": list(self.references),
            "unreadable": list(self.unreadable),
            "heard": list(self.heard),
        }

    @classmethod
    def read(cls, data: Any) -> EngineRecord | None:
        try:
            stamps = data["stamps"]
            width = len(stamp_digest(None))
            findings, references = data["findings"], data["references"]
            unreadable = data["unreadable"]  # a record of an earlier version has none: not kept
            heard = data.get("heard", [])
            if not all(isinstance(v, list) for v in (findings, references, unreadable, heard)):
                return None
            return cls(
                str(data["salt"]),
                str(data["names"]),
                tuple(stamps[i : i + width] for i in range(0, len(stamps), width)),
                str(data["identity"]),
                {str(k): frozenset(map(str, v)) for k, v in data["reads"].items()},
                findings,
                references,
                tuple(map(str, unreadable)),
                tuple(map(str, heard)),
            )
        except (KeyError, IndexError, TypeError, ValueError, AttributeError):
            return None


@dataclasses.dataclass(frozen=True)
class KeptRun:
    """What the last evaluation found, placed anew: the rules' findings, the reference checks',
    and the fields read to find them."""

    findings: list[Finding]
    references: list[Finding]
    reads: Mapping[str, frozenset[str]]
    heard: tuple[str, ...] = ()
    """The suppressions they rest on, as the run that found them judged them."""


@dataclasses.dataclass(frozen=True)
class Before:
    """What the cache held for a file whose stat changed since the record was made."""

    stamp: str | None
    documents: tuple[Document, ...]
    positions: Mapping[Position, tuple[int, int]]


def unchanged_for_rules(
    record: EngineRecord, changed: Mapping[str, Before | None], documents: Sequence[Document]
) -> bool:
    """Whether every document of a file ``changed`` since the record differs from what the
    record's rules were evaluated on only in fields they did not read."""
    by_path: dict[str, list[Document]] = {}
    for document in documents:
        if document.path in changed:
            by_path.setdefault(document.path, []).append(document)
    for path, before in changed.items():
        now = by_path.get(path, [])
        if before is None:
            if now:
                return False  # documents the cache has no earlier data for
            continue
        if len(before.documents) != len(now):
            return False
        for old, new in zip(before.documents, now, strict=True):
            read = record.reads.get(new.kind, frozenset())
            differ = changed_fields(old.data, new.data)
            if differ & read or (differ and WHOLE in read):
                return False
    return True


def relocated(
    findings: Sequence[Finding],
    changed: Mapping[str, Before | None],
    documents: Sequence[Document],
    locator: Locator,
) -> list[Finding] | None:
    """``findings`` with their places in changed files found again in the new text, or None
    when one cannot be found for certain (or carries a fix, whose edits name the old text's
    lines and columns)."""
    # by their place in the file: a document that is not one (only a comment between two
    # ``---``, a list) takes a place and leaves a gap, so a position is not a list's index
    in_file: dict[str, dict[int, Document]] = {}
    for document in documents:
        if document.path in changed:
            in_file.setdefault(document.path, {})[document.index] = document
    places: dict[str, dict[tuple[int, int], list[Position]]] = {}
    for path, before in changed.items():
        if before is not None:
            places[path] = {}
            for position, at in before.positions.items():
                places[path].setdefault(at, []).append(position)

    def again(path: str, line: int, column: int, json_path: Any) -> tuple[int, int] | None:
        if path not in places:
            return None
        candidates = places[path].get((line, column), [])
        docs = in_file.get(path, {})
        found = {
            locator.position(docs[index], where, on_key)
            for index, where, on_key in candidates
            if index in docs and (json_path is None or where == json_path)
        }
        return found.pop() if len(found) == 1 else None

    result: list[Finding] = []
    for finding in findings:
        if finding.path in changed and finding.fix is not None:
            return None  # a fix's edits name lines and columns of the old text
        if finding.path in changed:
            place = again(finding.path, finding.line, finding.column, finding.json_path)
            if place is None:
                return None
            finding = dataclasses.replace(finding, line=place[0], column=place[1])
        if any(r.path in changed for r in finding.related):
            related: list[Related] = []
            for r in finding.related:
                if r.path in changed:
                    moved = again(r.path, r.line, r.column, None)
                    if moved is None:
                        return None
                    r = Related(r.path, moved[0], moved[1], r.message)
                related.append(r)
            finding = dataclasses.replace(finding, related=tuple(related))
        result.append(finding)
    return result
