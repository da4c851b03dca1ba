"""The precision round for notice clocks, recovery times, duplicates, renewals, calendars,
clause applicability, backups and exit assistance, through the CLI: each correction of a false
alarm or a repeated finding, and that the real gap is still found."""

from __future__ import annotations

import json
from typing import Any

from one_file import AS_OF, check, codes, doc, repo


def places(found: list[dict[str, Any]]) -> list[tuple[str, str, int]]:
    return sorted((f["code"], f["id"], f["line"]) for f in found)


# -- T3: notice clocks (CTR-04 against CTR-03) ------------------------------------------------

LU = doc(
    "Entity",
    "manco-lu",
    "regimes: [dora]\nreporting_clocks:\n  regulator_initial_hours: 24\n"
    "  data_protection_authority_hours: 72\n",
)
CYBER = doc(
    "InsurancePolicy",
    "cyber",
    "period: {start: 2026-01-01, end: 2026-12-31}\ninsured_entities: [manco-lu]\n"
    "notice: {incident_notice_hours: 48}\n",
)


def notice_contract(supplier: str, window: int) -> str:
    body = (
        f"supplier: {supplier}\nentities: [manco-lu]\nstatus: active\n"
        f"incident_notification: {{window_hours: {window}, trigger: suspected}}\n"
    )
    return doc("Contract", f"ctr-{supplier}", body)


def notice_repo(supplier_body: str, window: int) -> str:
    return repo(LU, CYBER, doc("Supplier", "acme", supplier_body), notice_contract("acme", window))


NOTICE_RULES = ["CTR-03", "CTR-04"]


def test_ctr04_accepts_the_tier_1_window_against_a_24_hour_clock(cli, write) -> None:
    # 24 hours is what CTR-03 asks of tier 1: the 24-hour DORA clock cannot contradict it
    text = notice_repo("tier: 1\nprovides_ict_services: true\n", 24)
    assert check(cli, write, text, NOTICE_RULES) == []


def test_ctr04_does_not_repeat_ctr03_on_the_same_clause(cli, write) -> None:
    text = notice_repo("tier: 1\nprovides_ict_services: true\n", 72)
    found = check(cli, write, text, NOTICE_RULES)
    assert [f["code"] for f in found] == ["CTR-03"]
    # without CTR-03 in the run, CTR-04 judges the window as written
    (alone,) = check(cli, write, text, ["CTR-04"])
    assert "72 hours" in alone["message"] and "24-hour initial incident" in alone["message"]


def test_ctr04_reports_a_clock_tighter_than_the_tier_maximum(cli, write) -> None:
    tight = LU.replace("regulator_initial_hours: 24", "regulator_initial_hours: 12")
    text = repo(tight, CYBER, doc("Supplier", "acme", "tier: 1\nprovides_ict_services: true\n"))
    text = repo(text, notice_contract("acme", 72))
    found = check(cli, write, text, NOTICE_RULES)
    assert [f["code"] for f in found] == ["CTR-03", "CTR-04"]
    message = found[1]["message"]
    assert "even the 24 hours this programme allows its tier (CTR-03) exceed the 12-hour" in message
    assert "at most 12 hours, better 8" in message


def test_ctr04_leaves_our_triage_time_before_the_insurer_deadline(cli, write) -> None:
    # tier 2 at 48 hours: CTR-03 is satisfied, but the insurer's 48 hours leave no triage time
    body = "tier: 2\nprovides_ict_services: false\ndata_sensitivity: confidential\n"
    (finding,) = check(cli, write, notice_repo(body, 48), NOTICE_RULES)
    assert finding["code"] == "CTR-04"
    assert (
        "take 48 hours to notify us of an incident, which with our 4-hour triage time does not "
        "fit the 48-hour incident notice deadline of insurance policy cyber"
    ) in finding["message"]
    assert "at most 44 hours, which leaves our 4-hour triage time inside" in finding["message"]
    # 44 hours leave the triage time
    assert check(cli, write, notice_repo(body, 44), NOTICE_RULES) == []


def test_ctr04_matches_the_clock_to_the_exposure(cli, write) -> None:
    # a travel agency holding our travellers' data: the data-protection clock and the insurer's,
    # never the DORA ICT-incident clock
    agency = "tier: 3\nprovides_ict_services: false\ndata_sensitivity: confidential\n"
    (finding,) = check(cli, write, notice_repo(agency, 72), NOTICE_RULES)
    assert finding["code"] == "CTR-04"
    assert "48-hour incident notice deadline of insurance policy cyber" in finding["message"]
    assert "to the regulator" not in json.dumps(finding)
    # an ICT supplier with write access to our systems: the DORA clock applies (a malicious
    # access through it is a major incident, Delegated Regulation 2024/1772 Art. 9(5)(b))
    ict = "tier: 2\nprovides_ict_services: true\nhighest_access_level: write\n"
    (finding,) = check(cli, write, notice_repo(ict, 48), NOTICE_RULES)
    assert "24-hour initial incident notification deadline to the regulator" in finding["message"]
    # read-only access for no critical function: not compared with the regulator's clock
    reader = ict.replace("write", "read-only")
    found = json.dumps(check(cli, write, notice_repo(reader, 48), NOTICE_RULES))
    assert "insurance policy cyber" in found and "deadline to the regulator" not in found


