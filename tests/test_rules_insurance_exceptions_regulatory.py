"""Focused tests of the Python checks behind the insurance, exceptions and regulatory rules:
edge cases the catalogue examples do not show, run through the CLI on real files."""

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


# -- INS-01 ---------------------------------------------------------------------------------
POLICY_MFA = """
kind: InsurancePolicy
id: cyber
conditions:
  - id: mfa
    control_categories: [mfa_email, mfa_remote_access, mfa_privileged]
    attested: true
"""


def control(cid: str, category: str, scope: str = "[all]", extra: str = "") -> str:
    head = f"kind: Control\nid: {cid}\ncategory: {category}\n"
    return f"{head}status: implemented\nscope: {scope}\n{extra}"


def test_mfa_condition_needs_all_three_categories(run) -> None:
    found = run(
        "INS-01",
        docs(POLICY_MFA, control("m1", "mfa_email"), control("m2", "mfa_privileged")),
    )
    assert places(found) == [("cyber", 6)]
    message = found[0]["message"]
    assert "mfa_remote_access" in message and "attested" in message
    assert "Travelers v. International Control Services, 2022" in message


def test_scope_all_covers_every_scope_and_uncovered_scope_is_named(run) -> None:
    policy = """
kind: InsurancePolicy
id: cyber
conditions:
  - id: edr
    control_categories: [edr]
    scope: [endpoints, servers, cloud_workloads]
"""
    assert run("INS-01", docs(policy, control("edr", "edr", "[all]"))) == []
    found = run("INS-01", docs(policy, control("edr", "edr", "[endpoints]")))
    assert "leave servers, cloud_workloads uncovered" in found[0]["message"]
    # two controls together cover the scope
    both = docs(
        policy,
        control("a", "edr", "[endpoints]"),
        control("b", "edr", "[servers, cloud_workloads]"),
    )
    assert run("INS-01", both) == []


def test_minimum_coverage_and_partial_controls_do_not_count(run) -> None:
    policy = """
kind: InsurancePolicy
id: cyber
conditions:
  - id: edr
    control_categories: [edr]
    minimum_coverage_percent: 95
"""
    low = control("edr", "edr", extra="coverage_percent: 80\n")
    found = run("INS-01", docs(policy, low))
    assert "covers 80%, under the 95% required" in found[0]["message"]
    partial = "kind: Control\nid: edr\ncategory: edr\nstatus: partial\ncoverage_percent: 99\n"
    assert "control edr is partial" in run("INS-01", docs(policy, partial))[0]["message"]


def test_odd_conditions_never_crash(run) -> None:
    policy = """
kind: InsurancePolicy
id: cyber
conditions:
  - id: empty
  - id: odd
    control_categories: []
    scope: [email]
"""
    assert run("INS-01", docs(policy)) == []


# -- INS-04 ---------------------------------------------------------------------------------
SUPPLIER_T1 = "kind: Supplier\nid: acme\ntier: 1\nprovides_ict_services: true\n"
FUNCTION = """
kind: BusinessFunction
id: orders
criticality: critical
entities: [north]
mtpd_hours: 6
depends_on: {services: [{supplier: acme, service: edi}]}
"""


def test_dependent_bi_it_providers_covers_an_ict_supplier(run) -> None:
    policy = """
kind: InsurancePolicy
id: cyber
dependent_bi: {scope: it_providers}
"""
    assert run("INS-04", docs(SUPPLIER_T1, FUNCTION, policy)) == []


def test_policy_of_other_entities_is_not_compared(run) -> None:
    entity = "kind: Entity\nid: north\n---\n" + HEAD + "kind: Entity\nid: south\n"
    policy = """
kind: InsurancePolicy
id: cyber
insured_entities: [south]
business_interruption: {waiting_period_hours: 12}
dependent_bi: {scope: named}
"""
    assert run("INS-04", docs(entity, SUPPLIER_T1, FUNCTION, policy)) == []
    text = docs(entity, SUPPLIER_T1, FUNCTION, policy.replace("[south]", "[north]"))
    found = run("INS-04", text)
    assert places(found) == [("cyber", line(text, "scope: named")), ("orders", line(text, "mtpd"))]
    assert all(f["level"] == "warning" for f in found)


