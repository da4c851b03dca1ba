"""An expired waiver whose gap is gone: the supplier signed the clause, or the rule does not ask
the term of this supplier (no step-in right is asked of infrastructure as a service). EXC-01 told
its owners to fix the gap or have the waiver approved again, work for nothing; it now tells them
to withdraw it, and still says fix or renew where its rule reports its target. Through the CLI
on real files."""

from __future__ import annotations

from typing import Any

from one_file import doc, repo

SUPPLIER = (
    "tier: 1\nprovides_ict_services: true\nsupports_critical_function: true\n"
    "data_sensitivity: restricted\nhighest_access_level: privileged\n"
    "services:\n  - {{name: platform, ict_service_type: {code}, stores_data: true}}\n"
)


def programme(
    code: str, step_in: str, expires: str = "2026-10-31", approved: str = "2025-11-01"
) -> str:
    waiver = doc(
        "Waiver",
        "waiver-ctr08-acme",
        "rule: CTR-08\ntargets:\n  - {kind: Contract, id: ctr-acme}\n"
        "rationale: The provider gives no customer a step-in right.\n"
        "compensating_controls: [Warm standby in a second region]\n"
        "risk_owner: cio\napprover: chief-risk-officer\n"
        f"approved_on: {approved}\nexpires: {expires}\n",
    )
    return repo(
        doc("Supplier", "acme", SUPPLIER.format(code=code)),
        doc(
            "Contract",
            "ctr-acme",
            "supplier: acme\nstatus: active\ncovers_ict_services: true\n"
            "supports_critical_function: true\n"
            f"remedies: {{step_in_rights: {step_in}, security_indemnity: true,"
            " accelerated_termination: true}\n",
        ),
        waiver,
    )


def check(cli, write, text: str, select: str = "[CTR-08, EXC-01, EXC-02]") -> list[dict[str, Any]]:
    write("resilint.yaml", f"profiles: []\nselect: {select}\n")
    write("programme/repo.yaml", text)
    found = cli("check", "programme", "--no-cache", "--format", "json", "--as-of", "2026-12-07")
    return found.json()["findings"]


def expiry(found: list[dict[str, Any]]) -> str:
    (finding,) = [f for f in found if f["code"] == "EXC-01"]
    assert finding["id"] == "waiver-ctr08-acme" and finding["json_path"] == "expires"
    return str(finding["message"])


def test_an_expired_waiver_of_a_term_not_asked_is_to_be_withdrawn(cli, write) -> None:
    # infrastructure as a service (S17) is asked no step-in right: the waiver accepts nothing
    found = check(cli, write, programme("S17", "false"))
    assert [f["code"] for f in found] == ["EXC-01"]
    said = expiry(found)
    assert said.startswith("waiver waiver-ctr08-acme for CTR-08 expired on 2026-10-31")
    assert "no finding of CTR-08 matches its targets now" in said
    assert "withdraw it (delete the waiver) rather than have it approved again" in said
    assert "fix the gap" not in said


def test_an_expired_waiver_of_a_clause_since_signed_is_to_be_withdrawn(cli, write) -> None:
    said = expiry(check(cli, write, programme("S19", "true")))
    assert "withdraw it (delete the waiver)" in said and "fix the gap" not in said


def test_an_expired_waiver_whose_gap_is_still_there_is_fixed_or_renewed(cli, write) -> None:
    found = check(cli, write, programme("S19", "false"))
    assert sorted(f["code"] for f in found) == ["CTR-08", "EXC-01"]
    said = expiry(found)
    assert "fix the gap, or have the waiver approved again with a new expiry" in said
    assert "withdraw" not in said


def test_a_waiver_in_force_that_accepts_nothing_is_still_exc_02s(cli, write) -> None:
    found = check(cli, write, programme("S17", "false", "2027-06-30", "2026-07-01"))
    assert [f["code"] for f in found] == ["EXC-02"]


def test_where_its_rule_did_not_run_the_expired_waiver_is_not_judged_idle(cli, write) -> None:
    said = expiry(check(cli, write, programme("S17", "false"), select="[EXC-01]"))
    assert "fix the gap, or have the waiver approved again" in said


def test_an_expired_waiver_whose_targets_fail_the_schema_is_not_judged_idle(cli, write) -> None:
    """A target's kind written as a list, or its id as a mapping, is a schema error: the check
    reports it (it stopped with an internal error), and EXC-01 does not tell the owners to
    withdraw a waiver whose targets it cannot read."""
    text = programme("S17", "false").replace(
        "  - {kind: Contract, id: ctr-acme}\n",
        "  - {kind: [Contract], id: ctr-acme}\n  - {kind: Contract, id: {name: ctr-acme}}\n",
    )
    found = check(cli, write, text, select="[CTR-08, EXC-01, EXC-02, SCH-01]")
    assert "SCH-01" in {f["code"] for f in found}
    said = expiry(found)
    assert "withdraw" not in said


def test_exc_01s_message_holds_the_words_the_withdraw_advice_replaces() -> None:
    """EXC-01's expired-waiver message is rewritten to 'withdraw it' by finding the remedy's
    words in it (suppress.RENEW): the rule file and the code must keep the same words, or the
    advice would silently stop being given."""
    from pathlib import Path

    import yaml

    from resilint.suppress import RENEW

    rules = yaml.safe_load(Path(__file__).parents[1].joinpath("rules/exceptions.yaml").read_text())
    exc01 = next(r for r in rules["rules"] if r["code"] == "EXC-01")
    messages = [" ".join(str(r.get("message", "")).split()) for r in exc01.get("require", [])]
    assert any(": " + RENEW in m for m in messages), messages
