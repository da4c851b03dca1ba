"""Hostile round seven of the fourteenth session: each test failed before its fix."""

from __future__ import annotations

import os
from pathlib import Path

from one_file import check, doc, repo

from resilint.rules.stored import RULES, BesideBytecode


def test_a_fifo_or_endless_file_beside_the_bytecode_is_not_read(tmp_path: Path) -> None:
    """A FIFO there hung every run; a link to /dev/zero read until memory ran out."""
    fifo = tmp_path / "rule_files.rules"
    os.mkfifo(fifo)
    assert BesideBytecode(fifo).read(RULES) is None
    endless = tmp_path / "zero.rules"
    endless.symlink_to("/dev/zero")
    assert BesideBytecode(endless).read(RULES) is None


def test_an_oversized_file_beside_the_bytecode_is_not_read(tmp_path: Path) -> None:
    huge = tmp_path / "rule_files.rules"
    with huge.open("wb") as out:
        out.write(BesideBytecode.HEADER)
        out.truncate(65 * 1024 * 1024)  # sparse: read whole before
    assert BesideBytecode(huge).read(RULES) is None


LIBRARY = "clauses:\n  - {{id: shared, title: {title}, non_negotiable_for_tiers: [{tier}]}}\n"


def _clause_contract(cid: str, sid: str, tier: int, clauses: str) -> list[str]:
    return [
        doc("Supplier", sid, f"name: {sid}\ntier: {tier}\nprovides_ict_services: true\n"),
        doc("Contract", cid, f"supplier: {sid}\nstatus: active\nclauses:\n{clauses}"),
    ]


def test_a_second_library_naming_a_clause_for_another_tier_is_heard(cli, write) -> None:
    """lib-a makes clause shared non-negotiable for tier 1, lib-b for tier 2: the tier-2
    contract that drops it passed in silence (the first library won)."""
    text = repo(
        doc("ClauseLibrary", "lib-a", LIBRARY.format(title="A", tier=1)),
        doc("ClauseLibrary", "lib-b", LIBRARY.format(title="B", tier=2)),
        *_clause_contract("ctr-beta", "beta", 2, "  shared: {present: false}\n"),
    )
    [finding] = check(cli, write, text, ["CTR-15"])
    assert "clause library lib-b makes it non-negotiable for tier 2" in finding["message"]


def test_a_waiver_field_of_one_clause_does_not_cover_a_clause_whose_id_it_begins() -> None:
    """A waiver narrowed to clauses.nis2 (clause nis2) silenced clause nis2.5.1.4.f too."""
    from resilint.findings import Part
    from resilint.waiver_targets import Target

    target = Target("Contract", "ctr-acme", "clauses.nis2")
    assert target.covers(Part(("clauses", "nis2", "present"), "m"))
    assert not target.covers(Part(("clauses", "nis2.5.1.4.f", "present"), "m"))
    dotted = Target("Contract", "ctr-acme", "clauses.nis2.5.1.4.f")
    assert dotted.covers(Part(("clauses", "nis2.5.1.4.f", "present"), "m"))


def test_a_kept_code_file_that_is_no_regular_file_is_not_read(tmp_path: Path) -> None:
    """The dataclass code and compiled patterns kept beside resilint's bytecode are read as the
    rule data is: a FIFO there would hang every run, a link to /dev/zero eat memory."""
    from resilint.codecache import read_kept

    fifo = tmp_path / "dataclasses.cpython-3x.code"
    os.mkfifo(fifo)
    assert read_kept(fifo, b"header") == {}  # returns: opened without blocking, refused
    zero = tmp_path / "zero.code"
    zero.symlink_to("/dev/zero")
    assert read_kept(zero, b"header") == {}
