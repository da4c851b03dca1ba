"""CON-02: one identity provider serving both critical workflows and a tier-1 supplier."""

from __future__ import annotations

from collections.abc import Iterator

from resilint.findings import Finding
from resilint.model import Document, Index
from resilint.rules.builtin._concentration_common import (
    Use,
    critical_functions,
    described,
    document_ids,
    in_order,
    indexed,
    is_tier1,
    mapping_at,
    name_key,
    related_places,
)
from resilint.rules.model import RuleContext, RuleInfo


# -- CON-02: one identity provider for critical workflows and a tier-1 supplier ------------------
def _function_idp_uses(index: Index, function: Document) -> Iterator[tuple[str, str, Use]]:
    depends = mapping_at(function.data, "depends_on")
    for i, name in indexed(depends.get("identity_providers")):
        if (key := name_key(name)) is not None:
            how = f"business function {function.id}"
            yield (
                key,
                str(name).strip(),
                Use(function, ("depends_on", "identity_providers", i), how),
            )
    for i, identity_id in indexed(depends.get("identities")):
        identity = index.get("Identity", identity_id) if isinstance(identity_id, str) else None
        if identity is None or identity.data.get("status") == "revoked":
            continue
        name = identity.data.get("identity_provider")
        if (key := name_key(name)) is not None:
            how = f"business function {function.id} through identity {identity_id}"
            path = ("depends_on", "identities", i)
            yield key, str(name).strip(), Use(function, path, how, identity.id)


def _tier1_idp_links(index: Index) -> dict[str, list[Use]]:
    """Tier-1 supplier integrations by identity provider: their identities and own sign-in."""
    links: dict[str, list[Use]] = {}
    for identity in in_order(index.of_kind("Identity")):
        supplier_id = identity.data.get("supplier")
        supplier = index.get("Supplier", supplier_id) if isinstance(supplier_id, str) else None
        key = name_key(identity.data.get("identity_provider"))
        if supplier and is_tier1(supplier) and key and identity.data.get("status") != "revoked":
            how = f"identity {identity.id} of tier-1 supplier {supplier_id}"
            links.setdefault(key, []).append(
                Use(identity, ("identity_provider",), how, identity.id)
            )
    for supplier in in_order(index.of_kind("Supplier")):
        shared = mapping_at(supplier.data, "shared_dependencies")
        if is_tier1(supplier) and (key := name_key(shared.get("identity_provider"))):
            how = f"tier-1 supplier {supplier.id}'s own sign-in"
            path = ("shared_dependencies", "identity_provider")
            links.setdefault(key, []).append(Use(supplier, path, how))
    return links


def check_identity_provider(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    ours: dict[str, list[tuple[str, Use]]] = {}
    for function in critical_functions(context):
        for key, name, use in _function_idp_uses(context.index, function):
            ours.setdefault(key, []).append((name, use))
    links = _tier1_idp_links(context.index)
    for key, named in ours.items():
        uses, theirs, name = [use for _, use in named], links.get(key, []), named[0][0]
        # a function relying on a supplier's identity is that one integration, not two planes
        if not any(u.identity is None or u.identity != t.identity for u in uses for t in theirs):
            continue
        message = (
            f"identity provider {name} serves {described(context)} business functions "
            f"({', '.join(document_ids(uses))}) and also tier-1 supplier integrations "
            f"({'; '.join(t.how for t in theirs)}): a compromise or outage of {name} would hit "
            "our critical workflows and the supplier's access at the same time. Give the supplier "
            "integration its own identity plane (a separate tenant, or credentials not federated "
            f"through {name}), or record an approved Waiver for CON-02 if this is accepted"
        )
        related = related_places(context, [*uses[1:], *theirs], after=f" uses {name}")
        yield context.finding(info, uses[0].document, uses[0].json_path, message, related)
