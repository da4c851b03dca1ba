"""Hostile round 27: valid YAML with absurd values, and what a refusal names.

A number YAML reads as infinity (``amount: 1e400``) makes the file holding the DORA entities
unreadable (YML-07); ``register export`` then found no entity and told the user to add
``regimes: [dora]``, which is there already, without naming the file it could not read.
"""

from __future__ import annotations

import os
import subprocess
import sys
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


def _northwind(tmp_path: Path) -> Path:
    repo = copy_example("northwind", tmp_path)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    return repo


@pytest.mark.parametrize(
    "name",
    [
        "zz.yaml\u00a0",  # a no-break space after the suffix
        "zz.yaml\u200b",  # a zero width space
        "zz.ya\u200bml",  # one inside the suffix
        "zz.yml\u2060",  # a word joiner
        "zz.yaml\u202e",  # a direction mark
        "zz.yaml\ufeff",  # a byte order mark
        "zz.yaml\u3000",  # an ideographic space
    ],
    ids=["nbsp", "zwsp", "zwsp-inside", "word-joiner", "rlo", "bom", "ideographic"],
)
def test_a_document_named_yaml_with_an_invisible_character_is_reported(
    cli, tmp_path: Path, name: str
) -> None:
    """``ls`` shows these names as ``zz.yaml``: a reviewer takes the file for a checked
    supplier, while the walk, which reads only names ending in .yaml, passed it over."""
    repo = _northwind(tmp_path)
    text = (repo / "suppliers" / "albis-telecom.yaml").read_text(encoding="utf-8")
    text = text.replace("id: albis-telecom", "id: zz").replace("tier: 2", "tier: banana")
    (repo / "suppliers" / name).write_text(text, encoding="utf-8")
    run = cli("check", "--no-cache", cwd=repo)
    assert run.exit_code == 1, run.stdout + run.stderr
    assert ":2:13: DOC-05 error" in run.stdout
    assert "a file whose name holds an invisible character" in run.stdout
    assert "name it zz.yaml, or" in run.stdout or "name it zz.yml, or" in run.stdout


def test_a_copy_beside_its_original_is_left_alone(cli, tmp_path: Path) -> None:
    """An editor's backup or a merge's leftover beside the file it copies is checked through
    that file (a lone one is DOC-05: tests/test_near_miss_names.py), and a name with a
    character beyond ASCII before a real .yaml suffix is read as a document."""
    repo = _northwind(tmp_path)
    text = (repo / "suppliers" / "albis-telecom.yaml").read_text(encoding="utf-8")
    broken = text.replace("tier: 2", "tier: banana")
    for mark in ("{}.orig", "{}~", "#{}#", ".{}.swp", "{}.bak"):
        name = mark.format("albis-telecom.yaml")
        (repo / "suppliers" / name).write_text(broken.replace("id: albis-telecom", "id: zz"))
    (repo / "suppliers" / "yy\u00a0.yaml").write_text(broken.replace("albis-telecom", "yy"))
    run = cli("check", "--no-cache", cwd=repo)
    assert run.exit_code == 1, run.stdout + run.stderr
    assert "DOC-05" not in run.stdout
    assert 'yy\\xa0.yaml":15:7: SCH-01 error' in run.stdout


def test_init_in_a_directory_holding_a_pipe_named_like_a_document_does_not_hang(
    tmp_path: Path,
) -> None:
    """init looks for a resilint document before writing its examples: it opened a named
    pipe ``suppliers/pipe.yaml`` and waited for a writer for ever."""
    repo = tmp_path / "repo"
    (repo / "programme" / "suppliers").mkdir(parents=True)
    os.mkfifo(repo / "programme" / "suppliers" / "pipe.yaml")
    try:
        run = subprocess.run(
            [sys.executable, "-m", "resilint", "init", "."],
            cwd=repo,
            capture_output=True,
            text=True,
            timeout=30,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("resilint init waited on the named pipe")
    assert run.returncode == 0, run.stdout + run.stderr
    assert (repo / "resilint.yaml").is_file()
    assert (repo / "programme" / "suppliers" / "example-supplier.yaml").is_file()
