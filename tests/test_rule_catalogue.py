"""Every rule's own examples, run as `resilint test` runs them (resilint.ruletest): the passing one
is clean, the failing one gives exactly the findings the rule lists (document and line)."""

from __future__ import annotations

import datetime

import pytest
from conftest import REPO

from resilint.catalogue import reference_page
from resilint.domain.requirements import load_matrix
from resilint.resources import data_dir
from resilint.rules import load_rules
from resilint.ruletest import FAILING, PASSING, rule_results
from resilint.schemas import SchemaSet

EXAMPLE_AS_OF = datetime.date(2026, 11, 26)
SCHEMAS = SchemaSet(data_dir("schemas"))
RULES = load_rules(SCHEMAS)
IDS = [rule.info.code for rule in RULES]


def _result(rule, example: str):
    """The example as `resilint test` runs it (resilint.ruletest): the whole check, only this
    rule selected."""
    results = rule_results(rule, RULES, SCHEMAS, EXAMPLE_AS_OF)
    (result,) = (r for r in results if r.example == example)
    return result


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_passing_example_is_clean(rule) -> None:
    assert _result(rule, PASSING).problems == ()


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_failing_example_gives_the_expected_findings(rule) -> None:
    assert _result(rule, FAILING).problems == ()


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
    fix = "run: resilint rules --format markdown > docs/rules.md"
    assert page == reference_page(RULES, load_matrix()), fix


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


def test_the_table_of_built_in_checks_names_each_areas_own() -> None:
    """The built-in checks are imported with their area when first run; the table that names
    the area of each (what a run knows without importing them) holds every area's CHECKS,
    each check by the function its area registers, and no other."""
    import importlib
    import pkgutil

    import resilint.rules.builtin as builtin

    prefix = f"{builtin.__name__}."
    areas = {
        info.name.removeprefix(prefix)
        for info in pkgutil.walk_packages(builtin.__path__, prefix)
        if hasattr(importlib.import_module(info.name), "CHECKS")
    }
    assert areas == set(builtin.AREAS)
    for area, names in builtin.AREAS.items():
        checks = importlib.import_module(f"{builtin.__name__}.{area}").CHECKS
        assert tuple(checks) == names
        for name in names:
            assert builtin.PYTHON_CHECKS[name].check is checks[name]  # type: ignore[attr-defined]
    # what a check is marked with is read through the table (the register's model, shared)
    for name in builtin.AREAS["register"]:
        assert getattr(builtin.PYTHON_CHECKS[name], "reads_model", "") == "the DORA register"
    assert getattr(builtin.PYTHON_CHECKS["tier-consistent"], "reads_model", "") == ""


# Kinds whose number grows with the repository (one per supplier, contract, function...).
_GROWING = {"Supplier", "Contract", "Identity", "BusinessFunction", "ContinuityPlan", "Playbook"}


def _whole_kind_scans(node: object, path: tuple[object, ...] = ()):
    """Places in a rule where ``{kind: K}`` binds every document of a growing kind, in a rule
    that selects documents one by one: each selected document visits all of them."""
    if isinstance(node, dict):
        if set(node) == {"kind"} and node["kind"] in _GROWING and "applies_to" not in path:
            yield path
        for key, value in node.items():
            yield from _whole_kind_scans(value, (*path, key))
    elif isinstance(node, list):
        for position, value in enumerate(node):
            yield from _whole_kind_scans(value, (*path, position))


def test_no_rule_of_resilint_scans_a_whole_growing_kind_for_each_document() -> None:
    """A rule joins through references ({follow: ...}, {referenced_by: ...}), which use an
    index, rather than binding every Supplier or Contract for each document it selects (as
    docs/rule-language.md asks of every rule): such a scan makes a check quadratic in the
    repository's size (a function's suppliers looked up among all 2,000 suppliers for each
    plan took a third of a second at 10,000 documents, and would grow a hundredfold at 100,000)."""
    import yaml

    scans = [
        (path.name, rule.get("code"), where)
        for path in sorted(data_dir("rules").glob("*.yaml"))
        for rule in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("rules", [])
        if isinstance(rule, dict) and rule.get("select")
        for where in _whole_kind_scans({k: v for k, v in rule.items() if k != "examples"})
    ]
    assert scans == []
