"""Python checks for the insurance rules (see rules/insurance.yaml for their documentation).

They compare a policy's conditions, exclusions, cover and panel with the controls inventory,
the business functions, the suppliers, the plans and the evidence package: joins across several
kinds with per-item reasoning that the rule language cannot phrase in one message.

The checks live in insurance_controls (INS-01, INS-07), insurance_cover (INS-04, INS-06)
and insurance_claims (INS-05, EVD-01), with shared helpers in _insurance_common.
"""

from __future__ import annotations

from resilint.rules.builtin.insurance_claims import (
    check_evidence_package,
    check_panel_and_insurer_contact,
)
from resilint.rules.builtin.insurance_controls import (
    check_exclusions_matched,
    check_policy_conditions,
)
from resilint.rules.builtin.insurance_cover import (
    check_bi_gaps,
    check_policy_term_and_insured,
)
from resilint.rules.python import PythonCheck

CHECKS: dict[str, PythonCheck] = {
    "insurance-conditions-met": check_policy_conditions,
    "insurance-bi-gaps": check_bi_gaps,
    "insurance-panel-and-contact": check_panel_and_insurer_contact,
    "insurance-term-and-insured-entities": check_policy_term_and_insured,
    "insurance-exclusions-matched": check_exclusions_matched,
    "claims-evidence-package": check_evidence_package,
}
