"""BCM-03: each supplier service a critical function depends on recovers within the function's
recovery time objective, or the function's degraded mode lasts until the supplier has recovered;
and may lose no more data than the function's recovery point objective allows."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from resilint.domain.delivery import DATA_FEED, FINANCIAL, IAAS, MARKET, SAAS, models_of
from resilint.domain.lifecycle import ENGAGED
from resilint.domain.readers import (
    dicts,
    number,
    point_at,
    show_number,
    strings,
    text_of,
    value_at,
)
from resilint.findings import Finding, JsonPath, Level, Related
from resilint.model import Document
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck, asking


def _label(function: Document) -> str:
    """``critical function order-processing``: says why the rule cares about the function."""
    return f"{text_of(function.data.get('criticality')) or 'critical'} function {function.id}"


@dataclass(frozen=True)
class _Fallback:
    """The longest degraded mode any plan of a function sustains (None: no plan says)."""

    hours: float | None
    plan: Document | None
    halt: Document | None = None
    """A plan whose manual procedure runs at 0 % capacity, when no plan has a degraded mode."""
    plans: tuple[Document, ...] = ()
    """Every plan of the function: their manual procedures were read to find it."""


def _fallback(context: RuleContext, function: Document) -> _Fallback:
    """The longest degraded mode of the function's plans. A manual procedure recorded at 0 %
    capacity (capacity_percent: 0) carries none of the work: it is a halt, not a degraded mode,
    and bridges no outage however long it may last."""
    best, halt = _Fallback(None, None), None
    # a plan naming the function misspelt counts as its own: the gap is REF-01's until mended
    plans = tuple(
        context.referrers("ContinuityPlan", "function", "BusinessFunction", str(function.id))
    )
    for plan in plans:
        procedure = plan.data.get("manual_procedure")
        hours = number(procedure.get("max_degraded_hours")) if isinstance(procedure, dict) else None
        if isinstance(procedure, dict) and number(procedure.get("capacity_percent")) == 0:
            halt = halt or plan
            continue
        if hours is not None and (best.hours is None or hours > best.hours):
            best = _Fallback(hours, plan)
    found = best if best.plan is not None else _Fallback(None, None, halt)
    return dataclasses.replace(found, plans=plans)


def _halted(fallback: _Fallback) -> str:
    """Why a plan recorded with a manual procedure bridges nothing, or ''."""
    if fallback.halt is None:
        return ""
    return (
        f" (the manual procedure of continuity plan {fallback.halt.id} runs at 0% capacity: "
        "a halt, not a degraded mode)"
    )


_DEGRADE = "plan a degraded mode that carries some of the work (capacity_percent above 0)"
"""The ask where a function halts under its plan: lasting longer carries none of the work."""


_WRITE = "write a continuity plan with a manual or degraded procedure that lasts"
"""The ask where a function has no continuity plan at all: there is no procedure to extend."""


_RECORD = "record max_degraded_hours and make it last"
"""The ask where no plan of a function says how long its manual procedure lasts: there is no
duration to extend, only one to record."""


def _kind(fallback: _Fallback) -> str:
    """What a function's fallback lacks: a longer degraded mode (``short``), one at all where
    its plan halts it (``halt``), the recorded length of its manual procedure (``unrecorded``),
    or a continuity plan (``planless``)."""
    if not fallback.plans:
        return "planless"
    if fallback.halt is not None:
        return "halt"
    return "unrecorded" if fallback.hours is None else "short"


_ASKS: dict[str, tuple[str, str]] = {
    "short": ("", "extend the manual procedure"),
    "halt": ("where a function halts under its plan", _DEGRADE),
    "unrecorded": ("where no plan of a function says how long its manual procedure runs", _RECORD),
    "planless": ("where a function has no continuity plan", _WRITE),
}
"""Each kind of missing or short degraded mode (:func:`_kind`), in the order asked: where it
applies, and the ask, which runs on into the "until ..." that follows."""


def _extend(fallbacks: list[_Fallback]) -> str:
    """How to make the manual fallbacks last: extend a degraded mode; where a plan's manual
    procedure runs at 0 % capacity (the function halts) nothing extends, so plan one; where no
    plan says how long its manual procedure runs, record that (max_degraded_hours); where a
    function has no continuity plan at all, write one."""
    kinds = {_kind(f) for f in fallbacks}
    present = [kind for kind in _ASKS if kind in kinds]
    if len(present) == 1:
        return _ASKS[present[0]][1]
    asks = [ask if not where else f"{where}, {ask}" for where, ask in (_ASKS[k] for k in present)]
    # a comma closes the clause on a halt's degraded mode; the others end in "last(s)" or
    # "procedure", which run on into "until"
    return (
        asks[0]
        + "".join(f" or, {ask}" for ask in asks[1:])
        + ("," if present[-1] == "halt" else "")
    )


@asking("BCM-07")
def check_supplier_rto_fits(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """BCM-03: each supplier service a critical function depends on recovers within the
    function's RTO, or the function's degraded mode lasts until the supplier has recovered.
    Service-level recovery times live on the function's own service entries, so this reads
    those edges of the dependency graph. A service with no contracted recovery time is judged
    once, over every function that relies on it (:func:`_unknown_recovery`)."""
    unknown: dict[tuple[str, int], list[_Reliance]] = {}
    services: _Services = {}
    planless = _planless_reported(context)
    for function in context.facts.critical_functions():
        rto = number(function.data.get("rto_hours"))
        if rto is None or function.id is None:
            continue  # BCM-01 reports the missing RTO
        fallback = _fallback(context, function)
        # a function with no continuity plan at all, which BCM-07 reports: its finding asks
        # for the plan, and once one is written this check weighs its manual procedure against
        # each supplier's recovery time; asking here too would say "write a plan" once more
        # for each service the function relies on. Its recovery point is still compared: no
        # plan recreates data a supplier has lost.
        left = not fallback.plans and function.id in planless
        depends = function.data.get("depends_on")
        entries = depends.get("services") if isinstance(depends, dict) else None
        rpo = number(function.data.get("rpo_hours"))
        for position, entry in dicts(entries):
            reliance = _Reliance(function, rto, fallback, position)
            found = (
                None if left else _service_gap(context, info, reliance, entry, unknown, services)
            )
            if found is not None:
                yield found
            if rpo is not None:
                lost = _rpo_gap(context, info, reliance, rpo, entry, services)
                if lost is not None:
                    yield lost
    for (supplier_id, index), relying in unknown.items():
        supplier = context.index.get("Supplier", supplier_id)
        if supplier is not None:
            yield from _unknown_recovery(context, info, supplier, index, relying, services)


def _planless_reported(context: RuleContext) -> set[str]:
    """The functions BCM-07 reports as having no continuity plan, at this rule's level or above
    (where BCM-07 does not run, or reports at a lower level, this rule says the gap itself)."""
    return context.reported_about("BCM-07", "BusinessFunction")


@dataclass(frozen=True)
class _Reliance:
    """A critical function relying on a supplier service, with what bridges an outage."""

    function: Document
    rto: float
    fallback: _Fallback
    position: int
    """Of the service entry in the function's depends_on.services."""

    @property
    def judged_on(self) -> list[tuple[Document, JsonPath]]:
        """What the function's need was judged from: its recovery time objective and how long
        its plans' manual procedures last (a mistyped one reads as none, which its schema error
        says: the check does not say it again in its own words)."""
        fields: list[tuple[Document, JsonPath]] = [(self.function, ("rto_hours",))]
        for plan in self.fallback.plans:
            fields.append((plan, ("manual_procedure", "max_degraded_hours")))
            fields.append((plan, ("manual_procedure", "capacity_percent")))
        return fields

    @property
    def mtpd(self) -> float | None:
        return number(self.function.data.get("mtpd_hours"))

    @property
    def bridged(self) -> bool:
        """Its degraded mode lasts until the outage would be intolerable anyway (the MTPD): it
        survives any supplier outage it can bear, whatever the supplier's recovery time."""
        hours, mtpd = self.fallback.hours, self.mtpd
        return hours is not None and mtpd is not None and hours >= mtpd

    @property
    def short(self) -> bool:
        """A real gap: no degraded mode at all, or one that ends before the MTPD."""
        return self.fallback.hours is None or (self.mtpd is not None and not self.bridged)


