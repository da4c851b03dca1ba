"""A joint playbook's decision right recorded without an owner (PLB-01 reports it) is shown in
the impact scenario and the incident card as "nobody named", as a fallback without an owner
is, never as a blank after the decision: a responder reading the card at 3 a.m. must see that
nobody may take that decision, not a line that looks cut off."""

from __future__ import annotations

import pytest

REPO = """
apiVersion: resilint/v1
kind: Supplier
id: processor
tier: 1
provides_ict_services: true
---
apiVersion: resilint/v1
kind: BusinessFunction
id: cards
criticality: critical
depends_on: {suppliers: [processor]}
---
apiVersion: resilint/v1
kind: Playbook
id: pb-processor
supplier: processor
decision_rights:
  - {decision: disable_integration, owner: ciso}
  - {decision: notify_regulator}
"""


def test_text_names_nobody_for_a_decision_without_owner(cli, write) -> None:
    write("repo.yaml", REPO)
    result = cli("impact", "repo.yaml", "--supplier", "processor")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "  notify regulator: nobody named" in result.stdout
    assert "  disable integration: ciso" in result.stdout


@pytest.mark.parametrize(
    "command",
    [
        ("impact", "repo.yaml", "--supplier", "processor", "--format", "markdown"),
        ("card", "processor", "repo.yaml", "--format", "markdown"),
    ],
)
def test_markdown_and_card_name_nobody(cli, write, command) -> None:
    write("repo.yaml", REPO)
    result = cli(*command)
    assert result.exit_code == 0, result.stdout + result.stderr
    row = next(line for line in result.stdout.splitlines() if "notify regulator" in line)
    assert "nobody named" in row, row
