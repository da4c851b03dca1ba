"""The posture report's Critical functions table tells a supplier the function only uses (its
record says it supports no critical or important function) from one the function rests on, as
the dependency graph and the what-if table do: a committee reading "rests on" beside a supplier
that is in neither the coverage matrix nor the what-if table would take it for a critical
supplier left out."""

from __future__ import annotations

import re
from pathlib import Path

SUPPLIERS = """\
apiVersion: resilint/v1
kind: Supplier
id: cloud
name: Cloud Ltd
tier: 1
services:
  - {name: hosting}
---
apiVersion: resilint/v1
kind: Supplier
id: printer
name: Label Printing GmbH
tier: 2
supports_critical_function: false
services:
  - {name: label-print, supports_critical_function: false}
"""
FUNCTION = """\
apiVersion: resilint/v1
kind: BusinessFunction
id: sorting
name: Parcel sorting
criticality: critical
rto_hours: 4
rpo_hours: 1
mtpd_hours: 24
depends_on:
  services:
    - {supplier: cloud, service: hosting}
    - {supplier: printer, service: label-print}
"""


def test_a_supplier_recorded_as_not_supporting_the_function_is_marked_so(
    cli, tmp_path: Path
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "suppliers.yaml").write_text(SUPPLIERS, encoding="utf-8")
    (repo / "functions.yaml").write_text(FUNCTION, encoding="utf-8")
    target = tmp_path / "report.html"
    run = cli("report", str(repo), "-o", str(target), "--as-of", "2026-12-04", cwd=repo)
    assert run.exit_code == 0, run.stderr
    text = target.read_text(encoding="utf-8")
    row = re.search(r'<tr><th scope="row" id="fn-sorting">.*?</tr>', text, re.S)
    assert row
    items = {
        re.sub(r"<[^>]+>", "", li).split(" ", 1)[0]: re.sub(r"<[^>]+>", "", li)
        for li in re.findall(r"<li [^>]*>(.*?)</li>", row.group(0), re.S)
    }
    assert set(items) == {"cloud", "printer"}, items
    assert items["cloud"] == "cloud"
    assert "used, not relied on" in items["printer"], items
    # as the graph has it: printer is used by sorting without it resting on it
    assert "supplier printer; used by sorting without resting on it" in text
    # and the what-if table has no row for it
    what_if = re.search(r'<table class="what-if">.*?</table>', text, re.S)
    assert what_if and "printer" not in what_if.group(0)
