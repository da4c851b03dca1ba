"""The precision round of a city administration's programme: a shared public-sector IT service
centre serving the city under a public-law agreement (public_body: true) is asked no step-in
rights and no security indemnity, which a public body does not grant; accelerated termination and
every security term are still asked of it, and the same supplier as a company is asked all three."""

from __future__ import annotations

from test_precision_terms import check, contract, messages, repo
from test_precision_terms import supplier as supplier_doc

CENTRE = (
    "tier: 1\nprovides_ict_services: true\npublic_body: true\ndata_sensitivity: restricted\n"
    "highest_access_level: privileged\nservices:\n"
    "  - {name: hosting, service_type: managed hosting run for us, stores_data: true}\n"
)


def test_a_public_body_is_asked_no_step_in_or_indemnity(cli, write) -> None:
    found = messages(
        check(cli, write, repo(supplier_doc(CENTRE), contract()), ["CTR-08"]), "CTR-08"
    )
    assert "step-in" not in found and "indemnity" not in found
    # accelerated termination on failed containment is still asked of it
    assert "terminate early" in found
    # the same supplier as a company is asked all three
    company = CENTRE.replace("public_body: true\n", "")
    found = messages(
        check(cli, write, repo(supplier_doc(company), contract()), ["CTR-08"]), "CTR-08"
    )
    assert "step-in" in found and "indemnity" in found
    # public_body: false is a company
    said = CENTRE.replace("public_body: true", "public_body: false")
    found = messages(check(cli, write, repo(supplier_doc(said), contract()), ["CTR-08"]), "CTR-08")
    assert "step-in" in found
