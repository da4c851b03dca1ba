"""The domain model: one meaning of critical, in force and regime, computed once, seen the same
way by resilint's rules and by users' rules (through the CLI on real files)."""

from __future__ import annotations

import datetime
import textwrap
from pathlib import Path

from resilint.domain import Facts
from resilint.model import Document, Index

AS_OF = datetime.date(2026, 11, 26)

# A user rule that reads facts: it reports every supplier resilint counts as critical, with why.
FACT_RULE = """\
rules:
  - code: ACME-01
    name: critical-supplier-listed
    level: warning
    profiles: [acme]
    title: Lists the suppliers resilint counts as critical
    rationale: A policy that looks at critical suppliers only.
    references: ["Acme third-party policy 2.1"]
    remediation: None needed.
    select: Supplier
    applies_to: {critical: true}
    require:
      - that: {field: supplier.id, equals: never}
        message: "supplier {supplier.id} is critical (tier {supplier.effective_tier} in effect)"
    examples:
      pass: "apiVersion: resilint/v1\\nkind: Supplier\\nid: a\\ntier: 3\\n"
      fail: "apiVersion: resilint/v1\\nkind: Supplier\\nid: a\\ntier: 1\\n"
      expect: [{id: a, line: 3}]
"""

# A user rule of the dora profile: it must apply only to documents under DORA.
DORA_RULE = """\
rules:
  - code: ACME-02
    name: contract-has-reference
    level: error
    profiles: [dora]
    title: Every contract has a reference number
    rationale: The register of information keys contracts by reference.
    references: ["ITS 2024/2956 B_02.01"]
    remediation: Add reference.
    select: Contract
    require:
      - that: {field: contract.reference, exists: true}
        message: "contract {contract.id} has no reference"
    examples:
      pass: |
        apiVersion: resilint/v1
        kind: Contract
        id: c
        supplier: s
        reference: R-1
        ---
        apiVersion: resilint/v1
        kind: Supplier
        id: s
      fail: |
        apiVersion: resilint/v1
        kind: Contract
        id: c
        supplier: s
        ---
        apiVersion: resilint/v1
        kind: Supplier
        id: s
      expect: [{id: c, line: 3}]
"""


def doc(kind: str, doc_id: str, **data: object) -> Document:
    return Document("x.yaml", 0, 1, kind, doc_id, {"kind": kind, "id": doc_id, **data})


def facts_of(*documents: Document) -> Facts:
    return Facts(Index(documents), AS_OF)


def test_a_supplier_a_critical_function_rests_on_through_subcontracting_is_critical() -> None:
    function = doc(
        "BusinessFunction",
        "orders",
        criticality="critical",
        depends_on={"suppliers": ["erp"]},
    )
    erp = doc("Supplier", "erp", tier=1, subcontractors=[{"id": "h", "name": "Hostco", "rank": 1}])
    hostco = doc("Supplier", "hostco", name="Hostco", tier=3)
    canteen = doc("Supplier", "canteen", tier=3, provides_ict_services=False)
    facts = facts_of(function, erp, hostco, canteen)
    sub = facts.supplier(hostco)
    assert sub.critical and sub.understated and sub.effective_tier == 1
    assert [hop.text for hop in sub.chain] == ["on erp", "erp subcontracts to hostco"]
    assert sub.critical_functions == ("orders",)
    plain = facts.supplier(canteen)
    assert not plain.critical and plain.tier_class == "tier_3" and plain.exposures == frozenset()
    assert plain.requires == frozenset()


def test_a_shared_dependency_that_is_a_supplier_makes_it_critical() -> None:
    function = doc(
        "BusinessFunction",
        "payroll",
        criticality="important",
        depends_on={"identity_providers": ["Okta"]},
    )
    okta = doc("Supplier", "okta-inc", name="OKTA", tier=2)
    assert facts_of(function, okta).supplier(okta).critical


def test_standard_functions_do_not_make_suppliers_critical_unless_configured() -> None:
    from resilint.domain import Definitions

    function = doc("BusinessFunction", "f", criticality="standard", depends_on={"suppliers": ["s"]})
    supplier = doc("Supplier", "s", tier=2)
    assert not facts_of(function, supplier).supplier(supplier).critical
    widened = Facts(Index([function, supplier]), AS_OF, Definitions(("critical", "standard")))
    assert widened.supplier(supplier).critical


