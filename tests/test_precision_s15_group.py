"""Precision on a cross-regime group (audit s15): a supplier critical for one entity through one
service is not critical for another entity's contract that covers only a service recorded as
supporting no critical or important function."""

from __future__ import annotations

from one_file import AS_OF, check, doc, repo

DORA_2 = "".join(f"  dora.30.2.{c}: {{present: true, variant: standard}}\n" for c in "abcdefghi")


def programme(callback_flag: str = "false") -> str:
    return repo(
        doc("Entity", "bank", "regimes: [dora]\n"),
        doc("Entity", "energy", "regimes: [nis2]\nnis2_entity_type: other\n"),
        doc(
            "Supplier",
            "callvista",
            "tier: 1\nprovides_ict_services: true\nservices:\n"
            "  - {name: contact-centre, supports_critical_function: true}\n"
            f"  - {{name: callback-queue, supports_critical_function: {callback_flag}}}\n",
        ),
        doc(
            "BusinessFunction",
            "energy-hotline",
            "entities: [energy]\ncriticality: critical\n"
            "depends_on: {services: [{supplier: callvista, service: contact-centre}]}\n",
        ),
        doc(
            "BusinessFunction",
            "bank-marketing",
            "entities: [bank]\ncriticality: standard\n"
            "depends_on: {services: [{supplier: callvista, service: callback-queue}]}\n",
        ),
        doc(
            "Contract",
            "ctr-bank",
            "supplier: callvista\nentities: [bank]\nstatus: active\n"
            "covers_ict_services: true\nservices: [callback-queue]\nclauses:\n" + DORA_2,
        ),
    )


def test_a_contract_covering_only_non_critical_services_is_not_for_a_critical_function(
    cli, write
) -> None:
    found = check(cli, write, programme(), ["CTR-02"], {"profiles": ["baseline"]})
    assert found == []


def test_the_supplier_record_still_decides_when_the_covered_service_does_not_say(
    cli, write
) -> None:
    text = programme().replace(
        "  - {name: callback-queue, supports_critical_function: false}\n",
        "  - {name: callback-queue}\n",
    )
    found = check(cli, write, text, ["CTR-02"], {"profiles": ["baseline"]})
    assert [f["id"] for f in found] == ["ctr-bank"]


def test_a_critical_function_resting_on_the_covered_service_keeps_the_contract_critical(
    cli, write
) -> None:
    text = programme().replace("criticality: standard", "criticality: critical")
    found = check(cli, write, text, ["CTR-02"], {"profiles": ["baseline"]})
    assert [f["id"] for f in found] == ["ctr-bank"]


def sup_07(cli, write, text: str) -> list[str]:
    """SUP-07's findings with the dora profile switched on by the bank's regimes alone (a
    configuration that selects the rule applies it to every document)."""
    write("resilint.yaml", "profiles: [baseline]\n")
    write("repo.yaml", text)
    found = cli("check", "repo.yaml", "--format", "json", "--no-cache", "--as-of", AS_OF).json()
    return [f["id"] for f in found["findings"] if f["code"] == "SUP-07"]


def test_a_dora_exit_plan_is_not_asked_for_a_service_only_a_nis2_entity_uses(cli, write) -> None:
    """The supplier is under DORA through the bank's contract for its call-back queue; its
    contact centre, behind the energy retailer's critical hotline, is no DORA service: SUP-07
    (DORA Art. 28(8)) asks no exit plan of it. Covered by the bank's contract as well, it is
    still not asked while no critical function of the bank rests on it (Art. 28(8) is about
    the bank's critical or important functions), and asked once one does."""
    assert sup_07(cli, write, programme()) == []
    both = programme().replace(
        "services: [callback-queue]", "services: [callback-queue, contact-centre]"
    )
    assert sup_07(cli, write, both) == []
    bank_critical = both.replace(
        "entities: [energy]\ncriticality: critical\n", "criticality: critical\n"
    )
    assert bank_critical != both
    assert sup_07(cli, write, bank_critical) == ["callvista"]
