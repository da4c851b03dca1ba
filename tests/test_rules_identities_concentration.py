"""The identity and concentration rules after issue 9, through the CLI: each rule asks of an
identity what its kind of credential needs (MFA of people, rotation of machine secrets, renewal of
certificates), honours the declared rotation interval, never advises cutting off a critical
supplier on the spot, and the concentration rules count only primary regions, honour ready
alternatives, tell a supplier-only gateway and an identity provider's own sign-in from a shared
plane, and read criticality from the domain model."""

from __future__ import annotations

import json
from typing import Any

AS_OF = "2026-11-26"
HEAD = "apiVersion: resilint/v1\n"


def doc(kind: str, body: str) -> str:
    return f"{HEAD}kind: {kind}\n{body.strip()}\n"


def repository(*documents: str) -> str:
    return "---\n".join(documents)


def run(cli, write, code: str, text: str, config: dict[str, Any] | None = None):
    """Run one rule on one file; return its findings (and fail on any crash or load error)."""
    write("resilint.yaml", json.dumps({"profiles": [], "select": [code], **(config or {})}))
    write("repo.yaml", text)
    result = cli("check", "repo.yaml", "--format", "json", "--no-cache", "--as-of", AS_OF)
    findings = result.json()["findings"]
    assert not any("could not be evaluated" in f["message"] for f in findings), result.stdout
    assert not [f for f in findings if f["code"] in ("SCH-01", "REF-01")], result.stdout
    return [f for f in findings if f["code"] == code]


def supplier(sid: str, body: str = "") -> str:
    return doc("Supplier", f"id: {sid}\n{body}")


def identity(iid: str, body: str, sid: str = "acme") -> str:
    return doc("Identity", f"id: {iid}\nsupplier: {sid}\n{body}")


def function(fid: str, depends_on: str, criticality: str = "critical") -> str:
    return doc(
        "BusinessFunction", f"id: {fid}\ncriticality: {criticality}\ndepends_on:\n{depends_on}"
    )


def contract(cid: str, sid: str, body: str) -> str:
    return doc("Contract", f"id: {cid}\nsupplier: {sid}\n{body}")


DISABLE = "disable_procedure: runbooks/disable.md\ntime_to_disable_minutes: 10\n"


# -- IAM-02: protections by kind of credential ----------------------------------------------------
def test_an_api_key_without_mfa_but_rotated_on_time_is_clean(cli, write) -> None:
    key = "type: api_key\naccess_level: write\nmfa: false\nrotation_days: 90\n"
    text = repository(supplier("acme"), identity("k", key + "last_rotated: 2026-10-01\n" + DISABLE))
    assert run(cli, write, "IAM-02", text) == []


def test_ssh_keys_sftp_users_and_service_accounts_are_not_asked_for_mfa(cli, write) -> None:
    rotated = "access_level: privileged\nrotation_days: 30\nlast_rotated: 2026-11-01\n" + DISABLE
    text = repository(
        supplier("acme"),
        *(identity(kind, f"type: {kind}\n{rotated}") for kind in ("ssh_key", "sftp_user")),
        identity("svc", f"type: service_account\njust_in_time: false\n{rotated}"),
    )
    assert run(cli, write, "IAM-02", text) == []


def test_a_person_with_mfa_is_not_forced_to_rotate_a_password(cli, write) -> None:
    person = "type: human_account\naccess_level: privileged\nmfa: true\n" + DISABLE
    text = repository(supplier("acme"), identity("p", person))
    assert run(cli, write, "IAM-02", text) == []
    # nor is an old rotation date held against it (NIST SP 800-63B)
    dated = person + "rotation_days: 30\nlast_rotated: 2025-01-01\n"
    assert run(cli, write, "IAM-02", repository(supplier("acme"), identity("p", dated))) == []


def test_a_person_without_mfa_or_just_in_time_access_is_reported_at_mfa(cli, write) -> None:
    person = "type: human_account\naccess_level: write\nmfa: false\n" + DISABLE
    [finding] = run(cli, write, "IAM-02", repository(supplier("acme"), identity("p", person)))
    assert finding["json_path"] == "mfa"
    assert "person's account" in finding["message"]
    jit = person + "just_in_time: true\n"
    assert run(cli, write, "IAM-02", repository(supplier("acme"), identity("p", jit))) == []


