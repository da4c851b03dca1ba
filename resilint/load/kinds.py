"""Whether a document without resilint's apiVersion looks like a resilint document: the one
answer every near-miss check (:mod:`.nearmiss`) asks for.

A kind alone says little (``kind: web`` in Helm values, ``kind: contact`` in a paging tool's
roster), and so do the words every tool uses (``name``, ``status``, ``type``). A document looks
like resilint's when it has an ``id``, as every resilint document does, and a ``kind`` that is
one of resilint's: as resilint spells it, in another case or with spaces (``business
function``), in the plural (``Suppliers``) or misspelt by a letter or two (``Contrcat``). A
plural needs one field that tells of that kind, a misspelling two: a field tells of a kind when
at most two kinds' schemas have it (``tier``, ``lei``, ``expires``), and twice as much when its
name is compound (``rto_hours``, ``end_date``), which no other tool's words are likely to be.
Fields that more kinds have (``name``, ``status``, ``supplier``) tell nothing. The evidence is
derived from the same schemas validation uses, so a new kind or field counts at once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from yaml.nodes import Node, ScalarNode

from resilint.patterns import kept
from resilint.suggest import distance

_NOISE = kept(r"[\s_.-]+")
"""What a name may hold that makes no difference to which name it is: ``api_version``,
``business function``."""
_NEEDED = {"exact": 0, "case": 0, "plural": 1, "near": 2}
"""The weight of telling fields each way of writing the kind needs, besides the id: 'exact' is
resilint's spelling, 'case' the same letters in another case or with spaces, underscores or
hyphens, 'plural' the kind's plural, 'near' a misspelling of a letter or two."""
_SURE = 3
"""The weight of telling fields an exactly spelt kind needs before ``resilint fix`` may add the
apiVersion without a person looking: a compound field and another, or three others."""


_UNNAMED = 6
"""The weight of telling fields a document with an id but neither a kind nor an apiVersion
needs before it is taken for a resilint document: three compound fields of one kind (a
supplier's ``provider_id_type``, ``level_of_reliance``, ``highest_access_level``), with those
of any other kind weighing at most half as much. A copy of a document whose first lines were
lost then says so, while another tool's YAML, which has no such fields, is left alone."""


@dataclass(frozen=True)
class KindGuess:
    """The resilint kind a document seems meant to be, how its kind was written, and whether
    the evidence is strong enough to declare it resilint's without asking."""

    kind: str
    written: str
    how: str
    """'exact', 'case', 'plural' or 'near' (see ``_NEEDED``), or 'unnamed' where the document
    has no kind at all (see ``_UNNAMED``)."""
    sure: bool


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


@cache
def telling_fields() -> dict[str, dict[str, int]]:
    """Each kind's fields that tell of it, with their weight: 1 for a field at most two kinds
    have, 2 when its name is also compound."""
    having = Counter(field for fields in kind_fields().values() for field in fields)
    return {
        kind: {field: 2 if "_" in field else 1 for field in fields if having[field] <= 2}
        for kind, fields in kind_fields().items()
    }


def guess_kind(pairs: list[tuple[ScalarNode, Node]]) -> KindGuess | None:
    """The kind a mapping that does not declare resilint's apiVersion seems meant to be, when
    its id, its kind and its fields say so together; None for YAML of another tool."""
    keys = {key.value.casefold(): value for key, value in pairs}
    kind_node = keys.get("kind")
    if "id" not in keys or not isinstance(kind_node, ScalarNode):
        return None
    if not isinstance(kind_node.value, str):
        return None
    written = kind_node.value.strip()
    found = _match(written)
    if found is None:
        return None
    kind, how = found
    telling = telling_fields()[kind]
    weight = sum(telling.get(key.value, 0) for key, _ in pairs)
    if weight < _NEEDED[how]:
        return None
    return KindGuess(kind, written, how, sure=how == "exact" and weight >= _SURE)


def guess_unnamed(pairs: list[tuple[ScalarNode, Node]]) -> KindGuess | None:
    """The kind a mapping with an id but neither a kind nor an apiVersion seems meant to be,
    when its fields tell of that kind clearly (``_UNNAMED``); None for YAML of another tool."""
    keys = {key.value.casefold() for key, _ in pairs}
    if "id" not in keys or "kind" in keys:
        return None
    kind, weight = likeliest_kind(pairs)
    if kind is None or weight < _UNNAMED:
        return None
    return KindGuess(kind, "", "unnamed", sure=False)


def likeliest_kind(pairs: list[tuple[ScalarNode, Node]]) -> tuple[str | None, int]:
    """The one kind whose telling fields the mapping has most of, at least twice as many as
    any other's, with their weight; None where none tells or two tell alike (a clause
    library's ``clauses`` and a contract's)."""
    weights = sorted(
        (
            (sum(telling.get(key.value, 0) for key, _ in pairs), kind)
            for kind, telling in telling_fields().items()
        ),
        reverse=True,
    )
    (best, kind), (second, _) = weights[0], weights[1]
    return (kind, best) if best > 0 and 2 * second <= best else (None, best)


def kind_keys(keys: Iterable[str]) -> list[str]:
    """The keys that are a field of some resilint kind, in their order."""
    fields = kind_fields().values()
    return [key for key in keys if any(key in held for held in fields)]


def _match(written: str) -> tuple[str, str] | None:
    """(resilint kind, how it is written) for a kind's text, or None when it is none of them."""
    kinds = kind_fields()
    if written in kinds:
        return written, "exact"
    folded = fold(written)
    if not folded or len(folded) > 40:
        return None
    by_fold = {fold(kind): kind for kind in kinds}
    if folded in by_fold:
        return by_fold[folded], "case"
    singular = re.sub(r"(?<=[^aeiou])ies\Z", "y", folded)  # entities, but not series
    for one in (singular, folded.removesuffix("s")):
        if one in by_fold:
            return by_fold[one], "plural"
    near = [
        (apart, kind)
        for key, kind in by_fold.items()
        if (apart := min(distance(folded, key), distance(singular, key)))
        <= (2 if len(kind) >= 7 else 1)
    ]
    return (min(near)[1], "near") if near else None


def fold(text: str) -> str:
    """A name as people write it loosely: case, spaces, underscores, dots and hyphens make no
    difference."""
    return _NOISE.sub("", text).casefold()
