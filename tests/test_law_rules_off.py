"""A configuration may turn off rules (``ignore: [CTR]``), DORA's own among them, while an
Entity records ``regimes: [dora]``: that is the user's choice, but every report says which
rules of a regime in effect did not run and which setting turned them off, so that a passing
gate is not read as a programme that meets what the law asks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "lindenau-planted"


@pytest.fixture
def programme(tmp_path: Path) -> Path:
    root = tmp_path / "programme"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(".resilint_cache"))
    return root


def _ignore(root: Path, codes: str) -> int:
    """Set the configuration's ``ignore`` to ``codes``; the line it is on."""
    config = root / "resilint.yaml"
    lines = config.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("ignore:"))
    lines[at] = f"ignore: [{codes}]"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return at + 1


def test_ignoring_dora_contract_rules_is_said_in_every_format(cli, programme: Path) -> None:
    line = _ignore(programme, "REG, CTR")
    result = cli(
        "check",
        ".",
        *("-o", "json=out.json", "-o", "sarif=out.sarif", "-o", "junit=out.xml"),
        *("-o", "github=out.github", "-o", "gitlab=out.gitlab", "-o", "markdown=out.md"),
        cwd=programme,
    )
    assert result.exit_code == 1, result.stderr  # the other findings still fail the gate
    assert "CTR-02" not in "".join(  # the rule did not run ...
        x for x in result.stdout.splitlines() if not x.startswith("note:")
    )
    notes = [x for x in result.stdout.splitlines() if x.startswith("note:")]
    assert len(notes) == 1, result.stdout  # ... and the text report says so, once
    assert "DORA" in notes[0] and "CTR-02" in notes[0]
    assert f"ignore: [REG, CTR] (resilint.yaml:{line})" in notes[0]
    assert "CTR-08" not in notes[0]  # a baseline rule is the programme's own choice

    data = json.loads((programme / "out.json").read_text(encoding="utf-8"))
    assert [(n["path"], n["line"]) for n in data["notes"]] == [("resilint.yaml", line)]
    assert "CTR-02" in data["notes"][0]["message"]

    sarif = json.loads((programme / "out.sarif").read_text(encoding="utf-8"))
    (invocation,) = sarif["runs"][0]["invocations"]
    (notification,) = invocation["toolConfigurationNotifications"]
    assert notification["level"] == "warning" and "CTR-02" in notification["message"]["text"]
    region = notification["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": line}

    suite = ElementTree.parse(programme / "out.xml").getroot().find("testsuite")
    assert suite is not None and suite.get("skipped") == "1"
    skipped = [c for c in suite.iter("testcase") if c.find("skipped") is not None]
    assert len(skipped) == 1 and int(suite.get("tests", "0")) == len(list(suite.iter("testcase")))
    assert "CTR-02" in (skipped[0].find("skipped").get("message") or "")  # type: ignore[union-attr]

    github = (programme / "out.github").read_text(encoding="utf-8")
    assert f"::warning file=resilint.yaml,line={line},title=resilint%3A rules not checked::" in (
        github
    )
    gitlab = json.loads((programme / "out.gitlab").read_text(encoding="utf-8"))
    config_issues = [i for i in gitlab if i["check_name"] == "resilint-config"]
    assert [i["location"] for i in config_issues] == [
        {"path": "resilint.yaml", "lines": {"begin": line}}
    ]
    assert "CTR-02" in (programme / "out.md").read_text(encoding="utf-8")


def test_one_ignored_dora_rule_is_named_and_on_standard_error_beside_json(
    cli, programme: Path
) -> None:
    _ignore(programme, "REG, CTR-02")
    result = cli("check", ".", "--format", "json", cwd=programme)
    assert result.exit_code == 1
    said = [x for x in result.stderr.splitlines() if "not checked" in x]
    assert len(said) == 1 and "CTR-02" in said[0] and "CTR-09" not in said[0]
    assert "REG-01" in said[0]  # the register's rules, on with DORA, are DORA's too
    assert json.loads(result.stdout)["notes"][0]["message"].startswith("DORA rules not checked")
    again = cli("check", ".", "--format", "json", cwd=programme)  # the cache's result says it too
    assert [x for x in again.stderr.splitlines() if "not checked" in x] == said


