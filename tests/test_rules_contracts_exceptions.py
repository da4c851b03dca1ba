"""Contract-term and exception rules (CTR-03..08, CTR-13, CTR-14, EXC-01, EXC-02), through the
CLI: the corrections of issue 9 with their citations, proportionality (whom each rule asks for
what, by the domain facts and the requirements matrix), drafts, waiver approvers and unique
fingerprints."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import REPO

AS_OF = "2026-11-26"
OURS = ["CTR-03", "CTR-04", "CTR-05", "CTR-06", "CTR-07", "CTR-08", "CTR-13", "CTR-14"]
OURS += ["EXC-01", "EXC-02"]
CRASH = "could not be evaluated"


def check(cli, write, text: str, config: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Every finding of our rules on a one-file repository (only our rules run by default)."""
    write("resilint.yaml", json.dumps(config or {"profiles": [], "select": OURS}))
    write("repo.yaml", text)
    result = cli("check", "repo.yaml", "--format", "json", "--no-cache", "--as-of", AS_OF)
    found = result.json()["findings"]
    assert not any(CRASH in f["message"] for f in found), result.stdout
    return [f for f in found if f["code"] in OURS]


def codes(found: list[dict[str, Any]], doc_id: str | None = None) -> list[str]:
    return sorted(f["code"] for f in found if doc_id is None or f["id"] == doc_id)


def messages(found: list[dict[str, Any]], code: str) -> str:
    return " ".join(f["message"] for f in found if f["code"] == code)


def doc(kind: str, doc_id: str, body: str = "") -> str:
    return f"apiVersion: resilint/v1\nkind: {kind}\nid: {doc_id}\n{body}"


def repo(*documents: str) -> str:
    return "---\n".join(d if d.endswith("\n") else d + "\n" for d in documents)


ENTITY = doc("Entity", "acme-group", "regimes: [dora, nis2, nydfs]\n")
# A contract that settles none of the terms: every term the matrix asks for is missing.
BARE = "entities: [acme-group]\nstatus: active\nstart_date: 2025-01-01\nend_date: 2029-12-31\n"
# A contract that settles every term of every rule here.
FULL = """entities: [acme-group]
status: active
start_date: 2025-01-01
end_date: 2029-12-31
auto_renew: false
our_notice_period_days: 90
supplier_notice_period_days: 180
last_review: 2026-06-01
incident_notification:
  window_hours: 12
  trigger: suspected
  content:
    - isolation_status
    - disabled_privileged_accounts
    - exfiltration_indicators
    - secrets_to_rotate
    - contact
evidence_retention:
  log_days: 400
  forensic_images: true
  preservation_on_request: true
  access_for: [incident_team, insurer_forensics]
cooperation:
  incident_team: true
  outside_counsel: true
  insurer: {questionnaires: true, sworn_statements: true}
remedies: {step_in_rights: true, security_indemnity: true, accelerated_termination: true}
"""


def supplier(doc_id: str, body: str) -> str:
    return doc("Supplier", doc_id, body)


def contract(doc_id: str, supplier_id: str, body: str = BARE) -> str:
    return doc("Contract", doc_id, f"supplier: {supplier_id}\n{body}")


# -- proportionality --------------------------------------------------------------------------
CANTEEN = repo(
    ENTITY,
    supplier(
        "canteen",
        "tier: 3\nprovides_ict_services: false\nhighest_access_level: none\n"
        "data_sensitivity: internal\n",
    ),
    contract("ctr-canteen", "canteen"),
    supplier("cleaning", "tier: 3\nprovides_ict_services: false\n"),
    contract("ctr-cleaning", "cleaning", "status: active\n"),
)


@pytest.mark.parametrize("profiles", [[], ["baseline", "dora", "nis2", "nydfs"]])
def test_tier3_supplier_without_ict_access_or_data_draws_nothing(cli, write, profiles) -> None:
    config = {"profiles": profiles, "select": OURS}
    assert check(cli, write, CANTEEN, config) == []