_Services = dict[int, dict[str, list[tuple[int, dict[str, Any]]]]]
"""Each supplier's services by name, in order (read once a check, not once for each entry or
finding that names one: 4,000 entries naming one supplier's 4,000 services read 16 million)."""


def _named(supplier: Document, services: _Services) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    named = services.get(id(supplier))
    if named is None:
        named = {}
        for position, service in dicts(supplier.data.get("services")):
            if isinstance(service.get("name"), str):
                named.setdefault(service["name"], []).append((position, service))
        services[id(supplier)] = named
    return named


def _service(
    supplier: Document, name: str, services: _Services
) -> tuple[int, dict[str, Any]] | None:
    found = _named(supplier, services).get(name)
    return found[0] if found else None


@dataclass(frozen=True)
class _Relied:
    """A service of an engaged supplier that carries a critical function's work."""

    supplier: Document
    name: str
    index: int
    """Of the service in the supplier's services."""
    service: dict[str, Any]


def _relied(
    context: RuleContext, function: Document, entry: dict[str, Any], services: _Services
) -> _Relied | None:
    """The service a function's depends_on.services entry names, where its outage or data loss
    reaches the function's critical work; None where it does not or cannot be told."""
    supplier_id, name = entry.get("supplier"), entry.get("service")
    supplier = context.index.get("Supplier", supplier_id) if isinstance(supplier_id, str) else None
    if supplier is None or supplier.id is None or not isinstance(name, str):
        return None  # an unknown supplier is a reference error; a malformed entry a schema one
    if context.facts.supplier(supplier).lifecycle != ENGAGED:
        return None  # a prospective or exited supplier's service is not what we run on
    found = _service(supplier, name, services)
    if found is None:
        return None  # a service its supplier does not list: the built-in check REF-05 says so
    if _aside(function, supplier, name, services):
        # relied on without supporting the function's critical work (the data model's way to
        # record such a dependency): its outage leaves that work running, within the RTO
        return None
    return _Relied(supplier, name, found[0], found[1])


