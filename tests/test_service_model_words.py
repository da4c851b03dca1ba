"""A platform every customer of its supplier shares is a multi-tenant SaaS also where its words
name what it does (a CDN, a payment processor, a claims clearinghouse, CPaaS) rather than
"... as a service": so that terms with no object for a shared platform are not asked of it."""

from __future__ import annotations

from one_file import check, messages

from resilint.domain.delivery import FINANCIAL, MANAGED, SAAS, _worded, service_models
from resilint.model import Document


def _supplier(words: str) -> Document:
    data = {"kind": "Supplier", "id": "s", "services": [{"name": "x", "service_type": words}]}
    return Document("x.yaml", 0, 1, "Supplier", "s", data)


def test_shared_platforms_named_by_what_they_do_are_multi_tenant() -> None:
    for words in (
        "Content delivery network and web application firewall",
        "Payment processing",
        "Claims clearinghouse (EDI)",
        "Messaging API (communications platform as a service)",
    ):
        assert service_models(_supplier(words)) == frozenset({SAAS}), words


def test_application_platforms_and_services_run_for_us_stay_as_they_were() -> None:
    for words in (
        "IoT platform as a service",
        "ACH clearinghouse",  # an automated clearing house operator: a payment system
    ):
        assert service_models(_supplier(words)) == frozenset(), words
    # run for us: not the processor's shared platform but a managed service
    assert service_models(_supplier("Payment processing run for us (a bureau)")) == {MANAGED}


def test_whom_a_service_is_for_ends_where_the_words_say_how_it_is_delivered() -> None:
    """An MSP's backup SaaS is described by whom it backs up, then how it is delivered: "as",
    a relative pronoun or a new sentence ends the words naming its clients."""
    for words in (
        "Backup service for client backups, delivered as software as a service",
        "Endpoint backup for MSP clients, delivered as SaaS",
        "Backup for client laptops delivered as software as a service",
        "Backup for clients. Software as a service.",
        "Backup for client servers and laptops, offered as a multi-tenant SaaS",
    ):
        assert service_models(_supplier(words)) == frozenset({SAAS}), words


def test_a_service_for_saas_firms_or_run_for_us_is_not_read_as_saas() -> None:
    for words in (
        "Reconciliation tool for software as a service vendors",
        "Data protection advisory to software as a service providers",
        "Billing consultancy for SaaS companies",
        "Backup for clients, dedicated instance delivered as software as a service",
    ):
        assert service_models(_supplier(words)) == frozenset(), words
    run = "Backup for clients, run for us as a managed service"
    assert service_models(_supplier(run)) == {MANAGED}


def test_clients_named_with_such_as_or_as_well_as_stay_clients() -> None:
    """A supplier without ICT services is not taken for a bank or an insurer by the clients it
    lists; a new sentence naming its own trade is read."""
    for words in (
        "Print and mail services to banks as well as insurers.",
        "Print services for banks such as Harbour Bank.",
        "Mailing for U.S. banks and insurers.",
    ):
        assert _worded(words) is None, words
    assert _worded("Print services for banks. Insurer of our fleet.") == FINANCIAL


MSP = """\
apiVersion: resilint/v1
kind: Supplier
id: vaultline
name: Vaultline Managed Services Ltd
description: Managed service provider.
tier: 1
provides_ict_services: true
supports_critical_function: true
data_sensitivity: confidential
highest_access_level: none
services:
  - name: backup
    service_type: Backup service for client backups, delivered as software as a service
    stores_data: true
---
apiVersion: resilint/v1
kind: Contract
id: ctr-vaultline
supplier: vaultline
status: active
covers_ict_services: true
start_date: 2024-01-01
end_date: 2028-12-31
"""


def test_cli_an_msps_backup_saas_is_judged_as_a_saas(cli, write) -> None:
    """Through the CLI: the backup SaaS is asked no joint playbook (critical_only_for a SaaS)
    and no finding says its model is unknown; described as run for us, it is asked both."""
    found = check(cli, write, MSP, ["PLB-02", "CTR-06"])
    assert [f["code"] for f in found] == ["CTR-06"]
    assert "service model" not in found[0]["message"]
    run = MSP.replace("delivered as software as a service", "delivered for us")
    found = check(cli, write, run, ["PLB-02", "CTR-06"])
    assert sorted(f["code"] for f in found) == ["CTR-06", "PLB-02"]
    assert "neither recorded nor inferred" in messages(found, "CTR-06")
