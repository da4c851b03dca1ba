"""The eighteenth precision audit (an EU crypto-asset service provider under DORA and a Dutch
container terminal under NIS2), through the CLI on real YAML: a contract labelled as supporting
no critical function whose service does is asked the DORA Art. 30(3) clauses; a tier-1 supplier
whose assessment found it unsatisfactory is reported; a fallback at 0 % capacity is a halt, not a
degraded mode; a crime policy is not asked for the cyber claims evidence package; and a partial
control that measures its own coverage under 100 % leaves its scope exposed to an exclusion.
Each false alarm is gone, and each real gap is found, with the quiet cases checked too."""

from __future__ import annotations

from one_file import check, doc, repo

# -- CTR-02: the contract's label against the services it covers ---------------------------

ENTITY = doc(
    "Entity",
    "casp",
    "name: CASP\nregimes: [dora]\nlei: 5299000J2N45DDNE4Y28\ncountry: DE\n"
    "dora_entity_type: crypto_asset_service_provider\n",
)


def kyt(record: str) -> str:
    return doc(
        "Supplier",
        "kyt",
        "name: KYT\nprovides_ict_services: true\n"
        f"services: [{{name: screening{record}}}, {{name: reports}}]\n",
    )


CUSTODY = doc(
    "BusinessFunction",
    "custody",
    "criticality: critical\ndepends_on: {services: [{supplier: kyt, service: screening}]}\n",
)


def contract(services: str = "[screening]") -> str:
    return doc(
        "Contract",
        "ctr-kyt",
        f"supplier: kyt\nentities: [casp]\nservices: {services}\ncovers_ict_services: true\n"
        "supports_critical_function: false\n",
    )


def test_a_contract_labelled_non_critical_whose_service_supports_a_critical_function(
    cli, write
) -> None:
    found = check(cli, write, repo(ENTITY, kyt(""), CUSTODY, contract()), ["CTR-02"])
    assert len(found) == 1
    assert (
        "supports a critical or important function (it is recorded as supporting no critical or "
        "important function, but critical function custody rests on the service screening it "
        "covers)"
    ) in found[0]["message"]
    recorded = kyt(", supports_critical_function: true")
    (by_record,) = check(cli, write, repo(ENTITY, recorded, contract()), ["CTR-02"])
    assert "the service screening it covers is recorded as supporting one" in by_record["message"]


def test_the_label_stands_where_nothing_it_covers_supports_a_critical_function(cli, write) -> None:
    # another service of the supplier is the critical one; this contract covers reports only
    assert (
        check(cli, write, repo(ENTITY, kyt(""), CUSTODY, contract("[reports]")), ["CTR-02"]) == []
    )
    # the service itself is recorded as supporting none: the function's naming passes nothing on
    denied = kyt(", supports_critical_function: false")
    assert check(cli, write, repo(ENTITY, denied, CUSTODY, contract()), ["CTR-02"]) == []
    # a contract naming no services is taken at its word
    whole = contract("[]").replace("services: []\n", "")
    assert check(cli, write, repo(ENTITY, kyt(""), CUSTODY, whole), ["CTR-02"]) == []


# -- SUP-04: an unsatisfactory assessment ----------------------------------------------------


def assessed(tier: int, outcome: str) -> str:
    return doc(
        "Supplier",
        "mpc",
        f"tier: {tier}\nprovides_ict_services: true\n"
        f"last_assessment: {{date: 2026-03-24, type: remote_audit, outcome: {outcome}}}\n",
    )


def test_a_supplier_found_unsatisfactory_is_reported_until_reassessed(cli, write) -> None:
    (finding,) = check(cli, write, assessed(1, "unsatisfactory"), ["SUP-04"])
    assert finding["level"] == "error"
    assert (
        "last assessment (2026-03-24) found it unsatisfactory, yet we rely on it"
        in (finding["message"])
    )
    assert finding["column"] > 1  # at the outcome
    (warning,) = check(cli, write, assessed(2, "unsatisfactory"), ["SUP-04"])
    assert warning["level"] == "warning"
    for outcome in ("satisfactory", "findings_open"):
        assert check(cli, write, assessed(1, outcome), ["SUP-04"]) == []


