"""A waiver accepts the risk of the one finding it names. BCM-03 leaves a critical function with
no continuity plan at all to BCM-07, which asks for the plan; once a waiver (or an inline
comment, or per_file_ignores) accepts that BCM-07 finding, nobody will write the plan, and the
supplier that recovers too slowly for the function is BCM-03's gap again, said by BCM-03. A
baseline holds findings still to be fixed: a BCM-07 finding in it goes on asking for the plan.
Through the CLI on real files, also with the cache a later run reuses."""

from __future__ import annotations

import json
from typing import Any

from one_file import doc, line, repo

AS_OF = "2026-12-07"

FUNCTION = doc(
    "BusinessFunction",
    "billing",
    "criticality: critical\nrto_hours: 4\n"
    "depends_on:\n  services:\n    - {supplier: invoicely, service: invoicing}\n",
)
SUPPLIER = doc(
    "Supplier",
    "invoicely",
    "tier: 1\nsupports_critical_function: true\nservices:\n"
    "  - {name: invoicing, contracted_rto_hours: 48}\n",
)
WAIVER = doc(
    "Waiver",
    "waiver-billing-plan",
    "rule: BCM-07\ntargets:\n  - {kind: BusinessFunction, id: billing}\n"
    "rationale: Billing is run by hand from the ledger; no separate plan is kept.\n"
    "risk_owner: cfo\napprover: ceo\napproved_on: 2026-11-01\nexpires: 2027-06-30\n",
)


def run(cli, write, text: str, *extra: str, config: str = "") -> list[dict[str, Any]]:
    write("resilint.yaml", f"profiles: []\nselect: [BCM-03, BCM-07]\n{config}")
    write("programme/repo.yaml", text)
    result = cli("check", "programme", "--format", "json", "--as-of", AS_OF, *extra)
    assert result.exit_code in (0, 1), result.stdout + result.stderr
    return [f for f in result.json()["findings"] if f["code"] in ("BCM-03", "BCM-07")]


def said(found: list[dict[str, Any]]) -> list[tuple[str, bool]]:
    return sorted((f["code"], f.get("suppression") is not None) for f in found)


def test_unwaived_bcm07_asks_for_the_plan_alone(cli, write) -> None:
    found = run(cli, write, repo(FUNCTION, SUPPLIER), "--no-cache")
    assert said(found) == [("BCM-07", False)]


def test_a_waived_bcm07_leaves_the_slow_supplier_to_bcm03(cli, write) -> None:
    text = repo(FUNCTION, SUPPLIER, WAIVER)
    found = run(cli, write, text, "--no-cache")
    assert said(found) == [("BCM-03", False), ("BCM-07", True)]
    (bcm03,) = [f for f in found if f["code"] == "BCM-03"]
    assert bcm03["line"] == line(text, "{supplier: invoicely, service: invoicing}")
    assert "48 hours" in bcm03["message"] and "invoicely" in bcm03["message"]


def test_an_inline_comment_on_bcm07_leaves_bcm03_to_say_its_gap(cli, write) -> None:
    text = repo(FUNCTION, SUPPLIER).replace(
        "id: billing\n", 'id: billing  # resilint: ignore[BCM-07] reason="run by hand"\n'
    )
    found = run(cli, write, text, "--no-cache")
    assert said(found) == [("BCM-03", False), ("BCM-07", True)]


def test_per_file_ignores_of_bcm07_leaves_bcm03_to_say_its_gap(cli, write) -> None:
    config = "per_file_ignores:\n  'programme/repo.yaml': [BCM-07]\n"
    found = run(cli, write, repo(FUNCTION, SUPPLIER), "--no-cache", config=config)
    assert said(found) == [("BCM-03", False), ("BCM-07", True)]


def test_a_bcm07_in_the_baseline_still_asks_for_the_plan(cli, write, tmp_path) -> None:
    text = repo(FUNCTION, SUPPLIER)
    write("resilint.yaml", "profiles: []\nselect: [BCM-03, BCM-07]\n")
    write("programme/repo.yaml", text)
    made = cli("baseline", "programme", "-o", "baseline.json", "--as-of", AS_OF)
    assert made.exit_code == 0, made.stdout + made.stderr
    assert [e["code"] for e in json.loads((tmp_path / "baseline.json").read_text())["findings"]]
    found = run(cli, write, text, "--no-cache", "--baseline", "baseline.json")
    assert said(found) == [("BCM-07", True)]


def test_a_comment_added_after_a_cached_run_is_heeded(cli, write) -> None:
    text = repo(FUNCTION, SUPPLIER)
    assert said(run(cli, write, text)) == [("BCM-07", False)]
    comment = "  # resilint: ignore[BCM-07] reason=by-hand"
    commented = text.replace("id: billing\n", f"id: billing{comment}\n")
    assert said(run(cli, write, commented)) == [("BCM-03", False), ("BCM-07", True)]
    # and taken away again, BCM-07 alone asks for the plan
    assert said(run(cli, write, text)) == [("BCM-07", False)]
