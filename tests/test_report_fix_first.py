"""The posture report's headline says what to fix first: the active errors, then the warnings,
each ranked by the critical and important functions it exposes (the function it is about, or the
functions an outage of the supplier it is about would stop), in words, with the rule's code
linking to its finding. A board member with ten minutes reads five rows, not a table of counts
by rules file."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLES
from tests.test_report_function_findings import FUNCTION, SUPPLIER

CANTEEN = """\
apiVersion: resilint/v1
kind: Supplier
id: canteen
name: Canteen GmbH
tier: 3
services:
  - {name: lunch}
"""


def _rows(text: str) -> list[list[str]]:
    table = re.search(r'<table class="first">.*?<tbody>(.*?)</tbody>', text, re.S)
    assert table, "the headline has no 'what to fix first' table"
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table.group(1), re.S)
    return [
        [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", r)] for r in rows
    ]


def _headline(text: str) -> str:
    found = re.search(r'<section id="headline".*?</section>', text, re.S)
    assert found
    return found.group(0)


def test_a_supplier_gap_that_stops_two_critical_functions_comes_before_one_function_s(
    cli, tmp_path: Path
) -> None:
    repo = tmp_path / "repo"
    (repo / "functions").mkdir(parents=True)
    (repo / "suppliers.yaml").write_text(SUPPLIER + "---\n" + CANTEEN, encoding="utf-8")
    for fid in ("nav", "orders"):
        (repo / "functions" / f"{fid}.yaml").write_text(FUNCTION.format(fid=fid), encoding="utf-8")
    target = tmp_path / "report.html"
    run = cli("report", str(repo), "-o", str(target), "--as-of", "2026-12-04", cwd=repo)
    assert run.exit_code == 0, run.stderr
    headline = _headline(target.read_text(encoding="utf-8"))
    rows = _rows(headline)
    assert len(rows) == 5
    # every gap at the supplier both functions rest on first, each saying what it exposes
    first = [r for r in rows if r[2] == "supplier cloud"]
    assert len(first) == 4 and rows[:4] == first, rows
    assert all(r[3] == "nav, orders" and r[4] == "error" for r in first), rows
    assert rows[4][3] in ("nav", "orders"), rows  # then a gap exposing one function
    # the rule in words, its code a link to the finding's row
    assert rows[0][1].startswith("Supplier services behind a critical function recover")
    assert rows[0][1].endswith("(BCM-03)"), rows[0]
    assert re.search(r'<a href="#f-[0-9a-f]{16}[^"]*" title="BCM-03: ', headline)
    check = cli("check", str(repo), "--format", "json", "--as-of", "2026-12-04", cwd=repo)
    active = [f for f in check.json()["findings"] if f["level"] in ("error", "warning")]
    assert f"And {len(active) - 5} more errors and warnings in the" in headline


def test_the_list_ranks_errors_before_warnings_and_counts_the_rest_as_check_does(
    cli, tmp_path: Path
) -> None:
    target = tmp_path / "report.html"
    run = cli("report", str(EXAMPLES / "defects"), "-o", str(target), "--as-of", "2026-12-01")
    assert run.exit_code == 2, run.stderr  # some of its files cannot be read, on purpose
    headline = _headline(target.read_text(encoding="utf-8"))
    rows = _rows(headline)
    assert [r[0] for r in rows] == ["1", "2", "3", "4", "5"]
    assert all(r[4] == "error" for r in rows), rows
    functions = [r[3].split(" (")[0] for r in rows]  # an insurance gap names its policy after
    exposed = [0 if f.startswith("no critical") else len(f.split(", ")) for f in functions]
    assert exposed == sorted(exposed, reverse=True) and exposed[0] > 0, rows
    check = cli("check", str(EXAMPLES / "defects"), "--format", "json", "--as-of", "2026-12-01")
    active = [
        f
        for f in check.json()["findings"]
        if f["level"] in ("error", "warning") and not f.get("suppressed")
    ]
    assert f"And {len(active) - 5} more errors and warnings in the" in headline


ENTITIES = """\
apiVersion: resilint/v1
kind: Entity
id: shop
name: Shop GmbH
---
apiVersion: resilint/v1
kind: Entity
id: lab
name: Lab GmbH
"""
SHOP_FUNCTION = """\
apiVersion: resilint/v1
kind: BusinessFunction
id: {fid}
name: {fid}
entities: [shop]
criticality: critical
rto_hours: 4
rpo_hours: 1
mtpd_hours: 24
"""
LAB_FUNCTION = """\
apiVersion: resilint/v1
kind: BusinessFunction
id: assays
name: assays
entities: [lab]
criticality: critical
rto_hours: 4
rpo_hours: 1
mtpd_hours: 24
depends_on:
  services:
    - {supplier: cloud, service: hosting}
"""
SHOP_INSURANCE = """\
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber-2026
insurer: Example Insurance SE
period: {start: 2026-04-01, end: 2027-03-31}
insured_entities: [shop]
conditions:
  - id: mfa
    statement: MFA is enforced for privileged access.
    control_categories: [mfa_privileged]
    scope: [privileged_access]
    attested: true
  - id: edr
    statement: EDR on endpoints.
    control_categories: [edr]
    scope: [endpoints]
