"""An exercise finding closed after the date checked was still open on that date: a check as of
an earlier date (a register's reference date) reports it overdue, and the calendar of that date
lists it, as they would have then. Closed on or before the date, it is neither."""

from __future__ import annotations

import json
from pathlib import Path

EXERCISE = """\
apiVersion: resilint/v1
kind: Exercise
id: tabletop-2026-03
date: 2026-03-12
status: completed
findings:
  - id: f1
    description: Insurer template lacked the policy number
    owner: risk-manager
    due_date: 2026-04-30
    status: closed
    closed_on: 2026-05-20
"""


def _exr03(cli, repo: Path, as_of: str) -> list[dict]:
    run = cli("check", ".", "--no-cache", "--format", "json", "--as-of", as_of, cwd=repo)
    return [f for f in json.loads(run.stdout)["findings"] if f["code"] == "EXR-03"]


def _listed(cli, repo: Path, as_of: str) -> list[dict]:
    run = cli("calendar", ".", "--format", "json", "--as-of", as_of, cwd=repo)
    assert run.exit_code == 0, run.stderr
    deadlines = json.loads(run.stdout)["deadlines"]
    return [d for d in deadlines if d["category"] == "exercise-finding"]


def test_a_finding_closed_later_is_open_and_overdue_before_it_closed(cli, tmp_path: Path) -> None:
    (tmp_path / "exercises.yaml").write_text(EXERCISE, encoding="utf-8")
    (finding,) = _exr03(cli, tmp_path, "2026-05-19")
    assert "was due on 2026-04-30" in finding["message"]
    assert finding["line"] == 10
    (due,) = _listed(cli, tmp_path, "2026-05-19")
    assert due["date"] == "2026-04-30"


def test_closed_on_or_before_the_date_it_is_done(cli, tmp_path: Path) -> None:
    (tmp_path / "exercises.yaml").write_text(EXERCISE, encoding="utf-8")
    for as_of in ("2026-05-20", "2026-12-06"):
        assert _exr03(cli, tmp_path, as_of) == []
        assert _listed(cli, tmp_path, as_of) == []
    assert _exr03(cli, tmp_path, "2026-04-30") == []  # open, not yet due
