"""``resilint test``: every rule's own examples, run through the whole check.

A rule's passing example must give no finding at all; its failing example exactly the findings
its ``expect`` lists (the rule's code, document id and line), nothing else. Only the tested rule
runs (as ``check --select CODE``), besides the built-in checks. The same code tests resilint's
built-in rules (tests/test_rule_catalogue.py) and the rules of a policy repository.
"""

from __future__ import annotations

import datetime
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from resilint.checker import CheckOptions, check
from resilint.config import Config
from resilint.errors import shown_path
from resilint.findings import Finding
from resilint.reporters.base import printable, shown_lines
from resilint.rules import Rule
from resilint.rules.model import ExpectedFinding
from resilint.schemas import SchemaSet

EXAMPLE_FILE = "example.yaml"
PASSING, FAILING = "passing", "failing"


@dataclass(frozen=True)
class ExampleResult:
    """One example of one rule, and what was wrong with it (nothing: it passed)."""

    code: str
    example: str
    """``passing`` or ``failing``."""
    source: str
    """Where the rule is defined: ``policies/contracts.yaml:12``."""
    problems: tuple[str, ...] = ()
    crashed: bool = False
    """The rule raised, or was stopped, on the example (``check``'s exit status 3)."""

    @property
    def passed(self) -> bool:
        return not self.problems

    @property
    def file(self) -> str:
        return self.source.rpartition(":")[0] or self.source


def run_examples(
    tested: Iterable[Rule], every_rule: Sequence[Rule], schemas: SchemaSet, as_of: datetime.date
) -> list[ExampleResult]:
    """The passing and the failing example of each rule in ``tested``, with ``every_rule``
    loaded (a waiver in an example may name any of them) and only the tested one selected."""
    results = []
    for rule in tested:
        results += rule_results(rule, every_rule, schemas, as_of)
    return results


def rule_results(
    rule: Rule, every_rule: Sequence[Rule], schemas: SchemaSet, as_of: datetime.date
) -> list[ExampleResult]:
    info = rule.info
    if info.examples is None:
        problem = "the rule has no examples: add examples with pass, fail and expect"
        return [ExampleResult(info.code, FAILING, info.source, (problem,))]
    found, raised = _findings(info.examples.passing, info.code, every_rule, schemas, as_of)
    passing = tuple(f"the passing example gives {_describe(f)}" for f in (*found, *raised))
    if info.kind and info.kind not in _kinds(info.examples.passing):
        passing += (
            f"the passing example holds no {info.kind} document, the kind the rule checks: it "
            "would pass whatever the rule says; give it one the rule finds nothing wrong with",
        )
    found, crashed = _findings(info.examples.failing, info.code, every_rule, schemas, as_of)
    want = sorted((e.id, e.line) for e in info.examples.expect)
    # a rule that raised (or was stopped) is reported under its own code at the document it
    # was evaluating: never the finding the example expects
    got = sorted((f.doc_id or "", f.line) for f in found if f.code == info.code)
    others = [f for f in found if f.code != info.code]
    failing = tuple(f"the failing example also gives {_describe(f)}" for f in others)
    failing += tuple(f"the rule could not be evaluated: {_describe(f)}" for f in crashed)
    source = info.source
    if got != want:  # said at the expect list, where the line or id to correct is
        failing += (
            f"expected {info.code} at {_places(want)}; got it at {_places(got)} (lines of "
            "the failing example, its first line 1)",
        )
        source = _wrong_entry(info.examples.expect, got) or info.examples.expect_source or source
    return [
        ExampleResult(info.code, PASSING, info.source, passing, bool(raised)),
        ExampleResult(info.code, FAILING, source, failing, bool(crashed)),
    ]


def _wrong_entry(expect: Sequence[ExpectedFinding], got: list[tuple[str, int]]) -> str:
    """Where the first entry of ``expect`` that no finding answers is, or nothing (each entry
    answers one finding: two at one line are listed twice)."""
    left = list(got)
    for entry in expect:
        if (entry.id, entry.line) in left:
            left.remove((entry.id, entry.line))
        else:
            return entry.source
    return ""


def _findings(
    text: str, code: str, every_rule: Sequence[Rule], schemas: SchemaSet, as_of: datetime.date
) -> tuple[list[Finding], list[Finding]]:
    """The findings of a check of ``text`` alone, with only rule ``code`` selected, and those
    that say a rule raised or was stopped (kept apart: they carry the rule's code)."""
    with tempfile.TemporaryDirectory(prefix="resilint-test-") as directory:
        root = Path(directory)
        (root / EXAMPLE_FILE).write_text(text, encoding="utf-8")
        # the tested rule alone: no profile, and no Entity in the example switches one on
        config = Config(root=root, profiles=(), select=(code,), entity_regimes=False)
        options = CheckOptions((root / EXAMPLE_FILE,), schemas, config, tuple(every_rule), as_of)
        result = check(options)
        crashes = {id(f) for f in result.crashes}
        return (
            [f for f in result.findings if f.suppression is None and id(f) not in crashes],
            list(result.crashes),
        )


def _kinds(text: str) -> set[str]:
    """The kinds of the resilint documents an example holds."""
    from resilint.limits import Limits
    from resilint.load import load_text

    loaded = load_text(EXAMPLE_FILE, text, Limits())
    return {str(d.data.get("kind")) for d in loaded.documents}


def _describe(finding: Finding) -> str:
    where = f"{finding.doc_id} " if finding.doc_id else ""
    return f"{finding.code} at {where}line {finding.line}: {finding.message}"


def _places(places: list[tuple[str, int]]) -> str:
    return ", ".join(f"{doc} line {line}" for doc, line in places) or "nothing"


def _file(path: str) -> str:
    """A rule file as findings show files, relative to the working directory, where it lies
    under it (a rule directory the configuration names); resilint's own, elsewhere, in full."""
    shown = shown_path(path)
    return path if shown.startswith("..") else shown


def _shown(source: str) -> str:
    """``file:line`` with the file as :func:`_file` shows it."""
    file, colon, line = source.rpartition(":")
    return f"{_file(file)}:{line}" if colon and line.isdigit() else _file(source)


def render(results: Sequence[ExampleResult], seconds: float) -> str:
    """pytest's shape: a line of dots per rule file, the failures, one summary line. What
    comes from the rule files (ids and messages of their examples' findings) is shown as every
    output shows data: escaped, never starting a line of its own."""
    lines: list[str] = []
    for file in dict.fromkeys(r.file for r in results):
        marks = "".join("." if r.passed else "F" for r in results if r.file == file)
        lines.append(f"{printable(_file(file))} {marks}")
    failed = [r for r in results if not r.passed]
    if failed:
        lines += ["", _rule("FAILURES")]
        for result in failed:
            lines.append(_rule(f"{printable(result.code)} {result.example} example", "_"))
            source = _shown(result.source)
            lines += [printable(f"{source}: {problem}") for problem in result.problems]
    passed = len(results) - len(failed)
    counts = [f"{passed} passed"] if passed else []
    counts += [f"{len(failed)} failed"] if failed else []
    lines.append(_rule(f"{', '.join(counts) or 'no examples'} in {seconds:.2f}s"))
    return shown_lines("\n".join(lines)) + "\n"


def _rule(title: str, fill: str = "=") -> str:
    return f" {title} ".center(78, fill)
