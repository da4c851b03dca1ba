"""CON-03: tier-1 suppliers sharing a subprocessor or an ultimate parent, grouped by the
names and identifiers they share."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from resilint.findings import Finding, JsonPath
from resilint.model import Document, Index
from resilint.rules.builtin._concentration_common import (
    Use,
    document_ids,
    in_order,
    indexed,
    is_tier1,
    listed,
    mapping_at,
    mappings,
    name_key,
    related_places,
    text_of,
)
from resilint.rules.model import RuleContext, RuleInfo


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
    name, provider_id = name_key(data.get("name")), name_key(data.get("provider_id"))
    return ({f"name:{name}"} if name else set()) | ({f"id:{provider_id}"} if provider_id else set())


def _subprocessor_entries(index: Index, supplier: Document) -> Iterator[tuple[Use, set[str]]]:
    shared = mapping_at(supplier.data, "shared_dependencies")
    for i, name in indexed(shared.get("subprocessors")):
        if (key := name_key(name)) is not None:
            path = ("shared_dependencies", "subprocessors", i)
            yield Use(supplier, path, str(name).strip()), {f"name:{key}"}
    for i, sub in mappings(supplier.data.get("subcontractors")):
        keys = _identity_keys(sub)
        target_id = text_of(sub.get("supplier"))
        target = index.get("Supplier", target_id) if target_id else None
        if target is not None:  # the subcontractor's own Supplier document names it too
            keys |= _identity_keys(target.data) | {f"supplier:{target.id}"}
        label = text_of(sub.get("name")) or text_of(sub.get("id")) or target_id
        if keys and label:
            yield Use(supplier, ("subcontractors", i), label), keys


def _parent_entry(supplier: Document) -> tuple[Use, set[str]] | None:
    """A supplier's group: its ultimate parent and itself (it may be another's parent)."""
    parent = mapping_at(supplier.data, "ultimate_parent")
    keys = _identity_keys(parent) | _identity_keys(supplier.data)
    label = text_of(parent.get("name")) or text_of(parent.get("provider_id"))
    path: JsonPath = ("ultimate_parent",) if parent else ("id",)
    return (Use(supplier, path, label or ""), keys) if keys else None


def _several_suppliers(uses: list[Use]) -> list[Use]:
    """The first use of each supplier in a group, or nothing if only one supplier is in it."""
    firsts: dict[str | None, Use] = {}
    for use in uses:
        firsts.setdefault(use.document.id, use)
    return list(firsts.values()) if len(firsts) > 1 else []


def check_shared_supply_chain(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    tier1 = [s for s in in_order(context.index.of_kind("Supplier")) if is_tier1(s)]
    subprocessors = [e for s in tier1 for e in _subprocessor_entries(context.index, s)]
    for uses in map(_several_suppliers, _components(subprocessors)):
        if uses:
            names, what = listed(document_ids(uses)), uses[0].how
            message = (
                f"tier-1 suppliers {names} all rely on the same subprocessor {what}: one incident "
                "there could disrupt all of them at once. Plan alternatives that do not share it, "
                "or record an approved Waiver for CON-03 if the shared dependency is accepted"
            )
            related = related_places(context, uses[1:], "also relies on subprocessor ", named=True)
            yield context.finding(info, uses[0].document, uses[0].json_path, message, related)
    parents = [e for e in map(_parent_entry, tier1) if e is not None]
    for uses in map(_several_suppliers, _components(parents)):
        if uses:
            what = next((u.how for u in uses if u.how), "")
            group = f" (ultimate parent {what})" if what else ""
            message = (
                f"tier-1 suppliers {listed(document_ids(uses))} belong to the same corporate "
                f"group{group}: a failure, insolvency or compromise at group level could hit all "
                "of them at once. Treat them as one exposure in exit and alternative planning, or "
                "record an approved Waiver for CON-03 if this is accepted"
            )
            same = "belongs to the same corporate group"
            related = tuple(
                context.related(u.document, u.json_path, f"{u.document.label} {same}")
                for u in uses[1:]
            )
            yield context.finding(info, uses[0].document, uses[0].json_path, message, related)
