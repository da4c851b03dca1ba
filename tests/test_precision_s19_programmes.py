"""Findings of the audits of a German electricity distribution operator, a Luxembourg fund
manager and a Dutch pension fund that a risk manager would not act on, through the CLI on real
YAML: each false alarm gone, the real gap next to it still found."""

from __future__ import annotations

from one_file import check, doc, repo

PRINT_HOUSE = doc(
    "Supplier",
    "print-house",
    "name: Drukkerij Oosterhout\n"
    "tier: 2\n"
    "provides_ict_services: false\n"
    "data_sensitivity: confidential\n"
    "contacts:\n"
    "  security: {name: Privacy officer, email: privacy@print.example}\n",
)


def test_sup03_a_tier_2_supplier_that_only_holds_our_data_needs_a_named_contact(cli, write) -> None:
    """A print and mailing house holding member letters: no ICT service, no access to our
    systems. It tells us of a breach without undue delay (GDPR Art. 33(2)); a named contact is
    what to ask, not a 24x7 security line."""
    assert check(cli, write, repo(PRINT_HOUSE), ["SUP-03"]) == []
    nameless = PRINT_HOUSE.split("contacts:")[0]
    [finding] = check(cli, write, repo(nameless), ["SUP-03"])
    assert "24x7" not in finding["message"]


def test_sup03_a_tier_2_supplier_with_access_is_asked_24x7_naming_why(cli, write) -> None:
    """A spare-parts logistics firm reading our ERP through an API key: its access is why a
    24x7 contact is asked, and the finding says so before suggesting another service model."""
    logistics = doc(
        "Supplier",
        "depot",
        "name: Depot Logistik\ntier: 2\nprovides_ict_services: false\n"
        "data_sensitivity: internal\nhighest_access_level: read-only\n"
        "contacts:\n  security: {name: IT lead, email: it@depot.example}\n",
    )
    key = doc(
        "Identity",
        "depot-erp-key",
        "supplier: depot\ntype: api_key\naccess_level: read-only\n"
        "rotation_days: 90\nlast_rotated: 2026-10-01\n",
    )
    [finding] = check(cli, write, repo(logistics, key), ["SUP-03"])
    assert "no 24x7 security contact" in finding["message"]
    assert (
        "asked because supplier depot has access to our systems and nothing" in (finding["message"])
    )


def test_ctr05_a_tier_2_multi_tenant_saas_is_asked_no_notice_items(cli, write) -> None:
    """An office suite below tier 1 sends every customer one notice on its standard terms (as
    it gives no claim duties below tier 1); a critical one is still asked the items."""
    suite = doc(
        "Supplier",
        "office",
        "name: Office cloud\ntier: 2\nprovides_ict_services: true\n"
        "service_model: multi_tenant_saas\ndata_sensitivity: confidential\n",
    )
    contract = doc(
        "Contract",
        "ctr-office",
        "supplier: office\nstatus: active\n"
        "incident_notification: {window_hours: 24, trigger: suspected, content: [contact]}\n",
    )
    assert check(cli, write, repo(suite, contract), ["CTR-05"]) == []
    critical = suite.replace("tier: 2", "tier: 1")
    [finding] = check(cli, write, repo(critical, contract), ["CTR-05"])
    assert "exfiltration_indicators" in finding["message"]


IDP = doc(
    "Supplier",
    "keyfort",
    "name: Keyfort Identity\ntier: 1\nprovides_ict_services: true\n"
    "service_model: multi_tenant_saas\n"
    "services:\n"
    "  - name: workforce-sso\n"
    "    supports_critical_function: true\n"
    "    substitutability: highly_complex\n",
)


