"""The board's what-if review reads a row as an outage. Under NIS2 an incident must be notified
where it is significant (Directive (EU) 2022/2555 Art. 23(3): severe operational disruption or
financial loss for the entity, or considerable damage to others), and under NYDFS where it is a
cybersecurity incident (23 NYCRR 500.1, 500.17(a)(1): an act or attempt to access, disrupt or
misuse a system that materially harms normal operations, requires notice elsewhere, or deploys
ransomware). Both are judgements an outage that stops no critical or important function may
still meet, so the row no longer starts their clocks as a hard deadline: it says "may be
notifiable: assess", and a note under the table gives each test with its citation. A supplier
the function rests on keeps both clocks, and the supplier's own scenario keeps them all."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import Run
from tests.test_impact_what_if_not_major import board, row

PROGRAMME = """apiVersion: resilint/v1
kind: Entity
id: mfg
name: Northwind Manufacturing GmbH
country: DE
regimes: [nis2]
---
apiVersion: resilint/v1
kind: Entity
id: ny-insurer
name: Northwind Insurance Company of New York
country: US
regimes: [nydfs]
---
apiVersion: resilint/v1
kind: Supplier
id: plantsys
name: Plant Systems GmbH
tier: 1
provides_ict_services: true
highest_access_level: privileged
---
apiVersion: resilint/v1
kind: Supplier
id: watch-mdr
name: Watch MDR B.V.
tier: 1
provides_ict_services: true
highest_access_level: privileged
---
apiVersion: resilint/v1
kind: BusinessFunction
id: production
name: Production
owner: coo
entities: [mfg, ny-insurer]
criticality: critical
rto_hours: 4
depends_on: {suppliers: [plantsys]}
supported_by: {suppliers: [watch-mdr]}
"""

NIS2_CLOCK = "24 hours from our awareness of the incident: early warning"
NYDFS_CLOCK = "72 hours from determining that a cybersecurity incident occurred"
ASSESS = (
    "may be notifiable: assess (the outage stops no critical or important function of theirs; "
    "see the note)"
)


def test_an_outage_that_stops_nothing_critical_is_left_to_assess(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    table = board(cli, write, tmp_path, "markdown", PROGRAMME)
    plant = row(table, "plantsys")
    assert NIS2_CLOCK in plant and NYDFS_CLOCK in plant and "assess" not in plant
    mdr = row(table, "watch-mdr")
    assert NIS2_CLOCK not in mdr and NYDFS_CLOCK not in mdr
    assert f"NIS2 clocks not started for mfg: {ASSESS}" in mdr
    assert f"NYDFS clock not started for ny-insurer: {ASSESS}" in mdr
    notes = " ".join(table.split("\n\n")[-2:])
    assert "(Directive (EU) 2022/2555 Art. 23(3);" in notes
    assert "severe operational disruption of the services or financial loss" in notes
    assert "(23 NYCRR 500.17(a)(1))" in notes and "(23 NYCRR 500.1)" in notes
    assert "2024/1772" not in table  # no entity under DORA: no word of its test


def test_the_text_review_says_it_too(cli: Run, write: Any, tmp_path: Path) -> None:
    text = board(cli, write, tmp_path, "text", PROGRAMME)
    mdr = text[text.index("watch-mdr:") :]
    assert "early warning" not in mdr.split("Note:")[0]
    assert f"NYDFS clock not started for ny-insurer: {ASSESS}" in mdr
    assert (
        "Note: An outage that stops no critical or important function of an entity under NIS2"
        in text
    )
    assert (
        "Note: An outage that stops no critical or important function of an entity under NYDFS"
        in text
    )


def test_no_note_where_every_outage_stops_a_critical_function(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    relied_on = PROGRAMME.replace("\nsupported_by: {suppliers: [watch-mdr]}", "")
    text = relied_on.replace("[plantsys]", "[plantsys, watch-mdr]")
    table = board(cli, write, tmp_path, "markdown", text)
    assert "assess" not in table and "23(3)" not in table
    assert NYDFS_CLOCK in row(table, "watch-mdr")


def test_the_report_says_it_under_the_what_if_table(cli: Run, write: Any, tmp_path: Path) -> None:
    board(cli, write, tmp_path, "markdown", PROGRAMME)
    run = cli("report", ".", "-o", "r.html", cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    section = page[page.index('id="what-if"') :]
    section = section[: section.index("</section>")]
    assert "NIS2 clocks not started for mfg: may be notifiable: assess" in section
    assert section.count('class="major-note"') == 2


def test_the_supplier_scenario_keeps_the_clocks(cli: Run, write: Any, tmp_path: Path) -> None:
    """``impact --supplier`` reads the supplier as down or compromised: its NIS2 and NYDFS
    clocks stay listed, each with its condition."""
    board(cli, write, tmp_path, "markdown", PROGRAMME)
    run = cli("impact", "--supplier", "watch-mdr", "--format", "json", cwd=tmp_path)
    notices = json.loads(run.stdout)["notices"]
    regimes = {n["regime"]: n for n in notices if n["regime"]}
    assert regimes["nis2"]["condition"] == "if the incident is significant (Art. 23(3))"
    assert regimes["nydfs"]["deadline_hours"] == 72
