"""`resilint test [RULE_DIRS]`: a policy repository tests its own rules' examples, as the
catalogue tests do for resilint's (tests/test_rule_catalogue.py)."""

from __future__ import annotations

from pathlib import Path

RULE = """\
rules:
  - code: ACME-01
    name: supplier-has-owner
    level: error
    profiles: [baseline]
    title: Every supplier names an owner on our side
    rationale: Somebody must answer for each supplier.
    references: ["Internal policy TPRM-3"]
    remediation: Set owner.
    select: Supplier
    require:
      - that: {field: supplier.owner, exists: true}
        message: "supplier {supplier.id} has no owner"
    examples:
      pass: |
        apiVersion: resilint/v1
        kind: Supplier
        id: acme
        owner: head-of-logistics
      fail: |
        apiVersion: resilint/v1
        kind: Supplier
        id: acme
      expect:
        - {id: acme, line: LINE}
"""


def _rules(tmp_path: Path, name: str, line: int) -> Path:
    directory = tmp_path / name
    directory.mkdir()
    (directory / "suppliers.yaml").write_text(RULE.replace("LINE", str(line)))
    return directory


def test_passes_a_rule_directory_whose_examples_hold(cli, tmp_path: Path) -> None:
    _rules(tmp_path, "policies", 3)
    result = cli("test", "policies")
    assert result.exit_code == 0, result.stdout
    assert result.lines[0] == "policies/suppliers.yaml .."
    assert "2 passed in" in result.lines[-1] and result.lines[-1].startswith("=")


def test_fails_a_rule_directory_whose_examples_do_not_hold(cli, tmp_path: Path) -> None:
    _rules(tmp_path, "policies", 4)  # the finding is on line 3
    result = cli("test", "policies")
    assert result.exit_code == 1, result.stdout
    assert result.lines[0] == "policies/suppliers.yaml .F"
    assert "ACME-01 failing example" in result.stdout
    assert "expected ACME-01 at acme line 4; got it at acme line 3" in result.stdout
    assert "1 passed, 1 failed in" in result.lines[-1]


def test_a_passing_example_with_findings_fails(cli, tmp_path: Path) -> None:
    directory = _rules(tmp_path, "policies", 3)
    text = (directory / "suppliers.yaml").read_text()
    (directory / "suppliers.yaml").write_text(text.replace("owner: head-of-logistics", "tier: 9"))
    result = cli("test", "policies")
    assert result.exit_code == 1
    assert "the passing example gives" in result.stdout


def test_a_passing_example_without_the_kind_the_rule_checks_fails(cli, tmp_path: Path) -> None:
    """An example holding no document of the rule's kind passes whatever the rule says: it is
    no test of the rule, and is told so."""
    directory = _rules(tmp_path, "policies", 3)
    text = (directory / "suppliers.yaml").read_text()
    vacuous = text.replace(
        "kind: Supplier\n        id: acme\n        owner: head-of-logistics",
        "kind: Control\n        id: mfa\n        category: mfa_remote_access\n"
        "        status: implemented",
        1,
    )
    assert vacuous != text
    (directory / "suppliers.yaml").write_text(vacuous)
    result = cli("test", "policies")
    assert result.exit_code == 1, result.stdout
    assert "ACME-01 passing example" in result.stdout
    assert "the passing example gives" not in result.stdout  # the Control is valid: no finding
    assert "the passing example holds no Supplier document, the kind the rule checks" in (
        result.stdout
    )


def test_defaults_to_the_configured_rule_dirs_and_refuses_nothing_to_test(cli, tmp_path):
    assert cli("test").exit_code == 2  # no rule_dirs, no RULE_DIRS, no --builtin
    _rules(tmp_path, "policies", 3)
    (tmp_path / "resilint.yaml").write_text("rule_dirs: [policies]\n")
    result = cli("test")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "2 passed" in result.lines[-1]


