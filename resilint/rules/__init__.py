"""Stage 5 of the flow: the rule engine. Rules come from ``rules/*.yaml`` (resilint's own and any
directory the configuration names), Python checks from an explicit registry and from packages
that declare the ``resilint.checks`` entry point group."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from importlib.metadata import entry_points
from pathlib import Path

from resilint.errors import ConfigError
from resilint.resources import data_dir
from resilint.rules.builtin import PYTHON_CHECKS
from resilint.rules.compiler import load_rule_file
from resilint.rules.model import Rule, RuleContext, RuleInfo
from resilint.rules.python import PythonCheck
from resilint.schemas import SchemaSet

ENTRY_POINT_GROUP = "resilint.checks"

__all__ = ["Rule", "RuleContext", "RuleInfo", "load_rules"]


def python_checks() -> dict[str, PythonCheck]:
    """The built-in checks, plus those of installed plug-in packages (``name -> callable``)."""
    checks: dict[str, PythonCheck] = dict(PYTHON_CHECKS)
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        checks.setdefault(entry.name, entry.load())
    return checks


def rule_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        raise ConfigError(f"rule directory {directory} does not exist")
    return sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")])


def load_rules(
    schemas: SchemaSet,
    extra_dirs: Iterable[Path] = (),
    checks: Mapping[str, PythonCheck] | None = None,
) -> list[Rule]:
    """Every rule, resilint's first; a code defined twice is an error naming both places."""
    known = checks if checks is not None else python_checks()
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for directory in (data_dir("rules"), *extra_dirs):
        for path in rule_files(directory):
            for rule in load_rule_file(path, schemas, known):
                code = rule.info.code
                if code in seen:
                    file, _, line = rule.info.source.rpartition(":")
                    raise ConfigError(
                        f"rule {code} is already defined at {seen[code]}", file, int(line), 1
                    )
                seen[code] = rule.info.source
                rules.append(rule)
    return rules
