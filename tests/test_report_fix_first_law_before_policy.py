"""The report's "What to fix first" ranks, among gaps that expose as many critical or important
functions, what a law asks (a rule of a regulatory profile: dora, dora-register, nis2, nydfs)
before what this programme's policy asks (a rule of the baseline profile). Exposure still comes
first: a policy gap exposing more functions stays above a law gap exposing fewer."""

from __future__ import annotations

import json
import re
from itertools import pairwise
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.test_report_fix_first import _headline, _rows

PROGRAMMES = Path(__file__).parent / "data" / "programmes"
LAW = {"dora", "dora-register", "nis2", "nydfs"}


def _profiles(cli) -> dict[str, set[str]]:
    run = cli("rules", "--format", "json")
    return {rule["code"]: set(rule["profiles"]) for rule in json.loads(run.stdout)}


def _fix_first(cli, repo: Path, tmp_path: Path) -> list[list[str]]:
    target = tmp_path / "report.html"
    run = cli("report", str(repo), "-o", str(target), "--as-of", "2026-12-07", "--no-cache")
    assert run.exit_code in (0, 2), run.stderr
    return _rows(_headline(target.read_text(encoding="utf-8")))


def _code(row: list[str]) -> str:
    found = re.search(r"\(([A-Z0-9]+-\d+)\)$", row[1])
    assert found, row
    return found.group(1)


def test_the_custodian_s_exit_plan_policy_comes_after_the_dora_gaps(cli, tmp_path) -> None:
    profiles = _profiles(cli)
    rows = _fix_first(cli, PROGRAMMES / "pension-nl", tmp_path)
    codes = [_code(r) for r in rows]
    # the unmet insurance condition exposes three functions: policy, but first all the same
    assert codes[0] == "INS-01" and profiles["INS-01"] == {"baseline"}, rows
    # the DORA clauses and register gaps exposing two functions come before CON-04's exit plan
    # for the custodian kadebank and BCM-03's recovery time (policy), which expose two as well
    assert codes[1:3] == ["CTR-02", "REG-04"], rows
    assert all(profiles[c] & LAW for c in codes[1:]), rows
    assert "CON-04" not in codes and "BCM-03" not in codes, rows


def _exposure(row: list[str]) -> tuple[str, int, bool]:
    """A row's level, how many functions it exposes and whether only a claim is disputed."""
    exposes = row[3]
    functions = exposes.split(" (")[0]
    count = 0 if functions == "no critical or important function" else len(functions.split(", "))
    return row[4], count, "may be disputed" in exposes


@pytest.mark.parametrize(
    "repo",
    [
        *(PROGRAMMES / p for p in ("insurer-de", "manco-lu", "pension-nl", "telecom-at")),
        EXAMPLES / "defects",
        EXAMPLES / "lindenau-planted",
    ],
    ids=lambda p: p.name,
)
def test_no_policy_gap_precedes_a_law_gap_that_exposes_as_much(cli, tmp_path, repo) -> None:
    profiles = _profiles(cli)
    rows = _fix_first(cli, repo, tmp_path)
    for before, after in pairwise(rows):
        if _exposure(before) == _exposure(after):
            policy_first = not profiles[_code(before)] & LAW and profiles[_code(after)] & LAW
            assert not policy_first, (repo.name, before, after)
