"""INS-01 and INS-07: a policy's conditions and exclusions against our controls. Every category
a condition names has implemented controls covering its scope (INS-01); each exclusion's
mitigating controls are implemented, and restricted supplier data is covered by an implemented
encryption control where unencrypted data is excluded (INS-07)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from resilint.domain.controls import entities_of, for_entity, scoped
from resilint.domain.insurance_law import UNTOLD, DisclosureLaw, disclosure_law, governing_law
from resilint.domain.lifecycle import ENGAGED, shift
from resilint.domain.readers import (
    among,
    as_date,
    dicts,
    in_order,
    listed,
    number,
    show_number,
    strings,
    text_of,
    value_at,
)
from resilint.domain.tower import OTHER, insures, named_controls
from resilint.findings import Finding, JsonPath, Level, Related
from resilint.model import Document
from resilint.rules.builtin.continuity.backups import restore_test_max_age
from resilint.rules.builtin.insurance.tower import judged
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck

# An MFA category is named for one area; in a condition that also names its sibling categories,
# that area is the sibling's job, not every category's (an MFA condition for email, remote and
# privileged access needs mfa_email on email, mfa_remote_access on remote access, and so on).
_AREA = {
    "mfa_email": "email",
    "mfa_remote_access": "remote_access",
    "mfa_privileged": "privileged_access",
}
# The areas each category protects by its nature (the MFA categories' as above). In a condition
# naming several categories, a category with an area of its own among the scopes is judged over
# that area, not over a sibling's: "OT segmented from IT, remote access to OT only with MFA"
# needs network_segmentation on the network and mfa_remote_access on remote access, not MFA
# over the network. A category with no area of its own (patching, logging) protects whatever
# the condition names, and is asked every scope but the MFA categories' areas.
_OWN_AREAS: dict[str, frozenset[str]] = {
    **{category: frozenset({area}) for category, area in _AREA.items()},
    "pam": frozenset({"privileged_access"}),
    "email_filtering": frozenset({"email"}),
    "network_segmentation": frozenset({"network"}),
    "encryption_in_transit": frozenset({"network"}),
    "encryption_at_rest": frozenset({"data_stores"}),
    "edr": frozenset({"endpoints", "servers"}),
    "backup_immutable": frozenset({"backups"}),
    "backup_offline": frozenset({"backups"}),
    "backup_restore_test": frozenset({"backups"}),
}
_ALL_ACCESS = "mfa_all_access"
"""MFA for every individual on every system (23 NYCRR 500.12(a)): over the areas its scope
covers, it meets each MFA category's condition as that category's own control does."""
_DEFAULT_ENCRYPTION = ["encryption_at_rest"]
PATCHING = "patching"
"""The control category whose condition may set a window for critical patches
(``patch_within_days``), which its controls must record and keep within."""
RESTORE_TESTS = "backup_restore_test"
"""The control category of a restore-testing programme: it meets a condition only while its
latest restore test passed within ``restore_test_max_age_days`` (BCM-06's limit)."""
_COPIES = ("backup_immutable", "backup_offline")
"""Backup copies: one that records its own restore test (last_restore_test) tests restores as a
restore-testing programme does, and is judged the same way (BCM-06 reads it so too)."""


def check_policy_conditions(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """INS-01: every category a condition names has implemented controls covering its scope,
    and no supplier's person account in that scope is recorded signing in without MFA."""
    controls = context.index.of_kind("Control")
    accounts: list[Document] | None = None  # read when an MFA condition first needs them
    by_entity = scoped(controls)  # a control names its entities: each insured is asked apart
    for policy in judged(context):
        insured = context.facts.regimes.entities_named(policy, "insured_entities")
        entities = insured if by_entity else ()
        law = disclosure_law(governing_law(policy, insured, context.index))
        for i, condition in dicts(policy.data.get("conditions")):
            categories = strings(condition.get("control_categories"))
            mine = named_controls(condition, controls)
            met: list[tuple[int, str]] = []  # MFA categories the controls inventory meets
            gaps: list[tuple[int, str, _Gap]] = []
            for j, category in enumerate(categories):
                where = ("conditions", i, "control_categories", j)
                if category == OTHER and mine is controls:
                    message = _unnamed_message(policy, condition)
                    yield context.finding(info, policy, where, message, level=Level.WARNING)
                    continue
                gap = _for_each_entity(
                    context,
                    partial(_condition_gap, context, condition, categories, category),
                    mine,
                    entities,
                )
                if gap is not None:
                    gaps.append((j, category, gap))
                elif category in _AREA:
                    met.append((j, category))
            either = condition.get("any_category") is True  # "offline or immutable backups"
            judged_ones = [c for c in categories if not (c == OTHER and mine is controls)]
            if either and len(gaps) < len(judged_ones):
                gaps = []  # one of its categories is met: the condition is
            if either and gaps:
                message = _condition_message(policy, condition, _none_of(gaps), law=law)
                related = tuple(dict.fromkeys(r for _, _, gap in gaps for r in gap[1]))
                read = [p for _, c, _ in gaps for p in _read_of(_candidates(mine, c))]
                at = ("conditions", i, "control_categories")
                yield context.finding(info, policy, at, message, related, judged_on=read)
                gaps = []
            named: set[int] = set()  # accounts without MFA a finding of the condition names
            for j, category, gap in gaps:
                started = [] if category == OTHER else _candidates(mine, category)
                text, remedy, related = gap[0], _to_do(started), gap[1]
                if category in _AREA:
                    if accounts is None:
                        accounts = _accounts_without_mfa(context)
                    also = _unprotected(
                        context, policy, condition, [(j, category)], accounts, named
                    )
                    if also is not None:
                        # the control falls short, and these accounts would keep the condition
                        # unmet once it is complete: one finding says both, so that completing
                        # the control does not bring a second one as a surprise
                        _, words, more = also
                        text = f"{text}; also, {words}"
                        remedy = f"{remedy}, and turn on MFA for those accounts (mfa: true)"
                        related = (*related, *more)
                message = _condition_message(policy, condition, text, remedy, law)
                # a control whose status, coverage or restore test fails the schema
                # ('Implemented', '95%') is read as not meeting it: the gap waits for it
                read = _read_of(mine if category == OTHER else _candidates(mine, category))
                where = ("conditions", i, "control_categories", j)
                yield context.finding(info, policy, where, message, related, judged_on=read)
            if met:
                if accounts is None:
                    accounts = _accounts_without_mfa(context)
                found = _identities_gap(context, policy, condition, met, accounts, named)
                if found is not None:
                    j, text, related = found
                    remedy = "turn on MFA for those accounts (mfa: true once it is)"
                    message = _condition_message(policy, condition, text, remedy, law)
                    where = ("conditions", i, "control_categories", j)
                    yield context.finding(info, policy, where, message, related)
            for k, scope in _shared_scopes(condition, categories):
                gap = _for_each_entity(
                    context,
                    partial(_shared_gap, context, condition, _mfa(categories), scope),
                    mine,
                    entities,
                )
                if gap is not None:
                    message = _condition_message(policy, condition, gap[0], law=law)
                    yield context.finding(
                        info, policy, ("conditions", i, "scope", k), message, gap[1]
                    )


_Gap = tuple[str, tuple[Related, ...]]


def _for_each_entity(
    context: RuleContext,
    gap_of: Callable[[list[Document]], _Gap | None],
    controls: list[Document],
    entities: tuple[str, ...],
) -> _Gap | None:
    """``gap_of(controls)``, or where the controls inventory names the entities controls run on
    (``entities``: those the policy insures), ``gap_of`` each insured entity's own controls: a
    condition binds every insured, and the parent's MFA does not protect a subsidiary's
    systems. Entities with the same gap are named together, with the controls of other
    entities that would meet it (:func:`_elsewhere`)."""
    if not entities:
        return gap_of(controls)
    gaps: dict[str, tuple[list[str], tuple[Related, ...]]] = {}
    for entity in entities:
        own = for_entity(controls, entity)
        gap = gap_of(own)
        if gap is not None:
            words, places = _elsewhere(context, gap_of, controls, own)
            gap = (gap[0] + words, gap[1] + places)
            gaps.setdefault(gap[0], ([], gap[1]))[0].append(entity)
    if not gaps:
        return None
    text = "; ".join(
        f"for {'entity' if len(named) == 1 else 'entities'} {listed(named)} (insured, and "
        f"counting only controls that run on its systems) it {gap}"
        for gap, (named, _) in gaps.items()
    )
    related = tuple(dict.fromkeys(r for _, found in gaps.values() for r in found))
    return text, related


def _elsewhere(
    context: RuleContext,
    gap_of: Callable[[list[Document]], _Gap | None],
    controls: list[Document],
    own: list[Document],
) -> tuple[str, tuple[Related, ...]]:
    """The controls that would meet the condition for an entity but name only other entities
    under ``entities`` (a group control recorded for the parent alone): the finding says them,
    since "the controls inventory has none" reads as wrong to whoever sees one there, and the
    fix is either to add the entity to the control or to run the control on its systems."""
    mine = {id(c) for c in own}
    found = [
        c
        for c in controls
        if id(c) not in mine and gap_of([*own, c]) is None and entities_of(c) is not None
    ]
    if not found:
        return "", ()
    each = "; ".join(
        f"control {c.id} would meet it but is recorded as running only on the systems of "
        f"{listed(sorted(entities_of(c) or ()))} (its entities)"
        for c in found
    )
    words = (
        f"; {each}: if it runs on this entity's systems too, add the entity to its entities, "
        "otherwise the entity needs a control of its own"
    )
    places = tuple(
        context.related(
            c, ("entities",), f"control {c.id} names only {listed(sorted(entities_of(c) or ()))}"
        )
        for c in found
    )
    return words, places


def _none_of(gaps: list[tuple[int, str, _Gap]]) -> str:
    """A condition met by any one of its categories (``any_category``), none of which is: each
    category's gap, in one list."""
    named = " or ".join(category for _, category, _ in gaps)
    each = "; ".join(f"{category}: it {gap[0]}" for _, category, gap in gaps)
    return f"is met by any one of {named}, but none is met ({each})"


def _read_of(candidates: list[Document]) -> list[tuple[Document, JsonPath]]:
    """The fields of the controls that may meet a condition which :func:`_shortfall` reads."""
    fields: tuple[JsonPath, ...] = (
        ("status",),
        ("coverage_percent",),
        ("last_restore_test",),
        ("patch_within_days",),
    )
    return [(c, field) for c in candidates for field in fields]


def _unnamed_message(policy: Document, condition: dict[str, Any]) -> str:
    return (
        f"insurance policy {policy.id}, condition {condition.get('id')}, names control category "
        "other, which says nothing of what the control does, and names no control that meets "
        "it: resilint cannot tell whether it is met (any control of category other would do). "
        "Name the controls that meet it under the condition's controls (their ids)"
    )


def _implemented(control: Document) -> bool:
    return control.data.get("status") == "implemented"


def _status(control: Document) -> str:
    status = control.data.get("status")
    return f"control {control.id} " + (
        f"is {status}" if isinstance(status, str) else "has no status"
    )


def _candidates(controls: list[Document], category: str) -> list[Document]:
    """The controls that may meet ``category``: those of the category, and for restore testing
    also the backup copies that record their own restore test."""
    return [
        c
        for c in controls
        if c.data.get("category") == category
        or (category in _AREA and c.data.get("category") == _ALL_ACCESS)
        or (
            category == RESTORE_TESTS
            and c.data.get("category") in _COPIES
            and value_at(c.data, "last_restore_test") is not None
        )
    ]


def _shortfall(
    control: Document, category: str, minimum: float | None, as_of: datetime.date, max_age: float
) -> str | None:
    """Why a control does not count for ``category``, or None if it does."""
    coverage = number(control.data.get("coverage_percent"))
    if not _implemented(control):
        return _status(control)
    if category == RESTORE_TESTS:
        untested = _untested(control, as_of, max_age)
        if untested is not None:
            return untested
    if minimum is not None and coverage is None:
        return f"control {control.id} states no coverage_percent"
    if minimum is not None and coverage is not None and coverage < minimum:
        return (
            f"control {control.id} covers {show_number(coverage)}%, under the "
            f"{show_number(minimum)}% required"
        )
    return None


def _late(control: Document, window: float | None) -> str | None:
    """Why a patching control does not meet a condition's window for critical patches (``critical
    patches within 14 days``): it records none, or a longer one; None when it meets it."""
    if window is None:
        return None
    days = number(control.data.get("patch_within_days"))
    if days is None:
        allowed = show_number(window)
        return f"control {control.id} states no patch_within_days (the condition allows {allowed})"
    if days > window:
        return (
            f"control {control.id} applies critical patches within {show_number(days)} days, "
            f"over the {show_number(window)} days required"
        )
    return None


def _untested(control: Document, as_of: datetime.date, max_age: float) -> str | None:
    """Why a restore-testing control does not show restores tested: its latest test failed,
    or is older than BCM-06's limit (a condition such as "restore tested at least annually")."""
    test = value_at(control.data, "last_restore_test")
    day = as_date(value_at(test, "date"))
    if day is None:
        return f"control {control.id} records no restore test (last_restore_test)"
    if value_at(test, "result") == "fail":
        return f"the latest restore test of control {control.id} failed on {day.isoformat()}"
    if day < shift(as_of, -int(max_age)):
        return (
            f"control {control.id} was last tested on {day.isoformat()}, more than "
            f"{show_number(max_age)} days ago"
        )
    return None


def _condition_gap(
    context: RuleContext,
    condition: dict[str, Any],
    categories: list[str],
    category: str,
    controls: list[Document],
) -> tuple[str, tuple[Related, ...]] | None:
    minimum = number(condition.get("minimum_coverage_percent"))
    siblings = _siblings_areas(condition, categories, category)
    shared = {s for _, s in _shared_scopes(condition, categories)} if category in _AREA else set()
    required = [s for s in strings(condition.get("scope")) if s not in siblings | shared]
    # the controls a condition of category other names meet it whatever their own category
    candidates = controls if category == OTHER else _candidates(controls, category)
    max_age = restore_test_max_age(context)
    window = number(condition.get("patch_within_days")) if category == PATCHING else None
    shortfall = {
        id(c): _shortfall(c, category, minimum, context.as_of, max_age) or _late(c, window)
        for c in candidates
    }
    usable = [c for c in candidates if shortfall[id(c)] is None]
    scopes = [strings(c.data.get("scope")) for c in usable]
    uncovered = [s for s in required if not any("all" in got or s in got for got in scopes)]
    if usable and not uncovered:
        return None
    related = tuple(context.related(c, ("id",), f"{category} control") for c in candidates)
    if usable:
        names = ", ".join(str(c.id) for c in usable)
        # a control whose scope holds an uncovered area but that does not count (short of the
        # coverage, not implemented, untested) is why the area is uncovered: say so
        short = [
            str(shortfall[id(c)])
            for c in candidates
            if shortfall[id(c)] is not None
            and any(
                "all" in strings(c.data.get("scope")) or s in strings(c.data.get("scope"))
                for s in uncovered
            )
        ]
        why = f" ({'; '.join(short)})" if short else ""
        return (
            f"needs {category} controls covering {', '.join(required)}, but the implemented "
            f"{category} controls ({names}) leave {', '.join(uncovered)} uncovered{why}",
            related,
        )
    covering = f" covering {', '.join(required)}" if required else ""
    reasons = "; ".join(r for r in (shortfall[id(c)] for c in candidates) if r)
    why = f" ({reasons})" if reasons else ""
    have = "the controls inventory has none" + (f" that meets it{why}" if why else "")
    return f"needs an implemented {category} control{covering}, but {have}", related


def _siblings_areas(condition: dict[str, Any], categories: list[str], category: str) -> set[str]:
    """The areas of the condition's scope that are other categories' job, not ``category``'s:
    an MFA sibling's area always; another sibling's own areas (but ``category``'s own) when
    ``category`` has an area of its own among the scopes."""
    own = _OWN_AREAS.get(category, frozenset())
    judged_by_own = bool(own & set(strings(condition.get("scope"))))
    theirs = set()
    for other in categories:
        if other == category:
            continue
        if other in _AREA:
            theirs.add(_AREA[other])
        if judged_by_own:
            theirs |= _OWN_AREAS.get(other, frozenset()) - own
    return theirs


def _accounts_without_mfa(context: RuleContext) -> list[Document]:
    """The active person accounts (human_account) suppliers hold in our systems that are
    recorded signing in without MFA (mfa: false; an account that does not say is IAM-02's)."""
    return [
        identity
        for identity in in_order(context.index.of_kind("Identity"))
        if identity.data.get("mfa") is False
        and context.facts.identity(identity).human
        and context.facts.identity(identity).active
        and context.facts.identity(identity).into_ours
    ]


def _reached(condition: dict[str, Any], category: str, account: Document) -> bool:
    """Whether an MFA condition's ``category`` reaches a supplier's person account: mfa_privileged
    every privileged one; mfa_remote_access every one when the condition's scope names third
    parties' access (third_party_access) or all, and, when it names remote access (or no
    scope: the category's own area), every one not recorded as signing in only on our premises
    (on_site_only): a supplier's staff reach our systems from outside them. MFA for email
    reaches no such account."""
    if category == "mfa_privileged":
        return account.data.get("access_level") == "privileged"
    if category != "mfa_remote_access":
        return False
    scope = strings(condition.get("scope"))
    if "third_party_access" in scope or "all" in scope:
        return True
    remote = not scope or _AREA[category] in scope
    return remote and account.data.get("on_site_only") is not True


def _identities_gap(
    context: RuleContext,
    policy: Document,
    condition: dict[str, Any],
    met: list[tuple[int, str]],
    accounts: list[Document],
    said: set[int],
) -> tuple[int, str, tuple[Related, ...]] | None:
    """Why the MFA categories the controls inventory meets (``met``: their positions in the
    condition and names) are still not met: supplier person accounts they reach are recorded
    without MFA (the controls say MFA is enforced, the accounts say it is not). One answer for
    the condition, at the first category such an account defeats: an account without MFA is one
    gap, however many of the condition's areas (remote access, privileged access) it reaches.
    None when there are none. ``said``: the accounts (``id()``) a finding of the condition
    already names, left out here; those named here are added to it."""
    found = _unprotected(context, policy, condition, met, accounts, said)
    if found is None:
        return None
    reach, words, related = found
    areas = listed([_AREA[category].replace("_", " ") for _, category, _ in reach])
    categories = listed([category for _, category, _ in reach])
    it = "it" if len(reach) == 1 else "them"
    return (
        reach[0][0],
        f"needs MFA on {areas}, and the {categories} controls cover {it}, but {words}",
        related,
    )


def _unprotected(
    context: RuleContext,
    policy: Document,
    condition: dict[str, Any],
    categories: list[tuple[int, str]],
    accounts: list[Document],
    said: set[int],
) -> tuple[list[tuple[int, str, list[Document]]], str, tuple[Related, ...]] | None:
    """The supplier person accounts without MFA that the condition's MFA ``categories`` (their
    positions and names) reach, for an entity the policy insures, leaving out those in
    ``said`` (and adding the ones found to it): by category, in words ("supplier person
    accounts it reaches sign in without MFA (mfa: false): ...") and as related places. None
    when there are none."""
    insured = [
        a
        for a in accounts
        if id(a) not in said and _insured(context, policy, context.facts.identity(a).supplier)
    ]
    reach = [
        (j, category, reached)
        for j, category in categories
        if (reached := [a for a in insured if _reached(condition, category, a)])
    ]
    if not reach:
        return None
    everyone = list({id(a): a for _, _, reached in reach for a in reached}.values())
    said.update(id(a) for a in everyone)
    names = [
        f"{a.id} ({a.data.get('access_level') or 'no access level'}, supplier "
        f"{a.data.get('supplier')})"
        for a in everyone
    ]
    related = tuple(
        context.related(a, ("mfa",), "a supplier's person account without MFA") for a in everyone
    )
    reaches = "it reaches" if len(reach) == 1 else "they reach"
    words = f"supplier person accounts {reaches} sign in without MFA (mfa: false): {listed(names)}"
    return reach, words, related


def _insured(context: RuleContext, policy: Document, supplier: Any) -> bool:
    """Whether the policy insures an entity the supplier serves (every entity when the
    supplier names none, or is not recorded)."""
    return supplier is None or insures(policy, supplier.entities, context.index)


def _mfa(categories: list[str]) -> list[str]:
    """The distinct MFA categories a condition names, in its order."""
    return list(dict.fromkeys(c for c in categories if c in _AREA))


def _shared_scopes(condition: dict[str, Any], categories: list[str]) -> list[tuple[int, str]]:
    """The scopes, with their positions, that a condition naming two or more MFA categories asks
    of its MFA controls together: those that are no MFA category's area, nor the own area of
    another category the condition names (network segmentation's network), nor all. Such a
    scope says whose access the areas' MFA must reach (vendors' access: third_party_access),
    not a further area each category must cover: the vendors' remote-access MFA meets it,
    without the email MFA listing vendors too."""
    if len(_mfa(categories)) < 2:
        return []
    owned = (area for c in categories for area in _OWN_AREAS.get(c, frozenset()))
    areas = set(_AREA.values()) | set(owned) | {"all"}
    return [(k, s) for k, s in enumerate(strings(condition.get("scope"))) if s not in areas]


def _shared_gap(
    context: RuleContext,
    condition: dict[str, Any],
    mfa: list[str],
    scope: str,
    controls: list[Document],
) -> tuple[str, tuple[Related, ...]] | None:
    """Why no implemented control of the condition's MFA categories covers ``scope``, or None
    when one does."""
    minimum = number(condition.get("minimum_coverage_percent"))
    max_age = restore_test_max_age(context)
    listing = []
    for control in controls:
        category = str(control.data.get("category"))
        got = strings(control.data.get("scope"))
        if (category not in mfa and category != _ALL_ACCESS) or not ("all" in got or scope in got):
            continue
        shortfall = _shortfall(control, category, minimum, context.as_of, max_age)
        if shortfall is None:
            return None
        listing.append((control, shortfall))
    either = f"{', '.join(mfa[:-1])} or {mfa[-1]}"
    reasons = "; ".join(why for _, why in listing)
    have = (
        f"the controls inventory has none that meets it ({reasons})"
        if listing
        else "none covers it"
    )
    related = tuple(
        context.related(c, ("id",), f"{c.data.get('category')} control") for c, _ in listing
    )
    return f"needs an implemented MFA control ({either}) covering {scope}, but {have}", related


def _condition_message(
    policy: Document,
    condition: dict[str, Any],
    gap: str,
    remedy: str = "implement the control",
    law: DisclosureLaw = UNTOLD,
) -> str:
    """The finding on a condition not met: under insurer market practice a claim can be refused
    for it, and what an inaccurate attestation of it costs is ``law``'s (the governing law's
    provisions where resilint knows them; otherwise that it depends on that law)."""
    head = f"insurance policy {policy.id}, condition {condition.get('id')}, {gap}"
    if condition.get("attested") is True:
        return (
            f"{head}; we attested this condition to the insurer, and {law.consequence}: "
            f"{remedy}, or correct the {law.corrected} with the broker"
        )
    return (
        f"{head}; under insurer market practice a claim can be refused when a condition is not "
        f"met, and had we declared it met, {law.consequence}: {remedy}, or agree a change to "
        "the condition with the broker"
    )


def check_exclusions_matched(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """INS-07: each exclusion's mitigating controls are implemented; restricted supplier data is
    covered by an implemented encryption control when unencrypted data is excluded."""
    controls = context.index.of_kind("Control")
    holders = [
        s
        for s in in_order(context.index.of_kind("Supplier"))
        if context.facts.supplier(s).data_sensitivity == "restricted"
        and context.facts.supplier(s).lifecycle == ENGAGED
    ]
    by_entity = scoped(controls)
    for policy in judged(context):
        insured = context.facts.regimes.entities_named(policy, "insured_entities")
        entities = insured if by_entity else ()
        for i, exclusion in dicts(policy.data.get("exclusions")):
            yield from _unmatched(context, info, policy, i, exclusion, controls, entities)
            if exclusion.get("type") == "unencrypted_data":
                for supplier in holders:
                    served = context.facts.supplier(supplier).entities
                    if insures(policy, served, context.index):
                        # whose data it holds under this policy: an entity's own encryption
                        # does not protect what the supplier holds for another
                        stake = tuple(e for e in served if insures(policy, (e,), context.index))
                        yield from _unencrypted(
                            context,
                            info,
                            policy,
                            exclusion,
                            supplier,
                            controls,
                            stake if by_entity else (),
                        )


def _unmatched(
    context: RuleContext,
    info: RuleInfo,
    policy: Document,
    i: int,
    exclusion: dict[str, Any],
    controls: list[Document],
    entities: tuple[str, ...],
) -> Iterator[Finding]:
    """``entities``: the insured entities, where controls name the entities they run on (a loss
    of one whose systems no implemented control protects falls in the exclusion)."""
    for j, category in enumerate(strings(exclusion.get("mitigating_control_categories"))):
        candidates = [c for c in controls if c.data.get("category") == category]
        where = ("exclusions", i, "mitigating_control_categories", j)
        bare = [e for e in entities if not any(map(_implemented, for_entity(candidates, e)))]
        if any(_implemented(c) for c in candidates) and not bare:
            exposed = _exposed(candidates)
            if exposed:
                yield _exposed_finding(context, info, policy, exclusion, category, exposed, where)
            continue
        why = f" ({'; '.join(_status(c) for c in candidates)})" if candidates else ""
        if any(_implemented(c) for c in candidates):  # implemented for other entities only
            entity = "entity" if len(bare) == 1 else "entities"
            why = f" running on the systems of insured {entity} {listed(bare)}"
        message = (
            f"insurance policy {policy.id} excludes {_excluded_losses(exclusion)} (exclusion "
            f"{exclusion.get('id')}), which an implemented {category} control keeps us outside "
            f"of, but the controls inventory has none{' implemented' if why else ''}{why}: under "
            "insurer market practice such "
            f"a loss would not be covered. {_to_do(candidates, _IMPLEMENT)}"
        )
        related = tuple(context.related(c, ("status",), f"{category} control") for c in candidates)
        # a control of the category recorded 'Implemented' (a schema error) reads as not in place
        read = _read_of(candidates)
        yield context.finding(info, policy, where, message, related, judged_on=read)


_IMPLEMENT = "Implement the control and record it"
"""What INS-07 asks where no control of the category is in progress."""


def _to_do(candidates: list[Document], otherwise: str = "implement the control") -> str:
    """What closes the gap, for INS-01's conditions and INS-07's exclusions alike: a control in
    progress (status partial) is completed, else ``otherwise`` (one is put in place)."""
    started = [c.id for c in candidates if c.data.get("status") == "partial" and c.id]
    if not started:
        return otherwise
    words = (
        f"complete the partial control ({listed(started)}): extend it to the systems it does "
        "not yet cover, then record it as implemented"
    )
    return words[0].upper() + words[1:] if otherwise[:1].isupper() else words


_LOSSES = {
    "unencrypted_data": "losses of data that was not encrypted",
    "unpatched_systems": "losses through systems left unpatched",
    "eol_software": "losses through software its vendor no longer supports",
    "war": "losses from war",
    "state_backed": "losses from state-backed attacks",
    "infrastructure_failure": "losses from infrastructure failure",
    "prior_known_incident": "losses from incidents known before the policy began",
}
"""What each type of exclusion takes out, in a reader's words (the type's code is no sentence:
"excludes eol_software losses")."""


def _excluded_losses(exclusion: dict[str, Any]) -> str:
    """What the exclusion takes out: its type's words, or for another exclusion (type other,
    or none recorded) the wording's own description, quoted, where it is recorded."""
    words = _LOSSES.get(str(exclusion.get("type")))
    if words:
        return words
    description = text_of(exclusion.get("description"))
    if description:
        return f'the losses its wording describes ("{description.rstrip(".")}")'
    return "the losses its wording describes"


def _exposed(candidates: list[Document]) -> list[tuple[Document, list[str]]]:
    """The controls of a category not fully in place, each with the areas of its scope that no
    implemented control of the category covers: the exclusion can reach losses there although
    the category has an implemented control elsewhere (IT patched, OT not). A partial control
    that records its coverage under 100 % leaves part of its own scope exposed whatever other
    controls name the same areas (scope words cannot tell the IT servers from the OT ones): all
    of its scope, unless an implemented control covers everything (scope all)."""
    covered = {area for c in candidates if _implemented(c) for area in strings(c.data.get("scope"))}
    if "all" in covered:
        return []
    found = []
    for control in candidates:
        if _implemented(control):
            continue
        scope = strings(control.data.get("scope"))
        left = scope if _measured_short(control) else [a for a in scope if a not in covered]
        if left:
            found.append((control, left))
    return found


def _measured_short(control: Document) -> bool:
    """A partial control whose recorded coverage is under 100 %."""
    coverage = number(control.data.get("coverage_percent"))
    return control.data.get("status") == "partial" and coverage is not None and coverage < 100


def _exposed_finding(
    context: RuleContext,
    info: RuleInfo,
    policy: Document,
    exclusion: dict[str, Any],
    category: str,
    exposed: list[tuple[Document, list[str]]],
    where: JsonPath,
) -> Finding:
    gaps = "; ".join(
        f"{_status(c)}{_coverage(c)} over its {listed(areas)}"
        if _measured_short(c)
        else f"{_status(c)}{_coverage(c)} and no implemented {category} control covers its "
        f"{listed(areas)}"
        for c, areas in exposed
    )
    message = (
        f"insurance policy {policy.id} excludes {_excluded_losses(exclusion)} (exclusion "
        f"{exclusion.get('id')}), which implemented {category} controls keep us outside of, but "
        f"{gaps}: under insurer market practice a loss arising there may not be covered. "
        "Complete the control over those areas, or record what keeps them outside the "
        "exclusion and agree it with the broker"
    )
    related = tuple(context.related(c, ("status",), f"{category} control") for c, _ in exposed)
    read = _read_of([c for c, _ in exposed])
    return context.finding(info, policy, where, message, related, judged_on=read)


def _coverage(control: Document) -> str:
    coverage = number(control.data.get("coverage_percent"))
    return f" ({show_number(coverage)}% coverage)" if coverage is not None else ""


def _unencrypted(
    context: RuleContext,
    info: RuleInfo,
    policy: Document,
    exclusion: dict[str, Any],
    supplier: Document,
    controls: list[Document],
    stake: tuple[str, ...],
) -> Iterator[Finding]:
    """``stake``: the insured entities whose data the supplier holds, where controls name the
    entities they run on (each needs an encryption control of its own; empty: any counts)."""
    categories = strings(exclusion.get("mitigating_control_categories")) or _DEFAULT_ENCRYPTION
    protecting = [
        control
        for control in controls
        if _implemented(control)
        and among(control.data.get("category"), categories)
        and (not (scoped := strings(control.data.get("suppliers"))) or supplier.id in scoped)
    ]
    bare = [e for e in stake if not for_entity(protecting, e)]
    if protecting and not bare:
        return
    words = " or ".join(categories)
    if protecting:
        entity = "entity" if len(bare) == 1 else "entities"
        lacking = f"no implemented {words} control covers it for insured {entity} {listed(bare)}"
    else:
        lacking = f"no implemented {words} control covers it"
    message = (
        f"supplier {supplier.id} handles restricted data, but {lacking}, and insurance policy "
        f"{policy.id} excludes losses of unencrypted data (exclusion {exclusion.get('id')}): a "
        "breach of that data may not be covered (insurer market practice). Record the "
        "encryption control that protects this supplier's data (suppliers: on the control"
        + (", and the entities whose systems it runs on" if bare and protecting else "")
        + "), or have the data encrypted"
    )
    related = (context.related(policy, ("exclusions",), "the exclusion"),)
    key = f"{policy.id}/{exclusion.get('id')}"
    read = _read_of([c for c in controls if among(c.data.get("category"), categories)])
    yield context.finding(
        info, supplier, ("data_sensitivity",), message, related, key, judged_on=read
    )


CHECKS: dict[str, PythonCheck] = {
    "insurance-conditions-met": check_policy_conditions,  # INS-01
    "insurance-exclusions-matched": check_exclusions_matched,  # INS-07
}
