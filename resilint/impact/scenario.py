"""One scenario end to end: what is down (a supplier, a cloud region, a shared dependency or
one of our functions), the functions it reaches through the dependency graph, and what follows
for each of them, for our entities, our insurance and our people.

It reads the facts and the one dependency graph of the checked model (``Facts``); it builds
neither again, and it never prints.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from resilint.domain import Facts
from resilint.domain.graph import PRIMARY, Chain, Hop, Region
from resilint.domain.lifecycle import PROSPECTIVE, completed_exercises
from resilint.domain.notice_clocks import (
    Started,
    may_hold_personal_data,
    runs_from,
    started_by_outage,
    started_by_supplier,
)
from resilint.domain.readers import (
    dicts,
    in_order,
    listed,
    number,
    show_number,
    strings,
    text_of,
    value_at,
)
from resilint.domain.tower import CYBER, line_of
from resilint.errors import NotFound
from resilint.impact import clocks, cover, people
from resilint.impact.functions import (
    STANDBY_ONLY,
    SUPPORTED_ONLY,
    Reached,
    function_impact,
    plan_fits,
)
from resilint.impact.model import (
    DEPENDENCY,
    FUNCTION,
    REGION,
    SUPPLIER,
    FunctionImpact,
    IdentityToDisable,
    Impact,
    Notice,
    PlaybookView,
    SupplierView,
    Target,
)
from resilint.model import Document, caseless
from resilint.patterns import kept
from resilint.suggest import did_you_mean


def analyse(facts: Facts, target: Target, hours: float | None, test_days: int = 365) -> Impact:
    """What the outage of ``target`` for ``hours`` does; ``test_days``: the yearly limit on a
    critical function's plan test (EXR-01's ``max_age_days``)."""
    reached, down = reach(facts, target)
    ids = frozenset(str(s.id) for s in down)
    done = completed_exercises(facts.index, facts.as_of)
    functions = tuple(
        sorted(
            (function_impact(facts, r, hours, ids, done, test_days, target.kind) for r in reached),
            key=lambda f: (not f.stopped, not f.critical),
        )
    )
    entities = _entities(facts, reached, down)
    books = people.playbooks(facts, down)
    own = target.kind == FUNCTION
    involved = cover.policies_involved(facts, entities)
    unanswered = cover.unanswered(facts, involved, down, own)
    # a crime or specie policy that cannot answer has nothing to show; a cyber policy's
    # covers say themselves that they do not respond
    policies = [p for p in involved if str(p.id) not in unanswered or line_of(facts, p) == CYBER]
    suppliers = tuple(people.supplier_view(facts, s) for s in down)
    stopped = [r.function for r in reached if r.stopped]
    started = {e: _started(facts, e, down, stopped) for e in entities}
    noticed = [p for p in involved if str(p.id) not in unanswered]
    # a function the outage does not stop offers none of its plans' messages as fitting
    running = frozenset(str(r.function.id) for r in reached if not r.stopped)
    running -= {str(r.function.id) for r in reached if r.stopped}
    fits = functools.partial(plan_fits, down=ids, target=target.kind, running=running)
    exposed = cover.data_claim_only(facts, noticed, down, own)
    notices = _notices(facts, started, noticed, [r.function for r in reached], books, fits, exposed)
    identities = people.identities(facts, down)
    waiting = _not_ours_yet(suppliers, reached, identities)
    return Impact(
        target=target,
        hours=hours,
        as_of=facts.as_of,
        suppliers=suppliers,
        functions=functions,
        entities=entities,
        notices=() if waiting else notices,
        once_engaged=notices if waiting else (),
        identities=identities,
        insurance=cover.insurance(facts, policies, down, own, hours, *waiting[:1]),
        playbooks=books,
        owners=people.owners(functions, suppliers, books, policies),
        notes=(
            *_prospective(waiting, bool(notices)),
            *_notes(facts, functions, started),
            *_unnoticed(unanswered),
            *_unlinked(facts, target, down),
        ),
        personal_data_down=not down or any(may_hold_personal_data(facts.supplier(s)) for s in down),
    )


def _not_ours_yet(
    suppliers: Iterable[SupplierView],
    reached: list[Reached],
    identities: Iterable[IdentityToDisable],
) -> list[str]:
    """The supplier down, when it is prospective and nothing of ours is with it yet: no function
    of ours rests on it and no active identity of it opens our systems. Its compromise is then
    no incident of ours and starts no clock; [] otherwise."""
    suppliers = list(suppliers)
    if len(suppliers) != 1 or reached or any(i.status == "active" for i in identities):
        return []
    return [suppliers[0].id] if suppliers[0].lifecycle == PROSPECTIVE else []


def _prospective(waiting: list[str], clocks_once_engaged: bool) -> tuple[str, ...]:
    if not waiting:
        return ()
    named = waiting[0]
    then = (
        " The clocks listed under 'Once engaged' are those its compromise would start once we "
        "engage it and put our data, services or access with it."
        if clocks_once_engaged
        else ""
    )
    return (
        f"{named} is prospective: no business function of ours rests on it and no identity of "
        "it opens our systems, so its outage or compromise today is no incident of ours and "
        f"starts no regulator, data protection or insurer clock.{then} Should it already hold "
        "data of ours (a pilot, due diligence samples), treat its compromise as ours.",
    )


def reach(facts: Facts, target: Target) -> tuple[list[Reached], list[Document]]:
    """The functions the outage reaches, and the suppliers whose outage it is."""
    if target.kind == SUPPLIER:
        supplier = _document(facts, "Supplier", target.value)
        return _on_supplier(facts, supplier), [supplier]
    if target.kind == REGION:
        return _in_region(facts, target.value)
    if target.kind == DEPENDENCY:
        return _on_dependency(facts, target.value)
    function = _document(facts, "BusinessFunction", target.value)
    hop = Hop(function, ("id",), f"{function.id} itself is down")
    return [Reached(function, (hop,))], []


def _document(facts: Facts, kind: str, value: str) -> Document:
    found = facts.index.get(kind, value)
    if found is None:
        label = "supplier" if kind == "Supplier" else "business function"
        hint = did_you_mean(value, facts.index.ids(kind))
        raise NotFound(f"no {label} has the id '{value}'{hint}", f"the {label}")
    return found


PLAN_ONLY = "its continuity plan covers the supplier's failure, but it does not rest on it"
"""Why a function reached only through its plan's ``suppliers`` is not stopped: a security
monitoring provider a plan lists does not stop card authorisation when it is down."""


NOT_RELIED_ON = (
    "what it uses of the supplier is recorded as not supporting a critical or important "
    "function (supports_critical_function: false)"
)
"""Why a critical or important function that reaches the supplier only through a link recorded
as not supporting one (a service it names, or a subcontractor entry, recorded
``supports_critical_function: false``) is not stopped: an insurer's policy administration
names its print-and-mail house, whose service is recorded so because documents reach customers
by the portal and e-mail meanwhile. The requirements matrix judges that supplier by the same
record (not critical): the impact does not breach the function's recovery time for it."""


