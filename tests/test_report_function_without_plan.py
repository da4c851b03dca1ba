"""The posture report's Critical functions table: a critical or important function without a
continuity plan shows "✘ no plan" linked to the finding that says so, BCM-07 (which asks every
such function for a plan), so a reader goes from the table to the rule, its explanation and its
fix, as the table's other gaps do."""

from __future__ import annotations

import re
from pathlib import Path

PROGRAMME = """\
apiVersion: resilint/v1
kind: BusinessFunction
id: admissions
name: Patient admission
criticality: important
rto_hours: 24
rpo_hours: 4
mtpd_hours: 120
"""


def test_no_plan_links_to_the_bcm07_finding(cli, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "functions.yaml").write_text(PROGRAMME, encoding="utf-8")
    target = tmp_path / "report.html"
    run = cli("report", str(repo), "-o", str(target), "--as-of", "2026-12-04", cwd=repo)
    assert run.exit_code == 0, run.stderr
    text = target.read_text(encoding="utf-8")
    row = re.search(r'<tr><th scope="row" id="fn-admissions">.*?</tr>', text, re.S)
    assert row, "the function has no row in the Critical functions table"
    link = re.search(r'<a href="#([^"]+)" title="([^"]*)">✘ no plan</a>', row.group(0))
    assert link, "✘ no plan is not linked to a finding"
    assert link.group(2).startswith("BCM-07: ")
    assert f'id="{link.group(1)}"' in text
