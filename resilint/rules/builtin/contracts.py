"""Python checks for the contract rules (see rules/contracts.yaml for their documentation).

CTR-04 compares a supplier's notice window with the clocks its incident can start, across
insurance policies and entities. To whom it applies (contracts in force or in draft whose supplier
the requirements matrix asks for incident notice) is its ``applies_to``; the engine keeps only the
findings on those contracts. It judges the window CTR-03 leaves: where CTR-03 already asks for a
shorter one, only a clock that even that window misses (with our triage time, for an insurer's
deadline) still draws a CTR-04 finding, which then asks for less than CTR-03 does: the two rules
never disagree, and report one clause twice only when CTR-03's fix would not be enough.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from resilint.domain.clauses import ClauseIds
from resilint.domain.readers import dicts, in_order, number, show_number, text_of, value_at
from resilint.domain.supplier_clocks import INSURER, Clock, clocks, described
from resilint.domain.waivers import waived_rules
from resilint.findings import Finding, Related
from resilint.model import Document
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck, reading
from resilint.waiver_targets import targets_of

_PROGRAMME_POLICY = (
    "; this is programme policy, not a legal requirement: our reporting and insurer clocks "
    "start when we become aware of an incident, not when the supplier is compromised, but the "
    "supplier's notice is often how we become aware"
)
_TIER_MAXIMA = ("CTR-03", "max_window_hours")
"""Where the longest window each tier may take is set: CTR-04 judges what CTR-03 leaves."""


def check_notice_window_fits_clocks(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """CTR-04: the supplier's notice window fits inside every clock its incident can start."""
    buffer = max(number(context.params.get("triage_buffer_hours")) or 0.0, 0.0)
    # buffer_must_fit: the window plus our triage time must fit every clock (stricter than
    # CTR-03 allows); insurer_buffer_must_fit: the insurer's deadline, which CTR-03's tier
    # maxima are not set against
    every = context.params.get("buffer_must_fit") is True
    insurer = context.params.get("insurer_buffer_must_fit") is True

    def margin(clock: Clock) -> float:
        return buffer if every or (insurer and clock.rank == INSURER) else 0.0

    for contract in context.index.of_kind("Contract"):
        window = _window(contract)
        if window is None:
            continue  # CTR-03 reports a missing window
        allowed = _tier_maximum(context, contract)
        judged = window if allowed is None else min(window, allowed)
        broken = sorted(
            (c for c in _clocks(context, contract) if c.hours < judged + margin(c)),
            key=lambda c: (c.rank, c.hours),
        )
        if broken:
            # the clock that asks the shortest window, counting our triage time where it must fit
            tightest = min(broken, key=lambda c: (c.hours - margin(c), c.rank, c.hours))
            # a clock the window misses only with our triage time: say so of them all
            strict = any(c.hours >= judged for c in broken)
            wording = text_of(value_at(contract.data, "incident_notification", "window_wording"))
            tier_maximum = judged if judged < window else None
            notice = Notice(window, tier_maximum, buffer, strict, wording)
            advice = notice.advice(tightest, margin(tightest) > 0)
            yield _notice_finding(context, info, contract, notice, broken, tightest, advice)


def _window(contract: Document) -> float | None:
    """The supplier's notice window in hours; unbounded (infinite) where the contract gives only
    a wording without hours ("without undue delay"): every clock is then to be judged against
    no bound at all, or against the tier maximum CTR-03 asks instead; None when neither is
    recorded (CTR-03 reports the missing term)."""
    notice = value_at(contract.data, "incident_notification")
    hours = number(value_at(notice, "window_hours"))
    if hours is None and text_of(value_at(notice, "window_wording")):
        return math.inf
    return hours


def _tier_maximum(context: RuleContext, contract: Document) -> float | None:
    """The longest window CTR-03 lets the supplier's tier in effect take, when CTR-03 runs:
    a longer window is CTR-03's finding, so CTR-04 judges only what CTR-03's fix would leave."""
    code, name = _TIER_MAXIMA
    maxima: Any = context.rule_params.get(code, {}).get(name)
    tier = context.facts.contract(contract).effective_tier
    if not isinstance(maxima, Mapping) or tier is None:
        return None
    if _waived(context, code, contract):
        # the longer window was accepted: it is the window in force, so the clocks are judged
        # against it (the waiver accepted the tier's maximum, not the insurer's deadline)
        return None
    return number(maxima.get(str(tier)))