ALTERNATIVE_READY = (
    "it moves to {alternative}, an onboarded alternative of the supplier that is down"
)
"""Why a function resting directly on the supplier that is down does not stop: the supplier has
an alternative recorded as onboarded (integrated and able to take over), as CON-01 honours a
ready alternative. An alternative of a supplier further down the chain does not help."""


def _ready_alternative(facts: Facts, supplier: Document, chain: Chain) -> str | None:
    """The id of an onboarded alternative of ``supplier`` able to take over the service the
    function names, when the function rests on ``supplier`` directly (a chain of one hop)."""
    if len(chain) != 1:
        return None
    service = value_at(chain[0].document.data, *chain[0].json_path, "service")
    for item in supplier.data.get("alternatives") or []:
        if not isinstance(item, dict) or item.get("readiness") != "onboarded":
            continue
        named = item.get("supplier")
        if not isinstance(named, str) or facts.index.get("Supplier", named) is None:
            continue
        services = strings(item.get("services"))
        if services and isinstance(service, str) and service not in services:
            continue
        return named
    return None


def _relied_on(facts: Facts, function: Document, supplier: str) -> bool:
    """The function reaches the supplier by a chain no link of which is recorded as not
    supporting a critical or important function (the graph's ``supporting``)."""
    return supplier in facts.graph.reach(function).supporting


