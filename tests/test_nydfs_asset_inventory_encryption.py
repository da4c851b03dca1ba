"""An entity under NYDFS records its asset inventory (23 NYCRR 500.13(a), from 1 November 2025:
CTL-01) and the encryption of its nonpublic information at rest and in transit (500.15: CTL-02).
Found by an audit of a New York money transmitter's programme, where a programme with no asset
inventory and encryption at rest only planned passed every rule but an insurer's exclusion.
Checked through the CLI on a programme of real files, as a US team configures it (the Entity's
regimes switch the nydfs profile on)."""

from __future__ import annotations

from pathlib import Path

from one_file import doc, line, repo

ENTITIES = repo(
    doc("Entity", "er-holdings", "country: US\nregimes: []\n"),
    doc("Entity", "er-ny", "country: US\nparent: er-holdings\nregimes: [nydfs]\n"),
)


def control(cid: str, category: str, extra: str = "") -> str:
    return doc("Control", cid, f"category: {category}\nstatus: implemented\n{extra}")


INVENTORY = control("asset-inventory", "asset_inventory", "scope: [all]\ncoverage_percent: 100\n")
AT_REST = control("encryption-at-rest", "encryption_at_rest", "scope: [data_stores, endpoints]\n")
IN_TRANSIT = control("encryption-in-transit", "encryption_in_transit", "scope: [network]\n")


def findings(cli, write, controls: str, entities: str = ENTITIES, as_of: str = "2026-12-01"):
    write("resilint.yaml", "fail_on: error\n")
    write("entities.yaml", entities)
    write("controls/inventory.yaml", controls)
    result = cli("check", ".", "--format", "json", "--no-cache", "--as-of", as_of)
    return [
        (f["code"], f["id"], f["line"], f["message"])
        for f in result.json()["findings"]
        if f["code"] in ("CTL-01", "CTL-02") and not f["suppressed"]
    ]


def test_a_covered_entity_without_an_asset_inventory_is_told_500_13a(cli, write) -> None:
    found = findings(cli, write, repo(AT_REST, IN_TRANSIT))
    ((code, entity, at, message),) = found
    assert (code, entity, at) == ("CTL-01", "er-ny", line(ENTITIES, "regimes: [nydfs]"))
    assert "23 NYCRR 500.13(a)" in message and "asset_inventory" in message
    # an inventory recorded before the category existed is told what to change
    assert "category other does not count" in message
    assert findings(cli, write, repo(INVENTORY, AT_REST, IN_TRANSIT)) == []


def test_a_partial_or_planned_inventory_does_not_show_a_complete_one(cli, write) -> None:
    partial = INVENTORY.replace("coverage_percent: 100", "coverage_percent: 80")
    planned = INVENTORY.replace("status: implemented", "status: planned")
    for inventory in (partial, planned):
        assert [f[0] for f in findings(cli, write, repo(inventory, AT_REST, IN_TRANSIT))] == [
            "CTL-01"
        ]


def test_the_inventory_is_asked_once_the_amended_500_13a_is_in_force(cli, write) -> None:
    assert findings(cli, write, repo(AT_REST, IN_TRANSIT), as_of="2025-10-31") == []


def test_encryption_at_rest_and_in_transit_are_asked_each(cli, write) -> None:
    planned = AT_REST.replace("status: implemented", "status: planned")
    found = findings(cli, write, repo(INVENTORY, planned, IN_TRANSIT))
    ((code, entity, _, message),) = found
    assert (code, entity) == ("CTL-02", "er-ny")
    assert "23 NYCRR 500.15" in message and "at rest" in message and "in transit" not in message
    found = findings(cli, write, repo(INVENTORY, AT_REST))
    ((code, _, _, message),) = found
    assert code == "CTL-02" and "in transit" in message


def test_a_control_of_another_entity_does_not_show_the_new_york_companys(cli, write) -> None:
    elsewhere = "entities: [er-holdings]\n"
    controls = repo(INVENTORY + elsewhere, AT_REST, IN_TRANSIT)
    assert [f[:2] for f in findings(cli, write, controls)] == [("CTL-01", "er-ny")]
    own = repo(INVENTORY + "entities: [er-ny]\n", AT_REST, IN_TRANSIT)
    assert findings(cli, write, own) == []


def test_the_limited_exemption_spares_encryption_not_the_inventory(cli, write) -> None:
    us_only = repo(doc("Entity", "er-holdings", "country: US\nregimes: []\n"))
    assert findings(cli, write, "", entities=us_only + "---\n" + control("x", "other")) == []
    exempt = ENTITIES.replace(
        "regimes: [nydfs]\n", "regimes: [nydfs]\nnydfs_limited_exemption: true\n"
    )
    # 500.13 is not among the sections the limited exemption relieves: the inventory is asked;
    # 500.15 was among them in the 2017 text: encryption is not
    found = findings(cli, write, control("edr", "edr"), entities=exempt)
    assert [(code, entity) for code, entity, *_ in found] == [("CTL-01", "er-ny")]


def test_the_cisos_approval_recorded_as_a_waiver_accepts_the_finding(cli, write) -> None:
    waiver = doc(
        "Waiver",
        "w-encryption-at-rest",
        "rule: CTL-02\ntargets: [{kind: Entity, id: er-ny}]\nrisk_owner: ciso\napprover: ciso\n"
        "approved_on: 2026-10-01\nexpires: 2027-09-30\n"
        "rationale: The legacy ledger archive cannot be encrypted at rest.\n"
        "compensating_controls: [Archive host isolated, access through PAM only]\n",
    )
    assert [f[0] for f in findings(cli, write, repo(INVENTORY, IN_TRANSIT))] == ["CTL-02"]
    write("waivers.yaml", waiver)
    assert findings(cli, write, repo(INVENTORY, IN_TRANSIT)) == []


def test_the_category_asset_inventory_loads(cli, write, tmp_path: Path) -> None:
    write("resilint.yaml", "fail_on: error\n")
    write("controls.yaml", INVENTORY)
    result = cli("check", ".", "--format", "json", "--no-cache")
    assert [f["code"] for f in result.json()["findings"] if f["code"] == "SCH-01"] == []
