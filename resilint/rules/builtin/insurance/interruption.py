"""INS-04: business-interruption cover whose waiting period outlasts a critical function's
maximum tolerable period of disruption (a warning), or only its recovery time objective (a note:
an outage recovered on plan is never paid for); and dependent cover that leaves out a critical
supplier."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from resilint.domain.delivery import no_ict_words
from resilint.domain.lifecycle import ENGAGED
from resilint.domain.readers import dicts, listed, number, show_number, text_of, value_at
from resilint.domain.tower import (
    dependent_covers,
    excluded_infrastructure,
    included,
    insured_group_company,
    insures,
    runs_on_our_systems,
    unwritten_dependency,
)
from resilint.findings import Finding, JsonPath, Level
from resilint.model import Document
from resilint.rules.builtin.insurance.tower import judged
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck


def check_bi_gaps(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """INS-04: per policy, one warning naming every critical function whose MTPD ends before a
    cover that responds to its outage pays, one note naming those whose RTO alone does; and
    dependent cover that leaves out a critical supplier."""
    functions = context.facts.critical_functions()
    for policy in judged(context):
        insured = [
            f
            for f in functions
            if insures(policy, context.facts.function(f).entities, context.index)
        ]
        covered = [(f, _covers(context, policy, f)) for f in insured]
        intolerable = [g for f, c in covered if (g := _gap(f, "mtpd_hours", c)) is not None]
        gapped = {g.function.id for g in intolerable}
        on_plan = [
            g
            for f, c in covered
            if f.id not in gapped and (g := _gap(f, "rto_hours", c)) is not None
        ]
        if intolerable:
            yield _intolerable_finding(context, info, policy, intolerable)
        # a function whose MTPD fails the schema ('12h') is not known to be past it: its note
        # waits for the MTPD, unless another function's gap makes the note anyway
        sure = [g for g in on_plan if not _unreadable(g.function, "mtpd_hours")]
        if sure:
            yield _on_plan_note(context, info, policy, sure)
        elif on_plan:
            mtpds = [(g.function, ("mtpd_hours",)) for g in on_plan]
            yield _on_plan_note(context, info, policy, on_plan, mtpds)
        yield from _dependent_gaps(context, info, policy, functions)


@dataclass(frozen=True)
class _Cover:
    """A cover of a policy that responds to an outage, and its waiting period."""

    name: str
    hours: float
    section: str
    """The policy's section holding ``waiting_period_hours``."""

    @property
    def described(self) -> str:
        return f"{self.name} cover's {show_number(self.hours)}-hour waiting period"


def _covers(context: RuleContext, policy: Document, function: Document) -> list[_Cover]:
    """The covers of the policy that respond to an outage of the function, and their waiting
    periods: business interruption, and dependent business interruption when it has its own
    waiting period and covers a supplier the function rests on."""
    main = number(value_at(policy.data, "business_interruption", "waiting_period_hours"))
    own = number(value_at(policy.data, "dependent_bi", "waiting_period_hours"))
    found = []
    if main is not None and included(policy, "business_interruption"):
        found.append(_Cover("business-interruption", main, "business_interruption"))
    if own is not None and included(policy, "dependent_business_interruption"):
        suppliers = _engaged(context, context.facts.function(function).suppliers)
        if any(dependent_covers(context.facts, policy, s) for s in suppliers):
            found.append(_Cover("dependent business-interruption", own, "dependent_bi"))
    return found


_BOUNDS = {"mtpd_hours": "MTPD", "rto_hours": "RTO"}


@dataclass(frozen=True)
class _Gap:
    """A function, one of its bounds (MTPD or RTO), and the covers whose waiting period lasts
    at least that bound: they pay nothing for an outage that ends within it."""

    function: Document
    field: str
    """``mtpd_hours`` or ``rto_hours``."""
    hours: float
    covers: tuple[_Cover, ...]

    def described(self) -> str:
        bound = f"{_BOUNDS[self.field]} {_hours(self.hours)}"
        return f"{self.function.id}: {bound}, {listed([c.described for c in self.covers])}"


def _gap(function: Document, field: str, covers: list[_Cover]) -> _Gap | None:
    hours = number(function.data.get(field))
    if hours is None:
        return None
    late = tuple(c for c in covers if c.hours >= hours)
    return _Gap(function, field, hours, late) if late else None


