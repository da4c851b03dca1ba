"""A contract still recorded active past its end date, without automatic renewal, whose supplier
is recorded as exited (a member portal replaced a year ago, its contract's status never
updated), through the CLI: both records say it is over, so the rules that ask a contract's terms
(DORA clauses, incident notice, termination rights) no longer ask them of it, and CTR-13 alone
asks to set its status to ended. While the supplier is still recorded active, the contract may
have been renewed and its service may still run: its terms are asked and CTR-13 says to record
the renewed end date or the contract's end."""

from __future__ import annotations

import json
from pathlib import Path

PROGRAMME = """\
apiVersion: resilint/v1
kind: Entity
id: fund
name: Pension fund
country: NL
entity_type: occupational_retirement_institution
regimes: [dora]
---
apiVersion: resilint/v1
kind: Supplier
id: old-portal
name: Old member portal provider
status: SUPPLIER_STATUS
tier: 3
provides_ict_services: true
supports_critical_function: false
data_sensitivity: confidential
services:
  - name: member-portal
    ict_service_type: S19
    supports_critical_function: false
---
apiVersion: resilint/v1
kind: Contract
id: ctr-old-portal
supplier: old-portal
entities: [fund]
status: active
services: [member-portal]
covers_ict_services: true
supports_critical_function: false
start_date: 2019-07-01
end_date: 2025-06-30
auto_renew: false
"""


def _contract_findings(cli, tmp_path: Path, status: str) -> list[dict]:
    (tmp_path / "programme.yaml").write_text(
        PROGRAMME.replace("SUPPLIER_STATUS", status), encoding="utf-8"
    )
    (tmp_path / "resilint.yaml").write_text("ignore: [REG]\n", encoding="utf-8")
    run = cli("check", ".", "--no-cache", "-f", "json", "--as-of", "2026-12-07", cwd=tmp_path)
    found = json.loads(run.stdout)["findings"]
    return [f for f in found if f["id"] == "ctr-old-portal"]


def test_the_contract_of_an_exited_supplier_is_asked_only_its_status(cli, tmp_path) -> None:
    (finding,) = _contract_findings(cli, tmp_path, "exited")
    assert finding["code"] == "CTR-13"
    assert finding["json_path"] == "end_date"
    assert (
        "the supplier is recorded as exited: set the contract's status to ended"
        in finding["message"]
    )


def test_the_contract_of_a_supplier_still_engaged_is_asked_its_terms(cli, tmp_path) -> None:
    found = _contract_findings(cli, tmp_path, "active")
    codes = {f["code"] for f in found}
    assert {"CTR-01", "CTR-09", "CTR-13"} <= codes
    (ctr13,) = [f for f in found if f["code"] == "CTR-13"]
    assert "if it renewed, record the new end date" in ctr13["message"]
    assert "exited" not in ctr13["message"]


def test_a_contract_recorded_ended_is_not_reported(cli, tmp_path) -> None:
    (tmp_path / "programme.yaml").write_text(
        PROGRAMME.replace("SUPPLIER_STATUS", "exited").replace("status: active", "status: ended"),
        encoding="utf-8",
    )
    run = cli("check", ".", "--no-cache", "-f", "json", "--as-of", "2026-12-07", cwd=tmp_path)
    found = json.loads(run.stdout)["findings"]
    assert [f for f in found if f["id"] == "ctr-old-portal"] == []


def test_the_calendar_lists_no_deadline_of_the_exited_suppliers_contract(cli, tmp_path) -> None:
    _contract_findings(cli, tmp_path, "exited")
    run = cli("calendar", ".", "--as-of", "2026-12-07", cwd=tmp_path)
    assert "ctr-old-portal" not in run.stdout
    _contract_findings(cli, tmp_path, "active")
    run = cli("calendar", ".", "--as-of", "2026-12-07", cwd=tmp_path)
    assert "ctr-old-portal" in run.stdout
