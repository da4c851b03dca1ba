"""Findings and outputs of the audits of a regional hospital group and a mobile and fixed telecom
operator (both NIS2 essential entities) that a risk manager would not act on, or that would
mislead in an incident, through the CLI on real YAML: each one gone, the real gap next to it
still reported."""

from __future__ import annotations

from one_file import AS_OF, check, doc, messages, repo
from test_precision_terms import contract, identity, supplier

AGENCY = (
    "name: Pflegeplus Personal\ntier: 2\nprovides_ict_services: false\n"
    "service_model: staff_augmentation\ndata_sensitivity: confidential\n"
    "highest_access_level: write\n"
)
NOTICE = (
    "covers_ict_services: false\n"
    "incident_notification: {window_hours: 24, trigger: suspected, content: [contact]}\n"
)
NURSES = identity(
    "agency-nurses", "human_account", "write", "mfa: true\nidentity_provider: entra\n", "agency"
)


def test_ctr05_agency_nurses_see_our_data_in_our_systems_the_agency_stores_none(cli, write) -> None:
    """Agency nurses work in our electronic health record under our direction, on accounts we
    issue with MFA: the patient data they see stays in our systems, so the agency's incident
    notice is not asked for signs of exfiltration (hospital audit). An agency recorded as
    storing our data (a service with stores_data: true), and a managed service run for us with
    the same exposure, still are."""
    agency = supplier(AGENCY, "agency")
    assert check(cli, write, repo(agency, NURSES, contract(NOTICE, "agency")), ["CTR-05"]) == []
    storing = supplier(AGENCY + "services:\n  - {name: rota-portal, stores_data: true}\n", "agency")
    found = check(cli, write, repo(storing, NURSES, contract(NOTICE, "agency")), ["CTR-05"])
    assert "exfiltration_indicators" in messages(found, "CTR-05")
    managed = supplier(AGENCY.replace("staff_augmentation", "managed_service"), "agency")
    found = check(cli, write, repo(managed, NURSES, contract(NOTICE, "agency")), ["CTR-05"])
    assert "exfiltration_indicators" in messages(found, "CTR-05")


def test_ctr05_says_when_a_secret_is_assumed_because_no_identity_is_recorded(cli, write) -> None:
    """With no Identity of the agency recorded, its write access is taken to rest on a secret
    (fail closed): the message says so and how to settle it, rather than stating that the
    supplier holds a machine credential or an account without MFA (hospital audit). Its
    workers' accounts recorded with MFA hold no secret to rotate."""
    agency = supplier(AGENCY, "agency")
    [finding] = check(cli, write, repo(agency, contract(NOTICE, "agency")), ["CTR-05"])
    assert "secrets_to_rotate" in finding["message"]
    assert "no Identity of it recorded" in finding["message"]
    assert "record its identities" in finding["message"]
    assert check(cli, write, repo(agency, NURSES, contract(NOTICE, "agency")), ["CTR-05"]) == []


CATERER = doc(
    "Supplier",
    "caterer",
    "name: Gastromed Catering\ntier: 3\nprovides_ict_services: false\n"
    "data_sensitivity: internal\nhighest_access_level: none\n"
    "contacts:\n"
    "  security: {name: Gastromed operations manager, email: ops@gastromed.example,"
    ' phone: "+49 228 555 0160"}\n',
)


def test_impact_names_the_security_contact_of_a_supplier_not_on_call_round_the_clock(
    cli, write
) -> None:
    """A tier-3 caterer and a clinical-waste contractor record a named security contact
    (contacts.security), not a 24x7 line: the incident card names it instead of saying that no
    contact is recorded (hospital audit); the JSON keeps it apart from a 24x7 contact."""
    write("resilint.yaml", "profiles: [baseline]\n")
    write("repo.yaml", repo(CATERER))
    args = ("impact", ".", "--supplier", "caterer", "--as-of", AS_OF)
    text = cli(*args).stdout
    assert "security contact: Gastromed operations manager, ops@gastromed.example" in text
    assert "not recorded" not in text.split("\n\n")[1]
    markdown = cli(*args, "--format", "markdown").stdout
    assert "| security contact | Gastromed operations manager" in markdown
    [view] = cli(*args, "--format", "json").json()["suppliers"]
    assert view["security_24x7"] is None
    assert view["security"]["email"] == "ops@gastromed.example"
    card = cli("card", "caterer", ".", "--as-of", AS_OF).stdout
    assert "Gastromed operations manager" in card
