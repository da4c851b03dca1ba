"""What a check yields: per file before the rules run (the unit the cache keeps), and in all."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from resilint.core_checks import CORE_CHECKS
from resilint.findings import Finding
from resilint.inline import InlineSuppression
from resilint.model import Document


@dataclass(frozen=True, slots=True)
class FileResult:
    """One file's documents and what reading and validating it found."""

    findings: tuple[Finding, ...]
    documents: tuple[Document, ...]
    suppressions: tuple[InlineSuppression, ...]
    nodes: int = 0
    """Values its documents hold, aliases expanded: what the run's node budget counts."""


@dataclass(frozen=True)
class Result:
    """What a check found, with how many files and documents it read."""

    findings: tuple[Finding, ...]
    files: int
    documents: int
    crashes: tuple[Finding, ...] = ()
    ran: frozenset[str] | None = None
    """The codes of the rules that ran (None: not known, as for a result kept by the cache):
    a baseline entry of a rule that did not run is not judged."""
    law_off: tuple[str, ...] = ()
    """The rules of a regime in effect that ``ignore`` turns off (DORA's contract clauses for
    an entity under DORA): said in every report, so that a passing run is not read as a
    programme that meets what the law asks."""
    law_on: tuple[str, ...] = ()
    """The rules of a regime in effect that ran: where the configuration sets one's level below
    ``fail_on`` or ``per_file_ignores`` turns it off for some files, every report says so."""
    law_patterns: tuple[str, ...] = ()
    """The ``per_file_ignores`` patterns that turn off some of :attr:`law_on` for a file that
    holds a document."""
    kind_unknown: tuple[tuple[str, int, str], ...] = ()
    """The entities under NIS2 that record no ``nis2_entity_type`` while CTR-12 runs, as file,
    line and id: the supplier clauses of Implementing Regulation (EU) 2024/2690 are checked
    only for the kinds of entity it binds, so theirs are not, which every report says."""

    @property
    def unreadable(self) -> bool:
        """True when some input could not be read as data at all."""
        return bool(self.unreadable_files)

    @property
    def named_unchecked(self) -> bool:
        """True when a file named on the command line holds no resilint document (DOC-04) and
        no suppression accepts that: nothing in it was checked, as in a directory that holds
        none, which fails the run as input that cannot be checked."""
        return bool(self.named_unchecked_files)

    @property
    def named_unchecked_files(self) -> tuple[str, ...]:
        """The files of :attr:`named_unchecked`, in the findings' order."""
        return named_unchecked_files(self.findings)

    @property
    def unchecked_files(self) -> tuple[str, ...]:
        """The files holding a document that is not checked at all (an unknown kind or
        version, a near-miss apiVersion), in the findings' order: what it holds is missing
        from an answer read from the documents, as an unreadable file's is."""
        return unchecked_files(self.findings)

    @property
    def unsearched_folders(self) -> tuple[str, ...]:
        """Those of :attr:`unchecked_files` that are hidden folders not looked into whole."""
        return unsearched_folders(self.findings)

    @property
    def unreadable_files(self) -> tuple[str, ...]:
        """The files that could not be read as data at all, in the findings' order."""
        return tuple(
            dict.fromkeys(
                f.path
                for f in self.findings
                if f.code in CORE_CHECKS and CORE_CHECKS[f.code].unreadable
            )
        )


def named_unchecked_files(findings: Iterable[Finding]) -> tuple[str, ...]:
    """The files of ``findings`` named on the command line that hold no resilint document and
    that no ``per_file_ignores`` accepts (DOC-04)."""
    return tuple(
        dict.fromkeys(f.path for f in findings if f.code == "DOC-04" and not f.suppression)
    )


def unsearched_folders(findings: Iterable[Finding]) -> tuple[str, ...]:
    """The places among :func:`unchecked_files` that are hidden folders (or a directory or file
    in one) not looked into whole for documents (DOC-06), rather than files holding one."""
    return tuple(dict.fromkeys(f.path for f in findings if f.code == "DOC-06"))


def unchecked_files(findings: Iterable[Finding]) -> tuple[str, ...]:
    """The files of ``findings`` that hold a document resilint does not check (DOC-01, DOC-03)."""
    return tuple(
        dict.fromkeys(
            f.path for f in findings if f.code in CORE_CHECKS and CORE_CHECKS[f.code].unchecked
        )
    )
