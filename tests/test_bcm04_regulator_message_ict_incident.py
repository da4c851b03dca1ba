"""BCM-04 asks a plan of a function under NIS2 or NYDFS for the message to the regulator, whose
first report is due within hours of an incident. A function resting only on suppliers recorded
as providing no ICT services and holding no access to our systems (a hospital's caterer) stops
without any network or information system being compromised: no incident those laws report
(NIS2 Art. 6(6); 23 NYCRR 500.1), as ``resilint impact`` reads it, so no such message is asked.
Our own systems, a supplier with ICT services or access, one whose record does not say, or a
cloud region, identity provider or identity the function names still ask it. The insurer's
incident notice is left out for the same function where no cyber cover answers its outage: the
policy's dependent cover is for IT providers only and the caterer holds none of our data."""

from __future__ import annotations

import pytest
from one_file import CYBER_POLICY, check, doc, repo

CATERER = doc(
    "Supplier",
    "kitchen",
    "name: Central Kitchen NV\ntier: 1\nstatus: active\nprovides_ict_services: false\n"
    "highest_access_level: none\ndata_sensitivity: public\npersonal_data: false\n",
)
PLAN = doc(
    "ContinuityPlan",
    "meals-plan",
    "function: meals\nowner: hospitality-manager\ndeputy: dietetics-lead\n"
    "activation_thresholds: [{type: supplier_outage, description: no meal round delivered}]\n"
    "manual_procedure: {reference: bcm/meals.md, max_degraded_hours: 72}\n"
    "comms_templates:\n  staff: {reference: bcm/staff.md}\n"
    "  customers: {reference: bcm/patients.md}\n  insurer: {reference: bcm/insurer.md}\n"
    "stand_down_criteria: [two meal rounds delivered on time]\n",
)


def _programme(regime: str, country: str, depends_on: str, *more: str) -> str:
    entity = doc("Entity", "hospital", f"country: {country}\nregimes: [{regime}]\n")
    function = doc(
        "BusinessFunction",
        "meals",
        f"entities: [hospital]\ncriticality: important\ndepends_on:\n{depends_on}",
    )
    return repo(entity, function, PLAN, CATERER, CYBER_POLICY, *more)


def _regulator_asked(cli, write, text: str) -> bool:
    found = check(cli, write, text, ["BCM-04"])
    return any("message prepared for the regulator" in f["message"] for f in found)


@pytest.mark.parametrize(("regime", "country"), [("nis2", "BE"), ("nydfs", "US")])
def test_a_function_resting_only_on_a_caterer_is_asked_no_regulator_message(
    cli, write, regime: str, country: str
) -> None:
    text = _programme(regime, country, "  suppliers: [kitchen]\n")
    assert check(cli, write, text, ["BCM-04"]) == []


@pytest.mark.parametrize(
    ("depends_on", "more"),
    [
        # our own systems: nothing named
        ("  suppliers: []\n", ()),
        # a supplier whose record does not say whether it provides ICT services
        (
            "  suppliers: [kitchen, menus]\n",
            (doc("Supplier", "menus", "tier: 2\nstatus: active\n"),),
        ),
        # a supplier with ICT services: the diet ordering software
        (
            "  suppliers: [kitchen, menus]\n",
            (doc("Supplier", "menus", "tier: 2\nstatus: active\nprovides_ict_services: true\n"),),
        ),
        # a supplier holding access to our systems, though recorded without ICT services
        (
            "  suppliers: [kitchen, menus]\n",
            (
                doc(
                    "Supplier",
                    "menus",
                    "tier: 2\nstatus: active\nprovides_ict_services: false\n"
                    "highest_access_level: write\n",
                ),
            ),
        ),
        # a cloud region of our own the function runs on
        ("  suppliers: [kitchen]\n  cloud: [{provider: azure, region: westeurope}]\n", ()),
    ],
)
def test_an_ict_dependency_still_asks_the_regulator_message(
    cli, write, depends_on: str, more: tuple[str, ...]
) -> None:
    assert _regulator_asked(cli, write, _programme("nis2", "BE", depends_on, *more))


def test_the_outside_message_is_still_asked_of_a_caterers_function(cli, write) -> None:
    text = _programme("nis2", "BE", "  suppliers: [kitchen]\n").replace(
        "  customers: {reference: bcm/patients.md}\n", ""
    )
    [finding] = check(cli, write, text, ["BCM-04"])
    assert "message prepared for those outside who feel the outage" in finding["message"]
    assert "regulator, nor has any other plan" not in finding["message"]


# The insurer's incident notice: asked only where a cyber cover may answer the outage.

NO_INSURER = PLAN.replace("  insurer: {reference: bcm/insurer.md}\n", "")
POLICY = doc(
    "InsurancePolicy",
    "cyber",
    "line: cyber\nperiod: {start: 2026-01-01, end: 2026-12-31}\n"
    "dependent_bi: {scope: it_providers}\n",
)


def _insurer_asked(cli, write, text: str) -> bool:
    found = check(cli, write, text, ["BCM-04"])
    return any("incident notice prepared for the insurer" in f["message"] for f in found)


def _caterers_function(policy: str, *more: str) -> str:
    entity = doc("Entity", "hospital", "country: BE\nregimes: [nis2]\n")
    function = doc(
        "BusinessFunction",
        "meals",
        "entities: [hospital]\ncriticality: important\ndepends_on:\n  suppliers: [kitchen]\n",
    )
    return repo(entity, function, NO_INSURER, CATERER, policy, *more)


def test_no_insurer_notice_where_no_cyber_cover_answers_a_caterers_outage(cli, write) -> None:
    assert not _insurer_asked(cli, write, _caterers_function(POLICY))


@pytest.mark.parametrize(
    "policy",
    [
        # dependent cover for every supplier
        POLICY.replace("it_providers", "all_suppliers"),
        # dependent cover whose scope is not recorded
        POLICY.replace("dependent_bi: {scope: it_providers}\n", ""),
    ],
)
def test_dependent_cover_beyond_it_providers_still_asks_it(cli, write, policy: str) -> None:
    assert _insurer_asked(cli, write, _caterers_function(policy))


def test_a_caterer_holding_personal_data_still_asks_it(cli, write) -> None:
    text = _caterers_function(POLICY).replace("personal_data: false", "personal_data: true")
    assert _insurer_asked(cli, write, text)
