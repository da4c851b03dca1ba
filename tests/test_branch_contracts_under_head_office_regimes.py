"""A branch recorded as an Entity of its own (``branch_of``), for its own regimes and clocks (a
New York branch under NYDFS), is no legal person: the contracts it uses and the functions it
performs are its head office's. The laws binding the head office bind them too: a credit
institution under DORA asks its New York branch's ICT contracts the Art. 30(2) clauses and the
Art. 28(7) termination rights, as its register of information lists them; the branch's own
NYDFS provisions are asked as well. A subsidiary under NYDFS alone, a legal person of its own,
is not asked DORA's."""

from __future__ import annotations

from typing import Any

from one_file import AS_OF, doc, repo

HEAD = doc(
    "Entity",
    "bank",
    "name: Bank AG\ncountry: DE\nentity_type: credit_institution\nregimes: [dora]\n",
)
BRANCH = doc(
    "Entity",
    "bank-ny",
    "name: Bank AG, New York Branch\ncountry: US\nregimes: [nydfs]\n"
    "branch_of: {entity: bank, code: NY-01}\n",
)
SUBSIDIARY = BRANCH.replace("branch_of: {entity: bank, code: NY-01}\n", "parent: bank\n")
SUPPLIER = doc(
    "Supplier",
    "monitor",
    "name: Monitor Inc.\ntier: 2\nprovides_ict_services: true\nservice_model: multi_tenant_saas\n"
    "data_sensitivity: confidential\n",
)
CONTRACT = doc(
    "Contract",
    "ctr-monitor",
    "supplier: monitor\nentities: [bank-ny]\nstatus: active\ncovers_ict_services: true\n"
    "supports_critical_function: false\n",
)
FUNCTION = doc(
    "BusinessFunction",
    "usd-clearing",
    "entities: [bank-ny]\ncriticality: standard\nlast_criticality_assessment: 2025-01-01\n",
)
RULES = ("CTR-01", "CTR-09", "CTR-11", "BCM-02", "EXR-04")


def found(cli, write, text: str) -> dict[str, list[dict[str, Any]]]:
    """The findings of RULES as a check with the default configuration reports them: each
    regulatory rule confined to the documents of the entities its regime binds."""
    write("resilint.yaml", "{}\n")
    write("repo.yaml", text)
    result = cli("check", "repo.yaml", "--format", "json", "--no-cache", "--as-of", AS_OF)
    by_code: dict[str, list[dict[str, Any]]] = {}
    for finding in result.json()["findings"]:
        if finding["code"] in RULES:
            by_code.setdefault(finding["code"], []).append(finding)
    return by_code


def test_a_branchs_contract_and_function_are_asked_what_binds_its_head_office(cli, write) -> None:
    by_code = found(cli, write, repo(HEAD, BRANCH, SUPPLIER, CONTRACT, FUNCTION))
    assert sorted(by_code) == ["BCM-02", "CTR-01", "CTR-09", "CTR-11", "EXR-04"], by_code
    [clauses] = by_code["CTR-01"]
    assert clauses["id"] == "ctr-monitor" and "DORA Art. 30(2)(a)" in clauses["message"]
    assert "DORA Art. 28(7)(a)" in by_code["CTR-09"][0]["message"]
    assert "23 NYCRR 500.11(b)" in by_code["CTR-11"][0]["message"]  # the branch's own regime
    assert by_code["BCM-02"][0]["id"] == "usd-clearing"


def test_a_subsidiary_under_nydfs_alone_is_not_asked_doras_terms(cli, write) -> None:
    by_code = found(cli, write, repo(HEAD, SUBSIDIARY, SUPPLIER, CONTRACT, FUNCTION))
    assert sorted(by_code) == ["CTR-11"], by_code
