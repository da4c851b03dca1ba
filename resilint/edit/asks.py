"""What the rules will ask of a new document: read from the rules themselves, for the rules
that apply to it as the domain model sees it (its tier, exposure and lifecycle, in this
repository), so ``new`` shows a tier-1 supplier what a tier-1 supplier must record."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from resilint.domain import Facts
from resilint.domain.requirements import FILE_NAME as REQUIREMENTS_FILE
from resilint.edit.repository import Repository
from resilint.load import load_mapping
from resilint.model import Document, Index
from resilint.resources import data_dir
from resilint.rules import rule_files
from resilint.rules.paths import parse_path
from resilint.selection import select_rules

_OPERATORS = ("equals", "at_most", "at_least", "contains", "one_of", "exists", "empty")


@dataclass(frozen=True)
class Ask:
    """A field a rule will ask for, with a value it would accept and why."""

    path: tuple[str, ...]
    value: Any
    rules: tuple[str, ...]


def asks(repository: Repository, document: Document) -> list[Ask]:
    """The fields the selected rules will ask of ``document`` where it would stand."""
    index = Index([*repository.index.documents, document])
    config = repository.config
    facts = Facts(index, config.as_of or datetime.date.today(), config.definitions)
    specs = _specs(repository)
    var = re.sub(r"(?<!^)(?=[A-Z])", "_", document.kind).lower()
    found: dict[tuple[str, ...], Ask] = {}
    for rule in select_rules(repository.rules, config, index):
        spec = specs.get(rule.info.code)
        if spec is None or spec.get("select") != document.kind:
            continue
        if not facts.matches(document, rule.info.applies_to):
            continue
        known = facts.of(document)
        for requirement in _list(spec.get("require")):
            if not isinstance(requirement, dict) or not _may_hold(
                requirement.get("when"), var, known
            ):
                continue
            for path, value in _fields(requirement.get("that"), var, known):
                before = found.get(path)
                codes = (*(before.rules if before else ()), rule.info.code)
                found[path] = Ask(
                    path, value if before is None else before.value, tuple(dict.fromkeys(codes))
                )
    return sorted(found.values(), key=lambda ask: ask.path)


def _specs(repository: Repository) -> dict[str, Mapping[str, Any]]:
    """Each rule's definition as written in its file, by code."""
    specs: dict[str, Mapping[str, Any]] = {}
    for directory in (data_dir("rules"), *repository.config.rule_dirs):
        for path in rule_files(directory):
            if path.name == REQUIREMENTS_FILE:
                continue
            loaded = load_mapping(path, repository.config.limits)
            if isinstance(loaded, tuple):
                for rule in _list(loaded[0].get("rules")):
                    if isinstance(rule, dict) and isinstance(rule.get("code"), str):
                        specs[rule["code"]] = rule
    return specs


def _fields(
    condition: Any, var: str, known: Mapping[str, Any]
) -> Iterator[tuple[tuple[str, ...], Any]]:
    """(path, an accepted value) of each field of the document a condition tests."""
    if not isinstance(condition, dict):
        return
    for group in ("any", "all"):
        for inner in _list(condition.get(group)):
            yield from _fields(inner, var, known)
    field = condition.get("field")
    if not isinstance(field, str) or not field.startswith(var + "."):
        return
    try:
        path = parse_path(field)[1:]
    except ValueError:
        return
    if path[0] in known:
        return  # a fact of the domain model, not a field to write
    operator = next((op for op in _OPERATORS if op in condition), None)
    yield path, _example(operator, condition.get(operator) if operator else None)


def _example(operator: str | None, wanted: Any) -> Any:
    if isinstance(wanted, dict) or operator in (None, "exists", "empty"):
        return None
    if operator == "contains":
        return [wanted]
    if operator == "one_of":
        return wanted[0] if isinstance(wanted, list) and wanted else None
    return wanted


def _may_hold(when: Any, var: str, known: Mapping[str, Any]) -> bool:
    """False only when a guard on a domain fact is known not to hold for the document."""
    for condition in when if isinstance(when, list) else [when]:
        if not isinstance(condition, dict) or not isinstance(condition.get("field"), str):
            continue
        name = condition["field"].removeprefix(var + ".")
        if name not in known or "." in name:
            continue
        value = known[name]
        if "contains" in condition and condition["contains"] not in _list(value):
            return False
        if "equals" in condition and condition["equals"] != value:
            return False
    return True


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