def test_builtin_rules_pass_their_own_examples(cli) -> None:
    result = cli("test", "--builtin", "--as-of", "2026-11-26")
    assert result.exit_code == 0, result.stdout
    assert " failed" not in result.stdout


def test_a_rule_directory_without_rules_is_not_a_pass(cli, tmp_path: Path) -> None:
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "empty.yaml").write_text("rules: []\n")
    result = cli("test", "policies")
    assert result.exit_code == 2
    assert "policies/empty.yaml:1:1: the rule file holds no rules" in result.stderr


def test_a_rule_file_without_rules_fails_the_check_too(cli, tmp_path: Path) -> None:
    """`rules: []` loads nothing: `resilint check` must not pass as if the policies had run."""
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "empty.yaml").write_text("rules: []\n")
    (tmp_path / "resilint.yaml").write_text("rule_dirs: [policies/]\n")
    (tmp_path / "x.yaml").write_text(
        "apiVersion: resilint/v1\nkind: Supplier\nid: a\nname: A\ntier: 3\n"
    )
    result = cli("check", "--no-cache")
    assert result.exit_code == 2, result.stdout
    assert "empty.yaml" in result.stderr


OVERFLOWING = """\
rules:
  - code: ACME-02
    name: assessed-recently
    level: error
    profiles: [baseline]
    title: Every assessed supplier was assessed within a very long window
    rationale: An operand that adds up past the largest number is no number of days.
    references: ["Internal policy TPRM-4"]
    remediation: Assess the supplier.
    select: Supplier
    when:
      - {field: supplier.last_assessment, exists: true}
    require:
      - that: {field: supplier.last_assessment.date, within_days: {sum: [1.7e308, 1.7e308]}}
        message: "supplier {supplier.id} was not assessed recently"
    examples:
      pass: |
        apiVersion: resilint/v1
        kind: Supplier
        id: other
      fail: |
        apiVersion: resilint/v1
        kind: Supplier
        id: acme
        last_assessment: {date: 2026-01-01}
      expect:
        - {id: acme, line: LINE}
"""


def test_a_rule_that_raises_on_its_failing_example_is_not_a_pass(cli, tmp_path, monkeypatch):
    """The finding that says a rule raised carries the rule's code, at the id of the document
    it was evaluating: exactly where the failing example may expect the rule's finding. It is
    never taken for that finding (status 3, as check gives)."""
    from resilint.rules import operators

    def raising(value, operand, as_of):
        raise RuntimeError("boom")

    monkeypatch.setitem(operators.OPERATORS, "within_days", raising)
    directory = tmp_path / "policies"
    directory.mkdir()
    rule = OVERFLOWING.replace("{sum: [1.7e308, 1.7e308]}", "30").replace("LINE", "3")
    (directory / "assessed.yaml").write_text(rule)
    result = cli("test", "policies")
    assert result.exit_code == 3, result.stdout
    assert result.lines[0] == "policies/assessed.yaml .F"
    assert "the rule could not be evaluated: ACME-02 at acme line 3" in result.stdout
    assert "RuntimeError: boom" in result.stdout
    assert "expected ACME-02 at acme line 3; got it at nothing" in result.stdout


def test_a_sum_past_the_largest_number_is_no_operand_not_a_crash(cli, tmp_path) -> None:
    directory = tmp_path / "policies"
    directory.mkdir()
    (directory / "assessed.yaml").write_text(OVERFLOWING.replace("LINE", "4"))
    result = cli("test", "policies")
    assert result.exit_code == 0, result.stdout
    (tmp_path / "resilint.yaml").write_text("rule_dirs: [policies]\nselect: [ACME-02]\n")
    (tmp_path / "s.yaml").write_text(
        "apiVersion: resilint/v1\nkind: Supplier\nid: acme\nlast_assessment: {date: 2026-01-01}\n"
    )
    result = cli("check", "--no-cache", "s.yaml")
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "s.yaml:4:25: ACME-02 error supplier acme was not assessed recently" in result.stdout
    assert "could not be evaluated" not in result.stdout
