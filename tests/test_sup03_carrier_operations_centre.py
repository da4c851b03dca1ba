"""A network carrier or a colocation that holds neither our data nor access to our systems takes
every incident of its customers, a security one included, at its round-the-clock network
operations centre or data-centre control room. That contact, recorded among its contacts with
``available_24x7: true`` and a way to reach it, is the 24x7 contact SUP-03 asks of a critical
supplier: the finding is not raised. A carrier without any round-the-clock contact, one holding
access to our systems, and a SaaS whose only round-the-clock contact is its account desk are
still asked for a security contact under contacts.security_24x7. The same centre is the named
security contact asked of a tier-3 carrier: the contact that answers for a critical carrier
answers for a lesser one."""

from __future__ import annotations

from one_file import check, codes, doc, repo

NOC = (
    "contacts:\n"
    "  others:\n"
    "    - {name: NOC, role: network operations centre, phone: '+46 8 5550 1000',"
    " available_24x7: true}\n"
    "  escalation:\n    - {name: NOC duty manager, phone: '+46 8 5550 1001'}\n"
)


def _supplier(service: str, contacts: str = NOC, access: str = "none", tier: int = 1) -> str:
    entity = doc("Entity", "telco", "regimes: [nis2]\nnis2_category: essential\n")
    supplier = doc(
        "Supplier",
        "carrier",
        f"status: active\ntier: {tier}\nprovides_ict_services: true\n"
        f"supports_critical_function: {'true' if tier == 1 else 'false'}\n"
        f"highest_access_level: {access}\ndata_sensitivity: internal\n{contacts}"
        f"services:\n  - {{name: svc, description: {service}, stores_data: false}}\n",
    )
    return repo(entity, supplier)


def test_a_carriers_or_colocations_24x7_operations_centre_is_its_contact(cli, write) -> None:
    for words in (
        "Upstream transit and public peering over two 100G wavelengths",
        "Housing of core site 2 in a carrier-neutral data centre",
    ):
        assert check(cli, write, _supplier(words), ["SUP-03"]) == [], words


def test_without_a_round_the_clock_contact_a_carrier_is_still_asked(cli, write) -> None:
    office_hours = NOC.replace(", available_24x7: true", "")
    found = check(cli, write, _supplier("IP transit", office_hours), ["SUP-03"])
    assert codes(found) == ["SUP-03"]
    assert "no 24x7 security contact" in found[0]["message"]


def test_a_carrier_with_access_or_a_saas_is_asked_a_security_contact(cli, write) -> None:
    with_access = _supplier("IP transit", access="write")
    assert codes(check(cli, write, with_access, ["SUP-03"])) == ["SUP-03"]
    saas = _supplier("Billing and CRM software as a service")
    assert codes(check(cli, write, saas, ["SUP-03"])) == ["SUP-03"]


def test_a_tier_3_carriers_operations_centre_is_its_named_security_contact(cli, write) -> None:
    words = "Leased line from the branch's ATMs to the interbank ATM network"
    assert check(cli, write, _supplier(words, tier=3), ["SUP-03"]) == []
    office_hours = NOC.replace(", available_24x7: true", "")
    found = check(cli, write, _supplier(words, office_hours, tier=3), ["SUP-03"])
    assert codes(found) == ["SUP-03"]
    assert "has no security contact" in found[0]["message"]
    saas = _supplier("Billing and CRM software as a service", tier=3)
    assert codes(check(cli, write, saas, ["SUP-03"])) == ["SUP-03"]
