"""The report is titled with whose programme it is. A payment institution whose UK parent runs
its payment platform records the parent as an Entity (the group's head) and manages it as a
supplier (a Supplier with group_entity: the parent): the programme is the institution's, not
the parent's, and its management body should not read the parent's name over it. A group whose
head is not one of its suppliers is still titled with the head's name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

ENTITIES = """\
apiVersion: resilint/v1
kind: Entity
id: pi
name: Example Payments UAB
entity_type: payment_institution
country: LT
parent: group
regimes: [dora]
---
apiVersion: resilint/v1
kind: Entity
id: group
name: Example Group Ltd
entity_type: non_financial_ict_intra_group
country: GB
regimes: []
"""

PARENT_AS_SUPPLIER = """\
apiVersion: resilint/v1
kind: Supplier
id: group-it
name: Example Group Ltd
group_entity: group
status: active
tier: 1
provides_ict_services: true
"""


def _title(cli: Any, root: Path) -> str:
    out = root / "report.html"
    run = cli("report", ".", "--as-of", "2026-12-07", "-o", str(out), cwd=root)
    assert run.exit_code == 0, run.stdout + run.stderr
    text = out.read_text(encoding="utf-8")
    start = text.index("<h1>") + len("<h1>")
    return text[start : text.index("</h1>")]


def test_a_parent_managed_as_a_supplier_does_not_title_the_report(cli: Any, tmp_path: Path) -> None:
    root = tmp_path / "programme"
    root.mkdir()
    (root / "entities.yaml").write_text(ENTITIES, encoding="utf-8")
    (root / "parent.yaml").write_text(PARENT_AS_SUPPLIER, encoding="utf-8")
    assert _title(cli, root) == "Example Payments UAB: resilience posture"


def test_a_group_head_that_is_no_supplier_titles_the_report(cli: Any, tmp_path: Path) -> None:
    root = tmp_path / "programme"
    root.mkdir()
    (root / "entities.yaml").write_text(ENTITIES, encoding="utf-8")
    assert _title(cli, root) == "Example Group Ltd: resilience posture"


def test_two_entities_under_a_regime_leave_the_folder_name(cli: Any, tmp_path: Path) -> None:
    root = tmp_path / "programme"
    root.mkdir()
    sister = ENTITIES.replace("id: pi\n", "id: pi2\n", 1).split("---")[0]
    sister = sister.replace("Example Payments UAB", "Example Money DAC")
    (root / "entities.yaml").write_text(ENTITIES + "---\n" + sister, encoding="utf-8")
    (root / "parent.yaml").write_text(PARENT_AS_SUPPLIER, encoding="utf-8")
    assert _title(cli, root) == "programme: resilience posture"
