"""The business functions the continuity and exercise rules are about, and their plans."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from resilint.model import Document, Index
from resilint.rules.model import RuleContext

DEFAULT_CRITICALITIES = ("critical", "important")


def param_list(params: Mapping[str, Any], name: str, default: tuple[str, ...]) -> tuple[str, ...]:
    """A list parameter; a configuration that gives something else falls back to the default."""
    value = params.get(name)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    return default


def critical_functions(context: RuleContext) -> Iterator[Document]:
    """The business functions whose criticality the rule's ``criticalities`` parameter names."""
    wanted = param_list(context.params, "criticalities", DEFAULT_CRITICALITIES)
    for function in context.index.of_kind("BusinessFunction"):
        if function.data.get("criticality") in wanted and function.id is not None:
            yield function


def plans_of(index: Index, function: Document) -> list[Document]:
    return index.having("ContinuityPlan", "function", function.id) if function.id else []


def function_label(function: Document) -> str:
    """``critical function order-processing``: says why the rule cares about the function."""
    criticality = function.data.get("criticality")
    return f"{criticality} function {function.id}"