def test_exposure_and_the_matrix_decide_what_a_contract_must_carry() -> None:
    law_firm = doc("Supplier", "law", tier=2, data_sensitivity="confidential")
    contract = doc("Contract", "c-law", supplier="law", covers_ict_services=False)
    facts = facts_of(law_firm, contract)
    assert facts.supplier(law_firm).exposures == frozenset({"data"})
    required = facts.contract(contract).requires
    assert "cooperation" in required and "incident_notice" in required
    assert "evidence_retention" not in required and "notice_content" not in required


def test_lifecycles_are_defined_once() -> None:
    facts = facts_of(
        doc("Contract", "draft", status="prospective"),
        doc("Contract", "lapsed", end_date="2026-01-31"),
        doc("Contract", "renewing", end_date="2026-01-31", auto_renew=True),
        doc("Contract", "active", status="active", end_date="2020-01-01"),
    )
    stages = {d.id: facts.contract(d).lifecycle for d in facts.index.of_kind("Contract")}
    assert stages == {
        "draft": "draft",
        "lapsed": "ended",
        "renewing": "in_force",
        "active": "in_force",  # recorded active: CTR-13 reports the stale end date
    }


def test_regimes_follow_the_entities_that_sign_a_contract() -> None:
    lux = doc("Entity", "lux", regimes=["dora"])
    uk = doc("Entity", "uk", regimes=[])
    signed_uk = doc("Contract", "c-uk", supplier="s", entities=["uk"])
    unsigned = doc("Contract", "c-any", supplier="s")
    facts = facts_of(lux, uk, signed_uk, unsigned, doc("Supplier", "s"))
    assert facts.contract(signed_uk).regimes == frozenset()
    assert facts.contract(unsigned).regimes == frozenset({"dora"})


def test_date_arithmetic_saturates() -> None:
    from resilint.domain.lifecycle import shift

    assert shift(datetime.date(9999, 12, 31), 1_000_000) == datetime.date.max
    assert shift(datetime.date(1, 1, 1), -5) == datetime.date.min


def test_user_rules_read_facts_and_applies_to(cli, write) -> None:
    write("resilint.yaml", "profiles: []\nselect: [ACME-01]\nrule_dirs: [policies]\n")
    write("policies/facts.yaml", FACT_RULE)
    write(
        "programme.yaml",
        """\
        apiVersion: resilint/v1
        kind: BusinessFunction
        id: orders
        criticality: critical
        depends_on: {suppliers: [logistics]}
        ---
        apiVersion: resilint/v1
        kind: Supplier
        id: logistics
        tier: 3
        ---
        apiVersion: resilint/v1
        kind: Supplier
        id: canteen
        tier: 3
        """,
    )
    result = cli("check", "--no-cache", "--format", "json")
    messages = [f["message"] for f in result.json()["findings"] if f["code"] == "ACME-01"]
    assert messages == ["supplier logistics is critical (tier 1 in effect)"]
    explained = cli("explain", "ACME-01").stdout
    assert "Applies to suppliers where critical is true" in explained


def test_an_unknown_fact_in_applies_to_fails_when_the_rule_loads(cli, write) -> None:
    write("resilint.yaml", "profiles: []\nrule_dirs: [policies]\n")
    write("policies/facts.yaml", FACT_RULE.replace("{critical: true}", "{critcal: true}"))
    write("a.yaml", "apiVersion: resilint/v1\nkind: Supplier\nid: a\n")
    result = cli("check")
    assert result.exit_code == 2
    assert "Supplier has no fact 'critcal' (did you mean 'critical'?)" in result.stderr
    assert "policies/facts.yaml:11:" in result.stderr


def _dora_repository(write) -> None:
    write("policies/dora.yaml", DORA_RULE)
    write(
        "programme.yaml",
        """\
        apiVersion: resilint/v1
        kind: Entity
        id: lux-fund
        regimes: [dora]
        ---
        apiVersion: resilint/v1
        kind: Entity
        id: uk-ltd
        regimes: []
        ---
        apiVersion: resilint/v1
        kind: Supplier
        id: s
        ---
        apiVersion: resilint/v1
        kind: Contract
        id: c-lux
        supplier: s
        entities: [lux-fund]
        ---
        apiVersion: resilint/v1
        kind: Contract
        id: c-uk
        supplier: s
        entities: [uk-ltd]
        """,
    )


