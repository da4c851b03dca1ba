"""A continuity plan naming a business function that does not exist is one finding, the
reference error (REF-01), which names the function it most likely means: that function's
"has no continuity plan" (BCM-07) follows from the reference alone and waits for it to be
corrected. A function no plan means still has its BCM-07, and a gap that remains with the
misnamed plan counted is said."""

from __future__ import annotations

FUNCTIONS = """\
apiVersion: resilint/v1
kind: BusinessFunction
id: last-mile-delivery
criticality: critical
---
apiVersion: resilint/v1
kind: BusinessFunction
id: warehousing
criticality: critical
---
apiVersion: resilint/v1
kind: BusinessFunction
id: customer-edi
criticality: important
"""

PLANS = """\
apiVersion: resilint/v1
kind: ContinuityPlan
id: bcp-delivery
function: last-mile
owner: head-of-delivery
---
apiVersion: resilint/v1
kind: ContinuityPlan
id: bcp-warehouse
function: Warehousing
owner: head-of-contract-logistics
"""


def run(cli, write, plans: str) -> list[dict]:
    write("functions.yaml", FUNCTIONS)
    write("plans.yaml", plans)
    result = cli("check", ".", "--select", "REF-01,BCM-07", "--format", "json", "--no-cache")
    return result.json()["findings"]


def test_the_misnamed_plan_is_the_reference_error_alone(cli, write) -> None:
    found = run(cli, write, PLANS)
    refs = {f["id"]: f["message"] for f in found if f["code"] == "REF-01"}
    assert "did you mean 'last-mile-delivery'?" in refs["bcp-delivery"]
    assert "did you mean 'warehousing'?" in refs["bcp-warehouse"]
    # only the function no plan means has no plan
    assert [f["id"] for f in found if f["code"] == "BCM-07"] == ["customer-edi"]


def test_once_corrected_the_plan_counts(cli, write) -> None:
    fixed = PLANS.replace("function: last-mile\n", "function: last-mile-delivery\n")
    found = run(cli, write, fixed)
    assert [f["id"] for f in found if f["code"] == "REF-01"] == ["bcp-warehouse"]
    assert [f["id"] for f in found if f["code"] == "BCM-07"] == ["customer-edi"]


def test_a_reference_that_means_no_function_leaves_the_gaps_said(cli, write) -> None:
    unrelated = PLANS.replace("function: last-mile\n", "function: canteen\n")
    found = run(cli, write, unrelated)
    assert sorted(f["id"] for f in found if f["code"] == "BCM-07") == [
        "customer-edi",
        "last-mile-delivery",
    ]
