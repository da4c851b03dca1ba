"""What a supplier does for us and what of ours it holds, so that the requirements matrix asks a
term only where it has an object.

- The **service model** of each service: recorded (``services[].service_model``, else the supplier's
  ``service_model``), or inferred from the DORA register's ICT service type where that code says it
  unambiguously (Annex III of Implementing Regulation (EU) 2024/2956): S17 and S18 are IaaS and
  PaaS, S19 SaaS, S05 the provision of data, S07 facilities and hosting (a colocation when the
  service stores none of our data), S10 and S11 telecom carrier and network infrastructure (a
  network carrier when the service stores none of our data, unless its words say the network is run
  for us: a managed WAN is a managed service), S03, S04 and S14 help desk, security management and
  ICT operations run for us. Where the code does not say it, the words of the service's
  ``service_type`` and ``description`` may: "infrastructure as a service" is IaaS (so are "virtual
  servers", "cloud hosting", "object storage": what it provisions), "software as a
  service", "SaaS" or another "... as a service" a multi-tenant SaaS (NIST SP 800-145: the
  provider's resources pooled to serve its customers in a multi-tenant model), unless they also say
  it is run for us ("managed service", "run for us", a bureau: who operates it, not a product such
  as "managed databases"), or, for a SaaS, that the instance is the customer's own (single-tenant,
  dedicated, private, managed); connectivity storing none of our data ("leased lines", "mobile
  data", "LoRaWAN", "telemetry connectivity") is a network carrier, as S10 and S11 make it, unless
  the words also name a platform or say the network is managed (:data:`_CARRIER`), or name anything
  but connectivity beside it or before it (another service, a device, a product:
  :func:`_connectivity_alone`), and software licences or firmware storing none of our data are
  licensed software, as S13 makes them, unless hosted or remotely supported; likewise "colocation"
  (S07) and a "data feed" (S05) (:data:`_PLAIN_WORDS`). Where none of these is read, words saying
  plainly that the supplier operates the service for us ("hosted and operated for us", "the
  vendor operates the platform", "ICT operation management") and naming no shared platform make
  it a managed service (:func:`_operated_for_us`). A supplier that provides no ICT services and
  does not operate in our systems is a law firm, an insurance broker or other professional adviser,
  a bank, or a payment scheme or market infrastructure where the words it is recorded with say so
  (:data:`_WORDS`: the service's ``service_type`` and ``description``, else the supplier's ``name``
  and ``description``): their services are plain in how any programme describes them, and among
  suppliers without ICT services those words name nothing else. Words naming whom the supplier
  serves ("management company for captive reinsurers", "claims administrator for insurers") name no
  trade of its own, and words saying it runs something for us (outsourced operations, an
  administrator, a bureau, "running Brabantia Re") take the inference off: an outsourcing is asked
  its terms whoever performs it. A service whose model is still unknown is judged by every term its
  exposure calls for: where the words are unsure, a term is asked, which recording service_model
  answers.
- **Operating access**: the supplier acts inside our systems through a person's account that
  can change things or privileged rights, as opposed to an integration credential (a
  host-to-host certificate, an SFTP user, a read or write API key) that only lets its systems
  exchange data with ours, or a person's read-only seat (an auditor in our data room).
- What of ours it **holds**: ``data`` (our confidential data, stored by it), ``credentials``
  (access into our systems), ``secrets`` (that access rests on a secret we would rotate: a
  machine credential or a person's account without MFA) and ``identities`` (our sign-in runs
  through it).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from resilint.domain import lifecycle
from resilint.domain.readers import (
    among,
    dicts,
    keyed,
    listed,
    mapping_at,
    strings,
    text_of,
    value_at,
)
from resilint.model import Document
from resilint.patterns import Lazy

if TYPE_CHECKING:
    from resilint.domain import Facts

MANAGED = "managed_service"
SAAS = "multi_tenant_saas"
IAAS = "iaas_paas"
COLOCATION = "colocation"
NETWORK = "network_carrier"
DATA_FEED = "data_feed"
PROFESSIONAL = "professional_service"
FINANCIAL = "financial_service"
MARKET = "market_infrastructure"
STAFF = "staff_augmentation"
LICENSED = "licensed_software"
SHARED_PLATFORMS = frozenset({IAAS, SAAS})
"""A shared platform: infrastructure or software every customer uses on the same standard terms
(CTR-08's security indemnity and CTR-03's suspected-compromise notice, which they seldom give)."""
MODEL_WORDS = {
    MANAGED: "a managed service (run for us)",
    SAAS: "a multi-tenant SaaS",
    IAAS: "IaaS or PaaS",
    COLOCATION: "colocation",
    NETWORK: "a network carrier (connectivity that carries our traffic, holding nothing at rest)",
    DATA_FEED: "a data feed",
    PROFESSIONAL: "a professional service (law firm, consultancy, insurance broker)",
    FINANCIAL: "a regulated financial service (bank, custodian, depositary, insurer)",
    MARKET: (
        "a payment scheme or market infrastructure (card scheme, payment system, central "
        "counterparty, securities depository, stock exchange or other trading venue)"
    ),
    STAFF: "staff augmentation (its people work in our systems under our direction)",
    LICENSED: "licensed software we run ourselves",
}
MODELS = tuple(MODEL_WORDS)
OWN_TRADE = frozenset({PROFESSIONAL, FINANCIAL, MARKET})
"""The models of a supplier that serves us in a trade of its own, not with ICT services: a law
firm or other adviser, a regulated bank or other financial service, a payment scheme or market
infrastructure. A seat we give its people in our systems is our service to it."""

_BY_ICT_SERVICE_TYPE = {
    "S03": MANAGED,  # ICT help desk and first level support
    "S04": MANAGED,  # ICT security management services
    "S14": MANAGED,  # ICT operation management (including maintenance)
    "S05": DATA_FEED,  # provision of data
    "S13": LICENSED,  # software licencing (excluding SaaS): software we run ourselves
    "S17": IAAS,  # cloud computing services: IaaS
    "S18": IAAS,  # cloud computing services: PaaS
    "S19": SAAS,  # cloud computing services: SaaS
}
_FACILITIES = "S07"
"""ICT facilities and hosting services (excluding cloud): a colocation where the service stores
none of our data, hosting run for us where it does."""
_NETWORK = ("S10", "S11")
"""Telecom carrier and network infrastructure: a network carrier where the service stores none
of our data and its words do not say the network is run for us (a managed WAN, whose provider
operates our routers, is a managed service); unknown where it stores our data (a messaging
network keeping our messages is a shared platform, or run for us)."""

_WORDS: tuple[tuple[str, Lazy], ...] = (  # compiled when a supplier is known by its words
    # professional first: a law firm's description often names its clients ("counsel to banks")
    (
        PROFESSIONAL,
        Lazy(
            r"\b(law ?firm|legal (advice|services?|counsel)|counsel|solicitors?|attorneys?"
            r"|lawyers?|barristers?|avocats?|rechtsanw\w*|kanzlei|advoca(at|ten)|abogados?"
            r"|avvocat[io]|advogad[oa]s?|advokat\w*|notar(y|ies)|actuar(y|ies|ial)"
            r"|accountan(ts?|cy)|auditors?|tax advis[eo]rs?|management consult\w*"
            # an accounting or bookkeeping firm, also by its Finnish or Czech name (a
            # tilitoimisto, an účetní kancelář): it keeps our books as a professional adviser
            r"|accounting (firms?|offices?|practices?)|bookkeep(ers?|ing (firms?|services?))"
            r"|tilitoimisto\w*|(ú|u)četn(í|i) kancel(á|a)ř\w*"
            r"|consultanc(y|ies)"
            # an audit firm by its trade or its legal form: "statutory audit of the group",
            # "... GmbH Wirtschaftsprüfungsgesellschaft", a Dutch or Belgian or French
            # statutory auditor, a tax adviser by its German title
            r"|(statutory|external|financial[- ]statements?) audits?|audit firms?"
            r"|wirtschaftspr(ü|ue)f\w*|revisionsgesellschaft\w*|steuerberat\w*"
            r"|(register)?accountants?kantoor|registeraccountants?"
            r"|commissaires? aux comptes|r(é|e)viseurs? d'entreprises?"
            # an insurance or reinsurance broker or other intermediary (regulated under the
            # Insurance Distribution Directive, (EU) 2016/97); a bare "broker" also names ICT
            # (a message broker) and other trades
            r"|(re)?insurance (brok\w+|intermediar(y|ies))|lloyd'?s brokers?"
            r"|(rück)?versicherungsmakler\w*|courtiers? en (ré)?assurances?)\b",
            re.IGNORECASE,
        ),
    ),
    (
        FINANCIAL,
        Lazy(
            # a bank is often named by a compound ("Westrheinische Landesbank AG", "Maasbank
            # N.V.", "Stadtsparkasse", "Girozentrale"), never by the bare word: its name's last
            # part is read too, except where the compound names no bank (a data bank, Datenbank)
            r"\b(banks?|banking|bankhaus|sparkasse|banque|banca|banco|depositary"
            r"|(?!(data|daten|blood|food|memory|seed|power|sand|river)bank)[a-zäöüß]+bank(en)?"
            r"|[a-zäöüß]+sparkasse|girozentrale|kreditinstitut"
            r"|(global|securities|fund|asset) custody|custodian bank|credit institution"
            r"|payment institution|e-money institution"
            # an investment firm's own counterparties, regulated firms serving it as their client:
            # a global or sub-custodian, a prime broker, the clearing member or clearing broker
            # giving it access to a central counterparty, an executing broker; a bare "broker"
            # (a message broker) or "custodian" (a data or records custodian) also names other
            # trades and is not read
            r"|(global|securities) custodians?|sub-?custodians?|prime brok(er|ers|erage)"
            r"|(general |direct )?clearing members?|(clearing|executing|execution) brokers?"
            # a firm our client orders are routed to for execution, serving us as its client in
            # its own regulated trade: a liquidity provider or market maker, an OTC desk, a
            # crypto-asset service provider authorised under MiCA (Regulation (EU) 2023/1114);
            # routing orders to it is the execution service itself, not an outsourcing
            r"|liquidity providers?|market[- ]makers?|otc (trading )?desks?"
            r"|crypto-?assets? service providers?|casps?"
            # an insurance or reinsurance undertaking (the risk carrier we place business with or
            # buy cover from), also by a German compound ("Donau Lebensversicherung AG"); an
            # insurance broker's words are read first, as an adviser's
            r"|(re)?insurers?|(re)?insurance (undertakings?|compan(y|ies)|carriers?)"
            r"|[a-zäöüß]*versicherung(en)?|[a-zäöüß]*versicherungs(gesellschaft|verein)\w*"
            r"|assureurs?|compagnies? d'assurances?)\b",
            re.IGNORECASE,
        ),
    ),
    (
        MARKET,
        Lazy(
            r"\b((card|payment) schemes?|card networks?|scheme (membership|rules|licen[cs]e)"
            r"|(interbank |retail |large[- ]value )?payment systems?|clearing house"
            r"|central counterpart(y|ies)|central securities depositor(y|ies)"
            r"|securities settlement systems?"
            # a trading venue whose members we are (MiFID II, Directive 2014/65/EU): a regulated
            # market or its market operator, an MTF, an OTF, a stock or derivatives exchange,
            # by its French or German name too; a bare "exchange" also names ICT (a mail
            # server, data exchange) and a bare "Börse" other trades (a Jobbörse): not read
            r"|(stock|securities|derivatives|futures|commodit(y|ies)|power|energy) exchanges?"
            r"|regulated markets?|trading venues?|market operators?"
            r"|multilateral trading facilit(y|ies)|organi[sz]ed trading facilit(y|ies)"
            # MiCA's trading platform for crypto-assets (Art. 3(1), point (18)), by its words
            r"|trading platforms? for crypto-?assets|crypto-?assets? trading platforms?"
            r"|(trading|exchange|clearing) membership"
            r"|march(é|e)s? r(é|e)glement(é|e)s?|entreprises? de march(é|e)"
            r"|mercados? regulados?|bolsas? de valores|mercat[oi] regolamentat[oi]|borsa valori"
            r"|effectenbeurs|wertpapierb(ö|oe)rsen?|terminb(ö|oe)rsen?)\b",
            re.IGNORECASE,
        ),
    ),
)
"""Words that name a law firm, an insurance broker or other professional adviser, a bank, or a
payment scheme or market infrastructure, in a supplier without ICT services. Words that also
name other trades are left out ("custody" of records, a "consulting" engineer, a "broker" of
messages or freight): the model is then unknown and every term is asked. So are the words where
they name the supplier's clients (:data:`_CLIENTS`) and wherever the words say it runs
something for us (:data:`_RUNS_IT_FOR_US`)."""

HUMAN = "human_account"
FEDERATED = "federated_workload"
PRIVILEGED = "privileged"
OPERATING_LEVELS = ("write", PRIVILEGED)
"""Recorded access levels taken as operating access when no identity says how it is held."""
LOOKING_LEVELS = ("read-only", "none")
"""A person's account at these levels looks at our systems without acting in them."""

