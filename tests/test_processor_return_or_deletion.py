"""GDPR Art. 28(3)(g) asks every controller in the EEA to bind a processor to delete or return
our personal data when its services end. An electricity network operator (a NIS2 essential
entity that Implementing Regulation (EU) 2024/2690 does not bind, so CTR-12 asks it no point
5.1.4 clause) recorded its meter-data platform's contract without that clause, and resilint
said nothing: CTR-17 now reports a contract that records the clause as absent, where its
supplier holds personal data of ours, once (CTR-12 speaks for the entities it binds)."""

from __future__ import annotations

import pytest
from one_file import check, codes, doc, line, messages, repo

RULES = ["CTR-12", "CTR-17"]


def entity(country: str = "DE", entity_type: str = "other") -> str:
    return doc(
        "Entity",
        "netz",
        f"country: {country}\nregimes: [nis2]\nnis2_category: essential\n"
        f"nis2_entity_type: {entity_type}\n",
    )


def supplier(sid: str, body: str) -> str:
    return doc(
        "Supplier",
        sid,
        f"status: active\ntier: 1\nprovides_ict_services: true\n{body}",
    )


def contract(sid: str, clause: str) -> str:
    return doc(
        "Contract",
        f"ctr-{sid}",
        f"supplier: {sid}\nentities: [netz]\nstatus: active\ncovers_ict_services: true\n"
        f"clauses:\n  {clause}\n",
    )


ABSENT = "nis2.data_return_disposal: {present: false}"


def test_a_meter_data_platform_recorded_without_the_clause_is_reported(cli, write) -> None:
    text = repo(
        entity(),
        supplier("meterdata", "data_sensitivity: restricted\npersonal_data: true\n"),
        contract("meterdata", ABSENT),
    )
    found = check(cli, write, text, RULES)
    assert codes(found) == ["CTR-17"]
    assert found[0]["line"] == line(text, "nis2.data_return_disposal")
    said = messages(found, "CTR-17")
    assert "GDPR Art. 28(3)(g)" in said and "personal_data: false" in said
    # under its point 5.1.4 id, too
    text = text.replace(ABSENT, "nis2.5.1.4.h: {present: false}")
    assert codes(check(cli, write, text, RULES)) == ["CTR-17"]


@pytest.mark.parametrize(
    "body",
    [
        # it holds no personal data of ours (a protection-relay maker with our settings files)
        "data_sensitivity: confidential\npersonal_data: false\n",
        # it holds nothing of ours at all
        "data_sensitivity: public\n",
        # a law firm decides on the data as a controller, it does not process it for us
        "data_sensitivity: confidential\nservice_model: professional_service\n",
    ],
)
def test_no_personal_data_processed_for_us_no_finding(cli, write, body: str) -> None:
    text = repo(entity(), supplier("acme", body), contract("acme", ABSENT))
    assert check(cli, write, text, RULES) == []


def test_the_clause_recorded_or_left_unrecorded_is_not_reported(cli, write) -> None:
    held = "data_sensitivity: confidential\n"  # may be personal: personal_data left out
    for clause in ("nis2.data_return_disposal: {present: true}", "nis2.5.1.4.a: {present: true}"):
        text = repo(entity(), supplier("acme", held), contract("acme", clause))
        assert check(cli, write, text, RULES) == [], clause
    text = repo(entity(), supplier("acme", held), contract("acme", ABSENT))
    assert codes(check(cli, write, text, RULES)) == ["CTR-17"]


def test_outside_the_eea_or_where_ctr12_speaks_it_is_not_asked_twice(cli, write) -> None:
    held = "data_sensitivity: confidential\npersonal_data: true\n"
    text = repo(entity("US"), supplier("acme", held), contract("acme", ABSENT))
    assert check(cli, write, text, RULES) == []
    text = repo(
        entity(entity_type="managed_service_provider"),
        supplier("acme", held),
        contract("acme", ABSENT),
    )
    found = check(cli, write, text, RULES)
    assert "CTR-17" not in codes(found) and "CTR-12" in codes(found)


def test_an_entity_in_the_united_kingdom_is_asked_it_under_the_uk_gdpr(cli, write) -> None:
    """The UK GDPR holds the same Art. 28(3)(g) for processing in the context of an
    establishment in the United Kingdom (its Art. 3(1)): a UK payroll bureau's contract recorded
    without the clause is reported, citing the UK GDPR, not the EU's."""
    london = doc("Entity", "netz", "country: GB\n")
    held = "data_sensitivity: confidential\npersonal_data: true\n"
    for clause in (ABSENT, "nis2.5.1.4.h: {present: false}"):
        text = repo(london, supplier("payroll", held), contract("payroll", clause))
        found = check(cli, write, text, RULES)
        assert codes(found) == ["CTR-17"], clause
        said = messages(found, "CTR-17")
        assert "UK GDPR Art. 28(3)(g) requires" in said, said
        assert found[0]["line"] == line(text, clause.split(":")[0])
    # a contract of an EEA entity and a UK one: one finding, under the EU's GDPR
    both = doc("Entity", "paris", "country: FR\n")
    shared = contract("payroll", ABSENT).replace("entities: [netz]", "entities: [netz, paris]")
    found = check(cli, write, repo(london, both, supplier("payroll", held), shared), RULES)
    assert codes(found) == ["CTR-17"]
    said = messages(found, "CTR-17")
    assert "GDPR Art. 28(3)(g) requires" in said and "UK GDPR" not in said
