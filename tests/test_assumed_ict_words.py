"""A supplier whose provides_ict_services is not recorded is taken to provide ICT services where
the repository shows it (a cloud dependency, an identity into our systems, data stored for us,
an ICT contract): failing closed, as before. What changes is the words: a message never says
it "provides ICT services" as if that were recorded, but that it is taken to, and that the
field is not recorded. Read through `resilint check` and `resilint impact` as users run them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

SUPPLIER = """\
apiVersion: resilint/v1
kind: Supplier
id: mes
name: MES Ltd
tier: 1
RECORDED
shared_dependencies:
  cloud: [{provider: aws, region: eu-west-1}]
---
apiVersion: resilint/v1
kind: Contract
id: ctr-mes
supplier: mes
status: active
"""
POLICY = """\
---
apiVersion: resilint/v1
kind: Entity
id: co
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber
insurer: Insurer AG
insured_entities: [co]
period: {start: 2026-01-01, end: 2027-01-01}
coverages:
  business_interruption: {included: true}
  dependent_business_interruption: {included: true}
dependent_bi: {scope: it_providers}
business_interruption: {waiting_period_hours: 12}
"""
ASSUMED = "is taken to provide ICT services (provides_ict_services is not recorded)"


def _plb02(cli: Any, write: Any, recorded: str) -> str:
    write("s.yaml", SUPPLIER.replace("RECORDED", recorded))
    run = cli("check", "--no-cache", "--select", "PLB-02", "-f", "json", ".")
    (finding,) = run.json()["findings"]
    return str(finding["message"])


def test_plb02_says_ict_services_are_taken_not_recorded(cli, write) -> None:
    message = _plb02(cli, write, "")
    assert f"supplier mes is tier 1 in effect and {ASSUMED}, so the requirements" in message
    assert " and provides ICT services" not in message
    recorded = _plb02(cli, write, "provides_ict_services: true")
    assert "tier 1 in effect and provides ICT services, so the requirements" in recorded
    assert "taken to provide" not in recorded


def test_impact_says_the_it_provider_cover_takes_the_supplier_for_one(
    cli, write, tmp_path: Path
) -> None:
    write("resilint.yaml", "{}\n")
    write("s.yaml", SUPPLIER.replace("RECORDED", "") + POLICY)
    args = ("impact", "--supplier", "mes", "--format", "json", "--as-of", "2026-11-26")
    found = cli(*args, cwd=tmp_path).json()
    whys = [c["why"] for c in found["insurance"][0]["covers"]]
    assert f"the cover includes IT providers, and mes {ASSUMED}" in whys, whys


def test_impact_does_not_say_a_supplier_with_nothing_recorded_provides_none(
    cli, write, tmp_path: Path
) -> None:
    """The other way round: nothing shows ICT services and nothing records their absence."""
    write("resilint.yaml", "{}\n")
    bare = SUPPLIER.replace("RECORDED\n", "").replace(
        "  cloud: [{provider: aws, region: eu-west-1}]\n", ""
    )
    write("s.yaml", bare.replace("shared_dependencies:\n", "") + POLICY)
    args = ("impact", "--supplier", "mes", "--format", "json", "--as-of", "2026-11-26")
    whys = [c["why"] for c in cli(*args, cwd=tmp_path).json()["insurance"][0]["covers"]]
    unshown = "is not shown to provide ICT services (provides_ict_services is not recorded)"
    assert f"the cover includes only IT providers, and mes {unshown}" in whys, whys