---
apiVersion: resilint/v1
kind: Control
id: mfa-admin
category: mfa_privileged
status: planned
scope: [privileged_access]
---
apiVersion: resilint/v1
kind: Control
id: edr
category: edr
status: implemented
scope: [endpoints]
evidence: {reference: evidence/edr.pdf, last_verified: 2026-01-10}
"""


def test_an_unmet_insurance_condition_exposes_the_insured_entities_functions(
    cli, tmp_path: Path
) -> None:
    """An attested condition the controls do not meet (INS-01) stops no function, but the
    insurer may refuse every claim under the policy: it exposes the critical functions of the
    entities the policy insures and comes before a supplier gap exposing one function. Stale
    evidence of a control a condition relies on (INS-02) and a missing claims evidence package
    (EVD-01) leave the cover standing but a claim open to dispute: after the gaps exposing a
    function outright."""
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "entities.yaml").write_text(ENTITIES, encoding="utf-8")
    (repo / "functions.yaml").write_text(
        "---\n".join(
            [SHOP_FUNCTION.format(fid="orders"), SHOP_FUNCTION.format(fid="checkout"), LAB_FUNCTION]
        ),
        encoding="utf-8",
    )
    (repo / "suppliers.yaml").write_text(SUPPLIER, encoding="utf-8")
    (repo / "insurance.yaml").write_text(SHOP_INSURANCE, encoding="utf-8")
    # the gaps every function of this small programme has, each exposing one function
    (repo / "resilint.yaml").write_text(
        "ignore: [BCM-06, BCM-07, EXR-01, SUP-03, SUP-04, SUP-05]\n", encoding="utf-8"
    )
    target = tmp_path / "report.html"
    run = cli("report", str(repo), "-o", str(target), "--as-of", "2026-12-04", cwd=repo)
    assert run.exit_code == 0, run.stderr
    rows = _rows(_headline(target.read_text(encoding="utf-8")))
    codes = [re.search(r"\((\w+-\d+)\)$", r[1]).group(1) for r in rows]  # type: ignore[union-attr]
    assert codes == ["INS-01", "INS-03", "BCM-03", "EVD-01", "INS-02"], rows
    unpaid = "checkout, orders (the cover of insurance policy cyber-2026 may not pay)"
    disputed = "checkout, orders (a claim under insurance policy cyber-2026 may be disputed)"
    # the lab is not insured: its function is the supplier's gap's, not the policy's
    assert [r[2:4] for r in rows] == [
        ["insurance policy cyber-2026, condition mfa", unpaid],  # the condition named
        ["insurance policy cyber-2026", unpaid],
        ["supplier cloud", "assays"],
        ["insurance policy cyber-2026", disputed],
        ["control edr", disputed],
    ], rows


def test_an_insurance_gap_found_on_a_plan_exposes_its_function_and_names_the_policy(
    cli, tmp_path: Path
) -> None:
    """A continuity plan naming a forensics firm the insurer has not approved (INS-05) puts the
    cover of that firm's costs at risk when the plan runs: it exposes the function the plan
    keeps running, not every insured function, and names the policy."""
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "entities.yaml").write_text(ENTITIES, encoding="utf-8")
    (repo / "functions.yaml").write_text(
        "---\n".join([SHOP_FUNCTION.format(fid="orders"), SHOP_FUNCTION.format(fid="checkout")]),
        encoding="utf-8",
    )
    insurance = SHOP_INSURANCE.replace(
        "insured_entities: [shop]\n",
        "insured_entities: [shop]\npanel: {forensics: [Example Forensics LLP]}\n",
    )
    (repo / "insurance.yaml").write_text(insurance, encoding="utf-8")
    (repo / "plan.yaml").write_text(
        "apiVersion: resilint/v1\nkind: ContinuityPlan\nid: orders-plan\nfunction: orders\n"
        "owner: head-of-sales\ncontacts:\n  forensics_firm: Quickfix Forensics Ltd\n",
        encoding="utf-8",
    )
    (repo / "resilint.yaml").write_text(
        "ignore: [BCM-04, BCM-06, BCM-07, EXR-01, INS-02, INS-03, EVD-01]\n", encoding="utf-8"
    )
    target = tmp_path / "report.html"
    run = cli("report", str(repo), "-o", str(target), "--as-of", "2026-12-04", cwd=repo)
    assert run.exit_code == 0, run.stderr
    rows = _rows(_headline(target.read_text(encoding="utf-8")))
    assert [r[1][-8:] for r in rows] == ["(INS-01)", "(INS-05)"], rows
    assert rows[1][2:4] == [
        "continuity plan orders-plan",
        "orders (the cover of insurance policy cyber-2026 may not pay)",
    ], rows


def test_an_unmet_condition_of_a_tower_names_the_layers_that_follow_its_form(
    cli, tmp_path: Path
) -> None:
    """lindenau-planted's primary policy attests MFA its controls and a supplier's accounts do
    not meet; the excess layer follows its form, so its cover is at risk too. Those findings
    come first, then the supplier and function gaps by the functions they expose."""
    target = tmp_path / "report.html"
    repo = EXAMPLES / "lindenau-planted"
    run = cli("report", str(repo), "-o", str(target), "--as-of", "2026-12-01")
    assert run.exit_code == 0, run.stderr
    rows = _rows(_headline(target.read_text(encoding="utf-8")))
    insured = (
        "dealer-finance, order-to-delivery, parts-fulfilment, payroll, production-execution, "
        "treasury-payments (the cover of insurance policies cyber-primary-2026 and "
        "cyber-excess-2026 may not pay)"
    )
    assert [r[1].endswith("(INS-01)") for r in rows] == [True, True, False, False, False], rows
    assert [r[3] for r in rows[:2]] == [insured, insured], rows
    assert not any("insurance" in r[3] for r in rows[2:]), rows


def test_nothing_to_fix_first_is_said_when_no_error_or_warning_is_active(
    cli, tmp_path: Path
) -> None:
    target = tmp_path / "report.html"
    run = cli("report", str(EXAMPLES / "northwind"), "-o", str(target))
    assert run.exit_code == 0, run.stderr
    assert "Nothing to fix first: no active error or warning." in _headline(
        target.read_text(encoding="utf-8")
    )


def test_new_findings_since_the_previous_report_are_said_in_words_errors_first(
    cli, tmp_path: Path
) -> None:
    """The change since the previous report names each new finding by its rule in words and
    what it concerns, errors first, not by its whole message: a paragraph per finding made the
    trend a wall of text."""
    repo = EXAMPLES / "defects"
    check = cli("check", str(repo), "--format", "json", "--as-of", "2026-12-01").json()
    found = check["findings"]
    gone = [next(f for f in found if f["level"] == level) for level in ("info", "warning", "error")]
    check["findings"] = [f for f in found if f not in gone]
    older = tmp_path / "older.json"
    older.write_text(json.dumps(check), encoding="utf-8")
    target = tmp_path / "report.html"
    cli("report", str(repo), "-o", str(target), "--as-of", "2026-12-01", "--previous", str(older))
    change = re.search(r'<div class="change">.*?</div>', target.read_text(encoding="utf-8"), re.S)
    assert change
    items = [re.sub(r"<[^>]+>", "", li) for li in re.findall(r"<li>(.*?)</li>", change.group(0))]
    assert [i.split(":", 1)[0] for i in items] == ["error", "warning", "info"], items
    for item, finding in zip(items, reversed(gone), strict=True):
        assert f"({finding['code']})" in item, (item, finding)
        assert finding["message"] not in item


def _planted(tmp_path: Path, codes: tuple[str, ...]) -> list[list[str]]:
    """The 'what to fix first' rows of examples/lindenau-planted's report, with only the
    insurance rules ``codes`` run (every other group ignored)."""
    repo = tmp_path / "lindenau"
    shutil.copytree(EXAMPLES / "lindenau-planted", repo)
    others = [f"INS-0{n}" for n in range(1, 8) if f"INS-0{n}" not in codes]
    groups = "REG, BCM, CON, CTL, CTR, ENT, EVD, EXC, EXR, IAM, PLB, SUP"
    config = repo / "resilint.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "ignore: [REG]", f"ignore: [{groups}, {', '.join(others)}]"
        ),
        encoding="utf-8",
    )
    target = tmp_path / "report.html"
    run = cli_report(repo, target)
    assert run.returncode == 0, run.stderr
    return _rows(_headline(target.read_text(encoding="utf-8")))


def cli_report(repo: Path, target: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "resilint", "report", str(repo), "-o", str(target)],
        capture_output=True,
        text=True,
        cwd=repo,
        check=False,
    )


def test_two_conditions_of_one_policy_are_told_apart_by_their_ids(tmp_path: Path) -> None:
    """Two unmet conditions of one insurance policy (INS-01) are two rows a committee can tell
    apart: each names the condition, not the policy alone twice."""
    rows = _planted(tmp_path, ("INS-01",))
    assert [r[2] for r in rows] == [
        "insurance policy cyber-primary-2026, condition mfa-remote-access",
        "insurance policy cyber-primary-2026, condition mfa-privileged-access",
    ], rows


def test_one_rule_s_findings_about_one_thing_are_one_row_with_their_count(
    tmp_path: Path,
) -> None:
    """A policy whose dependent business-interruption cover leaves out two critical suppliers
    draws INS-04 twice at the same place: one row saying it holds two findings, exposing the
    functions of both, and the rows below it counted as findings."""
    rows = _planted(tmp_path, ("INS-01", "INS-04"))
    gaps = [r for r in rows if r[1].endswith("(INS-04)")]
    assert len(gaps) == 1, rows
    assert gaps[0][2] == "insurance policy cyber-primary-2026 (2 findings)", gaps
    assert "parts-fulfilment" in gaps[0][3], gaps
    assert len(rows) == 3, rows  # INS-01 twice, INS-04 once: nothing more to say
