"""What an impact scenario answers, as immutable values built complete: the renderers format
them and decide nothing. Text here comes from the data unescaped; every renderer escapes it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

SUPPLIER, REGION, DEPENDENCY, FUNCTION = "supplier", "region", "dependency", "function"
KINDS = (SUPPLIER, REGION, DEPENDENCY, FUNCTION)


@dataclass(frozen=True)
class Target:
    """What is down: a supplier (by id), a cloud region (``region`` or ``provider/region``), a
    shared dependency named in free text, or one of our business functions."""

    kind: str
    value: str

    @property
    def label(self) -> str:
        words = {REGION: "cloud region", DEPENDENCY: "shared dependency"}
        return f"{words.get(self.kind, self.kind)} {self.value}"


@dataclass(frozen=True)
class Contact:
    """A way to reach a person or team during an incident."""

    name: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    channel: str = ""
    available_24x7: bool | None = None

    @property
    def empty(self) -> bool:
        return not (self.name or self.email or self.phone or self.channel)


@dataclass(frozen=True)
class Threshold:
    """A threshold an outage crosses (a function's RTO or MTPD, a cover's waiting period)."""

    type: str
    description: str


@dataclass(frozen=True)
class Fallback:
    """The degraded mode of one function: its continuity plan."""

    plan: str
    owner: str
    deputy: str
    description: str
    reference: str
    capacity_percent: float | None
    max_degraded_hours: float | None
    time_to_switch_hours: float | None
    thresholds: tuple[Threshold, ...]
    last_tested: datetime.date | None
    """The plan's last test: its last_tested, or a later completed exercise naming it under
    continuity_plans (:func:`resilint.domain.lifecycle.plan_test`)."""
    tested_by: str = ""
    """The id of that exercise; empty where the date is the plan's own last_tested."""
    overdue_since: datetime.date | None = None
    """For a critical function's plan whose last test is older than the yearly limit (EXR-01's
    ``max_age_days``): the day that limit passed."""
    after_checked: bool = False
    """Whether ``last_tested`` is after the date checked: no test by then (EXR-01 warns of
    it), never read as a current one."""
    written_for: tuple[str, ...] = ()
    """The suppliers the plan names (``suppliers``) where none of them is down: a plan written
    for their outage, shown because its thresholds fit this kind of outage, whose procedure
    is to be checked against this one."""


@dataclass(frozen=True)
class Exercised:
    """The latest exercise that rehearsed a function, and its date."""

    exercise: str
    date: datetime.date


@dataclass(frozen=True)
class PlanTested:
    """The latest test a continuity plan of a function records itself, and its date."""

    plan: str
    date: datetime.date


@dataclass(frozen=True)
class FunctionImpact:
    """What an outage does to one business function, and who acts on it."""

    id: str
    name: str
    criticality: str
    critical: bool
    owner: str
    entities: tuple[str, ...]
    via: tuple[str, ...]
    """The chain from the function to what is down, hop by hop, in words."""
    stopped: bool
    """False when what is down only serves it as a standby or replica region, or as one of
    several active regions, or only its continuity plan names the supplier that is down."""
    not_stopped: str
    """Why it is not stopped, in words ("" when it is)."""
    rto_hours: float | None
    rpo_hours: float | None
    mtpd_hours: float | None
    breaches_rto: bool | None
    breaches_mtpd: bool | None
    fallback: Fallback | None
    fallback_lasts: bool | None
    """The degraded mode, once running, can be sustained to the end of the outage (None: not
    known)."""
    last_exercise: Exercised | None
    continuity_plans: tuple[str, ...] = ()
    """The function's continuity plans: an exercise naming one exercised the function too."""
    last_plan_test: PlanTested | None = None
    """The latest test one of its continuity plans records itself (last_tested, by the date
    checked): a test of the function, as EXR-01 and the calendar count it, whichever plan the
    fallback is."""
    mtpd_bridged: bool = False
    """The outage outlasts the MTPD, but the degraded mode runs before the MTPD has passed and
    lasts the outage: the disruption stays tolerable (:attr:`breaches_mtpd` is then False), as
    BCM-03 and BCM-08 judge a fallback."""
    unfitting_plans: tuple[str, ...] = ()
    """Where no plan of the function fits the outage (no fallback), its plans and what each is
    for: "plan-region (for cloud_region_outage)"."""
    also_fitting: tuple[str, ...] = ()
    """The function's other plans that fit the outage, best first (:attr:`fallback` is the
    best): a plan shown alone read as the only one ready."""
    fallback_needed: bool = True
    """False where the function keeps running (the supplier down only supports it, under
    ``supported_by``): no degraded mode is shown as running, only a plan naming the supplier,
    as ready should the function stop."""

    @property
    def fallback_owner(self) -> str:
        return self.fallback.owner if self.fallback else ""


@dataclass(frozen=True)
class Notice:
    """A deadline that starts: to whom, on what basis, how long, counted from what."""

    kind: str
    """regulator, data_protection_authority, insurer, claim or contractual."""
    to: str
    what: str
    basis: str
    deadline_hours: float | None
    deadline: str
    starts: str
    entity: str
    document: str
    condition: str
    contact: str
    template: str
    decides: str
    note: str = ""
    regime: str = ""
    """The regime whose law sets a regulator's clock (``dora``, ``nis2``, ``nydfs``); empty for
    the others (a recorded clock, the data protection authority's, an insurer's)."""
    content: str = ""
    """What the report must contain (and on which template, where the law names one): DORA's
    initial notification, intermediate and final reports, NIS2's early warning, incident
    notification and final report; empty for the others."""


