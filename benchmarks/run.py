"""Time resilint against the YAML parse floor, check-jsonschema and yamllint.

For each size (documents; 1,000 and 10,000 by default, 100,000 with ``--large``) this script
generates a synthetic repository with ``generate.py`` and times, as the median of ``--repeat``
runs, in one run of this script:

- the parse floor: reading every YAML file and loading it with PyYAML's CSafeLoader, in this
  process and as a ``python -c`` subprocess (which pays interpreter start-up like the CLIs);
- ``resilint check . --format json --as-of 2026-11-26`` as a subprocess: cold (``--no-cache``),
  and, when the CLI has a cache (``--no-cache`` in ``resilint check --help``), the first run that
  fills an empty cache, warm (nothing changed) and after editing one file;
- ``check-jsonschema`` validating the same files against resilint's schemas, once per kind;
- ``yamllint -f parsable .`` with its default configuration (these two peers ``--peer-repeat``
  times, as they do not change from one resilint commit to the next);

and, once, start-up: ``resilint check`` on a one-file repository against ``yamllint`` on that file.

Peak memory is the ``ru_maxrss`` of each child as ``os.wait4`` reports it (Linux: KiB), i.e. the
child's own high-water mark. (``getrusage(RUSAGE_CHILDREN)`` only gives the largest child so far,
so its deltas are zero once a bigger child has run.)

It prints Markdown tables (for BENCHMARKS.md) and writes ``benchmarks/results.json``. Run::

    python benchmarks/run.py [--repeat 3] [--large] [--workdir DIR] [--sizes 1000,10000]

Requires the ``bench`` extra: ``pip install -e '.[bench]'``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = REPO / "schemas"
AS_OF = generate.AS_OF.isoformat()
DEFAULT_SIZES = (1_000, 10_000)
LARGE_SIZE = 100_000
CONFIG_NAME = "resilint.yaml"

# Which schema validates each top-level directory of a generated repository.
SCHEMA_OF_DIRECTORY = {
    "entities": "entity.json",
    "clauses": "clause-library.json",
    "controls": "control.json",
    "insurance": "insurance-policy.json",
    "evidence": "evidence-package.json",
    "suppliers": "supplier.json",
    "contracts": "contract.json",
    "identities": "identity.json",
    "playbooks": "playbook.json",
    "functions": "business-function.json",
    "plans": "continuity-plan.json",
    "exercises": "exercise.json",
}
MAX_ARGUMENT_BYTES = 1 << 20
"""check-jsonschema takes files as arguments; more than this many bytes of them are split over
several runs (as xargs would), so 100,000 documents stay under the kernel's ARG_MAX."""

OFFLINE = {
    # Any HTTP(S) request (a remote $ref) fails at once instead of reaching the network.
    "http_proxy": "http://127.0.0.1:9",
    "https_proxy": "http://127.0.0.1:9",
    "HTTP_PROXY": "http://127.0.0.1:9",
    "HTTPS_PROXY": "http://127.0.0.1:9",
    "no_proxy": "",
    "NO_PROXY": "",
}

# The parse floor, run both in this process and as `python -c PARSE_FLOOR ROOT`: discover the
# files as resilint does (*.yaml and *.yml, no hidden directories, not the configuration), read
# each and load it with libyaml.
PARSE_FLOOR = """
import os, sys, yaml
def parse_floor(root):
    documents = 0
    for directory, subdirectories, names in os.walk(root):
        subdirectories[:] = sorted(d for d in subdirectories if not d.startswith("."))
        for name in sorted(names):
            if name.endswith((".yaml", ".yml")) and not name.startswith(".") \\
                    and name not in ("resilint.yaml", ".resilint.yaml"):
                with open(os.path.join(directory, name), encoding="utf-8") as handle:
                    text = handle.read()
                if yaml.load(text, Loader=yaml.CSafeLoader) is not None:
                    documents += 1
    return documents
if __name__ == "__main__":
    print(parse_floor(sys.argv[1]))
"""


# -- measuring ------------------------------------------------------------------------------------
@dataclass
class Run:
    seconds: float
    peak_rss_kib: int
    exit_code: int


@dataclass
class Timing:
    """Repeated runs of one measurement."""

    name: str
    command: str
    runs: list[Run] = field(default_factory=list)
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak_mib(self) -> float | None:
        peaks = [r.peak_rss_kib for r in self.runs if r.peak_rss_kib]
        return max(peaks) / 1024 if peaks else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "command": self.command,
            "median_s": round(self.median, 4) if self.runs else None,
            "runs_s": [round(r.seconds, 4) for r in self.runs],
            "peak_rss_mib": round(self.peak_mib, 1) if self.peak_mib is not None else None,
            "exit_codes": sorted({r.exit_code for r in self.runs}),
            "note": self.note,
        }


