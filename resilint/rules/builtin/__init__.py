"""The Python checks shipped with resilint, registered explicitly by name.

A rule in ``rules/*.yaml`` names one with ``check: <name>``; its documentation stays in YAML.
Each module of checks declares its own ``CHECKS``; this table names, in one visible place, the
module that holds each check. It is imported when one of its checks first runs: a run that keeps
the rules' findings from the cache (the pre-commit hook after most edits) imports none of them.
The test suite holds the table to the modules' own ``CHECKS``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

from resilint.findings import Finding
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck

_AREA = "resilint.rules.builtin."
AREAS: dict[str, tuple[str, ...]] = {
    "suppliers": ("tier-consistent", "critical-supplier-contract", "one-record-per-provider"),
    "concentration.region": ("concentration-cloud-region",),
    "concentration.identity_provider": ("concentration-identity-provider",),
    "concentration.supply_chain": ("concentration-shared-supply-chain",),
    "identities": ("identity-secret-unshared",),
    "contracts": ("notice-window-fits-clocks", "non-negotiable-clauses", "clause-ids-known"),
    "continuity.recovery": ("supplier-rto-within-function-rto",),
    "continuity.mapping": ("relied-on-supplier-mapped",),
    "continuity.backed_up": ("backups-behind-critical-functions",),
    "continuity.backups": ("each-backup-restores",),
    "exercises.yearly": ("exercised-within-a-year",),
    "exercises.participants": ("exercise-participants-and-scenario",),
    "insurance.controls": ("insurance-conditions-met", "insurance-exclusions-matched"),
    "insurance.interruption": ("insurance-bi-gaps",),
    "insurance.panel": ("insurance-panel-and-contact",),
    "insurance.term": ("insurance-term-and-insured-entities",),
    "insurance.evidence": ("claims-evidence-package",),
    "exceptions": ("waiver-integrity",),
    "regulatory": ("provider-identity", "critical-subcontracting"),
    "nydfs": ("nydfs-annual-certification",),
    "register": ("register-closed-lists", "register-keys", "register-lei", "register-complete"),
}
"""Each module holding checks (``resilint.rules.builtin.<area>``, or a module of an area's
package: ``insurance.panel``) and the names of its checks, in its ``CHECKS``: a check's own
module is imported, not its area's others."""

NEEDS: dict[str, tuple[str, ...]] = {
    "tier-consistent": ("Supplier",),
    "critical-supplier-contract": ("Supplier",),
    "one-record-per-provider": ("Supplier",),
    "concentration-cloud-region": ("BusinessFunction",),  # the critical functions' regions
    "concentration-identity-provider": ("BusinessFunction",),  # their sign-in
    "concentration-shared-supply-chain": ("Supplier",),
    "identity-secret-unshared": ("Identity",),
    "notice-window-fits-clocks": ("Contract",),
    "non-negotiable-clauses": ("Contract",),
    "clause-ids-known": ("Contract", "ClauseLibrary"),
    "supplier-rto-within-function-rto": ("BusinessFunction",),
    "relied-on-supplier-mapped": ("Supplier",),
    "backups-behind-critical-functions": ("BusinessFunction",),
    "each-backup-restores": ("Control",),
    "exercised-within-a-year": ("BusinessFunction", "Playbook"),  # and suppliers' joint playbooks
    "exercise-participants-and-scenario": ("Exercise",),
    "insurance-conditions-met": ("InsurancePolicy",),
    "insurance-bi-gaps": ("InsurancePolicy",),
    "insurance-panel-and-contact": ("InsurancePolicy",),
    "insurance-term-and-insured-entities": ("InsurancePolicy",),
    "insurance-exclusions-matched": ("InsurancePolicy",),
    "claims-evidence-package": ("InsurancePolicy",),
    "waiver-integrity": ("Waiver",),
    "provider-identity": ("Supplier",),
    "critical-subcontracting": ("Supplier",),
    "nydfs-annual-certification": ("Entity",),
}
"""The kinds of document each check's findings start from: it loops over documents of these
kinds (or facts drawn from them, such as the critical functions), and finds nothing when the
repository holds none, so it is then not run, nor its module imported (a one-file check of a
supplier imports no insurance check). A finding may sit at a document of another kind (EVD-01
at an evidence package, BCM-03 at a supplier), but only one reached from these. The register's
checks are not listed: they run whenever their profile does. Each check's entry is held to
what it finds by a test that removes those kinds from the examples."""


ASKS: dict[str, tuple[str, ...]] = {
    "supplier-rto-within-function-rto": ("BCM-07",),  # BCM-03: a planless function's gap
    "register-keys": ("BCM-05",),  # REG-10: an unmapped supplier's missing function link
}
"""The rules each check leaves a gap to (:func:`resilint.rules.python.asking`), known without
importing it: whether a suppression accepts what those rules find decides whether a run may be
kept, which every check asks, served from the cache or not. Held to each check's mark by a
test."""


class _Deferred:
    """A built-in check, imported with its module when first called (or asked what it reads)."""

    def __init__(self, area: str, name: str) -> None:
        self.area = area
        self.name = name
        self.needs = NEEDS.get(name)
        """What :meth:`resilint.rules.python.PythonRule.idle` asks, known without the import."""
        self.asks = ASKS.get(name, ())
        self._check: PythonCheck | None = None

    @property
    def check(self) -> PythonCheck:
        if self._check is None:
            checks: dict[str, PythonCheck] = importlib.import_module(_AREA + self.area).CHECKS
            self._check = checks[self.name]
        return self._check

    def __call__(self, context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
        return self.check(context, info)

    def __getattr__(self, name: str) -> Any:
        # what a check is marked with (``reads_model``, :func:`resilint.rules.python.reading`)
        if name.startswith("__") or name in ("area", "name", "needs", "asks", "_check"):
            raise AttributeError(name)
        return getattr(self.check, name)

    def __repr__(self) -> str:
        return f"<check {self.name} of {_AREA}{self.area}>"


PYTHON_CHECKS: dict[str, PythonCheck] = {
    name: _Deferred(area, name) for area, names in AREAS.items() for name in names
}
