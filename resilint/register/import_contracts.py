"""Imported arrangements (B_02 to B_04, B_05.02), functions (B_06.01) and assessments (B_07.01)."""

from __future__ import annotations

from typing import Any

from resilint.patterns import kept
from resilint.register import codes
from resilint.register.import_entities import Providers, distinct, supplier
from resilint.register.import_values import (
    Built,
    Doc,
    clean,
    country,
    currency,
    member,
    number,
    objective,
    service_of,
    unique_ids,
    word,
    yes,
)
from resilint.register.model import OPEN_END
from resilint.register.tables import SourceRow

Rows = dict[str, list[SourceRow]]
_ID = kept(r"[a-z0-9][a-z0-9._-]{0,127}")
_PLACEHOLDER = "(to record: the register says an exit plan exists)"


def functions(built: Built, by: Rows, leis: dict[str, str]) -> None:
    """B_06.01: a function once per identifier, however many entities perform it; an identifier
    that is not a resilint id is lower-cased into one, two that become one told apart."""
    named = dict.fromkeys(row.values.get("c0010", "") for row in by["B_06.01"])
    as_is = {f: f for f in named if _ID.fullmatch(f)}
    others = [(f, f, f) for f in named if f not in as_is]
    built.function_ids = as_is | _apart(unique_ids(others, "function"), set(as_is.values()))
    for row in by["B_06.01"]:
        v = row.values
        fid = built.function_ids[v.get("c0010", "")]
        doc = built.functions.setdefault(
            fid,
            {"apiVersion": "resilint/v1", "kind": "BusinessFunction", "id": fid, "entities": []},
        )
        entity = leis.get(v.get("c0040", ""))
        if entity and entity not in doc["entities"]:
            doc["entities"].append(entity)
        assessed = word(v.get("c0050", ""), codes.YES_NO_NOT_ASSESSED)
        criticality = {"yes": "critical", "no": "standard"}.get(str(assessed))
        doc |= clean(
            {
                "name": v.get("c0030"),
                "criticality": criticality,
                "criticality_reasons": v.get("c0060"),
                "licensed_activity": member(v.get("c0020", "")),
                "discontinuation_impact": word(v.get("c0100", ""), codes.IMPACT),
                "last_criticality_assessment": v.get("c0070"),
                "rto_hours": objective(v.get("c0080", "")),
                "rpo_hours": objective(v.get("c0090", "")),
            }
        )
        built.note(doc, row)


def _apart(ids: dict[str, str], taken: set[str]) -> dict[str, str]:
    """``ids`` with any that an identifier kept as it is already holds numbered apart."""
    found: dict[str, str] = {}
    for key, value in ids.items():
        number, chosen = 2, value
        while chosen in taken:
            chosen, number = f"{value[:120]}-{number}", number + 1
        taken.add(chosen)
        found[key] = chosen
    return found


def contracts(built: Built, by: Rows, leis: dict[str, str], providers: Providers) -> None:
    refs: dict[str, Doc] = {}
    rows = distinct(by["B_02.01"], "c0010", "the arrangement")
    ids = unique_ids([(r.values["c0010"],) * 3 for r in rows if "c0010" in r.values], "contract")
    for row in rows:
        v = row.values
        if "c0010" not in v:
            built.unmapped.append(f"{row.where}: an arrangement without a reference number")
            continue
        doc: Doc = {"apiVersion": "resilint/v1", "kind": "Contract", "id": ids[v["c0010"]]}
        doc |= {"arrangement_reference": v["c0010"]}
        doc |= clean({"arrangement_type": word(v.get("c0020", ""), codes.ARRANGEMENT_TYPES)})
        doc["_overarching"] = v.get("c0030")
        cost = clean(
            {"amount": number(v.get("c0050", "")), "currency": currency(v.get("c0040", ""))}
        )
        if cost:
            doc["annual_cost"] = cost
        refs[v["c0010"]] = doc
        built.note(doc, row)
    critical = {r.values.get("c0010") for r in (*by["B_07.01"], *by["B_05.02"])}
    for ref, doc in refs.items():
        over = refs.get(doc.pop("_overarching") or "")
        if over is not None:
            doc["overarching_contract"] = over["id"]
        doc |= {"entities": [], "signing_entities": [], "using_entities": []}
        doc |= {"covers_ict_services": True, "supports_critical_function": ref in critical}
        doc |= {"status": "active", "services": []}
    _parties(built, by, refs, leis, providers)
    for row in by["B_02.02"]:
        _specific(built, row, refs, leis, providers)
    _chains(built, by, refs, providers, leis)
    for doc in refs.values():
        if "supplier" not in doc:
            built.unmapped.append(
                f"{', '.join(built.sources[id(doc)])}: no provider signs it (B_03.02)"
            )
            continue
        doc["entities"] = list(dict.fromkeys([*doc["signing_entities"], *doc["using_entities"]]))
        # used by branches alone (B_04.01 x838 rows, no x839): said as an empty using_entities,
        # which would otherwise default to the signing entity in entities
        alone = bool(doc.get("using_branches")) and not doc["using_entities"]
        for key in [k for k in ("signing_entities", "using_entities", "services") if not doc[k]]:
            if not (alone and key == "using_entities"):
                del doc[key]
        built.contracts[doc["id"]] = doc


