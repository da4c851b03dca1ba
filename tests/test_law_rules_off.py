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
    assert "<strong>Not checked.</strong> DORA" in coverage[: coverage.index("<table")]
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
