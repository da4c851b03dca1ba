"""What the audit of a Belgian insurance group (a Luxembourg reinsurance captive, a broker
subsidiary) showed, through the CLI on real YAML: a supplier whose words name its clients is not
taken for a bank or an insurer, and so loses no contract term."""

from __future__ import annotations

import pytest
from one_file import check, doc, repo


def non_ict(name: str, description: str, service: str = "") -> str:
    """A tier-2 supplier without ICT services holding our confidential data: asked the
    incident notice (CTR-03) unless it is a bank, an insurer or a scheme, or an adviser below
    tier 1."""
    services = f"services:\n  - {{name: svc, service_type: {service}}}\n" if service else ""
    return doc(
        "Supplier",
        "acme",
        f"name: {name}\ndescription: {description}\n"
        "tier: 2\nprovides_ict_services: false\ndata_sensitivity: confidential\n"
        f"highest_access_level: none\n{services}",
    )


CONTRACT = doc(
    "Contract",
    "ctr-acme",
    "supplier: acme\nstatus: active\ncovers_ict_services: false\n"
    "start_date: 2020-01-01\nend_date: 2030-12-31\n",
)


@pytest.mark.parametrize(
    ("name", "description", "asked"),
    [
        # a bank and an insurer: regulated financial services, not asked the notice hours
        ("Banque Sablon SA/NV", "Custody bank of the general account (securities custody).", 0),
        ("Meridian Insurance Company plc", "Insurer of our directors and officers.", 0),
        ("Donau Lebensversicherung AG", "Group life cover for our staff.", 0),
        # an insurance broker: an adviser, asked the notice hours only when critical
        ("Aldgate Re Brokers Ltd", "Reinsurance broker (claims collection from reinsurers).", 0),
        # whom the supplier serves is not its trade: asked as any supplier holding our data
        (
            "Luxcap Insurance Management S.A.",
            "Management company for captive reinsurers (administration, accounting, treasury).",
            1,
        ),
        ("ClaimCare SA", "Claims handling for insurers and Lloyd's syndicates.", 1),
        ("Claimlink Services SA", "Third-party claims administrator for insurers.", 1),
        ("Lettershop GmbH", "Print and mail services to banks and insurers.", 1),
        # running something for us is an outsourcing, whoever performs it
        ("Luxcap Insurance Management S.A.", "Management company running Brabantia Re.", 1),
        ("Harbour Bank plc", "Bank administrator of our staff pension scheme.", 1),
    ],
)
def test_ctr03_reads_the_suppliers_own_trade_not_its_clients(
    cli, write, name: str, description: str, asked: int
) -> None:
    found = check(cli, write, repo(non_ict(name, description), CONTRACT), ["CTR-03"])
    assert len(found) == asked, found


def test_a_service_run_for_us_is_not_read_as_its_suppliers_trade(cli, write) -> None:
    """A captive manager whose name says insurance, and a service whose own words say it runs
    our operations: the supplier's words no longer stand in for the service's."""
    manager = non_ict(
        "Meridian Insurance Company plc",
        "Insurer and captive manager.",
        "captive insurance management (outsourced operations)",
    )
    [finding] = check(cli, write, repo(manager, CONTRACT), ["CTR-03"])
    assert "record its service_model" in finding["message"]
    cover = non_ict("Meridian Insurance Company plc", "Insurer.", "directors and officers cover")
    assert check(cli, write, repo(cover, CONTRACT), ["CTR-03"]) == []