def test_statistics_say_it_on_standard_error(cli, programme: Path) -> None:
    _ignore(programme, "REG, CTR")
    result = cli("check", ".", "--statistics", cwd=programme)
    assert [x for x in result.stderr.splitlines() if "DORA and NIS2 rules not checked" in x]


def test_command_line_ignore_is_named(cli, programme: Path) -> None:
    _ignore(programme, "REG")
    result = cli("check", ".", "--ignore", "CTR-09", cwd=programme)
    note = next(x for x in result.stdout.splitlines() if x.startswith("note:"))
    assert "--ignore CTR-09" in note and "CTR-09" in note
    assert "REG-01" in note and "ignore: [REG]" in note


def test_nothing_said_when_no_regime_rule_is_off(cli, programme: Path) -> None:
    _ignore(programme, "CTR-08")  # a baseline rule: the programme's policy, not a law's
    result = cli("check", ".", "--format", "json", cwd=programme)
    assert json.loads(result.stdout)["notes"] == []
    assert "not checked" not in result.stderr
    # exactly these rules, asked on the command line: what the run asks for
    exact = cli("check", ".", "--select", "CTR-08", "--format", "json", cwd=programme)
    assert json.loads(exact.stdout)["notes"] == []


def test_the_report_says_so_above_the_coverage(cli, programme: Path) -> None:
    _ignore(programme, "REG, CTR")
    result = cli("report", ".", "-o", "report.html", cwd=programme)
    assert result.exit_code == 0, result.stderr
    html = (programme / "report.html").read_text(encoding="utf-8")
    coverage = html[html.index('id="coverage"') :]
    assert "<strong>Note:</strong> DORA" in coverage[: coverage.index("<table")]
    assert "CTR-02" in result.stderr


def test_no_entity_under_a_regime_says_nothing(cli, programme: Path) -> None:
    for path in programme.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if "regimes:" in text:
            path.write_text(
                text.replace("regimes: [dora, nis2]", "regimes: []")
                .replace("regimes: [dora]", "regimes: []")
                .replace("regimes: [nis2]", "regimes: []"),
                encoding="utf-8",
            )
    _ignore(programme, "REG, CTR")
    result = cli("check", ".", "--format", "json", cwd=programme)
    assert json.loads(result.stdout)["notes"] == [], result.stderr


def _append(root: Path, text: str) -> int:
    """Add ``text`` to the configuration; the line its first line is on."""
    config = root / "resilint.yaml"
    before = config.read_text(encoding="utf-8")
    config.write_text(before + text, encoding="utf-8")
    return len(before.splitlines()) + 1


def _gate_note_placed(programme: Path, said: str, line: int) -> None:
    """The gate's note, with ``said`` in it, at the configuration's ``line`` in the JSON,
    SARIF and GitHub outputs the run wrote."""
    data = json.loads((programme / "out.json").read_text(encoding="utf-8"))
    assert ("rules below the gate", "resilint.yaml", line) in [
        (n["title"], n["path"], n["line"]) for n in data["notes"]
    ]
    sarif = json.loads((programme / "out.sarif").read_text(encoding="utf-8"))
    (invocation,) = sarif["runs"][0]["invocations"]
    placed = [
        n["locations"][0]["physicalLocation"]["region"]
        for n in invocation["toolConfigurationNotifications"]
        if said in n["message"]["text"]
    ]
    assert placed == [{"startLine": line}]
    github = (programme / "out.github").read_text(encoding="utf-8")
    assert f"line={line},title=resilint%3A rules below the gate::" in github


