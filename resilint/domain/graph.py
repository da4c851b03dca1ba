"""The dependency graph, built once: business functions -> suppliers (directly, through a service,
an identity or a shared dependency) -> their subcontractors and shared dependencies -> cloud
regions and identity providers. Criticality, concentration, the register and impact analysis all
read this one graph.

Shared dependencies are named in free text (``identity_provider: Okta``, a cloud provider
``aws``); where such a name is also a Supplier's id, name or provider identifier, the graph links
to that Supplier, so that a supplier a critical function rests on through another is seen.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field

from resilint.domain.readers import (
    dicts,
    in_order,
    indexed,
    mapping_at,
    name_key,
    strings,
    text_of,
)
from resilint.findings import JsonPath
from resilint.model import Document, Index

PRIMARY = "primary"
REGION_ROLES = ("primary", "standby", "replica")


@dataclass(frozen=True)
class Hop:
    """One link of a dependency chain: the field that makes it, and what it says in words."""

    document: Document
    json_path: JsonPath
    text: str


Chain = tuple[Hop, ...]


@dataclass(frozen=True)
class Region:
    """A cloud provider region a function relies on, and how it serves (primary, standby,
    replica: only a primary region's outage stops the function)."""

    provider: str
    region: str
    role: str
    label: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.provider.lower(), self.region.lower())


@dataclass(frozen=True)
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
    regions: dict[tuple[str, str], tuple[Region, Chain]] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    """Every edge walked, not only those of the shortest chains (for drawing the graph)."""

    def keep_region(self, region: Region, chain: Chain) -> None:
        """The first (shortest) route to each region, except that a route on which the region is
        primary wins over one on which it is only a standby or replica: the function stops when
        a region it runs in as primary fails, whichever other way it also reaches it."""
        known = self.regions.get(region.key)
        if known is None or (known[0].role != PRIMARY and region.role == PRIMARY):
            self.regions[region.key] = (region, chain)


