"""The audit of a small insurance broker recorded as a DORA microenterprise: what DORA's scope
and the size of the firm change in the findings, and that the real gaps are still found."""

from __future__ import annotations

from one_file import check, doc, repo


def broker(body: str) -> str:
    return doc("Entity", "broker", f"entity_type: insurance_intermediary\n{body}")


def test_ent01_an_insurance_intermediary_microenterprise_is_outside_dora(cli, write) -> None:
    text = repo(broker("regimes: [dora]\ndora_microenterprise: true\n"))
    (found,) = check(cli, write, text, ["ENT-01"])
    assert "Art. 2(3)(e)" in found["message"] and "policy, not law" in found["message"]


def test_ent01_is_silent_for_an_entity_dora_binds(cli, write) -> None:
    larger_broker = broker("regimes: [dora]\ndora_enterprise_size: large\n")
    small_bank = doc(
        "Entity",
        "bank",
        "entity_type: credit_institution\nregimes: [dora]\ndora_microenterprise: true\n",
    )
    outside = broker("regimes: []\ndora_microenterprise: true\n")
    assert check(cli, write, repo(larger_broker, small_bank, outside), ["ENT-01"]) == []


# -- the insurers a broker places business with: regulated risk carriers, not IT vendors ------


def insurer(
    supplier_id: str, name: str, what: str = "Insurer we place commercial business with"
) -> str:
    supplier = doc(
        "Supplier",
        supplier_id,
        f"name: {name}\ndescription: {what}.\n"
        "provides_ict_services: false\ntier: 3\ndata_sensitivity: confidential\n"
        "highest_access_level: none\n",
    )
    contract = doc(
        "Contract",
        f"ctr-{supplier_id}",
        f"supplier: {supplier_id}\nstatus: active\ncovers_ict_services: false\n"
        "start_date: 2020-01-01\nend_date: 2030-12-31\n",
    )
    return repo(supplier, contract)


def test_ctr03_asks_no_incident_notice_hours_of_an_insurer(cli, write) -> None:
    for name in ("Regensburger Sachversicherung AG", "Harbour Insurance Company plc"):
        assert check(cli, write, insurer("carrier", name), ["CTR-03", "CTR-07"]) == [], name


def test_ctr03_still_asks_them_of_an_insurance_broker_or_a_service_holding_our_data(
    cli, write
) -> None:
    # a mailing house is no insurer: its notice hours are still asked
    mailer = insurer("mailer", "Postwerk Lettershop GmbH", "Mailing house for our renewal letters")
    (found,) = check(cli, write, mailer, ["CTR-03"])
    assert found["id"] == "ctr-mailer"
    broker = insurer(
        "broker", "Ostwall Versicherungsmakler GmbH", "Insurance broker of our own cover"
    )
    assert check(cli, write, broker, ["CTR-03"]) == []  # an adviser: not asked below tier 1