def test_ctr04_under_dora_asks_the_regulator_clock_where_a_critical_service_can_be_hit(
    cli, write
) -> None:
    # an ICT service for no critical function and without access: not a major incident
    # (Delegated Regulation 2024/1772 Art. 8(1)); only the insurer's clock
    ict = "tier: 2\nprovides_ict_services: true\ndata_sensitivity: internal\n"
    assert check(cli, write, notice_repo(ict, 44), NOTICE_RULES) == []
    # the same service holding our confidential data under NIS2 starts the early warning
    # (damage to other persons, Directive 2022/2555 Art. 23(3)(b))
    ict = ict.replace("internal", "confidential")
    nis2 = notice_repo(ict, 48).replace(
        "regimes: [dora]\nreporting_clocks:\n  regulator_initial_hours: 24",
        "regimes: [nis2]\nreporting_clocks:\n  regulator_early_warning_hours: 24",
    )
    (finding,) = check(cli, write, nis2, NOTICE_RULES)
    assert "24-hour early-warning deadline" in finding["message"]


def test_ctr04_counts_a_nydfs_third_party_service_provider_holding_our_data(cli, write) -> None:
    ny = doc(
        "Entity", "ny-co", "regimes: [nydfs]\nreporting_clocks: {regulator_initial_hours: 36}\n"
    )
    body = "supplier: acme\nentities: [ny-co]\nstatus: active\n"
    body += "incident_notification: {window_hours: 48, trigger: suspected}\n"
    holder = "tier: 2\nprovides_ict_services: false\ndata_sensitivity: confidential\n"
    text = repo(ny, doc("Supplier", "acme", holder), doc("Contract", "ctr-acme", body))
    (finding,) = check(cli, write, text, NOTICE_RULES)
    assert "36-hour initial incident notification deadline to the regulator" in finding["message"]


# -- T6: a supplier service without a contracted recovery time (BCM-03) ------------------------


def function_doc(fid: str, rto: int, mtpd: int | None, services: list[str]) -> str:
    body = f"criticality: critical\nrto_hours: {rto}\n"
    body += f"mtpd_hours: {mtpd}\n" if mtpd is not None else ""
    body += "depends_on:\n  services:\n"
    body += "".join(f"    - {{supplier: cloud, service: {s}}}\n" for s in services)
    return doc("BusinessFunction", fid, body)


def plan_doc(function: str, hours: int) -> str:
    body = f"function: {function}\n"
    body += f"manual_procedure: {{description: paper, max_degraded_hours: {hours}}}\n"
    return doc("ContinuityPlan", f"{function}-plan", body)


CLOUD = doc("Supplier", "cloud", "services:\n  - {name: hosting}\n")


def test_bcm03_accepts_a_degraded_mode_that_lasts_to_the_mtpd(cli, write) -> None:
    text = repo(CLOUD, function_doc("nav", 4, 24, ["hosting"]), plan_doc("nav", 48))
    assert check(cli, write, text, ["BCM-03"]) == []


def test_bcm03_reports_a_missing_recovery_time_once_per_service(cli, write) -> None:
    text = repo(
        CLOUD,
        function_doc("nav", 4, 24, ["hosting"]),
        plan_doc("nav", 12),
        function_doc("orders", 8, 48, ["hosting"]),
        plan_doc("orders", 24),
        function_doc("claims", 8, 48, ["hosting"]),
        plan_doc("claims", 72),  # bridged: not named
    )
    (finding,) = check(cli, write, text, ["BCM-03"])
    assert (finding["id"], finding["line"], finding["level"]) == ("cloud", 5, "error")
    message = finding["message"]
    assert "no contracted recovery time (contracted_rto_hours) for service 'hosting'" in message
    assert "nav-plan) lasts 12 hours, less than its MTPD of 24" in message
    assert "orders-plan) lasts 24 hours, less than its MTPD of 48" in message
    assert "claims" not in message and "at most 4 hours" in message
    assert sorted(r["message"] for r in finding["related"]) == [
        "critical function nav relies on it",
        "critical function orders relies on it",
    ]


def test_bcm03_leaves_out_a_service_recorded_as_supporting_no_critical_work(cli, write) -> None:
    """A critical function may name a service recorded supports_critical_function: false (the
    data model's way to record a dependency that does not carry its critical work): that
    service's recovery time is not held to the function's RTO, known or not."""
    slow = CLOUD.replace("  - {name: hosting}", "  - {name: hosting, contracted_rto_hours: 48}")
    text = repo(slow, function_doc("cards", 2, 24, ["hosting"]))
    assert [f["code"] for f in check(cli, write, text, ["BCM-03"])] == ["BCM-03"]
    for supplier in (slow, CLOUD):
        aside = supplier.replace("hosting", "hosting, supports_critical_function: false")
        assert (
            check(cli, write, repo(aside, function_doc("cards", 2, 24, ["hosting"])), ["BCM-03"])
            == []
        )


def test_bcm03_a_service_aside_does_not_hide_a_namesake_or_the_supplier_itself(cli, write) -> None:
    """The skip of a service recorded supports_critical_function: false holds only where it is
    the service the function means: not where a namesake entry is recorded as supporting it,
    nor where the function also names the supplier itself in depends_on.suppliers."""
    aside = "  - {name: hosting, supports_critical_function: false, contracted_rto_hours: 48}\n"
    twice = CLOUD.replace("  - {name: hosting}\n", aside + "  - {name: hosting}\n")
    text = repo(twice, function_doc("cards", 2, 24, ["hosting"]))
    assert [f["code"] for f in check(cli, write, text, ["BCM-03"])] == ["BCM-03"]
    single = CLOUD.replace("  - {name: hosting}\n", aside)
    direct = function_doc("cards", 2, 24, ["hosting"]) + "  suppliers: [cloud]\n"
    assert [f["code"] for f in check(cli, write, repo(single, direct), ["BCM-03"])] == ["BCM-03"]