def test_a_regime_switched_on_by_an_entity_applies_to_its_documents_only(cli, write) -> None:
    write("resilint.yaml", "profiles: []\nrule_dirs: [policies]\n")
    _dora_repository(write)
    result = cli("check", "--no-cache", "--format", "json")
    ids = [f["id"] for f in result.json()["findings"] if f["code"] == "ACME-02"]
    assert ids == ["c-lux"]


def test_a_regime_named_in_the_configuration_applies_everywhere(cli, write) -> None:
    write("resilint.yaml", "profiles: [dora]\nrule_dirs: [policies]\n")
    _dora_repository(write)
    result = cli("check", "--no-cache", "--format", "json")
    ids = sorted(f["id"] for f in result.json()["findings"] if f["code"] == "ACME-02")
    assert ids == ["c-lux", "c-uk"]


def test_requirements_overrides_are_validated_and_shown(cli, write) -> None:
    write("resilint.yaml", "requirements:\n  evidence_retension: {tier_2: never}\n")
    write("a.yaml", "apiVersion: resilint/v1\nkind: Supplier\nid: a\n")
    result = cli("check")
    assert result.exit_code == 2 and "resilint.yaml:2:3:" in result.stderr
    assert "unknown name 'evidence_retension' (did you mean 'evidence_retention'?)" in result.stderr
    write(
        "resilint.yaml",
        "critical_levels: [critical]\nrequirements:\n  cooperation: {tier_3: always}\n",
    )
    shown = cli("config").stdout
    assert 'critical_levels: ["critical"]' in shown
    assert '"cooperation": {"tier_3": "always"}' in shown
    explained = cli("explain", "CTR-07").stdout
    if "requires" in explained:  # the rule names its term: the override shows in its scope
        assert "tier-3 suppliers: yes" in explained


def test_the_reference_page_shows_the_requirements_matrix(cli) -> None:
    page = (Path(__file__).resolve().parent.parent / "docs" / "rules.md").read_text()
    assert "## The requirements matrix" in page
    assert "| `evidence_retention`:" in page
    assert textwrap.dedent("To whom it applies") in page


def test_extreme_but_valid_values_never_crash_a_rule(cli, write) -> None:
    write(
        "programme.yaml",
        """\
        apiVersion: resilint/v1
        kind: Supplier
        id: acme
        tier: 1
        ---
        apiVersion: resilint/v1
        kind: Contract
        id: ctr-acme
        supplier: acme
        status: active
        start_date: 0001-01-01
        end_date: 9999-12-31
        our_notice_period_days: 1000000
        supplier_notice_period_days: 1000000
        ---
        apiVersion: resilint/v1
        kind: Waiver
        id: w
        rule: CTR-08
        targets: [{kind: Contract, id: ctr-acme}]
        rationale: accepted
        risk_owner: cro
        approver: board
        approved_on: 9999-12-31
        expires: 9999-12-31
        """,
    )
    result = cli("check", "--no-cache", "--format", "json", "--as-of", "9999-12-30")
    assert result.exit_code in (0, 1), result.stdout
    assert not any("could not be evaluated" in f["message"] for f in result.json()["findings"])


def test_a_crashing_rule_is_reported_at_the_document_it_was_evaluating(
    cli, write, monkeypatch
) -> None:
    from resilint.rules import operators

    def boom(value: object, operand: object, as_of: object) -> bool:
        raise RuntimeError("operator failed")

    monkeypatch.setitem(operators.OPERATORS, "at_least", boom)  # compiled as is
    write("resilint.yaml", "profiles: []\nselect: [ACME-01]\nrule_dirs: [policies]\n")
    write(
        "policies/owner.yaml",
        FACT_RULE.replace(
            "{field: supplier.id, equals: never}", "{field: supplier.tier, at_least: 1}"
        ),
    )
    write("suppliers.yaml", "apiVersion: resilint/v1\nkind: Supplier\nid: acme\ntier: 1\n")
    result = cli("check", "--no-cache", "--format", "json")
    assert result.exit_code == 3
    crash = next(f for f in result.json()["findings"] if f["code"] == "ACME-01")
    assert crash["path"] == "suppliers.yaml" and crash["line"] == 3
    assert (
        "could not be evaluated on supplier acme: RuntimeError: operator failed" in crash["message"]
    )