def _rpo_gap(
    context: RuleContext,
    info: RuleInfo,
    reliance: _Reliance,
    rpo: float,
    entry: dict[str, Any],
    services: _Services,
) -> Finding | None:
    """A service whose contracted recovery point (the data its supplier may lose) is longer than
    the function's recovery point objective: no manual procedure recreates data the supplier has
    lost, so only a tighter recovery point or a copy of our own closes the gap."""
    function = reliance.function
    relied = _relied(context, function, entry, services)
    if relied is None:
        return None
    supplier, name, index = relied.supplier, relied.name, relied.index
    if relied.service.get("stores_data") is False:
        return None  # a service that stores none of our data has none to lose
    own = number(entry.get("rpo_hours"))
    need = ("depends_on", "services", reliance.position, "rpo_hours")
    if own is not None:
        rpo = own  # the function's need of this service's data, where it differs
    supplier_rpo = number(relied.service.get("contracted_rpo_hours"))
    if supplier_rpo is None or supplier_rpo <= rpo:
        return None  # no recovery point agreed (nothing to compare), or within the objective
    path = point_at(supplier.data, "services", index, "contracted_rpo_hours")
    related = (context.related(supplier, path, f"service {name} of {supplier.label}"),)
    most = _hours(rpo)
    field = "rpo_hours of its entry for the service" if own is not None else "rpo_hours"
    message = (
        f"{_label(function)} may lose at most {most} of data ({field}), but the contract of "
        f"supplier {supplier.id} lets it lose up to {_hours(supplier_rpo)} of the data of "
        f"service '{name}' (contracted_rpo_hours): no manual procedure recreates lost data, so "
        "a restore from the supplier's backups could leave the function without data it needs. "
        f"Negotiate a recovery point of at most {most}, or keep a copy of our own of that data, "
        f"taken at least once every {most}, to restore from, or agree a different RPO for this "
        "service with the function's owner and record it on the function's entry for the "
        "service (market practice, not a legal requirement)"
    )
    at = ("depends_on", "services", reliance.position)
    judged = [(function, ("rpo_hours",)), (function, need), (supplier, path)]
    return context.finding(info, function, at, message, related, judged_on=judged)


