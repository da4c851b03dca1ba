"""A rule of a rule file compiled, with every field path, operator, kind and placeholder checked,
so a mistake fails at load time with the rule file's line (:mod:`.rule_file` reads the files)."""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Mapping
from typing import Any

from resilint.domain.facts import FACT_FIELDS
from resilint.domain.misnamed import Accepted, misnamed_referrers, unaccepted
from resilint.findings import JsonPath, Level
from resilint.model import Document, Index
from resilint.rules.declarative import Binder, DeclarativeRule, Requirement
from resilint.rules.expressions import ExpressionCompiler
from resilint.rules.model import Rule, RuleInfo, describe
from resilint.rules.paths import parse_path
from resilint.rules.python import PythonCheck, PythonRule
from resilint.rules.runtime import Env, Ref, placeholders, reader, stray_brace
from resilint.rules.site import Site
from resilint.rules.types import Bound, reference_target
from resilint.schemas import ANY_ITEM, ANY_KEY, SchemaSet
from resilint.suggest import did_you_mean


def env_main(env: Env) -> Document:
    """The document a computed value belongs to: the first bound document."""
    first = next(iter(env.bindings.values()))
    assert isinstance(first, Ref)
    return first.document


_WHOLE: weakref.WeakKeyDictionary[Index, dict[int, Ref]] = weakref.WeakKeyDictionary()
"""Each document's Ref to its whole data, made once a check for every rule that lists the
referrers of a document (a Ref is never changed): a Ref per rule and referrer was 800,000 of
them, 43 MB, at 100,000 documents."""


def _whole(index: Index, documents: list[Document]) -> tuple[Ref, ...]:
    made = _WHOLE.setdefault(index, {})
    return tuple(made.get(id(d)) or made.setdefault(id(d), Ref(d, (), d.data)) for d in documents)


def _fields(spec: Any) -> list[str]:
    """The field paths a condition or operand reads (``{field: PATH}`` anywhere in it)."""
    if isinstance(spec, dict):
        found = [spec["field"]] if isinstance(spec.get("field"), str) else []
        for key, value in spec.items():
            if key != "field" or not isinstance(value, str):
                found += _fields(value)
        return found
    if isinstance(spec, list):
        return [path for item in spec for path in _fields(item)]
    return []


def _judged_on(specs: list[Any], lets: dict[str, Any]) -> list[str]:
    """The field paths a requirement's test and guard read, a computed name (``let: {x:
    {value: ...}}``, ``{field: ...}``) standing for the fields it is computed from.

    The names are resolved once each, in the order they are bound (each may use only the
    names before it), never by recursion: 3,000 names each computed from the one before
    recursed out of Python's stack, and forty each computed twice from the one before
    (``{sum: [{field: v1}, {field: v1}]}``) took 2**40 steps, hanging every command."""
    stands_for: dict[str, list[str]] = {}
    for name, spec in lets.items():
        if isinstance(spec, dict) and len(spec) == 1:
            form, value = next(iter(spec.items()))
            if form == "value":
                stands_for[name] = _resolved(_fields([value]), lets, stands_for)
            elif form == "field" and isinstance(value, str):
                stands_for[name] = _resolved([value], lets, stands_for)
    return _resolved(_fields(specs), lets, stands_for)


def _reads(
    specs: list[Any],
    message: str,
    unrecorded: str | None,
    at: tuple[str, ...] | None,
    lets: dict[str, Any],
) -> frozenset[str]:
    """The names a requirement reads in its test and guard (``specs``), its messages and its
    place (a computed name standing for those it is computed from), and each document bound by
    following a reference it reads or names: "identity linehaul-sftp of supplier linehaul"
    ({identity.supplier}) is about the supplier that ``{follow: identity.supplier}`` binds."""
    shown = [{"field": p} for text in (message, unrecorded or "") for p in placeholders(text)]
    paths = _judged_on([*specs, shown], lets)
    names = {re.split(r"[.\[]", path, maxsplit=1)[0] for path in paths}
    names.update(at[:1] if at else ())
    for name, spec in lets.items():
        if isinstance(spec, dict) and spec.get("follow") in paths:
            names.add(name)
    return frozenset(names)


class _Reads:
    """:func:`_reads` of a requirement, worked out when first asked (a gap is said) and kept."""

    __slots__ = ("_args", "_names")

    def __init__(self, *args: Any) -> None:
        self._args: tuple[Any, ...] | None = args
        self._names: frozenset[str] | None = None

    def __call__(self) -> frozenset[str]:
        if self._names is None:
            assert self._args is not None
            self._names = _reads(*self._args)
            self._args = None
        return self._names


