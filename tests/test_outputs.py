"""Golden outputs of every format on one small repository, and SARIF against its official schema."""

from __future__ import annotations

import json
import os
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import jsonschema
import pytest

from resilint import __version__
from resilint.reporters import REPORTERS

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
SARIF_SCHEMA = json.loads((HERE / "data" / "sarif-schema-2.1.0.json").read_text())


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(HERE / "fixtures" / "golden", tmp_path / "repo")
    return tmp_path / "repo"


def render(cli, repo: Path, name: str) -> str:
    result = cli("check", "--format", name, "--as-of", "2026-11-26", "--no-color", cwd=repo)
    assert result.exit_code == 1, result.stdout + result.stderr
    return result.stdout.replace(__version__, "VERSION")


@pytest.mark.parametrize("name", sorted(REPORTERS))
def test_golden_output(cli, repo: Path, name: str) -> None:
    output = render(cli, repo, name)
    golden = GOLDEN / f"output.{name}"
    if os.environ.get("RESILINT_UPDATE_GOLDEN"):
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8")


def test_sarif_is_valid_against_the_official_schema(cli, repo: Path) -> None:
    document = json.loads(render(cli, repo, "sarif"))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(document)
    run = document["runs"][0]
    results = {r["ruleId"]: r for r in run["results"]}
    assert results["REF-01"]["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 3
    suppressed = [r for r in run["results"] if r.get("suppressions")]
    assert [r["ruleId"] for r in suppressed] == ["CTR-08"]
    assert "indemnity capped" in suppressed[0]["suppressions"][0]["justification"]
    rule = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "CTR-08")
    assert rule["help"]["markdown"] and rule["defaultConfiguration"]["level"] == "warning"
    assert all(r["partialFingerprints"]["resilint/v2"] for r in run["results"])


def test_junit_is_well_formed_and_counts_failures(cli, repo: Path) -> None:
    root = ElementTree.fromstring(render(cli, repo, "junit"))
    assert root.get("failures") == "2"


def test_junit_test_cases_are_unique_as_ci_systems_key_them(cli) -> None:
    """GitLab keys a test case by suite, classname and name and keeps one per key: findings of
    one rule on one document (here EVD-01 three times on one package) must not collapse."""
    out = cli(
        "check", str(HERE.parent / "examples" / "defects"), "--format", "junit", "--no-cache"
    ).stdout
    cases = list(ElementTree.fromstring(out).iter("testcase"))
    keys = [(c.get("classname"), c.get("name")) for c in cases]
    assert len(cases) > 50 and len(set(keys)) == len(keys)


def test_github_annotations_escape_data(cli, repo: Path) -> None:
    lines = render(cli, repo, "github").splitlines()
    assert lines[0].startswith("::error file=repo.yaml,line=")
    assert all("\n" not in line for line in lines)


def test_markdown_escapes_markup(cli, write, tmp_path: Path) -> None:
    write("x.yaml", 'apiVersion: resilint/v1\nkind: "<img src=x>|*b*"\nid: x\n')
    out = cli("check", "x.yaml", "--format", "markdown").stdout
    assert "<img" not in out and "&lt;img" in out and "\\|" in out


def test_several_outputs_in_one_run(cli, repo: Path) -> None:
    result = cli(
        "check",
        "-o",
        "sarif=out/r.sarif",
        "-o",
        "junit=out/r.xml",
        "--as-of",
        "2026-11-26",
        cwd=repo,
    )
    assert result.exit_code == 1
    assert json.loads((repo / "out" / "r.sarif").read_text())["version"] == "2.1.0"
    ElementTree.parse(repo / "out" / "r.xml")
    assert "REF-01" in result.stdout  # standard output keeps the text report


def test_bad_output_option_is_a_usage_error(cli, repo: Path) -> None:
    assert cli("check", "-o", "pdf=x.pdf", cwd=repo).exit_code == 2


def test_github_format_is_the_default_on_github_actions(cli, repo: Path, monkeypatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    out = cli("check", "--as-of", "2026-11-26", cwd=repo).stdout
    assert out.startswith("::error ")