class DependencyGraph:
    def __init__(self, index: Index) -> None:
        self.index = index
        self._names = _supplier_names(index)
        self._reach: dict[str, Reach] = {}

    def supplier_named(self, value: object) -> Document | None:
        """The Supplier whose id, name or provider identifier a free-text name matches."""
        key = name_key(value)
        return self._names.get(key) if key else None

    def reach(self, function: Document) -> Reach:
        """The suppliers and cloud regions ``function`` rests on (computed once)."""
        key = function.id or f"{function.path}#{function.index}"
        if key not in self._reach:
            self._reach[key] = self._walk(function)
        return self._reach[key]

    def _walk(self, function: Document) -> Reach:
        reach = Reach()
        depends = mapping_at(function.data, "depends_on")
        for i, region in _regions(depends.get("cloud")):
            hop = Hop(function, ("depends_on", "cloud", i), f"{region.label} directly")
            reach.keep_region(region, (hop,))
            reach.links.append(Link(function, None, region.key, hop))
        queue: deque[tuple[Document, frozenset[str] | None, Chain]] = deque(self._starts(function))
        seen: set[tuple[str, frozenset[str] | None]] = set()
        while queue:
            supplier, services, chain = queue.popleft()
            if supplier.id is None:
                continue
            reach.links.append(Link(chain[-1].document, supplier.id, None, chain[-1]))
            if (supplier.id, services) in seen:
                continue
            seen.add((supplier.id, services))
            reach.suppliers.setdefault(supplier.id, chain)
            for region, hop in self._supplier_regions(supplier, services):
                reach.keep_region(region, (*chain, hop))
                reach.links.append(Link(supplier, None, region.key, hop))
            for target, hop in self._onward(supplier, services):
                queue.append((target, None, (*chain, hop)))
        return reach

    def _starts(
        self, function: Document
    ) -> Iterator[tuple[Document, frozenset[str] | None, Chain]]:
        depends = mapping_at(function.data, "depends_on")
        whole = set(strings(depends.get("suppliers")))
        for i, sid in indexed(depends.get("suppliers")):
            if (found := self._supplier(sid)) is not None:
                yield found, None, (Hop(function, ("depends_on", "suppliers", i), f"on {sid}"),)
        for i, item in dicts(depends.get("services")):
            sid, service = text_of(item.get("supplier")), text_of(item.get("service"))
            found = self._supplier(sid)
            if found is not None and sid not in whole:
                text = f"on service {service} of {sid}" if service else f"on {sid}"
                path = ("depends_on", "services", i)
                yield found, frozenset({service}) if service else None, (Hop(function, path, text),)
        yield from self._through_identities(function, depends)
        for i, name in indexed(depends.get("identity_providers")):
            if (found := self.supplier_named(name)) is not None:
                path = ("depends_on", "identity_providers", i)
                yield found, None, (Hop(function, path, f"on identity provider {name}"),)
        for i, region in _regions(depends.get("cloud")):
            if (found := self.supplier_named(region.provider)) is not None:
                path = ("depends_on", "cloud", i)
                yield found, None, (Hop(function, path, f"on cloud provider {region.provider}"),)

    def _through_identities(
        self, function: Document, depends: dict[str, object]
    ) -> Iterator[tuple[Document, frozenset[str] | None, Chain]]:
        for i, identity_id in indexed(depends.get("identities")):
            identity = (
                self.index.get("Identity", identity_id) if isinstance(identity_id, str) else None
            )
            supplier = self._supplier(identity.data.get("supplier")) if identity else None
            if supplier is not None:
                text = f"through identity {identity_id} of {supplier.id}"
                yield supplier, None, (Hop(function, ("depends_on", "identities", i), text),)

    def _supplier_regions(
        self, supplier: Document, services: frozenset[str] | None
    ) -> Iterator[tuple[Region, Hop]]:
        shared = mapping_at(supplier.data, "shared_dependencies")
        for i, region in _regions(shared.get("cloud")):
            text = f"supplier {supplier.id} runs on {region.label}"
            yield region, Hop(supplier, ("shared_dependencies", "cloud", i), text)
        for j, sub in _serving(supplier, services):
            name = text_of(sub.get("name")) or text_of(sub.get("id")) or "(unnamed)"
            for i, region in _regions(sub.get("cloud")):
                text = f"subcontractor {name} of {supplier.id} runs on {region.label}"
                yield region, Hop(supplier, ("subcontractors", j, "cloud", i), text)

    def _onward(
        self, supplier: Document, services: frozenset[str] | None
    ) -> Iterator[tuple[Document, Hop]]:
        """Suppliers this one relies on to deliver ``services``: its subcontractors and the
        shared dependencies that are themselves suppliers of ours."""
        for j, sub in _serving(supplier, services):
            target = (
                self._supplier(sub.get("supplier"))
                or self.supplier_named(sub.get("provider_id"))
                or self.supplier_named(sub.get("name"))
            )
            if target is not None and target is not supplier:
                text = f"{supplier.id} subcontracts to {target.id}"
                yield target, Hop(supplier, ("subcontractors", j), text)
        shared = mapping_at(supplier.data, "shared_dependencies")
        named: list[tuple[JsonPath, object]] = [
            (("shared_dependencies", "identity_provider"), shared.get("identity_provider"))
        ]
        named += [
            (("shared_dependencies", "subprocessors", i), n)
            for i, n in indexed(shared.get("subprocessors"))
        ]
        named += [
            (("shared_dependencies", "cloud", i), r.provider)
            for i, r in _regions(shared.get("cloud"))
        ]
        for path, name in named:
            target = self.supplier_named(name)
            if target is not None and target is not supplier:
                yield target, Hop(supplier, path, f"{supplier.id} relies on {target.id}")

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
        key, named = name_key(name), self.supplier_named(name)
        found: dict[int, tuple[Document, Chain]] = {}
        for function in in_order(self.index.of_kind("BusinessFunction")):
            reach = self.reach(function)
            chains: list[Chain] = [
                (Hop(function, path, f"on {value} directly"),)
                for path, value in _function_names(function)
                if name_key(value) == key
            ]
            if named is not None and named.id in reach.suppliers:
                chains.append(reach.suppliers[named.id])
            for supplier_id, chain in reach.suppliers.items():
                supplier = self._supplier(supplier_id)
                for path, value in _supplier_dependencies(supplier):
                    if supplier is not None and name_key(value) == key:
                        hop = Hop(supplier, path, f"{supplier_id} relies on {value}")
                        chains.append((*chain, hop))
            if key is not None and chains:
                found[id(function)] = (function, min(chains, key=len))
        return list(found.values())


def _supplier_names(index: Index) -> dict[str, Document]:
    """Suppliers by every name they may be given in free text (first document wins)."""
    names: dict[str, Document] = {}
    for supplier in in_order(index.of_kind("Supplier")):
        for value in (supplier.id, supplier.data.get("name"), supplier.data.get("provider_id")):
            key = name_key(value)
            if key:
                names.setdefault(key, supplier)
    return names


def _serving(
    supplier: Document, services: frozenset[str] | None
) -> Iterator[tuple[int, dict[str, object]]]:
    """Subcontractors that help deliver ``services`` (all of them when either side is unsaid)."""
    for j, sub in dicts(supplier.data.get("subcontractors")):
        helps = {s.strip() for s in strings(sub.get("services")) if s.strip()}
        if services is None or not helps or helps & services:
            yield j, sub


def _function_names(function: Document) -> Iterator[tuple[JsonPath, str]]:
    """Shared dependencies a function names itself: identity providers, cloud providers."""
    depends = mapping_at(function.data, "depends_on")
    for i, value in indexed(depends.get("identity_providers")):
        if isinstance(value, str):
            yield ("depends_on", "identity_providers", i), value
    for i, region in _regions(depends.get("cloud")):
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
    for i, region in _regions(shared.get("cloud")):
        yield ("shared_dependencies", "cloud", i), region.provider
    for j, sub in dicts(supplier.data.get("subcontractors")):
        for field_name in ("name", "id", "provider_id", "supplier"):
            if isinstance(sub.get(field_name), str):
                yield ("subcontractors", j), sub[field_name]


def _regions(value: object) -> Iterator[tuple[int, Region]]:
    for i, item in dicts(value):
        provider, region = text_of(item.get("provider")), text_of(item.get("region"))
        role = text_of(item.get("role")) or PRIMARY
        if provider and region:
            yield i, Region(provider, region, role, f"{provider} {region}")
