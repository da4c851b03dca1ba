"""An exercise still planned after its date was held and not recorded, or not held: EXR-05 says
so (a warning) and the calendar keeps listing it, overdue, where it used to drop it on the day
after. On its date it is still planned; a cancelled or completed one is left alone."""

from __future__ import annotations

import json
from pathlib import Path

EXERCISES = """\
apiVersion: resilint/v1
kind: Exercise
id: tabletop-2026-09
date: 2026-09-15
status: planned
type: tabletop
---
apiVersion: resilint/v1
kind: Exercise
id: switchover-2026-05
date: 2026-05-20
status: cancelled
---
apiVersion: resilint/v1
kind: Exercise
id: tabletop-2027-03
date: 2027-03-10
status: planned
"""


def _exr05(cli, repo: Path, as_of: str) -> list[dict]:
    run = cli("check", ".", "--no-cache", "-f", "json", "--as-of", as_of, cwd=repo)
    return [f for f in json.loads(run.stdout)["findings"] if f["code"] == "EXR-05"]


def _planned(cli, repo: Path, as_of: str) -> list[dict]:
    run = cli("calendar", ".", "--format", "json", "--as-of", as_of, cwd=repo)
    assert run.exit_code == 0, run.stderr
    deadlines = json.loads(run.stdout)["deadlines"]
    return [d for d in deadlines if d["category"] == "exercise-planned"]


def test_a_planned_exercise_past_its_date_is_reported_and_listed(cli, tmp_path: Path) -> None:
    (tmp_path / "exercises.yaml").write_text(EXERCISES, encoding="utf-8")
    (finding,) = _exr05(cli, tmp_path, "2026-12-06")
    assert finding["level"] == "warning"
    assert finding["id"] == "tabletop-2026-09" and finding["line"] == 4
    assert "was planned for 2026-09-15 and is still recorded as planned" in finding["message"]
    listed = {d["date"]: d for d in _planned(cli, tmp_path, "2026-12-06")}
    assert set(listed) == {"2026-09-15", "2027-03-10"}
    assert "not recorded as held" in json.dumps(listed["2026-09-15"])


def test_on_its_date_it_is_still_planned(cli, tmp_path: Path) -> None:
    (tmp_path / "exercises.yaml").write_text(EXERCISES, encoding="utf-8")
    assert _exr05(cli, tmp_path, "2026-09-15") == []
    assert "not recorded as held" not in json.dumps(_planned(cli, tmp_path, "2026-09-15"))
