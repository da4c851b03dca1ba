"""SUP-04 on an engaged supplier with no assessment on record says what to do (assess it and
record the date and outcome under last_assessment) and how often after that, and, below tier 1,
that the interval is the programme's policy: a procurement manager reading "has no recorded
assessment" alone learns neither. Through the CLI on real files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

SUPPLIERS = """\
apiVersion: resilint/v1
kind: Supplier
id: accountant
name: Example Accounting UAB
status: active
tier: 3
provides_ict_services: false
data_sensitivity: confidential
---
apiVersion: resilint/v1
kind: Supplier
id: hoster
name: Example Hosting UAB
status: active
tier: 1
provides_ict_services: true
"""


def test_the_missing_assessment_says_what_to_do(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "suppliers.yaml").write_text(SUPPLIERS, encoding="utf-8")
    run = cli(
        "check", ".", "--no-cache", "--select", "SUP-04", "--as-of", "2026-12-07", cwd=tmp_path
    )
    lines = run.stdout.splitlines()
    tier3 = next(line for line in lines if "accountant" in line)
    assert tier3.startswith(
        "suppliers.yaml:3:5: SUP-04 warning supplier accountant (tier 3) has no recorded "
        "assessment (no last_assessment.date): assess it in proportion to its tier"
    ), tier3
    assert "record the date and outcome under last_assessment" in tier3
    assert "then due every 1095 days" in tier3
    assert "policy, not a legal requirement" in tier3
    tier1 = next(line for line in lines if "hoster" in line)
    assert tier1.startswith("suppliers.yaml:12:5: SUP-04 error supplier hoster is tier 1"), tier1
    assert "has never been assessed (no last_assessment.date): assess it" in tier1
    assert "then due every 365 days" in tier1
