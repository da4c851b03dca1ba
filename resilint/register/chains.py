"""The ranks of the ICT service supply chains (B_05.02), checked against the recipients: the
ICT third-party service provider that signed the arrangement is rank 1, and each subcontractor
is ranked one below the provider or subcontractor it serves (Implementing Regulation (EU)
2024/2956, Annex I, B_05.02.0050 and 0060). A rank-2 subcontractor serving another rank-2 one,
or a rank-4 one serving a rank-2 one (a gap), is a chain the supervisor cannot read."""

from __future__ import annotations

from collections.abc import Iterator

from resilint.register.model import Register, Row
from resilint.register.problems import Problem
from resilint.register.remedies import RANKS


def problems(register: Register) -> Iterator[Problem]:
    chains: dict[tuple[str, str], list[Row]] = {}
    for row in register.rows["B_05.02"]:
        chains.setdefault((row.values["c0010"], row.values["c0020"]), []).append(row)
    for rows in chains.values():
        yield from _chain(rows)


def _chain(rows: list[Row]) -> Iterator[Problem]:
    """The rows of one arrangement and ICT service type."""
    ranks: dict[str, set[int]] = {}
    for row in rows:
        rank = _rank(row)
        if rank is not None:
            ranks.setdefault(row.values["c0030"], set()).add(rank)
    for row in rows:
        rank, code, recipient = _rank(row), row.values["c0030"], row.values["c0060"]
        if rank is None or not recipient:  # an empty rank or recipient is a gap of its own
            continue
        message = _mismatch(rank, code, recipient, ranks.get(recipient, set()))
        if message:
            yield _problem(row, message)


def _mismatch(rank: int, code: str, recipient: str, served: set[int]) -> str:
    where = "B_05.02.0050 (Rank)"
    if rank == 1:
        if code == recipient:
            return ""
        return (
            f"{where}: {code} is rank 1, which is the ICT third-party service provider itself; "
            f"it serves {recipient}, so it is a subcontractor, rank 2 or more"
        )
    if rank - 1 in served:
        return ""
    if not served:
        return f"{where}: {code} is rank {rank} and serves {recipient}, which is not in the chain"
    shown = " and ".join(str(r) for r in sorted(served))
    return (
        f"{where}: {code} is rank {rank} but serves {recipient}, which is rank {shown}: a "
        f"subcontractor is ranked one below the one it serves (rank {min(served) + 1} here)"
    )


def _rank(row: Row) -> int | None:
    value = row.values.get("c0050", "")
    return int(value) if value.isdigit() else None


def _problem(row: Row, message: str) -> Problem:
    return Problem("B_05.02", "c0050", row.place("c0050"), message, RANKS)
