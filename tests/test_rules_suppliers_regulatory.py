"""The supplier and regulatory rules (SUP-01 to SUP-10, CTR-01, CTR-02, CTR-09 to CTR-12, BCM-02)
through the CLI on real files: proportionality (who each rule applies to), the corrections of
issue 9 with their citations, and the dependency graph behind criticality."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
from one_file import AS_OF, CRASH, docs, line

OURS = [f"SUP-{n:02}" for n in range(1, 11)] + ["CTR-01", "CTR-02", "CTR-09", "CTR-10"]
OURS += ["CTR-11", "CTR-12", "BCM-02"]
EVERY_PROFILE = ["baseline", "dora", "nis2", "nydfs"]


@pytest.fixture
def check(cli, write, tmp_path: Path):
    """Check ``text`` with the given configuration; return the findings of our rules."""

    def go(text: str, **config: Any) -> list[dict[str, Any]]:
        write("resilint.yaml", json.dumps(config or {"profiles": EVERY_PROFILE}))
        write("repo.yaml", text)
        result = cli("check", "--format", "json", "--no-cache", "--as-of", AS_OF, cwd=tmp_path)
        findings: list[dict[str, Any]] = result.json()["findings"]
        crashes = [f for f in findings if CRASH in f["message"]]
        assert not crashes, crashes
        return [f for f in findings if f["code"] in OURS]

    return go


def only(findings: list[dict[str, Any]], code: str) -> list[dict[str, Any]]:
    return [f for f in findings if f["code"] == code]


def places(findings: list[dict[str, Any]]) -> list[tuple[str, int]]:
    return sorted((f["id"], f["line"]) for f in findings)


def explain(cli, code: str) -> str:
    result = cli("explain", code)
    assert result.exit_code == 0
    return " ".join(result.stdout.split())


# -- proportionality ------------------------------------------------------------------------
ENTITIES = """
kind: Entity
id: group
regimes: [dora, nis2, nydfs]
nis2_entity_type: managed_service_provider
"""

CANTEEN = """
kind: Supplier
id: canteen
name: Kantine Schmidt GmbH
status: active
tier: 3
provides_ict_services: false
supports_critical_function: false
data_sensitivity: internal
highest_access_level: none
level_of_reliance: low
last_assessment: {date: 2025-01-10, type: questionnaire}
services: [{name: lunch, stores_data: false}]
"""

CANTEEN_CONTRACT = """
kind: Contract
id: ctr-canteen
supplier: canteen
entities: [group]
status: active
start_date: 2025-01-01
end_date: 2027-12-31
"""


@pytest.mark.parametrize("profiles", [["baseline"], EVERY_PROFILE, ["dora"], ["nis2"], ["nydfs"]])
def test_a_tier3_canteen_without_ict_access_or_data_draws_nothing(check, profiles) -> None:
    text = docs(ENTITIES, CANTEEN, CANTEEN_CONTRACT)
    assert check(text, profiles=profiles) == []
    # the same canteen with a draft contract under negotiation: nothing either
    draft = CANTEEN_CONTRACT.replace("status: active", "status: draft")
    assert check(docs(ENTITIES, CANTEEN, draft), profiles=profiles) == []


def _ict_contract(cid: str, entity: str) -> str:
    return f"""
kind: Contract
id: {cid}
supplier: cloudco
entities: [{entity}]
status: active
"""


CLOUDCO = """
kind: Supplier
id: cloudco
tier: 2
provides_ict_services: true
highest_access_level: read-only
contacts:
  security_24x7: {email: soc@cloudco.example, channel: portal, available_24x7: true}
