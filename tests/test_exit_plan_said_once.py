"""One missing exit plan is one finding: under DORA, SUP-07 asks the exit plan of every ICT
service supporting a critical or important function (Art. 28(8)) and reports it at the
service, so CON-04 (policy: an irreplaceable service of a critical supplier has an exit plan, a
ready alternative or a waiver), which tests the same field, leaves that gap to it; outside
DORA, or where SUP-07 does not run, CON-04 still says it. Through the CLI, on real files."""

from __future__ import annotations

from typing import Any

from one_file import doc, repo

WAIVER = doc(
    "Waiver",
    "accept-no-exit",
    "rules: [CON-04]\ntargets: [{kind: Supplier, id: core-vendor}]\n"
    "rationale: No other vendor runs our core ledger; the exit waits for the 2027 decision.\n"
    "compensating_controls: [Escrow of source code and quarterly data exports]\n"
    "risk_owner: Head of Operations\napprover: Chief Risk Officer\n"
    "approved_on: 2026-06-01\nexpires: 2027-05-31\n",
)


def programme(regimes: str, substitutability: str = "not_substitutable", *extra: str) -> str:
    return repo(
        doc("Entity", "us", f"country: DE\nregimes: {regimes}\nlei: 529900T8BM49AURSDO55\n"),
        doc(
            "Supplier",
            "core-vendor",
            "tier: 1\nprovides_ict_services: true\nstatus: active\n"
            "services:\n  - name: core-platform\n    ict_service_type: S02\n"
            f"    supports_critical_function: true\n    substitutability: {substitutability}\n",
        ),
        doc(
            "BusinessFunction",
            "payments",
            "criticality: critical\nentities: [us]\n"
            "depends_on: {services: [{supplier: core-vendor, service: core-platform}]}\n",
        ),
        *extra,
    )


def findings(cli, write, text: str, *options: str) -> list[dict[str, Any]]:
    write("resilint.yaml", "profiles: [baseline]\n")
    write("repo.yaml", text)
    found = cli(
        "check", "repo.yaml", "--no-cache", "--format", "json", "--as-of", "2026-12-01", *options
    )
    return found.json()["findings"]


def exit_plans(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in found if f["code"] in ("SUP-07", "CON-04")]


def test_under_dora_the_missing_exit_plan_is_said_once_by_sup_07(cli, write) -> None:
    for substitutability in ("not_substitutable", "highly_complex"):
        found = exit_plans(findings(cli, write, programme("[dora]", substitutability)))
        assert [f["code"] for f in found] == ["SUP-07"], found
        assert found[0]["id"] == "core-vendor"
        assert found[0]["line"] == 15  # the service


def test_outside_dora_con_04_still_asks_for_the_exit_plan(cli, write) -> None:
    found = exit_plans(findings(cli, write, programme("[nis2]")))
    assert [f["code"] for f in found] == ["CON-04"], found
    assert "no exit plan" in found[0]["message"]


def test_where_sup_07_does_not_run_con_04_says_the_gap(cli, write) -> None:
    """No selection lets the gap through: CON-04 alone, or SUP-07 turned off."""
    text = programme("[dora]")
    alone = exit_plans(findings(cli, write, text, "--select", "CON-04"))
    assert [f["code"] for f in alone] == ["CON-04"], alone
    ignored = exit_plans(findings(cli, write, text, "--ignore", "SUP-07"))
    assert [f["code"] for f in ignored] == ["CON-04"], ignored


def test_a_con_04_waiver_does_not_accept_away_the_dora_exit_plan(cli, write) -> None:
    """Accepting the lack of an exit plan as a programme risk (CON-04) does not waive DORA's
    requirement: SUP-07 still reports it, and the waiver, which now matches nothing, is said
    to (EXC-02) so that the exception is taken where it applies."""
    found = findings(cli, write, programme("[dora]", "not_substitutable", WAIVER))
    assert [f["code"] for f in exit_plans(found)] == ["SUP-07"]
    unused = [f for f in found if f["code"] == "EXC-02"]
    assert len(unused) == 1 and "suppressed nothing" in unused[0]["message"], unused
