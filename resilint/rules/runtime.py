"""What a declarative rule sees while it runs: bound documents and values, with where they are."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from resilint.findings import JsonPath
from resilint.incremental import Watched, field_name
from resilint.model import Document
from resilint.patterns import kept

if TYPE_CHECKING:
    from resilint.domain import Facts

_R = TypeVar("_R")


class _Missing:
    """A field that is not there. Every test on it fails except ``exists: false``/``empty``."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()


@dataclass(frozen=True, slots=True)
class Ref:
    """A value in a document, with the document and JSON path it came from."""

    document: Document
    path: JsonPath
    value: Any

    def child(self, key: str) -> Ref:
        if isinstance(self.value, dict) and key in self.value:
            return Ref(self.document, (*self.path, key), self.value[key])
        return Ref(self.document, (*self.path, key), MISSING)


class Env:
    """Bindings of one evaluation: names to a Ref, a list of Refs, or None (nothing found).

    Never changed once made (``bind`` returns a new one). A plain class with slots rather than
    a frozen dataclass: rules make hundreds of thousands of these.
    """

    __slots__ = ("as_of", "bindings", "budget", "facts", "index", "params")

    def __init__(
        self,
        facts: Facts,
        params: Mapping[str, Any],
        bindings: Mapping[str, Ref | list[Ref] | None] | None = None,
        budget: Budget | None = None,
    ) -> None:
        self.facts = facts
        self.index = facts.index
        self.as_of = facts.as_of
        self.params = params
        self.bindings: Mapping[str, Ref | list[Ref] | None] = bindings or {}
        self.budget = (
            budget if budget is not None else Budget.for_documents(len(facts.index.documents))
        )

    def bind(self, name: str, value: Ref | list[Ref] | None) -> Env:
        return self.with_bindings({**self.bindings, name: value})

    def with_bindings(self, bindings: Mapping[str, Ref | list[Ref] | None]) -> Env:
        """This evaluation's facts, parameters and budget with other bindings: made without
        :meth:`__init__`'s lookups, once a document and once an item of every quantifier."""
        env = _new(Env)
        env.facts, env.index, env.as_of = self.facts, self.index, self.as_of
        env.params, env.bindings, env.budget = self.params, bindings, self.budget
        return env

    def lookup(self, path: tuple[str, ...]) -> Ref | list[Ref] | None:
        """Resolve a path whose first segment is a binding; lists are returned whole."""
        bound = self.bindings.get(path[0])
        if isinstance(bound, Ref) and len(path) == 2 and self._is_fact(bound, path[1]):
            value = self.facts.of(bound.document)[path[1]]
            return Ref(bound.document, ("=", path[1]), value)
        for key in path[1:]:
            if not isinstance(bound, Ref):
                return None
            bound = bound.child(key)
        return bound

    def _is_fact(self, bound: Ref, name: str) -> bool:
        """A domain fact of a whole document (``supplier.critical``), never a data field."""
        if bound.path or (isinstance(bound.value, dict) and name in bound.value):
            return False
        return name in self.facts.of(bound.document)

    def value(self, path: tuple[str, ...]) -> Any:
        if path[0] == "param":
            return self.params.get(path[1], MISSING) if len(path) == 2 else MISSING
        if path == ("as_of",):
            return self.as_of.isoformat()
        bound = self.bindings.get(path[0])
        if isinstance(bound, Ref):  # the common case, walked on plain data without Refs
            value = bound.value
            for key in path[1:]:
                if not isinstance(value, dict) or key not in value:
                    if len(path) == 2 and self._is_fact(bound, key):
                        return self.facts.of(bound.document)[key]
                    return MISSING
                value = value[key]
            return value
        if bound is None or len(path) > 1:
            return MISSING
        return [ref.value for ref in bound]


class OverBudget(Exception):
    """A rule's quantifiers visited more items than any sensible rule needs."""


class Budget:
    """How many items one rule's quantifiers may still visit in one check. Quantifiers over
    whole kinds nested in each other visit every combination of their documents: 25 suppliers
    under six nested ``for_any`` are 25**7 tests, a check that never ends. The built-in rules
    visit at most about four items a document (measured on the examples and the benchmark's
    10,053 documents); a rule with one quantifier over a whole kind inside its ``select`` (a
    contract naming each supplier) visits about as many as the two kinds' counts multiplied.
    The items of a long list a ``one_of`` or ``contains`` tests are counted too, when the list
    is hashed and as a ``contains_all`` or ``contains_any`` asks for each
    (:class:`resilint.rules.operators.Lists`). A rule's run stops, as a rule error naming it,
    past ``PER_DOCUMENT`` items a document of the check (and at least ``LEAST``): a few seconds
    of evaluation."""

    PER_DOCUMENT = 1_000
    LEAST = 2_000_000
    __slots__ = ("left", "limit")

    def __init__(self, limit: int) -> None:
        self.limit = self.left = limit

    @classmethod
    def for_documents(cls, documents: int) -> Budget:
        return cls(max(cls.LEAST, cls.PER_DOCUMENT * documents))

    def spend(self, items: int) -> None:
        self.left -= items
        if self.left < 0:
            raise OverBudget(
                f"its conditions visited more than {self.limit:,} items (a quantifier over a "
                "whole kind inside another visits every combination of their documents, and a "
                "one_of or contains over a long list each of its items); narrow each quantifier "
                "to what the one outside it names (a list field of the bound document rather "
                "than every document of a kind)"
            )


