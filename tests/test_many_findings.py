"""A check with very many findings (a repository of bare contracts: some fourteen findings
each) gives every finding at its place, the same whether its document is alone in a file or
one of hundreds in one, whether the rules run in one process or several, in every output
format; and the reports are written without holding several copies of each finding."""

from __future__ import annotations

import json
import os
import pickle
import tracemalloc
import xml.etree.ElementTree as ElementTree
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from resilint import checker, parallel
from resilint.app import CheckArgs, build_config, build_options, build_rules, build_schemas
from resilint.findings import Applicability, Edit, Finding, Fix, Level, Part, Related, Suppression
from resilint.reporters import REPORTERS, ReportContext
from resilint.reporters.jsontext import Items, dumps

CONTRACTS = 200
GAPS = 9
"""Findings each bare contract has at least: one a rule and section, one a rule and record for
the register's readiness rules (REG-03, REG-04), which fold what one contract lacks."""
ENTITY = """apiVersion: resilint/v1
kind: Entity
id: e-hold
name: Holding
country: DE
lei: 529900R8K2YWESZZJH17
regimes: [dora, nis2]
nis2_category: essential
"""


def supplier(n: int) -> str:
    return (
        f"apiVersion: resilint/v1\nkind: Supplier\nid: sup-{n}\ntier: 1\n"
        "provides_ict_services: true\nsupports_critical_function: true\n"
    )


def contract(n: int) -> str:
    """A contract with nothing but its supplier: every clause the regimes ask is missing."""
    return f"apiVersion: resilint/v1\nkind: Contract\nid: ctr-{n}\nsupplier: sup-{n % 5}\n"


def repository(root: Path, together: bool) -> Path:
    """The entity, five suppliers and :data:`CONTRACTS` contracts: in one file of documents
    (``together``) or each in a file of its own."""
    root.mkdir()
    (root / "resilint.yaml").write_text("as_of: 2026-11-26\n")
    (root / "entity.yaml").write_text(ENTITY)
    (root / "suppliers.yaml").write_text("---\n".join(supplier(n) for n in range(5)))
    if together:
        (root / "contracts.yaml").write_text("---\n".join(contract(n) for n in range(CONTRACTS)))
    else:
        (root / "contracts").mkdir()
        for n in range(CONTRACTS):
            (root / "contracts" / f"ctr-{n}.yaml").write_text(contract(n))
    return root


def check_json(cli, root: Path, *more: str) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    run = cli("check", ".", "--no-cache", "--format", "json", *more, cwd=root)
    assert run.exit_code == 1, run.stderr
    findings: list[dict[str, Any]] = json.loads(run.stdout)["findings"]
    return findings


def test_each_contract_of_a_file_of_hundreds_is_found_as_alone(cli, tmp_path: Path) -> None:
    together = check_json(cli, repository(tmp_path / "together", True))
    alone = check_json(cli, repository(tmp_path / "alone", False))
    assert len(together) == len(alone) > GAPS * CONTRACTS  # every contract has its gaps
    by_contract = Counter(f["id"] for f in together if f["kind"] == "Contract")
    assert len(by_contract) == CONTRACTS and len(set(by_contract.values())) == 1

    def place(f: dict[str, Any], start: int) -> tuple[Any, ...]:
        """Where a finding is in its document, and what it says."""
        return f["code"], f["json_path"], f["line"] - start, f["column"], f["message"]

    # the contract numbered n starts on line 5n + 1 of the file of contracts ("---" and four)
    for n in (0, 1, 97, CONTRACTS - 1):
        mine = [f for f in together if f["id"] == f"ctr-{n}"]
        own = [f for f in alone if f["id"] == f"ctr-{n}"]
        assert {f["path"] for f in mine} == {"contracts.yaml"}
        assert [place(f, 5 * n) for f in mine] == [place(f, 0) for f in own]
        assert [f["fingerprint"] for f in mine] == [f["fingerprint"] for f in own]


def test_spread_over_processes_the_findings_are_the_same(
    cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = repository(tmp_path / "together", True)
    alone = cli("check", ".", "--no-cache", "--format", "json", "--jobs", "1", cwd=root)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)  # the findings come back pickled
    forks: list[int] = []
    fork = parallel.os.fork

    def counted() -> int:
        pid = fork()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(parallel.os, "fork", counted)
    spread = cli("check", ".", "--no-cache", "--format", "json", "--jobs", "3", cwd=root)
    assert len(forks) == 2  # two to evaluate the rules (the three files are read here)
    assert spread.stdout == alone.stdout
    assert len(json.loads(alone.stdout)["findings"]) > GAPS * CONTRACTS


