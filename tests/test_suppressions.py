"""Inline suppressions, governed waivers and the baseline, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

AS_OF = "2026-11-26"
SUPPLIER = "apiVersion: resilint/v1\nkind: Supplier\nid: acme\ntier: 1\n---\n"
# The contract covers ICT services: CTR-08 asks step-in rights of such contracts with a tier-1
# supplier (covers_ict_services stands where status was, so that the lines stay as tested).
CONTRACT = """\
apiVersion: resilint/v1
kind: Contract
id: ctr-acme
supplier: acme
covers_ict_services: true
remedies:
  step_in_rights: false{comment}
  security_indemnity: true
  accelerated_termination: true
"""
# CTR-08 is a warning by default; as an error it makes the run fail, which these tests rely on
ONLY_CTR08 = {
    "profiles": [],
    "select": ["CTR-08", "EXC-02"],
    "rules": {"CTR-08": {"level": "error"}},
}


@pytest.fixture
def repo(write):
    def make(comment: str = "", config: dict | None = None, extra: str = "") -> None:
        write("resilint.yaml", json.dumps({**ONLY_CTR08, **(config or {})}))
        write("repo.yaml", SUPPLIER + CONTRACT.format(comment=comment) + extra)

    return make


def findings(cli, *args: str):
    result = cli("check", "--format", "json", "--as-of", AS_OF, *args)
    return result, result.json()["findings"]


def test_finding_without_suppression(cli, repo):
    repo()
    result, found = findings(cli)
    assert result.exit_code == 1
    assert [(f["code"], f["line"], f["suppressed"]) for f in found] == [("CTR-08", 12, False)]


def test_trailing_comment_suppresses_with_its_reason(cli, repo):
    repo('  # resilint: ignore[CTR-08] reason="step-in agreed by letter, see LGL-44"')
    result, found = findings(cli)
    assert result.exit_code == 0
    (finding,) = found
    assert finding["suppressed"] and finding["suppression"] == {
        "kind": "inline",
        "justification": "step-in agreed by letter, see LGL-44",
        "source": "repo.yaml:12",
    }
    text = cli("check", "--as-of", AS_OF).stdout
    assert "CTR-08" not in text and "1 suppressed" in text


def test_comment_on_the_line_above_suppresses(cli, write):
    write("resilint.yaml", json.dumps(ONLY_CTR08))
    write(
        "repo.yaml",
        SUPPLIER
        + CONTRACT.format(comment="").replace(
            "  step_in_rights", "  # resilint: ignore[CTR-08] reason='agreed'\n  step_in_rights"
        ),
    )
    result, found = findings(cli)
    assert result.exit_code == 0 and found[0]["suppressed"]


def test_reason_is_required(cli, repo):
    repo("  # resilint: ignore[CTR-08]")
    result, found = findings(cli)
    assert result.exit_code == 1
    assert sorted((f["code"], f["suppressed"]) for f in found) == [
        ("CTR-08", False),
        ("IGN-01", False),
    ]


def test_expired_suppression_stops_suppressing_and_is_reported(cli, repo):
    repo('  # resilint: ignore[CTR-08] reason="temporary" until=2026-01-31')
    result, found = findings(cli)
    assert result.exit_code == 1
    codes = {f["code"]: f for f in found}
    assert not codes["CTR-08"]["suppressed"]
    assert "expired on 2026-01-31" in codes["IGN-02"]["message"]


def test_suppression_that_suppresses_nothing_is_reported(cli, repo):
    repo('  # resilint: ignore[CTR-05] reason="wrong code"')
    _, found = findings(cli)
    assert {f["code"] for f in found} == {"CTR-08", "IGN-03"}


def test_configuration_can_require_an_expiry(cli, repo):
    repo(
        '  # resilint: ignore[CTR-08] reason="agreed"',
        config={"suppressions": {"require_expiry": True}},
    )
    _, found = findings(cli)
    assert {f["code"] for f in found} == {"CTR-08", "IGN-01"}


def test_configuration_can_forbid_inline_suppression_for_a_rule(cli, repo):
    repo(
        '  # resilint: ignore[CTR-08] reason="agreed"',
        config={"suppressions": {"forbid_inline": ["CTR-08"]}},
    )
    result, found = findings(cli)
    assert result.exit_code == 1
    assert {(f["code"], f["suppressed"]) for f in found} == {("CTR-08", False), ("IGN-04", False)}


WAIVER = """\
---
apiVersion: resilint/v1
kind: Waiver
id: wvr-acme-step-in
rule: CTR-08
targets: [{{kind: Contract, id: {target}}}]
rationale: Acme refuses step-in rights; a second carrier is contracted as fallback.
compensating_controls: [Dual-sourcing with a second carrier]
risk_owner: head-of-logistics
approver: cro
approved_on: 2026-06-01
expires: {expires}
"""


def test_approved_waiver_suppresses_matching_findings(cli, repo):
    repo(extra=WAIVER.format(target="ctr-acme", expires="2027-05-31"))
    result, found = findings(cli)
    assert result.exit_code == 0
    (finding,) = found
    assert finding["suppression"]["kind"] == "waiver"
    assert finding["suppression"]["source"] == "Waiver wvr-acme-step-in"


def test_expired_waiver_stops_suppressing(cli, repo):
    repo(extra=WAIVER.format(target="ctr-acme", expires="2026-10-31"))
    result, found = findings(cli)
    assert result.exit_code == 1
    assert [f["code"] for f in found if not f["suppressed"]] == ["CTR-08"]


def test_waiver_that_suppresses_nothing_is_reported(cli, repo):
    repo(extra=WAIVER.format(target="ctr-other", expires="2027-05-31"))
    _, found = findings(cli)
    unused = [f for f in found if f["code"] == "EXC-02" and "suppressed nothing" in f["message"]]
    assert len(unused) == 1 and "suppressed nothing" in unused[0]["message"]
    assert unused[0]["id"] == "wvr-acme-step-in"


def test_baseline_reports_only_new_findings_and_the_fixed_ones(cli, repo, write, tmp_path: Path):
    repo()
    made = cli("baseline", "--as-of", AS_OF)
    assert made.exit_code == 0
    assert (
        json.loads((tmp_path / ".resilint-baseline.json").read_text())["findings"][0]["code"]
        == "CTR-08"
    )
    result, found = findings(cli, "--baseline", ".resilint-baseline.json")
    assert result.exit_code == 0 and found[0]["suppression"]["kind"] == "baseline"

    # an unrelated edit above the finding moves it down two lines: still in the baseline
    write("repo.yaml", "# a comment\n# another\n" + SUPPLIER + CONTRACT.format(comment=""))
    result, found = findings(cli, "--baseline", ".resilint-baseline.json")
    assert result.exit_code == 0 and found[0]["line"] == 14 and found[0]["suppressed"]

    # a new finding is reported; fixing the old one shows its entry as fixed
    write(
        "repo.yaml",
        SUPPLIER
        + CONTRACT.format(comment="")
        .replace("step_in_rights: false", "step_in_rights: true")
        .replace("security_indemnity: true", "security_indemnity: false"),
    )
    result, found = findings(cli, "--baseline", ".resilint-baseline.json")
    assert result.exit_code == 1
    assert sorted((f["code"], f["suppressed"]) for f in found) == [
        ("BSL-01", False),
        ("CTR-08", False),
    ]
    assert "run `resilint baseline`" in next(f for f in found if f["code"] == "BSL-01")["message"]


def test_a_baseline_entry_whose_finding_gained_or_lost_a_gap_says_it_changed(
    cli, repo, write
) -> None:
    """A second gap in the same section folds into one finding with another fingerprint: the
    entry of the first was told "fixed: ... is gone" while the finding stood, with one gap
    more, and failed the run. It says the finding changed, how and where it is now."""
    repo()
    assert cli("baseline", "--as-of", AS_OF).exit_code == 0
    write(
        "repo.yaml",
        SUPPLIER
        + CONTRACT.format(comment="").replace(
            "security_indemnity: true", "security_indemnity: false"
        ),
    )
    result, found = findings(cli, "--baseline", ".resilint-baseline.json")
    assert result.exit_code == 1
    (bsl,) = [f for f in found if f["code"] == "BSL-01"]
    assert "is gone" not in bsl["message"] and "fixed" not in bsl["message"]
    assert bsl["message"].startswith(
        "changed: CTR-08 on Contract ctr-acme, which this entry accepts as recorded at field "
        "remedies.step_in_rights, now reports 2 gaps (remedies.step_in_rights, "
        "remedies.security_indemnity) at repo.yaml:12, a finding the baseline does not accept"
    ), bsl["message"]
    # recorded with both gaps, then one fixed: the finding is there with one gap fewer
    assert cli("baseline", "--as-of", AS_OF).exit_code == 0
    write(
        "repo.yaml",
        SUPPLIER
        + CONTRACT.format(comment="")
        .replace("step_in_rights: false", "step_in_rights: true")
        .replace("security_indemnity: true", "security_indemnity: false"),
    )
    result, found = findings(cli, "--baseline", ".resilint-baseline.json")
    (bsl,) = [f for f in found if f["code"] == "BSL-01"]
    assert "now reports 1 gap (remedies.security_indemnity) at repo.yaml:13" in bsl["message"]


def test_a_baseline_entry_is_reported_at_its_line(cli, repo, write) -> None:
    """BSL-01 and BSL-02 point at the entry they are about, for whoever edits the baseline."""
    repo()
    entry = {"code": "CTR-08", "kind": "Contract", "id": "gone", "fingerprint": "0" * 32}
    misread = {"code": "SUP-01", "kind": "Contract", "id": "ctr-acme", "fingerprint": None}
    cli("baseline", "--as-of", AS_OF, "-o", "made.json")
    kept = json.loads(Path("made.json").read_text())["findings"][0]
    misread["fingerprint"] = kept["fingerprint"]
    first, second = json.dumps(entry), json.dumps(misread)
    text = f'{{"version": 1,\n "findings": [\n  {first},\n\n    {second}\n ]}}\n'
    write("stale.json", text)
    _, found = findings(cli, "--baseline", "stale.json")
    placed = {
        f["code"]: (f["path"], f["line"], f["column"]) for f in found if f["code"][:3] == "BSL"
    }
    assert placed == {"BSL-01": ("stale.json", 3, 3), "BSL-02": ("stale.json", 5, 5)}


def test_an_entry_that_differs_only_in_an_empty_label_says_which(cli, repo, write) -> None:
    """An entry whose field is left empty describes itself as the finding does without it:
    the message names the label that differs, so the two halves do not read the same."""
    repo()
    cli("baseline", "--as-of", AS_OF, "-o", "made.json")
    kept = json.loads(Path("made.json").read_text())["findings"][0]
    assert kept["json_path"]
    write("stale.json", json.dumps({"version": 1, "findings": [{**kept, "json_path": ""}]}))
    _, found = findings(cli, "--baseline", "stale.json")
    (misread,) = [f for f in found if f["code"] == "BSL-02"]
    assert f" (json_path empty, not '{kept['json_path']}'), but its" in misread["message"]


def test_baseline_from_configuration(cli, repo, tmp_path: Path):
    repo(config={"baseline": "accepted.json"})
    assert cli("baseline", "--as-of", AS_OF).exit_code == 0
    assert (tmp_path / "accepted.json").is_file()
    result, _ = findings(cli)
    assert result.exit_code == 0


def test_broken_baseline_file_is_an_input_error(cli, repo, write):
    repo()
    write("b.json", "{not json")
    result = cli("check", "--baseline", "b.json")
    assert result.exit_code == 2 and "cannot read the baseline" in result.stderr


@pytest.mark.parametrize(
    ("content", "where", "words"),
    [
        ('{"findings": [', "1:15", "the file ends here: it may have been cut short"),
        ('{\n  "version": 1,\n  "findings": [x]\n}\n', "3:16", "(Expecting value)"),
        (b'\xef\xbb\xbf{\n  "findings": ["\xff"]}', "2:17", "byte 0xff is not UTF-8"),
        ('{"findings": [NaN]}', "1:15", "NaN is not a JSON number"),
        ('{\n "version": 1e999,\n "findings": []}', "2:13", "1e999 is too large a number"),
        ('{"findings": [' + "9" * 5000 + "]}", "1:15", "a number of 5,000 digits"),
        ('{"n": "' + "1" * 5000 + '",\n "findings": [' + "9" * 5000 + "]}", "2:15", "5,000 digits"),
        ('{"findings": []}', "1:1", "not a resilint baseline file"),
    ],
    ids=[
        *("cut short", "not JSON", "not UTF-8", "NaN", "infinite", "too long"),
        *("too long after digits in text", "not a baseline"),
    ],
)
def test_a_broken_baseline_is_reported_at_its_line_and_column(
    cli, repo, write, content, where, words
):
    """Positions are 1-based, as editors count: the JSON error's own line and column, or 1:1
    when the problem has no place (never 0:0)."""
    repo()
    write("bl2.json", content)
    result = cli("check", "--baseline", "bl2.json")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"resilint: bl2.json:{where}: "), result.stderr
    assert words in result.stderr


NARROW = """\
---
apiVersion: resilint/v1
kind: Waiver
id: wvr-acme-narrow
rule: CTR-08
targets: [{{kind: Contract, id: ctr-acme, {narrowed}}}]
rationale: Acme gives no indemnity; our own policy covers it.
risk_owner: cfo
approver: cro
approved_on: 2026-06-01
expires: 2027-05-31
"""


def _two_gaps(write, narrowed: str) -> None:
    """CTR-08 finds two gaps in one remedies section (one finding folding both), and a waiver
    narrowed to one of them."""
    text = CONTRACT.replace("  security_indemnity: true\n", "  security_indemnity: false\n")
    write("resilint.yaml", json.dumps(ONLY_CTR08))
    write("repo.yaml", SUPPLIER + text.format(comment="") + NARROW.format(narrowed=narrowed))


@pytest.mark.parametrize("narrowed", ["naming: [indemnity]", "field: remedies.security_indemnity"])
def test_a_narrowed_waiver_waives_only_the_gap_it_names(cli, write, narrowed: str) -> None:
    _two_gaps(write, narrowed)
    result, found = findings(cli)
    assert result.exit_code == 1  # the step-in gap is not waived
    active = [f for f in found if not f["suppressed"]]
    waived = [f for f in found if f["suppressed"]]
    assert [f["code"] for f in active] == ["CTR-08"]  # no EXC-02: the waiver was used
    assert "step-in" in active[0]["message"] and "indemnity" not in active[0]["message"]
    (accepted,) = waived
    assert "indemnity" in accepted["message"] and "step-in" not in accepted["message"]
    assert accepted["suppression"]["source"] == "Waiver wvr-acme-narrow"
    assert accepted["fingerprint"] != active[0]["fingerprint"]


def test_a_narrowed_waiver_covering_every_gap_waives_the_finding(cli, write) -> None:
    _two_gaps(write, "field: remedies")
    result, found = findings(cli)
    assert result.exit_code == 0
    assert [(f["code"], f["suppressed"]) for f in found] == [("CTR-08", True)]


def test_a_waiver_naming_something_no_finding_names_waives_nothing(cli, write) -> None:
    _two_gaps(write, "naming: [escrow]")
    result, found = findings(cli)
    assert result.exit_code == 1
    assert sorted(f["code"] for f in found if not f["suppressed"]) == ["CTR-08", "EXC-02"]


@pytest.mark.parametrize("narrowed", ['naming: [""]', "field: 7"])
def test_a_waiver_its_schema_refuses_waives_nothing(cli, write, narrowed: str) -> None:
    """``naming: [""]`` would name every finding: a waiver with an SCH-01 suppresses nothing
    (and is not reported as unused: its SCH-01 says what to correct)."""
    _two_gaps(write, narrowed)
    result, found = findings(cli)
    assert result.exit_code == 1
    assert not any(f["suppressed"] for f in found)
    codes = sorted(f["code"] for f in found)
    assert "CTR-08" in codes and "SCH-01" in codes and "EXC-02" not in codes


def test_waive_writes_a_narrowed_target_that_waives_only_its_gap(cli, write, tmp_path) -> None:
    _two_gaps(write, "naming: [nothing-here]")
    (tmp_path / "repo.yaml").write_text(
        SUPPLIER + CONTRACT.replace("true\n  accel", "false\n  accel").format(comment="")
    )
    written = cli(
        *("waive", "CTR-08", "--target", "ctr-acme", "--naming", "indemnity"),
        *("--field", "remedies", "--reason", "Own policy covers it", "--owner", "cfo"),
        *("--approver", "cro", "--approved-on", "2026-06-01", "--until", "2027-05-31"),
        *("--file", "waivers.yaml"),
    )
    assert written.exit_code == 0, written.stderr
    text = (tmp_path / "waivers.yaml").read_text()
    assert "field: remedies" in text and "indemnity" in text
    _, found = findings(cli)
    assert [(f["code"], f["suppressed"]) for f in found] == [("CTR-08", False), ("CTR-08", True)]


def test_a_waiver_approved_on_a_day_still_to_come_is_an_error(cli, repo) -> None:
    ahead = WAIVER.format(target="ctr-acme", expires="2100-11-30").replace(
        "approved_on: 2026-06-01", "approved_on: 2099-12-01"
    )
    repo(extra=ahead, config={"select": ["CTR-08", "EXC-01", "EXC-02"]})
    result, found = findings(cli)
    assert result.exit_code == 1
    (error,) = [f for f in found if f["code"] == "EXC-01"]
    assert "approved on 2099-12-01, a day still to come" in error["message"]


def test_a_stale_baseline_of_any_size_gives_a_bounded_report(cli, repo, write) -> None:
    repo()
    entries = [
        {"code": "CTR-08", "kind": "Contract", "id": f"gone-{n}", "fingerprint": f"{n:032x}"}
        for n in range(5000)
    ]
    write("stale.json", json.dumps({"version": 1, "findings": entries}))
    result, found = findings(cli, "--baseline", "stale.json")
    fixed = [f for f in found if f["code"] == "BSL-01"]
    assert len(fixed) == 101, result.stderr
    assert sum("4900 more baseline entries are gone" in f["message"] for f in fixed) == 1


@pytest.mark.parametrize(
    ("options", "said"),
    [
        ('reason="temporary" untill=2020-01-01', "unknown option untill="),
        ('reason="agreed" foo=bar', "unknown option foo="),
        ('reason="agreed', "cannot read"),
    ],
)
def test_a_suppression_it_cannot_fully_read_silences_nothing(cli, repo, options, said):
    """A misspelt until= would otherwise make a suppression meant to expire permanent."""
    repo(f"  # resilint: ignore[CTR-08] {options}")
    result, found = findings(cli)
    assert result.exit_code == 1
    assert {(f["code"], f["suppressed"]) for f in found} == {("CTR-08", False), ("IGN-01", False)}
    assert said in next(f["message"] for f in found if f["code"] == "IGN-01")


def test_lines_are_counted_as_yaml_counts_them(cli, write):
    """A Unicode line separator inside a value is text, not a line end: a comment on a line
    after it still silences its own line."""
    write("resilint.yaml", json.dumps(ONLY_CTR08))
    comment = '  # resilint: ignore[CTR-08] reason="agreed"'
    contract = CONTRACT.format(comment=comment)
    write(
        "repo.yaml",
        SUPPLIER + contract.replace("id: ctr-acme\n", 'id: ctr-acme\nname: "x\u2028y"\n'),
    )
    _, found = findings(cli)
    assert [(f["code"], f["suppressed"]) for f in found] == [("CTR-08", True)]


@pytest.mark.parametrize(
    "value",
    [
        # a double-quoted text folded over two lines: its second line reads like a comment
        "name: \"Acme Ltd;\n  # resilint: ignore[CTR-08] reason='agreed'\"\n",
        # a block text
        'notes: |\n  Step-in was discussed.\n  # resilint: ignore[CTR-08] reason="agreed"\n',
        # a one-line quoted text (a file the fast reader would take)
        "name: \"Acme # resilint: ignore[CTR-08] reason='agreed'\"\n",
        # a plain text with a '#' not after a space: part of the text
        "name: Acme#resilint:ignore[CTR-08] reason=agreed\n",
    ],
)
def test_text_in_a_value_that_reads_like_a_suppression_silences_nothing(cli, write, value):
    write("resilint.yaml", json.dumps(ONLY_CTR08))
    # placed just above step_in_rights: were it a comment, it would silence CTR-08
    contract = CONTRACT.format(comment="").replace("remedies:\n", value + "remedies:\n")
    text = SUPPLIER + contract
    write("repo.yaml", text)
    result, found = findings(cli)
    assert result.exit_code == 1, result.stdout
    assert [(f["code"], f["suppressed"]) for f in found] == [("CTR-08", False)]
    # the same words as a comment do silence it
    real = text.replace(
        "  step_in_rights: false\n",
        '  step_in_rights: false  # resilint: ignore[CTR-08] reason="agreed"\n',
    )
    write("repo.yaml", real)
    _, found = findings(cli)
    assert [(f["code"], f["suppressed"]) for f in found] == [("CTR-08", True)]


def test_a_narrowed_waiver_on_a_missing_section_waives_only_its_field(cli, write) -> None:
    """With no remedies section at all, CTR-08 folds its three gaps into one finding at the
    first; a waiver narrowed to the indemnity waives that gap only (it waived all three)."""
    text = CONTRACT.format(comment="").split("remedies:")[0]
    narrowed = "field: remedies.security_indemnity"
    write("resilint.yaml", json.dumps(ONLY_CTR08))
    write("repo.yaml", SUPPLIER + text + NARROW.format(narrowed=narrowed))
    result, found = findings(cli)
    assert result.exit_code == 1
    active = [f for f in found if not f["suppressed"]]
    assert [f["code"] for f in active] == ["CTR-08"], found
    assert "step-in" in active[0]["message"] and "early" in active[0]["message"]
    assert "indemnity" not in active[0]["message"]
    (accepted,) = [f for f in found if f["suppressed"]]
    assert "indemnity" in accepted["message"] and "step-in" not in accepted["message"]


def test_a_comment_after_a_value_holding_the_same_words_still_suppresses(cli, write) -> None:
    """The first '# resilint:' on the line is inside a quoted value; the real comment after
    it is the suppression."""
    write("resilint.yaml", json.dumps(ONLY_CTR08))
    line = (
        "remedies: {step_in_rights: false, security_indemnity: true, "
        'accelerated_termination: true, x: "#resilint:ignore[A-01]"}'
        '  # resilint: ignore[CTR-08] reason="ok"\n'
    )
    contract = CONTRACT.format(comment="").split("remedies:")[0] + line
    write("repo.yaml", SUPPLIER + contract)
    _, found = findings(cli)
    assert [(f["code"], f["suppressed"]) for f in found if f["code"] == "CTR-08"] == [
        ("CTR-08", True)
    ]


UNCHECKED = {
    "a.yaml": "kind: Supplier\nid: zzbad\nname: Bad\ntier: 9\n",  # DOC-03: no apiVersion
    "b.yaml": "apiVersion: resilint/v1\nkind: Suplier\nid: zzbad2\nname: Bad\ntier: 9\n",  # DOC-01
}


def test_a_document_that_is_not_checked_cannot_be_ignored_or_baselined(
    cli, write, tmp_path: Path
) -> None:
    """DOC-01 and DOC-03 mean nothing in the document is checked: suppressed once, whatever
    it holds afterwards would pass. Per-file ignores of them are refused at their line, a
    baseline is not written over them, and inline comments do not silence them."""
    for name, text in UNCHECKED.items():
        write(name, text)
    write("resilint.yaml", "fail_on: error\nper_file_ignores:\n  '[ab].yaml': [DOC-01, DOC-03]\n")
    refused = cli("check", "--format", "json")
    assert refused.exit_code == 2
    assert "resilint.yaml:3:17" in refused.stderr and "DOC-01 cannot be ignored" in refused.stderr
    write("resilint.yaml", "fail_on: error\n")
    baseline = cli("baseline")
    assert baseline.exit_code == 2
    assert "DOC-0" in baseline.stderr and "never checked" in baseline.stderr
    assert (tmp_path / "a.yaml").exists()
    assert not (tmp_path / ".resilint-baseline.json").exists()
    write("a.yaml", "# resilint: ignore[DOC-03] reason=another tool's file\n" + UNCHECKED["a.yaml"])
    result = cli("check", "--format", "json")
    codes = sorted(f["code"] for f in result.json()["findings"] if f["suppression"] is None)
    assert "DOC-03" in codes and "DOC-01" in codes and result.exit_code == 1


def test_a_baseline_larger_than_resilint_reads_back_is_not_written(
    cli, repo, write, tmp_path: Path, monkeypatch
) -> None:
    """resilint refuses to read a baseline of more than MAX_RECORDED_FINDINGS findings; it
    must not write one either, or every later check would stop on the file it wrote."""
    import resilint.baseline

    repo()
    write(
        "second.yaml",
        SUPPLIER.replace("acme", "beta") + CONTRACT.format(comment="").replace("acme", "beta"),
    )
    monkeypatch.setattr(resilint.baseline, "MAX_RECORDED_FINDINGS", 1)
    refused = cli("baseline")
    assert refused.exit_code == 2
    assert "the baseline would record 2 findings" in refused.stderr
    assert "nothing was written" in refused.stderr
    assert not (tmp_path / ".resilint-baseline.json").exists()
    monkeypatch.setattr(resilint.baseline, "MAX_RECORDED_FINDINGS", 2)
    assert cli("baseline").exit_code == 0
    assert cli("check", "--baseline", ".resilint-baseline.json").exit_code == 0


# --- a baseline is read strictly: what a reviewer reads is what applies ---------------------


def _edited_baseline(cli, tmp_path: Path, old: str, new: str) -> None:
    assert cli("baseline", "--as-of", AS_OF).exit_code == 0
    path = tmp_path / ".resilint-baseline.json"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("old", "new", "where", "words"),
    [
        (
            '"version": 1,',
            '"version": 1,\n  "findings": [],',
            "5:3",
            'the key "findings" is given twice in one object (first on line 3)',
        ),
        (
            '"code": "CTR-08",',
            '"code": "EXC-02",\n      "code": "CTR-08",',
            "8:7",
            'the key "code" is given twice in one object (first on line 7)',
        ),
        ('"version": 1,', '"version": true,', "2:3", "its version is true"),
        ('"version": 1,', '"version": "1",', "2:3", 'its version is "1"'),
        ('"version": 1,', '"version": 1.0,', "2:3", "its version is 1.0"),
        ('"code": "CTR-08"', '"code": ["CTR-08"]', "7:7", 'finding 1\'s code is ["CTR-08"]'),
        ('"kind": "Contract"', '"kind": 7', "8:7", "finding 1's kind is 7, not text or null"),
        ('"fingerprint": "', '"fingerprint": 1, "x": "', "6:7", "finding 1's fingerprint is 1"),
        ('"findings": [', '"findings": {"a": [', "4:3", 'its findings are {"a": ['),
    ],
    ids=[
        "findings twice",
        "code twice",
        "version true",
        "version text",
        "version 1.0",
        "code a list",
        "kind a number",
        "fingerprint a number",
        "findings an object",
    ],
)
def test_a_baseline_with_a_key_twice_or_a_wrong_type_is_refused_at_its_line(
    cli, repo, tmp_path: Path, old: str, new: str, where: str, words: str
) -> None:
    """Python's json keeps the last of two equal keys, a reviewer reads the first; `true` is 1
    to Python. Each is refused (status 2), naming the file, line and column."""
    repo()
    _edited_baseline(cli, tmp_path, old, new)
    if new.endswith('{"a": ['):  # close the object that now holds the list
        path = tmp_path / ".resilint-baseline.json"
        path.write_text(path.read_text().rstrip().removesuffix("]\n}") + "]}\n}\n")
    result = cli("check", "--baseline", ".resilint-baseline.json")
    assert result.exit_code == 2, result.stdout + result.stderr
    assert result.stderr.startswith(f"resilint: .resilint-baseline.json:{where}: "), result.stderr
    assert words in result.stderr
    assert result.stdout == ""  # no result that could be taken for a pass


def test_a_baseline_entry_of_a_finding_on_a_file_has_no_kind_or_id(cli, repo, write) -> None:
    """Null kind and id, as `resilint baseline` writes for a finding on a file, not a
    document: read, and reported fixed when its finding is gone."""
    repo()
    entry = {"fingerprint": "0" * 32, "code": "YML-01", "kind": None, "id": None, "path": "x"}
    write("b.json", json.dumps({"version": 1, "findings": [entry]}))
    result, found = findings(cli, "--baseline", "b.json")
    assert result.exit_code == 1, result.stderr  # CTR-08, not in this baseline
    assert [f["code"] for f in found if f["code"] == "BSL-01"] == ["BSL-01"]


# --- a baseline entry accepts the finding it names, not only its fingerprint ----------------


def _recorded(cli, tmp_path: Path) -> dict:
    assert cli("baseline", "--as-of", AS_OF).exit_code == 0
    (entry,) = json.loads((tmp_path / ".resilint-baseline.json").read_text())["findings"]
    return entry


def _with_entries(write, *entries: dict) -> None:
    write("b.json", json.dumps({"version": 1, "findings": list(entries)}, indent=2))


@pytest.mark.parametrize(
    ("relabel", "said"),
    [
        (
            {"code": "EXC-02", "kind": "Waiver", "id": "waiver-legacy-notes", "json_path": "notes"},
            "baseline entry 1 says EXC-02 on Waiver waiver-legacy-notes, field notes",
        ),
        ({"code": "CTR-07"}, "baseline entry 1 says CTR-07 on Contract ctr-acme"),
        ({"id": "ctr-other"}, "baseline entry 1 says CTR-08 on Contract ctr-other"),
        (
            {"json_path": "remedies.audit_rights"},
            "field remedies.audit_rights (json_path 'remedies.audit_rights', not",
        ),
    ],
    ids=["all labels", "code", "id", "field"],
)
def test_an_entry_that_names_another_finding_than_its_fingerprint_suppresses_nothing(
    cli, repo, write, tmp_path: Path, relabel: dict, said: str
) -> None:
    """The fingerprint is an unkeyed hash anyone can compute for the finding they are about to
    introduce; a reviewer reads the labels. Where they disagree, the finding counts and the
    entry is reported, saying what it claims and what the finding is."""
    repo()
    entry = _recorded(cli, tmp_path)
    _with_entries(write, {**entry, **relabel, "message": "cosmetic: old waiver notes"})
    result, found = findings(cli, "--baseline", "b.json")
    assert result.exit_code == 1, result.stderr
    (ctr08,) = [f for f in found if f["code"] == "CTR-08"]
    assert not ctr08["suppressed"]
    (entry_finding,) = [f for f in found if f["code"] == "BSL-02"]
    assert entry_finding["path"] == "b.json" and entry_finding["level"] == "warning"
    message = entry_finding["message"]
    assert said in message
    assert (
        "but its fingerprint is that of CTR-08 on Contract ctr-acme, field "
        "remedies.step_in_rights (repo.yaml:12): it suppresses nothing" in message
    )
    assert "fixed" not in message


def test_an_entry_moved_with_its_document_or_without_labels_still_accepts(
    cli, repo, write, tmp_path: Path
) -> None:
    """The file and the message are not compared (documents move, wording changes), and an
    entry that records only the fingerprint says nothing that could mislead."""
    repo()
    entry = _recorded(cli, tmp_path)
    for accepted in (
        {**entry, "path": "elsewhere/contracts.yaml", "message": "reworded"},
        {"fingerprint": entry["fingerprint"]},
    ):
        _with_entries(write, accepted)
        result, found = findings(cli, "--baseline", "b.json")
        assert result.exit_code == 0, result.stdout
        assert [(f["code"], f["suppressed"]) for f in found] == [("CTR-08", True)]


def test_a_true_entry_beside_a_false_one_accepts_and_the_false_one_is_reported(
    cli, repo, write, tmp_path: Path
) -> None:
    repo()
    entry = _recorded(cli, tmp_path)
    _with_entries(write, {**entry, "code": "EXC-02", "kind": "Waiver"}, entry)
    result, found = findings(cli, "--baseline", "b.json")
    assert result.exit_code == 0, result.stdout
    assert [(f["code"], f["suppressed"]) for f in found if f["code"] == "CTR-08"] == [
        ("CTR-08", True)
    ]
    (bsl,) = [f for f in found if f["code"] == "BSL-02"]
    assert bsl["message"].startswith("baseline entry 1 says EXC-02 on Waiver ctr-acme")


def test_a_baseline_entry_of_a_finding_no_baseline_keeps_is_never_told_fixed(
    cli, repo, write, tmp_path: Path
):
    """An entry (hand-written, or of an older resilint) for a finding that is there but is
    never suppressed (DOC-01: nothing in the document is checked) is not "fixed: ... is gone":
    the finding still fails the run, and the entry is told as accepting nothing."""
    repo(extra="---\napiVersion: resilint/v1\nkind: Vendor\nid: ghost\n")
    found = findings(cli)[1]
    doc01 = next(f for f in found if f["code"] == "DOC-01")
    entry = {k: doc01[k] for k in ("fingerprint", "code", "kind", "id", "json_path", "path")}
    write("accepted.json", json.dumps({"version": 1, "findings": [entry]}))
    result, found = findings(cli, "--baseline", "accepted.json")
    codes = {f["code"]: f for f in found}
    assert result.exit_code == 1  # the finding still fails the run
    assert "DOC-01" in codes and not codes["DOC-01"]["suppressed"]
    assert "BSL-01" not in codes, codes["BSL-01"]["message"]
    assert "a finding no baseline keeps" in codes["BSL-02"]["message"]


def quoted(comment: str = "") -> str:
    """The repository with the contract's step-in rights quoted, ``"false"``: a schema error
    (SCH-01) at the field CTR-08 reads."""
    text = SUPPLIER + CONTRACT.format(comment=comment)
    return text.replace("step_in_rights: false", 'step_in_rights: "false"')


def test_a_standing_schema_error_is_reported_alone_at_its_field(cli, repo, write) -> None:
    """CTR-08 would only repeat the type error in worse words: while it stands, it is the one
    finding there."""
    repo()
    write("repo.yaml", quoted())
    result, found = findings(cli)
    assert result.exit_code == 1
    assert [(f["code"], f["suppressed"]) for f in found] == [("SCH-01", False)]


SCHEMA_WAIVER = WAIVER.format(target="ctr-acme", expires="2027-05-31").replace(
    "rule: CTR-08", "rule: SCH-01"
)


@pytest.mark.parametrize("how", ["inline", "waiver", "per_file_ignores"])
def test_a_silenced_schema_error_leaves_the_rule_findings_at_its_field_reported(
    cli, repo, write, how: str
) -> None:
    """Silencing the type error of a field does not silence the rules that read it: the gap
    CTR-08 finds there is reported and answers to its own suppressions, here forbid_inline,
    which reserves CTR-08 for a Waiver of CTR-08. Before, the run passed with no finding."""
    config: dict[str, object] = {"suppressions": {"forbid_inline": ["CTR-08"]}}
    if how == "per_file_ignores":
        config["per_file_ignores"] = {"repo.yaml": ["SCH-01"]}
    repo(config=config)
    silenced = '  # resilint: ignore[SCH-01] reason="quoted by the export"'
    comment = silenced if how == "inline" else ""
    write("repo.yaml", quoted(comment) + (SCHEMA_WAIVER if how == "waiver" else ""))
    result, found = findings(cli)
    assert result.exit_code == 1
    assert sorted((f["code"], f["suppressed"]) for f in found) == [
        ("CTR-08", False),
        ("SCH-01", True),
    ]


def test_an_inline_comment_may_not_silence_both_where_forbid_inline_reserves_the_rule(
    cli, repo, write
) -> None:
    repo(config={"suppressions": {"forbid_inline": ["CTR-08"]}})
    write("repo.yaml", quoted('  # resilint: ignore[SCH-01, CTR-08] reason="quoted by the export"'))
    result, found = findings(cli)
    assert result.exit_code == 1
    assert sorted((f["code"], f["suppressed"]) for f in found) == [
        ("CTR-08", False),
        ("IGN-04", False),
        ("SCH-01", True),
    ]


def test_a_baseline_of_the_schema_error_alone_does_not_accept_the_gap_behind_it(
    cli, repo, write
) -> None:
    """A baseline that accepts a field's type error does not accept every later value of the
    field: CTR-08's gap there was never recorded, so it counts. ``resilint baseline`` records
    both, so that a repository checks clean against the baseline it just wrote."""
    repo()
    write("repo.yaml", quoted())
    assert cli("baseline", "--as-of", AS_OF, "-o", "made.json").exit_code == 0
    entries = json.loads(Path("made.json").read_text())["findings"]
    assert sorted(e["code"] for e in entries) == ["CTR-08", "SCH-01"]
    result, found = findings(cli, "--baseline", "made.json")
    assert result.exit_code == 0
    assert all(f["suppressed"] for f in found)
    legacy = [e for e in entries if e["code"] == "SCH-01"]  # as an earlier resilint wrote it
    write("legacy.json", json.dumps({"version": 1, "findings": legacy}))
    result, found = findings(cli, "--baseline", "legacy.json")
    assert result.exit_code == 1
    assert sorted((f["code"], f["suppressed"]) for f in found) == [
        ("CTR-08", False),
        ("SCH-01", True),
    ]


def test_a_baseline_of_a_document_without_an_id_accepts_its_findings(cli, write) -> None:
    """Its rules' findings are held back while SCH-01 (id is required) stands, and reported
    once a baseline accepts that error: the baseline records them, or the repository would
    fail against the baseline it just wrote, however often it was written again."""
    write("resilint.yaml", json.dumps({"as_of": AS_OF}))
    write("s.yaml", "apiVersion: resilint/v1\nkind: Supplier\nname: Acme\ntier: 1\n")
    assert cli("baseline", "-o", "made.json").exit_code == 0
    recorded = [e["code"] for e in json.loads(Path("made.json").read_text())["findings"]]
    assert "SCH-01" in recorded and len(recorded) > 1
    result, found = findings(cli, "--baseline", "made.json")
    assert result.exit_code == 0, result.stdout
    assert found and all(f["suppressed"] for f in found)


def test_a_baseline_entry_gone_while_a_schema_error_stands_is_not_called_fixed(
    cli, write, tmp_path: Path
) -> None:
    """A supplier's tier imported as text fails the schema and reads as no tier 1: the step-in
    finding on its contract goes, though nothing was fixed. The entry is not told fixed (to
    shrink the baseline then would lose it); once the tier is mended the finding is back."""
    write("resilint.yaml", json.dumps({**ONLY_CTR08, "select": ["CTR-08", "BSL-01"]}))
    write("repo.yaml", SUPPLIER + CONTRACT.format(comment=""))
    assert cli("baseline", "--as-of", AS_OF).exit_code == 0
    write("repo.yaml", SUPPLIER.replace("tier: 1", 'tier: "1"') + CONTRACT.format(comment=""))
    result, found = findings(cli, "--baseline", ".resilint-baseline.json")
    assert result.exit_code == 1
    said = {f["code"]: f for f in found}
    assert set(said) == {"SCH-01", "BSL-01"}
    message = said["BSL-01"]["message"]
    assert not message.startswith("fixed")
    assert (
        "CTR-08 on Contract ctr-acme is gone, but while a schema error stands (at repo.yaml:4)"
        in (message)
    )
    write("repo.yaml", SUPPLIER + CONTRACT.format(comment=""))  # mended: accepted again
    result, found = findings(cli, "--baseline", ".resilint-baseline.json")
    assert result.exit_code == 0 and [f["suppressed"] for f in found] == [True]
