"""SUP-02 for an intra-group ICT provider (a Supplier naming the Entity it is, group_entity): with
no provider_id, the message names the LEI its group entity records, which is the provider's own
identifier in the register, and points at it; the register takes such a provider's ultimate
parent from our group's top entity, so SUP-02 no longer asks for an ultimate_parent the export
fills itself. A group entity with no LEI, or an invalid one, is not offered."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import Run

PROGRAMME = """apiVersion: resilint/v1
kind: Entity
id: bank
name: Havel Bank AG
lei: 529900HAVELBANK0AG93
country: DE
regimes: [dora]
---
apiVersion: resilint/v1
kind: Entity
id: it
name: Havel IT Services GmbH
lei: 529900HAVELITSERVI62
country: DE
parent: bank
entity_type: non_financial_ict_intra_group
---
apiVersion: resilint/v1
kind: Supplier
id: group-it
name: Havel IT Services GmbH
status: active
group_entity: it
hq_country: DE
provides_ict_services: true
tier: 1
---
apiVersion: resilint/v1
kind: Contract
id: ctr-it
supplier: group-it
entities: [bank]
status: active
covers_ict_services: true
start_date: 2025-01-01
"""

SUGGESTED = (
    "supplier group-it has no provider_id: the DORA register of information (template B_05.01) "
    "identifies each ICT provider, a company by its LEI; it is our group entity it, whose LEI is "
    "529900HAVELITSERVI62: record provider_id: 529900HAVELITSERVI62 with provider_id_type: LEI "
    "(B_05.01.0010, 0020 and 0070)"
)


def _sup02(cli: Run, write: Any, tmp_path: Path, text: str) -> list[str]:
    write("resilint.yaml", "as_of: 2026-12-01\n")
    write("programme.yaml", text)
    run = cli("check", ".", "--select", "SUP-02", cwd=tmp_path)
    return run.stdout.splitlines()


def test_the_message_offers_the_lei_of_the_group_entity(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    lines = _sup02(cli, write, tmp_path, PROGRAMME)
    assert lines[0].endswith(f"SUP-02 error {SUGGESTED}")
    assert "ultimate_parent" not in lines[0]  # the register files Havel Bank AG as the parent
    # the entity's LEI is pointed at, file:line:column
    assert lines[1].strip() == (
        "programme.yaml:13:6: entity it, which supplier group-it is, records the LEI "
        "529900HAVELITSERVI62"
    )


def test_recorded_as_suggested_it_passes(cli: Run, write: Any, tmp_path: Path) -> None:
    fixed = PROGRAMME.replace(
        "group_entity: it\n",
        "group_entity: it\nprovider_id: 529900HAVELITSERVI62\nprovider_id_type: LEI\n",
    )
    lines = _sup02(cli, write, tmp_path, fixed)
    assert not any("SUP-02" in line for line in lines)
    args = ("register", "export", ".", "--format", "csv", "-o", "reg", "--allow-incomplete")
    cli(*args, cwd=tmp_path)  # the bare fixture lacks what other readiness rules ask
    providers = (tmp_path / "reg" / "b_05.01.csv").read_text(encoding="utf-8")
    row = next(r for r in providers.splitlines() if "Havel IT Services GmbH" in r)
    assert row.startswith("529900HAVELITSERVI62,LEI,")
    assert row.endswith(",529900HAVELBANK0AG93,LEI")  # the parent, from our group's top entity


def test_no_lei_on_the_group_entity_nothing_is_offered(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    text = PROGRAMME.replace("lei: 529900HAVELITSERVI62\n", "")
    lines = _sup02(cli, write, tmp_path, text)
    assert "SUP-02 error supplier group-it has no provider_id" in lines[0]
    assert "group entity" not in lines[0] and "LEI is" not in lines[0]


def test_an_invalid_lei_on_the_group_entity_is_not_offered(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    text = PROGRAMME.replace("529900HAVELITSERVI62", "529900HAVELITSERVI63")
    lines = _sup02(cli, write, tmp_path, text)
    assert "SUP-02 error supplier group-it has no provider_id" in lines[0]
    assert "529900HAVELITSERVI63" not in lines[0]


def test_the_group_top_itself_still_records_its_parent(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    """A provider that is our top entity has no group above it: the register takes nothing
    from the group, and SUP-02 still asks for ultimate_parent (its own name)."""
    text = PROGRAMME.replace("parent: bank\n", "")
    lines = _sup02(cli, write, tmp_path, text)
    assert SUGGESTED.split(": record")[0] in lines[0]
    assert "also: has no ultimate_parent (name or provider_id)" in lines[0]


def test_an_outside_provider_is_told_as_before(cli: Run, write: Any, tmp_path: Path) -> None:
    text = PROGRAMME.replace("group_entity: it\n", "")
    lines = _sup02(cli, write, tmp_path, text)
    told = "LEI (or, established in the EU, its EUID), which also makes it a legal person"
    assert told in lines[0]
    assert "also: has no ultimate_parent" in lines[0]


def test_a_provider_id_without_its_type_is_not_offered_the_lei(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    text = PROGRAMME.replace("group_entity: it\n", "group_entity: it\nprovider_id: HRB 12345\n")
    lines = _sup02(cli, write, tmp_path, text)
    assert "gives no provider_id_type for its provider_id HRB 12345" in lines[0]
    assert not any("records the LEI" in line for line in lines)
