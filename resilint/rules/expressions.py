"""Compile conditions, operands and collections of the rule language into closures.

Everything is data: operators come from :data:`OPERATORS`, field paths are checked against the
kinds' schemas, and nothing is ever passed to ``eval``. Errors name the rule file and line.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from resilint.domain.facts import FACT_FIELDS
from resilint.domain.lifecycle import shift
from resilint.domain.readers import as_date
from resilint.findings import JsonPath
from resilint.quoting import shown
from resilint.rules.model import DATE_OPERATORS, DAY_COUNTS, DAY_SHIFTS
from resilint.rules.operators import MEMBERSHIP, OPERATORS, Lists, with_constant
from resilint.rules.paths import parse_path
from resilint.rules.runtime import MISSING, Env, Ref, reader, tested
from resilint.rules.site import Site
from resilint.rules.types import Bound, UnknownField, items_of, navigate, reference_target
from resilint.schemas import SchemaSet
from resilint.suggest import did_you_mean

Condition = Callable[[Env], bool]
Operand = Callable[[Env], Any]
Collection = Callable[[Env], list[Ref]]
Scope = Mapping[str, Bound]

COMBINATORS = ("all", "any", "not")
QUANTIFIERS = ("for_any", "for_all", "for_none")
_AGGREGATES: dict[str, Callable[[list[Any]], Any]] = {"sum": sum, "min": min, "max": max}


def not_days(value: Any) -> str | None:
    """Why a plain operand is no count of days, or None: a condition counting ``"ninety"``,
    ``0.5`` or ``-5`` days loads, and never holds (or, negated, always holds), or holds where
    the author did not mean it; the rule would be silent or wrong on every repository."""
    if isinstance(value, dict):
        return None  # {param: ...} and other operands: their value is judged when used
    whole = isinstance(value, int | float) and not isinstance(value, bool)
    if whole and math.isfinite(value) and value == int(value) and value >= 0:
        return None
    return "a count of days is a whole number of 0 or more (90), or {param: NAME}"


class ExpressionCompiler:
    def __init__(self, schemas: SchemaSet, site: Site, params: Mapping[str, Any]) -> None:
        self.schemas = schemas
        self.site = site
        self.params = params

    # -- conditions -------------------------------------------------------------------------
    def conditions(self, node: Any, scope: Scope, where: JsonPath) -> Condition:
        """A list of conditions (all must hold) or a single one."""
        if isinstance(node, list):
            parts = [self.condition(item, scope, (*where, i)) for i, item in enumerate(node)]
            return _all_of(parts)
        return self.condition(node, scope, where)

    def condition(self, node: Any, scope: Scope, where: JsonPath) -> Condition:
        if not isinstance(node, dict) or not node:
            raise self.site.fail(
                where, "a condition is a mapping such as {field: contract.auto_renew, equals: true}"
            )
        keys = set(node)
        for group in (COMBINATORS, QUANTIFIERS):
            if keys & set(group):
                return self._compound(node, scope, where)
        subject_key = "field" if "field" in node else "value"
        if subject_key not in node:
            words = (*COMBINATORS, *QUANTIFIERS, "field", "value")
            named = [k for k in map(str, node) if k not in OPERATORS]
            near = next((k for k in named if did_you_mean(k, words)), None)
            raise self.site.fail(
                (*where, near) if near else where,
                (f"unknown key '{near}'{did_you_mean(near, words)}: " if near else "")
                + "a condition needs 'field' (or 'value') and an operator, "
                f"or one of {', '.join(COMBINATORS + QUANTIFIERS)}",
            )
        ops = [key for key in node if key != subject_key]
        if len(ops) != 1 or ops[0] not in OPERATORS:
            raise self.site.fail((*where, ops[0]) if ops else where, _operator_error(ops))
        name = ops[0]
        self.site.uses_as_of |= name in DATE_OPERATORS
        subject = self.operand(
            {subject_key: node[subject_key]} if subject_key == "field" else node["value"],
            scope,
            (*where, subject_key),
        )
        test = OPERATORS[name]
        wanted = node[name]
        if name in DAY_COUNTS and (why := not_days(wanted)) is not None:
            raise self.site.fail((*where, name), f"{name} {shown(wanted)}: {why}")
        if subject_key == "field" and not isinstance(wanted, dict) and not self.site.checked:
            self._check_constant(node["field"], name, wanted, scope, (*where, name))
        if not isinstance(wanted, dict):  # a plain value, as most are: no call to get it
            fixed = with_constant(name, wanted)
            if fixed is not None and subject_key == "field":  # the field read and tested at once
                return tested(parse_path(str(node["field"])), fixed)
            if fixed is not None:
                return lambda env: fixed(subject(env))
        operand = self.operand(wanted, scope, (*where, name))
        if name in MEMBERSHIP:  # each long list hashed once, the work spent from the budget
            member, lists = MEMBERSHIP[name], Lists()
            return lambda env: member(subject(env), operand(env), lists, env.budget)
        return lambda env: test(subject(env), operand(env), env.as_of)

    def _check_constant(
        self, field: Any, name: str, wanted: Any, scope: Scope, where: JsonPath
    ) -> None:
        """A plain operand the tested field can never match is an error at its line: the
        rule would load and stay silent (:mod:`.constants`)."""
        bound = self.typed_path(field, scope, where)
        if bound is None or bound.many:
            return
        from resilint.rules.constants import mismatch  # rules compiled, not read from cache

        schema = self.schemas.resolve(bound.schema)
        why = mismatch(schema, items_of(self.schemas, schema), name, wanted)
        if why is not None:
            raise self.site.fail(where, f"'{field}' {name} {shown(wanted)}: {why}")

    def _compound(self, node: dict[str, Any], scope: Scope, where: JsonPath) -> Condition:
        if len(node) != 1:
            raise self.site.fail(where, f"'{next(iter(node))}' must stand alone in its mapping")
        key, body = next(iter(node.items()))
        here = (*where, key)
        if key == "not":
            inner = self.conditions(body, scope, here)
            return lambda env: not inner(env)
        if key in ("all", "any"):
            if not isinstance(body, list):
                raise self.site.fail(here, f"'{key}' takes a list of conditions")
            parts = [self.condition(c, scope, (*here, i)) for i, c in enumerate(body)]
            combine = all if key == "all" else any
            return lambda env: combine(part(env) for part in parts)
        collection, name, test = self.quantified(body, scope, here)
        if key == "for_any":
            return lambda env: any(test(env.bind(name, ref)) for ref in collection(env))
        if key == "for_all":
            return lambda env: all(test(env.bind(name, ref)) for ref in collection(env))
        return lambda env: not any(test(env.bind(name, ref)) for ref in collection(env))

    def quantified(
        self, body: Any, scope: Scope, where: JsonPath
    ) -> tuple[Collection, str, Condition]:
        """``{in: COLLECTION, as: NAME, where: CONDITIONS}``, the body of a quantifier."""
        if not isinstance(body, dict) or "in" not in body or "as" not in body:
            raise self.site.fail(where, "write {in: <list>, as: <name>, where: [conditions]}")
        extra = set(body) - {"in", "as", "where"}
        if extra:
            raise self.site.fail(
                (*where, sorted(extra)[0]),
                f"unknown key '{sorted(extra)[0]}'; expected in, as, where",
            )
        collection, item = self.collection(body["in"], scope, (*where, "in"))
        name = str(body["as"])
        inner_scope = {**scope, name: item}
        test = (
            self.conditions(body["where"], inner_scope, (*where, "where"))
            if "where" in body
            else (lambda env: True)
        )
        return _spending(collection), name, test

    # -- operands ---------------------------------------------------------------------------
    def operand(self, node: Any, scope: Scope, where: JsonPath) -> Operand:
        if not isinstance(node, dict):
            return lambda env: node
        if len(node) == 1 and "field" in node:
            return reader(self.path(node["field"], scope, (*where, "field")))
        if "param" in node:
            return self._param(node, scope, where)
        if len(node) == 1 and next(iter(node)) in _AGGREGATES:
            return self._aggregate(node, scope, where)
        if "date" in node:
            return self._date(node, scope, where)
        if len(node) == 1 and "count" in node:
            collection, name, test = self.quantified(node["count"], scope, (*where, "count"))
            return lambda env: sum(1 for ref in collection(env) if test(env.bind(name, ref)))
        if len(node) == 1 and "filter" in node:  # the items themselves: a message names them
            collection, name, test = self.quantified(node["filter"], scope, (*where, "filter"))
            return lambda env: [ref.value for ref in collection(env) if test(env.bind(name, ref))]
        raise self.site.fail(
            where,
            "unknown operand: use a plain value, {field: ...}, "
            "{param: ...}, {sum|min|max: [...]}, {date: ..., plus_days: ...}, "
            "{count: {in: ..., as: ..., where: ...}} or {filter: {in: ..., as: ..., where: ...}}",
        )

    def _param(self, node: dict[str, Any], scope: Scope, where: JsonPath) -> Operand:
        name = node["param"]
        if name not in self.params:
            raise self.site.fail(
                (*where, "param"),
                f"unknown parameter '{name}'; declare it under params: with its default",
            )
        extra = set(node) - {"param", "by", "by_each", "or_by"}
        if extra or ("by" in node and "by_each" in node) or ("or_by" in node and len(node) == 2):
            raise self.site.fail(
                where,
                "a parameter operand is {param: NAME}, {param: NAME, by: PATH} or "
                "{param: NAME, by_each: PATH}, either with or_by: PATH for the entry "
                "that stands for keys without their own",
            )
        if "by" not in node and "by_each" not in node:
            return lambda env: env.params.get(name, MISSING)
        fallback = (
            self.operand({"field": node["or_by"]}, scope, (*where, "or_by"))
            if "or_by" in node
            else (lambda env: MISSING)
        )
        if "by_each" in node:
            return self._param_by_each(name, node["by_each"], fallback, scope, where)
        key = self.operand({"field": node["by"]}, scope, (*where, "by"))

        def by_key(env: Env) -> Any:
            table = env.params.get(name)
            return _entry(table, key(env), fallback(env)) if isinstance(table, dict) else MISSING

        return by_key

    def _param_by_each(
        self, name: str, path: Any, fallback: Operand, scope: Scope, where: JsonPath
    ) -> Operand:
        """``{param: NAME, by_each: LIST}``: the table's entry for each key of the list, as a
        mapping from key to entry (a message shows ``key: entry; ...``), keys with no entry
        (and no ``or_by`` entry) left out: who may approve each rule a waiver names."""
        keys = self.operand({"field": path}, scope, (*where, "by_each"))

        def by_each(env: Env) -> Any:
            table, listed = env.params.get(name), keys(env)
            if not isinstance(table, dict) or not isinstance(listed, list):
                return MISSING
            default = fallback(env)
            entries = {str(k): _entry(table, k, default) for k in listed}
            return {k: v for k, v in entries.items() if v is not MISSING} or MISSING

        return by_each

    def _aggregate(self, node: dict[str, Any], scope: Scope, where: JsonPath) -> Operand:
        key, items = next(iter(node.items()))
        if not isinstance(items, list):
            raise self.site.fail((*where, key), f"'{key}' takes a list of operands")
        parts = [self.operand(item, scope, (*where, key, i)) for i, item in enumerate(items)]
        combine = _AGGREGATES[key]

        def aggregate(env: Env) -> Any:
            # sum needs every part; min and max take the parts that are there
            values = [part(env) for part in parts]
            numbers = _numbers(values)
            if not numbers or (key == "sum" and len(numbers) != len(values)):
                return MISSING
            total = combine(numbers)
            # finite parts can add up past the largest float: no number, as a document can
            # hold none that is not finite (YML-07), rather than an infinity no date can take
            return MISSING if isinstance(total, float) and not math.isfinite(total) else total

        return aggregate

    def _date(self, node: dict[str, Any], scope: Scope, where: JsonPath) -> Operand:
        shifts = [key for key in node if key != "date"]
        if len(shifts) != 1 or shifts[0] not in DAY_SHIFTS:
            raise self.site.fail(
                where, "a date operand is {date: ..., plus_days: N} or {date: ..., minus_days: N}"
            )
        if (why := not_days(node[shifts[0]])) is not None:
            raise self.site.fail(
                (*where, shifts[0]), f"{shifts[0]} {shown(node[shifts[0]])}: {why}"
            )
        base = self.operand(node["date"], scope, (*where, "date"))
        days = self.operand(node[shifts[0]], scope, (*where, shifts[0]))
        sign = 1 if shifts[0] == DAY_SHIFTS[0] else -1

        def shifted(env: Env) -> Any:
            day, count = as_date(base(env)), days(env)
            if day is None or isinstance(count, bool) or not isinstance(count, int | float):
                return MISSING
            return shift(day, sign * count).isoformat()

        return shifted

    # -- paths and collections --------------------------------------------------------------
    def path(self, text: Any, scope: Scope, where: JsonPath) -> tuple[str, ...]:
        """A checked field path: its first name is bound, the rest exist in the schema (a rule
        of a file that compiled before, unchanged, is not checked again)."""
        if not self.site.checked:
            self.typed_path(text, scope, where)
            return parse_path(str(text))
        segments = parse_path(str(text))
        if segments == ("as_of",):
            self.site.uses_as_of = True
        return segments

    def typed_path(self, text: Any, scope: Scope, where: JsonPath) -> Bound | None:
        try:
            segments = parse_path(str(text))
        except ValueError as exc:
            raise self.site.fail(where, str(exc)) from None
        head = segments[0]
        if head == "param":
            if len(segments) != 2 or segments[1] not in self.params:
                raise self.site.fail(where, f"unknown parameter in '{text}'")
            return None
        if head == "as_of" and len(segments) == 1:
            self.site.uses_as_of = True
            return None
        if head not in scope:
            names = ", ".join(sorted(scope)) or "none"
            raise self.site.fail(where, f"'{head}' is not bound in this rule (bound: {names})")
        bound = scope[head]
        if len(segments) == 1:
            return bound
        if bound.many:
            raise self.site.fail(
                where, f"'{head}' is a list; test it with for_any, for_all, for_none or count"
            )
        fact = FACT_FIELDS.get(bound.kind or "", {}).get(segments[1])
        if fact is not None:
            if len(segments) > 2:
                raise self.site.fail(where, f"'{text}': {segments[1]} is a fact, not a mapping")
            return Bound(fact)
        try:
            return Bound(navigate(self.schemas, bound, segments[1:]))
        except UnknownField as exc:
            raise self.site.fail(where, f"'{text}': {exc}") from None

    def collection(self, node: Any, scope: Scope, where: JsonPath) -> tuple[Collection, Bound]:
        if isinstance(node, dict) and set(node) == {"follow"}:
            return self._followed(node["follow"], scope, (*where, "follow"))
        if isinstance(node, dict) and set(node) == {"kind"}:
            kind = self.kind(node["kind"], (*where, "kind"))
            return (
                lambda env: [Ref(d, (), d.data) for d in env.index.of_kind(kind)],
                Bound(self.schemas.schema(kind), kind),
            )
        bound = self.typed_path(node, scope, where)
        if bound is None:
            raise self.site.fail(where, f"'{node}' is not a list")
        segments = parse_path(str(node))
        if bound.many:
            return (lambda env: _as_refs(env.lookup(segments))), Bound(bound.schema, bound.kind)
        items = items_of(self.schemas, bound.schema)
        if items is None:
            raise self.site.fail(where, f"'{node}' is not a list field")
        return (lambda env: _items(env.lookup(segments))), Bound(items)

    def _followed(self, path: Any, scope: Scope, where: JsonPath) -> tuple[Collection, Bound]:
        """The documents a reference field names, as a list (none when it names none, or one
        that does not exist): ``{follow: sub.supplier}`` inside a quantifier, where ``let``
        cannot reach (the Supplier a subcontractor entry of the selected Supplier names)."""
        found = self.typed_path(path, scope, where)
        target = reference_target(found.schema) if found is not None else None
        if target is None:
            raise self.site.fail(where, f"'{path}' is not a reference to another document")
        kind, _ = target
        read = reader(parse_path(str(path)))

        def followed(env: Env) -> list[Ref]:
            ids = read(env)
            named = ids if isinstance(ids, list) else [ids]
            docs = (env.index.get(kind, i) for i in named if isinstance(i, str))
            return [Ref(d, (), d.data) for d in docs if d is not None]

        return followed, Bound(self.schemas.schema(kind), kind)

    def kind(self, name: Any, where: JsonPath) -> str:
        if name not in self.schemas.kinds:
            raise self.site.fail(
                where, f"unknown kind {shown(name)}; kinds: " + ", ".join(self.schemas.kinds)
            )
        return str(name)


def _spending(collection: Collection) -> Collection:
    """The collection, each item it gives counted against the rule's budget
    (:class:`resilint.rules.runtime.Budget`)."""

    def spent(env: Env) -> list[Ref]:
        refs = collection(env)
        env.budget.spend(len(refs))
        return refs

    return spent


def _all_of(parts: list[Condition]) -> Condition:
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:  # the most frequent list: no loop
        first, second = parts
        return lambda env: first(env) and second(env)

    def every(env: Env) -> bool:
        for part in parts:  # noqa: SIM110  (a loop is cheaper than all() on this hot path)
            if not part(env):
                return False
        return True

    return every


def _operator_error(ops: list[str]) -> str:
    known = ", ".join(sorted(OPERATORS))
    if not ops:
        return f"the condition has no operator; operators: {known}"
    if len(ops) > 1:
        return f"one operator per condition, found {', '.join(ops)}; use all: [...] to combine"
    return f"unknown operator '{ops[0]}'{did_you_mean(str(ops[0]), OPERATORS)}; operators: {known}"


def _entry(table: dict[str, Any], key: Any, fallback: Any) -> Any:
    """A parameter table's entry for ``key``, or the entry ``fallback`` names (``"*"``)."""
    found = table.get(str(key), MISSING)
    if found is MISSING and fallback is not MISSING:
        found = table.get(str(fallback), MISSING)
    return found


def _numbers(values: Any) -> list[Any]:
    return [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]


def _as_refs(found: Ref | list[Ref] | None) -> list[Ref]:
    return found if isinstance(found, list) else []


def _items(found: Ref | list[Ref] | None) -> list[Ref]:
    if not isinstance(found, Ref) or not isinstance(found.value, list):
        return []
    return [Ref(found.document, (*found.path, i), item) for i, item in enumerate(found.value)]
