"""BCM-04 asks some plan of a critical function to activate on a suspected supplier compromise
only where a compromise can reach our systems: not for a ward that rests on a maker of infusion
pumps alone (no ICT services, no access: its outage is the threshold), but where it also rests
on a telecom carrier's network, an ICT service. Through the CLI, as the rule's text says it."""

from __future__ import annotations

from one_file import check, doc, repo

PUMPS = doc(
    "Supplier",
    "pump-maker",
    "tier: 2\nprovides_ict_services: false\nhighest_access_level: none\ndata_sensitivity: public\n",
)
CARRIER = doc(
    "Supplier",
    "carrier",
    "tier: 2\nprovides_ict_services: true\nhighest_access_level: none\n"
    "services:\n  - {name: wan, service_type: leased lines (MPLS), stores_data: false}\n",
)
PLAN = doc(
    "ContinuityPlan",
    "ward-fallback",
    "function: inpatient-care\nowner: director-of-nursing\ndeputy: nursing-supervisor\n"
    "activation_thresholds:\n"
    "  - {type: supplier_outage, description: pumps or sets not delivered}\n"
    "manual_procedure: {description: stock on the wards, max_degraded_hours: 72}\n"
    "comms_templates:\n  staff: {reference: bcm/staff.docx}\n"
    "  customers: {reference: bcm/patients.docx}\n"
    "stand_down_criteria: [deliveries resumed]\n",
)


def _function(suppliers: str) -> str:
    return doc(
        "BusinessFunction",
        "inpatient-care",
        f"criticality: critical\ndepends_on:\n  suppliers: [{suppliers}]\n",
    )


def test_goods_alone_ask_no_compromise_threshold(cli, write) -> None:
    text = repo(PUMPS, CARRIER, _function("pump-maker"), PLAN)
    assert check(cli, write, text, ["BCM-04"]) == []


def test_a_network_carrier_asks_it(cli, write) -> None:
    text = repo(PUMPS, CARRIER, _function("pump-maker, carrier"), PLAN)
    (finding,) = check(cli, write, text, ["BCM-04"])
    assert "is not activated by a suspected supplier compromise" in finding["message"]
