"""Found by the audits of a port terminal operator under NIS2 and of an e-money institution
under DORA. A port community system the port's by-laws make compulsory (``mandated: true``)
gives every participant the same terms: cooperation with our incident team is asked of it only
where the law asks it (DORA Art. 30(2)(f)), not as a bargain's term under NIS2 alone. A waiver
that has already expired is reported as expired, not also told to shorten a term that has
ended. Through the CLI on real YAML."""

from __future__ import annotations

from one_file import check, doc, repo

PCS = doc(
    "Supplier",
    "pcs",
    "name: Port community system\n"
    "tier: 1\n"
    "mandated: true\n"
    "provides_ict_services: true\n"
    "service_model: multi_tenant_saas\n"
    "data_sensitivity: confidential\n"
    "highest_access_level: write\n"
    "services:\n"
    "  - {name: p, supports_critical_function: true, stores_data: true,\n"
    "     substitutability: not_substitutable}\n",
)
CONTRACT = doc(
    "Contract",
    "c",
    "supplier: pcs\nstatus: active\nstart_date: 2019-01-01\n",
)
PORT = doc(
    "Entity",
    "terminal",
    "name: Container terminal\nregimes: [nis2]\ncountry: NL\n",
)
BANK = doc(
    "Entity",
    "bank",
    "name: Bank\nregimes: [dora]\nlei: 5299000J2N45DDNE4Y28\ncountry: DE\n"
    "dora_entity_type: credit_institution\n",
)


def test_a_mandated_platform_is_not_asked_incident_cooperation_where_no_law_asks_it(
    cli, write
) -> None:
    assert check(cli, write, repo(PORT, PCS, CONTRACT), ["CTR-07"]) == []
    # a supplier whose terms are negotiated is asked it as before (policy under NIS2)
    bargained = PCS.replace("mandated: true\n", "")
    found = check(cli, write, repo(PORT, bargained, CONTRACT), ["CTR-07"])
    assert found and "cooperate with our incident-response team" in found[0]["message"]


def test_the_law_still_asks_it_of_a_mandated_platform_of_a_dora_entity(cli, write) -> None:
    found = check(cli, write, repo(BANK, PCS, CONTRACT), ["CTR-07"])
    assert [f["code"] for f in found] == ["CTR-07"]
    assert "cooperate with our incident-response team" in found[0]["message"]
    # and only the law's duty: the claim duties stay a bargain's terms
    assert "outside counsel" not in found[0]["message"]


def test_explain_says_the_mandate_spares_incident_cooperation_unless_the_law_asks_it(
    cli,
) -> None:
    explained = " ".join(cli("explain", "CTR-07").stdout.split())
    assert "(mandated), unless the law asks it (DORA)." in explained


WAIVER = doc(
    "Waiver",
    "w",
    "rule: CTR-08\n"
    "targets:\n  - {kind: Contract, id: c}\n"
    "rationale: accepted\nrisk_owner: coo\napprover: cfo\n"
    "approved_on: 2025-06-01\n",
)


def test_an_expired_waiver_is_not_also_told_to_shorten_its_term(cli, write) -> None:
    # approved for 17 months and expired a month before the as-of date (2026-11-26)
    expired = check(cli, write, repo(WAIVER + "expires: 2026-10-31\n"), ["EXC-01"])
    assert len(expired) == 1
    message = expired[0]["message"]
    assert "expired on 2026-10-31" in message
    assert "shorten" not in message and "more than 365 days later" not in message
    # a waiver still in force that runs too long is still told to shorten it
    current = check(cli, write, repo(WAIVER + "expires: 2027-01-31\n"), ["EXC-01"])
    assert len(current) == 1
    assert "more than 365 days later: shorten it" in current[0]["message"]


SCHEME = doc(
    "Supplier",
    "scheme",
    "name: Card scheme\n"
    "tier: 1\n"
    "provides_ict_services: true\n"
    "service_model: market_infrastructure\n"
    "supports_critical_function: true\n"
    "services:\n"
    "  - {name: s, supports_critical_function: true}\n",
)
LICENCE = doc(
    "Contract",
    "lic",
    "supplier: scheme\nentities: [bank]\nstatus: active\nstart_date: 2019-06-01\n"
    "supports_critical_function: true\ncovers_ict_services: true\n"
    "governing_law_country: BE\n",
)


def test_a_scheme_licence_is_asked_its_notice_periods_for_the_register_alone(cli, write) -> None:
    (found,) = check(cli, write, repo(BANK, SCHEME, LICENCE), ["REG-04", "CTR-13"])
    assert found["code"] == "REG-04"
    message = found["message"]
    assert "B_02.02.0100" in message and "B_02.02.0110" in message
    # CTR-13 asks no notice period of a scheme licence: the message does not say it would
    assert "CTR-13" not in message and "exit" not in message
    # a service run for us is asked them for its exit plan too, and the message says so
    managed = SCHEME.replace("market_infrastructure", "managed_service")
    (found,) = check(cli, write, repo(BANK, managed, LICENCE), ["REG-04", "CTR-13"])
    assert "CTR-13 asks it of every contract" in found["message"]