last_assessment: {date: 2026-01-10, type: questionnaire}
"""


def test_a_dora_contract_is_checked_and_a_uk_one_is_not(check) -> None:
    text = docs(
        "kind: Entity\nid: lu-am\ncountry: LU\nregimes: [dora]",
        "kind: Entity\nid: uk-ltd\ncountry: GB\nregimes: []",
        CLOUDCO,
        _ict_contract("ctr-lu", "lu-am"),
        _ict_contract("ctr-uk", "uk-ltd"),
    )
    found = check(text, profiles=["baseline"])
    assert {f["id"] for f in only(found, "CTR-01")} == {"ctr-lu"}
    assert {f["id"] for f in only(found, "CTR-09")} == {"ctr-lu"}
    assert not [f for f in found if f["id"] == "ctr-uk"]
    # the configuration naming the profile applies it everywhere
    found = check(text, profiles=["baseline", "dora"])
    assert {f["id"] for f in only(found, "CTR-01")} == {"ctr-lu", "ctr-uk"}


def test_nydfs_applies_to_the_new_york_entity_only(check) -> None:
    supplier = CLOUDCO.replace("highest_access_level: read-only", "highest_access_level: write")
    text = docs(
        "kind: Entity\nid: ny-ins\nregimes: [nydfs]",
        "kind: Entity\nid: lu-am\nregimes: [dora]",
        supplier,
        _ict_contract("ctr-ny", "ny-ins"),
        _ict_contract("ctr-lu", "lu-am"),
    )
    found = only(check(text, profiles=["baseline"]), "CTR-11")
    assert {f["id"] for f in found} == {"ctr-ny"}


# -- SUP-01: criticality through the dependency graph -----------------------------------------
SUBCONTRACTED = (
    """
kind: BusinessFunction
id: shipping
criticality: critical
depends_on: {suppliers: [logistics]}
""",
    """
kind: Supplier
id: logistics
tier: 1
services: [{name: dispatch}]
subcontractors:
  - {id: labels, name: Tinyprint Labels GmbH, supplier: tinyprint, services: [dispatch]}
""",
    """
