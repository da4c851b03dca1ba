"""The domain model, computed once per check: what "critical", "tier 1", "in force", "ICT",
"access" and "regime" mean for each document. Every rule, declarative or Python, reads these facts
and none derives them again; the rule language sees them as fields (``supplier.critical``,
``contract.regimes``), so users' own rules get the same answers.

Stage 4b of the flow: after the index and references, before the rules.

:class:`Facts` (:mod:`.model`) is imported when first named: a module that needs one word of the
vocabulary (:mod:`.readers`, :mod:`.lifecycle`, :mod:`.regimes`) does not load the whole model,
and a check whose findings are kept from the last run (the pre-commit hook after most edits)
never does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from resilint.domain.definitions import DEFAULT_CRITICAL_LEVELS, Definitions

if TYPE_CHECKING:
    from resilint.domain.model import Facts, fact_matches

_MODEL = frozenset({"Facts", "fact_matches"})


def __getattr__(name: str) -> Any:
    if name in _MODEL:
        from resilint.domain import model

        return getattr(model, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["DEFAULT_CRITICAL_LEVELS", "Definitions", "Facts", "fact_matches"]
