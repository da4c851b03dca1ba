"""A deadline an entity records under reporting_clocks.other_clocks with the data protection
authority's message as its audience (a US state's breach notice to its residents and attorney
general) is a personal data breach notice: left unscoped, it concerns every supplier whose
compromise can breach our personal data, as the data protection authority's clock does, not only
the suppliers of our critical services. A payroll bureau holding employees' records started no
such clock in resilint impact, and CTR-04 did not fit its notice window inside it. A deadline
with another audience keeps its scope. Through the CLI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from one_file import doc, repo

from tests.conftest import Run

AS_OF = "2026-12-07"


def programme(window: int = 48, audience: str = "data_protection") -> str:
    return repo(
        doc(
            "Entity",
            "acme",
            "country: US\nregimes: []\nreporting_clocks:\n  other_clocks:\n"
            "    - {name: State breach notice, hours: 720, source: 'C.R.S. 6-1-716(2)',"
            f" audience: {audience}}}\n"
            "    - {name: Customer notice, hours: 72, source: Customer MSA, audience: customers}\n",
        ),
        doc(
            "Supplier",
            "payroll-bureau",
            "tier: 2\nprovides_ict_services: false\nservice_model: managed_service\n"
            "data_sensitivity: confidential\npersonal_data: true\nhighest_access_level: none\n",
        ),
        doc(
            "Contract",
            "payroll-contract",
            "supplier: payroll-bureau\nentities: [acme]\nstatus: active\n"
            "start_date: 2025-01-01\nend_date: 2028-12-31\n"
            f"incident_notification: {{window_hours: {window}, trigger: suspected}}\n",
        ),
        doc(
            "Supplier",
            "landlord",
            "tier: 3\nprovides_ict_services: false\ndata_sensitivity: public\n"
            "personal_data: false\nhighest_access_level: none\n",
        ),
    )


def notices(cli: Run, write: Any, tmp_path: Path, text: str, supplier: str) -> list[str]:
    write("resilint.yaml", "{}\n")
    write("programme.yaml", text)
    run = cli("impact", "--supplier", supplier, "--format", "json", "--as-of", AS_OF, cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    return [n["what"] for n in run.json()["notices"]]


def test_a_breach_notice_is_started_by_a_bureau_holding_personal_data(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    found = notices(cli, write, tmp_path, programme(), "payroll-bureau")
    assert "State breach notice" in found
    assert "Customer notice" not in found  # another audience keeps its scope
    assert notices(cli, write, tmp_path, programme(), "landlord") == []


def test_a_deadline_of_another_audience_is_not_widened(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    text = programme(audience="customers")
    assert "State breach notice" not in notices(cli, write, tmp_path, text, "payroll-bureau")


def test_ctr04_fits_the_bureaus_window_inside_the_breach_notice(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    write("resilint.yaml", "profiles: []\nselect: [CTR-04]\n")
    write("programme.yaml", programme(window=1000))
    run = cli("check", ".", "--format", "json", "--no-cache", "--as-of", AS_OF, cwd=tmp_path)
    (finding,) = run.json()["findings"]
    assert finding["id"] == "payroll-contract"
    assert "'State breach notice' deadline (C.R.S. 6-1-716(2))" in finding["message"]
    write("programme.yaml", programme(window=48))
    run = cli("check", ".", "--format", "json", "--no-cache", "--as-of", AS_OF, cwd=tmp_path)
    assert run.json()["findings"] == []
