"""An untested critical function, or joint playbook, that an exercise still to come lists: EXR-01
still reports it (a plan is no test), but asks to hold that exercise and record it, pointing at
it, where it asked to schedule one already scheduled; the calendar's overdue exercise names it.
One planned for a date already passed is EXR-05's, and the advice stays to schedule one."""

from __future__ import annotations

import json
from pathlib import Path

PROGRAMME = """\
apiVersion: resilint/v1
kind: BusinessFunction
id: shipment-tracking
criticality: important
owner: head-of-customer-service
---
apiVersion: resilint/v1
kind: Supplier
id: routenwerk
tier: 1
provides_ict_services: true
---
apiVersion: resilint/v1
kind: Playbook
id: pb-routenwerk
supplier: routenwerk
---
apiVersion: resilint/v1
kind: Exercise
id: ex-2027-02-cloud-outage
date: DATE
status: planned
type: simulation
functions: [shipment-tracking]
playbooks: [pb-routenwerk]
"""


def _write(repo: Path, date: str) -> None:
    (repo / "programme.yaml").write_text(PROGRAMME.replace("DATE", date), encoding="utf-8")


def _exr01(cli, repo: Path) -> dict[str, dict]:
    run = cli("check", ".", "--no-cache", "-f", "json", "--as-of", "2026-12-01", cwd=repo)
    found = [f for f in json.loads(run.stdout)["findings"] if f["code"] == "EXR-01"]
    return {f["id"]: f for f in found}


def test_the_planned_exercise_is_named_instead_of_asking_for_one(cli, tmp_path: Path) -> None:
    _write(tmp_path, "2027-02-17")
    found = _exr01(cli, tmp_path)
    hold = "exercise ex-2027-02-cloud-outage, planned for 2027-02-17, lists it: hold it and record"
    for key in ("shipment-tracking", "pb-routenwerk"):
        assert hold in found[key]["message"]
        assert "schedule" not in found[key]["message"]
        assert "run a joint exercise" not in found[key]["message"]
        related = json.dumps(found[key]["related"])
        assert "planned exercise: exercise ex-2027-02-cloud-outage" in related


def test_the_calendar_names_the_planned_exercise(cli, tmp_path: Path) -> None:
    _write(tmp_path, "2027-02-17")
    run = cli("calendar", ".", "--format", "json", "--as-of", "2026-12-01", cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    due = [d for d in json.loads(run.stdout)["deadlines"] if d["category"] == "exercise"]
    text = json.dumps(due)
    assert text.count("planned: ex-2027-02-cloud-outage on 2027-02-17") == 2


def test_an_exercise_planned_for_a_passed_date_is_not_named(cli, tmp_path: Path) -> None:
    _write(tmp_path, "2026-10-01")
    found = _exr01(cli, tmp_path)
    assert "schedule a tabletop or switch-over exercise" in found["shipment-tracking"]["message"]
    assert "planned for" not in found["shipment-tracking"]["message"]