def test_bcm03_without_an_mtpd_is_a_warning(cli, write) -> None:
    text = repo(CLOUD, function_doc("nav", 4, None, ["hosting"]), plan_doc("nav", 48))
    (finding,) = check(cli, write, text, ["BCM-03"])
    assert finding["level"] == "warning" and "records no MTPD" in finding["message"]
    # no degraded mode at all is a real gap
    (finding,) = check(cli, write, repo(CLOUD, function_doc("nav", 4, 24, ["hosting"])), ["BCM-03"])
    assert finding["level"] == "error" and "has no degraded mode" in finding["message"]


def test_bcm03_asks_no_negotiation_of_a_payment_scheme(cli, write) -> None:
    """A card scheme's rules set its recovery time for every member: the remedy is the manual
    procedure or the function's RTO, and for a scheme without a recorded recovery time, the
    time its rules commit to. A processor's recovery time is still negotiated."""
    scheme = CLOUD.replace(
        "  - {name: hosting}", "  - {name: hosting, service_model: market_infrastructure}"
    )
    timed = scheme.replace(
        "market_infrastructure}", "market_infrastructure, contracted_rto_hours: 12}"
    )
    text = repo(timed, function_doc("cards", 4, 24, ["hosting"]), plan_doc("cards", 6))
    (finding,) = check(cli, write, text, ["BCM-03"])
    message = finding["message"]
    assert "negotiate a" not in message
    assert message.endswith(
        "lasts only 6 hours: extend the manual procedure to 12 hours, or revisit the function's "
        "RTO with its owner (a payment scheme's or market infrastructure's rules set its "
        "recovery time for every participant: it is not negotiated)"
    )
    (unknown,) = check(
        cli,
        write,
        repo(scheme, function_doc("cards", 4, 24, ["hosting"]), plan_doc("cards", 6)),
        ["BCM-03"],
    )
    assert "record the recovery time the scheme's rules commit it to" in unknown["message"]
    assert "negotiate a" not in unknown["message"]
    processor = timed.replace("market_infrastructure", "managed_service")
    text = repo(processor, function_doc("cards", 4, 24, ["hosting"]), plan_doc("cards", 6))
    (finding,) = check(cli, write, text, ["BCM-03"])
    assert "negotiate a recovery time of at most 4 hours, or extend" in finding["message"]


def test_bcm03_past_the_mtpd_a_scheme_needs_an_alternative_not_a_longer_procedure(
    cli, write
) -> None:
    """A scheme that takes 48 hours while the function's degraded mode already lasts until its
    MTPD of 24: the scheme's time is not negotiated, so the finding asks for an alternative that
    restores the function before the degraded mode ends, or the owner's Waiver."""
    scheme = CLOUD.replace(
        "  - {name: hosting}",
        "  - {name: hosting, service_model: market_infrastructure, contracted_rto_hours: 48}",
    )
    text = repo(scheme, function_doc("cards", 4, 24, ["hosting"]), plan_doc("cards", 24))
    (finding,) = check(cli, write, text, ["BCM-03"])
    message = finding["message"]
    assert "already lasts 24 hours, which reaches the function's MTPD of 24 hours" in message
    assert "plan an alternative to the service that restores the function within 24 hours" in (
        message
    )
    assert "negotiate a" not in message and "extend the manual procedure" not in message
    assert message.endswith("record that in an approved Waiver for BCM-03")


# -- T7: a supplier's own cloud is no subcontracting chain (SUP-09) ----------------------------

HOSTING = """services:
  - name: hosting
    supports_critical_function: true
    subcontracting: {allowed: true, conditions: Prior notice of new subprocessors.}
provides_ict_services: true
"""


def test_sup09_reads_a_providers_own_regions_as_its_own(cli, write) -> None:
    dora = {"profiles": ["dora"]}
    aws = doc("Supplier", "aws", "name: Amazon Web Services EMEA SARL\n" + HOSTING)
    aws += "shared_dependencies:\n  cloud: [{provider: aws, region: eu-central-1}]\n"
    assert check(cli, write, aws, ["SUP-09"], dora) == []
    # Microsoft 365 on Azure: the group, read from the ultimate parent
    m365 = doc("Supplier", "m365", "ultimate_parent: {name: Microsoft Corporation}\n" + HOSTING)
    m365 += "shared_dependencies:\n  cloud: [{provider: azure, region: westeurope}]\n"
    assert check(cli, write, m365, ["SUP-09"], dora) == []
    # a SaaS on someone else's cloud still lists its chain
    saas = doc("Supplier", "claims-saas", "name: ClaimsBridge Inc.\n" + HOSTING)
    saas += "shared_dependencies:\n  cloud: [{provider: azure, region: eastus}]\n"
    (finding,) = check(cli, write, saas, ["SUP-09"], dora)
    assert "lists no subcontracting chain" in finding["message"]
    # a provider beyond the hyperscalers, named as the supplier's own name says
    nubis = doc("Supplier", "nubis-cloud", "name: Nubis Cloud Europe GmbH\n" + HOSTING)
    nubis += "shared_dependencies:\n  cloud: [{provider: nubis, region: eu-central-1}]\n"
    assert check(cli, write, nubis, ["SUP-09"], dora) == []
    parent = nubis.replace("name: Nubis Cloud Europe GmbH", "ultimate_parent: {name: Nubis Inc.}")
    parent = parent.replace("id: nubis-cloud", "id: nc-eu")
    assert check(cli, write, parent, ["SUP-09"], dora) == []
    # a partner named after the platform it resells still lists its chain
    partner = nubis.replace("name: Nubis Cloud Europe GmbH", "name: Mueller Nubis Hosting GmbH")
    partner = partner.replace("id: nubis-cloud", "id: mueller-nubis-hosting")
    (finding,) = check(cli, write, partner, ["SUP-09"], dora)
    assert "lists no subcontracting chain" in finding["message"]
    # and another's customer on it still lists its chain
    tenant = nubis.replace("name: Nubis Cloud Europe GmbH", "name: ClaimsBridge Inc.")
    (finding,) = check(
        cli, write, tenant.replace("id: nubis-cloud", "id: claims"), ["SUP-09"], dora
    )
    assert "lists no subcontracting chain" in finding["message"]


