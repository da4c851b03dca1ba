"""A restore-testing control an insurance condition relies on, behind a critical function: its
restore test is the one BCM-06 asks and the evidence INS-02 asks, so ``resilint calendar``
lists it once, naming both reasons and due at the earlier of the two dates, where it listed the
same test twice."""

from __future__ import annotations

import json
from pathlib import Path

from day_by_day import deadlines

PROGRAMME = """\
apiVersion: resilint/v1
kind: BusinessFunction
id: payments
criticality: critical
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber
period: {start: 2026-01-01, end: 2027-12-31}
conditions:
  - {id: restores, control_categories: [backup_restore_test]}
---
apiVersion: resilint/v1
kind: Control
id: immutable-backups
category: backup_immutable
status: implemented
evidence: {reference: reports/backup.pdf, last_verified: 2026-11-15}
---
apiVersion: resilint/v1
kind: Control
id: restore-tests
category: backup_restore_test
status: implemented
last_restore_test: {date: 2026-03-01, result: pass}
"""


def _restore_entries(cli, repo: Path) -> list[dict]:
    found = deadlines(cli, repo, "2026-11-26")
    return [d for d in found if "restore-tests" in json.dumps(d)]


def test_one_test_two_reasons_is_one_entry(cli, tmp_path: Path) -> None:
    (tmp_path / "programme.yaml").write_text(PROGRAMME, encoding="utf-8")
    (entry,) = _restore_entries(cli, tmp_path)
    assert entry["date"] == "2027-03-01"
    assert "restore test of the backups behind critical function payments" in entry["title"]
    assert "relied on by an insurance policy" in entry["title"]


def test_the_entry_is_due_at_the_earlier_date(cli, tmp_path: Path) -> None:
    (tmp_path / "programme.yaml").write_text(PROGRAMME, encoding="utf-8")
    config = {"rules": {"INS-02": {"params": {"restore_test_max_age_days": 200}}}}
    (tmp_path / "resilint.yaml").write_text(json.dumps(config), encoding="utf-8")
    (entry,) = _restore_entries(cli, tmp_path)
    assert entry["date"] == "2026-09-17" and entry["overdue"]
    assert "due every 365 days" in entry["detail"] and "due every 200 days" in entry["detail"]
