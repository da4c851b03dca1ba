"""``resilint waive CODE...``: a Waiver document where the repository keeps its waivers,
refused when EXC-01 would refuse it: an expiry past the maximum duration, no approver, or an
approver the configuration does not allow for the rule (for each rule, when one decision
accepts several: the waiver then lists them under ``rules``)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from resilint.core_checks import CORE_CHECKS
from resilint.domain.lifecycle import shift
from resilint.domain.waivers import same_person
from resilint.edit.new import check_valid
from resilint.edit.output import note
from resilint.edit.place import place, write_document
from resilint.edit.render import render
from resilint.edit.repository import Repository, open_repository
from resilint.errors import ExitCode, UsageError
from resilint.model import Document
from resilint.quoting import quoted
from resilint.suggest import did_you_mean
from resilint.validate import API_VERSION
from resilint.waiver_targets import field_problem

RULE = "EXC-01"


@dataclass(frozen=True)
class WaiveArgs:
    """What ``resilint waive`` was asked: the rules, its targets and the waiver's terms."""

    codes: tuple[str, ...]
    """One rule (the waiver's rule) or several accepted in one decision (its rules)."""
    targets: tuple[str, ...]
    reason: str
    until: datetime.date | None
    owner: str
    approver: str | None = None
    approved_on: datetime.date | None = None
    controls: tuple[str, ...] = ()
    at: str | None = None
    """Only the findings at this field of the targets (the waiver's targets[].field)."""
    naming: tuple[str, ...] = ()
    """Only the findings naming each of these (targets[].naming)."""
    waiver_id: str | None = None
    target: Path | None = None
    diff: bool = False
    config: Path | None = None


def run_waive(args: WaiveArgs) -> int:
    repository = open_repository(args.config)
    codes = tuple(dict.fromkeys(_code(repository, code) for code in args.codes))
    if not codes:
        raise UsageError("name the rule to waive: resilint waive CODE (or --rule CODE)")
    targets = [_target(repository, text) for text in args.targets]
    if args.at is not None:
        for kind, name in targets:
            _check_field(repository, kind, name, args.at)
    approved = args.approved_on or datetime.date.today()
    if args.until is None:
        raise UsageError("--until is required: every waiver ends")
    _check_duration(repository, approved, args.until)
    for code in codes:
        _check_approver(repository, code, args.approver)
    if not args.approver:
        raise UsageError(
            "--approver is required: a waiver that names no approver suppresses nothing "
            f"({RULE}); pass --approver WHO, the person or role who accepted the risk "
            "(for example --approver ciso)"
        )
    compared = same_person(args.approver, args.owner)
    if compared is not None and _params(repository).get("separate_approver") is True:
        shown = f" ({compared})" if compared else ""
        note(
            f"note: --approver {args.approver} is also the risk owner (--owner){shown}: by market "
            "practice (the four-eyes principle) someone other than the risk owner approves a "
            f"waiver, and {RULE} warns of this one until another person approves it"
        )
    named = "-".join(code.lower().replace("-", "") for code in codes)
    name = args.waiver_id or f"waiver-{named}-{targets[0][1]}"
    if repository.index.get("Waiver", name) is not None:
        raise UsageError(f"there is already a Waiver '{name}'; choose another with --id")
    data: dict[str, Any] = {
        "apiVersion": API_VERSION,
        "kind": "Waiver",
        "id": name,
        **({"rule": codes[0]} if len(codes) == 1 else {"rules": list(codes)}),
        "targets": [_narrowed(kind, target, args) for kind, target in targets],
        "rationale": args.reason,
    }
    if args.controls:
        data["compensating_controls"] = list(args.controls)
    data["risk_owner"] = args.owner
    data["approver"] = args.approver
    data |= {"approved_on": approved.isoformat(), "expires": args.until.isoformat()}
    placement = place(repository, "Waiver", name, args.target)
    header = (f"Waiver of {', '.join(codes)}, written by `resilint waive`.",)
    text = render(data, {}, header)
    check_valid(repository, Document(str(placement.path), 0, 1, "Waiver", name, data), text)
    write_document(repository, placement, text, args.diff)
    return ExitCode.OK