def test_a_declared_180_day_rotation_is_one_finding_about_the_declared_period(cli, write) -> None:
    key = "type: sftp_user\naccess_level: write\nrotation_days: 180\nlast_rotated: 2026-07-01\n"
    [finding] = run(
        cli, write, "IAM-02", repository(supplier("acme"), identity("k", key + DISABLE))
    )
    # rotated 159 days before the date checked: within the declared 180 days, but overdue by
    # the 90-day maximum since 2026-09-29 (the day the calendar gives): one finding says both
    assert finding["json_path"] == "last_rotated"
    assert "rotation fell due on 2026-09-29 under the 90-day maximum" in finding["message"]
    assert "declares a rotation only every 180 days" in finding["message"]
    assert "set rotation_days to 90 or less" in finding["message"]
    assert "more than its declared" not in finding["message"]
    # rotated within the maximum: the declared interval alone, at rotation_days
    recent = key.replace("2026-07-01", "2026-10-01")
    [finding] = run(
        cli, write, "IAM-02", repository(supplier("acme"), identity("k", recent + DISABLE))
    )
    assert finding["json_path"] == "rotation_days"
    assert "every 180 days, longer than the 90-day maximum" in finding["message"]
    assert "last rotated" not in finding["message"]
    # rotated longer ago than the declared 180 days too: still one finding, by the maximum
    older = key.replace("2026-07-01", "2025-11-04")
    [finding] = run(
        cli, write, "IAM-02", repository(supplier("acme"), identity("k", older + DISABLE))
    )
    assert finding["json_path"] == "last_rotated"
    assert "fell due on 2026-02-02" in finding["message"]


def test_a_mandated_platform_that_sets_the_rotation_is_held_to_its_own_interval(cli, write) -> None:
    """The API key of a customs platform we must use by law, issued and rotated by the platform
    every 365 days: the 90-day maximum is programme policy no participant can obtain there, so
    only the platform's interval and the last rotation within it are asked."""
    platform = "rotation_set_by_supplier: true\n"
    key = "type: api_key\naccess_level: write\nrotation_days: 365\nlast_rotated: 2026-03-01\n"
    customs = supplier("customs", "mandated: true\n")
    text = repository(customs, identity("k", key + platform + DISABLE, "customs"))
    assert run(cli, write, "IAM-02", text) == []
    # the interval is still asked, in the platform's terms, not as "90 or less"
    unsaid = key.replace("rotation_days: 365\n", "")
    text = repository(customs, identity("k", unsaid + platform + DISABLE, "customs"))
    [finding] = run(cli, write, "IAM-02", text)
    assert "its rotation is set by the supplier's platform" in finding["message"]
    assert "set rotation_days to the interval the platform sets" in finding["message"]
    assert "90" not in finding["message"]
    # and a rotation the platform missed is reported against its interval
    late = key.replace("rotation_days: 365", "rotation_days: 180")
    text = repository(customs, identity("k", late + platform + DISABLE, "customs"))
    [finding] = run(cli, write, "IAM-02", text)
    assert "more than its declared 180 days ago" in finding["message"]
    # the platform rotates it, not we: ask the platform (or record a rotation it has done)
    assert "ask the platform to rotate it (or record its last rotation" in finding["message"]
    assert "rotate it now" not in finding["message"]
    assert finding["json_path"] == "last_rotated"
    # a last rotation not recorded is the platform's date to record, not ours to make
    unrecorded = key.replace("last_rotated: 2026-03-01\n", "")
    text = repository(customs, identity("k", unrecorded + platform + DISABLE, "customs"))
    [finding] = run(cli, write, "IAM-02", text)
    assert "no record of its last rotation" in finding["message"]
    assert "record the date the platform last rotated it" in finding["message"]
    assert "rotate it and set" not in finding["message"]
    # a supplier we chose is held to the policy's maximum, whoever sets the rotation
    chosen = repository(supplier("customs"), identity("k", key + platform + DISABLE, "customs"))
    [finding] = run(cli, write, "IAM-02", chosen)
    # (rotated 270 days ago, so overdue by the maximum as well: one finding says both)
    assert "under the 90-day maximum" in finding["message"]
    assert "declares a rotation only every 365 days" in finding["message"]
    # and is asked to rotate the credential itself
    unrecorded = repository(
        supplier("customs"), identity("k", unrecorded + platform + DISABLE, "customs")
    )
    messages = [f["message"] for f in run(cli, write, "IAM-02", unrecorded)]
    assert any("rotate it and set last_rotated" in m for m in messages)