# -- T9: a clause recorded as not applicable, with its reason ---------------------------------

COLO = doc("Supplier", "colo", "data_sensitivity: confidential\nhighest_access_level: read-only\n")
NY = doc("Entity", "ny-co", "regimes: [nydfs]\n")


def colo_contract(b2: str) -> str:
    body = "supplier: colo\nentities: [ny-co]\nstatus: active\nclauses:\n"
    body += "  nydfs.500.11.b.1: {present: true}\n"
    body += f"  nydfs.500.11.b.2: {b2}\n"
    body += "  nydfs.500.11.b.3: {present: true}\n  nydfs.500.11.b.4: {present: true}\n"
    return doc("Contract", "ctr-colo", body)


def test_ctr11_accepts_a_provision_recorded_as_not_applicable(cli, write) -> None:
    reason = "{present: false, applicable: false, reason: No logical access to our data.}"
    assert check(cli, write, repo(NY, COLO, colo_contract(reason)), ["CTR-11"]) == []
    (finding,) = check(cli, write, repo(NY, COLO, colo_contract("{present: false}")), ["CTR-11"])
    assert "500.11(b)(2)" in finding["message"]
    # not applicable needs its reason: the schema says so
    bare = repo(NY, COLO, colo_contract("{applicable: false}"))
    (finding,) = check(cli, write, bare, ["CTR-11", "SCH-01"])
    assert finding["code"] == "SCH-01" and "reason is required" in finding["message"]


def test_dora_clause_rules_accept_not_applicable(cli, write) -> None:
    lu = doc("Entity", "lu", "regimes: [dora]\n")
    ict = doc("Supplier", "acme", "provides_ict_services: true\nsupports_critical_function: true\n")
    clauses = "".join(f"  dora.30.2.{c}: {{present: true}}\n" for c in "abcdefgi")
    clauses += "  dora.30.2.h: {applicable: false, reason: Terminable at will under s.2.}\n"
    clauses += "".join(f"  dora.30.3.{c}: {{present: true}}\n" for c in "abcdf")
    clauses += "  dora.30.3.e: {applicable: false, reason: Audit by the group's internal audit.}\n"
    body = f"supplier: acme\nentities: [lu]\nstatus: active\nclauses:\n{clauses}"
    text = repo(lu, ict, doc("Contract", "ctr-acme", body))
    rules = ["CTR-01", "CTR-02", "CTR-09", "CTR-10"]
    assert check(cli, write, text, rules, {"profiles": ["dora"]}) == []
    # the termination and audit rules still apply where the clause is not so recorded
    held = text.replace(
        "dora.30.2.h: {applicable: false, reason: Terminable at will under s.2.}",
        "dora.30.2.h: {present: true}",
    )
    found = check(cli, write, held, rules, {"profiles": ["dora"]})
    assert [f["code"] for f in found] == ["CTR-09"]


def test_report_lists_the_clauses_recorded_as_not_applicable(cli, write, tmp_path) -> None:
    reason = "{present: false, applicable: false, reason: No logical access to our data.}"
    write("resilint.yaml", json.dumps({"profiles": ["nydfs"]}))
    write("repo.yaml", repo(NY, COLO, colo_contract(reason)))
    cli("report", "repo.yaml", "-o", "report.html", "--as-of", AS_OF)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Clauses recorded as not applicable" in page
    assert "nydfs.500.11.b.2" in page and "No logical access to our data." in page


# -- T10: one finding per policy term (INS-04) ------------------------------------------------


def test_ins04_reports_a_waiting_period_once_naming_each_function(cli, write) -> None:
    entity = doc("Entity", "group")
    policy = doc(
        "InsurancePolicy",
        "cyber",
        "insured_entities: [group]\nbusiness_interruption: {waiting_period_hours: 12}\n",
    )
    functions = [
        doc("BusinessFunction", f, f"criticality: critical\nrto_hours: {rto}\nmtpd_hours: 48\n")
        for f, rto in (("claims", 8), ("payments", 12), ("nav", 1))
    ]
    (finding,) = check(cli, write, repo(entity, policy, *functions), ["INS-04"])
    assert (finding["id"], finding["line"], finding["level"]) == ("cyber", 9, "info")
    message = finding["message"]
    assert "an outage of 3 critical or important functions that is recovered on plan" in message
    cover = "business-interruption cover's 12-hour waiting period"
    for named in ("claims: RTO 8 hours", "payments: RTO 12 hours", "nav: RTO 1 hour"):
        assert f"{named}, {cover}" in message
    assert "Fund the first 12 hours of loss" in message
    assert len(finding["related"]) == 3