_get, _has, _item = dict.get, dict.__contains__, dict.__getitem__
_new = object.__new__


def reader(path: tuple[str, ...]) -> Callable[[Env], Any]:
    """``env.value(path)`` as a closure, with the common case unrolled: a field of a bound
    document's plain data, which is what most conditions read, hundreds of thousands of times a
    check. Anything else (a parameter, a fact, a missing field) is left to :meth:`Env.value`.
    The same closure as :func:`tested`'s, whose one call more costs nothing measurable (the
    rules phase at 10,053 documents 1.49 s of CPU either way)."""
    return tested(path, _itself)


def tested(path: tuple[str, ...], test: Callable[[Any], _R]) -> Callable[[Env], _R]:
    """``test(env.value(path))`` as one closure: a condition on a field with a plain operand
    (``{field: contract.status, equals: active}``), without a second call for the read; the
    reading of a field of a bound document's plain data unrolled."""
    if path[0] == "param" or path == ("as_of",) or len(path) == 1:
        return lambda env: test(env.value(path))
    if len(path) > 2:
        return _walk(path[0], path[1:], path, test)
    name, key = path
    noted = field_name(key)  # how a Watched mapping notes the key

    def one(env: Env) -> _R:
        bound = env.bindings.get(name)
        if bound.__class__ is Ref:
            value = bound.value
            kind = value.__class__
            if kind is dict or kind is Watched:
                if kind is Watched:  # noted as its get would, without a call
                    value.seen.add(noted)
                found = _get(value, key, MISSING)
                if found is not MISSING:
                    return test(found)
                if bound.path:
                    return test(MISSING)  # a part of a document has no facts
                # a whole document without the field: one of its facts, if it has one
                return test(env.facts.of(bound.document).get(key, MISSING))
        return test(env.value(path))

    return one


def _itself(value: Any) -> Any:
    return value


def _walk(
    name: str, keys: tuple[str, ...], path: tuple[str, ...], test: Callable[[Any], _R]
) -> Callable[[Env], _R]:
    """``test(env.value(path))`` for a path of three names or more (``contract.annual_cost.
    amount``), walked on plain data."""
    first = field_name(keys[0])

    def walk(env: Env) -> _R:
        bound = env.bindings.get(name)
        if not isinstance(bound, Ref):
            return test(env.value(path))
        value = bound.value
        for key in keys:
            if value.__class__ is Watched:  # a document's data: noted without two calls
                value.seen.add(first)
                if not _has(value, key):
                    return test(env.value(path))
                value = _item(value, key)
            elif not isinstance(value, dict) or key not in value:
                return test(env.value(path))
            else:
                value = value[key]
        return test(value)

    return walk


_PLACEHOLDER = kept(r"\{([A-Za-z_][A-Za-z0-9_.\[\]'-]*)\}")


def render(template: str, env: Env, parse: Any) -> str:
    """Fill ``{binding.field}`` placeholders from the environment (no code is evaluated)."""

    def fill(match: re.Match[str]) -> str:
        return show(env.value(parse(match.group(1))))

    return _PLACEHOLDER.sub(fill, template)


def placeholders(template: str) -> list[str]:
    return _PLACEHOLDER.findall(template)


def stray_brace(template: str) -> str | None:
    """The text around a brace of ``template`` that is no placeholder (``{lesson.id``, ``{}``,
    ``{ supplier.id }``, ``{{supplier.id}}``), or None: it would be shown as written, in every
    finding, rather than filled."""
    rest = _PLACEHOLDER.sub(lambda match: "\0" * len(match.group(0)), template)
    at = min((i for i in (rest.find("{"), rest.find("}")) if i >= 0), default=-1)
    if at < 0:
        return None
    return template[max(0, at - 10) : at + 20].replace("\0", "")


def show(value: Any) -> str:
    if value is MISSING or value is None:
        return "(not set)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ", ".join(show(item) for item in value) if value else "(none)"
    if isinstance(value, dict):
        # each entry apart, with what it holds (a list's items are separated by commas)
        return "; ".join(f"{k}: {show(v)}" for k, v in value.items()) if value else "(none)"
    return str(value)
