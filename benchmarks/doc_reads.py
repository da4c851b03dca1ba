"""What a record of dependencies per document would evaluate again after one edit (issue 16,
the edit of a field the rules read): a measurement for a design not built, not a part of
resilint.

The rules are evaluated once, on facts built afresh, with every read of a document's data noted
by document and field in the frame of what is being computed:

- each declarative rule's evaluation of one document, its ``applies_to`` test of that document
  included: a *pair*, what a record per (rule, document) would keep or evaluate again;
- each Python rule, whole, and what it asks of another rule's findings (``after``,
  ``unless_reported_by``): all that rule read, passed on;
- each memoised fact (``Facts.of``, each document's built facts, the register and whatever else
  ``Facts.derived`` builds, each critical function's walk of the graph): its reads are passed on
  to every frame that uses it, when it is built and every time it is asked for again. A
  supplier's facts are split as a redesign would split them: what the critical functions' walks
  give every supplier (one fact), and the supplier's own;
- lookups in the tables built once (the suppliers' names, ``Index.having``, the referrers of a
  reference field, the ids) are noted by what was looked up, as a table kept with its keys would
  compare them: an edit reaches a lookup of its old or new value only.

For each edit asked (``--edit Kind:id:field[=new value]``) it counts the frames the edit
reaches and their share of the evaluation's time (the notes' own cost included: compare shares,
not seconds). Reads made while no frame is open (the model's tables built, the reference
checks) are listed: a field among them would reach everything. ``--json`` writes what each edit
reaches, for a check of the model against findings that really change (BENCHMARKS.md, issue 16,
twenty-eighth round).

    python benchmarks/doc_reads.py REPOSITORY --edit Supplier:babemaux-identity:name ...
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import resilint.checker
import resilint.domain.model as model_module
import resilint.domain.suppliers as suppliers_module
import resilint.engine
import resilint.rules.declarative as declarative
from resilint.domain.graph import DependencyGraph
from resilint.domain.model import Facts
from resilint.domain.names import SupplierNames
from resilint.domain.readers import name_key
from resilint.incremental import WHOLE, Watched
from resilint.model import Document, Index

Dep = tuple[Any, ...]


@dataclasses.dataclass
class Frame:
    """What one computation read itself, and the memoised facts it used."""

    reads: set[Dep] = dataclasses.field(default_factory=set)
    uses: set[Any] = dataclasses.field(default_factory=set)


FRAMES: list[Frame] = []
INIT = Frame()
NODES: dict[Any, Frame] = {}
PAIRS: dict[tuple[str, str], tuple[Frame, float]] = {}
RULES: dict[str, tuple[Frame, float]] = {}
NODE_TIME: dict[Any, float] = {}
QUIET = [0]
NODE_KEYS: dict[str, Any] = {}


def note(dep: Dep) -> None:
    if QUIET[0]:
        return
    (FRAMES[-1] if FRAMES else INIT).reads.add(dep)


def doc_key(document: Document) -> str:
    return f"{document.kind}:{document.id or f'{document.path}#{document.index}'}"


class Seen:
    """What :class:`Watched` notes a read in (its ``seen``): here, the document and the field,
    in the frame open at the time. The reads the rules' own recorder sees, by the same paths."""

    __slots__ = ("key",)

    def __init__(self, key: str) -> None:
        self.key = key

    def add(self, field: str) -> None:
        note((self.key, field))


@contextlib.contextmanager
def frame() -> Iterator[Frame]:
    found = Frame()
    FRAMES.append(found)
    try:
        yield found
    finally:
        FRAMES.pop()


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    QUIET[0] += 1
    try:
        yield
    finally:
        QUIET[0] -= 1


def node(key: Any, compute: Callable[[], Any], *, pass_on: bool = True) -> Any:
    """``compute()`` as a memoised fact: its reads kept under ``key`` and passed on."""
    if key in NODES:
        with quiet():
            value = compute()
    else:
        start = time.perf_counter()
        with frame() as found:
            value = compute()
        NODES[key] = found
        NODE_TIME[key] = time.perf_counter() - start
    if pass_on and FRAMES:
        FRAMES[-1].uses.add(key)
    return value


def keyed(dep_of: Callable[..., Dep], original: Callable[..., Any]) -> Callable[..., Any]:
    """A lookup in a table built once, noted by what was looked up."""

    def wrapped(*args: Any) -> Any:
        note(dep_of(*args))
        with quiet():
            return original(*args)

    return wrapped


