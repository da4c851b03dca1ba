"""The board's what-if review reads a row as an outage, and an outage is a personal data breach
only where it makes personal data unavailable in a way that risks people's rights (GDPR Art.
4(12), Art. 33(1)). The table listed the 72-hour notice to the data protection authority as a
first deadline for an outage that stops nothing, of a supplier that keeps no personal data of
ours as well as of one that does. Now, where the outage stops no critical or important function
of the entity, the row says the clock may be notifiable, to assess, for a supplier that may hold
the entity's personal data, and that none started for one with none recorded; a note under the
table gives the test. A function that stops keeps the clock, and the supplier's own scenario
(down or compromised) keeps it too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import Run
from tests.test_impact_what_if_not_major import board, row

PROGRAMME = """apiVersion: resilint/v1
kind: Entity
id: shop
name: Northwind Retail GmbH
country: DE
reporting_clocks: {data_protection_authority_hours: 72}
---
apiVersion: resilint/v1
kind: Supplier
id: erp
name: ERP Hosting GmbH
tier: 1
provides_ict_services: true
data_sensitivity: confidential
personal_data: true
highest_access_level: none
---
apiVersion: resilint/v1
kind: Supplier
id: crm
name: CRM Cloud GmbH
tier: 1
provides_ict_services: true
data_sensitivity: confidential
personal_data: true
highest_access_level: none
---
apiVersion: resilint/v1
kind: Supplier
id: watch-mdr
name: Watch MDR B.V.
tier: 1
provides_ict_services: true
data_sensitivity: internal
personal_data: false
highest_access_level: privileged
---
apiVersion: resilint/v1
kind: BusinessFunction
id: orders
name: Orders
owner: coo
entities: [shop]
criticality: critical
rto_hours: 4
depends_on: {suppliers: [erp]}
supported_by: {suppliers: [crm, watch-mdr]}
"""

CLOCK = "72 hours from our awareness of the personal data breach"
ASSESS = (
    "data protection clock not started for shop: may be notifiable: assess (the supplier may "
    "hold their personal data, which its outage makes unavailable, but the outage stops no "
    "critical or important function of theirs; see the note)"
)
NONE = (
    "no data protection clock started for shop: none of their personal data is recorded with "
    "the supplier, and the outage stops no critical or important function of theirs (see the "
    "note)"
)


def test_the_clock_follows_what_the_outage_can_do(cli: Run, write: Any, tmp_path: Path) -> None:
    table = board(cli, write, tmp_path, "markdown", PROGRAMME)
    erp = row(table, "erp")
    assert CLOCK in erp and "data protection clock" not in erp
    crm = row(table, "crm")
    assert CLOCK not in crm and ASSESS in crm
    mdr = row(table, "watch-mdr")
    assert CLOCK not in mdr and NONE in mdr and "assess" not in mdr
    note = " ".join(table.split("\n\n")[-1].split())
    assert note.count("(GDPR Art. 4(12);") == 1  # once, for both rows
    assert "(GDPR Art. 33(1))" in note and "EDPB Guidelines 9/2022" in note


def test_a_supplier_whose_data_is_not_recorded_may_hold_some(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    """Nothing recorded of the data it handles: it may hold personal data (assess), as
    ``impact`` counts an unknown elsewhere."""
    unknown = PROGRAMME.replace(
        "data_sensitivity: internal\npersonal_data: false\n", "", 1
    ).replace("highest_access_level: privileged", "highest_access_level: read")
    table = board(cli, write, tmp_path, "markdown", unknown)
    assert ASSESS in row(table, "watch-mdr")


def test_the_text_review_says_it_too(cli: Run, write: Any, tmp_path: Path) -> None:
    text = board(cli, write, tmp_path, "text", PROGRAMME)
    crm = text[text.index("crm:") : text.index("watch-mdr:")]
    assert "personal data breach notification" not in crm
    assert f"  {ASSESS}" in crm
    assert f"  {NONE}" in text[text.index("watch-mdr:") :]
    assert text.count("Note: An outage is a personal data breach only where") == 1


def test_no_note_where_every_outage_stops_a_critical_function(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    relied_on = PROGRAMME.replace("\nsupported_by: {suppliers: [crm, watch-mdr]}", "")
    text = relied_on.replace("[erp]", "[erp, crm, watch-mdr]")
    table = board(cli, write, tmp_path, "markdown", text)
    assert "data protection clock" not in table and "4(12)" not in table
    assert CLOCK in row(table, "crm") and CLOCK in row(table, "watch-mdr")


def test_the_report_says_it_under_the_what_if_table(cli: Run, write: Any, tmp_path: Path) -> None:
    board(cli, write, tmp_path, "markdown", PROGRAMME)
    run = cli("report", ".", "-o", "r.html", cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    section = page[page.index('id="what-if"') :]
    section = section[: section.index("</section>")]
    assert "data protection clock not started for shop: may be notifiable: assess" in section
    assert "no data protection clock started for shop" in section
    assert section.count("An outage is a personal data breach only where") == 1


def test_the_supplier_scenario_keeps_the_clock(cli: Run, write: Any, tmp_path: Path) -> None:
    """``impact --supplier`` reads the supplier as down or compromised: a compromise of its
    privileged access can breach our personal data, so the clock stays, with its condition."""
    board(cli, write, tmp_path, "markdown", PROGRAMME)
    run = cli("impact", "--supplier", "watch-mdr", "--format", "json", cwd=tmp_path)
    notices = json.loads(run.stdout)["notices"]
    gdpr = [n for n in notices if n["kind"] == "data_protection_authority"]
    assert gdpr and gdpr[0]["deadline_hours"] == 72
    assert gdpr[0]["condition"].startswith("if personal data is breached")
