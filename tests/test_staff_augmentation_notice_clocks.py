"""A staffing agency whose contractors work in our systems under our direction, with accounts we
issue (service_model staff_augmentation), through the CLI on real YAML: its workers' access is
our workforce's, so CTR-04 does not fit its incident notice window to the NIS2 early warning, the
data-protection authority's clock or the cyber policy's notice deadline on account of that access
(an incident at the agency compromises none of our systems; one through a worker's account is
ours to see, as an employee's is). The same supplier run as a managed service, or an agency that
keeps our data on its own systems, is still held to those clocks, and ``resilint impact`` counts
no regulator clock for the agency's compromise."""

from __future__ import annotations

from one_file import check, doc, messages, repo
from test_precision_terms import contract, identity, supplier

ENTITY = doc(
    "Entity",
    "werke",
    "country: IT\nregimes: [nis2]\nnis2_category: important\nnis2_entity_type: other\n"
    "reporting_clocks: {regulator_early_warning_hours: 24, regulator_initial_hours: 72, "
    "data_protection_authority_hours: 72}\n",
)
POLICY = doc(
    "InsurancePolicy",
    "cyber",
    "period: {start: 2026-04-01, end: 2027-03-31}\ninsured_entities: [werke]\n"
    "notice: {incident_notice_hours: 48}\n",
)
AGENCY = (
    "name: Talentia Staffing\nstatus: active\ntier: 3\nprovides_ict_services: true\n"
    "supports_critical_function: false\ndata_sensitivity: {sensitivity}\npersonal_data: false\n"
    "highest_access_level: write\nservice_model: {model}\n"
    "services:\n  - {{name: developers, service_type: IT staff augmentation, "
    "stores_data: {stores}}}\n"
)
CONTRACTORS = identity(
    "contractors", "human_account", "write", "identity_provider: entra\nmfa: true\n", "talentia"
)
NOTICE = (
    "entities: [werke]\nservices: [developers]\n"
    "incident_notification: {window_hours: 48, trigger: suspected}\n"
)


def programme(model: str = "staff_augmentation", stores: str = "false") -> str:
    sensitivity = "confidential" if stores == "true" else "internal"
    text = AGENCY.format(model=model, stores=stores, sensitivity=sensitivity)
    agency = supplier(text, "talentia")
    return repo(ENTITY, POLICY, agency, CONTRACTORS, contract(NOTICE, "talentia"))


def test_an_agency_placing_contractors_with_us_is_not_held_to_our_incident_clocks(
    cli, write
) -> None:
    assert check(cli, write, programme(), ["CTR-04"]) == []


def test_the_same_supplier_run_as_a_managed_service_is_held_to_them(cli, write) -> None:
    found = check(cli, write, programme("managed_service"), ["CTR-04"])
    message = messages(found, "CTR-04")
    assert "24-hour early-warning deadline to the regulator of entity werke" in message
    assert "48-hour incident notice deadline of insurance policy cyber" in message


def test_an_agency_keeping_our_data_on_its_systems_is_held_to_them(cli, write) -> None:
    found = check(cli, write, programme(stores="true"), ["CTR-04"])
    assert "48-hour incident notice deadline of insurance policy cyber" in messages(found, "CTR-04")


def test_impact_counts_no_regulator_clock_for_the_agencys_compromise(cli, write) -> None:
    write("repo.yaml", programme())
    result = cli("impact", "repo.yaml", "--supplier", "talentia", "--as-of", "2026-11-26")
    assert "supplier talentia down or compromised" in result.stdout
    assert "Regulator clocks of werke are not listed" in result.stdout
    write("repo.yaml", programme("managed_service"))
    result = cli("impact", "repo.yaml", "--supplier", "talentia", "--as-of", "2026-11-26")
    assert "Regulator clocks of werke are not listed" not in result.stdout
    assert "early warning to CSIRT or competent authority (werke)" in result.stdout
