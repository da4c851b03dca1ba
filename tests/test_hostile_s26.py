"""Hostile round 26: what a gate passed in silence.

A supplier saved without the ``.yaml`` suffix (``suppliers/acme``), or with a space or a dot
typed after it (``acme.yaml ``), sat in a programme folder unchecked while ``check`` passed:
it is DOC-05, as a document written as JSON or kept hidden already was.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import copy_example
from tests.test_boundary import resilint


def _programme(tmp_path: Path) -> Path:
    repo = copy_example("northwind", tmp_path)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    return repo


def _broken_copy(repo: Path, target: str, new_id: str) -> None:
    """A copy of a supplier under another id, with a schema error a check must not miss."""
    text = (repo / "suppliers" / "albis-telecom.yaml").read_text(encoding="utf-8")
    text = text.replace("id: albis-telecom", f"id: {new_id}").replace("tier: 2", "tier: banana")
    (repo / target).write_text(text, encoding="utf-8")


def _found(stdout: str) -> list[tuple[str, str, int]]:
    found = json.loads(stdout)["findings"]
    return sorted((f["path"], f["code"], f["line"]) for f in found if not f["suppressed"])


def test_a_document_without_the_yaml_suffix_is_reported_not_skipped(cli, tmp_path: Path) -> None:
    repo = _programme(tmp_path)
    _broken_copy(repo, "suppliers/acme", "acme")
    _broken_copy(repo, "suppliers/brix.yaml ", "brix")
    _broken_copy(repo, "suppliers/cobalt.yml.", "cobalt")
    # what is not a document is left alone: a copy beside its original, other tools' files
    _broken_copy(repo, "suppliers/albis-telecom.yaml.bak", "dorn")
    (repo / "suppliers" / "Makefile").write_text("all:\n\techo apiVersion\n")
    (repo / "LICENSE").write_text("apiVersion: v1\n")
    run = cli("check", ".", "--no-cache", "--format", "json", cwd=repo)
    assert run.exit_code == 1, run.stdout + run.stderr
    assert _found(run.stdout) == [
        ("suppliers/acme", "DOC-05", 2),
        ("suppliers/brix.yaml ", "DOC-05", 2),
        ("suppliers/cobalt.yml.", "DOC-05", 2),
    ]
    text = cli("check", ".", "--no-cache", cwd=repo).stdout
    assert "a file without the .yaml suffix" in text and "name it acme.yaml, or" in text
    assert "name it brix.yaml, or" in text and "name it cobalt.yml, or" in text


def test_a_directory_without_a_suffix_is_still_walked(cli, tmp_path: Path) -> None:
    repo = _programme(tmp_path)
    (repo / "more").mkdir()
    _broken_copy(repo, "more/acme.yaml", "acme")
    run = cli("check", ".", "--no-cache", "--format", "json", cwd=repo)
    assert run.exit_code == 1
    assert ("more/acme.yaml", "SCH-01", 15) in _found(run.stdout)
    assert "DOC-05" not in run.stdout


# -- inline suppressions: an option given twice, an until= in another ISO 8601 form -------------
@pytest.mark.parametrize(
    ("options", "problem"),
    [
        ('reason="x" until=2026-01-01 until=2099-12-31', "until= is given twice; give it once"),
        ('reason="x" until=2099-12-31 until=2026-01-01', "until= is given twice; give it once"),
        ('reason="" reason="x"', "reason= is given twice; give it once"),
        ('reason="x" until=20991231', "until=20991231 is not a date written YYYY-MM-DD"),
        ('reason="x" until=2099-W01-1', "until=2099-W01-1 is not a date written YYYY-MM-DD"),
    ],
)
def test_an_inline_suppression_a_reader_would_take_otherwise_silences_nothing(
    cli, tmp_path: Path, options: str, problem: str
) -> None:
    repo = _programme(tmp_path)
    supplier = repo / "suppliers" / "albis-telecom.yaml"
    text = supplier.read_text(encoding="utf-8")
    comment = f"tier: banana  # resilint: ignore[SCH-01] {options}"
    supplier.write_text(text.replace("tier: 2", comment), encoding="utf-8")
    run = cli("check", ".", "--no-cache", "--format", "json", cwd=repo)
    assert run.exit_code == 1, run.stderr
    assert _found(run.stdout) == [
        ("suppliers/albis-telecom.yaml", "IGN-01", 15),
        ("suppliers/albis-telecom.yaml", "SCH-01", 15),
    ]
    assert problem in run.stdout


def test_an_inline_suppression_written_once_and_dated_so_still_suppresses(
    cli, tmp_path: Path
) -> None:
    repo = _programme(tmp_path)
    supplier = repo / "suppliers" / "albis-telecom.yaml"
    text = supplier.read_text(encoding="utf-8")
    comment = 'tier: banana  # resilint: ignore[SCH-01] reason="x" until=2099-12-31'
    supplier.write_text(text.replace("tier: 2", comment), encoding="utf-8")
    run = cli("check", ".", "--no-cache", "--format", "json", cwd=repo)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert _found(run.stdout) == []


# -- a rule of one's own whose names are computed from each other --------------------------------
_OWN_RULE = """\
rules:
  - code: OWN-01
    name: tier-three-noted
    level: error
    profiles: [baseline]
    title: Tier-3 suppliers are noted
    rationale: Policy.
    references: [policy]
    remediation: Note it.
    examples:
      pass: |
        apiVersion: resilint/v1
        kind: Supplier
        id: sup-a
        name: A
        tier: 1
      fail: |
        apiVersion: resilint/v1
        kind: Supplier
        id: sup-b
        name: B
        tier: 3
      expect:
        - {{id: sup-b, line: 3}}
    select: Supplier
    let:
{lets}    require:
      - that: {{field: v{last}, at_most: 2}}
        message: "supplier {{supplier.id}} is tier {{v{last}}}"
