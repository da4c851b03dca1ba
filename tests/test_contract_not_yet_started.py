"""A contract whose start_date is after the date checked is signed, not in force
(``contract.lifecycle`` ``signed``): it makes no entity a party that needs insurance yet
(INS-06), while its terms and dates are judged as a contract in force's are (CTR-13) and the
calendar lists its dates; SUP-05 names it where a critical supplier has no other. From its
start date it is in force."""

from __future__ import annotations

import json
from pathlib import Path

REPO = """\
apiVersion: resilint/v1
kind: Entity
id: acme-gmbh
name: ACME GmbH
country: DE
---
apiVersion: resilint/v1
kind: Entity
id: acme-holding
name: ACME Holding AG
country: DE
---
apiVersion: resilint/v1
kind: Supplier
id: cloudco
status: active
tier: 2
last_assessment: {date: 2026-06-01, type: questionnaire}
---
apiVersion: resilint/v1
kind: Contract
id: ctr-cloudco-2027
supplier: cloudco
status: active
entities: [acme-gmbh]
start_date: 2027-03-01
end_date: 2028-02-29
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber-2026
insured_entities: [acme-holding]
period: {start: 2026-01-01, end: 2028-12-31}
"""


def _codes(cli, repo: Path, as_of: str) -> list[tuple[str, str]]:
    run = cli("check", ".", "--no-cache", "-f", "json", "--as-of", as_of, cwd=repo)
    return [(f["code"], f["id"]) for f in json.loads(run.stdout)["findings"]]


def test_an_entity_is_not_uninsured_through_a_contract_that_has_not_started(
    cli, tmp_path: Path
) -> None:
    (tmp_path / "repo.yaml").write_text(REPO, encoding="utf-8")
    assert ("INS-06", "acme-gmbh") not in _codes(cli, tmp_path, "2027-02-28")
    assert ("INS-06", "acme-gmbh") in _codes(cli, tmp_path, "2027-03-01")


def test_its_dates_are_still_judged_and_listed(cli, tmp_path: Path) -> None:
    (tmp_path / "repo.yaml").write_text(
        REPO.replace("end_date: 2028-02-29", "end_date: 2027-02-01"), encoding="utf-8"
    )
    assert ("CTR-13", "ctr-cloudco-2027") in _codes(cli, tmp_path, "2026-12-06")
    run = cli("calendar", ".", "--format", "json", "--as-of", "2026-12-06", cwd=tmp_path)
    ends = [d for d in json.loads(run.stdout)["deadlines"] if d["category"] == "contract-end"]
    assert [d["date"] for d in ends] == ["2027-02-01"]


def test_a_critical_supplier_whose_contract_starts_later_has_none_in_force(
    cli, tmp_path: Path
) -> None:
    """SUP-05 asks for a contract in force; the one signed is named with its start."""
    (tmp_path / "repo.yaml").write_text(REPO.replace("tier: 2", "tier: 1"), encoding="utf-8")
    run = cli("check", ".", "--no-cache", "-f", "json", "--as-of", "2027-02-28", cwd=tmp_path)
    (sup05,) = [f for f in json.loads(run.stdout)["findings"] if f["code"] == "SUP-05"]
    assert "Its contract ctr-cloudco-2027 starts only on 2027-03-01" in sup05["message"]
    assert ("SUP-05", "cloudco") not in _codes(cli, tmp_path, "2027-03-01")
