"""The board's what-if review reads a row as an outage: a critical supplier nothing depends on
to run (a security monitoring provider that supports the payments function without the
function needing it) stops no critical or important function, so its outage affects no
critical service of a bank under DORA and is no major incident (Delegated Regulation (EU)
2024/1772 Art. 8(1) with Art. 6). The table showed DORA's 4-hour initial notification as the
first deadline all the same; it now says that no DORA clock started, and a note under the
table says what would make it reportable. A supplier the function rests on keeps the clock."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import Run

PROGRAMME = """apiVersion: resilint/v1
kind: Entity
id: bank
name: Pay Bank AG
country: DE
regimes: [dora]
---
apiVersion: resilint/v1
kind: Supplier
id: corebank
name: Corebank Systems GmbH
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
id: payments
name: Payments
owner: coo
entities: [bank]
criticality: critical
rto_hours: 4
depends_on: {suppliers: [corebank]}
supported_by: {suppliers: [watch-mdr]}
"""

FOUR_HOURS = "4 hours from classification of the incident as major"
NOT_STARTED = (
    "no DORA clock started for bank: the outage stops no critical or important function of "
    "theirs (see the note)"
)


def board(cli: Run, write: Any, tmp_path: Path, form: str, text: str = PROGRAMME) -> str:
    """``impact --all-critical --hours 8`` on ``text`` in the format ``form``."""
    write("resilint.yaml", "as_of: 2026-12-01\n")
    write("programme.yaml", text)
    run = cli("impact", "--all-critical", "--hours", "8", "--format", form, cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    return run.stdout


def row(table: str, supplier: str) -> str:
    return next(line for line in table.splitlines() if line.startswith(f"| {supplier} "))


def test_an_outage_that_stops_no_critical_function_starts_no_dora_clock(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    table = board(cli, write, tmp_path, "markdown")
    assert FOUR_HOURS in row(table, "corebank")
    assert NOT_STARTED not in row(table, "corebank")
    mdr = row(table, "watch-mdr")
    assert FOUR_HOURS not in mdr
    assert NOT_STARTED in mdr
    note = " ".join(table.split("\n\n")[-1].split())
    assert "Commission Delegated Regulation (EU) 2024/1772 Art. 8(1)" in note
    assert "successful, malicious and unauthorised access" in note
    assert "(Commission Delegated Regulation (EU) 2025/301 Art. 5(1)(a))" in note


def test_the_text_review_says_it_too(cli: Run, write: Any, tmp_path: Path) -> None:
    text = board(cli, write, tmp_path, "text")
    mdr = text[text.index("watch-mdr:") :]
    assert FOUR_HOURS.split(" from")[0] + ", initial notification" not in mdr
    assert NOT_STARTED in mdr
    assert "Note: An outage that stops no critical or important function" in text


def test_no_note_where_every_outage_stops_a_critical_function(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    write("resilint.yaml", "as_of: 2026-12-01\n")
    relied_on = PROGRAMME.replace("\nsupported_by: {suppliers: [watch-mdr]}", "")
    write("programme.yaml", relied_on.replace("[corebank]", "[corebank, watch-mdr]"))
    run = cli("impact", "--all-critical", "--hours", "8", "--format", "markdown", cwd=tmp_path)
    assert "DORA clock" not in run.stdout and "2024/1772" not in run.stdout


def test_the_supplier_scenario_keeps_the_clock_with_its_condition(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    """``impact --supplier`` reads the supplier as down or compromised: a compromise of a
    supplier with privileged access can be a malicious access (Art. 6(c)), so its DORA clocks
    stay listed, each with the condition that the incident is classified as major."""
    board(cli, write, tmp_path, "markdown")
    run = cli("impact", "--supplier", "watch-mdr", "--format", "json", cwd=tmp_path)
    notices = json.loads(run.stdout)["notices"]
    dora = [n for n in notices if n["regime"] == "dora"]
    assert dora and dora[0]["deadline_hours"] == 4
    assert dora[0]["condition"] == "if the incident is classified as a major ICT-related incident"
