"""A rule written in the rule language: select documents, bind related ones, require conditions."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from resilint.findings import Finding, JsonPath, Level, Part, Related, folded, format_json_path
from resilint.model import Document
from resilint.rules.expressions import Collection, Condition
from resilint.rules.model import RuleContext, RuleCrash, RuleInfo
from resilint.rules.paths import parse_path
from resilint.rules.runtime import MISSING, Env, Ref, render

if TYPE_CHECKING:
    from resilint.domain import Facts
    from resilint.domain.clauses import ClauseIds
    from resilint.domain.misnamed import Accepted

Binder = Callable[[Env], "Ref | list[Ref] | None"]


def in_scope(facts: Facts, kind: str, applies: dict[str, Any]) -> list[Document]:
    """The documents of ``kind`` an ``applies_to`` names, in the index's order. Found once per
    check: rules with the same ``applies_to`` (five say ``critical: true``) share the list."""
    lists = facts.derived(_scopes, None)
    key = (kind, repr(applies))  # equal for equal scopes
    found = lists.get(key)
    if found is None:
        from resilint.domain.model import fact_test  # the model is loaded: facts is one

        test = fact_test(applies)  # facts.matches, made once for the scope
        found = lists[key] = [d for d in facts.index.of_kind(kind) if test(facts.of(d))]
    return found


def _scopes(facts: Facts, _: None) -> dict[tuple[str, str], list[Document]]:
    """The documents in each scope asked for so far, by kind and ``applies_to``."""
    return {}


@dataclass(frozen=True)
class Requirement:
    """One ``require`` entry of a declarative rule: its test, guard, message and place."""

    test: Condition
    guard: Condition | None
    message: str
    at: tuple[str, ...] | None
    level: Level | None
    deferring: tuple[str, ...] = ()
    """The rules that report this gap in their own words where they run
    (``unless_reported_by``): where one does, at this field, this requirement says nothing."""
    field: tuple[str, ...] | None = None
    """The field the test reads, when it reads one (``that: {field: ...}``): what the gap is
    about, wherever ``at`` points."""
    unrecorded: str | None = None
    """The message where the field ``at`` points at is not recorded at all: that our record
    does not say, where :attr:`message` says the document lacks the term."""
    needs: tuple[tuple[str, ...], ...] = ()
    """The field paths its test and guard read (a computed name's, the fields it is computed
    from): those of the checked document go with the gap, which is not said while one of
    them fails the schema."""
    awaits: tuple[tuple[str, Callable[[Env, Accepted], list[Ref]]], ...] = ()
    """Each list of referrers (``referenced_by``) its test and guard read, with the documents
    whose reference names no document but most likely means the one whose referrers it lists
    (REF-01 says so): a gap that counting them would close (a critical function with no plan,
    where a plan names ``last-mile`` for ``last-mile-delivery``) follows from the reference
    alone, and is not said until it is corrected (:func:`_follows_from_reference`)."""
    reads: Callable[[], frozenset[str]] | None = None
    """The names it reads in its test, guard, message and place (a computed name standing for
    the names it is computed from): a document the rule binds is shown beside its finding only
    where one of its gaps reads it (None: every bound document, as a rule built in code says).
    Worked out when a gap is first said, not while the rule is compiled: a check of one file
    compiles every rule of its kinds and most say nothing."""
    clauses: tuple[tuple[str, ...], ...] = ()
    """The paths of :attr:`needs` and :attr:`at` that read a clause of a contract by its id
    (``contract.clauses['dora.30.2.a'].present``): where the record may hold a near miss of
    the id (:func:`_clauses_otherwise`). Picked out once, when the rule compiles."""


_Recorded = tuple[bool, tuple["Otherwise", ...]]
"""Whether the field a failed requirement points at is not recorded at all, and the keys the
record holds in place of fields it reads (:meth:`DeclarativeRule._recorded`)."""

_Said = dict[tuple[str, str | None, str | None, JsonPath], Level]
"""The fields other rules report, by file, kind, id and field, with the highest level."""

_SAID: weakref.WeakKeyDictionary[Callable[..., Any], dict[tuple[str, ...], _Said]] = (
    weakref.WeakKeyDictionary()
)
"""What the rules a requirement leaves its gap to report, indexed once per check (keyed by the
check's ``context.reported``, which lives as long as the check)."""


@dataclass(frozen=True)
class _Gap:
    """A failed requirement (or a missing section's), before gaps at one place are joined."""

    place: Ref
    message: str
    level: Level
    discriminator: str
    folds: tuple[Part, ...] = ()
    """A missing section's gap: each requirement it stands for, where and what it asks, so
    that a waiver narrowed to one of their fields waives that one only."""
    needs: tuple[JsonPath, ...] = ()
    """The fields of its document the gap was judged on (:attr:`Requirement.needs`)."""
    reads: frozenset[str] | None = None
    """The names its requirements read (:attr:`Requirement.reads`)."""
    listed: tuple[str, ...] = ()
    """What it says, one entry for each thing it asks, where a missing section stands for
    requirements that each point at the section (empty: its message): its finding lists them
    in its one list (``A (the whole notice section is missing); also: B``), never a list
    nested in the list of the other gaps it folds."""
    about: tuple[JsonPath, ...] = ()
    """The fields its requirements test where the gap points elsewhere (:func:`_about`)."""
    otherwise: tuple[Otherwise, ...] = ()
    """The keys its record holds in place of fields its requirements read
    (:meth:`DeclarativeRule._recorded`): shown beside its finding, each at its own line."""


@dataclass(frozen=True)
class DeclarativeRule:
    """A rule written in the rule language, compiled to closures over the documents."""

    info: RuleInfo
    kind: str
    name: str
    lets: tuple[tuple[str, Binder], ...]
    for_each: tuple[Collection, str, Condition] | None
    when: Condition | None
    requirements: tuple[Requirement, ...]
    applies_to: dict[str, Any] | None = None
    """The rule's ``applies_to`` facts: tested first, before anything is bound (most documents
    of a kind fall outside a scope such as ``critical: true``, and binding costs more)."""
    by_record: bool = False
    """``fold: record``: the gaps of one checked document (or item) are one finding, each part
    at its own field, instead of one finding per top-level section."""
    lead: str | None = None
    """The words every requirement's message begins with (a template): said once in a
    finding that folds several gaps, each gap after the first saying what follows them."""

    @property
    def asks(self) -> tuple[str, ...]:
        """The rules its requirements leave their gaps to (``unless_reported_by``): what it
        finds rests on whether a suppression accepts what they find, so a kept run is reused
        only while the same ones do (as a Python check's :func:`resilint.rules.python.asking`)."""
        return asked_of(r.deferring for r in self.requirements)

    def run(self, context: RuleContext) -> Iterator[Finding]:
        base = Env(context.facts, context.params)
        documents = (
            in_scope(context.facts, self.kind, self.applies_to)
            if self.applies_to
            else context.index.of_kind(self.kind)
        )
        for document in documents:
            try:
                found = self._document(base, document, context)
            except RuleCrash:
                raise
            except Exception as exc:  # named with the document, for the person who edits it
                raise RuleCrash(document, exc) from exc
            yield from found

    def selects(self, facts: Facts, params: Mapping[str, Any], document: Document) -> bool:
        """Whether the rule's ``when`` lets it judge ``document`` (its ``applies_to`` aside):
        for a reader that must tell a rule that ran on a document and found nothing from one
        whose own conditions left the document out (CTR-12 and an entity of a kind the NIS2
        implementing rules do not bind)."""
        if self.when is None:
            return True
        bindings: dict[str, Ref | list[Ref] | None] = {self.name: Ref(document, (), document.data)}
        env = Env(facts, params).with_bindings(bindings)
        for name, binder in self.lets:
            bindings[name] = binder(env)
        return bool(self.when(env))

    def judged(
        self, facts: Facts, params: Mapping[str, Any]
    ) -> Iterator[tuple[Document, JsonPath]]:
        """What the rule judges: each document its ``applies_to`` and ``when`` let in, with
        ``()``, or, for a rule over the items of a list (``for_each``), each item its ``where``
        lets in, with the item's path. For a reader that lists the dates the rule will hold
        them to (the calendar), so that both read the same documents."""
        base = Env(facts, params)
        documents = (
            in_scope(facts, self.kind, self.applies_to)
            if self.applies_to
            else facts.index.of_kind(self.kind)
        )
        for document in documents:
            bindings: dict[str, Ref | list[Ref] | None] = {
                self.name: Ref(document, (), document.data)
            }
            env = base.with_bindings(bindings)
            for name, binder in self.lets:
                bindings[name] = binder(env)
            if self.when is not None and not self.when(env):
                continue
            if self.for_each is None:
                yield document, ()
                continue
            for item_env in self._items(env):
                item = item_env.bindings.get(self.for_each[1])
                if isinstance(item, Ref) and item.document is document:
                    yield document, item.path

    def _document(self, base: Env, document: Document, context: RuleContext) -> list[Finding]:
        """The findings of one document: a list, most often empty (no generator a document)."""
        bindings: dict[str, Ref | list[Ref] | None] = {self.name: Ref(document, (), document.data)}
        env = base.with_bindings(bindings)
        for name, binder in self.lets:  # each let sees those before it; env is not shared yet
            bindings[name] = binder(env)
        if self.when is not None and not self.when(env):
            return []  # the rule does not apply to this document: its items are not visited
        if self.for_each is None:
            return self._check(env, context)
        found: list[Finding] = []
        for item_env in self._items(env):
            found += self._check(item_env, context)
        return found

    def _items(self, env: Env) -> Iterator[Env]:
        if self.for_each is None:
            yield env
            return
        collection, name, test = self.for_each
        for ref in collection(env):
            item_env = env.bind(name, ref)
            if test(item_env):
                yield item_env

    def _check(self, env: Env, context: RuleContext) -> list[Finding]:
        """One finding per section: the failed requirements of a section the document lacks are
        one gap, and the gaps within one top-level section of the checked document (or item)
        are one finding listing them, at the first."""
        failed = [
            (number, requirement)
            for number, requirement in enumerate(self.requirements)
            if (requirement.guard is None or requirement.guard(env))
            and not requirement.test(env)
            and not _follows_from_reference(requirement, env, context.accepted_references)
            and not self._said_elsewhere(requirement, env, context)
        ]
        if not failed:  # as for most documents
            return []
        by_block: dict[str | None, list[tuple[int, Requirement]]] = {}
        for number, requirement in failed:
            block = self._missing_block(requirement, env)
            by_block.setdefault(block, []).append((number, requirement))
        gaps: list[_Gap] = []
        for block, group in by_block.items():
            if block is None:
                gaps += [self._gap(r, env, context, f"require[{n}]") for n, r in group]
            else:  # a whole section is missing: one gap, not one per term of it
                gaps.append(self._gap(group[0][1], env, context, f"missing:{block}", group[1:]))
        base = self._base(env)
        by_section: dict[tuple[int, JsonPath], list[_Gap]] = {}
        for gap in gaps:
            section = gap.place.path[: len(base) + 1] if gap.place.path[: len(base)] == base else ()
            if self.by_record:
                section = base
            by_section.setdefault((id(gap.place.document), section), []).append(gap)
        return [self._finding(same, env, context) for same in by_section.values()]

    def _base(self, env: Env) -> JsonPath:
        """Where the checked thing sits: the list item of ``for_each``, else the document."""
        item = env.bindings.get(self.for_each[1]) if self.for_each else None
        return item.path if isinstance(item, Ref) else ()

    def _missing_block(self, requirement: Requirement, env: Env) -> str | None:
        """The top-level section a failed requirement tests inside, when the document lacks
        that section altogether (``cooperation:`` absent): its failures are one gap."""
        at = requirement.at
        if at is None or len(at) < 2:
            return None
        bound = env.bindings.get(at[0])
        if not isinstance(bound, Ref) or bound.path or not isinstance(bound.value, dict):
            return None
        return at[1] if bound.value.get(at[1]) in (None, {}, [], "") else None

    def _gap(
        self,
        requirement: Requirement,
        env: Env,
        context: RuleContext,
        discriminator: str,
        folded: Sequence[tuple[int, Requirement]] = (),
    ) -> _Gap:
        said = {
            id(r): self._recorded(r, env, context) for r in (requirement, *(r for _, r in folded))
        }
        message = message_alone = self._message(requirement, env, said[id(requirement)])
        listed: tuple[str, ...] = ()
        if folded:
            block = requirement.at[1] if requirement.at else ""
            fields = [_named(r.at[2:]) if r.at else "" for _, r in folded]
            if all(fields):  # name the other fields the missing section would hold
                also = ", ".join(dict.fromkeys(fields))
                verb = "is" if len(fields) == 1 else "are"
                message += f" (the whole {block} section is missing, so {also} {verb} missing too)"
            else:  # they point at the section itself: say what each would have asked
                others = [self._message(r, env, said[id(r)]) for _, r in folded]
                listed = (f"{message} (the whole {block} section is missing)", *others)
        level = self._level(requirement, context)
        place = self._place(requirement, env)
        lead = self._lead(env)
        needs = _needs(requirement, env, place)
        folds = (
            (
                Part(place.path, message_alone, lead, needs),
                *(
                    Part(
                        self._place(r, env).path,
                        self._message(r, env, said[id(r)]),
                        lead,
                        _needs(r, env, self._place(r, env)),
                    )
                    for _, r in folded
                ),
            )
            if folded
            else ()
        )
        about = tuple(
            dict.fromkeys(
                path
                for r in (requirement, *(r for _, r in folded))
                if (path := _about(r, env, place)) is not None
            )
        )
        otherwise = tuple(dict.fromkeys(o for _, found in said.values() for o in found))
        reads = requirement.reads() if requirement.reads is not None else None
        for _, other in folded:
            more = other.reads() if other.reads is not None else None
            reads = None if reads is None or more is None else reads | more
        return _Gap(
            place,
            message,
            level,
            discriminator,
            folds,
            needs,
            listed=listed,
            reads=reads,
            about=about,
            otherwise=otherwise,
        )

    def _finding(self, gaps: list[_Gap], env: Env, context: RuleContext) -> Finding:
        first = gaps[0]
        discriminator = first.discriminator
        parts: tuple[Part, ...] = ()
        lead = self._lead(env)
        message = folded([said for gap in gaps for said in gap.listed or (gap.message,)], lead)
        if len(gaps) > 1:  # several gaps in one section: one finding that lists them all
            base = self._base(env)
            discriminator = (
                "record:" + format_json_path(base)
                if self.by_record
                else "in:" + format_json_path(first.place.path[: len(base) + 1])
            )
        if len(gaps) > 1 or first.folds:
            parts = tuple(
                p
                for gap in gaps
                for p in (gap.folds or (Part(gap.place.path, gap.message, lead, gap.needs),))
            )
        note = f" (as of {context.as_of.isoformat()})" if self.info.time_aware else ""
        return context.locator.finding(
            self.info.code,
            self.info.name,
            max(gap.level for gap in gaps),
            message + note,
            first.place.document,
            first.place.path,
            related=self._related(env, first.place, context, _reads(gaps))
            + tuple(
                o.related(context) for o in dict.fromkeys(o for g in gaps for o in g.otherwise)
            ),
            discriminator=discriminator,
            parts=parts,
            needs=() if parts else first.needs,
            note=note,
            about=tuple(dict.fromkeys(path for gap in gaps for path in gap.about)),
        )

    def _lead(self, env: Env) -> str:
        """The words the rule's messages begin with, filled for this document ("" if none)."""
        return render(self.lead, env, parse_path) if self.lead is not None else ""

    def _message(self, requirement: Requirement, env: Env, said: _Recorded) -> str:
        """The requirement's message, or its ``unrecorded`` one where the field it points at is
        not recorded at all (what the record does not say is not what the contract lacks),
        saying what the record holds in place of a field it reads (:meth:`_recorded`)."""
        unrecorded, otherwise = said
        template = requirement.message
        if unrecorded and requirement.unrecorded is not None:
            template = requirement.unrecorded
        return render(template, env, parse_path) + "".join(o.words for o in otherwise)

    def _recorded(self, requirement: Requirement, env: Env, context: RuleContext) -> _Recorded:
        """Whether the field the failed requirement points at is not recorded at all (where it
        has an ``unrecorded`` message), and the keys the record holds in place of fields it
        reads: a key on that field's path written with other separators or case
        (:func:`_written_otherwise`), and each clause id the requirement reads that the
        contract holds only as a near miss (:func:`_clauses_otherwise`), each once."""
        found: Any = None
        if requirement.unrecorded is not None and requirement.at is not None:
            found = env.lookup(requirement.at)
        if not isinstance(found, Ref) or (found.value is not MISSING and found.value is not None):
            found = None
        written = (_written_otherwise(found),) if found is not None else ()
        ids = context.clause_ids if requirement.clauses else None
        if ids is None or not ids.meant:  # no clause id is a near miss: as in most checks
            return found is not None, tuple(o for o in written if o is not None)
        near = _clauses_otherwise([env.lookup(p) for p in requirement.clauses], ids)
        return found is not None, tuple(dict.fromkeys(o for o in (*written, *near) if o))

    def _level(self, requirement: Requirement, context: RuleContext) -> Level:
        """A requirement's level: its own, unless the configuration set the rule's."""
        if requirement.level is not None and context.level == self.info.level:
            return requirement.level
        return context.level

    def _said_elsewhere(self, requirement: Requirement, env: Env, context: RuleContext) -> bool:
        """Whether a rule the requirement leaves its gap to runs and reports it: a finding on
        the same document at the requirement's field (or folding a gap there, or about that
        field while placed elsewhere), at least as severe, so that the gap is neither said
        twice nor said more softly."""
        if not requirement.deferring or context.reported is None:
            return False
        subject = env.lookup(requirement.field) if requirement.field else None
        place = subject if isinstance(subject, Ref) else self._place(requirement, env)
        said = _said(context.reported, requirement.deferring, context.standing)
        document = place.document
        level = said.get((document.path, document.kind, document.id, place.path))
        return level is not None and level >= self._level(requirement, context)

    def _place(self, requirement: Requirement, env: Env) -> Ref:
        if requirement.at is not None:
            found = env.lookup(requirement.at)
            if isinstance(found, Ref):
                return found
        item = env.bindings.get(self.for_each[1]) if self.for_each else None
        if isinstance(item, Ref):
            return item
        main = env.bindings[self.name]
        assert isinstance(main, Ref)
        return Ref(main.document, ("id",), main.document.id)

    def _related(
        self, env: Env, place: Ref, context: RuleContext, reads: frozenset[str] | None = None
    ) -> tuple[Related, ...]:
        """The other documents the rule bound with let that the finding's gaps read (all where
        ``reads`` is None): shown beside the finding, so that a finding about an excess layer's
        own notice deadlines names the policy whose form it follows, not the one below it.
        A document two names bind is shown once."""
        related = []
        shown: list[Document] = [place.document]  # each document once, whatever names bind it
        for name, _ in self.lets:
            if reads is not None and name not in reads:
                continue
            bound = env.bindings.get(name)
            if isinstance(bound, Ref) and bound.path == () and bound.document not in shown:
                shown.append(bound.document)
                related.append(context.related(bound.document, ("id",), bound.document.label))
        return tuple(related)


@dataclass(frozen=True)
class Otherwise:
    """A key the record holds in place of one a failed requirement reads."""

    document: Document
    path: JsonPath
    """Where the key written otherwise is."""
    meant: str

    @property
    def written(self) -> str:
        return str(self.path[-1])

    @property
    def near_miss(self) -> bool:
        """Whether the key is misspelt, not only written with other separators or case."""
        return _letters(self.written) != _letters(self.meant)

    @property
    def words(self) -> str:
        """What the finding adds to its message."""
        how = f", a near miss of {self.meant}" if self.near_miss else ""
        return (
            f"; the record holds '{self.written}' instead{how}: if that is meant, write it as "
            f"{self.meant}"
        )

    def related(self, context: RuleContext) -> Related:
        """The key's place, shown beside the finding."""
        how = "a near miss of" if self.near_miss else "written otherwise than"
        return context.related(
            self.document, self.path, f"'{self.written}' is recorded here, {how} {self.meant}"
        )


def _written_otherwise(found: Ref) -> Otherwise | None:
    """Where the field an ``unrecorded`` message points at is missing because a key on its path
    is written another way (``dora.30.2c`` or ``dora_30_2_c`` for the clause ``dora.30.2.c``:
    the same letters and digits, other separators or case), that key: the key the record means
    would otherwise be read as nothing recorded, and the finding would seem to deny what the
    record says. Said only where one key is written so."""
    mapping: Any = found.document.data
    for depth, key in enumerate(found.path):
        if not isinstance(mapping, dict) or not isinstance(key, str):
            return None
        if key not in mapping:
            wanted = _letters(key)
            written = [k for k in mapping if isinstance(k, str) and _letters(k) == wanted]
            if len(written) != 1:
                return None
            return Otherwise(found.document, (*found.path[:depth], written[0]), key)
        mapping = mapping[key]
    return None


def _clauses_otherwise(read: Iterable[object], ids: ClauseIds) -> list[Otherwise]:
    """For each clause a failed requirement reads (``contract.clauses['nis2.staff_training']``)
    that the contract does not hold under that id, the key it holds that is a near miss of it
    (``nis2.staff_trainng``, :mod:`resilint.domain.clauses`): had the id been written right,
    the requirement would have read it, and the finding that says the clause is lacking or not
    recorded would seem to deny the record, or leave the person to find the slip."""
    found: list[Otherwise] = []
    for ref in read:
        if not isinstance(ref, Ref) or len(ref.path) < 2 or ref.path[0] != "clauses":
            continue
        contract, clause_id = ref.document, ref.path[1]
        clauses = contract.data.get("clauses") if contract.kind == "Contract" else None
        if not isinstance(clauses, dict) or not isinstance(clause_id, str) or clause_id in clauses:
            continue  # recorded, or no clause recorded at all: nothing written otherwise
        held = ids.held_for(contract, clause_id)
        if held is not None:
            found.append(Otherwise(contract, ("clauses", held), clause_id))
    return found


def _letters(key: str) -> str:
    """A key's letters and digits, in lower case: what stays when separators are mistyped."""
    return "".join(c for c in key.lower() if c.isalnum())


def _reads(gaps: Sequence[_Gap]) -> frozenset[str] | None:
    """The names the gaps' requirements read, together; None where one does not say."""
    found: frozenset[str] = frozenset()
    for gap in gaps:
        if gap.reads is None:
            return None
        found |= gap.reads
    return found


def _follows_from_reference(requirement: Requirement, env: Env, accepted: Accepted) -> bool:
    """Whether the failed requirement would hold with the documents that most likely mean to
    refer to the checked one counted among its referrers: its gap is the dangling reference's
    (REF-01), not one of its own. A gap that remains with them counted is said, and so is one
    whose reference a waiver of REF-01 accepts as it is (``accepted``): the waiver accepts the
    reference, not the gap it would otherwise hide."""
    if not requirement.awaits:
        return False
    bound = env
    for name, misnamed in requirement.awaits:
        extra = misnamed(env, accepted)
        listed = env.bindings.get(name)
        if extra and isinstance(listed, list):
            bound = bound.bind(name, [*listed, *extra])
    if bound is env:
        return False
    return (requirement.guard is None or bool(requirement.guard(bound))) and bool(
        requirement.test(bound)
    )


def _about(requirement: Requirement, env: Env, place: Ref) -> JsonPath | None:
    """The field of the gap's document its requirement tests, where the gap is placed
    elsewhere (``at: service`` for a missing ``exit_plan.reference``): what a requirement of
    another rule testing that field, and leaving its gap to this rule, looks for."""
    if requirement.field is None:
        return None
    subject = env.lookup(requirement.field)
    if not isinstance(subject, Ref) or subject.document is not place.document:
        return None
    return subject.path if subject.path and subject.path != place.path else None


def _needs(requirement: Requirement, env: Env, place: Ref) -> tuple[JsonPath, ...]:
    """The fields of the gap's document its requirement was judged on, other than its own
    place and the document's id (a wrongly formed id names the document well enough)."""
    found: list[JsonPath] = []
    for path in requirement.needs:
        ref = env.lookup(path)
        if (
            isinstance(ref, Ref)
            and ref.document is place.document
            and ref.path
            and ref.path[0] != "="
            and ref.path != ("id",)
            and ref.path != place.path
        ):
            found.append(ref.path)
    return tuple(dict.fromkeys(found))


def _named(path: tuple[str, ...]) -> str:
    """A field as the message names it: a clause by its id (``dora.30.2.b``), not by the
    ``present`` flag inside it that the rule tests."""
    if len(path) > 1 and path[-1] == "present":
        path = path[:-1]
    return ".".join(path)


def _said(
    reported: Callable[[str], Sequence[Finding]],
    codes: tuple[str, ...],
    standing: Callable[[Sequence[Finding]], Sequence[Finding]] | None = None,
) -> _Said:
    """The fields the rules ``codes`` report in this check (their findings' fields and the
    gaps they fold), indexed once for the check: in findings no waiver, inline comment or
    ``per_file_ignores`` accepts (``standing``), as :meth:`RuleContext.reported_about` counts
    them. A waiver accepts the risk of the finding it names, not the gap another rule asks of
    the same field for its own use, which that rule then says."""
    kept = _SAID.setdefault(reported, {})
    found = kept.get(codes)
    if found is None:
        found = kept[codes] = {}
        for code in codes:
            findings = reported(code)
            for finding in standing(findings) if standing is not None and findings else findings:
                paths = [part.json_path for part in finding.parts] or [finding.json_path]
                paths += finding.about  # the fields its gaps are about, placed elsewhere
                for path in paths:
                    key = (finding.path, finding.kind, finding.doc_id, path)
                    found[key] = max(found.get(key, finding.level), finding.level)
    return found


def asked_of(deferring: Iterable[Iterable[str]]) -> tuple[str, ...]:
    """The codes requirements leave their gaps to, each once, in the order named."""
    return tuple(dict.fromkeys(code for codes in deferring for code in codes))
