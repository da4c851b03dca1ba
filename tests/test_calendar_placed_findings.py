"""The restore test BCM-06 asks of the backups behind a critical function and the evidence
INS-02 asks of a restore-testing control an insurance condition relies on are one calendar
entry, but two findings in two places: BCM-06's at the first backup copy, INS-02's at the
control whose evidence it asks. ``per_file_ignores`` and the accepted marks are read for each
rule where its finding is placed, as ``check`` reads them: both rules turned off where their
findings sit list no entry (it stayed, read for both at the backup copy's file), and a waiver
of INS-02 on the restore-testing control is named (it was looked up at the backup copy)."""

from __future__ import annotations

from pathlib import Path

import pytest
from day_by_day import deadlines, findings

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
"""

BACKUPS = """\
apiVersion: resilint/v1
kind: Control
id: immutable-backups
category: backup_immutable
status: implemented
evidence: {reference: reports/backup.pdf, last_verified: 2026-11-15}
"""

RESTORES = """\
apiVersion: resilint/v1
kind: Control
id: restore-tests
category: backup_restore_test
status: implemented
evidence: {reference: reports/restore.pdf, last_verified: 2026-03-01}
last_restore_test: {date: 2026-03-01, result: pass}
"""

WAIVER = """\
apiVersion: resilint/v1
kind: Waiver
id: waiver-restore-evidence
name: The restore test moves to the new backup platform in April
rule: INS-02
targets:
  - {kind: Control, id: restore-tests}
rationale: The insurer agreed to the test on the new platform in April 2027.
compensating_controls: [Daily backup integrity checks]
risk_owner: cro
approver: cfo
approved_on: 2027-02-20
expires: 2027-04-30
"""

AS_OF = "2027-03-05"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "programme.yaml").write_text(PROGRAMME, encoding="utf-8")
    (tmp_path / "controls").mkdir()
    (tmp_path / "controls" / "backups.yaml").write_text(BACKUPS, encoding="utf-8")
    (tmp_path / "controls" / "restore.yaml").write_text(RESTORES, encoding="utf-8")
    return tmp_path


def _restore(cli, repo: Path) -> list[dict]:
    return [d for d in deadlines(cli, repo, AS_OF) if d["category"] == "restore-test"]


def _placed(cli, repo: Path) -> dict[str, tuple[str, str | None]]:
    found = findings(cli, repo, AS_OF)
    return {
        f["code"]: (f["path"], (f["suppression"] or {}).get("kind"))
        for f in found
        if f["code"] in ("BCM-06", "INS-02") and "restore test" in f["message"]
    }


def test_each_finding_is_placed_where_the_entry_reads_it(cli, repo: Path) -> None:
    (entry,) = _restore(cli, repo)
    assert entry["path"] == "controls/backups.yaml" and entry["overdue"]
    assert "evidence of control restore-tests" in entry["title"]
    placed = _placed(cli, repo)
    assert placed["BCM-06"] == ("controls/backups.yaml", None)
    assert placed["INS-02"] == ("controls/restore.yaml", None)


def test_both_rules_off_where_their_findings_sit_list_no_entry(cli, repo: Path) -> None:
    config = (
        "per_file_ignores:\n"
        '  "controls/backups.yaml": [BCM-06]\n'
        '  "controls/restore.yaml": [INS-02]\n'
    )
    (repo / "resilint.yaml").write_text(config, encoding="utf-8")
    assert _restore(cli, repo) == []
    assert {kind for _, kind in _placed(cli, repo).values()} == {"per-file"}


def test_one_rule_off_where_its_finding_sits_keeps_the_entry(cli, repo: Path) -> None:
    config = 'per_file_ignores:\n  "controls/restore.yaml": [INS-02]\n'
    (repo / "resilint.yaml").write_text(config, encoding="utf-8")
    (entry,) = _restore(cli, repo)  # BCM-06 still reports the test
    assert entry["overdue"]
    # INS-02 turned off in the backup copy's file, where its finding is not, removes nothing
    config = 'per_file_ignores:\n  "controls/backups.yaml": [BCM-06, INS-02]\n'
    (repo / "resilint.yaml").write_text(config, encoding="utf-8")
    assert len(_restore(cli, repo)) == 1
    assert _placed(cli, repo)["INS-02"] == ("controls/restore.yaml", None)


def test_a_waiver_of_the_joined_rule_is_named(cli, repo: Path) -> None:
    (repo / "waiver.yaml").write_text(WAIVER, encoding="utf-8")
    assert _placed(cli, repo)["INS-02"] == ("controls/restore.yaml", "waiver")
    (entry,) = _restore(cli, repo)
    assert entry["accepted"] == "Waiver waiver-restore-evidence"