@dataclass(frozen=True)
class IdentityToDisable:
    """An identity of the supplier to disable or rotate during its incident."""

    id: str
    integration: str
    type: str
    access_level: str
    systems: tuple[str, ...]
    status: str
    time_to_disable_minutes: int | None
    disable_procedure: str
    owner: str


@dataclass(frozen=True)
class Cover:
    """One cover of a policy and whether it responds to this scenario."""

    cover: str
    supplier: str
    responds: str
    """yes, no or maybe."""
    why: str
    waiting_period_hours: float | None
    hours_past_waiting: float | None
    sublimit: float | None
    retention: float | None
    indemnity_period_days: int | None


@dataclass(frozen=True)
class Exclusion:
    """An exclusion of an insurance policy the scenario may fall under."""

    id: str
    type: str
    description: str
    may_apply_when: str


@dataclass(frozen=True)
class Firm:
    """A firm to call (forensics, counsel) and whether the insurer approved it."""

    name: str
    role: str
    pre_approved: bool = False


@dataclass(frozen=True)
class Owner:
    """Who owns a decision or an item, and in what role."""

    who: str
    role: str


@dataclass(frozen=True)
class EvidenceItem:
    """One item of a claims-evidence package: where it is kept and who owns it."""

    type: str
    location: str
    owner: str


@dataclass(frozen=True)
class Evidence:
    """The claims-evidence package a claim will need, with its owner and items."""

    package: str
    owner: str
    items: tuple[EvidenceItem, ...]
    roles: tuple[Owner, ...]
    """Who records evidence during the incident (incident_roles)."""


@dataclass(frozen=True)
class PolicyImpact:
    """One policy with terms of its own (a primary, or an excess layer not following form),
    with the excess layers that follow its form."""

    policy: str
    insurer: str
    currency: str
    entities: tuple[str, ...]
    layers: tuple[str, ...]
    covers: tuple[Cover, ...]
    exclusions: tuple[Exclusion, ...]
    panel: tuple[Firm, ...]
    evidence: tuple[Evidence, ...]
    exclusions_note: str = ""
    """Why only the exclusions listed are ("" when every exclusion of the policy is): none of
    its covers responds to the outage, and which of them may bear on a claim for data."""


@dataclass(frozen=True)
class Decision:
    """A decision a playbook reserves, with its owner and deputy."""

    decision: str
    owner: str
    deputy: str


@dataclass(frozen=True)
class PlaybookView:
    """A supplier playbook as the scenario shows it: its owner, escalation and decisions."""

    id: str
    reference: str
    owner: str
    escalation: tuple[Contact, ...]
    decisions: tuple[Decision, ...]
    disable_criteria: tuple[str, ...]
    manual_switch_criteria: tuple[str, ...]
    last_exercised: datetime.date | None


@dataclass(frozen=True)
class ContractView:
    """What the supplier owes us in an incident, from a contract in force or in draft."""

    id: str
    notice_window_hours: float | None
    notice_wording: str
    """How the contract words the window when it gives no hours ('without undue delay'), or ''."""
    trigger: str
    notify_to: str
    step_in_rights: bool | None
    business_continuity_support: bool | None


@dataclass(frozen=True)
class SupplierView:
    """A supplier of the scenario: its tier, why it is critical and who owns it."""

    id: str
    name: str
    tier: int | None
    critical: bool
    reasons: tuple[str, ...]
    owner: str
    security_24x7: Contact | None
    security: Contact | None
    escalation: tuple[Contact, ...]
    account_manager: Contact | None
    contracts: tuple[ContractView, ...]
    lifecycle: str = "engaged"
    """Where we are with it: ``prospective`` (not engaged yet), ``engaged`` or ``exited``
    (:func:`resilint.domain.lifecycle.supplier_lifecycle`)."""
    contested_functions: tuple[str, ...] = ()
    """Critical or important functions that name it although it is recorded as supporting none
    (:attr:`resilint.domain.facts.SupplierFacts.contested`): the records disagree, it is not
    counted as supporting them (SUP-01), and the scenario says so beside "not critical"."""

    @property
    def security_contact(self) -> Contact | None:
        """Whom to call first: the 24x7 security contact, else the named security contact a
        supplier that need not answer round the clock records (contacts.security)."""
        return self.security_24x7 or self.security


@dataclass(frozen=True)
class Impact:
    """Everything a scenario reaches: suppliers, functions, entities, clocks and cover."""

    target: Target
    hours: float | None
    as_of: datetime.date
    suppliers: tuple[SupplierView, ...]
    """What is down, as suppliers: the one named, or those a region or dependency is."""
    functions: tuple[FunctionImpact, ...]
    entities: tuple[str, ...]
    notices: tuple[Notice, ...]
    identities: tuple[IdentityToDisable, ...]
    insurance: tuple[PolicyImpact, ...]
    playbooks: tuple[PlaybookView, ...]
    owners: tuple[Owner, ...]
    notes: tuple[str, ...]
    once_engaged: tuple[Notice, ...] = ()
    """For a prospective supplier with nothing of ours yet (no function rests on it, no active
    identity of it opens our systems): the clocks its compromise would start once we engage it.
    Its compromise today is no incident of ours, so ``notices`` is then empty."""
    personal_data_down: bool = True
    """Whether what is down can hold our personal data, so that an outage of it alone can make
    that data unavailable (a supplier holding it, or one whose record does not say; our own
    function or region): :func:`resilint.domain.notice_clocks.may_hold_personal_data`. A
    supplier with access to our systems alone cannot: only its compromise can breach our data."""
