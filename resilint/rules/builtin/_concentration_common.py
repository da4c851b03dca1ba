"""What the concentration checks share (see concentration.py): the dependency they report
(``Use``), safe readers of odd data, the functions counted and how messages name them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from resilint.findings import JsonPath, Related
from resilint.model import Document
from resilint.rules.model import RuleContext

DEFAULT_CRITICALITIES = ("critical", "important")


@dataclass(frozen=True)
class Use:
    """One place where a document depends on a shared thing, and how, in words."""

    document: Document
    json_path: JsonPath
    how: str
    identity: str | None = None
    """The supplier Identity this dependency goes through (CON-02), if any."""


# -- reading odd but possible data safely ---------------------------------------------------------
def text_of(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def name_key(value: Any) -> str | None:
    """A name compared case- and space-insensitively: 'ACME  Group plc' is 'acme group PLC'."""
    text = text_of(value)
    return "".join(text.split()).casefold() if text else None


def indexed(value: Any) -> list[tuple[int, Any]]:
    return list(enumerate(value)) if isinstance(value, list) else []


def mappings(value: Any) -> list[tuple[int, dict[str, Any]]]:
    return [(i, item) for i, item in indexed(value) if isinstance(item, dict)]


def mapping_at(data: dict[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name)
    return value if isinstance(value, dict) else {}


def in_order(documents: Iterable[Document]) -> list[Document]:
    return sorted(documents, key=lambda d: (d.path, d.index))


def is_tier1(supplier: Document) -> bool:
    tier = supplier.data.get("tier")  # True == 1 in Python: a boolean is not a tier
    return tier == 1 and not isinstance(tier, bool) and supplier.data.get("status") != "exited"


def criticalities(context: RuleContext) -> list[str]:
    wanted = context.params.get("criticalities", DEFAULT_CRITICALITIES)
    if not isinstance(wanted, list | tuple) or not all(isinstance(w, str) for w in wanted):
        return list(DEFAULT_CRITICALITIES)
    return list(wanted)


def critical_functions(context: RuleContext) -> list[Document]:
    wanted = criticalities(context)
    functions = context.index.of_kind("BusinessFunction")
    return [f for f in in_order(functions) if text_of(f.data.get("criticality")) in wanted]


def described(context: RuleContext) -> str:
    """How messages name the functions counted: 'critical or important'."""
    return " or ".join(criticalities(context)) or "critical"


def document_ids(uses: Iterable[Use]) -> list[str]:
    return list(dict.fromkeys(str(use.document.id) for use in uses))


def listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def related_places(
    context: RuleContext,
    uses: Iterable[Use],
    before: str = "",
    after: str = "",
    *,
    named: bool = False,
) -> tuple[Related, ...]:
    """The other places of a finding, each described as ``before + how + after`` (after the
    document's label when ``named``)."""
    return tuple(
        context.related(
            u.document,
            u.json_path,
            f"{u.document.label + ' ' if named else ''}{before}{u.how}{after}",
        )
        for u in uses
    )
