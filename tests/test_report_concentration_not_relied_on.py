"""The report's dependency drawing counts a function as resting on a supplier only where
`resilint impact` would stop it for the supplier's outage: a label-printer service recorded as
not supporting a critical or important function (two weeks of labels at every hub) that both
sorting hubs use is drawn, and says they use it, but is no concentration point beside the
warehouse system's host that both hubs do rest on."""

from __future__ import annotations

import re
from pathlib import Path

PROGRAMME = """\
apiVersion: resilint/v1
kind: Supplier
id: hostwerk
tier: 1
provides_ict_services: true
services:
  - {name: wms-hosting, supports_critical_function: true}
---
apiVersion: resilint/v1
kind: Supplier
id: etikettwerk
tier: 2
provides_ict_services: true
services:
  - {name: managed-label-print, supports_critical_function: false}
---
apiVersion: resilint/v1
kind: BusinessFunction
id: hub-kassel
criticality: critical
depends_on:
  services:
    - {supplier: hostwerk, service: wms-hosting}
    - {supplier: etikettwerk, service: managed-label-print}
---
apiVersion: resilint/v1
kind: BusinessFunction
id: hub-leipzig
criticality: critical
depends_on:
  services:
    - {supplier: hostwerk, service: wms-hosting}
    - {supplier: etikettwerk, service: managed-label-print}
"""


def _table(page: str) -> str:
    found = re.search(r"<caption>Concentration points</caption>.*?</table>", page, re.S)
    assert found is not None
    return found.group(0)


def test_a_supplier_not_relied_on_is_no_concentration_point(cli, tmp_path: Path) -> None:
    (tmp_path / "programme.yaml").write_text(PROGRAMME, encoding="utf-8")
    out = tmp_path / "report.html"
    run = cli("report", ".", "--no-cache", "--as-of", "2026-12-01", "-o", str(out), cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    page = out.read_text(encoding="utf-8")
    table = _table(page)
    assert ">hostwerk<" in table
    assert "etikettwerk" not in table
    assert "etikettwerk ⚠" not in page
    assert "supplier etikettwerk; used by hub-kassel, hub-leipzig without resting on it" in page