def _resolved(
    paths: list[str], lets: dict[str, Any], stands_for: dict[str, list[str]]
) -> list[str]:
    """``paths`` with each computed name resolved so far replaced by the fields it stands for
    (a ``field`` name only where the path is the name alone), each path once."""
    found: dict[str, None] = {}
    for path in paths:
        name = re.split(r"[.\[]", path, maxsplit=1)[0]
        spec = lets.get(name)
        computed = isinstance(spec, dict) and "value" in spec
        if name in stands_for and (computed or path == name):
            found.update(dict.fromkeys(stands_for[name]))
        else:
            found[path] = None
    return list(found)


def _names(spec: Any) -> list[str]:
    """The names a condition reads: the first step of each ``{field: PATH}`` and of each list
    a quantifier walks (``for_any: {in: plans}``)."""
    if isinstance(spec, dict):
        found = [
            re.split(r"[.\[]", value, maxsplit=1)[0]
            for key, value in spec.items()
            if key in ("field", "in") and isinstance(value, str)
        ]
        return found + [n for value in spec.values() for n in _names(value)]
    if isinstance(spec, list):
        return [n for item in spec for n in _names(item)]
    return []


def _snake(kind: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", kind).lower()


class RuleCompiler:
    def __init__(self, schemas: SchemaSet, site: Site, checks: Mapping[str, PythonCheck]) -> None:
        self.schemas = schemas
        self.site = site
        self.checks = checks
        self._waits: dict[str, Callable[[Env, Accepted], list[Ref]]] = {}
        """The rule's ``referenced_by`` names, each with the documents whose reference names
        no document but most likely means the one it counts referrers of (rule by rule)."""

    def compile(self, rule: dict[str, Any], where: JsonPath) -> Rule:
        params = rule.get("params", {})
        expr = ExpressionCompiler(self.schemas, self.site, params)
        if "check" in rule:
            check = self.checks.get(rule["check"])
            if check is None or "select" in rule:
                raise self.site.fail(
                    (*where, "check"),
                    f"unknown Python check '{rule['check']}'; "
                    f"known: {', '.join(sorted(self.checks))}",
                )
            kind = rule.get("applies_to", {}).get("kind")
            if "applies_to" in rule and kind is not None:
                self._applies(rule, expr.kind(kind, (*where, "applies_to", "kind")), where)
            elif "applies_to" in rule:
                raise self.site.fail((*where, "applies_to"), "name the kind: applies_to: {kind: …}")
            info = self.describe(rule, where, time_aware=bool(rule.get("time_aware")), kind=kind)
            return PythonRule(info, check)
        if "select" not in rule or "require" not in rule:
            raise self.site.fail(where, "a rule needs select and require (or check)")
        kind = expr.kind(rule["select"], (*where, "select"))
        name = rule.get("as", _snake(kind))
        scope: dict[str, Bound] = {name: Bound(self.schemas.schema(kind), kind)}
        self._waits = {}
        applies = self._applies(rule, kind, where)
        lets = tuple(
            self._let(expr, scope, key, spec, (*where, "let", key))
            for key, spec in rule.get("let", {}).items()
        )
        # `when` concerns the selected document, so it is compiled before the item is in scope
        when = expr.conditions(rule["when"], scope, (*where, "when")) if "when" in rule else None
        for_each = None
        if "for_each" in rule:
            collection, item_name, item_test = expr.quantified(
                rule["for_each"], scope, (*where, "for_each")
            )
            for_each = (collection, item_name, item_test)
            scope[item_name] = expr.collection(
                rule["for_each"]["in"], scope, (*where, "for_each", "in")
            )[1]
        requirements = tuple(
            self._requirement(expr, scope, req, (*where, "require", i), rule.get("let", {}))
            for i, req in enumerate(rule["require"])
        )
        info = self.describe(rule, where, time_aware=self.site.uses_as_of, kind=kind)
        self.site.uses_as_of = False
        code = rule["code"]
        for i, req in enumerate(rule["require"]):
            if code in req.get("unless_reported_by", ()):
                raise self.site.fail(
                    (*where, "require", i, "unless_reported_by"),
                    f"{code} cannot leave a gap to itself: name the other rule that reports it",
                )
        return DeclarativeRule(
            info,
            kind,
            name,
            lets,
            for_each,
            when,
            requirements,
            applies or None,
            by_record=rule.get("fold") == "record",
            lead=self._lead(expr, scope, rule, where),
        )

    def _applies(self, rule: dict[str, Any], kind: str, where: JsonPath) -> dict[str, Any]:
        """The rule's ``applies_to``, with every fact checked against the kind's facts."""
        applies: dict[str, Any] = rule.get("applies_to", {})
        known = FACT_FIELDS.get(kind, {})
        for fact in applies:
            if fact == "kind":
                continue
            if fact not in known:
                facts = ", ".join(sorted(known)) or "none"
                raise self.site.fail(
                    (*where, "applies_to", fact),
                    f"{kind} has no fact '{fact}'{did_you_mean(fact, known)}; its facts: {facts}",
                )
        return applies

    def _let(
        self,
        expr: ExpressionCompiler,
        scope: dict[str, Bound],
        name: str,
        spec: Any,
        where: JsonPath,
    ) -> tuple[str, Binder]:
        if name in scope:
            raise self.site.fail(where, f"'{name}' is already bound")
        if not isinstance(spec, dict) or len(spec) != 1:
            raise self.site.fail(
                where,
                "let takes one of {follow: path}, "
                "{referenced_by: Kind.field}, {kind: Kind}, {field: path}, {value: operand}",
            )
        key, value = next(iter(spec.items()))
        here = (*where, key)
        if key == "follow":
            binder, bound = self._follow(expr, scope, value, here)
        elif key == "referenced_by":
            binder, bound = self._referenced_by(expr, scope, value, here, name)
        elif key == "kind":
            collection, bound = expr.collection({"kind": value}, scope, here)
            binder = collection
            bound = Bound(bound.schema, bound.kind, many=True)
        elif key == "value":
            operand = expr.operand(value, scope, here)
            bound = Bound({})
            binder = lambda env: Ref(env_main(env), ("=", name), operand(env))  # noqa: E731
        elif key == "field":
            segments = expr.path(value, scope, here)
            found = expr.typed_path(value, scope, here)
            bound = found if found is not None else Bound({})
            binder = lambda env: env.lookup(segments)  # noqa: E731
        else:
            raise self.site.fail(here, f"unknown let form '{key}'")
        scope[name] = bound
        return name, binder

    def _follow(
        self, expr: ExpressionCompiler, scope: dict[str, Bound], value: Any, where: JsonPath
    ) -> tuple[Binder, Bound]:
        found = expr.typed_path(value, scope, where)
        target = reference_target(found.schema) if found is not None else None
        if target is None:
            raise self.site.fail(where, f"'{value}' is not a reference to another document")
        kind, many = target
        read = reader(parse_path(str(value)))  # env.value, unrolled

        def follow(env: Env) -> Ref | list[Ref] | None:
            ids = read(env)
            if many:
                docs = [env.index.get(kind, i) for i in ids] if isinstance(ids, list) else []
                return [Ref(d, (), d.data) for d in docs if d is not None]
            doc = env.index.get(kind, ids) if isinstance(ids, str) else None
            return Ref(doc, (), doc.data) if doc is not None else None

        return follow, Bound(self.schemas.schema(kind), kind, many=many)

    def _referenced_by(
        self,
        expr: ExpressionCompiler,
        scope: dict[str, Bound],
        value: Any,
        where: JsonPath,
        name: str,
    ) -> tuple[Binder, Bound]:
        kind_name, _, field_path = str(value).partition(".")
        kind = expr.kind(kind_name, where)
        wanted = tuple(field_path.split("."))
        fields = [
            f
            for f in self.schemas.references(kind)
            if tuple(p for p in f.pattern if p not in (ANY_ITEM, ANY_KEY)) == wanted
        ]
        if not fields:
            known = ", ".join(
                ".".join(p for p in f.pattern if p not in (ANY_ITEM, ANY_KEY))
                for f in self.schemas.references(kind)
            )
            raise self.site.fail(
                where, f"{kind}.{field_path} is not a reference field; {kind}'s references: {known}"
            )
        field = fields[0]
        owner = next((n for n, b in scope.items() if b.kind == field.target and not b.many), None)
        if owner is None:
            raise self.site.fail(
                where,
                f"{value} refers to {field.target} documents, but no "
                f"{field.target} is bound in this rule",
            )

        # the referrers of one document, as Refs, made once a check: a rule binding the other
        # plans of a plan's function made them again for each plan (4,000 plans of one
        # function: 16 million, 10 s)
        made: weakref.WeakKeyDictionary[Index, dict[str, tuple[Ref, ...]]] = (
            weakref.WeakKeyDictionary()
        )

        def misnamed(env: Env, accepted: Accepted) -> list[Ref]:
            """The documents whose ``field`` names no document but most likely means the owner
            (REF-01 says so): referrers not counted until the reference is corrected, unless
            a waiver of REF-01 accepts the reference as it is (``accepted``)."""
            bound = env.bindings.get(owner)
            if not isinstance(bound, Ref) or bound.document.id is None:
                return []
            meant = env.facts.derived(misnamed_referrers, field).get(bound.document.id, [])
            return [Ref(d, (), d.data) for d in unaccepted(env.facts, field, meant, accepted)]

        self._waits[name] = misnamed

        def referrers(env: Env) -> list[Ref]:
            bound = env.bindings.get(owner)
            if not isinstance(bound, Ref) or bound.document.id is None:
                return []
            kept = made.setdefault(env.index, {})
            if bound.document.id not in kept:
                docs = env.index.referrers(field).get(bound.document.id, [])
                kept[bound.document.id] = _whole(env.index, docs)
            return list(kept[bound.document.id])

        return referrers, Bound(self.schemas.schema(kind), kind, many=True)

    def _lead(
        self,
        expr: ExpressionCompiler,
        scope: dict[str, Bound],
        rule: dict[str, Any],
        where: JsonPath,
    ) -> str | None:
        """The rule's ``lead``: its placeholders checked, and every requirement's message (and
        ``unrecorded`` one) beginning with it, as folding says it once for them all."""
        lead = rule.get("lead")
        if lead is None:
            return None
        self._template(expr, lead, scope, (*where, "lead"))
        for i, requirement in enumerate(rule["require"]):
            for key in ("message", "unrecorded"):
                text = requirement.get(key)
                if isinstance(text, str) and not text.startswith(lead + " "):
                    raise self.site.fail(
                        (*where, "require", i, key),
                        f"the message does not begin with the rule's lead ({lead!r}), which a "
                        "finding that folds several gaps says once",
                    )
        return str(lead)

    def _template(
        self, expr: ExpressionCompiler, text: Any, scope: dict[str, Bound], where: JsonPath
    ) -> None:
        """A message's placeholders each name a bound field, and every brace is a placeholder's:
        a malformed one would be shown as written in every finding (checked when the rule's
        file first compiled: not again while it is unchanged)."""
        if not isinstance(text, str) or self.site.checked:
            return
        for placeholder in placeholders(text):
            expr.typed_path(placeholder, scope, where)
        stray = stray_brace(text)
        if stray is not None:
            raise self.site.fail(
                where,
                f"a brace that is no placeholder, near {stray!r}: a placeholder is one name "
                "and its fields in single braces, with no spaces ({supplier.id})",
            )

    def _requirement(
        self,
        expr: ExpressionCompiler,
        scope: dict[str, Bound],
        spec: dict[str, Any],
        where: JsonPath,
        lets: dict[str, Any],
    ) -> Requirement:
        test = expr.conditions(spec["that"], scope, (*where, "that"))
        guard = expr.conditions(spec["when"], scope, (*where, "when")) if "when" in spec else None
        for key in ("message", "unrecorded"):
            self._template(expr, spec.get(key, ""), scope, (*where, key))
        at = expr.path(spec["at"], scope, (*where, "at")) if "at" in spec else None
        that = spec["that"]
        read = (
            parse_path(that["field"])
            if isinstance(that, dict) and isinstance(that.get("field"), str)
            else None
        )
        if at is None:
            at = read  # by default, point at the field the test reads
        level = Level.parse(spec["level"]) if "level" in spec else None
        deferring = tuple(spec.get("unless_reported_by", ()))
        if deferring and read is None and "at" not in spec:
            raise self.site.fail(
                (*where, "unless_reported_by"),
                "a requirement that leaves its gap to another rule tests one field "
                "({field: ..., exists: true}) or names it (at: ...): the gap is the other "
                "rule's at that field",
            )
        unrecorded = spec.get("unrecorded")
        if unrecorded is not None and at is None:
            raise self.site.fail(
                (*where, "unrecorded"),
                "unrecorded is said where the field the finding points at is not recorded: "
                "give the field (at: ...), or test one field",
            )
        needs = tuple(
            dict.fromkeys(
                parse_path(path) for path in _judged_on([spec["that"], spec.get("when")], lets)
            )
        )
        awaits = (  # only a rule with a referenced_by list has any to wait for
            tuple(
                (n, self._waits[n])
                for n in dict.fromkeys(_names([spec["that"], spec.get("when")]))
                if n in self._waits
            )
            if self._waits
            else ()
        )
        reads = _Reads([spec["that"], spec.get("when")], spec["message"], unrecorded, at, lets)
        # read as contract.clauses['...'], or through a name bound to a contract's clauses
        read_by_id = (*needs, *((at,) if at else ()))
        clauses = tuple(p for p in dict.fromkeys(read_by_id) if "clauses" in p[:2])
        return Requirement(
            test,
            guard,
            spec["message"],
            at,
            level,
            deferring,
            read,
            unrecorded,
            needs,
            awaits,
            reads,
            clauses,
        )

    def describe(
        self, rule: dict[str, Any], where: JsonPath, *, time_aware: bool, kind: str | None
    ) -> RuleInfo:
        return describe(rule, self.site, where, time_aware=time_aware, kind=kind)