def test_con04_a_highly_complex_service_behind_a_critical_function_needs_an_exit_plan(
    cli, write
) -> None:
    """A sign-in platform whose replacement takes nine months, with no exit plan and no
    alternative (pension fund and scale-up SaaS audits): as much a way-out gap as a service
    that cannot be substituted at all."""
    [finding] = check(cli, write, repo(IDP), ["CON-04"])
    assert "is highly complex to substitute, but has no exit plan" in finding["message"]
    planned = IDP + "    exit_plan: {reference: exit/keyfort.pdf, transition_period_months: 12}\n"
    assert check(cli, write, repo(planned), ["CON-04"]) == []
    medium = IDP.replace("highly_complex", "medium_complexity")
    assert check(cli, write, repo(medium), ["CON-04"]) == []


def test_sup11_an_exit_plan_without_a_transition_period_is_reported(cli, write) -> None:
    """A short transition period was reported and a missing one passed (grid operator and
    scale-up SaaS audits)."""
    bare = IDP + "    exit_plan: {reference: exit/keyfort.pdf}\n"
    [finding] = check(cli, write, repo(bare), ["SUP-11"])
    assert "records no transition period" in finding["message"]
    short = IDP + "    exit_plan: {reference: exit/keyfort.pdf, transition_period_months: 3}\n"
    [finding] = check(cli, write, repo(short), ["SUP-11"])
    assert "only 3 months" in finding["message"]
    enough = IDP + "    exit_plan: {reference: exit/keyfort.pdf, transition_period_months: 12}\n"
    assert check(cli, write, repo(enough), ["SUP-11"]) == []


HYPERSCALER = doc(
    "Supplier",
    "stratus-cloud",
    "name: Stratus Cloud Ireland Ltd\ntier: 1\nprovides_ict_services: true\n"
    "services:\n"
    "  - name: landing-zone\n"
    "    service_model: iaas_paas\n"
    "    supports_critical_function: true\n"
    "    cloud: [{provider: stratus, region: eu-west, role: primary}]\n"
    "  - name: workplace-suite\n"
    "    service_model: multi_tenant_saas\n",
)


def function_on_landing_zone(fid: str, standby: bool = True) -> str:
    cloud = "    - {provider: stratus, region: eu-west, role: primary}\n"
    if standby:
        cloud += "    - {provider: stratus, region: eu-north, role: standby}\n"
    return doc(
        "BusinessFunction",
        fid,
        "criticality: critical\n"
        "depends_on:\n"
        "  services: [{supplier: stratus-cloud, service: landing-zone}]\n"
        f"  cloud:\n{cloud}",
    )


def test_con01_our_own_workload_failing_over_is_judged_by_the_service_it_runs_on(
    cli, write
) -> None:
    """Functions running our own workload on a hyperscaler's infrastructure, each recording
    its standby region, fail over themselves: that the same provider also sells us a workplace
    suite does not make the landing zone a shared platform (asset manager audit)."""
    failing_over = [function_on_landing_zone(f) for f in ("nav", "risk", "dealing")]
    assert check(cli, write, repo(HYPERSCALER, *failing_over), ["CON-01"]) == []
    single = [function_on_landing_zone(f, standby=False) for f in ("nav", "risk", "dealing")]
    [finding] = check(cli, write, repo(HYPERSCALER, *single), ["CON-01"])
    assert "stratus eu-west" in finding["message"]


def plan_of(fid: str, regulator: bool) -> str:
    templates = (
        "comms_templates:\n"
        "  staff: {reference: t/staff.docx}\n"
        "  customers: {reference: t/customers.docx}\n"
    )
    if regulator:
        templates += "  regulator: {reference: t/early-warning.docx}\n"
    return doc(
        "ContinuityPlan",
        f"{fid}-plan",
        f"function: {fid}\nowner: head-of-ops\ndeputy: ops-lead\n"
        "activation_thresholds: [{type: supplier_compromise, description: suspected}]\n"
        "manual_procedure: {reference: m.docx, max_degraded_hours: 24}\n"
        f"{templates}stand_down_criteria: [restored]\n",
    )


