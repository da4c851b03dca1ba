"""A service whose words say plainly that the supplier operates it for us ("hosted and operated
for us", "ICT operation management", "the vendor operates the platform") is read as a managed
service, so its findings no longer end with the long note asking to record its service_model.
A managed service is asked every term an unknown model is: the finding itself stands. Words
saying we operate it ourselves, or naming a platform every customer shares, are not read so.
Checked through `resilint check` as users run it."""

from __future__ import annotations

import pytest
from one_file import check, doc, repo

CONTRACT = doc(
    "Contract",
    "ctr-vendor",
    "supplier: vendor\nstatus: active\ncovers_ict_services: true\n"
    "supports_critical_function: true\nstart_date: 2024-01-01\nend_date: 2028-12-31\n"
    "remedies: {step_in_rights: false}\n",
)
"""A critical contract with the vendor, without step-in rights: CTR-08 asks them unless the
vendor's model spares them."""

NOTE = "is neither recorded nor inferred"


def step_in(cli, write, words: str, stores_data: str = "true") -> str:
    """CTR-08's message on a tier-1 ICT supplier whose one service has ``words`` as its type."""
    supplier = doc(
        "Supplier",
        "vendor",
        "name: Vendor GmbH\ntier: 1\nprovides_ict_services: true\n"
        "supports_critical_function: true\ndata_sensitivity: confidential\n"
        "highest_access_level: read-only\n"
        f"services:\n  - {{name: svc, service_type: '{words}', stores_data: {stores_data},"
        " substitutability: highly_complex}\n",
    )
    found = check(cli, write, repo(supplier, CONTRACT), ["CTR-08"])
    step = [f["message"] for f in found if "step-in" in f["message"]]
    assert len(step) == 1, found  # asked whatever the words: managed or unknown
    return step[0]


READ = [
    "hosted and operated for us",
    "KIS application hosted, operated and maintained on our behalf",
    "ICT operation management",
    "IT operations management for both hospitals",
    "we run nothing: the vendor operates the platform",
    "ERP hosting, operated by the vendor",
    "managed hosting run for us",
]


@pytest.mark.parametrize("words", READ)
def test_words_saying_the_supplier_operates_it_for_us_read_as_a_managed_service(
    cli, write, words: str
) -> None:
    assert NOTE not in step_in(cli, write, words)


NOT_READ = [
    "operated by our own IT",
    "software we host and operate ourselves",
    "ERP platform, not operated for us since the migration",
    "IT operations management software",
    "ERP system, run by us",
    # a platform every customer shares, which its vendor operates for all of them
    "SaaS operated for us",
    "ticketing platform the vendor operates for all its customers",
]


@pytest.mark.parametrize("words", NOT_READ)
def test_words_saying_we_operate_it_or_naming_a_shared_platform_are_not(
    cli, write, words: str
) -> None:
    assert NOTE in step_in(cli, write, words)


def test_a_carrier_run_for_us_is_a_managed_service_a_plain_one_is_not_asked(cli, write) -> None:
    assert NOTE not in step_in(cli, write, "MPLS WAN operated for us", stores_data="false")
    supplier = doc(
        "Supplier",
        "vendor",
        "name: Vendor GmbH\ntier: 1\nprovides_ict_services: true\n"
        "supports_critical_function: true\ndata_sensitivity: confidential\n"
        "highest_access_level: none\nservices:\n"
        "  - {name: svc, service_type: leased lines, stores_data: false,"
        " substitutability: highly_complex}\n",
    )
    found = check(cli, write, repo(supplier, CONTRACT), ["CTR-08"])
    assert not [f for f in found if "step-in" in f["message"]], found
