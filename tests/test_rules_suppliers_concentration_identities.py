"""Edge cases of the Python checks behind CON-01, CON-02, CON-03 and IAM-04, through the CLI:
transitive dependencies, normalised names, odd data that must never crash a rule, and findings
that point at the right document and line."""

from __future__ import annotations

import json
from typing import Any

import pytest

AS_OF = "2026-11-26"
HEAD = "apiVersion: resilint/v1\n"


def doc(kind: str, body: str) -> str:
    return f"{HEAD}kind: {kind}\n{body.strip()}\n"


def repository(*documents: str) -> str:
    return "---\n".join(documents)


def run(cli, write, code: str, text: str, config: dict[str, Any] | None = None):
    """Run one rule on one file; return its findings (and fail on any crash of the rule)."""
    write("resilint.yaml", json.dumps({"profiles": [], "select": [code], **(config or {})}))
    write("repo.yaml", text)
    result = cli("check", "repo.yaml", "--format", "json", "--as-of", AS_OF)
    findings = result.json()["findings"]
    assert not any("could not be evaluated" in f["message"] for f in findings), result.stdout
    return [f for f in findings if f["code"] == code]


def function(fid: str, depends_on: str, criticality: str = "critical") -> str:
    return doc(
        "BusinessFunction", f"id: {fid}\ncriticality: {criticality}\ndepends_on:\n{depends_on}"
    )


def supplier(sid: str, body: str = "") -> str:
    return doc("Supplier", f"id: {sid}\n{body}")


AWS = "[{provider: aws, region: eu-west-1}]"


# -- CON-01 -------------------------------------------------------------------------------------
def test_region_reached_through_a_chain_of_subcontractors_with_a_cycle(cli, write) -> None:
    text = repository(
        function("f1", f"  cloud: {AWS}"),
        function("f2", "  suppliers: [a]"),
        function("f3", "  suppliers: [b]", criticality="important"),
        supplier("a", "subcontractors:\n  - {id: b, name: B Hosting, supplier: b}"),
        supplier(
            "b",
            f"subcontractors:\n  - {{id: a, supplier: a}}\n  - {{id: c, name: C, cloud: {AWS}}}",
        ),
    )
    [finding] = run(cli, write, "CON-01", text)
    assert (finding["id"], finding["line"], finding["json_path"]) == (
        "f1",
        6,
        "depends_on.cloud[0]",
    )
    # a's entry names supplier b but no region: b's regions, as we use b, are assumed
    assert (
        "f2 (on a -> a subcontracts to b -> subcontractor C of b runs on aws eu-west-1; "
        "the regions of b are assumed from our own use of it, as a's subcontractor entry b "
        "records no cloud region of its own"
    ) in finding["message"]
    assert [r["line"] for r in finding["related"]] == [13, 20]


def test_threshold_and_criticalities_are_parameters(cli, write) -> None:
    text = repository(
        function("f1", f"  cloud: {AWS}"),
        function("f2", f"  cloud: {AWS}", criticality="important"),
    )
    assert run(cli, write, "CON-01", text) == []
    lower = {"rules": {"CON-01": {"params": {"threshold": 2}}}}
    assert len(run(cli, write, "CON-01", text, lower)) == 1
    only_critical = {
        "critical_levels": ["critical"],
        "rules": {"CON-01": {"params": {"threshold": 2}}},
    }
    assert run(cli, write, "CON-01", text, only_critical) == []


def test_a_subcontractor_of_other_services_is_not_a_dependency(cli, write) -> None:
    services = "  services:\n    - {supplier: s, service: payroll}"
    text = repository(
        function("f1", f"  cloud: {AWS}"),
        function("f2", f"  cloud: {AWS}"),
        function("f3", services),
        supplier("s", f"subcontractors:\n  - {{id: x, services: [archive], cloud: {AWS}}}"),
    )
    assert run(cli, write, "CON-01", text) == []
    whole = text.replace(services, "  suppliers: [s]")
    assert len(run(cli, write, "CON-01", whole)) == 1


def test_standard_functions_do_not_count_and_one_function_counts_once(cli, write) -> None:
    text = repository(
        function("f1", f"  cloud: {AWS}\n  suppliers: [s]"),
        function("f2", f"  cloud: {AWS}"),
        function("f3", f"  cloud: {AWS}", criticality="standard"),
        supplier("s", f"shared_dependencies:\n  cloud: {AWS}"),
    )
    assert run(cli, write, "CON-01", text) == []


# -- CON-02 -------------------------------------------------------------------------------------
def identity(iid: str, sid: str, body: str = "") -> str:
    return doc("Identity", f"id: {iid}\nsupplier: {sid}\n{body}")


def test_a_function_using_only_the_supplier_identity_itself_is_not_reported(cli, write) -> None:
    text = repository(
        function("f1", "  identities: [acme-api]"),
        supplier("acme", "tier: 1"),
        identity("acme-api", "acme", "identity_provider: okta"),
    )
    assert run(cli, write, "CON-02", text) == []


def test_supplier_identity_counts_but_tier2_revoked_and_its_own_sign_in_do_not(cli, write) -> None:
    ours = function("f1", "  identity_providers: [okta]")
    tier2 = repository(
        ours, supplier("b", "tier: 2\nshared_dependencies: {identity_provider: okta}")
    )
    assert run(cli, write, "CON-02", tier2) == []
    revoked = repository(
        ours,
        supplier("a", "tier: 1"),
        identity("a-api", "a", "identity_provider: okta\nstatus: revoked"),
    )
    assert run(cli, write, "CON-02", revoked) == []
    # the sign-in the supplier's own service relies on is not its access to us
    own = repository(
        ours, supplier("a", "tier: 1\nshared_dependencies: {identity_provider: ' OKTA '}")
    )
    assert run(cli, write, "CON-02", own) == []
    active = repository(
        ours, supplier("a", "tier: 1"), identity("a-api", "a", "identity_provider: ' OKTA '")
    )
    [finding] = run(cli, write, "CON-02", active)
    assert (finding["id"], finding["line"]) == ("f1", 6)
    assert "identity a-api of critical supplier a" in finding["message"]