def test_a_critical_captive_manager_is_asked_notice_cooperation_and_remedies(cli, write) -> None:
    """The captive manager of a reinsurance captive without staff, described by the captives it
    serves, a critical outsourcing: every term its exposure calls for is asked."""
    manager = doc(
        "Supplier",
        "luxcap",
        "name: Luxcap Insurance Management S.A.\n"
        "description: Management company for captive reinsurers (administration, accounting,"
        " Solvency II reporting, treasury), Luxembourg.\n"
        "tier: 1\nprovides_ict_services: false\nsupports_critical_function: true\n"
        "data_sensitivity: confidential\nhighest_access_level: none\n"
        "services:\n  - name: captive-management\n"
        "    service_type: captive insurance management\n"
        "    substitutability: medium_complexity\n",
    )
    contract = doc(
        "Contract",
        "ctr-luxcap",
        "supplier: luxcap\nstatus: active\ncovers_ict_services: false\n"
        "supports_critical_function: true\nstart_date: 2017-01-01\n",
    )
    found = check(cli, write, repo(manager, contract), ["CTR-03", "CTR-07", "CTR-08"])
    assert sorted({f["code"] for f in found}) == ["CTR-03", "CTR-07", "CTR-08"]
    recorded = manager.replace("tier: 1\n", "tier: 1\nservice_model: financial_service\n")
    assert check(cli, write, repo(recorded, contract), ["CTR-03", "CTR-07", "CTR-08"]) == []


def test_ctr05_a_tool_for_payment_processors_is_no_shared_payment_platform(cli, write) -> None:
    """An ICT supplier whose words name its clients ("for payment processors") is not a payment
    processor's multi-tenant platform: below tier 1 its notice items are asked, as of a service
    whose model nothing says; a payment gateway of ours still is one."""
    tool = doc(
        "Supplier",
        "acme",
        "tier: 2\nprovides_ict_services: true\ndata_sensitivity: confidential\n"
        "services:\n  - {name: svc, description: Fraud screening for payment processors}\n",
    )
    notice = doc(
        "Contract",
        "ctr-acme",
        "supplier: acme\nstatus: active\n"
        "incident_notification: {window_hours: 24, trigger: suspected, content: [contact]}\n",
    )
    [finding] = check(cli, write, repo(tool, notice), ["CTR-05"])
    assert "isolation_status" in finding["message"]
    gateway = tool.replace("Fraud screening for payment processors", "Payment gateway of our shop")
    assert check(cli, write, repo(gateway, notice), ["CTR-05"]) == []


# -- CON-01: a service running in several regions at once, and a replica region --------------


def functions_on(supplier_id: str) -> list[str]:
    """Three critical functions signing in through the supplier (an identity provider)."""
    return [
        doc(
            "BusinessFunction",
            f,
            f"criticality: critical\ndepends_on: {{identity_providers: [{supplier_id}]}}\n",
        )
        for f in ("claims", "policies", "premiums")
    ]


def identity_provider(cloud: str) -> str:
    """A sign-in SaaS hosted by a hyperscaler, the subcontractor recording its regions."""
    return doc(
        "Supplier",
        "keyfort",
        "tier: 1\nprovides_ict_services: true\nservice_model: multi_tenant_saas\n"
        "subcontractors:\n"
        "  - {id: keyfort-aws, name: Nimbus Web Services, rank: 2,\n"
        f"     cloud: {cloud}}}\n",
    )


def test_con01_an_active_active_service_runs_in_no_single_region(cli, write) -> None:
    """An identity provider serving from eu-central-1 and eu-west-1 at once was reported twice,
    each region called the functions' primary one (insurer audit). Recorded active in both, an
    outage of either leaves the other serving: neither is a single point of failure."""
    active = (
        "[{provider: aws, region: eu-central-1, role: active},"
        " {provider: aws, region: eu-west-1, role: active}]"
    )
    text = repo(identity_provider(active), *functions_on("keyfort"))
    assert check(cli, write, text, ["CON-01", "SCH-01"]) == []
    # the same two regions recorded without a role are two primary regions, as before
    unsaid = active.replace(", role: active", "")
    found = check(cli, write, repo(identity_provider(unsaid), *functions_on("keyfort")), ["CON-01"])
    assert len(found) == 2
    # each says which record lists the other region with no role, and how to say what it is
    for finding, other in zip(found, ("aws eu-west-1", "aws eu-central-1"), strict=True):
        assert (
            f"The record of supplier keyfort lists {other} beside it with no role, so each is "
            "read as a primary region: if they serve at once, record role: active on each"
        ) in finding["message"], finding["message"]
    # a single region with no role, or one beside a standby, gets no such words
    (lone,) = check(
        cli,
        write,
        repo(
            identity_provider("[{provider: aws, region: eu-central-1}]"), *functions_on("keyfort")
        ),
        ["CON-01"],
    )
    assert "with no role" not in lone["message"]


