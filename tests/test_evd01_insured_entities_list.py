"""EVD-01 asks a cyber tower's claims evidence package for the list of insured entities only
where the tower insures more than one legal person: a policy insuring one (it names one insured
entity, or names none in a programme recording one entity or none) names it on its
declarations, which the package's policy copies hold, and a list of one is the policyholder
(insurer market practice). Through the CLI on real files."""

from __future__ import annotations

from one_file import check, doc, repo

PERIOD = "period: {start: 2026-07-01, end: 2027-06-30}\n"
ITEMS = (
    "asset_inventory",
    "data_flow_diagrams",
    "policy_copies",
    "incident_log_location",
    "backup_validation_reports",
    "vendor_contracts",
)
PACKAGE = doc(
    "EvidencePackage",
    "cyber-evidence",
    "policy: cyber-2026\nitems:\n"
    + "".join(
        f"  - {{type: {kind}, location: offline/{kind}/, owner: risk-manager, "
        "last_updated: 2026-10-01}\n"
        for kind in ITEMS
    ),
)


def _asked(cli, write, *documents: str) -> list[str]:
    found = check(cli, write, repo(*documents), ["EVD-01"])
    return [f["message"] for f in found]


def _entity(entity_id: str, body: str = "") -> str:
    return doc("Entity", entity_id, f"country: DE\n{body}")


def test_a_policy_of_the_organisation_alone_is_asked_no_list_of_one(cli, write) -> None:
    policy = doc("InsurancePolicy", "cyber-2026", PERIOD)
    assert _asked(cli, write, policy, PACKAGE) == []
    assert _asked(cli, write, _entity("ours"), policy, PACKAGE) == []
    named = doc("InsurancePolicy", "cyber-2026", PERIOD + "insured_entities: [ours]\n")
    assert _asked(cli, write, _entity("ours"), _entity("sister"), named, PACKAGE) == []
    # a branch is part of its head office's legal person
    branch = _entity("ours-at", "branch_of: {entity: ours, code: AT01}\n")
    assert _asked(cli, write, _entity("ours"), branch, policy, PACKAGE) == []


def test_a_policy_insuring_several_entities_is_asked_the_list(cli, write) -> None:
    policy = doc("InsurancePolicy", "cyber-2026", PERIOD)
    (message,) = _asked(cli, write, _entity("ours"), _entity("sister"), policy, PACKAGE)
    assert message.startswith(
        "claims evidence package cyber-evidence has no insured entities list item"
    ), message
    named = doc("InsurancePolicy", "cyber-2026", PERIOD + "insured_entities: [ours, sister]\n")
    assert len(_asked(cli, write, _entity("ours"), _entity("sister"), named, PACKAGE)) == 1


def test_no_package_names_the_list_only_where_it_is_asked(cli, write) -> None:
    policy = doc("InsurancePolicy", "cyber-2026", PERIOD)
    (alone,) = _asked(cli, write, _entity("ours"), policy)
    assert "vendor contracts) before an incident" in alone, alone
    assert "insured-entities list" not in alone
    (group,) = _asked(cli, write, _entity("ours"), _entity("sister"), policy)
    assert "vendor contracts, insured-entities list) before an incident" in group, group


def test_a_recorded_list_of_one_is_still_kept_current(cli, write) -> None:
    stale = PACKAGE + (
        "  - {type: insured_entities_list, location: offline/entities.md, owner: risk-manager, "
        "last_updated: 2024-01-01}\n"
    )
    (message,) = _asked(cli, write, doc("InsurancePolicy", "cyber-2026", PERIOD), stale)
    assert message.startswith("the insured_entities_list item of claims evidence package"), message
