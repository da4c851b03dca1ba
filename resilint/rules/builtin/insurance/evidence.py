"""EVD-01: each tower in force has a claims evidence package, complete and current."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from resilint.domain.evidence import item_max_age, judged_tower, kept_current, packages_by_tower
from resilint.domain.lifecycle import shift
from resilint.domain.readers import (
    among,
    as_date,
    dicts,
    in_order,
    keyed,
    listed,
    show_number,
    strings,
)
from resilint.domain.tower import CYBER, base_of, line_of
from resilint.findings import Finding, JsonPath
from resilint.model import Document
from resilint.rules.builtin.insurance.tower import as_of_text
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck


def check_evidence_package(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """EVD-01: each cyber tower in force has a claims evidence package, complete and current (a
    crime or specie policy's proof of loss is another list: only the currency of the items its
    package records is judged)."""
    facts = context.facts
    policies = in_order(context.index.of_kind("InsurancePolicy"))
    packages = packages_by_tower(facts, context.accepted_references)
    for base in policies:
        judged = judged_tower(facts, base)
        found = packages.get(id(base), [])
        if judged and line_of(facts, base) == CYBER:
            single = _insures_one(context, base)
            if not found:
                layers = [p for p in policies if p is not base and base_of(facts, p) is base]
                yield _no_package(context, info, base, layers, single)
            yield from _package_gaps(context, info, found, asked=_asked(context, single))
        elif judged:
            # a crime or specie tower's proof of loss is another list, but the items its
            # package records are kept current like any other
            yield from _package_gaps(context, info, found)


ENTITIES_LIST = "insured_entities_list"


def _insures_one(context: RuleContext, base: Document) -> bool:
    """Whether the tower insures one legal person at most: its primary policy names one
    insured entity (a branch recorded as an Entity counts as its head office), or names none
    and the programme records one entity or none (the organisation itself). The named insured
    is on the policy's declarations, which the policy copies hold: a list of one insured is
    the policyholder (insurer market practice), and asks nothing the package lacks."""
    named = strings(base.data.get("insured_entities"))
    entities = named or [str(e.id) for e in context.index.of_kind("Entity") if e.id is not None]
    return len({_legal_person(context, e) for e in entities}) <= 1


def _legal_person(context: RuleContext, entity_id: str) -> str:
    entity = context.index.get("Entity", entity_id)
    link = entity.data.get("branch_of") if entity is not None else None
    office = link.get("entity") if isinstance(link, dict) else None
    return office if isinstance(office, str) and office else entity_id


def _asked(context: RuleContext, single: bool) -> list[str]:
    """The required items asked of a cyber tower: all, but the insured-entities list of a
    tower insuring one legal person (:func:`_insures_one`)."""
    required = strings(context.params.get("required_items"))
    return [kind for kind in required if not (single and kind == ENTITIES_LIST)]


def _no_package(
    context: RuleContext, info: RuleInfo, base: Document, layers: list[Document], single: bool
) -> Finding:
    names = listed([str(p.id) for p in layers])
    tower = f" (with its excess layer {names})" if layers else ""
    # a policy without excess layers is the whole tower: "the tower" is the insurer's word
    whole = "the tower" if layers else "the policy"
    # a tower insuring one legal person names it on the policy copy: no list of one is asked
    entities = "" if single else ", insured-entities list"
    message = (
        f"insurance policy {base.id}{tower} has no claims evidence package: prepare one for "
        f"{whole} (asset inventory, data-flow diagrams, policy copies, incident-log location, "
        f"backup validation reports, vendor contracts{entities}) before an incident, so that a "
        "claim can be proven quickly, and record it as an EvidencePackage "
        "(insurer market practice, not a legal requirement)" + as_of_text(context)
    )
    return context.finding(info, base, ("id",), message)


def _package_gaps(
    context: RuleContext, info: RuleInfo, packages: list[Document], asked: list[str] | None = None
) -> Iterator[Finding]:
    """Missing and stale items of a tower's packages, read together: an item found sound in one
    package of the tower is not asked of another. ``asked``: the required items asked (none of
    a crime or specie tower, only its items' currency)."""
    if not packages:
        return
    items = [(p, i, item) for p in packages for i, item in dicts(p.data.get("items"))]
    sound = keyed(
        item.get("type")
        for _, _, item in items
        if kept_current(item) and not _item_issues(context, item)
    )
    present = keyed(item.get("type") for _, _, item in items)
    first = packages[0]
    where: JsonPath = ("items",) if "items" in first.data else ("id",)
    for kind in asked or []:
        if kind not in present:
            message = (
                f"claims evidence package {first.id} has no {kind.replace('_', ' ')} item: add "
                f"one (type: {kind}) with where it is kept, its owner and its last update"
            )
            yield context.finding(info, first, where, message, discriminator=kind)
    for package, i, item in items:
        issues = _item_issues(context, item)
        if issues and not kept_current(item):
            # a record of something past is one of a kind: another item of type other, sound,
            # is not it, and it asks no update, only to be found
            message = (
                f"the other item of claims evidence package {package.id} recorded as kept as it "
                f"was (kept_current: false) has {' and '.join(issues)}: record where it is kept "
                "(location) and who keeps it (owner), so that it can be found for the next claim"
            )
            yield context.finding(info, package, ("items", i), message)
        elif issues and (not among(item.get("type"), sound) or item.get("type") == "other"):
            # items of one type are one document kept in any package of the tower; an item of
            # type other is whatever it says it is, and another one sound is not it
            message = (
                f"the {item.get('type', 'untyped')} item of claims evidence package {package.id} "
                f"has {' and '.join(issues)}: an insurer asks for current documents that can be "
                "found during an incident; bring it up to date" + as_of_text(context)
            )
            yield context.finding(info, package, ("items", i), message)


def _item_issues(context: RuleContext, item: dict[str, Any]) -> list[str]:
    issues = [f"no {key}" for key in ("location", "owner") if not item.get(key)]
    if not kept_current(item):
        return issues
    updated = as_date(item.get("last_updated"))
    days = item_max_age(context.params, item.get("type"))
    if updated is None:
        issues.append("no last_updated date")
    elif days is not None and updated < shift(context.as_of, -days):
        issues.append(
            f"a last update on {updated.isoformat()}, more than {show_number(days)} days ago"
        )
    return issues


CHECKS: dict[str, PythonCheck] = {
    "claims-evidence-package": check_evidence_package,  # EVD-01
}
