"""The scenario as JSON, in the documented shape of docs/impact.md (``version`` 1). Keys are
only ever added within a version; every string from the data passes through ``printable``."""

from __future__ import annotations

import dataclasses
import datetime
import json
from typing import Any

from resilint import __version__
from resilint.impact import board
from resilint.impact.model import Contact, FunctionImpact, Impact, PolicyImpact
from resilint.reporters.base import printable

VERSION = 1


def render_json(impact: Impact) -> str:
    return _dump(document(impact))


def render_board_json(impacts: list[Impact]) -> str:
    hours = impacts[0].hours if impacts else None
    as_of = impacts[0].as_of.isoformat() if impacts else None
    body = {
        "hours": hours,
        "outage_length": board.length_words(hours),
        "as_of": as_of,
        "scenarios": [_body(i) for i in impacts],
    }
    return _dump({"version": VERSION, "tool": _tool(), **body})


def document(impact: Impact) -> dict[str, Any]:
    return {"version": VERSION, "tool": _tool(), **_body(impact)}


def _tool() -> dict[str, str]:
    return {"name": "resilint", "version": __version__}


def _body(impact: Impact) -> dict[str, Any]:
    return {
        "scenario": {
            "kind": impact.target.kind,
            "target": impact.target.value,
            "hours": impact.hours,
            "as_of": impact.as_of.isoformat(),
        },
        "suppliers": [_plain(s) for s in impact.suppliers],
        "entities": list(impact.entities),
        "functions": [_function(f) for f in impact.functions],
        "notices": [_plain(n) for n in impact.notices],
        "notices_once_engaged": [_plain(n) for n in impact.once_engaged],
        "identities": [_plain(i) for i in impact.identities],
        "insurance": [_policy(p) for p in impact.insurance],
        "playbooks": [_plain(b) for b in impact.playbooks],
        "owners": [_plain(o) for o in impact.owners],
        "notes": list(impact.notes),
    }


def _function(function: FunctionImpact) -> dict[str, Any]:
    fields: dict[str, Any] = _plain(function)
    fallback = fields.pop("fallback")
    return {
        "id": fields.pop("id"),
        "rto_hours": fields.pop("rto_hours"),
        "mtpd_hours": fields.pop("mtpd_hours"),
        "breaches_rto": fields.pop("breaches_rto"),
        "breaches_mtpd": fields.pop("breaches_mtpd"),
        "mtpd_bridged": fields.pop("mtpd_bridged"),
        "fallback_owner": function.fallback_owner,
        **fields,
        "fallback": fallback,
    }


def _policy(policy: PolicyImpact) -> dict[str, Any]:
    fields: dict[str, Any] = _plain(policy)
    return fields


def _plain(value: Any) -> Any:
    """A model value as JSON data: dataclasses as objects, tuples as arrays, dates as
    YYYY-MM-DD; a contact with nothing recorded is null."""
    if isinstance(value, Contact) and value.empty:
        return None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _safe(value: Any) -> Any:
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {printable(str(k)): _safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_safe(v) for v in value]
    return value


def _dump(data: dict[str, Any]) -> str:
    # ensure_ascii keeps the output valid even for text holding lone surrogates
    return json.dumps(_safe(data), indent=2, ensure_ascii=True) + "\n"
