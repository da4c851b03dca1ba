"""CON-02: one identity provider for our critical workflows and critical suppliers' access."""

from __future__ import annotations

from collections.abc import Iterator

from resilint.domain.delivery import STAFF
from resilint.domain.facts import SupplierFacts
from resilint.domain.graph import Hop
from resilint.domain.readers import in_order, indexed, mapping_at, name_key
from resilint.findings import Finding
from resilint.rules.builtin.concentration.naming import described, ids
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck


def _workforce_planes(context: RuleContext) -> dict[str, list[Hop]]:
    """Identity providers our critical workflows sign in through, as the functions name them.
    A provider reached only through supplier identities is a supplier-access plane (a partner
    realm or privileged-access gateway): the segmentation practitioner guidance asks for, not
    ours."""
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
    identity provider's own sign-in adds no second plane (its compromise is the provider's).
    A company of our own group (group_entity: our IT subsidiary) is not a supplier's access:
    its staff are the group's workforce, who sign in through the group's provider; nor are the
    workers a staff-augmentation supplier places with us (service_model staff_augmentation:
    agency nurses, contract staff), who work under our direction as our workforce does."""
    if supplier is None or not supplier.critical or supplier.in_group:
        return False
    if supplier.service_models == frozenset({STAFF}):
        return False
    provider = context.facts.graph.provider_named(name)
    return provider is None or provider[0] is not supplier.document


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
        if key and facts.active and facts.into_ours and _carries(context, facts.supplier, name):
            staff = " (its staff's accounts)" if facts.human else ""
            text = f"identity {identity.id} of critical supplier {identity.data.get('supplier')}"
            text += staff
            yield key, Hop(identity, ("identity_provider",), text)


def _remedies(context: RuleContext, carried: list[Hop], name: str) -> str:
    """How to give each kind of supplier access its own plane: a supplier's people keep their
    accounts in their own tenant (delegated across tenants), its integrations get credentials
    that are not federated through the provider."""
    people = any(context.facts.identity(hop.document).human for hop in carried)
    machines = any(not context.facts.identity(hop.document).human for hop in carried)
    ways = []
    if people:
        ways.append(
            "let its staff work from accounts in their own tenant, delegated across tenants "
            "(such as Microsoft GDAP or Azure Lighthouse) or invited as guests, or sign in "
            "through a partner realm or a privileged-access gateway used only by suppliers"
        )
    if machines:
        ways.append(
            f"give its integrations credentials that are not federated through {name}, or a "
            "separate tenant or realm"
        )
    return "; ".join(ways)


def check_identity_provider(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    theirs = _supplier_planes(context)
    for key, ours in _workforce_planes(context).items():
        if key not in theirs:
            continue
        name, carried = ours[0].text, theirs[key]
        message = (
            f"identity provider {name} is the sign-in of {described(context)} business "
            f"functions ({', '.join(ids(ours))}) and also carries critical suppliers' access "
            f"({'; '.join(hop.text for hop in carried)}): a supplier account or credential "
            "taken over is a foothold inside the plane our critical workflows sign in through "
            f"(its policies, its administrators, the applications it signs in to), and a "
            f"compromise or outage of {name} hits those workflows and the supplier's access at "
            "once. Give the supplier access its own identity plane: "
            f"{_remedies(context, carried, name)}; or record an approved Waiver for CON-02 if "
            "this is accepted"
        )
        related = (
            *(
                context.related(
                    hop.document,
                    hop.json_path,
                    f"business function {hop.document.id} signs in through {name}",
                )
                for hop in ours[1:]
            ),
            *(
                context.related(hop.document, hop.json_path, f"{hop.text} uses {name}")
                for hop in carried
            ),
        )
        first = ours[0]
        yield context.finding(
            info, first.document, first.json_path, message, related, discriminator=key
        )


CHECKS: dict[str, PythonCheck] = {
    "concentration-identity-provider": check_identity_provider,  # CON-02
}
