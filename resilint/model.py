"""Documents and the index that joins them by id."""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from resilint.reporters.base import listed, printable
from resilint.schemas import RefField
from resilint.suggest import Budget, closest, skeleton


@dataclass(frozen=True, slots=True)
class Document:
    """A resilint document: where it is, what kind it is, its id and its data."""

    path: str
    index: int
    line: int
    kind: str
    id: str | None
    data: dict[str, Any] = field(compare=False, hash=False)

    @property
    def label(self) -> str:
        """How messages name the document: ``contract ctr-acme``."""
        words = kind_words(self.kind)
        return f"{words} {self.id}" if self.id else words


def caseless(text: str) -> str:
    """Text as two records are compared by a reader: case aside, and each letter the same however
    it is encoded. 'Zürich' typed on one keyboard is one character 'ü', pasted from a PDF or saved
    on macOS it is 'u' and a combining diaeresis: the two display alike and are one name (NFKC,
    which also reads a full-width or ligature letter as the plain one). Plain ASCII text, almost
    all of it, is only case-folded: ``unicodedata`` is imported for the rest alone."""
    if text.isascii():
        return text.casefold()
    import unicodedata  # lazily: its tables are large, and only non-ASCII text needs them

    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


def kind_words(kind: str) -> str:
    """A kind in the words of messages: ``InsurancePolicy``: ``insurance policy``."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", kind).lower()


def kind_plural(kind: str) -> str:
    """Documents of a kind in words: ``insurance policies``, ``entities``, ``contracts``."""
    words = kind_words(kind)
    return words[:-1] + "ies" if words.endswith("y") else words + "s"


class Index:
    """Every document by kind and id, for references and cross-document rules."""

    def __init__(self, documents: Iterable[Document]) -> None:
        self.documents: list[Document] = list(documents)
        self._by_kind: dict[str, list[Document]] = defaultdict(list)
        self._by_id: dict[str, dict[str, Document]] = defaultdict(dict)
        """By kind, then id (no key made per document)."""
        self.duplicates: list[tuple[Document, Document]] = []
        self._referrers: dict[RefField, dict[str, list[Document]]] = {}
        self._having: dict[tuple[str, str], dict[str, list[Document]]] = {}
        self._buckets: dict[str, dict[str, list[str]]] = {}
        self._folded_names: dict[str, dict[str, set[str]]] = {}
        for doc in self.documents:
            self._by_kind[doc.kind].append(doc)
            if doc.id is None:
                continue
            first = self._by_id[doc.kind].setdefault(doc.id, doc)
            if first is not doc:
                self.duplicates.append((first, doc))

    def of_kind(self, kind: str) -> list[Document]:
        return self._by_kind.get(kind, [])

    def get(self, kind: str, doc_id: str) -> Document | None:
        """The document of ``kind`` with the id ``doc_id``. A reference written as a list or a
        mapping (``supplier: [acme]``, SCH-01's finding) names none: looked up as it is, it would
        stop the rule or command following it (unhashable)."""
        of_kind = self._by_id.get(kind)
        try:
            return of_kind.get(doc_id) if of_kind is not None else None
        except TypeError:  # unhashable
            return None

    def namesakes(self, kind: str, doc_id: str) -> list[Document]:
        """Every ``kind`` document with the id ``doc_id``: the one :meth:`get` gives first,
        then those DOC-02 reports as sharing it (which of them is meant, nothing says)."""
        first = self.get(kind, doc_id)
        if first is None:
            return []
        return [first, *(again for seen, again in self.duplicates if seen is first)]

    def ids(self, kind: str) -> Iterator[str]:
        return (doc.id for doc in self.of_kind(kind) if doc.id is not None)

    def similar_ids(self, kind: str, value: str, budget: Budget) -> list[str] | None:
        """Ids of ``kind`` that could be a typo of ``value``: the same first letter as it
        reads (a Cyrillic small a reads as a Latin one), length within three. Bucketed once, so
        suggesting costs little even in a register of 100,000; each id of the letter's bucket
        is a comparison of ``budget``, and None says it ran out."""
        if kind not in self._buckets:
            buckets: dict[str, list[str]] = defaultdict(list)
            for doc_id in self.ids(kind):
                buckets[doc_id[:1]].append(doc_id)
            self._buckets[kind] = dict(buckets)
        bucket = self._buckets[kind].get(skeleton(value)[:1], [])
        if not budget.spend(len(bucket)):
            return None
        return [i for i in bucket if abs(len(i) - len(value)) <= 3]

    def meant(self, kind: str, value: str, budget: Budget) -> str | None:
        """The id of ``kind`` a reference to ``value``, which names none, most likely means:
        a typo of it (:meth:`similar_ids`), the one id that differs from it in case alone
        (``Warehousing`` for ``warehousing``), or the one id it is the start of, up to a
        hyphen, underscore or dot (``last-mile`` for ``last-mile-delivery``). REF-01 suggests
        it, and a rule that counts the documents referring to it waits for the reference to be
        corrected (:mod:`resilint.domain.misnamed`). A reference written as the document's
        name (``supplier: Netzwacht Systemhaus GmbH``) means the one document of that name."""
        named = self.named(kind, value)
        if named is not None:
            return named
        similar = self.similar_ids(kind, value, budget)
        close = closest(value, similar, budget) if similar is not None else None
        if close is not None or not value or not budget.spend(len(self.of_kind(kind))):
            return close
        folded = caseless(value)
        same = [i for i in self.ids(kind) if caseless(i) == folded]
        if len(same) == 1:
            return same[0]
        longer = [
            i
            for i in self.ids(kind)
            if len(i) > len(value) and i[len(value)] in "-_." and caseless(i).startswith(folded)
        ]
        return longer[0] if len(longer) == 1 else None

    def named(self, kind: str, value: str) -> str | None:
        """The id of the one document of ``kind`` whose ``name`` is ``value`` (in any case),
        or None."""
        same = self.having(kind, "name", value)
        if same:
            ids = {d.id for d in same if d.id is not None}
        else:
            if kind not in self._folded_names:  # a table built once: REF-01 asks per reference
                table: dict[str, set[str]] = defaultdict(set)
                for doc in self.of_kind(kind):
                    name = doc.data.get("name")
                    if isinstance(name, str) and doc.id is not None:
                        table[caseless(name).strip()].add(doc.id)
                self._folded_names[kind] = dict(table)
            ids = set(self._folded_names[kind].get(caseless(value).strip(), ()))
        return ids.pop() if len(ids) == 1 else None

    def having(self, kind: str, field: str, value: str) -> list[Document]:
        """Documents of ``kind`` whose top-level ``field`` is ``value`` (a table built once)."""
        key = (kind, field)
        if key not in self._having:
            table: dict[str, list[Document]] = defaultdict(list)
            for doc in self.of_kind(kind):
                found = doc.data.get(field)
                if isinstance(found, str):
                    table[found].append(doc)
            self._having[key] = dict(table)
        try:
            return self._having[key].get(value, [])
        except TypeError:  # a list or a mapping (unhashable), as :meth:`get` says
            return []

    def referrers(self, field: RefField) -> dict[str, list[Document]]:
        """Documents of ``field``'s kind by the id their ``field`` names (built once)."""
        if field not in self._referrers:
            table: dict[str, list[Document]] = defaultdict(list)
            listed: set[tuple[str, Document]] = set()  # not a walk of the list for each
            for doc in self.of_kind(field.kind):
                for _, value in field.values(doc.data):
                    if isinstance(value, str) and (value, doc) not in listed:
                        listed.add((value, doc))
                        table[value].append(doc)
            self._referrers[field] = dict(table)
        return self._referrers[field]


def from_root(path: str, root: str) -> str:
    """A document's path (as shown: from the working directory) as a message names it:
    relative to ``root``, the repository's (:func:`message_root`), so that a message reads the
    same from wherever the check runs and in every format, as SARIF's and GitHub's file names
    do; as shown where ``root`` is empty or the file is outside it."""
    if not root:
        return path
    relative = os.path.relpath(os.path.normpath(Path.cwd() / path), root)
    return path if relative.split(os.sep, 1)[0] == os.pardir else Path(relative).as_posix()


def message_root(directory: Path) -> str:
    """The root paths in messages are relative to, for a repository whose configuration is in
    ``directory``: the git work tree holding it (the root SARIF's and GitHub's file names are
    relative to), else that directory."""
    from resilint.userfiles import work_tree  # app.py has it loaded already for a check

    place = Path(os.path.normpath(Path.cwd() / directory))
    return str(work_tree(place) or place)


def ambiguous(namesakes: list[Document], value: str) -> str:
    """Why a command refuses an id several documents of one kind share (DOC-02)."""
    where = listed([f"{d.path}:{d.line}" for d in namesakes])
    return (
        f"{len(namesakes)} documents have the {namesakes[0].kind} id '{printable(value)}' "
        f"({where}), so which one is meant is unknown; give each its own id "
        "(DOC-02: `resilint check` says where)"
    )