def _on_supplier(facts: Facts, supplier: Document) -> list[Reached]:
    """Functions resting on the supplier in the graph (stopped, unless the supplier has an
    onboarded alternative for what the function uses), and those whose continuity plan says it
    covers the supplier's failure (listed, not stopped: no breach of their RTO)."""
    reached = []
    for f, chain in facts.graph.resting_on(str(supplier.id)):
        if facts.function(f).critical and not _relied_on(facts, f, str(supplier.id)):
            reached.append(Reached(f, chain, False, NOT_RELIED_ON))
            continue
        alternative = _ready_alternative(facts, supplier, chain)
        if alternative is None:
            reached.append(Reached(f, chain))
        else:
            reached.append(
                Reached(f, chain, False, ALTERNATIVE_READY.format(alternative=alternative))
            )
    seen = {id(r.function) for r in reached}
    for supported, hop in facts.derived(_supported, None).get(str(supplier.id), []):
        if id(supported) not in seen:
            reached.append(Reached(supported, (hop,), False, SUPPORTED_ONLY))
            seen.add(id(supported))
    for plan in in_order(facts.index.of_kind("ContinuityPlan")):
        named = plan.data.get("function")
        function = facts.index.get("BusinessFunction", named) if isinstance(named, str) else None
        listed = strings(plan.data.get("suppliers"))
        if function is None or id(function) in seen or supplier.id not in listed:
            continue
        text = f"continuity plan {plan.id} covers the failure of {supplier.id}"
        hop = Hop(plan, ("suppliers", listed.index(str(supplier.id))), text)
        # the plan is ready for the supplier's failure; the function does not rest on it
        reached.append(Reached(function, (hop,), False, PLAN_ONLY))
        seen.add(id(function))
    return reached


def _supported(facts: Facts, _: None) -> dict[str, list[tuple[Document, Hop]]]:
    """For each supplier id, the functions naming it under ``supported_by``, in file order."""
    table: dict[str, list[tuple[Document, Hop]]] = {}
    for function in in_order(facts.index.of_kind("BusinessFunction")):
        for supporting, _services, chain in facts.graph.supported_by(function):
            table.setdefault(str(supporting.id), []).append((function, chain[0]))
    return table


def _in_region(facts: Facts, value: str) -> tuple[list[Reached], list[Document]]:
    provider, _, region = value.rpartition("/") if "/" in value else value.rpartition(":")
    found = facts.graph.running_in(region, provider or None)
    if not found:
        known = {
            r.label.replace(" ", "/")
            for f in facts.index.of_kind("BusinessFunction")
            for r, _ in facts.graph.reach(f).regions.values()
        }
        hint = did_you_mean(value, sorted(known))
        raise NotFound(
            f"no business function relies on cloud region '{value}'{hint}",
            "a business function running there",
        )
    merged: dict[int, Reached] = {}
    for function, where, chain in found:
        before = merged.get(id(function))
        if before is None or (where.role == PRIMARY and not before.stopped):
            merged[id(function)] = Reached(function, chain, where.role == PRIMARY)
    return list(merged.values()), _in_region_down(facts, found)


def _in_region_down(facts: Facts, found: list[tuple[Document, Region, Chain]]) -> list[Document]:
    """The suppliers whose outage a region's is: its provider, when a supplier of ours, and
    the suppliers that run there (themselves or through their subcontractors) as their
    primary region. One that keeps only a standby or a replica there, or runs there as one of
    several active regions, goes on serving: its playbook, identities and insurance are not
    this outage's, unless it is the region's provider (named ``nimbara`` in the region a
    supplier ``nimbara-cloud`` records of itself)."""
    keys = {where.key for _, where, _ in found}
    down = {id(s): s for s in (facts.graph.supplier_named(r.provider) for _, r, _ in found) if s}
    for function, _, _ in found:
        routes = facts.graph.reach(function).routes
        for region, chain in (route for key in keys for route in routes.get(key, [])):
            runs = chain[-1].document
            if runs.kind == "Supplier" and (region.role == PRIMARY or _provides(runs, region)):
                down.setdefault(id(runs), runs)
    return in_order(down.values())


def _provides(supplier: Document, region: Region) -> bool:
    """Whether the supplier reads as the provider of the region it records: its id or name
    starts with the provider's name as whole words (``nimbara`` for ``nimbara-cloud`` or
    "Nimbara Cloud GmbH"; not for "Nimbaran Systems", another firm whose name only begins
    with the same letters)."""
    provider = _words(region.provider)
    own = (_words(supplier.id), _words(supplier.data.get("name")))
    return bool(provider) and any(words[: len(provider)] == provider for words in own)


def _words(value: object) -> list[str]:
    """A name's words, case-insensitively, whatever separates them (``Nimbara-Cloud``)."""
    return [w for w in _NOT_WORD.split(caseless(value)) if w] if isinstance(value, str) else []


_NOT_WORD = kept(r"[\W_]+")


def _on_dependency(facts: Facts, value: str) -> tuple[list[Reached], list[Document]]:
    found = facts.graph.relying_on(value)
    if not found:
        hint = did_you_mean(value, facts.index.ids("Supplier"))
        raise NotFound(
            f"no business function relies on a dependency named '{value}'{hint}",
            "a business function relying on it",
        )
    provider = facts.graph.provider_named(value)
    named = provider[0] if provider is not None else None
    if named is not None:
        down = [named]
    else:  # the suppliers that name it are the ones whose service it takes down
        last = (chain[-1].document for _, chain in found)
        down = list({id(d): d for d in last if d.kind == "Supplier"}.values())
    return [Reached(f, chain) for f, chain in found], down


