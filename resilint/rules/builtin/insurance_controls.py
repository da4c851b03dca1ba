"""Insurance checks against the controls inventory: INS-01 (the controls a policy's
conditions require are implemented) and INS-07 (the controls that keep us outside its
exclusions are implemented)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from resilint.findings import Finding, Related
from resilint.model import Document
from resilint.rules.builtin._insurance_common import control_status, implemented, insurance_problem
from resilint.rules.builtin.readers import dicts, number, show_number, strings
from resilint.rules.model import RuleContext, RuleInfo

_CASE_LAW = "Travelers v. International Control Services, 2022"
# An MFA category is named for one area; in a condition that also names its sibling categories,
# that area is the sibling's job, not every category's (an MFA condition for email, remote and
# privileged access needs mfa_email on email, mfa_remote_access on remote access, and so on).
_AREA = {
    "mfa_email": "email",
    "mfa_remote_access": "remote_access",
    "mfa_privileged": "privileged_access",
}
_DEFAULT_ENCRYPTION = ("encryption_at_rest",)


# -- INS-01 ---------------------------------------------------------------------------------
def check_policy_conditions(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """INS-01: every category a condition names has implemented controls covering its scope."""
    controls = context.index.of_kind("Control")
    for policy in context.index.of_kind("InsurancePolicy"):
        for i, condition in dicts(policy.data.get("conditions")):
            categories = strings(condition.get("control_categories"))
            for j, category in enumerate(categories):
                gap = _condition_gap(context, condition, categories, category, controls)
                if gap is not None:
                    message, related = gap
                    where = ("conditions", i, "control_categories", j)
                    yield insurance_problem(
                        context,
                        info,
                        policy,
                        where,
                        _condition_message(policy, condition, message),
                        related,
                    )


def _required_scopes(category: str, categories: list[str], scope: list[str]) -> list[str]:
    siblings = {_AREA[c] for c in categories if c in _AREA and c != category}
    return [s for s in scope if s not in siblings]


def _covers(control: Document, scope: str) -> bool:
    scopes = strings(control.data.get("scope"))
    return "all" in scopes or scope in scopes


def _shortfall(control: Document, minimum: float | None) -> str | None:
    """Why an existing control of the category does not count, or None if it does."""
    if not implemented(control):
        return control_status(control)
    coverage = number(control.data.get("coverage_percent"))
    if minimum is not None and coverage is None:
        return f"control {control.id} states no coverage_percent"
    if minimum is not None and coverage is not None and coverage < minimum:
        return (
            f"control {control.id} covers {show_number(coverage)}%, under the "
            f"{show_number(minimum)}% required"
        )
    return None


def _condition_gap(
    context: RuleContext,
    condition: dict[str, Any],
    categories: list[str],
    category: str,
    controls: list[Document],
) -> tuple[str, list[Related]] | None:
    minimum = number(condition.get("minimum_coverage_percent"))
    required = _required_scopes(category, categories, strings(condition.get("scope")))
    candidates = [c for c in controls if c.data.get("category") == category]
    usable = [c for c in candidates if _shortfall(c, minimum) is None]
    uncovered = [s for s in required if not any(_covers(c, s) for c in usable)]
    if usable and not uncovered:
        return None
    related = [context.related(c, ("id",), f"{category} control") for c in candidates]
    if not usable:
        what = f"an implemented {category} control"
        if required:
            what += f" covering {', '.join(required)}"
        reasons = [r for r in (_shortfall(c, minimum) for c in candidates) if r]
        why = f" ({'; '.join(reasons)})" if reasons else ""
        return f"needs {what}, but the controls inventory has none{why}", related
    names = ", ".join(str(c.id) for c in usable)
    return (
        f"needs {category} controls covering {', '.join(required)}, but the implemented "
        f"{category} controls ({names}) leave {', '.join(uncovered)} uncovered",
        related,
    )


def _condition_message(policy: Document, condition: dict[str, Any], gap: str) -> str:
    head = f"insurance policy {policy.id}, condition {condition.get('id')}, {gap}"
    if condition.get("attested") is True:
        return (
            f"{head}; we attested this condition to the insurer, and under insurer market "
            f"practice an unmet attested condition can void cover ({_CASE_LAW}): implement the "
            "control, or correct the attestation with the broker"
        )
    return (
        f"{head}; under insurer market practice a claim can be refused when a condition is not "
        f"met, and cover voided if it was attested ({_CASE_LAW}): implement the control, or "
        "agree a change to the condition with the broker"
    )


# -- INS-07 ---------------------------------------------------------------------------------
def check_exclusions_matched(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """INS-07: each exclusion's mitigating controls are implemented; restricted supplier data
    is covered by an implemented encryption control when unencrypted data is excluded."""
    controls = context.index.of_kind("Control")
    suppliers = [
        s
        for s in context.index.of_kind("Supplier")
        if s.data.get("data_sensitivity") == "restricted" and s.data.get("status") != "exited"
    ]
    for policy in context.index.of_kind("InsurancePolicy"):
        for i, exclusion in dicts(policy.data.get("exclusions")):
            yield from _unmatched_categories(context, info, policy, i, exclusion, controls)
            if exclusion.get("type") == "unencrypted_data":
                for supplier in suppliers:
                    problem = _unencrypted_supplier(
                        context, info, policy, exclusion, supplier, controls
                    )
                    if problem is not None:
                        yield problem


def _unmatched_categories(
    context: RuleContext,
    info: RuleInfo,
    policy: Document,
    i: int,
    exclusion: dict[str, Any],
    controls: list[Document],
) -> Iterator[Finding]:
    for j, category in enumerate(strings(exclusion.get("mitigating_control_categories"))):
        candidates = [c for c in controls if c.data.get("category") == category]
        if any(implemented(c) for c in candidates):
            continue
        why = f" ({'; '.join(control_status(c) for c in candidates)})" if candidates else ""
        message = (
            f"insurance policy {policy.id} excludes {exclusion.get('type')} losses (exclusion "
            f"{exclusion.get('id')}), which an implemented {category} control keeps us outside "
            f"of, but the controls inventory has none{why}: under insurer market practice such "
            "a loss would not be covered. Implement the control and record it"
        )
        related = [context.related(c, ("status",), f"{category} control") for c in candidates]
        where = ("exclusions", i, "mitigating_control_categories", j)
        yield insurance_problem(context, info, policy, where, message, related)


def _unencrypted_supplier(
    context: RuleContext,
    info: RuleInfo,
    policy: Document,
    exclusion: dict[str, Any],
    supplier: Document,
    controls: list[Document],
) -> Finding | None:
    categories = strings(exclusion.get("mitigating_control_categories")) or list(
        _DEFAULT_ENCRYPTION
    )
    for control in controls:
        scoped = strings(control.data.get("suppliers"))
        if (
            implemented(control)
            and control.data.get("category") in categories
            and (not scoped or supplier.id in scoped)
        ):
            return None
    message = (
        f"supplier {supplier.id} handles restricted data, but no implemented "
        f"{' or '.join(categories)} control covers it, and insurance policy {policy.id} excludes "
        f"losses of unencrypted data (exclusion {exclusion.get('id')}): a breach of that data "
        "may not be covered (insurer market practice). Record the encryption control that "
        "protects this supplier's data (suppliers: on the control), or have the data encrypted"
    )
    related = [context.related(policy, ("exclusions",), "the exclusion")]
    key = f"{policy.id}/{exclusion.get('id')}"
    return insurance_problem(context, info, supplier, ("data_sensitivity",), message, related, key)
