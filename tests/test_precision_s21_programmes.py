"""Findings of the audits of a German hospital group and an unregulated online retailer that a
risk manager would not act on, through the CLI on real YAML: each false alarm gone, the real gap
next to it still found."""

from __future__ import annotations

from one_file import check, doc, repo

CATERER = doc(
    "Supplier",
    "caterer",
    "name: Tellerwerk Klinikverpflegung\ntier: 1\nprovides_ict_services: false\n"
    "data_sensitivity: confidential\nhighest_access_level: none\n",
)
MEALS = doc(
    "BusinessFunction",
    "patient-meals",
    "criticality: important\ndepends_on: {suppliers: [caterer]}\n",
)


def meals_plan(supplier_compromise: bool) -> str:
    threshold = (
        "  - {type: supplier_compromise, description: caterer reports a compromise}\n"
        if supplier_compromise
        else ""
    )
    return doc(
        "ContinuityPlan",
        "meals-plan",
        "function: patient-meals\nowner: head-of-service\ndeputy: catering-manager\n"
        "activation_thresholds:\n"
        "  - {type: supplier_outage, description: no meal service}\n"
        f"{threshold}"
        "manual_procedure: {reference: m.docx, max_degraded_hours: 96}\n"
        "comms_templates:\n"
        "  staff: {reference: t/staff.docx}\n"
        "  customers: {reference: t/patients.docx}\n"
        "stand_down_criteria: [meal service restored]\n",
    )


def test_bcm04_a_function_resting_only_on_a_caterer_needs_no_supplier_compromise_trigger(
    cli, write
) -> None:
    """Patient meals from a caterer that provides no ICT services and holds no access to our
    systems: its breach reaches none of our systems, its outage is what starts the emergency
    stock (hospital audit). A function resting on a supplier with ICT services is still asked."""
    assert check(cli, write, repo(CATERER, MEALS, meals_plan(False)), ["BCM-04"]) == []
    ict = CATERER.replace("provides_ict_services: false", "provides_ict_services: true")
    [finding] = check(cli, write, repo(ict, MEALS, meals_plan(False)), ["BCM-04"])
    assert "suspected supplier compromise" in finding["message"]
    assert check(cli, write, repo(ict, MEALS, meals_plan(True)), ["BCM-04"]) == []