def _waived(context: RuleContext, code: str, contract: Document) -> bool:
    """Whether a waiver of ``code`` (its rule, or one of its rules) that stands (EXC-01 accepts
    it: approved, not expired) names the contract, or its supplier, among its targets."""
    names = {("Contract", contract.id), ("Supplier", value_at(contract.data, "supplier"))}
    stands = context.waiver_stands
    return stands is not None and any(
        code in waived_rules(waiver.data)
        and not names.isdisjoint(targets_of(waiver))
        and stands(waiver)
        for waiver in context.index.of_kind("Waiver")
    )


def _clocks(context: RuleContext, contract: Document) -> list[Clock]:
    """The clocks a compromise of the contract's supplier can start for the contract's entities
    (:func:`resilint.domain.supplier_clocks.clocks`)."""
    facts = context.facts.contract(contract)
    return clocks(context.facts, facts.supplier, facts.entities)


@dataclass(frozen=True)
class Notice:
    """The supplier's window, the shorter one CTR-03 asks (when it asks one) and our triage."""

    window: float
    tier_maximum: float | None
    buffer: float
    strict: bool = False
    """A clock is missed only once our triage time is counted (``buffer_must_fit``, or
    ``insurer_buffer_must_fit`` for an insurer's deadline): the message says so of them all."""
    wording: str | None = None
    """How the contract words the window when it gives no hours (``without_undue_delay``):
    the window is then unbounded, and the message says so rather than count hours."""

    @property
    def unbounded(self) -> bool:
        return self.window == math.inf

    def granted(self, supplier: object) -> str:
        """What the contract grants the supplier, for the message."""
        if self.unbounded and self.wording:
            said = self.wording.replace("_", " ")
            return (
                f"commits supplier {supplier} only to notify us of an incident {said}, "
                "with no number of hours"
            )
        hours = show_number(self.window)
        return f"lets supplier {supplier} take {hours} hours to notify us of an incident"

    def exceeds(self, missed: str) -> str:
        """What the window (or CTR-03's maximum for its tier) is too long for."""
        triage = f"our {show_number(self.buffer)}-hour triage time"
        if self.tier_maximum is None:
            if self.unbounded:
                return f"so nothing bounds its notice inside {missed}"
            if self.strict:
                return f"which with {triage} does not fit {missed}"
            return f"longer than {missed}"
        allowed = (
            f"even the {show_number(self.tier_maximum)} hours this programme allows its tier "
            "(CTR-03)"
        )
        if self.strict:
            return f"{allowed}, with {triage}, do not fit {missed}"
        return f"{allowed} exceed {missed}"

    def advice(self, clock: Clock, strict: bool) -> str:
        """The longest window that fits, and the one that leaves us our triage time (the only
        one that fits when our triage time must fit the clock: ``strict``)."""
        fits = show_number(clock.hours)
        if strict and 0 < self.buffer < clock.hours:
            roomy = show_number(clock.hours - self.buffer)
            return (
                f"negotiate a notice window of at most {roomy} hours, which leaves our "
                f"{show_number(self.buffer)}-hour triage time inside the {fits}-hour deadline"
            )
        if strict and self.buffer > 0:
            return (
                f"the {fits}-hour deadline is no longer than our triage time: negotiate the "
                "shortest notice window the supplier accepts, and triage as it comes"
            )
        if self.buffer <= 0 or clock.hours <= self.buffer:
            return f"negotiate a notice window of at most {fits} hours"
        roomy = show_number(clock.hours - self.buffer)
        return (
            f"negotiate a notice window of at most {fits} hours, better {roomy}, which leaves "
            f"our {show_number(self.buffer)}-hour triage time inside it"
        )