DATA, CREDENTIALS, IDENTITIES, SECRETS = "data", "credentials", "identities", "secrets"


def service_models(
    supplier: Document,
    names: Iterable[str] | None = None,
    non_ict: bool = False,
    operates: bool = False,
) -> frozenset[str]:
    """The service models of the supplier's services (those named, when ``names`` is given and
    matches any): empty when any of them is unknown, so that no term is left out for it.
    ``non_ict``: the supplier provides no ICT services and does not operate in our systems, so
    the words it is recorded with may tell a bank or a law firm. ``operates``: it acts in our
    systems (:func:`operating_access`), so its licensed software is run for us
    (:func:`models_of`)."""
    return models_of(supplier, _concerned(supplier, names), non_ict, operates)


def own_trade_services(supplier: Document, non_ict: bool) -> frozenset[str]:
    """Names of the supplier's services that serve us in a trade of their own
    (:data:`OWN_TRADE`, recorded or inferred): a depositary's safekeeping beside the fund
    administration the same bank runs for us is no outsourced work. ``non_ict`` as in
    :func:`service_models`."""
    return frozenset(
        name
        for _, s in dicts(supplier.data.get("services"))
        if isinstance(name := s.get("name"), str)
        and (models := models_of(supplier, [s], non_ict))
        and models <= OWN_TRADE
    )


def models_of(
    supplier: Document,
    chosen: list[dict[str, Any]],
    non_ict: bool = False,
    operates: bool = False,
) -> frozenset[str]:
    """:func:`service_models` of the services ``chosen`` (as :func:`_concerned` chooses them).
    Of a supplier that acts in our systems (``operates``: a person's account that can change
    things, or privileged rights), licensed software, recorded or inferred, is a managed service:
    its people run it in our systems, as a maker maintaining our equipment over remote access
    does, so it is not software we only run ourselves (:data:`_ICT_MODELS_ADVICE`)."""
    models = _models_of(supplier, chosen, non_ict)
    if operates and LICENSED in models:
        run = frozenset(MANAGED if model == LICENSED else model for model in models)
        return _SETS.setdefault(run, run)
    return models


ESCROW_NOTE = (
    " (escrow of its software's code also meets the term, as step-in does, for software the"
    " vendor maintains in our systems: remedies.escrow, the source code and what is needed to"
    " build and run it released to us, or to a party we appoint to maintain it, if the"
    " supplier fails)"
)
"""CTR-08's words, after "step-in rights", for licensed software its vendor acts on
in our systems (:func:`operated_note`): nobody steps into a vendor's maintenance of software
we run, and escrow with the right to have it maintained by another is the remedy the market
gives for it, so either settles the term."""


def operated_note(supplier: Document, licensed: frozenset[str], operates: bool) -> str:
    """For a finding whose term licensed software is not asked: words saying the supplier's
    licensed software (``licensed``: the models :func:`service_models` reads without
    ``operates``) is asked as a service run for us because the supplier acts in our systems,
    and what settles it; "" where it does not, or none of its software is licensed."""
    if not operates or LICENSED not in licensed:
        return ""
    return (
        f" (asked as of a service run for us: supplier {supplier.id} acts in our systems (a"
        " person's account that can change things, or privileged rights), so its licensed"
        " software is not software we only run ourselves; where it does not act in them,"
        " correct its recorded access: highest_access_level, or its identities' access_level)"
    )


def _models_of(supplier: Document, chosen: list[dict[str, Any]], non_ict: bool) -> frozenset[str]:
    """:func:`models_of` as the records and words say them, whoever acts in our systems."""
    recorded = _model(supplier.data.get("service_model"))
    if not chosen:
        worded = _worded(supplier.data.get("name"), supplier.data.get("description"))
        found = recorded or (worded if non_ict else None)
        return frozenset({found}) if found else frozenset()
    models = [
        _model(s.get("service_model"))
        or recorded
        or _inferred(s)
        or (_service_words(s, supplier.data) if non_ict else _cloud_words(s))
        for s in chosen
    ]
    kept = frozenset(m for m in models if m) if all(models) else frozenset()
    return _SETS.setdefault(kept, kept)


_SETS: dict[frozenset[str], frozenset[str]] = {}
"""Each set of service models once (a few words make few sets), for every contract's facts."""