def test_a_dora_rule_set_below_the_gate_is_said_in_every_format(cli, programme: Path) -> None:
    line = _append(programme, "rules:\n  CTR-02:\n    level: info\n") + 2
    result = cli(
        "check",
        ".",
        *("-o", "json=out.json", "-o", "sarif=out.sarif", "-o", "github=out.github"),
        cwd=programme,
    )
    shown = [x for x in result.stdout.splitlines() if " CTR-02 " in x and "note:" not in x]
    assert shown and all(" CTR-02 info " in x for x in shown)  # shown, never failing the gate
    notes = [x for x in result.stdout.splitlines() if "below the gate" in x]
    assert notes == [
        f"note: DORA rule below the gate: CTR-02 set to info by rules.CTR-02.level "
        f"(resilint.yaml:{line}): its findings are shown but never fail the check "
        "(fail_on: error); remove the level to let it fail the check"
    ]
    _gate_note_placed(programme, "below the gate", line)

    as_json = cli("check", ".", "--format", "json", cwd=programme)  # the cache's result too
    assert [x for x in as_json.stderr.splitlines() if "below the gate" in x] == [
        notes[0].replace("note: ", "resilint: note: ", 1)
    ]


def test_a_level_that_still_fails_the_gate_or_a_policy_rule_says_nothing(
    cli, programme: Path
) -> None:
    _append(programme, "rules:\n  CTR-02:\n    level: warning\n  CTR-08:\n    level: info\n")
    result = cli("check", ".", "--fail-on", "warning", cwd=programme)
    assert "below the gate" not in result.stdout  # warning still fails a gate on warnings
    assert "CTR-08" not in "".join(x for x in result.stdout.splitlines() if "note:" in x)
    lowered = cli("check", ".", cwd=programme)
    notes = [x for x in lowered.stdout.splitlines() if "below the gate" in x]
    assert len(notes) == 1 and "CTR-02 set to warning" in notes[0]
    assert "CTR-08" not in notes[0]  # a baseline rule's level is the programme's own choice


def test_per_file_ignores_turning_off_dora_rules_is_said(cli, programme: Path) -> None:
    line = _append(
        programme,
        'per_file_ignores:\n  "suppliers/c*.yaml": [CTR]\n  "nowhere/**": [CTR-09]\n'
        '  "suppliers/a*.yaml": [CTR-08]\n',
    )
    result = cli("check", ".", "--format", "json", cwd=programme)
    notes = json.loads(result.stdout)["notes"]
    files = [n for n in notes if "in some files" in n["message"]]
    assert [(n["path"], n["line"]) for n in files] == [("resilint.yaml", line + 1)]
    message = files[0]["message"]
    assert f"per_file_ignores: 'suppliers/c*.yaml': [CTR] (resilint.yaml:{line + 1})" in message
    assert "CTR-02" in message and "CTR-08" not in message  # a baseline rule: policy's
    assert "nowhere" not in json.dumps(notes)  # a pattern covering no file turns nothing off
    assert [x for x in result.stderr.splitlines() if "in some files" in x]
    text = cli("check", ".", cwd=programme)
    assert [x for x in text.stdout.splitlines() if x.startswith("note:") and "in some" in x]


def test_calendar_and_report_say_which_dora_rules_are_off(cli, programme: Path) -> None:
    _ignore(programme, "REG")  # the register's rules date nothing in the calendar
    quiet = cli("calendar", ".", cwd=programme)
    assert quiet.exit_code == 0 and "note: DORA" not in quiet.stderr, quiet.stderr
    _ignore(programme, "REG, EXR-04")
    _append(
        programme,
        "rules:\n  SUP-08:\n    level: info\n"
        'per_file_ignores:\n  "suppliers/c*.yaml": [CTR, SUP-08]\n',
    )
    for output in ("text", "json", "ics"):
        calendar = cli("calendar", ".", "--format", output, cwd=programme)
        assert calendar.exit_code == 0, calendar.stderr
        said = [x for x in calendar.stderr.splitlines() if x.startswith("resilint: note: DORA")]
        assert len(said) == 2, calendar.stderr
        assert "EXR-04" in said[0] and "REG-01" not in said[0]  # a rule the calendar dates by
        assert "suppliers/c*.yaml" in said[1] and "turns off SUP-08 for" in said[1]
        assert "dates left out of the calendar" in said[1]
        assert "below the gate" not in calendar.stderr  # the calendar has no gate
        assert "DORA rule" not in calendar.stdout
    report = cli("report", ".", "-o", "report.html", cwd=programme)
    html = (programme / "report.html").read_text(encoding="utf-8")
    coverage = html[html.index('id="coverage"') :]
    assert "not checked in some files: per_file_ignores:" in coverage[: coverage.index("<table")]
    assert "CTR-02" in report.stderr and "REG-01" in report.stderr  # what the report leaves out
    assert "below the gate" not in report.stderr


