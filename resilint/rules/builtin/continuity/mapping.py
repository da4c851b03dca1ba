"""BCM-05: a supplier we rely on is reached by a business function through the dependency graph
(directly, as a subcontractor or through a shared dependency) or covered by a continuity plan."""

from __future__ import annotations

from collections.abc import Iterator

from resilint.domain.facts import SupplierFacts
from resilint.domain.lifecycle import ENGAGED
from resilint.domain.readers import dicts, strings
from resilint.findings import Finding
from resilint.model import Document
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck


def check_relied_on_supplier_mapped(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """BCM-05: a supplier we rely on (recorded as supporting a critical function, or recorded
    tier 1 for no reason but reliance) that no business function reaches through the dependency
    graph, directly, as a subcontractor or through a shared dependency, and that no continuity
    plan covers."""
    mapped = _mapped_suppliers(context)
    for supplier in context.index.of_kind("Supplier"):
        facts = context.facts.supplier(supplier)
        if not facts.relied_on or supplier.id is None or supplier.id in mapped:
            continue
        if facts.lifecycle != ENGAGED or _misnamed(context, supplier.id):
            continue  # a function naming it misspelt maps it once REF-01's error is mended
        # a status that fails the schema ('Exited') reads as engaged
        read = [(supplier, ("status",))]
        message = _unmapped_message(supplier, _reliance(supplier, facts))
        if facts.in_register:  # REG-10 leaves its contracts' empty function identifier here
            message += (
                "; a function naming it in depends_on also gives its contracts their function "
                "identifier in the DORA register of information (B_02.02.0050)"
            )
        like = context.facts.graph.named_like(supplier)
        if not like:
            yield context.finding(info, supplier, ("id",), message, judged_on=read)
            continue
        function, path, name = like[0]
        what = "identity provider" if path[1] == "identity_providers" else "cloud provider"
        message += (
            f"; business function {function.id} names {what} '{name}', which is no supplier's "
            f"id or name: if it means this supplier, write {supplier.id} there"
        )
        related = (context.related(function, path, f"{what} {name}"),)
        yield context.finding(info, supplier, ("id",), message, related, judged_on=read)


def _reliance(supplier: Document, facts: SupplierFacts) -> tuple[str, ...]:
    """The records that make the supplier one we rely on, and so put it under this rule: its
    own or a service's supports_critical_function, and a recorded tier 1 that no exposure
    explains. Its exposures (restricted data, privileged access) are not among them: they make it
    critical, not relied on, so naming them would send the user to the wrong record."""
    reasons = []
    if facts.declared_tier == 1 and not facts.tiered_by_exposure:
        reasons.append("it is recorded as tier 1")
    if supplier.data.get("supports_critical_function") is True:
        reasons.append("it is recorded as supporting a critical function")
    elif facts.supports_critical:
        flagged = [
            str(service.get("name"))
            for _, service in dicts(supplier.data.get("services"))
            if service.get("supports_critical_function") is True
        ]
        if flagged:
            reasons.append(
                f"its service {', '.join(flagged)} is recorded as supporting a critical function"
            )
    return tuple(reasons)


def _mapped_suppliers(context: RuleContext) -> set[str]:
    """Suppliers some function rests on (the graph) or names as supporting it
    (``supported_by``), or some continuity plan covers."""
    mapped: set[str] = set()
    for function in context.index.of_kind("BusinessFunction"):
        mapped.update(context.facts.function(function).suppliers)
        mapped.update(str(s.id) for s, _, _ in context.facts.graph.supported_by(function))
    for plan in context.index.of_kind("ContinuityPlan"):
        mapped.update(strings(plan.data.get("suppliers")))
    return mapped


_NAMING = (
    ("BusinessFunction", "depends_on.suppliers.[]"),
    ("BusinessFunction", "depends_on.services.[].supplier"),
    ("BusinessFunction", "supported_by.suppliers.[]"),
    ("BusinessFunction", "supported_by.services.[].supplier"),
    ("ContinuityPlan", "suppliers.[]"),
)
"""The references that map a supplier: a function's dependencies, a plan's suppliers."""


def _misnamed(context: RuleContext, supplier_id: str) -> bool:
    """A function or plan names the supplier misspelt (REF-01 says which it means)."""
    return any(context.misnamed(kind, field, "Supplier", supplier_id) for kind, field in _NAMING)


def _unmapped_message(supplier: Document, reasons: tuple[str, ...]) -> str:
    why = f" ({'; '.join(reasons)})" if reasons else ""
    records = "records" if len(reasons) > 1 else "record"
    return (
        f"supplier {supplier.id} is one we rely on{why}, but no business function depends on "
        "it, directly, through another supplier or through a shared dependency, and no "
        "continuity plan covers its failure: add it to the depends_on of the functions that "
        "rely on it (to their supported_by if they do not stop when it is down, or to the "
        "suppliers of the plan that covers it), or, if it supports "
        f"nothing critical, correct the {records} named above"
    )


CHECKS: dict[str, PythonCheck] = {
    "relied-on-supplier-mapped": check_relied_on_supplier_mapped,  # BCM-05
}
