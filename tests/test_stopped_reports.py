"""A check that cannot start (an invalid rule, configuration or baseline file; paths with nothing
to check) still writes every report asked for, on standard output (``-f``) and in each
``--output-format FORMAT=FILE``: a valid report of that format that says why, at the file,
line and column, under RUN-01, and the run exits 2 with its message on standard error as
before. An empty or missing report would read as "no problems" to what reads it in CI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import jsonschema
import pytest

from tests.conftest import copy_example
from tests.test_rule_file_errors_relative import RULE

HERE = Path(__file__).parent
SARIF_SCHEMA_FILE = HERE / "data" / "sarif-schema-2.1.0.json"  # the official 2.1.0 schema
SARIF_SCHEMA = json.loads(SARIF_SCHEMA_FILE.read_text(encoding="utf-8"))
BAD_RULE = RULE.replace("    name: org-tier\n", "    kind: Supplier\n    name: org-tier\n")
"""A rule whose one problem is the key ``kind`` (line 3, column 5)."""
SAID = "policy/r.yaml:3:5: invalid rule file: rules.0: unknown key 'kind'"
WHY = "unknown key 'kind'"
JSONSCHEMA = (sys.executable, "-m", "check_jsonschema", "--no-cache")
FORMATS = ("sarif", "json", "junit", "gitlab", "github", "markdown")


def _programme(tmp_path: Path) -> Path:
    """The bundled example with a rule file of its own that holds an unknown key (line 3,
    column 5), which stops every check before it reads a document."""
    root = copy_example("northwind", tmp_path)
    config = root / "resilint.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "rule_dirs: [policy]\n")
    (root / "policy").mkdir()
    (root / "policy" / "r.yaml").write_text(BAD_RULE)
    return root


def _resilint(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "NO_COLOR": "1", **env}
    if "GITHUB_ACTIONS" not in env:
        environment.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, "-m", "resilint", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _stopped(done: subprocess.CompletedProcess[str], said: str = SAID) -> None:
    assert done.returncode == 2, done.stderr
    assert f"resilint: {said}" in done.stderr
    assert "Traceback" not in done.stderr


def _sarif(text: str, place: tuple[str, int, int] | None, why: str = WHY) -> None:
    log = json.loads(text)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    (run,) = log["runs"]
    assert run["results"] == []  # present (GitHub's upload requires it) and empty
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["exitCode"] == 2
    (notification,) = invocation["toolConfigurationNotifications"]
    assert notification["level"] == "error"
    assert why in notification["message"]["text"]
    assert notification["descriptor"]["id"] == "RUN-01"
    assert run["tool"]["driver"]["notifications"][0]["id"] == "RUN-01"
    if place is None:
        assert "locations" not in notification
        return
    (where,) = notification["locations"]
    physical = where["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": place[0], "uriBaseId": "SRCROOT"}
    assert physical["region"] == {"startLine": place[1], "startColumn": place[2]}


def _json(text: str, place: tuple[str, int, int] | None, why: str = WHY) -> None:
    document = json.loads(text)
    assert document["version"] == 1
    assert document["summary"]["findings"] == 1 and document["summary"]["error"] == 1
    (finding,) = document["findings"]
    assert (finding["code"], finding["name"], finding["level"]) == (
        "RUN-01",
        "check-not-run",
        "error",
    )
    assert why in finding["message"]
    assert (finding["path"], finding["line"], finding["column"]) == (place or (".", 1, 1))


def _junit(text: str, place: tuple[str, int, int] | None, why: str = WHY) -> None:
    suites = ElementTree.fromstring(text)
    (suite,) = suites.findall("testsuite")
    for element in (suites, suite):
        assert (element.get("tests"), element.get("failures"), element.get("errors")) == (
            "1",
            "0",
            "1",
        )
    (case,) = suite.findall("testcase")
    assert case.find("failure") is None and case.find("skipped") is None
    error = case.find("error")
    assert error is not None and error.get("type") == "RUN-01"
    assert why in (error.get("message") or "")
    if place is not None:
        assert (error.text or "").startswith(f"{place[0]}:{place[1]}:{place[2]}: ")
        assert (case.get("file"), case.get("line")) == (place[0], str(place[1]))


def _gitlab(text: str, place: tuple[str, int, int] | None, why: str = WHY) -> None:
    (issue,) = json.loads(text)  # never an empty list: that reads as "no problems"
    assert issue["type"] == "issue" and issue["check_name"] == "RUN-01"
    assert issue["severity"] == "blocker"
    assert why in issue["description"]
    assert len(issue["fingerprint"]) == 32
    path, line = (place[0], place[1]) if place else (".", 1)
    assert issue["location"] == {"path": path, "lines": {"begin": line}}


def _github(text: str, place: tuple[str, int, int] | None, why: str = WHY) -> None:
    annotation, summary = text.splitlines()
    where = f"file={place[0]},line={place[1]},col={place[2]}," if place else ""
    assert annotation.startswith(f"::error {where}title=RUN-01 The check could not run::")
    assert why in annotation
    assert "could not run" in summary and not summary.startswith("::")


def _markdown(text: str, place: tuple[str, int, int] | None, why: str = WHY) -> None:
    head, *rest = text.splitlines()
    assert head == "## resilint: the check could not run ❌"
    body = "\n".join(rest)
    assert why in body and "Nothing was checked" in body
    if place is not None:
        assert f"`{place[0]}:{place[1]}:{place[2]}`" in body


CHECKS: dict[str, Callable[[str, Any, str], None]] = {
    "sarif": _sarif,
    "json": _json,
    "junit": _junit,
    "gitlab": _gitlab,
    "github": _github,
    "markdown": _markdown,
}
RULE_FILE = ("policy/r.yaml", 3, 5)


@pytest.mark.parametrize("name", FORMATS)
def test_a_check_that_cannot_start_writes_its_report_on_standard_output(tmp_path, name) -> None:
    done = _resilint(_programme(tmp_path), "check", "--format", name)
    _stopped(done)
    CHECKS[name](done.stdout, RULE_FILE, WHY)


def test_each_report_file_asked_for_says_why(tmp_path) -> None:
    root = _programme(tmp_path)
    outputs = [f"--output-format={name}=out/{name}.report" for name in FORMATS]
    done = _resilint(root, "check", *outputs)
    _stopped(done)
    assert done.stdout == ""  # text on standard output: standard error has said it
    for name in FORMATS:
        report = (root / "out" / f"{name}.report").read_text(encoding="utf-8")
        CHECKS[name](report, RULE_FILE, WHY)


def test_a_text_report_file_says_why(tmp_path) -> None:
    root = _programme(tmp_path)
    _stopped(_resilint(root, "check", "-o", "text=out.txt"))
    first, second = (root / "out.txt").read_text(encoding="utf-8").splitlines()
    assert first.startswith(f"{RULE_FILE[0]}:3:5: RUN-01 error the check could not run: ")
    assert second == "Nothing was checked (exit status 2)."


def test_the_github_action_default_format_annotates_the_rule_file(tmp_path) -> None:
    done = _resilint(_programme(tmp_path), "check", GITHUB_ACTIONS="true")
    _stopped(done)
    _github(done.stdout, RULE_FILE)


def test_the_sarif_on_standard_output_passes_check_jsonschema_in_a_pipe(tmp_path) -> None:
    """As a CI step would: ``resilint check -f sarif | check-jsonschema --schemafile ... -``."""
    with subprocess.Popen(
        [sys.executable, "-m", "resilint", "check", "-f", "sarif"],
        cwd=_programme(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    ) as check:
        validate = subprocess.run(
            [*JSONSCHEMA, "--schemafile", str(SARIF_SCHEMA_FILE), "-"],
            stdin=check.stdout,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert check.returncode == 2
    assert validate.returncode == 0, validate.stdout + validate.stderr


def test_paths_with_nothing_to_check_are_reported_in_no_file(tmp_path) -> None:
    why = "missing: no such file or directory"
    done = _resilint(tmp_path, "check", "missing", "-f", "sarif", "-o", "json=out.json")
    _stopped(done, why)
    _sarif(done.stdout, None, why)
    _json((tmp_path / "out.json").read_text(encoding="utf-8"), None, why)
    for name in ("gitlab", "junit", "github", "markdown"):
        CHECKS[name](_resilint(tmp_path, "check", "missing", "-f", name).stdout, None, why)


def test_a_baseline_refused_at_its_line_is_reported_there(tmp_path) -> None:
    root = copy_example("northwind", tmp_path)
    (root / "old.json").write_text('{"version": 1,\n "findings": [],\n "findings": []}\n')
    done = _resilint(root, "check", "--baseline", "old.json", "-f", "gitlab", "-o", "sarif=o.sarif")
    _stopped(done, 'old.json:3:2: cannot read the baseline: the key "findings" is given twice')
    (issue,) = json.loads(done.stdout)
    assert issue["location"] == {"path": "old.json", "lines": {"begin": 3}}
    log = json.loads((root / "o.sarif").read_text(encoding="utf-8"))
    (notification,) = log["runs"][0]["invocations"][0]["toolConfigurationNotifications"]
    region = notification["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 2}


def test_statistics_in_json_count_the_stop(tmp_path) -> None:
    done = _resilint(_programme(tmp_path), "check", "--statistics", "-f", "json")
    _stopped(done)
    (row,) = json.loads(done.stdout)
    assert (row["code"], row["level"], row["count"]) == ("RUN-01", "error", 1)


def test_a_fix_that_cannot_start_writes_its_reports_too(tmp_path) -> None:
    root = _programme(tmp_path)
    _stopped(_resilint(root, "check", "--fix", "-o", "sarif=o.sarif"))
    _sarif((root / "o.sarif").read_text(encoding="utf-8"), RULE_FILE)


def test_a_report_that_cannot_be_written_is_said_and_the_others_are_written(tmp_path) -> None:
    root = _programme(tmp_path)
    (root / "taken").write_text("a file, not a directory\n")
    done = _resilint(root, "check", "-o", "sarif=taken/r.sarif", "-o", "json=r.json")
    _stopped(done)
    assert "resilint: taken/r.sarif: cannot write it" in done.stderr
    assert not (root / "taken").is_dir()
    _json((root / "r.json").read_text(encoding="utf-8"), RULE_FILE)


def test_the_stop_cannot_be_ignored(tmp_path) -> None:
    root = copy_example("northwind", tmp_path)
    done = _resilint(root, "check", "--ignore", "RUN-01", "-f", "json")
    why = "RUN-01 reports a check that could not run at all; it cannot be ignored"
    _stopped(done, why)
    _json(done.stdout, None, why)


def test_a_usage_error_of_the_command_line_writes_no_report(tmp_path) -> None:
    """click's own refusals (an unknown option) stay on standard error: no report is asked
    for until the command line is read."""
    done = _resilint(_programme(tmp_path), "check", "--bogus", "-f", "sarif")
    assert done.returncode == 2
    assert done.stdout == "" and "No such option" in done.stderr


def test_a_check_that_ran_writes_its_report_as_before(tmp_path) -> None:
    root = copy_example("northwind", tmp_path)
    done = _resilint(root, "check", "-f", "sarif")
    assert done.returncode == 0, done.stderr
    (run,) = json.loads(done.stdout)["runs"]
    assert "invocations" not in run