# -- CON-03 -------------------------------------------------------------------------------------
def test_group_found_through_identifiers_and_a_supplier_that_is_the_parent(cli, write) -> None:
    text = repository(
        supplier(
            "a", "tier: 1\nultimate_parent: {name: Parent A, provider_id: 5299000J2N45DDNE4Y28}"
        ),
        supplier("b", "tier: 1\nultimate_parent: {provider_id: 5299000j2n45ddne4y28}"),
        supplier("c", "tier: 1\nname: Parent  A"),
        supplier("d", "tier: 1\nultimate_parent: {name: Other}"),
        supplier("e", "tier: 1\nstatus: exited\nultimate_parent: {name: Parent A}"),
    )
    [finding] = run(cli, write, "CON-03", text)
    assert (finding["id"], finding["line"]) == ("a", 5)
    assert "critical suppliers a, b and c belong to the same corporate group" in finding["message"]
    assert "(ultimate parent Parent A)" in finding["message"]


def test_subcontractor_supplier_document_names_the_shared_subprocessor(cli, write) -> None:
    text = repository(
        supplier("a", "tier: 1\nshared_dependencies:\n  subprocessors: [Deltaport B.V.]"),
        supplier("b", "tier: 1\nsubcontractors:\n  - {id: host, supplier: deltaport}"),
        supplier("deltaport", "tier: 2\nname: deltaport  b.v."),
        supplier("c", "tier: 2\nshared_dependencies:\n  subprocessors: [Deltaport B.V.]"),
    )
    [finding] = run(cli, write, "CON-03", text)
    assert (finding["id"], finding["json_path"]) == ("a", "shared_dependencies.subprocessors[0]")
    assert [r["line"] for r in finding["related"]] == [13]


# -- IAM-01 -------------------------------------------------------------------------------------
def test_shared_secret_across_suppliers_is_one_finding_with_the_others_related(cli, write) -> None:
    body = "access_level: write\nowner: ops\nsecret_fingerprint: 'vault:kv/shared#1'"
    text = repository(
        supplier("a"),
        supplier("b"),
        identity("a-1", "a", body),
        identity("a-2", "a", body),
        identity("b-1", "b", body),
        identity("b-old", "b", body + "\nstatus: revoked"),
    )
    [finding] = run(cli, write, "IAM-04", text)
    assert (finding["id"], finding["json_path"]) == ("a-1", "secret_fingerprint")
    assert "identities a-1, a-2 and b-1 of suppliers a and b" in finding["message"]
    assert len(finding["related"]) == 2


def test_one_suppliers_identities_may_share_a_secret(cli, write) -> None:
    body = "access_level: write\nowner: ops\nsecret_fingerprint: 'vault:kv/a#1'"
    text = repository(supplier("a"), identity("a-1", "a", body), identity("a-2", "a", body))
    assert run(cli, write, "IAM-04", text) == []


def test_missing_access_level_and_owner_point_at_the_identity(cli, write) -> None:
    text = repository(supplier("a"), identity("a-1", "a"))
    findings = run(cli, write, "IAM-01", text)
    assert [(f["id"], f["line"]) for f in findings] == [("a-1", 7), ("a-1", 7)]
    assert {"access_level" in f["message"] or "owner" in f["message"] for f in findings} == {True}


# -- odd data never crashes a rule ----------------------------------------------------------------
ODD = repository(
    doc("BusinessFunction", "id: f\ncriticality: [critical]\ndepends_on: [a]"),
    doc(
        "BusinessFunction", "id: g\ncriticality: critical\ndepends_on: {cloud: [x, {provider: 1}]}"
    ),
    doc("BusinessFunction", "id: h\ncriticality: critical\ndepends_on: {suppliers: [nobody, {}]}"),
    doc(
        "BusinessFunction",
        "id: i\ncriticality: critical\n"
        "depends_on: {services: [{supplier: s}, x], identities: [nobody, [1]],"
        " identity_providers: [1]}",
    ),
    supplier("s", "tier: true\nsubcontractors: x\nshared_dependencies: [a]\nultimate_parent: x"),
    supplier("t", "tier: 1\nsubcontractors: [x, {supplier: [a]}, {cloud: x}]\nname: [x]"),
    doc("Identity", "id: j\nsupplier: [s]\nsecret_fingerprint: 5\nowner: ''"),
    doc("Identity", "id: k\nsupplier: t\nidentity_provider: {a: 1}\naccess_level: [write]"),
)


@pytest.mark.parametrize(
    "code", ["CON-01", "CON-02", "CON-03", "CON-04", "IAM-01", "IAM-02", "IAM-03", "IAM-04"]
)
def test_schema_invalid_data_never_crashes_the_rules(cli, write, code: str) -> None:
    run(cli, write, code, ODD)


@pytest.mark.parametrize("code", ["SUP-01", "SUP-03", "SUP-04", "SUP-05"])
def test_schema_invalid_suppliers_never_crash_the_rules(cli, write, code: str) -> None:
    run(
        cli,
        write,
        code,
        ODD + "---\n" + supplier("u", "tier: '1'\ncontacts: x\nlast_assessment: 5"),
    )