# -- T10: a hyperscaler subprocessor (CON-03) and a geo-redundant SaaS tenant (CON-01) -------


def saas(sid: str, region: str, extra: str = "") -> str:
    body = f"tier: 1\nultimate_parent: {{name: {sid} Inc.}}\nshared_dependencies:\n"
    body += "  subprocessors: [Amazon Web Services]\n"
    return doc("Supplier", sid, body + f"  cloud: [{{provider: aws, region: {region}}}]\n" + extra)


def test_con03_leaves_a_hyperscaler_with_recorded_regions_to_con01(cli, write) -> None:
    text = repo(saas("crm", "us-east-1"), saas("claims", "eu-west-1"))
    assert check(cli, write, text, ["CON-03"]) == []
    # named without regions, the shared hyperscaler is still reported
    bare = text.replace("  cloud: [{provider: aws, region: us-east-1}]\n", "")
    bare = bare.replace("  cloud: [{provider: aws, region: eu-west-1}]\n", "")
    (finding,) = check(cli, write, bare, ["CON-03"])
    assert "the same subprocessor Amazon Web Services" in finding["message"]


def office_suite(replica: str) -> str:
    body = "tier: 1\nshared_dependencies:\n  cloud:\n"
    body += "    - {provider: azure, region: westeurope, role: primary}\n"
    body += replica
    return doc("Supplier", "office", body)


def test_con01_leaves_a_geo_redundant_saas_tenant_to_the_supplier(cli, write) -> None:
    functions = [
        doc("BusinessFunction", f, "criticality: critical\ndepends_on: {suppliers: [office]}\n")
        for f in ("claims", "payments", "nav")
    ]
    standby = "    - {provider: azure, region: northeurope, role: standby}\n"
    assert check(cli, write, repo(office_suite(standby), *functions), ["CON-01"]) == []
    # a replica of the tenant's data lets nothing fail over: it is rebuilt from it, together
    replica = standby.replace("standby", "replica")
    (finding,) = check(cli, write, repo(office_suite(replica), *functions), ["CON-01"])
    assert "cloud region azure westeurope" in finding["message"]
    # a single-region tenant three critical functions rest on is still a concentration
    (finding,) = check(cli, write, repo(office_suite(""), *functions), ["CON-01"])
    assert "cloud region azure westeurope" in finding["message"]
    # and so is a region reached through several suppliers, whatever their failover
    other = doc(
        "Supplier",
        "crm",
        "tier: 1\nshared_dependencies:\n  cloud: [{provider: azure, region: westeurope}]\n",
    )
    mixed = [functions[0], functions[1], functions[2].replace("[office]", "[crm]")]
    (finding,) = check(cli, write, repo(office_suite(replica), other, *mixed), ["CON-01"])
    message = finding["message"]
    assert "3 critical or important business functions" in message
    # and says which of them the supplier's record gives another region, and what that means
    assert message.count("; the record also names azure northeurope (replica))") == 2
    assert "nav (on crm -> supplier crm runs on azure westeurope)" in message
    assert "until the supplier has recovered the service there" in message
    (alone,) = check(cli, write, repo(office_suite(""), *functions), ["CON-01"])
    assert "record also names" not in alone["message"]
    assert "disrupt all of them at once: spread" in alone["message"]


# -- T11: renewal reviews and assessments follow the requirements matrix (CTR-14, SUP-04) ------

CANTEEN = "tier: 3\nprovides_ict_services: false\ndata_sensitivity: public\nstatus: active\n"


def test_a_tier_3_supplier_without_exposure_needs_no_assessment_nor_renewal_review(
    cli, write
) -> None:
    body = "supplier: canteen\nstatus: active\nstart_date: 2024-04-01\nend_date: 2027-01-15\n"
    body += "auto_renew: true\nour_notice_period_days: 90\n"
    text = repo(doc("Supplier", "canteen", CANTEEN), doc("Contract", "ctr-canteen", body))
    assert check(cli, write, text, ["SUP-04", "CTR-14"]) == []
    # the same supplier holding our confidential data is asked both
    holder = text.replace("data_sensitivity: public", "data_sensitivity: confidential")
    found = check(cli, write, holder, ["SUP-04", "CTR-14"])
    assert sorted(f["code"] for f in found) == ["CTR-14", "SUP-04"]


# -- T12: calendar rigidities (CTR-13, EVD-01, EXR-02) ----------------------------------------


def test_ctr13_asks_the_renewed_end_date_of_an_auto_renewing_contract_as_a_warning(
    cli, write
) -> None:
    supplier = doc("Supplier", "crm", "tier: 2\nprovides_ict_services: true\n")
    body = "supplier: crm\nstatus: active\nstart_date: 2023-10-01\nend_date: 2026-09-30\n"
    renewing = body + "auto_renew: true\nrenewal_term_months: 12\n"
    (finding,) = check(cli, write, repo(supplier, doc("Contract", "c", renewing)), ["CTR-13"])
    assert finding["level"] == "warning"
    assert "renewed for another 12 months unless notice was given" in finding["message"]
    fixed = body + "auto_renew: false\n"
    (finding,) = check(cli, write, repo(supplier, doc("Contract", "c", fixed)), ["CTR-13"])
    assert finding["level"] == "error" and "marked active but ended" in finding["message"]


