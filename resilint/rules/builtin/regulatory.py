"""Python checks for the regulatory profiles (see rules/dora.yaml for their documentation).

SUP-02 verifies Legal Entity Identifiers with the ISO 17442 check digits, arithmetic the rule
language does not have; SUP-09 relates each critical service's subcontracting terms to the
subcontracting chain recorded on the same supplier.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from resilint.findings import Finding, JsonPath
from resilint.model import Document
from resilint.rules.builtin.readers import dicts, strings, value_at
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck

_LEI = re.compile(r"[A-Z0-9]{18}[0-9]{2}")
_CRITICAL = ("critical", "important")
_REGISTER = "the DORA register of information (template B_05.01)"


def _in_register(supplier: Document) -> bool:
    """ICT providers we still rely on (an unknown provides_ict_services counts as ICT)."""
    return (
        supplier.data.get("status") != "exited"
        and supplier.data.get("provides_ict_services") is not False
    )


def lei_problem(value: str) -> str | None:
    """Why ``value`` is not a valid LEI (ISO 17442: 18 characters and two check digits that
    make the whole, read as a base-36 number, equal 1 modulo 97 per ISO 7064), or None."""
    if not _LEI.fullmatch(value):
        return "an LEI is 20 characters: 18 capital letters or digits, then 2 check digits"
    number = int("".join(str(int(ch, 36)) for ch in value))
    return None if number % 97 == 1 else "its check digits are wrong (ISO 17442 mod-97 check)"


# -- SUP-02 ---------------------------------------------------------------------------------
def check_provider_identity(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """SUP-02: provider id and type (a valid LEI when typed LEI), country, ultimate parent."""
    for supplier in context.index.of_kind("Supplier"):
        if not _in_register(supplier):
            continue
        for where, message in _identity_gaps(supplier):
            yield context.finding(info, supplier, where, message)


def _identity_gaps(supplier: Document) -> Iterator[tuple[JsonPath, str]]:
    data, name = supplier.data, f"supplier {supplier.id}"
    if not data.get("provider_id"):
        yield (
            ("id",),
            (
                f"{name} has no provider_id: {_REGISTER} identifies each ICT provider, by its LEI "
                "where it has one (otherwise EUID, VAT or DUNS); record it with provider_id_type"
            ),
        )
    elif not data.get("provider_id_type"):
        yield (
            ("provider_id",),
            f"{name} gives no provider_id_type (LEI, EUID, VAT or DUNS) for its provider_id "
            f"{data.get('provider_id')}",
        )
    if not data.get("hq_country"):
        yield (
            ("id",),
            f"{name} has no hq_country: {_REGISTER} needs the ISO 3166 country of its head office",
        )
    parent = data.get("ultimate_parent")
    if not value_at(parent, "name") and not value_at(parent, "provider_id"):
        where: JsonPath = ("ultimate_parent",) if isinstance(parent, dict) else ("id",)
        yield (
            where,
            (
                f"{name} has no ultimate_parent (name or provider_id): {_REGISTER} records the "
                "top of each provider's group, which is also how resilint finds group "
                "concentration; for a provider that is its own parent, repeat its name"
            ),
        )
    yield from _lei_gaps(supplier)


def _lei_gaps(supplier: Document) -> Iterator[tuple[JsonPath, str]]:
    """Every identifier typed LEI on the supplier, its parent and its subcontractors."""
    own = f"supplier {supplier.id}"
    holders: list[tuple[JsonPath, Any, str]] = [((), supplier.data, own)]
    parent = supplier.data.get("ultimate_parent")
    holders.append((("ultimate_parent",), parent, f"the ultimate parent of {own}"))
    for i, sub in dicts(supplier.data.get("subcontractors")):
        holders.append((("subcontractors", i), sub, f"subcontractor {sub.get('id')} of {own}"))
    for where, holder, who in holders:
        value = value_at(holder, "provider_id")
        if value_at(holder, "provider_id_type") != "LEI" or not isinstance(value, str):
            continue
        problem = lei_problem(value)
        if problem is not None:
            yield (
                (*where, "provider_id"),
                (
                    f"the LEI {value} of {who} is not valid: {problem}; "
                    "copy it from the GLEIF register (search.gleif.org)"
                ),
            )


# -- SUP-09 ---------------------------------------------------------------------------------
def _critical_services(context: RuleContext) -> set[tuple[str, str]]:
    """(supplier, service) pairs that critical or important functions name as dependencies."""
    pairs: set[tuple[str, str]] = set()
    for function in context.index.of_kind("BusinessFunction"):
        if function.data.get("criticality") not in _CRITICAL:
            continue
        for _, dep in dicts(value_at(function.data, "depends_on", "services")):
            supplier, service = dep.get("supplier"), dep.get("service")
            if isinstance(supplier, str) and isinstance(service, str):
                pairs.add((supplier, service))
    return pairs


def check_subcontracting(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """SUP-09: critical services say whether and on what terms they may be subcontracted, and
    the chain behind them is listed."""
    named = _critical_services(context)
    for supplier in context.index.of_kind("Supplier"):
        if not _in_register(supplier):
            continue
        services = [
            (j, s)
            for j, s in dicts(supplier.data.get("services"))
            if s.get("supports_critical_function") is True or (supplier.id, s.get("name")) in named
        ]
        for j, service in services:
            for where, message in _service_gaps(supplier, j, service):
                yield context.finding(info, supplier, where, message)
        if any(value_at(s, "subcontracting", "allowed") is True for _, s in services):
            yield from _chain_problems(context, info, supplier)


def _service_gaps(
    supplier: Document, j: int, service: dict[str, Any]
) -> Iterator[tuple[JsonPath, str]]:
    name = f"service {service.get('name')} of supplier {supplier.id}"
    terms = service.get("subcontracting")
    allowed = value_at(terms, "allowed")
    if not isinstance(allowed, bool):
        where: JsonPath = (
            ("services", j, "subcontracting") if isinstance(terms, dict) else ("services", j)
        )
        yield (
            where,
            (
                f"{name} supports a critical or important function but the record does not say "
                "whether it may be subcontracted (subcontracting.allowed); DORA Art. 30(2)(a) asks "
                "the contract to say so"
            ),
        )
    elif allowed and not value_at(terms, "conditions"):
        yield (
            ("services", j, "subcontracting"),
            (
                f"{name} supports a critical or important function and may be subcontracted, but "
                "the conditions are not recorded (subcontracting.conditions): prior notice, our "
                "right to object, flow-down of security terms (Delegated Regulation (EU) 2025/532)"
            ),
        )
    elif not allowed:
        for k, sub in dicts(supplier.data.get("subcontractors")):
            # allowed covers the parts that support critical functions (see the schema)
            critical_part = sub.get("supports_critical_function") is not False
            if critical_part and service.get("name") in strings(sub.get("services")):
                yield (
                    ("subcontractors", k),
                    (
                        f"{name} may not be subcontracted, yet subcontractor {sub.get('id')} is "
                        "recorded as delivering a part of it that supports a critical function: "
                        "correct the record (supports_critical_function: false if it does not) "
                        "or raise the breach with the supplier"
                    ),
                )


_CHAIN_FIELDS = ("name", "rank", "country", "services", "supports_critical_function")


def _chain_problems(context: RuleContext, info: RuleInfo, supplier: Document) -> Iterator[Finding]:
    subs = dicts(supplier.data.get("subcontractors"))
    shared = supplier.data.get("shared_dependencies")
    hints = [*strings(value_at(shared, "subprocessors")), *dicts(value_at(shared, "cloud"))]
    if not subs and hints:
        yield context.finding(
            info,
            supplier,
            ("shared_dependencies",),
            (
                f"supplier {supplier.id} may subcontract a service that supports a critical or "
                "important function and relies on subprocessors or cloud providers, but lists no "
                "subcontracting chain (subcontractors:): record each subcontractor with its rank, "
                "country and the services it supports, as the DORA register (B_05.02) asks"
            ),
        )
    for k, sub in subs:
        missing = [f for f in _CHAIN_FIELDS if sub.get(f) in (None, "", [])]
        if missing:
            related = (
                context.related(supplier, ("services",), "services that may be subcontracted"),
            )
            yield context.finding(
                info,
                supplier,
                ("subcontractors", k),
                (
                    f"subcontractor {sub.get('id')} in the chain of supplier {supplier.id} lacks "
                    f"{', '.join(missing)}: the DORA register (B_05.02) records these for each "
                    "link of the chain behind a critical or important function"
                ),
                related,
            )


CHECKS: dict[str, PythonCheck] = {
    "provider-identity": check_provider_identity,
    "critical-subcontracting": check_subcontracting,
}