def _gate(root: Path, fail_on: str) -> int:
    """Set the configuration's ``fail_on``; the line it is on."""
    config = root / "resilint.yaml"
    lines = config.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("fail_on:"))
    lines[at] = f"fail_on: {fail_on}"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return at + 1


def test_a_gate_that_fails_on_nothing_is_said_in_every_format(cli, programme: Path) -> None:
    """fail_on: never passed a programme under DORA whatever its DORA rules found, and no
    output said so: the notes named a rule's own level set below the gate, not the gate."""
    line = _gate(programme, "never")
    result = cli(
        "check",
        ".",
        *("-o", "json=out.json", "-o", "sarif=out.sarif", "-o", "junit=out.xml"),
        *("-o", "github=out.github", "-o", "gitlab=out.gitlab", "-o", "markdown=out.md"),
        cwd=programme,
    )
    assert result.exit_code == 0, result.stderr
    assert " CTR-02 error " in result.stdout  # found, and shown
    notes = [x for x in result.stdout.splitlines() if "cannot fail the check" in x]
    assert len(notes) == 1, result.stdout
    assert notes[0].startswith(
        f"note: DORA and NIS2 rules cannot fail the check: fail_on: never (resilint.yaml:{line}) "
        "fails it on no finding, so "
    )
    assert "CTR-02" in notes[0] and "CTR-08" not in notes[0]  # a baseline rule: policy's
    assert "remove fail_on (the default is error) to let them fail it" in notes[0]
    _gate_note_placed(programme, "cannot fail the check", line)
    gitlab = json.loads((programme / "out.gitlab").read_text(encoding="utf-8"))
    assert {"path": "resilint.yaml", "lines": {"begin": line}} in [
        i["location"] for i in gitlab if i["check_name"] == "resilint-config"
    ]
    for other in ("out.md", "out.xml"):
        assert "cannot fail the check" in (programme / other).read_text(encoding="utf-8")
    as_json = cli("check", ".", "--format", "json", cwd=programme)  # the cache's result too
    assert [x for x in as_json.stderr.splitlines() if "cannot fail the check" in x] == [
        notes[0].replace("note: ", "resilint: note: ", 1)
    ]


def test_a_gate_set_on_the_command_line_is_named_and_a_lowered_rule_said_once(
    cli, programme: Path
) -> None:
    """--fail-on never is named as the setting; a DORA rule whose level the configuration
    lowers is named in that note (no level fails the gate), not in a second one."""
    _append(programme, "rules:\n  CTR-02:\n    level: info\n")
    result = cli("check", ".", "--fail-on", "never", "--format", "json", cwd=programme)
    assert result.exit_code == 0, result.stderr
    messages = [n["message"] for n in json.loads(result.stdout)["notes"]]
    gate = [m for m in messages if "cannot fail the check" in m or "below the gate" in m]
    assert len(gate) == 1, messages
    assert "--fail-on never fails it on no finding" in gate[0] and "CTR-02" in gate[0]
    assert "drop --fail-on to let them fail it" in gate[0]


def test_the_default_gate_or_a_lower_one_says_nothing_of_it(cli, programme: Path) -> None:
    """fail_on: error, as written in the example (the default), and a gate lowered to warnings
    keep every DORA rule able to fail the check: ENT-01, a warning in the catalogue, is the
    catalogue's choice, not the configuration's."""
    for fail_on in ("error", "warning"):
        _gate(programme, fail_on)
        result = cli("check", ".", "--format", "json", cwd=programme)
        assert result.exit_code == 1, result.stderr
        messages = json.dumps(json.loads(result.stdout)["notes"])
        assert "cannot fail the check" not in messages and "below the gate" not in messages
