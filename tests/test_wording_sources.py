"""Words a procurement manager reads right: what a rule rests on is named for what it is. The
baseline's defaults follow a practitioner article, which users never saw: no rule text,
message, requirement basis or reference a user sees says "the article" (in a regulatory tool
that reads as a legal article), and a reference to it names the source, never "Article: ...".
Read through the CLI as users run it: explain, the rule reference, a check's SARIF (rule help
and messages) and the posture report's basis column."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

from conftest import EXAMPLES

SOURCE = (
    "Practitioner guidance (not law): M. Hale, \"Beyond Recovery: What JLR's Restart Teaches IT"
    ' about Supply-Chain Resilience and Cyber Insurance" (2026)'
)
UNNAMED = re.compile(r"\bthe article\b|\barticle's\b", re.IGNORECASE)

REMEDIES = """\
apiVersion: resilint/v1
kind: Supplier
id: acme
tier: 1
provides_ict_services: true
services:
  - {name: ops, service_model: managed_service}
---
apiVersion: resilint/v1
kind: Contract
id: ctr-acme
supplier: acme
status: active
covers_ict_services: true
remedies: {step_in_rights: false, security_indemnity: false, accelerated_termination: false}
"""


def _unnamed(text: str) -> list[str]:
    return [text[max(0, m.start() - 60) : m.end() + 60] for m in UNNAMED.finditer(text)]


def test_no_rule_text_or_reference_says_the_article(cli) -> None:
    codes = [rule["code"] for rule in json.loads(cli("rules", "--format", "json").stdout)]
    said = {code: cli("explain", code).stdout for code in codes}
    said["docs"] = cli("rules", "--format", "markdown").stdout
    assert {code: _unnamed(text) for code, text in said.items() if _unnamed(text)} == {}
    references = [
        line.strip()[2:]
        for text in said.values()
        for line in text.splitlines()
        if line.strip().startswith("- ")
    ]
    assert not [r for r in references if r.startswith(("Article", "article"))]
    cited = [r for r in references if r.startswith(SOURCE)]
    assert cited and all(r.startswith((SOURCE + ": ", SOURCE + ", FAQ: ")) for r in cited)
    assert not [r for r in references if "Beyond Recovery" in r and not r.startswith(SOURCE)]


def test_messages_and_the_basis_of_each_term_say_policy_not_the_article(
    cli, tmp_path: Path
) -> None:
    (tmp_path / "acme.yaml").write_text(REMEDIES, encoding="utf-8")
    run = cli("check", "--no-cache", "-f", "sarif", ".")
    sarif = json.loads(run.stdout)
    messages = [r["message"]["text"] for r in sarif["runs"][0]["results"]]
    (remedies,) = [m for m in messages if "step-in rights" in m]
    for remedy in ("step-in rights", "negligent security", "fails to contain an incident"):
        assert f"{remedy} (programme policy" in remedies, remedies
    assert _unnamed(run.stdout) == []
    cli("report", "--no-cache", "-o", str(tmp_path / "r.html"), str(EXAMPLES / "defects"))
    report = unescape((tmp_path / "r.html").read_text(encoding="utf-8"))
    assert "policy (this programme's choice; no law requires step-in rights)" in report
    assert _unnamed(report) == []