def run_child(
    command: Sequence[str],
    cwd: Path,
    stdout: Path | None = None,
    env: dict[str, str] | None = None,
    ok: Sequence[int] = (0, 1),
) -> Run:
    """Run one child, timing it from spawn to reaping, and read its own peak RSS."""
    out = stdout.open("wb") if stdout is not None else subprocess.DEVNULL
    with tempfile.TemporaryFile() as err:
        try:
            began = time.perf_counter()
            process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, env=env)
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - began
            process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        finally:
            if not isinstance(out, int):
                out.close()
        if process.returncode not in ok:
            err.seek(0)
            tail = err.read().decode("utf-8", "replace")[-2000:]
            raise RuntimeError(f"{shlex.join(command)} exited {process.returncode}:\n{tail}")
    return Run(seconds, usage.ru_maxrss, process.returncode)


def repeat(
    timing: Timing, times: int, once: Callable[[int], Run], log: Callable[[str], None]
) -> Timing:
    for number in range(times):
        timing.runs.append(once(number))
        log(f"    {timing.name} #{number + 1}: {timing.runs[-1].seconds:.3f} s")
    return timing


def alternate(
    measured: Sequence[tuple[Timing, Callable[[int], Run]]],
    times: int,
    log: Callable[[str], None],
) -> list[Timing]:
    """Runs of several measurements taken in turn, one of each per round: what slows the
    machine for a while (another process, the disk writing back) falls on all of them alike,
    not on whichever was timed then."""
    for number in range(times):
        for timing, once in measured:
            timing.runs.append(once(number))
            log(f"    {timing.name} #{number + 1}: {timing.runs[-1].seconds:.3f} s")
    return [timing for timing, _ in measured]


