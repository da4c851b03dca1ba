"""Precision from the audit of a NIS2 utility programme (commit c1ed33a), through the CLI on
real files.

An identity provider named by a supplier's service rather than by the supplier (``helix-id``,
the sign-in service of supplier ``helix-workspace``) links the functions that name it to that
supplier, where the name is exactly one supplier's service and no supplier's id, name or
identifier: BCM-05 no longer says no function depends on it, and ``impact --supplier`` counts
the functions its outage reaches. A service name two suppliers use links neither; a name that
is a supplier's id links to that supplier as before.

CON-03 leaves to CON-01 a European or sovereign cloud (not one of the six hyperscalers it knows
by name) listed under shared_dependencies.subprocessors where the same supplier records it as
the subcontractor hosting it with its regions, or names it as the provider of its regions; a
subprocessor the critical suppliers genuinely share is still reported.
"""

from __future__ import annotations

from typing import Any

from one_file import AS_OF, check, doc, repo


def bcm_05(cli, write, text: str) -> dict[str, str]:
    """BCM-05's findings, by the supplier each is about."""
    return {f["id"]: f["message"] for f in check(cli, write, text, ["BCM-05"])}


def reached(cli, supplier_id: str) -> list[dict[str, Any]]:
    """The functions ``impact --supplier`` says an outage of the supplier reaches."""
    result = cli("impact", "--supplier", supplier_id, "--format", "json", "--as-of", AS_OF)
    assert result.exit_code == 0, result.stdout + result.stderr
    functions: list[dict[str, Any]] = result.json()["functions"]
    return functions


def relied_on(sid: str, name: str, services: str) -> str:
    """A supplier recorded as tier 1 and supporting a critical function: BCM-05 applies."""
    body = f"name: {name}\ntier: 1\nsupports_critical_function: true\nservices: {services}\n"
    return doc("Supplier", sid, body)


def function(fid: str, providers: str, criticality: str = "critical") -> str:
    body = f"criticality: {criticality}\nrto_hours: 24\n"
    return doc("BusinessFunction", fid, body + f"depends_on: {{identity_providers: {providers}}}\n")


HELIX = relied_on("helix-workspace", "Helix Workspace GmbH", "[{name: helix-id}, {name: mail}]")
SIGNING_IN = (
    function("billing", "[helix-id]"),
    function("metering", "[helix-id]", criticality="important"),
)
"""Two functions whose staff sign in through Helix's service helix-id."""


# -- identity providers named by their service --------------------------------------------------
def test_an_identity_provider_named_by_its_service_is_a_dependency_on_its_supplier(
    cli, write
) -> None:
    text = repo(
        HELIX,
        *SIGNING_IN,
    )
    assert bcm_05(cli, write, text) == {}
    # without the functions naming it, the same supplier is one no function depends on
    alone = repo(HELIX, function("billing", "[]"))
    assert "no business function depends on it" in bcm_05(cli, write, alone)["helix-workspace"]


def test_impact_of_the_supplier_counts_the_functions_signing_in_through_its_service(
    cli, write
) -> None:
    text = repo(
        HELIX,
        *SIGNING_IN,
        function("archive", "[]"),
    )
    write("repo.yaml", text)
    functions = reached(cli, "helix-workspace")
    assert [f["id"] for f in functions] == ["billing", "metering"]
    assert functions[0]["via"] == [
        "on identity provider helix-id (service helix-id of helix-workspace)"
    ]


def test_a_service_name_two_suppliers_use_links_neither(cli, write) -> None:
    text = repo(
        relied_on("corvid", "Corvid Systems AG", "[{name: portal-sso}]"),
        relied_on("lattice", "Lattice Networks BV", "[{name: portal-sso}]"),
        HELIX,
        function("billing", "[portal-sso, helix-id]"),
    )
    found = bcm_05(cli, write, text)
    # the ambiguous name reaches neither supplier; the unique one, beside it, reaches its own
    assert sorted(found) == ["corvid", "lattice"]
    for sid in ("corvid", "lattice"):
        assert "no business function depends on it" in found[sid]
    write("repo.yaml", text)
    assert reached(cli, "corvid") == []
    assert reached(cli, "lattice") == []
    assert [f["id"] for f in reached(cli, "helix-workspace")] == ["billing"]


