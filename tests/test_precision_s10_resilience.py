"""The tenth precision audit (a Luxembourg asset manager and a US healthcare SaaS) on the
concentration and continuity rules, through the CLI on real YAML: our own platform run with a
standby region is not a regional concentration, as a supplier's geo-redundant service is not; a
supplier's people with named accounts in our workforce identity provider are not told that
disabling them locks out our staff; a supplier is told only the reason that makes it one we rely
on; and one stale restore test is one finding, at the control where it is fixed. Each false alarm
is gone, and each real gap is still found."""

from __future__ import annotations

from one_file import check, doc, line, repo

# -- CON-01: our own platform with a standby region fails over rather than stops --------------

PAIR = "[{provider: aws, region: us-east-1}, {provider: aws, region: us-west-2, role: standby}]"
PLAN = (
    "owner: a\ndeputy: b\nactivation_thresholds:\n"
    "  - {type: cloud_region_outage, description: us-east-1 down}\n"
    "manual_procedure: {description: fail over, max_degraded_hours: 72, time_to_switch_hours: 1}\n"
)


def platform(cloud: str, extra: str = "", plans: bool = False) -> str:
    """Three critical functions on our own AWS platform, each with ``cloud`` (and a plan)."""
    documents = []
    for name in ("scheduling", "telehealth", "ehr-sync"):
        body = f"criticality: critical\ndepends_on:\n  cloud: {cloud}\n{extra}"
        documents.append(doc("BusinessFunction", name, body))
        if plans:
            documents.append(doc("ContinuityPlan", f"plan-{name}", f"function: {name}\n{PLAN}"))
    return repo(*documents)


def test_con01_a_function_with_its_own_standby_region_is_not_counted(cli, write) -> None:
    assert check(cli, write, platform(PAIR), ["CON-01"]) == []
    # a replica region holds copies of our data only: each function stops with us-east-1 until it
    # is rebuilt in us-west-2, all three together
    (finding,) = check(cli, write, platform(PAIR.replace("standby", "replica")), ["CON-01"])
    message = finding["message"]
    assert "3 critical or important business functions run on cloud region aws us-east-1" in message
    # a standby recorded on the same region is no way out of it
    same = PAIR.replace("region: us-west-2", "region: us-east-1")
    assert len(check(cli, write, platform(same), ["CON-01"])) == 1


def test_con01_a_region_plan_alone_does_not_close_it_and_the_message_says_what_does(
    cli, write
) -> None:
    single = "[{provider: aws, region: us-east-1}]"
    (finding,) = check(cli, write, platform(single, plans=True), ["CON-01"])
    assert finding["line"] == 6 and finding["id"] == "scheduling"
    assert "depends_on.cloud, role: standby)" in finding["message"]


def test_con01_its_own_standby_does_not_hide_a_supplier_it_also_relies_on(cli, write) -> None:
    cloud = "shared_dependencies:\n  cloud: [{provider: aws, region: us-east-1}]\n"
    saas = doc("Supplier", "saas", f"tier: 1\n{cloud}")
    text = repo(platform(PAIR, "  suppliers: [saas]\n"), saas)
    (finding,) = check(cli, write, text, ["CON-01"])
    assert "scheduling (on saas -> supplier saas runs on aws us-east-1)" in finding["message"]


# -- CON-02: a supplier's people in our workforce directory, told the real risk and the fix ---

SIGN_IN = "criticality: critical\ndepends_on:\n  identity_providers: [entra-id]\n"
WORKFLOW = doc("BusinessFunction", "nav", SIGN_IN)
MDR = doc("Supplier", "mdr", "tier: 1\nprovides_ict_services: true\n")


def access(kind: str) -> str:
    body = f"supplier: mdr\ntype: {kind}\naccess_level: privileged\nidentity_provider: entra-id\n"
    return doc("Identity", f"mdr-{kind}", body + "mfa: true\nstatus: active\n")


