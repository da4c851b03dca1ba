"""An auto-renewing contract whose notice day for the current term has passed is not an overdue
deadline: it renews at its end. The calendar shows the next term's notice day instead."""

from __future__ import annotations

import datetime
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
start_date: 2024-01-01
end_date: {end}
auto_renew: true
renewal_term_months: {months}
our_notice_period_days: 90
"""


YEARLY = PROGRAMME.format(end="2026-12-31", months=12)


def _notice(cli, repo: Path, as_of: str) -> list[dict]:
    run = cli("calendar", ".", "--format", "json", "--as-of", as_of, "--days", "400", cwd=repo)
    assert run.exit_code == 0, run.stderr
    deadlines = json.loads(run.stdout)["deadlines"]
    return [d for d in deadlines if d["category"] == "notice" and d["id"] == "ctr-cleaning"]


def test_passed_notice_day_moves_to_the_next_term(cli, tmp_path: Path) -> None:
    (tmp_path / "programme.yaml").write_text(YEARLY, encoding="utf-8")
    (notice,) = _notice(cli, tmp_path, "2026-12-04")
    expected = datetime.date(2027, 12, 31) - datetime.timedelta(days=90)
    assert notice["date"] == expected.isoformat()


def test_notice_day_still_ahead_is_unchanged(cli, tmp_path: Path) -> None:
    (tmp_path / "programme.yaml").write_text(YEARLY, encoding="utf-8")
    (notice,) = _notice(cli, tmp_path, "2026-09-01")
    assert notice["date"] == (datetime.date(2026, 12, 31) - datetime.timedelta(days=90)).isoformat()


def test_a_monthly_term_with_long_notice_shows_a_notice_day_still_ahead(
    cli, tmp_path: Path
) -> None:
    """A monthly term with 90 days' notice: the next term's notice day has passed too, so the
    first term whose notice day is still ahead is shown, not one overdue."""
    monthly = PROGRAMME.format(end="2027-01-15", months=1)
    (tmp_path / "programme.yaml").write_text(monthly, encoding="utf-8")
    (notice,) = _notice(cli, tmp_path, "2026-12-04")
    assert notice["date"] == (datetime.date(2027, 3, 15) - datetime.timedelta(days=90)).isoformat()
    assert notice["date"] >= "2026-12-04"


def _renewal(cli, repo: Path, as_of: str) -> dict:
    run = cli("calendar", ".", "--format", "json", "--as-of", as_of, "--days", "400", cwd=repo)
    assert run.exit_code == 0, run.stderr
    deadlines = json.loads(run.stdout)["deadlines"]
    (renewal,) = [d for d in deadlines if d["category"] == "auto-renewal"]
    return renewal


def test_a_renewal_past_its_notice_day_does_not_invite_a_notice(cli, tmp_path: Path) -> None:
    """Once the notice day of the term has passed, the renewal cannot be stopped: the entry
    says so, instead of "unless notice is given" (an online retailer's carrier contract)."""
    (tmp_path / "programme.yaml").write_text(YEARLY, encoding="utf-8")
    renewal = _renewal(cli, tmp_path, "2026-12-04")
    text = json.dumps(renewal)
    assert "unless notice is given" not in text
    assert "its notice day (2026-10-02) has passed, so it renews then" in text
    ahead = json.dumps(_renewal(cli, tmp_path, "2026-09-01"))
    assert "unless notice is given by the notice deadline" in ahead


UNKNOWN_TERM = PROGRAMME.replace("renewal_term_months: {months}\n", "").format(end="2027-03-31")


def test_a_passed_notice_day_with_no_term_length_is_not_overdue(cli, tmp_path: Path) -> None:
    """A SWIFT bureau's contract renews automatically, its notice day passed, and the length of
    the renewal term is not recorded: the calendar listed the passed notice day as "overdue by 15
    days ... give notice to stop the renewal", which no notice can do any more. It shows the
    renewal, saying its notice day has passed and asking for the term's length, and counts
    nothing overdue."""
    (tmp_path / "programme.yaml").write_text(UNKNOWN_TERM, encoding="utf-8")
    assert _notice(cli, tmp_path, "2027-01-15") == []
    renewal = json.dumps(_renewal(cli, tmp_path, "2027-01-15"))
    assert "its notice day (2026-12-31) has passed, so it renews then" in renewal
    assert "record the length of the renewal term (renewal_term_months)" in renewal
    run = cli("calendar", ".", "--as-of", "2027-01-15", "--days", "400", cwd=tmp_path)
    assert "(0 overdue)" in run.stdout.splitlines()[0]
    # before the notice day, the notice deadline stands as it did
    (notice,) = _notice(cli, tmp_path, "2026-12-01")
    assert notice["date"] == "2026-12-31"