# -- BCM-03: a fallback at 0 % capacity -------------------------------------------------------

TRADING = (
    doc("Supplier", "cloud", "services: [{name: iaas}]\n"),
    doc(
        "BusinessFunction",
        "trading",
        "criticality: critical\nrto_hours: 2\nmtpd_hours: 8\n"
        "depends_on: {services: [{supplier: cloud, service: iaas}]}\n",
    ),
)


def plan(capacity: int) -> str:
    return doc(
        "ContinuityPlan",
        "trading-plan",
        "function: trading\nmanual_procedure: {description: Trading halted, "
        f"max_degraded_hours: 8, capacity_percent: {capacity}}}\n",
    )


def test_a_halt_is_no_degraded_mode(cli, write) -> None:
    (finding,) = check(cli, write, repo(*TRADING, plan(0)), ["BCM-03"])
    assert (
        "the manual procedure of continuity plan trading-plan runs at 0% capacity: a halt, not a "
        "degraded mode"
    ) in finding["message"]
    # a degraded mode at any capacity that lasts until the MTPD bridges the outage
    assert check(cli, write, repo(*TRADING, plan(10)), ["BCM-03"]) == []


def test_a_halt_is_asked_for_a_degraded_mode_not_a_longer_halt(cli, write) -> None:
    timed = TRADING[0].replace("{name: iaas}", "{name: iaas, contracted_rto_hours: 24}")
    (finding,) = check(cli, write, repo(timed, TRADING[1], plan(0)), ["BCM-03"])
    message = finding["message"]
    assert "supplier cloud has 24 hours to restore service 'iaas'" in message
    assert "the function has no degraded mode to carry it (the manual procedure" in message
    # the 24 hours run past the MTPD of 8: the degraded mode is asked to last until the MTPD,
    # with a recovery time within it, not until the supplier's 24 hours
    assert message.endswith(
        "; or plan a degraded mode that carries some of the work (capacity_percent above 0) and "
        "lasts until the function's MTPD of 8 hours and negotiate a recovery time of at most 8 "
        "hours"
    )
    assert "says how long its manual procedure can run" not in message
    assert "record max_degraded_hours" not in message
    # a degraded mode at 10% that ends before the MTPD is asked to last until it, not past it
    short = plan(10).replace("max_degraded_hours: 8", "max_degraded_hours: 4")
    (finding,) = check(cli, write, repo(timed, TRADING[1], short), ["BCM-03"])
    assert finding["message"].endswith(
        "lasts only 4 hours, less than the function's MTPD of 8 hours: negotiate a recovery time "
        "of at most 2 hours; or extend the manual procedure to 8 hours and negotiate a recovery "
        "time of at most 8 hours"
    )
    assert "to 24 hours" not in finding["message"]


def test_a_degraded_mode_lasting_until_the_mtpd_is_not_asked_to_last_past_it(cli, write) -> None:
    """A degraded mode that reaches the MTPD but ends before the supplier's 24 hours: a
    recovery time within the degraded mode carries the function (a degraded mode lasting until
    the supplier recovers covers the outage), so no longer one is asked; else the owner accepts
    the risk. The finding no longer says the outage is intolerable past the MTPD "however long
    it runs": a degraded mode lasting the 24 hours passes."""
    timed = TRADING[0].replace("{name: iaas}", "{name: iaas, contracted_rto_hours: 24}")
    for hours in (8, 12):  # until the MTPD of 8 hours, or beyond it
        lasting = plan(10).replace("max_degraded_hours: 8", f"max_degraded_hours: {hours}")
        (finding,) = check(cli, write, repo(timed, TRADING[1], lasting), ["BCM-03"])
        message = finding["message"]
        assert (
            f"already lasts {hours} hours, which reaches the function's MTPD of 8 hours, but ends "
            "before the supplier has recovered" in message
        )
        assert f"negotiate a recovery time of at most {hours} hours" in message
        assert "accepts the risk that the degraded mode ends before the supplier has recovered" in (
            message
        )
        assert "Waiver for BCM-03" in message
        assert "extend the manual procedure" not in message
        assert "however long" not in message
    lasting = plan(10).replace("max_degraded_hours: 8", "max_degraded_hours: 24")
    assert check(cli, write, repo(timed, TRADING[1], lasting), ["BCM-03"]) == []
    # a supplier that recovers within the MTPD is bridged by such a degraded mode
    within = TRADING[0].replace("{name: iaas}", "{name: iaas, contracted_rto_hours: 8}")
    assert check(cli, write, repo(within, TRADING[1], plan(10)), ["BCM-03"]) == []


