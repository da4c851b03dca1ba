"""What a register owner changes, in words, for each problem the ESAs' checks would raise in a
built register (:mod:`.checks`): which field of which resilint document, before the technical
statement with its template columns. REG-09 to REG-12 report them; the export lists them."""

from __future__ import annotations

from collections.abc import Callable

from resilint.domain.readers import value_at
from resilint.findings import JsonPath
from resilint.register.model import Place

Remedy = Callable[[Place, str], str]
"""Words for a problem at a place; the second argument is the cell value when it has one."""

ENDED = "B_02.02.0090 once ended (EIOPA Q&A DORA 253-3393)"
"""An arrangement ended before the reference date states why (:mod:`.dates`)."""
AFTER = "the reference date"
"""A date of something done that comes after the reference date (:mod:`.dates`)."""
RANKS = "ranks of B_05.02"
"""A subcontractor's rank that does not follow the one it serves (:mod:`.chains`)."""
CURRENCY = "Implementing Regulation (EU) 2024/2956 Art. 4"
"""An amount in another currency than the register's (:mod:`.amounts`)."""
EUID_FORM = "EUID data-quality check"
"""A code typed EUID that is not in the EUID's form (:mod:`.checks`)."""
UNASSESSED = "B_05.02 and B_07.01: services supporting a critical or important function"
"""A contract said to support a critical or important function none of whose services is
recorded as supporting one (:mod:`.checks`)."""
SAME_PROVIDER = "one provider, one code"
"""An intra-group provider given another code in B_03.02 than its entity's LEI (:mod:`.checks`)."""
SAME_ENTITY = "one entity, one country"
"""An entity of the register that is also a provider, given two countries (:mod:`.checks`)."""

_LISTS = {
    "eba_GA": "a country is a two-letter ISO 3166 code (Greece GR, the United Kingdom GB)",
    "eba_CU": "a currency is a three-letter ISO 4217 code",
    "eba_TA": "a licensed activity is one of the codes docs/register.md lists",
}


def remedy(template: str, column: str, rule: str, place: Place, cell: str = "") -> str:
    """The remedy in words for a problem of ``rule`` at ``template``'s ``column`` (``cell``:
    the value written there)."""
    value = _shown(place)
    if rule == "805" and (template, column) == ("B_02.02", "c0050"):
        return _no_function(place, value)  # value: the entity, where the place names it
    if rule == "806":
        return _DUPLICATES.get(template, _duplicate)(place, value)
    if rule.startswith("807"):
        name = rule.removeprefix("807 (").removesuffix(")")
        return _KEYS.get(name, _unresolved)(place, value)
    if rule == "503":
        return _closed_list(place, value, cell)
    if rule in _CHECKS:
        return _CHECKS[rule](place, value)
    if rule == "805" and (template, column) == ("B_05.02", "c0060"):
        return _recipient(place, value)
    if rule == "ISO 17442":
        return f"correct {field(place)}: copy the LEI again from the GLEIF register"
    if rule == "existence rule" or rule.startswith(("v", "e2")):  # a column the rules want
        return f"fill in {field(place)}"
    return f"correct {field(place)}"


def field(place: Place) -> str:
    """``the field services[0].provision_countries of supplier leasedesk``."""
    if place.path in ((), ("id",)):
        return place.document.label
    return f"the field {path_text(place.path)} of {place.document.label}"


def path_text(path: JsonPath) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


def _shown(place: Place) -> str:
    value = value_at(place.document.data, *place.path) if place.path else None
    return value if isinstance(value, str) else ""


def _no_function(place: Place, entity: str) -> str:
    if place.path[:1] in (("entities",), ("using_entities",)):
        who = f"entity {entity}" if entity else "an entity"
        return (
            f"{who}, named in {field(place)}, uses the contract's ICT services but performs none "
            "of the business functions resting on it: name the entity in the entities of each "
            "function it uses them for, or, if it does not use them, leave it out of the "
            "contract's using_entities"
        )
    return (
        f"link {place.document.label} to the business functions it serves: name its supplier "
        "(depends_on.suppliers), a service it covers (depends_on.services) or an identity of "
        "its supplier (depends_on.identities) in the depends_on of each function the using "
        "entity performs, or, where the function uses it without stopping when it is down (a "
        "security monitoring provider), its supplier in the function's supported_by (or the "
        "suppliers of its continuity plan); a contract that has ended names the functions it "
        "served under functions_served"
    )


def _duplicate(place: Place, value: str) -> str:
    shown = f" ({value})" if value else ""
    return (
        f"{field(place)}{shown} gives the same register key as another document: give each "
        "contract its own arrangement_reference, each supplier its own provider_id, each "
        "entity its own lei"
    )


def _same_type(place: Place, _: str) -> str:
    return (
        f"{place.document.label} records two services of the same ict_service_type (and, in "
        "B_02.02, the same countries) under one contract, and the register keeps one row per "
        "contract, provider and service type: record them as one service, or correct the type "
        "of the one that differs"
    )


def _same_chain(place: Place, _: str) -> str:
    return (
        f"{field(place)} repeats a subcontractor already in the chain of the same contract and "
        "service type: list each subcontractor once per service (with its rank and recipient)"
    )


