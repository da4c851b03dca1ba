"""A Python check's finding is not made while a field it was judged on fails the schema, as a
declarative rule's is not: the schema error says what is wrong, and the check could only read
the mistyped value as missing. BCM-03 judged a supplier's recovery against a plan whose
max_degraded_hours is '6 hours' as "no degraded mode to carry it"; EXR-01 called a function
never exercised whose exercise is dated 12.03.2026. A real gap beside a mistyped field is still
said."""

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
  - name: scanners
"""
FUNCTION = """\
---
apiVersion: resilint/v1
kind: BusinessFunction
id: parcel-sorting
criticality: critical
rto_hours: 4
mtpd_hours: {mtpd}
depends_on:
  services:
    - {{supplier: wms-vendor, service: wms}}
    - {{supplier: wms-vendor, service: scanners}}
"""
PLAN = """\
---
apiVersion: resilint/v1
kind: ContinuityPlan
id: bcp-sorting
function: parcel-sorting
manual_procedure: {{description: paper labels, max_degraded_hours: {hours}}}
"""


def codes(cli, write, text: str, select: str) -> list[tuple[str, str]]:
    write("repo.yaml", text)
    result = cli(
        "check",
        "repo.yaml",
        "--select",
        select,
        "--format",
        "json",
        "--no-cache",
        "--as-of",
        "2026-12-01",
    )
    return sorted((f["code"], f["message"]) for f in result.json()["findings"])


def test_bcm03_waits_for_a_mistyped_degraded_mode(cli, write) -> None:
    text = SUPPLIER + FUNCTION.format(mtpd=12) + PLAN.format(hours="6 hours")
    found = codes(cli, write, text, "BCM-03,SCH-01")
    assert [code for code, _ in found] == ["SCH-01"]
    # mended, both services' gaps are judged: the 24-hour recovery outlasts the 6-hour mode
    found = codes(cli, write, SUPPLIER + FUNCTION.format(mtpd=12) + PLAN.format(hours=6), "BCM-03")
    assert len(found) == 2


def test_bcm03_waits_for_a_mistyped_mtpd_but_says_the_gap_it_does_not_need(cli, write) -> None:
    text = SUPPLIER + FUNCTION.format(mtpd="12h") + PLAN.format(hours=6)
    found = codes(cli, write, text, "BCM-03,SCH-01")
    assert [code for code, _ in found] == ["BCM-03", "SCH-01"]
    # the service with 24 hours to recover is judged on the RTO and the plan alone
    assert "has 24 hours to restore service 'wms'" in found[0][1]


def test_exr01_waits_for_an_exercise_with_a_mistyped_date(cli, write) -> None:
    exercise = """\
---
apiVersion: resilint/v1
kind: Exercise
id: tt-2026
type: tabletop
date: 12.03.2026
status: completed
functions: [parcel-sorting]
"""
    text = SUPPLIER + FUNCTION.format(mtpd=12) + exercise
    assert [code for code, _ in codes(cli, write, text, "EXR-01,SCH-01")] == ["SCH-01"]
    mended = text.replace("date: 12.03.2026", "date: 2024-03-12")
    assert [code for code, _ in codes(cli, write, mended, "EXR-01")] == ["EXR-01"]
