"""The dependency graph, built once: business functions -> suppliers (directly, through a service,
an identity or a shared dependency) -> their subcontractors and shared dependencies -> cloud
regions and identity providers. Criticality, concentration, the register and impact analysis all
read this one graph.

Shared dependencies are named in free text (``identity_provider: Okta``, a cloud provider
``aws``); where such a name is also a Supplier's id, name or provider identifier, the graph links
to that Supplier, so that a supplier a critical function rests on through another is seen. An
identity provider is often named after the product rather than the company (``entra-id``,
``corrivo-id``): a name that is no supplier's but is the name of exactly one supplier's service
links to that service of its supplier (:meth:`DependencyGraph.provider_named`).

Every link is walked, but not every link carries everything. A link recorded as not supporting
a critical function (a subcontractor entry or a named service with ``supports_critical_function:
false``) passes no criticality on (``Reach.supporting``). And a supplier's Supplier document
records where it serves us: a link that names the regions it uses (a subcontractor entry's
cloud, or the function's or supplier's own regions at that provider) brings only those, and a
supplier named only (an identity provider, a subprocessor) brings none of its document's.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from resilint.domain.names import SupplierNames
from resilint.domain.readers import (
    dicts,
    in_order,
    indexed,
    mapping_at,
    name_key,
    strings,
    text_of,
)
from resilint.errors import UsageError
from resilint.findings import JsonPath
from resilint.model import Document, Index

PRIMARY = "primary"
ACTIVE = "active"
WALK_LINKS = 2_000_000
"""Links a check's walks may follow, each supplier reached counted with the chain that reaches it
(a supplier ten links deep is eleven): every route is walked, so a function naming N suppliers
that are each other's subcontractors walks about N**3 / 6 links (a 234 KB file of 1,000 such
suppliers, 170 million: minutes). Real programmes walk a few thousand (the benchmark's 10,053
documents: about 2,100; the examples: under 100); past this the check stops the rules that read
the graph, as errors at the function, rather than run on (about a second of walking)."""
LIKENESS_COMPARISONS = 100_000
"""Names compared by spelling with a supplier's in a run, for :meth:`DependencyGraph.named_like`
(a hint, never a finding of its own): each supplier asked was compared with every name no
supplier has, so a thousand of each (125 KB) took 14 s of a check (BCM-05). Past it, a name that
starts a supplier's id or name is still found; one spelt close to it is no longer told."""


class GraphTooLarge(UsageError):
    """The walks from the business functions followed more links than :data:`WALK_LINKS`."""

    def __init__(self, function: Document) -> None:
        super().__init__(
            f"the suppliers behind {function.label} could not all be followed: the dependency "
            f"graph's walks went past {WALK_LINKS:,} links (subcontractor chains that lead "
            "through many of the suppliers a function names, each walked again from each); "
            "shorten the chains or name fewer suppliers directly"
        )
        self.function = function


REGION_ROLES = ("primary", "active", "standby", "replica")


@dataclass(frozen=True, slots=True)
class Hop:
    """One link of a dependency chain: the field that makes it, and what it says in words."""

    document: Document
    json_path: JsonPath
    text: str
    supports: bool | None = None
    """What the record making the link says of supporting a critical or important function:
    a subcontractor entry's or a named service's ``supports_critical_function`` (None: unsaid).
    A link recorded ``False`` still reaches the supplier beyond it (an outage there is still
    felt, and counts for concentration), but passes no criticality on (``Reach.supporting``)."""
    inherits: str = ""
    """A subcontractor entry that names one of our suppliers but no cloud region of its own:
    the entry's name. The regions beyond the link are then that supplier's as we use it, an
    assumption recording the entry's cloud (subcontractors[].cloud) makes exact."""


Chain = tuple[Hop, ...]


@dataclass(frozen=True, slots=True)
class Region:
    """A cloud provider region a function relies on, and how it serves (primary; active, one
    of several regions serving at once; standby; replica: only a primary region's outage stops
    the function, and an active region the only one of its list is read as primary)."""

    provider: str
    region: str
    role: str
    label: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.provider.lower(), self.region.lower())


@dataclass(frozen=True, slots=True)
class Link:
    """One edge of the graph below a function: a function or supplier (``source``) rests on a
    supplier (by id) or a cloud region (by key), through ``hop``."""

    source: Document
    supplier: str | None
    region: tuple[str, str] | None
    hop: Hop


