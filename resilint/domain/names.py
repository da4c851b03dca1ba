"""Suppliers and their services named in free text, defined once: which Supplier a name means,
and the names that should mean one and mean none.

Identity providers, subprocessors and subcontractors are named in free text (``identity_provider:
okta``), and a supplier's services by their name in its ``services`` list. A name links to a
Supplier when it is the Supplier's id, name or provider identifier; an identity provider's name
also links to the one supplier with a service of that name (``helix-id``, Helix's sign-in). The
dependency graph (:mod:`.graph`) follows these links, and with it criticality, the register and
the terms a supplier that runs our sign-in is asked (CTR-05, PLB-02).

A name that links to nothing is passed over by all of them, so REF-05 reports the names that
should link and do not (:func:`unresolved`): a service a supplier does not list, a service name
two suppliers list (it links to neither), and a free-text name that reads like one of our
suppliers (``officeline-id`` for supplier ``officeline``: one name's words begin the other's)
other than the record's own (a supplier's own sign-in, ``transvia-ad``). A name that reads like
none of them (an identity provider we run ourselves, a subprocessor we have no contract with)
names no supplier of ours, as it may. Cloud providers are named by a short code shared across
records (``aws``, ``nimbara``), not by a supplier's name, and are not read here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from resilint.domain.readers import dicts, in_order, indexed, mapping_at, name_key, text_of
from resilint.findings import JsonPath
from resilint.model import Document, Index, caseless

LIKE_LETTERS = 4
"""A name reads like another when one's words begin the other's, and the shorter has at least
this many letters and digits (``sso`` begins many names, ``keystone`` few)."""
LIKE_MOST = 3
"""A name that reads like more suppliers than this (``bank`` where many are "Bank ...") says
too little of which it means to report it."""
LIKE_WORDS = 12
"""The words of a name compared, from its first: no company's name is longer, and a name of
thousands of words would otherwise be looked up by each of its beginnings (their square)."""


class SupplierNames:
    """The names each Supplier may be given in free text, read once from the index."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self._names: dict[str, Document] = {}
        services: dict[str, list[tuple[Document, str]]] = {}
        listed: set[tuple[str, int]] = set()  # (key, supplier): not a walk of the list for each
        for supplier in in_order(index.of_kind("Supplier")):
            for value in (supplier.id, supplier.data.get("name"), supplier.data.get("provider_id")):
                if key := name_key(value):
                    self._names.setdefault(key, supplier)
            for _, service in dicts(supplier.data.get("services")):
                name = text_of(service.get("name"))
                key = name_key(name)
                if key and name and (key, id(supplier)) not in listed:
                    listed.add((key, id(supplier)))
                    services.setdefault(key, []).append((supplier, name))
        self._services = {key: found[0] for key, found in services.items() if len(found) == 1}
        self._shared = {key: found for key, found in services.items() if len(found) > 1}
        self._like: _Likeness | None = None
        self._listed: dict[int, tuple[tuple[str, ...], frozenset[str]]] = {}
        self._clouds: dict[str, Document | None] = {}

    def services_of(self, supplier: Document) -> tuple[str, ...]:
        """The names of the supplier's services, in order (read once a check: a function naming
        each of a supplier's thousands of services read the list for each)."""
        return self._services_listed(supplier)[0]

    def lists(self, supplier: Document, service: str) -> bool:
        """Whether the supplier lists a service of this name."""
        return service in self._services_listed(supplier)[1]

    def _services_listed(self, supplier: Document) -> tuple[tuple[str, ...], frozenset[str]]:
        listed = self._listed.get(id(supplier))
        if listed is None:
            found = (text_of(s.get("name")) for _, s in dicts(supplier.data.get("services")))
            names = tuple(name for name in found if name is not None)
            listed = self._listed[id(supplier)] = (names, frozenset(names))
        return listed

    def supplier_named(self, value: object) -> Document | None:
        """The Supplier whose id, name or provider identifier a free-text name matches."""
        key = name_key(value)
        return self._names.get(key) if key else None

    def cloud_supplier(self, provider: object) -> Document | None:
        """The Supplier a cloud region's provider code means: the one whose id, name or
        identifier it is, else the one supplier whose name or id names that provider
        (:func:`.clouds.names_provider`: ``aws`` for Amazon Web Services EMEA SARL, ``stratus``
        for Stratus Cloud Ltd) and is recorded as one that hosts workloads (service_model
        iaas_paas, of the supplier or of one of its services): a SaaS of the same group (an
        office suite named like the cloud it runs on) is not the cloud. None where none does,
        or several do (a code that could mean either links to neither)."""
        found = self.supplier_named(provider)
        key = name_key(provider)
        if found is not None or not key:
            return found
        if key not in self._clouds:
            from resilint.domain.clouds import names_provider

            matches = [
                supplier
                for supplier in in_order(self.index.of_kind("Supplier"))
                if _hosts(supplier)
                and (
                    names_provider(supplier.data.get("name"), provider)
                    or names_provider(supplier.id, provider)
                )
            ]
            self._clouds[key] = matches[0] if len(matches) == 1 else None
        return self._clouds[key]

    def provider_named(self, value: object) -> tuple[Document, str | None] | None:
        """The supplier an identity provider's name means, and the service of it where the
        name is a service's: the Supplier whose id, name or identifier it is, else the one
        supplier with a service of that name. A service name two suppliers use names neither."""
        if (supplier := self.supplier_named(value)) is not None:
            return supplier, None
        key = name_key(value)
        return self._services.get(key) if key else None

    def unique_services(self) -> list[tuple[Document, str]]:
        """Each service name only one supplier lists, with that supplier."""
        return list(self._services.values())

    def sharing(self, value: object) -> list[Document]:
        """The suppliers that each list a service of this name, when more than one does."""
        key = name_key(value)
        return [supplier for supplier, _ in self._shared.get(key, [])] if key else []

    def reads_like(
        self, value: str, own: Document | None, services: bool
    ) -> list[tuple[Document, str | None]]:
        """The suppliers (other than ``own``) a name that matches none reads like, each with
        the service it reads like where it is (``services``) a service only they list, else
        None (it reads like their id or name)."""
        if self._like is None:
            self._like = _Likeness(self)
        found = self._like.of(value)
        return [(s, service) for s, service in found if (services or not service) and s is not own]


