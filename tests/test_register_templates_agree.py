"""The DORA register's templates agree with one another, cell by cell, as the user files them
(the package's CSVs opened with zipfile and csv, the workbook with openpyxl), on a copy of
examples/havelbank:

- B_05.02 (the supply chain) holds the ICT services that support a critical or important
  function, the same ones B_07.01 assesses: not the service desk the intra-group arrangement
  also covers (recorded as supporting none), which had a rank-1 row of its own.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import EXAMPLES
from test_register_readiness import package_tables, workbook_rows

REFERENCE = "2026-12-31"
INTRA_GROUP = "HB-IG-2023-001"  # the group's IT company: a private cloud (S14) and a desk (S03)


def bank(tmp_path: Path) -> Path:
    repo = tmp_path / "bank"
    shutil.copytree(EXAMPLES / "havelbank", repo, ignore=shutil.ignore_patterns(".resilint_cache"))
    return repo


def export(cli, repo: Path, fmt: str, out: Path, *extra: str) -> None:
    args = ("--format", fmt, "-o", str(out), "--reference-date", REFERENCE, *extra)
    result = cli("register", "export", str(repo), *args)
    assert result.exit_code == 0, result.stdout + result.stderr


def chains(rows: list[dict[str, str]]) -> set[tuple[str, str]]:
    """The (arrangement, ICT service type) pairs of B_05.02."""
    return {(r["c0010"], r["c0020"]) for r in rows}


def assessed(rows: list[dict[str, str]]) -> set[tuple[str, str]]:
    """The (arrangement, ICT service type) pairs of B_07.01."""
    return {(r["c0010"], r["c0040"]) for r in rows}


# -- B_05.02: the supply chains of the services supporting a critical or important function --
def test_the_supply_chain_holds_the_services_that_support_a_critical_function(
    cli, tmp_path
) -> None:
    repo = bank(tmp_path)
    export(cli, repo, "xbrl-csv", tmp_path / "package")
    tables = package_tables(tmp_path / "package")
    ranks = {
        (r["c0020"], r["c0030"], r["c0050"]) for r in tables["B_05.02"] if r["c0010"] == INTRA_GROUP
    }
    # the private cloud, with the cloud provider under it; no row for the service desk (S03)
    assert ranks == {
        ("eba_TA:S14", "529900HAVELITSERVI62", "1"),
        ("eba_TA:S14", "635400STRATOCLOUDE91", "2"),
    }
    assert chains(tables["B_05.02"]) == assessed(tables["B_07.01"])
    # the desk is still one of the arrangement's services (B_02.02)
    assert ("eba_TA:S03", INTRA_GROUP) in {(r["c0060"], r["c0010"]) for r in tables["B_02.02"]}
    workbook = tmp_path / "register.xlsx"
    export(cli, repo, "xlsx", workbook)
    rows = workbook_rows(workbook, "B_05.02")
    assert chains(rows) == assessed(workbook_rows(workbook, "B_07.01"))
    assert (INTRA_GROUP, "eba_TA:S03") not in chains(rows)