def test_tier2_ict_supplier_gets_notice_content_evidence_and_cooperation_only(cli, write) -> None:
    text = repo(
        ENTITY,
        supplier("crm", "tier: 2\nprovides_ict_services: true\ndata_sensitivity: internal\n"),
        contract("ctr-crm", "crm"),
    )
    found = check(cli, write, text)
    # no notice clause at all: one CTR-03 finding names its content too (CTR-05's term)
    assert set(codes(found)) == {"CTR-03", "CTR-06", "CTR-07"}
    assert "content are missing too" in messages(found, "CTR-03")


def test_law_firm_with_our_data_is_not_asked_for_logs_or_forensic_images(cli, write) -> None:
    body = BARE + "cooperation: {incident_team: true, outside_counsel: true}\n"
    tier2 = repo(
        ENTITY,
        supplier(
            "counsel", "tier: 2\nprovides_ict_services: false\ndata_sensitivity: confidential\n"
        ),
        contract("ctr-counsel", "counsel", body),
        doc("InsurancePolicy", "cyber"),  # in force: its insurer's questionnaires are asked
    )
    found = check(cli, write, tier2)
    assert "CTR-06" not in codes(found) and "CTR-05" not in codes(found)
    # cooperation: questionnaires yes, sworn statements only of suppliers running our systems
    cooperation = [f["message"] for f in found if f["code"] == "CTR-07"]
    assert len(cooperation) == 1 and "questionnaires" in cooperation[0]
    # a firm that is tier 1 in effect (restricted data), its words not saying it is a law firm:
    # its contract covers no ICT services, so still no evidence terms, no sworn statements and
    # no step-in rights; the right to terminate early, and the security indemnity for the data
    # it holds
    tier1 = tier2.replace("tier: 2", "tier: 1").replace("confidential", "restricted")
    found = check(cli, write, tier1)
    assert "CTR-06" not in codes(found) and "CTR-05" not in codes(found)
    assert codes(found).count("CTR-07") == 1
    (remedy,) = [f["message"] for f in found if f["code"] == "CTR-08"]
    assert "step-in" not in remedy
    # no remedies recorded at all: our record does not say whether it has one
    assert "does not say whether it has an indemnity for losses caused by negligent" in remedy
    assert "accelerated_termination is missing too" in remedy
    # told by its words to be a law firm (professional_service), it is asked neither remedy
    lawyers = tier1.replace(
        "data_sensitivity: restricted\n",
        "data_sensitivity: restricted\ndescription: Outside counsel, a law firm.\n",
    )
    found = check(cli, write, lawyers)
    assert "indemnity" not in " ".join(f["message"] for f in found if f["code"] == "CTR-08")


def test_contract_not_covering_ict_services_is_not_asked_for_ict_security_terms(cli, write) -> None:
    text = repo(
        ENTITY,
        supplier("logistics", "tier: 2\nprovides_ict_services: true\n"),
        contract("ctr-logistics-haulage", "logistics", BARE + "covers_ict_services: false\n"),
    )
    # notice and cooperation stay; no notice content, evidence or sworn statements
    found = check(cli, write, text)
    assert set(codes(found)) == {"CTR-03", "CTR-07"}
    assert "sworn" not in " ".join(f["message"] for f in found)


CRITICAL_BY_GRAPH = repo(
    ENTITY,
    doc(
        "BusinessFunction",
        "shipping",
        "entities: [acme-group]\ncriticality: critical\ndepends_on: {suppliers: [labels]}\n",
    ),
    supplier("labels", "tier: 3\nprovides_ict_services: true\n"),
    contract(
        "ctr-labels",
        "labels",
        FULL.replace("window_hours: 12", "window_hours: 48")
        .replace("log_days: 400", "log_days: 180")
        .replace("remedies: {step_in_rights: true,", "remedies: {step_in_rights: false,")
        .replace("our_notice_period_days: 90\n", ""),
    ),
)


