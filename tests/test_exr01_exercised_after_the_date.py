"""A joint playbook's last_exercised after the date checked shows no exercise by then: EXR-01
says so (not that none is recorded), and the calendar of that date lists the exercise as due
now, as the check reports it (it showed it due a year after the later date)."""

from __future__ import annotations

import json
from pathlib import Path

PROGRAMME = """\
apiVersion: resilint/v1
kind: Supplier
id: acme
tier: 1
provides_ict_services: true
status: active
---
apiVersion: resilint/v1
kind: Playbook
id: acme-playbook
supplier: acme
last_exercised: 2026-04-22
"""


def test_a_later_last_exercised_shows_no_exercise_by_the_date(cli, tmp_path: Path) -> None:
    (tmp_path / "programme.yaml").write_text(PROGRAMME, encoding="utf-8")
    run = cli("check", ".", "--no-cache", "--format", "json", "--as-of", "2026-01-01", cwd=tmp_path)
    (finding,) = [f for f in json.loads(run.stdout)["findings"] if f["code"] == "EXR-01"]
    assert "its last_exercised, 2026-04-22, is after the date checked" in finding["message"]
    assert "records no exercise" not in finding["message"]

    run = cli("calendar", ".", "--format", "json", "--as-of", "2026-01-01", cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    (due,) = [d for d in json.loads(run.stdout)["deadlines"] if d["id"] == "acme-playbook"]
    assert due["date"] is None  # due now, not on 2027-04-22


def test_on_the_day_itself_it_counts(cli, tmp_path: Path) -> None:
    (tmp_path / "programme.yaml").write_text(PROGRAMME, encoding="utf-8")
    run = cli("check", ".", "--no-cache", "--format", "json", "--as-of", "2026-04-22", cwd=tmp_path)
    assert [f for f in json.loads(run.stdout)["findings"] if f["code"] == "EXR-01"] == []
    run = cli(
        "calendar", ".", "--format", "json", "--as-of", "2026-04-22", "--days", "400", cwd=tmp_path
    )
    (due,) = [d for d in json.loads(run.stdout)["deadlines"] if d["id"] == "acme-playbook"]
    assert due["date"] == "2027-04-22"