def evidence(item: str, updated: str) -> str:
    policy = doc("InsurancePolicy", "cyber", "period: {start: 2026-01-01, end: 2026-12-31}\n")
    types = [
        "asset_inventory",
        "data_flow_diagrams",
        "policy_copies",
        "incident_log_location",
        "backup_validation_reports",
        "vendor_contracts",
        "insured_entities_list",
    ]
    items = "".join(
        f"  - {{type: {t}, location: offline/{t}, owner: risk, last_updated: 2026-10-01}}\n"
        for t in types
    )
    items += (
        f"  - {{type: {item}, location: offline/x, owner: controller, last_updated: {updated}}}\n"
    )
    return repo(policy, doc("EvidencePackage", "pkg", f"policy: cyber\nitems:\n{items}"))


def test_evd01_keeps_a_loss_baseline_current_for_its_financial_year(cli, write) -> None:
    assert check(cli, write, evidence("loss_calculation_baseline", "2026-04-30"), ["EVD-01"]) == []
    (stale,) = check(cli, write, evidence("loss_calculation_baseline", "2025-04-30"), ["EVD-01"])
    assert "more than 456 days ago" in stale["message"]
    # the other items keep the package's 180 days
    (finding,) = check(cli, write, evidence("documentation_checklist", "2026-04-30"), ["EVD-01"])
    assert "more than 180 days ago" in finding["message"]


def exercise(eid: str, status: str, date: str, participants: str) -> str:
    body = f"date: {date}\nstatus: {status}\ntype: tabletop\nscenarios: [supplier_compromise]\n"
    return doc("Exercise", eid, body + f"participants: [{participants}]\n")


def test_exr02_accepts_risk_for_finance_and_leaves_far_planned_exercises_alone(cli, write) -> None:
    seated = "security, procurement, legal, communications, risk"
    held = exercise("tt", "completed", "2026-02-10", seated)
    assert check(cli, write, held, ["EXR-02"]) == []
    # planned three months out: participants are not settled yet
    later = exercise("later", "planned", "2027-02-18", "security")
    assert check(cli, write, repo(held, later), ["EXR-02"]) == []
    # planned within 30 days: the invitations are due, as information
    soon = exercise("soon", "planned", "2026-12-10", "security")
    (finding,) = check(cli, write, repo(held, soon), ["EXR-02"])
    assert finding["level"] == "info" and "does not yet include procurement" in finding["message"]
    assert "finance (or risk)" in finding["message"]


# -- G14: each backup restores on its own (BCM-09) -------------------------------------------


def backup(cid: str, category: str, test: str, functions: str = "[payments]") -> str:
    body = f"category: {category}\nstatus: implemented\nfunctions: {functions}\n"
    return doc("Control", cid, body + f"last_restore_test: {test}\n")


PAYMENTS = doc("BusinessFunction", "payments", "criticality: critical\n")
PASSED = "{date: 2026-08-26, result: pass}"


def test_bcm09_reports_a_failed_restore_another_backups_pass_would_hide(cli, write) -> None:
    tapes = backup("tapes", "backup_offline", "{date: 2026-10-14, result: fail}")
    text = repo(PAYMENTS, backup("cloud", "backup_immutable", PASSED), tapes)
    assert check(cli, write, text, ["BCM-06"]) == []  # some restore test passed: BCM-06 is quiet
    (finding,) = check(cli, write, text, ["BCM-09"])
    assert (finding["id"], finding["level"]) == ("tapes", "error")
    assert "offline backup control tapes failed on 2026-10-14" in finding["message"]
    assert [r["message"] for r in finding["related"]] == ["passing restore test of control cloud"]


def test_bcm09_warns_of_a_stale_copy_only_where_another_test_covers_the_function(
    cli, write
) -> None:
    old = "{date: 2025-04-15, result: pass}"
    text = repo(
        PAYMENTS,
        backup("cloud", "backup_immutable", PASSED),
        backup("tapes", "backup_offline", old),
    )
    (finding,) = check(cli, write, text, ["BCM-09"])
    assert (
        finding["level"] == "warning"
        and "last restored in a test on 2025-04-15" in finding["message"]
    )
    # alone, the stale copy is BCM-06's finding, not a second one
    alone = repo(PAYMENTS, backup("tapes", "backup_offline", old))
    assert check(cli, write, alone, ["BCM-09"]) == []
    assert [f["code"] for f in check(cli, write, alone, ["BCM-06"])] == ["BCM-06"]
    # a backup of no critical function is not judged
    other = repo(
        PAYMENTS, backup("lab", "backup_offline", "{date: 2026-10-14, result: fail}", "[lab]")
    )
    assert check(cli, write, other, ["BCM-09"]) == []


