"""The scenario as plain text for a terminal: sections in the order the day after needs them.
Every line passes through ``printable``, so nothing from the data reaches the terminal raw."""

from __future__ import annotations

from collections.abc import Iterator

from resilint.impact import board, words
from resilint.impact.model import (
    ContractView,
    Cover,
    FunctionImpact,
    Impact,
    Notice,
    PlaybookView,
    PolicyImpact,
    SupplierView,
)
from resilint.reporters.base import log_safe, printable


def render_text(impact: Impact) -> str:
    lines = [f"resilint impact: {words.headline(impact)}", ""]
    for supplier in impact.suppliers:
        lines += [*_supplier(supplier), ""]
    lines += [*_functions(impact), ""]
    lines += [*_notices(impact), ""]
    lines += [*_identities(impact), ""]
    lines += [*_insurance(impact), ""]
    for book in impact.playbooks:
        lines += [*_playbook(book), ""]
    lines += ["Our owners", *(f"  {o.who}: {o.role}" for o in impact.owners)]
    if impact.notes or impact.hours is None:
        lines += ["", "Notes", *(f"  {note}" for note in impact.notes)]
    if impact.hours is None:
        lines.append("  Give --hours N to see which objectives an N-hour outage breaches.")
    return log_safe("\n".join(printable(line) for line in lines) + "\n")


def _supplier(supplier: SupplierView) -> Iterator[str]:
    tier = f", tier {supplier.tier}" if supplier.tier is not None else ""
    status = words.lifecycle(supplier.lifecycle)
    status = f", {status}" if status else ""
    why = f", critical: {'; '.join(supplier.reasons)}" if supplier.critical else ""
    if words.not_critical(supplier):
        why = f", not critical: {words.not_critical(supplier)}"
    name = f" ({supplier.name})" if supplier.name else ""
    yield f"Supplier {supplier.id}{name}{tier}{status}{why}"
    label = words.security_label(supplier.security_contact)
    yield f"  {label}: {words.contact(supplier.security_contact)}"
    for i, person in enumerate(supplier.escalation, 1):
        yield f"  escalation {i}: {words.contact(person)}"
    if supplier.account_manager is not None:
        yield f"  account manager: {words.contact(supplier.account_manager)}"
    for contract in supplier.contracts:
        yield f"  contract {contract.id}: {_obligations(contract)}"


def _obligations(contract: ContractView) -> str:
    notice = _supplier_notice(contract)
    if contract.notify_to:
        notice += f", to {contract.notify_to}"
    step_in = {True: "step-in rights", False: "no step-in rights", None: ""}
    support = {True: "continuity support", False: "no continuity support", None: ""}
    extra = [step_in[contract.step_in_rights], support[contract.business_continuity_support]]
    return "; ".join([notice, *(e for e in extra if e)])


def _supplier_notice(contract: ContractView) -> str:
    when = words.notice(contract.notice_window_hours, contract.notice_wording)
    if not when:
        return "no incident notice window recorded"
    return f"must notify us {when} of a {contract.trigger or 'recorded'} compromise"


def _functions(impact: Impact) -> Iterator[str]:
    yield f"Functions hit ({len(impact.functions)})"
    if not impact.functions:
        yield "  none: no business function rests on it"
    for function in impact.functions:
        yield from _function(function, impact.hours)


def _function(function: FunctionImpact, length: float | None) -> Iterator[str]:
    name = f" ({function.name})" if function.name else ""
    yield f"  {function.id}{name}, {words.criticality(function)}"
    yield f"    via: {' > '.join(function.via)}"
    yield f"    {words.objectives(function, length)}"
    fallback = function.fallback
    plan = f", plan {fallback.plan}" if fallback else ""
    yield f"    fallback owner: {words.owner(fallback, function.fallback_needed)}{plan}"
    yield "    " + words.degraded(
        fallback,
        function.fallback_lasts,
        function.unfitting_plans,
        function.also_fitting,
        function.fallback_needed,
    )
    if fallback is not None and fallback.description:
        yield f"    manual procedure: {fallback.description}"
    for threshold in fallback.thresholds if fallback else ():
        said = f": {threshold.description}" if threshold.description else ""
        yield f"    activate on {threshold.type}{said}"
    yield f"    {words.exercised(function)}"


def _notices(impact: Impact) -> Iterator[str]:
    yield "Notice clocks, soonest first"
    if impact.once_engaged:
        yield "  none: the supplier is prospective and nothing of ours is with it yet"
    elif not impact.notices:
        yield "  none recorded for the entities involved"
    for notice in impact.notices:
        yield from _notice(notice)
    if impact.once_engaged:
        yield ""
        yield "Once engaged, its compromise would start these clocks"
        for notice in impact.once_engaged:
            yield from _notice(notice)


def _notice(notice: Notice) -> Iterator[str]:
    yield f"  {words.deadline(notice):<12} {words.whom(notice)}"
    yield f"  {'':<12} {notice.basis}; from {notice.starts}"
    details = [
        notice.condition,
        notice.content,
        f"send to {notice.contact}" if notice.contact else "",
        f"template {notice.template}" if notice.template else "",
        f"decides {notice.decides}" if notice.decides else "",
        notice.note,
    ]
    for detail in (d for d in details if d):
        yield f"  {'':<12} {detail}"


