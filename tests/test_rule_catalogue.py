"""Every rule's own examples, run through the CLI: the passing one is clean, the failing one
gives exactly the findings the rule lists (document and line)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO

from resilint.catalogue import reference_page
from resilint.domain.requirements import load_matrix
from resilint.resources import data_dir
from resilint.rules import load_rules
from resilint.schemas import SchemaSet

EXAMPLE_AS_OF = "2026-11-26"
SCHEMAS = SchemaSet(data_dir("schemas"))
RULES = load_rules(SCHEMAS)
IDS = [rule.info.code for rule in RULES]


def run_example(cli, tmp_path: Path, code: str, text: str):
    (tmp_path / "resilint.yaml").write_text(json.dumps({"profiles": [], "select": [code]}))
    (tmp_path / "example.yaml").write_text(text)
    return cli("check", "example.yaml", "--format", "json", "--as-of", EXAMPLE_AS_OF, cwd=tmp_path)


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_passing_example_is_clean(cli, tmp_path: Path, rule) -> None:
    result = run_example(cli, tmp_path, rule.info.code, rule.info.examples.passing)
    assert result.json()["findings"] == [], result.stdout
    assert result.exit_code == 0


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_failing_example_gives_the_expected_findings(cli, tmp_path: Path, rule) -> None:
    result = run_example(cli, tmp_path, rule.info.code, rule.info.examples.failing)
    findings = result.json()["findings"]
    assert {f["code"] for f in findings} == {rule.info.code}, result.stdout
    got = sorted((f["id"], f["line"]) for f in findings)
    want = sorted((e.id, e.line) for e in rule.info.examples.expect)
    assert got == want, result.stdout


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_every_rule_is_documented(rule) -> None:
    info = rule.info
    assert info.title and info.rationale and info.remediation and info.references
    assert info.examples is not None


def test_codes_and_names_are_unique() -> None:
    assert len({r.info.code for r in RULES}) == len(RULES)
    assert len({r.info.name for r in RULES}) == len(RULES)


def test_rule_reference_page_is_current() -> None:
    page = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page == reference_page(RULES, load_matrix()), "run: resilint rules --format markdown > docs/rules.md"


def test_explain_prints_the_documentation(cli) -> None:
    result = cli("explain", "CTR-08")
    assert result.exit_code == 0
    assert "Why it matters" in result.stdout and "Failing example" in result.stdout
    assert cli("explain", "NOPE-99").exit_code == 2


def test_rules_lists_codes_and_filters_by_profile(cli) -> None:
    listing = cli("rules").stdout
    assert all(code in listing for code in IDS)
    assert "SCH-01" in listing
    baseline = cli("rules", "--profile", "baseline").stdout
    assert all(r.info.code in baseline for r in RULES if "baseline" in r.info.profiles)
