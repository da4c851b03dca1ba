"""A US programme identifies its suppliers by their employer identification number (EIN), as its
vendor master does: the record loads, and only the dora profile, whose register of information
accepts none but its own code types, asks for the LEI (SUP-02). Found by an audit of a New York
money transmitter's programme, where `provider_id_type: EIN` was a schema error suggesting NIN
(an individual's national identity number)."""

from __future__ import annotations

from one_file import doc, line, repo

SUPPLIER = doc(
    "Supplier",
    "watchtower",
    "name: Watchtower Managed Security LLC\nprovides_ict_services: true\ntier: 1\n"
    'provider_id: "12-3456789"\nprovider_id_type: EIN\nhq_country: US\n'
    "ultimate_parent:\n  name: Watchtower Security Group Inc.\n"
    '  provider_id: "98-7654321"\n  provider_id_type: EIN\n'
    "subcontractors:\n  - id: soc-staffing\n    name: Nightshift Analysts LLC\n"
    '    provider_id: "45-1234567"\n    provider_id_type: EIN\n',
)
CONTRACT = doc(
    "Contract", "ctr-watchtower", "supplier: watchtower\nstatus: active\nentities: [co]\n"
)


def found(cli, write, regimes: str) -> list[tuple[str, int, str]]:
    write("resilint.yaml", "fail_on: error\n")
    write("entities.yaml", doc("Entity", "co", f"country: US\nregimes: {regimes}\n"))
    write("suppliers.yaml", repo(SUPPLIER, CONTRACT))
    result = cli("check", ".", "--format", "json", "--no-cache", "--as-of", "2026-12-01")
    return [
        (f["code"], f["line"], f["message"])
        for f in result.json()["findings"]
        if f["code"] in ("SCH-01", "SUP-02")
    ]


def test_an_ein_loads_in_a_programme_outside_dora(cli, write) -> None:
    assert found(cli, write, "[nydfs]") == []


def test_the_dora_register_still_asks_for_a_register_code(cli, write) -> None:
    ((code, at, message),) = found(cli, write, "[dora]")
    assert code == "SUP-02" and at == line(SUPPLIER, "provider_id_type: EIN")
    assert "LEI" in message
