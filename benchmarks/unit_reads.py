"""Which rule units read which fields: the bound on what evaluating only the units an edit
touches could save (issue 16, an edit of a field the rules read).

Each unit (:func:`resilint.engine._units`) is evaluated alone, on facts built afresh, with the
reads of every document recorded (:class:`resilint.incremental.Recorder`): what it reads then
is what it would depend on if every memoised fact passed its reads on to the units using it.
Reads made while the facts are constructed (the dependency graph's table of supplier names,
the entities' regimes) count for every unit, so the figures for those fields are an upper bound.

    python benchmarks/unit_reads.py REPOSITORY [--json OUT] [--field Kind.field ...]

Prints, for the fields asked (or the most read ones), how many units read each and their share
of the evaluation's time; and the median share over every field read. Development tool: it
evaluates the rules once per unit, so it takes about the units' count times a check's rules.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import resilint.checker
import resilint.engine
from resilint.domain import Facts
from resilint.incremental import Recorder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repository", type=Path)
    parser.add_argument("--json", type=Path, help="every unit's time and reads")
    parser.add_argument("--field", action="append", default=[], help="Kind.field to show")
    args = parser.parse_args()
    units: dict[str, dict[str, Any]] = {}
    evaluate = resilint.engine.run_rules

    def one_unit_at_a_time(rules: Any, run: resilint.engine.Evaluation) -> Any:
        selected = tuple(rules)
        index = run.facts.index
        for unit in resilint.engine._units(selected, index):
            recorder = Recorder()
            recorder.watch(index.documents)
            alone = dataclasses.replace(
                run, facts=Facts(index, run.facts.as_of, run.facts.definitions), jobs=1
            )
            start = time.perf_counter()
            try:
                evaluate([selected[n] for n in unit], alone)
            finally:
                recorder.release()
            name = "+".join(selected[n].info.code for n in unit)
            units[name] = {
                "seconds": time.perf_counter() - start,
                "reads": {kind: sorted(seen) for kind, seen in recorder.reads.items()},
            }
        return evaluate(rules, run)

    resilint.checker.run_rules = one_unit_at_a_time  # type: ignore[assignment]
    sys.argv = ["resilint", "check", str(args.repository), "--no-cache", "--jobs", "1"]
    sys.argv += ["--format", "json", "--fail-on", "never"]
    from resilint.cli import main as check

    # the check's own report is not wanted, nor its exit
    with (
        Path(os.devnull).open("w") as discard,
        contextlib.redirect_stdout(discard),
        contextlib.suppress(SystemExit),
    ):
        check()
    report(units, args.field)
    if args.json:
        args.json.write_text(json.dumps(units, indent=1), encoding="utf-8")


def report(units: dict[str, dict[str, Any]], asked: list[str]) -> None:
    total = sum(u["seconds"] for u in units.values())
    share: defaultdict[str, float] = defaultdict(float)
    readers: Counter[str] = Counter()
    for unit in units.values():
        for kind, fields in unit["reads"].items():
            for field in fields:
                share[f"{kind}.{field}"] += unit["seconds"]
                readers[f"{kind}.{field}"] += 1
    print(f"{len(units)} units, {total:.2f} s evaluated one at a time; {len(share)} fields read")
    fractions = [s / total for s in share.values()]
    if fractions:
        print(
            f"median share of the evaluation re-run for an edit of one field: "
            f"{statistics.median(fractions):.0%}"
        )
    shown = asked or [f for f, _ in readers.most_common(10)]
    for field in shown:
        print(f"  {field}: {readers.get(field, 0)} units, {share.get(field, 0) / total:.0%}")


if __name__ == "__main__":
    main()
