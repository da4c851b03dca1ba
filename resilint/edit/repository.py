"""The repository the write commands edit, as the check sees it: its configuration, schemas,
rules and the index of its documents, loaded by the check's own stages."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from resilint.app import CheckArgs, build_config, build_rules, build_schemas
from resilint.checker import read_file
from resilint.config import Config
from resilint.core_checks import CORE_CHECKS
from resilint.discover import discover, vetted_file
from resilint.errors import UsageError
from resilint.load.read import Vetted, real
from resilint.model import Index
from resilint.quoting import quoted
from resilint.rules import Rule
from resilint.schemas import SchemaSet
from resilint.suggest import did_you_mean


@dataclass(frozen=True)
class Repository:
    """The repository an authoring command edits: configuration, schemas, rules and documents."""

    config: Config
    schemas: SchemaSet
    rules: tuple[Rule, ...]
    index: Index
    unreadable: tuple[str, ...]
    """Files that could not be read as documents: what they hold is unknown."""
    vetted: dict[str, Vetted | None] = field(default_factory=dict)
    """The file discovery found at each path: the only one an edit reads and writes there."""

    @property
    def boundary(self) -> str:
        return real(self.config.root)

    @property
    def root(self) -> Path:
        return Path(os.path.relpath(self.config.root))

    def kind(self, name: str) -> str:
        """The kind ``name`` means, in any case or spelling of its words."""
        folded = name.replace("-", "").replace("_", "").casefold()
        match = {kind.casefold(): kind for kind in self.schemas.kinds}.get(folded)
        if match is None:
            hint = did_you_mean(name, self.schemas.kinds)
            raise UsageError(
                f"unknown kind {quoted(name)}{hint}; kinds are: {', '.join(self.schemas.kinds)}"
            )
        return match


def open_repository(config: Path | None = None) -> Repository:
    args = CheckArgs(config=config)
    schemas = build_schemas()
    settings = build_config(args, schemas)
    try:
        found = discover(
            (Path(os.path.relpath(settings.root)),),
            settings.exclude,
            [settings.source] if settings.source else [],
            root=settings.root if settings.source else None,
            limits=settings.limits,
        )
    except UsageError:  # no YAML file yet: a repository being started with `new`
        return Repository(settings, schemas, build_rules(schemas, settings), Index([]), ())
    vetted = {
        name: vetted_file(stamp, boundary)
        for name, stamp, boundary in zip(found.names, found.stamps, found.boundaries, strict=True)
    }
    files = [
        read_file(path, schemas, settings.limits, vetted=vetted[str(path)]) for path in found.files
    ]
    findings = [*found.findings, *(f for file in files for f in file.findings)]
    unreadable = sorted({f.path for f in findings if CORE_CHECKS[f.code].unreadable})
    index = Index(doc for file in files for doc in file.documents)
    rules = build_rules(schemas, settings)
    return Repository(settings, schemas, rules, index, tuple(unreadable), vetted)
