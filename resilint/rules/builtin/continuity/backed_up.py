"""BCM-06: each critical function has an implemented immutable or offline backup, and a restore
test of the backups behind it passed within the limit. A test out of date is one finding at the
control whose test it is, naming every function it leaves untested: one test to run, recorded in
one place, whatever the number of functions the copy serves. Likewise a backup copy recorded but
not yet in operation (planned) is one finding at that control, naming every function it would
cover and no implemented copy does."""

from __future__ import annotations

from collections.abc import Iterator

from resilint.domain.backups import held_by_regulated_firms, misspelling_controls
from resilint.domain.controls import covers_function
from resilint.domain.documents import (
    BACKUP_COPIES,
    control_categories,
    implemented_backup,
    restore_test_words,
)
from resilint.domain.lifecycle import shift
from resilint.domain.readers import among, as_date, in_order, listed, strings, text_of, value_at
from resilint.findings import Finding, JsonPath
from resilint.model import Document
from resilint.rules.builtin.continuity.backups import restore_test_max_age
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck

COPIES = BACKUP_COPIES


def check_backups_behind_critical_functions(
    context: RuleContext, info: RuleInfo
) -> Iterator[Finding]:
    """A function no backup copy covers is reported at the function. One whose backups have no
    restore test that passed within the limit joins the others that the same controls cover, in
    one finding at the first copy's last_restore_test. A failed latest test is BCM-09's."""
    limit = int(restore_test_max_age(context))
    controls = [c for c in context.index.of_kind("Control") if implemented_backup(c)]
    pending = [c for c in in_order(context.index.of_kind("Control")) if _pending_copy(c)]
    untested: dict[tuple[int, ...], tuple[list[Document], list[Document]]] = {}
    uncopied: dict[int, tuple[Document, list[Document]]] = {}
    for function in in_order(context.facts.critical_functions()):
        if held_by_regulated_firms(context.facts, function):
            continue
        # a control naming the function misspelt covers it, as correcting it will (REF-01)
        meant = misspelling_controls(context.facts, str(function.id), context.accepted_references)
        entities = context.facts.function(function).entities  # whose systems a control must run on
        behind = [c for c in controls if covers_function(c, function.id, entities, meant)]
        copies = [c for c in behind if c.data.get("category") in COPIES]
        if not copies:
            # a copy that is planned (or partial) and would cover it: one gap, that control's
            planned = next(
                (c for c in pending if covers_function(c, function.id, entities, meant)), None
            )
            if planned is None:
                # judged on what each control that may cover it is: a category or status that
                # fails the schema ('Backup_immutable', 'Implemented') reads as no copy
                judged = [
                    place
                    for c in context.index.of_kind("Control")
                    if covers_function(c, function.id, entities, meant)
                    for place in _may_copy(c)
                ]
                yield _no_copy(context, info, function, judged)
            else:
                uncopied.setdefault(id(planned), (planned, []))[1].append(function)
        elif not any(_passed(context, c, limit) or _failed(c) for c in behind):
            # the copies first: the finding sits at the test of a copy, a programme is related
            ordered = sorted(behind, key=lambda c: c.data.get("category") not in COPIES)
            untested.setdefault(tuple(id(c) for c in ordered), (ordered, []))[1].append(function)
    for control, functions in uncopied.values():
        yield _not_in_operation(context, info, control, functions)
    for behind, functions in untested.values():
        yield _untested(context, info, behind, functions, limit)


def _may_copy(control: Document) -> list[tuple[Document, JsonPath]]:
    """The fields that decide whether a control is a backup copy in operation, where they may:
    a copy's status ('Implemented' fails the schema), a category the schema does not know
    ('Backup_immutable'); not those of a control of another category (a DLP control)."""
    category = control.data.get("category")
    if category in COPIES:
        return [(control, ("status",)), (control, ("functions",))]
    return [] if among(category, control_categories()) else [(control, ("category",))]


def _pending_copy(control: Document) -> bool:
    """A backup copy recorded but not in operation (planned, partial or no status)."""
    return control.data.get("category") in COPIES and control.data.get("status") != "implemented"