def test_a_name_that_is_a_suppliers_id_links_to_that_supplier_before_any_service(
    cli, write
) -> None:
    # "okta" is supplier okta's id and also the name of a service a reseller lists: the id wins
    text = repo(
        relied_on("okta", "Okta Inc.", "[{name: workforce-identity}]"),
        relied_on("resellr", "Resellr IT GmbH", "[{name: okta}]"),
        HELIX,
        function("billing", "[okta, helix-id]"),
    )
    assert list(bcm_05(cli, write, text)) == ["resellr"]
    write("repo.yaml", text)
    okta = reached(cli, "okta")
    assert [f["id"] for f in okta] == ["billing"]
    assert okta[0]["via"] == ["on identity provider okta"]
    assert reached(cli, "resellr") == []
    assert [f["id"] for f in reached(cli, "helix-workspace")] == ["billing"]


# -- CON-03: a sovereign cloud recorded with its regions is CON-01's ----------------------------
CRITICAL = ("scada-cloud", "billing-saas")
"""The suppliers of the CON-03 cases: a critical function rests on both."""


def con_03(cli, write, *suppliers: str) -> list[str]:
    """CON-03's messages on the two suppliers, critical through the function resting on them."""
    depends = f"criticality: critical\ndepends_on: {{suppliers: [{', '.join(CRITICAL)}]}}\n"
    text = repo(doc("BusinessFunction", "grid-ops", depends), *suppliers)
    return [f["message"] for f in check(cli, write, text, ["CON-03"])]


STACKIT = "STACKIT GmbH & Co. KG"


def hosted(sid: str, subprocessors: list[str], cloud: str) -> str:
    body = f"tier: 1\nshared_dependencies:\n  subprocessors: {subprocessors}\n{cloud}"
    return doc("Supplier", sid, body.replace("'", '"'))


def test_a_sovereign_cloud_named_as_the_provider_of_the_suppliers_regions_is_not_compared(
    cli, write
) -> None:
    regions = "  cloud: [{provider: stackit, region: eu01}]\n"
    scada = hosted(CRITICAL[0], [STACKIT], regions)
    billing = hosted(CRITICAL[1], [STACKIT], regions)
    assert con_03(cli, write, scada, billing) == []
    # the same two suppliers without their regions do share the subprocessor
    bare = [s.replace(regions, "") for s in (scada, billing)]
    [message] = con_03(cli, write, *bare)
    assert f"same subprocessor {STACKIT}" in message


def test_a_subprocessor_recorded_as_the_subcontractor_hosting_it_is_not_compared(
    cli, write
) -> None:
    # plusserver runs the "pluscloud open" regions: its name does not begin with the provider's,
    # so only the subcontractor entry with regions tells that it is the host
    host = (
        "subcontractors:\n"
        "  - {id: plusserver, name: plusserver GmbH,"
        " cloud: [{provider: pluscloud-open, region: prod1}]}\n"
    )
    scada = hosted(CRITICAL[0], ["plusserver GmbH"], host)
    billing = hosted(CRITICAL[1], ["plusserver GmbH"], host)
    assert con_03(cli, write, scada, billing) == []
    # recorded without the regions it hosts them in, it is a shared subprocessor
    colo = [
        s.replace(", cloud: [{provider: pluscloud-open, region: prod1}]", "")
        for s in (scada, billing)
    ]
    [message] = con_03(cli, write, *colo)
    assert "same subprocessor plusserver GmbH" in message


