from __future__ import annotations

import fcntl
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import resilint.load
import resilint.rules.rule_file
from resilint.cli import main
from resilint.resources import data_dir

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"


def _read_packaged_rule_files_once() -> None:
    """Every in-process run of the CLI (``cli``, CliRunner) loads the rules, and reading
    resilint's own rule files (composing their YAML with positions, converting and validating
    it) was 60% of the time of a check of a small repository, and half of the suite's. What that
    reading gives depends on the files' bytes alone, and those do not change during a test run:
    within one test process each packaged rule file is read once (as at its first run) and
    each later run is given a fresh copy of what that reading gave, then compiles its rules as
    before. Rule files of a test's own (``rule_dirs``) are read every time, as are the packaged
    ones by every run in a subprocess and wherever a test watches ``load_mapping``; with
    RESILINT_TESTS_READ_RULES_EVERY_TIME=1 every run reads them too."""
    if os.environ.get("RESILINT_TESTS_READ_RULES_EVERY_TIME") == "1":
        return
    rule_file = resilint.rules.rule_file
    read = rule_file._read_rule_file
    packaged = data_dir("rules").resolve()
    schema = data_dir("schemas") / "rule-file.json"
    kept: dict[tuple[str, bytes, bytes], tuple[bytes, Any]] = {}

    def read_once(path: Path, schemas: Any) -> tuple[dict[str, Any], Any]:
        if (
            rule_file.load_mapping is not resilint.load.load_mapping  # a test watches reading
            or Path(path).resolve().parent != packaged
        ):
            return read(path, schemas)
        key = (str(path), Path(path).read_bytes(), schema.read_bytes())
        if key not in kept:
            data, root = read(path, schemas)
            kept[key] = (pickle.dumps(data, pickle.HIGHEST_PROTOCOL), root)
        data, root = kept[key]
        return pickle.loads(data), root  # a copy of its own: compiling may change it

    rule_file._read_rule_file = read_once  # type: ignore[assignment]


_read_packaged_rule_files_once()


def python_json(code: str, pycache: Path, **env: str) -> dict[str, Any]:
    """Run ``code`` in a new Python writing its bytecode under ``pycache`` (what resilint keeps
    beside it included) and return the JSON it prints."""
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    environ |= {"PYTHONPATH": str(REPO), "PYTHONPYCACHEPREFIX": str(pycache), **env}
    done = subprocess.run(
        [sys.executable, "-c", code], env=environ, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


_LISTING = """
import json, sys
sys.argv = ["resilint", *sys.argv[1:]]
from resilint.launch import main
try:
    main()
finally:
    # the modules imported, not those standing in for one until it is used (resilint.deferred)
    real = (n for n, m in sys.modules.items() if type(m).__name__ != "_StandIn")
    print(json.dumps(sorted(real)), file=sys.stderr)
"""


def resilint_and_modules(
    root: Path, *args: str, env: dict[str, str] | None = None
) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """``resilint ARGS`` in a new process in ``root``, as the installed command starts (no
    resident server unless ``env`` is given: then with it, as it is), and the modules it
    imported."""
    done = subprocess.run(
        [sys.executable, "-c", _LISTING, *args],
        cwd=root,
        env=env or {**os.environ, "PYTHONPATH": str(REPO), "RESILINT_NO_SERVER": "1"},
        capture_output=True,
        text=True,
    )
    *message, modules = done.stderr.splitlines()
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout, "\n".join(message)
    ), set(json.loads(modules))


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()

    def json(self) -> Any:
        return json.loads(self.stdout)

    def codes(self) -> list[str]:
        return [finding["code"] for finding in self.json()["findings"]]


