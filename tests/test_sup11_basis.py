"""SUP-11 names DORA Art. 30(3)(f) as the basis of an adequate exit transition period only where
an entity the supplier serves is under DORA. An online retailer's shop platform with three
months of exit assistance against a six-month migration was told "DORA Art. 30(3)(f) for an ICT
service of an entity under DORA, this programme's policy otherwise": a law that binds no entity
of the programme, read by its procurement manager as a legal requirement. The gap is reported
all the same, as the programme's policy."""

from __future__ import annotations

from one_file import check, doc, repo

RETAILER = doc("Entity", "shop", "name: Example Retail GmbH\ncountry: DE\nregimes: []\n")
CASP = doc("Entity", "casp", "name: Example Markets GmbH\ncountry: AT\nregimes: [dora]\n")


def programme(entity: str, entity_id: str, exit_plan: str) -> str:
    supplier = doc(
        "Supplier",
        "platform",
        "name: Example Platform GmbH\ntier: 1\nprovides_ict_services: true\n"
        "service_model: multi_tenant_saas\nsupports_critical_function: true\nservices:\n"
        "  - name: shop-platform\n    supports_critical_function: true\n"
        "    substitutability: highly_complex\n"
        f"    exit_plan: {{reference: exit/platform.pdf{exit_plan}}}\n",
    )
    contract = doc(
        "Contract",
        "ctr-platform",
        f"supplier: platform\nentities: [{entity_id}]\nstatus: active\n"
        "covers_ict_services: true\nsupports_critical_function: true\n",
    )
    return repo(entity, supplier, contract)


SHORT = ", transition_period_months: 3, migration_estimate_months: 6"


def test_a_retailer_is_told_its_policy_not_dora(cli, write) -> None:
    (finding,) = check(cli, write, programme(RETAILER, "shop", SHORT), ["SUP-11"])
    message = finding["message"]
    assert "exit assistance lasts 3 months" in message
    assert "(this programme's policy: adequate to the service's complexity)" in message
    assert "DORA" not in message, message
    (finding,) = check(cli, write, programme(RETAILER, "shop", ""), ["SUP-11"])
    assert "records no transition period" in finding["message"]
    assert "DORA" not in finding["message"], finding["message"]


def test_a_dora_entity_is_told_the_article(cli, write) -> None:
    extra = {"profiles": ["dora"]}
    (finding,) = check(cli, write, programme(CASP, "casp", SHORT), ["SUP-11"], extra)
    assert "(DORA Art. 30(3)(f), adequate to the service's complexity" in finding["message"]
    (finding,) = check(cli, write, programme(CASP, "casp", ""), ["SUP-11"], extra)
    assert "DORA Art. 30(3)(f)" in finding["message"]
