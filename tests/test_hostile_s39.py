"""Hostile round 39: a gate fails closed, and says where.

- A list or a mapping where a record's schema wants a word (``category: [backup_immutable]``
  on a Control, ``name: [core-banking]`` on a supplier's service) is SCH-01 at its line. The
  checks, the report, the register and the impact analysis that looked such a value up in a set
  of words stopped instead ("rule BCM-06 could not be evaluated: TypeError: unhashable type";
  exit status 3, with every finding of that rule lost for every document): such a value is now
  none of the words, and each rule runs on the rest of the programme.
- A reference written so (``alternatives: [{supplier: [nordpak-express]}]``) stopped 49 rules,
  ``report``, ``impact``, ``card`` and ``calendar`` the same way: it names no document.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import copy_example

# A word written as a list or a mapping, where the checks looked the value up in a set of words
# or gathered it into one: the control's category, a supplier's service's name.
SHAPES = ["[backup_immutable]", "{backup_immutable: true}"]


def _retyped(tmp_path: Path, path: str, old: str, new: str) -> Path:
    repo = copy_example("havelbank", tmp_path)
    target = repo / path
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return repo


def _no_crash(output: str) -> None:
    assert "could not be evaluated" not in output, output
    assert "Please report" not in output, output


def _schema_error_only(
    cli: Any, repo: Path, at: str, *commands: list[str], ok: tuple[int, ...] = (0, 1)
) -> None:
    """``check`` reports SCH-01 at ``at`` (exit 1, no rule stopped), and each of the other
    ``commands`` runs to its end."""
    run = cli("check", "--no-cache", cwd=repo)
    _no_crash(run.stdout + run.stderr)
    assert run.exit_code == 1, run.stdout
    assert at in run.stdout and "SCH-01" in run.stdout
    for command in commands:
        other = cli(*command, cwd=repo)
        _no_crash(other.stdout + other.stderr)
        assert other.exit_code in ok, other.stdout + other.stderr


@pytest.mark.parametrize("shape", SHAPES)
def test_a_control_category_written_as_a_list_or_mapping_is_a_schema_error(
    cli, tmp_path, shape
) -> None:
    repo = _retyped(tmp_path, "controls.yaml", "category: backup_immutable", f"category: {shape}")
    _schema_error_only(
        cli,
        repo,
        "controls.yaml:6:",
        ["report", "-o", "posture.html"],
        ["calendar"],
        ["impact", "--supplier", "corebanq"],
    )


@pytest.mark.parametrize("shape", ["[core-banking]", "{core-banking: 1}"])
def test_a_service_name_written_as_a_list_or_mapping_is_a_schema_error(
    cli, tmp_path, shape
) -> None:
    repo = _retyped(
        tmp_path, "suppliers/corebanq.yaml", "  - name: core-banking", f"  - name: {shape}"
    )
    _schema_error_only(
        cli,
        repo,
        "suppliers/corebanq.yaml:55:",
        ["report", "-o", "posture.html"],
        ["impact", "--supplier", "corebanq"],
        ["card", "corebanq"],
        ["register", "export", "--format", "csv", "-o", "register"],
        ok=(0, 1, 2),
    )


@pytest.mark.parametrize("shape", ["[nordpak-express]", "{nordpak-express: 1}"])
def test_a_reference_written_as_a_list_or_mapping_names_no_document(cli, tmp_path, shape) -> None:
    repo = copy_example("lindenau", tmp_path)
    target = repo / "suppliers" / "vektor-parcel.yaml"
    text = target.read_text(encoding="utf-8")
    old = "  - supplier: nordpak-express\n"
    assert text.count(old) == 1
    target.write_text(text.replace(old, f"  - supplier: {shape}\n"), encoding="utf-8")
    _schema_error_only(
        cli,
        repo,
        "suppliers/vektor-parcel.yaml:51:",
        ["report", "-o", "posture.html"],
        ["impact", "--supplier", "vektor-parcel"],
        ["card", "vektor-parcel"],
        ["calendar"],
    )
