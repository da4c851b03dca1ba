"""A Python check that counts the documents referring to one (a function's continuity plans and
exercises, a supplier's contracts, a policy's evidence package) counts one whose reference names
it misspelt (``Parcel-Sorting`` for ``parcel-sorting``) as correcting the reference will: the
gap is the reference error, which REF-01 reports, and the rule does not say again that the
function has no plan or was never exercised. A gap that stands with it counted is still said."""

from __future__ import annotations

SUPPLIER = """\
apiVersion: resilint/v1
kind: Supplier
id: wms-vendor
tier: 1
provides_ict_services: true
services:
  - name: wms
    contracted_rto_hours: 24
---
apiVersion: resilint/v1
kind: BusinessFunction
id: parcel-sorting
criticality: critical
rto_hours: 4
mtpd_hours: 36  # the wms vendor's 24-hour recovery is within it
depends_on:
  services:
    - {supplier: wms-vendor, service: wms}
"""
PLAN = """\
---
apiVersion: resilint/v1
kind: ContinuityPlan
id: bcp-sorting
function: Parcel-Sorting
manual_procedure: {{description: paper labels, max_degraded_hours: {hours}}}
"""
EXERCISE = """\
---
apiVersion: resilint/v1
kind: Exercise
id: tt-sorting
type: tabletop
date: {date}
status: completed
functions: [Parcel-Sorting]
"""
CONTRACT = """\
---
apiVersion: resilint/v1
kind: Contract
id: ctr-wms
supplier: WMS-vendor
status: {status}
start_date: 2024-01-01
"""


def codes(cli, write, text: str, select: str) -> list[str]:
    write("repo.yaml", text)
    result = cli(
        "check", "repo.yaml", "--select", select, "--format", "json", "--no-cache",
        "--as-of", "2026-12-01",
    )  # fmt: skip
    return sorted(f["code"] for f in result.json()["findings"])


def test_bcm03_counts_a_plan_naming_the_function_misspelt(cli, write) -> None:
    # the plan's 30-hour degraded mode bridges the 24-hour recovery once its reference is mended
    text = SUPPLIER + PLAN.format(hours=30)
    assert codes(cli, write, text, "BCM-03,REF-01") == ["REF-01"]
    # a 6-hour degraded mode does not, whatever the plan's reference says
    assert codes(cli, write, SUPPLIER + PLAN.format(hours=6), "BCM-03,REF-01") == [
        "BCM-03",
        "REF-01",
    ]


def test_exr01_counts_an_exercise_naming_the_function_misspelt(cli, write) -> None:
    text = SUPPLIER + EXERCISE.format(date="2026-03-12")
    assert codes(cli, write, text, "EXR-01,REF-01") == ["REF-01"]
    # an exercise of 2024 is too old however its reference is spelt
    text = SUPPLIER + EXERCISE.format(date="2024-03-12")
    assert codes(cli, write, text, "EXR-01,REF-01") == ["EXR-01", "REF-01"]


def test_sup05_counts_a_contract_naming_the_supplier_misspelt(cli, write) -> None:
    text = SUPPLIER + CONTRACT.format(status="active")
    assert codes(cli, write, text, "SUP-05,REF-01") == ["REF-01"]
    # a draft is no contract in force, whoever it names
    text = SUPPLIER + CONTRACT.format(status="draft")
    assert codes(cli, write, text, "SUP-05,REF-01") == ["REF-01", "SUP-05"]


POLICY = """\
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber-2026
---
apiVersion: resilint/v1
kind: EvidencePackage
id: cyber-2026-evidence
policy: Cyber-2026
items:
  - {type: asset_inventory, location: offline/assets.xlsx, owner: it, last_updated: 2026-09-01}
  - {type: data_flow_diagrams, location: offline/flows/, owner: it, last_updated: 2026-08-01}
  - {type: policy_copies, location: offline/policy.pdf, owner: risk, last_updated: 2026-07-01}
  - {type: incident_log_location, location: offline/log.md, owner: soc, last_updated: 2026-10-01}
  - {type: backup_validation_reports, location: offline/b/, owner: it, last_updated: 2026-11-01}
  - {type: vendor_contracts, location: offline/contracts/, owner: legal, last_updated: 2026-10-15}
  - {type: insured_entities_list, location: offline/e.md, owner: risk, last_updated: UPDATED}
"""


def test_evd01_counts_a_package_naming_the_policy_misspelt(cli, write) -> None:
    assert codes(cli, write, POLICY.replace("UPDATED", "2026-07-01"), "EVD-01,REF-01") == ["REF-01"]
    # an item two years old is stale in whichever package it is
    text = POLICY.replace("UPDATED", "2024-07-01")
    assert codes(cli, write, text, "EVD-01,REF-01") == ["EVD-01", "REF-01"]


BACKUP = """\
---
apiVersion: resilint/v1
kind: Control
id: immutable-backup
category: backup_immutable
status: {status}
functions: [Parcel-Sorting]
last_restore_test: {{date: 2026-10-01, result: pass}}
"""


def test_bcm06_counts_a_backup_naming_the_function_misspelt(cli, write) -> None:
    text = SUPPLIER + BACKUP.format(status="implemented")
    assert codes(cli, write, text, "BCM-06,REF-01") == ["REF-01"]
    # a copy only planned is no backup in operation, whatever function it names
    text = SUPPLIER + BACKUP.format(status="planned")
    assert codes(cli, write, text, "BCM-06,REF-01") == ["BCM-06", "REF-01"]
