"""resilint impact reads a critical function's tie to a supplier as the requirements matrix
reads it: an insurer's policy administration names its print-and-mail house, whose service is
recorded as not supporting a critical or important function (documents reach customers by the
portal and e-mail meanwhile), so SUP-01 and the matrix judge the print house not critical; its
outage was still said to breach policy administration's 8-hour recovery time and to start the
DORA major-incident clocks. The function is now listed, not stopped, with the reason and what
to record if it does stop; a service recorded as supporting it stops it as before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import Run

PROGRAMME = """apiVersion: resilint/v1
kind: Entity
id: insurer
name: Vestria Versicherung AG
regimes: [dora]
---
apiVersion: resilint/v1
kind: Supplier
id: printer
name: Print and Mail GmbH
tier: 2
provides_ict_services: false
highest_access_level: none
data_sensitivity: confidential
services:
  - {name: print-and-mail, stores_data: true, supports_critical_function: SUPPORTS}
---
apiVersion: resilint/v1
kind: BusinessFunction
id: policy-administration
name: Policy administration
owner: head-of-underwriting
entities: [insurer]
criticality: critical
rto_hours: 8
mtpd_hours: 48
depends_on:
  services: [{supplier: printer, service: print-and-mail}]
"""


def impact(cli: Run, write: Any, tmp_path: Path, supports: str, form: str = "text") -> Any:
    write("resilint.yaml", "{}\n")
    write("programme.yaml", PROGRAMME.replace("SUPPORTS", supports))
    result = cli(
        "impact", "--supplier", "printer", "--hours", "24", "--format", form,
        "--as-of", "2026-12-01", cwd=tmp_path,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return result.json() if form == "json" else result.stdout


def test_a_service_recorded_as_not_supporting_does_not_stop_the_function(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    text = impact(cli, write, tmp_path, "false")
    assert "RTO 8 h: BREACHED" not in text
    assert "not stopped (what it uses of the supplier is recorded as not supporting" in text
    assert "record supports_critical_function: true there if the function stops with it" in text
    assert "Delegated Regulation (EU) 2025/301" not in text
    [function] = impact(cli, write, tmp_path, "false", "json")["functions"]
    assert function["stopped"] is False and function["breaches_rto"] is False


def test_a_service_recorded_as_supporting_it_still_stops_it(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    text = impact(cli, write, tmp_path, "true")
    assert "RTO 8 h: BREACHED by a 24-hour outage" in text
    assert "not stopped" not in text