def patch() -> None:
    # tables built once, looked up by key
    names = SupplierNames
    names.supplier_named = keyed(lambda s, v: ("names", name_key(v)), names.supplier_named)  # type: ignore[method-assign]
    names.provider_named = keyed(lambda s, v: ("names", name_key(v)), names.provider_named)  # type: ignore[method-assign]
    names.sharing = keyed(lambda s, v: ("names", name_key(v)), names.sharing)  # type: ignore[method-assign]
    names.cloud_supplier = keyed(lambda s, v: ("cloud", v), names.cloud_supplier)  # type: ignore[method-assign]
    names.reads_like = keyed(lambda s, *a: ("names", "*", "like"), names.reads_like)  # type: ignore[method-assign]
    names.unique_services = keyed(lambda s: ("names", "*", "unique"), names.unique_services)  # type: ignore[method-assign]
    names.services_of = keyed(lambda s, d: (doc_key(d), "services"), names.services_of)  # type: ignore[method-assign]
    names.lists = keyed(lambda s, d, _: (doc_key(d), "services"), names.lists)  # type: ignore[method-assign]
    init = names.__init__

    def names_init(self: SupplierNames, index: Index) -> None:
        with quiet():
            init(self, index)

    names.__init__ = names_init  # type: ignore[method-assign]
    Index.having = keyed(lambda s, k, f, v: ("having", k, f, v), Index.having)  # type: ignore[method-assign]
    Index.referrers = keyed(lambda s, f: ("referrers", f.kind, f.pattern[0]), Index.referrers)  # type: ignore[method-assign]
    Index.named = keyed(lambda s, k, v: ("named", k, v.casefold().strip()), Index.named)  # type: ignore[method-assign]
    Index.similar_ids = keyed(lambda s, k, *a: ("ids", k), Index.similar_ids)  # type: ignore[method-assign]
    Index.meant = keyed(lambda s, k, *a: ("ids", k), Index.meant)  # type: ignore[method-assign]
    # memoised facts
    of, memo, derived = Facts.of, Facts._memo, Facts.derived

    def facts_of(self: Facts, d: Document) -> Any:
        NODE_KEYS[doc_key(d)] = ("of", id(d))
        return node(("of", id(d)), lambda: of(self, d))

    Facts.of = facts_of  # type: ignore[method-assign]
    Facts._memo = lambda self, d, b: node((b, id(d)), lambda: memo(self, d, b))  # type: ignore[method-assign]
    Facts.derived = lambda self, b, a: node((b, a), lambda: derived(self, b, a))  # type: ignore[method-assign]
    for name in ("in_register", "supplier_standing"):
        original = getattr(Facts, name)
        setattr(Facts, name, _per_document(name, original))
    for name in ("identity_providers", "direct_dependencies", "critical_functions"):
        original = getattr(Facts, name)
        setattr(Facts, name, _once(name, original))
    reach = DependencyGraph.reach
    DependencyGraph.reach = lambda s, f: node(("reach", id(f)), lambda: reach(s, f))  # type: ignore[method-assign]
    services = DependencyGraph._services_of  # a supplier's services indexed once by name
    DependencyGraph._services_of = keyed(lambda s, d, n: (doc_key(d), "services"), services)  # type: ignore[method-assign]
    unmatched = DependencyGraph._unmatched_names
    DependencyGraph._unmatched_names = _once("unmatched", unmatched)  # type: ignore[method-assign]
    # a supplier's facts: the walks' part for all, the supplier's own
    supplier_facts = Facts.supplier
    one = suppliers_module._supplier

    def own(facts: Facts, supplier: Document, *args: Any) -> Any:
        return node(("supplier", id(supplier)), lambda: one(facts, supplier, *args), pass_on=False)

    suppliers_module._supplier = own

    def supplier(self: Facts, document: Document) -> Any:
        value = node("routes", lambda: supplier_facts(self, document))
        if FRAMES and ("supplier", id(document)) in NODES:
            FRAMES[-1].uses.add(("supplier", id(document)))
        return value

    Facts.supplier = supplier  # type: ignore[method-assign]
    model_module._READERS["Supplier"] = supplier  # Facts.of's table holds the method itself
    # the frames: a declarative rule's document, a Python rule
    document = declarative.DeclarativeRule._document

    def pair(self: Any, base: Any, doc: Document, context: Any) -> Any:
        start = time.perf_counter()
        with frame() as found:
            if self.applies_to:
                scope = Facts.of(context.facts, doc)  # what its applies_to tested
                del scope
            result = document(self, base, doc, context)
        key = (self.info.code, doc_key(doc))
        previous = PAIRS.get(key, (Frame(), 0.0))
        previous[0].reads |= found.reads
        previous[0].uses |= found.uses
        PAIRS[key] = (previous[0], previous[1] + time.perf_counter() - start)
        NODES[("pair", *key)] = previous[0]
        return result

    declarative.DeclarativeRule._document = pair  # type: ignore[method-assign]
    evaluate = resilint.engine._evaluate

    def rule(r: Any, run: Any, params: Any, reported: Any) -> Any:
        def asked(code: str) -> Any:  # another rule's findings: all it read, passed on
            if FRAMES:
                FRAMES[-1].uses.add(("rule", code))
            return reported(code)

        start = time.perf_counter()
        with frame() as found:
            result = evaluate(r, run, params, asked)
        code = r.info.code
        if isinstance(r, declarative.DeclarativeRule):
            found.uses.update(("pair", *p) for p in PAIRS if p[0] == code)
        else:
            RULES[code] = (found, time.perf_counter() - start)
        NODES[("rule", code)] = found
        return result

    resilint.engine._evaluate = rule