def test_a_plan_without_max_degraded_hours_is_asked_to_record_it(cli, write) -> None:
    """A plan that does not say how long its manual procedure runs has no duration to extend:
    the finding asks to record max_degraded_hours, lasting until the supplier has recovered
    where that is within the MTPD, until the MTPD (with a recovery time within it) where not."""
    unsaid = plan(10).replace("max_degraded_hours: 8, ", "")
    assert "max_degraded_hours" not in unsaid
    within = TRADING[0].replace("{name: iaas}", "{name: iaas, contracted_rto_hours: 6}")
    (finding,) = check(cli, write, repo(within, TRADING[1], unsaid), ["BCM-03"])
    message = finding["message"]
    assert "no continuity plan for the function says how long its manual procedure can run" in (
        message
    )
    assert message.endswith(
        "negotiate a recovery time of at most 2 hours, or record max_degraded_hours and make it "
        "last until the supplier has recovered"
    )
    assert "record a manual procedure" not in message and "extend" not in message
    past = TRADING[0].replace("{name: iaas}", "{name: iaas, contracted_rto_hours: 24}")
    (finding,) = check(cli, write, repo(past, TRADING[1], unsaid), ["BCM-03"])
    assert finding["message"].endswith(
        "; or record max_degraded_hours and make it last until the function's MTPD of 8 hours "
        "and negotiate a recovery time of at most 8 hours"
    )
    # with no contracted recovery time: record it, and make it last until the MTPD
    (finding,) = check(cli, write, repo(*TRADING, unsaid), ["BCM-03"])
    message = finding["message"]
    assert (
        "critical function trading has no degraded mode of known length to carry it (its "
        "continuity plan trading-plan records no max_degraded_hours, how long its manual "
        "procedure can run)"
    ) in message
    assert message.endswith(
        "or record max_degraded_hours and make it last until the outage would be intolerable "
        "anyway (the MTPD)"
    )
    assert "extend" not in message
    # a recorded duration within the supplier's recovery time, and the MTPD past it: extended
    # to the recovery time, which is within the MTPD
    longer = TRADING[1].replace("mtpd_hours: 8", "mtpd_hours: 48")
    short = plan(10).replace("max_degraded_hours: 8", "max_degraded_hours: 4")
    (finding,) = check(cli, write, repo(past, longer, short), ["BCM-03"])
    assert finding["message"].endswith(
        "lasts only 4 hours: negotiate a recovery time of at most 2 hours, or extend the manual "
        "procedure to 24 hours"
    )


def test_a_schemes_recovery_past_the_mtpd_is_still_bridged_until_it_has_recovered(
    cli, write
) -> None:
    """A payment scheme's recovery time is set by its rules, not negotiated: the degraded mode
    is what carries the function until the scheme has recovered, past the MTPD if need be."""
    scheme = TRADING[0].replace(
        "{name: iaas}",
        "{name: iaas, contracted_rto_hours: 24, service_model: market_infrastructure}",
    )
    short = plan(10).replace("max_degraded_hours: 8", "max_degraded_hours: 4")
    (finding,) = check(cli, write, repo(scheme, TRADING[1], short), ["BCM-03"])
    message = finding["message"]
    assert "lasts only 4 hours: extend the manual procedure to 24 hours, or plan an" in message
    assert "negotiate a" not in message
    # an RTO as long as the scheme's 24 hours would pass the MTPD of 8: not asked
    assert "revisit the function's RTO" not in message
    assert "restores the function within its MTPD of 8 hours" in message
    # within the MTPD, the RTO may be revisited
    longer = TRADING[1].replace("mtpd_hours: 8", "mtpd_hours: 48")
    (finding,) = check(cli, write, repo(scheme, longer, short), ["BCM-03"])
    assert "or revisit the function's RTO with its owner" in finding["message"]