def test_one_failed_restore_test_is_one_finding_for_every_function_it_covers(cli, write) -> None:
    """A failed test recorded on the backup and on the restore-testing programme (same day,
    same functions) is one BCM-09 finding; BCM-06 does not repeat it once per function."""
    functions = [doc("BusinessFunction", f, "criticality: critical\n") for f in ("a", "b", "c")]
    failed = "{date: 2026-09-12, result: fail}"
    text = repo(
        *functions,
        backup("vault", "backup_immutable", failed, "[]"),
        backup("drills", "backup_restore_test", failed, "[]"),
    )
    assert check(cli, write, text, ["BCM-06"]) == []
    (finding,) = check(cli, write, text, ["BCM-09"])
    assert finding["id"] == "vault" and "covers a, b and c" in finding["message"]
    assert (
        "restore testing control drills, which records the same failed test" in finding["message"]
    )
    assert [r["message"] for r in finding["related"]] == ["failed restore test of control drills"]
    # a failed test of one function's own copy leaves BCM-06 to judge the others
    own = backup("tapes", "backup_offline", failed, "[a]")
    text = repo(
        *functions,
        backup("vault", "backup_immutable", "{date: 2025-01-10, result: pass}", "[]"),
        own,
    )
    (finding,) = check(cli, write, text, ["BCM-06"])
    assert finding["id"] == "vault" and "behind critical functions b and c" in finding["message"]


# -- G15: exit assistance against the migration it must cover (SUP-11) ------------------------


def hard_to_replace(exit_plan: str, substitutability: str = "highly_complex") -> str:
    body = "tier: 1\nservices:\n  - name: policy-admin\n    supports_critical_function: true\n"
    body += f"    substitutability: {substitutability}\n    exit_plan: {exit_plan}\n"
    return doc("Supplier", "keystone", body)


def test_sup11_compares_the_transition_with_the_migration_estimate(cli, write) -> None:
    short = hard_to_replace("{transition_period_months: 6, migration_estimate_months: 18}")
    (finding,) = check(cli, write, short, ["SUP-11"])
    assert "lasts 6 months while our own estimate of moving it is 18 months" in finding["message"]
    enough = hard_to_replace("{transition_period_months: 6, migration_estimate_months: 4}")
    assert check(cli, write, enough, ["SUP-11"]) == []


def test_sup11_without_an_estimate_asks_twelve_months_of_a_hard_to_replace_service(
    cli, write
) -> None:
    (finding,) = check(cli, write, hard_to_replace("{transition_period_months: 6}"), ["SUP-11"])
    assert "less than the 12 months" in finding["message"]
    assert check(cli, write, hard_to_replace("{transition_period_months: 12}"), ["SUP-11"]) == []
    easy = hard_to_replace("{transition_period_months: 3}", "medium_complexity")
    assert check(cli, write, easy, ["SUP-11"]) == []


def test_ctr14_without_a_notice_period_says_so_instead_of_a_placeholder(cli, write) -> None:
    supplier = doc("Supplier", "acme", "name: Acme\ntier: 2\nprovides_ict_services: true\n")
    body = "supplier: acme\nstatus: active\nstart_date: 2024-01-01\nend_date: 2026-12-31\n"
    old = doc("Contract", "ctr-acme", body + "last_review: 2025-06-01\n")
    (finding,) = check(cli, write, repo(supplier, old), ["CTR-14"])
    assert "(not set)" not in finding["message"]
    assert "due by then at the latest (no notice period of ours is recorded" in finding["message"]
    unreviewed = doc("Contract", "ctr-acme", body)
    (finding,) = check(cli, write, repo(supplier, unreviewed), ["CTR-14"])
    assert "(not set)" not in finding["message"] and "no recorded review" in finding["message"]
    noticed = doc("Contract", "ctr-acme", body + "our_notice_period_days: 30\n")
    (finding,) = check(cli, write, repo(supplier, noticed), ["CTR-14"])
    assert "needs 30 days' notice from us, so the last day to decide" in finding["message"]
    assert "whether to renew or end it is 2026-12-01" in finding["message"]


def test_ins01_a_restore_testing_control_meets_a_condition_only_while_its_test_passes(
    cli, write
) -> None:
    condition = (
        "status: active\nstart_date: 2026-01-01\nend_date: 2026-12-31\nconditions:\n"
        "  - id: backups\n    statement: Backups restore tested at least annually.\n"
        "    control_categories: [backup_restore_test]\n    scope: [backups]\n"
        "    attested: true\n"
    )
    policy = doc("InsurancePolicy", "cyber", condition)

    def drills(test: str) -> str:
        body = "category: backup_restore_test\nstatus: implemented\nscope: [backups]\n"
        return doc("Control", "drills", body + f"last_restore_test: {test}\n")

    passed = repo(policy, drills("{date: 2026-09-12, result: pass}"))
    assert check(cli, write, passed, ["INS-01"]) == []
    failed = repo(policy, drills("{date: 2026-09-12, result: fail}"))
    (finding,) = check(cli, write, failed, ["INS-01"])
    assert "the latest restore test of control drills failed on 2026-09-12" in finding["message"]
    assert "we attested this condition" in finding["message"]
    stale = repo(policy, drills("{date: 2025-06-30, result: pass}"))
    (finding,) = check(cli, write, stale, ["INS-01"])
    assert "last tested on 2025-06-30, more than 365 days ago" in finding["message"]