_DUPLICATES: dict[str, Remedy] = {
    "B_02.02": _same_type,
    "B_07.01": _same_type,
    "B_05.02": _same_chain,
}
"""Remedies for a duplicate key (806) where the key is more than one document's identifier."""


def _closed_list(place: Place, value: str, cell: str) -> str:
    shown = f"'{value}' in " if value else ""
    hint = _LISTS.get(cell.partition(":")[0], "use a member of the ESAs' list")
    return f"correct {shown}{field(place)}: {hint}"


def _unresolved(place: Place, _: str) -> str:
    return f"correct {field(place)}: it points to a row the register does not hold"


def _outside(place: Place, _: str) -> str:
    return (
        f"{place.document.label} names an entity this register does not cover (in "
        "signing_entities, using_entities or entities): name only the keeping entity and the "
        "entities below it (their parent), or record the entity's parent so the register covers it"
    )


def _group_entity(place: Place, _: str) -> str:
    return (
        f"{field(place)} names one of our entities that this register does not cover: record "
        "its parent so the register covers it, or leave group_entity out (the provider is then "
        "reported as a third-party provider)"
    )


def _arrangement(place: Place, value: str) -> str:
    shown = f" ({value})" if value else ""
    return (
        f"{field(place)}{shown} names a contract this register does not hold (ended before "
        "the reference date, covering no ICT services, or of entities outside the register): "
        "name one the register holds, or remove it"
    )


def _parent(place: Place, _: str) -> str:
    return (
        f"give the ultimate parent in {field(place)} a provider_id, provider_id_type, name and "
        "country, so that it has a row of its own in B_05.01"
    )


def _provider(place: Place, _: str) -> str:
    return (
        f"record the provider_id and provider_id_type of {place.document.label} (an LEI or "
        "EUID for a legal person), so that the provider has its row in B_05.01"
    )


_KEYS: dict[str, Remedy] = {
    "R1": _group_entity,
    "R2": _outside,
    "R4": _outside,
    **dict.fromkeys(("R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15", "R16"), _arrangement),
    "R17": _provider,
    "R18": _parent,
    **dict.fromkeys(("R19", "R20", "R21", "R22"), _provider),
}
"""Remedies by the taxonomy's foreign key (R1 to R22); any other: the field to correct."""


def _ended(place: Place, _: str) -> str:
    if place.document.data.get("auto_renew") is True:
        return (
            f"{place.document.label} renews automatically and has renewed unless notice was "
            f"given: correct its {path_text(place.path)} to the end of its current term, or, if "
            "it was ended, record why (termination_reason)"
        )
    return (
        f"record why {place.document.label} ended (termination_reason), or, if it is still in "
        f"force, correct its {path_text(place.path)} to the end of its current term"
    )


def _after(place: Place, _: str) -> str:
    return (
        f"correct {field(place)}: the register as of its reference date reports only what was "
        "done by then (record the date of the one before, or export the register of a later "
        "reference date)"
    )


def _rank(place: Place, _: str) -> str:
    return (
        f"correct {field(place)} or the recipient it serves: the supplier is rank 1, a "
        "subcontractor serving it rank 2, and each further subcontractor one more than the one "
        "it serves (its recipient)"
    )


def _recipient(place: Place, value: str) -> str:
    shown = f" ({value})" if value else ""
    return (
        f"{field(place)}{shown} names no subcontractor of {place.document.label} with a "
        "provider_id: name the id of the subcontractor it serves, or leave recipient out when "
        "it serves the supplier directly"
    )


def _currency(place: Place, value: str) -> str:
    return (
        f"record {path_text(place.path[:-1])} of {place.document.label} in the register's "
        f"currency, converted from {value or 'its currency'} as for the financial statements "
        "(resilint does not convert)"
    )


def _same_entity(place: Place, _: str) -> str:
    return (
        f"correct {field(place)}, or the country of our entity with the same LEI: the register "
        "gives one company one country"
    )


def _euid(place: Place, _: str) -> str:
    return (
        f"correct {field(place)}: an EUID is the country code, the business register's code, a "
        "dot and the registration number (DKCVR.11845118), as the European e-Justice portal's "
        "business register search shows it; or give the LEI"
    )


def _same_provider(place: Place, _: str) -> str:
    return (
        f"correct {field(place)}: the supplier is one of the register's entities; identify it "
        "by that entity's LEI (provider_id_type: LEI), as the register does in B_01.02 and B_03.03"
    )


def _unassessed(place: Place, _: str) -> str:
    supplier = place.document.data.get("supplier")
    return (
        f"{place.document.label} is said to support a critical or important function, and each "
        f"ICT service it covers is recorded as supporting none: record "
        f"supports_critical_function: true on the services of supplier {supplier} that support "
        "it (the register assesses them, B_07.01, and lists their subcontractors, B_05.02), or, "
        "if the contract supports no such function, record supports_critical_function: false "
        "on the contract"
    )


_CHECKS: dict[str, Remedy] = {
    UNASSESSED: _unassessed,
    SAME_PROVIDER: _same_provider,
    EUID_FORM: _euid,
    ENDED: _ended,
    AFTER: _after,
    RANKS: _rank,
    CURRENCY: _currency,
    SAME_ENTITY: _same_entity,
}
"""Remedies of the register's own consistency checks (:mod:`.dates`, :mod:`.chains`,
:mod:`.amounts`)."""
