"""INS-04: business-interruption cover that never pays for an outage of a critical function
recovered on plan (its waiting period outlasts the recovery), and dependent cover that leaves out
a critical supplier."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from resilint.domain.lifecycle import ENGAGED
from resilint.domain.readers import listed, number, show_number, value_at
from resilint.domain.tower import dependent_covers, included, insures
from resilint.findings import Finding
from resilint.model import Document
from resilint.rules.builtin.insurance.tower import judged
from resilint.rules.model import RuleContext, RuleInfo


def check_bi_gaps(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """INS-04: business-interruption cover that never pays for an outage of a critical function
    recovered on plan (one finding per policy, naming every such function); dependent cover
    that leaves out a critical supplier."""
    functions = context.facts.critical_functions()
    for policy in judged(context):
        late = [
            found
            for function in functions
            if insures(policy, context.facts.function(function).entities)
            and (found := _late(context, policy, function)) is not None
        ]
        if late:
            yield _waiting_finding(context, info, policy, late)
        yield from _dependent_gaps(context, info, policy, functions)


def _waiting_periods(
    context: RuleContext, policy: Document, function: Document
) -> list[tuple[str, float, str]]:
    """The covers of the policy that respond to an outage of the function, and their waiting
    periods: business interruption, and dependent business interruption when it has its own
    waiting period and covers a supplier the function rests on."""
    main = number(value_at(policy.data, "business_interruption", "waiting_period_hours"))
    own = number(value_at(policy.data, "dependent_bi", "waiting_period_hours"))
    found = []
    if main is not None and included(policy, "business_interruption"):
        found.append(("business-interruption", main, "business_interruption"))
    if own is not None and included(policy, "dependent_business_interruption"):
        suppliers = _engaged(context, context.facts.function(function).suppliers)
        if any(dependent_covers(context.facts, policy, s) for s in suppliers):
            found.append(("dependent business-interruption", own, "dependent_bi"))
    return found


@dataclass(frozen=True)
class _Late:
    """A function whose planned outage ends before the policy's cover starts paying."""

    function: Document
    rto: float | None
    mtpd: float | None
    covers: tuple[tuple[str, float, str], ...]
    """(cover, waiting period, policy section) of the covers that start too late."""

    @property
    def longest(self) -> float:
        return max(hours for _, hours, _ in self.covers)

    def described(self) -> str:
        criticality = self.function.data.get("criticality")
        parts = [f"RTO {_hours(self.rto)}"] if self.rto is not None else []
        if self.mtpd is not None and (self.rto is None or self.longest >= self.mtpd):
            parts.append(f"MTPD {_hours(self.mtpd)}")
        text = f"{self.function.id} ({criticality}: {', '.join(parts)}"
        if self.mtpd is not None and self.longest >= self.mtpd:
            text += ", intolerable before cover pays"
        return text + ")"


def _late(context: RuleContext, policy: Document, function: Document) -> _Late | None:
    rto = number(function.data.get("rto_hours"))
    mtpd = number(function.data.get("mtpd_hours"))
    bounds = [b for b in (rto, mtpd) if b is not None]
    periods = _waiting_periods(context, policy, function)
    covers = tuple(p for p in periods if any(p[1] >= b for b in bounds))
    return _Late(function, rto, mtpd, covers) if covers else None


def _waiting_finding(
    context: RuleContext, info: RuleInfo, policy: Document, late: list[_Late]
) -> Finding:
    """One finding for the policy's waiting periods, at the first that starts too late, naming
    each function it leaves its planned outage uninsured."""
    covers = list(dict.fromkeys(c for item in late for c in item.covers))
    shown = listed(
        [f"{cover} cover ({show_number(h)}-hour waiting period)" for cover, h, _ in covers]
    )
    longest = max(item.longest for item in late)
    who = "; ".join(item.described() for item in late)
    several = len(covers) > 1
    count = (
        f"{len(late)} critical or important functions are"
        if len(late) > 1
        else "a critical or important function is"
    )
    message = (
        f"the {shown} of insurance policy {policy.id} {'pay' if several else 'pays'} nothing "
        "until an outage has lasted "
        f"{'their waiting periods' if several else _hours(covers[0][1])}, and {count} planned "
        "to be back by then (its RTO, or its MTPD where no RTO is set): an outage recovered on "
        f"plan is never paid for ({who}). Fund the first "
        f"{_hours(longest)} of loss from a contingency budget, or negotiate a shorter waiting "
        "period at renewal (insurer market practice); record an accepted gap in a waiver"
    )
    related = [
        context.related(policy, (part, "waiting_period_hours"), f"{cover} waiting period")
        for cover, _, part in covers[1:]
    ]
    for item in late:
        intolerable = item.mtpd is not None and item.longest >= item.mtpd
        field = "rto_hours" if item.rto is not None and not intolerable else "mtpd_hours"
        text = f"{item.function.data.get('criticality')} function {item.function.id}"
        related.append(context.related(item.function, (field,), text))
    where = (covers[0][2], "waiting_period_hours")
    return context.finding(info, policy, where, message, tuple(related), "waiting-period")


def _hours(value: float) -> str:
    return f"{show_number(value)} {'hour' if value == 1 else 'hours'}"


def _engaged(context: RuleContext, ids: Iterable[str]) -> list[Document]:
    found = [context.index.get("Supplier", i) for i in ids]
    return [s for s in found if s is not None and context.facts.supplier(s).lifecycle == ENGAGED]


def _dependent_gaps(
    context: RuleContext, info: RuleInfo, policy: Document, functions: list[Document]
) -> Iterator[Finding]:
    scope = value_at(policy.data, "dependent_bi", "scope")
    if scope not in ("named", "it_providers") or not included(
        policy, "dependent_business_interruption"
    ):
        return  # all_suppliers leaves nobody out; no scope recorded is INS-03's finding
    users: dict[str, tuple[Document, list[Document]]] = {}
    for function in functions:
        if not insures(policy, context.facts.function(function).entities):
            continue
        for supplier in _engaged(context, context.facts.function(function).suppliers):
            if context.facts.supplier(supplier).critical and not dependent_covers(
                context.facts, policy, supplier
            ):
                users.setdefault(str(supplier.id), (supplier, []))[1].append(function)
    for supplier, needing in users.values():
        yield _left_out(context, info, policy, supplier, needing)


def _left_out(
    context: RuleContext,
    info: RuleInfo,
    policy: Document,
    supplier: Document,
    functions: list[Document],
) -> Finding:
    scope = value_at(policy.data, "dependent_bi", "scope")
    why = (
        "names only the providers it lists, and it is not named"
        if scope == "named"
        else "covers only IT providers, and it provides no ICT services"
    )
    who = ", ".join(f"{f.id} ({f.data.get('criticality')})" for f in functions)
    who = f"function {who} rests" if len(functions) == 1 else f"functions {who} rest"
    message = (
        f"insurance policy {policy.id} leaves out critical supplier {supplier.id}, on which "
        f"{who}: its dependent business-interruption cover {why}, so an outage at "
        f"{supplier.id} would not be covered (insurer market practice). Ask the broker to name "
        "the supplier, or record the accepted gap in a waiver"
    )
    chain = context.facts.supplier(supplier).chain
    related = [context.related(supplier, ("id",), "critical supplier left out")]
    related += [context.related(hop.document, hop.json_path, hop.text) for hop in chain]
    where = ("dependent_bi", "scope")
    return context.finding(info, policy, where, message, tuple(related), str(supplier.id))
