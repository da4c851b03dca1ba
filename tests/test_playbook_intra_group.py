"""A company of our own group that runs our IT (the group's IT shared-service centre: network,
directory, server rooms; a supplier with group_entity) is asked a joint incident playbook as any
critical ICT supplier is (PLB-02), but not the criteria for disabling its integrations, as if it
were an outsider whose access we cut: the criteria it is asked are for isolating the systems and
network segments it runs for us, in PLB-02 and in what PLB-01 asks of its playbook. An outside
supplier is asked as before. Checked through `resilint check` as users run it."""

from __future__ import annotations

from one_file import check, doc, repo

GROUP = (
    doc("Entity", "holding", "name: Holding GmbH\ncountry: DE\n")
    + "---\n"
    + doc("Entity", "hospital", "name: Klinikum gGmbH\ncountry: DE\nparent: holding\n")
)


def supplier(sid: str, group: bool) -> str:
    return doc(
        "Supplier",
        sid,
        f"name: {sid} GmbH\ntier: 1\nprovides_ict_services: true\n"
        "supports_critical_function: true\ndata_sensitivity: restricted\n"
        "highest_access_level: privileged\nservice_model: managed_service\n"
        + ("group_entity: holding\n" if group else ""),
    )


def playbook(sid: str) -> str:
    """A playbook with contacts, escalation and templates, but no decision rights and no
    criteria."""
    return doc(
        "Playbook",
        f"{sid}-playbook",
        f"supplier: {sid}\ncontacts:\n  people:\n    - {{name: Duty manager, phone: '+49 1'}}\n"
        "escalation:\n  - {name: CISO, phone: '+49 2'}\n"
        "comms_templates:\n  staff: {reference: templates/staff.md}\n",
    )


def messages(cli, write, text: str, code: str) -> dict[str, list[str]]:
    """The messages of ``code``'s findings, by the id of the document each is on."""
    by_id: dict[str, list[str]] = {}
    for f in check(cli, write, repo(GROUP, text), [code]):
        by_id.setdefault(f["id"], []).append(f["message"])
    return by_id


def test_plb02_asks_a_group_it_centre_for_isolation_criteria(cli, write) -> None:
    text = repo(supplier("group-it", True), supplier("vendor", False))
    found = messages(cli, write, text, "PLB-02")
    assert sorted(found) == ["group-it", "vendor"]
    assert [len(said) for said in found.values()] == [1, 1]  # one of each, not one per wording
    (group,), (vendor,) = found["group-it"], found["vendor"]
    assert (
        "criteria for isolating the systems and network segments it runs for us (it is a company"
        " of our group, not an outside supplier whose integrations we disable))" in group
    )
    assert "criteria for disabling its integrations" not in group
    assert "criteria for disabling its integrations)" in vendor
    assert "company of our group" not in vendor and "isolating" not in vendor


def test_a_group_it_centre_with_a_playbook_is_not_asked_one(cli, write) -> None:
    text = repo(supplier("group-it", True), playbook("group-it"))
    assert messages(cli, write, text, "PLB-02") == {}


def test_plb01_asks_the_playbook_of_a_group_company_when_we_isolate(cli, write) -> None:
    text = repo(
        supplier("group-it", True),
        supplier("vendor", False),
        playbook("group-it"),
        playbook("vendor"),
    )
    found = messages(cli, write, text, "PLB-01")
    assert [len(said) for said in found.values()] == [2, 2]  # criteria and decision rights
    group, vendor = (" ".join(found[f"{sid}-playbook"]) for sid in ("group-it", "vendor"))
    isolating = "isolating the systems and network segments it runs for us"
    assert f"does not give the criteria for {isolating}" in group
    assert f"record who may decide on {isolating}" in group
    assert "disabling its integrations" not in group
    assert "does not give the criteria for disabling its integrations" in vendor
    assert "record who may decide on disabling its integrations" in vendor
    assert "isolat" not in vendor
