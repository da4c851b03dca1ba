"""The incident card prints each deadline's condition, as ``resilint impact`` does: a blockchain
node provider's outage starts DORA's major-incident clocks only if the incident is classified
as major, and the GDPR notice only if personal data is breached. Without the condition the
card, kept in the offline binder, read as if every outage of the supplier were due to the
regulator in 4 hours."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tests.conftest import Run

PROGRAMME = """
apiVersion: resilint/v1
kind: Entity
id: casp
name: Example Markets GmbH
regimes: [dora]
reporting_clocks: {data_protection_authority_hours: 72}
---
apiVersion: resilint/v1
kind: Supplier
id: nodes
name: Example Nodes GmbH
tier: 1
provides_ict_services: true
service_model: managed_service
contacts:
  security_24x7:
    {name: Nodes SOC, email: soc@nodes.example, phone: "+49 30 555 0100", available_24x7: true}
---
apiVersion: resilint/v1
kind: BusinessFunction
id: fiat-payments
criticality: critical
entities: [casp]
rto_hours: 8
mtpd_hours: 48
depends_on: {suppliers: [nodes]}
"""

MAJOR = "if the incident is classified as a major ICT-related incident"
BREACH = "if personal data is breached"


def _rows(page: str, output: str) -> list[str]:
    if output == "html":
        rows = re.findall(r"<tr>(.*?)</tr>", page, flags=re.S)
        return [html.unescape(re.sub(r"<[^>]+>", " | ", row)) for row in rows]
    return [line for line in page.splitlines() if line.startswith("|")]


@pytest.mark.parametrize("output", ["markdown", "html"])
def test_the_card_says_when_a_regulators_clock_starts(cli, write, tmp_path: Path, output: str):
    write("resilint.yaml", "{}\n")
    write("programme.yaml", PROGRAMME)
    result: Run = cli("card", "nodes", "--format", output, "--as-of", "2026-12-01", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    rows = _rows(result.stdout, output)
    four = [row for row in rows if "4 hours" in row and "initial notification" in row]
    assert four and all(MAJOR in row for row in four), rows
    final = [row for row in rows if "final report" in row]
    assert final and all(MAJOR in row for row in final), rows
    gdpr = [row for row in rows if "GDPR Art. 33(1)" in row]
    assert gdpr and all(BREACH in row for row in gdpr), rows
    head = next(row for row in rows if "counted from" in row)
    assert "condition" in head, head


AWARENESS = "Deadlines (regulator clocks run from our awareness"


def test_the_deadlines_speak_of_regulator_clocks_only_where_one_runs(
    cli, write, tmp_path: Path
) -> None:
    write("resilint.yaml", "{}\n")
    write("programme.yaml", PROGRAMME)
    regulated: Run = cli("card", "nodes", "--as-of", "2026-12-01", cwd=tmp_path)
    assert AWARENESS in regulated.stdout, regulated.stdout
    # a retailer no regulator's incident clock binds: no regulator is spoken of
    unregulated = PROGRAMME.replace("regimes: [dora]\n", "").replace(
        "reporting_clocks: {data_protection_authority_hours: 72}\n", ""
    )
    write("programme.yaml", unregulated)
    card: Run = cli("card", "nodes", "--as-of", "2026-12-01", cwd=tmp_path)
    assert card.exit_code == 0, card.stderr
    assert "## Deadlines\n" in card.stdout and "regulator clocks" not in card.stdout
