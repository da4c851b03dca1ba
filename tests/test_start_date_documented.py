"""A contract's start_date after the date checked makes it signed, not in force: the schema
that `resilint schema` prints (and editors show on hover) and docs/data-model.md say so, where
they said only "Date the contract starts"."""

from __future__ import annotations

import json
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs" / "data-model.md"


def test_the_schema_says_a_later_start_makes_a_contract_signed(cli) -> None:
    run = cli("schema", "Contract")
    fields = json.loads(run.stdout)["properties"]
    start = fields["start_date"]["description"]
    assert "signed, not in force (fact contract.lifecycle: signed)" in start
    assert "INS-06" in start and "SUP-05" in start and "CTR-14" in start
    assert (
        "active (in force from its start_date, signed until then)"
        in fields["status"]["description"]
    )


def test_the_data_model_says_it_too() -> None:
    text = DOCS.read_text(encoding="utf-8")
    (row,) = [line for line in text.splitlines() if line.startswith("| `start_date` | date |")]
    assert "is *signed*, not in force" in row