def test_a_function_without_a_plan_is_asked_to_write_one_not_to_extend_it(cli, write) -> None:
    # the cloud service records no recovery time, and trading has no continuity plan at all
    (finding,) = check(cli, write, repo(*TRADING), ["BCM-03"])
    message = finding["message"]
    assert "has no contracted recovery time" in message
    assert (
        "write a continuity plan with a manual or degraded procedure that lasts until the outage "
        "would be intolerable anyway (the MTPD)"
    ) in message
    assert "extend the manual procedure" not in message
    # a recovery time longer than the RTO: the plan to record is a new one
    timed = TRADING[0].replace("{name: iaas}", "{name: iaas, contracted_rto_hours: 24}")
    (finding,) = check(cli, write, repo(timed, TRADING[1]), ["BCM-03"])
    assert "and the function has no continuity plan: " in finding["message"]
    assert "or write a continuity plan with a manual or degraded procedure" in finding["message"]
    assert "says how long its manual procedure can run" not in finding["message"]
    # with a plan whose degraded mode ends before the MTPD, that one is to be extended
    short = plan(10).replace("max_degraded_hours: 8", "max_degraded_hours: 4")
    (finding,) = check(cli, write, repo(*TRADING, short), ["BCM-03"])
    assert "extend the manual procedure until the outage would be intolerable" in finding["message"]
    assert "write a continuity plan" not in finding["message"]
    # both on one service: each function is asked what fits it
    other = TRADING[1].replace("id: trading", "id: payments")
    (finding,) = check(cli, write, repo(*TRADING, short, other), ["BCM-03"])
    assert (
        "extend the manual procedure or, where a function has no continuity plan, write a "
        "continuity plan with a manual or degraded procedure that lasts until the outage"
    ) in finding["message"]


# -- EVD-01: the claims evidence package is the cyber tower's ------------------------------


def test_a_crime_policy_is_not_asked_for_the_cyber_claims_evidence_package(cli, write) -> None:
    period = "period: {start: 2026-03-01, end: 2027-02-28}\n"
    crime = doc("InsurancePolicy", "crime-2026", "line: crime\n" + period)
    assert check(cli, write, crime, ["EVD-01"]) == []
    cyber = doc("InsurancePolicy", "cyber-2026", period)
    (finding,) = check(cli, write, cyber, ["EVD-01"])
    assert "has no claims evidence package" in finding["message"]


# -- INS-07: a partial control measured under full coverage ---------------------------------

EXCLUSION = doc(
    "InsurancePolicy",
    "cyber",
    "period: {start: 2026-04-01, end: 2027-03-31}\n"
    "exclusions:\n"
    "  - {id: unpatched, type: unpatched_systems, mitigating_control_categories: [patching]}\n",
)


def patching(name: str, status: str, extra: str = "") -> str:
    return doc("Control", name, f"category: patching\nstatus: {status}\nscope: [servers]\n{extra}")


def test_a_partial_control_under_full_coverage_leaves_its_scope_exposed(cli, write) -> None:
    it = patching("patching-it", "implemented")
    ot = patching("patching-ot", "partial", "coverage_percent: 60\n")
    (finding,) = check(cli, write, repo(EXCLUSION, it, ot), ["INS-07"])
    assert "control patching-ot is partial (60% coverage) over its servers" in finding["message"]
    # a partial control that records no coverage is judged by the areas it names, as before
    unmeasured = patching("patching-ot", "partial")
    assert check(cli, write, repo(EXCLUSION, it, unmeasured), ["INS-07"]) == []
    # an implemented control covering everything leaves nothing exposed
    everything = it.replace("scope: [servers]", "scope: [all]")
    assert check(cli, write, repo(EXCLUSION, everything, ot), ["INS-07"]) == []


# -- SUP-08: an exit plan in its first year ---------------------------------------------------


