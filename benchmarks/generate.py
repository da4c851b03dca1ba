"""Generate a synthetic resilience repository for benchmarks.

The repository is modelled on ``examples/northwind``: the same kinds of document, written the
same way (one document per file, comments, flow mappings for short records), at the same size,
but for a financial group with thousands of suppliers. Per supplier it writes about 4.6
documents (``DOCS_PER_SUPPLIER``):

- the ``Supplier`` and its current ``Contract``, plus an ended predecessor contract for about
  half of the suppliers (kept in the register, as real repositories do);
- one to three ``Identity`` documents (its accesses into our systems);
- a joint ``Playbook`` for every tier-1 supplier;
- a share of the programme-wide documents: ``BusinessFunction`` and ``ContinuityPlan`` per
  group of tier-1 suppliers, ``Exercise`` documents, and a fixed core (three entities, the
  clause library, the controls inventory, two insurance policies and their evidence packages).

Tiers are drawn 10/30/60 % (1/2/3); ids, names, LEIs, dates and figures vary per supplier. The
regimes switched on (DORA for the holding, NIS2 for the payments subsidiary) make every rule of
the baseline, dora and nis2 profiles run. Apart from planted defects the repository is clean as
of ``AS_OF``; ``DEFECT_RATE`` of the suppliers', contracts' and identities' documents (about 1 %
of all documents) carry one defect each (a schema error, an
unknown reference or a rule violation), listed with the finding code they must produce in
``defects.json`` at the top of the repository (JSON, so no YAML tool reads it).

Output is deterministic for a given ``--suppliers`` and ``--seed``. Run::

    python benchmarks/generate.py OUT_DIR [--suppliers 10000 | --documents 50000] [--seed 1]
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import random
import shutil
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

AS_OF = datetime.date(2026, 11, 26)
"""The date the generated data is clean for; pass ``--as-of 2026-11-26`` to resilint."""

DOCS_PER_SUPPLIER = 4.63
"""Average documents per supplier at the default tier mix (measured; used by ``--documents``)."""

DEFECT_RATE = 0.012
"""Share of the per-supplier documents that carry a planted defect."""

TIER_WEIGHTS = (0.10, 0.30, 0.60)
TIER1_PER_FUNCTION = 4
"""Tier-1 suppliers behind each critical business function (and its continuity plan)."""
TIER2_PER_FUNCTION = 30
"""Tier-2 suppliers behind each standard business function."""
FUNCTIONS_PER_EXERCISE = 10

DOMAIN = "hanseatic-group.example"
GRC = f"https://grc.{DOMAIN}"
DOCS = f"https://docs.{DOMAIN}"
CMS = f"https://contracts.{DOMAIN}/cms"
RUNBOOKS = f"https://runbooks.{DOMAIN}/partner-access"
SOC_EMAIL = f"security-incidents@{DOMAIN}"
ENTITIES = ("hg-holding", "hg-payments", "hg-us")
WORKFORCE_IDP = "hg-workforce-sso"
PARTNER_IDP = "hg-partner-sso"

# Insurer-approved firms and notice contacts: plans and playbooks must name these (INS-05).
FORENSICS = "Greyline Incident Response LLP"
COUNSEL = "Ashcombe Reiter LLP"
PR_FIRM = "Clearwater Communications"
INSURER_RECIPIENTS = (
    "cyber-notice@altmark-assurance.example",
    '"+49 40 5550 1000"',
    "cyberclaims@lakeshore-specialty.example",
    '"+1 212 555 0147"',
    "cyber@weserlink-brokers.example",
)

_ONSETS = [
    "b",
    "c",
    "d",
    "f",
    "g",
    "h",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "w",
    "z",
    "br",
    "dr",
    "gr",
    "kr",
    "st",
    "tr",
]
_VOWELS = ["a", "e", "i", "o", "u", "ei", "au"]
_CODAS = ["", "n", "r", "l", "s", "x", "nd", "rk"]
_SYLLABLES = [o + v for o in _ONSETS for v in _VOWELS]  # 154 pronounceable syllables

_SECTORS: tuple[tuple[str, str, bool], ...] = (
    # (name word, service type, provides ICT services)
    ("Cloud", "infrastructure as a service", True),
    ("Systems", "core banking software as a service", True),
    ("Data", "managed database service", True),
    ("Payments", "payment processing", True),
    ("Networks", "telecommunications", True),
    ("Secure", "managed detection and response", True),
    ("Software", "application software as a service", True),
    ("Analytics", "market data and analytics", True),
    ("Identity", "workforce identity and access management", True),
    ("Backup", "backup and recovery service", True),
    ("Logistics", "cash and document logistics", False),
    ("Facilities", "facility management", False),
    ("Print", "statement printing and mailing", False),
    ("Consulting", "professional services", False),
)
_COUNTRIES = ("DE", "DE", "DE", "NL", "IE", "FR", "AT", "LU", "GB", "US", "SE", "CZ", "PL")
_LEGAL_FORMS = {
    "DE": "GmbH",
    "AT": "GmbH",
    "NL": "B.V.",
    "IE": "Ltd",
    "FR": "SAS",
    "LU": "S.A.",
    "GB": "Ltd",
    "US": "Inc.",
    "SE": "AB",
    "CZ": "s.r.o.",
    "PL": "sp. z o.o.",
}
_PHONE_PREFIX = {
    "DE": "+49 69",
    "AT": "+43 1",
    "NL": "+31 20",
    "IE": "+353 1",
    "FR": "+33 1",
    "LU": "+352 2",
    "GB": "+44 20",
    "US": "+1 212",
    "SE": "+46 8",
    "CZ": "+420 2",
    "PL": "+48 22",
}
_OWNERS = (
    "it-category-manager",
    "head-of-procurement",
    "payments-operations-lead",
    "cio-office",
    "head-of-it-infrastructure",
    "vendor-manager-emea",
    "vendor-manager-us",
    "facility-manager",
    "head-of-operations",
)
_CLOUDS = (
    ("vantacloud", "eu-fra-1"),
    ("vantacloud", "eu-ams-1"),
    ("nimbara", "eu-central-2"),
    ("nimbara", "eu-west-4"),
    ("stratos", "europe-north1"),
)
_SUBSTITUTABILITY_REASON = {
    "medium_complexity": "Comparable providers exist; a migration takes about three months.",
    "highly_complex": "Deep integration with our core processes; a migration is a year-long "
    "programme.",
    "not_substitutable": "No other provider offers the service for our volumes; the exit plan "
    "moves it in-house.",
}


def _lei(rng: random.Random) -> str:
    """A random LEI with valid ISO 17442 check digits (so DORA's SUP-02 accepts it)."""
    base = "5299" + "".join(rng.choices("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", k=14))
    number = int("".join(str(int(ch, 36)) for ch in base + "00"))
    return f"{base}{98 - number % 97:02d}"


def _word(number: int) -> str:
    """A unique pronounceable word for ``number`` (a bijection onto three syllables + coda)."""
    scrambled = (number * 2_654_435_761 + 97) % (len(_SYLLABLES) ** 3 * len(_CODAS))
    parts = []
    for _ in range(3):
        scrambled, rest = divmod(scrambled, len(_SYLLABLES))
        parts.append(_SYLLABLES[rest])
    return "".join(parts) + _CODAS[scrambled % len(_CODAS)]


def _ago(days: int) -> datetime.date:
    return AS_OF - datetime.timedelta(days=days)


def _ahead(days: int) -> datetime.date:
    return AS_OF + datetime.timedelta(days=days)


# -- the plan of the repository -------------------------------------------------------------------
@dataclass
class Service:
    name: str
    service_type: str
    critical: bool
    rto_hours: float
    substitutability: str
    stores_data: bool


@dataclass
class Identity:
    id: str
    type: str
    access: str


@dataclass
class Supplier:
    number: int
    id: str
    word: str
    name: str
    tier: int
    sector: str
    ict: bool
    country: str
    lei: str
    parent_lei: str
    owner: str
    services: list[Service]
    identities: list[Identity]
    entities: list[str]
    shard: str
    contract_id: str
    old_contract_id: str | None = None
    playbook_id: str | None = None
    cloud: tuple[str, str] | None = None

    @property
    def domain(self) -> str:
        return f"{self.word}.example"


@dataclass
class Function:
    id: str
    name: str
    criticality: str
    suppliers: list[Supplier]
    rto: int
    rpo: float
    mtpd: int
    owner: str
    deputy: str
    plan_id: str | None = None


@dataclass
class Defect:
    path: str
    kind: str
    id: str
    what: str
    code: str
    """The finding code the defect must produce at ``path``."""


@dataclass
class Repository:
    """What to write: every supplier and function, and which documents carry which defect."""

    suppliers: list[Supplier]
    functions: list[Function]
    defects: dict[tuple[str, str], str] = field(default_factory=dict)
    """(kind, id) -> defect name for the documents chosen to carry one."""


def plan(suppliers: int, seed: int) -> Repository:
    """Draw every supplier and business function, and pick the documents that carry defects."""
    rng = random.Random(seed)
    planned = [_plan_supplier(rng, number) for number in range(suppliers)]
    functions = _plan_functions(rng, planned)
    repository = Repository(planned, functions)
    _plan_defects(rng, repository)
    return repository


def _plan_supplier(rng: random.Random, number: int) -> Supplier:
    tier = rng.choices((1, 2, 3), weights=TIER_WEIGHTS)[0]
    word = _word(number)
    sector, service_type, ict = rng.choice(_SECTORS)
    if tier == 1 and rng.random() < 0.8:  # tier 1 is mostly ICT at a bank
        sector, service_type, ict = rng.choice(_SECTORS[:10])
    country = rng.choice(_COUNTRIES)
    sid = f"{word}-{sector.lower()}"
    name = f"{word.capitalize()} {sector} {_LEGAL_FORMS[country]}"
    services = [
        Service(
            f"{sector.lower()}-{'primary' if i == 0 else 'secondary'}",
            service_type,
            critical=tier == 1 and i == 0,
            rto_hours=rng.choice((2, 4, 4, 6)) if tier == 1 else rng.choice((8, 24, 48, 72)),
            substitutability=(
                rng.choice(("highly_complex", "not_substitutable"))
                if tier == 1 and i == 0
                else rng.choice(("easily_substitutable", "medium_complexity"))
            ),
            stores_data=rng.random() < 0.7,
        )
        for i in range(2 if tier == 1 and rng.random() < 0.5 else 1)
    ]
    identities = _plan_identities(rng, sid, tier)
    entities = ["hg-holding", "hg-payments"] if rng.random() < 0.8 else ["hg-holding", "hg-us"]
    supplier = Supplier(
        number=number,
        id=sid,
        word=word,
        name=name,
        tier=tier,
        sector=sector,
        ict=ict,
        country=country,
        lei=_lei(rng),
        parent_lei=_lei(rng),
        owner=rng.choice(_OWNERS),
        services=services,
        identities=identities,
        entities=entities,
        shard=word[0],
        contract_id=f"ctr-{sid}-{rng.randint(2021, 2026)}",
    )
    if rng.random() < 0.5:
        supplier.old_contract_id = f"ctr-{sid}-{rng.randint(2012, 2018)}"
    if tier == 1:
        supplier.playbook_id = f"pb-{sid}"
    elif ict and rng.random() < 0.5:
        supplier.cloud = rng.choice(_CLOUDS)  # concentration outside critical functions is fine
    return supplier


def _plan_identities(rng: random.Random, sid: str, tier: int) -> list[Identity]:
    if tier == 1:
        return [
            Identity(f"{sid}-integration", "oauth_client", "write"),
            Identity(f"{sid}-support-admin", "human_account", "privileged"),
            Identity(f"{sid}-reporting", "api_key", "read-only"),
        ]
    if tier == 2:
        return [
            Identity(f"{sid}-sftp", "sftp_user", "write"),
            Identity(f"{sid}-reporting", "api_key", "read-only"),
        ]
    found = [Identity(f"{sid}-api", "api_key", "read-only")]
    if rng.random() < 0.8:
        found.append(Identity(f"{sid}-portal", "human_account", "read-only"))
    return found


_FUNCTION_NAMES = (
    "payments-clearing",
    "card-authorisation",
    "online-banking",
    "treasury-dealing",
    "loan-origination",
    "customer-onboarding",
    "regulatory-reporting",
    "trade-settlement",
    "fraud-monitoring",
    "customer-support",
    "payroll",
    "general-ledger",
)
_ROLE_PAIRS = (
    ("head-of-payments-operations", "payments-shift-lead"),
    ("head-of-retail-operations", "retail-operations-lead"),
    ("head-of-treasury", "treasury-desk-lead"),
    ("head-of-finance-operations", "financial-controller"),
    ("head-of-customer-service", "customer-service-team-lead"),
)


def _plan_functions(rng: random.Random, suppliers: list[Supplier]) -> list[Function]:
    tier1 = [s for s in suppliers if s.tier == 1]
    tier2 = [s for s in suppliers if s.tier == 2]
    functions: list[Function] = []

    def make(group: list[Supplier], criticality: str) -> Function:
        number = len(functions)
        base = _FUNCTION_NAMES[number % len(_FUNCTION_NAMES)]
        fid = f"{base}-{number // len(_FUNCTION_NAMES) + 1:03d}"
        owner, deputy = rng.choice(_ROLE_PAIRS)
        rto = rng.choice((8, 12, 24)) if criticality != "standard" else rng.choice((48, 72))
        function = Function(
            id=fid,
            name=f"{base.replace('-', ' ').capitalize()} ({fid.rsplit('-', 1)[1]})",
            criticality=criticality,
            suppliers=group,
            rto=rto,
            rpo=rng.choice((0.25, 1, 4)),
            mtpd=rto * rng.choice((3, 4, 6)),
            owner=owner,
            deputy=deputy,
        )
        if criticality != "standard":
            function.plan_id = f"{fid}-degraded"
        functions.append(function)
        return function

    for start in range(0, len(tier1), TIER1_PER_FUNCTION):
        make(tier1[start : start + TIER1_PER_FUNCTION], rng.choice(("critical", "important")))
    for start in range(0, len(tier2), TIER2_PER_FUNCTION):
        make(tier2[start : start + TIER2_PER_FUNCTION], "standard")
    return functions


_ICT_SERVICE_TYPES = ("S19", "S14", "S03", "S15")
"""A supplier's services' types in the DORA register's terms, by their place in its list."""

# Defects by kind of document: (name, finding code). Each document gets at most one.
_DEFECTS: dict[str, tuple[tuple[str, str], ...]] = {
    "Supplier": (
        ("schema: misspelt key 'sttaus'", "SCH-01"),
        ("rule: security contact not available 24x7", "SUP-03"),
        ("rule: tier-1 assessment older than 12 months", "SUP-04"),
    ),
    "Contract": (
        ("reference: supplier id misspelt", "REF-01"),
        ("schema: window_hours written as words", "SCH-01"),
        ("rule: tier-1 contract without step-in rights", "CTR-08"),
        ("rule: incident notice window over the tier maximum", "CTR-03"),
    ),
    "Identity": (
        ("reference: supplier id misspelt", "REF-01"),
        ("schema: access level 'admin'", "SCH-01"),
        ("rule: write access not rotated for a year", "IAM-02"),
    ),
}


def _plan_defects(rng: random.Random, repository: Repository) -> None:
    for supplier in repository.suppliers:
        candidates = [("Supplier", supplier.id), ("Contract", supplier.contract_id)]
        candidates += [("Identity", identity.id) for identity in supplier.identities]
        accounts = {i.id for i in supplier.identities if i.type == "human_account"}
        for kind, did in candidates:
            if rng.random() >= DEFECT_RATE:
                continue
            choices = _DEFECTS[kind]
            if supplier.tier != 1:  # these two only make sense for a tier-1 supplier
                choices = tuple(c for c in choices if c[1] not in ("SUP-04", "CTR-08"))
            if not (supplier.ict and _managed(supplier)):
                # CTR-08 asks step-in rights of an ICT service that is managed for us, not of a
                # shared SaaS nor of a service that is not ICT (cash logistics)
                choices = tuple(c for c in choices if c[1] != "CTR-08")
            if supplier.tier == 3:  # tier 3 holds no write access
                choices = tuple(c for c in choices if c[1] != "IAM-02")
            if kind == "Identity" and (did.endswith("-reporting") or did in accounts):
                # a read-only key, or a person's account with MFA, whose password is not
                # rotated on a schedule (NIST SP 800-63B): IAM-02 asks no rotation of either
                choices = tuple(c for c in choices if c[1] != "IAM-02")
            repository.defects[(kind, did)] = rng.choice(choices)[0]


def _managed(supplier: Supplier) -> bool:
    """Whether one of its services is a managed service (S03 or S14 in the register's terms,
    as :func:`supplier_doc` writes them): the first is always SaaS (S19)."""
    return any(_ICT_SERVICE_TYPES[n % 4] in ("S03", "S14") for n in range(len(supplier.services)))


# -- writing documents ----------------------------------------------------------------------------
def _flow(items: Sequence[str]) -> str:
    return "[" + ", ".join(items) + "]"


def supplier_doc(s: Supplier, rng: random.Random, defect: str | None) -> str:
    phone = _PHONE_PREFIX[s.country]
    status_key = "sttaus" if defect and "sttaus" in defect else "status"
    available = "false" if defect and "24x7" in defect else "true"
    if s.tier == 1:
        reliance, sensitivity, access = (
            "full",
            rng.choice(("confidential", "restricted")),
            ("privileged"),
        )
    elif s.tier == 2:
        reliance, sensitivity, access = (
            "material",
            rng.choice(("internal", "confidential")),
            ("write"),
        )
    else:
        reliance, sensitivity, access = (
            rng.choice(("low", "not_significant")),
            "internal",
            ("read-only"),
        )
    if defect and "assessment" in defect:
        assessed = _ago(rng.randint(400, 700))
    else:
        assessed = _ago(rng.randint(20, (300, 700, 1000)[s.tier - 1]))
    lines = [
        f"# Supplier, tier {s.tier}: {s.name}",
        "apiVersion: resilint/v1",
        "kind: Supplier",
        f"id: {s.id}",
        f"name: {s.name}",
        f"description: {s.services[0].service_type.capitalize()} for the group"
        f"{' (core platform)' if s.tier == 1 else ''}.",
        f"owner: {s.owner}",
        f"{status_key}: active",
        f"provider_id: {s.lei}",
        "provider_id_type: LEI",
        f"hq_country: {s.country}",
        "ultimate_parent:",
    ]
    if s.tier == 1 or rng.random() < 0.5:
        lines += [
            f"  name: {s.word.capitalize()} Holding {_LEGAL_FORMS[s.country]}",
            f"  provider_id: {s.parent_lei}",
            "  provider_id_type: LEI",
        ]
    else:
        lines.append(f"  name: {s.name}")
    lines += [
        f"provides_ict_services: {'true' if s.ict else 'false'}",
        f"tier: {s.tier}",
        f"supports_critical_function: {'true' if s.tier == 1 else 'false'}",
        f"data_sensitivity: {sensitivity}",
        f"level_of_reliance: {reliance}",
        f"highest_access_level: {access}",
        "contacts:",
        "  security_24x7:",
        f"    name: {s.word.capitalize()} Security Operations Centre",
        f"    email: soc@{s.domain}",
        f'    phone: "{phone} 5550 {1000 + s.number % 9000}"',
        "    channel: phone hotline, then a ticket in the customer portal",
        f"    available_24x7: {available}",
    ]
    if s.tier == 1:
        lines += [
            "  escalation:",
            f'    - {{name: SOC duty manager, phone: "{phone} 5550 {1001 + s.number % 8000}"}}',
            f"    - {{name: Head of Customer Security, email: customer-security@{s.domain}}}",
            f"    - {{name: CISO, email: ciso@{s.domain}}}",
            f"  account_manager: {{name: Account management, email: accounts@{s.domain}}}",
        ]
    lines += [
        "last_assessment:",
        f"  date: {assessed}",
        f"  type: {rng.choice(('questionnaire', 'document_review', 'remote_audit'))}",
        "  outcome: satisfactory",
        f"  reference: {GRC}/tprm/assessments/{s.id}-{assessed:%Y-%m}.pdf",
    ]
    sub_names: list[str] = []
    if s.tier == 1:
        sub_names = [
            f"{s.word.capitalize()} Data Centre {_LEGAL_FORMS[s.country]}",
            f"{s.word.capitalize()} Support Services s.r.o.",
        ]
        lines.append("subcontractors:")
        for i, (sub, country) in enumerate(zip(sub_names, (s.country, "CZ"), strict=True)):
            lines += [
                f"  - id: {s.word}-sub-{i + 1}",
                f"    name: {sub}",
                f"    provider_id: {_lei(rng)}",
                "    provider_id_type: LEI",
                "    rank: 2",
                f"    service_type: {('data centre colocation', 'second-line support')[i]}",
                f"    services: [{s.services[0].name}]",
                f"    country: {country}",
                "    supports_critical_function: true",
            ]
    lines.append("shared_dependencies:")
    if s.tier == 1:
        lines.append(f"  identity_provider: {s.word}-sso")
        lines.append(f"  subprocessors: {_flow(sub_names)}")
    elif s.cloud is not None:
        lines += ["  cloud:", f"    - {{provider: {s.cloud[0]}, region: {s.cloud[1]}}}"]
    else:
        lines.append(f"  identity_provider: {s.word}-sso")
    lines.append("services:")
    for number, service in enumerate(s.services):
        lines += [
            f"  - name: {service.name}",
            f"    service_type: {service.service_type}",
            # the DORA register's columns (B_02.02, B_07.01)
            f"    ict_service_type: {_ICT_SERVICE_TYPES[number % 4]}",
            f"    provision_countries: [{s.country}]",
            f"    supports_critical_function: {'true' if service.critical else 'false'}",
            f"    stores_data: {'true' if service.stores_data else 'false'}",
        ]
        if service.stores_data:
            where = _flow(sorted({s.country if s.country != "US" else "IE", "DE"}))
            lines += [
                f"    data_storage_countries: {where}",
                f"    data_processing_countries: {where}",
                "    stored_data_sensitiveness: medium",
            ]
        lines += [
            "    reintegration: difficult",
            f"    discontinuation_impact: {'high' if service.critical else 'medium'}",
            "    alternatives_identified: yes",
        ]
        lines.append(f"    substitutability: {service.substitutability}")
        if service.substitutability != "easily_substitutable":
            reason = _SUBSTITUTABILITY_REASON[service.substitutability]
            lines.append(f"    substitutability_reason: {reason}")
        if service.critical:
            lines += [
                "    exit_plan:",
                f"      reference: {GRC}/exit-plans/{s.id}.pdf",
                f"      last_tested: {_ago(rng.randint(30, 300))}",
                f"      last_reviewed: {_ago(rng.randint(10, 200))}",
                "      transition_period_months: 12",
                "    subcontracting:",
                "      allowed: true",
                "      conditions: Ninety days' prior notice, our right to object, security "
                "terms flowed down.",
            ]
        lines.append(f"    contracted_rto_hours: {service.rto_hours}")
    return "\n".join(lines) + "\n"


_NIS2_CLAUSES = (
    "security_requirements",
    "staff_training",
    "background_checks",
    "vulnerability_handling",
    "subcontractor_flow_down",
    "data_return_disposal",
)


def contract_doc(
    s: Supplier, rng: random.Random, defect: str | None, function: Function | None
) -> str:
    start = datetime.date(int(s.contract_id.rsplit("-", 1)[1]), rng.choice((1, 4, 7, 10)), 1)
    end = datetime.date(max(start.year + rng.choice((3, 5, 7)), AS_OF.year + 1), 12, 31)
    notice = rng.choice((90, 180)) if s.tier == 1 else 90
    window = (rng.choice((4, 8, 12)), rng.choice((12, 16, 20)), rng.choice((16, 20)))[s.tier - 1]
    window_text = str(window)
    if defect and "words" in defect:
        window_text = "twelve hours"
    elif defect and "maximum" in defect:
        window = (48, 72, 96)[s.tier - 1]
        window_text = str(window)
    supplier_ref = s.id
    if defect and "misspelt" in defect:
        supplier_ref = s.id[:3] + s.id[4:]  # one letter dropped, as a typo does
    critical = s.tier == 1
    lines = [
        f"# Contract with {s.name}",
        "apiVersion: resilint/v1",
        "kind: Contract",
        f"id: {s.contract_id}",
        f'name: "{s.name}: master services agreement"',
        f"supplier: {supplier_ref}",
        f"entities: {_flow(s.entities)}",
        f"reference: {CMS}/{s.contract_id}",
        f"owner: {s.owner}",
        "status: active",
        f"services: {_flow([sv.name for sv in s.services])}",
        f"covers_ict_services: {'true' if s.ict else 'false'}",
        f"supports_critical_function: {'true' if critical else 'false'}",
        "arrangement_type: standalone",
        f"annual_cost: {{amount: {rng.randint(20, 900) * 1000}, currency: EUR}}",
        "governing_law_country: DE",
        f"start_date: {start}",
        f"end_date: {end}",
        "auto_renew: true",
        "renewal_term_months: 12",
        f"our_notice_period_days: {notice}",
        f"supplier_notice_period_days: {notice * 2}",
        f"last_review: {_ago(rng.randint(15, 300))}",
    ]
    if s.playbook_id:
        lines.append(f"playbook: {s.playbook_id}")
    lines.append("clauses:")
    for part, clause in enumerate(_NIS2_CLAUSES):
        lines += [
            f"  nis2.{clause}:",
            "    present: true",
            "    variant: standard",
            f"    location: schedule 7 (Supplier Security Schedule), part {'ABCDEF'[part]}",
        ]
    if s.ict:
        for letter in "abcdefghi":
            lines.append(
                f"  dora.30.2.{letter}: {{present: true, variant: standard, "
                f'location: "schedule 9 (DORA Article 30), section 2({letter})"}}'
            )
        if critical:
            for letter in "abcdef":
                lines.append(
                    f"  dora.30.3.{letter}: {{present: true, variant: standard, "
                    f'location: "schedule 9 (DORA Article 30), section 3({letter})"}}'
                )
    lines += [
        f"# {window} h + 4 h triage buffer fits the 24-hour regulator clocks and the insurers' "
        "notice deadlines.",
        "incident_notification:",
        f"  window_hours: {window_text}",
        "  trigger: suspected",
        "  content:",
        "    - isolation_status",
        "    - disabled_privileged_accounts",
        "    - exfiltration_indicators",
        "    - secrets_to_rotate",
        "    - contact",
        f"  notify_to: {SOC_EMAIL}",
        "evidence_retention:",
        f"  log_days: {(730, 365, 365)[s.tier - 1]}",
        "  forensic_images: true",
        "  preservation_on_request: true",
        "  access_for: [incident_team, insurer_forensics, outside_counsel]",
        "cooperation:",
        "  incident_team: true",
        "  outside_counsel: true",
        "  insurer: {questionnaires: true, sworn_statements: true}",
        "  authorities: true",
        "remedies:",
        f"  step_in_rights: {'false' if defect and 'step-in' in defect else str(critical).lower()}",
        "  security_indemnity: true",
        "  accelerated_termination: true",
        f"  service_credits: {'true' if s.tier < 3 else 'false'}",
    ]
    if s.ict:
        lines += [
            "termination_rights:",
            "  breach_of_law_or_terms: true",
            "  performance_altering_circumstances: true",
            "  ict_risk_management_weaknesses: true",
            "  supervision_impeded: true",
        ]
    if critical:
        lines.append(
            "audit: {rights: true, frequency_months: 12, includes_competent_authority: true, "
            "unrestricted_access: true}"
        )
        lines.append("business_continuity_support: true")
    else:
        lines.append(f"audit: {{rights: true, frequency_months: {(24, 36)[s.tier - 2]}}}")
    if function is not None:
        lines.append(f"notes: Supports business function {function.id}.")
    return "\n".join(lines) + "\n"


def old_contract_doc(s: Supplier, rng: random.Random) -> str:
    assert s.old_contract_id is not None
    start = datetime.date(int(s.old_contract_id.rsplit("-", 1)[1]), 1, 1)
    end = datetime.date(start.year + 3, 12, 31)
    return (
        f"# Previous agreement with {s.name}, kept for the register's history\n"
        "apiVersion: resilint/v1\n"
        "kind: Contract\n"
        f"id: {s.old_contract_id}\n"
        f'name: "{s.name}: framework agreement (superseded)"\n'
        f"supplier: {s.id}\n"
        f"entities: [{s.entities[0]}]\n"
        f"reference: {CMS}/{s.old_contract_id}\n"
        f"owner: {s.owner}\n"
        "status: ended\n"
        f"start_date: {start}\n"
        f"end_date: {end}\n"
        "auto_renew: false\n"
        f"our_notice_period_days: {rng.choice((90, 180))}\n"
        f"last_review: {end - datetime.timedelta(days=rng.randint(90, 300))}\n"
        "incident_notification:\n"
        "  window_hours: 72\n"
        "  trigger: confirmed\n"
        f"notes: Superseded by {s.contract_id}.\n"
    )


def identity_doc(s: Supplier, identity: Identity, rng: random.Random, defect: str | None) -> str:
    supplier_ref = s.id
    if defect and "misspelt" in defect:
        supplier_ref = s.id[:2] + s.id[3:]
    access = "admin" if defect and "admin" in defect else identity.access
    sensitive = identity.access in ("write", "privileged")
    rotation = 90 if sensitive else 180
    rotated = _ago(rng.randint(400, 500) if defect and "rotated" in defect else rng.randint(1, 80))
    what = {
        "oauth_client": "API integration with the payments hub",
        "human_account": f"{s.word.capitalize()} second-line support in our tenant",
        "api_key": "Reads service reports and invoices",
        "sftp_user": "File exchange through the managed file transfer broker",
    }[identity.type]
    lines = [
        f"# Access of {s.id} into our systems.",
        "apiVersion: resilint/v1",
        "kind: Identity",
        f"id: {identity.id}",
        f"supplier: {supplier_ref}",
        f"integration: {what}",
        f"type: {identity.type}",
        f"systems: {_flow(rng.sample(('payments-hub', 'mft-broker', 'core-banking', 'crm'), 2))}",
        f"access_level: {access}",
    ]
    if identity.type == "human_account":
        lines.append(f"identity_provider: {PARTNER_IDP}")
    lines += [
        f"mfa: {'true' if identity.type == 'human_account' else 'false'}",
        f"just_in_time: {'true' if sensitive else 'false'}",
        f"rotation_days: {rotation}",
        f"last_rotated: {rotated}",
        f"secret_fingerprint: vault:kv/partners/{s.id}/{identity.id}#v{rng.randint(1, 30)}",
        f"disable_procedure: {RUNBOOKS}/disable-{identity.id}",
        f"time_to_disable_minutes: {rng.choice((5, 10, 15, 30))}",
        f"owner: {s.owner}",
        "status: active",
    ]
    return "\n".join(lines) + "\n"


def _contacts_block(extra: Sequence[str] = ()) -> list[str]:
    return [
        "contacts:",
        f"  forensics_firm: {FORENSICS}",
        f"  outside_counsel: {COUNSEL}",
        f"  pr_firm: {PR_FIRM}",
        "  people:",
        "    - name: Group SOC on-call",
        '      phone: "+49 40 5550 0999"',
        f"      email: {SOC_EMAIL}",
        "      available_24x7: true",
        *extra,
    ]


def _insurer_template(indent: str, reference: str, reviewed: bool) -> list[str]:
    lines = [
        f"{indent}insurer:",
        f"{indent}  reference: {reference}",
        f"{indent}  recipients:",
        *(f"{indent}    - {r}" for r in INSURER_RECIPIENTS),
    ]
    if reviewed:
        lines += [f"{indent}  channel: email and phone", f"{indent}  approver: group-risk-manager"]
        lines.append(f"{indent}  last_reviewed: 2026-10-01")
    else:
        lines.append(f"{indent}  approver: group-risk-manager")
    return lines


def playbook_doc(s: Supplier, rng: random.Random) -> str:
    phone = _PHONE_PREFIX[s.country]
    lines = [
        f"# Joint incident playbook with {s.name}",
        "apiVersion: resilint/v1",
        "kind: Playbook",
        f"id: {s.playbook_id}",
        f"name: Joint incident playbook with {s.name}",
        f"supplier: {s.id}",
        f"identities: {_flow([i.id for i in s.identities if i.access != 'read-only'])}",
        f"reference: {DOCS}/playbooks/{s.id}.pdf",
        "owner: it-security-manager",
        *_contacts_block(
            (
                f"    - name: {s.word.capitalize()} SOC duty manager",
                f'      phone: "{phone} 5550 {1001 + s.number % 8000}"',
                f"    - name: {s.word.capitalize()} Head of Customer Security",
                f"      email: customer-security@{s.domain}",
            )
        ),
        "escalation:",
        '  - {name: Group SOC on-call, phone: "+49 40 5550 0999"}',
        f'  - {{name: SOC duty manager, phone: "{phone} 5550 {1001 + s.number % 8000}"}}',
        f"  - {{name: Head of Customer Security, email: customer-security@{s.domain}}}",
        f'  - {{name: Group CISO, email: ciso@{DOMAIN}, phone: "+49 40 5550 0100"}}',
        "decision_rights:",
        "  - {decision: disable_integration, owner: ciso, deputy: it-security-manager}",
        "  - {decision: switch_to_manual, owner: coo, deputy: head-of-operations}",
        "  - {decision: rotate_secrets, owner: iam-lead, deputy: integration-team-lead}",
        "  - {decision: engage_forensics, owner: ciso, deputy: group-risk-manager}",
        "  - {decision: notify_insurer, owner: group-risk-manager, deputy: cfo}",
        "  - {decision: notify_regulator, owner: general-counsel, deputy: ciso}",
        "  - {decision: restore_service, owner: cio, deputy: it-operations-lead}",
        "comms_templates:",
        "  staff:",
        f"    reference: {DOCS}/playbooks/templates/{s.id}/staff.docx",
        "    approver: head-of-communications",
        "  suppliers:",
        f"    reference: {DOCS}/playbooks/templates/{s.id}/supplier-notice.docx",
        "    approver: ciso",
        *_insurer_template("  ", f"{DOCS}/bcm/templates/insurer-incident-notice.docx", False),
        "disable_criteria:",
        f"  - {s.word.capitalize()} reports a suspected compromise of its platform or support "
        "tooling",
        "  - Unexpected use of the integration client or the support account outside an approved "
        "ticket",
        "manual_switch_criteria: [Service unavailable or untrusted for more than 2 hours]",
        f"last_exercised: {_ago(rng.randint(10, 330))}",
    ]
    return "\n".join(lines) + "\n"


def function_doc(f: Function, rng: random.Random) -> str:
    entities = list(ENTITIES) if f.criticality != "standard" else ["hg-holding"]
    lines = [
        f"# Business function: {f.name} ({f.criticality})",
        "apiVersion: resilint/v1",
        "kind: BusinessFunction",
        f"id: {f.id}",
        f"name: {f.name}",
        f"description: {f.name} for the group's retail and corporate customers.",
        f"owner: {f.owner}",
        f"entities: {_flow(entities)}",
        f"criticality: {f.criticality}",
        # the DORA register's columns (B_06.01)
        "licensed_activity: x276",
        f"discontinuation_impact: {'high' if f.criticality != 'standard' else 'low'}",
        f"last_criticality_assessment: {_ago(rng.randint(20, 300))}",
        f"rto_hours: {f.rto}",
        f"rpo_hours: {f.rpo}",
        f"mtpd_hours: {f.mtpd}",
        "depends_on:",
        f"  suppliers: {_flow([s.id for s in f.suppliers])}",
    ]
    if f.criticality != "standard":
        lines.insert(-4, f"criticality_reasons: {f.name} stops for the group's customers.")
        lines.append("  services:")
        lines += [f"    - {{supplier: {s.id}, service: {s.services[0].name}}}" for s in f.suppliers]
        lines.append(f"  identities: {_flow([s.identities[0].id for s in f.suppliers])}")
    lines.append(f"  identity_providers: [{WORKFORCE_IDP}]")
    return "\n".join(lines) + "\n"


def plan_doc(f: Function, rng: random.Random) -> str:
    base = f"{DOCS}/bcm"
    lines = [
        f"# Continuity plan (degraded mode) for {f.id}",
        "apiVersion: resilint/v1",
        "kind: ContinuityPlan",
        f"id: {f.plan_id}",
        f"function: {f.id}",
        f"reference: {base}/plans/{f.id}.pdf",
        f"owner: {f.owner}",
        f"deputy: {f.deputy}",
        *_contacts_block(
            (
                "    - name: Group risk manager",
                f"      email: group-risk@{DOMAIN}",
                '      phone: "+49 40 5550 0120"',
            )
        ),
        "activation_thresholds:",
        "  - type: supplier_compromise",
        f"    description: A supplier behind {f.id} reports or we suspect a compromise",
        "  - type: supplier_outage",
        f"    description: A supplier service behind {f.id} is down for more than 2 hours",
        "  - {type: ransomware, description: Ransomware detected on any system of the function}",
        "manual_procedure:",
        "  description: Priority transactions only, processed by hand under four-eyes control and "
        "re-keyed after recovery.",
        f"  reference: {base}/manual/{f.id}.docx",
        f"  max_degraded_hours: {f.mtpd}",
        f"  capacity_percent: {rng.choice((30, 45, 60))}",
        "comms_templates:",
        "  staff:",
        f"    reference: {base}/templates/{f.id}/staff.docx",
        "    channel: intranet banner and SMS",
        "    approver: head-of-communications",
        "    last_reviewed: 2026-09-30",
        "  customers:",
        f"    reference: {base}/templates/{f.id}/customers.docx",
        "    channel: email and online banking banner",
        "    approver: head-of-communications",
        "    last_reviewed: 2026-09-30",
        "  regulator:",
        f"    reference: {base}/templates/dora-initial-notification.docx",
        "    recipients: [BaFin reporting portal]",
        "    approver: general-counsel",
        "    last_reviewed: 2026-09-30",
        *_insurer_template("  ", f"{base}/templates/insurer-incident-notice.docx", True),
        "stand_down_criteria:",
        "  - Supplier services restored and verified clean by the forensics firm",
        "  - Manual backlog re-keyed and reconciled",
        f"last_tested: {_ago(rng.randint(20, 300))}",
    ]
    return "\n".join(lines) + "\n"


def exercise_doc(number: int, functions: list[Function], rng: random.Random) -> tuple[str, str]:
    day = _ago(rng.randint(15, 320))
    eid = f"ex-{day:%Y-%m}-supplier-compromise-{number + 1:03d}"
    suppliers = [s for f in functions for s in f.suppliers][:12]
    lines = [
        f"# Exercise: supplier compromise behind {len(functions)} functions",
        "apiVersion: resilint/v1",
        "kind: Exercise",
        f"id: {eid}",
        f'name: "Supplier compromise: tabletop {number + 1}"',
        f"date: {day}",
        "status: completed",
        "type: tabletop",
        "scenarios: [supplier_compromise, insurance_claim, switchover]",
        f"functions: {_flow([f.id for f in functions])}",
        f"suppliers: {_flow([s.id for s in suppliers])}",
        f"playbooks: {_flow([s.playbook_id for s in suppliers if s.playbook_id])}",
        "participants:",
        *(
            f"  - {p}"
            for p in (
                "security",
                "it",
                "procurement",
                "legal",
                "finance",
                "communications",
                "business_owner",
                "risk",
                "supplier",
            )
        ),
        "owner: ciso",
        f"report: {GRC}/exercises/{eid}.pdf",
        "findings:",
        "  - id: f1",
        "    description: Supplier escalation numbers were out of date in two playbooks.",
        "    owner: vendor-manager-emea",
        f"    due_date: {day + datetime.timedelta(days=60)}",
        "    status: closed",
        f"    closed_on: {day + datetime.timedelta(days=30)}",
    ]
    return eid, "\n".join(lines) + "\n"


# -- the fixed core of the programme --------------------------------------------------------------
def entity_docs() -> Iterator[tuple[str, str]]:
    yield (
        "hg-holding",
        """# The group's parent: a credit institution under DORA.
apiVersion: resilint/v1
kind: Entity
id: hg-holding
name: Hanseatic Group Bank AG
description: "Parent company: retail and corporate bank headquartered in Hamburg."
lei: 529900T8BM49AURSDO55
country: DE
entity_type: credit_institution
competent_authority: BaFin
total_assets: {amount: 48000000000, currency: EUR}
register_entry: {integrated: 2025-01-15, last_updated: 2026-10-01}
regimes: [dora]
owner: group-risk-manager
reporting_clocks:
  regulator_initial_hours: 24
  data_protection_authority_hours: 72
""",
    )
    yield (
        "hg-payments",
        """# Payment institution, essential entity under NIS2.
apiVersion: resilint/v1
kind: Entity
id: hg-payments
name: Hanseatic Payments GmbH
description: Payment processing for the group and for third-party merchants.
lei: 529900W18LQJJN6SJ336
country: DE
parent: hg-holding
entity_type: payment_institution
total_assets: {amount: 900000000, currency: EUR}
register_entry: {integrated: 2025-01-15, last_updated: 2026-10-01}
regimes: [nis2]
nis2_category: essential
owner: payments-risk-manager
reporting_clocks:
  regulator_early_warning_hours: 24
  regulator_initial_hours: 72
  regulator_final_days: 30
  data_protection_authority_hours: 72
""",
    )
    yield (
        "hg-us",
        """# US branch office; no regulatory profile applies to its supplier contracts.
apiVersion: resilint/v1
kind: Entity
id: hg-us
name: Hanseatic Group Bank AG, New York Representative Office
description: Representative office in New York (no deposit taking).
lei: 529900HANSEATICNYO03
country: US
parent: hg-holding
entity_type: non_financial_other
register_entry: {integrated: 2025-01-15, last_updated: 2026-10-01}
regimes: []
owner: us-operations-manager
reporting_clocks:
  data_protection_authority_hours: 72
""",
    )


def clause_library_doc() -> str:
    clauses = [
        ("incident-notification", "Notice within hours of a suspected compromise", "[1, 2, 3]"),
        ("evidence-retention", "Log retention, forensic images and preservation", "[1]"),
        (
            "insurer-cooperation",
            "Cooperation with our incident team, counsel and insurer",
            "[1, 2]",
        ),
        ("step-in-rights", "Step-in rights for continuity-critical services", "[1]"),
    ]
    clauses += [(f"nis2.{c}", c.replace("_", " ").capitalize(), "[1, 2]") for c in _NIS2_CLAUSES]
    lines = [
        "# Clause library: standard clauses and approved fallback positions.",
        "apiVersion: resilint/v1",
        "kind: ClauseLibrary",
        "id: hg-standard-clauses",
        "name: Hanseatic Group standard supplier clauses",
        "owner: general-counsel",
        "clauses:",
    ]
    for cid, title, tiers in clauses:
        lines += [
            f"  - id: {cid}",
            f"    title: {title}",
            "    source: Group policy",
            f"    text_reference: https://contracts.{DOMAIN}/clause-library/{cid}.docx",
            f"    non_negotiable_for_tiers: {tiers}",
        ]
    return "\n".join(lines) + "\n"


_CONTROLS = (
    # id, category, scope, coverage
    ("mfa-email", "mfa_email", "[email]", 100),
    ("mfa-remote-access", "mfa_remote_access", "[remote_access]", 100),
    ("mfa-partner-access", "mfa_remote_access", "[third_party_access]", 100),
    ("mfa-privileged", "mfa_privileged", "[privileged_access]", 100),
    ("pam-vault", "pam", "[privileged_access, third_party_access]", 100),
    ("edr", "edr", "[endpoints, servers]", 98),
    ("patching", "patching", "[endpoints, servers]", 97),
    ("eol-software", "eol_software", "[endpoints, servers, network]", 100),
    ("email-filtering", "email_filtering", "[email]", 100),
    (
        "encryption-at-rest",
        "encryption_at_rest",
        "[endpoints, servers, data_stores, backups, cloud_workloads]",
        100,
    ),
    ("encryption-in-transit", "encryption_in_transit", "[network, third_party_access]", 100),
    ("backup-immutable", "backup_immutable", "[servers, backups, cloud_workloads]", 100),
    ("backup-offline", "backup_offline", "[backups]", 100),
    ("restore-testing", "backup_restore_test", "[servers, backups, cloud_workloads]", 100),
    ("logging", "logging", "[servers, cloud_workloads, network, privileged_access]", 95),
    ("awareness-training", "awareness_training", "[all]", 96),
    ("ir-plan-tested", "ir_plan_tested", "[all]", 100),
    ("supplier-access-review", "other", "[third_party_access]", 100),
)


def control_docs() -> Iterator[tuple[str, str]]:
    for number, (cid, category, scope, coverage) in enumerate(_CONTROLS):
        verified = _ago(10 + number * 3)
        text = (
            "# Controls inventory: what engineering really runs.\n"
            "apiVersion: resilint/v1\n"
            "kind: Control\n"
            f"id: {cid}\n"
            f"name: {cid.replace('-', ' ').capitalize()}\n"
            f"description: Group-wide {category.replace('_', ' ')} control.\n"
            f"category: {category}\n"
            "status: implemented\n"
            f"scope: {scope}\n"
            f"coverage_percent: {coverage}\n"
            "owner: ciso\n"
            "evidence:\n"
            f"  reference: {GRC}/controls/evidence/{cid}-{verified:%Y-%m}.pdf\n"
            f"  last_verified: {verified}\n"
        )
        if category.startswith("backup"):
            text += (
                "last_restore_test:\n"
                f"  date: {_ago(50)}\n"
                "  result: pass\n"
                f"  reference: {GRC}/controls/evidence/restore-test-{_ago(50):%Y-%m}.pdf\n"
            )
        yield cid, text


def insurance_docs() -> Iterator[tuple[str, str]]:
    yield (
        "cyber-primary-2026",
        f"""# Cyber insurance: Group cyber policy 2026/27
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber-primary-2026
name: Group cyber policy 2026/27
insurer: Altmark Assurance SE
broker: Weserlink Insurance Brokers GmbH
policy_number: ALT-CY-2026-093311
reference: {GRC}/insurance/ALT-CY-2026-093311
owner: group-risk-manager
period: {{start: 2026-04-01, end: 2027-03-31}}
insured_entities: [hg-holding, hg-payments]
currency: EUR
aggregate_limit: 50000000
coverages:
  forensics: {{included: true, sublimit: 3000000, retention: 100000}}
  legal: {{included: true, sublimit: 2000000, retention: 100000}}
  notification: {{included: true, sublimit: 1000000, retention: 50000}}
  ransomware: {{included: true, sublimit: 5000000, retention: 250000}}
  data_restoration: {{included: true, sublimit: 5000000, retention: 100000}}
  business_interruption: {{included: true, sublimit: 25000000, retention: 250000}}
  dependent_business_interruption: {{included: true, sublimit: 10000000, retention: 250000}}
  regulatory: {{included: true, sublimit: 2000000}}
  liability: {{included: true, sublimit: 10000000, retention: 100000}}
business_interruption: {{waiting_period_hours: 12, indemnity_period_days: 180}}
dependent_bi:
  scope: all_suppliers
  waiting_period_hours: 24
notice:
  incident_notice_hours: 48
  claim_deadline_days: 90
  contact:
    name: Altmark cyber incident hotline
    email: cyber-notice@altmark-assurance.example
    phone: "+49 40 5550 1000"
    available_24x7: true
conditions:
  - id: mfa
    statement: Multi-factor authentication for email, remote and privileged access.
    control_categories: [mfa_email, mfa_remote_access, mfa_privileged]
    scope: [email, remote_access, privileged_access]
    minimum_coverage_percent: 100
    attested: true
  - id: edr
    statement: Endpoint detection and response on at least 95% of endpoints and servers.
    control_categories: [edr]
    scope: [endpoints, servers]
    minimum_coverage_percent: 95
    attested: true
  - id: backups
    statement: Immutable or offline backups of critical systems, restore-tested yearly.
    control_categories: [backup_immutable, backup_restore_test]
    scope: [servers, backups]
    attested: true
  - id: patching
    statement: Critical patches within 30 days on at least 95% of endpoints and servers.
    control_categories: [patching]
    scope: [endpoints, servers]
    minimum_coverage_percent: 95
    attested: true
  - id: pam
    statement: Privileged accounts are managed in a privileged access management tool.
    control_categories: [pam]
    scope: [privileged_access]
    attested: true
exclusions:
  - id: unencrypted-data
    type: unencrypted_data
    description: Loss or disclosure of personal data that was not encrypted at rest.
    mitigating_control_categories: [encryption_at_rest]
  - id: unpatched-systems
    type: unpatched_systems
    description: Exploitation of a vulnerability patched more than 60 days before.
    mitigating_control_categories: [patching]
  - id: eol-software
    type: eol_software
    description: Incidents originating in software no longer supported by its vendor.
    mitigating_control_categories: [eol_software]
  - id: war
    type: war
    description: War and state-backed cyber operations (LMA 5567A wording).
panel:
  forensics: [{FORENSICS}, Kerberos Forensik GmbH]
  counsel: [{COUNSEL}, Brandauer Rechtsanwälte PartG mbB]
  pr: [{PR_FIRM}]
""",
    )
    yield (
        "cyber-us-2026",
        f"""# Cyber insurance: US cyber policy 2026/27
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber-us-2026
name: US cyber policy 2026/27
insurer: Lakeshore Specialty Insurance Company
broker: Halvorsen & Pike Risk Partners LLC
policy_number: LSI-CYB-26-9120
reference: {GRC}/insurance/LSI-CYB-26-9120
owner: group-risk-manager
period: {{start: 2026-07-01, end: 2027-06-30}}
insured_entities: [hg-us]
currency: USD
aggregate_limit: 5000000
coverages:
  forensics: {{included: true, sublimit: 750000, retention: 25000}}
  legal: {{included: true, sublimit: 500000, retention: 25000}}
  business_interruption: {{included: true, sublimit: 2000000, retention: 50000}}
  dependent_business_interruption: {{included: true, sublimit: 1000000, retention: 50000}}
business_interruption: {{waiting_period_hours: 12, indemnity_period_days: 120}}
dependent_bi:
  scope: all_suppliers
  waiting_period_hours: 24
notice:
  incident_notice_hours: 72
  claim_deadline_days: 180
  contact:
    name: Lakeshore cyber claims
    email: cyberclaims@lakeshore-specialty.example
    phone: "+1 212 555 0147"
    available_24x7: true
conditions:
  - id: mfa
    statement: MFA is enforced for email, remote access and privileged access.
    control_categories: [mfa_email, mfa_remote_access, mfa_privileged]
    scope: [email, remote_access, privileged_access]
    minimum_coverage_percent: 100
    attested: true
  - id: backups
    statement: Offline or immutable backups, tested at least annually.
    control_categories: [backup_offline, backup_restore_test]
    scope: [backups]
    attested: true
exclusions:
  - id: unencrypted-data
    type: unencrypted_data
    description: Claims arising from unencrypted personal information on portable devices.
    mitigating_control_categories: [encryption_at_rest]
  - id: war
    type: war
    description: War, including cyber operations attributed to a state.
panel:
  forensics: [{FORENSICS}, Northgate Cyber Response LLC]
  counsel: [{COUNSEL}, Whitcombe Lane LLP]
  pr: [{PR_FIRM}]
""",
    )


_EVIDENCE_ITEMS = (
    ("asset_inventory", "asset-inventory.xlsx", "it-asset-manager"),
    ("data_flow_diagrams", "data-flows/", "enterprise-architect"),
    ("policy_copies", "policy/", "group-risk-manager"),
    ("incident_log_location", "incident-log-location.txt", "soc-manager"),
    ("backup_validation_reports", "backup-validation/", "it-infrastructure-lead"),
    ("vendor_contracts", "contracts/", "contract-manager"),
    ("insured_entities_list", "insured-entities.pdf", "group-legal-counsel"),
    ("loss_calculation_baseline", "loss-baseline.xlsx", "financial-controller"),
)


def evidence_docs() -> Iterator[tuple[str, str]]:
    for policy in ("cyber-primary-2026", "cyber-us-2026"):
        lines = [
            "# Claim-ready evidence package, kept on the offline claims share.",
            "apiVersion: resilint/v1",
            "kind: EvidencePackage",
            f"id: {policy}-evidence",
            f"name: Claim-ready evidence package for {policy}",
            f"policy: {policy}",
            "owner: group-risk-manager",
            "items:",
        ]
        for number, (kind, where, owner) in enumerate(_EVIDENCE_ITEMS):
            lines += [
                f"  - type: {kind}",
                f"    location: offline-vault://claims/{policy}/{where}",
                f"    owner: {owner}",
                f"    last_updated: {_ago(20 + 9 * number)}",
            ]
        lines += [
            "incident_roles:",
            "  decision_timekeeper: pmo-lead",
            "  screenshot_collector: soc-analyst-on-duty",
            "  oob_comms_validator: it-security-manager",
        ]
        yield f"{policy}-evidence", "\n".join(lines) + "\n"


CONFIG = """# Hanseatic Group's resilint configuration (a synthetic benchmark repository).
fail_on: error
"""


# -- writing the repository -----------------------------------------------------------------------
@dataclass
class Summary:
    suppliers: int
    documents: int
    files: int
    bytes: int
    defects: list[Defect]
    seconds: float

    def as_dict(self) -> dict[str, object]:
        return {
            "suppliers": self.suppliers,
            "documents": self.documents,
            "files": self.files,
            "bytes": self.bytes,
            "defects": len(self.defects),
            "seconds": round(self.seconds, 3),
        }


class _Writer:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.files = 0
        self.bytes = 0
        self.made: set[Path] = set()

    def write(self, relative: str, text: str) -> None:
        path = self.root / relative
        if path.parent not in self.made:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.made.add(path.parent)
        data = text.encode("utf-8")
        path.write_bytes(data)
        self.files += 1
        self.bytes += len(data)


def generate(out: Path, suppliers: int = 10_000, seed: int = 1) -> Summary:
    """Write the repository into ``out`` (emptied first) and return what was written."""
    began = time.perf_counter()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    repository = plan(suppliers, seed)
    rng = random.Random(seed + 1)
    writer = _Writer(out)
    defects: list[Defect] = []
    writer.write("resilint.yaml", CONFIG)
    documents = 0

    def emit(relative: str, kind: str, did: str, text: str) -> None:
        nonlocal documents
        writer.write(relative, text)
        documents += 1
        what = repository.defects.get((kind, did))
        if what is not None:
            code = _DEFECTS_BY_NAME[what]
            defects.append(Defect(relative, kind, did, what, code))

    for eid, text in entity_docs():
        emit(f"entities/{eid}.yaml", "Entity", eid, text)
    emit(
        "clauses/standard-clauses.yaml",
        "ClauseLibrary",
        "hg-standard-clauses",
        clause_library_doc(),
    )
    for cid, text in control_docs():
        emit(f"controls/{cid}.yaml", "Control", cid, text)
    for pid, text in insurance_docs():
        emit(f"insurance/{pid}.yaml", "InsurancePolicy", pid, text)
    for eid, text in evidence_docs():
        emit(f"evidence/{eid}.yaml", "EvidencePackage", eid, text)

    function_of = {s.id: f for f in repository.functions for s in f.suppliers}
    for s in repository.suppliers:
        shard = s.shard
        d = repository.defects
        emit(
            f"suppliers/{shard}/{s.id}.yaml",
            "Supplier",
            s.id,
            supplier_doc(s, rng, d.get(("Supplier", s.id))),
        )
        emit(
            f"contracts/{shard}/{s.contract_id}.yaml",
            "Contract",
            s.contract_id,
            contract_doc(s, rng, d.get(("Contract", s.contract_id)), function_of.get(s.id)),
        )
        if s.old_contract_id:
            emit(
                f"contracts/{shard}/{s.old_contract_id}.yaml",
                "Contract",
                s.old_contract_id,
                old_contract_doc(s, rng),
            )
        for identity in s.identities:
            emit(
                f"identities/{shard}/{identity.id}.yaml",
                "Identity",
                identity.id,
                identity_doc(s, identity, rng, d.get(("Identity", identity.id))),
            )
        if s.playbook_id:
            emit(
                f"playbooks/{shard}/{s.playbook_id}.yaml",
                "Playbook",
                s.playbook_id,
                playbook_doc(s, rng),
            )
    critical: list[Function] = []
    for f in repository.functions:
        emit(f"functions/{f.id}.yaml", "BusinessFunction", f.id, function_doc(f, rng))
        if f.plan_id:
            critical.append(f)
            emit(f"plans/{f.plan_id}.yaml", "ContinuityPlan", f.plan_id, plan_doc(f, rng))
    for number, start in enumerate(range(0, len(critical), FUNCTIONS_PER_EXERCISE)):
        group = critical[start : start + FUNCTIONS_PER_EXERCISE]
        eid, text = exercise_doc(number, group, rng)
        emit(f"exercises/{eid}.yaml", "Exercise", eid, text)

    manifest = {
        "as_of": AS_OF.isoformat(),
        "suppliers": suppliers,
        "seed": seed,
        "documents": documents,
        "defects": [d.__dict__ for d in defects],
    }
    (out / "defects.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return Summary(
        suppliers, documents, writer.files, writer.bytes, defects, time.perf_counter() - began
    )


_DEFECTS_BY_NAME = {name: code for group in _DEFECTS.values() for name, code in group}


def suppliers_for(documents: int) -> int:
    """How many suppliers make about ``documents`` documents."""
    return max(1, math.ceil(documents / DOCS_PER_SUPPLIER))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="directory to write (emptied first)")
    size = parser.add_mutually_exclusive_group()
    size.add_argument(
        "--suppliers", type=int, default=None, help="number of suppliers (default: 10000)"
    )
    size.add_argument(
        "--documents",
        type=int,
        default=None,
        help=f"about this many documents (suppliers = documents / {DOCS_PER_SUPPLIER})",
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    args = parser.parse_args(argv)
    if args.documents is not None:
        suppliers = suppliers_for(args.documents)
    else:
        suppliers = args.suppliers if args.suppliers is not None else 10_000
    summary = generate(args.out, suppliers, args.seed)
    print(
        f"{args.out}: {summary.suppliers} suppliers, {summary.documents} documents in "
        f"{summary.files} files ({summary.bytes / 1e6:.1f} MB), {len(summary.defects)} planted "
        f"defects, written in {summary.seconds:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
