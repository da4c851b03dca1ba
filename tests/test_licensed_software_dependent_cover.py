"""A managed service provider's privileged access management software, licensed from its vendor
and run on the provider's own servers, was named by INS-04 as a critical supplier that the cyber
policy's dependent business-interruption cover leaves out. Dependent cover is written for the
outage of a provider's systems we rely on; a vendor whose software we run ourselves has none
that we rely on, and a fault or compromise reaching us through its software is an outage of our
own systems, which business-interruption cover answers. A SaaS on the same function is still
asked to be named."""

from __future__ import annotations

from one_file import check, docs, messages

POLICY = """
    kind: InsurancePolicy
    id: cyber
    line: cyber
    insurer: Hanseatica
    period: {start: 2026-07-01, end: 2027-06-30}
    coverages:
      business_interruption: {included: true}
      dependent_business_interruption: {included: true}
    business_interruption: {waiting_period_hours: 8}
    dependent_bi: {scope: named, named_providers: [nimbus]}
"""
FUNCTION = """
    kind: BusinessFunction
    id: customer-operations
    criticality: critical
    rto_hours: 12
    mtpd_hours: 48
    depends_on:
      services:
        - {supplier: vaultline, service: vaultgate}
        - {supplier: fernwart, service: rmm}
"""
VAULTLINE = """
    kind: Supplier
    id: vaultline
    tier: 1
    provides_ict_services: true
    highest_access_level: privileged
    services:
      - name: vaultgate
        service_model: licensed_software
        stores_data: false
        supports_critical_function: true
"""
FERNWART = """
    kind: Supplier
    id: fernwart
    tier: 1
    provides_ict_services: true
    services:
      - name: rmm
        service_model: multi_tenant_saas
        stores_data: true
        supports_critical_function: true
"""


def test_software_we_run_ourselves_is_not_asked_into_dependent_cover(cli, write) -> None:
    found = check(cli, write, docs(POLICY, FUNCTION, VAULTLINE, FERNWART), ["INS-04"])
    said = messages(found, "INS-04")
    assert "leaves out critical supplier fernwart" in said, said
    assert "vaultline" not in said, said


def test_impact_says_why_no_dependent_cover_is_needed(cli, write) -> None:
    write("resilint.yaml", "profiles: []\n")
    write("repo.yaml", docs(POLICY, FUNCTION, VAULTLINE, FERNWART))
    result = cli(
        "impact", "repo.yaml", "--supplier", "vaultline", "--hours", "24", "--as-of", "2026-11-26"
    )
    assert "vaultline's software runs on our own systems" in result.stdout, result.stdout