def model_note(
    supplier: Document,
    models: frozenset[str],
    ict: bool,
    non_ict: bool,
    exposures: frozenset[str] = frozenset(),
    exempt: frozenset[str] = OWN_TRADE,
    unrecorded: bool = True,
) -> str:
    """For a finding whose term the service model decides, where the model is unknown: words
    saying what it is asked as of and the one record that settles it; "" where the model is
    known. ``ict``: what is concerned covers ICT services (or the supplier operates in our
    systems); ``non_ict``: the supplier provides none and does not operate in our systems, so
    it is asked as an IT vendor only because nothing says it is an adviser, a bank or a scheme;
    then the words name what of its exposures asks the term (``exposures``), the record a reader
    checks first. Asking is the conservative default (a guessed model would hide real gaps).
    ``exempt``: the models of :data:`OWN_TRADE` whose record would take the term off the
    supplier, the only ones the words name (none: no words; a critical law firm is asked an
    incident-notice window all the same, so only a bank or a scheme is named there). None for
    a supplier whose record says it holds nothing of ours (:func:`_holds_nothing`): a diesel
    supplier is not asked whether it is a bank, nor is one whose words name a trade none of
    them has (:func:`_other_trade`: a laboratory, a caterer). ``unrecorded``: a contract of the
    supplier does not record outsources_function, so the note's model alone would take an
    outsourcing's terms off it (:data:`OUTSOURCING_TOO`): the note says to record that too."""
    if models:
        return ""
    if ict:
        return ict_model_note(supplier.id or "")
    chosen = [model for model, _ in _ADVISERS if model in exempt]
    if (
        non_ict
        and chosen
        and not _holds_nothing(supplier, exposures)
        and not _other_trade(supplier)
    ):
        held = exposure_words(exposures, supplier)
        because = (
            f"supplier {supplier.id} {held} and nothing recorded says it"
            if held
            else (f"nothing recorded says supplier {supplier.id}")
        )
        question = adviser_question(exempt)
        also = _outsourcing_too(supplier) if unrecorded else ""
        return f" (asked because {because} {question}{ADVISER_RECORD}{_either(chosen)}{also})"
    return ""


def _holds_nothing(supplier: Document, exposures: frozenset[str]) -> bool:
    """Its record says what data it handles (data_sensitivity recorded) and the supplier has no
    exposure (:attr:`SupplierFacts.exposures`: none of our confidential data it can read, data
    held only as ciphertext it cannot read counting as none; no ICT services; no access to our
    systems): a supplier of goods or of a service that touches nothing of ours (generator
    diesel, raw material), asked a term because we rely on it. An adviser, a bank or a scheme
    serving us holds our files, our accounts or our transactions, so the question whether it is
    one has no object here; where the record does not say what data it handles, it is asked."""
    return not exposures and supplier.data.get("data_sensitivity") is not None


def _other_trade(supplier: Document) -> bool:
    """The words of each of its services (its service_type, else its description: a
    description also names places, "card payments at the canteen tills"; where it records no
    service, its own name and description) name a trade of its own that no adviser, bank,
    insurer or market infrastructure has (:data:`_OTHER_TRADES`: laboratory diagnostics,
    catering, freight): whether it is one has no object. A trade named as whom it serves
    ("account for the laboratory", :data:`_CLIENTS`) is not its own; a service whose words name
    none could be a bank's account or an adviser's brief, and the note is said."""
    services = _concerned(supplier, None)
    texts = [_joined(s.get("service_type")) or _joined(s.get("description")) for s in services] or [
        _joined(supplier.data.get("name"), supplier.data.get("description"))
    ]
    return all(_named(_OTHER_TRADES, text, _clients(text)) is not None for text in texts)


_OTHER_TRADES = Lazy(
    r"\b(catering|caterers?|canteens?|(patient|staff|school) meals|food (supply|services?)"
    r"|(facility|facilities|office|building|window|hospital) cleaning"
    r"|cleaning (services?|contractors?)|laundry|linen (supply|services?)"
    r"|laborator(y|ies)|lab (diagnostics|tests?|testing)|pathology|patient samples"
    r"|medical (devices?|equipment|supplies|consumables)|pharmaceuticals?|infusion pumps?"
    r"|(road|air|sea|rail|ocean) freight|freight (forwarding|transport)|haulage|hauliers?"
    r"|couriers?|parcels?|(express|parcel) delivery|warehousing|logistics"
    r"|waste (management|disposal|collection)|security guarding|manned guarding"
    r"|(goods|materials?|components?|(spare )?parts|fuel|diesel|raw materials?"
    r"|office supplies|consumables) supply"
    r"|facility management|industrial maintenance|construction (works?|services|company)"
    r"|(substations?|switchgear|transformers?|protection relays?|overhead lines?|power lines?"
    r"|cables?|pipelines?|boilers?|hvac|lifts?|elevators?|machinery|generators?)"
    r" (maintenance|servicing|repairs?|inspections?)|fault repairs?"
    r"|(electrical|mechanical) (works|contracting|installation)|cable laying"
    r"|(customer|cardholder|end[- ]user) (support|service|care)|(contact|call) cent(re|er)s?)\b",
    re.IGNORECASE,
)
"""Words that name a supplier's trade as one of goods or hands-on work that no adviser, bank,
insurer or market infrastructure does: food and cleaning, a clinical laboratory, medical
devices and pharmaceuticals, freight, parcels and warehousing, waste, guarding, the supply of
goods, materials or fuel, facility management, maintenance of plant, construction, and the
hands-on upkeep and repair of physical plant (substations, switchgear, lines and cables,
pipelines, boilers, lifts, machinery, generators) or electrical and mechanical works, and
customer support or a contact centre answering our customers (an outsourcing, asked its terms as
such, never an adviser's brief or a bank's account). Words that
also name a financial or advisory trade are left out ("leasing", "meal vouchers", an
e-money product; "consulting", "translation"): the note is then said."""


OUTSOURCING_TOO = (
    "; its words say it runs something for us: where it does, record outsources_function: true "
    "on its contract too, or recording the model also takes an outsourcing's terms off it"
)
"""Said where following the note alone would drop a real requirement: a model of
:data:`OWN_TRADE` recorded makes a contract no outsourcing unless outsources_function says so
(:func:`resilint.domain.documents.outsourcing`), and a depositary that runs the funds'
administration, or a bank running a bureau for us, is one."""

OUTSOURCING_UNSAID = (
    "; where it runs a function of ours for us rather than serving us in its own trade, record "
    "outsources_function: true on its contract too, or recording the model also takes an "
    "outsourcing's terms off it"
)
""":data:`OUTSOURCING_TOO` where its words do not say it runs something for us: a contract
whose outsources_function is not recorded is an outsourcing while its model is unknown, and
a bank's treasury operations for our funds may be one whatever its words say."""


def _outsourcing_too(supplier: Document) -> str:
    """What the note adds so that following it never takes an outsourcing's terms off a
    supplier that runs a function of ours: :data:`OUTSOURCING_TOO` where its words say it
    does, else :data:`OUTSOURCING_UNSAID`."""
    return OUTSOURCING_TOO if _worded_as_run_for_us(supplier) else OUTSOURCING_UNSAID


def _worded_as_run_for_us(supplier: Document) -> bool:
    """Its services' words, or its own, say it runs something for us (:func:`_runs_for_us`)."""
    texts = [_words_of(service) for service in _concerned(supplier, None)]
    texts.append(_joined(supplier.data.get("name"), supplier.data.get("description")))
    return any(_runs_for_us(text) for text in texts)


_ADVISERS = (
    (PROFESSIONAL, "a professional adviser"),
    (FINANCIAL, "a regulated financial firm (a bank, depositary or insurer)"),
    (
        MARKET,
        "a market infrastructure (a payment scheme, central counterparty, securities depository "
        "or trading venue)",
    ),
)
"""The models of :data:`OWN_TRADE` in the order a note names them, each as a reader says it, in
words that fit every sector: a fund manager's depositary and securities depository are asked
about as a bank's payment scheme is."""
ADVISER_RECORD = "; if it is, record its service_model: "
"""Words every note of :func:`model_note` for a supplier without ICT services holds."""


def adviser_question(exempt: frozenset[str]) -> str:
    """What the note says nothing recorded answers: "is a regulated financial firm (...) or a
    market infrastructure (...)"."""
    return "is " + _either([noun for model, noun in _ADVISERS if model in exempt])


def _either(names: list[str]) -> str:
    """``a``, ``a or b``, ``a, b or c``."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def adviser_notes(
    supplier: Document, non_ict: bool, exposures: frozenset[str], unrecorded: bool = True
) -> dict[str, frozenset[str]]:
    """Every note :func:`model_note` may end a finding with for a supplier without ICT services
    whose model is unknown, each with the models it names: one for each term's choice of them."""
    subsets = [
        frozenset(m for n, (m, _) in enumerate(_ADVISERS) if mask >> n & 1)
        for mask in range(1, 2 ** len(_ADVISERS))
    ]
    notes = {
        model_note(supplier, frozenset(), False, non_ict, exposures, s, unrecorded): s
        for s in subsets
    }
    return {words: named for words, named in notes.items() if words}