def test_critical_supplier_recorded_as_tier3_gets_the_full_terms(cli, write) -> None:
    found = check(cli, write, CRITICAL_BY_GRAPH)
    # the notice periods: the entity is under DORA, so REG-04 (on with DORA) asks them of a
    # contract the register holds for a critical function, naming CTR-13's use, and CTR-13
    # does not ask again
    assert codes(found) == ["CTR-03", "CTR-06", "CTR-08"]
    by_code = {f["code"]: f["message"] for f in found}
    assert "recorded as tier 3 but is tier 1 in effect" in by_code["CTR-03"]
    assert "at most 24 hours" in by_code["CTR-03"]
    assert "at least 365 days" in by_code["CTR-06"]
    alone = check(
        cli, write, CRITICAL_BY_GRAPH, {"profiles": [], "select": OURS, "ignore": ["REG"]}
    )
    assert "our_notice_period_days" in messages(alone, "CTR-13")
    # and with nothing settled, every term of the matrix's critical row is asked
    bare = repo(*CRITICAL_BY_GRAPH.split("---\n")[:3], contract("ctr-labels", "labels"))
    found = check(cli, write, bare)
    assert set(codes(found)) == {"CTR-03", "CTR-06", "CTR-07", "CTR-08"}
    assert "content are missing too" in messages(found, "CTR-03")


def test_tier_maxima_and_log_retention_are_parameters_by_tier_in_effect(cli, write) -> None:
    text = repo(
        ENTITY,
        supplier("crm", "tier: 2\nprovides_ict_services: true\n"),
        contract(
            "ctr-crm",
            "crm",
            FULL.replace("window_hours: 12", "window_hours: 24").replace("400", "90"),
        ),
    )
    assert check(cli, write, text) == []
    params = {
        "CTR-03": {"params": {"max_window_hours": {"1": 6, "2": 12, "3": 48}}},
        "CTR-06": {"params": {"min_log_days": {"1": 730, "2": 180}}},
    }
    config = {"profiles": [], "select": OURS, "rules": params}
    found = check(cli, write, text, config)
    assert codes(found) == ["CTR-03", "CTR-06"]
    assert "at least 180 days" in found[1]["message"]


# -- drafts -------------------------------------------------------------------------------------
def test_draft_with_a_prospective_supplier_is_judged_by_its_terms_only(cli, write) -> None:
    settled = FULL.replace("status: active", "status: prospective").replace(
        "end_date: 2029-12-31", "end_date: 2024-12-31"
    )
    text = repo(
        ENTITY,
        supplier("newco", "status: prospective\ntier: 1\nprovides_ict_services: true\n"),
        contract("ctr-newco", "newco", settled.replace("last_review: 2026-06-01\n", "")),
    )
    # dates, renewal and reviews wait for the signature: a settled draft draws nothing
    assert check(cli, write, text) == []
    # an empty draft is told which terms to settle before signing, once each, and nothing else
    empty = repo(
        ENTITY,
        supplier("newco", "status: prospective\ntier: 1\nprovides_ict_services: true\n"),
        contract("ctr-newco", "newco", "status: draft\nend_date: 2024-12-31\n"),
    )
    found = check(cli, write, empty)
    assert set(codes(found)) == {"CTR-03", "CTR-06", "CTR-07", "CTR-08", "CTR-13"}
    assert "content are missing too" in messages(found, "CTR-03")
    assert len(found) <= 20
    assert not any("ended on" in f["message"] or "ends on" in f["message"] for f in found)


