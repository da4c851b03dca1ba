"""Where a spread check's wall time goes: each step of this process, and each unit of work
(a chunk of files read, a rule unit evaluated) of every process, with its start, end and
processor time, so that the time only one process works (the serial steps) can be told from
the time both do (issue 16, the cold check against the parse floor).

    python benchmarks/timeline.py REPOSITORY [resilint check options ...]

Runs ``resilint check REPOSITORY --no-cache --format json`` (plus the options given; with
``--cache-dir DIR`` among them, the cache is used instead, as in the benchmark's edits) in this
process, as the installed command does, with :func:`resilint.parallel.evaluate_all`'s units and
the checker's steps timed; prints the steps, each process's units (count, processor time,
first start, last end) and the serial time: the wall time outside the spread phases. The
report itself is discarded. Development tool; its timing costs a few per cent.
"""

from __future__ import annotations

import atexit
import functools
import inspect
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

START = time.perf_counter()
LOG = Path(os.environ.get("RESILINT_TIMELINE", f"/tmp/resilint-timeline-{os.getpid()}.log"))
STEPS = ("kept_findings", "_discover", "_read_all", "_check_files", "check_references", "run_rules", "said_once")


def _note(*fields: object) -> None:
    with LOG.open("a", encoding="utf-8") as out:  # each process appends its own lines
        out.write("\t".join(str(f) for f in fields) + "\n")


def _timed_step(function: Callable[..., Any], name: str) -> Callable[..., Any]:
    if inspect.isgeneratorfunction(function):  # timed as it is consumed

        @functools.wraps(function)
        def steps(*args: Any, **kwargs: Any) -> Any:
            began, cpu = time.perf_counter(), time.process_time()
            yield from function(*args, **kwargs)
            now = time.perf_counter()
            _note(os.getpid(), "step", name, began - START, now - START, time.process_time() - cpu)

        return steps

    @functools.wraps(function)
    def step(*args: Any, **kwargs: Any) -> Any:
        began, cpu = time.perf_counter(), time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            now = time.perf_counter()
            _note(os.getpid(), "step", name, began - START, now - START, time.process_time() - cpu)

    return step


def _install() -> None:
    import resilint.startup  # noqa: F401 - as the command starts
    from resilint import checker, parallel

    for name in STEPS:
        if hasattr(checker, name):
            setattr(checker, name, _timed_step(getattr(checker, name), name))
    spread = parallel._Spread.__init__

    def timed_init(
        self: Any, count: int, evaluate: Callable[[int], Any], *args: Any, **kwargs: Any
    ) -> None:
        kind = getattr(evaluate, "__qualname__", "unit").split(".")[0]

        def unit(number: int) -> Any:
            began, cpu = time.perf_counter(), time.process_time()
            try:
                return evaluate(number)
            finally:
                now = time.perf_counter()
                took = time.process_time() - cpu
                _note(os.getpid(), "unit", kind, began - START, now - START, took)

        spread(self, count, unit, *args, **kwargs)

    parallel._Spread.__init__ = timed_init  # type: ignore[method-assign]


def _summary() -> None:
    steps: list[tuple[str, float, float, float]] = []
    units: dict[tuple[int, str], list[tuple[float, float, float]]] = defaultdict(list)
    me = os.getpid()
    for line in LOG.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        pid, what, name = int(fields[0]), fields[1], fields[2]
        times = (float(fields[3]), float(fields[4]), float(fields[5]))
        if what == "step" and pid == me:
            steps.append((name, *times))
        elif what == "unit":
            units[(pid, name)].append(times)
    end = time.perf_counter() - START
    out = sys.stderr
    print(f"{'step':18s} {'from':>7s} {'to':>7s} {'wall':>7s} {'cpu':>7s}", file=out)
    for step, began, ended, took in sorted(steps, key=lambda s: s[1]):
        print(f"{step:18s} {began:7.3f} {ended:7.3f} {ended - began:7.3f} {took:7.3f}", file=out)
    spans: dict[str, list[float]] = {}
    head = f"{'process':>8s} {'units':18s} {'count':>6s} {'cpu':>7s} {'from':>7s} {'to':>7s}"
    print(f"\n{head}", file=out)
    for (process, kind), done in sorted(units.items()):
        first, last = min(d[0] for d in done), max(d[1] for d in done)
        span = spans.setdefault(kind, [first, last])
        span[0], span[1] = min(span[0], first), max(span[1], last)
        who = "this" if process == me else str(process)
        busy = sum(d[2] for d in done)
        print(f"{who:>8s} {kind:18s} {len(done):6d} {busy:7.3f} {first:7.3f} {last:7.3f}", file=out)
    spread = sum(last - first for first, last in spans.values())
    print(
        f"\nwall {end:.3f} s: spread over processes {spread:.3f} s, one process alone "
        f"{end - spread:.3f} s ({(end - spread) / end:.0%})",
        file=out,
    )
    LOG.unlink(missing_ok=True)


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    LOG.unlink(missing_ok=True)
    _install()
    me = os.getpid()
    atexit.register(lambda: _summary() if os.getpid() == me else None)
    from resilint.launch import main as resilint

    extra = sys.argv[2:]
    cached = any(arg.split("=")[0] == "--cache-dir" for arg in extra)
    cache = [] if cached else ["--no-cache"]
    sys.argv = ["resilint", "check", sys.argv[1], *cache, "--format", "json", *extra]
    sys.stdout = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115 - report discarded
    resilint()


if __name__ == "__main__":
    main()