@dataclass
class Reach:
    """Everything one business function rests on, each with the shortest chain to it."""

    suppliers: dict[str, Chain] = field(default_factory=dict)
    supporting: dict[str, Chain] = field(default_factory=dict)
    """The suppliers reached by a chain that passes criticality on (no link on it recorded as
    not supporting a critical function), each with the shortest such chain."""
    affirmed: set[str] = field(default_factory=set)
    """Suppliers on such a chain that a record other than the function's own naming of them
    holds relied on: another supplier's (its subcontractor entry or shared dependency), or a
    service the function names recorded ``supports_critical_function: true``. A supplier
    recorded as not supporting a critical function is made critical only through these (the
    function naming it directly contradicts its record: :mod:`.facts`)."""
    regions: dict[tuple[str, str], tuple[Region, Chain]] = field(default_factory=dict)
    routes: dict[tuple[str, str], list[tuple[Region, Chain]]] = field(default_factory=dict)
    """Every route found to each region, through each supplier the function enters first,
    shortest first (``regions`` keeps one of them): a check that discounts some routes (a
    standby the function fails over to, a supplier with a ready alternative) weighs the others."""
    links: list[Link] = field(default_factory=list)
    """Every edge walked, once, not only those of the shortest chains (for drawing the graph)."""
    _linked: set[tuple[int, JsonPath, str | None, tuple[str, str] | None]] = field(
        default_factory=set, repr=False, compare=False
    )

    def link(self, link: Link) -> None:
        """Record an edge, unless walked already (on a route through another supplier)."""
        key = (id(link.hop.document), link.hop.json_path, link.supplier, link.region)
        if key not in self._linked:
            self._linked.add(key)
            self.links.append(link)

    def keep_region(self, region: Region, chain: Chain) -> None:
        """The first (shortest) route to each region, except that a route on which the region is
        primary wins over one on which it is only a standby or replica: the function stops when
        a region it runs in as primary fails, whichever other way it also reaches it."""
        self.routes.setdefault(region.key, []).append((region, chain))
        known = self.regions.get(region.key)
        if known is None or (known[0].role != PRIMARY and region.role == PRIMARY):
            self.regions[region.key] = (region, chain)