def _intolerable_finding(
    context: RuleContext, info: RuleInfo, policy: Document, gaps: list[_Gap]
) -> Finding:
    """The catalogue's gap, at the rule's level: cover starts only once the disruption of a
    critical function has become intolerable."""
    message = (
        f"insurance policy {policy.id} pays nothing for an outage of {_count(gaps)} until the "
        f"disruption has become intolerable: {_each(gaps)} lasts at least the function's maximum "
        f"tolerable period of disruption (MTPD) ({_who(gaps)}). {_fund(gaps)}, or negotiate a "
        "waiting period shorter than the MTPD at renewal (insurer market practice); record an "
        "accepted gap in a waiver"
    )
    return _waiting_finding(context, info, policy, gaps, message, "waiting-period-mtpd", None)


def _unreadable(function: Document, field: str) -> bool:
    return function.data.get(field) is not None and number(function.data.get(field)) is None


def _on_plan_note(
    context: RuleContext,
    info: RuleInfo,
    policy: Document,
    gaps: list[_Gap],
    judged: Sequence[tuple[Document, JsonPath]] = (),
) -> Finding:
    """A note, at level info: cover never pays for an outage recovered on plan. Usual in the
    market, so it informs the risk-finance budget without gating a check."""
    message = (
        f"insurance policy {policy.id} pays nothing for an outage of {_count(gaps)} that is "
        f"recovered on plan: {_each(gaps)} lasts at least the function's recovery time objective "
        f"(RTO), though not its maximum tolerable period of disruption ({_who(gaps)}). A waiting "
        "period of 8 to 12 hours is common (insurer market practice) and leaves the loss of an "
        f"outage recovered on plan to us. {_fund(gaps)}, or negotiate a waiting period shorter "
        "than the RTO at renewal where that loss matters"
    )
    return _waiting_finding(
        context, info, policy, gaps, message, "waiting-period-rto", Level.INFO, judged
    )


def _waiting_finding(
    context: RuleContext,
    info: RuleInfo,
    policy: Document,
    gaps: list[_Gap],
    message: str,
    discriminator: str,
    level: Level | None,
    judged: Sequence[tuple[Document, JsonPath]] = (),
) -> Finding:
    """At the waiting period of the first cover it names, with the others and each function's
    bound beside it."""
    covers = _covers_of(gaps)
    related = [
        context.related(policy, (c.section, "waiting_period_hours"), f"{c.name} waiting period")
        for c in covers[1:]
    ]
    for gap in gaps:
        text = f"{gap.function.data.get('criticality')} function {gap.function.id}"
        related.append(context.related(gap.function, (gap.field,), text))
    where = (covers[0].section, "waiting_period_hours")
    return context.finding(
        info, policy, where, message, tuple(related), discriminator, level=level, judged_on=judged
    )


def _covers_of(gaps: list[_Gap]) -> list[_Cover]:
    """The covers the gaps name, business interruption before dependent business interruption."""
    found = dict.fromkeys(c for gap in gaps for c in gap.covers)
    return sorted(found, key=lambda c: c.section != "business_interruption")


def _count(gaps: list[_Gap]) -> str:
    many = f"{len(gaps)} critical or important functions"
    return many if len(gaps) > 1 else "a critical or important function"


def _each(gaps: list[_Gap]) -> str:
    one = len(gaps) == 1 and len(gaps[0].covers) == 1
    return "the waiting period" if one else "each waiting period"


def _who(gaps: list[_Gap]) -> str:
    return "; ".join(gap.described() for gap in gaps)


def _fund(gaps: list[_Gap]) -> str:
    """The contingency to fund, in the hours of the covers the finding names."""
    covers = _covers_of(gaps)
    if len({c.hours for c in covers}) == 1:
        return f"Fund the first {_hours(covers[0].hours)} of loss from a contingency budget"
    each = ", ".join(f"{_hours(c.hours)} under the {c.name} cover" for c in covers)
    return f"Fund the loss until each cover pays ({each}) from a contingency budget"


def _hours(value: float) -> str:
    return f"{show_number(value)} {'hour' if value == 1 else 'hours'}"


def _engaged(context: RuleContext, ids: Iterable[str]) -> list[Document]:
    found = [context.index.get("Supplier", i) for i in ids]
    return [s for s in found if s is not None and context.facts.supplier(s).lifecycle == ENGAGED]


