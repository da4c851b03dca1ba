"""The requirements matrix: which terms each class of supplier must carry, as data.

resilint's defaults are in ``rules/requirements.yaml``; the configuration's ``requirements:``
overrides any cell. A term is required of a supplier's class ``always``, ``never``, or when the
supplier has any of the exposures listed (``ict``: provides ICT services; ``access``: holds
access to our systems; ``data``: handles our confidential or restricted data).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from resilint.errors import ConfigError
from resilint.limits import Limits
from resilint.resources import data_dir

CLASSES = ("critical", "tier_2", "tier_3")
EXPOSURES = ("ict", "access", "data")
ALWAYS, NEVER = "always", "never"
FILE_NAME = "requirements.yaml"
"""Lives beside the rule files in rules/, but holds the matrix, not rules."""


@dataclass(frozen=True)
class Term:
    name: str
    title: str
    rules: tuple[str, ...]
    ict_security: bool
    """An ICT-security term: not asked of a contract marked ``covers_ict_services: false``."""
    required_of: Mapping[str, str | tuple[str, ...]]

    def required(self, supplier_class: str, exposures: frozenset[str]) -> bool:
        cell = self.required_of.get(supplier_class, NEVER)
        if cell == ALWAYS:
            return True
        return cell != NEVER and bool(exposures.intersection(cell))

    def describe(self, supplier_class: str) -> str:
        """A cell in words, for ``explain`` and docs/rules.md."""
        cell = self.required_of.get(supplier_class, NEVER)
        if cell in (ALWAYS, NEVER):
            return "yes" if cell == ALWAYS else "no"
        return "if " + " or ".join(_EXPOSURE_WORDS[e] for e in cell)


_EXPOSURE_WORDS = {
    "ict": "it provides ICT services",
    "access": "it has access to our systems",
    "data": "it handles our confidential data",
}


@dataclass(frozen=True)
class Matrix:
    terms: Mapping[str, Term]

    def required(
        self, supplier_class: str, exposures: frozenset[str], contract_ict: bool | None = None
    ) -> frozenset[str]:
        """The terms a supplier of this class and exposure must carry; for a contract,
        ICT-security terms only where it covers ICT services."""
        return frozenset(
            name
            for name, term in self.terms.items()
            if term.required(supplier_class, exposures)
            and not (term.ict_security and contract_ict is False)
        )

    def with_overrides(self, overrides: Mapping[str, Any]) -> Matrix:
        """The matrix with the configuration's cells in place of resilint's."""
        terms = dict(self.terms)
        for name, cells in overrides.items():
            if name not in terms:
                known = ", ".join(sorted(terms))
                raise ConfigError(f"requirements: unknown term '{name}'; terms: {known}")
            term = terms[name]
            merged = {**term.required_of, **{k: _cell(v) for k, v in cells.items()}}
            terms[name] = Term(term.name, term.title, term.rules, term.ict_security, merged)
        return Matrix(terms)


def _cell(value: Any) -> str | tuple[str, ...]:
    return value if isinstance(value, str) else tuple(value)


def load_matrix(path: Path | None = None) -> Matrix:
    """resilint's matrix from ``rules/requirements.yaml`` (validated by its schema in tests)."""
    from resilint.load import load_mapping

    where = path or data_dir("rules") / FILE_NAME
    loaded = load_mapping(where, Limits())
    if not isinstance(loaded, tuple):
        raise ConfigError(f"{loaded.code} {loaded.message}", str(where), loaded.line, 1)
    data, _ = loaded
    return Matrix(
        {
            name: Term(
                name,
                str(spec["title"]),
                tuple(spec.get("rules", ())),
                bool(spec.get("ict_security", False)),
                {cls: _cell(spec["required_of"].get(cls, NEVER)) for cls in CLASSES},
            )
            for name, spec in data["terms"].items()
        }
    )
