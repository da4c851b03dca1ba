"""A managed service provider under NIS2 (bound by Implementing Regulation (EU) 2024/2690 point
5.1.4), through the CLI on real YAML: a point 5.1.4 clause recorded under the id resilint used
before (nis2.staff_training), or an audit right recorded under audit.rights, that the contract
lacks is reported where it is recorded, and says the id it was recorded under, not at the
contract's `clauses:` line."""

from __future__ import annotations

from one_file import check, doc, line, repo

MSP = doc(
    "Entity",
    "msp",
    "country: BE\nregimes: [nis2]\nnis2_category: essential\n"
    "nis2_entity_type: managed_service_provider\n",
)
NOC = doc(
    "Supplier",
    "noc",
    "tier: 1\nprovides_ict_services: true\nhighest_access_level: privileged\n"
    "services:\n  - {name: noc-24x7, service_type: managed network operations centre}\n",
)
CLAUSES = (
    "clauses:\n"
    "  nis2.security_requirements: {present: true, variant: standard}\n"
    "  nis2.staff_training: {present: false}\n"
    "  nis2.background_checks: {present: true, variant: standard}\n"
    "  nis2.vulnerability_handling: {present: true, variant: standard}\n"
    "  nis2.subcontractor_flow_down: {present: true, variant: standard}\n"
    "  nis2.data_return_disposal: {present: true, variant: standard}\n"
    "incident_notification: {window_hours: 12, trigger: suspected}\n"
)


def contract(body: str) -> str:
    return doc("Contract", "ctr-noc", f"supplier: noc\nentities: [msp]\nstatus: active\n{body}")


def ctr12(cli, write, text: str) -> list[dict]:
    return check(cli, write, text, ["CTR-12"])


def test_a_clause_recorded_under_its_earlier_id_is_reported_where_it_is_recorded(
    cli, write
) -> None:
    text = repo(MSP, NOC, contract(CLAUSES + "audit: {rights: true}\n"))
    [found] = ctr12(cli, write, text)
    assert found["line"] == line(text, "nis2.staff_training: {present: false}")
    assert found["line"] != line(text, "clauses:")
    assert "point 5.1.4(b)" in found["message"]
    assert "recorded as nis2.staff_training" in found["message"]
    # recorded present, under either id, the clause is there: no finding
    assert ctr12(cli, write, text.replace("{present: false}", "{present: true}")) == []
    fixed = text.replace("  nis2.staff_training: {present: false}\n", "").replace(
        "clauses:\n", "clauses:\n  nis2.5.1.4.b: {present: true}\n"
    )
    assert ctr12(cli, write, fixed) == []


def test_a_clause_recorded_under_both_ids_is_reported_at_its_point_5_1_4_id(cli, write) -> None:
    both = CLAUSES.replace("clauses:\n", "clauses:\n  nis2.5.1.4.b: {present: false}\n")
    text = repo(MSP, NOC, contract(both + "audit: {rights: true}\n"))
    [found] = ctr12(cli, write, text)
    assert found["line"] == line(text, "nis2.5.1.4.b: {present: false}")
    assert "recorded as" not in found["message"]


def test_a_clause_recorded_nowhere_is_still_reported_at_the_clauses(cli, write) -> None:
    missing = CLAUSES.replace("  nis2.staff_training: {present: false}\n", "")
    text = repo(MSP, NOC, contract(missing + "audit: {rights: true}\n"))
    [found] = ctr12(cli, write, text)
    assert "point 5.1.4(b)" in found["message"] and "recorded as" not in found["message"]
    assert found["line"] == line(text, "clauses:")


def test_an_audit_right_recorded_false_is_reported_at_audit_rights(cli, write) -> None:
    staffed = CLAUSES.replace(
        "nis2.staff_training: {present: false}", "nis2.5.1.4.b: {present: true}"
    )
    text = repo(MSP, NOC, contract(staffed + "audit: {rights: false}\n"))
    [found] = ctr12(cli, write, text)
    assert "point 5.1.4(e)" in found["message"]
    assert found["line"] == line(text, "audit: {rights: false}")
    # no audit section at all: the clause itself is what is missing, at the clauses
    text = repo(MSP, NOC, contract(staffed))
    [found] = ctr12(cli, write, text)
    assert "point 5.1.4(e)" in found["message"]
    assert found["line"] == line(text, "clauses:")
    # an audit right granted meets it
    assert ctr12(cli, write, repo(MSP, NOC, contract(staffed + "audit: {rights: true}\n"))) == []