def _entities(facts: Facts, reached: list[Reached], down: list[Document]) -> tuple[str, ...]:
    """Our entities involved: those of the functions reached and of the suppliers down."""
    named: list[str] = []
    for r in reached:
        named.extend(facts.function(r.function).entities)
    for supplier in down:
        named.extend(facts.supplier(supplier).entities)
    found = set(named) or set(facts.regimes.all_entities)
    return tuple(e for e in facts.regimes.all_entities if e in found)


def _started(
    facts: Facts, entity_id: str, down: list[Document], stopped: list[Document]
) -> Started:
    """The entity's clocks the scenario starts: those a compromise of a supplier that is down
    can start, as CTR-04 reads them, and those an outage of our critical functions starts
    whatever the supplier (:mod:`resilint.domain.notice_clocks`)."""
    entity = facts.index.get("Entity", entity_id)
    if entity is None:
        return Started()
    behind = [facts.supplier(supplier) for supplier in down]
    started = started_by_outage(facts, entity, stopped, behind)
    for supplier in behind:
        started |= started_by_supplier(facts, entity, supplier)
    return started


def _notices(
    facts: Facts,
    started: dict[str, Started],
    policies: list[Document],
    functions: list[Document],
    books: Iterable[PlaybookView],
    fits: Callable[[Document], bool] | None = None,
    exposed: Mapping[str, tuple[str, ...]] | None = None,
) -> tuple[Notice, ...]:
    """``fits``: whether a plan fits the outage (its prepared messages are offered first, and
    its messages to our customers, staff and suppliers only then); ``exposed``: the policies
    that answer only a claim for the exposure of our data, with the suppliers holding it."""
    books = tuple(books)
    routing = clocks.Routing(
        insurer_template=people.comms(facts, functions, "insurer", fits)[0],
        regulator_decides=people.decider(books, "notify_regulator"),
        insurer_decides=people.decider(books, "notify_insurer"),
    )
    found: list[Notice] = []
    for entity_id, clocks_started in started.items():
        entity = facts.index.get("Entity", entity_id)
        if entity is not None:
            own = _routed(facts, routing, entity_id, functions, fits)
            found.extend(clocks.entity_notices(facts, entity, clocks_started, own))
    for policy in policies:
        held = (exposed or {}).get(str(policy.id), ())
        found.extend(clocks.policy_notices(facts, policy, routing, held))
    return clocks.ordered(found)


def _routed(
    facts: Facts,
    routing: clocks.Routing,
    entity_id: str,
    functions: list[Document],
    fits: Callable[[Document], bool] | None = None,
) -> clocks.Routing:
    """Where one entity's notices to its authorities go: the messages prepared in the plans of
    its own functions among those reached (a function naming no entity is every entity's), the
    regulator's for its regulators' clocks and the data protection authority's for that one's.
    None where no function of its own is reached: another entity's template (a bank's DORA
    report offered for a manufacturer's NIS2 early warning) would send it to the wrong
    authority."""
    own = [f for f in functions if entity_id in facts.function(f).entities]
    regulator, recipients = people.comms(facts, own, "regulator", fits)
    dpa, dpa_recipients = people.comms(facts, own, "data_protection", fits)
    messages = {audience: people.comms(facts, own, audience, fits)[0] for audience in AUDIENCES}
    return replace(
        routing,
        regulator_template=regulator,
        regulator_contact=recipients,
        data_protection_template=dpa,
        data_protection_contact=dpa_recipients,
        messages={audience: message for audience, message in messages.items() if message},
    )


AUDIENCES = ("staff", "customers", "regulator", "data_protection", "suppliers", "insurer")
"""The audiences of a plan's prepared messages (``comms_templates``)."""


def _unnoticed(unanswered: dict[str, str]) -> tuple[str, ...]:
    """Why the insurer notices of policies that cannot answer the outage are not listed, one
    note for each reason (the layers of one tower share theirs)."""
    by_why: dict[str, list[str]] = {}
    for policy, why in unanswered.items():
        by_why.setdefault(why, []).append(policy)
    return tuple(
        f"Insurer notices of insurance {'policy' if len(ids) == 1 else 'policies'} "
        f"{listed(ids)} are not listed: {why}. Should the incident still prove a loss the "
        "policy covers, its notice condition applies (market practice, not law)."
        for why, ids in by_why.items()
    )