def _hours(value: float) -> str:
    """``1 hour``, ``24 hours``, ``0.5 hours``."""
    return f"{show_number(value)} hour{'' if value == 1 else 's'}"


def _service_gap(
    context: RuleContext,
    info: RuleInfo,
    reliance: _Reliance,
    entry: dict[str, Any],
    unknown: dict[tuple[str, int], list[_Reliance]],
    services: _Services,
) -> Finding | None:
    function = reliance.function
    relied = _relied(context, function, entry, services)
    if relied is None:
        return None
    supplier, name, index, service = relied.supplier, relied.name, relied.index, relied.service
    assert supplier.id is not None
    at = ("depends_on", "services", reliance.position)
    supplier_rto = number(service.get("contracted_rto_hours"))
    if supplier_rto is None:
        unknown.setdefault((supplier.id, index), []).append(reliance)
        return None
    fallback = reliance.fallback
    if supplier_rto <= reliance.rto or (
        fallback.hours is not None and fallback.hours >= supplier_rto
    ):
        return None  # fast enough, or the manual procedure bridges the supplier's recovery
    path = point_at(supplier.data, "services", index, "contracted_rto_hours")
    related = [context.related(supplier, path, f"service {name} of {supplier.label}")]
    if fallback.plan is not None:
        at_plan = ("manual_procedure", "max_degraded_hours")
        related.append(
            context.related(fallback.plan, at_plan, f"manual procedure of {fallback.plan.label}")
        )
    scheme = _a_scheme(context, supplier, name, services)
    message = _rto_message(reliance, supplier, name, supplier_rto, scheme)
    judged = [*reliance.judged_on, (supplier, path)]
    return context.finding(info, function, at, message, tuple(related), judged_on=judged)


def _aside(function: Document, supplier: Document, name: str, services: _Services) -> bool:
    """Whether the function relies on the supplier's service without it carrying its critical
    work: every service of that name is recorded supports_critical_function: false (a namesake
    recorded otherwise may be the one the function means), and the function does not also
    name the supplier itself among its dependencies (then it needs the supplier as a whole)."""
    named = _named(supplier, services).get(name, [])
    direct = strings(value_at(function.data, "depends_on", "suppliers"))
    return (
        bool(named)
        and all(service.get("supports_critical_function") is False for _, service in named)
        and supplier.id not in direct
    )


def _a_scheme(context: RuleContext, supplier: Document, name: str, services: _Services) -> bool:
    """Whether the service is a payment scheme's or a market infrastructure's: its recovery
    time is set by its rules for every participant, not negotiated with one."""
    return _models(context, supplier, name, services) == frozenset({MARKET})


def _models(
    context: RuleContext, supplier: Document, name: str, services: _Services
) -> frozenset[str]:
    """How the service is delivered: the models of the services of that name, else of all the
    supplier's, as :func:`.delivery.service_models` chooses them, from the check's index rather
    than a reading of every service each time."""
    facts = context.facts.supplier(supplier)
    chosen = [service for _, service in _named(supplier, services).get(name, [])]
    if not chosen:
        chosen = [service for _, service in dicts(supplier.data.get("services"))]
    return models_of(supplier, chosen, non_ict=facts.non_ict, operates=facts.operates)


AVAILABILITY_ONLY = {
    IAAS: "a cloud platform",
    SAAS: "a shared software service",
    FINANCIAL: "a bank or other financial institution",
    DATA_FEED: "a data vendor",
}
"""The delivery models whose providers commit to availability, not to restoring one customer's
service in a set time (market practice), with how a message names them."""


_SCHEME = (
    " (a payment scheme's or market infrastructure's rules set its recovery time for every "
    "participant: it is not negotiated)"
)


