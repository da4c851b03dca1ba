"""The calendar lists the criticality review BCM-02 asks, as BCM-02 asks it. An entity on
DORA's simplified ICT risk-management framework (DORA Art. 16(1): a small and
non-interconnected investment firm) reviews the classification of its functions as needed,
with no yearly minimum (Delegated Regulation (EU) 2024/1774 Art. 30(1)), so a function only
such an entity performs has no yearly review falling due: the calendar showed it overdue while
check, beside it, reported nothing. The date of the last assessment is still asked (the
register reports it), and a function shared with an entity on the full framework is still due
every year."""

from __future__ import annotations

from pathlib import Path

import pytest
from day_by_day import deadlines, findings

FIRM = """\
apiVersion: resilint/v1
kind: Entity
id: firm
name: Garonne Example Gestion SAS
country: FR
entity_type: investment_firm
regimes: [dora]
dora_simplified_framework: true
---
apiVersion: resilint/v1
kind: Entity
id: bank
name: Example Bank SA
country: FR
entity_type: credit_institution
regimes: [dora]
"""

FUNCTION = """\
apiVersion: resilint/v1
kind: BusinessFunction
id: {id}
criticality: standard
entities: [{entities}]
owner: coo
{assessed}"""


def _write(repo: Path, entities: str, assessed: str) -> None:
    text = FUNCTION.format(id="payroll", entities=entities, assessed=assessed)
    (repo / "functions.yaml").write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "entities.yaml").write_text(FIRM, encoding="utf-8")
    (tmp_path / "resilint.yaml").write_text("as_of: 2026-12-07\n", encoding="utf-8")
    return tmp_path


def _due(cli, repo: Path, as_of: str) -> list[dict]:
    return [d for d in deadlines(cli, repo, as_of) if d["category"] == "criticality"]


def _bcm02(cli, repo: Path, as_of: str) -> list[dict]:
    return [f for f in findings(cli, repo, as_of) if f["code"] == "BCM-02"]


def test_no_yearly_review_falls_due_for_a_simplified_framework_firm(cli, repo: Path) -> None:
    _write(repo, "firm", "last_criticality_assessment: 2025-11-18\n")
    assert _bcm02(cli, repo, "2026-12-07") == []
    assert _due(cli, repo, "2026-12-07") == []
    run = cli("calendar", ".", "--as-of", "2026-12-07", cwd=repo)
    assert run.exit_code == 0, run.stderr
    assert "criticality assessment" not in run.stdout
    assert "(0 overdue)" in run.stdout.splitlines()[0]


def test_the_missing_date_is_still_due_now(cli, repo: Path) -> None:
    _write(repo, "firm", "")
    [entry] = _due(cli, repo, "2026-12-07")
    assert entry["overdue"] and entry["date"] is None
    assert entry["detail"] == "no assessment (last_criticality_assessment) is recorded"
    [finding] = _bcm02(cli, repo, "2026-12-07")
    assert "has no date of its last criticality assessment" in finding["message"]


def test_a_function_shared_with_a_full_framework_entity_is_due_yearly(cli, repo: Path) -> None:
    _write(repo, "firm, bank", "last_criticality_assessment: 2025-11-18\n")
    [entry] = _due(cli, repo, "2026-12-07")
    assert entry["date"] == "2026-11-18" and entry["overdue"]
    assert entry["detail"] == "last assessed 2025-11-18; due every 365 days"
    assert [f["id"] for f in _bcm02(cli, repo, "2026-12-07")] == ["payroll"]