"""


def _chained(repo: Path, count: int, step: str) -> None:
    """A rule file of ``count`` names, each computed from the one before by ``step``."""
    lets = "      v0: {field: supplier.tier}\n"
    for i in range(1, count):
        computed = step.replace("PREV", f"{{field: v{i - 1}}}")
        lets += f"      v{i}: {{value: {computed}}}\n"
    (repo / "policies").mkdir()
    (repo / "policies" / "own.yaml").write_text(_OWN_RULE.format(lets=lets, last=count - 1))
    with (repo / "resilint.yaml").open("a") as config:
        config.write("rule_dirs: [policies/]\nselect: [OWN]\n")


@pytest.mark.parametrize(
    ("count", "step"),
    [(3000, "PREV"), (40, "{max: [PREV, PREV]}")],
    ids=["a long chain", "each name twice from the one before"],
)
def test_a_rule_whose_names_build_on_each_other_loads_and_runs(
    tmp_path: Path, count: int, step: str
) -> None:
    repo = _programme(tmp_path)
    _chained(repo, count, step)
    for command in (["rules"], ["explain", "OWN-01"], ["test", "policies"]):
        done = resilint(repo, *command)  # 60 s at most: the second hung every command
        assert done.returncode == 0, done.stdout + done.stderr
    done = resilint(repo, "check", "--no-cache", "--format", "json")
    assert done.returncode == 1, done.stderr
    tier_three = [f for f in _found(done.stdout) if f[1] == "OWN-01"]
    assert ("suppliers/compass-travel.yaml", "OWN-01", 4) in tier_three
    assert len(tier_three) == 9


# -- a document with neither kind nor apiVersion -------------------------------------------------
def test_a_supplier_without_kind_and_apiversion_is_reported_not_skipped(
    cli, tmp_path: Path
) -> None:
    repo = _programme(tmp_path)
    text = (repo / "suppliers" / "albis-telecom.yaml").read_text(encoding="utf-8")
    text = text.replace("apiVersion: resilint/v1\nkind: Supplier\n", "")
    (repo / "suppliers" / "acme.yaml").write_text(text.replace("id: albis-telecom", "id: acme"))
    # another tool's YAML with an id and words every tool uses is left alone
    (repo / "deploy").mkdir()
    (repo / "deploy" / "service.yaml").write_text(
        "id: billing\nname: Billing\nowner: team-a\nstatus: active\ntier: 1\n"
        "description: The billing service\nservices: [api, worker]\n"
    )
    run = cli("check", ".", "--no-cache", "--format", "json", cwd=repo)
    assert run.exit_code == 1, run.stdout + run.stderr
    assert _found(run.stdout) == [("suppliers/acme.yaml", "DOC-03", 2)]
    text_run = cli("check", ".", "--no-cache", cwd=repo).stdout
    assert "fields of a resilint Supplier (provider_id, provider_id_type, hq_country)" in text_run
    assert "write apiVersion: resilint/v1 and kind: Supplier on its first lines" in text_run
