"""Imported entities (B_01.01 to B_01.03) and providers (B_05.01). Each is keyed by its code in
the register (an entity by its LEI, a provider by its identification code and the code's type),
never by its name: two whose names read alike stay two documents (:func:`unique_ids`), and a
row that could be either of two is refused, naming the rows."""

from __future__ import annotations

from dataclasses import dataclass

from resilint.errors import UsageError
from resilint.register import codes
from resilint.register.import_values import (
    Built,
    Doc,
    clean,
    country,
    currency,
    number,
    unique_ids,
    word,
)
from resilint.register.model import OPEN_END
from resilint.register.tables import SourceRow

Rows = dict[str, list[SourceRow]]
ProviderKey = tuple[str, str]
"""A provider's identification code and its type (B_05.01.0010 and 0020), as a cell holds it."""


def distinct(rows: list[SourceRow], key: str, what: str) -> list[SourceRow]:
    """The rows of one template, once per value of the ``key`` column; two rows with one key
    that say different things are refused, naming both (which to keep is not ours to guess)."""
    first: dict[str, SourceRow] = {}
    for row in rows:
        code = row.values.get(key, "")
        kept = first.setdefault(code, row)
        if kept is not row and kept.values != row.values:
            raise UsageError(
                f"{kept.where} and {row.where} both give {what} {code or '(empty)'} and differ; "
                "nothing was written (keep one row per code in the register)"
            )
    return list(first.values())


def entities(built: Built, by: Rows) -> dict[str, str]:
    leis: dict[str, str] = {}
    rows = distinct(by["B_01.02"], "c0010", "the entity")
    named = [(r.values.get("c0010", ""), r.values.get("c0020", "")) for r in rows]
    ids = unique_ids([(lei, name, lei) for lei, name in named], "entity")
    for row in rows:
        v = row.values
        entity_type = word(v.get("c0040", ""), codes.ENTITY_TYPES)
        doc: Doc = {"apiVersion": "resilint/v1", "kind": "Entity", "id": ids[v.get("c0010", "")]}
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
        leis[v.get("c0010", "")] = doc["id"]
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


@dataclass(frozen=True)
class Providers:
    """The rows of B_05.01 by provider (code and type), with the id each provider's document or
    subcontractor entry takes."""

    rows: dict[ProviderKey, SourceRow]
    ids: dict[ProviderKey, str]

    def find(self, code: str, kind: str, where: str) -> tuple[str, SourceRow] | None:
        """The id and row of the provider a row names by ``code`` and its type ``kind`` (at
        ``where``): the row with both; else the only row with that code. A code that two rows
        of B_05.01 give, with types that do not tell them apart, is refused."""
        if not code:  # a blank cell names no provider: never one whose own code is blank
            return None
        same = [k for k in self.rows if k[0] == code]
        exact = [k for k in same if _kind(k[1]) == _kind(kind)] or (same if len(same) == 1 else [])
        if not exact and len(same) > 1:
            rows = " and ".join(self.rows[k].where for k in same)
            raise UsageError(
                f"{where} names the provider {code}, which {rows} both give with other code "
                "types; nothing was written (give the type of code the provider is listed with)"
            )
        return (self.ids[exact[0]], self.rows[exact[0]]) if exact else None


def _kind(value: str) -> str:
    """A code's type as a word (LEI), however the cell writes it (eba_qCO:qx2000, LEI)."""
    return str(word(value, codes.ID_TYPES) or value)


def providers(by: Rows, unmapped: list[str] | None = None) -> Providers:
    """The providers of B_05.01 by code and type. A row without an identification code is no
    provider another row can name (they name providers by code): it is listed in ``unmapped``,
    never keyed with other such rows nor found by a blank cell elsewhere (a blank ultimate
    parent, subcontractor or recipient)."""
    rows: dict[ProviderKey, SourceRow] = {}
    for row in by["B_05.01"]:
        if not row.values.get("c0010", ""):
            if unmapped is not None:
                name = row.values.get("c0050", "") or "(no name)"
                unmapped.append(
                    f"{row.where}: provider {name} has no identification code (B_05.01.0010), "
                    "so no other row can name it; not imported"
                )
            continue
        key = (row.values.get("c0010", ""), _kind(row.values.get("c0020", "")))
        kept = rows.setdefault(key, row)
        if kept is not row and kept.values != row.values:
            raise UsageError(
                f"{kept.where} and {row.where} both give the provider {key[0]} ({key[1]}) and "
                "differ; nothing was written (keep one row per provider in B_05.01)"
            )
    named = [(key, row.values.get("c0050", ""), key[0]) for key, row in rows.items()]
    return Providers(rows, unique_ids(named, "provider"))


def supplier(
    built: Built, code: str, kind: str, where: str, providers: Providers, leis: dict[str, str]
) -> Doc | None:
    found = providers.find(code, kind, where)
    if found is None:
        return None
    sid, row = found
    if sid in built.suppliers:  # the same provider: its id is its own (Providers.ids)
        return built.suppliers[sid]
    v = row.values
    doc: Doc = {"apiVersion": "resilint/v1", "kind": "Supplier", "id": sid, "name": v.get("c0050")}
    doc |= _identity(v)
    doc["hq_country"] = country(v.get("c0080", ""))
    up = providers.find(v.get("c0110", ""), v.get("c0120", ""), row.where)
    parent = up[1] if up is not None else None
    if parent is not None and parent is not row:
        pv = parent.values
        doc["ultimate_parent"] = clean(
            {
                "name": pv.get("c0050"),
                "latin_name": pv.get("c0060"),
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
