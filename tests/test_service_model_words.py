"""A platform every customer of its supplier shares is a multi-tenant SaaS also where its words
name what it does (a CDN, a payment processor, a claims clearinghouse, CPaaS) rather than
"... as a service": so that terms with no object for a shared platform are not asked of it."""

from __future__ import annotations

from resilint.domain.delivery import SAAS, service_models
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
        "Payment processing run for us (a bureau)",
        "ACH clearinghouse",  # an automated clearing house operator: a payment system
    ):
        assert service_models(_supplier(words)) == frozenset(), words
