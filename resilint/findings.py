"""The finding: an immutable value, built complete, that every stage produces and reporters read."""

from __future__ import annotations

import enum
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from resilint.digests import sha256

JsonPath = tuple[str | int, ...]


class Level(enum.IntEnum):
    """Severity of a finding; higher is more severe so levels compare naturally."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Level:
        return cls[text.upper()]


FAIL_ON_NEVER = "never"
"""The ``fail_on`` that fails the run on no finding."""


def fails_gate(fail_on: str, level: Level) -> bool:
    """Whether a finding of ``level`` that counts fails the run under ``fail_on`` (exit status
    1): what the exit status and every output that marks a finding failed agree on."""
    return fail_on != FAIL_ON_NEVER and level >= Level.parse(fail_on)


@dataclass(frozen=True, slots=True)
class Related:
    """Another place involved in a finding: the other document of a cross-document check."""

    path: str
    line: int
    column: int
    message: str


@dataclass(frozen=True, slots=True)
class Elsewhere:
    """A field of another document a finding was judged on (a Python check's: BCM-03 judges a
    supplier's service against its functions' recovery objectives and their plans' degraded
    mode): while it fails the schema, the finding is not made."""

    path: str
    kind: str | None
    doc_id: str | None
    json_path: JsonPath


@dataclass(frozen=True)
class Part:
    """One of the gaps a finding folds together (several gaps of one rule in one section are
    one finding): where it is and what it says, so that a waiver narrowed to one field or to
    what it names waives the finding only when it covers every gap."""

    json_path: JsonPath
    message: str
    lead: str = ""
    """The words its message begins with that the other gaps of its finding share (the
    contract and why the rule asks it of it): said once where they are folded."""
    needs: tuple[JsonPath, ...] = ()
    """The other fields of its document the gap was judged on (``start_date`` for an end date
    that must follow it): while one of them fails the schema, the gap is not said."""


def folded(messages: Sequence[str], lead: str = "") -> str:
    """The message of a finding that folds several gaps: the first gap's words, then
    ``; also:`` and the others' (``A; also: B; C``): built so by every rule that folds, and
    read so where a waiver narrowed to one field splits such a finding. The ``lead`` the
    messages begin with (``contract ctr-x supports a critical or important function but``) is
    said once, with the first: the others say what follows it."""
    first, *rest = messages
    return first + "; also: " + "; ".join(_after(m, lead) for m in rest) if rest else first


def _after(message: str, lead: str) -> str:
    """The message without the words it begins with, ``lead``, when it begins with them."""
    if lead and message.startswith(lead + " "):
        return message[len(lead) + 1 :]
    return message


@dataclass(frozen=True)
class Suppression:
    """Why a finding does not count: an inline comment, an approved Waiver, the baseline, or
    the configuration's per_file_ignores."""

    kind: str
    """``inline``, ``waiver``, ``baseline`` or ``per-file``."""
    justification: str
    source: str
    """Where the suppression is: ``path:line`` of the comment, the waiver's id, or the file."""


class Applicability(enum.Enum):
    """How far a fix can be trusted, as ruff says it: a safe fix keeps what the file means
    (``resilint fix`` applies it); an unsafe one guesses what was meant (a misspelt field, a
    field one level out) and is applied only with ``--unsafe-fixes``."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class Edit:
    """Replace the text from (``line``, ``column``) up to, not including, (``end_line``,
    ``end_column``) with ``text``; 1-based, columns counting characters as editors do. An
    insertion has an empty range."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str


@dataclass(frozen=True)
class Fix:
    """A mechanical remedy for a finding: what to change, where, and how safe it is.

    ``changes`` are the JSON paths, in the finding's document, whose value the fix may change:
    everything else must mean the same after it, or the fix is refused. ``keeps`` pairs a path
    before the fix with the path that holds the same value after it (a renamed or moved field).
    """

    title: str
    applicability: Applicability
    edits: tuple[Edit, ...]
    changes: tuple[JsonPath, ...] = ()
    keeps: tuple[tuple[JsonPath, JsonPath], ...] = ()

    @property
    def safe(self) -> bool:
        return self.applicability is Applicability.SAFE


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem, at one place, with everything a reporter needs to show it."""

    code: str
    name: str
    level: Level
    message: str
    path: str
    line: int
    column: int
    kind: str | None = None
    doc_id: str | None = None
    json_path: JsonPath = ()
    related: tuple[Related, ...] = field(default=())
    suppression: Suppression | None = None
    discriminator: str = ""
    """Tells apart findings of one rule at one place (which requirement failed)."""
    fix: Fix | None = None
    """The mechanical remedy, when there is one; never part of the fingerprint."""
    parts: tuple[Part, ...] = ()
    """The gaps it folds, when it folds several; never part of the fingerprint."""
    needs: tuple[JsonPath, ...] = ()
    """The other fields of its document it was judged on, when it folds no gaps (each part
    says its own): while one of them fails the schema, the finding is not made (the schema
    error says what is wrong, and the rule could only judge the mistyped value). Never part
    of the fingerprint."""
    elsewhere: tuple[Elsewhere, ...] = ()
    """The fields of other documents it was judged on, held back alike (:attr:`needs`)."""
    note: str = ""
    """The words its message ends with that hold for every gap it folds (a time-aware rule's
    `` (as of 2026-12-01)``): kept where a waiver or a mistyped field narrows it to some of
    them. Never part of the fingerprint."""
    about: tuple[JsonPath, ...] = field(default=(), compare=False)
    """The fields of its document its gaps are about where the finding points elsewhere (a
    rule reporting at the service a gap in its ``exit_plan.reference``): another rule that
    leaves that field's gap to it (``unless_reported_by``) then says nothing. Read while the
    rules run; not kept in the cache, never part of the fingerprint."""

    @property
    def fingerprint(self) -> str:
        """Stable across unrelated edits: rule, document kind and id, and JSON path (never the
        line), so baselines and code-scanning alerts follow the finding, not its position."""
        anchor = f"{self.kind}/{self.doc_id}" if self.doc_id else self.path
        parts = [self.code, anchor, format_json_path(self.json_path), self.discriminator]
        key = "\x1f".join([*parts, self._detail])
        return sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]

    @property
    def _detail(self) -> str:
        # Findings without a document (unreadable files) are told apart by their message.
        return "" if self.doc_id else self.message

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)

    def __reduce__(self) -> tuple[type[Finding], tuple[Any, ...]]:
        """Pickled as the arguments that make it, as a process sends back its findings: a
        quarter faster to write and to read than the dataclass's state field by field."""
        return Finding, _arguments(self)


_arguments: Callable[[Finding], tuple[Any, ...]] = operator.attrgetter(
    *(f.name for f in fields(Finding))
)


def format_json_path(path: JsonPath) -> str:
    """Render a JSON path as people write it in YAML: ``contacts.escalation[0].email``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out