# -- INS-05 ---------------------------------------------------------------------------------
PANEL_POLICY = """
kind: InsurancePolicy
id: cyber
period: {start: 2026-01-01, end: 2026-12-31}
notice:
  contact: {phone: "+49 89 1234 5678"}
panel:
  forensics: [Example Forensics LLP]
"""


def playbook(firm: str, recipients: str) -> str:
    return f"""
kind: Playbook
id: acme-playbook
supplier: acme
contacts: {{forensics_firm: {firm}, outside_counsel: Any Law LLP}}
comms_templates:
  insurer: {{reference: t.md, recipients: {recipients}}}
"""


def test_phone_recipient_and_panel_name_match_loosely(run) -> None:
    text = docs(
        SUPPLIER_T1, PANEL_POLICY, playbook("example  forensics llp", '["+49 (89) 1234-5678"]')
    )
    # outside counsel is not checked: the policy lists no counsel at all
    assert run("INS-05", text) == []


def test_expired_policy_is_not_the_reference(run) -> None:
    expired = PANEL_POLICY.replace("2026-12-31", "2026-06-30")
    assert run("INS-05", docs(SUPPLIER_T1, expired, playbook("Other LLP", "[x@y.example]"))) == []
    text = docs(SUPPLIER_T1, PANEL_POLICY, playbook("Other LLP", "[x@y.example]"))
    found = run("INS-05", text)
    firm, template = line(text, "forensics_firm"), line(text, "recipients")
    assert places(found) == [("acme-playbook", firm), ("acme-playbook", template)]


# -- INS-06 ---------------------------------------------------------------------------------
CONTRACT = "kind: Contract\nid: ctr\nsupplier: acme\nstatus: active\nentities: [north]\n"
ENTITY = "kind: Entity\nid: north\n"


def test_no_policy_at_all_reports_nothing(run) -> None:
    assert run("INS-06", docs(ENTITY, SUPPLIER_T1, CONTRACT)) == []


def test_ending_policy_is_a_warning_unless_configured(run) -> None:
    policy = (
        "kind: InsurancePolicy\nid: cyber\nperiod: {end: 2026-12-20}\ninsured_entities: [north]\n"
    )
    text = docs(ENTITY, SUPPLIER_T1, CONTRACT, policy)
    found = run("INS-06", text)
    assert [(f["id"], f["level"]) for f in found] == [("cyber", "warning")]
    assert found[0]["message"].endswith("(as of 2026-11-26)")
    assert run("INS-06", text, {"params": {"ending_within_days": 10}}) == []
    assert run("INS-06", text, {"level": "info"})[0]["level"] == "info"


def test_entity_insured_only_by_an_expired_policy_is_uninsured(run) -> None:
    policy = (
        "kind: InsurancePolicy\nid: old\nperiod: {end: 2026-01-31}\ninsured_entities: [north]\n"
    )
    found = run("INS-06", docs(ENTITY, SUPPLIER_T1, CONTRACT, policy))
    assert places(found) == [("north", 3)] and "ctr" in found[0]["message"]


# -- INS-07 ---------------------------------------------------------------------------------
def test_encryption_control_for_another_supplier_does_not_cover(run) -> None:
    supplier = "kind: Supplier\nid: crm\ndata_sensitivity: restricted\n"
    policy = "kind: InsurancePolicy\nid: cyber\nexclusions:\n  - {id: u, type: unencrypted_data}\n"
    other = control("enc", "encryption_at_rest", extra="suppliers: [payroll]\n")
    payroll = "kind: Supplier\nid: payroll\n"
    found = run("INS-07", docs(supplier, payroll, policy, other))
    assert places(found) == [("crm", 4)]
    assert "encryption_at_rest" in found[0]["message"]
    everyone = control("enc", "encryption_at_rest")
    assert run("INS-07", docs(supplier, policy, everyone)) == []


# -- EVD-01 ---------------------------------------------------------------------------------
def test_ended_policy_needs_no_package_and_items_are_configurable(run) -> None:
    ended = "kind: InsurancePolicy\nid: old\nperiod: {end: 2025-12-31}\n"
    assert run("EVD-01", docs(ended)) == []
    package = """
kind: EvidencePackage
id: pack
policy: old
items:
  - {type: asset_inventory, location: x, owner: y, last_updated: 2026-10-01}
"""
    settings = {"params": {"required_items": ["asset_inventory"]}}
    assert run("EVD-01", docs(ended, package), settings) == []


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