class DependencyGraph:
    def __init__(self, index: Index) -> None:
        self.index = index
        self.names = SupplierNames(index)
        self._reach: dict[str, Reach] = {}
        self._links_left = WALK_LINKS
        self._too_large: GraphTooLarge | None = None
        self._unmatched: (
            tuple[list[tuple[Document, JsonPath, str, str]], dict[str, None]] | None
        ) = None
        self._comparisons_left = LIKENESS_COMPARISONS
        self._services_by_name: dict[int, dict[str | None, Services]] = {}

    def supplier_named(self, value: object) -> Document | None:
        """The Supplier whose id, name or provider identifier a free-text name matches."""
        return self.names.supplier_named(value)

    def provider_named(self, value: object) -> tuple[Document, str | None] | None:
        """The supplier an identity provider's name means, and the service of it where the
        name is a service's (``helix-id``, Helix's sign-in service): :mod:`.names`."""
        return self.names.provider_named(value)

    def named_like(self, supplier: Document) -> list[tuple[Document, JsonPath, str]]:
        """The functions' identity and cloud providers that name no supplier but read like
        ``supplier`` (``keyward`` for ``keyward-id``, "Keyward Identity SE": a name that starts
        its id or name, or is their closest spelling): links the user meant and the graph
        cannot make. Each with the function and the field."""
        from resilint.suggest import closest  # only when a finding or an answer asks

        own = [k for k in (name_key(supplier.id), name_key(supplier.data.get("name"))) if k]
        unmatched, keys = self._unmatched_names()
        if not own or not unmatched:
            return []
        # a name of four letters or more that starts its id or name: looked up, not compared
        like = {mine[:n] for mine in own for n in range(4, len(mine) + 1) if mine[:n] in keys}
        if self._comparisons_left > 0:  # spelt close to it: a comparison each, within budget
            asked = [key for key in keys if key not in like]
            self._comparisons_left -= len(asked)
            if self._comparisons_left >= 0:
                like.update(key for key in asked if closest(key, own) is not None)
        if not like:
            return []
        return [(function, path, name) for function, path, name, key in unmatched if key in like]

    def _unmatched_names(
        self,
    ) -> tuple[list[tuple[Document, JsonPath, str, str]], dict[str, None]]:
        """The identity and cloud providers the functions name that no supplier (nor one
        supplier's service) has, each with its function, field and name key, in the functions'
        order, and their keys (read once a run)."""
        if self._unmatched is None:
            found = [
                (function, path, name, key)
                for function in in_order(self.index.of_kind("BusinessFunction"))
                for path, name in function_names(function)
                if (key := name_key(name)) and self.provider_named(name) is None
            ]
            self._unmatched = (found, dict.fromkeys(key for _, _, _, key in found))
        return self._unmatched

    def reach(self, function: Document) -> Reach:
        """The suppliers and cloud regions ``function`` rests on (computed once)."""
        key = function.id or f"{function.path}#{function.index}"
        if key not in self._reach:
            if self._too_large is not None:  # once past the budget, every walk stops at once
                raise self._too_large
            self._reach[key] = self._walk(function)
        return self._reach[key]

    def _walk(self, function: Document) -> Reach:
        reach = Reach()
        depends = mapping_at(function.data, "depends_on")
        for i, region in regions_in(depends.get("cloud")):
            hop = Hop(function, ("depends_on", "cloud", i), f"{region.label} directly")
            reach.keep_region(region, (hop,))
            reach.link(Link(function, None, region.key, hop))
        named = [region for _, region in regions_in(depends.get("cloud"))]
        providers = self._providers_named(named)  # once, not once for each supplier
        queue: deque[_Step] = deque(
            _Step(
                supplier,
                services,
                chain,
                id(supplier) not in providers,
                supplier.id,
                chain[-1].supports is not False,
            )
            for supplier, services, chain in self._starts(function)
        )
        # a supplier is walked again when reached through another first supplier: a check of
        # every route (CON-01: is the supplier in front replaceable?) needs them all
        seen: set[tuple[str, frozenset[str] | None, bool, bool, str | None]] = set()
        while queue:
            step = queue.popleft()
            supplier, chain, passes = step.supplier, step.chain, step.passes
            self._links_left -= 1 + len(chain)
            if self._links_left < 0:
                self._too_large = GraphTooLarge(function)
                raise self._too_large
            if supplier.id is None:
                continue
            reach.link(Link(chain[-1].document, supplier.id, None, chain[-1]))
            if passes and (len(chain) > 1 or chain[-1].supports is True):
                reach.affirmed.add(supplier.id)
            state = (supplier.id, step.services, step.own_regions, passes, step.entry)
            if state in seen:
                continue
            seen.add(state)
            reach.suppliers.setdefault(supplier.id, chain)
            if passes:
                reach.supporting.setdefault(supplier.id, chain)
            if step.own_regions:
                for region, hop in self._supplier_regions(supplier, step.services):
                    reach.keep_region(region, (*chain, hop))
                    reach.link(Link(supplier, None, region.key, hop))
            for target, hop, own_regions in self._onward(supplier, step.services):
                onward = passes and hop.supports is not False
                queue.append(_Step(target, None, (*chain, hop), own_regions, step.entry, onward))
        return reach

    def _services_of(self, supplier: Document, names: frozenset[str] | None) -> Services:
        """:func:`_services`, looked up by name: each step of a walk asks it of its supplier,
        and a function naming thousands of one supplier's services had each step read them all
        (4,000 services: minutes)."""
        if names is None:
            return list(_services(supplier, None))
        index = self._services_by_name.get(id(supplier))
        if index is None:
            index = {}
            for k, service in _services(supplier, None):
                index.setdefault(text_of(service.get("name")), []).append((k, service))
            self._services_by_name[id(supplier)] = index
        found = [pair for name in names for pair in index.get(name, ())]
        return sorted(found, key=lambda pair: pair[0]) if len(names) > 1 else found

    def _providers_named(self, regions: list[Region]) -> set[int]:
        """The suppliers (by identity) that are the cloud providers of regions a record names:
        those are the regions it uses there, not every region of the provider's own Supplier
        document. (Asked of each region for each supplier, a function naming thousands of both
        took seconds per thousand squared.)"""
        return {
            id(found)
            for region in regions
            if (found := self.names.cloud_supplier(region.provider)) is not None
        }

    def _starts(
        self, function: Document
    ) -> Iterator[tuple[Document, frozenset[str] | None, Chain]]:
        """The function's direct edges, each with the services it names of the supplier (None:
        the supplier as a whole): its depends_on's suppliers and services (:meth:`_listed`),
        then those reached through its identities, identity providers and cloud regions."""
        depends = mapping_at(function.data, "depends_on")
        named = _named_services(depends.get("services"))
        yield from self._listed(function, "depends_on", "on")
        yield from self._through_identities(function, depends, named)
        for i, name in indexed(depends.get("identity_providers")):
            if (provider := self.provider_named(name)) is not None:
                found, service = provider
                path = ("depends_on", "identity_providers", i)
                if service is None:
                    yield found, None, (Hop(function, path, f"on identity provider {name}"),)
                    continue
                scope = frozenset({service})
                text = f"on identity provider {name} (service {service} of {found.id})"
                support = _services_support(self._services_of(found, scope), scope)
                yield found, scope, (Hop(function, path, text, support),)
        for i, region in regions_in(depends.get("cloud")):
            if (cloud := self.names.cloud_supplier(region.provider)) is not None:
                path = ("depends_on", "cloud", i)
                yield cloud, None, (Hop(function, path, f"on cloud provider {region.provider}"),)

    def supported_by(
        self, function: Document
    ) -> Iterator[tuple[Document, frozenset[str] | None, Chain]]:
        """The suppliers and services that support the function without it needing them to run
        (``supported_by``), as :meth:`_starts` gives its direct edges: they make a supplier
        critical and put the function in the register, but are no edges of the graph (an outage
        there stops nothing, so no walk, impact or concentration counts them)."""
        return self._listed(function, "supported_by", "supported by")

    def _listed(
        self, function: Document, field: str, words: str
    ) -> Iterator[tuple[Document, frozenset[str] | None, Chain]]:
        """The suppliers and services a function lists under ``field`` (``depends_on``,
        ``supported_by``), each with the services named of it (None: the supplier as a whole). A
        supplier listed under ``suppliers`` whose services are also named is taken through
        those services. An entry listed again (SCH-01 reports it) is the same edge: only its
        first place is taken, or a list of one supplier repeated 49,000 times (aliases, under
        every limit) cost a step of the walk each."""
        given = mapping_at(function.data, field)
        whole = set(strings(given.get("suppliers")))
        named = _named_services(given.get("services"))
        listed: set[object] = set()
        for i, sid in indexed(given.get("suppliers")):
            if not isinstance(sid, str) or sid in listed:  # a mapping there is SCH-01's
                continue
            listed.add(sid)
            if (found := self._supplier(sid)) is not None:
                services = named.get(sid)
                support = _services_support(self._services_of(found, services), services)
                hop = Hop(function, (field, "suppliers", i), f"{words} {sid}", support)
                yield found, services, (hop,)
        for i, item in dicts(given.get("services")):
            sid, service = text_of(item.get("supplier")), text_of(item.get("service"))
            if (sid, service) in listed:
                continue
            listed.add((sid, service))
            found = self._supplier(sid)
            if found is not None and sid not in whole:
                text = f"{words} service {service} of {sid}" if service else f"{words} {sid}"
                scope = frozenset({service}) if service else None
                support = _services_support(self._services_of(found, scope), scope)
                yield found, scope, (Hop(function, (field, "services", i), text, support),)

    def direct(self, function: Document) -> Iterator[tuple[Document, frozenset[str] | None, Chain]]:
        """Every supplier and service the function names directly: what it rests on
        (:meth:`_starts`), then what supports it (:meth:`supported_by`)."""
        yield from self._starts(function)
        yield from self.supported_by(function)

    def _through_identities(
        self, function: Document, depends: dict[str, object], named: dict[str, frozenset[str]]
    ) -> Iterator[tuple[Document, frozenset[str] | None, Chain]]:
        """The suppliers of the identities the function relies on. An identity is the
        credential of a service of its supplier, so where the function names that supplier's
        services (``named``) and every one of them is recorded as not supporting a critical
        function (a second carrier's shipping API), the link through its identity passes no
        criticality on either: the function's own record of the service decides, not which
        of the supplier's fields it happens to list."""
        for i, identity_id in indexed(depends.get("identities")):
            identity = (
                self.index.get("Identity", identity_id) if isinstance(identity_id, str) else None
            )
            supplier = self._supplier(identity.data.get("supplier")) if identity else None
            if supplier is not None and supplier.id is not None:
                text = f"through identity {identity_id} of {supplier.id}"
                names = named.get(supplier.id)
                supports = _services_support(self._services_of(supplier, names), names)
                hop = Hop(function, ("depends_on", "identities", i), text, supports)
                yield supplier, None, (hop,)

    def _supplier_regions(
        self, supplier: Document, services: frozenset[str] | None
    ) -> Iterator[tuple[Region, Hop]]:
        """The regions ``services`` run on (the whole supplier's when None): a named service's
        own regions where it records them (services[].cloud), else the supplier's
        (shared_dependencies.cloud); and those of the subcontractors serving them."""
        listed = self._services_of(supplier, services)
        own = list(_service_regions(supplier, listed))
        if services is None or not own or _unplaced(listed, services):
            shared = mapping_at(supplier.data, "shared_dependencies")
            for i, region in regions_in(shared.get("cloud")):
                text = f"supplier {supplier.id} runs on {region.label}"
                yield region, Hop(supplier, ("shared_dependencies", "cloud", i), text)
        yield from own
        for j, sub in _serving(supplier, services):
            name = text_of(sub.get("name")) or text_of(sub.get("id")) or "(unnamed)"
            for i, region in regions_in(sub.get("cloud")):
                text = f"subcontractor {name} of {supplier.id} runs on {region.label}"
                yield region, Hop(supplier, ("subcontractors", j, "cloud", i), text)

    def _onward(
        self, supplier: Document, services: frozenset[str] | None
    ) -> Iterator[tuple[Document, Hop, bool]]:
        """Suppliers this one relies on to deliver ``services``: its subcontractors and the
        shared dependencies that are themselves suppliers of ours; each with whether the
        target's own regions count. They do not when the link names the regions it uses (a
        subcontractor entry's cloud, or this supplier's own regions at that provider), nor when
        the target is named only (an identity provider, a subprocessor, a cloud provider): its
        Supplier document records where it serves us, not where it serves this supplier."""
        mine: set[int] | None = None  # the providers of its own regions, once one is asked
        entries: frozenset[str] | None = None  # its subcontractor entries' ids, once asked
        linked: set[int] = set()
        for j, sub in _serving(supplier, services):
            target = (
                self._supplier(sub.get("supplier"))
                or self.supplier_named(sub.get("provider_id"))
                or _unless_told_apart(self.supplier_named(sub.get("name")), sub)
            )
            if target is not None and target is not supplier:
                linked.add(id(target))
                flag = sub.get("supports_critical_function")
                if mine is None:
                    mine = self._providers_named([r for _, r in _all_regions(supplier)])
                named = bool(dicts(sub.get("cloud"))) or id(target) in mine
                if entries is None and sub.get("recipient") is not None:
                    entries = _entry_ids(supplier)
                hop = Hop(
                    supplier,
                    ("subcontractors", j),
                    f"{_subcontracting(supplier, sub, entries)} subcontracts to {target.id}",
                    flag if isinstance(flag, bool) else None,
                    "" if named else _entry_name(sub),
                )
                yield target, hop, not named
            yield from self._sub_clouds(supplier, j, sub, linked)
        for path, name in _shared_names(supplier):
            # a cloud region names its provider by a code (stratus for Stratus Cloud Ltd)
            cloud = path[1] == "cloud"
            target = self.names.cloud_supplier(name) if cloud else self.supplier_named(name)
            if target is not None and target is not supplier and id(target) not in linked:
                # a subcontractor entry, where there is one, is the record of the link
                yield target, Hop(supplier, path, f"{supplier.id} relies on {target.id}"), False

    def _sub_clouds(
        self, supplier: Document, j: int, sub: dict[str, object], linked: set[int]
    ) -> Iterator[tuple[Document, Hop, bool]]:
        """The cloud providers a subcontractor entry runs on, where one is a supplier of ours
        (AWS under the ledger's storage subcontractor): the walk reaches its regions, and so
        the supplier too, as it does a supplier's own cloud provider."""
        name = text_of(sub.get("name")) or text_of(sub.get("id")) or "(unnamed)"
        for i, region in regions_in(sub.get("cloud")):
            target = self.names.cloud_supplier(region.provider)
            if target is not None and target is not supplier and id(target) not in linked:
                linked.add(id(target))
                text = f"subcontractor {name} of {supplier.id} runs on {target.id}"
                yield target, Hop(supplier, ("subcontractors", j, "cloud", i), text), False

    def _supplier(self, value: object) -> Document | None:
        return self.index.get("Supplier", value) if isinstance(value, str) else None

    # -- reverse lookups: what rests on a supplier, a cloud region or a named dependency ------
    def resting_on(self, supplier_id: str) -> list[tuple[Document, Chain]]:
        """The business functions resting on a supplier, directly, through subcontractors or
        shared dependencies, each with its shortest chain, in file order."""
        return [
            (function, chain)
            for function in in_order(self.index.of_kind("BusinessFunction"))
            if (chain := self.reach(function).suppliers.get(supplier_id)) is not None
        ]

    def running_in(
        self, region: str, provider: str | None = None
    ) -> list[tuple[Document, Region, Chain]]:
        """The business functions relying on a cloud region (any provider's unless one is
        named), each with how the region serves it: a standby or replica region's outage does
        not stop it."""
        found = []
        for function in in_order(self.index.of_kind("BusinessFunction")):
            for (owner, name), (where, chain) in self.reach(function).regions.items():
                if name == region.lower() and (provider is None or provider.lower() == owner):
                    found.append((function, where, chain))
        return found

    def relying_on(self, name: str) -> list[tuple[Document, Chain]]:
        """The business functions relying on a shared dependency named in free text (an
        identity provider, a subprocessor or subcontractor, a cloud provider): named by the
        function itself, or by a supplier it rests on. A name that is a Supplier's also finds
        what rests on that supplier. Each with its shortest chain, in file order."""
        provider = self.provider_named(name)
        key, named = name_key(name), provider[0] if provider is not None else None
        found: dict[int, tuple[Document, Chain]] = {}
        for function in in_order(self.index.of_kind("BusinessFunction")):
            reach = self.reach(function)
            chains: list[Chain] = [
                (Hop(function, path, f"on {value} directly"),)
                for path, value in function_names(function)
                if name_key(value) == key
            ]
            if named is not None and named.id in reach.suppliers:
                chains.append(reach.suppliers[named.id])
            for supplier_id, chain in reach.suppliers.items():
                supplier = self._supplier(supplier_id)
                for path, value in _supplier_dependencies(supplier):
                    if supplier is None or name_key(value) != key:
                        continue
                    if not self._another_than(named, supplier, path):
                        hop = Hop(supplier, path, f"{supplier_id} relies on {value}")
                        chains.append((*chain, hop))
            if key is not None and chains:
                found[id(function)] = (function, min(chains, key=len))
        return list(found.values())

    def _another_than(self, named: Document | None, supplier: Document, path: JsonPath) -> bool:
        """Whether the subcontractor entry at ``path`` of a supplier is another company than
        ``named``, the supplier of ours a name means, as the walk links it (:meth:`_onward`):
        one its Supplier link or identifier makes another supplier of ours, or a namesake
        (:func:`told_apart`). Its chain does not rest on ``named``."""
        if named is None or path[0] != "subcontractors":
            return False
        sub: dict[str, object] = supplier.data["subcontractors"][path[1]]
        linked = self._supplier(sub.get("supplier")) or self.supplier_named(sub.get("provider_id"))
        if linked is not None:
            return linked is not named
        return _unless_told_apart(named, sub) is None


