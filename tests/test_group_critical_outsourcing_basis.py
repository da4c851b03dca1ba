"""In a group, a contract's or service's critical function may be another entity's. CTR-16 and
SUP-12 ask an insurer's outsourcing terms only where the critical function the contract
supports is one of an entity whose sector outsourcing law asks them (a facilities contract of
the insurer and its unregulated service company, critical only to the service company's site
operations, was asked Solvency II access rights); SUP-11 asks a transition period of every
hard-to-replace critical service, and cites DORA Art. 30(3)(f) only where a critical function
of an entity under DORA rests on it, policy otherwise (through the CLI)."""

from __future__ import annotations

from one_file import check, doc, repo


def facilities(critical_of: str) -> str:
    return repo(
        doc("Entity", "insurer", "entity_type: insurance_undertaking\nregimes: [dora]\n"),
        doc("Entity", "services-co", "regimes: []\n"),
        doc(
            "Supplier",
            "facilities",
            "provides_ict_services: false\nsupports_critical_function: true\n"
            "services:\n  - name: facility-management\n    subcontracting: {allowed: true}\n",
        ),
        doc(
            "Contract",
            "ctr-facilities",
            "supplier: facilities\ncovers_ict_services: false\nstatus: active\n"
            "start_date: 2025-01-01\nentities: [insurer, services-co]\n",
        ),
        doc(
            "BusinessFunction",
            "site-operations",
            f"criticality: critical\nentities: [{critical_of}]\n"
            "depends_on: {suppliers: [facilities]}\n",
        ),
    )


def test_outsourcing_terms_follow_the_entity_whose_critical_function_it_is(cli, write) -> None:
    assert check(cli, write, facilities("services-co"), ["CTR-16", "SUP-12"]) == []
    found = check(cli, write, facilities("insurer"), ["CTR-16", "SUP-12"])
    assert sorted(f["code"] for f in found) == ["CTR-16", "SUP-12"]


def treasury(critical_of: str) -> str:
    return repo(
        doc("Entity", "eu-pay", "country: DE\nregimes: [dora]\n"),
        doc("Entity", "ny-sub", "country: US\nregimes: [nydfs]\n"),
        doc(
            "Supplier",
            "treasury",
            "tier: 1\nprovides_ict_services: true\nstatus: active\n"
            "services:\n  - name: treasury-saas\n    substitutability: highly_complex\n"
            "    exit_plan: {reference: exit-treasury.pdf}\n",
        ),
        doc(
            "Contract",
            "ctr-treasury",
            "supplier: treasury\nentities: [eu-pay, ny-sub]\nstatus: active\n"
            "start_date: 2025-01-01\ncovers_ict_services: true\n",
        ),
        doc(
            "BusinessFunction",
            "payouts",
            f"criticality: critical\nentities: [{critical_of}]\n"
            "depends_on: {services: [{supplier: treasury, service: treasury-saas}]}\n",
        ),
    )


def test_a_transition_period_cites_dora_only_for_a_dora_entitys_critical_function(
    cli, write
) -> None:
    [policy] = check(cli, write, treasury("ny-sub"), ["SUP-11"])
    assert "records no transition period" in policy["message"]
    assert "(this programme's policy: DORA Art. 30(3)(f) asks it only" in policy["message"]
    [dora] = check(cli, write, treasury("eu-pay"), ["SUP-11"])
    assert "(DORA Art. 30(3)(f): an ICT service supporting" in dora["message"]
    assert "policy" not in dora["message"]
