"""``resilint calendar`` lists the restore test that BCM-06 asks for: due on the day the latest
passing test of the backups behind a critical function reaches the rule's limit, the day before
``resilint check`` reports it. One entry per set of backups, naming the functions they cover."""

from __future__ import annotations

import json
from pathlib import Path

PROGRAMME = """\
apiVersion: resilint/v1
kind: BusinessFunction
id: order-processing
criticality: critical
---
apiVersion: resilint/v1
kind: BusinessFunction
id: invoicing
criticality: important
---
apiVersion: resilint/v1
kind: BusinessFunction
id: canteen-menu
criticality: standard
---
apiVersion: resilint/v1
kind: Control
id: immutable-backups
category: backup_immutable
status: implemented
owner: it-operations
last_restore_test: {date: 2026-03-01, result: pass}
"""


def _restore_tests(cli, repo: Path, as_of: str) -> list[dict]:
    run = cli("calendar", ".", "--format", "json", "--as-of", as_of, "--days", "30", cwd=repo)
    assert run.exit_code == 0, run.stderr
    return [d for d in json.loads(run.stdout)["deadlines"] if d["category"] == "restore-test"]


def _bcm06(cli, repo: Path, as_of: str) -> list[dict]:
    run = cli("check", ".", "--no-cache", "--format", "json", "--as-of", as_of, cwd=repo)
    return [f for f in json.loads(run.stdout)["findings"] if f["code"] == "BCM-06"]


def test_the_restore_test_falls_due_when_bcm06_would_start_to_report_it(
    cli, tmp_path: Path
) -> None:
    (tmp_path / "programme.yaml").write_text(PROGRAMME, encoding="utf-8")
    (due,) = _restore_tests(cli, tmp_path, "2027-02-20")
    assert due["date"] == "2027-03-01"  # 365 days after 2026-03-01
    assert due["id"] == "immutable-backups"
    text = json.dumps(due)
    assert "order-processing and invoicing" in text
    assert "canteen-menu" not in text
    assert "last passed 2026-03-01" in text
    assert _bcm06(cli, tmp_path, "2027-03-01") == []
    assert len(_bcm06(cli, tmp_path, "2027-03-02")) == 1


def test_no_backup_copy_is_no_date(cli, tmp_path: Path) -> None:
    """A function no backup copy covers is BCM-06's gap to report, not a test to schedule."""
    text = PROGRAMME.replace("category: backup_immutable", "category: backup_restore_test")
    (tmp_path / "programme.yaml").write_text(text, encoding="utf-8")
    assert _restore_tests(cli, tmp_path, "2027-02-20") == []


def test_a_day_overdue_reads_one_day(cli, tmp_path: Path) -> None:
    (tmp_path / "programme.yaml").write_text(PROGRAMME, encoding="utf-8")
    run = cli("calendar", ".", "--as-of", "2027-03-02", "--days", "30", cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    assert "overdue by 1 day  restore test due" in run.stdout