def _rto_message(
    reliance: _Reliance, supplier: Document, name: str, supplier_rto: float, scheme: bool
) -> str:
    """A supplier's contracted recovery time longer than the function's RTO, with no degraded
    mode lasting until the supplier has recovered. Where that time runs past the function's
    MTPD and can be negotiated, the degraded mode is asked to last until the MTPD with a
    recovery time within it, never to last past the MTPD; a payment scheme's or market
    infrastructure's time is set by its rules, so its recovery is what the degraded mode must
    last until."""
    rto, fallback, mtpd = reliance.rto, reliance.fallback, reliance.mtpd
    need = f"{_label(reliance.function)} must recover within {show_number(rto)} hours, but "
    takes = show_number(supplier_rto)
    message = need + f"supplier {supplier.id} has {takes} hours to restore service '{name}'"
    if not scheme:
        faster = f"negotiate a recovery time of at most {show_number(rto)} hours"
    elif mtpd is not None and supplier_rto > mtpd:
        # an RTO as long as the scheme's time would pass the MTPD: no RTO can be revisited so
        faster = (
            "plan an alternative to the service that restores the function within its MTPD of "
            f"{show_number(mtpd)} hours{_SCHEME}"
        )
    else:
        faster = f"revisit the function's RTO with its owner{_SCHEME}"
    hours, plan = fallback.hours, fallback.plan
    if reliance.bridged and mtpd is not None and hours is not None and plan is not None:
        return message + _past_mtpd(plan, hours, mtpd, max(hours, rto), scheme)
    # the degraded mode need last no longer than the MTPD where the recovery time can come
    # within it too: both together carry the function until the supplier has recovered
    cap = mtpd if mtpd is not None and supplier_rto > mtpd and not scheme else None
    until = "until the supplier has recovered"
    within = ""
    if cap is not None:
        until = f"until the function's MTPD of {show_number(cap)} hours"
        within = f" and negotiate a recovery time of at most {show_number(cap)} hours"
    kind = _kind(fallback)
    if kind == "halt":  # a plan at 0 % capacity: lasting longer carries nothing
        none = f", and the function has no degraded mode to carry it{_halted(fallback)}: "
        bridge = f"{_DEGRADE} and lasts {until}"
    elif kind == "planless":  # no plan at all: there is no procedure to record or extend
        none = ", and the function has no continuity plan: "
        bridge = (
            "write a continuity plan with a manual or degraded procedure whose duration "
            f"(max_degraded_hours) lasts {until}"
        )
    elif kind == "unrecorded" or hours is None or plan is None:
        none = (
            ", and no continuity plan for the function says how long its manual procedure can run: "
        )
        bridge = f"{_RECORD} {until}"
    else:
        short = f", and the manual procedure of continuity plan {plan.id} lasts only "
        bearable = (
            "" if cap is None else f", less than the function's MTPD of {show_number(cap)} hours"
        )
        none = f"{short}{show_number(hours)} hours{bearable}: "
        target = supplier_rto if cap is None else cap
        bridge = f"extend the manual procedure to {show_number(target)} hours"
    if within:  # two steps that together carry the function: apart from the other remedy
        return message + none + f"{faster}; or {bridge}{within}"
    return message + none + (f"{bridge}, or {faster}" if scheme else f"{faster}, or {bridge}")


def _past_mtpd(plan: Document, hours: float, mtpd: float, enough: float, scheme: bool) -> str:
    """The degraded mode lasts until the MTPD or beyond, but ends before the supplier has
    recovered: a recovery time within it (``enough``: its length, or the RTO where that is
    longer) carries the function, with no degraded mode asked to last longer; a scheme's time is
    not negotiated, so an alternative that restores the function before the degraded mode ends.
    Else the function's owner accepts the risk."""
    accept = (
        "or, if the function's owner accepts the risk that the degraded mode ends before the "
        "supplier has recovered, record that in an approved Waiver for BCM-03"
    )
    lasts = show_number(hours)
    return (
        f", and the manual procedure of continuity plan {plan.id} already lasts {lasts} hours, "
        f"which reaches the function's MTPD of {show_number(mtpd)} hours, but ends before the "
        "supplier has recovered: "
        + (
            f"plan an alternative to the service that restores the function within {lasts} "
            f"hours{_SCHEME}, {accept}"
            if scheme
            else f"negotiate a recovery time of at most {show_number(enough)} hours, {accept}"
        )
    )