def _per_document(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
    return lambda self, d: node((name, id(d)), lambda: original(self, d))


def _once(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
    return lambda self: node((name, id(self)), lambda: original(self))


def reaches(edit: tuple[str, str, Any, Any]) -> Callable[[Frame], bool]:
    """Whether the edit reaches a frame: its own reads, or a fact it used (memoised)."""
    known: dict[Any, bool] = {}

    def node_reached(key: Any) -> bool:
        if key not in known:
            known[key] = False  # a cycle reaches nothing new
            found = NODES.get(key)
            if found is None:  # a rule never evaluated (not selected): it reported nothing
                return False
            known[key] = reached(found.reads, edit) or any(map(node_reached, found.uses))
        return known[key]

    def test(found: Frame) -> bool:
        return reached(found.reads, edit) or any(map(node_reached, found.uses))

    test.node_reached = node_reached  # type: ignore[attr-defined]
    return test


def reached(deps: set[Dep], edit: tuple[str, str, Any, Any]) -> bool:
    key, field, old, new = edit
    if (key, field) in deps or (key, WHOLE) in deps:
        return True
    kind = key.split(":", 1)[0]
    values = {v for v in (old, new) if isinstance(v, str)}
    if field in ("name", "provider_id", "services") or field == "id":
        keys = {name_key(v) for v in values} | {"*"}
        if any(("names", k) in deps for k in keys):
            return True
        if any(d[:2] == ("names", "*") for d in deps):
            return True
        from resilint.domain.clouds import names_provider

        clouds = [d[1] for d in deps if d[0] == "cloud"]
        if any(names_provider(v, p) or name_key(v) == name_key(p) for v in values for p in clouds):
            return True
    if any(("having", kind, field, v) in deps for v in values):
        return True
    if field == "name" and any(("named", kind, v.casefold().strip()) in deps for v in values):
        return True
    # a reference field's table: its top-level field (a pattern's first step)
    return ("referrers", kind, field) in deps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repository", type=Path)
    parser.add_argument("--edit", action="append", default=[], help="Kind:id:field[=value]")
    parser.add_argument("--json", type=Path, help="what each edit reaches")
    args = parser.parse_args()
    patch()
    evaluate = resilint.engine.run_rules
    documents: dict[str, Document] = {}

    def noted(rules: Any, run: resilint.engine.Evaluation) -> Any:
        index = run.facts.index
        for d in index.documents:
            documents[doc_key(d)] = d
            object.__setattr__(d, "data", Watched(d.data, Seen(doc_key(d))))  # type: ignore[arg-type]
        fresh = dataclasses.replace(
            run, facts=Facts(index, run.facts.as_of, run.facts.definitions), jobs=1
        )
        start = time.perf_counter()
        result = evaluate(rules, fresh)  # the check's report is not wanted: evaluated once
        print(f"evaluated in {time.perf_counter() - start:.2f} s (with the notes)", file=sys.stderr)
        for d in index.documents:
            object.__setattr__(d, "data", dict(dict.items(d.data)))
        return result

    resilint.checker.run_rules = noted  # type: ignore[assignment]
    sys.argv = ["resilint", "check", str(args.repository), "--no-cache", "--jobs", "1"]
    sys.argv += ["--format", "json", "--fail-on", "never", "--as-of", "2026-11-26"]
    from resilint.cli import main as check

    with (
        Path(os.devnull).open("w") as discard,
        contextlib.redirect_stdout(discard),
        contextlib.suppress(SystemExit),
    ):
        check()
    reached_by = report(args.edit, documents)
    if args.json:
        import json

        args.json.write_text(json.dumps(reached_by), encoding="utf-8")


def report(edits: list[str], documents: dict[str, Document]) -> dict[str, Any]:
    import yaml

    out: dict[str, Any] = {}
    pair_time = sum(t for _, t in PAIRS.values())
    rule_time = sum(t for _, t in RULES.values())
    print(f"{len(PAIRS)} (rule, document) pairs, {pair_time:.2f} s; {len(RULES)} Python rules,")
    print(f"  {rule_time:.2f} s (facts built inside counted where first asked for)")
    print(f"{len(NODES)} facts; reads outside every frame: {len(INIT.reads)}")
    init_fields = sorted(
        {f"{k.split(':')[0]}.{f}" for k, f, *_ in INIT.reads if isinstance(k, str)}
    )
    print(f"  fields read outside: {', '.join(map(str, init_fields))[:400]}")
    for edit in edits:
        named, _, value = edit.partition("=")
        kind, doc_id, field = named.split(":")
        key = f"{kind}:{doc_id}"
        old = dict.get(documents[key].data, field) if key in documents else None
        new = (
            yaml.safe_load(value) if value else (f"(edit) {old}" if isinstance(old, str) else None)
        )
        change = (key, field, old, new)
        if (key, field) in INIT.reads or (key, WHOLE) in INIT.reads:
            print(f"{edit}: read while the model was built: reaches everything")
            out[edit] = {"pairs": [list(p) for p in PAIRS], "rules": list(RULES), "of": []}
            continue
        test = reaches(change)
        pairs = [(p, t) for p, (found, t) in PAIRS.items() if test(found)]
        rules = [(r, t) for r, (found, t) in RULES.items() if test(found)]
        facts = [n for n, found in NODES.items() if test(found)]
        via: defaultdict[str, int] = defaultdict(int)
        for p, _t in pairs:
            for used in PAIRS[p][0].uses:
                if test.node_reached(used):  # type: ignore[attr-defined]
                    via[_kind_of(used)] += 1
        by_rule: defaultdict[str, int] = defaultdict(int)
        for (code, _), _t in pairs:
            by_rule[code] += 1
        print(f"{edit}:")
        print(f"  the pairs reached through: {dict(via)}")
        print(
            f"  pairs {len(pairs)} of {len(PAIRS)} ({sum(t for _, t in pairs):.3f} s), "
            f"in {len(by_rule)} rules; most: {sorted(by_rule.items(), key=lambda x: -x[1])[:6]}"
        )
        print(
            f"  Python rules {len(rules)} of {len(RULES)} ({sum(t for _, t in rules):.2f} s): "
            f"{', '.join(sorted(r for r, _ in rules))}"
        )
        facts_time = sum(NODE_TIME.get(n, 0.0) for n in facts)
        print(f"  facts {len(facts)} of {len(NODES)} (their own builds {facts_time:.2f} s)")
        kinds: defaultdict[str, int] = defaultdict(int)
        for n in facts:
            kinds[_kind_of(n)] += 1
        print(f"  by kind of fact: {dict(kinds)}")
        why(change)
        out[edit] = {
            "pairs": [list(p) for p, _ in pairs],
            "rules": [r for r, _ in rules],
            "of": [k for k, v in NODE_KEYS.items() if v in facts],
        }
    return out


def _kind_of(key: Any) -> str:
    if isinstance(key, str):
        return key
    first = key[0]
    return first if isinstance(first, str) else getattr(first, "__name__", str(first))


def why(edit: tuple[str, str, Any, Any]) -> None:
    from collections import Counter

    counts: Counter[Any] = Counter()
    for found in NODES.values():
        if reached(found.reads, edit):
            for d in found.reads:
                if reached({d}, edit):
                    counts[d] += 1
    print("  why:", counts.most_common(8))


if __name__ == "__main__":
    main()