def _unlinked(facts: Facts, target: Target, down: list[Document]) -> tuple[str, ...]:
    """For a supplier's outage: functions that name a provider no supplier has but that reads
    like this one (``keyward`` for ``keyward-id``) are not counted; say so, and how to link
    them, rather than answer short without a word."""
    if target.kind != SUPPLIER or not down:
        return ()
    supplier = down[0]
    like = facts.graph.named_like(supplier)
    if not like:
        return ()
    named = ", ".join(dict.fromkeys(f"{f.id} ('{name}')" for f, _, name in like))
    return (
        f"Not counted: business functions {named} name a provider that is no supplier's id "
        f"or name but reads like {supplier.id}; if they mean it, write {supplier.id} there "
        "and ask again.",
    )


def _notes(
    facts: Facts, functions: tuple[FunctionImpact, ...], started: dict[str, Started]
) -> tuple[str, ...]:
    notes: list[str] = []
    # The regulators' clocks are explained only where an entity has one: a regime, or a
    # regulator clock it records. A repository under no regime is told nothing of DORA or NYDFS.
    if clocks.regulated(facts):
        notes.append(clocks.awareness_note(facts.regimes.everywhere))
        quiet = [entity for entity, s in started.items() if not s.regulator]
        if quiet:
            stopped = [
                f.id
                for f in functions
                if f.stopped and f.critical and (not f.entities or set(f.entities) & set(quiet))
            ]
            notes.append(clocks.unstarted_note(quiet, stopped, facts.regimes.of_entities(quiet)))
        nis2 = [
            entity
            for entity, s in started.items()
            if s.regulator and "nis2" in facts.regimes.of_entities([entity])
        ]
        if nis2:
            notes.append(
                f"Under NIS2 ({', '.join(nis2)}), where appropriate, the recipients of our "
                "services are also told, without undue delay, of a significant incident likely "
                "to affect the services they receive (Directive (EU) 2022/2555 Art. 23(1)), and "
                "those potentially affected by a significant cyber threat of the measures they "
                "can take (Art. 23(2)); a deadline agreed with them is recorded in other_clocks."
            )
    if any(f.not_stopped.startswith("it moves to ") for f in functions):
        notes.append(
            "A function that rests directly on the supplier that is down, where that supplier has "
            "an onboarded alternative, is listed, not stopped: it moves to the alternative."
        )
    if any(not f.stopped and f.not_stopped == STANDBY_ONLY for f in functions):
        notes.append(
            "A region that only serves a function as a standby or replica, or as one of several "
            "regions serving it at once (active), does not stop it: such functions are listed, "
            "with no breach."
        )
    if any(f.not_stopped == NOT_RELIED_ON for f in functions):
        notes.append(
            "A critical or important function that uses the supplier only through a service or "
            "subcontractor entry recorded as not supporting a critical or important function is "
            "listed, not stopped: no recovery time of it is breached; record "
            "supports_critical_function: true there if the function stops with it."
        )
    if any(f.not_stopped == PLAN_ONLY for f in functions):
        notes.append(
            "A function whose continuity plan covers the supplier's failure without resting on "
            "the supplier is listed, not stopped: its plan is ready, and no recovery time of it "
            "is breached; record the supplier in its depends_on if the function stops with it."
        )
    if any(f.not_stopped == SUPPORTED_ONLY for f in functions):
        notes.append(
            "A function that names the supplier under supported_by, not depends_on, is listed, "
            "not stopped: the supplier supports it without the function needing it to run; "
            "record it in depends_on if the function stops with it."
        )
    ours = _our_action_clocks(facts, started)
    if ours:
        notes.append(
            "Not started by the outage, and not listed: deadlines that run from an act of ours "
            f"({'; '.join(ours)}). Should we pay a ransom or take that act, their clock starts "
            "then."
        )
    return tuple(notes)


def _our_action_clocks(facts: Facts, started: dict[str, Started]) -> list[str]:
    """The deadlines of the entities involved that run from an act of ours (``other_clocks``
    with ``runs_from: our_action``, the NYDFS notice of an extortion payment, 24 hours from the
    payment: 23 NYCRR 500.17(c)), in words: a responder weighing a ransom must see them."""
    found = []
    for entity_id in started:
        entity = facts.index.get("Entity", entity_id)
        others = value_at(entity.data, "reporting_clocks", "other_clocks") if entity else None
        for _, other in dicts(others):
            hours = number(other.get("hours"))
            if runs_from(other) == "our_action" and hours is not None:
                name = text_of(other.get("name")) or "a deadline"
                found.append(f"{entity_id}: {name}, {show_number(hours)} hours")
    return found
