"""ENT-02: an entity under NYDFS files, by 15 April, its certification of material compliance
with 23 NYCRR Part 500 for the prior calendar year, or an acknowledgment of noncompliance
(500.17(b)), recorded on the Entity under ``nydfs_certifications``. ``check`` reports the
filing last due that is not recorded, or recorded without a date, from 16 April; ``resilint
calendar`` lists it due on 15 April, the last day the rule is silent, and the next year's filing
beside an overdue one, since each year's falls due of its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from day_by_day import deadlines, findings, next_day

ENTITY = """\
apiVersion: resilint/v1
kind: Entity
id: ny-insurer
name: Northwind Insurance Company of New York
country: US
regimes: [nydfs]
owner: ciso
"""

FILED_2025 = """\
nydfs_certifications:
  - {year: 2025, filed: 2026-04-09, type: certification_of_compliance, receipt: C-123456}
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "entity.yaml").write_text(ENTITY, encoding="utf-8")
    return tmp_path


def _reported(cli, repo: Path, as_of: str) -> list[dict]:
    return [f for f in findings(cli, repo, as_of) if f["code"] == "ENT-02"]


def _entry(cli, repo: Path, as_of: str) -> list[dict]:
    return [d for d in deadlines(cli, repo, as_of) if d["category"] == "nydfs-certification"]


def _years(entries: list[dict]) -> dict[str, dict]:
    """The entries by the year they cover (the title ends "for <year>")."""
    return {e["title"].rsplit(" ", 1)[1]: e for e in entries}


def test_the_rule_reports_from_the_day_after_the_calendar_date(cli, repo: Path) -> None:
    (repo / "entity.yaml").write_text(ENTITY + FILED_2025, encoding="utf-8")
    (entry,) = _entry(cli, repo, "2027-01-10")
    assert entry["date"] == "2027-04-15" and entry["id"] == "ny-insurer"
    assert entry["title"] == "NYDFS certification of compliance of entity ny-insurer for 2026"
    assert entry["owner"] == "ciso"
    assert [f["message"] for f in _reported(cli, repo, "2027-04-15")] == []
    (finding,) = _reported(cli, repo, next_day("2027-04-15"))
    assert finding["level"] == "error" and finding["line"] == 8  # at the filings
    assert "submit to the superintendent by 2027-04-15" in finding["message"]
    assert "during 2026, or an acknowledgment of noncompliance (500.17(b))" in finding["message"]
    assert "no filing for 2026 is recorded under nydfs_certifications" in finding["message"]
    late = _years(_entry(cli, repo, "2027-04-16"))["2026"]
    assert late["overdue"] and late["days_left"] == -1


def test_a_recorded_filing_clears_it_and_the_next_is_listed(cli, repo: Path) -> None:
    (repo / "entity.yaml").write_text(ENTITY + FILED_2025, encoding="utf-8")
    assert _reported(cli, repo, "2026-12-07") == []
    (entry,) = _entry(cli, repo, "2026-12-07")
    assert entry["date"] == "2027-04-15" and "for 2026" in entry["title"]


def test_an_undated_or_later_filing_does_not_count(cli, repo: Path) -> None:
    undated = FILED_2025.replace("filed: 2026-04-09, ", "")
    (repo / "entity.yaml").write_text(ENTITY + undated, encoding="utf-8")
    (finding,) = _reported(cli, repo, "2026-12-07")
    assert "its filing for 2025 records no date it was filed (filed)" in finding["message"]
    assert finding["line"] == 9  # the year's item
    entry = _years(_entry(cli, repo, "2026-12-07"))["2025"]
    assert entry["date"] == "2026-04-15" and entry["overdue"]
    assert entry["detail"].endswith("its record has no filing date (filed)")
    later = FILED_2025.replace("2026-04-09", "2027-01-05")
    (repo / "entity.yaml").write_text(ENTITY + later, encoding="utf-8")
    (finding,) = _reported(cli, repo, "2026-12-07")
    assert "dated 2027-01-05, after the date checked" in finding["message"]


def test_with_nothing_recorded_the_filing_last_due_is_overdue(cli, repo: Path) -> None:
    (finding,) = _reported(cli, repo, "2027-01-10")
    assert finding["line"] == 6  # at the regimes that bring NYDFS in
    assert "no filing for 2025 is recorded" in finding["message"]
    overdue, following = _entry(cli, repo, "2027-01-10")
    assert overdue["date"] == "2026-04-15" and overdue["overdue"] and "for 2025" in overdue["title"]
    # the next year's filing falls due all the same: listed on its own 15 April
    assert following["date"] == "2027-04-15" and not following["overdue"]
    assert "for 2026" in following["title"]


def test_an_entity_not_under_nydfs_is_not_asked(cli, repo: Path) -> None:
    (repo / "entity.yaml").write_text(ENTITY.replace("[nydfs]", "[dora]"), encoding="utf-8")
    assert _reported(cli, repo, "2027-05-01") == []
    assert _entry(cli, repo, "2027-01-10") == []


def test_a_waiver_is_shown_in_the_calendar(cli, repo: Path) -> None:
    waiver = """\
apiVersion: resilint/v1
kind: Waiver
id: waiver-cert
name: The 2025 certification was filed on paper
rule: ENT-02
targets:
  - {kind: Entity, id: ny-insurer}
rationale: The certification was filed on paper while the portal was down.
compensating_controls: [Paper filing acknowledged by DFS in writing]
risk_owner: ciso
approver: cfo
approved_on: 2026-04-20
expires: 2027-03-31
"""
    (repo / "waiver.yaml").write_text(waiver, encoding="utf-8")
    (finding,) = _reported(cli, repo, "2026-12-07")
    assert finding["suppression"]["kind"] == "waiver"
    entries = _years(_entry(cli, repo, "2026-12-07"))
    assert entries["2025"]["accepted"] == "Waiver waiver-cert"
    # the waiver accepted the overdue filing's finding, not the next year's filing
    assert entries["2026"]["accepted"] is None and not entries["2026"]["overdue"]


def test_the_schema_rejects_a_filing_without_its_year(cli, repo: Path) -> None:
    broken = "nydfs_certifications:\n  - {filed: 2026-04-09}\n"
    (repo / "entity.yaml").write_text(ENTITY + broken, encoding="utf-8")
    run = cli("check", ".", "--no-cache", "--as-of", "2026-12-07", cwd=repo)
    assert run.exit_code == 1
    assert "entity.yaml:9:5: SCH-01" in run.stdout and "year" in run.stdout
    assert "Traceback" not in run.stdout + run.stderr
    assert "ENT-02" not in run.stdout  # the filing that fails the schema may be the year's
    dotted = "nydfs_certifications:\n  - {year: 2025, filed: 09.04.2026}\n"
    (repo / "entity.yaml").write_text(ENTITY + dotted, encoding="utf-8")
    run = cli("check", ".", "--no-cache", "--as-of", "2026-12-07", cwd=repo)
    assert "filed must be a date written YYYY-MM-DD" in run.stdout and "ENT-02" not in run.stdout
