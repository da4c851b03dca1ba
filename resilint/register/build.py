"""The register of information of one entity, built from the checked model: the index, the
domain facts (what the register holds, :mod:`resilint.domain.registers`) and the dependency
graph. Entities here; arrangements in :mod:`.arrangements`; providers, supply chains, functions
and assessments in :mod:`.providers`."""

from __future__ import annotations

from resilint.domain import Facts
from resilint.domain.readers import dicts, mapping_at, strings, text_of, value_at
from resilint.domain.regimes import register_entity_type
from resilint.domain.registers import NON_FINANCIAL, RegisterLevel, branch_of, contract_entities
from resilint.model import Document
from resilint.register import arrangements, codes, providers
from resilint.register.model import (
    OPEN_END,
    Place,
    Register,
    Row,
    places,
    reference,
)
from resilint.register.values import amount, coded, day


def build_register(facts: Facts, maintainer: Document, level: RegisterLevel = "group") -> Register:
    """The register ``maintainer`` keeps, as of the facts' date (the reference date): the
    group's it keeps, its own at entity level (of what it alone uses), or its sub-group's."""
    scope = {
        "group": facts.scope.covers,
        "entity": facts.scope.entity_level,
        "sub-consolidated": facts.scope.sub_group,
    }[level]
    covered = [facts.index.get("Entity", e) for e in scope(maintainer.id or "")]
    entities = [e for e in covered if e is not None]
    base = text_of(value_at(maintainer.data, "total_assets", "currency")) or "EUR"
    # consolidated where it covers more than one legal person: a branch is its head office's
    persons = [e for e in entities if branch_of(e)[0] is None]
    register = Register(
        maintainer,
        text_of(maintainer.data.get("lei")) or "",
        "CON" if len(persons) > 1 else "IND",
        facts.as_of,
        base,
    )
    contracts = _held(facts, {e.id for e in entities})
    _entities(register, entities)
    for contract in sorted(contracts, key=reference):
        arrangements.add_arrangement(facts, register, contract, entities)
    providers.add_providers(facts, register, contracts, entities)
    register.complete()
    return register


def _held(facts: Facts, ids: set[str | None]) -> list[Document]:
    """The contracts the register of ``ids`` holds: those in the register that one of them
    signs or uses (or that name no entity), those the intra-group arrangements among them
    rest on (``linked_arrangements``, B_02.03: an entity using its group's IT company's private
    cloud, which runs on the group's cloud contract) and the overarching arrangement a
    subsequent one is concluded under (``overarching_contract``, B_02.01.0030, key R13: a
    subsidiary's statement of work under its parent's framework), each once."""
    held = {
        id(c): c
        for c in facts.index.of_kind("Contract")
        if facts.in_register(c) and set(contract_entities(c) or ids) & ids
    }
    waiting = list(held.values())
    while waiting:
        contract = waiting.pop()
        rests_on = strings(contract.data.get("linked_arrangements"))
        overarching = text_of(contract.data.get("overarching_contract"))
        for linked_id in [*rests_on, *([overarching] if overarching else [])]:
            linked = facts.index.get("Contract", linked_id)
            if linked is not None and id(linked) not in held and facts.in_register(linked):
                held[id(linked)] = linked
                waiting.append(linked)
    return list(held.values())


# -- B_01 ---------------------------------------------------------------------------------------


def _entities(register: Register, entities: list[Document]) -> None:
    top = register.maintainer
    leis = {e.id: text_of(e.data.get("lei")) or "" for e in entities}
    register.add(
        "B_01.01",
        Row(
            {
                "c0010": leis.get(top.id, ""),
                "c0020": text_of(top.data.get("name")) or "",
                "c0030": coded(top.data.get("country"), codes.country),
                "c0040": codes.ENTITY_TYPES.get(str(register_entity_type(top.data)), ""),
                "c0050": text_of(top.data.get("competent_authority")) or "",
                "c0060": register.reference_date.isoformat(),
            },
            Place(top),
            places(
                top, c0010="lei", c0030="country", c0040="entity_type", c0050="competent_authority"
            ),
        ),
    )
    parents = {text_of(e.data.get("parent")) for e in entities if branch_of(e)[0] is None}
    listed = {
        (e.id, text_of(b.get("code"))) for e in entities for _, b in dicts(e.data.get("branches"))
    }
    for entity in entities:
        reference = register.reference_date.isoformat()
        office, code = branch_of(entity)
        if office is not None:
            # a branch is no legal person: B_01.03 under its head office, never B_01.02
            if (office, code) not in listed and office in leis:
                row = {
                    "c0010": code or "",
                    "c0020": leis[office],
                    "c0030": text_of(entity.data.get("name")) or "",
                    "c0040": coded(entity.data.get("country"), codes.country),
                }
                register.add("B_01.03", Row(row, Place(entity, ("branch_of",))))
            continue
        register.add("B_01.02", _entity_row(entity, leis, entity.id in parents, reference))
        for j, branch in dicts(entity.data.get("branches")):
            at = ("branches", j)
            row = {
                "c0010": text_of(branch.get("code")) or "",
                "c0020": leis[entity.id],
                "c0030": text_of(branch.get("name")) or "",
                "c0040": coded(branch.get("country"), codes.country),
            }
            cells = {
                "c0030": Place(entity, (*at, "name")),
                "c0040": Place(entity, (*at, "country")),
            }
            register.add("B_01.03", Row(row, Place(entity, at), cells))


def _entity_row(
    entity: Document, leis: dict[str | None, str], has_children: bool, reference: str
) -> Row:
    data, own = entity.data, leis[entity.id]
    parent = text_of(data.get("parent"))
    entry = mapping_at(data, "register_entry")
    hierarchy = text_of(data.get("group_hierarchy")) or (
        "ultimate_parent" if parent is None else "parent" if has_children else "subsidiary"
    )
    # total assets are a financial entity's (v8804_m asks them of every type but x317 and
    # x318): not filed for the group's ICT company even where recorded
    financial = register_entity_type(data) not in NON_FINANCIAL
    assets = mapping_at(data, "total_assets") if financial else {}
    values = {
        "c0010": own,
        "c0020": text_of(data.get("name")) or "",
        "c0030": coded(data.get("country"), codes.country),
        "c0040": codes.ENTITY_TYPES.get(str(register_entity_type(data)), ""),
        "c0050": codes.HIERARCHY.get(hierarchy, ""),
        # no parent in the register: the entity's own LEI (the column is always filled)
        "c0060": leis.get(parent, "") if parent in leis else own,
        "c0070": day(entry.get("last_updated")),
        "c0080": day(entry.get("integrated")),
        "c0090": _deleted(day(entry.get("deleted")), reference),
        "c0100": coded(assets.get("currency"), codes.currency) if "amount" in assets else "",
        "c0110": amount(assets.get("amount")),
    }
    where = places(entity, c0010="lei", c0030="country", c0040="entity_type", c0060="parent")
    where |= {
        "c0070": Place(entity, ("register_entry", "last_updated")),
        "c0080": Place(entity, ("register_entry", "integrated")),
        "c0100": Place(entity, ("total_assets", "currency")),
        "c0110": Place(entity, ("total_assets", "amount")),
    }
    return Row(values, Place(entity), where)


def _deleted(deleted: str, reference: str) -> str:
    """The date of deletion (B_01.02.0090); 9999-12-31 for an entity never deleted, or deleted
    only after the reference date (it was not yet on that date)."""
    return deleted if deleted and deleted <= reference else OPEN_END


__all__ = ["build_register", "reference"]
