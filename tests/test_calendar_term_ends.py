"""A renewal term starts the day after the last one ended and runs whole months: its end is
counted from its first day, so a monthly term ending on 31 January does not drift to the 28th
for ever after February, and a yearly term starting on 1 March ends on 29 February in a leap
year. The calendar's renewal and notice dates follow."""

from __future__ import annotations

import json
from pathlib import Path

PROGRAMME = """\
apiVersion: resilint/v1
kind: Supplier
id: cleaning
tier: 3
---
apiVersion: resilint/v1
kind: Contract
id: ctr-cleaning
supplier: cleaning
status: active
start_date: {start}
end_date: {end}
auto_renew: true
renewal_term_months: {months}
our_notice_period_days: 10
"""


def _dates(cli, repo: Path, as_of: str) -> dict[str, str]:
    run = cli("calendar", ".", "--format", "json", "--as-of", as_of, "--days", "400", cwd=repo)
    assert run.exit_code == 0, run.stderr
    deadlines = json.loads(run.stdout)["deadlines"]
    return {d["category"]: d["date"] for d in deadlines if d["id"] == "ctr-cleaning"}


def test_a_monthly_term_ending_on_the_31st_keeps_to_month_ends(cli, tmp_path: Path) -> None:
    text = PROGRAMME.format(start="2024-02-01", end="2027-01-31", months=1)
    (tmp_path / "programme.yaml").write_text(text, encoding="utf-8")
    dates = _dates(cli, tmp_path, "2027-04-15")
    assert dates["auto-renewal"] == "2027-04-30"  # terms: Feb 28, Mar 31, Apr 30
    assert dates["notice"] == "2027-04-20"


def test_a_yearly_term_from_1_march_ends_on_29_february(cli, tmp_path: Path) -> None:
    text = PROGRAMME.format(start="2026-03-01", end="2027-02-28", months=12)
    (tmp_path / "programme.yaml").write_text(text, encoding="utf-8")
    dates = _dates(cli, tmp_path, "2027-03-01")
    assert dates["auto-renewal"] == "2028-02-29"
    assert dates["notice"] == "2028-02-19"


def test_a_term_ending_mid_month_renews_to_the_same_day(cli, tmp_path: Path) -> None:
    text = PROGRAMME.format(start="2024-06-16", end="2026-06-15", months=12)
    (tmp_path / "programme.yaml").write_text(text, encoding="utf-8")
    assert _dates(cli, tmp_path, "2026-12-06")["auto-renewal"] == "2027-06-15"


def test_one_day_and_one_month_read_as_such(cli, tmp_path: Path) -> None:
    text = PROGRAMME.format(start="2024-02-01", end="2027-01-31", months=1)
    (tmp_path / "programme.yaml").write_text(text, encoding="utf-8")
    run = cli("calendar", ".", "--as-of", "2027-04-19", "--days", "30", cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    assert "in 1 day  notice deadline" in run.stdout
    assert "renews automatically for 1 month:" in run.stdout
