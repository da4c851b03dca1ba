"""Python checks for the concentration rules (see rules/concentration.yaml for their documentation).

Concentration is a property of the whole dependency graph (business functions -> suppliers ->
subcontractors -> their own Supplier documents -> cloud regions), and of groups of documents that
share a name, neither of which the rule language can walk or group.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from resilint.findings import JsonPath
from resilint.model import Document, Index, Problem, RelatedPlace
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck, make_problem

DEFAULT_CRITICALITIES = ("critical", "important")
DEFAULT_THRESHOLD = 3

Region = tuple[str, str]


@dataclass(frozen=True)
class Use:
    """One place where a document depends on a shared thing, and how, in words."""

    document: Document
    json_path: JsonPath
    how: str
    identity: str | None = None
    """The supplier Identity this dependency goes through (CON-02), if any."""


# -- reading odd but possible data safely ---------------------------------------------------------
def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _key(value: Any) -> str | None:
    """A name compared case- and space-insensitively: 'ACME  Group plc' is 'acme group PLC'."""
    text = _text(value)
    return "".join(text.split()).casefold() if text else None


def _items(value: Any) -> list[tuple[int, Any]]:
    return list(enumerate(value)) if isinstance(value, list) else []


def _mappings(value: Any) -> list[tuple[int, dict[str, Any]]]:
    return [(i, item) for i, item in _items(value) if isinstance(item, dict)]


def _group(data: dict[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name)
    return value if isinstance(value, dict) else {}


def _in_order(documents: Iterable[Document]) -> list[Document]:
    return sorted(documents, key=lambda d: (d.path, d.index))


def _is_tier1(supplier: Document) -> bool:
    tier = supplier.data.get("tier")  # True == 1 in Python: a boolean is not a tier
    return tier == 1 and not isinstance(tier, bool) and supplier.data.get("status") != "exited"


def _criticalities(context: RuleContext) -> list[str]:
    wanted = context.params.get("criticalities", DEFAULT_CRITICALITIES)
    if not isinstance(wanted, list | tuple) or not all(isinstance(w, str) for w in wanted):
        return list(DEFAULT_CRITICALITIES)
    return list(wanted)


def _critical_functions(context: RuleContext) -> list[Document]:
    wanted = _criticalities(context)
    functions = context.index.of_kind("BusinessFunction")
    return [f for f in _in_order(functions) if _text(f.data.get("criticality")) in wanted]


def _described(context: RuleContext) -> str:
    """How messages name the functions counted: 'critical or important'."""
    return " or ".join(_criticalities(context)) or "critical"


def _names(uses: Iterable[Use]) -> list[str]:
    return list(dict.fromkeys(str(use.document.id) for use in uses))


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _related(
    uses: Iterable[Use], before: str = "", after: str = "", *, named: bool = False
) -> tuple[RelatedPlace, ...]:
    """The other places of a finding, each described as ``before + how + after`` (after the
    document's label when ``named``)."""
    return tuple(
        RelatedPlace(
            u.document,
            u.json_path,
            f"{u.document.label + ' ' if named else ''}{before}{u.how}{after}",
        )
        for u in uses
    )


# -- CON-01: critical functions on one cloud region -----------------------------------------------
def _regions(value: Any) -> Iterator[tuple[int, Region, str]]:
    for i, item in _mappings(value):
        provider, region = _text(item.get("provider")), _text(item.get("region"))
        if provider and region:  # compared without regard to case: AWS is aws
            yield i, (provider.lower(), region.lower()), f"{provider} {region}"


def _serves(subcontractor: dict[str, Any], services: frozenset[str] | None) -> bool:
    """Whether a subcontractor helps deliver the services a function uses (all, if unsaid)."""
    helps = {s.strip() for _, s in _items(subcontractor.get("services")) if _text(s)}
    return services is None or not helps or bool(helps & services)


@dataclass(frozen=True)
class _Start:
    """A function's dependency on a supplier: the field it is in, and which services."""

    json_path: JsonPath
    supplier: str
    services: frozenset[str] | None


def _supplier_starts(function: Document) -> list[_Start]:
    depends = _group(function.data, "depends_on")
    starts = [
        _Start(("depends_on", "suppliers", i), sid, None)
        for i, sid in _items(depends.get("suppliers"))
        if isinstance(sid, str)
    ]
    whole = {start.supplier for start in starts}
    for i, item in _mappings(depends.get("services")):
        supplier, service = _text(item.get("supplier")), _text(item.get("service"))
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
        shared = _group(supplier.data, "shared_dependencies")
        for _, region, label in _regions(shared.get("cloud")):
            yield region, label, hops
        for _, sub in _mappings(supplier.data.get("subcontractors")):
            if not _serves(sub, services):
                continue
            name = _text(sub.get("name")) or _text(sub.get("id")) or "(unnamed)"
            sub_hops = (*hops, f"subcontractor {name}")
            for _, region, label in _regions(sub.get("cloud")):
                yield region, label, sub_hops
            target = _text(sub.get("supplier"))
            if target:
                queue.append((target, None, sub_hops))


def _function_regions(index: Index, function: Document) -> dict[Region, tuple[Use, str]]:
    """Each cloud region a function depends on, with the first (shortest) route there."""
    routes: dict[Region, tuple[Use, str]] = {}
    depends = _group(function.data, "depends_on")
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


def check_cloud_region(context: RuleContext, info: RuleInfo) -> Iterator[Problem]:
    threshold = _threshold(context.params.get("threshold"))
    by_region: dict[Region, list[tuple[Use, str]]] = {}
    for function in _critical_functions(context):
        for region, route in _function_regions(context.index, function).items():
            by_region.setdefault(region, []).append(route)
    for routes in by_region.values():
        if len(routes) < threshold:
            continue
        uses, label = [use for use, _ in routes], routes[0][1]
        chains = "; ".join(f"{use.document.id} {use.how}" for use in uses)
        message = (
            f"{len(uses)} {_described(context)} business functions depend on cloud region "
            f"{label} ({threshold} or more is a concentration): {chains}. One outage of this "
            "region would disrupt all of them at once; spread them across regions or providers, "
            "or record an approved Waiver for CON-01 if the concentration is accepted"
        )
        first = uses[0]
        related = _related(uses[1:], f"depends on {label} ", named=True)
        yield make_problem(info, context, first.document, first.json_path, message, related)


# -- CON-02: one identity provider for critical workflows and a tier-1 supplier ------------------
def _function_idp_uses(index: Index, function: Document) -> Iterator[tuple[str, str, Use]]:
    depends = _group(function.data, "depends_on")
    for i, name in _items(depends.get("identity_providers")):
        if (key := _key(name)) is not None:
            how = f"business function {function.id}"
            yield (
                key,
                str(name).strip(),
                Use(function, ("depends_on", "identity_providers", i), how),
            )
    for i, identity_id in _items(depends.get("identities")):
        identity = index.get("Identity", identity_id) if isinstance(identity_id, str) else None
        if identity is None or identity.data.get("status") == "revoked":
            continue
        name = identity.data.get("identity_provider")
        if (key := _key(name)) is not None:
            how = f"business function {function.id} through identity {identity_id}"
            path = ("depends_on", "identities", i)
            yield key, str(name).strip(), Use(function, path, how, identity.id)


def _tier1_idp_links(index: Index) -> dict[str, list[Use]]:
    """Tier-1 supplier integrations by identity provider: their identities and own sign-in."""
    links: dict[str, list[Use]] = {}
    for identity in _in_order(index.of_kind("Identity")):
        supplier_id = identity.data.get("supplier")
        supplier = index.get("Supplier", supplier_id) if isinstance(supplier_id, str) else None
        key = _key(identity.data.get("identity_provider"))
        if supplier and _is_tier1(supplier) and key and identity.data.get("status") != "revoked":
            how = f"identity {identity.id} of tier-1 supplier {supplier_id}"
            links.setdefault(key, []).append(
                Use(identity, ("identity_provider",), how, identity.id)
            )
    for supplier in _in_order(index.of_kind("Supplier")):
        shared = _group(supplier.data, "shared_dependencies")
        if _is_tier1(supplier) and (key := _key(shared.get("identity_provider"))):
            how = f"tier-1 supplier {supplier.id}'s own sign-in"
            path = ("shared_dependencies", "identity_provider")
            links.setdefault(key, []).append(Use(supplier, path, how))
    return links


def check_identity_provider(context: RuleContext, info: RuleInfo) -> Iterator[Problem]:
    ours: dict[str, list[tuple[str, Use]]] = {}
    for function in _critical_functions(context):
        for key, name, use in _function_idp_uses(context.index, function):
            ours.setdefault(key, []).append((name, use))
    links = _tier1_idp_links(context.index)
    for key, named in ours.items():
        uses, theirs, name = [use for _, use in named], links.get(key, []), named[0][0]
        # a function relying on a supplier's identity is that one integration, not two planes
        if not any(u.identity is None or u.identity != t.identity for u in uses for t in theirs):
            continue
        message = (
            f"identity provider {name} serves {_described(context)} business functions "
            f"({', '.join(_names(uses))}) and also tier-1 supplier integrations "
            f"({'; '.join(t.how for t in theirs)}): a compromise or outage of {name} would hit "
            "our critical workflows and the supplier's access at the same time. Give the supplier "
            "integration its own identity plane (a separate tenant, or credentials not federated "
            f"through {name}), or record an approved Waiver for CON-02 if this is accepted"
        )
        related = _related([*uses[1:], *theirs], after=f" uses {name}")
        yield make_problem(info, context, uses[0].document, uses[0].json_path, message, related)


# -- CON-03: tier-1 suppliers sharing a subprocessor or an ultimate parent -------------------------
def _components(entries: list[tuple[Use, set[str]]]) -> list[list[Use]]:
    """Entries that share a key, directly or through others (a small union-find over keys)."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    for _, keys in entries:
        first, *rest = sorted(keys)
        for key in rest:
            parent[find(key)] = find(first)
    groups: dict[str, list[Use]] = {}
    for use, keys in entries:
        groups.setdefault(find(min(keys)), []).append(use)
    return list(groups.values())


def _identity_keys(data: dict[str, Any]) -> set[str]:
    """Keys naming one company: its name and its official identifier, normalised."""
    name, provider_id = _key(data.get("name")), _key(data.get("provider_id"))
    return ({f"name:{name}"} if name else set()) | ({f"id:{provider_id}"} if provider_id else set())


def _subprocessor_entries(index: Index, supplier: Document) -> Iterator[tuple[Use, set[str]]]:
    shared = _group(supplier.data, "shared_dependencies")
    for i, name in _items(shared.get("subprocessors")):
        if (key := _key(name)) is not None:
            path = ("shared_dependencies", "subprocessors", i)
            yield Use(supplier, path, str(name).strip()), {f"name:{key}"}
    for i, sub in _mappings(supplier.data.get("subcontractors")):
        keys = _identity_keys(sub)
        target_id = _text(sub.get("supplier"))
        target = index.get("Supplier", target_id) if target_id else None
        if target is not None:  # the subcontractor's own Supplier document names it too
            keys |= _identity_keys(target.data) | {f"supplier:{target.id}"}
        label = _text(sub.get("name")) or _text(sub.get("id")) or target_id
        if keys and label:
            yield Use(supplier, ("subcontractors", i), label), keys


def _parent_entry(supplier: Document) -> tuple[Use, set[str]] | None:
    """A supplier's group: its ultimate parent and itself (it may be another's parent)."""
    parent = _group(supplier.data, "ultimate_parent")
    keys = _identity_keys(parent) | _identity_keys(supplier.data)
    label = _text(parent.get("name")) or _text(parent.get("provider_id"))
    path: JsonPath = ("ultimate_parent",) if parent else ("id",)
    return (Use(supplier, path, label or ""), keys) if keys else None


def _several_suppliers(uses: list[Use]) -> list[Use]:
    """The first use of each supplier in a group, or nothing if only one supplier is in it."""
    firsts: dict[str | None, Use] = {}
    for use in uses:
        firsts.setdefault(use.document.id, use)
    return list(firsts.values()) if len(firsts) > 1 else []


def check_shared_supply_chain(context: RuleContext, info: RuleInfo) -> Iterator[Problem]:
    tier1 = [s for s in _in_order(context.index.of_kind("Supplier")) if _is_tier1(s)]
    subprocessors = [e for s in tier1 for e in _subprocessor_entries(context.index, s)]
    for uses in map(_several_suppliers, _components(subprocessors)):
        if uses:
            names, what = _listed(_names(uses)), uses[0].how
            message = (
                f"tier-1 suppliers {names} all rely on the same subprocessor {what}: one incident "
                "there could disrupt all of them at once. Plan alternatives that do not share it, "
                "or record an approved Waiver for CON-03 if the shared dependency is accepted"
            )
            related = _related(uses[1:], "also relies on subprocessor ", named=True)
            yield make_problem(info, context, uses[0].document, uses[0].json_path, message, related)
    parents = [e for e in map(_parent_entry, tier1) if e is not None]
    for uses in map(_several_suppliers, _components(parents)):
        if uses:
            what = next((u.how for u in uses if u.how), "")
            group = f" (ultimate parent {what})" if what else ""
            message = (
                f"tier-1 suppliers {_listed(_names(uses))} belong to the same corporate "
                f"group{group}: a failure, insolvency or compromise at group level could hit all "
                "of them at once. Treat them as one exposure in exit and alternative planning, or "
                "record an approved Waiver for CON-03 if this is accepted"
            )
            same = "belongs to the same corporate group"
            related = tuple(
                RelatedPlace(u.document, u.json_path, f"{u.document.label} {same}")
                for u in uses[1:]
            )
            yield make_problem(info, context, uses[0].document, uses[0].json_path, message, related)


CHECKS: dict[str, PythonCheck] = {
    "concentration-cloud-region": check_cloud_region,
    "concentration-identity-provider": check_identity_provider,
    "concentration-shared-supply-chain": check_shared_supply_chain,
}
