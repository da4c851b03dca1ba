"""CON-01: critical functions on one primary cloud region."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from resilint.domain.delivery import service_models
from resilint.domain.graph import ACTIVE, PRIMARY, REGION_ROLES, Chain, Region, regions_in
from resilint.domain.readers import among, dicts, in_order, integer, text_of, value_at
from resilint.findings import Finding, JsonPath
from resilint.model import Document
from resilint.rules.builtin.concentration.naming import described
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck

DEFAULT_THRESHOLD = 3

Route = tuple[Document, Region, Chain]
"""A critical function, a region it runs on and the chain that leads there."""


def _first_supplier(chain: Chain) -> Document | None:
    """The supplier a route enters first: the one the function relies on. Only its alternative
    helps; a supplier deeper in the chain being replaced leaves the one in front of it down."""
    return next((hop.document for hop in chain if hop.document.kind == "Supplier"), None)


Standbys = dict[tuple[int, tuple[str | int, ...]], dict[str, set[str]]]
"""The standby regions a record's list names, by provider (lower case), kept by the record
and the list's path: read once a function, not once for each region the list names."""


def _counts(context: RuleContext, region: Region, chain: Chain, standbys: Standbys) -> bool:
    """A primary region the function cannot route around: a standby or replica region's outage
    does not stop it, nor does that of one of several active regions of a record, nor one the
    function's own record pairs with a standby region, nor one behind a supplier with a ready
    alternative."""
    if region.role != PRIMARY or _fails_over_itself(region, chain, standbys):
        return False
    if _our_own_workload(context, region, chain, standbys):
        return False
    supplier = _first_supplier(chain)
    return supplier is None or not context.facts.supplier(supplier).has_alternative


def _fails_over_itself(region: Region, chain: Chain, standbys: Standbys) -> bool:
    """The function names the region directly (``depends_on.cloud``) and the same list names a
    standby region of the same provider: our own platform, which we run across regions
    ourselves, fails over rather than stops. A replica region holds copies of our data only:
    the function stops with its primary region until it is rebuilt there, as the others do."""
    (hop, *rest) = chain
    if rest or hop.document.kind != "BusinessFunction" or not hop.json_path:
        return False
    key = (id(hop.document), hop.json_path[:-1])
    if key not in standbys:  # the same as _others(the list, region, ("standby",)), once a list
        standbys[key] = _by_provider(value_at(hop.document.data, *key[1]), ("standby",))
    regions = standbys[key].get(region.provider.lower(), set())
    return len(regions) > 1 or (len(regions) == 1 and region.region.lower() not in regions)


def _our_own_workload(
    context: RuleContext, region: Region, chain: Chain, standbys: Standbys
) -> bool:
    """The function rests on infrastructure (iaas_paas: our own workloads on a provider's
    cloud, or a reseller's) that runs in the region, and the function's own ``depends_on.cloud``
    names that region with a standby region of the same provider, or as one of several active
    regions: we run the workload there and fail it over (or run it elsewhere at once)
    ourselves, as the function's own entry says, so the supplier's record of the region is the
    same route, not a second one that stops it. Infrastructure is judged by the
    services the route goes through (:func:`_route_models`): a hyperscaler that also sells a
    workplace suite is still infrastructure to a function running its own workload on it."""
    if len(chain) != 2 or chain[0].document.kind != "BusinessFunction":
        return False
    function, supplier = chain[0].document, chain[1].document
    if supplier.kind != "Supplier":
        return False
    if _route_models(context, function, supplier, chain) != frozenset({"iaas_paas"}):
        return False
    path = ("depends_on", "cloud")
    listed = value_at(function.data, *path)
    provider, name = region.provider.lower(), region.region.lower()
    roles = {own.role for _, own in regions_in(listed) if own.key == region.key}
    if ACTIVE in roles:  # one of the regions we run it in at once: its outage stops nothing
        return True
    if PRIMARY not in roles:
        return False
    key = (id(function), path)
    if key not in standbys:
        standbys[key] = _by_provider(listed, ("standby",))
    regions = standbys[key].get(provider, set())
    return len(regions) > 1 or (len(regions) == 1 and name not in regions)