def _hosts(supplier: Document) -> bool:
    """Recorded as hosting workloads: service_model iaas_paas, of the supplier or a service."""
    if supplier.data.get("service_model") == "iaas_paas":
        return True
    return any(
        s.get("service_model") == "iaas_paas" for _, s in dicts(supplier.data.get("services"))
    )


@dataclass(frozen=True)
class Unresolved:
    """A name that should link to a supplier or one of its services and links to nothing."""

    document: Document
    path: JsonPath
    name: str
    what: str
    """What the field names: 'identity provider', 'subprocessor', 'subcontractor', 'service'."""
    supplier: Document | None = None
    """For a service name: the supplier whose services it should be among."""
    services: tuple[str, ...] = ()
    """For a service name: the names of that supplier's services."""
    like: tuple[tuple[Document, str | None], ...] = ()
    """The suppliers it reads like, each with the service of theirs it reads like (None: their
    id or name)."""
    sharing: tuple[Document, ...] = ()
    """The suppliers that each list a service of this name (it links to none of them)."""


def unresolved(names: SupplierNames) -> Iterator[Unresolved]:
    """Every name in the repository that should link to a supplier or a service and does not
    (see the module doc), in file order of its documents."""
    index = names.index
    path: JsonPath
    for function in in_order(index.of_kind("BusinessFunction")):
        depends = mapping_at(function.data, "depends_on")
        for i, item in dicts(depends.get("services")):
            path = ("depends_on", "services", i, "service")
            yield from _service(names, function, path, item.get("supplier"), item.get("service"))
        for i, value in indexed(depends.get("identity_providers")):
            path = ("depends_on", "identity_providers", i)
            yield from _provider(names, function, path, value, None, "identity provider")
    for contract in in_order(index.of_kind("Contract")):
        for i, value in indexed(contract.data.get("services")):
            supplier = contract.data.get("supplier")
            yield from _service(names, contract, ("services", i), supplier, value)
    for identity in in_order(index.of_kind("Identity")):
        own = _supplier(index, identity.data.get("supplier"))
        value = identity.data.get("identity_provider")
        what = "identity provider"
        yield from _provider(names, identity, ("identity_provider",), value, own, what)
    for supplier in in_order(index.of_kind("Supplier")):
        yield from _of_supplier(names, supplier)


