"""An Identity could not say which way it points: our own secret key to a payment platform (or
our administrator user in a supplier's portal) was read as the supplier's access into our
systems, so the supplier was said to have access to our systems and act in them (SUP-03), its
contract was asked the incident-notice content of a supplier holding credentials into our
systems (CTR-03), and privileged access of a tier-2 supplier was reported (IAM-03).
``ours_at_supplier: true`` records such a credential: it is not the supplier's access, while
its rotation (IAM-02) and resilint impact's identities to disable or rotate still hold. Through
the CLI on real files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from one_file import doc, repo

from tests.conftest import Run

AS_OF = ("--as-of", "2026-12-07")


def programme(ours: bool, rotated: str = "2026-10-01") -> str:
    return repo(
        doc("Entity", "acme", "country: DE\nregimes: []\n"),
        doc(
            "Supplier",
            "paygate",
            "name: Paygate Payments Ltd\nstatus: active\ntier: 2\nprovides_ict_services: true\n"
            "service_model: multi_tenant_saas\ndata_sensitivity: internal\n"
            "highest_access_level: none\n"
            "contacts:\n  security: {name: Paygate security, email: security@paygate.example}\n",
        ),
        doc(
            "Contract",
            "ctr-paygate",
            "supplier: paygate\nentities: [acme]\nstatus: active\ncovers_ict_services: true\n",
        ),
        doc(
            "Identity",
            "paygate-secret-key",
            "supplier: paygate\n"
            + ("ours_at_supplier: true\n" if ours else "")
            + "integration: our checkout calls the Paygate API with our secret key\n"
            "type: api_key\naccess_level: privileged\nrotation_days: 90\n"
            f"last_rotated: {rotated}\nsecret_fingerprint: 'vault:kv/payments/paygate#v3'\n"
            "disable_procedure: roll the key in the Paygate dashboard\n"
            "time_to_disable_minutes: 10\nowner: payments-lead\nstatus: active\n",
        ),
    )


def check(cli: Run, write: Any, tmp_path: Path, text: str) -> str:
    write("resilint.yaml", "{}\n")
    write("programme.yaml", text)
    run = cli("check", ".", "--no-cache", *AS_OF, cwd=tmp_path)
    return str(run.stdout)


def test_our_key_at_the_supplier_is_not_its_access_to_us(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    theirs = check(cli, write, tmp_path, programme(ours=False))
    assert "IAM-03" in theirs and "has access to our systems" in theirs
    ours = check(cli, write, tmp_path, programme(ours=True))
    assert "IAM-03" not in ours
    assert "has access to our systems" not in ours
    assert (
        "SUP-03 error supplier paygate (tier 2; it provides ICT services) has no 24x7 security "
        "contact"
    ) in ours
    # its incident notice is asked a window, not the content of a supplier holding our secrets
    (ctr03,) = [line for line in ours.splitlines() if " CTR-03 " in line]
    assert "the whole incident_notification section" not in ctr03


def test_what_is_asked_of_the_credential_itself_still_holds(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    stale = check(cli, write, tmp_path, programme(ours=True, rotated="2025-01-01"))
    assert (
        "IAM-02 error the credential of identity paygate-secret-key of supplier paygate was last "
        "rotated on 2025-01-01"
    ) in stale
    run = cli("impact", "--supplier", "paygate", *AS_OF, "--format", "json", cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    assert [i["id"] for i in run.json()["identities"]] == ["paygate-secret-key"]
