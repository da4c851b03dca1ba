"""A waiver of several rules (``rules: [...]``): one risk-acceptance decision on a provider's
standard terms, with everything a waiver of one rule has, rule by rule, through the CLI on real
files."""

from __future__ import annotations

import json

from tests.test_report_coverage import _cells

AS_OF = "2026-11-26"
REPO = """\
apiVersion: resilint/v1
kind: Supplier
id: microsoft
name: Microsoft Ireland Operations Ltd
tier: 1
---
apiVersion: resilint/v1
kind: Contract
id: ctr-m365
supplier: microsoft
covers_ict_services: true
start_date: 2025-01-01
incident_notification:
  window_hours: 72
remedies:
  step_in_rights: false
  security_indemnity: false
  accelerated_termination: false
"""
"""Microsoft 365 on its standard terms at tier 1: six rules report the one contract."""
TERMS = ["CTR-03", "CTR-05", "CTR-06", "CTR-07", "CTR-08", "CTR-13"]
WAIVER = """\
apiVersion: resilint/v1
kind: Waiver
id: m365-standard-terms
rules: [{rules}]
targets:
  - {{kind: Contract, id: ctr-m365{narrowed}}}
rationale: Microsoft does not negotiate its standard terms with a firm of our size.
risk_owner: head-of-procurement
approver: {approver}
approved_on: 2026-06-01
expires: {expires}
"""


def _write(write, codes=TERMS, approver="cro", expires="2027-05-31", narrowed="", **config):
    config = {"profiles": [], "select": [*TERMS, "EXC-01", "EXC-02"], **config}
    write("resilint.yaml", json.dumps(config))
    write("repo.yaml", REPO)
    text = WAIVER.format(
        rules=", ".join(codes), approver=approver, expires=expires, narrowed=narrowed
    )
    write("waivers.yaml", text)


def _check(cli, *args: str, as_of: str = AS_OF):
    result = cli("check", "--format", "json", "--no-cache", "--as-of", as_of, *args)
    return result, result.json()["findings"]


def _open(found):
    return sorted(f["code"] for f in found if not f["suppressed"])


def test_one_waiver_of_six_rules_suppresses_the_finding_of_each(cli, write) -> None:
    _write(write)
    result, found = _check(cli)
    assert result.exit_code == 0, result.stdout
    assert sorted(f["code"] for f in found) == TERMS
    for finding in found:  # the JSON output names the waiver and its rationale, for each
        assert finding["suppression"] == {
            "kind": "waiver",
            "justification": "Microsoft does not negotiate its standard terms with a firm of "
            "our size.",
            "source": "Waiver m365-standard-terms",
        }
    sarif = json.loads(cli("check", "--format", "sarif", "--no-cache", "--as-of", AS_OF).stdout)
    results = sarif["runs"][0]["results"]
    assert sorted(r["ruleId"] for r in results) == TERMS
    for r in results:
        (suppression,) = r["suppressions"]
        assert suppression["kind"] == "external"
        assert "Microsoft does not negotiate" in suppression["justification"]
    text = cli("check", "--no-cache", "--as-of", AS_OF).stdout
    assert "6 suppressed" in text


def test_without_the_waiver_the_six_rules_report(cli, write, tmp_path) -> None:
    _write(write)
    (tmp_path / "waivers.yaml").unlink()
    result, found = _check(cli)
    assert result.exit_code == 1
    assert _open(found) == TERMS


def test_an_approver_allowed_for_one_rule_but_not_another_is_named_with_the_rule(
    cli, write
) -> None:
    """The approver must be allowed for every rule named: the general counsel alone may
    approve waivers of CTR-08, so the CRO's approval of the six stands for none of them."""
    approvers = {"*": ["cro", "ciso"], "CTR-08": ["general-counsel"]}
    _write(write, rules={"EXC-01": {"params": {"approvers": approvers}}})
    result, found = _check(cli)
    assert result.exit_code == 1
    (refused,) = [f for f in found if f["code"] == "EXC-01"]
    assert (
        "does not allow cro to approve waivers of CTR-08 (who may, rule by rule: "
        "CTR-08: general-counsel);" in refused["message"]
    )
    assert refused["line"] == 9  # approver
    assert _open(found) == sorted([*TERMS, "EXC-01"])
    # approved by a role allowed for each rule (CTR-08's own entry and "*"), it stands
    both = {"*": ["cro", "general-counsel"], "CTR-08": ["general-counsel"]}
    _write(write, approver="general-counsel", rules={"EXC-01": {"params": {"approvers": both}}})
    result, found = _check(cli)
    assert result.exit_code == 0 and _open(found) == []


