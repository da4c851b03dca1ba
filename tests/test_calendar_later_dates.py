"""A supplier's last assessment dated after the date checked shows none by then: SUP-04 reports
it, and the calendar of that date lists the assessment as due now (it showed it due a year
after the later date, so `resilint calendar --as-of` an earlier date missed it)."""

from __future__ import annotations

import json
from pathlib import Path

SUPPLIER = """\
apiVersion: resilint/v1
kind: Supplier
id: acme
tier: 1
provides_ict_services: true
status: active
last_assessment: {date: 2026-06-09, outcome: satisfactory}
"""


def _assessment(cli, repo: Path, as_of: str) -> dict:
    run = cli("calendar", ".", "--format", "json", "--as-of", as_of, "--days", "400", cwd=repo)
    assert run.exit_code == 0, run.stderr
    (due,) = [d for d in json.loads(run.stdout)["deadlines"] if d["category"] == "assessment"]
    return due


def test_a_later_assessment_leaves_one_due_now(cli, tmp_path: Path) -> None:
    (tmp_path / "suppliers.yaml").write_text(SUPPLIER, encoding="utf-8")
    due = _assessment(cli, tmp_path, "2026-01-01")
    assert due["date"] is None
    assert "its last assessment, 2026-06-09, is after the date checked" in json.dumps(due)
    run = cli("check", ".", "--no-cache", "--format", "json", "--as-of", "2026-01-01", cwd=tmp_path)
    assert any(f["code"] == "SUP-04" for f in json.loads(run.stdout)["findings"])


def test_from_the_day_itself_it_is_due_a_year_later(cli, tmp_path: Path) -> None:
    (tmp_path / "suppliers.yaml").write_text(SUPPLIER, encoding="utf-8")
    assert _assessment(cli, tmp_path, "2026-06-09")["date"] == "2027-06-09"