def test_dates_and_renewals_concern_contracts_in_force(cli, write) -> None:
    body = "start_date: 2024-01-01\nend_date: 2026-12-31\nour_notice_period_days: 30\n"
    text = repo(
        # tier 2: the requirements matrix asks a renewal review of it (a tier-3 supplier without
        # exposure is not asked one: test_precision_rules.py)
        supplier("canteen", "tier: 2\nprovides_ict_services: false\n"),
        # no status: in force by its dates
        contract("ctr-canteen", "canteen", body),
        contract("ctr-canteen-old", "canteen", "status: ended\nend_date: 2020-01-01\n"),
    )
    found = check(cli, write, text)
    # no incident window (CTR-03): a tier-2 canteen has no ICT services, access or data of ours;
    # its near end date is CTR-14's (the decision is due, nobody reviewed it), not CTR-13's too
    assert codes(found) == ["CTR-14"]
    assert {f["id"] for f in found} == {"ctr-canteen"}
    # reviewed: CTR-13 says the end is near, of the contract in force only
    reviewed = text.replace(body, body + "last_review: 2026-10-01\n")
    found = check(cli, write, reviewed)
    assert codes(found) == ["CTR-13"]
    assert {f["id"] for f in found} == {"ctr-canteen"}


# -- CTR-04 and CTR-08: policy, not law ---------------------------------------------------------
NOTICE = repo(
    doc("Entity", "acme-group", "reporting_clocks: {regulator_initial_hours: 24}\n"),
    # a CRM behind a critical function: its compromise can be an incident of ours
    supplier("crm", "tier: 2\nprovides_ict_services: true\nsupports_critical_function: true\n"),
    contract(
        "ctr-crm",
        "crm",
        "entities: [acme-group]\nstatus: active\nincident_notification: {window_hours: 30}\n",
    ),
)


def test_ctr04_is_a_programme_policy_warning_that_says_when_clocks_start(cli, write) -> None:
    config = {"profiles": [], "select": ["CTR-04"]}
    (finding,) = check(cli, write, NOTICE, config)
    assert finding["level"] == "warning"
    message = finding["message"]
    assert "programme policy, not a legal requirement" in message
    assert "start when we become aware of an incident, not when the supplier is compromised" in (
        message
    )
    config["rules"] = {"CTR-04": {"level": "error"}}
    assert [f["level"] for f in check(cli, write, NOTICE, config)] == ["error"]


def test_ctr04_compares_a_supplier_running_nothing_of_ours_with_the_insurer_only(
    cli, write
) -> None:
    # a staffing agency: no ICT services, access or data; its compromise is no incident of ours
    insured = doc(
        "InsurancePolicy",
        "cyber",
        "insured_entities: [acme-group]\nnotice: {incident_notice_hours: 48}\n",
    )
    text = NOTICE.replace("tier: 2\nprovides_ict_services: true\n", "tier: 2\n")
    config = {"profiles": [], "select": ["CTR-04"]}
    assert check(cli, write, repo(text, insured), config) == []
    late = text.replace("window_hours: 30", "window_hours: 72")
    (finding,) = check(cli, write, repo(late, insured), config)
    assert "48-hour incident notice deadline of insurance policy cyber" in finding["message"]


def test_ctr04_cites_the_awareness_clocks(cli) -> None:
    text = cli("explain", "CTR-04").stdout
    for cited in (
        "Delegated Regulation (EU) 2025/301 Art. 5(1)(a)",
        "within 4 hours of classification as major, at most 24 hours from becoming aware",
        "Art. 23(4)(a)",
        "500.17(a)(1)",
        "A programme-policy check, not a legal requirement",
    ):
        assert cited in " ".join(text.split()), cited


def test_data_model_gives_the_dora_clock_correctly() -> None:
    for path in ("docs/data-model.md", "schemas/entity.json"):
        text = (REPO / path).read_text(encoding="utf-8")
        assert "DORA: 24" not in text, path
        assert "4 hours of classifying" in text and "2025/301" in text, path


REMEDIES = repo(
    supplier("erp", "tier: 1\nprovides_ict_services: true\n"),
    contract("ctr-erp", "erp", "status: active\nremedies: {step_in_rights: false}\n"),
)


