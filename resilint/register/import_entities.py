"""Imported entities (B_01.01 to B_01.03) and providers (B_05.01)."""

from __future__ import annotations

from resilint.register import codes
from resilint.register.import_values import Built, Doc, clean, country, currency, number, slug, word
from resilint.register.model import OPEN_END
from resilint.register.tables import SourceRow

Rows = dict[str, list[SourceRow]]


def entities(built: Built, by: Rows) -> dict[str, str]:
    leis: dict[str, str] = {}
    for row in by["B_01.02"]:
        v = row.values
        entity_type = word(v.get("c0040", ""), codes.ENTITY_TYPES)
        doc: Doc = {
            "apiVersion": "resilint/v1",
            "kind": "Entity",
            "id": slug(v.get("c0020") or v["c0010"]),
        }
        doc |= {
            "name": v.get("c0020"),
            "lei": v.get("c0010"),
            "country": country(v.get("c0030", "")),
        }
        doc |= {
            "entity_type": entity_type,
            "group_hierarchy": word(v.get("c0050", ""), codes.HIERARCHY),
        }
        doc["_parent"] = v.get("c0060")
        amount = number(v.get("c0110", ""))
        if amount is not None:
            doc["total_assets"] = {"amount": amount, "currency": currency(v.get("c0100", ""))}
        deleted = v.get("c0090") if v.get("c0090") != OPEN_END else None
        doc["register_entry"] = clean(
            {"integrated": v.get("c0080"), "last_updated": v.get("c0070"), "deleted": deleted}
        )
        financial = entity_type not in ("non_financial_ict_intra_group", "non_financial_other")
        doc["regimes"] = ["dora"] if financial else []
        leis[v["c0010"]] = doc["id"]
        built.entities[doc["id"]] = doc
        built.note(doc, row)
    for doc in built.entities.values():
        parent = leis.get(doc.pop("_parent") or "")
        if parent is not None and parent != doc["id"]:
            doc["parent"] = parent
    for row in by["B_01.01"]:
        found = built.entities.get(leis.get(row.values.get("c0010", ""), ""))
        if found is None:
            built.unmapped.append(
                f"{row.where}: the entity {row.values.get('c0010')} is not in B_01.02"
            )
            continue
        found["competent_authority"] = row.values.get("c0050")
        built.note(found, row)
    for row in by["B_01.03"]:
        found = built.entities.get(leis.get(row.values.get("c0020", ""), ""))
        if found is None:
            built.unmapped.append(f"{row.where}: branch of an entity that is not in B_01.02")
            continue
        v = row.values
        branch = clean(
            {"code": v.get("c0010"), "name": v.get("c0030"), "country": country(v.get("c0040", ""))}
        )
        found.setdefault("branches", []).append(branch)
        built.note(found, row)
    for doc in built.entities.values():
        _tidy(doc)
    return leis


def providers(by: Rows) -> dict[str, SourceRow]:
    return {row.values.get("c0010", ""): row for row in by["B_05.01"]}


def supplier(
    built: Built, code: str, providers: dict[str, SourceRow], leis: dict[str, str]
) -> Doc | None:
    row = providers.get(code)
    if row is None:
        return None
    v = row.values
    sid = slug(v.get("c0050") or code)
    if sid in built.suppliers:
        return built.suppliers[sid]
    doc: Doc = {"apiVersion": "resilint/v1", "kind": "Supplier", "id": sid, "name": v.get("c0050")}
    doc |= _identity(v)
    doc["hq_country"] = country(v.get("c0080", ""))
    parent = providers.get(v.get("c0110", ""))
    if parent is not None and v.get("c0110") != code:
        pv = parent.values
        doc["ultimate_parent"] = clean(
            {
                "name": pv.get("c0050"),
                **_identity(pv, person=False),
                "country": country(pv.get("c0080", "")),
            }
        )
        built.note(doc, parent)
    else:
        doc["ultimate_parent"] = {"name": v.get("c0050")}
    if code in leis:
        doc["group_entity"] = leis[code]
    doc |= {"provides_ict_services": True, "services": []}
    built.suppliers[sid] = doc
    built.note(doc, row)
    return doc


def _identity(v: dict[str, str], person: bool = True) -> Doc:
    found: Doc = {
        "provider_id": v.get("c0010"),
        "provider_id_type": word(v.get("c0020", ""), codes.ID_TYPES),
    }
    if person:
        found["person_type"] = word(v.get("c0070", ""), codes.PERSON_TYPES)
        extra = clean(
            {
                "provider_id": v.get("c0030"),
                "provider_id_type": word(v.get("c0040", ""), codes.ID_TYPES),
            }
        )
        if extra:
            found["additional_id"] = extra
        found["latin_name"] = v.get("c0060")
    return clean(found)


def _tidy(doc: Doc) -> None:
    for key in [k for k, v in doc.items() if v in (None, "", {}) and k != "regimes"]:
        del doc[key]
