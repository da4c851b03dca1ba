"""Files read and rules evaluated by several processes give the findings one process gives, byte
for byte, and a worker that dies costs only time."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO

from resilint import checker, engine, parallel

pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="rules are spread over processes on Linux only"
)


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The workers forked (their process ids), counted where they are forked."""
    forked: list[int] = []
    fork = os.fork

    def counted() -> int:
        pid = fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(parallel.os, "fork", counted)
    return forked


def _planted(tmp_path: Path) -> Path:
    repository = tmp_path / "planted"
    shutil.copytree(EXAMPLES / "lindenau-planted", repository)
    return repository


def _alone_and_spread(cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, jobs: int):  # type: ignore[no-untyped-def]
    """The planted example checked in one process, then with its files and rules spread over
    ``jobs`` processes (small as it is: each process takes two files at a time)."""
    command = ("check", str(_planted(tmp_path)), "--format", "json", "--no-cache")
    alone = cli(*command, "--jobs", "1")
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    monkeypatch.setattr(checker, "_CHUNK", 2)
    return alone, cli(*command, "--jobs", str(jobs))


def test_spread_rules_find_what_one_process_finds(
    cli, forks: list[int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    alone, spread = _alone_and_spread(cli, monkeypatch, tmp_path, 3)
    assert len(forks) == 4  # two to read the files, two to evaluate the rules
    assert spread.exit_code == alone.exit_code == 1
    assert spread.stdout == alone.stdout
    assert len(alone.json()["findings"]) >= 25


def test_a_small_repository_is_checked_in_one_process(
    cli, forks: list[int], tmp_path: Path
) -> None:
    result = cli("check", str(_planted(tmp_path)), "--format", "json", "--no-cache", "--jobs", "4")
    assert result.exit_code == 1
    assert forks == []  # under PARALLEL_FROM documents, forking would cost more than it saves


def _dies_in_a_worker(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> None:
    """``module.name`` kills the process it runs in, unless that is this one (killed, out of
    memory: a worker sends nothing back); here it runs as ever."""
    here = os.getpid()
    function = getattr(module, name)

    def dies(*args: object) -> object:
        if os.getpid() != here:
            os._exit(9)
        return function(*args)

    monkeypatch.setattr(module, name, dies)


@pytest.mark.parametrize(
    ("module", "name"), [(engine, "_evaluate"), (checker, "read_file")], ids=["rules", "files"]
)
def test_what_a_dead_worker_took_is_done_again_here(
    cli,
    forks: list[int],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    module: object,
    name: str,
) -> None:
    """A worker that dies evaluating a rule, or reading a file, costs only time: what it took
    is evaluated or read again in this process."""
    _dies_in_a_worker(monkeypatch, module, name)
    alone, spread = _alone_and_spread(cli, monkeypatch, tmp_path, 2)
    assert len(forks) == 2
    assert spread.stdout == alone.stdout


def test_a_rule_that_fails_in_a_worker_is_reported_as_in_one_process(
    cli, forks: list[int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    evaluate = engine._evaluate

    class Failing:  # a defect in a rule
        def __init__(self, info: object) -> None:
            self.info = info

        def run(self, context: object) -> list[object]:
            raise ValueError("a defect")

    def sup01_fails(rule, *given):  # type: ignore[no-untyped-def]
        return evaluate(Failing(rule.info) if rule.info.code == "SUP-01" else rule, *given)

    monkeypatch.setattr(engine, "_evaluate", sup01_fails)
    alone, spread = _alone_and_spread(cli, monkeypatch, tmp_path, 2)
    assert len(forks) == 2
    assert (spread.exit_code, spread.stdout, spread.stderr) == (
        alone.exit_code,
        alone.stdout,
        alone.stderr,
    )
    assert alone.exit_code == 3  # a rule failed: the others' findings are reported
    assert '"code": "SUP-01"' not in alone.stdout and '"code": "CTR-' in alone.stdout


def test_a_generated_repository_of_1000_documents_as_users_run_it(tmp_path: Path) -> None:
    """The installed command on 1,000 documents: spread over two processes (the default on a
    machine with two cores or more) and in one, the same report."""
    root = tmp_path / "r1k"
    generate = [sys.executable, str(REPO / "benchmarks" / "generate.py"), str(root)]
    subprocess.run([*generate, "--documents", "1000"], check=True, capture_output=True)
    check = [sys.executable, "-m", "resilint", "check", ".", "--format", "json"]
    check += ["--as-of", "2026-11-26", "--no-cache"]
    reports = [
        subprocess.run([*check, "--jobs", jobs], cwd=root, capture_output=True, text=True)
        for jobs in ("1", "2")
    ]
    assert reports[0].returncode == reports[1].returncode == 1
    assert reports[0].stdout == reports[1].stdout
    assert '"code": "' in reports[0].stdout


@pytest.mark.parametrize(
    ("cpu_max", "processes"),
    [("200000 100000\n", 2), ("150000 100000\n", 2), ("50000 100000\n", 1), ("max 100000\n", 8)],
)
def test_a_containers_cpu_quota_bounds_the_processes(
    tmp_path: Path, cpu_max: str, processes: int
) -> None:
    """A CI job limited to two CPUs on a large host is given two processes, not one per core
    of the host (cgroup v2's cpu.max of the process's group)."""
    (tmp_path / "proc").write_text("0::/ci/job-1\n")
    (tmp_path / "sys" / "ci" / "job-1").mkdir(parents=True)
    (tmp_path / "sys" / "ci" / "job-1" / "cpu.max").write_text(cpu_max)
    assert parallel._quota(tmp_path / "proc", tmp_path / "sys") == processes
    assert parallel._quota(tmp_path / "none", tmp_path / "sys") == parallel.MOST_JOBS


@pytest.mark.parametrize(
    ("available_kib", "resident_kib", "processes"),
    [(8_000_000, 1_000_000, 9), (1_500_000, 1_000_000, 2), (500_000, 1_000_000, 1)],
)
def test_workers_are_no_more_than_the_available_memory_holds(
    tmp_path: Path, available_kib: int, resident_kib: int, processes: int
) -> None:
    """Each worker may come to copy as much memory as the process that forks it: a machine
    with 1.5 GB available and a 1 GB check runs two processes, not one per core."""
    meminfo = tmp_path / "meminfo"
    meminfo.write_text(f"MemTotal: 16000000 kB\nMemAvailable: {available_kib} kB\n")
    status = tmp_path / "status"
    status.write_text(f"Name: resilint\nVmRSS: {resident_kib} kB\n")
    assert parallel.affordable(meminfo, status) == processes
    assert parallel.affordable(tmp_path / "none", status) == parallel.MOST_JOBS


def test_a_machine_short_of_memory_checks_in_one_process(
    cli, forks: list[int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parallel, "affordable", lambda: 1)
    result = cli("check", str(_planted(tmp_path)), "--format", "json", "--no-cache", "--jobs", "4")
    assert result.exit_code == 1 and forks == []


def _refused() -> int:
    raise OSError(11, "Resource temporarily unavailable")


def _no_semaphores(self, *args, **kwargs):  # type: ignore[no-untyped-def]
    raise ImportError("This platform lacks a functioning sem_open implementation")


@pytest.mark.parametrize(
    ("where", "failure"),
    [(parallel.os, ("fork", _refused)), (parallel._Spread, ("__init__", _no_semaphores))],
    ids=["fork refused", "no semaphores"],
)
def test_no_process_to_be_had_checks_in_this_one(
    cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, where: object, failure: tuple
) -> None:
    """A fork refused (out of memory, a process limit) or no semaphores (a container without
    /dev/shm): the rules are evaluated here, the same findings, no error."""
    monkeypatch.setattr(where, *failure)
    alone, spread = _alone_and_spread(cli, monkeypatch, tmp_path, 3)
    assert (spread.exit_code, spread.stdout) == (alone.exit_code, alone.stdout)


WIDGET = "apiVersion: resilint/v1\nkind: Widget\nid: w{}\n"  # 7 values and one DOC-01 each


@pytest.mark.parametrize("cached", [False, True])
def test_the_runs_budget_of_values_is_kept_when_reading_is_spread(
    cli, forks: list[int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cached: bool
) -> None:
    """Each process keeps the budget for the files it takes, and stops reading when it is
    spent; the run refuses the same files, with the same words, as one process reading them
    in order (with and without some of them from the cache)."""
    repository = tmp_path / "budget"
    repository.mkdir()
    (repository / "resilint.yaml").write_text("limits:\n  max_total_nodes: 60\n")
    for number in range(40):  # eight fit
        (repository / f"{number:02}.yaml").write_text(WIDGET.format(number))
    command = ("check", "--format", "json", *(() if cached else ("--no-cache",)))
    alone = cli(*command, "--jobs", "1", cwd=repository)
    if cached:  # a few entries from the cache, the rest read again
        for number in (1, 5, 9):
            (repository / f"{number:02}.yaml").write_text(WIDGET.format(number) + "# edited\n")
    reads = tmp_path / "reads"
    read_file = checker.read_file

    def counted(path, *rest):  # type: ignore[no-untyped-def]
        with reads.open("a") as out:  # one line a file read, whichever process reads it
            out.write(f"{path}\n")
        return read_file(path, *rest)

    monkeypatch.setattr(checker, "read_file", counted)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    monkeypatch.setattr(checker, "_CHUNK", 1)
    spread = cli(*command, "--jobs", "2", cwd=repository)
    assert len(forks) == 2
    assert spread.exit_code == alone.exit_code == 2
    assert spread.stdout == alone.stdout
    codes = [(f["path"], f["code"]) for f in alone.json()["findings"]]
    assert codes.count(("08.yaml", "FILE-05")) == 1 and ("39.yaml", "FILE-05") in codes
    assert ("07.yaml", "DOC-01") in codes and ("08.yaml", "DOC-01") not in codes
    # at most nine files a process (eight that fit its budget, one that spends it) and the one
    # that spends the run's, read again here: not the 40
    assert len(reads.read_text().splitlines()) <= 2 * 9 + 1


def test_results_larger_than_a_pipe_come_back_whole_and_in_order() -> None:
    """A worker sends each unit's result as it is done, however large (a chunk of files'
    documents is larger than a pipe holds), and this process takes them in while it works:
    the results are those of one process, in order."""

    def evaluate(number: int) -> tuple[int, bytes]:
        return number, bytes([number % 251]) * (300_000 + number)

    spread = parallel.evaluate_all(24, evaluate, 2, None, parallel.PARALLEL_FROM)
    assert spread == [evaluate(n) for n in range(24)]


def test_a_worker_whose_results_cannot_be_read_is_set_aside(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """What a worker sends that this process cannot read sets aside all it sent: every unit it
    took is evaluated here."""
    here = os.getpid()
    write = parallel._write_frame

    def garbled(out: object, data: bytes) -> None:
        write(out, b"not a pickle" if os.getpid() != here else data)

    monkeypatch.setattr(parallel, "_write_frame", garbled)
    evaluated: list[int] = []

    took = tmp_path / "worker"

    def evaluate(number: int) -> int:
        time.sleep(0.005)  # long enough for the worker to take its share
        if os.getpid() == here:
            evaluated.append(number)
        else:
            with took.open("a") as note:
                note.write(f"{number}\n")
        return number * number

    assert parallel.evaluate_all(40, evaluate, 2, None, parallel.PARALLEL_FROM) == [
        n * n for n in range(40)
    ]
    assert took.read_text().split()  # the worker took units, and sent them garbled
    assert sorted(evaluated) == list(range(40))  # so they were done again here


def test_documents_a_worker_read_keep_their_keys_and_short_texts_shared(tmp_path: Path) -> None:
    """A worker's chunk of files comes back in marshal, which keeps the documents' keys and
    short texts interned as the reader made them (pickle gave a copy of each per chunk: the
    cache 25 MB larger at 100,457 documents), and the files are those one process reads."""
    from resilint.limits import Limits
    from resilint.resources import data_dir
    from resilint.schemas import SchemaSet

    paths = sorted(str(p) for p in (EXAMPLES / "northwind").rglob("*.yaml"))
    assert len(paths) > 20
    schemas, limits = SchemaSet(data_dir("schemas")), Limits()
    here, took = os.getpid(), tmp_path / "worker"

    def evaluate(number: int) -> list[object]:
        time.sleep(0.005)  # long enough for the worker to take its share
        if os.getpid() != here:
            with took.open("a") as note:
                note.write(f"{number}\n")
        return [checker.read_file(paths[number], schemas, limits)]

    spread = [
        file
        for chunk in parallel.evaluate_all(
            len(paths), evaluate, 2, None, parallel.PARALLEL_FROM, checker._FILES_WIRE
        )
        for file in chunk
    ]
    assert took.read_text().split()  # the worker read some of them
    alone = [checker.read_file(p, schemas, limits) for p in paths]
    assert spread == alone
    for one, other in zip(spread, alone, strict=True):
        assert [d.data for d in one.documents] == [d.data for d in other.documents]
    keys = [k for file in spread for d in file.documents for k in d.data]
    assert keys and all(sys.intern(k) is k for k in keys)
    short = [
        v
        for file in spread
        for d in file.documents
        for v in d.data.values()
        if type(v) is str and len(v) <= 64
    ]
    assert short and all(sys.intern(v) is v for v in short)


def test_a_chunk_marshal_cannot_hold_is_sent_as_it_is() -> None:
    """What marshal cannot hold (a value of another type in a document's data, which no reader
    of resilint's makes today) still comes back whole, pickled."""
    import datetime

    from resilint.model import Document
    from resilint.result import FileResult

    def file(number: int) -> FileResult:
        data = {"kind": "Widget", "id": f"w{number}", "when": datetime.date(2026, 1, number + 1)}
        return FileResult((), (Document(f"{number}.yaml", 0, 1, "Widget", f"w{number}", data),), ())

    sent = checker._files_sent([file(0), None])
    assert isinstance(sent, list)  # not marshalled
    spread = parallel.evaluate_all(
        12, lambda n: [file(n)], 2, None, parallel.PARALLEL_FROM, checker._FILES_WIRE
    )
    assert [f.documents[0].data for [f] in spread] == [file(n).documents[0].data for n in range(12)]
