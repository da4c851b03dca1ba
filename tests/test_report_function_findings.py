"""The posture report's Critical functions table lists, for each function, the findings located
on it and those located elsewhere that name it (a supplier service without a contracted recovery
time, reported once at the supplier, naming every function it could outlast): a committee reading
the row sees every gap that concerns the function, not only those anchored in its own file."""

from __future__ import annotations

import re
from pathlib import Path

SUPPLIER = """\
apiVersion: resilint/v1
kind: Supplier
id: cloud
name: Cloud Ltd
tier: 1
services:
  - {name: hosting}
"""
FUNCTION = """\
apiVersion: resilint/v1
kind: BusinessFunction
id: {fid}
name: {fid}
criticality: critical
rto_hours: 4
rpo_hours: 1
mtpd_hours: 24
depends_on:
  services:
    - {{supplier: cloud, service: hosting}}
---
apiVersion: resilint/v1
kind: ContinuityPlan
id: {fid}-fallback
function: {fid}
manual_procedure: {{description: paper forms, max_degraded_hours: 8}}
"""
"""A function whose plan's manual procedure ends before its MTPD (a function with no plan at all
is BCM-07's, which asks for the plan, not BCM-03's)."""


def _cell(text: str, fid: str) -> str:
    row = re.search(rf'<tr><th scope="row" id="fn-{fid}">.*?</tr>', text, re.S)
    assert row, f"{fid} has no row in the Critical functions table"
    return re.findall(r"<td>(.*?)</td>", row.group(0), re.S)[-1]


def test_a_finding_located_elsewhere_is_listed_with_each_function_it_names(
    cli, tmp_path: Path
) -> None:
    repo = tmp_path / "repo"
    (repo / "functions").mkdir(parents=True)
    (repo / "suppliers.yaml").write_text(SUPPLIER, encoding="utf-8")
    for fid in ("nav", "orders"):
        (repo / "functions" / f"{fid}.yaml").write_text(FUNCTION.format(fid=fid), encoding="utf-8")
    check = cli("check", str(repo), "--format", "json", "--as-of", "2026-12-04", cwd=repo)
    (recovery,) = [f for f in check.json()["findings"] if f["code"] == "BCM-03"]
    assert recovery["path"].endswith("suppliers.yaml")  # located at the supplier's service
    target = tmp_path / "report.html"
    run = cli("report", str(repo), "-o", str(target), "--as-of", "2026-12-04", cwd=repo)
    assert run.exit_code == 0, run.stderr
    text = target.read_text(encoding="utf-8")
    for fid in ("nav", "orders"):
        cell = _cell(text, fid)
        assert re.search(r'title="BCM-03: [^"]*">BCM-03</a>', cell), (fid, cell)