@dataclass(frozen=True, slots=True)
class _Step:
    """A supplier reached on the walk: through which of its services (None: all), by which
    chain, and whether its own document's regions count (see ``DependencyGraph._onward``)."""

    supplier: Document
    services: frozenset[str] | None
    chain: Chain
    own_regions: bool
    entry: str | None
    """The supplier the chain enters first (the function's own), whose alternative is what
    helps on this route."""
    passes: bool
    """No link on the chain is recorded as not supporting a critical function (kept as the
    walk goes, not read again along the whole chain at every step)."""


def _serving(
    supplier: Document, services: frozenset[str] | None
) -> Iterator[tuple[int, dict[str, object]]]:
    """Subcontractors that help deliver ``services`` (all of them when either side is unsaid)."""
    for j, sub in dicts(supplier.data.get("subcontractors")):
        helps = {s.strip() for s in strings(sub.get("services")) if s.strip()}
        if services is None or not helps or helps & services:
            yield j, sub


def _named_services(value: object) -> dict[str, frozenset[str]]:
    """The services a function names of each supplier (depends_on.services)."""
    named: dict[str, set[str]] = {}
    for _, item in dicts(value):
        sid, service = text_of(item.get("supplier")), text_of(item.get("service"))
        if sid and service:
            named.setdefault(sid, set()).add(service)
    return {sid: frozenset(services) for sid, services in named.items()}


