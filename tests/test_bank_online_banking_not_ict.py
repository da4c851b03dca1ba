"""A bank that keeps our data through the ICT part of its regulated service (an online banking
portal and a payment file channel beside the safeguarding account) is not taken to provide ICT
services when its record leaves provides_ict_services out: the Commission's answer to the ESAs'
Q&A 2999 (DORA030) treats such a service as predominantly the financial service it belongs to,
not an ICT service (DORA Art. 3(21)). It is asked no DORA Art. 30 clauses, incident-notice
hours, register columns or joint playbook, as the bank with the account alone is not; only the
continuity of the function resting on it (BCM-03). A supplier of the same services not worded
as a bank, and a bank recorded as providing ICT services, are asked as before. Through the CLI
on the e-money institution's programme (tests/data/programmes/emoney-ie)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data" / "programmes" / "emoney-ie"
PORTAL = """  - name: corporate-online-banking
    description: Corporate online banking portal and host-to-host channel for payment files.
    service_type: online banking
    supports_critical_function: true
    stores_data: true
"""

PLAN = """apiVersion: resilint/v1
kind: ContinuityPlan
id: safeguarding-fallback
function: safeguarding
manual_procedure: {description: reconcile from the bank's statements, max_degraded_hours: 12}
"""


def _bank(tmp_path: Path, *, name: str = "Liffey Bank plc", ict: str | None = None) -> Path:
    root = tmp_path / "emoney"
    shutil.copytree(DATA, root, ignore=shutil.ignore_patterns(".resilint_cache"))
    supplier = root / "suppliers" / "liffey-bank.yaml"
    text = supplier.read_text(encoding="utf-8")
    assert text.count("provides_ict_services: false\n") == 1
    assert text.count("name: Liffey Bank plc\n") == 1
    recorded = f"provides_ict_services: {ict}\n" if ict else ""
    text = text.replace("provides_ict_services: false\n", recorded)
    text = text.replace("name: Liffey Bank plc\n", f"name: {name}\n")
    if name != "Liffey Bank plc":
        text = text.replace("description: Credit institution holding", "description: Holding")
    supplier.write_text(text + PORTAL, encoding="utf-8")
    contract = root / "contracts" / "liffey-bank.yaml"
    text = contract.read_text(encoding="utf-8").replace("covers_ict_services: false\n", "")
    text = text.replace(
        "[safeguarding-account]", "[safeguarding-account, corporate-online-banking]"
    )
    contract.write_text(text, encoding="utf-8")
    function = root / "functions" / "safeguarding.yaml"
    text = function.read_text(encoding="utf-8")
    line = "    - {supplier: liffey-bank, service: safeguarding-account}\n"
    assert text.count(line) == 1
    portal = "    - {supplier: liffey-bank, service: corporate-online-banking}\n"
    function.write_text(text.replace(line, line + portal), encoding="utf-8")
    # a plan whose manual procedure ends before the function's MTPD: BCM-03 weighs it against
    # the bank's services (a function with no plan at all is BCM-07's, which asks for the plan)
    (root / "functions" / "safeguarding-plan.yaml").write_text(PLAN, encoding="utf-8")
    return root


def _codes(cli: Any, root: Path) -> list[str]:
    found = cli("check", ".", "--format", "json", "--no-cache", cwd=root).json()["findings"]
    return sorted({f["code"] for f in found if "liffey" in f["path"]})


def test_a_bank_s_online_banking_is_part_of_its_financial_service(cli: Any, tmp_path: Path) -> None:
    root = _bank(tmp_path)
    assert _codes(cli, root) == ["BCM-03"]
    found = cli("check", ".", "--format", "json", "--no-cache", cwd=root).json()["findings"]
    (portal,) = [
        f for f in found if f["code"] == "BCM-03" and "corporate-online-banking" in f["message"]
    ]
    assert "a bank or other financial institution commits to availability" in portal["message"]


def test_the_same_services_not_worded_as_a_bank_are_ict(cli: Any, tmp_path: Path) -> None:
    codes = _codes(cli, _bank(tmp_path, name="Liffey Account Services Ltd"))
    assert {"CTR-01", "CTR-02", "CTR-03", "SUP-07", "REG-05"} <= set(codes)


def test_a_bank_recorded_as_providing_ict_is_asked_its_terms(cli: Any, tmp_path: Path) -> None:
    codes = _codes(cli, _bank(tmp_path, ict="true"))
    assert {"CTR-01", "CTR-02", "SUP-07"} <= set(codes)