def _dependent_gaps(
    context: RuleContext, info: RuleInfo, policy: Document, functions: list[Document]
) -> Iterator[Finding]:
    scope = value_at(policy.data, "dependent_bi", "scope")
    if scope is None or not included(policy, "dependent_business_interruption"):
        return  # no scope recorded is INS-03's finding
    users: dict[str, tuple[Document, list[Document]]] = {}
    for function in functions:
        if not insures(policy, context.facts.function(function).entities, context.index):
            continue
        for supplier in _engaged(context, context.facts.function(function).suppliers):
            if _outside_dependent_cover(context, policy, supplier):
                continue
            if context.facts.supplier(supplier).critical and not dependent_covers(
                context.facts, policy, supplier
            ):
                users.setdefault(str(supplier.id), (supplier, []))[1].append(function)
    for supplier, needing in users.values():
        yield _left_out(context, info, policy, supplier, needing)


def _outside_dependent_cover(context: RuleContext, policy: Document, supplier: Document) -> bool:
    """A supplier that dependent cover has no reason to name: one of our group companies that
    the policy insures (its outage is an insured's own, under business-interruption cover); a
    regulated bank, custodian or depositary, for which dependent cover is not written; the vendor
    of software we run ourselves, whose failure reaching us is an outage of our own systems; or a
    payment scheme or market infrastructure (every service market_infrastructure) where the
    policy excludes the failure of such infrastructure (an exclusion of type
    infrastructure_failure): naming it would buy nothing."""
    if insured_group_company(context.facts, policy, supplier):
        return True
    if unwritten_dependency(context.facts, supplier) or runs_on_our_systems(
        context.facts, supplier
    ):
        return True
    models = context.facts.supplier(supplier).service_models
    excluded = {text_of(e.get("type")) for _, e in dicts(policy.data.get("exclusions"))}
    return models == frozenset({"market_infrastructure"}) and "infrastructure_failure" in excluded


def _left_out(
    context: RuleContext,
    info: RuleInfo,
    policy: Document,
    supplier: Document,
    functions: list[Document],
) -> Finding:
    who = ", ".join(f"{f.id} ({f.data.get('criticality')})" for f in functions)
    who = f"function {who} rests" if len(functions) == 1 else f"functions {who} rest"
    excluded = excluded_infrastructure(context.facts, policy, supplier)
    if excluded is not None:
        where: JsonPath = ("exclusions", excluded, "type")
        message = _excluded_carrier(policy, supplier, who, excluded)
    else:
        where = ("dependent_bi", "scope")
        why = (
            "names only the providers it lists, and it is not named"
            if value_at(policy.data, "dependent_bi", "scope") == "named"
            else f"covers only IT providers, and it {no_ict_words(supplier)}"
        )
        infrastructure = context.facts.supplier(supplier).service_models == frozenset(
            {"market_infrastructure"}
        )
        ask = (
            "Cover for the outage of a payment system or market infrastructure is seldom "
            "offered: ask the broker whether it can be named, or record the accepted gap in a "
            "waiver with how the function would bear such an outage"
            if infrastructure
            else "Ask the broker to name the supplier, or record the accepted gap in a waiver"
        )
        message = (
            f"insurance policy {policy.id} leaves out critical supplier {supplier.id}, on which "
            f"{who}: its dependent business-interruption cover {why}, so our loss from an "
            f"outage of {supplier.id} that a cyber incident at it causes would not be covered "
            f"(insurer market practice). {ask}"
        )
    chain = context.facts.supplier(supplier).chain
    label = "critical network carrier" if excluded is not None else "critical supplier left out"
    related = [context.related(supplier, ("id",), label)]
    related += [context.related(hop.document, hop.json_path, hop.text) for hop in chain]
    return context.finding(info, policy, where, message, tuple(related), str(supplier.id))


def _excluded_carrier(policy: Document, supplier: Document, who: str, excluded: int) -> str:
    """Why dependent cover will not respond to a critical network carrier's outage."""
    exclusion = value_at(policy.data, "exclusions", excluded, "id")
    return (
        f"the dependent business-interruption cover of insurance policy {policy.id} will not "
        f"respond to an outage of critical supplier {supplier.id}, on which {who}: "
        f"{supplier.id} is a network carrier, and the policy excludes infrastructure failure "
        f"(exclusion {exclusion}), which in cyber wordings takes out the outage of a "
        "telecommunications network not under our control however the dependent cover is "
        "scoped (insurer market practice; the wording decides). Ask the broker for a "
        f"carve-back naming {supplier.id} (then record it in dependent_bi.named_providers), or "
        "record the accepted gap in a waiver"
    )


CHECKS: dict[str, PythonCheck] = {
    "insurance-bi-gaps": check_bi_gaps,  # INS-04
}
