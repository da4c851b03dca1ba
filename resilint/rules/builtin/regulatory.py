"""Python checks of the regulatory profiles (rules/dora.yaml holds their documentation).

SUP-02 relates a provider's identifier to its type, person type and country as the DORA register
of information accepts them (ITS 2024/2956, B_05.01), and verifies Legal Entity Identifiers with
the ISO 17442 check digits, arithmetic the rule language does not have. SUP-09 relates each
critical service's subcontracting terms to the subcontracting chain recorded on the same supplier.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from resilint.domain.clouds import own_cloud
from resilint.domain.identifiers import lei_problem
from resilint.domain.readers import among, dicts, mapping_at, strings, text_of, value_at
from resilint.domain.registers import chain_rank, filed_subcontractor, own_parent
from resilint.domain.suppliers import dora_critical_services, group_entity, group_top
from resilint.findings import Finding, JsonPath, Part, Related, folded
from resilint.model import Document, caseless
from resilint.patterns import Lazy
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck, reading

_REGISTER = "the DORA register of information (template B_05.01)"
_BRACKETED = Lazy(r"\([^()]*\)")
_CODE_TYPES = ("LEI", "EUID", "CRN", "VAT", "PNR", "NIN")
_TYPES = "LEI, EUID, CRN, VAT, PNR or NIN"
_LEGAL = ("LEI", "EUID")
"""What identifies a legal person: an LEI, or an EUID for one established in the EU."""
_EUID_COUNTRIES = frozenset(
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK"  # noqa: SIM905
    " IS LI NO".split()
)
"""The EU, where ITS 2024/2956 accepts an EUID, and the EEA states where DORA applies through
the EEA Agreement and whose business registers also issue EUIDs."""

Gap = tuple[JsonPath, str]


def _in_scope(context: RuleContext, info: RuleInfo) -> Iterator[Document]:
    """The documents of the rule's kind that its ``applies_to`` names."""
    for document in context.index.of_kind(info.kind or "Supplier"):
        if context.facts.matches(document, info.applies_to):
            yield document


