"""A critical supplier's subcontractor entry links to a supplier of ours by its name where it
records neither a Supplier link nor an identifier we know. A namesake, another company of the
same name whose recorded identifier differs from our supplier's, is not our supplier: it no
longer makes our non-critical supplier, and its contract, tier 1 in effect. An entry with no
identifier, the same identifier, or one of a type our supplier does not record still links."""

from __future__ import annotations

import pytest
from one_file import check, codes, doc, messages, repo

OURS = "529900T8BM49AURSDO55"  # our direct supplier's LEI
OTHER = "5493001KJTIIGC8Y1R12"  # the namesake's


def programme(entry: str) -> str:
    function = doc(
        "BusinessFunction",
        "payments",
        "criticality: critical\nrto_hours: 4\ndepends_on:\n  suppliers: [coreco]\n",
    )
    coreco = doc(
        "Supplier",
        "coreco",
        "name: Coreco AG\nstatus: active\ntier: 1\nprovides_ict_services: true\n"
        f"supports_critical_function: true\nsubcontractors:\n  - {{id: hosting, {entry}}}\n",
    )
    datapoint = doc(
        "Supplier",
        "datapoint",
        "name: Datapoint GmbH\nstatus: active\ntier: 2\nprovides_ict_services: true\n"
        f"provider_id: {OURS}\nprovider_id_type: LEI\nhighest_access_level: none\n"
        "data_sensitivity: internal\n"
        "services:\n  - {name: print-output, supports_critical_function: false}\n",
    )
    contract = doc(
        "Contract",
        "ctr-datapoint",
        "supplier: datapoint\nstatus: active\nsupports_critical_function: false\n"
        "covers_ict_services: true\n",
    )
    return repo(function, coreco, datapoint, contract)


def test_a_namesake_with_another_identifier_is_not_our_supplier(cli, write) -> None:
    entry = f"name: Datapoint GmbH, provider_id: {OTHER}, provider_id_type: LEI"
    found = check(cli, write, programme(entry), ["SUP-01", "CTR-08"])
    assert "datapoint" not in messages(found, "SUP-01") + messages(found, "CTR-08"), found


@pytest.mark.parametrize(
    "entry",
    [
        "name: Datapoint GmbH",  # no identifier: the name is all we have
        f"name: Datapoint GmbH, provider_id: {OURS}, provider_id_type: LEI",
        "name: Datapoint GmbH, provider_id: DE123456789, provider_id_type: VAT",
        f"name: Datapoint, supplier: datapoint, provider_id: {OTHER}, provider_id_type: LEI",
    ],
)
def test_our_supplier_in_the_chain_is_tier_1_in_effect(cli, write, entry: str) -> None:
    found = check(cli, write, programme(entry), ["SUP-01"])
    assert codes(found) == ["SUP-01"], (entry, found)
    assert "supplier datapoint is recorded as tier 2" in messages(found, "SUP-01")
