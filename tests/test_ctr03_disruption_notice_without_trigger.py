"""A critical supplier whose compromise reaches nothing of ours (a water utility's treatment
chemicals: no ICT services, no access, none of our confidential data) is asked a notice window
for an incident that disrupts its supply, but not the suspected-compromise trigger: a disruption
is what it must tell us of, and that needs no suspicion to start. A critical supplier that
holds our data or access is still asked the trigger."""

from __future__ import annotations

from one_file import check, doc, messages, repo


def chemicals(notice: str, exposure: str = "") -> str:
    entity = doc("Entity", "waterco", "regimes: [nis2]\nnis2_category: essential\n")
    supplier = doc(
        "Supplier",
        "chem",
        "status: active\ntier: 1\nsupports_critical_function: true\n"
        "provides_ict_services: false\nhighest_access_level: none\n"
        f"data_sensitivity: internal\n{exposure}",
    )
    contract = doc(
        "Contract",
        "ctr-chem",
        "supplier: chem\nentities: [waterco]\nstatus: active\n"
        f"covers_ict_services: false\n{notice}",
    )
    return repo(entity, supplier, contract)


def test_a_window_without_a_trigger_is_enough(cli, write) -> None:
    notice = "incident_notification: {window_hours: 24}\n"
    assert check(cli, write, chemicals(notice), ["CTR-03"]) == []


def test_a_missing_clause_asks_the_window_only(cli, write) -> None:
    text = messages(check(cli, write, chemicals(""), ["CTR-03"]), "CTR-03")
    assert "an incident that disrupts its service to us" in text
    assert "trigger" not in text


def test_a_critical_supplier_holding_our_data_is_still_asked_the_trigger(cli, write) -> None:
    held = chemicals(
        "incident_notification: {window_hours: 24}\n", "personal_data: true\n"
    ).replace("data_sensitivity: internal", "data_sensitivity: confidential")
    text = messages(check(cli, write, held, ["CTR-03"]), "CTR-03")
    assert "incident_notification.trigger" in text
