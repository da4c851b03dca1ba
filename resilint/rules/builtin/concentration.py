"""Python checks for the concentration rules (see rules/concentration.yaml for their documentation;
CON-04 is declarative).

Concentration is a property of the dependency graph and of groups of documents that share a
name, neither of which the rule language can walk or group. The checks read the domain model's
one graph (``context.facts.graph``) and its facts (critical functions, critical suppliers, ready
alternatives); they derive none of them again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from resilint.domain.clouds import cloud_provider
from resilint.domain.facts import SupplierFacts
from resilint.domain.graph import PRIMARY, Chain, Hop, Region
from resilint.domain.readers import (
    dicts,
    in_order,
    indexed,
    integer,
    listed,
    mapping_at,
    name_key,
    text_of,
    value_at,
)
from resilint.findings import Finding, JsonPath
from resilint.model import Document
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck

DEFAULT_THRESHOLD = 3

Route = tuple[Document, Region, Chain]
"""A critical function, a region it runs on and the chain that leads there."""


def _described(context: RuleContext) -> str:
    """How messages name the functions counted: 'critical or important'."""
    return " or ".join(context.facts.definitions.critical_levels) or "critical"


def _ids(places: Iterable[Hop]) -> list[str]:
    return list(dict.fromkeys(str(place.document.id) for place in places))


# -- CON-01: critical functions on one primary cloud region ---------------------------------------
def _first_supplier(chain: Chain) -> Document | None:
    """The supplier a route enters first: the one the function relies on. Only its alternative
    helps; a supplier deeper in the chain being replaced leaves the one in front of it down."""
    return next((hop.document for hop in chain if hop.document.kind == "Supplier"), None)


def _counts(context: RuleContext, region: Region, chain: Chain) -> bool:
    """A primary region the function cannot route around: a standby or replica region's outage
    does not stop it, nor does one behind a supplier with a ready alternative."""
    if region.role != PRIMARY:
        return False
    supplier = _first_supplier(chain)
    return supplier is None or not context.facts.supplier(supplier).has_alternative


def _regions_in_use(context: RuleContext) -> dict[tuple[str, str], list[Route]]:
    by_region: dict[tuple[str, str], list[Route]] = {}
    for function in in_order(context.facts.critical_functions()):
        for key, (region, chain) in context.facts.graph.reach(function).regions.items():
            if chain and _counts(context, region, chain):
                by_region.setdefault(key, []).append((function, region, chain))
    return by_region


def _route_words(chain: Chain) -> str:
    return " -> ".join(hop.text for hop in chain)


def _region_finding(
    context: RuleContext, info: RuleInfo, routes: list[Route], threshold: int
) -> Finding:
    label = routes[0][1].label
    chains = "; ".join(f"{function.id} ({_route_words(chain)})" for function, _, chain in routes)
    message = (
        f"{len(routes)} {_described(context)} business functions run on cloud region {label} "
        f"as their primary region ({threshold} or more is a concentration): {chains}. One outage "
        "of this region would disrupt all of them at once: spread them across regions or "
        "providers, have a ready alternative for the suppliers they rely on (alternatives with "
        "readiness contracted or onboarded), or record an approved Waiver for CON-01 if the "
        "concentration is accepted"
    )
    related = tuple(
        context.related(function, chain[0].json_path, f"{function.label} also runs on {label}")
        for function, _, chain in routes[1:]
    )
    first, _, chain = routes[0]
    key = "/".join(routes[0][1].key)
    return context.finding(info, first, chain[0].json_path, message, related, discriminator=key)


def check_cloud_region(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    threshold = integer(context.params.get("threshold"))
    threshold = threshold if threshold is not None and threshold >= 1 else DEFAULT_THRESHOLD
    for routes in _regions_in_use(context).values():
        if len(routes) >= threshold and not _one_geo_redundant_service(routes):
            yield _region_finding(context, info, routes, threshold)


def _one_geo_redundant_service(routes: list[Route]) -> bool:
    """Every function reaches the region through the same supplier's record of it, and that
    record also names a standby or replica region of the same provider: a geo-redundant
    service (a SaaS tenant replicated across regions), whose failover is the supplier's and
    which we cannot spread across regions ourselves. Its regional concentration is the
    dependency on that supplier, which criticality, exit plans and alternatives weigh."""
    records = {(id(chain[-1].document), chain[-1].json_path[:-1]) for _, _, chain in routes}
    _, region, chain = routes[0]
    last = chain[-1]
    if len(records) != 1 or last.document.kind != "Supplier" or not last.json_path:
        return False
    listed_with = value_at(last.document.data, *last.json_path[:-1])
    return any(
        (text_of(other.get("provider")) or "").lower() == region.provider.lower()
        and (text_of(other.get("region")) or "").lower() != region.region.lower()
        and other.get("role") in ("standby", "replica")
        for _, other in dicts(listed_with)
    )


# -- CON-02: one identity provider for our critical workflows and critical suppliers' access ---
def _workforce_planes(context: RuleContext) -> dict[str, list[Hop]]:
    """Identity providers our critical workflows sign in through, as the functions name them.
    A provider reached only through supplier identities is a supplier-access plane (a partner
    realm or privileged-access gateway): the segmentation the article asks for, not ours."""
    planes: dict[str, list[Hop]] = {}
    for function in in_order(context.facts.critical_functions()):
        depends = mapping_at(function.data, "depends_on")
        for i, name in indexed(depends.get("identity_providers")):
            if (key := name_key(name)) is not None:
                path = ("depends_on", "identity_providers", i)
                planes.setdefault(key, []).append(Hop(function, path, str(name).strip()))
    return planes


def _carries(context: RuleContext, supplier: SupplierFacts | None, name: object) -> bool:
    """A critical supplier's access, through a provider that is not the supplier itself: the
    identity provider's own sign-in adds no second plane (its compromise is the provider's)."""
    if supplier is None or not supplier.critical:
        return False
    return context.facts.graph.supplier_named(name) is not supplier.document


def _supplier_planes(context: RuleContext) -> dict[str, list[Hop]]:
    """Identity providers that carry critical suppliers' access: their active identities into
    our systems. A supplier's shared_dependencies.identity_provider is not one: it is the sign-in
    the supplier's own service relies on (our staff signing in to its platform through our
    single sign-on is our workflows' plane, not the supplier's access to us)."""
    planes: dict[str, list[Hop]] = {}
    for key, hop in _identity_uses(context):
        planes.setdefault(key, []).append(hop)
    return planes


def _identity_uses(context: RuleContext) -> Iterator[tuple[str, Hop]]:
    for identity in in_order(context.index.of_kind("Identity")):
        facts = context.facts.identity(identity)
        name = identity.data.get("identity_provider")
        key = name_key(name)
        if key and facts.active and _carries(context, facts.supplier, name):
            text = f"identity {identity.id} of critical supplier {identity.data.get('supplier')}"
            yield key, Hop(identity, ("identity_provider",), text)


def check_identity_provider(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    theirs = _supplier_planes(context)
    for key, ours in _workforce_planes(context).items():
        if key not in theirs:
            continue
        name, carried = ours[0].text, theirs[key]
        message = (
            f"identity provider {name} is the sign-in of {_described(context)} business "
            f"functions ({', '.join(_ids(ours))}) and also carries critical suppliers' access "
            f"({'; '.join(hop.text for hop in carried)}): a compromise or outage of {name} would "
            "hit our critical workflows and the supplier access at the same time, and disabling "
            "the supplier quickly may lock out our own staff. Give the supplier access its own "
            "identity plane (a separate tenant or realm, or a privileged-access gateway used only "
            f"by suppliers), or record an approved Waiver for CON-02 if this is accepted"
        )
        related = tuple(
            context.related(hop.document, hop.json_path, f"{hop.text} uses {name}")
            for hop in [*ours[1:], *carried]
        )
        first = ours[0]
        yield context.finding(
            info, first.document, first.json_path, message, related, discriminator=key
        )


# -- CON-03: critical suppliers sharing a subprocessor or an ultimate parent ---------------------
Entry = tuple[Hop, set[str]]
"""Where a supplier names a company, and the keys (normalised names, identifiers) naming it."""


def _components(entries: list[Entry]) -> list[list[Entry]]:
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
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(find(min(entry[1])), []).append(entry)
    return list(groups.values())


def _company_keys(data: dict[str, Any]) -> set[str]:
    """Keys naming one company: its name and its official identifier, normalised."""
    name, provider_id = name_key(data.get("name")), name_key(data.get("provider_id"))
    return ({f"name:{name}"} if name else set()) | ({f"id:{provider_id}"} if provider_id else set())


def _subprocessor_entries(context: RuleContext, supplier: Document) -> Iterator[Entry]:
    shared = mapping_at(supplier.data, "shared_dependencies")
    hosted = _hosting_providers(supplier)
    for i, name in indexed(shared.get("subprocessors")):
        if cloud_provider(name) in hosted:  # a hyperscaler whose regions are recorded: CON-01's
            continue
        if (key := name_key(name)) is not None:
            path = ("shared_dependencies", "subprocessors", i)
            yield Hop(supplier, path, str(name).strip()), {f"name:{key}"}
    for i, sub in dicts(supplier.data.get("subcontractors")):
        if dicts(sub.get("cloud")):  # a hosting provider with its regions: CON-01 weighs those
            continue
        keys = _company_keys(sub)
        target_id = text_of(sub.get("supplier"))
        target = context.index.get("Supplier", target_id) if target_id else None
        if target is not None:  # the subcontractor's own Supplier document names it too
            keys |= _company_keys(target.data) | {f"supplier:{target.id}"}
        label = text_of(sub.get("name")) or text_of(sub.get("id")) or target_id
        if keys and label:
            yield Hop(supplier, ("subcontractors", i), label), keys


def _hosting_providers(supplier: Document) -> set[str]:
    """The cloud providers whose regions the supplier records it runs on (its shared
    dependencies' and its subcontractors' cloud)."""
    shared = mapping_at(supplier.data, "shared_dependencies")
    regions = [r for _, r in dicts(shared.get("cloud"))]
    for _, sub in dicts(supplier.data.get("subcontractors")):
        regions.extend(r for _, r in dicts(sub.get("cloud")))
    return {code for r in regions if (code := cloud_provider(r.get("provider"))) is not None}


def _group_entry(supplier: Document) -> Entry | None:
    """A supplier's corporate group: its ultimate parent and itself (it may be another's parent)."""
    parent = mapping_at(supplier.data, "ultimate_parent")
    keys = _company_keys(parent) | _company_keys(supplier.data)
    label = text_of(parent.get("name")) or text_of(parent.get("provider_id")) or ""
    path: JsonPath = ("ultimate_parent",) if parent else ("id",)
    return (Hop(supplier, path, label), keys) if keys else None


def _one_per_supplier(group: list[Entry]) -> list[Entry]:
    """The first entry of each supplier in a group, or nothing if only one supplier is in it."""
    firsts: dict[str | None, Entry] = {}
    for entry in group:
        firsts.setdefault(entry[0].document.id, entry)
    return list(firsts.values()) if len(firsts) > 1 else []


def _shared_finding(
    context: RuleContext, info: RuleInfo, entries: list[Entry], message: str, also: str
) -> Finding:
    first = entries[0][0]
    related = tuple(
        context.related(hop.document, hop.json_path, f"{hop.document.label} {also}")
        for hop, _ in entries[1:]
    )
    key = min(entries[0][1])
    return context.finding(
        info, first.document, first.json_path, message, related, discriminator=key
    )


def check_shared_supply_chain(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    critical = [
        s for s in in_order(context.index.of_kind("Supplier")) if context.facts.supplier(s).critical
    ]
    subprocessors = [e for s in critical for e in _subprocessor_entries(context, s)]
    for entries in map(_one_per_supplier, _components(subprocessors)):
        if entries:
            names, what = listed(_ids(hop for hop, _ in entries)), entries[0][0].text
            message = (
                f"critical suppliers {names} all rely on the same subprocessor {what}: one "
                "incident there could disrupt all of them at once. Plan alternatives that do not "
                "share it, or record an approved Waiver for CON-03 if the shared dependency is "
                "accepted"
            )
            also = f"also relies on subprocessor {what}"
            yield _shared_finding(context, info, entries, message, also)
    groups = [e for e in map(_group_entry, critical) if e is not None]
    for entries in map(_one_per_supplier, _components(groups)):
        if entries:
            what = next((hop.text for hop, _ in entries if hop.text), "")
            group = f" (ultimate parent {what})" if what else ""
            message = (
                f"critical suppliers {listed(_ids(hop for hop, _ in entries))} belong to the same "
                f"corporate group{group}: a failure, insolvency or compromise at group level "
                "could hit all of them at once. Treat them as one exposure in exit and "
                "alternative planning, or record an approved Waiver for CON-03 if this is accepted"
            )
            yield _shared_finding(
                context, info, entries, message, "belongs to the same corporate group"
            )


CHECKS: dict[str, PythonCheck] = {
    "concentration-cloud-region": check_cloud_region,
    "concentration-identity-provider": check_identity_provider,
    "concentration-shared-supply-chain": check_shared_supply_chain,
}