def test_bcm04_a_regulated_entitys_critical_function_has_its_regulator_message_ready(
    cli, write
) -> None:
    """An entity under NIS2 (or DORA, NYDFS) reports within hours of becoming aware: a plan of
    each critical function keeps the first report ready (grid operator and asset manager
    audits); an entity under none of them is not asked."""
    entity = doc("Entity", "grid", "name: Netz GmbH\ncountry: DE\nregimes: [nis2]\n")
    function = doc("BusinessFunction", "grid-ops", "criticality: critical\nentities: [grid]\n")
    [finding] = check(cli, write, repo(entity, function, plan_of("grid-ops", False)), ["BCM-04"])
    assert "has no message prepared for the regulator, nor has any other plan" in finding["message"]
    assert "under NIS2, whose early warning" in finding["message"]
    assert check(cli, write, repo(entity, function, plan_of("grid-ops", True)), ["BCM-04"]) == []
    unregulated = entity.replace("regimes: [nis2]\n", "")
    found = check(cli, write, repo(unregulated, function, plan_of("grid-ops", False)), ["BCM-04"])
    assert found == []


def test_ctr03_a_saas_below_tier_1_holding_only_our_data_may_notify_a_confirmed_breach(
    cli, write
) -> None:
    """A payment processor for our own billing: a multi-tenant SaaS with no access to our
    systems and not our sign-in; its compromise discloses our data and reaches none of our
    systems, so a confirmed-breach notice is what our breach duties need (scale-up SaaS
    audit). With an API key into our systems, the suspected trigger is asked."""
    processor = doc(
        "Supplier",
        "paynetic",
        "name: Paynetic\ntier: 3\nprovides_ict_services: true\n"
        "service_model: multi_tenant_saas\ndata_sensitivity: confidential\n",
    )
    contract = doc(
        "Contract",
        "ctr-paynetic",
        "supplier: paynetic\nstatus: active\n"
        "incident_notification: {window_hours: 48, trigger: confirmed}\n",
    )
    assert check(cli, write, repo(processor, contract), ["CTR-03"]) == []
    key = doc(
        "Identity",
        "paynetic-webhook",
        "supplier: paynetic\ntype: api_key\naccess_level: write\n"
        "rotation_days: 90\nlast_rotated: 2026-10-01\n",
    )
    [finding] = check(cli, write, repo(processor, key, contract), ["CTR-03"])
    assert "negotiate notice of a suspected compromise" in finding["message"]
    assert "record trigger: suspected" in finding["message"]
    assert "service model" not in finding["message"]  # its model is recorded


def test_iam02_a_federated_workload_has_no_secret_to_rotate(cli, write) -> None:
    """A CI service deploying through OIDC federation: its one-hour tokens are exchanged at each
    run, no secret is stored, and rotation dates would be invented (scale-up SaaS audit). An API
    key in its place is asked both rotation records, and a disable procedure stays asked."""
    ci = doc(
        "Supplier",
        "forgeline",
        "name: Forgeline CI\ntier: 2\nprovides_ict_services: true\n"
        "service_model: multi_tenant_saas\n",
    )
    federated = doc(
        "Identity",
        "forgeline-deploy",
        "supplier: forgeline\ntype: federated_workload\naccess_level: write\n"
        "disable_procedure: https://runbooks.example/ci-trust\ntime_to_disable_minutes: 10\n",
    )
    assert check(cli, write, repo(ci, federated), ["IAM-02"]) == []
    keyed = federated.replace("federated_workload", "api_key")
    found = check(cli, write, repo(ci, keyed), ["IAM-02"])
    assert len(found) == 2 and all("rotat" in f["message"] for f in found)
    undisabled = federated.replace("disable_procedure: https://runbooks.example/ci-trust\n", "")
    [finding] = check(cli, write, repo(ci, undisabled), ["IAM-02"])
    assert "disable" in finding["message"]


