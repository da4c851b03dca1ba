"""Integers as YAML 1.2's core schema reads them: `0o1` and `0x1` are 1 wherever a number is
expected (a tier), while a leading zero (`01`, read as octal by YAML 1.1 and as decimal by
YAML 1.2: `010` is 8 or 10) stays text and is refused where a number is expected."""

from __future__ import annotations

import pytest
from one_file import doc


def findings(cli, write, tier: str) -> list[str]:
    path = write("repo/a.yaml", doc("Supplier", "acme", f"name: Acme\ntier: {tier}\n"))
    result = cli("check", str(path.parent), "--as-of", "2026-11-26", "--no-cache")
    return [line.split(" ", 1)[1] for line in result.stdout.splitlines() if ".yaml:" in line]


@pytest.mark.parametrize("written", ["0o1", "0x1", "+1"])
def test_a_tier_in_another_integer_form_is_that_tier(cli, write, written: str) -> None:
    said = findings(cli, write, written)
    assert said == findings(cli, write, "1")
    assert any("recorded as tier 1" in s for s in said)


@pytest.mark.parametrize("written", ["01", "010", "0b1"])
def test_a_tier_that_yaml_versions_read_apart_is_refused(cli, write, written: str) -> None:
    said = findings(cli, write, written)
    refused = f"supplier acme: tier must be a whole number, got '{written}'"
    assert any(refused in s for s in said), said


@pytest.mark.parametrize(("written", "figure"), [("01", "1"), ("010", "10"), ("+03", "3")])
def test_a_leading_zero_is_asked_away(cli, write, written: str, figure: str) -> None:
    (said,) = [s for s in findings(cli, write, written) if "SCH-01" in s]
    assert said.startswith("SCH-01 [unsafe fix] error")  # 010 may have meant the octal 8
    assert said.endswith(f"got '{written}'; write it without the leading zero: {figure}")
