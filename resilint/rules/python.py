"""Rules the rule language cannot express well are Python functions under a typed interface,
registered explicitly in :data:`resilint.rules.builtin.PYTHON_CHECKS` (never by import side effect).
Their documentation lives in ``rules/*.yaml`` like every other rule's, naming the check.

A check builds each finding complete with ``context.finding(info, document, json_path, message)``
and the other places involved with ``context.related(document, json_path, message)``; with
``judged_on`` it names the fields it judged the finding on, so that the finding waits while one
of them fails the schema.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from resilint.findings import Finding
from resilint.rules.model import RuleContext, RuleInfo

if TYPE_CHECKING:
    from resilint.model import Index


class PythonCheck(Protocol):
    def __call__(self, context: RuleContext, info: RuleInfo) -> Iterator[Finding]: ...


_Check = TypeVar("_Check", bound=PythonCheck)


def reading(model: str, after: tuple[str, ...] = ()) -> Callable[[_Check], _Check]:
    """Marks a check that reads a model built on first use and kept for the check (the DORA
    register of an entity): the checks reading one model are evaluated by one process, one
    after the other, so that it is built once (:mod:`resilint.parallel`). ``after``: the codes
    of the rules whose findings it asks for (``context.reported``), evaluated before it by the
    same process."""

    def mark(check: _Check) -> _Check:
        setattr(check, "reads_model", model)  # noqa: B010 - a function's attribute
        setattr(check, "after", after)  # noqa: B010
        return check

    return mark


def asking(*codes: str) -> Callable[[_Check], _Check]:
    """Marks a check that leaves a gap to other rules (``context.reported_about``): what it
    finds rests on what those rules report, and on whether a suppression accepts it (a kept run
    is reused only while the same ones do). They are evaluated before it, by the same process, as a
    :func:`reading` check's ``after`` are. A built-in check's codes are known without its
    import too (:data:`resilint.rules.builtin.ASKS`)."""

    def mark(check: _Check) -> _Check:
        earlier = tuple(getattr(check, "after", ()))
        setattr(check, "after", (*earlier, *(c for c in codes if c not in earlier)))  # noqa: B010
        setattr(check, "asks", codes)  # noqa: B010 - a function's attribute
        return check

    return mark


@dataclass(frozen=True)
class PythonRule:
    """A rule whose check is a Python function (a built-in check's or a plug-in's)."""

    info: RuleInfo
    check: PythonCheck

    def run(self, context: RuleContext) -> Iterator[Finding]:
        if self.idle(context.index):
            return iter(())
        return self.check(context, self.info)

    def idle(self, index: Index) -> bool:
        """Whether the check has nothing to examine: it names the kinds of document its findings
        start from (a built-in check's ``needs``) and the repository holds none of them. Then
        it is not run, and a built-in check's module is not even imported."""
        needs: tuple[str, ...] | None = getattr(self.check, "needs", None)
        return needs is not None and not any(index.of_kind(kind) for kind in needs)

    @property
    def model(self) -> str:
        """The model it reads, shared with other checks (:func:`reading`), or ''."""
        return str(getattr(self.check, "reads_model", ""))

    @property
    def after(self) -> tuple[str, ...]:
        """The rules whose findings it asks for (:func:`reading`)."""
        return tuple(getattr(self.check, "after", ()))

    @property
    def asks(self) -> tuple[str, ...]:
        """The rules it leaves gaps to, counting only findings no suppression accepts
        (:func:`asking`)."""
        return tuple(getattr(self.check, "asks", ()))