def test_ins03_a_claim_due_without_undue_delay_is_a_recorded_deadline(cli, write) -> None:
    """German cyber wordings (VVG section 30) ask the claim without undue delay and give no
    days: recorded as claim_deadline_wording, the term is known (scale-up SaaS audit)."""
    policy = doc(
        "InsurancePolicy",
        "cyber-2026",
        "period: {start: 2026-04-01, end: 2027-03-31}\n"
        "insured_entities: [lendora]\naggregate_limit: 5000000\n"
        "coverages:\n  dependent_business_interruption: {included: false}\n"
        "business_interruption: {waiting_period_hours: 12, indemnity_period_days: 180}\n"
        "notice: {incident_notice_wording: immediately, claim_deadline_days: 30}\n"
        "exclusions: [{id: war, type: war}]\npanel: {forensics: [Example Forensics GmbH]}\n",
    )
    entity = doc("Entity", "lendora", "name: Lendora\ncountry: DE\n")
    assert check(cli, write, repo(entity, policy), ["INS-03"]) == []
    worded = policy.replace(
        "claim_deadline_days: 30", "claim_deadline_wording: as_soon_as_practicable"
    )
    assert check(cli, write, repo(entity, worded), ["INS-03"]) == []
    unstated = policy.replace(", claim_deadline_days: 30", "")
    [finding] = check(cli, write, repo(entity, unstated), ["INS-03"])
    assert "claim_deadline_wording" in finding["message"]


def test_bcm06_a_function_run_by_a_custodian_and_a_fiduciary_manager_needs_no_backup_of_ours(
    cli, write
) -> None:
    """A pension fund's investment management: the custodian keeps the book of record and the
    fiduciary manager its own, under their own regulation; the fund runs no ICT behind the
    function, so no backup control of ours covers it (pension fund audit). With an ICT supplier
    behind it, the backup is asked."""
    custodian = doc(
        "Supplier",
        "hanze-custody",
        "name: Hanze Custody\ntier: 1\nprovides_ict_services: false\n"
        "service_model: financial_service\n",
    )
    fiduciary = doc(
        "Supplier",
        "delta",
        "name: Delta Fiduciair\ntier: 1\nprovides_ict_services: false\n"
        "service_model: financial_service\n",
    )
    function = doc(
        "BusinessFunction",
        "investment-management",
        "criticality: critical\ndepends_on: {suppliers: [hanze-custody, delta]}\n",
    )
    assert check(cli, write, repo(custodian, fiduciary, function), ["BCM-06"]) == []
    portal = doc("Supplier", "portal", "name: Board portal\ntier: 2\nprovides_ict_services: true\n")
    with_ict = function.replace("[hanze-custody, delta]", "[hanze-custody, delta, portal]")
    [finding] = check(cli, write, repo(custodian, fiduciary, portal, with_ict), ["BCM-06"])
    assert "no implemented immutable or offline backup" in finding["message"]
    unrecorded = fiduciary.replace("service_model: financial_service\n", "")
    assert len(check(cli, write, repo(custodian, unrecorded, function), ["BCM-06"])) == 1


def test_ctr08_a_hard_to_replace_landing_zone_does_not_make_the_suite_on_its_contract_so(
    cli, write
) -> None:
    """One contract covers a hyperscaler's landing zone (highly complex to leave; our own
    workloads, nobody steps in) and its workplace suite (medium complexity): the suite is what
    escrow or step-in would keep running, and it can be replaced (asset manager audit). A
    hard-to-replace suite is still asked."""
    cloud = doc(
        "Supplier",
        "stratus",
        "name: Stratus Cloud\ntier: 1\nprovides_ict_services: true\n"
        "services:\n"
        "  - {name: landing-zone, service_model: iaas_paas, substitutability: highly_complex}\n"
        "  - {name: workplace, service_model: multi_tenant_saas,"
        " substitutability: medium_complexity}\n",
    )
    contract = doc(
        "Contract",
        "ctr-stratus",
        "supplier: stratus\nstatus: active\n"
        "remedies: {security_indemnity: true, accelerated_termination: true}\n",
    )
    assert check(cli, write, repo(cloud, contract), ["CTR-08"]) == []
    hard = cloud.replace("substitutability: medium_complexity", "substitutability: highly_complex")
    [finding] = check(cli, write, repo(hard, contract), ["CTR-08"])
    assert "escrow" in finding["message"]
