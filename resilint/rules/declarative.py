"""A rule written in the rule language: select documents, bind related ones, require conditions."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from resilint.findings import Finding, Level, Related
from resilint.model import Document
from resilint.rules.expressions import Collection, Condition
from resilint.rules.model import RuleContext, RuleCrash, RuleInfo
from resilint.rules.paths import parse_path
from resilint.rules.runtime import Env, Ref, render

Binder = Callable[[Env], "Ref | list[Ref] | None"]


@dataclass(frozen=True)
class Requirement:
    test: Condition
    guard: Condition | None
    message: str
    at: tuple[str, ...] | None
    level: Level | None


@dataclass(frozen=True)
class DeclarativeRule:
    info: RuleInfo
    kind: str
    name: str
    lets: tuple[tuple[str, Binder], ...]
    for_each: tuple[Collection, str, Condition] | None
    when: Condition | None
    requirements: tuple[Requirement, ...]

    def run(self, context: RuleContext) -> Iterator[Finding]:
        base = Env(context.facts, context.params)
        for document in context.index.of_kind(self.kind):
            try:
                yield from self._document(base, document, context)
            except RuleCrash:
                raise
            except Exception as exc:  # named with the document, for the person who edits it
                raise RuleCrash(document, exc) from exc

    def _document(self, base: Env, document: Document, context: RuleContext) -> Iterator[Finding]:
        env = base.bind(self.name, Ref(document, (), document.data))
        for name, binder in self.lets:
            env = env.bind(name, binder(env))
        if self.when is not None and not self.when(env):
            return  # the rule does not apply to this document: its items are not visited
        for item_env in self._items(env):
            yield from self._check(item_env, context)

    def _items(self, env: Env) -> Iterator[Env]:
        if self.for_each is None:
            yield env
            return
        collection, name, test = self.for_each
        for ref in collection(env):
            item_env = env.bind(name, ref)
            if test(item_env):
                yield item_env

    def _check(self, env: Env, context: RuleContext) -> Iterator[Finding]:
        for number, requirement in enumerate(self.requirements):
            if requirement.guard is not None and not requirement.guard(env):
                continue
            if requirement.test(env):
                continue
            yield self._problem(requirement, env, context, f"require[{number}]")

    def _problem(
        self, requirement: Requirement, env: Env, context: RuleContext, discriminator: str
    ) -> Finding:
        place = self._place(requirement, env)
        message = render(requirement.message, env, parse_path)
        if self.info.time_aware:
            message += f" (as of {context.as_of.isoformat()})"
        level = context.level
        if requirement.level is not None and context.level == self.info.level:
            level = requirement.level
        return context.locator.finding(
            self.info.code,
            self.info.name,
            level,
            message,
            place.document,
            place.path,
            related=self._related(env, place, context),
            discriminator=discriminator,
        )

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

    def _related(self, env: Env, place: Ref, context: RuleContext) -> tuple[Related, ...]:
        """The other documents the rule bound with let: shown beside the finding."""
        related = []
        for name, _ in self.lets:
            bound = env.bindings.get(name)
            if isinstance(bound, Ref) and bound.document != place.document and bound.path == ():
                related.append(context.related(bound.document, ("id",), bound.document.label))
        return tuple(related)