def _route_models(
    context: RuleContext, function: Document, supplier: Document, chain: Chain
) -> frozenset[str]:
    """The service models of the supplier's services a route to a region goes through: the
    service whose own record places it there (``services[k].cloud``), else the services of the
    supplier the function names (``depends_on.services``), else all of the supplier's."""
    place = chain[1].json_path
    operates = context.facts.supplier(supplier).operates
    if len(place) > 1 and place[0] == "services" and isinstance(place[1], int):
        name = text_of(value_at(supplier.data, *place[:2], "name")) or ""
        return service_models(supplier, [name], operates=operates)
    named = [
        text_of(item.get("service")) or ""
        for _, item in dicts(value_at(function.data, "depends_on", "services"))
        if text_of(item.get("supplier")) == supplier.id
    ]
    if named:
        return service_models(supplier, named, operates=operates)
    return context.facts.supplier(supplier).service_models


def _by_provider(listed_with: object, roles: tuple[str, ...]) -> dict[str, set[str]]:
    """The regions in ``roles`` a list names, in lower case, by provider (lower case)."""
    found: dict[str, set[str]] = {}
    for _, other in dicts(listed_with):
        if among(other.get("role"), roles):
            provider = (text_of(other.get("provider")) or "").lower()
            found.setdefault(provider, set()).add((text_of(other.get("region")) or "").lower())
    return found


def _standby_elsewhere(listed_with: object, region: Region) -> bool:
    """A list of regions that also names a standby region of the region's provider: one that
    takes over. A replica region holds copies of the data only, from which the service is
    rebuilt after the outage, as a single region's is from its backups."""
    return bool(_others(listed_with, region, ("standby",)))


def _others(
    listed_with: object, region: Region, roles: tuple[str, ...] = ("standby", "replica")
) -> list[str]:
    """The regions of the region's provider in ``roles`` a list names, as words."""
    return [
        f"{text_of(other.get('provider'))} {text_of(other.get('region'))} ({other.get('role')})"
        for _, other in dicts(listed_with)
        if (text_of(other.get("provider")) or "").lower() == region.provider.lower()
        and (text_of(other.get("region")) or "").lower() != region.region.lower()
        and among(other.get("role"), roles)
    ]


def _recorded_failover(region: Region, chain: Chain) -> str:
    """Where a supplier's record of the region, which the route ends at, names a standby or
    replica region: words saying so, for a route that counts all the same (the function is
    disrupted with the others until the supplier has failed over, and relies on the supplier
    doing so)."""
    last = chain[-1]
    if last.document.kind != "Supplier" or not last.json_path:
        return ""
    others = _others(value_at(last.document.data, *last.json_path[:-1]), region)
    return f"; the record also names {', '.join(others)}" if others else ""


def _unroled_pair(region: Region, chain: Chain) -> str:
    """Where the record the route ends at lists the region with no role beside other regions
    of its provider with none (every one read as primary: two serving at once, or a primary
    and a standby, never said so): words asking which it is."""
    last = chain[-1]
    if not last.json_path or not isinstance(last.json_path[-1], int):
        return ""
    entry = value_at(last.document.data, *last.json_path)
    if not isinstance(entry, dict) or entry.get("role") is not None:
        return ""
    listed = value_at(last.document.data, *last.json_path[:-1])
    others = [
        f"{text_of(other.get('provider'))} {text_of(other.get('region'))}"
        for _, other in dicts(listed)
        if other.get("role") is None
        and (text_of(other.get("provider")) or "").lower() == region.provider.lower()
        and (text_of(other.get("region")) or "").lower() != region.region.lower()
    ]
    if not others:
        return ""
    return (
        f" The record of {last.document.label} lists {', '.join(others)} beside it with no role, "
        "so each is read as a primary region: if they serve at once, record role: active on "
        "each; if one takes over when the other fails, role: standby on that one"
    )


def _regions_in_use(context: RuleContext) -> dict[tuple[str, str], list[Route]]:
    """Each region with the functions that stop when it fails, each by its first route that
    counts: a route the function fails over from does not hide another one that it does not."""
    by_region: dict[tuple[str, str], list[Route]] = {}
    for function in in_order(context.facts.critical_functions()):
        standbys: Standbys = {}
        for key, routes in context.facts.graph.reach(function).routes.items():
            counting = ((r, c) for r, c in routes if c and _counts(context, r, c, standbys))
            if (route := next(counting, None)) is not None:
                by_region.setdefault(key, []).append((function, *route))
    return by_region


def _route_words(chain: Chain) -> str:
    return " -> ".join(hop.text for hop in chain)