def _identities(impact: Impact) -> Iterator[str]:
    yield f"Identities to disable ({len(impact.identities)}), fastest first"
    if not impact.identities:
        yield "  none recorded"
    for identity in impact.identities:
        minutes = identity.time_to_disable_minutes
        took = f"{minutes} min" if minutes is not None else "time to disable not recorded"
        state = "" if identity.status == "active" else f" [{identity.status}]"
        systems = f" on {', '.join(identity.systems)}" if identity.systems else ""
        yield f"  {identity.id}{state}: {identity.type} {identity.access_level}{systems}: {took}"
        if identity.disable_procedure:
            yield f"    how: {identity.disable_procedure}"
        if identity.owner:
            yield f"    owner: {identity.owner}"


def _insurance(impact: Impact) -> Iterator[str]:
    yield "Insurance"
    if not impact.insurance:
        yield "  no policy in force insures the entities involved"
    for policy in impact.insurance:
        yield from _policy(policy, impact.hours)


def _no_terms(cover: Cover) -> bool:
    """Whether the record gives none of the cover's terms (a cover not bought)."""
    terms = (cover.waiting_period_hours, cover.sublimit, cover.retention)
    return all(term is None for term in terms) and cover.indemnity_period_days is None


def _policy(policy: PolicyImpact, length: float | None) -> Iterator[str]:
    insured = ", ".join(policy.entities) or "every entity"
    layers = f"; excess layers following its form: {', '.join(policy.layers)}"
    layers = layers if policy.layers else ""
    yield f"  {policy.policy} ({policy.insurer}), insures {insured}{layers}"
    for cover in policy.covers:
        name = words.COVER_NAMES.get(cover.cover, cover.cover)
        of = f" for {cover.supplier}" if cover.supplier else ""
        yield f"    {name}{of}: {cover.responds.upper()}: {cover.why}"
        if cover.responds == "no" and _no_terms(cover):
            continue  # a cover the policy does not have: no terms to show
        money = f"sublimit {words.money(cover.sublimit, policy.currency)}, retention " + (
            words.money(cover.retention, policy.currency)
        )
        days = cover.indemnity_period_days
        indemnity = f", indemnity period {days} days" if days is not None else ""
        yield f"      {words.waiting(cover, length)}; {money}{indemnity}"
    if policy.exclusions_note:
        yield f"    exclusions: {policy.exclusions_note}"
    for exclusion in policy.exclusions:
        yield f"    exclusion {exclusion.id} may apply if {exclusion.may_apply_when}"
    for role in ("forensics", "counsel", "pr"):
        firms = [f.name + (" (pre-approved)" if f.pre_approved else "") for f in policy.panel]
        chosen = [n for f, n in zip(policy.panel, firms, strict=True) if f.role == role]
        if chosen:
            yield f"    panel {role}: {', '.join(chosen)}"
    for evidence in policy.evidence:
        owner = f" (owner {evidence.owner})" if evidence.owner else ""
        yield f"    open evidence package {evidence.package}{owner}: {len(evidence.items)} items"
        for assigned in evidence.roles:
            yield f"      {assigned.role.replace('_', ' ')}: {assigned.who}"


def _playbook(book: PlaybookView) -> Iterator[str]:
    last = book.last_exercised.isoformat() if book.last_exercised else "never"
    yield f"Joint playbook {book.id} (owner {book.owner or 'not named'}), last exercised {last}"
    if book.reference:
        yield f"  {book.reference}"
    for made in book.decisions:
        deputy = f" (deputy {made.deputy})" if made.deputy else ""
        yield f"  {made.decision.replace('_', ' ')}: {words.decider(made.owner)}{deputy}"
    for criterion in book.disable_criteria:
        yield f"  disable the integration when: {criterion}"
    for criterion in book.manual_switch_criteria:
        yield f"  switch to manual when: {criterion}"
    for i, person in enumerate(book.escalation, 1):
        yield f"  escalation {i}: {words.contact(person)}"


def render_board_text(impacts: list[Impact]) -> str:
    """Every critical supplier's scenario, a few lines each."""
    lines = []
    for impact in impacts:
        hit = board.stopped(impact)
        spared = len(impact.functions) - len(hit)
        aside = f" ({spared} more reached but not stopped)" if spared else ""
        plural = "" if len(hit) == 1 else "s"
        supplier = impact.suppliers[0] if impact.suppliers else None
        status = words.lifecycle(supplier.lifecycle) if supplier else ""
        shown = f" ({status})" if status else ""
        lines.append(f"{impact.target.value}{shown}: {len(hit)} function{plural} hit{aside}")
        breached = [f.id for f in hit if f.breaches_rto]
        intolerable = [f.id for f in hit if f.breaches_mtpd]
        judged = "none" if impact.hours is not None else board.NOT_JUDGED
        lines.append(f"  RTO breached: {', '.join(breached) or judged}")
        lines.append(f"  MTPD breached: {', '.join(intolerable) or judged}")
        owed = board.owed(impact)
        if owed:
            said = "; ".join(
                f"{words.deadline(n)}, {words.addressed(n)}{board.entities_of(who)}"
                for n, who in owed
            )
            lines.append(f"  first deadline{'s' if len(owed) > 1 else ''}: {said}")
        for regime, quiet in board.unstarted(impact).items():
            said, why = board.QUIET[regime]
            lines.append(f"  {said} for {', '.join(quiet)}: {why}")
        lines.append(f"  identities to disable: {len(impact.identities)}")
    if not lines:
        lines.append("No supplier is critical.")
    lines += [f"Note: {note}" for note in board.notes(impacts)]
    length = impacts[0].hours if impacts else None
    lines.insert(0, f"Outage length: {board.length_words(length)}")
    return log_safe("\n".join(printable(line) for line in lines) + "\n")
