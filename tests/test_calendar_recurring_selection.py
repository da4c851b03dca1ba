"""The calendar's recurring entries follow the rules that ask them: a supplier's assessment
(SUP-04), a critical function's exercise (EXR-01), the restore test of its backups (BCM-06), a
planned exercise (EXR-05) and an open exercise finding (EXR-03). Each is due on the last day its
rule is silent (``resilint check --as-of`` the next day reports it, and the calendar then says
"overdue by 1 day"), and a rule the configuration leaves out lists nothing, as with the reviews
the rules ask on a cycle."""

from __future__ import annotations

from pathlib import Path

import pytest
from day_by_day import deadlines, findings, next_day

PROGRAMME = """\
apiVersion: resilint/v1
kind: BusinessFunction
id: payments
criticality: critical
owner: coo
depends_on: {suppliers: [corebank]}
---
apiVersion: resilint/v1
kind: Supplier
id: corebank
name: Corebank Systems GmbH
status: active
tier: 1
provides_ict_services: true
last_assessment: {date: 2026-03-01, type: questionnaire, outcome: satisfactory}
---
apiVersion: resilint/v1
kind: Contract
id: ctr-core
supplier: corebank
status: active
start_date: 2020-01-01
end_date: 2029-12-31
---
apiVersion: resilint/v1
kind: Control
id: immutable-backups
category: backup_immutable
status: implemented
last_restore_test: {date: 2026-04-01, result: pass}
---
apiVersion: resilint/v1
kind: Exercise
id: ex-2026-05-failover
type: tabletop
status: completed
date: 2026-05-10
functions: [payments]
findings:
  - {id: f1, description: failover runbook out of date, owner: coo, due_date: 2027-01-15,
     status: open}
---
apiVersion: resilint/v1
kind: Exercise
id: ex-2027-02-restore
type: switchover
status: planned
date: 2027-02-20
functions: [payments]
"""

EXPECTED = {
    ("exercise-finding", "ex-2026-05-failover"): ("2027-01-15", "EXR-03"),
    ("exercise-planned", "ex-2027-02-restore"): ("2027-02-20", "EXR-05"),
    ("assessment", "corebank"): ("2027-03-01", "SUP-04"),
    ("restore-test", "immutable-backups"): ("2027-04-01", "BCM-06"),
    ("exercise", "payments"): ("2027-05-10", "EXR-01"),
}
"""Each entry's date and the rule that reports it from the next day."""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "programme.yaml").write_text(PROGRAMME, encoding="utf-8")
    return tmp_path


def _calendar(cli, repo: Path, as_of: str) -> dict[tuple[str, str], dict]:
    return {(d["category"], d["id"]): d for d in deadlines(cli, repo, as_of)}


def _reported(cli, repo: Path, as_of: str, code: str) -> list[dict]:
    return [f for f in findings(cli, repo, as_of) if f["code"] == code]


@pytest.mark.parametrize("key", list(EXPECTED), ids=[v[1] for v in EXPECTED.values()])
def test_due_on_the_last_day_its_rule_is_silent(cli, repo: Path, key) -> None:
    day, code = EXPECTED[key]
    assert _calendar(cli, repo, "2026-12-06")[key]["date"] == day
    assert _reported(cli, repo, day, code) == []
    assert _reported(cli, repo, next_day(day), code), code
    entry = _calendar(cli, repo, next_day(day))[key]
    assert entry["overdue"] and entry["days_left"] == -1


@pytest.mark.parametrize("key", list(EXPECTED), ids=[v[1] for v in EXPECTED.values()])
def test_a_rule_left_out_lists_nothing(cli, repo: Path, key) -> None:
    day, code = EXPECTED[key]
    (repo / ".resilint.yaml").write_text(f"ignore: [{code}]\n", encoding="utf-8")
    assert _reported(cli, repo, next_day(day), code) == []
    listed = _calendar(cli, repo, "2026-12-06")
    assert key not in listed
    assert set(EXPECTED) - {key} <= set(listed)


@pytest.mark.parametrize("key", list(EXPECTED), ids=[v[1] for v in EXPECTED.values()])
def test_a_rule_turned_off_for_the_file_lists_nothing(cli, repo: Path, key) -> None:
    """``per_file_ignores`` turns the rule off for the file, as check reads it: check reports
    its finding suppressed, and the calendar lists none of its dates there."""
    day, code = EXPECTED[key]
    config = f'per_file_ignores:\n  "programme.yaml": [{code}]\n'
    (repo / ".resilint.yaml").write_text(config, encoding="utf-8")
    found = _reported(cli, repo, next_day(day), code)
    assert found and all(f["suppression"]["kind"] == "per-file" for f in found)
    listed = _calendar(cli, repo, "2026-12-06")
    assert key not in listed
    assert set(EXPECTED) - {key} <= set(listed)
