"""Whether a document without an apiVersion was meant for resilint: its kind and its fields.

A kind alone says little (``kind: web`` in Helm values, ``kind: Deployment`` in Kubernetes), and
so do the words every tool uses (``name``, ``description``, ``labels``). A document counts as
meant for resilint when its kind is one of resilint's, or nearly (another case, a plural, a
letter or two off), and enough of its other keys are fields of that kind's schema: the further
the kind is from resilint's spelling, the more fields it takes. ``id`` and the fields only a
resilint kind has (``tier``, ``supplier``, ``rto_hours``) weigh twice what the common ones do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from yaml.nodes import Node, ScalarNode

from resilint.suggest import distance

_NOISE = re.compile(r"[\s_.-]+")
"""What a name may hold that makes no difference to which name it is: ``api_version``,
``business function``."""
_COMMON = frozenset({"name", "description", "owner", "labels", "notes"})
# How much evidence each way of writing the kind needs: 'exact' is resilint's spelling, 'case'
# the same letters in another case or with spaces, underscores or hyphens, 'near' a plural or a
# misspelling of a letter or two. Those two also need a field that is not a common word.
_NEEDED = {"exact": 1, "case": 2, "near": 3}


@dataclass(frozen=True)
class KindGuess:
    """The resilint kind a document seems meant to be, and how its kind was written."""

    kind: str
    written: str
    how: str
    """'exact', 'case' or 'near' (see ``_NEEDED``)."""


@cache
def kind_fields() -> dict[str, frozenset[str]]:
    """Each resilint kind with the fields its schema defines: the same schemas validation uses."""
    from resilint.resources import data_dir
    from resilint.schemas import SchemaSet

    schemas = SchemaSet(data_dir("schemas"))
    return {
        kind: frozenset(schemas.schema(kind).get("properties", {})) - {"apiVersion", "kind"}
        for kind in schemas.kinds
    }


def guess_kind(pairs: list[tuple[ScalarNode, Node]]) -> KindGuess | None:
    """The kind a mapping without an apiVersion seems meant to be, when its kind and its fields
    say so together; None for YAML of another tool."""
    kind_node = next((value for key, value in pairs if key.value.casefold() == "kind"), None)
    if not isinstance(kind_node, ScalarNode) or not isinstance(kind_node.value, str):
        return None
    written = kind_node.value.strip()
    found = _match(written)
    if found is None:
        return None
    kind, how = found
    fields = kind_fields()[kind]
    named = [key.value for key, _ in pairs if key.value in fields]
    strong = sum(name not in _COMMON for name in named)
    weight = 2 * strong + len(named) - strong
    if weight >= _NEEDED[how] and (strong or how == "exact"):
        return KindGuess(kind, written, how)
    return None


def _match(written: str) -> tuple[str, str] | None:
    """(resilint kind, how it is written) for a kind's text, or None when it is none of them."""
    kinds = kind_fields()
    if written in kinds:
        return written, "exact"
    folded = fold(written)
    if not folded or len(folded) > 40:
        return None
    for kind in kinds:
        if fold(kind) == folded:
            return kind, "case"
    singular = re.sub(r"(?<=[^aeiou])ies\Z", "y", folded)  # entities, but not series
    near = [
        (apart, kind)
        for kind in kinds
        if (apart := min(distance(singular, fold(kind)), distance(folded, fold(kind))))
        <= (2 if len(kind) >= 7 else 1)
    ]
    return (min(near)[1], "near") if near else None


def fold(text: str) -> str:
    """A name as people write it loosely: case, spaces, underscores, dots and hyphens make no
    difference."""
    return _NOISE.sub("", text).casefold()
