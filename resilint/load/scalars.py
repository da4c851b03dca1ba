"""Scalars and tags that a resilint document cannot hold, each refused where it stands: numbers
that are not finite, dates that do not exist, and tags that would ask a loader to build an
object or read a file."""

from __future__ import annotations

import datetime
import math
from typing import Any

from yaml.nodes import Node, ScalarNode

from resilint.load.grouped import Grouped
from resilint.load.positions import Lines, LoadError
from resilint.patterns import kept

CORE = "tag:yaml.org,2002:"
_UNSUPPORTED = frozenset({"binary", "set", "omap", "pairs", "timestamp", "merge", "value", "yaml"})


_GROUPED = kept(r"[1-9][0-9]{0,2}\.[0-9]{3}\Z")


def finite_float(node: ScalarNode, text: str, lines: Lines) -> float:
    value = float(
        text.replace(".inf", "inf")
        .replace(".Inf", "inf")
        .replace(".INF", "inf")
        .replace(".nan", "nan")
        .replace(".NaN", "nan")
        .replace(".NAN", "nan")
    )
    if _GROUPED.match(text):
        return Grouped(value, text)
    if not math.isfinite(value):
        raise LoadError.at(
            "YML-07",
            f"'{text}' is not a finite number; resilint documents hold only finite numbers",
            node,
            lines,
        )
    return value


def check_date(node: ScalarNode, text: str, lines: Lines) -> None:
    try:
        datetime.date.fromisoformat(text)
    except ValueError as exc:
        raise LoadError.at("YML-07", f"invalid date {text}: {exc}", node, lines) from None


def bad_tag(node: Node, lines: Lines) -> LoadError:
    tag = node.tag
    short = "!!" + tag[len(CORE) :] if tag.startswith(CORE) else tag
    if tag.startswith(CORE) and tag[len(CORE) :] in _UNSUPPORTED:
        return LoadError.at(
            "YML-03",
            f"unsupported type {short}: resilint documents hold only "
            "text, numbers, true/false, lists and mappings",
            node,
            lines,
        )
    return LoadError.at(
        "YML-03",
        f"tag {short} is not allowed: resilint never runs code or "
        "reads other files named in the data",
        node,
        lines,
    )


def describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    return "a number"