# -- SUP-02 ---------------------------------------------------------------------------------
@reading("the DORA register", after=("REG-11",))
def check_provider_identity(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """SUP-02: identifier, its type, person type, country and ultimate parent as the register
    accepts them, and valid LEIs: an LEI whose check digits REG-11 reports where the register
    holds it (the one the export enforces) is not said again."""
    said = {
        (f.path, f.doc_id, f.json_path)
        for f in (context.reported("REG-11") if context.reported is not None else ())
    }
    for supplier in _in_scope(context, info):
        checked = [
            gap for gap in _lei_gaps(supplier) if (supplier.path, supplier.id, gap[0]) not in said
        ]
        own = group_entity(context.index, supplier)
        lei = _group_lei(own)
        gaps = [
            *_own_identity(supplier, own, lei),
            *([] if _parent_from_group(context, supplier, own) else _parent_identity(supplier)),
            *checked,
        ]
        if gaps:
            related: tuple[Related, ...] = ()
            unnamed = text_of(supplier.data.get("provider_id")) is None
            if own is not None and lei is not None and unnamed and gaps[0][0] == ("provider_id",):
                shown = f"entity {own.id}, which supplier {supplier.id} is, records the LEI {lei}"
                related = (context.related(own, ("lei",), shown),)
            yield _identity_finding(context, info, supplier, gaps, related)


def _group_lei(own: Document | None) -> str | None:
    """The LEI recorded on the Entity an intra-group provider is (``group_entity``), where it
    is a valid one: the provider's own identifier in the register."""
    lei = text_of(own.data.get("lei")) if own is not None else None
    return lei if lei is not None and lei_problem(lei) is None else None


def _parent_from_group(context: RuleContext, supplier: Document, own: Document | None) -> bool:
    """Whether the register takes an intra-group provider's ultimate parent from our group: it
    records none with an identifier, and the topmost Entity above the one it is records an LEI
    (the export then files that Entity as its parent, B_05.01.0110 and 0120)."""
    if own is None or value_at(supplier.data, "ultimate_parent", "provider_id"):
        return False
    top = group_top(context.index, own)
    return top is not own and bool(text_of(top.data.get("lei")))


def _identity_finding(
    context: RuleContext,
    info: RuleInfo,
    supplier: Document,
    gaps: list[Gap],
    related: tuple[Related, ...] = (),
) -> Finding:
    """One finding for a provider's identity, at its first gap, naming each field and register
    column it lacks (as REG-05 and REG-12 fold a record's gaps); each gap a part, so that a
    waiver narrowed to one field waives that one only."""
    (where, first), rest = gaps[0], gaps[1:]
    if not rest:  # the finding as it always was: its fingerprint stays
        read = [(supplier, n) for n in _READ.get(where, ())]
        return context.finding(
            info, supplier, where, first, related, discriminator=first, judged_on=read
        )
    # the supplier and the register are named once, with the first gap
    said_again = [text.replace(_REGISTER, "the register") for _, text in rest]
    message = folded([first, *said_again], lead=f"supplier {supplier.id}")
    return context.locator.finding(
        info.code,
        info.name,
        context.level,
        message,
        supplier,
        where,
        related=related,
        discriminator="record",
        parts=tuple(Part(path, text, needs=_READ.get(path, ())) for path, text in gaps),
    )


_READ: dict[JsonPath, tuple[JsonPath, ...]] = {
    ("provider_id_type",): (("person_type",), ("hq_country",)),
}
"""The fields a gap at a field is judged on besides it: the identifier type against the
person type and the country (a country written 'France' reads as one outside the EU, a
person type 'legal' as not a legal person): while one fails the schema, the gap waits."""


def _own_identity(supplier: Document, own: Document | None, lei: str | None) -> Iterator[Gap]:
    """The provider's own identifier, type and country; for an intra-group provider with none,
    the LEI of the Entity it is (``own``, ``group_entity``), where that records a valid one."""
    data, name = supplier.data, f"supplier {supplier.id}"
    code, kind = text_of(data.get("provider_id")), text_of(data.get("provider_id_type"))
    if code is None and own is not None and lei is not None:
        message = (
            f"{name} has no provider_id: {_REGISTER} identifies each ICT provider, a company by "
            f"its LEI; it is our group entity {own.id}, whose LEI is {lei}: record provider_id: "
            f"{lei} with provider_id_type: LEI (B_05.01.0010, 0020 and 0070)"
        )
        yield ("provider_id",), message
    elif code is None:
        message = (
            f"{name} has no provider_id: {_REGISTER} identifies each ICT provider, a company by "
            "its LEI (or, established in the EU, its EUID), which also makes it a legal person; "
            "record it with provider_id_type (B_05.01.0010, 0020 and 0070)"
        )
        yield ("provider_id",), message
    elif kind is None:
        message = f"{name} gives no provider_id_type for its provider_id {code} ({_TYPES})"
        yield ("provider_id",), message
    else:
        yield from _type_gaps(supplier, kind)
    if not data.get("hq_country"):
        message = (
            f"{name} has no hq_country: {_REGISTER} needs the ISO 3166 country of its seat "
            "(B_05.01.0080)"
        )
        yield ("id",), message


def _type_gaps(supplier: Document, kind: str) -> Iterator[Gap]:
    """The identifier type against the person type and the country (ITS 2024/2956 recital 9
    and B_05.01.0020): a legal person by LEI or EUID in the EU, by LEI outside it; the other
    codes identify individuals acting in a business capacity."""
    name, at = f"supplier {supplier.id}", ("provider_id_type",)
    person = supplier.data.get("person_type")
    country = text_of(supplier.data.get("hq_country"))
    legal = (
        "the register identifies a legal person only by its LEI or (established in the EU) its "
        "EUID: record that instead"
    )
    if kind not in _CODE_TYPES:
        message = (
            f"{name} is identified by a {kind} number, which is not a code type the register "
            f"accepts ({_TYPES}; ITS 2024/2956 B_05.01.0020): record its LEI (search.gleif.org) "
            "or, for a provider established in the EU, its EUID"
        )
        yield at, message
    elif kind not in _LEGAL and person == "legal_person" and _third_country(country):
        message = (
            f"{name} is identified by its {kind}, but it is established outside the EU "
            f"({country}), and the register identifies a provider from a third country by its "
            "LEI only (ITS 2024/2956, recital 9): ask the supplier for its LEI "
            "(search.gleif.org), or to obtain one, and record it as provider_id with "
            f"provider_id_type: LEI; its {kind} can stay as additional_id (B_05.01.0030)"
        )
        yield at, message
    elif kind not in _LEGAL and person == "legal_person":
        message = (
            f"{name} is identified by its {kind}: {legal} (its {kind} can stay as "
            "additional_id, B_05.01.0030)"
        )
        yield at, message
    elif kind not in _LEGAL and person != "natural_person":
        hint = "if it is an individual acting in a business capacity, set person_type: "
        yield at, f"{name} is identified by its {kind}: {hint}natural_person; otherwise {legal}"
    elif kind == "EUID" and country is not None and country not in _EUID_COUNTRIES:
        message = (
            f"{name} is established outside the EU ({country}) and identified by an EUID: the "
            "register identifies a provider from a third country by its LEI only (ITS "
            "2024/2956, recital 9); record its LEI"
        )
        yield at, message


def _third_country(country: str | None) -> bool:
    """A provider's seat outside the EU and the EEA, where no EUID is issued."""
    return country is not None and country not in _EUID_COUNTRIES


def _parent_identity(supplier: Document) -> Iterator[Gap]:
    """The ultimate parent's identifier: the register keys it (B_05.01.0110), and a provider
    that is its own parent repeats its own code."""
    parent, who = supplier.data.get("ultimate_parent"), f"supplier {supplier.id}"
    if not value_at(parent, "name") and not value_at(parent, "provider_id"):
        message = (
            f"{who} has no ultimate_parent (name or provider_id): {_REGISTER} records the top of "
            "each provider's group, which is also how resilint finds group concentration; for a "
            "provider that is its own parent, repeat its name"
        )
        yield ("ultimate_parent",) if isinstance(parent, dict) else ("id",), message
        return
    wrong = _borrowed_code(supplier, mapping_at(supplier.data, "ultimate_parent"))
    if wrong is not None:
        yield ("ultimate_parent", "provider_id"), wrong
        return
    if own_parent(supplier.data, mapping_at(supplier.data, "ultimate_parent")):
        return
    code, kind = value_at(parent, "provider_id"), value_at(parent, "provider_id_type")
    who = f"the ultimate parent of {who}"
    if not code:
        message = (
            f"{who} has no identifier (provider_id): {_REGISTER} keys each provider's ultimate "
            "parent by its code (column 0110), the LEI of the parent undertaking; record it with "
            "provider_id_type"
        )
        yield ("ultimate_parent",), message
    elif kind not in _LEGAL:
        shown = f"a {kind} number" if kind else "no provider_id_type"
        message = (
            f"{who} is identified with {shown}: the parent undertaking is a legal person, which "
            "the register identifies by its LEI (or, established in the EU, its EUID)"
        )
        yield ("ultimate_parent", "provider_id_type") if kind else ("ultimate_parent",), message


def _borrowed_code(supplier: Document, parent: dict[str, Any]) -> str | None:
    """An ultimate parent named as another company but given the supplier's own identifier (a
    copy-paste): the register would file the supplier as its own parent (B_05.01.0110 is then
    its own code, FAQ 99) and the real parent nowhere."""
    code, own = text_of(parent.get("provider_id")), text_of(supplier.data.get("provider_id"))
    name, own_name = text_of(parent.get("name")), text_of(supplier.data.get("name"))
    if code is None or code != own or name is None or own_name is None:
        return None
    if _letters(name) == _letters(own_name):  # its own parent, spelt another way
        return None
    return (
        f"the ultimate parent of supplier {supplier.id}, {name}, carries the supplier's own "
        f"identifier ({code}, that of {own_name}): {_REGISTER} would file {own_name} as its "
        f"own parent and leave {name} out (column 0110). Record {name}'s own "
        f"{text_of(parent.get('provider_id_type')) or 'LEI'} (search.gleif.org); if {own_name} "
        f"has no parent company, write ultimate_parent: {{name: {own_name}}} instead"
    )


def _letters(name: str) -> str:
    """A company's name without case, spaces, punctuation or a part in brackets: 'Tickbridge
    Data BV' is 'Tickbridge Data B.V.', 'Lindenau GmbH (Group IT)' is 'Lindenau GmbH' (a
    parent reported as another company must not be a spelling or a department)."""
    return "".join(c for c in caseless(_BRACKETED.sub("", name)) if c.isalnum())


def _lei_gaps(supplier: Document) -> Iterator[Gap]:
    """Every identifier typed LEI on the supplier, its parent and its subcontractors."""
    own = f"supplier {supplier.id}"
    holders: list[tuple[JsonPath, Any, str]] = [((), supplier.data, own)]
    parent = supplier.data.get("ultimate_parent")
    if not own_parent(supplier.data, mapping_at(supplier.data, "ultimate_parent")):
        # a provider that is its own parent repeats its own LEI there: judged once, as its own
        holders.append((("ultimate_parent",), parent, f"the ultimate parent of {own}"))
    for i, sub in dicts(supplier.data.get("subcontractors")):
        holders.append((("subcontractors", i), sub, f"subcontractor {sub.get('id')} of {own}"))
    for where, holder, who in holders:
        value = value_at(holder, "provider_id")
        if value_at(holder, "provider_id_type") != "LEI" or not isinstance(value, str):
            continue
        problem = lei_problem(value)
        if problem is not None:
            fix = "copy it from the GLEIF register (search.gleif.org)"
            yield (
                (*where, "provider_id"),
                f"the LEI {value} of {who} is not valid: {problem}; {fix}",
            )


# -- SUP-09 ---------------------------------------------------------------------------------
def check_subcontracting(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """SUP-09: critical services say whether and on what terms they may be subcontracted, and
    the chain behind them is listed."""
    for supplier in _in_scope(context, info):
        facts = context.facts.supplier(supplier)
        # not a service only contracts not for ICT services cover (a regulated administration
        # beside the same supplier's ICT portal), as SUP-06 to SUP-08 read it
        services = [
            (j, s)
            for j, s in dora_critical_services(context.facts, supplier)
            if not among(s.get("name"), facts.non_ict_services)
        ]
        for j, service in services:
            for where, message in _service_gaps(supplier, j, service):
                yield context.finding(info, supplier, where, message)
        if any(value_at(s, "subcontracting", "allowed") is True for _, s in services):
            yield from _chain_problems(context, info, supplier, facts.non_ict_services)


def _service_gaps(supplier: Document, j: int, service: dict[str, Any]) -> Iterator[Gap]:
    name = f"service {service.get('name')} of supplier {supplier.id}"
    terms = service.get("subcontracting")
    allowed = value_at(terms, "allowed")
    if not isinstance(allowed, bool):
        where: JsonPath = (
            ("services", j, "subcontracting") if isinstance(terms, dict) else ("services", j)
        )
        message = (
            f"{name} supports a critical or important function but the record does not say "
            "whether it may be subcontracted (subcontracting.allowed); DORA Art. 30(2)(a) asks "
            "the contract to say so"
        )
        yield where, message
    elif allowed and not value_at(terms, "conditions"):
        message = (
            f"{name} supports a critical or important function and may be subcontracted, but the "
            "conditions are not recorded (subcontracting.conditions): prior notice, our right to "
            "object, flow-down of security terms (Delegated Regulation (EU) 2025/532)"
        )
        yield ("services", j, "subcontracting"), message
    elif not allowed:
        yield from _forbidden_but_subcontracted(supplier, name, service)


def _forbidden_but_subcontracted(
    supplier: Document, name: str, service: dict[str, Any]
) -> Iterator[Gap]:
    for k, sub in dicts(supplier.data.get("subcontractors")):
        # allowed covers the parts that support critical functions (see the schema)
        critical_part = sub.get("supports_critical_function") is not False
        if critical_part and service.get("name") in strings(sub.get("services")):
            message = (
                f"{name} may not be subcontracted, yet subcontractor {sub.get('id')} is recorded "
                "as delivering a part of it that supports a critical function: correct the record "
                "(supports_critical_function: false if it does not) or raise the breach with the "
                "supplier"
            )
            yield ("subcontractors", k), message


_CHAIN_FIELDS = ("name", "rank", "country", "services", "supports_critical_function")


def _chain_problems(
    context: RuleContext, info: RuleInfo, supplier: Document, non_ict: frozenset[str]
) -> Iterator[Finding]:
    subs = dicts(supplier.data.get("subcontractors"))
    shared = supplier.data.get("shared_dependencies")
    clouds = [
        c
        for _, c in dicts(value_at(shared, "cloud"))
        if not own_cloud(supplier.data, c.get("provider"))
    ]  # a provider's own regions (AWS on AWS, Microsoft 365 on Azure) are no subcontracting
    hints = [*strings(value_at(shared, "subprocessors")), *clouds]
    if not subs and hints:
        message = (
            f"supplier {supplier.id} may subcontract a service that supports a critical or "
            "important function and relies on subprocessors or cloud providers, but lists no "
            "subcontracting chain (subcontractors:): record each subcontractor with its rank, "
            "country and the services it supports, as the DORA register (B_05.02) asks"
        )
        yield context.finding(info, supplier, ("shared_dependencies",), message)
    related = (context.related(supplier, ("services",), "services that may be subcontracted"),)
    for k, sub in subs:
        served = strings(sub.get("services"))
        if served and all(name in non_ict for name in served):
            continue  # it serves only services no contract for ICT services covers
        if sub.get("supports_critical_function") is False:
            continue  # no link of the chain behind a critical or important function
        # a subcontractor naming its Supplier document takes its name and country from there
        filed, _ = filed_subcontractor(context.index, sub)
        # a rank left out is 2 where the entry serves the supplier itself (no recipient)
        missing = [
            f
            for f in _CHAIN_FIELDS
            if (chain_rank(filed) is None if f == "rank" else filed.get(f) in (None, "", []))
        ]
        if missing:
            message = (
                f"subcontractor {sub.get('id')} in the chain of supplier {supplier.id} lacks "
                f"{', '.join(missing)}: the DORA register (B_05.02) records these for each "
                "link of the chain behind a critical or important function"
            )
            yield context.finding(info, supplier, ("subcontractors", k), message, related)


CHECKS: dict[str, PythonCheck] = {
    "provider-identity": check_provider_identity,
    "critical-subcontracting": check_subcontracting,
}