def test_iam02_privileged_person_accounts_need_mfa_even_just_in_time(cli, write) -> None:
    def account(level: str, mfa: str, jit: str, status: str = "active") -> str:
        body = (
            f"supplier: msp\ntype: human_account\naccess_level: {level}\nmfa: {mfa}\n"
            f"just_in_time: {jit}\ndisable_procedure: runbook\ntime_to_disable_minutes: 10\n"
            f"status: {status}\n"
        )
        return repo(doc("Supplier", "msp", "tier: 1\n"), doc("Identity", "admin", body))

    (finding,) = check(cli, write, account("privileged", "false", "true"), ["IAM-02"])
    assert "privileged access but without MFA; require MFA" in finding["message"]
    assert check(cli, write, account("privileged", "true", "false"), ["IAM-02"]) == []
    # write access: just in time is enough
    assert check(cli, write, account("write", "false", "true"), ["IAM-02"]) == []
    # a break-glass account kept without MFA is recorded disabled until the emergency
    disabled = account("privileged", "false", "true", "disabled")
    assert check(cli, write, disabled, ["IAM-02"]) == []


def test_ins07_a_partial_control_leaves_its_uncovered_areas_under_the_exclusion(cli, write) -> None:
    exclusion = (
        "status: active\nstart_date: 2026-01-01\nend_date: 2026-12-31\nexclusions:\n"
        "  - id: unpatched\n    type: unpatched_systems\n"
        "    mitigating_control_categories: [patching]\n"
    )
    policy = doc("InsurancePolicy", "cyber", exclusion)

    def patching(cid: str, status: str, scope: str, coverage: str = "") -> str:
        body = f"category: patching\nstatus: {status}\nscope: {scope}\n{coverage}"
        return doc("Control", cid, body)

    it = patching("patching-it", "implemented", "[endpoints, servers]")
    ot = patching("patching-ot", "partial", "[servers, network]", "coverage_percent: 70\n")
    (finding,) = check(cli, write, repo(policy, it, ot), ["INS-07"])
    # 70% of its own scope: the servers it names may be the unpatched ones, whatever the IT
    # patching names (scope words cannot tell OT servers from IT ones)
    assert (
        "control patching-ot is partial (70% coverage) over its servers and network"
        in (finding["message"])
    )
    # a partial control recording no coverage, whose areas an implemented one covers: nothing
    inside = patching("patching-ot", "partial", "[servers]")
    assert check(cli, write, repo(policy, it, inside), ["INS-07"]) == []
    everywhere = patching("patching-all", "implemented", "[all]")
    assert check(cli, write, repo(policy, everywhere, ot), ["INS-07"]) == []


def test_ctr05_notice_content_is_not_asked_of_an_adviser_or_a_bank(cli, write) -> None:
    """An incident-response retainer firm with a break-glass seat in our systems: its notice
    window is asked (CTR-03), the IT-vendor notice items are not."""

    def firm(model: str) -> str:
        body = (
            f"tier: 1\nprovides_ict_services: true\nhighest_access_level: write\n"
            f"service_model: {model}\n"
        )
        contract = (
            "supplier: ir-firm\nstatus: active\ncovers_ict_services: true\n"
            "incident_notification:\n  window_hours: 24\n  trigger: suspected\n"
            "  required_content: [contact]\n"
        )
        return repo(doc("Supplier", "ir-firm", body), doc("Contract", "ctr-ir", contract))

    assert check(cli, write, firm("professional_service"), ["CTR-05"]) == []
    assert check(cli, write, firm("financial_service"), ["CTR-05"]) == []
    (finding,) = check(cli, write, firm("managed_service"), ["CTR-05"])
    assert "isolation_status" in finding["message"]


def test_a_whole_number_written_with_a_fraction_is_that_number(cli, write) -> None:
    """The schemas accept ``tier: 1.0`` as the integer 1 (JSON Schema's integers): every rule
    reads it as 1, so no tier-1 check is lost (it was a silent pass)."""
    selected = ["SUP-01", "SUP-03", "SUP-04", "SUP-05", "BCM-05"]
    for tier in ("1", "2", "3"):
        body = f"name: Acme\ntier: {tier}\n"
        expected = [
            (f["code"], f["message"])
            for f in check(cli, write, doc("Supplier", "acme", body), selected)
        ]
        for written in (f"{tier}.0", f"{tier}e0", f"{tier}.00"):
            found = check(
                cli,
                write,
                doc("Supplier", "acme", body.replace(f"tier: {tier}", f"tier: {written}")),
                selected,
            )
            assert [(f["code"], f["message"]) for f in found] == expected, written
    assert check(cli, write, doc("Supplier", "acme", "name: Acme\ntier: 1\n"), selected) != []


def test_a_finding_holding_a_supplier_to_tier_1_says_why_when_its_record_does_not(
    cli, write
) -> None:
    """A payroll bureau recorded as tier 2 with privileged access is tier 1 in effect: each
    finding that holds it to tier 1 says so, not only SUP-01; a recorded tier 1 needs no note."""
    text = repo(
        doc(
            "Supplier",
            "payroll",
            "name: Payroll Bureau\ntier: 2\nhighest_access_level: privileged\n",
        ),
        doc(
            "Contract",
            "ctr-payroll",
            "supplier: payroll\nstatus: active\ncovers_ict_services: true\n",
        ),
    )
    found = check(cli, write, text, ["CTR-08", "SUP-04"])
    assert codes(found) == ["CTR-08", "SUP-04"]
    note = "(recorded as tier 2; tier 1 because it holds privileged access to our systems)"
    for finding in found:
        assert f"is tier 1 in effect {note} but" in finding["message"], finding["message"]
    recorded = check(cli, write, text.replace("tier: 2", "tier: 1"), ["CTR-08", "SUP-04"])
    assert codes(recorded) == ["CTR-08", "SUP-04"]
    assert all("is tier 1 in effect but" in f["message"] for f in recorded)
