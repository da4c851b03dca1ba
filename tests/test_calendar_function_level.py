"""resilint calendar names a function's yearly exercise by the criticality its record gives it:
an important function (a hospital's diagnostic imaging, an insurer's actuarial reporting) was
listed as "exercise of critical function ...", which a reader takes for a function the
organisation has not classed critical; a critical one keeps its word."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import Run

PROGRAMME = """apiVersion: resilint/v1
kind: Entity
id: co
---
apiVersion: resilint/v1
kind: BusinessFunction
id: imaging
name: Diagnostic imaging
owner: head-of-radiology
criticality: important
rto_hours: 8
---
apiVersion: resilint/v1
kind: BusinessFunction
id: emergency
name: Emergency department
owner: head-of-emergency-medicine
criticality: critical
rto_hours: 2
---
apiVersion: resilint/v1
kind: Exercise
id: ex-2026
name: Imaging and emergency downtime
date: 2026-05-20
status: completed
type: tabletop
scenarios: [outage]
functions: [imaging, emergency]
"""


def test_an_important_functions_exercise_is_not_called_critical(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    write("resilint.yaml", "{}\n")
    write("programme.yaml", PROGRAMME)
    result = cli("calendar", "--days", "365", "--as-of", "2026-12-01", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "exercise due: exercise of important function imaging:" in result.stdout
    assert "exercise due: exercise of critical function emergency:" in result.stdout
    assert "critical function imaging" not in result.stdout
