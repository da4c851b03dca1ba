"""A value that is a word of its own is not "mistyped" into its spelling neighbour.

`level_of_reliance: partial` was told "did you mean 'material'?", and `resilint fix
--unsafe-fixes` offered to write it: "partial" is a degree of reliance in its own right (the
scale is not_significant, low, material, full), so which of them the team meant is theirs to
choose, and a neighbour by spelling records a reliance nobody judged. A cyber policy's
`dependent_bi.scope: named_suppliers` was told "did you mean 'all_suppliers'?": the value the
team wrote is `named` with a word added, and the fix offered would widen the recorded cover from
the named suppliers to every supplier. The value a word extends is offered instead."""

from __future__ import annotations

from one_file import check, docs, messages

SUPPLIER = """
    kind: Supplier
    id: kontor
    tier: 2
    level_of_reliance: {value}
"""

POLICY = """
    kind: InsurancePolicy
    id: cyber-2026
    dependent_bi:
      scope: {value}
"""


def said(cli, write, template: str, value: str) -> str:
    text = docs(template.replace("{value}", value))
    return messages(check(cli, write, text, ["SCH-01"]), "SCH-01")


def test_a_degree_of_its_own_is_not_offered_another_value(cli, write) -> None:
    for value in ("partial", "Partial"):
        found = said(cli, write, SUPPLIER, value)
        assert f"got '{value}'" in found, found
        assert "did you mean" not in found, found


def test_a_mistyped_value_of_the_scale_is_still_offered(cli, write) -> None:
    found = said(cli, write, SUPPLIER, "materal")
    assert "did you mean 'material'?" in found, found


def test_a_value_with_a_word_added_is_offered_the_value(cli, write) -> None:
    for value in ("named_suppliers", "named-providers"):
        found = said(cli, write, POLICY, value)
        assert f"got '{value}'" in found, found
        assert "did you mean 'named'?" in found, found


def test_a_mistyped_value_of_the_policy_is_still_offered(cli, write) -> None:
    found = said(cli, write, POLICY, "all_supplier")
    assert "did you mean 'all_suppliers'?" in found, found
