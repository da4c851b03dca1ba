"""What the domain model knows about one document of each kind: the fact types, derived once
from the index (see the package doc). Suppliers are built together, since criticality flows
through the dependency graph (:mod:`.suppliers`); the other kinds one by one
(:mod:`.documents`). The rule language sees these facts as fields (:mod:`.fact_fields`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from resilint.domain import delivery
from resilint.domain.fact_fields import FACT_FIELDS as FACT_FIELDS
from resilint.domain.graph import Chain
from resilint.domain.readers import number, show_money, value_at
from resilint.model import Document
from resilint.quoting import shown


@dataclass(frozen=True, slots=True)
class SupplierFacts:
    """What a supplier is in the domain model: its tier in effect, why, and its exposure."""

    document: Document
    declared_tier: int | None
    critical: bool
    """Tier 1 in effect: recorded so, or made so by what it does for us (see ``reasons``)."""
    reasons: tuple[str, ...]
    """Why it is critical, in words; empty when it is not."""
    chain: Chain
    """When a critical function rests on it: the shortest chain from that function."""
    supports_critical: bool
    """It supports a critical or important function (recorded, or through the graph)."""
    critical_functions: tuple[str, ...]
    tier_class: str
    ict: bool
    access_level: str
    data_sensitivity: str | None
    exposures: frozenset[str]
    lifecycle: str
    entities: tuple[str, ...]
    regimes: frozenset[str]
    requires: frozenset[str]
    has_alternative: bool
    in_register: bool = False
    """A contract of it is in the DORA register of information (:mod:`.registers`)."""
    service_models: frozenset[str] = frozenset()
    """The service models of its services (:mod:`.delivery`); empty when any is unknown."""
    holds: frozenset[str] = frozenset()
    """What of ours it holds: data, credentials, identities (:mod:`.delivery`)."""
    model_note: str = ""
    """Words for a finding whose term its unknown service model decides
    (:func:`.delivery.model_note`); "" where the model is known."""
    adviser_note: str = ""
    """The same words for a term only an adviser's, a bank's or a scheme's model decides (a 24x7
    security contact), naming only the models whose record takes it off the supplier (an
    adviser's): "" for a supplier with ICT services or operating in our systems."""
    contested: tuple[str, ...] = ()
    """Critical or important functions that name it directly although it (or the service they
    name) is recorded as not supporting a critical function: the records disagree, and it is
    judged as recorded, not made critical by them (SUP-01 asks to settle it)."""
    contested_chain: Chain = ()
    own_trade_services: frozenset[str] = frozenset()
    """Its services that serve us in a trade of their own, an adviser's, a bank's or a market
    infrastructure's (:func:`.delivery.own_trade_services`): no outsourced work, whoever else
    the same contract covers."""
    non_ict_services: frozenset[str] = frozenset()
    """Its services that only contracts not for ICT services cover (:func:`.suppliers.uncovered`):
    DORA's terms for each ICT service are not asked of them."""
    services_not_in_register: frozenset[str] = frozenset()
    """Its services that contracts name but none in the DORA register covers: the register
    reports no row of them (B_02.02, B_05.02, B_07.01)."""
    critical_outside_dora: frozenset[str] = frozenset()
    """Its services whose every critical or important function resting on them directly is of
    entities outside DORA (:func:`.suppliers.critical_outside_dora`): DORA's terms for a service
    supporting a critical or important function are not asked of them."""
    portal_contacts: frozenset[str] = frozenset()
    """Its contacts (``security_24x7``, ``security``) reached through a web portal
    (:func:`.suppliers.portal_contacts`)."""
    reachable_24x7: bool = False
    """One of its contacts answers around the clock and has a way to reach it
    (:func:`.suppliers.reachable_24x7`)."""
    on_site_only: bool = False
    """Its only access to our systems is people's accounts that sign in only on our premises or
    internal network (:func:`.delivery.on_site_only`): accounts we issue and disable ourselves."""
    in_group: bool = False
    """A company of our own group: it names the Entity it is (``group_entity``) or is
    identified by the LEI of one of our entities (:func:`.suppliers.in_group`)."""
    outsourcing_unrecorded: bool = True
    """It supports a critical or important function and a contract of it does not record
    outsources_function (:func:`.suppliers.outsourcing_unrecorded`): a note naming an
    adviser's, a bank's or a scheme's model says to record that too, since an outsourcing
    behind such a function is asked its terms (CTR-16, SUP-12)."""

    @property
    def effective_tier(self) -> int | None:
        return 1 if self.critical else self.declared_tier

    @property
    def non_ict(self) -> bool:
        """It provides no ICT services and does not operate in our systems."""
        return not self.ict and "operating_access" not in self.exposures

    @property
    def operates(self) -> bool:
        """It acts in our systems (a person's account that can change things, or privileged
        rights): its licensed software is run for us (:func:`.delivery.models_of`)."""
        return "operating_access" in self.exposures

    @property
    def tiered_by_exposure(self) -> bool:
        """Restricted data or privileged access make it tier 1 by themselves, so a recorded tier 1
        then says nothing about reliance (a law firm holding our breach files, an IT provider
        holding admin rights, with no function resting on either)."""
        return self.data_sensitivity == "restricted" or self.access_level == "privileged"

    @property
    def relied_on(self) -> bool:
        """It does work we rely on: a critical or important function rests on it, or it is
        recorded as tier 1 and no exposure explains that tier."""
        return self.supports_critical or (self.declared_tier == 1 and not self.tiered_by_exposure)

    @property
    def supports_through_others_only(self) -> bool:
        """It supports a critical or important function only through another supplier (as its
        subcontractor or shared dependency): no critical function rests on it directly or names
        it under supported_by, and neither it nor a service of it is recorded as supporting
        one. The supplier in front of it carries the terms of that support: SUP-05 asks no
        contract of it, and DORA's terms for a service supporting such a function ride on a
        contract of ours with it that supports one (:func:`.suppliers.critical_services`)."""
        if not self.supports_critical or len(self.chain) < 2:
            return False
        data = self.document.data
        return data.get("supports_critical_function") is not True and not any(
            isinstance(s, dict) and s.get("supports_critical_function") is True
            for s in data.get("services") or ()
        )

    @property
    def understated(self) -> bool:
        """Recorded below tier 1 although it is critical in effect."""
        return self.critical and self.declared_tier is not None and self.declared_tier > 1

    @property
    def tier_note(self) -> str:
        """Words for a finding that holds it to tier 1 when its record does not say tier 1: why
        it is tier 1 in effect (a payroll bureau recorded as tier 2 that holds privileged
        access); "" when it is recorded as tier 1, or not critical."""
        if not self.critical or self.declared_tier == 1:
            return ""
        given = self.document.data.get("tier")
        if self.declared_tier is not None:
            recorded = f"recorded as tier {self.declared_tier}"
        elif given is None:
            recorded = "no tier recorded"
        else:  # mistyped ("1 - critical"): the schema error says so, not that none was given
            recorded = f"its recorded tier {shown(given)} is not 1, 2 or 3"
        because = "; ".join(r for r in self.reasons if r != "it is recorded as tier 1")
        return f" ({recorded}; tier 1 because {because})"

    def reach_note(self, exposures: str) -> str:
        """Words for a finding that asks a term of it because its compromise can reach us: its
        tier and its exposures (``exposures``, as :func:`delivery.exposure_words` says them),
        " (tier 3; it handles our confidential data)"; "" when it has neither a tier nor an
        exposure to show. Tier 1 in effect points at SUP-01, which says why."""
        if self.critical and self.declared_tier != 1:
            tier = "tier 1 in effect, see SUP-01"
        else:
            tier = f"tier {self.effective_tier}" if self.effective_tier else ""
        shown = "; ".join(part for part in (tier, f"it {exposures}" if exposures else "") if part)
        return f" ({shown})" if shown else ""

    def fields(self) -> dict[str, Any]:
        exposures = delivery.exposure_words(self.exposures, self.document)
        return {
            "critical": self.critical,
            "effective_tier": self.effective_tier,
            "tier_note": self.tier_note,
            "tier_class": self.tier_class,
            "supports_critical": self.supports_critical,
            "supports_through_others_only": self.supports_through_others_only,
            "relied_on": self.relied_on,
            "critical_functions": list(self.critical_functions),
            "ict": self.ict,
            "access_level": self.access_level,
            "exposures": sorted(self.exposures),
            "exposure_words": exposures,
            "reach_note": self.reach_note(exposures),
            "model_note": self.model_note,
            "adviser_note": self.adviser_note,
            "lifecycle": self.lifecycle,
            "our_entities": list(self.entities),
            "regimes": sorted(self.regimes),
            "requires": sorted(self.requires),
            "has_alternative": self.has_alternative,
            "on_site_only": self.on_site_only,
            "in_register": self.in_register,
            "own_trade_services": sorted(self.own_trade_services),
            "non_ict_services": sorted(self.non_ict_services),
            "services_not_in_register": sorted(self.services_not_in_register),
            "critical_outside_dora": sorted(self.critical_outside_dora),
            "contested_functions": list(self.contested),
            "portal_contacts": sorted(self.portal_contacts),
            "reachable_24x7": self.reachable_24x7,
            "service_models": sorted(self.service_models),
            "holds": sorted(self.holds),
            "holds_words": delivery.holds_words(self.holds),
            "accounts_words": self.accounts_words,
            "cut_off_words": self.cut_off_words,
        }

    @property
    def accounts_words(self) -> str:
        """The accounts of it an incident notice says were disabled (CTR-05), in words to follow
        "which": its privileged accounts, or, where its access is write access without
        privilege and it runs none of our sign-in, its accounts with write access."""
        if self.access_level == "write" and "identities" not in self.holds:
            return "of its accounts with write access to our systems"
        return "privileged accounts"

    @property
    def cut_off_words(self) -> str:
        """What a joint playbook's criteria (disable_criteria) and decision rights are for, in
        words to follow "the criteria for": disabling an outside supplier's integrations; of a
        company of our own group (group_entity: the group's IT centre running our network and
        directory), isolating the systems and network segments it runs for us, since its access
        is our own IT's, not an outsider's we cut off."""
        named = self.document.data.get("group_entity")
        if self.in_group or (isinstance(named, str) and named.strip()):
            return GROUP_CUT_OFF
        return "disabling its integrations"


GROUP_CUT_OFF = (
    "isolating the systems and network segments it runs for us (it is a company of our group, "
    "not an outside supplier whose integrations we disable)"
)
"""What a joint playbook's criteria are for, of a company of our own group."""


class Fields(dict):  # type: ignore[type-arg]
    """A document's facts, some worked out when first read: words only a finding's message
    shows, which would cost every document what a few findings need. Each such fact holds ""
    until read (its name is there for ``in``); reading it, or every value, works it out once."""

    __slots__ = ("_later",)

    def __init__(self, values: Mapping[str, Any], later: Mapping[str, Callable[[], Any]]) -> None:
        dict.__init__(self, values)
        self._later = dict(later)

    def _settle(self, key: object) -> None:
        work = self._later.pop(key, None)  # type: ignore[call-overload]
        if work is not None:
            dict.__setitem__(self, key, work())

    def __getitem__(self, key: Any) -> Any:
        if self._later:
            self._settle(key)
        return dict.__getitem__(self, key)

    def get(self, key: Any, default: Any = None) -> Any:
        if self._later:
            self._settle(key)
        return dict.get(self, key, default)

    def items(self) -> Any:
        for key in list(self._later):
            self._settle(key)
        return dict.items(self)

    def values(self) -> Any:
        for key in list(self._later):
            self._settle(key)
        return dict.values(self)


@dataclass(frozen=True, slots=True)
class ContractFacts:
    """What a contract is in the domain model: its supplier, whether in force and critical."""

    document: Document
    supplier: SupplierFacts | None
    lifecycle: str
    critical: bool
    """It supports a critical or important function (DORA Art. 30(3))."""
    ict: bool
    entities: tuple[str, ...]
    regimes: frozenset[str]
    requires: frozenset[str]
    in_register: bool = False
    """The DORA register of information holds it as of the facts' date (:mod:`.registers`)."""
    functions: tuple[str, ...] = ()
    """Business functions resting directly on it (its supplier, or a service it covers)."""
    service_models: frozenset[str] = frozenset()
    """The service models of the services it covers (:mod:`.delivery`); empty when any is
    unknown."""
    replaceable: bool = False
    """Every service it covers is recorded as easily or medium substitutable."""
    switchable: bool = False
    """Every service it covers is recorded as easily substitutable."""
    model_note: str = ""
    """Words for a finding whose term the unknown service model decides
    (:func:`.delivery.model_note`); "" where the model is known."""
    adviser_note: str = ""
    """The same words for a term only an adviser's, a bank's or a scheme's model decides (the
    incident-notice window), naming only the models whose record takes it off the supplier (a
    bank's or a scheme's where it is critical): "" where its supplier has ICT services or
    operates in our systems."""
    trigger_note: str = ""
    """:attr:`model_note` where the unknown service model alone asks its supplier's notice on a
    suspected compromise (:func:`.documents.trigger_note`); "" otherwise."""
    operated_note: str = ""
    """Words for a finding whose term licensed software is not asked, where its supplier acts in
    our systems, so its licensed software counts as run for us (:func:`.delivery.operated_note`);
    "" otherwise."""
    escrow_note: str = ""
    """Words saying escrow meets the step-in term, where :attr:`operated_note` is not empty
    (:data:`.delivery.ESCROW_NOTE`); "" otherwise."""
    critical_note: str = ""
    """Why it is critical though recorded supports_critical_function: false (a service it covers
    supports a critical or important function), or though it records nothing of it and its
    supplier supports one only through another supplier; "" otherwise."""
    window_note: Callable[[], str] | None = None
    """Words naming the clocks of its entities and their insurers that its supplier's notice
    window, as written, runs past (:func:`.supplier_clocks.missed_note`), where the requirements
    matrix asks it incident notice ("" otherwise): worked out when first read (only CTR-03's
    message shows it, for the few windows too long), not for every contract."""
    insured: bool = False
    """A cyber policy in force may cover a loss of its entities and would ask its questions of
    the supplier through this contract: it does not insure the supplier's own group company
    beside us (:func:`.tower.insurer_asks_of`)."""
    outsourcing: bool = False
    """It outsources a function of ours (:func:`.documents.outsourcing`)."""
    dora_critical: bool = False
    """It supports a critical or important function of an entity under DORA
    (:func:`.documents.critical_for_dora`)."""
    recorded_tier: bool = False
    """Its supplier is tier 1 in effect only through the critical or important functions it
    supports (:func:`.suppliers.critical_by_functions_only`: as a critical supplier's
    subcontractor, say), and this contract supports none of them: its terms follow the
    supplier's recorded tier, not tier 1."""

    @property
    def tier_1(self) -> bool:
        """Its terms are a tier-1 supplier's: its supplier is tier 1 in effect, and this
        contract is not held to the supplier's recorded tier."""
        return self.supplier is not None and self.supplier.critical and not self.recorded_tier

    def fields(self) -> dict[str, Any]:
        values = {
            "outsourcing": self.outsourcing,
            "dora_critical": self.dora_critical,
            "replaceable": self.replaceable,
            "switchable": self.switchable,
            "model_note": self.model_note,
            "adviser_note": self.adviser_note,
            "trigger_note": self.trigger_note,
            "operated_note": self.operated_note,
            "escrow_note": delivery.ESCROW_NOTE if self.operated_note else "",
            "trigger_gap": trigger_gap(self.document, self.supplier, self.service_models),
            "notice_subject": notice_subject(self.supplier),
            "in_register": self.in_register,
            "functions": list(self.functions),
            "service_models": sorted(self.service_models),
            "lifecycle": self.lifecycle,
            "critical": self.critical,
            "critical_note": self.critical_note,
            "window_note": "",
            "insured": self.insured,
            "ict": self.ict,
            "tier_class": self.tier_class,
            "effective_tier": self.effective_tier,
            "tier_note": self.supplier.tier_note if self.supplier and self.tier_1 else "",
            "tier_1": self.tier_1,
            "our_entities": list(self.entities),
            "regimes": sorted(self.regimes),
            "requires": sorted(self.requires),
        }
        later = {"window_note": self.window_note} if self.window_note is not None else {}
        return Fields(values, later) if later else values

    @property
    def tier_class(self) -> str:
        """The requirements matrix's row its terms follow."""
        if self.supplier is None:
            return "tier_2"
        if self.recorded_tier:
            return "tier_3" if self.supplier.declared_tier == 3 else "tier_2"
        return self.supplier.tier_class

    @property
    def effective_tier(self) -> int | None:
        """The tier its terms follow: its supplier's in effect, or recorded where it is held
        to that (:attr:`recorded_tier`)."""
        if self.supplier is None:
            return None
        return self.supplier.declared_tier if self.recorded_tier else self.supplier.effective_tier


NOTICE_OF_DISRUPTION = "an incident that disrupts its service to us (a cyber attack on it included)"
"""What the incident notice of a supplier no compromise of which can reach us is of."""


SHARED_PLATFORM_TRIGGER = (
    "; the standard terms of a shared platform (IaaS, PaaS or a multi-tenant SaaS) seldom grant "
    "notice of a suspected compromise (their data processing terms notify a confirmed security "
    "breach: market practice), so ask where our spend gives leverage, or accept the gap in a "
    "waiver approved by the risk owner that says how we learn of a compromise instead"
)
"""What CTR-03 adds where every service the contract covers is a shared platform's, as CTR-08
says of the security indemnity such a platform seldom gives."""


def trigger_gap(
    contract: Document, supplier: SupplierFacts | None, models: frozenset[str] = frozenset()
) -> str:
    """What the contract's record says of what starts its supplier's incident notice, where it
    is not a suspected compromise, and what to do (CTR-03's words); "" where it is. Where every
    service it covers is a shared platform's (``models``, all IaaS, PaaS or multi-tenant SaaS),
    the words say that such a platform's standard terms seldom grant it, and point to a
    waiver."""
    notice = contract.data.get("incident_notification")
    trigger = notice.get("trigger") if isinstance(notice, dict) else None
    if trigger == "suspected":
        return ""
    who = f"supplier {supplier.document.id}" if supplier is not None else "its supplier"
    shared = models and models <= delivery.SHARED_PLATFORMS
    platform = SHARED_PLATFORM_TRIGGER if shared else ""
    if trigger == "confirmed":
        return (
            f"asks {who} to notify us only of a confirmed compromise "
            "(incident_notification.trigger: confirmed): negotiate notice of a suspected "
            "compromise, so that it must tell us as soon as it suspects one, not only once a "
            f"breach is confirmed, and record trigger: suspected{platform}"
        )
    return (
        f"does not say whether {who} must notify us of a suspected compromise or only of a "
        "confirmed one (incident_notification.trigger): record what the contract says "
        "(trigger: suspected where it asks notice as soon as a compromise is suspected), and "
        f"where it asks only a confirmed one, negotiate notice of a suspected compromise{platform}"
    )


def notice_subject(supplier: SupplierFacts | None) -> str:
    """What a supplier's incident notice is of, in a message: a security incident where its
    compromise can reach us (it provides ICT services, holds access to our systems or handles
    our confidential data); of a supplier with none of these that the requirements matrix asks
    all the same, being critical (a water utility's supplier of treatment chemicals), an
    incident that disrupts its service to us: its outage, not its compromise, reaches us."""
    if supplier is None or supplier.exposures:
        return "a security incident"
    return NOTICE_OF_DISRUPTION


@dataclass(frozen=True, slots=True)
class FunctionFacts:
    """What a business function is in the domain model: critical or not, what it relies on."""

    document: Document
    critical: bool
    suppliers: tuple[str, ...]
    entities: tuple[str, ...]
    regimes: frozenset[str]
    in_register: bool = False
    """A contract in the DORA register of information supports it directly."""
    restore_tests: str = ""
    """For a critical function: the backup controls covering it and their latest restore
    tests, in words (:func:`.documents._restore_tests`)."""
    dora_simplified_only: bool = False
    """Every entity of it under DORA applies the simplified ICT risk-management framework of
    DORA Art. 16 (Arts 5 to 15 do not bind them), and one is."""
    insured: bool = False
    """A cyber policy in force may cover a loss of its entities (:func:`.tower.cyber_insured`)."""
    dependent_cover_beyond_it: bool = False
    """Such a policy's dependent business-interruption cover may answer the outage of a
    supplier providing no ICT services (:func:`.tower.dependent_cover_beyond_it`)."""
    planned_exercise: str = ""
    """The earliest exercise still to come that lists it, in words (:func:`.documents.
    _planned_exercise`); empty when none is planned."""

    def fields(self) -> dict[str, Any]:
        return {
            "planned_exercise": self.planned_exercise,
            "in_register": self.in_register,
            "restore_tests": self.restore_tests,
            "critical": self.critical,
            "suppliers": list(self.suppliers),
            "our_entities": list(self.entities),
            "regimes": sorted(self.regimes),
            "dora_simplified_only": self.dora_simplified_only,
            "insured": self.insured,
            "dependent_cover_beyond_it": self.dependent_cover_beyond_it,
        }


@dataclass(frozen=True, slots=True)
class IdentityFacts:
    """What a supplier identity is in the domain model: human or machine, active, its access."""

    document: Document
    human: bool
    machine: bool
    active: bool
    supplier: SupplierFacts | None
    regimes: frozenset[str]
    nydfs_limited_only: bool = False
    """Every entity under NYDFS whose systems it reaches is under the limited exemption of 23
    NYCRR 500.19(a) (``nydfs_limited_exemption: true``); false where none is under NYDFS."""
    into_ours: bool = True
    """It is the supplier's access into our systems, not our own credential or account at the
    supplier (``ours_at_supplier: true``)."""

    def fields(self) -> dict[str, Any]:
        return {
            "human": self.human,
            "machine": self.machine,
            "active": self.active,
            "regimes": sorted(self.regimes),
            "nydfs_limited_only": self.nydfs_limited_only,
            "jit_note": JIT_NOTE if self.document.data.get("just_in_time") is True else "",
        }


JIT_NOTE = ": just-in-time access limits when the account can be used, not who can use it"
"""Why just-in-time access does not stand in for MFA on a privileged account, for a message on
an account recorded with just_in_time: true (a finding on one without it has nothing to rebut)."""


@dataclass(frozen=True, slots=True)
class PolicyFacts:
    """What an insurance policy is in the domain model: in force, its layer in the tower."""

    document: Document
    in_force: bool
    layer: str
    """``primary`` or ``excess``."""
    underlying: Document | None
    """For an excess layer, the policy it sits over."""
    follows_form: bool
    """An excess layer that takes the underlying policy's terms and conditions."""
    entities: tuple[str, ...]
    regimes: frozenset[str]
    form_of: Callable[[], str | None] | None = None
    """For an excess layer that follows form: the id of the policy whose terms it has, down
    the layers it follows the form of (:func:`resilint.domain.tower.terms_of`); worked out when
    read, as the policies below it are judged then."""
    line: Callable[[], str] | None = None
    """The line of insurance of its tower (:func:`resilint.domain.tower.line_of`): recorded,
    else as its words name it; worked out when read, as the policies below it are judged then."""
    lines_named: Callable[[], list[str]] | None = None
    """The lines of insurance its name and description name (those of the policy whose terms it
    has where its own name none), for a message asking which one it is."""
    renewed_to: Callable[[], str | None] | None = None
    """The last day its position in the tower is insured, its recorded renewals followed
    (:func:`resilint.domain.tower.renewed_to`); worked out when read."""

    @property
    def inherits_terms(self) -> bool:
        return self.layer == "excess" and self.follows_form and self.underlying is not None

    @property
    def covered_below(self) -> float | None:
        """For an excess layer, what the policy it sits over pays up to: its aggregate limit,
        plus its own attachment point where it is itself an excess layer; None where that limit
        is not recorded."""
        if self.underlying is None:
            return None
        limit = number(self.underlying.data.get("aggregate_limit"))
        below = number(value_at(self.underlying.data, "layer", "attaches_at"))
        return None if limit is None else limit + max(below or 0, 0)

    def fields(self) -> dict[str, Any]:
        data = self.document.data
        under = self.underlying.data if self.underlying is not None else {}
        attaches = number(value_at(data, "layer", "attaches_at"))
        covered = self.covered_below
        values = {
            "covered_below": covered,
            "covered_below_amount": (
                show_money(covered, under.get("currency") or data.get("currency"))
                if covered is not None
                else ""
            ),
            "attaches_at_amount": (
                show_money(attaches, data.get("currency") or under.get("currency"))
                if attaches is not None
                else ""
            ),
            "in_force": self.in_force,
            "position": self.layer,
            "inherits_terms": self.inherits_terms,
            "our_entities": list(self.entities),
            "regimes": sorted(self.regimes),
            "form_of": None,
            "insurance_line": "",
            "lines_named": [],
            "renewed_to": None,
        }
        later = {
            name: work
            for name, work in (
                ("form_of", self.form_of),
                ("insurance_line", self.line),
                ("lines_named", self.lines_named),
                ("renewed_to", self.renewed_to),
            )
            if work is not None
        }
        return Fields(values, later) if later else values


@dataclass(frozen=True, slots=True)
class PlanFacts:
    """What a continuity plan is in the domain model."""

    document: Document
    critical: bool
    """The function it keeps going is critical or important."""
    tested_on: str | None = None
    """The date of its last test by the as-of date (:func:`resilint.domain.lifecycle.
    plan_tested`), ISO; None where none is recorded by then."""
    first_of_function: bool = True
    """The first plan of its business function in file order (or one naming no known
    function): a gap of the function's plans taken together is reported once, there."""

    def fields(self) -> dict[str, Any]:
        return {
            "critical": self.critical,
            "tested_on": self.tested_on,
            "first_of_function": self.first_of_function,
        }


@dataclass(frozen=True, slots=True)
class PlaybookFacts:
    """What a joint incident playbook is in the domain model."""

    document: Document
    required: bool
    """A joint playbook the requirements matrix asks for: its supplier is engaged and needs
    one, or a live contract that names it does."""

    def fields(self) -> dict[str, Any]:
        return {"required": self.required}


@dataclass(frozen=True, slots=True)
class ExerciseFacts:
    """What an exercise is in the domain model: for a planned one whose date has passed, the
    later completed exercise that tested what it was to test
    (:func:`resilint.domain.lifecycle.superseded_by`)."""

    document: Document
    superseded_by: str
    """That exercise's id; empty when there is none (or it records no id)."""

    def fields(self) -> dict[str, Any]:
        return {"superseded_by": self.superseded_by}


@dataclass(frozen=True, slots=True)
class WaiverFacts:
    """What a waiver is in the domain model: the rules it waives."""

    document: Document
    codes: tuple[str, ...]
    """Its rule, or each of its rules (:func:`resilint.domain.waivers.waived_rules`)."""
    owner_approved: str | None = None
    """How its approver reads as its risk owner (:func:`resilint.domain.waivers.same_person`):
    "" written alike, a note of what was compared, None two people."""

    def fields(self) -> dict[str, Any]:
        found = self.owner_approved
        return {
            "codes": list(self.codes),
            "approved_by_owner": found is not None,
            "owner_compared": f" ({found})" if found else "",
        }


@dataclass(frozen=True, slots=True)
class EntityFacts:
    """What an entity of the group is in the domain model: its regimes and registers."""

    document: Document
    maintains_register: bool
    """Under DORA with no entity under DORA above it: it keeps a register of information."""
    registers: tuple[str, ...]
    """The entities whose register of information covers this one (its scope of consolidation)."""
    regimes: frozenset[str]
    """Its own regimes, and dora when a DORA register covers it (a non-financial group entity
    is listed in its parent's register: the register's rules apply to its entry)."""
    dora_size: str = ""
    """Its size class by DORA's thresholds (:func:`.regimes.dora_size`); "" when unknown."""
    dora_excluded: bool = False
    """DORA Art. 2(3)(e) excludes it from DORA's scope (:func:`.regimes.dora_excluded`)."""
    entity_types: tuple[str, ...] = ()
    """Its types (:func:`.regimes.entity_types`): one, or each of several."""
    dora_simplified_misclaimed: bool = False
    """It records DORA's simplified framework, which its types cannot have
    (:func:`.regimes.dora_simplified_misclaimed`)."""

    def fields(self) -> dict[str, Any]:
        return {
            "entity_types": list(self.entity_types),
            "dora_simplified_misclaimed": self.dora_simplified_misclaimed,
            "maintains_register": self.maintains_register,
            "in_register": bool(self.registers),
            "dora_size": self.dora_size,
            "dora_excluded": self.dora_excluded,
        }