def _assumed(chain: Chain) -> str:
    """Where the route passes a subcontractor entry that names one of our suppliers but no cloud
    region of its own, words saying the regions beyond it are assumed from our own use of that
    supplier, and the record that makes them exact. The count stays: the assumption is the
    nearest record of where the subcontractor runs."""
    for hop, beyond in itertools.pairwise(chain):
        if hop.inherits:
            supplier = beyond.document.id
            return (
                f"; the regions of {supplier} are assumed from our own use of it, as "
                f"{hop.document.id}'s subcontractor entry {hop.inherits} records no cloud "
                "region of its own: recording its cloud (subcontractors[].cloud) makes this "
                "exact"
            )
    return ""


def _region_finding(
    context: RuleContext, info: RuleInfo, routes: list[Route], threshold: int
) -> Finding:
    label = routes[0][1].label
    chains = "; ".join(
        f"{function.id} ({_route_words(chain)}{_recorded_failover(region, chain)}{_assumed(chain)})"
        for function, region, chain in routes
    )
    failing_over = any(_recorded_failover(region, chain) for _, region, chain in routes)
    at_once = (
        "One outage of this region would disrupt all of them at once (where a supplier's "
        "record names another region, until the supplier has recovered the service there)"
        if failing_over
        else "One outage of this region would disrupt all of them at once"
    )
    message = (
        f"{len(routes)} {described(context)} business functions run on cloud region {label} "
        f"as their primary region ({threshold} or more is a concentration): {chains}. {at_once}"
        ": spread them across regions or "
        "providers, record the standby region a function on our own platform fails over to "
        "next to the primary one (depends_on.cloud, role: standby), have a "
        "ready alternative for the suppliers they rely on (alternatives with readiness "
        "contracted or onboarded), or record an approved Waiver for CON-01 if the "
        "concentration is accepted"
    )
    unroled = next((h for _, r, c in routes if (h := _unroled_pair(r, c))), "")
    message += f".{unroled}" if unroled else ""
    related = tuple(
        context.related(function, chain[0].json_path, f"{function.label} also runs on {label}")
        for function, _, chain in routes[1:]
    )
    first, _, chain = routes[0]
    key = "/".join(routes[0][1].key)
    judged = _judged(routes, threshold)
    return context.finding(
        info, first, chain[0].json_path, message, related, discriminator=key, judged_on=judged
    )


def _judged(routes: list[Route], threshold: int) -> list[tuple[Document, JsonPath]]:
    """The lists of regions a concentration was judged on where one names a role that fails
    the schema ('Standby' is read as no standby, so the function as stopping with the region):
    the finding waits for them, unless the routes read from lists without one make it alone."""
    doubtful = [
        [(hop.document, hop.json_path[:-1]) for hop in (chain[0], chain[-1]) if hop.json_path]
        for _, _, chain in routes
    ]
    doubtful = [
        places
        for places in doubtful
        if any(_unknown_role(value_at(d.data, *path)) for d, path in places)
    ]
    if len(routes) - len(doubtful) >= threshold:
        return []
    return [place for places in doubtful for place in places]


def _unknown_role(listed_with: object) -> bool:
    return any(
        "role" in item and item.get("role") not in REGION_ROLES for _, item in dicts(listed_with)
    )


def check_cloud_region(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    threshold = integer(context.params.get("threshold"))
    threshold = threshold if threshold is not None and threshold >= 1 else DEFAULT_THRESHOLD
    for routes in _regions_in_use(context).values():
        if len(routes) >= threshold and not _one_geo_redundant_service(routes):
            yield _region_finding(context, info, routes, threshold)


def _one_geo_redundant_service(routes: list[Route]) -> bool:
    """Every function reaches the region through the same supplier's record of it, and that
    record also names a standby region of the same provider: a geo-redundant service (a SaaS
    tenant failing over across regions), whose failover is the supplier's and which we cannot
    spread across regions ourselves (a replica region only keeps copies to rebuild it from).
    Its regional concentration is the dependency on that supplier, which criticality, exit plans
    and alternatives weigh."""
    records = {(id(chain[-1].document), chain[-1].json_path[:-1]) for _, _, chain in routes}
    _, region, chain = routes[0]
    last = chain[-1]
    if len(records) != 1 or last.document.kind != "Supplier" or not last.json_path:
        return False
    return _standby_elsewhere(value_at(last.document.data, *last.json_path[:-1]), region)


CHECKS: dict[str, PythonCheck] = {
    "concentration-cloud-region": check_cloud_region,  # CON-01
}
