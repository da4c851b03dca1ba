"""Limits that keep hostile or broken input from exhausting the machine. All are configurable."""

from __future__ import annotations

from dataclasses import dataclass

from resilint.core_checks import core_finding
from resilint.findings import Finding


@dataclass(frozen=True)
class Limits:
    """The bounds every input is read within (files, depth, aliases, values of a run)."""

    max_file_bytes: int = 10 * 1024 * 1024
    """Files larger than this are refused before they are parsed."""
    max_depth: int = 64
    """Deepest nesting of mappings and lists in one document."""
    max_alias_expansion: int = 50_000
    """Most values one document may hold once its YAML aliases are expanded."""
    max_file_values: int = 250_000
    """Most values (mappings, lists, scalars and aliases, each counted once) one file may hold,
    counted while it is parsed, before anything is built from it."""
    max_documents: int = 10_000
    """Most YAML documents (separated by ---) in one file."""
    max_scalar_bytes: int = 1024 * 1024
    """Longest single value."""
    max_integer_digits: int = 100
    """Longest integer, in digits."""
    max_total_bytes: int = 256 * 1024 * 1024
    """Most bytes one run reads from the files it checks (and .gitignore files), all together.
    The 100,000-document benchmark repository holds 140 MB."""
    max_total_nodes: int = 20_000_000
    """Most values all documents of one run may hold together once aliases are expanded.
    The 100,000-document benchmark repository holds about 9.3 million (92 per document)."""


MAX_RECORDED_FINDINGS = 50_000
"""Most findings a baseline (--baseline) or an earlier report (--previous) may record: four
times what the 100,000-document benchmark repository has (about 12,500). Their byte limits are
this many findings at the size each file gives one, with room to spare."""


def json_values_at_most(data: bytes, start: int = 0, end: int | None = None) -> int:
    """The most values and keys the JSON text ``data[start:end]`` can hold: every one but the
    first follows a '[', '{', ',' or ':' (those inside strings only raise the bound). Counted
    without parsing, so a side input of millions of tiny values is refused before any of them
    is built."""
    stop = len(data) if end is None else end
    return 1 + sum(data.count(sign, start, stop) for sign in (b"[", b"{", b",", b":"))


def nodes_over_budget(path: str, nodes: int, limits: Limits) -> Finding:
    """One file whose documents alone hold more values than the whole run may."""
    return core_finding(
        "FILE-05",
        f"not checked: the documents of this file hold {nodes:,} values once aliases are "
        f"expanded, more than the run's limit of {limits.max_total_nodes:,} "
        "(limits.max_total_nodes)",
        path,
        1,
        1,
    )


class NodeBudget:
    """The values the run may still load. The file that would pass the limit becomes a finding
    instead of its documents; once the budget is spent, no further file is read."""

    def __init__(self, limits: Limits) -> None:
        self.limit = limits.max_total_nodes
        self.spent = 0
        self.exhausted = False

    def spend(self, path: str, nodes: int) -> Finding | None:
        """None when a file of ``nodes`` values fits (they are spent); else its finding."""
        if self.spent + nodes <= self.limit:
            self.spent += nodes
            return None
        self.exhausted = True
        return self._finding(path, "with this file")

    def refuse(self, path: str) -> Finding:
        """The finding for a file not read because the budget is spent."""
        return self._finding(path, "before this file")

    def _finding(self, path: str, when: str) -> Finding:
        return core_finding(
            "FILE-05",
            f"not checked: this run reached its limit of {self.limit:,} values "
            f"(limits.max_total_nodes) {when}; check fewer files at a time or raise the limit",
            path,
            1,
            1,
        )
