"""Hostile round 27: valid YAML with absurd values, and what a refusal names.

A number YAML reads as infinity (``amount: 1e400``) makes the file holding the DORA entities
unreadable (YML-07); ``register export`` then found no entity and told the user to add
``regimes: [dora]``, which is there already, without naming the file it could not read.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import copy_example


def _bank(tmp_path: Path) -> Path:
    repo = copy_example("havelbank", tmp_path)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    return repo


@pytest.mark.parametrize(
    ("old", "new"),
    [("amount: 4200000000", "amount: 1e400"), ("kind: Entity", "kind: Entiy")],
    ids=["unreadable", "misspelt-kind"],
)
@pytest.mark.parametrize("entity", [[], ["--entity", "hb-bank"]], ids=["keeper", "named"])
def test_register_export_names_the_file_its_entities_may_be_in(
    cli, tmp_path: Path, old: str, new: str, entity: list[str]
) -> None:
    repo = _bank(tmp_path)
    entities = repo / "entities.yaml"
    entities.write_text(entities.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    run = cli("register", "export", *entity, "-o", str(tmp_path / "out"), cwd=repo)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert "the entity may be in a file that could not be read: entities.yaml" in run.stderr
    assert not (tmp_path / "out").exists()