def test_con02_a_suppliers_people_are_told_the_real_risk_and_cross_tenant_delegation(
    cli, write
) -> None:
    (finding,) = check(cli, write, repo(WORKFLOW, MDR, access("human_account")), ["CON-02"])
    message = finding["message"]
    assert "identity mdr-human_account of critical supplier mdr (its staff's accounts)" in message
    assert "a foothold inside the plane" in message and "lock out" not in message
    assert "delegated across tenants (such as Microsoft GDAP or Azure Lighthouse)" in message
    assert "not federated" not in message
    # a machine integration is told to take its credentials off the provider
    (finding,) = check(cli, write, repo(WORKFLOW, MDR, access("oauth_client")), ["CON-02"])
    assert "credentials that are not federated through entra-id" in finding["message"]
    assert "GDAP" not in finding["message"]


# -- BCM-05: only the records that make a supplier one we rely on -----------------------------

MDR_BODY = "tier: 1\nprovides_ict_services: true\nhighest_access_level: privileged\n"


def why_relied_on(cli, write, body: str) -> str:
    (finding,) = check(cli, write, repo(doc("Supplier", "mdr", body)), ["BCM-05"])
    return str(finding["message"]).split("one we rely on (")[1].split("), but")[0]


def test_bcm05_names_only_the_records_that_put_the_supplier_under_it(cli, write) -> None:
    # tier 1 because of its privileged access: only its own record of support triggers the rule
    flagged = MDR_BODY + "supports_critical_function: true\n"
    assert why_relied_on(cli, write, flagged) == "it is recorded as supporting a critical function"
    assert check(cli, write, repo(doc("Supplier", "mdr", MDR_BODY)), ["BCM-05"]) == []
    # a service's flag is named as the service's
    service = MDR_BODY + "services:\n  - {name: mdr-24x7, supports_critical_function: true}\n"
    assert why_relied_on(cli, write, service) == (
        "its service mdr-24x7 is recorded as supporting a critical function"
    )
    # a tier 1 that no exposure explains is a reason of its own
    plain = "tier: 1\nsupports_critical_function: true\n"
    assert why_relied_on(cli, write, plain) == (
        "it is recorded as tier 1; it is recorded as supporting a critical function"
    )


# -- BCM-06: one stale restore test is one finding, at the control where it is fixed ----------


def vault(test: str, functions: str = "[scheduling, telehealth, ehr-sync]") -> str:
    body = f"category: backup_immutable\nstatus: implemented\nfunctions: {functions}\n"
    return doc("Control", "vault-lock", body + f"last_restore_test: {test}\n")


def test_bcm06_one_stale_test_is_one_finding_at_the_control_naming_the_functions(
    cli, write
) -> None:
    stale = vault("{date: 2025-09-15, result: pass}")
    text = repo(platform(PAIR), stale)
    (finding,) = check(cli, write, text, ["BCM-06"])
    assert (finding["kind"], finding["id"]) == ("Control", "vault-lock")
    assert finding["json_path"] == "last_restore_test.date"
    assert finding["line"] == line(text, "last_restore_test")
    assert "behind critical functions scheduling, telehealth and ehr-sync" in finding["message"]
    assert "test a restore from control vault-lock" in finding["message"]
    assert [r["message"] for r in finding["related"]] == [
        f"critical function {f} relies on this backup"
        for f in ("scheduling", "telehealth", "ehr-sync")
    ]
    # a fresh test closes it; a function no copy covers is still reported at the function
    fresh = repo(platform(PAIR), vault("{date: 2026-09-15, result: pass}", "[scheduling]"))
    found = check(cli, write, fresh, ["BCM-06"])
    assert sorted(f["id"] for f in found) == ["ehr-sync", "telehealth"]
    assert all("has no implemented immutable or offline backup" in f["message"] for f in found)


def test_bcm06_a_waiver_of_the_stale_test_targets_the_control(cli, write) -> None:
    waiver = doc(
        "Waiver",
        "w-vault",
        "rule: BCM-06\ntargets: [{kind: Control, id: vault-lock}]\nrationale: r\n"
        "compensating_controls: [c]\nrisk_owner: a\napprover: b\napproved_on: 2026-10-01\n"
        "expires: 2027-03-31\n",
    )
    text = repo(platform(PAIR), vault("{date: 2025-09-15, result: pass}"), waiver)
    (finding,) = check(cli, write, text, ["BCM-06", "EXC-02"])
    assert finding["code"] == "BCM-06" and finding["suppressed"]
