"""Configuration: found upward from the working directory, validated by a schema, merged in one
documented order (built-in defaults < configuration file < command line)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema

from resilint.engine import RuleSettings
from resilint.errors import ConfigError
from resilint.findings import Finding, Level
from resilint.limits import Limits
from resilint.load import load_mapping
from resilint.locate import find_node
from resilint.schemas import SchemaSet

CONFIG_NAMES = ("resilint.yaml", ".resilint.yaml")
FAIL_ON_NEVER = "never"


@dataclass(frozen=True)
class Config:
    root: Path
    """The repository root: the directory holding the configuration file, else the cwd."""
    source: Path | None = None
    exclude: tuple[str, ...] = ()
    fail_on: str = "error"
    limits: Limits = field(default_factory=Limits)
    profiles: tuple[str, ...] = ("baseline",)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rules: dict[str, RuleSettings] = field(default_factory=dict)
    rule_dirs: tuple[Path, ...] = ()
    forbid_inline: tuple[str, ...] = ()
    require_expiry: bool = False
    baseline: Path | None = None

    def fails(self, level: Level) -> bool:
        return self.fail_on != FAIL_ON_NEVER and level >= Level.parse(self.fail_on)


def find_config(start: Path) -> Path | None:
    for directory in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file():
                return candidate
    return None


def load_config(path: Path | None, schemas: SchemaSet, cwd: Path) -> Config:
    """The configuration in ``path`` (or the defaults when there is none); raises ConfigError."""
    if path is None:
        return Config(root=cwd)
    loaded = load_mapping(path, Limits())
    if isinstance(loaded, Finding):
        raise ConfigError(f"{loaded.code} {loaded.message}", str(path), loaded.line, loaded.column)
    data, root_node = loaded
    validator = jsonschema.Draft202012Validator(
        schemas.schema_by_id("config.json"), registry=schemas.registry
    )
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path))):
        node = find_node(root_node, tuple(error.absolute_path), on_key=False)
        raise ConfigError(
            f"invalid configuration: {_where(error)}{error.message}",
            str(path),
            node.start_mark.line + 1,
            node.start_mark.column + 1,
        )
    return _from_data(data, path)


def _where(error: jsonschema.ValidationError) -> str:
    parts = ".".join(str(p) for p in error.absolute_path)
    return f"{parts}: " if parts else ""


def _from_data(data: dict[str, Any], path: Path) -> Config:
    root = path.parent
    limits = dataclasses.replace(Limits(), **data.get("limits", {}))
    rules = {
        code: RuleSettings(
            Level.parse(spec["level"]) if "level" in spec else None, spec.get("params")
        )
        for code, spec in data.get("rules", {}).items()
    }
    suppressions = data.get("suppressions", {})
    return Config(
        root=root,
        source=path,
        exclude=tuple(data.get("exclude", ())),
        fail_on=data.get("fail_on", "error"),
        limits=limits,
        profiles=tuple(data.get("profiles", ("baseline",))),
        select=tuple(data.get("select", ())),
        ignore=tuple(data.get("ignore", ())),
        rules=rules,
        rule_dirs=tuple(root / d for d in data.get("rule_dirs", ())),
        forbid_inline=tuple(suppressions.get("forbid_inline", ())),
        require_expiry=bool(suppressions.get("require_expiry", False)),
        baseline=root / data["baseline"] if "baseline" in data else None,
    )