def exit_planned(start: str) -> str:
    supplier = doc(
        "Supplier",
        "kyt",
        "name: KYT\nprovides_ict_services: true\nservices:\n"
        "  - {name: screening, supports_critical_function: true,\n"
        "     exit_plan: {reference: https://grc.example/exit/kyt.pdf}}\n",
    )
    contract = doc(
        "Contract",
        "ctr-kyt",
        f"supplier: kyt\nentities: [casp]\nstatus: active\nstart_date: {start}\n"
        "services: [screening]\ncovers_ict_services: true\n",
    )
    return repo(ENTITY, supplier, contract)


def test_an_exit_plan_is_not_asked_a_test_before_its_first_period_is_over(cli, write) -> None:
    extra = {"profiles": ["dora"]}
    assert check(cli, write, exit_planned("2026-06-01"), ["SUP-08"], extra) == []
    (finding,) = check(cli, write, exit_planned("2025-06-01"), ["SUP-08"], extra)
    assert "has never been tested (no exit_plan.last_tested)" in finding["message"]
    assert "has never been reviewed" in finding["message"]


# -- CTR-06, CTR-07, BCM-04: insurer items where no cyber policy is in force ----------------

UNI = doc("Entity", "uni", "name: University\nregimes: [nis2]\nnis2_entity_type: other\n")
SIS = doc(
    "Supplier",
    "sis",
    "tier: 1\nprovides_ict_services: true\nservice_model: managed_service\n"
    "data_sensitivity: restricted\nhighest_access_level: privileged\n",
)
CTR_SIS = doc(
    "Contract",
    "ctr-sis",
    "supplier: sis\nentities: [uni]\nstatus: active\ncovers_ict_services: true\n"
    "cooperation: {incident_team: true, outside_counsel: true}\n"
    "evidence_retention: {log_days: 365, forensic_images: true, preservation_on_request: true,\n"
    "                     access_for: [incident_team]}\n",
)
EXAMS = doc("BusinessFunction", "exams", "criticality: critical\nentities: [uni]\n")
PLAN = doc(
    "ContinuityPlan",
    "exams-plan",
    "function: exams\ncomms_templates: {staff: {reference: s.md}, customers: {reference: c.md}}\n",
)
INSURER_ITEMS = ("insurer's questionnaires", "sworn statements", "insurer_forensics", "insurer")


def insurer_messages(found: list[dict]) -> list[str]:
    return sorted(f["code"] for f in found if any(word in f["message"] for word in INSURER_ITEMS))


def test_no_insurer_item_is_asked_where_no_cyber_policy_is_in_force(cli, write) -> None:
    select = ["CTR-06", "CTR-07", "BCM-04"]
    uninsured = check(cli, write, repo(UNI, SIS, CTR_SIS, EXAMS, PLAN), select)
    assert insurer_messages(uninsured) == []
    period = "period: {start: 2026-01-01, end: 2026-12-31}\n"
    cyber = doc("InsurancePolicy", "cyber", period)
    insured = check(cli, write, repo(UNI, SIS, CTR_SIS, EXAMS, PLAN, cyber), select)
    assert insurer_messages(insured) == ["BCM-04", "CTR-06", "CTR-07"]
    (claims,) = [f["message"] for f in insured if f["code"] == "CTR-07"]
    assert "insurer's questionnaires" in claims and "sworn statements" in claims
    # a policy of another entity, another line, or expired does not bring its insurer in
    for other in (
        cyber + "insured_entities: [hospital]\n",
        cyber + "line: crime\n",
        doc("InsurancePolicy", "cyber", "period: {start: 2024-01-01, end: 2024-12-31}\n"),
    ):
        found = check(cli, write, repo(UNI, SIS, CTR_SIS, EXAMS, PLAN, other), select)
        assert insurer_messages(found) == [], other


# -- CTR-08: software we license and run ourselves ------------------------------------------


def licensed(remedies: str, substitutability: str = "not_substitutable") -> str:
    vendor = doc(
        "Supplier",
        "backup-vendor",
        "tier: 1\nprovides_ict_services: true\nservices:\n"
        f"  - {{name: backup-software, ict_service_type: S13, supports_critical_function: true,\n"
        f"     substitutability: {substitutability}}}\n",
    )
    contract = doc(
        "Contract",
        "ctr-backup",
        "supplier: backup-vendor\nstatus: active\ncovers_ict_services: true\n"
        f"services: [backup-software]\nremedies: {{{remedies}}}\n",
    )
    return repo(vendor, contract)


