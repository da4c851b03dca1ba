"""``check --statistics`` and ``--group-by``, and the SARIF rule metadata that links each rule
to its section of docs/rules.md."""

from __future__ import annotations

import json
import re
from collections import Counter

from tests.conftest import EXAMPLES, REPO

DEFECTS = str(EXAMPLES / "defects")


def _findings(cli) -> list[dict[str, object]]:
    run = cli("check", DEFECTS, "--format", "json", cwd=REPO)
    return [f for f in run.json()["findings"] if not f["suppressed"]]


def test_statistics_count_per_rule_as_ruff_prints_them(cli) -> None:
    expected = Counter(str(f["code"]) for f in _findings(cli))
    run = cli("check", DEFECTS, "--statistics", cwd=REPO)
    assert run.exit_code == 2  # as without --statistics: the defects hold unreadable files
    *rows, summary = run.lines
    assert summary.startswith("Checked 55 files")
    parsed = [re.fullmatch(r"\s*(\d+)\t(\S+)\s*\t(\[[*\- ]\]) (\S+)", row) for row in rows]
    assert all(parsed), rows
    counts = {m.group(2): int(m.group(1)) for m in parsed if m}
    assert counts == dict(expected)
    order = [(-int(m.group(1)), m.group(2)) for m in parsed if m]
    assert order == sorted(order)  # most frequent first, then by code


def test_statistics_as_json(cli) -> None:
    expected = Counter(str(f["code"]) for f in _findings(cli))
    run = cli("check", DEFECTS, "--statistics", "--format", "json", cwd=REPO)
    rows = run.json()
    assert {r["code"]: r["count"] for r in rows} == dict(expected)
    assert set(rows[0]) >= {"code", "name", "count", "fixable", "fixable_count", "level"}


def test_statistics_refuse_other_formats(cli) -> None:
    run = cli("check", DEFECTS, "--statistics", "--format", "sarif", cwd=REPO)
    assert run.exit_code == 2 and "--statistics prints text or json" in run.stderr


def test_group_by_rule_and_document(cli) -> None:
    findings = _findings(cli)
    run = cli("check", DEFECTS, "--group-by", "rule", cwd=REPO)
    headings = [line for line in run.lines if line and not line.startswith(" ")][:-1]
    by_rule = Counter(str(f["code"]) for f in findings)
    assert len(headings) == len(by_rule)
    for heading in headings:
        code, _, rest = heading.partition(" ")
        n = by_rule[code]
        assert rest.endswith(f": {n} finding{'s' if n != 1 else ''}"), heading
    run = cli("check", DEFECTS, "--group-by", "document", cwd=REPO)
    assert (
        "Contract ctr-forgepoint-2024 (examples/defects/programme/contracts/forgepoint-mes.yaml): "
        in run.stdout
    )
    indented = [line for line in run.lines if line.startswith("  ") and not line.startswith("    ")]
    assert len(indented) == len(findings)


def test_group_by_is_for_text(cli) -> None:
    run = cli("check", DEFECTS, "--group-by", "rule", "--format", "json", cwd=REPO)
    assert run.exit_code == 2 and "--group-by groups the text output" in run.stderr


def test_sarif_rules_link_to_their_section_of_the_rule_reference(cli) -> None:
    run = cli("check", DEFECTS, "--format", "sarif", cwd=REPO)
    rules = run.json()["runs"][0]["tool"]["driver"]["rules"]
    page = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    anchors = {h.lower() for h in re.findall(r"^### ([A-Z]+-\d+)$", page, re.MULTILINE)}
    assert "## Built-in checks" in page
    anchors.add("built-in-checks")
    assert rules
    for rule in rules:
        uri = rule["helpUri"]
        assert uri.startswith("https://github.com/resilint/resilint/blob/v"), uri
        assert uri.split("#")[1] in anchors, uri
        severity = rule.get("properties", {}).get("security-severity")
        if "name" in rule:  # documented rules carry a severity on GitHub's scale
            assert severity is not None and 0.0 < float(severity) <= 10.0
            assert "security" in rule["properties"]["tags"]
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in rules if "name" in r}
    severities = {
        r["id"]: float(r["properties"]["security-severity"]) for r in rules if "name" in r
    }
    assert all(severities[c] >= 7.0 for c, level in levels.items() if level == "error")
    assert all(4.0 <= severities[c] < 7.0 for c, level in levels.items() if level == "warning")
    json.dumps(rules)  # plain data
