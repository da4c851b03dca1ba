"""A rule file of the configuration's rule_dirs that cannot load is named as findings name their
files, relative to where the command runs (``policies/bad.yaml:2:5``), where it was named by its
absolute path; so is the configuration file, and the first file of a code defined twice. A
code taken is pointed at where it is written; an empty rule file says it holds no rules;
`resilint test` names rule files alike."""

from __future__ import annotations

import shutil
from pathlib import Path

RULE = """\
rules:
  - code: ORG-01
    name: org-tier
    level: warning
    profiles: [baseline]
    title: Suppliers are tiered
    rationale: policy
    remediation: record the tier
    references: [policy]
    select: Supplier
    as: supplier
    require:
      - that: {field: supplier.tier, exists: true}
        message: "supplier {supplier.id} has no tier"
    examples:
      pass: "apiVersion: resilint/v1\\nkind: Supplier\\nid: a\\ntier: 1\\n"
      fail: "apiVersion: resilint/v1\\nkind: Supplier\\nid: a\\n"
      expect: [{id: a, line: 3}]
"""


def _repo(root: Path, *rule_files: tuple[str, str]) -> None:
    (root / "resilint.yaml").write_text("rule_dirs: [policies]\n", encoding="utf-8")
    (root / "policies").mkdir()
    for name, text in rule_files:
        (root / "policies" / name).write_text(text, encoding="utf-8")
    (root / "suppliers.yaml").write_text(
        "apiVersion: resilint/v1\nkind: Supplier\nid: acme\ntier: 1\n", encoding="utf-8"
    )


def test_an_invalid_rule_file_is_named_relative(cli, tmp_path: Path) -> None:
    _repo(tmp_path, ("bad.yaml", RULE.replace("    references: [policy]\n", "")))
    run = cli("check", ".", "--no-cache", cwd=tmp_path)
    assert run.exit_code == 2
    assert "resilint: policies/bad.yaml:2:5: invalid rule file" in run.stderr, run.stderr
    assert str(tmp_path) not in run.stderr
    run = cli("check", tmp_path.name, "--no-cache", cwd=tmp_path.parent)
    assert f"resilint: {tmp_path.name}/policies/bad.yaml:2:5: invalid rule file" in run.stderr


def test_a_code_defined_twice_names_both_files_relative(cli, tmp_path: Path) -> None:
    _repo(tmp_path, ("a.yaml", RULE), ("b.yaml", RULE))
    run = cli("check", ".", "--no-cache", cwd=tmp_path)
    assert run.exit_code == 2
    said = "policies/b.yaml:2:11: rule ORG-01 is already defined at policies/a.yaml:2"
    assert said in run.stderr and str(tmp_path) not in run.stderr, run.stderr


def test_an_invalid_configuration_is_named_relative(cli, tmp_path: Path) -> None:
    _repo(tmp_path, ("a.yaml", RULE))
    (tmp_path / "resilint.yaml").write_text("rule_dirs: [policies]\nbogus: 1\n", encoding="utf-8")
    run = cli("check", ".", "--no-cache", cwd=tmp_path)
    assert "resilint: resilint.yaml:2:1: invalid configuration" in run.stderr, run.stderr


def test_a_builtin_code_is_pointed_at_where_it_is_written(cli, tmp_path: Path) -> None:
    _repo(tmp_path, ("a.yaml", RULE.replace("code: ORG-01", "code: CTR-01")))
    run = cli("check", ".", "--no-cache", cwd=tmp_path)
    assert run.exit_code == 2
    assert "resilint: policies/a.yaml:2:11: rule CTR-01 is one of resilint's own" in run.stderr


def test_an_empty_rule_file_says_it_holds_no_rules(cli, tmp_path: Path) -> None:
    for text, where in (("", "1:1"), ("# to do\n", "1:1"), ("\nrules: []\n", "2:1")):
        shutil.rmtree(tmp_path / "policies", ignore_errors=True)
        _repo(tmp_path, ("a.yaml", RULE), ("empty.yaml", text))
        run = cli("check", ".", "--no-cache", cwd=tmp_path)
        assert run.exit_code == 2
        said = f"resilint: policies/empty.yaml:{where}: the rule file holds no rules"
        assert said in run.stderr, (text, run.stderr)


def test_resilint_test_names_rule_files_relative(cli, tmp_path: Path) -> None:
    _repo(tmp_path, ("a.yaml", RULE.replace("line: 3", "line: 1")))
    run = cli("test", cwd=tmp_path)
    assert run.exit_code == 1
    assert run.stdout.startswith("policies/a.yaml .F\n"), run.stdout
    assert "policies/a.yaml:18: expected ORG-01 at a line 1" in run.stdout, run.stdout
    assert str(tmp_path) not in run.stdout


def test_every_problem_of_a_rule_file_is_said_at_once(cli, tmp_path: Path) -> None:
    """A rule author sees each problem of the file in one run, in the file's order, where the
    first alone was said; a required key written misspelt is said once, as the misspelling."""
    second = RULE.replace("ORG-01", "ORG-02").replace("rules:\n", "")
    text = (RULE + second).replace("    level: warning\n", "    levle: warning\n", 1)
    text = text.replace("    references: [policy]\n", "", 2)
    _repo(tmp_path, ("bad.yaml", text))
    run = cli("check", ".", "--no-cache", cwd=tmp_path)
    assert run.exit_code == 2
    said = [line.split(": invalid rule file: ", 1) for line in run.stderr.splitlines()]
    assert said == [
        ["resilint: policies/bad.yaml:2:5", "rules.0: 'references' is a required property"],
        ["resilint: policies/bad.yaml:4:5", said[1][1]],
        ["resilint: policies/bad.yaml:18:5", "rules.1: 'references' is a required property"],
    ], run.stderr
    assert said[1][1].startswith("rules.0: unknown key 'levle' (did you mean 'level'?)")
    sarif = cli("check", ".", "--no-cache", "-f", "sarif", cwd=tmp_path).json()
    (invocation,) = sarif["runs"][0]["invocations"]
    lines = [
        n["locations"][0]["physicalLocation"]["region"]["startLine"]
        for n in invocation["toolConfigurationNotifications"]
    ]
    assert lines == [2, 4, 18]