# -- the tools ------------------------------------------------------------------------------------
def tool(name: str) -> str:
    """A console script of this interpreter's environment, else one on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} is not installed: pip install -e '.[bench]'")
    return found


def version(command: Sequence[str]) -> str:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return "?"
    return (result.stdout or result.stderr).strip().splitlines()[0]


@dataclass(frozen=True)
class CacheSupport:
    no_cache: bool
    cache_dir: bool

    @property
    def available(self) -> bool:
        return self.no_cache


def cache_support(resilint: str) -> CacheSupport:
    text = subprocess.run(
        [resilint, "check", "--help"], capture_output=True, text=True, check=False
    ).stdout
    return CacheSupport("--no-cache" in text, "--cache-dir" in text)


def offline_schemas(target: Path) -> Path:
    """A local copy of resilint's schemas for check-jsonschema.

    The schemas ``$ref`` ``common.json`` relative to their ``$id``
    (https://schemas.resilint.dev/v1/...), which check-jsonschema would fetch over the network.
    Each run passes ``--base-uri file://<copy>/<kind>.json`` instead, so the reference resolves to
    the local ``common.json``; the schemas are copied unmodified."""
    target.mkdir(parents=True, exist_ok=True)
    for schema in SCHEMAS.glob("*.json"):
        shutil.copy2(schema, target / schema.name)
    return target


def files_by_schema(root: Path) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for directory, schema in SCHEMA_OF_DIRECTORY.items():
        found = sorted(str(p.relative_to(root)) for p in (root / directory).rglob("*.yaml"))
        if found:
            grouped[schema] = found
    return grouped


def batches(files: list[str]) -> list[list[str]]:
    out: list[list[str]] = [[]]
    size = 0
    for name in files:
        if out[-1] and size + len(name) + 1 > MAX_ARGUMENT_BYTES:
            out.append([])
            size = 0
        out[-1].append(name)
        size += len(name) + 1
    return out


# -- one repository size --------------------------------------------------------------------------
@dataclass
class SizeResult:
    target_documents: int
    repository: dict[str, Any]
    timings: dict[str, Timing]
    findings: dict[str, Any]

    def median(self, name: str) -> float | None:
        timing = self.timings.get(name)
        return timing.median if timing is not None and timing.runs else None

    def ratios(self) -> dict[str, float | None]:
        floor = self.median("parse_floor_subprocess")
        cold = self.median("resilint_cold")

        def over(a: float | None, b: float | None) -> float | None:
            return round(a / b, 3) if a is not None and b else None

        return {
            "resilint_cold/parse_floor": over(cold, floor),
            "resilint_fill/parse_floor": over(self.median("resilint_fill"), floor),
            "resilint_warm/parse_floor": over(self.median("resilint_warm"), floor),
            "resilint_one_edit/parse_floor": over(self.median("resilint_one_edit"), floor),
            "resilint_one_read_edit/parse_floor": over(
                self.median("resilint_one_read_edit"), floor
            ),
            "check_jsonschema/resilint_cold": over(self.median("check_jsonschema"), cold),
            "yamllint/resilint_cold": over(self.median("yamllint"), cold),
            "parse_floor_in_process/parse_floor": over(
                self.median("parse_floor_in_process"), floor
            ),
        }

    def per_document_ms(self) -> dict[str, float | None]:
        documents = self.repository["documents"]
        return {
            name: round(t.median * 1000 / documents, 4) if t.runs else None
            for name, t in self.timings.items()
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "target_documents": self.target_documents,
            "repository": self.repository,
            "timings": {name: t.as_dict() for name, t in self.timings.items()},
            "ratios": self.ratios(),
            "per_document_ms": self.per_document_ms(),
            "findings": self.findings,
        }


class Bench:
    def __init__(
        self, workdir: Path, times: int, seed: int, verbose: bool, peer_times: int | None = None
    ) -> None:
        self.workdir = workdir
        self.times = times
        self.peer_times = peer_times or times
        """Runs of check-jsonschema and yamllint: 20 to 40 times slower than resilint, and the
        same from one resilint commit to the next, they need not be timed as often."""
        self.seed = seed
        self.verbose = verbose
        self.python = sys.executable
        self.resilint = tool("resilint")
        self.check_jsonschema = tool("check-jsonschema")
        self.yamllint = tool("yamllint")
        self.cache = cache_support(self.resilint)
        self.schemas = offline_schemas(workdir / "schemas")
        self.offline_env = {**os.environ, **OFFLINE}
        self.jobs: int | None = None
        """resilint's --jobs, when given (else its default: one process per core)."""
        self.peers_up_to: int | None = None
        """check-jsonschema and yamllint are timed on repositories of at most this many
        documents (all when None): at 100,000 documents they take half an hour, resilint's
        own runs a few minutes."""

    def log(self, message: str) -> None:
        if self.verbose:
            print(message, file=sys.stderr, flush=True)

    def resilint_command(self, *extra: str) -> list[str]:
        jobs = ["--jobs", str(self.jobs)] if self.jobs else []
        return [self.resilint, "check", ".", "--format", "json", "--as-of", AS_OF, *jobs, *extra]

    def measure(self, documents: int) -> SizeResult:
        root = self.workdir / f"repo-{documents}"
        suppliers = generate.suppliers_for(documents)
        self.log(f"== {documents} documents: generating {suppliers} suppliers into {root}")
        summary = generate.generate(root, suppliers, self.seed)
        self.log(
            f"   {summary.documents} documents, {summary.bytes / 1e6:.1f} MB, "
            f"{summary.seconds:.1f} s"
        )
        timings: dict[str, Timing] = {}
        self._parse_floor(root, timings)
        findings = self._resilint(root, timings)
        if self.peers_up_to is None or documents <= self.peers_up_to:
            self._check_jsonschema(root, timings)
            self._yamllint(root, timings)
        else:
            self.log(f"   check-jsonschema and yamllint not timed above {self.peers_up_to}")
        return SizeResult(documents, summary.as_dict(), timings, findings)

    def _parse_floor(self, root: Path, timings: dict[str, Timing]) -> None:
        namespace: dict[str, Any] = {"__name__": "parse_floor"}
        exec(PARSE_FLOOR, namespace)  # the very code the subprocess runs
        parse_floor: Callable[[str], int] = namespace["parse_floor"]
        parse_floor(str(root))  # warm-up: the page cache and PyYAML's import

        def in_process(_: int) -> Run:
            began = time.perf_counter()
            parse_floor(str(root))
            return Run(time.perf_counter() - began, 0, 0)

        timings["parse_floor_in_process"] = repeat(
            Timing("parse_floor_in_process", "parse_floor(ROOT) in the benchmark process"),
            self.times,
            in_process,
            self.log,
        )
        command = [self.python, "-c", PARSE_FLOOR, "."]
        timings["parse_floor_subprocess"] = repeat(
            Timing("parse_floor_subprocess", f"{self.python} -c PARSE_FLOOR ."),
            self.times,
            lambda _: run_child(command, root, ok=(0,)),
            self.log,
        )

    def _resilint(self, root: Path, timings: dict[str, Timing]) -> dict[str, Any]:
        cache_dir = self.workdir / f"cache-{root.name}"
        default_cache = root / ".resilint_cache"
        for stale in (cache_dir, default_cache):
            shutil.rmtree(stale, ignore_errors=True)
        output = self.workdir / f"{root.name}.resilint.json"
        cold = (
            self.resilint_command("--no-cache")
            if self.cache.available
            else (self.resilint_command())
        )
        timings["resilint_cold"] = repeat(
            Timing(
                "resilint_cold",
                shlex.join(["resilint", *cold[1:]]),
                note="" if self.cache.available else "no cache in this resilint",
            ),
            self.times,
            lambda _: run_child(cold, root, output),
            self.log,
        )
        findings = located(root, output)
        if not self.cache.available:
            names = (
                "resilint_fill",
                "resilint_warm",
                "resilint_one_edit",
                "resilint_one_read_edit",
            )
            for name in names:
                timings[name] = Timing(name, "", note="n/a (no cache)")
            return findings
        warm = self.resilint_command(
            *(("--cache-dir", str(cache_dir)) if self.cache.cache_dir else ())
        )
        shown = shlex.join(["resilint", *warm[1:]]).replace(str(self.workdir), "WORKDIR")

        def fill(_: int) -> Run:
            # the first run with the cache on: a cold check that also writes the cache
            shutil.rmtree(cache_dir if self.cache.cache_dir else default_cache, ignore_errors=True)
            return run_child(warm, root)

        timings["resilint_fill"] = repeat(
            Timing("resilint_fill", f"{shown} with an empty cache directory"),
            self.times,
            fill,
            self.log,
        )
        timings["resilint_warm"] = repeat(
            Timing("resilint_warm", shown), self.times, lambda _: run_child(warm, root), self.log
        )
        edited = next(iter(sorted((root / "suppliers").rglob("*.yaml"))))
        original = edited.read_bytes()
        # a supplier's description, which no rule reads (the rules' findings are kept), and its
        # name, which rules read (they are evaluated again): each run a real change of content,
        # size and mtime
        edits = (
            ("resilint_one_edit", b"description", "its description"),
            ("resilint_one_read_edit", b"name", "its name (a field the rules read)"),
        )
        try:
            for name, field, what in edits:

                def one_edit(number: int, field: bytes = field) -> Run:
                    edited.write_bytes(
                        original.replace(
                            b"\n" + field + b": ",
                            b"\n" + field + f": (edit {number + 1}) ".encode(),
                            1,
                        )
                    )
                    return run_child(warm, root)

                timings[name] = repeat(
                    Timing(
                        name, f"edit {edited.relative_to(root)} ({what}), then the warm command"
                    ),
                    self.times,
                    one_edit,
                    self.log,
                )
        finally:
            edited.write_bytes(original)
        return findings

    def _check_jsonschema(self, root: Path, timings: dict[str, Timing]) -> None:
        grouped = files_by_schema(root)
        commands = [
            [
                self.check_jsonschema,
                "--schemafile",
                str(self.schemas / schema),
                "--base-uri",
                (self.schemas / schema).as_uri(),
                *batch,
            ]
            for schema, files in grouped.items()
            for batch in batches(files)
        ]

        def once(_: int) -> Run:
            runs = [run_child(c, root, env=self.offline_env) for c in commands]
            return Run(
                sum(r.seconds for r in runs),
                max(r.peak_rss_kib for r in runs),
                max(r.exit_code for r in runs),
            )

        timings["check_jsonschema"] = repeat(
            Timing(
                "check_jsonschema",
                "check-jsonschema --schemafile SCHEMAS/<kind>.json --base-uri "
                "file://SCHEMAS/<kind>.json FILES... (one run per kind)",
                note=f"{len(commands)} runs per repetition, summed; offline (local schemas "
                "via --base-uri, HTTP(S) proxied to a closed port)",
            ),
            self.peer_times,
            once,
            self.log,
        )

    def _yamllint(self, root: Path, timings: dict[str, Timing]) -> None:
        output = self.workdir / f"{root.name}.yamllint.txt"
        command = [self.yamllint, "-f", "parsable", "."]
        timings["yamllint"] = repeat(
            Timing("yamllint", "yamllint -f parsable ."),
            self.peer_times,
            lambda _: run_child(command, root, output),
            self.log,
        )
        problems = sum(1 for _ in output.open(encoding="utf-8"))
        timings["yamllint"].note = f"default configuration; {problems} problems reported"

    def startup(self, repository: Path) -> dict[str, Timing]:
        """resilint and yamllint on a repository of one supplier file taken from ``repository``."""
        # the larger repositories' cache files may still be being written back to the disk,
        # which runs of tens of milliseconds would pay for (a hook run took 84 ms right after
        # the 10,053-document runs, 69 ms when the start-up was timed alone)
        getattr(os, "sync", lambda: None)()  # POSIX
        root = self.workdir / "one-file"
        shutil.rmtree(root, ignore_errors=True)
        (root / "suppliers").mkdir(parents=True)
        source = min((repository / "suppliers").rglob("*.yaml"), default=None)
        text = source.read_text(encoding="utf-8") if source else _ONE_SUPPLIER
        name = "suppliers/one.yaml"
        (root / name).write_text(text, encoding="utf-8")
        # a git work tree, as every repository pre-commit runs in (the hook asks git what the
        # commit removes); the file is tracked, and each edit the hook is timed on is staged,
        # as a commit holds it
        subprocess.run(["git", "init", "-q"], cwd=root, check=True)
        subprocess.run(["git", "add", name], cwd=root, check=True)
        # runs of 80 ms vary by several ms on a shared machine: more of them, taken in turn
        times = max(self.times, 15)
        resilint = [self.resilint, "check", name, "--format", "json", "--as-of", AS_OF]
        if self.cache.available:
            resilint.append("--no-cache")
        yamllint = [self.yamllint, "-f", "parsable", name]
        self.log("== start-up: one-file repository")
        cold, peer = alternate(
            [
                (
                    Timing("resilint_one_file", shlex.join(["resilint", *resilint[1:]])),
                    lambda _: run_child(resilint, root),
                ),
                (
                    Timing("yamllint_one_file", shlex.join(["yamllint", *yamllint[1:]])),
                    lambda _: run_child(yamllint, root),
                ),
            ],
            times,
            self.log,
        )
        found = {"resilint_one_file": cold, "yamllint_one_file": peer}
        # the hook as pre-commit runs it (.pre-commit-hooks.yaml's entry, then the file names)
        hook = [self.resilint, "pre-commit", name]
        if self.cache.available:
            found["resilint_one_file_hook"] = self._hook(root, name, hook, times)
        if self.cache.available and self.server_available(root):
            found.update(self._served(root, name, resilint, hook, times))
        return found

    def server_available(self, root: Path) -> bool:
        """Whether this resilint has the resident server (``resilint server``) here: Linux."""
        done = subprocess.run(
            [self.resilint, "server", "--help"], cwd=root, capture_output=True, check=False
        )
        return done.returncode == 0 and sys.platform.startswith("linux")

    def _served(
        self, root: Path, name: str, command: list[str], hook: list[str], times: int
    ) -> dict[str, Timing]:
        """The two one-file runs again, through the resident server: started once before
        (``resilint server start``, its socket under the work directory) and stopped after."""
        env = {**os.environ, "XDG_CACHE_HOME": str(self.workdir / "server-home")}
        run_child([self.resilint, "server", "start"], root, env=env)
        try:
            cold = repeat(
                Timing(
                    "resilint_one_file_server",
                    f"{shlex.join(['resilint', *command[1:]])} (resident server)",
                ),
                times,
                lambda _: run_child(command, root, env=env),
                self.log,
            )
            served = self._hook(root, name, hook, times, env, "resilint_one_file_hook_server")
        finally:
            run_child([self.resilint, "server", "stop"], root, env=env)
        return {cold.name: cold, served.name: served}

    def _hook(
        self,
        root: Path,
        name: str,
        command: list[str],
        times: int,
        env: dict[str, str] | None = None,
        timing: str = "resilint_one_file_hook",
    ) -> Timing:
        """The one-file check as a pre-commit hook runs it: with the cache (filled by one run
        first, in ``root``'s own cache directory) and the file edited before each run, and
        ``PRE_COMMIT=1`` in its environment, which pre-commit sets for every hook it runs
        (resilint then leaves the work tree's unstaged changes to pre-commit, which sets them
        aside before its hooks run, and does not ask git for them)."""
        env = {**(os.environ if env is None else env), "PRE_COMMIT": "1"}
        run_child(command, root, env=env)
        path = root / name
        original = path.read_bytes()

        def edited(number: int) -> Run:
            path.write_bytes(original + f"# edit {number + 1}\n".encode())
            subprocess.run(["git", "add", name], cwd=root, check=True)  # as committed
            return run_child(command, root, env=env)

        served = " (resident server)" if timing.endswith("_server") else ""
        try:
            return repeat(
                Timing(
                    timing,
                    f"edit {name}, then {shlex.join(['resilint', *command[1:]])} (cache on)"
                    + served,
                ),
                times,
                edited,
                self.log,
            )
        finally:
            path.write_bytes(original)
            subprocess.run(["git", "add", name], cwd=root, check=True)  # staged as it was


_ONE_SUPPLIER = """apiVersion: resilint/v1
kind: Supplier
id: acme
name: Acme Ltd
tier: 3
"""


def located(root: Path, output: Path) -> dict[str, Any]:
    """How many findings resilint reported, and whether each planted defect is among them."""
    report = json.loads(output.read_text(encoding="utf-8"))
    manifest = json.loads((root / "defects.json").read_text(encoding="utf-8"))
    found = {(os.path.normpath(f["path"]), f["code"]) for f in report["findings"]}
    missed = [
        d for d in manifest["defects"] if (os.path.normpath(d["path"]), d["code"]) not in found
    ]
    return {
        "summary": report["summary"],
        "planted_defects": len(manifest["defects"]),
        "planted_defects_located": len(manifest["defects"]) - len(missed),
        "missed": missed,
    }


# -- the report -----------------------------------------------------------------------------------
def machine(bench: Bench) -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(re.findall(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[0])
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, IndexError):
        pass
    import yaml

    return {
        "nproc": os.cpu_count(),
        "resilint_jobs": bench.jobs or "default (one per core)",
        "cpu": cpu,
        "memory": memory,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "pyyaml": f"{yaml.__version__} (libyaml {'yes' if yaml.__with_libyaml__ else 'no'})",
        "resilint": version([bench.resilint, "--version"]),
        "check-jsonschema": version([bench.check_jsonschema, "--version"]),
        "yamllint": version([bench.yamllint, "--version"]),
        "resilint_cache": bench.cache.available,
        "resilint_source": source_state(),
    }


def source_state() -> str:
    """The commit resilint was measured at, and whether its working tree had changes."""

    def git(*args: str) -> str:
        result = subprocess.run(
            ["git", "-C", str(REPO), *args], capture_output=True, text=True, check=False
        )
        return result.stdout.strip() if result.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return "unknown (not a git checkout)"
    outside = ("--", ".", ":!benchmarks", ":!BENCHMARKS.md")  # changes that can change results
    changed = [line for line in git("status", "--porcelain", *outside).splitlines() if line]
    return f"{commit}" + (f" with {len(changed)} uncommitted changes" if changed else "")


def _s(value: float | None) -> str:
    return "n/a" if value is None else (f"{value:.3f}" if value < 10 else f"{value:.1f}")


def _x(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}x"


def _target(
    name: str, measured: float | None, limit: float, at_most: bool, where: str
) -> dict[str, Any]:
    if measured is None:
        verdict = "not measured"
    else:
        verdict = "pass" if (measured <= limit if at_most else measured >= limit) else "fail"
    return {
        "target": name,
        "measured": measured,
        "limit": limit,
        "where": where,
        "verdict": verdict,
    }


def _startup_rows(s: dict[str, Any]) -> list[str]:
    yamllint = s["yamllint_one_file"]["median_s"]
    rows = []
    for label, suffix in (("in its own process", ""), ("through the resident server", "_server")):
        cold = s.get(f"resilint_one_file{suffix}", {}).get("median_s")
        hook = s.get(f"resilint_one_file_hook{suffix}", {}).get("median_s")
        if cold is None:
            continue
        shown = ("n/a", "n/a") if hook is None else (_s(hook), _x(hook / yamllint))
        rows.append(
            f"| {label} | {_s(cold)} | {shown[0]} | {_s(yamllint)} | {_x(cold / yamllint)} "
            f"| {shown[1]} |"
        )
    return rows


def targets(sizes: list[SizeResult], startup: dict[str, Timing]) -> list[dict[str, Any]]:
    by_size = {s.target_documents: s for s in sizes}
    largest = sizes[-1]
    where = f"{largest.repository['documents']:,} documents"
    ratios = largest.ratios()
    # against check-jsonschema where it was timed: the largest such size
    peered = [s for s in sizes if s.median("check_jsonschema") is not None]
    speedup = peered[-1].ratios()["check_jsonschema/resilint_cold"] if peered else None
    peer_where = f"{peered[-1].repository['documents']:,} documents" if peered else where
    one_file = startup["resilint_one_file"].median / startup["yamllint_one_file"].median
    rows = [
        _target(
            "cold full check <= 1.0 x parse floor (aim 0.5 x)",
            ratios["resilint_cold/parse_floor"],
            1.0,
            True,
            where,
        ),
        _target(">= 10 x faster than check-jsonschema", speedup, 10, False, peer_where),
        _target("warm <= 0.1 x parse floor", ratios["resilint_warm/parse_floor"], 0.1, True, where),
        _target(
            "one-file edit <= 0.3 x parse floor",
            ratios["resilint_one_edit/parse_floor"],
            0.3,
            True,
            where,
        ),
        _target(
            "one-file edit of a field the rules read <= 0.3 x parse floor",
            ratios.get("resilint_one_read_edit/parse_floor"),
            0.3,
            True,
            where,
        ),
        _target("one-file repository <= 1.0 x yamllint", round(one_file, 3), 1.0, True, "one file"),
    ]
    for timing, label in (
        ("resilint_one_file_hook", "one-file repository as the hook runs it (cache on)"),
        ("resilint_one_file_server", "one-file repository through the resident server"),
        ("resilint_one_file_hook_server", "one-file repository as the hook runs it, server"),
    ):
        if timing in startup:
            ratio = startup[timing].median / startup["yamllint_one_file"].median
            rows.append(
                _target(f"{label} <= 1.0 x yamllint", round(ratio, 3), 1.0, True, "one file")
            )
    large, ten = by_size.get(LARGE_SIZE), by_size.get(10_000)
    growth = None
    if large is not None and ten is not None:
        a = large.per_document_ms()["resilint_cold"]
        b = ten.per_document_ms()["resilint_cold"]
        growth = round(a / b, 3) if a and b else None
    rows.append(
        _target(
            "time/doc at 100k within 1.3 x of 10k", growth, 1.3, True, "100,000 vs 10,000 documents"
        )
    )
    peak = resilint_peak_mib(large.timings) if large is not None else None
    rows.append(
        _target(
            "peak memory at 100k < 1 GiB",
            round(peak / 1024, 3) if peak else None,
            1.0,
            True,
            "100,000 documents (GiB)",
        )
    )
    return rows


def resilint_peak_mib(timings: dict[str, Timing]) -> float | None:
    """The largest peak of any resilint run: cold, filling the cache, warm or after an edit."""
    peaks = [t.peak_mib for name, t in timings.items() if name.startswith("resilint_")]
    found = [p for p in peaks if p is not None]
    return max(found) if found else None


def markdown(results: dict[str, Any]) -> str:
    lines: list[str] = []
    m = results["machine"]
    lines += [
        f"Command: `{results['command']}`  ",
        f"Date: {results['date']}; median of {results['repeat']} runs "
        f"(check-jsonschema and yamllint: {results.get('peer_repeat', results['repeat'])}).  ",
        f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory']}, {m['platform']}; "
        f"Python {m['python']}, PyYAML {m['pyyaml']}; {m['resilint']} "
        f"(commit {m['resilint_source']}; --jobs: {m.get('resilint_jobs', 'default')}); "
        f"{m['check-jsonschema']}; {m['yamllint']}.",
        "",
        "### Times (seconds)",
        "",
        "| documents | files | MB | parse floor (in-process) | parse floor (subprocess) | "
        "resilint cold | resilint first run (fills the cache) | resilint warm | "
        "resilint one edit | resilint one edit (a field rules read) | "
        "check-jsonschema | yamllint |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in results["sizes"]:
        t, r = size["timings"], size["repository"]

        def cell(name: str, timings: dict[str, Any] = t) -> str:
            value = timings.get(name)
            if value is None:
                return "not measured"
            return (
                _s(value["median_s"]) if value["median_s"] is not None else (value["note"] or "n/a")
            )

        lines.append(
            f"| {r['documents']:,} | {r['files']:,} | {r['bytes'] / 1e6:.1f} | "
            f"{cell('parse_floor_in_process')} | {cell('parse_floor_subprocess')} | "
            f"{cell('resilint_cold')} | {cell('resilint_fill')} | {cell('resilint_warm')} | "
            f"{cell('resilint_one_edit')} | {cell('resilint_one_read_edit')} | "
            f"{cell('check_jsonschema')} | {cell('yamllint')} |"
        )
    lines += [
        "",
        "### Ratios",
        "",
        "| documents | cold / floor | first run / floor | warm / floor | one edit / floor "
        "| one edit (a field rules read) / floor "
        "| check-jsonschema / cold | yamllint / cold | in-process floor / floor |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in results["sizes"]:
        q = size["ratios"]
        lines.append(
            f"| {size['repository']['documents']:,} | {_x(q['resilint_cold/parse_floor'])} | "
            f"{_x(q.get('resilint_fill/parse_floor'))} | {_x(q['resilint_warm/parse_floor'])} | "
            f"{_x(q['resilint_one_edit/parse_floor'])} | "
            f"{_x(q.get('resilint_one_read_edit/parse_floor'))} | "
            f"{_x(q['check_jsonschema/resilint_cold'])} | {_x(q['yamllint/resilint_cold'])} | "
            f"{_x(q['parse_floor_in_process/parse_floor'])} |"
        )
    lines += [
        "",
        "### Time per document (ms) and peak memory (MiB, largest child)",
        "",
        "| documents | floor ms/doc | resilint cold ms/doc | check-jsonschema ms/doc | "
        "yamllint ms/doc | floor MiB | resilint cold MiB | resilint MiB (largest of its runs) | "
        "check-jsonschema MiB | yamllint MiB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in results["sizes"]:
        p, t = size["per_document_ms"], size["timings"]

        def mib(name: str, timings: dict[str, Any] = t) -> str:
            value = timings.get(name, {}).get("peak_rss_mib")
            return "n/a" if value is None else f"{value:.0f}"

        def ms(name: str, per: dict[str, Any] = p) -> str:
            return "n/a" if per.get(name) is None else f"{per[name]:.3f}"

        peaks = [v["peak_rss_mib"] for k, v in t.items() if k.startswith("resilint_")]
        top = max((v for v in peaks if v is not None), default=None)
        largest = "n/a" if top is None else f"{top:.0f}"

        lines.append(
            f"| {size['repository']['documents']:,} | {ms('parse_floor_subprocess')} | "
            f"{ms('resilint_cold')} | {ms('check_jsonschema')} | {ms('yamllint')} | "
            f"{mib('parse_floor_subprocess')} | {mib('resilint_cold')} | {largest} | "
            f"{mib('check_jsonschema')} | {mib('yamllint')} |"
        )
    s = results["startup"]
    lines += [
        "",
        "### Start-up (one-file repository)",
        "",
        "| resilint runs | resilint check, no cache (s) | as a hook: edited, cache on (s) "
        "| yamllint (s) | no cache / yamllint | hook / yamllint |",
        "|---|---:|---:|---:|---:|---:|",
        *_startup_rows(s),
        "",
        "### Findings",
        "",
        "| documents | findings | planted defects | located at their file with their code |",
        "|---:|---:|---:|---:|",
    ]
    for size in results["sizes"]:
        f = size["findings"]
        lines.append(
            f"| {size['repository']['documents']:,} | {f['summary']['findings']} | "
            f"{f['planted_defects']} | {f['planted_defects_located']} |"
        )
    lines += [
        "",
        "### Targets",
        "",
        "| target | measured | where | verdict |",
        "|---|---:|---|---|",
    ]
    for row in results["targets"]:
        value = row["measured"]
        shown = "n/a" if value is None else f"{value:g}"
        lines.append(f"| {row['target']} | {shown} | {row['where']} | {row['verdict']} |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument(
        "--peer-repeat",
        type=int,
        default=None,
        help="runs of check-jsonschema and yamllint on the repositories (default: --repeat)",
    )
    parser.add_argument("--large", action="store_true", help="also 100,000 documents")
    parser.add_argument(
        "--sizes", default=None, help="comma-separated document counts (default: 1000,10000)"
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=None,
        help="where to generate repositories (default: a temporary directory, removed afterwards)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--results",
        type=Path,
        default=Path(__file__).parent / "results.json",
        help="machine-readable results (default: benchmarks/results.json)",
    )
    parser.add_argument(
        "--markdown", type=Path, default=None, help="also write the Markdown report to this file"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=None,
        help="resilint check --jobs N (default: resilint's own, one process per core)",
    )
    parser.add_argument(
        "--peers-up-to",
        type=int,
        default=None,
        metavar="DOCUMENTS",
        help="time check-jsonschema and yamllint only on repositories of at most this many "
        "documents (with --large: the 100,000-document targets in minutes, not an hour)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else list(DEFAULT_SIZES)
    if args.large and LARGE_SIZE not in sizes:
        sizes.append(LARGE_SIZE)
    sizes.sort()

    temporary = args.workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="resilint-bench-")) if temporary else args.workdir
    workdir.mkdir(parents=True, exist_ok=True)
    source_at_start = source_state()
    try:
        bench = Bench(workdir.resolve(), args.repeat, args.seed, not args.quiet, args.peer_repeat)
        bench.jobs = args.jobs
        bench.peers_up_to = args.peers_up_to
        if not bench.cache.available:
            bench.log("resilint check has no --no-cache: timing cold runs only")
        measured = [bench.measure(n) for n in sizes]
        startup = bench.startup(workdir.resolve() / f"repo-{sizes[0]}")
    finally:
        if temporary:
            shutil.rmtree(workdir, ignore_errors=True)
    command = "python benchmarks/run.py " + shlex.join(argv if argv is not None else sys.argv[1:])
    about = machine(bench)
    if about["resilint_source"] != source_at_start:
        about["resilint_source"] = (
            f"{source_at_start} at the start, {about['resilint_source']} at the end: resilint "
            "changed during the run"
        )
    results: dict[str, Any] = {
        "command": command.strip(),
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "repeat": args.repeat,
        "peer_repeat": bench.peer_times,
        "seed": args.seed,
        "machine": about,
        "peak_memory_method": "ru_maxrss of each child from os.wait4 (KiB on Linux)",
        "sizes": [s.as_dict() for s in measured],
        "startup": {name: t.as_dict() for name, t in startup.items()},
        "targets": targets(measured, startup),
    }
    args.results.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    report = markdown(results)
    if args.markdown is not None:
        args.markdown.write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
