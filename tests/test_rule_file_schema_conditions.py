"""schemas/rule-file.json describes the rule language's conditions, so that an editor offers
the operators and flags a wrong one: every rule file shipped and the rule language page's
examples are valid against it, the operators it lists are the language's, and a condition with
an operator the language does not have is not. ``resilint check`` still names such an operator
at its key, with the operators."""

from __future__ import annotations

import copy
import json
import re
import textwrap
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import REPO
from test_rule_file_errors_relative import RULE, _repo

from resilint.rules.expressions import COMBINATORS, QUANTIFIERS
from resilint.rules.operators import OPERATORS

SCHEMA = json.loads((REPO / "schemas" / "rule-file.json").read_text(encoding="utf-8"))


def _validator(definition: str | None = None) -> jsonschema.Draft202012Validator:
    """The rule-file schema, or one of its definitions checked with the whole schema's $defs."""
    schema: dict[str, Any] = copy.deepcopy(SCHEMA)
    if definition is not None:
        schema = {"$defs": schema["$defs"], "$ref": f"#/$defs/{definition}"}
    return jsonschema.Draft202012Validator(schema)


def _yaml_blocks() -> list[str]:
    page = (REPO / "docs" / "rule-language.md").read_text(encoding="utf-8")
    return re.findall(r"```yaml\n(.*?)```", page, re.DOTALL)


RULE_FILES = [
    path
    for path in sorted((REPO / "rules").glob("*.yaml"))
    if "rules" in yaml.safe_load(path.read_text(encoding="utf-8"))  # not the requirements matrix
]


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_every_shipped_rule_file_is_valid(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [e.message for e in _validator().iter_errors(data)]
    assert errors == [], errors[:3]


def test_the_rule_language_pages_examples_are_valid() -> None:
    blocks = [textwrap.dedent(b).replace("[...]", "[]") for b in _yaml_blocks()]
    whole = [yaml.safe_load(b) for b in blocks if b.startswith("rules:")]
    assert whole and all(_validator().is_valid(w) for w in whole)
    conditions = [c for b in blocks if b.startswith("- for_") for c in yaml.safe_load(b)]
    assert len(conditions) == 4
    whens = [yaml.safe_load(b)["when"] for b in blocks if b.startswith("when:")]
    requirements = [r for b in blocks if b.startswith("- that:") for r in yaml.safe_load(b)]
    requirements += [
        r for b in blocks if b.startswith("fold:") for r in yaml.safe_load(b)["require"]
    ]
    assert whens and len(requirements) == 3
    for condition in [*conditions, *whens]:
        assert _validator("conditions").is_valid(condition), condition
    item = {**SCHEMA["$defs"]["rule"]["properties"]["require"]["items"], "$defs": SCHEMA["$defs"]}
    for requirement in requirements:
        requirement["message"] = str(requirement["message"])
        assert jsonschema.Draft202012Validator(item).is_valid(requirement), requirement


def test_the_schema_lists_the_languages_operators() -> None:
    keys = SCHEMA["$defs"]["condition_keys"]["propertyNames"]["enum"]
    assert set(keys) == {"field", "value", *COMBINATORS, *QUANTIFIERS, *OPERATORS}
    described = SCHEMA["$defs"]["condition_keys"]["properties"]
    assert all(described[k]["description"] for k in keys)


@pytest.mark.parametrize(
    "condition",
    [
        {"field": "supplier.tier", "equalz": 1},
        [{"field": "supplier.tier", "exists": True}, {"field": "supplier.tier", "greater": 1}],
        {"not": {"field": "supplier.tier", "equalz": 1}},
        {"for_any": {"in": "contracts", "as": "c", "where": [{"field": "c.x", "equalz": 1}]}},
        {"for_any": {"in": "contracts", "as": "c", "when": []}},
    ],
)
def test_a_wrong_operator_or_key_is_not_valid(condition: Any) -> None:
    assert not _validator("conditions").is_valid(condition)
    rule = yaml.safe_load(RULE)
    rule["rules"][0]["require"][0]["that"] = condition
    assert not _validator().is_valid(rule)


def test_check_names_a_wrong_operator_at_its_key(cli, tmp_path: Path) -> None:
    _repo(tmp_path, ("org.yaml", RULE.replace("exists: true", "equalz: 1")))
    run = cli("check", ".", "--no-cache", cwd=tmp_path)
    assert run.exit_code == 2
    said = "policies/org.yaml:13:46: unknown operator 'equalz' (did you mean 'equals'?)"
    assert said in run.stderr, run.stderr
