"""CON-03: critical suppliers sharing a subprocessor or an ultimate parent."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from resilint.domain.clouds import cloud_provider, names_provider
from resilint.domain.graph import Hop, identifiers, told_apart
from resilint.domain.readers import (
    dicts,
    firm_key,
    in_order,
    indexed,
    listed,
    mapping_at,
    name_key,
    text_of,
)
from resilint.findings import Finding, JsonPath
from resilint.model import Document
from resilint.rules.builtin.concentration.naming import ids
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck

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


class _Namesakes:
    """The companies of each name met so far, each with the identifiers recorded of it: a
    record of a name joins the first of them it is not :func:`.graph.told_apart` from (its
    identifiers then count for that company), else is another company of that name, keyed
    apart ("Datapoint GmbH" of another register number is not the one two suppliers share).
    A record with no identifier joins the first, as the name is all there is to go by."""

    def __init__(self) -> None:
        self._seen: dict[str, list[dict[str | None, str]]] = {}

    def key(self, name: str, record: dict[str, Any]) -> str:
        own = identifiers(record)
        companies = self._seen.setdefault(name, [])
        for n, known in enumerate(companies):
            if not told_apart(own, known):
                for kind, value in own.items():
                    known.setdefault(kind, value)
                return f"name:{name}" + (f"#{n + 1}" if n else "")
        companies.append(dict(own))
        n = len(companies) - 1
        return f"name:{name}" + (f"#{n + 1}" if n else "")


def _company_keys(data: dict[str, Any], namesakes: _Namesakes) -> set[str]:
    """Keys naming one company: its name (one of its namesakes' apart) and its official
    identifier, normalised."""
    name, provider_id = firm_key(data.get("name")), name_key(data.get("provider_id"))
    keys = {namesakes.key(name, data)} if name else set()
    return keys | ({f"id:{provider_id}"} if provider_id else set())


def _subprocessor_entries(
    context: RuleContext, supplier: Document, namesakes: _Namesakes
) -> Iterator[Entry]:
    shared = mapping_at(supplier.data, "shared_dependencies")
    hosted = _hosting_providers(supplier)
    hosts = _hosting_names(context, supplier)
    regions = _region_providers(supplier)
    for i, name in indexed(shared.get("subprocessors")):
        if cloud_provider(name) in hosted:  # a hyperscaler whose regions are recorded: CON-01's
            continue
        if firm_key(name) in hosts or any(names_provider(name, p) for p in regions):
            continue  # the same hosting provider, recorded with its regions: CON-01's too
        if (key := firm_key(name)) is not None:
            path = ("shared_dependencies", "subprocessors", i)
            yield Hop(supplier, path, str(name).strip()), {namesakes.key(key, {})}
    for i, sub in dicts(supplier.data.get("subcontractors")):
        if dicts(sub.get("cloud")):  # a hosting provider with its regions: CON-01 weighs those
            continue
        keys = _company_keys(sub, namesakes)
        target_id = text_of(sub.get("supplier"))
        target = context.index.get("Supplier", target_id) if target_id else None
        if target is not None:  # the subcontractor's own Supplier document names it too
            keys |= _company_keys(target.data, namesakes) | {f"supplier:{target.id}"}
        label = text_of(sub.get("name")) or text_of(sub.get("id")) or target_id
        if keys and label:
            yield Hop(supplier, ("subcontractors", i), label), keys


def _region_providers(supplier: Document) -> list[str]:
    """The cloud providers, as written, of the regions the supplier records it runs on."""
    shared = mapping_at(supplier.data, "shared_dependencies")
    regions = [r for _, r in dicts(shared.get("cloud"))]
    for _, sub in dicts(supplier.data.get("subcontractors")):
        regions.extend(r for _, r in dicts(sub.get("cloud")))
    return [p for r in regions if (p := text_of(r.get("provider")))]


def _hosting_names(context: RuleContext, supplier: Document) -> set[str]:
    """The names of the supplier's subcontractors recorded with the cloud regions they host it
    in (and of their Supplier documents): a subprocessor of the same name is that host."""
    names: set[str] = set()
    for _, sub in dicts(supplier.data.get("subcontractors")):
        if not dicts(sub.get("cloud")):
            continue
        target_id = text_of(sub.get("supplier"))
        target = context.index.get("Supplier", target_id) if target_id else None
        for value in (sub.get("name"), target.data.get("name") if target else None):
            if (key := firm_key(value)) is not None:
                names.add(key)
    return names


def _hosting_providers(supplier: Document) -> set[str]:
    """The cloud providers whose regions the supplier records it runs on (its shared
    dependencies' and its subcontractors' cloud)."""
    shared = mapping_at(supplier.data, "shared_dependencies")
    regions = [r for _, r in dicts(shared.get("cloud"))]
    for _, sub in dicts(supplier.data.get("subcontractors")):
        regions.extend(r for _, r in dicts(sub.get("cloud")))
    return {code for r in regions if (code := cloud_provider(r.get("provider"))) is not None}


def _group_entry(supplier: Document, namesakes: _Namesakes) -> Entry | None:
    """A supplier's corporate group: its ultimate parent and itself (it may be another's parent)."""
    parent = mapping_at(supplier.data, "ultimate_parent")
    keys = _company_keys(parent, namesakes) | _company_keys(supplier.data, namesakes)
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
    namesakes = _Namesakes()
    subprocessors = [e for s in critical for e in _subprocessor_entries(context, s, namesakes)]
    for entries in map(_one_per_supplier, _components(subprocessors)):
        if entries:
            names, what = listed(ids(hop for hop, _ in entries)), entries[0][0].text
            message = (
                f"critical suppliers {names} all rely on the same subprocessor {what}: one "
                "incident there could disrupt all of them at once. Plan alternatives that do not "
                "share it, or record an approved Waiver for CON-03 if the shared dependency is "
                "accepted"
            )
            also = f"also relies on subprocessor {what}"
            yield _shared_finding(context, info, entries, message, also)
    parents = _Namesakes()
    groups = [e for s in critical if (e := _group_entry(s, parents)) is not None]
    for entries in map(_one_per_supplier, _components(groups)):
        if entries:
            what = next((hop.text for hop, _ in entries if hop.text), "")
            group = f" (ultimate parent {what})" if what else ""
            message = (
                f"critical suppliers {listed(ids(hop for hop, _ in entries))} belong to the same "
                f"corporate group{group}: a failure, insolvency or compromise at group level "
                "could hit all of them at once. Treat them as one exposure in exit and "
                "alternative planning, or record an approved Waiver for CON-03 if this is accepted"
            )
            yield _shared_finding(
                context, info, entries, message, "belongs to the same corporate group"
            )


CHECKS: dict[str, PythonCheck] = {
    "concentration-shared-supply-chain": check_shared_supply_chain,  # CON-03
}