def test_the_last_rotation_is_measured_against_the_declared_interval(cli, write) -> None:
    key = "type: api_key\naccess_level: write\nrotation_days: 60\nlast_rotated: 2026-09-01\n"
    [finding] = run(
        cli, write, "IAM-02", repository(supplier("acme"), identity("k", key + DISABLE))
    )
    assert finding["json_path"] == "last_rotated"
    assert "more than its declared 60 days ago" in finding["message"]
    # the maximum is a parameter: below the declared period, the rotation is measured by it,
    # and the same finding asks to shorten the declared period
    lower = {"rules": {"IAM-02": {"params": {"max_rotation_days": 30}}}}
    text = repository(supplier("acme"), identity("k", key + DISABLE))
    [finding] = run(cli, write, "IAM-02", text, lower)
    assert finding["json_path"] == "last_rotated"
    assert "fell due on 2026-10-01 under the 30-day maximum" in finding["message"]
    assert "set rotation_days to 30 or less" in finding["message"]


def test_a_machine_credential_without_rotation_data_is_asked_for_it(cli, write) -> None:
    key = "type: oauth_client\naccess_level: write\n" + DISABLE
    findings = run(cli, write, "IAM-02", repository(supplier("acme"), identity("k", key)))
    messages = sorted(f["message"] for f in findings)
    assert len(messages) == 2
    assert "no record of its last rotation" in messages[0]
    assert "no rotation interval" in messages[1]


def test_a_certificate_is_renewed_before_it_expires_not_rotated(cli, write) -> None:
    cert = "type: certificate\naccess_level: write\n" + DISABLE
    text = repository(supplier("acme"), identity("c", cert + "expires: 2027-03-31\n"))
    assert run(cli, write, "IAM-02", text) == []
    [missing] = run(cli, write, "IAM-02", repository(supplier("acme"), identity("c", cert)))
    assert "does not record when it expires" in missing["message"]
    expired = repository(supplier("acme"), identity("c", cert + "expires: 2026-11-01\n"))
    [finding] = run(cli, write, "IAM-02", expired)
    assert finding["json_path"] == "expires"
    assert "expired on 2026-11-01" in finding["message"]


def test_an_identity_without_a_type_is_asked_for_it_not_for_mfa(cli, write) -> None:
    body = "access_level: write\nrotation_days: 90\nlast_rotated: 2026-10-01\n" + DISABLE
    [finding] = run(cli, write, "IAM-02", repository(supplier("acme"), identity("x", body)))
    assert "does not say what kind of credential it is" in finding["message"]


def test_time_to_disable_has_a_maximum_per_access_level(cli, write) -> None:
    def person(iid: str, level: str, minutes: int) -> str:
        body = f"type: human_account\naccess_level: {level}\nmfa: true\n"
        body += f"disable_procedure: runbooks/disable.md\ntime_to_disable_minutes: {minutes}\n"
        return identity(iid, body)

    text = repository(
        supplier("acme"),
        person("admin", "privileged", 30),
        person("editor", "write", 30),
        person("reader", "read-only", 300),
        person("viewer", "read-only", 120),
    )
    findings = run(cli, write, "IAM-02", text)
    assert sorted(f["id"] for f in findings) == ["admin", "reader"]
    assert all(f["json_path"] == "time_to_disable_minutes" for f in findings)
    admin = next(f for f in findings if f["id"] == "admin")
    assert "longer than the 15 minutes allowed for privileged access" in admin["message"]
    # the maxima are policy: a configuration may set its own, for some levels only
    own = {"rules": {"IAM-02": {"params": {"max_time_to_disable_minutes": {"privileged": 30}}}}}
    assert run(cli, write, "IAM-02", text, own) == []


def test_disabled_and_revoked_identities_are_not_checked(cli, write) -> None:
    body = "type: human_account\naccess_level: privileged\nmfa: false\n"
    text = repository(
        supplier("acme"),
        identity("off", body + "status: disabled\n"),
        identity("gone", body + "status: revoked\n"),
    )
    assert run(cli, write, "IAM-02", text) == []
    assert run(cli, write, "IAM-01", text) == []


