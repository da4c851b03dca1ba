"""A risk engineer's own rule whose condition names a real field and a real operator, but a
value the field can never hold: a misspelt status (`terminatd`), a tier quoted as text (`"1"`),
a date compared with a number, a line of insurance the domain model never gives (`cyberr`).
Such a rule would load, pass its examples where they missed the case, and stay silent on every
repository; so it is refused at the operand's line (status 2) by `resilint test` and `resilint
check` alike, saying what the field holds."""

from __future__ import annotations

import pytest

RULE = """\
rules:
  - code: ACME-01
    name: house-rule
    level: error
    profiles: [baseline]
    title: A house rule
    rationale: Policy.
    references: ["Policy"]
    remediation: Fix it.
    select: KIND
    when:
      - CONDITION
    require:
      - that: {field: NAME.id, exists: true}
        message: "{NAME.id}"
    examples:
      pass: |
        apiVersion: resilint/v1
        kind: KIND
        id: x
      fail: |
        apiVersion: resilint/v1
        kind: KIND
        id: x
      expect:
        - {id: x, line: 3}
"""

CASES = [
    # (kind, condition, what the message says)
    (
        "Contract",
        "not: {field: contract.status, one_of: [ended, terminatd]}",
        "'contract.status' one_of [ended, terminatd]: 'terminatd' is not a value the field "
        "takes (did you mean 'terminated'?); values: prospective, draft, active, ended, "
        "terminated",
    ),
    (
        "Supplier",
        '{field: supplier.tier, equals: "1"}',
        "'supplier.tier' equals '1': the field holds whole numbers, and '1' is text: write it "
        "without quotes",
    ),
    (
        "Supplier",
        "{field: supplier.critical, equals: 'yes'}",
        "'supplier.critical' equals 'yes': the field holds true or false, and 'yes' is text",
    ),
    (
        "Waiver",
        "{field: waiver.approved_on, more_than: 5}",
        "'waiver.approved_on' more_than 5: the field holds dates, and 5 is not a date",
    ),
    (
        "InsurancePolicy",
        "{field: insurance_policy.insurance_line, equals: cyberr}",
        "'insurance_policy.insurance_line' equals 'cyberr': 'cyberr' is not a value the field "
        "takes (did you mean 'cyber'?); values: cyber, crime, specie, other, unsure",
    ),
    (
        "Supplier",
        "{field: supplier.tier, one_of: 1}",
        "'supplier.tier' one_of 1: one_of takes a list of values ([a, b]), not a number",
    ),
    (
        "Exercise",
        "{field: exercise.scenarios, contains: ransomeware}",
        "'ransomeware' is not a value the field takes (did you mean 'ransomware'?)",
    ),
    (
        "Supplier",
        "{field: supplier.tier, within_days: 30}",
        "'supplier.tier' within_days 30: within_days tests a date, and the field holds whole "
        "numbers",
    ),
]


def _snake(kind: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in kind).lstrip("_")


@pytest.mark.parametrize(("kind", "condition", "said"), CASES)
@pytest.mark.parametrize("command", ["test", "check"])
def test_a_value_the_field_never_holds_is_refused_at_its_line(
    cli, tmp_path, command, kind, condition, said
):
    (tmp_path / "resilint.yaml").write_text("rule_dirs: [policies]\n")
    (tmp_path / "policies").mkdir()
    rule = RULE.replace("KIND", kind).replace("NAME", _snake(kind))
    (tmp_path / "policies" / "house.yaml").write_text(rule.replace("CONDITION", condition))
    (tmp_path / "s.yaml").write_text("apiVersion: resilint/v1\nkind: Supplier\nid: s\n")
    result = cli(command)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "policies/house.yaml:12:" in result.stderr
    assert said in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "condition",
    [
        "not: {field: contract.status, one_of: [ended, terminated]}",
        "{field: contract.supplier_notice_period_days, at_least: 90}",
        "{field: contract.end_date, at_most: 2027-12-31}",
        "{field: contract.end_date, at_most: '2027-12-31'}",
        "{field: contract.lifecycle, equals: in_force}",
        "{field: contract.regimes, contains: dora}",
        "{field: contract.auto_renew, equals: false}",
        "{field: contract.end_date, within_next_days: 90}",
    ],
)
def test_a_value_the_field_holds_loads(cli, tmp_path, condition):
    (tmp_path / "resilint.yaml").write_text("rule_dirs: [policies]\n")
    (tmp_path / "policies").mkdir()
    rule = RULE.replace("KIND", "Contract").replace("NAME", "contract")
    (tmp_path / "policies" / "house.yaml").write_text(rule.replace("CONDITION", condition))
    (tmp_path / "s.yaml").write_text("apiVersion: resilint/v1\nkind: Supplier\nid: s\n")
    result = cli("check", "--select", "ACME")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stderr == ""


def test_an_edited_rule_file_is_judged_again_though_its_rules_were_kept(cli, tmp_path):
    """A rule file that compiled once is kept and not judged again on every run; the same file
    edited to an operand its field never holds is refused on the next run all the same."""
    (tmp_path / "resilint.yaml").write_text("rule_dirs: [policies]\n")
    (tmp_path / "policies").mkdir()
    rule = RULE.replace("KIND", "Contract").replace("NAME", "contract")
    house = tmp_path / "policies" / "house.yaml"
    (tmp_path / "s.yaml").write_text("apiVersion: resilint/v1\nkind: Contract\nid: s\n")
    house.write_text(rule.replace("CONDITION", "{field: contract.status, one_of: [ended]}"))
    for _ in range(2):  # the second run reads the rules kept by the first
        assert cli("check", "--select", "ACME").exit_code in (0, 1)
    house.write_text(rule.replace("CONDITION", "{field: contract.status, one_of: [endd]}"))
    result = cli("check", "--select", "ACME")
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "policies/house.yaml:12:" in result.stderr and "'endd'" in result.stderr
