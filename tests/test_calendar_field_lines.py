"""``resilint calendar`` places each deadline at the line of the field its date comes from, the
line ``resilint check`` reports the rule's finding at once the date has passed, not at the first
line of a long document: through the CLI on real files."""

from __future__ import annotations

import json
from pathlib import Path

SUPPLIER = """\
apiVersion: resilint/v1
kind: Supplier
id: kyc-vendor
name: Example Identity GmbH
description: Identity verification software as a service at client onboarding.
owner: head-of-financial-crime
status: active
tier: 1
provides_ict_services: true
supports_critical_function: true
last_assessment: {date: 2024-03-12, type: questionnaire, outcome: satisfactory}
services:
  - name: identity-verification
    ict_service_type: S19
    supports_critical_function: true
"""

CONTRACT = """\
apiVersion: resilint/v1
kind: Contract
id: ctr-kyc
supplier: kyc-vendor
owner: head-of-procurement
status: active
services: [identity-verification]
start_date: 2024-04-01
end_date: 2027-01-31
auto_renew: false
"""


def _line(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(needle))


def test_a_deadline_is_placed_at_its_field_as_check_places_its_finding(cli, tmp_path: Path) -> None:
    (tmp_path / "suppliers").mkdir()
    (tmp_path / "suppliers" / "kyc-vendor.yaml").write_text(SUPPLIER, encoding="utf-8")
    (tmp_path / "contracts").mkdir()
    (tmp_path / "contracts" / "kyc.yaml").write_text(CONTRACT, encoding="utf-8")
    assessed = _line(SUPPLIER, "last_assessment:")
    ends = _line(CONTRACT, "end_date:")
    run = cli("calendar", ".", "--as-of", "2026-12-07", "--no-cache")
    assert "assessment of supplier kyc-vendor" in run.stdout
    (assessment,) = [x for x in run.stdout.splitlines() if "assessment of supplier" in x]
    assert assessment.endswith(f"suppliers/kyc-vendor.yaml:{assessed}")
    (ending,) = [x for x in run.stdout.splitlines() if "contract ends" in x]
    assert ending.endswith(f"contracts/kyc.yaml:{ends}")
    data = json.loads(cli("calendar", ".", "-f", "json", "--as-of", "2026-12-07").stdout)
    lines = {d["category"]: d["line"] for d in data["deadlines"]}
    assert lines["assessment"] == assessed and lines["contract-end"] == ends
    # the line check reports the overdue assessment at
    found = cli("check", ".", "--format", "json", "--no-cache", "--as-of", "2026-12-07")
    (sup04,) = [f for f in found.json()["findings"] if f["code"] == "SUP-04"]
    assert sup04["line"] == assessed