def test_con01_a_lone_active_region_is_a_primary_one(cli, write) -> None:
    """Active with nothing else active is the region the service runs in alone; with a standby
    region next to it, the supplier fails over, as from a primary region."""
    alone = "[{provider: aws, region: eu-central-1, role: active}]"
    [finding] = check(
        cli, write, repo(identity_provider(alone), *functions_on("keyfort")), ["CON-01"]
    )
    assert "aws eu-central-1" in finding["message"]
    standby = (
        "[{provider: aws, region: eu-central-1, role: active},"
        " {provider: aws, region: eu-west-1, role: standby}]"
    )
    text = repo(identity_provider(standby), *functions_on("keyfort"))
    assert check(cli, write, text, ["CON-01"]) == []


def test_con01_a_replica_region_keeps_no_function_running(cli, write) -> None:
    """A supplier whose service runs in one region and keeps a replica of the data in another
    is rebuilt from it after the outage, as from backups: three critical functions on it stop
    together (the rule's own rationale). A standby region it fails over to is the supplier's
    geo-redundancy, left to its criticality and exit plan."""
    replica = (
        "[{provider: aws, region: eu-central-1}, {provider: aws, region: eu-west-1, role: replica}]"
    )
    [finding] = check(
        cli, write, repo(identity_provider(replica), *functions_on("keyfort")), ["CON-01"]
    )
    assert "aws eu-central-1" in finding["message"]
    standby = replica.replace("replica", "standby")
    text = repo(identity_provider(standby), *functions_on("keyfort"))
    assert check(cli, write, text, ["CON-01"]) == []


def test_con01_our_own_workload_active_in_two_regions_is_not_a_hyperscaler_concentration(
    cli, write
) -> None:
    """Functions running our own workload active-active across two regions of a hyperscaler,
    whose record of the landing zone names one of them: the provider's record is the same route
    as ours, which runs on in the other region."""
    cloud = doc(
        "Supplier",
        "stratus-cloud",
        "name: Stratus Cloud Ireland Ltd\ntier: 1\nprovides_ict_services: true\n"
        "services:\n  - name: landing-zone\n    service_model: iaas_paas\n"
        "    cloud: [{provider: stratus, region: eu-west, role: primary}]\n",
    )
    regions = (
        "  cloud:\n    - {provider: stratus, region: eu-west, role: active}\n"
        "    - {provider: stratus, region: eu-north, role: active}\n"
    )
    functions = [
        doc(
            "BusinessFunction",
            f,
            "criticality: critical\ndepends_on:\n"
            f"  services: [{{supplier: stratus-cloud, service: landing-zone}}]\n{regions}",
        )
        for f in ("nav", "risk", "dealing")
    ]
    assert check(cli, write, repo(cloud, *functions), ["CON-01"]) == []
    north = "    - {provider: stratus, region: eu-north, role: active}\n"
    alone = [f.replace(north, "") for f in functions]
    [finding] = check(cli, write, repo(cloud, *alone), ["CON-01"])
    assert "stratus eu-west" in finding["message"]