def _notice_finding(
    context: RuleContext,
    info: RuleInfo,
    contract: Document,
    notice: Notice,
    broken: list[Clock],
    tightest: Clock,
    advice: str,
) -> Finding:
    """Names every missed clock, the insurer's and the regulator's first (``broken`` is in
    that order); the advice is the tightest's, which fits them all."""
    took = f"contract {contract.id} {notice.granted(contract.data.get('supplier'))}"
    missed = described(broken)
    joined = ", " if notice.tier_maximum is None else "; "
    message = f"{took}{joined}{notice.exceeds(missed)}"
    message += f": {advice}"
    if len(broken) > 1 and tightest.hours <= min(clock.hours for clock in broken):
        message += f" (the {show_number(tightest.hours)}-hour deadline is the tightest)"
    elif len(broken) > 1:
        message += (
            f" (the {show_number(tightest.hours)}-hour deadline asks the shortest window once "
            "our triage time is counted in it)"
        )
    if notice.unbounded:
        message += "; or accept the wording in a waiver approved by the risk owner"
    related = tuple(
        context.related(clock.document, clock.json_path, clock.description) for clock in broken
    )
    at = ("incident_notification", "window_wording" if notice.unbounded else "window_hours")
    # a window in hours that fails the schema ('72h') leaves the wording alone, read as no
    # bound at all; a clock is judged from the field that sets it
    read = [
        (contract, ("incident_notification", "window_hours")),
        *((c.document, c.json_path) for c in broken),
    ]
    message += _PROGRAMME_POLICY
    return context.finding(info, contract, at, message, related, judged_on=read)


def _non_negotiable(
    context: RuleContext,
) -> dict[str, list[tuple[frozenset[int], Document, int]]]:
    """Each clause id the clause libraries make non-negotiable for some tiers: for each library
    naming it so, those tiers and where the library says so (in order: a tier one library
    names is not dropped because an earlier library names the clause for other tiers)."""
    found: dict[str, list[tuple[frozenset[int], Document, int]]] = {}
    for library in in_order(context.index.of_kind("ClauseLibrary")):
        for i, clause in dicts(library.data.get("clauses")):
            clause_id = text_of(clause.get("id"))
            tiers = clause.get("non_negotiable_for_tiers")
            if not clause_id or not isinstance(tiers, list):
                continue
            wanted = frozenset(t for t in tiers if isinstance(t, int) and not isinstance(t, bool))
            if wanted:
                found.setdefault(clause_id, []).append((wanted, library, i))
    return found


def _basis(library: Document, position: int) -> str:
    """What the message says requires the clause. Holding it non-negotiable is the programme's
    policy; the clause itself may be the law's (a processing agreement under GDPR Art. 28(3)):
    where the library records the clause's source, the message names it rather than calling
    the clause no legal requirement, which it cannot know."""
    clauses = library.data.get("clauses")
    entry = clauses[position] if isinstance(clauses, list) else None
    source = text_of(entry.get("source")) if isinstance(entry, Mapping) else None
    if source:
        return (
            "(non-negotiable by the programme's own policy; the clause library gives the "
            f"clause's source as: {source})"
        )
    return "(the programme's own policy, not a legal requirement)"


CLAUSE_RULES = ("CTR-01", "CTR-02", "CTR-07", "CTR-09", "CTR-10", "CTR-11", "CTR-12")
"""The rules that ask for clauses by their ids (DORA Art. 30, NYDFS 500.11, the NIS2 point 5.1.4
checklist): a clause one of them reports missing in a contract is not reported again by CTR-15."""