def adviser_pointer(
    supplier_id: str, exempt: frozenset[str], code: str, kind: str, doc_id: str
) -> str:
    """What a finding says instead of :func:`model_note`'s words for a supplier without ICT
    services where another finding of the same check says them in full: which finding."""
    return (
        f" (asked because nothing recorded says supplier {supplier_id}"
        f" {adviser_question(exempt)}; the {code} finding on {kind} {doc_id} says what to record)"
    )


def ict_model_note(supplier_id: str) -> str:
    """:func:`model_note` of an ICT supplier: the models to choose from, in full. A check says
    it once for each supplier (:mod:`resilint.said_once`), and points to it elsewhere."""
    return (
        f" (asked as of a service run for us: the service model of supplier {supplier_id}"
        f" is neither recorded nor inferred; record its service_model, one of "
        f"{_ICT_MODELS_ADVICE}, and a term with no object for that model is no longer asked)"
    )


def ict_model_pointer(supplier_id: str, code: str, kind: str, doc_id: str) -> str:
    """What a finding says instead of :func:`ict_model_note` where another finding of the same
    check says it in full: which finding."""
    return (
        f" (asked as of a service run for us: the service model of supplier {supplier_id}"
        f" is neither recorded nor inferred; the {code} finding on {kind} {doc_id} lists the"
        " models to record)"
    )


_ICT_MODELS_ADVICE = (
    "managed_service (run for us, or its people run work in our systems, a maker maintaining "
    "our equipment over remote access included), staff_augmentation "
    "(agency or placed workers under our direction), multi_tenant_saas (one platform or "
    "network serving all its customers, a clearinghouse included), iaas_paas, colocation, "
    "network_carrier (connectivity holding none of our data), data_feed or licensed_software "
    "(software we run ourselves)"
)
"""The models an ICT supplier may be, with the suppliers that are hard to place (people in our
systems, a maker servicing medical devices or other equipment over a remote connection, a
network of many customers) named where they fit: no advice names a value that does not
exist."""


REPLACEABLE = ("easily_substitutable", "medium_complexity")
"""Substitutability (B_07.01.0050) of a service that can be moved to another provider: its exit
plan and alternatives are the remedy, not someone running it for us."""


def replaceable(
    supplier: Document, names: Iterable[str] | None = None, ways: tuple[str, ...] = REPLACEABLE
) -> bool:
    """Every service concerned (those named, else all the supplier's) is recorded as easily
    substitutable or of medium complexity to substitute (or as one of ``ways``); False when any
    says otherwise or nothing. A named service the supplier does not record is unknown, so
    nothing is said of it: its siblings' substitutability does not stand in for its own."""
    wanted = set(names or ())
    chosen = _concerned(supplier, wanted)
    if wanted - keyed(value_at(s, "name") for s in chosen):
        return False
    return bool(chosen) and all(among(s.get("substitutability"), ways) for s in chosen)


def remedied(supplier: Document, names: Iterable[str], non_ict: bool = False) -> list[str]:
    """The services concerned (``names``, else all the supplier's) that step-in or escrow could
    keep running: not an IaaS or PaaS service (our own workloads), a colocation, a network
    carrier or a data feed, in which nobody steps (the same contract's landing zone does not
    make its SaaS hard to replace). ``names`` as given when every service concerned is of those
    models, or when one has no name to tell it by."""
    wanted = set(names)
    chosen = _concerned(supplier, wanted)
    if wanted - keyed(value_at(s, "name") for s in chosen):
        return list(names)  # a service the supplier does not record: nothing is said of it
    kept = [s for s in chosen if models_of(supplier, [s], non_ict) not in _NOTHING_TO_STEP_INTO]
    found = [value_at(s, "name") for s in kept]
    if not kept or not all(isinstance(n, str) for n in found):
        return list(names)
    return [str(n) for n in found]


_NOTHING_TO_STEP_INTO = frozenset(
    frozenset({model}) for model in ("iaas_paas", "colocation", "network_carrier", "data_feed")
)


SWITCHABLE = ("easily_substitutable",)
"""Substitutability of a service another provider can take over at once: switching, not
someone stepping in, keeps it running (a payroll bureau of medium complexity takes months)."""


def _inferred(service: dict[str, Any]) -> str | None:
    code = service.get("ict_service_type")
    if code == _FACILITIES:
        return COLOCATION if service.get("stores_data") is False else MANAGED
    if code in _NETWORK and service.get("stores_data") is False:
        return MANAGED if _RUN_FOR_US.search(_words_of(service)) else NETWORK
    return _BY_ICT_SERVICE_TYPE.get(code) if isinstance(code, str) else None


def _service_words(service: dict[str, Any], supplier: dict[str, Any]) -> str | None:
    """professional_service, financial_service or market_infrastructure where the service's own
    words say so (its service_type and description), else where the supplier's name and
    description do: a bank's safeguarding account is described as an account, and "Harbour
    Bank plc" says the rest. A service with an ICT service type is an ICT service whatever its
    words, and one whose own words say it is run for us ("outsourced operations") is not read
    as its supplier's trade: an insurer's captive manager is not its insurer."""
    if service.get("ict_service_type") is not None:
        return None
    own = _words_of(service)
    if _runs_for_us(own):
        return None
    return _worded(own) or _worded(supplier.get("name"), supplier.get("description"))


_RUN_FOR_US = Lazy(
    r"\b((run|operated|managed|administered|maintained)( (fully|entirely))?"
    r" (for|on behalf of) (us|our)\b|(run|operated|managed|administered) on our behalf"
    r"|managed[- ](services?|it|hosting|operations|security|detection|soc|siem|network"
    r"|desktops?|workplace|print)\b|bureau|outsourc\w*)",
    re.IGNORECASE,
)
"""Words that say the service is run for us (who operates it), not what product it is:
"managed databases" and "managed Kubernetes" are products we run our own workloads on."""

_CLOUD_WORDS: tuple[tuple[str | None, Lazy], ...] = (
    # run for us: not a platform we use ourselves, whatever it is called
    (None, _RUN_FOR_US),
    # stated as infrastructure: we run our workloads on it, dedicated hosts or private cloud
    # included, whatever products it also names ("managed databases"); also named by what it
    # provisions (NIST SP 800-145: processing, storage, networks on which we deploy and run our
    # own software): virtual servers or machines, cloud compute, hosting or infrastructure,
    # object or block storage
    (
        IAAS,
        Lazy(
            r"\b(iaas|infrastructure as a service|virtual (private )?(servers?|machines?)"
            r"|cloud (hosting|infrastructure|compute|servers?)|(object|block) storage)\b",
            re.IGNORECASE,
        ),
    ),
    # one customer's own instance, or a bare "managed" (a managed SOC offered as a service):
    # not a shared platform, whatever it is called
    (
        None,
        Lazy(r"single[- ]tenant|dedicated|private (cloud|instance)|on[- ]prem|managed", re.I),
    ),
    # platforms every customer of the supplier shares by their nature, named by what they do
    # rather than "as a service": a content delivery network or edge security service, a card
    # payment processor or gateway (the acquirer's platform, not a bank account: a bank is read
    # from _WORDS only for a supplier without ICT services), a healthcare claims or EDI
    # clearinghouse (the network its customers share; a market's clearing house, or an ACH
    # operator, is market infrastructure: _WORDS) and a communications platform as a service
    # (CPaaS: messaging APIs; an SMS gateway or aggregator sending our application-to-person
    # texts through the mobile networks), before the "platform as a service" that leaves application
    # platforms unknown
    (
        SAAS,
        Lazy(
            r"\b(content delivery networks?|cdn|ddos (protection|mitigation)"
            r"|payment (processing|processors?|gateways?)|(card )?acquiring platform"
            r"|(claims?|edi|healthcare|medical) clearinghouses?|cpaas"
            r"|communications? platform as a service"
            r"|sms (gateways?|aggregators?)|a2p (sms|messaging)"
            # hosted telephony: one cloud PBX platform serving every customer's extensions
            r"|(cloud|hosted|virtual) (pbx|telephony|phone systems?)"
            # a network or platform its participants share on one rulebook: a travel-rule
            # messaging network between crypto-asset service providers (Regulation (EU)
            # 2023/1113), or any network its words say others share
            r"|travel[- ]rule (messaging|messages|networks?|protocols?|solutions?|platforms?)"
            r"|(networks?|platforms?) shared (by|between|among)"
            r"|shared (messaging )?networks?)\b",
            re.IGNORECASE,
        ),
    ),
    # "platform as a service" also names application platforms (an IoT platform): left unknown
    (None, Lazy(r"\b(paas|platform as a service)\b", re.IGNORECASE)),
    (
        SAAS,
        Lazy(r"\b([Ss]aa[Ss]|SAAS|[A-Z]{1,5}aaS|[Ss]oftware as a service|\w+ as a service)\b"),
    ),
)
"""Words that name a cloud service model (NIST SP 800-145), read where the ICT service type does
not say it: the first pattern that matches decides, except that words naming whom the supplier
serves (:data:`_CLIENTS`: "fraud screening for payment processors") name no model of its own."""