def _unknown_recovery(
    context: RuleContext,
    info: RuleInfo,
    supplier: Document,
    index: int,
    relying: list[_Reliance],
    services: _Services,
) -> Iterator[Finding]:
    """One finding for a service without a contracted recovery time, at the service, naming the
    functions its outage could outlast: an error where a function's degraded mode is missing or
    ends before its MTPD; a warning where a function records no MTPD, so nobody can tell (BCM-01
    reports that). Nothing where every function's degraded mode reaches its MTPD."""
    open_ = [r for r in relying if not r.bridged]
    if not open_:
        return
    short = [r for r in open_ if r.short]
    name = text_of(value_at(supplier.data, "services", index, "name"))
    within = (
        f"{'their' if len(open_) > 1 else 'its'} RTO (at most "
        f"{show_number(min(r.rto for r in open_))} hours)"
    )
    models = _models(context, supplier, name or "", services)
    extend = (
        f"{_extend([r.fallback for r in open_])} until the outage would be intolerable anyway"
        " (the MTPD)"
    )
    if models == frozenset({MARKET}):
        ask = (
            "record the recovery time the scheme's rules commit it to on the service"
            f"{_SCHEME}, and compare it with {within}, or {extend}"
        )
    elif models and models <= AVAILABILITY_ONLY.keys():
        kinds = " or ".join(AVAILABILITY_ONLY[m] for m in sorted(models))
        ask = (
            f"{extend}, since {kinds} commits to availability, seldom to restoring one customer's "
            f"service in a set time (market practice); where it does, record that time on the "
            f"service and compare it with {within}"
        )
    else:
        ask = f"negotiate a recovery time within {within} and record it on the service, or {extend}"
    message = (
        f"supplier {supplier.id} has no contracted recovery time (contracted_rto_hours) for "
        f"service '{name}', and {_outlasts(open_)}: {ask}"
    )
    related = tuple(_reliance_place(context, r) for r in open_)
    level = info.level if short else Level.WARNING
    at = ("services", index)
    # whether a degraded mode bridges the outage is judged against the MTPD too
    judged = [f for r in relying for f in (*r.judged_on, (r.function, ("mtpd_hours",)))]
    yield context.finding(info, supplier, at, message, related, level=level, judged_on=judged)


def _outlasts(open_: list[_Reliance]) -> str:
    parts = []
    for r in open_:
        what, kind = _label(r.function), _kind(r.fallback)
        if kind == "halt":
            parts.append(f"{what} has no degraded mode to carry it{_halted(r.fallback)}")
        elif kind == "planless":
            parts.append(f"{what} has no degraded mode to carry it (no continuity plan)")
        elif kind == "unrecorded" or r.fallback.hours is None or r.fallback.plan is None:
            parts.append(
                f"{what} has no degraded mode of known length to carry it ({_unrecorded(r)})"
            )
        elif r.mtpd is None:
            parts.append(
                f"{what} records no MTPD to judge its {show_number(r.fallback.hours)}-hour "
                "degraded mode against"
            )
        else:
            parts.append(
                f"the degraded mode of {what} ({r.fallback.plan.id}) lasts "
                f"{show_number(r.fallback.hours)} hours, less than its MTPD of "
                f"{show_number(r.mtpd)}"
            )
    return "; ".join(parts)


def _unrecorded(reliance: _Reliance) -> str:
    """Which plans do not say how long the function's manual procedure can run."""
    plans = reliance.fallback.plans
    if len(plans) == 1:
        return (
            f"its continuity plan {plans[0].id} records no max_degraded_hours, how long its "
            "manual procedure can run"
        )
    return (
        "none of its continuity plans records max_degraded_hours, how long its manual "
        "procedure can run"
    )


def _reliance_place(context: RuleContext, reliance: _Reliance) -> Related:
    at = ("depends_on", "services", reliance.position)
    return context.related(reliance.function, at, f"{_label(reliance.function)} relies on it")


CHECKS: dict[str, PythonCheck] = {
    "supplier-rto-within-function-rto": check_supplier_rto_fits,  # BCM-03
}
