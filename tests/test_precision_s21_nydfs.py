"""The twenty-first precision audit's findings on a New York bank under 23 NYCRR Part 500 only,
through the CLI on real YAML: each finding holds for an entity outside DORA and NIS2, and each
real gap is still found."""

from __future__ import annotations

from one_file import check, doc, messages, repo

# -- CTR-05: an IaaS cannot say whether our workloads were isolated or our data left ----------

CLOUD = doc(
    "Supplier",
    "cloud",
    "tier: 1\nprovides_ict_services: true\nservice_model: {model}\n"
    "supports_critical_function: true\ndata_sensitivity: restricted\n"
    "highest_access_level: none\n",
)


def cloud_contract(content: str) -> str:
    return doc(
        "Contract",
        "ctr-cloud",
        "supplier: cloud\nstatus: active\ncovers_ict_services: true\n"
        f"incident_notification:\n  window_hours: 24\n  trigger: suspected\n  content: {content}\n",
    )


def test_an_iaas_notice_is_asked_a_contact_not_isolation_or_exfiltration(cli, write) -> None:
    text = repo(CLOUD.format(model="iaas_paas"), cloud_contract("[contact]"))
    assert check(cli, write, text, ["CTR-05"]) == []


def test_an_iaas_notice_without_a_contact_is_still_reported(cli, write) -> None:
    text = repo(CLOUD.format(model="iaas_paas"), cloud_contract("[]"))
    said = messages(check(cli, write, text, ["CTR-05"]), "CTR-05")
    assert "whom to contact (contact)" in said
    assert "isolation_status" not in said and "exfiltration_indicators" not in said


def test_a_managed_service_holding_our_data_is_still_asked_every_item(cli, write) -> None:
    text = repo(CLOUD.format(model="managed_service"), cloud_contract("[contact]"))
    said = messages(check(cli, write, text, ["CTR-05"]), "CTR-05")
    assert "(isolation_status, contact)" in said and "(exfiltration_indicators)" in said


# -- explain: the rules that reach an entity under NYDFS only cite what binds it --------------


def test_explain_cites_part_500_where_it_asks_the_same(cli) -> None:
    cited = {
        "BCM-06": ["23 NYCRR 500.16(d)(2) and 500.16(e)"],
        "EXR-01": ["23 NYCRR 500.16(a) and 500.16(d)(1)"],
        "BCM-04": ["23 NYCRR 500.16(a)(1)(iv)", "500.17(a)(1)"],
        "IAM-03": ["23 NYCRR 500.7(a)(2), (4) and (6)"],
        "CON-01": ["Policy for an entity outside DORA"],
    }
    for code, wanted in cited.items():
        said = cli("explain", code).stdout
        for text in wanted:
            assert text in said, (code, text)


# -- CTR-04: an entity's own clock recorded without applies_to concerns critical services -----

BANK = doc(
    "Entity",
    "bank",
    "country: US\nregimes: [nydfs]\nreporting_clocks:\n  regulator_initial_hours: 72\n"
    "  other_clocks:\n    - name: FDIC notification incident\n      hours: 36\n"
    "      source: 12 CFR 304.23\n      audience: regulator\n",
)
PAYMENTS = doc("BusinessFunction", "payments", "criticality: critical\n")


def supplier_with_write_seat(sid: str, extra: str = "") -> str:
    return repo(
        doc("Supplier", sid, f"tier: 2\nprovides_ict_services: true\n{extra}"),
        doc(
            "Identity",
            f"{sid}-dev",
            f"supplier: {sid}\ntype: human_account\naccess_level: write\nmfa: true\n",
        ),
        doc(
            "Contract",
            f"ctr-{sid}",
            f"supplier: {sid}\nentities: [bank]\nstatus: active\n"
            "incident_notification: {window_hours: 48, trigger: suspected}\n",
        ),
    )


def test_a_bare_entity_clock_is_not_asked_of_a_supplier_with_only_a_write_seat(
    cli, write
) -> None:
    text = repo(BANK, PAYMENTS, supplier_with_write_seat("devshop"))
    assert check(cli, write, text, ["CTR-04"]) == []


def test_a_bare_entity_clock_is_asked_of_a_supplier_of_a_critical_function(cli, write) -> None:
    function = PAYMENTS + "depends_on:\n  suppliers: [processor]\n"
    text = repo(BANK, function, supplier_with_write_seat("processor"))
    said = messages(check(cli, write, text, ["CTR-04"]), "CTR-04")
    assert "FDIC notification incident" in said and "36" in said