def _services(
    supplier: Document, names: frozenset[str] | None
) -> Iterator[tuple[int, dict[str, object]]]:
    """The supplier's services of these names (all of them when None)."""
    for k, service in dicts(supplier.data.get("services")):
        if names is None or text_of(service.get("name")) in names:
            yield k, service


Services = list[tuple[int, dict[str, object]]]
"""Services of a supplier with their places in its list (:meth:`DependencyGraph._services_of`)."""


def _services_support(found: Services, names: frozenset[str] | None) -> bool | None:
    """What the named services (``found``: the supplier's of those names) record of supporting
    a critical function: True if any does, False if every one of them is found and says it does
    not, else unsaid."""
    if not names:
        return None
    flags = [service.get("supports_critical_function") for _, service in found]
    if True in flags:
        return True
    return False if len(flags) == len(names) and all(f is False for f in flags) else None


def _service_regions(supplier: Document, listed: Services) -> Iterator[tuple[Region, Hop]]:
    for k, service in listed:
        label = text_of(service.get("name")) or f"#{k + 1}"
        for i, region in regions_in(service.get("cloud")):
            text = f"service {label} of {supplier.id} runs on {region.label}"
            yield region, Hop(supplier, ("services", k, "cloud", i), text)


def _unplaced(listed: Services, names: frozenset[str]) -> bool:
    """Some named service (``listed``: the supplier's of those names) records no regions of its
    own: it runs where the supplier does."""
    placed = {text_of(service.get("name")) for _, service in listed if dicts(service.get("cloud"))}
    return bool(names - placed)