@pytest.fixture(autouse=True)
def _private_cache_secret(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep the cache's signing secret out of the user's home during tests."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))


@pytest.fixture
def short_dir() -> Iterator[Path]:
    """A directory with a short path, for a Unix socket under it: a socket's path holds at most
    107 bytes, which pytest's own temporary directories (under pytest-xdist, a worker's too)
    can exceed."""
    directory = Path(tempfile.mkdtemp(prefix="rl-", dir="/tmp" if Path("/tmp").is_dir() else None))
    try:
        yield directory
    finally:
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Run the resilint CLI in-process on real files, in ``tmp_path`` unless ``cwd`` is given."""

    def run(*args: str, cwd: Path | None = None) -> Run:
        monkeypatch.chdir(cwd or tmp_path)
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr)

    return run


@dataclass(frozen=True)
class PreCommitHooks:
    """This checkout's hooks as pre-commit installs them: ``repo`` at ``rev`` (this checkout,
    or, where it has uncommitted changes, a clone holding them, as ``pre-commit try-repo``
    makes), and a ``home`` (``PRE_COMMIT_HOME``) every test of the session shares, so pre-commit
    clones the repository and installs the hook's environment (pip, the build backend and every
    dependency) once, not once per run as ``try-repo``, whose store is a new temporary directory
    each time, does."""

    repo: Path
    rev: str
    home: Path

    def config(self, hook: str) -> Path:
        """A configuration naming ``hook`` of ``repo`` at ``rev``, the one ``try-repo`` writes;
        kept outside the repository under test, as ``try-repo`` keeps it."""
        return self.home.parent / f"pre-commit-config-{hook}.yaml"

    def env(self, **more: str) -> dict[str, str]:
        env = {**os.environ, "PRE_COMMIT_HOME": str(self.home), "NO_COLOR": "1", **more}
        env.pop("GITHUB_ACTIONS", None)
        return env


def _git_out(cwd: Path, *args: str, env: dict[str, str] | None = None) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True
    ).stdout


def _hook_repository(where: Path) -> tuple[Path, str]:
    """What ``pre-commit try-repo REPO`` installs from: REPO at HEAD, or, where the working tree
    differs from HEAD, a clone with its staged and changed tracked files committed on top."""
    head = _git_out(REPO, "rev-parse", "HEAD").strip()
    clean = subprocess.run(
        ["git", "diff", "--quiet", "--no-ext-diff", "HEAD"], cwd=REPO, capture_output=True
    )
    if clean.returncode == 0:
        return REPO, head
    shadow = where / "shadow-repo"
    _git_out(where, "clone", "-q", str(REPO), str(shadow))
    _git_out(shadow, "checkout", "-q", head, "-b", "_pc_tmp")
    env = dict(os.environ)
    env["GIT_INDEX_FILE"] = _git_out(shadow, "rev-parse", "--absolute-git-dir").strip() + "/index"
    env["GIT_OBJECT_DIRECTORY"] = str(Path(env["GIT_INDEX_FILE"]).parent / "objects")
    staged = _git_out(REPO, "diff", "--staged", "--name-only", "--no-ext-diff", "-z")
    staged_files = [name for name in staged.split("\0") if name]
    if staged_files:
        _git_out(REPO, "add", "--", *staged_files, env=env)
    _git_out(REPO, "add", "-u", env=env)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env |= {"GIT_AUTHOR_NAME": "pre-commit", "GIT_COMMITTER_NAME": "pre-commit"}
    env |= {"GIT_AUTHOR_EMAIL": "tests@example.com", "GIT_COMMITTER_EMAIL": "tests@example.com"}
    _git_out(shadow, "commit", "-q", "--no-edit", "--no-gpg-sign", "-n", "-minit", env=env)
    return shadow, _git_out(shadow, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="session")
def pre_commit_hooks(tmp_path_factory: pytest.TempPathFactory) -> PreCommitHooks:
    """This checkout's hooks, made once for the whole run: under pytest-xdist the workers share
    them (a lock makes the first one write them; pre-commit's own store lock makes the first
    run install the environment while another worker's run waits for it)."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # this run's directory, which every worker's is under
    where = root / "pre-commit-hooks"
    with (root / "pre-commit-hooks.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        made = where / "made.json"
        if not made.is_file():
            where.mkdir(exist_ok=True)
            repo, rev = _hook_repository(where)
            (where / "home").mkdir(exist_ok=True)
            for hook in ("resilint", "resilint-fix"):
                (where / f"pre-commit-config-{hook}.yaml").write_text(
                    json.dumps(
                        {"repos": [{"repo": str(repo), "rev": rev, "hooks": [{"id": hook}]}]}
                    )
                    + "\n"
                )
            made.write_text(json.dumps({"repo": str(repo), "rev": rev}))
        known = json.loads(made.read_text())
    return PreCommitHooks(Path(known["repo"]), known["rev"], where / "home")


def copy_example(name: str, tmp_path: Path) -> Path:
    """A copy of a bundled example repository, without a cache an earlier run left in it."""
    target = tmp_path / name
    shutil.copytree(EXAMPLES / name, target, ignore=shutil.ignore_patterns(".resilint_cache"))
    return target


@pytest.fixture
def rule_evaluations(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times a check evaluated the rules (one entry per run that did): a run the
    cache serves from the last one's kept findings adds none."""
    from resilint import checker

    counted: list[int] = []
    run_rules = checker.run_rules

    def counting(*args: Any, **kwargs: Any) -> Any:
        counted.append(1)
        return run_rules(*args, **kwargs)

    monkeypatch.setattr(checker, "run_rules", counting)
    return counted


@pytest.fixture
def write(tmp_path: Path):
    """Write a file (text is dedented; bytes are written as they are) and return its path."""

    def put(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
        return path

    return put
