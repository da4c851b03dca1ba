"""The calendar's restore test and BCM-06 read the same functions and the same controls: a
function run only by regulated firms (a pension fund's custodian) asks no backup of ours, so no
restore test is listed for it; a backup control naming a function misspelt counts for it, so
the test is listed, due the day before BCM-06 reports it."""

from __future__ import annotations

import json
from pathlib import Path

CUSTODIAN = """\
apiVersion: resilint/v1
kind: Supplier
id: hanze-custody
name: Hanze Custody
tier: 1
provides_ict_services: false
service_model: financial_service
---
apiVersion: resilint/v1
kind: BusinessFunction
id: investment-management
criticality: critical
depends_on: {suppliers: [hanze-custody]}
"""

BACKUP = """\
apiVersion: resilint/v1
kind: Control
id: immutable-backups
category: backup_immutable
status: implemented
{functions}last_restore_test: {{date: 2026-03-01, result: pass}}
"""

ORDERS = """\
apiVersion: resilint/v1
kind: BusinessFunction
id: order-processing
criticality: critical
"""


def _restore_tests(cli, repo: Path, as_of: str) -> list[dict]:
    run = cli("calendar", ".", "--format", "json", "--as-of", as_of, "--days", "30", cwd=repo)
    assert run.exit_code == 0, run.stderr
    return [d for d in json.loads(run.stdout)["deadlines"] if d["category"] == "restore-test"]


def _bcm06(cli, repo: Path, as_of: str) -> list[dict]:
    run = cli("check", ".", "--no-cache", "--format", "json", "--as-of", as_of, cwd=repo)
    return [f for f in json.loads(run.stdout)["findings"] if f["code"] == "BCM-06"]


def test_a_function_run_by_a_custodian_is_not_named(cli, tmp_path: Path) -> None:
    text = CUSTODIAN + "---\n" + ORDERS + "---\n" + BACKUP.format(functions="")
    (tmp_path / "programme.yaml").write_text(text, encoding="utf-8")
    (due,) = _restore_tests(cli, tmp_path, "2027-03-02")
    assert "investment-management" not in json.dumps(due)
    assert "function order-processing:" in due["title"] + ":"
    (finding,) = _bcm06(cli, tmp_path, "2027-03-02")
    assert "investment-management" not in finding["message"]


def test_a_backup_of_only_a_custodians_function_has_no_test_to_list(cli, tmp_path: Path) -> None:
    functions = "functions: [investment-management]\n"
    text = CUSTODIAN + "---\n" + BACKUP.format(functions=functions)
    (tmp_path / "programme.yaml").write_text(text, encoding="utf-8")
    assert _bcm06(cli, tmp_path, "2027-03-02") == []
    assert _restore_tests(cli, tmp_path, "2027-03-02") == []


def test_a_backup_naming_the_function_misspelt_is_listed_as_bcm06_counts_it(
    cli, tmp_path: Path
) -> None:
    text = ORDERS + "---\n" + BACKUP.format(functions="functions: [order-procesing]\n")
    (tmp_path / "programme.yaml").write_text(text, encoding="utf-8")
    assert _bcm06(cli, tmp_path, "2027-03-01") == []
    assert len(_bcm06(cli, tmp_path, "2027-03-02")) == 1
    (due,) = _restore_tests(cli, tmp_path, "2027-03-02")
    assert due["date"] == "2027-03-01" and due["overdue"]
    assert "order-processing" in due["title"]