def test_impact_an_active_active_region_down_stops_no_function(cli, write, tmp_path) -> None:
    """resilint impact reads the regions as CON-01 does: one of two active regions down leaves
    the function running; the only active region down stops it."""
    write("resilint.yaml", "{}\n")
    two = (
        "  cloud:\n    - {provider: aws, region: eu-west-1, role: active}\n"
        "    - {provider: aws, region: eu-central-1, role: active}\n"
    )
    body = "criticality: critical\nrto_hours: 4\ndepends_on:\n"
    write("programme.yaml", doc("BusinessFunction", "orders", body + two))
    args = ("impact", "--format", "json", "--as-of", "2026-11-26", "--hours", "12", "--region")
    down = cli(*args, "aws/eu-west-1", cwd=tmp_path).json()
    assert down["functions"][0]["stopped"] is False
    assert any("one of several regions serving it at once" in n for n in down["notes"])
    alone = two.replace("    - {provider: aws, region: eu-central-1, role: active}\n", "")
    write("programme.yaml", doc("BusinessFunction", "orders", body + alone))
    assert cli(*args, "aws/eu-west-1", cwd=tmp_path).json()["functions"][0]["stopped"] is True


# -- ENT-01: an insurance intermediary that DORA Art. 2(3)(e) excludes ------------------------


def entity(body: str, kind: str = "insurance_intermediary") -> str:
    return doc("Entity", "courtage", f"entity_type: {kind}\nregimes: [dora]\n{body}")


@pytest.mark.parametrize("size", ["micro", "small", "medium"])
def test_ent01_a_small_or_medium_insurance_broker_is_outside_dora(cli, write, size) -> None:
    """A broker subsidiary of 38 staff and EUR 7.9 million turnover recorded under DORA (insurer
    audit): Art. 2(3)(e) excludes micro, small and medium-sized intermediaries, not only
    microenterprises, so its register data is policy, not law."""
    [finding] = check(cli, write, repo(entity(f"dora_enterprise_size: {size}\n")), ["ENT-01"])
    assert "Art. 2(3)(e)" in finding["message"] and "policy, not law" in finding["message"]
    assert f"is {size} (a micro, small or medium-sized enterprise)" in finding["message"]


def test_ent01_asks_an_insurance_intermediary_under_dora_its_size(cli, write) -> None:
    """Recorded only as not a microenterprise, a broker may still be small or medium: whether
    DORA binds it turns on its size class, which is asked. A large one, and a small bank (which
    point (e) does not name), are under DORA."""
    [finding] = check(cli, write, repo(entity("dora_microenterprise: false\n")), ["ENT-01"])
    assert "without its size class" in finding["message"]
    assert check(cli, write, repo(entity("dora_enterprise_size: large\n")), ["ENT-01"]) == []
    bank = entity("dora_enterprise_size: small\n", kind="credit_institution")
    assert check(cli, write, repo(bank), ["ENT-01", "SCH-01"]) == []
    # dora_microenterprise still says micro
    [finding] = check(cli, write, repo(entity("dora_microenterprise: true\n")), ["ENT-01"])
    assert "is micro (a micro" in finding["message"]


def test_ctr10_a_microenterprise_by_its_size_class_may_delegate_its_audit_rights(
    cli, write
) -> None:
    """CTR-10 reads the same size class: a microenterprise recorded as dora_enterprise_size
    micro may delegate its rights to an independent third party (DORA Art. 30(3), second
    subparagraph); a small enterprise may not."""
    supplier = doc(
        "Supplier", "hyper", "provides_ict_services: true\nsupports_critical_function: true\n"
    )
    contract = doc(
        "Contract",
        "ctr-hyper",
        "supplier: hyper\nentities: [fund]\nstatus: active\n"
        "audit: {delegated_to_independent_third_party: true, includes_competent_authority: true}\n",
    )

    def fund(size: str) -> str:
        return doc("Entity", "fund", f"regimes: [dora]\ndora_enterprise_size: {size}\n")

    assert check(cli, write, repo(fund("micro"), supplier, contract), ["CTR-10"]) == []
    [finding] = check(cli, write, repo(fund("small"), supplier, contract), ["CTR-10"])
    assert "only to a microenterprise" in finding["message"]