def _all_regions(supplier: Document) -> Iterator[tuple[int, Region]]:
    """Every region the supplier records for itself or its services."""
    yield from regions_in(mapping_at(supplier.data, "shared_dependencies").get("cloud"))
    for _, service in _services(supplier, None):
        yield from regions_in(service.get("cloud"))


def _shared_names(supplier: Document) -> Iterator[tuple[JsonPath, object]]:
    """Shared dependencies named in free text: identity provider, subprocessors, cloud
    providers."""
    shared = mapping_at(supplier.data, "shared_dependencies")
    yield ("shared_dependencies", "identity_provider"), shared.get("identity_provider")
    for i, name in indexed(shared.get("subprocessors")):
        yield ("shared_dependencies", "subprocessors", i), name
    for i, region in regions_in(shared.get("cloud")):
        yield ("shared_dependencies", "cloud", i), region.provider


def function_names(function: Document) -> Iterator[tuple[JsonPath, str]]:
    """Shared dependencies a function names itself: identity providers, cloud providers."""
    depends = mapping_at(function.data, "depends_on")
    for i, value in indexed(depends.get("identity_providers")):
        if isinstance(value, str):
            yield ("depends_on", "identity_providers", i), value
    for i, region in regions_in(depends.get("cloud")):
        yield ("depends_on", "cloud", i), region.provider


