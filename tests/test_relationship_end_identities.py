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