# -- IAM-01 and IAM-04 --------------------------------------------------------------------------
def test_owner_and_access_level_are_required_of_active_identities(cli, write) -> None:
    text = repository(supplier("acme"), identity("k", "type: api_key\n"))
    findings = run(cli, write, "IAM-01", text)
    assert sorted(f["json_path"] for f in findings) == ["access_level", "owner"]
    assert {f["line"] for f in findings} == {7}  # a missing field: at the identity's id
    assert run(cli, write, "IAM-04", text) == []


def test_a_shared_secret_is_reported_at_an_active_identity(cli, write) -> None:
    secret = "secret_fingerprint: 'vault:kv/shared#1'\n"
    text = repository(
        supplier("acme"),
        supplier("beta"),
        identity("a-old", secret + "status: disabled\n"),
        identity("b-live", secret, sid="beta"),
    )
    [finding] = run(cli, write, "IAM-04", text)
    assert finding["id"] == "b-live"
    assert [r["message"] for r in finding["related"]] == ["same credential, used by supplier acme"]


# -- IAM-03: access that outlives the contract ----------------------------------------------------
ENDED = "status: ended\nend_date: 2026-06-30\n"


def test_a_critical_vendor_with_a_lapsed_contract_gets_the_safe_advice(cli, write) -> None:
    text = repository(
        function("payroll", "  suppliers: [paybureau]"),
        supplier("paybureau", "tier: 2"),
        contract("ctr-paybureau", "paybureau", ENDED),
        identity("paybureau-sftp", "type: sftp_user\naccess_level: write", sid="paybureau"),
    )
    [finding] = run(cli, write, "IAM-03", text)
    message = finding["message"]
    assert "critical in effect" in message and "Do not cut its access unplanned" in message
    assert "Renew the contract" in message and "controlled exit and transition" in message
    assert "revoke it and set status: revoked" not in message


def test_a_non_critical_supplier_with_ended_contracts_is_told_to_revoke(cli, write) -> None:
    text = repository(
        supplier("courier", "tier: 3"),
        contract("ctr-courier", "courier", ENDED),
        identity("courier-api", "type: api_key\naccess_level: read-only", sid="courier"),
    )
    [finding] = run(cli, write, "IAM-03", text)
    assert finding["json_path"] == "status"
    assert "revoke it and set status: revoked" in finding["message"]
    # a disabled identity can be switched back on: it is reported too; a revoked one is not
    disabled = text.replace("access_level: read-only", "access_level: read-only\nstatus: disabled")
    assert len(run(cli, write, "IAM-03", disabled)) == 1
    revoked = text.replace("access_level: read-only", "access_level: read-only\nstatus: revoked")
    assert run(cli, write, "IAM-03", revoked) == []


def test_a_contract_in_force_or_in_draft_has_not_ended(cli, write) -> None:
    for status in ("status: active\nend_date: 2027-12-31", "status: draft"):
        text = repository(
            supplier("courier", "tier: 3"),
            contract("ctr-old", "courier", ENDED),
            contract("ctr-new", "courier", status),
            identity("courier-api", "type: api_key\naccess_level: read-only", sid="courier"),
        )
        assert run(cli, write, "IAM-03", text) == [], status


def test_privileged_access_of_a_supplier_recorded_below_tier_1(cli, write) -> None:
    admin = "type: human_account\naccess_level: privileged"
    text = repository(supplier("helpdesk", "tier: 2"), identity("h", admin, sid="helpdesk"))
    [finding] = run(cli, write, "IAM-03", text)
    assert finding["json_path"] == "access_level"
    tier1 = text.replace("tier: 2", "tier: 1")
    assert run(cli, write, "IAM-03", tier1) == []


# -- CON-01: primary regions, alternatives, one fingerprint per region ----------------------------
def region(name: str, role: str = "") -> str:
    return f"{{provider: aws, region: {name}{', role: ' + role if role else ''}}}"


def test_a_replica_or_standby_region_is_not_counted(cli, write) -> None:
    def repo(role: str) -> str:
        return repository(
            function("f1", f"  cloud: [{region('eu-west-1')}]"),
            function("f2", f"  cloud: [{region('eu-west-1')}]"),
            function("f3", f"  cloud: [{region('eu-central-1')}, {region('eu-west-1', role)}]"),
        )

    assert run(cli, write, "CON-01", repo("replica")) == []
    assert run(cli, write, "CON-01", repo("standby")) == []
    assert len(run(cli, write, "CON-01", repo("primary"))) == 1
    assert len(run(cli, write, "CON-01", repo(""))) == 1