def _cloud_words(service: dict[str, Any]) -> str | None:
    """The service model its service_type and description name (IaaS; SaaS, whose resource
    pooling NIST SP 800-145 describes as multi-tenant; a network carrier, licensed software, a
    colocation or a data feed: :data:`_PLAIN_WORDS`), unless they say it is run for us, or, for
    a SaaS, that the instance is the customer's own."""
    words = _words_of(service)
    if service.get("stores_data") is False and not _RUN_FOR_US.search(words):
        for plain, named, beside in _PLAIN_WORDS:
            if named.search(words) and not beside.search(words):
                if plain == NETWORK and not _connectivity_alone(service):
                    continue
                return plain
    for model, pattern in _CLOUD_WORDS:
        if model is None and pattern.search(words):
            return _operated_for_us(words)
        if model is not None and _named(pattern, words, _clients(words)) is not None:
            return model
    return _operated_for_us(words)


def _operated_for_us(words: str) -> str | None:
    """managed_service where the words say plainly that the supplier operates the service for
    us (:data:`_OPERATED_FOR_US`: "hosted and operated for us", "ICT operation management",
    "the vendor operates the platform") and name no shared platform beside it
    (:data:`_SHARED_PLATFORM`: a SaaS the vendor operates for all its customers); else None,
    the model unknown. Read only where no other model is read from the words: a managed
    service is asked every term an unknown model is, so the reading drops no term, only the
    note asking to record the model."""
    if _OPERATED_FOR_US.search(words) and not _SHARED_PLATFORM.search(words):
        return MANAGED
    return None


_OPERATED_FOR_US = Lazy(
    r"(?<!not )(?<!never )(?<!no longer )\b("
    r"(hosted|run|operated|managed|administered|maintained|monitored|supported)"
    r"((,| and|, and) (hosted|run|operated|managed|administered|maintained|monitored"
    r"|supported))*( (fully|entirely))? (for us|on our behalf|on behalf of us)\b"
    r"|(operated|run|managed|administered) (fully |entirely )?by the (vendor|supplier"
    r"|provider|contractor)\b"
    r"|the (vendor|supplier|provider|contractor) (operates|runs|manages|administers)\b"
    r"|(ict|it) operations? management\b(?! (software|platform|tools?|solutions?|suite|system))"
    r")",
    re.IGNORECASE,
)
"""Words saying the supplier operates the service for us: "hosted and operated for us", "run
on our behalf", "operated by the vendor", "the vendor operates the platform", "ICT operation
management" (the words of the DORA register's S14, not followed by "software" or "platform",
a product of that name). Not words saying we operate it ("operated by our own IT", "software we
host and operate ourselves"), nor saying it is not ("not operated for us")."""

_SHARED_PLATFORM = Lazy(
    r"\b(saas|iaas|paas|\w+ as a service|multi[- ]?tenant|shared (platform|infrastructure"
    r"|service)|all (of )?(its|their) customers|every customer)\b",
    re.IGNORECASE,
)
"""Words naming a platform every customer shares, beside which a vendor operating it runs
nothing for us alone: the model is read from the cloud words, else left unknown."""


_CARRIER = Lazy(
    r"\b(telecom(munication)?s? (carrier|network|connectivity|lines?|links?)"
    r"|(network|internet|telemetry|mobile|cellular|wan|iot|m2m|data|fib(re|er)|telecom\w*)"
    r" connectivity|leased lines?|dark fib(re|er)|internet (access|transit)|ip transit"
    r"|mobile (network|data)|cellular (network|data)|private apn|m2m sims?|lorawan"
    r"|nb-iot|lte-m|mpls|satellite (links?|connectivity)"
    r"|(upstream|ip|internet|global|wholesale) transit|transit and peering"
    r"|peering|(\d+ ?g(bit/s|bps)? |optical |dwdm )?wavelengths?"
    r"|(mobile|fib(re|er)|ethernet|microwave|radio|ip|cell[- ]site|site) backhaul"
    r"|backhaul (links?|circuits?|capacity|connectivity|network)"
    r"|metro ethernet|ethernet (circuits?|lines?|links?|access)"
    r"|(voice|sms|call|sip|ip|international) (interconnect(ion)?|termination)"
    r"|sip trunks?|sip trunking"
    r"|wholesale (bandwidth|capacity|ethernet)|transmission capacity|(dwdm|optical) transport)\b",
    re.IGNORECASE,
)
"""Words that name connectivity carrying our traffic (a telecom carrier, a leased line, a mobile
or LoRaWAN network), as the codes S10 and S11 do, and the wholesale services a telecom operator
buys from other carriers (IP transit, peering, wavelengths, mobile or site backhaul, Ethernet
circuits, voice or SMS interconnection and termination, SIP trunks): "transit" and "backhaul" only
with the words that make them a network's ("upstream", "IP", "internet", "transit and peering";
"mobile backhaul", "backhaul links"), never goods or data in transit, nor a haulier's backhaul."""

_NOT_CARRIER_ALONE = Lazy(
    r"\b(iaas|paas|saas|as a service|platform|managed|manages|managing|operates"
    r"|routers?|firewalls?|cpe|ddos|scrubbing|filtering|portals?|hosted|hosting|software"
    r"|management|head[- ]?ends?)\b",
    re.IGNORECASE,
)
"""Words naming a cloud service, a platform, a portal, hosting or software beside the
connectivity ("IoT platform and connectivity", "hosted telephony and leased lines", "smart meter
head-end with cellular connectivity"), saying the provider manages the network, our equipment
on it or our devices ("MPLS WAN managed by the carrier, our routers included", "mobile data and
mobile device management"), or naming a security service on it ("internet access and DDoS
protection", a shared platform read from the cloud words): not a carrier alone."""


def _connectivity_alone(service: dict[str, Any]) -> bool:
    """Its service_type and description name connectivity and nothing else delivered beside it
    (:func:`_only_connectivity`, each text on its own): "dedicated internet access", "MPLS WAN
    and internet breakout", "leased lines between our data centres", "Vodafone mobile data" (a
    carrier's name before its line), but not "Zscaler internet access" (a product named by its
    maker: a cloud security service our traffic passes through), "internet access and
    Microsoft 365" or "internet access for our offices and Microsoft 365" (a bundle with a
    SaaS), "payment terminals with mobile data connectivity" (terminals, connected) or "market
    data feed via leased line" (a feed, and how it reaches us)."""
    texts = (service.get("service_type"), service.get("description"))
    return all(_only_connectivity(text) for text in texts if isinstance(text, str))


def _only_connectivity(text: str) -> bool:
    """In each clause of ``text`` that names connectivity (:data:`_CARRIER`), every item the
    clause lists ("A and B", "A with B", "A via B", "A, B") is connectivity: an item that names
    none is read by its head (the words before a preposition: "to our control centre", "for
    the stations" say where or for whom) and must hold only the words of :data:`_LINK_WORDS`
    ("termination", "internet breakout", "diverse routing"); an item that goes on a place or a
    party of the one before ("to Vienna and Frankfurt", "between the plants and the control
    centre") names no service, unless it is a name after a common noun ("for our offices and
    Microsoft 365", "for the stations and Office 365", whatever its words) or a name and its
    version after a name ("for Vienna and Microsoft 365": :func:`_goes_on_place`). Before the
    connectivity words, an item holds only those words too, or a carrier's name before a line
    only a carrier sells ("Vodafone mobile data": :func:`_carrier_brand`): a name before
    "internet access" ("Zscaler internet access") makes it a product's. A clause naming no
    connectivity ("no readings stored by us") says something else of it and is not read."""
    for clause in _CLAUSE.compiled.split(text):
        if _CARRIER.search(clause) is None:
            continue
        parts = _ITEM.compiled.split(clause)
        place = None  # the place or party the item before ended on
        for at in range(0, len(parts), 2):
            item, joined = parts[at], (parts[at - 1] if at else "")
            tail = _TAIL.search(item)
            head = item[: tail.start()] if tail else item
            matches = list(_CARRIER.finditer(item))
            if matches and not _named_plainly(item, matches):
                return False
            listed_after = place is not None and joined.strip().lower() in _GOES_ON
            going_on = listed_after and _goes_on_place(str(place), item)
            if not matches and not going_on and not _link_words_only(head):
                return False
            if not matches and listed_after and not going_on and _title_cased(head):
                # a name listed after a place that is not another place is another service
                # beside the line ("for the stations and Office 365"), whatever its words;
                # an acronym ("and LTE backup") may still name connectivity
                return False
            place = item[tail.end() :] if tail else (item if going_on else None)
    return True