def test_ctr08_is_a_warning_by_default_and_configurable(cli, write) -> None:
    config: dict[str, Any] = {"profiles": [], "select": ["CTR-08"]}
    found = check(cli, write, REMEDIES, config)
    # the three missing remedies are one section: one finding that names each
    assert [f["level"] for f in found] == ["warning"]
    assert "not a legal requirement" in found[0]["message"]
    assert found[0]["message"].count("; also: ") == 1 and "step-in" in found[0]["message"]
    config["rules"] = {"CTR-08": {"level": "error"}}
    assert [f["level"] for f in check(cli, write, REMEDIES, config)] == ["error"]


def test_ctr08_step_in_and_indemnity_only_for_systems_without_a_ready_alternative(
    cli, write
) -> None:
    bare = "status: active\nremedies: {accelerated_termination: true}\n"
    bank = supplier("bank", "tier: 1\nprovides_ict_services: false\ndata_sensitivity: internal\n")
    carrier = supplier(
        "carrier",
        "tier: 1\nprovides_ict_services: true\nalternatives:\n"
        "  - {supplier: backup-carrier, services: [parcels], readiness: onboarded}\n",
    )
    backup = supplier("backup-carrier", "tier: 2\n")
    text = repo(
        bank,
        contract("ctr-bank", "bank", bare),
        carrier,
        backup,
        contract("ctr-carrier", "carrier", bare),
    )
    assert check(cli, write, text, {"profiles": [], "select": ["CTR-08"]}) == []
    # only identified, not ready: step-in rights and the indemnity are asked again
    text = text.replace("readiness: onboarded", "readiness: identified")
    found = check(cli, write, text, {"profiles": [], "select": ["CTR-08"]})
    assert [f["id"] for f in found] == ["ctr-carrier"]
    assert "step-in" in found[0]["message"] and "indemnity" in found[0]["message"]


def test_ctr08_cites_the_practitioner_guidance_not_dora(cli) -> None:
    text = " ".join(cli("explain", "CTR-08").stdout.split())
    assert "Use service credits, indemnities, and step-in rights strategically" in text
    assert "Policy and market practice" in text
    assert "DORA Art. 28(7) requires termination rights for the cases it lists, not these" in text


# -- EXC-01 --------------------------------------------------------------------------------------
def waiver(doc_id: str, rule: str, approver: str) -> str:
    return doc(
        "Waiver",
        doc_id,
        f"rule: {rule}\ntargets:\n  - {{kind: Contract, id: ctr-erp}}\n"
        f"rationale: accepted\nrisk_owner: coo\napprover: {approver}\n"
        "approved_on: 2026-06-01\nexpires: 2027-05-31\n",
    )


def test_exc01_cites_csf_and_documents_the_waiver_maximum(cli) -> None:
    text = " ".join(cli("explain", "EXC-01").stdout.split())
    assert "NIST CSF 2.0 ID.RA-07" in text and "at most 365 days after approval" in text
    assert "approvers" in text
    for path in ("README.md", "docs/data-model.md"):
        page = " ".join((REPO / path).read_text(encoding="utf-8").split())
        assert "365 days" in page and "max_days" in page and "approvers" in page, path


def test_exc01_max_days_is_a_parameter(cli, write) -> None:
    text = repo(REMEDIES, waiver("w-erp", "CTR-08", "ciso"))
    assert codes(check(cli, write, text), "w-erp") == []
    config = {"profiles": [], "select": OURS, "rules": {"EXC-01": {"params": {"max_days": 90}}}}
    (found,) = [f for f in check(cli, write, text, config) if f["id"] == "w-erp"]
    assert "more than 90 days later" in found["message"]