def test_two_regions_give_two_findings_with_different_fingerprints(cli, write) -> None:
    both = f"  cloud: [{region('eu-west-1')}, {region('eu-central-1')}]"
    text = repository(
        function("f1", "  suppliers: [acme]"),
        function("f2", both),
        function("f3", both),
        supplier(
            "acme",
            f"shared_dependencies:\n  cloud: [{region('eu-west-1')}, {region('eu-central-1')}]",
        ),
    )
    findings = run(cli, write, "CON-01", text)
    assert len(findings) == 2
    assert {(f["id"], f["json_path"]) for f in findings} == {("f1", "depends_on.suppliers[0]")}
    assert len({f["fingerprint"] for f in findings}) == 2
    assert {"on cloud region aws eu-west-1 as" in f["message"] for f in findings} == {True, False}


def test_a_ready_alternative_of_the_supplier_relied_on_is_honoured(cli, write) -> None:
    def repo(readiness: str) -> str:
        return repository(
            function("f1", f"  cloud: [{region('eu-west-1')}]"),
            function("f2", f"  cloud: [{region('eu-west-1')}]"),
            function("f3", "  suppliers: [acme]"),
            supplier(
                "acme",
                f"shared_dependencies:\n  cloud: [{region('eu-west-1')}]\n"
                f"alternatives:\n  - {{supplier: beta, readiness: {readiness}}}",
            ),
            supplier("beta"),
        )

    assert run(cli, write, "CON-01", repo("onboarded")) == []
    assert run(cli, write, "CON-01", repo("contracted")) == []
    assert len(run(cli, write, "CON-01", repo("identified"))) == 1


def test_an_alternative_further_down_the_chain_does_not_help(cli, write) -> None:
    text = repository(
        function("f1", f"  cloud: [{region('eu-west-1')}]"),
        function("f2", f"  cloud: [{region('eu-west-1')}]"),
        function("f3", "  suppliers: [saas]"),
        supplier("saas", "subcontractors:\n  - {id: host, name: Host, supplier: host}"),
        supplier(
            "host",
            f"shared_dependencies:\n  cloud: [{region('eu-west-1')}]\n"
            "alternatives:\n  - {supplier: other-host, readiness: onboarded}",
        ),
        supplier("other-host"),
    )
    [finding] = run(cli, write, "CON-01", text)
    assert "f3 (on saas -> saas subcontracts to host -> supplier host runs on" in finding["message"]


# -- CON-02: shared credential planes ------------------------------------------------------------
OURS = function("f1", "  identity_providers: [okta]\n  identities: [acme-admin]")


def test_an_identity_providers_own_sign_in_is_not_a_shared_plane(cli, write) -> None:
    text = repository(
        OURS,
        supplier("acme", "tier: 1"),
        identity("acme-admin", "identity_provider: partner-sso"),
        supplier("okta-inc", "name: Okta\ntier: 1\nshared_dependencies: {identity_provider: okta}"),
        identity("okta-support", "identity_provider: OKTA", sid="okta-inc"),
    )
    assert run(cli, write, "CON-02", text) == []


def test_a_supplier_only_gateway_is_not_a_shared_plane(cli, write) -> None:
    text = repository(
        OURS,
        supplier("acme", "tier: 1"),
        supplier("beta", "tier: 1"),
        identity("acme-admin", "identity_provider: pam-gateway"),
        identity("beta-admin", "identity_provider: pam-gateway", sid="beta"),
    )
    assert run(cli, write, "CON-02", text) == []
    # the same gateway named by our workflows as their sign-in is a shared plane
    named = text.replace("identity_providers: [okta]", "identity_providers: [pam-gateway]")
    [finding] = run(cli, write, "CON-02", named)
    assert "identity acme-admin of critical supplier acme" in finding["message"]


