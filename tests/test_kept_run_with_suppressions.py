"""A kept run whose findings rest on suppressions is reused while they stand as they were.

A waived BCM-07 leaves a slow supplier to BCM-03, and a suppressed REF-01 makes the rules judge
the reference as it is: what the rules find then rests on a comment or a waiver as well as on
the fields they read. The cache keeps such a run with the suppressions it rested on, so the
next hook run with nothing changed does not evaluate the rules again (it did, every time, while
one such suppression stood); a suppression added, taken away or expired evaluates them anew,
and every run reports what a check without the cache reports. Through the CLI on real files,
the rules' evaluations counted."""

from __future__ import annotations

import itertools
from pathlib import Path

from one_file import doc, repo
from test_silenced_reference_hides_nothing import INLINE, PROGRAMME
from test_waiver_accepts_one_finding import FUNCTION, SUPPLIER

AS_OF = "2026-12-07"

_REVISIONS = itertools.count()
COMMENT = "  # resilint: ignore[BCM-07] reason=by-hand"


def waiver(expires: str) -> str:
    return doc(
        "Waiver",
        "waiver-billing-plan",
        "rule: BCM-07\ntargets:\n  - {kind: BusinessFunction, id: billing}\n"
        "rationale: Billing is run by hand from the ledger; no separate plan is kept.\n"
        f"risk_owner: cfo\napprover: ceo\napproved_on: 2026-11-01\nexpires: {expires}\n",
    )


def _check(cli, root: Path, *extra: str) -> list[tuple[str, int, bool]]:  # type: ignore[no-untyped-def]
    result = cli("check", ".", "--format", "json", "--as-of", AS_OF, *extra, cwd=root)
    assert result.exit_code in (0, 1), result.stdout + result.stderr
    return sorted((f["code"], f["line"], f["suppressed"]) for f in result.json()["findings"])


def _write(root: Path, select: list[str], text: str) -> None:
    """The repository, its file edited where no rule reads (a comment on top, numbered anew
    each time) so that no run is the last one's whole result taken as it is: the rules' kept
    run is what may be reused."""
    (root / "resilint.yaml").write_text(f"profiles: []\nselect: {select}\n", encoding="utf-8")
    revision = next(_REVISIONS)
    (root / "repo.yaml").write_text(f"# revision {revision}\n{text}", encoding="utf-8")


def _runs(cli, root: Path, rule_evaluations: list[int]) -> tuple[list[tuple[str, int, bool]], int]:  # type: ignore[no-untyped-def]
    """The cached run's findings (checked equal to a run without the cache) and whether it
    evaluated the rules."""
    before = len(rule_evaluations)
    cached = _check(cli, root)
    evaluated = len(rule_evaluations) - before
    assert cached == _check(cli, root, "--no-cache")
    return cached, evaluated


def test_a_waived_finding_another_rule_asks_for_is_reused_while_the_waiver_stands(
    cli, tmp_path: Path, rule_evaluations: list[int]
) -> None:
    select = ["BCM-03", "BCM-07", "EXC-01"]
    seen = []
    for expires in ("2027-06-30", "2027-06-30", "2026-12-01", "2026-12-01", "2027-06-30"):
        _write(tmp_path, select, repo(FUNCTION, SUPPLIER, waiver(expires)))
        found, evaluated = _runs(cli, tmp_path, rule_evaluations)
        seen.append(([(c, s) for c, _, s in found], evaluated))
    waived = [("BCM-03", False), ("BCM-07", True)]
    # the waiver expired: BCM-07 asks for the plan again, and BCM-03 leaves the gap to it
    expired = [("BCM-07", False), ("EXC-01", False)]
    assert seen == [(waived, 1), (waived, 0), (expired, 1), (expired, 0), (waived, 1)]


def test_an_inline_comment_coming_and_going_is_followed(
    cli, tmp_path: Path, rule_evaluations: list[int]
) -> None:
    plain = repo(FUNCTION, SUPPLIER)
    commented = plain.replace("id: billing\n", f"id: billing{COMMENT}\n")
    moved = "# the plan is kept by hand\n" + commented
    select = ["BCM-03", "BCM-07"]
    seen = []
    for text in (plain, plain, commented, commented, moved, plain, commented):
        _write(tmp_path, select, text)
        found, evaluated = _runs(cli, tmp_path, rule_evaluations)
        seen.append(([(c, s) for c, _, s in found], evaluated))
    alone, waived = [("BCM-07", False)], [("BCM-03", False), ("BCM-07", True)]
    # the comment moved a line down with the rest: the same suppression, placed anew
    assert seen == [
        (alone, 1),
        (alone, 0),
        (waived, 1),
        (waived, 0),
        (waived, 0),
        (alone, 1),
        (waived, 1),
    ]


def test_a_reference_accepted_as_it_is_is_reused_until_its_suppression_goes(
    cli, tmp_path: Path, rule_evaluations: list[int]
) -> None:
    seen = []
    for text in (INLINE, INLINE, PROGRAMME, INLINE):
        _write(tmp_path, ["BCM-07"], text)
        found, evaluated = _runs(cli, tmp_path, rule_evaluations)
        seen.append(([(c, s) for c, _, s in found], evaluated))
    accepted = [("BCM-07", False), ("REF-01", True)]
    assert seen == [(accepted, 1), (accepted, 0), ([("REF-01", False)], 1), (accepted, 1)]
