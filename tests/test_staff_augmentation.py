"""A staffing agency whose workers use our systems under our direction (service_model
staff_augmentation: agency nurses, contract staff), through the CLI on real YAML: it is asked no
step-in rights, no joint playbook, no log retention or forensic images and no cooperation with
our counsel and insurer (its workers act in our systems, whose logs are ours), and its workers'
accounts are our workforce's, not a supplier's access sharing our identity plane; the terms that
still have an object (an indemnity, incident notice, a security contact) are asked as before,
and the same supplier recorded as a managed service is asked every term."""

from __future__ import annotations

from one_file import CYBER_POLICY, check, codes, doc, messages, repo
from test_precision_terms import contract, identity, supplier

AGENCY = (
    "name: CarePool Staffing\ntier: 1\nprovides_ict_services: false\n"
    "supports_critical_function: true\ndata_sensitivity: restricted\n"
    "highest_access_level: write\n"
    "services:\n  - {name: agency-nursing, service_type: temporary agency nursing staff}\n"
)
NURSES = identity(
    "agency-nurses", "human_account", "write", "identity_provider: entra\n", "carepool"
)
WARD = doc(
    "BusinessFunction",
    "emergency-department",
    "criticality: critical\ndepends_on:\n  suppliers: [carepool]\n  identity_providers: [entra]\n",
)
TERMS = (
    "remedies: {step_in_rights: false, security_indemnity: false, accelerated_termination: true}\n"
)
RULES = ["CTR-06", "CTR-07", "CTR-08", "PLB-02", "CON-02"]


def programme(model: str) -> str:
    agency = supplier(AGENCY + f"service_model: {model}\n", "carepool")
    team = "cooperation: {incident_team: true}\n"
    return repo(agency, NURSES, WARD, contract(TERMS + team, "carepool"), CYBER_POLICY)


def test_an_agency_placing_workers_with_us_is_asked_no_step_in_playbook_or_evidence(
    cli, write
) -> None:
    found = check(cli, write, programme("staff_augmentation"), RULES)
    # the indemnity still has an object: our restricted data; no claim cooperation (CTR-07) of
    # an agency whose workers' accounts are ours, under our direction
    assert codes(found) == ["CTR-08"]
    message = messages(found, "CTR-08")
    assert "indemnity" in message and "step-in" not in message


def test_the_same_supplier_run_as_a_managed_service_is_asked_every_term(cli, write) -> None:
    found = check(cli, write, programme("managed_service"), RULES)
    assert {"CTR-06", "CTR-07", "CTR-08", "PLB-02", "CON-02"} <= set(codes(found))
    assert "sworn statements" in messages(found, "CTR-07")
    assert "step-in" in messages(found, "CTR-08")
    assert "identity agency-nurses of critical supplier carepool" in messages(found, "CON-02")


def test_an_agency_or_a_freelancer_is_asked_a_named_contact_not_a_24x7_line(cli, write) -> None:
    """Its people work in our systems under our direction, through accounts we disable
    ourselves: a named security contact at the agency (or the freelancer) is what we need; a
    one-person business has no escalation order to give (scale-up SaaS audit)."""
    named = "contacts:\n  security: {name: Placement manager, email: security@carepool.example}\n"
    agency = supplier(AGENCY + "service_model: staff_augmentation\n" + named, "carepool")
    assert check(cli, write, repo(agency, NURSES, WARD), ["SUP-03"]) == []
    managed = agency.replace("staff_augmentation", "managed_service")
    found = check(cli, write, repo(managed, NURSES, WARD), ["SUP-03"])
    assert "24x7" in messages(found, "SUP-03") and "escalation" in messages(found, "SUP-03")
    nameless = supplier(AGENCY + "service_model: staff_augmentation\n", "carepool")
    [finding] = check(cli, write, repo(nameless, NURSES, WARD), ["SUP-03"])
    assert "24x7" not in finding["message"]