def test_a_genuinely_shared_subprocessor_beside_a_sovereign_cloud_is_still_reported(
    cli, write
) -> None:
    regions = "  cloud: [{provider: stackit, region: eu01}]\n"
    both = [STACKIT, "Deltaport B.V."]
    scada = hosted(CRITICAL[0], both, regions)
    billing = hosted(CRITICAL[1], both, regions)
    [message] = con_03(cli, write, scada, billing)
    assert "same subprocessor Deltaport B.V." in message
    assert "scada-cloud and billing-saas" in message
    assert "STACKIT" not in message


def test_our_own_workloads_on_an_infrastructure_supplier_fail_over_as_our_record_says(
    cli, write
) -> None:
    """Three critical functions run our own workloads in aws us-east-1 with a standby in
    us-west-2 (their depends_on.cloud), on a reseller recorded as an infrastructure supplier
    that runs in us-east-1; two more use a SaaS there. The reseller's record is the functions'
    own route, which fails over, not a second one that stops them: two functions, no
    concentration (CON-01, from the NYDFS audit). Were the reseller a SaaS, its routes would
    count: five."""
    both = (
        "[{provider: aws, region: us-east-1, role: primary}, "
        "{provider: aws, region: us-west-2, role: standby}]"
    )
    reseller = doc(
        "Supplier",
        "stratocloud",
        "name: Stratocloud Hosting\ntier: 1\nprovides_ict_services: true\n"
        f"service_model: iaas_paas\nshared_dependencies:\n  cloud: {both}\n",
    )
    saas = doc(
        "Supplier",
        "clearlist",
        "name: Clearlist Screening\ntier: 1\nprovides_ict_services: true\n"
        f"service_model: multi_tenant_saas\nshared_dependencies:\n  cloud: {both}\n",
    )
    ours = [
        doc(
            "BusinessFunction",
            f"ledger-{i}",
            f"criticality: critical\ndepends_on:\n  suppliers: [stratocloud]\n  cloud: {both}\n",
        )
        for i in range(3)
    ]
    theirs = [
        doc(
            "BusinessFunction",
            f"kyc-{i}",
            "criticality: critical\ndepends_on: {suppliers: [clearlist]}\n",
        )
        for i in range(2)
    ]
    assert check(cli, write, repo(reseller, saas, *ours, *theirs), ["CON-01"]) == []
    other = reseller.replace("iaas_paas", "multi_tenant_saas")
    [finding] = check(cli, write, repo(other, saas, *ours, *theirs), ["CON-01"])
    assert finding["message"].startswith("5 critical or important business functions run on")


def test_a_read_only_person_account_needs_mfa_only_under_nydfs(cli, write) -> None:
    """23 NYCRR 500.12(a), as amended, asks MFA of any individual accessing a covered entity's
    systems: a supplier's read-only person account without MFA is IAM-05's under an entity of
    the NYDFS regime, and nothing elsewhere (IAM-02 asks MFA of write and privileged access)."""
    write("resilint.yaml", "profiles: [baseline]\n")

    def programme(regimes: str) -> str:
        return repo(
            doc("Entity", "ny", f"regimes: {regimes}\n"),
            doc("Supplier", "cpa", "name: CPA LLP\ntier: 2\n"),
            doc("Contract", "ctr-cpa", "supplier: cpa\nentities: [ny]\nstatus: active\n"),
            doc(
                "Identity",
                "cpa-auditor",
                "supplier: cpa\ntype: human_account\naccess_level: read-only\n",
            ),
        )

    def iam_05(as_of: str = "2026-12-04") -> list[str]:
        found = cli("check", "--no-cache", "--format", "json", "--as-of", as_of).json()
        return [f["id"] for f in found["findings"] if f["code"] == "IAM-05"]

    write("p.yaml", programme("[nydfs]"))
    assert iam_05() == ["cpa-auditor"]
    assert iam_05("2025-11-01") == ["cpa-auditor"]
    assert iam_05("2025-10-31") == []  # before the amended 500.12(a) was in force
    write("p.yaml", programme("[dora]"))
    assert iam_05() == []
