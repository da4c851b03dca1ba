"""Focused tests of the Python checks behind the exceptions and regulatory rules (the insurance
rules' are in test_rules_insurance.py): edge cases the catalogue examples do not show, run
through the CLI on real files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from resilint.rules.builtin.regulatory import lei_problem

AS_OF = "2026-11-26"
HEAD = "apiVersion: resilint/v1\n"


def docs(*bodies: str) -> str:
    """A multi-document YAML file from document bodies (each without apiVersion)."""
    return "---\n".join(HEAD + body.strip("\n") + "\n" for body in bodies)


@pytest.fixture
def run(cli, write, tmp_path: Path):
    """Run only ``code`` over the given documents; return its findings (and fail on a crash)."""

    def go(code: str, text: str, settings: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        config: dict[str, Any] = {"profiles": [], "select": [code]}
        if settings:
            config["rules"] = {code: settings}
        write("resilint.yaml", json.dumps(config))
        write("repo.yaml", text)
        result = cli("check", "repo.yaml", "--format", "json", "--as-of", AS_OF, cwd=tmp_path)
        findings: list[dict[str, Any]] = result.json()["findings"]
        crashes = [f for f in findings if "could not be evaluated" in f["message"]]
        assert not crashes, crashes
        return [f for f in findings if f["code"] == code]

    return go


def places(findings: list[dict[str, Any]]) -> list[tuple[str, int]]:
    return sorted((f["id"], f["line"]) for f in findings)


def line(text: str, needle: str) -> int:
    """The 1-based line of the first line of ``text`` holding ``needle``."""
    return next(n for n, row in enumerate(text.splitlines(), 1) if needle in row)


# The insurance rules' tests are in test_rules_insurance.py.
SUPPLIER_T1 = "kind: Supplier\nid: acme\ntier: 1\nprovides_ict_services: true\n"


# -- EXC-02 ---------------------------------------------------------------------------------
def test_codes_of_user_rules_are_known(cli, write, tmp_path: Path) -> None:
    from test_config import USER_RULE

    waiver = """
kind: Waiver
id: w
rule: ACME-01
targets:
  - {kind: Supplier, id: acme}
  - {kind: Contract, id: acme}
"""
    text = docs(SUPPLIER_T1, waiver)
    rule, target = line(text, "rule: ACME-01"), line(text, "{kind: Contract")
    write("repo.yaml", text)
    write("resilint.yaml", json.dumps({"profiles": [], "select": ["EXC-02"]}))
    result = cli("check", "repo.yaml", "--format", "json", "--as-of", AS_OF, cwd=tmp_path)
    found = [(f["id"], f["line"]) for f in result.json()["findings"] if f["code"] == "EXC-02"]
    assert found == [("w", rule), ("w", target)]
    write("policies/owner.yaml", USER_RULE)
    write(
        "resilint.yaml",
        json.dumps({"profiles": [], "select": ["EXC-02"], "rule_dirs": ["policies"]}),
    )
    result = cli("check", "repo.yaml", "--format", "json", "--as-of", AS_OF, cwd=tmp_path)
    found = [(f["id"], f["line"]) for f in result.json()["findings"] if f["code"] == "EXC-02"]
    assert found == [("w", target)]


# -- SUP-02 ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lei", "valid"),
    [
        ("5299000J2N45DDNE4Y28", True),
        ("HWUPKR0MPOU8FGXBT394", True),
        ("5299000J2N45DDNE4Y82", False),
        ("5299000j2n45ddne4y28", False),
        ("5299000J2N45DDNE4Y2", False),
        ("", False),
    ],
)
def test_lei_check_digits(lei: str, valid: bool) -> None:
    assert (lei_problem(lei) is None) is valid


def test_subcontractor_lei_is_checked_and_non_ict_supplier_skipped(run) -> None:
    supplier = """
kind: Supplier
id: acme
name: Acme Inc
provides_ict_services: true
provider_id: HWUPKR0MPOU8FGXBT394
provider_id_type: LEI
hq_country: US
ultimate_parent: {name: Acme Inc}
subcontractors:
  - {id: host, provider_id: HWUPKR0MPOU8FGXBT349, provider_id_type: LEI}
"""
    found = run("SUP-02", docs(supplier))
    assert places(found) == [("acme", line(docs(supplier), "{id: host"))]
    assert "subcontractor host of supplier acme" in found[0]["message"]
    caterer = "kind: Supplier\nid: caterer\nprovides_ict_services: false\n"
    assert run("SUP-02", docs(caterer)) == []


# -- SUP-09 ---------------------------------------------------------------------------------
def test_service_named_by_a_critical_function_and_forbidden_subcontracting(run) -> None:
    supplier = """
kind: Supplier
id: acme
provides_ict_services: true
services:
  - name: edi
    subcontracting: {allowed: false}
subcontractors:
  - id: host
    name: Host BV
    rank: 2
    country: NL
    services: [edi]
    supports_critical_function: true
"""
    function = """
kind: BusinessFunction
id: orders
criticality: important
depends_on: {services: [{supplier: acme, service: edi}]}
"""
    found = run("SUP-09", docs(supplier, function))
    assert places(found) == [("acme", line(docs(supplier), "- id: host"))]
    assert "may not be subcontracted" in found[0]["message"]
    assert run("SUP-09", docs(supplier)) == []  # no critical function: not checked
    # a subcontractor serving only a non-critical part is compatible with allowed: false
    non_critical = supplier.replace("critical_function: true", "critical_function: false")
    assert run("SUP-09", docs(non_critical, function)) == []


def test_chain_missing_while_relying_on_subprocessors(run) -> None:
    supplier = """
kind: Supplier
id: acme
services:
  - name: edi
    supports_critical_function: true
    subcontracting: {allowed: true, conditions: Notice.}
shared_dependencies:
  cloud: [{provider: aws, region: eu-west-1}]
"""
    where = line(docs(supplier), "shared_dependencies")
    assert places(run("SUP-09", docs(supplier))) == [("acme", where)]