def test_an_approver_allowed_for_no_rule_named_is_told_each(cli, write) -> None:
    approvers = {"CTR-03": ["ciso"], "CTR-05": ["ciso"]}
    _write(
        write, codes=["CTR-03", "CTR-05"], rules={"EXC-01": {"params": {"approvers": approvers}}}
    )
    _, found = _check(cli)
    (refused,) = [f for f in found if f["code"] == "EXC-01"]
    assert (
        "approve waivers of CTR-03, CTR-05 (who may, rule by rule: CTR-03: ciso; CTR-05: ciso);"
        in refused["message"]
    )


def test_the_refused_rules_are_told_with_who_may_approve_each(cli, write) -> None:
    """A rule with its own entry of approvers is told with it, one without with the "*"
    entry that stands for it: the person who must find an approver sees whom to ask."""
    approvers = {"*": ["ciso", "cro"], "CTR-08": ["general-counsel"], "CTR-13": "cfo"}
    _write(write, approver="head-of-it", rules={"EXC-01": {"params": {"approvers": approvers}}})
    result, found = _check(cli)
    assert result.exit_code == 1
    (refused,) = [f for f in found if f["code"] == "EXC-01"]
    assert (
        "does not allow head-of-it to approve waivers of CTR-03, CTR-05, CTR-06, CTR-07, CTR-08, "
        "CTR-13 (who may, rule by rule: CTR-03: ciso, cro; CTR-05: ciso, cro; CTR-06: ciso, cro; "
        "CTR-07: ciso, cro; CTR-08: general-counsel; CTR-13: cfo); until" in refused["message"]
    )


def test_an_expired_waiver_of_several_rules_gives_back_each_finding(cli, write) -> None:
    _write(write)
    result, found = _check(cli, as_of="2027-06-01")
    assert result.exit_code == 1
    assert _open(found) == sorted([*TERMS, "EXC-01"])
    (expired,) = [f for f in found if f["code"] == "EXC-01"]
    assert expired["message"].startswith(
        "waiver m365-standard-terms for CTR-03, CTR-05, CTR-06, CTR-07, CTR-08, CTR-13 "
        "expired on 2027-05-31"
    )


def test_an_expiry_past_max_days_refuses_the_whole_waiver(cli, write) -> None:
    _write(write, expires="2027-12-31")
    result, found = _check(cli)
    assert result.exit_code == 1
    assert _open(found) == sorted([*TERMS, "EXC-01"])


def test_a_rule_of_the_waiver_that_suppresses_nothing_is_named(cli, write) -> None:
    """CTR-14 asks nothing of this contract: the waiver stands for the other rules, and EXC-02
    says which of its rules suppressed nothing, at that rule."""
    _write(write, codes=[*TERMS, "CTR-14"], select=[*TERMS, "CTR-14", "EXC-01", "EXC-02"])
    _, found = _check(cli)
    (idle,) = [f for f in found if f["code"] == "EXC-02"]
    assert idle["level"] == "warning" and idle["line"] == 4
    assert "names CTR-14 among its rules, but no finding of CTR-14" in idle["message"]
    assert _open(found) == ["EXC-02"]
    # none of its rules suppressing anything: one warning, naming them
    _write(write, codes=["CTR-14", "CTR-15"], select=["CTR-14", "CTR-15", "EXC-02"])
    _, found = _check(cli)
    (idle,) = [f for f in found if f["code"] == "EXC-02"]
    assert "suppressed nothing: no finding of CTR-14, CTR-15 matches" in idle["message"]


def test_an_unknown_rule_among_several_is_named_at_its_entry(cli, write) -> None:
    _write(write, codes=[*TERMS, "CTR-99"])
    result, found = _check(cli)
    assert result.exit_code == 1
    (unknown,) = [f for f in found if f["code"] == "EXC-02"]
    assert unknown["json_path"] == "rules[6]" and unknown["level"] == "error"
    assert "lists rule CTR-99 among its rules, which resilint does not know" in unknown["message"]
    assert "did you mean CTR-09?" in unknown["message"]
    assert _open(found) == ["EXC-02"]  # its known rules are still waived


