"""Python checks for the concentration rules (see rules/concentration.yaml for their documentation).

Concentration is a property of the whole dependency graph (business functions -> suppliers ->
subcontractors -> their own Supplier documents -> cloud regions), and of groups of documents that
share a name, neither of which the rule language can walk or group.

The checks live in concentration_regions (CON-01), concentration_identity (CON-02) and
concentration_supply_chain (CON-03), with shared helpers in _concentration_common.
"""

from __future__ import annotations

from resilint.rules.builtin.concentration_identity import check_identity_provider
from resilint.rules.builtin.concentration_regions import check_cloud_region
from resilint.rules.builtin.concentration_supply_chain import check_shared_supply_chain
from resilint.rules.python import PythonCheck

CHECKS: dict[str, PythonCheck] = {
    "concentration-cloud-region": check_cloud_region,
    "concentration-identity-provider": check_identity_provider,
    "concentration-shared-supply-chain": check_shared_supply_chain,
}
