"""CTR-03 asks a supplier's incident notice to start on a suspected compromise where its
compromise can reach into our systems. A multi-tenant SaaS below tier 1 with no access to our
systems only holds our data, and is not asked. Where the supplier's service model is neither
recorded nor inferred (a help-desk tool recorded as tier 3 with ICT services, holding our
confidential data), the trigger is
asked as of a service run for us: the finding says so and which record settles it, as the other
findings whose term the model decides do, and asks to negotiate the term rather than to edit
the record. Where the supplier is critical, or has access, the model does not decide the term,
and the finding says nothing of it."""

from __future__ import annotations

from one_file import check, doc, repo

HELPDESK = doc(
    "Supplier",
    "helpdesk",
    "name: Helpdesk cloud\ntier: 3\nprovides_ict_services: true\ndata_sensitivity: confidential\n"
    "services: [{name: tickets, description: Ticketing and help centre}]\n",
)
CONTRACT = doc(
    "Contract",
    "ctr-helpdesk",
    "supplier: helpdesk\nstatus: active\nservices: [tickets]\n"
    "incident_notification: {window_hours: 72, trigger: confirmed}\n",
)
NOTE = "asked as of a service run for us: the service model of supplier helpdesk"


def test_a_supplier_of_unknown_model_is_told_why_the_trigger_is_asked(cli, write) -> None:
    [finding] = check(cli, write, repo(HELPDESK, CONTRACT), ["CTR-03"])
    message = finding["message"]
    assert "negotiate notice of a suspected compromise" in message
    assert "record trigger: suspected" in message
    assert "set it to suspected" not in message
    assert NOTE in message and "record its service_model" in message


def test_recorded_as_a_multi_tenant_saas_it_is_not_asked(cli, write) -> None:
    saas = HELPDESK.replace("tier: 3\n", "tier: 3\nservice_model: multi_tenant_saas\n")
    assert check(cli, write, repo(saas, CONTRACT), ["CTR-03"]) == []


def test_a_critical_supplier_is_asked_without_the_note(cli, write) -> None:
    critical = HELPDESK.replace("tier: 3\n", "tier: 1\n")
    found = check(cli, write, repo(critical, CONTRACT.replace("72", "24")), ["CTR-03"])
    [finding] = found
    assert "negotiate notice of a suspected compromise" in finding["message"]
    assert "service model" not in finding["message"]


def test_a_supplier_with_access_is_asked_without_the_note(cli, write) -> None:
    key = doc(
        "Identity",
        "helpdesk-key",
        "supplier: helpdesk\ntype: api_key\naccess_level: read-only\n"
        "rotation_days: 90\nlast_rotated: 2026-10-01\n",
    )
    [finding] = check(cli, write, repo(HELPDESK, key, CONTRACT), ["CTR-03"])
    assert "service model" not in finding["message"]


def test_a_contract_silent_on_the_trigger_is_not_said_to_ask_a_confirmed_one(cli, write) -> None:
    silent = CONTRACT.replace(", trigger: confirmed", "")
    [finding] = check(cli, write, repo(HELPDESK, silent), ["CTR-03"])
    message = finding["message"]
    assert "does not say whether supplier helpdesk must notify us of a suspected compromise" in (
        message
    )
    assert "record what the contract says" in message
    assert "only of a confirmed compromise (incident_notification.trigger" not in message
    assert "(not set)" not in message
