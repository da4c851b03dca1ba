"""A deadline, the intervals recurring ones follow, and the kinds of deadline
(:mod:`resilint.report.deadlines` lists them)."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from resilint.domain.misnamed import Accepted
from resilint.domain.readers import integer
from resilint.findings import JsonPath, format_json_path
from resilint.model import Document

DEFAULT_DAYS = 180
CATEGORIES = {
    "contract-end": "contract ends",
    "notice": "notice deadline",
    "auto-renewal": "auto-renewal",
    "policy-renewal": "policy renewal",
    "waiver-expiry": "waiver expires",
    "assessment": "assessment due",
    "exercise": "exercise due",
    "exercise-planned": "exercise planned",
    "exercise-finding": "exercise finding due",
    "restore-test": "restore test due",
    "contract-review": "contract review due",
    "rotation": "credential rotation due",
    "certificate": "certificate expires",
    "exit-plan": "exit plan test or review due",
    "control-evidence": "control evidence due",
    "claims-evidence": "claims evidence update due",
    "criticality": "criticality assessment due",
    "function-test": "function test due",
    "backup-test": "backup's own restore test due",
    "insurance-renewal": "insurance renewal due",
    "scenario-exercise": "scenario exercise due",
    "exercise-invitations": "exercise invitations due",
    "nydfs-certification": "NYDFS certification due",
}
"""Each kind of deadline and how it reads."""

RULE_OF = {
    "assessment": "SUP-04",
    "exercise": "EXR-01",
    "exercise-planned": "EXR-05",
    "exercise-finding": "EXR-03",
    "restore-test": "BCM-06",
    "contract-review": "CTR-14",
    "rotation": "IAM-02",
    "certificate": "IAM-02",
    "exit-plan": "SUP-08",
    "control-evidence": "INS-02",
    "claims-evidence": "EVD-01",
    "criticality": "BCM-02",
    "function-test": "EXR-04",
    "backup-test": "BCM-09",
    "insurance-renewal": "INS-06",
    "scenario-exercise": "EXR-02",
    "exercise-invitations": "EXR-02",
    "nydfs-certification": "ENT-02",
}
"""The rule that reports each kind of deadline once it has passed; the dates the documents
record themselves (a contract's end, a waiver's expiry) have none."""


REVIEWED = (
    "BCM-02",
    "CTR-14",
    "EXR-03",
    "EXR-04",
    "EXR-05",
    "IAM-02",
    "INS-02",
    "SUP-04",
    "SUP-08",
)
"""The rules in the rule language whose dated checks the calendar lists
(:mod:`resilint.report.reviews` and :mod:`resilint.report.recurring`), read from what each
judges."""


@dataclass(frozen=True)
class Intervals:
    """What the rules ask, so that a deadline falls when its rule starts to report: how long
    an assessment, an exercise and a restore test stay current (the rules' parameters), and
    the references a waiver of REF-01 accepts as they are."""

    assessment_days: Mapping[int, int] = field(default_factory=lambda: {1: 365, 2: 730, 3: 1095})
    """SUP-04 ``max_age_days``, by tier in effect."""
    exercise_days: int = 365
    """EXR-01 ``max_age_days``."""
    restore_test_days: int = 365
    """BCM-06 ``restore_test_max_age_days``."""
    accepted: Accepted = frozenset()
    """The misnamed references a standing waiver of REF-01 accepts: rules judge them as they
    are, not as the name most likely meant (:func:`resilint.domain.misnamed.unaccepted`)."""
    params: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Every rule's parameters by code, for the cycles of the rules below."""
    judged: Mapping[str, tuple[tuple[Document, JsonPath], ...]] = field(default_factory=dict)
    """For each rule of :data:`REVIEWED` that runs: what it judges (each document, or item of a
    list, by its path), confined to its regimes as its findings are. A rule that does not run
    lists nothing."""
    running: frozenset[str] = frozenset()
    """The codes of the rules that run (the profiles, the selection, the entities' regimes):
    the checks in Python (EVD-01, EXR-01, EXR-02, BCM-06, BCM-09, INS-06, ENT-02) list their dates
    only when they run."""

    def days(self, code: str, name: str, default: int) -> int:
        """A rule's parameter counting days, as configured (``default`` where it is not one)."""
        found = integer(self.params.get(code, {}).get(name))
        return found if found is not None else default

    @classmethod
    def from_params(
        cls,
        params: Mapping[str, Mapping[str, Any]],
        accepted: Accepted = frozenset(),
        judged: Mapping[str, tuple[tuple[Document, JsonPath], ...]] | None = None,
        running: frozenset[str] = frozenset(),
    ) -> Intervals:
        """From the rules' parameters by code (rule defaults merged with the configuration)."""
        default = cls()
        ages = params.get("SUP-04", {}).get("max_age_days")
        assessment = dict(default.assessment_days)
        if isinstance(ages, Mapping):
            for tier, days in ages.items():
                if str(tier).isdigit() and integer(days) is not None:
                    assessment[int(tier)] = int(days)
        exercise = integer(params.get("EXR-01", {}).get("max_age_days"))
        restore = integer(params.get("BCM-06", {}).get("restore_test_max_age_days"))
        return cls(
            assessment,
            exercise if exercise is not None else default.exercise_days,
            restore if restore is not None else default.restore_test_days,
            accepted,
            params,
            judged or {},
            running,
        )


@dataclass(frozen=True)
class Deadline:
    """A date the programme must act by, for the report's calendar."""

    day: datetime.date | None
    """None when nothing was ever recorded (never assessed, never exercised): due now."""
    category: str
    title: str
    detail: str
    document: Document
    json_path: JsonPath
    """The field the date comes from (or would)."""
    owner: str | None = None
    restored_from: tuple[Document, ...] = ()
    """The controls a restore test of any of which meets it: the backups behind the functions
    of a restore test BCM-06 asks, the control itself for the evidence INS-02 asks of a
    restore-testing control; empty for the others (:func:`.deadlines.upcoming` joins the two
    where one test meets both)."""
    joined: tuple[tuple[str, Document], ...] = ()
    """The rules of the entries joined into this one, each with the document its finding is
    placed on (INS-02's, at the control whose evidence it asks, in a restore test BCM-06 asks
    at the first backup copy)."""
    accepted: str = ""
    """How the finding its rule reports on the document is accepted, in words, where the check
    suppresses it (a waiver, an inline comment, the baseline); empty where it is not."""
    line: int = 0
    """The line of the field the date comes from, or of its nearest parent where the field is
    missing (as a finding is placed); 0 until placed: the document's first line is shown."""

    @property
    def at(self) -> int:
        """The line to show for the deadline: its field's, else its document's."""
        return self.line or self.document.line

    @property
    def rules(self) -> tuple[str, ...]:
        """The rules that report this deadline once it has passed (none for a date a document
        records itself)."""
        return tuple(dict.fromkeys(code for code, _ in self.placed))

    @property
    def placed(self) -> tuple[tuple[str, Document], ...]:
        """Each rule that reports this deadline, with the document its finding is placed on:
        where ``per_file_ignores``, a waiver or an inline comment is read for it."""
        own = RULE_OF.get(self.category)
        return (*([(own, self.document)] if own else []), *self.joined)

    def overdue(self, as_of: datetime.date) -> bool:
        return self.day is None or self.day < as_of

    @property
    def uid(self) -> str:
        """Stable across runs and date changes: what the deadline is, not when it falls."""
        key = "\x1f".join(
            [
                self.category,
                self.document.kind,
                str(self.document.id or self.document.path),
                format_json_path(self.json_path),
            ]
        )
        return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
