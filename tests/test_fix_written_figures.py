"""`resilint fix` writes the figure SCH-01 names for a value written as people write it: '90 days'
in a field in days, '20h' in a field in hours, '1.000.000' with separators. Where the figure says
the same thing in the field's unit the fix is safe; where it was converted ('2 weeks' to 14 days)
or something is dropped (a currency, a percent sign outside a percent field) it is unsafe, and
where no figure follows ('6 months' of days, '1,500', '2 business days') nothing is written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from one_file import AS_OF, doc

CONTRACT = doc(
    "Contract",
    "ctr-a",
    "supplier: acme\n"
    "our_notice_period_days: 90 days\n"  # safe: the field's own unit
    'supplier_notice_period_days: "2 weeks"\n'  # unsafe: converted to days
    "incident_notification: {window_hours: 20h}\n"  # safe
    "evidence_retention: {log_days: 6 months}\n",  # no figure: a month has no fixed length
)
CONTROL = doc(
    "Control",
    "mfa",
    "name: MFA\nowner: ciso\ncoverage_percent: 95%\n",
)
POLICY = doc(
    "InsurancePolicy",
    "cyber",
    "name: Cyber\ninsurer: Hanse\nowner: risk\nperiod: {start: 2026-04-01, end: 2027-03-31}\n"
    "currency: EUR\naggregate_limit: 2.000.000\n"  # safe: two separators read one way
    "coverages:\n"
    "  forensics: {included: true, sublimit: EUR 250k}\n"  # unsafe: the currency is dropped
    "  legal: {included: true, sublimit: '1,500'}\n",  # no figure: 1500 or 1.5
)


def _setup(write, *texts: str) -> None:
    write("resilint.yaml", json.dumps({"profiles": [], "select": ["SCH-01"]}))
    write("repo.yaml", "---\n".join(texts))


def _data(tmp_path: Path) -> list[dict[str, Any]]:
    return list(yaml.safe_load_all((tmp_path / "repo.yaml").read_text(encoding="utf-8")))


def test_a_figure_in_the_fields_unit_is_fixed_safely(cli, write, tmp_path) -> None:
    _setup(write, CONTRACT)
    result = cli("fix", "--no-cache", "--as-of", AS_OF, "repo.yaml")
    assert result.exit_code == 1, result.stdout + result.stderr  # the months are left
    (contract,) = _data(tmp_path)
    assert contract["our_notice_period_days"] == 90
    assert contract["incident_notification"]["window_hours"] == 20
    assert contract["supplier_notice_period_days"] == "2 weeks"  # converted: unsafe, left
    assert contract["evidence_retention"]["log_days"] == "6 months"


def test_a_converted_figure_is_an_unsafe_fix(cli, write, tmp_path) -> None:
    _setup(write, CONTRACT)
    shown = cli("check", "--no-cache", "--as-of", AS_OF, "repo.yaml")
    weeks = next(line for line in shown.stdout.splitlines() if "2 weeks" in line)
    assert "[unsafe fix]" in weeks and "write 14" in weeks, shown.stdout
    days = next(line for line in shown.stdout.splitlines() if "90 days" in line)
    assert "SCH-01 [fix] error" in days, shown.stdout
    cli("fix", "--unsafe-fixes", "--no-cache", "--as-of", AS_OF, "repo.yaml")
    (contract,) = _data(tmp_path)
    assert contract["supplier_notice_period_days"] == 14
    assert contract["evidence_retention"]["log_days"] == "6 months"  # no figure, no fix


def test_amounts_and_percentages(cli, write, tmp_path) -> None:
    _setup(write, CONTROL, POLICY)
    cli("fix", "--no-cache", "--as-of", AS_OF, "repo.yaml")
    control, policy = _data(tmp_path)
    assert control["coverage_percent"] == 95  # a percent field: the sign says nothing more
    assert policy["aggregate_limit"] == 2000000
    assert policy["coverages"]["forensics"]["sublimit"] == "EUR 250k"  # currency dropped: unsafe
    assert policy["coverages"]["legal"]["sublimit"] == "1,500"  # two readings: never
    cli("fix", "--unsafe-fixes", "--no-cache", "--as-of", AS_OF, "repo.yaml")
    _, policy = _data(tmp_path)
    assert policy["coverages"]["forensics"]["sublimit"] == 250000
    assert policy["coverages"]["legal"]["sublimit"] == "1,500"
