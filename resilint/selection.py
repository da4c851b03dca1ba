"""Which rules run: the configured profiles, profiles our entities' regimes switch on, plus
``select``, minus ``ignore``."""

from __future__ import annotations

from collections.abc import Iterable

from resilint.config import Config
from resilint.domain.regimes import REGIMES
from resilint.model import Index
from resilint.rules import Rule

def active_profiles(config: Config, index: Index) -> frozenset[str]:
    """Configured profiles, and any regime an Entity declares (dora, nis2, nydfs)."""
    regimes = {
        regime
        for entity in index.of_kind("Entity")
        for regime in entity.data.get("regimes", []) or []
        if isinstance(regime, str) and regime in REGIMES
    }
    return frozenset(config.profiles) | regimes


def select_rules(rules: Iterable[Rule], config: Config, index: Index) -> list[Rule]:
    profiles = active_profiles(config, index)
    chosen = []
    for rule in rules:
        code = rule.info.code
        wanted = code in config.select or bool(profiles.intersection(rule.info.profiles))
        if wanted and code not in config.ignore:
            chosen.append(rule)
    return chosen
