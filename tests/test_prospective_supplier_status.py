"""A supplier's recorded status against its contracts. A supplier still recorded as prospective
whose contract is in force works for us: every rule and the calendar judge it as engaged, and
SUP-14 asks once to correct its status. A prospective supplier with a draft or signed contract
is due its pre-contract assessment (SUP-04), and ``resilint calendar`` lists it on the day
SUP-04 starts to report it."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from day_by_day import deadlines, findings

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
status: prospective
tier: 1
provides_ict_services: true
---
apiVersion: resilint/v1
kind: Contract
id: ctr-core
supplier: corebank
status: active
start_date: 2025-01-01
end_date: 2029-12-31
---
apiVersion: resilint/v1
kind: Supplier
id: newco
name: Newco Analytics Ltd
status: prospective
tier: 2
provides_ict_services: true
last_assessment: {date: 2025-06-01, type: questionnaire}
---
apiVersion: resilint/v1
kind: Contract
id: ctr-newco
supplier: newco
status: draft
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "programme.yaml").write_text(PROGRAMME, encoding="utf-8")
    return tmp_path


def _findings(cli, repo: Path, as_of: str, doc_id: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for f in findings(cli, repo, as_of):
        if f["id"] == doc_id:
            found.setdefault(f["code"], []).append(f["message"])
    return found


def _calendar(cli, repo: Path, as_of: str) -> dict[str, dict]:
    return {d["id"]: d for d in deadlines(cli, repo, as_of, 900) if d["category"] == "assessment"}


def test_a_prospective_supplier_with_a_contract_in_force_is_judged_engaged(cli, repo) -> None:
    found = _findings(cli, repo, "2026-12-06", "corebank")
    (status,) = found["SUP-14"]
    assert "recorded as prospective, but a contract with it is in force" in status
    assert "set its status to active" in status
    # assessed as the engaged tier-1 supplier it is, not as one still being selected
    (assessment,) = found["SUP-04"]
    assert assessment.startswith("supplier corebank is tier 1 in effect")
    assert "never been assessed" in assessment
    assert "corebank" in _calendar(cli, repo, "2026-12-06")


def test_a_contract_that_starts_later_leaves_it_prospective(cli, repo) -> None:
    text = (repo / "programme.yaml").read_text(encoding="utf-8")
    (repo / "programme.yaml").write_text(text.replace("2025-01-01", "2027-03-01"), "utf-8")
    found = _findings(cli, repo, "2026-12-06", "corebank")
    assert "SUP-14" not in found
    (assessment,) = found["SUP-04"]
    assert assessment.startswith("prospective supplier corebank")
    entry = _calendar(cli, repo, "2026-12-06")["corebank"]
    assert entry["title"].startswith("pre-contract assessment") and entry["overdue"]


def test_the_calendar_lists_the_pre_contract_assessment_when_sup04_reports_it(cli, repo) -> None:
    entry = _calendar(cli, repo, "2026-12-06")["newco"]
    assert entry["date"] == "2027-06-01"  # 730 days after 2025-06-01, tier 2's interval
    assert entry["title"] == "pre-contract assessment of supplier newco (tier 2)"
    assert "SUP-04" not in _findings(cli, repo, "2027-06-01", "newco")
    assert _findings(cli, repo, "2027-06-02", "newco")["SUP-04"]
    after = _calendar(cli, repo, "2027-06-02")["newco"]
    assert after["overdue"] and after["days_left"] == -1


def test_without_a_draft_or_signed_contract_nothing_is_due(cli, repo) -> None:
    text = (repo / "programme.yaml").read_text(encoding="utf-8")
    text = text[: text.rindex("---\napiVersion: resilint/v1\nkind: Contract\nid: ctr-newco")]
    (repo / "programme.yaml").write_text(text, encoding="utf-8")
    day = datetime.date(2027, 6, 2).isoformat()
    assert "SUP-04" not in _findings(cli, repo, day, "newco")
    assert "newco" not in _calendar(cli, repo, day)


def test_a_draft_naming_the_supplier_misspelt_waits_for_ref01_in_both(cli, repo) -> None:
    """A draft whose supplier is misspelt is REF-01's finding: SUP-04 does not count it as the
    supplier's until it is corrected, and the calendar, reading what SUP-04 judges, lists
    nothing either; corrected, both ask the pre-contract assessment."""
    text = (repo / "programme.yaml").read_text(encoding="utf-8")
    misspelt = text.replace("id: ctr-newco\nsupplier: newco\n", "id: ctr-newco\nsupplier: newc0\n")
    (repo / "programme.yaml").write_text(misspelt, encoding="utf-8")
    assert "SUP-04" not in _findings(cli, repo, "2027-06-02", "newco")
    assert "newco" not in _calendar(cli, repo, "2027-06-02")
    (repo / "programme.yaml").write_text(text, encoding="utf-8")
    assert _findings(cli, repo, "2027-06-02", "newco")["SUP-04"]
    assert _calendar(cli, repo, "2027-06-02")["newco"]["overdue"]
