"""An identity of a supplier that has exited is to be revoked (IAM-03): IAM-02 does not also ask
to rotate or protect it, which would contradict that remedy."""

from __future__ import annotations


def test_an_exited_suppliers_identity_is_to_be_revoked_not_rotated(cli, write) -> None:
    write(
        "programme.yaml",
        """\
        apiVersion: resilint/v1
        kind: Supplier
        id: old-sms
        tier: 3
        status: exited
        ---
        apiVersion: resilint/v1
        kind: Identity
        id: old-sms-webhook
        supplier: old-sms
        type: api_key
        access_level: write
        owner: integration-lead
        rotation_days: 180
        last_rotated: 2026-01-02
        disable_procedure: https://runbooks.example/disable
        time_to_disable_minutes: 10
        status: active
        """,
    )
    result = cli("check", "--no-cache", "--format", "json", "--as-of", "2026-11-26")
    codes = sorted(f["code"] for f in result.json()["findings"] if f["id"] == "old-sms-webhook")
    assert codes == ["IAM-03"]


PROVIDER = """\
apiVersion: resilint/v1
kind: Supplier
id: kantoor-it
name: Kantoor IT
tier: 1
provides_ict_services: true
status: active
---
apiVersion: resilint/v1
kind: Contract
id: ctr-kantoor-it
supplier: kantoor-it
status: terminated
start_date: 2022-01-01
end_date: 2026-06-30
---
apiVersion: resilint/v1
kind: Identity
id: kantoor-admins
supplier: kantoor-it
type: human_account
access_level: privileged
mfa: true
status: active
"""


def test_admin_rights_left_after_a_terminated_contract_are_to_be_cut(cli, write) -> None:
    """An IT provider recorded as tier 1 because it holds admin rights (as SUP-01 asks), whose
    contract was terminated, keeps no critical function running: its leftover admin accounts
    are the way in, and revoking them is the remedy, not renewing the contract (pension fund
    audit)."""
    write("programme.yaml", PROVIDER)
    result = cli("check", "--no-cache", "--format", "json", "--as-of", "2026-11-26")
    [finding] = [f for f in result.json()["findings"] if f["code"] == "IAM-03"]
    assert finding["id"] == "kantoor-admins"
    assert "revoke it and set status: revoked" in finding["message"]
    assert "Do not cut its access" not in finding["message"]


def test_a_provider_a_critical_function_rests_on_is_exited_in_a_planned_way(cli, write) -> None:
    function = (
        "---\napiVersion: resilint/v1\nkind: BusinessFunction\nid: benefits\n"
        "criticality: critical\ndepends_on: {suppliers: [kantoor-it]}\n"
    )
    lapsed = PROVIDER.replace("status: terminated", "status: ended")
    write("programme.yaml", lapsed + function)
    result = cli("check", "--no-cache", "--format", "json", "--as-of", "2026-11-26")
    [finding] = [f for f in result.json()["findings"] if f["code"] == "IAM-03"]
    assert "Do not cut its access unplanned" in finding["message"]


def test_a_contract_we_terminated_or_a_freelancer_who_left_is_cut_off(cli, write) -> None:
    """We ended the relationship ourselves (a terminated contract), or the supplier's people
    worked under our direction (staff augmentation, a freelancer): the leftover account is the
    way in, whatever function the supplier served (scale-up SaaS audit)."""
    function = (
        "---\napiVersion: resilint/v1\nkind: BusinessFunction\nid: benefits\n"
        "criticality: critical\ndepends_on: {suppliers: [kantoor-it]}\n"
    )
    lapsed = PROVIDER.replace("status: terminated", "status: ended")
    for text, planned in (
        (lapsed + function, True),
        (PROVIDER + function, False),
        (
            lapsed.replace(
                "status: active\n", "status: active\nservice_model: staff_augmentation\n", 1
            )
            + function,
            False,
        ),
    ):
        write("programme.yaml", text)
        result = cli("check", "--no-cache", "--format", "json", "--as-of", "2026-11-26")
        [finding] = [f for f in result.json()["findings"] if f["code"] == "IAM-03"]
        assert ("Do not cut its access unplanned" in finding["message"]) is planned, text
