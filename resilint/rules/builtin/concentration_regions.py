"""CON-01: critical functions on one cloud region, found by walking the dependency graph
(business functions -> suppliers -> subcontractors -> their own Supplier documents)."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from resilint.findings import Finding, JsonPath
from resilint.model import Document, Index
from resilint.rules.builtin._concentration_common import (
    Use,
    critical_functions,
    described,
    indexed,
    mapping_at,
    mappings,
    related_places,
    text_of,
)
from resilint.rules.model import RuleContext, RuleInfo

DEFAULT_THRESHOLD = 3

Region = tuple[str, str]


# -- CON-01: critical functions on one cloud region -----------------------------------------------
def _regions(value: Any) -> Iterator[tuple[int, Region, str]]:
    for i, item in mappings(value):
        provider, region = text_of(item.get("provider")), text_of(item.get("region"))
        if provider and region:  # compared without regard to case: AWS is aws
            yield i, (provider.lower(), region.lower()), f"{provider} {region}"


def _serves(subcontractor: dict[str, Any], services: frozenset[str] | None) -> bool:
    """Whether a subcontractor helps deliver the services a function uses (all, if unsaid)."""
    helps = {s.strip() for _, s in indexed(subcontractor.get("services")) if text_of(s)}
    return services is None or not helps or bool(helps & services)


@dataclass(frozen=True)
class _Start:
    """A function's dependency on a supplier: the field it is in, and which services."""

    json_path: JsonPath
    supplier: str
    services: frozenset[str] | None


def _supplier_starts(function: Document) -> list[_Start]:
    depends = mapping_at(function.data, "depends_on")
    starts = [
        _Start(("depends_on", "suppliers", i), sid, None)
        for i, sid in indexed(depends.get("suppliers"))
        if isinstance(sid, str)
    ]
    whole = {start.supplier for start in starts}
    for i, item in mappings(depends.get("services")):
        supplier, service = text_of(item.get("supplier")), text_of(item.get("service"))
        if supplier and supplier not in whole:
            services = frozenset({service}) if service else None
            starts.append(_Start(("depends_on", "services", i), supplier, services))
    return starts


def _walk(
    index: Index, start: _Start, seen: set[tuple[str, frozenset[str] | None]]
) -> Iterator[tuple[Region, str, tuple[str, ...]]]:
    """Regions reachable from one supplier dependency, breadth first so the shortest chain of
    hops comes first; ``seen`` ends cycles and keeps wide supply chains linear to walk."""
    queue: deque[tuple[str, frozenset[str] | None, tuple[str, ...]]] = deque(
        [(start.supplier, start.services, ())]
    )
    while queue:
        supplier_id, services, before = queue.popleft()
        supplier = index.get("Supplier", supplier_id)
        if supplier is None or (supplier_id, services) in seen:  # unknown ids are REF-01's
            continue
        seen.add((supplier_id, services))
        hops = (*before, f"supplier {supplier_id}")
        shared = mapping_at(supplier.data, "shared_dependencies")
        for _, region, label in _regions(shared.get("cloud")):
            yield region, label, hops
        for _, sub in mappings(supplier.data.get("subcontractors")):
            if not _serves(sub, services):
                continue
            name = text_of(sub.get("name")) or text_of(sub.get("id")) or "(unnamed)"
            sub_hops = (*hops, f"subcontractor {name}")
            for _, region, label in _regions(sub.get("cloud")):
                yield region, label, sub_hops
            target = text_of(sub.get("supplier"))
            if target:
                queue.append((target, None, sub_hops))


def _function_regions(index: Index, function: Document) -> dict[Region, tuple[Use, str]]:
    """Each cloud region a function depends on, with the first (shortest) route there."""
    routes: dict[Region, tuple[Use, str]] = {}
    depends = mapping_at(function.data, "depends_on")
    for i, region, label in _regions(depends.get("cloud")):
        routes.setdefault(region, (Use(function, ("depends_on", "cloud", i), "directly"), label))
    seen: set[tuple[str, frozenset[str] | None]] = set()
    for start in _supplier_starts(function):
        for region, label, hops in _walk(index, start, seen):
            use = Use(function, start.json_path, "via " + " -> ".join(hops))
            routes.setdefault(region, (use, label))
    return routes


def _threshold(value: Any) -> int:
    valid = isinstance(value, int) and not isinstance(value, bool) and value >= 1
    return value if valid else DEFAULT_THRESHOLD


def check_cloud_region(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    threshold = _threshold(context.params.get("threshold"))
    by_region: dict[Region, list[tuple[Use, str]]] = {}
    for function in critical_functions(context):
        for region, route in _function_regions(context.index, function).items():
            by_region.setdefault(region, []).append(route)
    for routes in by_region.values():
        if len(routes) < threshold:
            continue
        uses, label = [use for use, _ in routes], routes[0][1]
        chains = "; ".join(f"{use.document.id} {use.how}" for use in uses)
        message = (
            f"{len(uses)} {described(context)} business functions depend on cloud region "
            f"{label} ({threshold} or more is a concentration): {chains}. One outage of this "
            "region would disrupt all of them at once; spread them across regions or providers, "
            "or record an approved Waiver for CON-01 if the concentration is accepted"
        )
        first = uses[0]
        related = related_places(context, uses[1:], f"depends on {label} ", named=True)
        yield context.finding(info, first.document, first.json_path, message, related)