@reading("the contracts' clauses", after=CLAUSE_RULES)
def check_non_negotiable_clauses(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """CTR-15: a contract records as absent a clause its clause library makes non-negotiable
    for the supplier's tier in effect, where no rule of :data:`CLAUSE_RULES` that runs reports
    that clause of that contract already."""
    rules = _non_negotiable(context)
    if not rules:
        return
    reported = context.reported or (lambda code: [])
    said = {
        (finding.path, finding.doc_id, tuple(at[:2]))
        for code in CLAUSE_RULES
        for finding in reported(code)
        for at in (finding.json_path, *(part.json_path for part in finding.parts))
        if at and at[0] == "clauses"
    }
    for contract in in_order(context.index.of_kind("Contract")):
        clauses = value_at(contract.data, "clauses")
        if not isinstance(clauses, Mapping):
            continue
        supplier_id = text_of(contract.data.get("supplier"))
        supplier = context.index.get("Supplier", supplier_id) if supplier_id else None
        if supplier is None:
            continue
        facts = context.facts.supplier(supplier)
        tier = facts.effective_tier
        for clause_id, named in rules.items():
            entry = clauses.get(clause_id)
            if not isinstance(entry, Mapping) or entry.get("present") is not False:
                continue
            holding = [(library, i) for tiers, library, i in named if tier in tiers]
            if entry.get("applicable") is False or not holding:
                continue
            library, i = holding[0]
            if (contract.path, contract.id, ("clauses", clause_id)) in said:
                continue  # the law's rule reports it, in the law's words
            in_effect = " in effect" if facts.understated else ""
            message = (
                f"contract {contract.id} with supplier {supplier_id} (tier {tier}{in_effect}) "
                f"records clause {clause_id} as absent, but clause library {library.id} makes it "
                f"non-negotiable for tier {tier}: negotiate it (or an approved fallback of the "
                "library) into the contract, or record the accepted gap in a Waiver approved by "
                "the risk owner and name it in the clause's waiver field "
                f"{_basis(library, i)}"
            )
            where = ("clauses", i, "non_negotiable_for_tiers")
            related = (context.related(library, where, f"clause library {library.id}"),)
            at = ("clauses", clause_id, "present")
            # an entry whose applicable fails the schema ('no') is read as applicable
            read = [(contract, ("clauses", clause_id, "applicable"))]
            yield context.finding(info, contract, at, message, related, judged_on=read)


def check_clause_ids(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """CTR-18: a clause id a contract records, or a clause library defines, that names no
    clause but is a near miss of exactly one that does (:mod:`resilint.domain.clauses`), at the
    id, with the id meant."""
    ids = context.clause_ids
    if not ids.meant:
        return
    for contract in in_order(context.index.of_kind("Contract")):
        clauses = contract.data.get("clauses")
        for key in clauses if isinstance(clauses, dict) else ():
            meant = ids.meant.get(key) if isinstance(key, str) and not ids.known(key) else None
            if meant is not None:
                yield _misspelt_in_contract(context, info, ids, contract, key, meant)
    for library in ids.libraries:
        for i, clause in dicts(library.data.get("clauses")):
            clause_id = text_of(clause.get("id"))
            meant = ids.meant.get(clause_id) if clause_id and clause_id not in ids.read else None
            if clause_id and meant is not None:
                message = (
                    f"clause library {library.id} defines clause '{clause_id}', which is not an "
                    f"id any rule looks for; did you mean '{meant}', {_read_by(ids, meant)}? "
                    "A contract that records the clause under the library's id is not read by "
                    f"the rules looking for {meant}: if that clause is meant, rename it to "
                    f"{meant}, here and in the contracts"
                )
                yield context.finding(info, library, ("clauses", i, "id"), message)


def _misspelt_in_contract(
    context: RuleContext, info: RuleInfo, ids: ClauseIds, contract: Document, key: str, meant: str
) -> Finding:
    """The finding at a contract's clause id that is a near miss of ``meant``."""
    libraries = ids.libraries
    if len(libraries) == 1:
        unknown = (
            f"is not a clause of clause library {libraries[0].id}, nor an id any rule looks for"
        )
        add = "add it to the clause library"
    elif libraries:
        unknown = "is not a clause of any clause library, nor an id any rule looks for"
        add = "add it to a clause library"
    else:
        unknown = "is not an id any rule looks for, and no clause library defines it"
        add = "define it in a clause library"
    defined = ids.defined.get(meant)
    origin = "" if defined is not None else f", {_read_by(ids, meant)}"
    message = (
        f"contract {contract.id} records clause '{key}', which {unknown}; did you mean "
        f"'{meant}'{origin}? Under this id no rule reads what the contract records of the "
        f"clause: if that clause is meant, rename the key to {meant}; if it is a clause of its "
        f"own, {add}"
    )
    related: tuple[Related, ...] = ()
    if defined is not None:
        where = ("clauses", defined.position, "id")
        note = f"clause {meant} in clause library {defined.library.id}"
        related = (context.related(defined.library, where, note),)
    return context.finding(info, contract, ("clauses", key), message, related)


def _read_by(ids: ClauseIds, clause_id: str) -> str:
    """``the id CTR-12 and CTR-17 look for``: the rules reading a clause id, for a message."""
    codes = ids.read.get(clause_id, ())
    if not codes:
        return "a clause id resilint knows"
    named = codes[0] if len(codes) == 1 else f"{', '.join(codes[:-1])} and {codes[-1]}"
    return f"the id {named} look{'s' if len(codes) == 1 else ''} for"


CHECKS: dict[str, PythonCheck] = {
    "notice-window-fits-clocks": check_notice_window_fits_clocks,
    "non-negotiable-clauses": check_non_negotiable_clauses,
    "clause-ids-known": check_clause_ids,
}
