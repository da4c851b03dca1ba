"""resilint impact and resilint card head the supplier's security contact "24x7" only where the
record says it answers round the clock: a print-and-mail house whose production control answers
in office hours (available_24x7: false) was listed as the "24x7 security contact" on the
incident card for the offline binder, so that the reader would call it at night and wait."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import Run

AS_OF = "2026-11-26"
PROGRAMME = """apiVersion: resilint/v1
kind: Entity
id: co
---
apiVersion: resilint/v1
kind: Supplier
id: printer
name: Print & Mail GmbH
tier: 2
provides_ict_services: false
highest_access_level: none
data_sensitivity: confidential
contacts:
  security_24x7:
    name: Production control
    phone: "+49 2233 555 4700"
    available_24x7: HOURS
services: [{name: print-and-mail, stores_data: true}]
"""


def run(cli: Run, write: Any, tmp_path: Path, hours: str, *args: str) -> str:
    write("resilint.yaml", "{}\n")
    write("programme.yaml", PROGRAMME.replace("HOURS", hours))
    result = cli(*args, "--as-of", AS_OF, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_a_contact_not_answering_round_the_clock_is_not_called_24x7(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    card = run(cli, write, tmp_path, "false", "card", "printer")
    assert "| security contact (not 24x7) | Production control" in card
    assert "24x7 security contact" not in card
    text = run(cli, write, tmp_path, "false", "impact", "--supplier", "printer")
    assert "  security contact (not 24x7): Production control, +49 2233 555 4700\n" in text
    markdown = run(
        cli, write, tmp_path, "false", "impact", "--supplier", "printer", "-f", "markdown"
    )
    assert "| security contact (not 24x7) | Production control" in markdown


def test_a_contact_answering_round_the_clock_keeps_its_24x7_heading(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    card = run(cli, write, tmp_path, "true", "card", "printer")
    assert "| 24x7 security contact | Production control, +49 2233 555 4700 (24x7) |" in card
    text = run(cli, write, tmp_path, "true", "impact", "--supplier", "printer")
    assert "  24x7 security contact: Production control, +49 2233 555 4700 (24x7)\n" in text