def _of_supplier(names: SupplierNames, supplier: Document) -> Iterator[Unresolved]:
    """The names a Supplier's own record gives: its services served by subcontractors and
    alternatives, its shared identity provider and subprocessors, its subcontractors by name."""
    path: JsonPath
    for field in ("subcontractors", "alternatives"):
        for j, item in dicts(supplier.data.get(field)):
            for i, value in indexed(item.get("services")):
                path = (field, j, "services", i)
                yield from _service(names, supplier, path, supplier.id, value)
    shared = mapping_at(supplier.data, "shared_dependencies")
    path = ("shared_dependencies", "identity_provider")
    value = shared.get("identity_provider")
    yield from _provider(names, supplier, path, value, supplier, "identity provider")
    for i, value in indexed(shared.get("subprocessors")):
        path = ("shared_dependencies", "subprocessors", i)
        yield from _provider(names, supplier, path, value, supplier, "subprocessor")
    for j, sub in dicts(supplier.data.get("subcontractors")):
        if sub.get("supplier") is None and sub.get("provider_id") is None:
            # named only: an identifier says which firm it is, a Supplier link which of ours
            path = ("subcontractors", j, "name")
            yield from _provider(names, supplier, path, sub.get("name"), supplier, "subcontractor")


def _service(
    names: SupplierNames, document: Document, path: JsonPath, supplier_id: object, value: object
) -> Iterator[Unresolved]:
    """A service named of a supplier (an unknown supplier is REF-01's) that it does not list."""
    supplier = _supplier(names.index, supplier_id)
    name = text_of(value)
    if supplier is None or name is None:
        return
    if not names.lists(supplier, name):
        yield Unresolved(document, path, name, "service", supplier, names.services_of(supplier))


def _provider(
    names: SupplierNames,
    document: Document,
    path: JsonPath,
    value: object,
    own: Document | None,
    what: str,
) -> Iterator[Unresolved]:
    """A free-text name that links to no supplier though it should: one two suppliers' services
    share (an identity provider), or one that reads like one of ours other than ``own``."""
    name = text_of(value)
    services = what == "identity provider"  # only an identity provider links to a service
    found = names.provider_named(name) if services else names.supplier_named(name)
    if name is None or found is not None:
        return
    sharing = tuple(names.sharing(name)) if services else ()
    like = tuple(names.reads_like(name, own, services))
    if sharing or 0 < len(like) <= LIKE_MOST:
        yield Unresolved(document, path, name, what, like=like, sharing=sharing)


def _supplier(index: Index, value: object) -> Document | None:
    return index.get("Supplier", value) if isinstance(value, str) else None


_WORD = re.compile(r"[^\W_]+")


def words(value: str) -> tuple[str, ...]:
    """A name's first words (:data:`LIKE_WORDS`), without case or punctuation: 'Keystone
    Identity Inc.' is keystone, identity, inc."""
    found = _WORD.finditer(caseless(value))
    return tuple(match.group() for match, _ in zip(found, range(LIKE_WORDS), strict=False))


class _Likeness:
    """Which suppliers' names each name reads like, by words: every beginning of a supplier's
    id, name or (only it lists it) service name, and each of those whole, looked up rather than
    compared one by one."""

    def __init__(self, names: SupplierNames) -> None:
        self._starts: dict[tuple[str, ...], list[Liked]] = {}
        self._whole: dict[tuple[str, ...], list[Liked]] = {}
        self._of: dict[str, list[Liked]] = {}
        for supplier in in_order(names.index.of_kind("Supplier")):
            for value in (supplier.id, supplier.data.get("name")):
                self._add(supplier, text_of(value), None)
        for supplier, service in names.unique_services():
            self._add(supplier, service, service)

    def _add(self, supplier: Document, name: str | None, service: str | None) -> None:
        own = words(name) if name else ()
        for n in range(1, len(own) + 1):
            self._starts.setdefault(own[:n], []).append((supplier, service))
        if own:
            self._whole.setdefault(own, []).append((supplier, service))

    def of(self, value: str) -> list[Liked]:
        """Each supplier once, with the first of its names ``value`` reads like (its id or
        name before a service's); worked out once a name (thousands of records name the same
        few identity providers and subprocessors)."""
        found = self._of.get(value)
        if found is None:
            found = self._of[value] = self._reads_like(value)
        return found

    def _reads_like(self, value: str) -> list[Liked]:
        mine = words(value)
        found = [] if _letters(mine) < LIKE_LETTERS else list(self._starts.get(mine, []))
        for n in range(1, len(mine)):
            if _letters(mine[:n]) >= LIKE_LETTERS:
                found += self._whole.get(mine[:n], [])
        first: dict[int, Liked] = {}
        for supplier, service in sorted(found, key=lambda liked: liked[1] is not None):
            first.setdefault(id(supplier), (supplier, service))
        return list(first.values())


Liked = tuple[Document, str | None]
"""A supplier a name reads like, and its service it reads like (None: its id or name)."""


def _letters(part: tuple[str, ...]) -> int:
    return sum(len(word) for word in part)
