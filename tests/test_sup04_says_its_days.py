"""SUP-04 says the interval it counts: an assessment of 1 March 2027 is 366 days old on
1 March 2028 (a leap day between), past the 365 days of tier 1, and the message says "more than
365 days ago" where it said "12 months", which it was not; a configured interval is the one
said."""

from __future__ import annotations

import json
from pathlib import Path

SUPPLIERS = """\
apiVersion: resilint/v1
kind: Supplier
id: acme
tier: 1
last_assessment: {date: 2027-03-01, type: remote_audit}
---
apiVersion: resilint/v1
kind: Supplier
id: beta
tier: 2
last_assessment: {date: 2025-01-01, type: questionnaire}
"""


def _sup04(cli, repo: Path, as_of: str) -> dict[str, str]:
    run = cli("check", ".", "--no-cache", "-f", "json", "--as-of", as_of, cwd=repo)
    found = json.loads(run.stdout)["findings"]
    return {f["id"]: f["message"] for f in found if f["code"] == "SUP-04"}


def test_the_message_says_the_days_it_counts(cli, tmp_path: Path) -> None:
    (tmp_path / "suppliers.yaml").write_text(SUPPLIERS, encoding="utf-8")
    assert "acme" not in _sup04(cli, tmp_path, "2028-02-29")  # day 365: due, not yet late
    said = _sup04(cli, tmp_path, "2028-03-01")
    assert (
        "last assessed on 2027-03-01, more than 365 days ago"
        " (the interval this programme sets for tier 1)" in said["acme"]
    )
    assert "more than 730 days ago (the interval this programme sets for tier 2)" in said["beta"]
    assert "months" not in said["acme"] + said["beta"]


def test_a_configured_interval_is_the_one_said(cli, tmp_path: Path) -> None:
    (tmp_path / "suppliers.yaml").write_text(SUPPLIERS, encoding="utf-8")
    (tmp_path / "resilint.yaml").write_text(
        'rules:\n  SUP-04: {params: {max_age_days: {"1": 180}}}\n', encoding="utf-8"
    )
    said = _sup04(cli, tmp_path, "2027-09-01")  # 184 days
    assert "more than 180 days ago (the interval this programme sets for tier 1)" in said["acme"]