kind: Supplier
id: tinyprint
name: Tinyprint Labels GmbH
tier: 3
supports_critical_function: false
""",
)


def test_a_tier3_sole_subcontractor_of_a_critical_function_is_questioned_with_the_chain(
    check,
) -> None:
    text = docs(*SUBCONTRACTED)
    found = only(check(text, profiles=["baseline"]), "SUP-01")
    assert places(found) == [("tinyprint", line(text, "tier: 3"))]
    message = found[0]["message"]
    assert "recorded as tier 3, but it is tier 1 in effect" in message
    assert "shipping" in message
    related = [(r["line"], r["message"]) for r in found[0]["related"]]
    assert related == [
        (line(text, "depends_on: {suppliers: [logistics]}"), "on logistics"),
        (line(text, "- {id: labels"), "logistics subcontracts to tinyprint"),
    ]


def test_a_subcontractor_named_only_by_name_is_found_too(check) -> None:
    logistics = SUBCONTRACTED[1].replace(" supplier: tinyprint,", "")
    text = docs(SUBCONTRACTED[0], logistics, SUBCONTRACTED[2])
    assert places(only(check(text, profiles=["baseline"]), "SUP-01")) == [
        ("tinyprint", line(text, "tier: 3"))
    ]


def test_an_exited_supplier_a_critical_function_still_rests_on_is_a_gap(check) -> None:
    """A real gap (or a stale record): the function depends on a supplier we no longer have,
    and no tier-1 check looks at an exited supplier. Reported at its status line, with the
    chain; an exited supplier nothing critical rests on is not reported."""
    courier = "kind: Supplier\nid: courier\nstatus: exited\ntier: 2"
    function = (
        "kind: BusinessFunction\nid: shipping\ncriticality: critical\n"
        "depends_on: {suppliers: [courier]}"
    )
    text = docs(courier, function)
    found = only(check(text, profiles=["baseline"]), "SUP-01")
    assert places(found) == [("courier", line(text, "status: exited"))]
    assert "recorded as exited, but critical or important business functions" in found[0]["message"]
    assert [r["line"] for r in found[0]["related"]] == [line(text, "depends_on")]
    assert check(docs(courier), profiles=["baseline"]) == []


def test_recorded_reasons_missing_tier_and_full_reliance(check) -> None:
    text = docs(
        "kind: Supplier\nid: admin-co\ntier: 2\nhighest_access_level: privileged",
        "kind: Supplier\nid: untiered",
        "kind: Supplier\nid: reliant\ntier: 2\nlevel_of_reliance: full",
    )
    found = only(check(text, profiles=["baseline"]), "SUP-01")
    got = {(f["id"], f["level"]) for f in found}
    assert got == {("admin-co", "error"), ("untiered", "error"), ("reliant", "warning")}
    assert "privileged access" in next(f for f in found if f["id"] == "admin-co")["message"]


# -- SUP-03, SUP-04, SUP-05: what the tier in effect asks ---------------------------------------
def test_security_contacts_follow_the_requirements_matrix(check) -> None:
    text = docs(
        "kind: Supplier\nid: saas\ntier: 2\nprovides_ict_services: true",
        "kind: Supplier\nid: cleaner\ntier: 3\nprovides_ict_services: false\n"
        "highest_access_level: none\ndata_sensitivity: internal",
        *SUBCONTRACTED,
    )
    found = only(check(text, profiles=["baseline"]), "SUP-03")
    messages = {f["id"]: [] for f in found}
    for f in found:
        messages[f["id"]].append(f["message"])
    assert set(messages) == {"saas", "logistics", "tinyprint"}
    assert not any("escalation" in m for m in messages["saas"])  # tier 2: no escalation order
    assert any("escalation" in m for m in messages["tinyprint"])  # tier 1 in effect: asked


def test_assessment_interval_by_tier_in_effect_and_before_contracting(check) -> None:
    tinyprint = SUBCONTRACTED[2] + "last_assessment: {date: 2025-03-01, type: questionnaire}\n"
    text = docs(SUBCONTRACTED[0], SUBCONTRACTED[1], tinyprint)
    found = only(check(text, profiles=["baseline"]), "SUP-04")
    overdue = [f for f in found if f["id"] == "tinyprint"]
    assert [(f["line"], f["level"]) for f in overdue] == [(line(text, "last_assessment"), "error")]
    newco = "kind: Supplier\nid: newco\nstatus: prospective\ntier: 2"
    draft = "kind: Contract\nid: ctr-newco\nsupplier: newco\nstatus: draft"
    assert only(check(docs(newco), profiles=["baseline"]), "SUP-04") == []
    found = only(check(docs(newco, draft), profiles=["baseline"]), "SUP-04")
    assert [(f["id"], f["level"]) for f in found] == [("newco", "warning")]
    assert "pre-contract assessment" in found[0]["message"]


def test_sup04_cites_article_28_4_as_the_assessment_before_contracting(cli) -> None:
    text = explain(cli, "SUP-04")
    assert "DORA Art. 28(4) (before entering into a contractual arrangement" in text


def test_a_supplier_critical_only_as_a_subcontractor_needs_no_contract_with_us(check) -> None:
    text = docs(*SUBCONTRACTED)
    found = only(check(text, profiles=["baseline"]), "SUP-05")
    assert [f["id"] for f in found] == ["logistics"]
    draft = "kind: Contract\nid: ctr-logistics\nsupplier: logistics\nstatus: draft"
    found = only(check(docs(*SUBCONTRACTED, draft), profiles=["baseline"]), "SUP-05")
    assert [r["message"] for r in found[0]["related"]] == [
        "contract ctr-logistics is still a draft"
    ]
    active = draft.replace("status: draft", "status: active")
    assert only(check(docs(*SUBCONTRACTED, active), profiles=["baseline"]), "SUP-05") == []


# -- SUP-02: identification as the register accepts it ----------------------------------------
def _provider(sid: str, extra: str) -> str:
    return f"kind: Supplier\nid: {sid}\nname: {sid} Ltd\nprovides_ict_services: true\n{extra}"


OWN_PARENT = "ultimate_parent: {name: %s Ltd}"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        # a company in the EU: LEI or EUID
        ("provider_id: DKCVR.11845118\nprovider_id_type: EUID\nhq_country: DK", None),
        ("provider_id: NO123456789\nprovider_id_type: EUID\nhq_country: NO", None),
        (
            "provider_id: DE123456789\nprovider_id_type: VAT\nperson_type: legal_person\n"
            "hq_country: DE",
            "identifies a legal person only by its LEI or (established in the EU) its EUID",
        ),
        # outside the EU: the LEI only
        (
            "provider_id: GBCH.01234567\nprovider_id_type: EUID\nhq_country: GB",
            "identifies a provider from a third country by its LEI only",
        ),
        # an individual acting in a business capacity may use the other codes
        (
            "provider_id: '12345678901'\nprovider_id_type: NIN\nperson_type: natural_person\n"
            "hq_country: DE",
            None,
        ),
        (
            "provider_id: '12345678901'\nprovider_id_type: NIN\nhq_country: DE",
            "if it is an individual acting in a business capacity, set person_type",
        ),
        # DUNS is not a register code type
        (
            "provider_id: '123456789'\nprovider_id_type: DUNS\nhq_country: US",
            "not a code type the register accepts",
        ),
        (
            "provider_id: HWUPKR0MPOU8FGXBT349\nprovider_id_type: LEI\nhq_country: US",
            "check digits are wrong",
        ),
    ],
)
def test_identifier_type_person_and_country(check, extra: str, expected: str | None) -> None:
    sid = "prov"
    text = docs(_provider(sid, extra + "\n" + OWN_PARENT % sid))
    found = only(check(text, profiles=["dora"]), "SUP-02")
    if expected is None:
        assert found == []
    else:
        assert [f["message"] for f in found if expected in f["message"]], found


def test_the_ultimate_parent_needs_an_identifier_unless_it_is_the_provider(check) -> None:
    lei = "provider_id: HWUPKR0MPOU8FGXBT394\nprovider_id_type: LEI\nhq_country: US\n"
    parent = docs(_provider("acme", lei + "ultimate_parent: {name: Acme Holdings Inc}"))
    found = only(check(parent, profiles=["dora"]), "SUP-02")
    assert [f["line"] for f in found] == [line(parent, "ultimate_parent")]
    assert "the ultimate parent of supplier acme has no identifier" in found[0]["message"]
    own = docs(_provider("acme", lei + "ultimate_parent: {name: acme Ltd}"))
    assert only(check(own, profiles=["dora"]), "SUP-02") == []
    duns_parent = docs(
        _provider(
            "acme",
            lei + "ultimate_parent: {name: Acme Holdings Inc, provider_id: '1234',"
            " provider_id_type: DUNS}",
        )
    )
    found = only(check(duns_parent, profiles=["dora"]), "SUP-02")
    assert ["parent undertaking is a legal person" in f["message"] for f in found] == [True]


def test_register_rules_skip_prospective_and_non_ict_suppliers(check) -> None:
    prospective = "kind: Supplier\nid: newco\nstatus: prospective\nprovides_ict_services: true"
    assert only(check(docs(prospective, CANTEEN), profiles=["dora"]), "SUP-02") == []


def test_dora_register_columns_are_cited_where_they_are(cli) -> None:
    """Data locations and the level of reliance are B_02.02 columns, not B_07.01 ones."""
    sup10 = explain(cli, "SUP-10")
    assert "B_02.02" in sup10 and "B_07.01" not in sup10
    schema = json.loads(
        (Path(__file__).resolve().parent.parent / "schemas" / "supplier.json").read_text()
    )
    reliance = schema["properties"]["level_of_reliance"]["description"]
    assert "B_02.02" in reliance and "B_07.01" not in reliance
    types = schema["properties"]["provider_id_type"]["enum"]
    assert types[:6] == ["LEI", "EUID", "CRN", "VAT", "PNR", "NIN"]


# -- SUP-06 to SUP-08: services supporting a critical function --------------------------------
def _services(*services: str) -> str:
    body = "\n".join(textwrap.indent(textwrap.dedent(s).strip(), "  ") for s in services)
    return (
        "kind: Supplier\nid: acme\nprovides_ict_services: true\nsupports_critical_function: true\n"
        "services:\n" + body
    )


@pytest.mark.parametrize(
    ("service", "finding"),
    [
        ("- name: a\n  substitutability: highly_complex", True),
        ("- name: a\n  substitutability: not_substitutable\n  substitutability_reason: x", True),
        (
            "- name: a\n  substitutability: highly_complex\n"
            "  non_substitutability_reason: lack_of_alternatives",
            False,
        ),
        ("- name: a\n  substitutability: medium_complexity", False),
        ("- name: a\n  supports_critical_function: false", False),
    ],
)
def test_a_hard_to_replace_service_needs_its_coded_reason(check, service, finding) -> None:
    found = only(check(docs(_services(service)), profiles=["dora"]), "SUP-06")
    assert bool(found) is finding
    if finding:
        assert "lack_of_alternatives, difficult_migration or both" in found[0]["message"]


def test_an_unknown_reason_code_is_a_schema_error(cli, write, tmp_path: Path) -> None:
    write("resilint.yaml", "profiles: [dora]\n")
    bad = "- name: a\n  substitutability: highly_complex\n  non_substitutability_reason: costly"
    write("repo.yaml", docs(_services(bad)))
    result = cli("check", "--format", "json", "--no-cache", "--as-of", AS_OF, cwd=tmp_path)
    assert "SCH-01" in result.codes()


@pytest.mark.parametrize(
    ("dates", "missing"),
    [
        ("last_tested: 2026-05-01, last_reviewed: 2026-06-01", []),
        ("last_tested: 2026-05-01", ["reviewed"]),
        ("last_reviewed: 2026-06-01", ["tested"]),
        ("last_tested: 2025-05-01, last_reviewed: 2026-06-01", ["tested"]),
    ],
)
def test_exit_plans_are_tested_and_reviewed(check, dates: str, missing: list[str]) -> None:
    service = f"- name: a\n  exit_plan: {{reference: plans/a.pdf, {dates}}}"
    found = only(check(docs(_services(service)), profiles=["dora"]), "SUP-08")
    assert sorted("tested" if "tested" in f["message"] else "reviewed" for f in found) == missing


def test_sup08_cites_the_rts_exit_article(cli) -> None:
    text = explain(cli, "SUP-08")
    assert "Commission Delegated Regulation (EU) 2024/1773, Art. 10(1)" in text
    assert "DORA Art. 28(8)" in text


def test_a_function_resting_on_the_whole_supplier_makes_its_services_critical(check) -> None:
    supplier = (
        "kind: Supplier\nid: hub\nprovides_ict_services: true\n"
        "services:\n  - name: switch\n  - name: reports\n    supports_critical_function: false"
    )
    function = (
        "kind: BusinessFunction\nid: cards\ncriticality: critical\ndepends_on: {suppliers: [hub]}"
    )
    text = docs(supplier, function)
    found = only(check(text, profiles=["dora"]), "SUP-07")
    assert places(found) == [("hub", line(text, "- name: switch"))]
    # a function naming one service of the supplier picks that service out
    named = function.replace("{suppliers: [hub]}", "{services: [{supplier: hub, service: x}]}")
    assert only(check(docs(supplier, named), profiles=["dora"]), "SUP-07") == []


# -- CTR-10: audit rights ---------------------------------------------------------------------
CRITICAL_ICT = (
    "kind: Supplier\nid: hyper\nprovides_ict_services: true\nsupports_critical_function: true"
)


def _audit(audit: str, entities: str = "[fund]") -> str:
    return (
        f"kind: Contract\nid: ctr-hyper\nsupplier: hyper\nentities: {entities}\nstatus: active\n"
        f"audit:\n{textwrap.indent(audit, '  ')}"
    )


@pytest.mark.parametrize(
    ("audit", "micro", "count"),
    [
        ("rights: true\nunrestricted_access: true\nincludes_competent_authority: true", False, 0),
        # pooled audits are a way of exercising the right (RTS 2024/1773 Art. 8(2)(b))
        (
            "pooled_audit: true\nunrestricted_access: true\nincludes_competent_authority: true",
            False,
            0,
        ),
        # alternative assurance where other clients' rights are affected (Art. 30(3)(e)(ii))
        (
            "rights: true\nunrestricted_access: false\nincludes_competent_authority: true\n"
            "alternative_assurance: {other_clients_affected: true, methods: [pooled_audit]}",
            False,
            0,
        ),
        ("rights: true\nunrestricted_access: false\nincludes_competent_authority: true", False, 1),
        # a microenterprise may delegate its rights; the authority's stay (Art. 30(3) 2nd subpara.)
        ("delegated_to_independent_third_party: true\nincludes_competent_authority: true", True, 0),
        (
            "delegated_to_independent_third_party: true\nincludes_competent_authority: true",
            False,
            1,
        ),
        ("delegated_to_independent_third_party: true", True, 1),
    ],
)
def test_audit_rights_honour_alternatives_pooled_audits_and_microenterprises(
    check, audit: str, micro: bool, count: int
) -> None:
    entity = "kind: Entity\nid: fund\nregimes: [dora]" + (
        "\ndora_microenterprise: true" if micro else ""
    )
    found = only(check(docs(entity, CRITICAL_ICT, _audit(audit)), profiles=["baseline"]), "CTR-10")
    assert len(found) == count, found


def test_ctr10_never_advises_waiving_a_pooled_audit(cli) -> None:
    text = explain(cli, "CTR-10")
    remediation = text.split("How to fix it:")[1]
    assert "Waiver" not in remediation
    assert "record audit.pooled_audit: true" in remediation
    assert "DORA Art. 3(60)" in text and "2024/1773, Art. 8(2)" in text


# -- CTR-11: NYDFS third-party service providers ---------------------------------------------
def _nydfs(supplier: str, clauses: str = "") -> str:
    contract = "kind: Contract\nid: ctr\nsupplier: s\nstatus: active\n" + clauses
    return docs("kind: Entity\nid: ny\nregimes: [nydfs]", supplier, contract)


ALL_BUT_ENCRYPTION = (
    "clauses:\n"
    "  nydfs.500.11.b.1: {present: true}\n"
    "  nydfs.500.11.b.3: {present: true}\n"
    "  nydfs.500.11.b.4: {present: true}\n"
)


def test_nydfs_provisions_to_the_extent_applicable(check) -> None:
    access_only = "kind: Supplier\nid: s\nhighest_access_level: write\ndata_sensitivity: internal"
    assert (
        only(check(_nydfs(access_only, ALL_BUT_ENCRYPTION), profiles=["baseline"]), "CTR-11") == []
    )
    # a law firm holding our nonpublic information is a third-party service provider without
    # providing ICT services: the provisions apply, encryption included
    law_firm = (
        "kind: Supplier\nid: s\nprovides_ict_services: false\nhighest_access_level: none\n"
        "data_sensitivity: confidential"
    )
    text = _nydfs(law_firm, ALL_BUT_ENCRYPTION + "covers_ict_services: false\n")
    found = only(check(text, profiles=["baseline"]), "CTR-11")
    assert ["500.11(b)(2)" in f["message"] for f in found] == [True]
    # no access and no nonpublic information: not a third-party service provider
    florist = "kind: Supplier\nid: s\nprovides_ict_services: false\ndata_sensitivity: public"
    assert only(check(_nydfs(florist), profiles=["baseline"]), "CTR-11") == []


# -- CTR-12: the NIS2 implementing rules bind the entities they list ---------------------------
ALL_OLD_IDS = (
    "clauses:\n"
    "  nis2.security_requirements: {present: true}\n"
    "  nis2.staff_training: {present: true}\n"
    "  nis2.background_checks: {present: true}\n"
    "  nis2.vulnerability_handling: {present: true}\n"
    "  nis2.subcontractor_flow_down: {present: true}\n"
    "  nis2.data_return_disposal: {present: true}\n"
)


def _nis2(entity_type: str, contract_extra: str) -> str:
    return docs(
        f"kind: Entity\nid: e\nregimes: [nis2]\nnis2_entity_type: {entity_type}",
        "kind: Supplier\nid: s\nprovides_ict_services: true",
        "kind: Contract\nid: ctr\nsupplier: s\nstatus: active\n" + contract_extra,
    )


def test_cir_2024_2690_binds_only_the_entity_types_it_lists(check) -> None:
    found = only(
        check(_nis2("cloud_computing_service_provider", ""), profiles=["baseline"]), "CTR-12"
    )
    # the contract has no clauses at all: one finding that names every point missing, the
    # first in words, the others by the clause ids to record
    [missing] = found
    message = missing["message"]
    assert "point 5.1.4(a)" in message and "the whole clauses section is missing" in message
    listed = message.split("so ", 1)[1].split(" are missing", 1)[0].split(", ")
    assert listed == [f"nis2.5.1.4.{point}" for point in "bcdefgh"], message
    assert ".present" not in message
    assert only(check(_nis2("other", ""), profiles=["baseline"]), "CTR-12") == []
    # a programme that adopts point 5.1.4 as its own policy for every NIS2 entity says so
    policy = {
        "profiles": ["baseline"],
        "rules": {"CTR-12": {"params": {"entity_types": ["other"]}}},
    }
    assert len(only(check(_nis2("other", ""), **policy), "CTR-12")) == 1


def test_old_clause_ids_count_and_incident_notice_and_audit_are_separate_points(check) -> None:
    found = only(
        check(_nis2("managed_service_provider", ALL_OLD_IDS), profiles=["baseline"]), "CTR-12"
    )
    # the old ids cover (a), (b), (c), (f), (g), (h); vulnerability handling is not (d)
    points = [part[0] for f in found for part in f["message"].split("point 5.1.4(")[1:]]
    assert sorted(points) == ["d", "e"]
    both = ALL_OLD_IDS + "incident_notification: {window_hours: 24}\naudit: {rights: true}\n"
    assert (
        only(check(_nis2("managed_service_provider", both), profiles=["baseline"]), "CTR-12") == []
    )


def test_ctr12_cites_article_1_and_point_5_1_4(cli) -> None:
    text = explain(cli, "CTR-12")
    assert "2024/2690, Art. 1 (the relevant entities it binds)" in text
    assert "point 5.1.4 (a)-(h)" in text


# -- odd data ---------------------------------------------------------------------------------
def test_odd_data_never_crashes_the_rules(check) -> None:
    text = docs(
        "kind: Supplier\nid: s\ntier: '1'\nperson_type: [x]\nultimate_parent: x\n"
        "provider_id_type: 5\nservices: [x, {name: 1, exit_plan: 3}]\nsubcontractors: x",
        "kind: Supplier\nid: t\nstatus: exited\nalternatives: x",
        "kind: Contract\nid: c\nsupplier: s\naudit: 5\nclauses: []\nentities: x",
        "kind: BusinessFunction\nid: f\ncriticality: critical\ndepends_on: {suppliers: [t, s, 1]}",
        "kind: Entity\nid: e\nregimes: [dora, nis2, nydfs]\nnis2_entity_type: 7",
    )
    check(text)


def test_ctr12_a_notice_owed_without_hours_is_point_d(check) -> None:
    """A data-processing agreement owing notice "without undue delay" of a confirmed breach
    records the trigger and no hours: that is point 5.1.4(d)'s own wording (CTR-03 judges the
    hours); the note on the old vulnerability-handling id is only for a contract using it."""
    others = "clauses:\n" + "".join(f"  nis2.5.1.4.{p}: {{present: true}}\n" for p in "abcefgh")
    owed = others + "incident_notification: {trigger: confirmed}\n"
    assert (
        only(check(_nis2("managed_service_provider", owed), profiles=["baseline"]), "CTR-12") == []
    )
    [missing] = only(
        check(_nis2("managed_service_provider", others), profiles=["baseline"]), "CTR-12"
    )
    assert "point 5.1.4(d)" in missing["message"]
    assert "vulnerability_handling" not in missing["message"]
    [legacy] = only(
        check(_nis2("managed_service_provider", ALL_OLD_IDS), profiles=["baseline"]), "CTR-12"
    )
    assert "counts for (f) only" in legacy["message"]