def test_a_supplier_is_counted_when_it_is_critical_in_effect(cli, write) -> None:
    crm_api = identity("crm-api", "identity_provider: okta", sid="crm")
    ours = function("f1", "  identity_providers: [okta]")
    assert run(cli, write, "CON-02", repository(ours, supplier("crm", "tier: 3"), crm_api)) == []
    # recorded tier 2, but a critical function rests on it: critical in effect
    relied_on = function("f2", "  suppliers: [crm]")
    text = repository(ours, relied_on, supplier("crm", "tier: 2"), crm_api)
    [finding] = run(cli, write, "CON-02", text)
    assert "identity crm-api of critical supplier crm" in finding["message"]


# -- CON-03 and CON-04 read criticality from the domain model --------------------------------------
def test_shared_subprocessor_of_suppliers_critical_through_the_graph(cli, write) -> None:
    shared = "shared_dependencies:\n  subprocessors: [Deltaport B.V.]"
    text = repository(
        function("f1", "  suppliers: [a, b]"),
        supplier("a", f"tier: 2\n{shared}"),
        supplier("b", f"tier: 3\n{shared}"),
        supplier("c", f"tier: 3\n{shared}"),
    )
    [finding] = run(cli, write, "CON-03", text)
    assert "critical suppliers a and b all rely on the same subprocessor" in finding["message"]
    no_function = text.replace("suppliers: [a, b]", "suppliers: []")
    assert run(cli, write, "CON-03", no_function) == []


def test_a_shared_hyperscaler_with_recorded_regions_is_left_to_con_01(cli, write) -> None:
    aws = "{provider: aws, region: eu-central-1}"
    host = f"subcontractors:\n  - {{id: aws, name: Amazon Web Services EMEA SARL, cloud: [{aws}]}}"
    text = repository(
        function("f1", "  suppliers: [wms, payroll]"),
        supplier("wms", f"tier: 1\n{host}"),
        supplier("payroll", f"tier: 1\n{host}"),
    )
    assert run(cli, write, "CON-03", text) == []
    # a colocation provider named without regions is still a shared subprocessor
    colo = text.replace(f", cloud: [{aws}]", "")
    [finding] = run(cli, write, "CON-03", colo)
    assert "same subprocessor Amazon Web Services EMEA SARL" in finding["message"]


SERVICE = """services:
  - name: erp-core
    substitutability: not_substitutable
    non_substitutability_reason: difficult_migration"""


def test_an_irreplaceable_service_of_a_critical_supplier_without_a_way_out(cli, write) -> None:
    def repo(extra: str = "") -> str:
        return repository(
            function("invoicing", "  services:\n    - {supplier: erp, service: erp-core}"),
            supplier("erp", f"tier: 2\n{SERVICE}\n{extra}"),
            supplier("other-erp", "tier: 3"),
        )

    [finding] = run(cli, write, "CON-04", repo())
    assert "critical supplier erp" in finding["message"]
    ready = "alternatives:\n  - {supplier: other-erp, readiness: contracted}"
    assert run(cli, write, "CON-04", repo(ready)) == []
    named_only = "alternatives:\n  - {supplier: other-erp, readiness: identified}"
    assert len(run(cli, write, "CON-04", repo(named_only))) == 1
    standard = repo().replace("criticality: critical", "criticality: standard")
    assert run(cli, write, "CON-04", standard) == []


def test_the_places_beside_a_shared_plane_say_who_signs_in_through_it(cli, write) -> None:
    text = repository(
        function("f1", "  identity_providers: [okta]"),
        function("f2", "  identity_providers: [okta]"),
        supplier("acme", "tier: 1"),
        identity("acme-admin", "identity_provider: okta"),
    )
    [finding] = run(cli, write, "CON-02", text)
    assert [r["message"] for r in finding["related"]] == [
        "business function f2 signs in through okta",
        "identity acme-admin of critical supplier acme uses okta",
    ]


def test_our_own_account_at_a_supplier_shares_no_plane_with_us(cli, write) -> None:
    """Our administrator user in a supplier's portal signing in through our Okta is our own
    sign-in (ours_at_supplier), not the supplier's access sharing our plane."""
    text = repository(
        function("f1", "  identity_providers: [okta]"),
        supplier("acme", "tier: 1"),
        identity("acme-admin", "identity_provider: okta"),
    )
    assert len(run(cli, write, "CON-02", text)) == 1
    ours = text.replace(
        "identity_provider: okta\n", "identity_provider: okta\nours_at_supplier: true\n"
    )
    assert ours != text
    assert run(cli, write, "CON-02", ours) == []