def test_a_target_narrowed_to_a_field_waives_only_the_rules_reporting_there(cli, write) -> None:
    _write(write, codes=["CTR-03", "CTR-08"], narrowed=", field: remedies")
    _, found = _check(cli)
    waived = sorted(f["code"] for f in found if f["suppressed"])
    assert waived == ["CTR-08"]
    (idle,) = [f for f in found if f["code"] == "EXC-02"]
    assert "names CTR-03 among its rules" in idle["message"]
    assert "CTR-03" in _open(found)


def test_rule_and_rules_together_or_neither_is_a_schema_error(cli, write) -> None:
    _write(write)
    both = WAIVER.format(rules="CTR-08", approver="cro", expires="2027-05-31", narrowed="")
    write("waivers.yaml", both.replace("rules: [CTR-08]", "rule: CTR-03\nrules: [CTR-08]"))
    _, found = _check(cli)
    (schema,) = [f for f in found if f["code"] == "SCH-01"]
    assert "rule and rules are both given, but only one may be" in schema["message"]
    assert not any(f["suppressed"] for f in found)  # a waiver its schema refuses waives nothing
    write("waivers.yaml", both.replace("rules: [CTR-08]\n", ""))
    _, found = _check(cli)
    (schema,) = [f for f in found if f["code"] == "SCH-01"]
    assert "rule or rules is required" in schema["message"]


def test_a_waiver_of_several_rules_may_not_target_a_waiver(cli, write, tmp_path) -> None:
    _write(write)
    text = (tmp_path / "waivers.yaml").read_text()
    own = text.replace(
        "id: ctr-m365}", "id: ctr-m365}\n  - {kind: Waiver, id: m365-standard-terms}"
    )
    write("waivers.yaml", own)
    _, found = _check(cli)
    (refused,) = [f for f in found if f["code"] == "EXC-02"]
    assert "targets itself" in refused["message"]


def test_the_report_shows_each_term_of_each_rule_named_as_accepted(cli, write, tmp_path) -> None:
    _write(write, profiles=["baseline"])
    out = tmp_path / "report.html"
    run = cli("report", ".", "--as-of", AS_OF, "--no-cache", "-o", str(out))
    assert run.exit_code == 0, run.stderr
    cells = _cells(out.read_text(encoding="utf-8"))["microsoft"]
    accepted = {term: code for term, (kind, code) in cells.items() if kind == "suppressed"}
    assert sorted(set(accepted.values())) == TERMS
    assert accepted["incident_notice"] == "CTR-03" and accepted["step_in_rights"] == "CTR-08"
    calendar = cli("calendar", ".", "--as-of", AS_OF, "--days", "365").stdout
    assert "waiver m365-standard-terms of CTR-03, CTR-05, CTR-06, CTR-07, CTR-08, CTR-13" in (
        calendar
    )


def test_waive_writes_one_waiver_of_several_rules(cli, write, tmp_path) -> None:
    _write(write)
    (tmp_path / "waivers.yaml").unlink()
    written = cli(
        *("waive", "CTR-03", "CTR-05", "--rule", "CTR-06", "--rule", "ctr-07"),
        *("--rule", "CTR-08", "--rule", "CTR-13", "--target", "ctr-m365"),
        *("--reason", "Standard terms, not negotiable", "--owner", "head-of-procurement"),
        *("--approver", "cro", "--approved-on", "2026-06-01", "--until", "2027-05-31"),
        *("--file", "waivers.yaml"),
    )
    assert written.exit_code == 0, written.stderr
    text = (tmp_path / "waivers.yaml").read_text()
    assert "rules:\n" + "".join(f"  - {code}\n" for code in TERMS) in text
    assert "\nrule:" not in text
    assert "id: waiver-ctr03-ctr05-ctr06-ctr07-ctr08-ctr13-ctr-m365" in text
    result, found = _check(cli)
    assert result.exit_code == 0 and _open(found) == [] and len(found) == 6


