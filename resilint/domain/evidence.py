"""Claims evidence packages by insurance tower, and how long an item of one stays current (a
record of something past never goes stale): one reading for EVD-01, which reports a missing or
stale item, and the calendar, which lists when an item falls due for its update."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from resilint.domain.misnamed import Accepted, misnamed_referrers, unaccepted
from resilint.domain.readers import in_order, number
from resilint.domain.tower import base_of
from resilint.schemas import RefField

if TYPE_CHECKING:
    from resilint.domain.model import Facts
    from resilint.model import Document

PACKAGE_POLICY = RefField("EvidencePackage", ("policy",), "InsurancePolicy")
"""The reference from a package to the policy of its tower."""


def packages_by_tower(facts: Facts, accepted: Accepted = frozenset()) -> dict[int, list[Document]]:
    """The packages of each tower, by the ``id()`` of its base policy: one package serves the
    whole tower, whichever of its policies it names; one naming its policy misspelt is the
    policy's, as mended (REF-01 reports the name), unless a waiver of REF-01 accepts it."""
    index = facts.index
    policies = in_order(index.of_kind("InsurancePolicy"))
    referrers = facts.derived(misnamed_referrers, PACKAGE_POLICY)
    meant = {
        id(package): policy
        for policy in policies
        for package in unaccepted(
            facts, PACKAGE_POLICY, list(referrers.get(str(policy.id), [])), accepted
        )
    }
    packages: dict[int, list[Document]] = {}
    for package in in_order(index.of_kind("EvidencePackage")):
        named = package.data.get("policy")
        target = index.get("InsurancePolicy", named) if isinstance(named, str) else None
        target = target if target is not None else meant.get(id(package))
        base = base_of(facts, target) if target is not None else None
        if base is not None:
            packages.setdefault(id(base), []).append(package)
    return packages


def judged_tower(facts: Facts, base: Document) -> bool:
    """A tower EVD-01 judges: its base is the primary layer and in force."""
    policy = facts.policy(base)
    return policy.layer == "primary" and policy.in_force


def kept_current(item: Mapping[str, Any]) -> bool:
    """Whether the item is a document kept up to date, judged by its last update: every item but
    one of type other recorded ``kept_current: false``, a record of something past (the claim
    file of an earlier incident) that no one updates (the schema allows it of type other only)."""
    return not (item.get("kept_current") is False and item.get("type") == "other")


def item_max_age(params: Mapping[str, Any], kind: object) -> float | None:
    """How old an item of this type may be: its own freshness where ``max_age_days_by_type``
    names one (a loss baseline is current for a financial year), else ``max_age_days``."""
    by_type = params.get("max_age_days_by_type")
    own = number(by_type.get(kind)) if isinstance(by_type, dict) and isinstance(kind, str) else None
    return own if own is not None else number(params.get("max_age_days"))
