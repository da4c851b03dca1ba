"""BCM-09: each backup control behind a critical function restores on its own: its own latest
restore test, which BCM-06 (any passing test for the function) cannot see."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from resilint.domain.backups import critical_covered, critical_entities
from resilint.domain.documents import implemented_backup
from resilint.domain.lifecycle import shift
from resilint.domain.readers import as_date, listed, number, show_number, value_at
from resilint.findings import Finding, Level, Related
from resilint.model import Document
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck

RESTORE_TESTS = "backup_restore_test"
_BACKUPS = {
    "backup_immutable": "immutable backup",
    "backup_offline": "offline backup",
    RESTORE_TESTS: "restore testing",
}


def restore_test_max_age(context: RuleContext) -> float:
    """The configured ``restore_test_max_age_days``: 365 when not given; 0 is kept (a test of
    any earlier day is too old), not taken for unset."""
    limit = number(context.params.get("restore_test_max_age_days"))
    return 365.0 if limit is None else limit


def check_each_backup_restores(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """BCM-09: each backup control behind a critical function restores on its own. A failed
    latest restore test is reported whatever other controls show; a test older than the limit
    only where another control's passing test is what keeps BCM-06 from reporting it."""
    # each critical function with the entities whose systems a control must run on to cover it
    critical = critical_entities(context.facts)
    limit = restore_test_max_age(context)
    backups = [c for c in context.index.of_kind("Control") if implemented_backup(c)]
    failed: dict[tuple[datetime.date, tuple[str, ...]], list[Document]] = {}
    for control in backups:
        covered = critical_covered(control, critical)
        test = value_at(control.data, "last_restore_test")
        day = as_date(value_at(test, "date"))
        if not covered or day is None:
            continue
        if value_at(test, "result") == "fail":
            failed.setdefault((day, tuple(covered)), []).append(control)
            continue
        others = _others(context, backups, control, critical, limit)
        if day < shift(context.as_of, -int(limit)) and all(
            any(f in critical_covered(c, critical) for c in others) for f in covered
        ):
            yield _stale(context, info, control, day, covered, others, limit)
    for (day, functions), controls in failed.items():
        # controls that record one failed test (a backup and its restore-testing programme, on
        # the same day, for the same functions) are one finding
        others = _others(context, backups, controls[0], critical, limit)
        yield _failed(context, info, controls, day, list(functions), others)


def _others(
    context: RuleContext,
    backups: list[Document],
    control: Document,
    critical: dict[str, tuple[str, ...]],
    limit: float,
) -> list[Document]:
    """The other backup controls whose passing, recent test covers some of the functions this
    control covers."""
    covered = set(critical_covered(control, critical))
    return [
        c
        for c in backups
        if c is not control
        and _passed(context, c, limit)
        and covered & set(critical_covered(c, critical))
    ]


def _passed(context: RuleContext, control: Document, limit: float) -> bool:
    day = as_date(value_at(control.data, "last_restore_test", "date"))
    fresh = day is not None and shift(context.as_of, -int(limit)) <= day <= context.as_of
    return fresh and value_at(control.data, "last_restore_test", "result") == "pass"


def _failed(
    context: RuleContext,
    info: RuleInfo,
    controls: list[Document],
    day: datetime.date,
    covered: list[str],
    others: list[Document],
) -> Finding:
    control, *same = controls
    what = _BACKUPS[str(control.data.get("category"))]
    also = "".join(
        f" (and {_BACKUPS[str(c.data.get('category'))]} control {c.id}, which records the same "
        "failed test)"
        for c in same
    )
    if control.data.get("category") == RESTORE_TESTS:
        # a restore-testing programme keeps no copy of its own: what failed is a backup it tested
        why = (
            "a backup it tested did not restore, so it may not when it is needed, and a "
            "passing test recorded on another control does not show that it does"
        )
    else:
        why = (
            "the copy it keeps may not restore when it is needed, and a passing test of "
            "another backup does not show that this one does"
        )
    message = (
        f"the latest restore test of {what} control {control.id}{also} failed on "
        f"{day.isoformat()}: {why} (it covers {listed(covered)}). Repair the restore, test it "
        "again and record the result under last_restore_test" + _as_of(context)
    )
    related = tuple(
        context.related(c, ("last_restore_test", "result"), f"failed restore test of {c.label}")
        for c in same
    ) + _other_tests(context, others)
    return context.finding(info, control, ("last_restore_test", "result"), message, related)


def _stale(
    context: RuleContext,
    info: RuleInfo,
    control: Document,
    day: datetime.date,
    covered: list[str],
    others: list[Document],
    limit: float,
) -> Finding:
    what = _BACKUPS[str(control.data.get("category"))]
    message = (
        f"{what} control {control.id} was last restored in a test on {day.isoformat()}, more "
        f"than {show_number(limit)} days ago: other backups' recent tests cover {listed(covered)}, "
        "but not this copy; test a restore from it and record the result under "
        "last_restore_test" + _as_of(context)
    )
    related = _other_tests(context, others)
    at = ("last_restore_test", "date")
    return context.finding(info, control, at, message, related, level=Level.WARNING)


def _other_tests(context: RuleContext, others: list[Document]) -> tuple[Related, ...]:
    return tuple(
        context.related(c, ("last_restore_test",), f"passing restore test of {c.label}")
        for c in others
    )


def _as_of(context: RuleContext) -> str:
    return f" (as of {context.as_of.isoformat()})"


CHECKS: dict[str, PythonCheck] = {
    "each-backup-restores": check_each_backup_restores,  # BCM-09
}