def _goes_on_place(place: str, item: str) -> bool:
    """Whether ``item``, listed after a place or party (``place``: "our offices", "Vienna"),
    reads as another of them rather than as another service: after a common noun ("for our
    offices and depots", "between the plants and the control centre") it is one too, not a
    name ("for our offices and Microsoft 365", "for the stations and Office 365": a product
    beside the line); after a name ("to Vienna and Frankfurt", "for Plant 1 and Plant 2")
    another name is, unless a number follows it where none follows the place ("for Vienna and
    Microsoft 365": a product and its version, not a town)."""
    if _starts_with_name(place):
        return not (_numbered(item) and not _numbered(place))
    return not _starts_with_name(item)


def _title_cased(words: str) -> bool:
    """A word of ``words`` is written as a name, a capital then small letters ("Office 365"),
    not as an acronym ("LTE", "MPLS")."""
    return any(
        w[0].isupper() and any(c.islower() for c in w) for w in _WORD.compiled.findall(words)
    )


def _numbered(words: str) -> bool:
    """A word of ``words`` after the first is a number ("Microsoft 365", "Plant 2")."""
    found = _WORD.compiled.findall(words)
    return any(_digits_only(w) for w in found[1:])


def _starts_with_name(words: str) -> bool:
    """The first word is written as a name: a capital letter or a digit ("Microsoft 365",
    "Vienna", "O2"), not a determiner or a common noun ("our offices", "the plants")."""
    first = _WORD.compiled.search(words)
    return first is not None and (first.group()[0].isupper() or first.group()[0].isdigit())


def _named_plainly(item: str, matches: list[re.Match[str]]) -> bool:
    """The words before each connectivity match, back to the item's start, a preposition or
    the match before, are :data:`_LINK_WORDS` (a qualifier, a number, other connectivity), or
    a carrier's name before connectivity only a carrier sells (:func:`_carrier_brand`:
    "Vodafone mobile data", "Deutsche Telekom leased lines")."""
    start = 0
    for match in matches:
        run = item[start : match.start()]
        tails = list(_TAIL.finditer(run))
        words = run[tails[-1].end() :] if tails else run
        if not _link_words_only(words) and not _carrier_brand(words, match.group()):
            return False
        start = match.end()
    return True


def _carrier_brand(words: str, connectivity: str) -> bool:
    """``words`` before ``connectivity`` are a name ("Vodafone", "Deutsche Telekom", "O2"),
    with link words beside it ("Vodafone business"), and the connectivity is of a kind only a
    carrier sells (mobile data, leased lines, MPLS, fibre): the carrier's brand. Not before
    "internet access", which security services name their products after ("Zscaler internet
    access": a cloud proxy our traffic passes through, not a line)."""
    if _SERVICE_NAMED_AFTER.search(connectivity):
        return False
    found = _WORD.compiled.findall(words)
    named = [w for w in found if w.lower() not in _LINK_WORDS and not _digits_only(w)]
    return bool(named) and all(w[0].isupper() or w[0].isdigit() for w in named)


def _digits_only(word: str) -> bool:
    return any(c.isdigit() for c in word) and not any(c.isalpha() for c in word)


_SERVICE_NAMED_AFTER = Lazy(r"\binternet access\b", re.IGNORECASE)
"""Connectivity words that products of other kinds are named after: a maker's name before them
names its product ("Zscaler Internet Access", a security service edge), not a carrier's line."""


def _link_words_only(words: str) -> bool:
    """Every word is one of :data:`_LINK_WORDS` or holds a digit ("100G", "99.9%", "5G")."""
    return all(
        any(c.isdigit() for c in word) or all(p in _LINK_WORDS for p in word.split("-") if p)
        for word in _WORD.compiled.findall(words.lower())
    )


_CLAUSE = Lazy(r"[;:]|\.(?=\s|$)|\n")
_ITEM = Lazy(
    r"(,|/|\(|\)|\s(?:and|or|&|\+|plus|with|via|over|through|including|incl\.?|as well as"
    r"|together with|bundled with|alongside)\s)",
    re.IGNORECASE,
)
"""What separates the items a clause lists: a comma, a slash, brackets, a conjunction, or a
preposition that adds a thing ("terminals with connectivity", "a feed via a leased line")."""
_GOES_ON = frozenset({",", "and", "or", "&"})
"""What joins an item going on the place or party of the item before."""
_TAIL = Lazy(
    r"\b(for|to|between|from|at|in|across|of|on|into|by|serving|carrying|connecting|linking"
    r"|within|under|per|among|inside)\b",
    re.IGNORECASE,
)
"""A preposition after which the words say where connectivity runs or for whom, not what it
is."""
_WORD = Lazy(r"[\w'%+-]+")
_LINK_TEXT = """a an the our its their all each both two three four several multiple new existing
    additional dedicated business corporate enterprise primary secondary backup back up
    redundant diverse dual resilient shared public private symmetric symmetrical asymmetric
    high speed capacity low latency fast fixed wireless wired national international domestic
    regional global local direct wholesale upstream downstream metro optical dark standby
    failover fallback main site sites office offices branch branches plant plants station
    stations store stores campus a2p p2p lte fibre fiber broadband ethernet radio satellite
    microwave mobile cellular telemetry network networks data internet ip voice sms sip apn
    wan lan sd mpls lorawan iot m2m nb telecom telecoms telecommunication telecommunications
    connectivity connection connections line lines link links uplink uplinks circuit circuits
    sim sims esim esims access transit peering termination interconnect interconnection
    interconnections backhaul bandwidth wavelength wavelengths routing route routes port ports
    cross connect connects breakout trunk trunks trunking dia carrier carriers leased dwdm
    transport exchange service services agreement provision supply sla availability uptime"""
_LINK_WORDS = frozenset(_LINK_TEXT.split())
"""Words that qualify or name connectivity (a line's kind, route, speed or place in the
network), and the words a service's record wraps any service in ("service", "agreement",
"provision"): an item of these names connectivity, one with any other word names something
else (a product, a device, a feed, software)."""


_LICENSED_WORDS = Lazy(
    r"\b(software licen[cs]es?|licen[cs]ed software|(perpetual|term|on[- ]prem(ises)?)"
    r" licen[cs]es?|on[- ]prem(ises)? software|firmware|engineering software)\b",
    re.IGNORECASE,
)
"""Words that name software we license and run ourselves, on our premises or devices (a PLC
maker's firmware, an engineering tool's licences), as the code S13 does."""

_HOSTED = Lazy(
    r"\b(iaas|paas|saas|as a service|platform|hosted|hosting|hosts|cloud|managed|manages"
    r"|operates|remote(ly)? (access|maint|support|diagnos|monitor|administ|manag|connect"
    r"|assist)\w*|vpn|dial[- ]?in|dials in)\b",
    re.IGNORECASE,
)
"""Words saying it is hosted or operated by the supplier ("hosts the DR instance"), or that the
supplier reaches our systems to support it ("remote diagnostics", "remotely supported", "over
VPN", "dial-in"): not software we only run ourselves, nor space we only rent."""

_NOT_LICENSED_ALONE = Lazy(
    r"\b(iaas|paas|saas|as a service|platform|hosted|hosting|hosts|cloud|managed|manages"
    r"|managing|(application|system|service) management|management services?"
    r"|operat(es|ed|ing|ion|ions)|administ(ers?|ered|ering|ration)"
    r"|remote(ly)? (access|maint|support|diagnos|monitor|administ|manag|connect|assist)\w*"
    r"|vpn|dial[- ]?in|dials in|over[- ]the[- ]air|in our systems)\b",
    re.IGNORECASE,
)
"""The words of :data:`_HOSTED`, and those saying the supplier runs or administers the software
for us ("application management", "operated by the vendor", "the vendor administering the
database"), updates it over the air or works in our systems: not software we only run
ourselves."""