def test_licensed_software_we_run_is_asked_escrow_not_step_in(cli, write) -> None:
    rest = "security_indemnity: true, accelerated_termination: true"
    (finding,) = check(cli, write, licensed(f"step_in_rights: false, {rest}"), ["CTR-08"])
    assert "does not record escrow" in finding["message"]
    assert "nobody steps into software we run" in finding["message"]
    assert "step-in rights (programme policy" not in finding["message"]
    escrow = f"step_in_rights: false, escrow: true, {rest}"
    assert check(cli, write, licensed(escrow), ["CTR-08"]) == []
    # software that is easy to replace is left to its exit plan
    easy = licensed(f"step_in_rights: false, {rest}", "easily_substitutable")
    assert check(cli, write, easy, ["CTR-08"]) == []
    # a service run for us (S14) is still asked step-in rights
    run_for_us = licensed(f"step_in_rights: false, {rest}").replace("S13", "S14")
    (step_in,) = check(cli, write, run_for_us, ["CTR-08"])
    assert "grants no step-in rights" in step_in["message"]


# -- EXR-02: an owners' rehearsal of a function that is not critical ------------------------


def exercise(criticality: str, scenarios: str = "[outage]") -> str:
    function = doc("BusinessFunction", "payroll", f"criticality: {criticality}\n")
    held = doc(
        "Exercise",
        "payroll-walkthrough",
        "type: tabletop\ndate: 2026-10-01\nstatus: completed\nfunctions: [payroll]\n"
        f"scenarios: {scenarios}\nparticipants: [business_owner, it]\n",
    )
    return repo(function, held)


def seats(found: list[dict]) -> list[dict]:
    return [f for f in found if "does not include" in f["message"]]


def test_an_owners_rehearsal_of_a_function_that_is_not_critical_needs_no_full_table(
    cli, write
) -> None:
    assert seats(check(cli, write, exercise("standard"), ["EXR-02"])) == []
    (critical,) = seats(check(cli, write, exercise("critical"), ["EXR-02"]))
    assert "does not include security, procurement, legal" in critical["message"]
    # a supplier compromise needs the whole table, whatever the function
    compromise = exercise("standard", "[supplier_compromise]")
    assert len(seats(check(cli, write, compromise, ["EXR-02"]))) == 1


# -- a ready alternative has one too: the supplier it stands in for --------------------------


def carriers(primary_lists_backup: bool, primary_status: str = "active") -> str:
    alternatives = (
        "alternatives: [{supplier: backup-carrier, readiness: contracted}]\n"
        if primary_lists_backup
        else ""
    )
    service = (
        "services: [{name: transit, supports_critical_function: true,\n"
        "            substitutability: not_substitutable}]\n"
    )
    primary = doc(
        "Supplier",
        "main-carrier",
        f"tier: 1\nstatus: {primary_status}\nprovides_ict_services: true\n{service}{alternatives}",
    )
    backup = doc("Supplier", "backup-carrier", f"tier: 1\nprovides_ict_services: true\n{service}")
    contract = doc(
        "Contract",
        "ctr-backup",
        "supplier: backup-carrier\nstatus: active\ncovers_ict_services: true\n"
        "remedies: {step_in_rights: false, security_indemnity: false, "
        "accelerated_termination: true}\n",
    )
    return repo(primary, backup, contract)


def test_the_ready_alternative_of_an_engaged_supplier_has_one_in_it(cli, write) -> None:
    alone = check(cli, write, carriers(False), ["CTR-08", "CON-04"])
    assert {f["code"] for f in alone if "backup-carrier" in f["message"]} == {"CTR-08", "CON-04"}
    paired = check(cli, write, carriers(True), ["CTR-08", "CON-04"])
    assert [f for f in paired if "backup-carrier" in f["message"]] == []
    # an exited supplier's list names no alternative of anyone's
    exited = check(cli, write, carriers(True, "exited"), ["CTR-08", "CON-04"])
    assert {f["code"] for f in exited if "backup-carrier" in f["message"]} == {"CTR-08", "CON-04"}