def _narrowed(kind: str, target: str, args: WaiveArgs) -> dict[str, Any]:
    """A target, narrowed to a field or to findings naming given things where asked."""
    narrowed: dict[str, Any] = {"kind": kind, "id": target}
    if args.at is not None:
        narrowed["field"] = args.at
    if args.naming:
        narrowed["naming"] = list(args.naming)
    return narrowed


def _code(repository: Repository, code: str) -> str:
    known = {rule.info.code for rule in repository.rules} | set(CORE_CHECKS)
    wanted = code.upper()
    if wanted not in known:
        hint = did_you_mean(wanted, sorted(known))
        shown = quoted(code, len(code))  # whole: the error as a whole is cut if need be
        raise UsageError(f"no rule or check named {shown}{hint}")
    return wanted


def _target(repository: Repository, text: str) -> tuple[str, str]:
    kind, name = _found(repository, text)
    if kind == "Waiver":
        raise UsageError(
            f"--target {text}: a waiver's findings are never waived (EXC-02): correct the "
            "waiver itself"
        )
    return kind, name


def _check_field(repository: Repository, kind: str, name: str, field: str) -> None:
    document = repository.index.get(kind, name)
    problem = field_problem(repository.schemas, document, field) if document else None
    if problem is not None:
        raise UsageError(f"--field {quoted(field, 80)} {problem}")


def _found(repository: Repository, text: str) -> tuple[str, str]:
    kind_text, sep, name = text.rpartition("/")
    index = repository.index
    if sep:
        kind = repository.kind(kind_text)
        if index.get(kind, name) is None:
            raise UsageError(f"--target {text}: there is no {kind} '{name}'")
        return kind, name
    kinds = [doc.kind for doc in index.documents if doc.id == name]
    if len(set(kinds)) != 1:
        where = (
            "no document has" if not kinds else f"{', '.join(sorted(set(kinds)))} documents have"
        )
        raise UsageError(f"--target {text}: {where} this id; write KIND/ID")
    return kinds[0], name


def _params(repository: Repository) -> Mapping[str, Any]:
    rule = next((r for r in repository.rules if r.info.code == RULE), None)
    own = repository.config.rules.get(RULE)
    return {**(rule.info.params if rule else {}), **((own.params or {}) if own else {})}


def _check_duration(repository: Repository, approved: datetime.date, until: datetime.date) -> None:
    today = datetime.date.today()
    if approved > today:
        raise UsageError(
            f"--approved-on {approved} is still to come: record the day it was approved"
        )
    if until < approved:
        raise UsageError(f"--until {until} is before the approval ({approved})")
    judged = repository.config.as_of or today  # the day check judges on
    if approved > judged:  # EXC-01 reports an approval dated after it as one still to come
        pinned = repository.config.origins.get("as_of", "the configuration")
        raise UsageError(
            f"--approved-on {approved}{' (today)' if approved == today else ''} is after "
            f"{judged}, the day {pinned} pins (as_of), as of which every check judges: {RULE} "
            "would report the approval as still to come, and the waiver would suppress "
            "nothing; pass --approved-on on or before it, or remove as_of"
        )
    if until < judged:  # EXC-01 reports it expired: it would suppress nothing
        raise UsageError(
            f"--until {until} has passed (as of {judged}): a waiver that has expired suppresses "
            f"nothing, and {RULE} reports it; give the day the accepted risk is to be looked at "
            "again"
        )
    days = _params(repository).get("max_days")
    if isinstance(days, int) and until > shift(approved, days):
        raise UsageError(
            f"--until {until} is {(until - approved).days} days after approval ({approved}); "
            f"a waiver lasts at most {days} days ({RULE} max_days), so that the risk is looked "
            f"at again: expire it by {shift(approved, days)}"
        )


def _check_approver(repository: Repository, code: str, approver: str | None) -> None:
    """EXC-01's parameter approvers, whether or not EXC-01 runs: a waiver it refuses
    suppresses nothing in any run (:mod:`resilint.waiver_validity`)."""
    table = _params(repository).get("approvers")
    roles = table.get(code, table.get("*")) if isinstance(table, Mapping) else None
    if roles is None:
        return
    allowed = tuple(map(str, roles)) if isinstance(roles, list) else (str(roles),)
    if approver not in allowed:
        given = f"'{approver}' is not" if approver else "no approver is"
        raise UsageError(
            f"{given} allowed to approve a waiver of {code}: the configuration ({RULE} approvers) "
            f"allows {', '.join(allowed)}; pass --approver"
        )