_COLOCATION_WORDS = Lazy(
    r"\b(colocation|co-location|rack space|racks?, power|data cent(re|er) space"
    r"|racks? (with|and) (\S+ ){0,2}power|carrier[- ]neutral data cent(re|er)"
    r"|housing of (our |the )?(\w+ ){0,2}(servers?|equipment|racks?|hardware|site)"
    r"|(server|equipment|rack|hardware) housing)\b",
    re.IGNORECASE,
)
"""Words that name space, power and physical security for our own equipment, as the code S07
does of a service storing none of our data: colocation, rack space, racks with power, a
carrier-neutral data centre, the housing of our servers or of a network site ("housing" is the
trade's word for colocation in German-speaking markets)."""

_FEED_WORDS = Lazy(
    r"\b(data feeds?|(market|reference|price|pricing|weather|forecast|rates?) data"
    r"|(price|rates?|news) feeds?)\b",
    re.IGNORECASE,
)
"""Words that name data delivered to us, as the code S05 does."""

_NOT_FEED_ALONE = Lazy(
    r"\b(iaas|paas|saas|as a service|platform|portal|manag\w*|operates|hosted|hosting"
    r"|our data|software|terminals?|desktops?|installed|systems?|tools?|analytics"
    r"|validat\w*|processing|maint\w*|publi\w*)\b",
    re.IGNORECASE,
)
"""Words naming a platform, a portal, a system or tool, our own data or software installed with
us beside the feed ("market data feed with terminal software", "reference data management",
"market data analytics"), work done on data for us ("price data validation"), upkeep of
equipment ("weather data station maintenance") or data of ours published through it ("fund
price data publication to vendors"): not a feed delivered to us alone."""

_PLAIN_WORDS: tuple[tuple[str, Lazy, Lazy], ...] = (
    (NETWORK, _CARRIER, _NOT_CARRIER_ALONE),
    (LICENSED, _LICENSED_WORDS, _NOT_LICENSED_ALONE),
    (COLOCATION, _COLOCATION_WORDS, _HOSTED),
    (DATA_FEED, _FEED_WORDS, _NOT_FEED_ALONE),
)
"""The models whose DORA codes (S10 and S11, S13, S07, S05) a programme outside DORA does not
record, and the words that name each instead, read only of a service storing none of our data
(``stores_data: false``) whose words do not say it is run for us: each with the words beside
which it is not that model alone (a platform, a managed network, hosting), whose model is then
read from the cloud words, else left unknown, every term asked."""


def _words_of(service: dict[str, Any]) -> str:
    """Its service_type and description, as one text."""
    return _joined(service.get("service_type"), service.get("description"))


def _joined(*texts: object) -> str:
    """The texts among ``texts`` as one, a space between each (a value that is not text is
    left out: the schema says it)."""
    return " ".join(text for text in texts if isinstance(text, str))


def regulated_financial_firm(supplier: Document) -> bool:
    """Whether the supplier is recorded (``service_model``) or worded (its name and description,
    as :func:`_worded` reads them) as a regulated financial firm or a market infrastructure: a
    bank, a custodian, an insurer, a payment scheme. The data such a firm keeps of ours through
    the ICT component of its regulated service (account statements, an online banking portal,
    a payment file channel) is that financial service's, not an ICT service's: the Commission's
    answer to the ESAs' Q&A 2999 (DORA030) on DORA Art. 3(21)."""
    recorded = _model(supplier.data.get("service_model"))
    if recorded is not None:
        return recorded in (FINANCIAL, MARKET)
    return _worded(supplier.data.get("name"), supplier.data.get("description")) in (
        FINANCIAL,
        MARKET,
    )


_PROCESSES_PAYMENTS = Lazy(
    r"\b(payment (processing|processors?|gateways?)|(card |merchant )?acquiring"
    r"|merchant (services|acquirers?)|acquirers?|payment service providers?|psps?)\b",
    re.IGNORECASE,
)
"""Words that name the processing of our own sales' payments (a payment gateway, the acquiring of
card or other payment transactions): a platform our checkout runs on, unlike the bank account
(payouts from it included), custody or credit a bank keeps for us."""


def processes_our_payments(supplier: Document) -> bool:
    """Whether the supplier processes the payments of our own sales: its services' or, where no
    service says it, its name and description name payment processing, a payment gateway or
    acquiring (:data:`_PROCESSES_PAYMENTS`), not as whom it serves ("fraud screening
    for payment processors" is no payment processor). Dependent business-interruption cover is
    written for such a platform as for any provider our sales rest on, though a licensed payment
    institution serves us in a regulated trade of its own."""
    texts = [_words_of(s) for _, s in dicts(supplier.data.get("services"))]
    texts.append(_joined(supplier.data.get("name"), supplier.data.get("description")))
    return any(_named(_PROCESSES_PAYMENTS, words, _clients(words)) is not None for words in texts)


def _worded(*texts: object) -> str | None:
    """The model the words name as the supplier's own trade; None where they also say it runs
    something for us (:data:`_RUNS_IT_FOR_US`: an outsourcing is asked its terms whoever
    performs it). Words naming whom the supplier serves (:data:`_CLIENTS`: "management company
    for captive reinsurers", "claims administrator for insurers") name no trade of its own. An
    adviser's words win (a law firm's description names its clients: "counsel to banks");
    between a bank and a scheme, the one named first, the subject of the description: "Card
    scheme we join through our sponsor bank" is a scheme, "Sponsor bank for our card scheme
    memberships" a bank."""
    words = _joined(*texts)
    if _runs_for_us(words):
        return None
    clients = _clients(words)
    adviser, *others = _WORDS
    if _named(adviser[1], words, clients) is not None:
        return adviser[0]
    found = [(at, model) for model, p in others if (at := _named(p, words, clients)) is not None]
    return min(found)[1] if found else None


def _named(trade: Lazy, words: str, clients: list[tuple[int, int]]) -> int | None:
    """Where the words first name the trade as the supplier's, not in a span of ``clients``
    (:func:`_clients`)."""
    for match in trade.finditer(words):
        start = match.start()
        before = bisect.bisect_left(clients, (start,)) - 1
        if before < 0 or clients[before][1] < start:
            return start
    return None


def _clients(words: str) -> list[tuple[int, int]]:
    """The spans of the words that name whom the supplier serves, in order: from the word after
    "for", "to", "serving" or "on behalf of" to the word after the next four at most."""
    return [(match.end(1), match.end()) for match in _CLIENTS.finditer(words)]


_CLIENTS = Lazy(
    r"\b(for|to|serving|serves|servicing|on behalf of|für|pour|voor)\s+"
    r"((?!(at|by|from|in|into|on|through|under|via|with|which|that|who|whose|where"
    r"|(?<!such\s)(?<!well\s)as(?!\s+well\b))\b)"
    r"(?![\w'\u2019&.-]*\.\s+(?-i:[A-Z]))"
    r"[\w'\u2019&.-]+,?\s+){0,4}",
    re.IGNORECASE,
)
"""A preposition that makes the words after it whom the supplier serves, not the supplier, and
at most four words more before the one it names ("for captive reinsurers", "to banks and
insurers"). Words that go on to say what the supplier is or how it delivers end them: a
preposition that may name the supplier itself ("at Harbour Bank"), "as" stating its role or
form ("for client backups, delivered as software as a service", "to the group as its
administrator"; not "such as" or "as well as", which go on naming clients), a relative
pronoun ("for clients, which ...") and the end of a sentence ("for clients. Software as a
service."; "U.S. banks" goes on)."""

_RUNS_IT_FOR_US = Lazy(
    r"\b((run|operated|managed|administered|maintained|handled|performed)( (fully|entirely))?"
    r" (for|on behalf of) (us|our)|on our behalf|outsourced|bpo|bureaux?|tpa"
    r"|(business process )?outsourcing (providers?|partners?|services?|arrangements?|company)"
    r"|(third[- ]party )?administrators?|(runs|running) our"
    # the administration of a fund that its manager delegates (the UCITS Directive's Annex II:
    # fund accounting, valuation and pricing, the unit-holder register, issues and redemptions),
    # named by the function: a depositary bank that also keeps the funds' accounts or register
    r"|(central|fund) administration|fund accounting|transfer agen(ts?|cy)"
    r"|registrars?( and|,| &) transfer)\b"
    r"|\b(runs|running) (?-i:[A-Z])",  # running Brabantia Re: a name, not "running costs"
    re.IGNORECASE,
)
"""Words that say a supplier without ICT services runs something for us: a process outsourced
to it ("outsourced operations", business process outsourcing, a bureau, a third-party or
claims administrator, "management company running Brabantia Re", a fund's central
administration, fund accounting or transfer agency). Its trade does not take the
outsourcing's terms off: a regulated firm running our operations is asked them as any
outsourcing is. "Outsourcing" alone also names a topic (a law firm advising on outsourcing)."""