def test_waive_refuses_an_approver_not_allowed_for_one_of_the_rules(cli, write, tmp_path) -> None:
    approvers = {"*": ["cro"], "CTR-08": ["general-counsel"]}
    _write(write, rules={"EXC-01": {"params": {"approvers": approvers}}})
    (tmp_path / "waivers.yaml").unlink()
    refused = cli(
        *("waive", "CTR-03", "CTR-08", "--target", "ctr-m365", "--reason", "r"),
        *("--owner", "cfo", "--approver", "cro", "--approved-on", "2026-06-01"),
        *("--until", "2027-05-31", "--file", "waivers.yaml"),
    )
    assert refused.exit_code == 2
    assert "'cro' is not allowed to approve a waiver of CTR-08" in refused.stderr
    assert not (tmp_path / "waivers.yaml").exists()


def test_waive_of_one_rule_still_writes_rule(cli, write, tmp_path) -> None:
    _write(write)
    (tmp_path / "waivers.yaml").unlink()
    written = cli(
        *("waive", "--rule", "CTR-08", "--target", "ctr-m365", "--reason", "r"),
        *("--owner", "cfo", "--approver", "cro", "--approved-on", "2026-06-01"),
        *("--until", "2027-05-31", "--file", "waivers.yaml"),
    )
    assert written.exit_code == 0, written.stderr
    text = (tmp_path / "waivers.yaml").read_text()
    assert "rule: CTR-08" in text and "rules:" not in text


def test_new_waiver_asks_for_rule_or_rules_and_not_both(cli, write, tmp_path) -> None:
    _write(write)
    (tmp_path / "waivers.yaml").unlink()
    refused = cli("new", "Waiver", "w-new", "--diff")
    assert refused.exit_code == 2
    assert "a Waiver needs rule or rules: add --set rule=... or --set rules=..." in refused.stderr
    written = cli("new", "Waiver", "w-new", "--set", "rules=CTR-03,CTR-08", "--diff")
    assert written.exit_code == 0, written.stderr
    assert "+rules:" in written.stdout and "+  - CTR-08" in written.stdout
    assert "# rule:" not in written.stdout  # its alternative is not suggested besides it


USER_RULE = """\
rules:
  - code: ACME-01
    name: no-waiver-of-dora-clauses
    level: error
    profiles: [acme]
    title: Waivers do not accept a missing DORA Article 30 clause
    rationale: Our policy accepts no missing DORA clause.
    references: ["Acme third-party policy 4.2"]
    remediation: Negotiate the clause.
    select: Waiver
    let:
      dora:
        value:
          filter: {in: waiver.codes, as: code, where: [{field: code, one_of: [CTR-01, CTR-02]}]}
    require:
      - that: {field: dora, empty: true}
        message: "waiver {waiver.id} accepts {dora}, which our policy never waives"
    examples:
      pass: "apiVersion: resilint/v1\\nkind: Waiver\\nid: a\\nrules: [CTR-08]\\n"
      fail: "apiVersion: resilint/v1\\nkind: Waiver\\nid: a\\nrules: [CTR-02, CTR-08, CTR-01]\\n"
      expect: [{id: a, line: 3}]
"""


def test_a_rule_of_ones_own_names_the_rules_a_waiver_lists_with_filter(cli, write) -> None:
    """``waiver.codes`` is a waiver's rule or its rules; ``{filter: ...}`` keeps those a
    condition holds for, so that a message names them."""
    write("resilint.yaml", "profiles: []\nselect: [ACME-01]\nrule_dirs: [policies]\n")
    write("policies/waivers.yaml", USER_RULE)
    write(
        "repo.yaml",
        WAIVER.format(
            rules="CTR-02, CTR-08, CTR-01", approver="cro", expires="2027-05-31", narrowed=""
        ),
    )
    write(
        "one.yaml",
        WAIVER.replace("m365-standard-terms", "one")
        .replace("rules: [{rules}]", "rule: CTR-01")
        .format(approver="cro", expires="2027-05-31", narrowed=""),
    )
    result = cli("check", "--no-cache", "--format", "json", "--as-of", AS_OF)
    messages = sorted(f["message"] for f in result.json()["findings"])
    assert messages == [
        "waiver m365-standard-terms accepts CTR-02, CTR-01, which our policy never waives",
        "waiver one accepts CTR-01, which our policy never waives",
    ]
    assert cli("test", "policies").exit_code == 0