def test_no_fact_shadows_a_field_and_the_docs_list_every_fact() -> None:
    import re

    from resilint.domain.facts import FACT_FIELDS
    from resilint.resources import data_dir
    from resilint.schemas import SchemaSet

    schemas = SchemaSet(data_dir("schemas"))
    page = (Path(__file__).resolve().parent.parent / "docs" / "rule-language.md").read_text()
    for kind, facts in FACT_FIELDS.items():
        fields = set(schemas.schema(kind).get("properties", {}))
        assert not fields & set(facts), (kind, fields & set(facts))
        snake = re.sub(r"(?<!^)(?=[A-Z])", "_", kind).lower()
        for name, spec in facts.items():
            assert f"| `{snake}.{name}` |" in page and spec["description"] in page, name


def test_a_missing_section_is_one_finding_not_one_per_term(cli, write) -> None:
    write(
        "programme.yaml",
        """\
        apiVersion: resilint/v1
        kind: Supplier
        id: acme
        tier: 1
        provides_ict_services: true
        ---
        apiVersion: resilint/v1
        kind: Contract
        id: ctr-acme
        supplier: acme
        status: active
        ---
        apiVersion: resilint/v1
        kind: Contract
        id: ctr-acme-2
        supplier: acme
        status: active
        cooperation: {incident_team: true}
        ---
        # a cyber policy in force, whose insurer asks questionnaires and sworn statements
        apiVersion: resilint/v1
        kind: InsurancePolicy
        id: cyber
        """,
    )
    result = cli("check", "--no-cache", "--format", "json", "--as-of", "2026-11-26")
    ctr07 = [f for f in result.json()["findings"] if f["code"] == "CTR-07"]
    whole = [f for f in ctr07 if f["id"] == "ctr-acme"]
    assert len(whole) == 1
    assert "the whole cooperation section is missing, so outside_counsel" in whole[0]["message"]
    [partial] = [f for f in ctr07 if f["id"] == "ctr-acme-2"]
    # the section is there but lacks duties: one finding for the section, naming each
    assert partial["message"].count("; also: ") == 1 and "sworn statements" in partial["message"]
    assert len({f["fingerprint"] for f in ctr07}) == len(ctr07)


def test_a_region_primary_on_any_route_counts_as_primary() -> None:
    function = doc(
        "BusinessFunction",
        "orders",
        criticality="critical",
        depends_on={
            "cloud": [{"provider": "aws", "region": "eu-west-1", "role": "replica"}],
            "suppliers": ["erp"],
        },
    )
    erp = doc(
        "Supplier",
        "erp",
        tier=1,
        shared_dependencies={"cloud": [{"provider": "aws", "region": "eu-west-1"}]},
    )
    region, chain = facts_of(function, erp).graph.reach(function).regions[("aws", "eu-west-1")]
    assert region.role == "primary" and chain[0].text == "on erp"


def test_a_fact_worked_out_when_read_is_worked_out_once_and_only_then() -> None:
    """A contract's window_note names the clocks its supplier's window runs past: only CTR-03's
    message shows it, so it is worked out when read, not for every contract."""
    from resilint.domain.facts import Fields

    calls: list[int] = []

    def work() -> str:
        calls.append(1)
        return "; its 72 hours also run past ..."

    fields = Fields({"critical": True, "window_note": ""}, {"window_note": work})
    assert "window_note" in fields and fields["critical"] is True and fields.get("x") is None
    assert calls == []
    assert fields["window_note"] == fields.get("window_note") == "; its 72 hours also run past ..."
    assert calls == [1]
    other = Fields({"window_note": ""}, {"window_note": work})
    assert dict(other.items())["window_note"].startswith("; its") and calls == [1, 1]