def _supplier_dependencies(supplier: Document | None) -> Iterator[tuple[JsonPath, str]]:
    """What a supplier names as relied on: its identity provider, subprocessors, cloud
    providers and subcontractors (by name, id or identifier)."""
    if supplier is None:
        return
    shared = mapping_at(supplier.data, "shared_dependencies")
    if isinstance(shared.get("identity_provider"), str):
        yield ("shared_dependencies", "identity_provider"), shared["identity_provider"]
    for i, value in indexed(shared.get("subprocessors")):
        if isinstance(value, str):
            yield ("shared_dependencies", "subprocessors", i), value
    for i, region in regions_in(shared.get("cloud")):
        yield ("shared_dependencies", "cloud", i), region.provider
    for j, sub in dicts(supplier.data.get("subcontractors")):
        for field_name in ("name", "id", "provider_id", "supplier"):
            if isinstance(sub.get(field_name), str):
                yield ("subcontractors", j), sub[field_name]


def regions_in(value: object) -> Iterator[tuple[int, Region]]:
    """The regions a list of cloud locations names, by their place in it, each with how it
    serves: an ``active`` region is one of several serving at once only where the list names
    another active region (of any provider); the only one, it runs the service alone, as a
    primary region does, and is read as one."""
    named = [(i, region) for i, item in dicts(value) if (region := _region(item)) is not None]
    shared = len({r.key for _, r in named if r.role == ACTIVE}) > 1
    for i, region in named:
        alone = region.role == ACTIVE and not shared
        yield i, replace(region, role=PRIMARY) if alone else region


