"""CTR-07 asked a company of our own group (an intra-group IT subsidiary, named by group_entity
or identified by the LEI of one of our entities) to cooperate with our outside counsel as a
third party would. The claim duties are policy, and the group directs its own company: they
are no longer asked of it. Cooperation with our incident team (DORA Art. 30(2)(f)) still is,
and CTR-01 still asks the cooperation with the authorities (Art. 30(2)(g)). Through the CLI."""

from __future__ import annotations

from typing import Any

import pytest
from one_file import AS_OF, doc, repo

BANK_LEI = "529900T8BM49AURSDO55"
IT_LEI = "5299000J2N45DDNE4Y28"

ENTITIES = (
    doc("Entity", "bank", f"lei: {BANK_LEI}\nregimes: [dora]\n"),
    doc("Entity", "group-it", f"lei: {IT_LEI}\nentity_type: non_financial_ict_intra_group\n"),
)
SUPPLIER_BODY = "tier: 1\nprovides_ict_services: true\ndata_sensitivity: confidential\n"
CONTRACT_BODY = "status: active\ncooperation:\n  incident_team: false\n"


def _findings(cli, write, supplier: str) -> dict[str, list[dict[str, Any]]]:
    documents = (
        *ENTITIES,
        doc("Supplier", "group-it", supplier + SUPPLIER_BODY),
        doc("Contract", "ctr-group-it", "supplier: group-it\n" + CONTRACT_BODY),
        doc("Supplier", "acme", SUPPLIER_BODY),
        doc("Contract", "ctr-acme", "supplier: acme\n" + CONTRACT_BODY),
    )
    write("resilint.yaml", "{}\n")
    write("repo.yaml", repo(*documents))
    result = cli("check", "repo.yaml", "--format", "json", "--no-cache", "--as-of", AS_OF)
    found: dict[str, list[dict[str, Any]]] = {}
    for finding in result.json()["findings"]:
        found.setdefault(finding["code"], []).append(finding)
    return found


@pytest.mark.parametrize(
    "supplier",
    ["group_entity: group-it\n", f"provider_id: {IT_LEI}\nprovider_id_type: LEI\n"],
    ids=["group_entity", "lei"],
)
def test_a_group_company_is_not_asked_the_claim_duties(cli, write, supplier: str) -> None:
    found = _findings(cli, write, supplier)
    ours = [f["message"] for f in found["CTR-07"] if "ctr-group-it" in f["message"]]
    theirs = [f["message"] for f in found["CTR-07"] if "ctr-acme" in f["message"]]
    assert len(ours) == 1 and "incident-response team" in ours[0]  # DORA Art. 30(2)(f)
    assert "outside counsel" not in ours[0]
    assert len(theirs) == 1 and "outside counsel" in theirs[0]  # a third party: asked
    authorities = [f["message"] for f in found["CTR-01"] if "ctr-group-it" in f["message"]]
    assert authorities and "dora.30.2.g" in " ".join(authorities)  # still asked of the group
