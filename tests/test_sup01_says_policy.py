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


def test_a_supplier_reached_through_a_chain_is_asked_in_one_sentence(cli, write) -> None:
    """A subcontractor a critical function reaches through its tier-1 supplier: the record to
    correct is on the chain shown with the finding, said in the sentence that asks it; the
    message ends in one remark in brackets, the policy's, not two in a row."""
    write("functions/parts.yaml", FUNCTION.replace("[printshop]", "[logistics]"))
    write(
        "suppliers/logistics.yaml",
        "apiVersion: resilint/v1\nkind: Supplier\nid: logistics\nname: Logistics Ltd\n"
        "owner: head-of-operations\nstatus: active\ntier: 1\n"
        "subcontractors:\n  - {id: labels, supplier: printshop}\n",
    )
    write("suppliers/printshop.yaml", _supplier("tier: 3\n"))
    (line,) = _sup01(cli)
    assert line.startswith("suppliers/printshop.yaml:7:7: SUP-01 error supplier printshop is "), (
        line
    )
    assert line.endswith(
        "; set tier: 1, or correct the record that makes it critical, which the dependency "
        f"chain shown with this finding leads to {POLICY}"
    ), line
    assert ") (" not in line
    run = cli("check", ".", "--no-cache", "--select", "SUP-01", "--format", "json")
    (finding,) = run.json()["findings"]
    assert {r["path"] for r in finding["related"]} >= {
        "functions/parts.yaml",
        "suppliers/logistics.yaml",
    }


def test_a_supplier_recorded_as_supporting_a_critical_function_names_no_chain(cli, write) -> None:
    write("suppliers/printshop.yaml", _supplier("tier: 3\nsupports_critical_function: true\n"))
    (line,) = _sup01(cli)
    assert "it is recorded as supporting a critical function" in line, line
    assert "dependency chain" not in line
    assert line.endswith(f"correct the record that makes it critical {POLICY}"), line