@pytest.fixture(scope="module")
def context(tmp_path_factory: pytest.TempPathFactory) -> ReportContext:
    """The findings of the repository of bare contracts, as the reporters get them."""
    root = repository(tmp_path_factory.mktemp("many") / "repository", True)
    args = CheckArgs(paths=(root,), cache=False, jobs=1)
    schemas = build_schemas()
    config = build_config(args, schemas)
    options = build_options(args, schemas, config, build_rules(schemas, config, args.selection))
    result = checker.check(options)
    return ReportContext(result.findings, result.files, result.documents, "0")


def test_every_format_holds_every_finding(context: ReportContext) -> None:
    found = json.loads(REPORTERS["json"](context))["findings"]
    assert len(found) == len(context.findings) > GAPS * CONTRACTS
    assert len(json.loads(REPORTERS["sarif"](context))["runs"][0]["results"]) == len(found)
    junit = ElementTree.fromstring(REPORTERS["junit"](context))
    assert len(junit.findall(".//testcase")) == len(found)
    # failing where the finding fails the run (fail_on: error), as the exit status does
    errors = sum(f["level"] == "error" for f in found)
    assert len(junit.findall(".//testcase/failure")) == errors
    assert len(json.loads(REPORTERS["gitlab"](context))) == len(found)
    assert REPORTERS["github"](context).count("::error file=") == len(found) - sum(
        f["level"] != "error" for f in found
    )
    text = [line for line in REPORTERS["text"](context).splitlines() if line[0] != " "]
    assert [line.split(" ", 1)[0] for line in text[:-1]] == [
        f"{f['path']}:{f['line']}:{f['column']}:" for f in found
    ]


@pytest.mark.parametrize("name", ["json", "sarif", "gitlab", "junit", "text", "github"])
def test_a_report_holds_little_more_than_its_text(context: ReportContext, name: str) -> None:
    """Each finding is written as it is made: at its peak a report takes at most three times
    the memory of its own text (all findings' dicts or elements at once took six to eight)."""
    reporter = REPORTERS[name]
    size = len(reporter(context))
    assert size > 500_000  # enough findings that what each costs tells
    peak = _peak_alone(lambda: reporter(context))
    assert peak < 3 * size, f"{name}: {peak:,} bytes at the peak for {size:,} of text"


def _peak_alone(write: Any) -> int:
    """The peak of what ``write()`` allocates, measured in a forked copy of this process: the
    test runner's own threads (a worker's messages) allocate in this one meanwhile, and a peak
    taken here counted them with the report's."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: only this thread runs here
        try:
            os.close(read_end)
            tracemalloc.start()
            write()
            os.write(write_end, str(tracemalloc.get_traced_memory()[1]).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as answer:
        said = answer.read()
    os.waitpid(pid, 0)
    return int(said)


def test_findings_come_back_from_a_process_whole() -> None:
    fix = Fix("add it", Applicability.UNSAFE, (Edit(1, 2, 1, 2, "x: 1\n"),), (("a",),))
    finding = Finding(
        "CTR-01",
        "notice",
        Level.WARNING,
        "contract c: no notice",
        "c.yaml",
        3,
        5,
        "Contract",
        "c",
        ("clauses", 0, "present"),
        (Related("s.yaml", 1, 1, "supplier s"),),
        Suppression("inline", "agreed", "c.yaml:2"),
        "require[0]",
        fix,
        (Part(("clauses",), "no notice"),),
    )
    back = pickle.loads(pickle.dumps([finding, finding], protocol=pickle.HIGHEST_PROTOCOL))
    assert back == [finding, finding] and back[0].level is Level.WARNING
    assert back[0].fingerprint == finding.fingerprint


def test_a_list_made_as_it_is_written_is_json_s_list() -> None:
    value = {
        "n": 1,
        "items": Items([1, "é", None], lambda x: {"x": [x, 1.5]}),
        "none": Items([], str),
    }
    made = {"n": 1, "items": [{"x": [x, 1.5]} for x in [1, "é", None]], "none": []}
    assert dumps(value, end="\n") == json.dumps(made, indent=2, ensure_ascii=True) + "\n"
    # what json cannot write is refused in its words, wherever it is
    with pytest.raises(TypeError, match="Object of type bytes is not JSON serializable"):
        dumps({"items": Items([1, b"x"], lambda x: x)})
    assert dumps({1: Items([2], lambda x: x)}) == json.dumps({1: [2]}, indent=2)
