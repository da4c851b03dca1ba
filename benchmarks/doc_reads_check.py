"""Whether ``doc_reads.py``'s record of dependencies would have kept a finding that changes: random
edits of one field of one document each, the findings that change (``check --no-cache`` before
and after, on a copy), and whether the edit reaches their rule, their (rule, document) pair or
the facts of their document. A finding left unreached is a stale finding the design would keep.

    python benchmarks/doc_reads_check.py REPOSITORY [--edits 30] [--seed 7] [--workdir DIR]

Schema, reference and file findings (SCH-, REF-, DOC-, FILE-) are left out: they are found per
file or by the reference checks, not by the rules. Development tool; each edit is a check.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

NOT_RULES = ("SCH", "REF", "DOC", "FILE")


CHECK = ("check", ".", "--no-cache", "--format", "json", "--as-of", "2026-11-26")


def findings(repository: Path) -> set[tuple[str, str, str, str]]:
    out = subprocess.run(
        [sys.executable, "-m", "resilint", *CHECK, "--fail-on", "never"],
        cwd=repository,
        capture_output=True,
        text=True,
        env={**os.environ, "RESILINT_NO_SERVER": "1"},
        check=True,
    )
    found = json.loads(out.stdout)["findings"]
    return {(f["code"], f.get("kind"), f.get("id"), f["message"]) for f in found}


def mutated(value: Any, rng: random.Random) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + rng.choice([1, -1, 10, 100])
    if isinstance(value, datetime.date):
        return value + datetime.timedelta(days=rng.choice([-400, -30, 30, 400]))
    if isinstance(value, str):
        return rng.choice([value + " x", value.upper(), "critical", "active", value[:-1]])
    if isinstance(value, list) and value:
        return value[1:]
    return None


def edits(repository: Path, count: int, rng: random.Random) -> list[tuple[Path, str, Any]]:
    files = sorted(p for p in repository.rglob("*.yaml") if not p.name.startswith("."))
    chosen: list[tuple[Path, str, Any]] = []
    while len(chosen) < count:
        path = rng.choice(files)
        documents = list(yaml.safe_load_all(path.read_text(encoding="utf-8")))
        if len(documents) != 1 or not isinstance(documents[0], dict):
            continue
        data = documents[0]
        fields = [k for k in data if k not in ("apiVersion", "kind", "id")]
        if "kind" not in data or "id" not in data or not fields:
            continue
        field = rng.choice(fields)
        new = mutated(data[field], rng)
        if new is not None and new != data[field]:
            chosen.append((path, field, new))
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repository", type=Path)
    parser.add_argument("--edits", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    work = Path(args.workdir or tempfile.mkdtemp())
    base = findings(args.repository)
    changed: dict[str, set[tuple[str, str, str]]] = {}
    for path, field, new in edits(args.repository, args.edits, random.Random(args.seed)):
        copy = work / "edited"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(args.repository, copy)
        target = copy / path.relative_to(args.repository)
        data = yaml.safe_load(target.read_text(encoding="utf-8"))
        data[field] = new
        target.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        edit = f"{data['kind']}:{data['id']}:{field}={json.dumps(new, default=str)}"
        changed[edit] = {(c, k, i) for c, k, i, _ in base ^ findings(copy)}
    reached_file = work / "reached.json"
    command = [sys.executable, str(Path(__file__).with_name("doc_reads.py")), str(args.repository)]
    command += ["--json", str(reached_file), *(f"--edit={e}" for e in changed)]
    subprocess.run(command, check=True, capture_output=True)
    reached = json.loads(reached_file.read_text(encoding="utf-8"))
    kept = 0
    for edit, found in changed.items():
        pairs = {tuple(p) for p in reached[edit]["pairs"]}
        rules, facts = set(reached[edit]["rules"]), set(reached[edit]["of"])
        for code, kind, doc_id in sorted(found, key=str):
            key = f"{kind}:{doc_id}"
            if code.split("-")[0] in NOT_RULES:
                continue
            if code not in rules and (code, key) not in pairs and key not in facts:
                kept += 1
                print(f"not reached: {edit}: {code} on {key}")
    print(
        f"{len(changed)} edits, {sum(1 for f in changed.values() if f)} changed findings; "
        f"{kept} changed findings the record would have kept"
    )


if __name__ == "__main__":
    main()