def _parties(
    built: Built,
    by: Rows,
    refs: dict[str, Doc],
    leis: dict[str, str],
    providers: Providers,
) -> None:
    for template, field in (("B_03.01", "signing_entities"), ("B_04.01", "using_entities")):
        for row in by[template]:
            doc, entity = (
                refs.get(row.values.get("c0010", "")),
                leis.get(row.values.get("c0020", "")),
            )
            if doc is None or entity is None:
                built.unmapped.append(f"{row.where}: unknown arrangement or entity")
                continue
            if template == "B_04.01" and row.values.get("c0030") in (codes.NATURE[True], "branch"):
                branch = {"entity": entity, "branch": row.values.get("c0040")}
                doc.setdefault("using_branches", []).append(branch)
            elif entity not in doc[field]:
                doc[field].append(entity)
            built.note(doc, row)
    for row in by["B_03.02"]:
        doc = refs.get(row.values.get("c0010", ""))
        v = row.values
        found = supplier(built, v.get("c0020", ""), v.get("c0030", ""), row.where, providers, leis)
        if doc is None or found is None:
            built.unmapped.append(f"{row.where}: unknown arrangement or provider")
            continue
        if doc.setdefault("supplier", found["id"]) != found["id"]:  # a contract has one
            built.unmapped.append(
                f"{row.where}: a second provider signing the arrangement, {v.get('c0020')}: "
                "a contract has one supplier"
            )
            continue
        built.note(doc, row)
    for row in by["B_02.03"]:
        doc, linked = refs.get(row.values.get("c0010", "")), refs.get(row.values.get("c0020", ""))
        if doc is None or linked is None:
            built.unmapped.append(f"{row.where}: unknown arrangement")
            continue
        doc.setdefault("linked_arrangements", []).append(linked["id"])
        built.note(doc, row)


def _specific(
    built: Built,
    row: SourceRow,
    refs: dict[str, Doc],
    leis: dict[str, str],
    providers: Providers,
) -> None:
    v = row.values
    doc = refs.get(v.get("c0010", ""))
    found = supplier(built, v.get("c0030", ""), v.get("c0040", ""), row.where, providers, leis)
    kind = member(v.get("c0060", ""))
    if doc is None or found is None or kind not in codes.SERVICE_TYPES:
        built.unmapped.append(f"{row.where}: unknown arrangement, provider or service type")
        return
    if doc.setdefault("supplier", found["id"]) != found["id"]:
        # an arrangement signed by one provider (B_03.02) is not another's: never attached
        built.unmapped.append(
            f"{row.where}: provider {v.get('c0030')} is not the one that signs the arrangement "
            "(B_03.02)"
        )
        return
    entity = leis.get(v.get("c0020", ""))
    if entity and entity not in doc["using_entities"] and not doc.get("using_branches"):
        doc["using_entities"].append(entity)
    service = service_of(found, kind)
    if service["name"] not in doc["services"]:
        doc["services"].append(service["name"])
    _add(service, "provision_countries", country(v.get("c0130", "")))
    stores = yes(v.get("c0140", ""))
    if stores is not None:
        service["stores_data"] = stores
    _add(service, "data_storage_countries", country(v.get("c0150", "")))
    _add(service, "data_processing_countries", country(v.get("c0160", "")))
    service |= clean(
        {
            "stored_data_sensitiveness": word(v.get("c0170", ""), codes.SENSITIVENESS),
            "level_of_reliance": word(v.get("c0180", ""), codes.RELIANCE),
        }
    )
    end = v.get("c0080") if v.get("c0080") != OPEN_END else None
    reason = word(v.get("c0090", ""), codes.TERMINATION_REASONS)
    doc |= clean(
        {
            "start_date": v.get("c0070"),
            "end_date": end,
            "termination_reason": reason,
            "our_notice_period_days": number(v.get("c0100", "")),
            "supplier_notice_period_days": number(v.get("c0110", "")),
            "governing_law_country": country(v.get("c0120", "")),
        }
    )
    if reason:
        doc["status"] = "ended"
    _depends(built, row, v.get("c0050", ""), entity, found["id"], service["name"])
    built.note(doc, row)
    built.note(found, row)