def _region(item: dict[str, Any]) -> Region | None:
    provider, region = text_of(item.get("provider")), text_of(item.get("region"))
    if not (provider and region):
        return None
    return Region(provider, region, text_of(item.get("role")) or PRIMARY, f"{provider} {region}")


def _unless_told_apart(named: Document | None, entry: Mapping[str, object]) -> Document | None:
    """The supplier of ours a subcontractor entry's name matches, unless :func:`told_apart`
    from it: a namesake, another company of the same name ("Datapoint GmbH" of another
    register number), not our supplier, which a critical supplier's chain would otherwise make
    tier 1 in effect."""
    if named is None:
        return None
    return None if told_apart(identifiers(entry), identifiers(named.data)) else named


def told_apart(one: Mapping[str | None, str], other: Mapping[str | None, str]) -> bool:
    """Whether two records of the same name are two companies, by their :func:`identifiers`:
    an identifier of one type that both record differs and none they record agree. An
    identifier recorded on one side only, or of another type, tells nothing apart: the name
    links, as it does without one. The one test for every place that matches companies by
    name (the dependency graph, impact, concentration)."""
    apart = any(other.get(kind, key) != key for kind, key in one.items())
    return apart and not set(one.values()) & set(other.values())


def identifiers(record: Mapping[str, object]) -> dict[str | None, str]:
    """A record's official identifiers (provider_id, additional_id), each by its recorded type
    (None where no type is recorded), compared as names are."""
    found: dict[str | None, str] = {}
    for holder in (record, mapping_at(record, "additional_id")):
        if key := name_key(holder.get("provider_id")):
            found.setdefault(text_of(holder.get("provider_id_type")), key)
    return found


def _entry_name(sub: Mapping[str, object]) -> str:
    """A subcontractor entry as a reader finds it in the file: its id, else its name."""
    return text_of(sub.get("id")) or text_of(sub.get("name")) or "(unnamed)"


def _entry_ids(supplier: Document) -> frozenset[str]:
    """The ids of a supplier's subcontractor entries (read once a supplier: each entry naming its
    recipient looked it up among all of them)."""
    found = (text_of(entry.get("id")) for _, entry in dicts(supplier.data.get("subcontractors")))
    return frozenset(name for name in found if name is not None)


def _subcontracting(
    supplier: Document, sub: Mapping[str, object], entries: frozenset[str] | None
) -> str:
    """Who gives a subcontractor entry its work, in words: the supplier, or, where the entry
    names a recipient among the supplier's entries (``entries``; rank 3 and below), the
    supplier's subcontractor it serves (``frauda's subcontractor modelwatch``): a chain read as
    the supplier subcontracting to a firm that works for its subcontractor would send a reader
    to the wrong contract."""
    recipient = text_of(sub.get("recipient"))
    if recipient is None or entries is None or recipient not in entries:
        return str(supplier.id)
    if recipient == text_of(sub.get("id")):  # itself: no recipient of its own (REG-10 says so)
        return str(supplier.id)
    return f"{supplier.id}'s subcontractor {recipient}"