_OUTSOURCER = Lazy(
    r"(bureaux?|tpa|bpo|(third[- ]party )?administrators?|transfer agents?"
    r"|(business process )?outsourcing (providers?|partners?|services?|arrangements?|company))\Z",
    re.IGNORECASE,
)
"""The words of :data:`_RUNS_IT_FOR_US` that name an outsourcer by its trade (a bureau, an
administrator), not the arrangement (outsourced, run for us, on our behalf)."""


def _runs_for_us(words: str) -> bool:
    """The words say the supplier runs something for us (:data:`_RUNS_IT_FOR_US`). An
    outsourcer's trade named as whom the supplier serves or sends to (:data:`_CLIENTS`) is not
    the supplier's: a custodian that sends position files "to the administrator", or its reports
    "to the pension bureau" (a pension fund's own office), runs nothing for us. Words naming the
    arrangement count wherever they stand ("securities administration outsourced to it")."""
    clients = _clients(words)
    for match in _RUNS_IT_FOR_US.finditer(words):
        span = _span_of(match.start(), clients)
        if (
            not _OUTSOURCER.match(match.group())
            or span is None
            or _AS.search(words, span, match.start())  # "to the group as its administrator"
        ):
            return True
    return False


def _span_of(start: int, clients: list[tuple[int, int]]) -> int | None:
    """Where the span of ``clients`` (:func:`_clients`) that holds the word at ``start``
    begins; None where none holds it."""
    before = bisect.bisect_left(clients, (start,)) - 1
    return clients[before][0] if before >= 0 and clients[before][1] >= start else None


_AS = Lazy(r"\bas\b", re.IGNORECASE)
"""A role stated after whom the supplier serves ("services to the group as its administrator"):
the trade is the supplier's after all."""


def _model(value: object) -> str | None:
    return value if isinstance(value, str) and value in MODEL_WORDS else None


def exposure_words(exposures: frozenset[str], supplier: Document | None = None) -> str:
    """Its exposures as a procurement manager would say them: "provides ICT services, has
    access to our systems and acts in them (a person's account or privileged rights) and
    handles our confidential data"; "" when it has none. Of ``supplier``'s ICT services as
    :func:`ict_words` says them, and of its data by the class it records (restricted data is
    said so, not called confidential)."""
    access = "has access to our systems"
    if "operating_access" in exposures:
        access += " and acts in them (a person's account or privileged rights)"
    phrases = {"ict": ict_words(supplier), "access": access}
    restricted = supplier is not None and supplier.data.get("data_sensitivity") == "restricted"
    phrases["data"] = f"handles our {'restricted' if restricted else 'confidential'} data"
    return listed([words for name, words in phrases.items() if name in exposures])


def ict_words(supplier: Document | None) -> str:
    """That the supplier provides ICT services, in words that do not claim a record there is
    none of: where provides_ict_services is not recorded, it is taken to provide them from what
    the repository shows (an identity, a cloud dependency, data stored for us, an ICT contract),
    failing closed, and the words say so."""
    if supplier is not None and supplier.data.get("provides_ict_services") is not True:
        return "is taken to provide ICT services (provides_ict_services is not recorded)"
    return "provides ICT services"


def no_ict_words(supplier: Document) -> str:
    """That the supplier provides no ICT services, in words that do not claim a record there is
    none of: where provides_ict_services is not recorded and nothing in the repository shows
    ICT services, they are not shown, which is not the same as recorded as none."""
    if supplier.data.get("provides_ict_services") is not False:
        return "is not shown to provide ICT services (provides_ict_services is not recorded)"
    return "provides no ICT services"


def holds_words(held: frozenset[str]) -> str:
    """What of ours it holds, as a procurement manager would say it: "holds our data and
    credentials into our systems and runs our sign-in"; "" when it holds nothing of ours."""
    things = [words for name, words in _HELD.items() if name in held]
    phrases = [f"holds {listed(things)}"] if things else []
    if IDENTITIES in held:
        phrases.append("runs our sign-in (the identity provider of our identities or functions)")
    return listed(phrases)


_HELD = {DATA: "our data", CREDENTIALS: "credentials into our systems"}


def operating_access(facts: Facts, supplier: Document) -> bool:
    """It acts inside our systems: through an active person's account that can change things
    (any access level but read-only; a level not recorded counts) or an active privileged
    identity; when no identity of it is recorded, as its highest_access_level says (write or
    privileged). An auditor's read-only seat in our data room lets a person look, not act."""
    identities = _access_identities(facts, supplier)
    if not identities:
        return text_of(supplier.data.get("highest_access_level")) in OPERATING_LEVELS
    return any(lifecycle.identity_active(i) and _operates(i.data) for i in identities)


def on_site_only(facts: Facts, supplier: Document) -> bool:
    """Its only access to our systems is people's accounts that sign in only on our premises or
    internal network (``on_site_only: true``: a field engineer at a console in our plant, a
    placed worker at a ward terminal): every active identity of it is one. False where none is
    recorded (highest_access_level does not say from where) or any other is active: an API key,
    a remote account, a service account reach us from outside."""
    identities = _access_identities(facts, supplier)
    active = [i.data for i in identities if lifecycle.identity_active(i)]
    return bool(active) and all(
        i.get("type") == HUMAN and i.get("on_site_only") is True for i in active
    )


def _access_identities(facts: Facts, supplier: Document) -> list[Document]:
    """The supplier's identities that are its access into our systems: not our own credentials
    or accounts at the supplier (``ours_at_supplier``)."""
    if supplier.id is None:
        return []
    identities = facts.index.having("Identity", "supplier", supplier.id)
    return [i for i in identities if lifecycle.supplier_access(i)]


def _operates(identity: dict[str, Any]) -> bool:
    level = identity.get("access_level")
    if level == PRIVILEGED:
        return True
    return identity.get("type") == HUMAN and level not in LOOKING_LEVELS


def holds(
    facts: Facts, supplier: Document, exposures: frozenset[str], models: frozenset[str]
) -> frozenset[str]:
    """What of ours the supplier holds: our confidential data (or data it is not recorded not
    to hold: no data_sensitivity), unless each of its services records that it stores none, or
    it places workers with us (``models`` only staff_augmentation) and none of its services
    records that it stores some: the data its workers see in our systems stays there;
    credentials into our systems; our sign-in."""
    held = set()
    services = [s for s in _list(supplier.data.get("services")) if isinstance(s, dict)]
    stores_none = bool(services) and all(s.get("stores_data") is False for s in services)
    if models == {STAFF}:
        stores_none = not any(s.get("stores_data") is True for s in services)
    unsaid = supplier.data.get("data_sensitivity") is None
    if ("data" in exposures or unsaid) and not stores_none:
        held.add(DATA)
    if "access" in exposures:
        held.add(CREDENTIALS)
        if _shares_secrets(facts, supplier):
            held.add(SECRETS)
    if supplier.id is not None and supplier.id in facts.identity_providers():
        held.add(IDENTITIES)
    return frozenset(held)


def _shares_secrets(facts: Facts, supplier: Document) -> bool:
    """Its access rests on a secret we would rotate after its compromise: an active machine
    credential (an API key, a service account, an SFTP user, an SSH key, an OAuth client, a
    certificate) or an active person's account without MFA (its password). A person's account
    with MFA is disabled and re-enrolled, not rotated: the notice names it among the disabled
    accounts; a federated workload stores no secret. With no identity of it recorded, its access
    is taken to rest on one."""
    identities = _access_identities(facts, supplier)
    if not identities:
        return True
    return any(lifecycle.identity_active(i) and _secret(i.data) for i in identities)


def _secret(identity: dict[str, Any]) -> bool:
    """What signs the identity in is a secret to rotate: a machine credential's key or password,
    or a person's password without MFA (not a federated workload's token, which lives minutes:
    nothing is stored to rotate)."""
    kind = identity.get("type")
    if kind == HUMAN:
        return identity.get("mfa") is not True
    return kind != FEDERATED


def identity_providers(facts: Facts) -> frozenset[str]:
    """Suppliers our sign-in runs through: named as the identity provider of an Identity, or by a
    business function's depends_on.identity_providers."""
    found = {facts.graph.provider_named(name) for name in _provider_names(facts)}
    return frozenset(p[0].id for p in found if p is not None and p[0].id is not None)


def _provider_names(facts: Facts) -> Iterator[object]:
    for identity in facts.index.of_kind("Identity"):
        yield identity.data.get("identity_provider")
    for function in facts.index.of_kind("BusinessFunction"):
        yield from strings(mapping_at(function.data, "depends_on").get("identity_providers"))


def _concerned(supplier: Document, names: Iterable[str] | None) -> list[dict[str, Any]]:
    """The supplier's services named in ``names`` (all of them when none matches)."""
    services = [s for s in _list(supplier.data.get("services")) if isinstance(s, dict)]
    wanted = set(names or ())
    return [s for s in services if among(value_at(s, "name"), wanted)] or services


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