def _passed(context: RuleContext, control: Document, limit: int) -> bool:
    day = as_date(value_at(control.data, "last_restore_test", "date"))
    fresh = day is not None and shift(context.as_of, -limit) <= day <= context.as_of
    return fresh and bool(value_at(control.data, "last_restore_test", "result") == "pass")


def _failed(control: Document) -> bool:
    """A failed latest test that BCM-09 reports: one with its date (an undated one, which BCM-09
    cannot place in time, is no passing test here either)."""
    test = value_at(control.data, "last_restore_test")
    return value_at(test, "result") == "fail" and as_date(value_at(test, "date")) is not None


def _what(functions: list[Document]) -> str:
    """``critical functions a, b and c``: their criticality, as the rule cares about it."""
    kinds = dict.fromkeys(text_of(f.data.get("criticality")) or "critical" for f in functions)
    plural = "s" if len(functions) > 1 else ""
    names = listed([str(f.id) for f in functions])
    return f"{' or '.join(kinds)} function{plural} {names}"


def _no_copy(
    context: RuleContext,
    info: RuleInfo,
    function: Document,
    judged: list[tuple[Document, JsonPath]],
) -> Finding:
    message = (
        f"{_what([function])} has no implemented immutable or offline backup: record a Control "
        "of category backup_immutable or backup_offline that covers it" + _as_of(context)
    )
    return context.finding(info, function, ("id",), message, judged_on=judged)


def _not_in_operation(
    context: RuleContext, info: RuleInfo, control: Document, functions: list[Document]
) -> Finding:
    """Functions whose only backup copy is one not yet in operation: one gap, at the control
    whose status closes it, naming every function it leaves without a copy."""
    status = text_of(control.data.get("status"))
    state = f"is {status}" if status else "records no status"
    have = "has" if len(functions) == 1 else "have"
    message = (
        f"control {control.id} ({control.data.get('category')}) {state}, so {_what(functions)} "
        f"{have} no implemented immutable or offline backup: put it into operation and record "
        "status: implemented, or record another backup copy that covers "
        + ("it" if len(functions) == 1 else "them")
        + _as_of(context)
    )
    related = tuple(
        context.related(f, ("id",), f"{_what([f])} without a backup copy") for f in functions
    )
    at = ("status",) if status else ("id",)
    return context.finding(info, control, at, message, related)


def _untested(
    context: RuleContext,
    info: RuleInfo,
    behind: list[Document],
    functions: list[Document],
    limit: int,
) -> Finding:
    control, *others = behind
    tests = _tests(context, behind, functions[0])
    message = (
        f"no restore test of the backups behind {_what(functions)} passed in the last {limit} "
        f"days ({tests}): test a restore from control {control.id} and record the date and "
        "result under its last_restore_test" + _as_of(context)
    )
    related = (
        *(context.related(f, ("id",), f"{_what([f])} relies on this backup") for f in functions),
        *(context.related(c, ("last_restore_test",), f"restore test of {c.label}") for c in others),
    )
    key = "+".join(sorted(str(c.id) for c in behind))
    at = ("last_restore_test", "date")
    # a test whose date or result fails the schema ('Pass') reads as none that passed
    judged = [(c, ("last_restore_test",)) for c in behind]
    return context.finding(info, control, at, message, related, discriminator=key, judged_on=judged)


def _tests(context: RuleContext, behind: list[Document], function: Document) -> str:
    """The latest restore test of each control behind ``function``, in words; a control that
    covers it only through a misspelt name says the name as written and that no function has it
    (REF-01 names the one meant), so the reader sees why it counts."""
    meant = misspelling_controls(context.facts, str(function.id), context.accepted_references)
    said = []
    for control in behind:
        written = [
            f"'{name}'"
            for name in strings(control.data.get("functions"))
            if context.index.get("BusinessFunction", name) is None
        ]
        spelt = (
            f", which lists it as {listed(written)}, a function not found"
            if control in meant
            else ""
        )
        said.append(f"control {control.id}{spelt}: {restore_test_words(control.data)}")
    return "; ".join(said)


def _as_of(context: RuleContext) -> str:
    return f" (as of {context.as_of.isoformat()})"


CHECKS: dict[str, PythonCheck] = {
    "backups-behind-critical-functions": check_backups_behind_critical_functions,  # BCM-06
}
