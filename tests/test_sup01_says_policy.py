"""SUP-01 through the CLI on real files: the tier it asks is this programme's policy, and the
message says so, so that a risk manager can tell the programme's tiering from what a law asks."""

from __future__ import annotations

POLICY = "(tier 1 for such a supplier is this programme's policy, not a legal requirement)"

FUNCTION = """apiVersion: resilint/v1
kind: BusinessFunction
id: parts-fulfilment
name: Parts fulfilment
owner: head-of-operations
criticality: critical
depends_on: {suppliers: [printshop]}
"""


def _supplier(tier: str) -> str:
    return (
        "apiVersion: resilint/v1\nkind: Supplier\nid: printshop\nname: Printshop Ltd\n"
        f"owner: head-of-operations\nstatus: active\n{tier}"
    )


def _sup01(cli) -> list[str]:  # type: ignore[no-untyped-def]
    run = cli("check", ".", "--no-cache", "--select", "SUP-01")
    return [line for line in run.stdout.splitlines() if " SUP-01 " in line]


def test_an_understated_tier_is_named_the_programmes_policy(cli, write) -> None:
    write("functions/parts.yaml", FUNCTION)
    write("suppliers/printshop.yaml", _supplier("tier: 3\n"))
    (line,) = _sup01(cli)
    where = "suppliers/printshop.yaml:7:7: SUP-01 error supplier printshop is "
    assert line.startswith(where), line
    assert "recorded as tier 3, but it is tier 1 in effect" in line
    assert "(parts-fulfilment)" in line
    assert POLICY in line


def test_a_missing_tier_of_a_critical_supplier_is_named_the_programmes_policy(cli, write) -> None:
    write("functions/parts.yaml", FUNCTION)
    write("suppliers/printshop.yaml", _supplier(""))
    (line,) = _sup01(cli)
    assert "supplier printshop has no risk tier; set tier: 1, since" in line, line
    assert POLICY in line


def test_a_missing_tier_of_an_ordinary_supplier_names_no_policy(cli, write) -> None:
    """Nothing makes it tier 1: the finding asks any tier, and says nothing of tier 1."""
    write("suppliers/printshop.yaml", _supplier(""))
    (line,) = _sup01(cli)
    assert line.endswith("supplier printshop has no risk tier; set tier: 1, 2 or 3"), line