def _depends(
    built: Built, row: SourceRow, function_id: str, entity: str | None, sid: str, service: str
) -> None:
    function = built.functions.get(built.function_ids.get(function_id, ""))
    if function is None:
        built.unmapped.append(f"{row.where}: function {function_id} is not in B_06.01")
        return
    services = function.setdefault("depends_on", {}).setdefault("services", [])
    if {"supplier": sid, "service": service} not in services:
        services.append({"supplier": sid, "service": service})
    if entity and entity not in function["entities"]:
        function["entities"].append(entity)


def _chains(
    built: Built,
    by: Rows,
    refs: dict[str, Doc],
    providers: Providers,
    leis: dict[str, str],
) -> None:
    for row in by["B_05.02"]:
        v = row.values
        doc = refs.get(v.get("c0010", ""))
        if doc is None or v.get("c0050") == "1":
            continue
        direct = built.suppliers.get(doc.get("supplier", ""))
        sub = providers.find(v.get("c0030", ""), v.get("c0040", ""), row.where)
        if direct is None or sub is None:
            built.unmapped.append(f"{row.where}: unknown arrangement or subcontractor")
            continue
        kind = member(v.get("c0020", ""))
        service = service_of(direct, kind)["name"]
        entry = _subcontractor(direct, sub, providers, v, row.where)
        entry.setdefault("services", [])
        if service not in entry["services"]:
            entry["services"].append(service)
        built.note(direct, row)


def _subcontractor(
    direct: Doc, sub: tuple[str, SourceRow], providers: Providers, v: dict[str, str], where: str
) -> Doc:
    sid, row = sub
    s = row.values
    for entry in direct.setdefault("subcontractors", []):
        if entry["id"] == sid:
            found: Doc = entry
            return found
    recipient = providers.find(v.get("c0060", ""), v.get("c0070", ""), where)
    to = recipient[0] if recipient and v.get("c0060") != direct.get("provider_id") else None
    up = providers.find(s.get("c0110", ""), s.get("c0120", ""), row.where)
    parent = up[1] if up is not None else None
    entry = clean(
        {
            "id": sid,
            "name": s.get("c0050"),
            "latin_name": s.get("c0060"),
            "provider_id": s.get("c0010"),
            "provider_id_type": word(s.get("c0020", ""), codes.ID_TYPES),
            "person_type": word(s.get("c0070", ""), codes.PERSON_TYPES),
            "rank": number(v.get("c0050", "")),
            "recipient": to,
            "country": country(s.get("c0080", "")),
            "supports_critical_function": True,
        }
    )
    if parent is not None and s.get("c0110") != s.get("c0010"):
        pv = parent.values
        entry["ultimate_parent"] = clean(
            {
                "name": pv.get("c0050"),
                "latin_name": pv.get("c0060"),
                "provider_id": pv.get("c0010"),
                "provider_id_type": word(pv.get("c0020", ""), codes.ID_TYPES),
                "country": country(pv.get("c0080", "")),
            }
        )
    direct["subcontractors"].append(entry)
    return entry


def assessments(built: Built, by: Rows) -> None:
    refs = {c.get("arrangement_reference"): c for c in built.contracts.values()}
    for row in by["B_07.01"]:
        v = row.values
        doc = refs.get(v.get("c0010", ""))
        direct = built.suppliers.get(doc["supplier"]) if doc else None
        kind = member(v.get("c0040", ""))
        if direct is None or kind not in codes.SERVICE_TYPES:
            built.unmapped.append(f"{row.where}: unknown arrangement or service type")
            continue
        service = service_of(direct, kind)
        service |= clean(
            {
                "substitutability": word(v.get("c0050", ""), codes.SUBSTITUTABILITY),
                "non_substitutability_reason": word(
                    v.get("c0060", ""), codes.NOT_SUBSTITUTABLE_REASONS
                ),
                "last_audit": v.get("c0070"),
                "reintegration": word(v.get("c0090", ""), codes.REINTEGRATION),
                "discontinuation_impact": word(v.get("c0100", ""), codes.IMPACT),
                "alternatives_identified": word(v.get("c0110", ""), codes.YES_NO_NOT_ASSESSED),
            }
        )
        if yes(v.get("c0080", "")):
            service["exit_plan"] = {"reference": _PLACEHOLDER}
        if v.get("c0120"):
            built.noted.append(
                f"{row.where}: the alternative provider {v['c0120']} (0120) is kept as a note"
            )
            said = f"alternative provider identified: {v['c0120']}"
            notes = [n for n in str(direct.get("notes", "")).split("; ") if n]
            direct["notes"] = "; ".join(notes if said in notes else [*notes, said])
        built.note(direct, row)


def _add(service: Doc, field: str, value: Any) -> None:
    if value is not None and value not in service.get(field, []):
        service.setdefault(field, []).append(value)