def test_exc01_approvers_decide_who_may_approve_which_waiver(cli, write) -> None:
    approvers = {"*": ["ciso", "cro"], "CTR-08": ["general-counsel"]}
    config = {
        "profiles": [],
        "select": OURS,
        "rules": {"EXC-01": {"params": {"approvers": approvers}}},
    }
    text = repo(
        REMEDIES,
        waiver("w-step-in", "CTR-08", "ciso"),  # CTR-08 has its own list: ciso is not on it
        waiver("w-notice", "CTR-03", "ciso"),  # "*" allows ciso
        waiver("w-content", "CTR-05", "cfo"),  # "*" does not allow cfo
    )
    write("resilint.yaml", json.dumps(config))
    write("repo.yaml", text)
    result = cli("check", "repo.yaml", "--format", "json", "--no-cache", "--as-of", AS_OF)
    found = result.json()["findings"]
    refused = sorted((f["id"], f["line"]) for f in found if f["code"] == "EXC-01")
    assert refused == [("w-content", 46), ("w-step-in", 22)]
    message = next(f["message"] for f in found if f["id"] == "w-step-in" and f["code"] == "EXC-01")
    assert "only general-counsel may approve waivers of CTR-08" in message
    # a waiver approved by someone not allowed suppresses nothing
    remedies = [f for f in found if f["code"] == "CTR-08"]
    assert remedies and not any(f["suppressed"] for f in remedies)
    # approved by an allowed role, it suppresses the findings (a single role may be a string)
    approvers["CTR-08"] = "general-counsel"  # type: ignore[assignment]
    write("resilint.yaml", json.dumps(config))
    write(
        "repo.yaml",
        text.replace("approver: ciso\napproved_on", "approver: general-counsel\napproved_on", 1),
    )
    found = cli("check", "repo.yaml", "--format", "json", "--no-cache", "--as-of", AS_OF).json()
    assert all(f["suppressed"] for f in found["findings"] if f["code"] == "CTR-08")
    assert [f["id"] for f in found["findings"] if f["code"] == "EXC-01"] == ["w-content"]


def test_without_approvers_anyone_may_approve(cli, write) -> None:
    text = repo(REMEDIES, waiver("w-step-in", "CTR-08", "somebody"))
    config = {"profiles": [], "select": OURS}
    write("resilint.yaml", json.dumps(config))
    write("repo.yaml", text)
    result = cli("check", "repo.yaml", "--format", "json", "--no-cache", "--as-of", AS_OF)
    found = [f for f in result.json()["findings"] if f["code"] in ("CTR-08", "EXC-01", "EXC-02")]
    assert [f["code"] for f in found] == ["CTR-08"]
    assert all(f["suppressed"] for f in found)


# -- fingerprints ------------------------------------------------------------------------------
def test_every_distinct_finding_has_its_own_fingerprint(cli, write) -> None:
    text = repo(
        *CRITICAL_BY_GRAPH.split("---\n")[:3],
        contract("ctr-labels", "labels", "status: active\nend_date: 2026-12-01\n"),
        contract("ctr-labels-2", "labels", "status: active\nend_date: 2026-01-01\n"),
        doc(
            "Waiver",
            "w-odd",
            "rule: CTR-88\ntargets:\n  - {kind: Contract, id: nope-1}\n"
            "  - {kind: Contract, id: nope-2}\n  - {kind: Supplier, id: nope-1}\n",
        ),
    )
    write("resilint.yaml", json.dumps({"profiles": [], "select": OURS}))
    write("repo.yaml", text)
    result = cli("check", "repo.yaml", "--format", "json", "--no-cache", "--as-of", AS_OF)
    found = result.json()["findings"]
    # REG-04 (on with DORA) says the notice periods CTR-13 would: every rule's findings count
    ours = [f for f in found if f["code"] in OURS or f["code"].startswith("REG-")]
    assert len(ours) > 20
    prints = [f["fingerprint"] for f in ours]
    assert len(set(prints)) == len(prints)


def test_defects_findings_of_these_rules_have_unique_fingerprints(cli) -> None:
    result = cli("check", "--format", "json", "--no-cache", cwd=REPO / "examples" / "defects")
    ours = [f for f in result.json()["findings"] if f["code"] in OURS]
    assert len({f["fingerprint"] for f in ours}) == len(ours)
