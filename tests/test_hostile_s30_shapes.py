"""Hostile round 30: values of the wrong shape where the calendar's scenario entry, the impact's
insurance and EXC-01's expired waivers read them.

The scenario entry names the exercises whose records fail the schema: a status written as a
mapping stopped ``calendar`` and ``report`` with an internal error, and scenarios written as one
text were said to be "not all ones the schema knows". ``report`` and ``impact`` stopped on a
supplier whose services are a number or whose service_model is a list.
"""

from __future__ import annotations

EXERCISES = """\
apiVersion: resilint/v1
kind: Exercise
id: tabletop-odd
type: tabletop
status: {done: true}
date: 2026-03-12
scenarios: [supplier_compromise]
participants: [security, procurement, legal, finance, communications]
---
apiVersion: resilint/v1
kind: Exercise
id: tabletop-text
type: tabletop
status: completed
date: 2026-04-12
scenarios: supplier_compromise
"""

SUPPLIER = """\
apiVersion: resilint/v1
kind: Supplier
id: acme
tier: 1
service_model: [financial_service]
services: 3
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber
insurance_line: cyber
position: primary
coverages: {dependent_business_interruption: {included: true}}
dependent_bi: {scope: all_suppliers}
"""


def test_the_scenario_entry_names_an_exercise_whose_status_is_a_mapping(cli, write) -> None:
    write("programme/exercises.yaml", EXERCISES)
    run = cli("calendar", "programme", "--as-of", "2026-12-07")
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "internal error" not in run.stderr
    assert "exercise tabletop-odd (programme/exercises.yaml:1): its status {'done': True}" in (
        run.stdout
    )
    assert "its scenarios 'supplier_compromise' are not written as a list" in run.stdout
    report = cli("report", "programme", "--as-of", "2026-12-07", "-o", "posture.html")
    assert report.exit_code in (0, 1), report.stdout + report.stderr
    assert "internal error" not in report.stderr


def test_impact_reads_a_supplier_whose_services_are_a_number(cli, write) -> None:
    write("programme/acme.yaml", SUPPLIER)
    run = cli("impact", "programme", "--supplier", "acme", "--as-of", "2026-12-07")
    assert "internal error" not in run.stderr, run.stderr
    assert "dependent business interruption for acme: YES" in run.stdout
