"""``resilint impact --all-critical``: a supplier whose outage hits entities under different
regimes names each entity's first clock owed to an authority, not the first of them alone.
Lindenau's cloud provider Corrivo serves the bank (DORA: initial notification 4 hours from
classification as major), the manufacturer and its Polish plant (NIS2: early warning within 24
hours) and the parts company (GDPR only: 72 hours to the data protection authority)."""

from __future__ import annotations

import json

from conftest import EXAMPLES

LINDENAU = str(EXAMPLES / "lindenau")


def _board(cli, output: str) -> str:
    run = cli("impact", LINDENAU, "--all-critical", "--hours", "24", "--format", output)
    assert run.exit_code == 0, run.stderr
    return run.stdout


def test_the_row_names_each_entitys_first_clock(cli) -> None:
    lines = _board(cli, "markdown").splitlines()
    (head,) = [line for line in lines if line.startswith("| supplier")]
    assert head.split(" | ")[5] == "first deadlines"  # a row may list several
    (row,) = [line for line in lines if line.startswith("| corrivo")]
    first = row.split(" | ")[5]
    assert first.startswith(
        "4 hours from classification of the incident as major: initial notification to "
        "competent authority (lindenau-bank); "
    ), first
    # each NIS2 entity's early warning, to the recipient its state sets: the German one's to
    # the reporting office of the BSI and the BBK (§ 32(1) BSIG), the Polish one's as NIS2
    # Art. 23(1) says it (a clock several entities owe to the same recipient is said once)
    assert (
        "; 24 hours from our awareness of the incident: early warning to the joint reporting "
        "office of the BSI and the BBK (lindenau-mb); " in first
    ), first
    assert (
        "; 24 hours from our awareness of the incident: early warning to CSIRT or competent "
        "authority (lindenau-pl); " in first
    ), first
    assert first.count("early warning") == 2, first
    assert "(lindenau-parts)" in first
    assert first.count("(lindenau-bank)") == 1  # its later clocks are in the scenario


def test_a_supplier_of_one_entity_keeps_one_clock(cli) -> None:
    (row,) = [line for line in _board(cli, "markdown").splitlines() if line.startswith("| cordis")]
    assert row.split(" | ")[5] == (
        "4 hours from classification of the incident as major: initial notification to "
        "competent authority (lindenau-bank)"
    )


def test_the_text_board_names_them_too(cli) -> None:
    text = _board(cli, "text")
    lines = text.splitlines()
    start = lines.index(next(x for x in lines if x.startswith("corrivo:")))
    block = []
    for x in lines[start + 1 :]:
        if not x.startswith("  "):
            break
        block.append(x)
    (line,) = [x for x in block if "first deadline" in x]
    assert line.startswith("  first deadlines: 4 hours, initial notification")
    assert (
        "early warning to the joint reporting office of the BSI and the BBK (lindenau-mb)" in line
    )
    assert "early warning to CSIRT or competent authority (lindenau-pl)" in line
    assert line.count("early warning") == 2 and "(lindenau-parts)" in line, line


def test_every_scenario_stays_in_the_json(cli) -> None:
    scenarios = json.loads(_board(cli, "json"))["scenarios"]
    (corrivo,) = [s for s in scenarios if s["scenario"]["target"] == "corrivo"]
    entities = {n["entity"] for n in corrivo["notices"] if n["kind"] == "regulator"}
    assert {"lindenau-bank", "lindenau-mb", "lindenau-pl"} <= entities
