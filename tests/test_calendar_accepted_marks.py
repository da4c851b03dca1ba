"""The calendar says a deadline's finding is accepted only where what accepts it reaches that
finding: a waiver narrowed to one service's exit plan accepts that service's dates, not the next
service's of the same supplier (check reports the other); a waiver accepts no date that falls
after it expires, nor one not yet passed (no finding of it exists yet); an inline comment
accepts the field it is written at. Run on a copy of the
lindenau example, whose supplier corrivo has exit plans for two services (SUP-08)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import copy_example
from day_by_day import deadlines, findings

AS_OF = "2027-05-10"  # both exit plans were last tested on 2026-05-05: both overdue

NARROWED = """\
---
apiVersion: resilint/v1
kind: Waiver
id: waiver-workspace-exit-test
rule: SUP-08
targets:
  - {kind: Supplier, id: corrivo, field: "services[0].exit_plan"}
rationale: The workspace exit test moves to the June migration window.
risk_owner: cio
approver: cfo
approved_on: 2027-05-01
expires: 2027-07-31
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_example("lindenau", tmp_path)


def _exit_plans(cli, repo: Path) -> dict[tuple[str, str], str | None]:  # type: ignore[no-untyped-def]
    """The corrivo exit-plan entries, by what they ask and the service, with their marks."""
    return {
        (d["title"].split()[0], d["title"].split("of service ")[1].split()[0]): d["accepted"]
        for d in deadlines(cli, repo, AS_OF)
        if d["category"] == "exit-plan" and d["title"].endswith("supplier corrivo")
    }


def test_a_waiver_narrowed_to_one_service_marks_that_service_only(cli, repo: Path) -> None:
    with (repo / "waivers.yaml").open("a", encoding="utf-8") as waivers:
        waivers.write(NARROWED)
    reported = {
        f["json_path"]: f["suppression"]
        for f in findings(cli, repo, AS_OF)
        if f["code"] == "SUP-08" and f["id"] == "corrivo"
    }
    assert reported["services[0].exit_plan.last_tested"]["source"] == (
        "Waiver waiver-workspace-exit-test"
    )
    assert reported["services[1].exit_plan.last_tested"] is None  # check still counts it
    marks = _exit_plans(cli, repo)
    assert marks[("test", "workspace")] == "Waiver waiver-workspace-exit-test"
    assert marks[("test", "corrivo-id")] is None
    # the review falls due on 2027-10-12, after the waiver expires: it will be a finding then
    assert marks[("review", "workspace")] is None
    assert marks[("review", "corrivo-id")] is None


def test_a_waiver_of_the_whole_supplier_marks_each_service_whose_date_has_passed(
    cli, repo: Path
) -> None:
    whole = NARROWED.replace(', field: "services[0].exit_plan"', "").replace(
        "2027-07-31", "2027-12-31"
    )
    with (repo / "waivers.yaml").open("a", encoding="utf-8") as waivers:
        waivers.write(whole)
    marks = _exit_plans(cli, repo)
    assert marks[("test", "workspace")] == "Waiver waiver-workspace-exit-test"
    assert marks[("test", "corrivo-id")] == "Waiver waiver-workspace-exit-test"
    # the reviews fall due on 2027-10-12: no finding of them exists yet to be accepted
    assert marks[("review", "workspace")] is None
    assert marks[("review", "corrivo-id")] is None


def test_an_inline_comment_marks_the_date_it_is_written_at(cli, repo: Path) -> None:
    path = repo / "suppliers" / "corrivo.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    tested = [n for n, line in enumerate(lines) if "last_tested: 2026-05-05" in line]
    first = tested[0]
    lines[first] = lines[first].rstrip("\n") + (
        '  # resilint: ignore[SUP-08] reason="tested with the June migration"\n'
    )
    path.write_text("".join(lines), encoding="utf-8")
    marks = _exit_plans(cli, repo)
    inline = f"an inline comment at suppliers/corrivo.yaml:{first + 1}"
    assert marks[("test", "workspace")] == inline
    assert marks[("test", "corrivo-id")] is None
