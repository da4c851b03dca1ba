"""A planned exercise whose date has passed is over once a later exercise, completed by the
date checked, tested what it was to test (every function, playbook, supplier and scenario it
names, at its type or a more demanding one): EXR-05 no longer reports it and the calendar no
longer lists it. A later exercise that tests less, or a tabletop after a planned live test,
leaves it reported and listed, overdue, as before."""

from __future__ import annotations

import json
from pathlib import Path

PLANNED = """\
apiVersion: resilint/v1
kind: BusinessFunction
id: order-processing
criticality: critical
---
apiVersion: resilint/v1
kind: BusinessFunction
id: invoicing
criticality: critical
---
apiVersion: resilint/v1
kind: Exercise
id: switchover-2026-03
date: 2026-03-10
status: planned
type: {planned_type}
scenarios: [switchover]
functions: [order-processing]
---
apiVersion: resilint/v1
kind: Exercise
id: switchover-2026-06
date: {held_on}
status: completed
type: {held_type}
scenarios: [switchover, supplier_outage]
functions: {held_functions}
"""


def _write(repo: Path, **values: str) -> None:
    fields = {
        "planned_type": "tabletop",
        "held_on": "2026-06-18",
        "held_type": "live",
        "held_functions": "[order-processing, invoicing]",
    }
    fields.update(values)
    (repo / "exercises.yaml").write_text(PLANNED.format(**fields), encoding="utf-8")


def _exr05(cli, repo: Path, as_of: str) -> list[dict]:
    run = cli("check", ".", "--no-cache", "-f", "json", "--as-of", as_of, cwd=repo)
    return [f for f in json.loads(run.stdout)["findings"] if f["code"] == "EXR-05"]


def _planned(cli, repo: Path, as_of: str) -> list[str]:
    run = cli("calendar", ".", "--format", "json", "--as-of", as_of, cwd=repo)
    assert run.exit_code == 0, run.stderr
    deadlines = json.loads(run.stdout)["deadlines"]
    return [d["id"] for d in deadlines if d["category"] == "exercise-planned"]


def test_a_plan_a_later_live_test_replaced_is_neither_reported_nor_listed(
    cli, tmp_path: Path
) -> None:
    _write(tmp_path)
    assert _exr05(cli, tmp_path, "2026-12-06") == []
    assert _planned(cli, tmp_path, "2026-12-06") == []


def test_before_the_later_exercise_was_held_the_plan_is_overdue(cli, tmp_path: Path) -> None:
    _write(tmp_path)
    (finding,) = _exr05(cli, tmp_path, "2026-06-17")
    assert finding["id"] == "switchover-2026-03"
    assert _planned(cli, tmp_path, "2026-06-17") == ["switchover-2026-03"]


def test_a_later_exercise_that_tests_less_or_less_demanding_does_not_replace_it(
    cli, tmp_path: Path
) -> None:
    for values in (
        {"held_functions": "[invoicing]"},  # not the function it was to test
        {"planned_type": "live", "held_type": "tabletop"},  # a discussion is no live test
        {"held_on": "2026-03-01"},  # held before the plan's date: not what replaced it
    ):
        _write(tmp_path, **values)
        assert len(_exr05(cli, tmp_path, "2026-12-06")) == 1, values
        assert _planned(cli, tmp_path, "2026-12-06") == ["switchover-2026-03"], values
