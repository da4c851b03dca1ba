"""Python checks for the continuity rules (see rules/*.yaml for their documentation).

The checks live in supplier_recovery (BCM-03) and continuity_plans (BCM-04); the
business-function helpers they share with the exercise checks are in business_functions.
"""

from __future__ import annotations

from resilint.rules.builtin.continuity_plans import check_continuity_plan_complete
from resilint.rules.builtin.supplier_recovery import check_supplier_rto_fits
from resilint.rules.python import PythonCheck

CHECKS: dict[str, PythonCheck] = {
    "supplier-rto-within-function-rto": check_supplier_rto_fits,
    "continuity-plan-complete": check_continuity_plan_complete,
}
