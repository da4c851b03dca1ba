"""Python checks of the insurance rules (rules/insurance.yaml documents them): a policy's
conditions, exclusions, cover and panel against the controls, functions, suppliers, plans and the
claims evidence package, joins the rule language cannot phrase in one message. One module per
group of rules: ``controls`` (INS-01, INS-07), ``interruption`` (INS-04), ``panel`` (INS-05),
``term`` (INS-06), ``evidence`` (EVD-01); ``tower`` says which policies are judged.

They judge the insurance tower, not each policy alone. An excess layer that follows form takes the
conditions, exclusions, business-interruption terms, notice and panel of the policy it sits over,
so only policies with terms of their own are judged (an excess layer is never asked for what it
inherits, nor reported a second time), a tower needs one claims evidence package, and a renewal is
a later policy in the same position of the tower.
"""

from __future__ import annotations

from resilint.rules.builtin.insurance.controls import (
    check_exclusions_matched,
    check_policy_conditions,
)
from resilint.rules.builtin.insurance.evidence import check_evidence_package
from resilint.rules.builtin.insurance.interruption import check_bi_gaps
from resilint.rules.builtin.insurance.panel import check_panel_and_insurer_contact
from resilint.rules.builtin.insurance.term import check_policy_term_and_insured
from resilint.rules.python import PythonCheck

CHECKS: dict[str, PythonCheck] = {
    "insurance-conditions-met": check_policy_conditions,  # INS-01
    "insurance-bi-gaps": check_bi_gaps,  # INS-04
    "insurance-panel-and-contact": check_panel_and_insurer_contact,  # INS-05
    "insurance-term-and-insured-entities": check_policy_term_and_insured,  # INS-06
    "insurance-exclusions-matched": check_exclusions_matched,  # INS-07
    "claims-evidence-package": check_evidence_package,  # EVD-01
}
