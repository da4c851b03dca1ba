"""Python checks for the concentration rules (see rules/concentration.yaml for their documentation;
CON-04 is declarative), a module a rule: ``region`` (CON-01), ``identity_provider`` (CON-02),
``supply_chain`` (CON-03); ``naming`` says how their messages name what they count.

Concentration is a property of the dependency graph and of groups of documents that share a
name, neither of which the rule language can walk or group. The checks read the domain model's
one graph (``context.facts.graph``) and its facts (critical functions, critical suppliers, ready
alternatives); they derive none of them again.
"""

from __future__ import annotations

from resilint.rules.builtin.concentration.identity_provider import check_identity_provider
from resilint.rules.builtin.concentration.region import check_cloud_region
from resilint.rules.builtin.concentration.supply_chain import check_shared_supply_chain
from resilint.rules.python import PythonCheck

CHECKS: dict[str, PythonCheck] = {
    "concentration-cloud-region": check_cloud_region,  # CON-01
    "concentration-identity-provider": check_identity_provider,  # CON-02
    "concentration-shared-supply-chain": check_shared_supply_chain,  # CON-03
}
