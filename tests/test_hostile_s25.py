"""Hostile round 25: states of git, the process and its output that let a gate pass or litter.

Each test runs resilint as its users do: through a real ``git commit`` with pre-commit's hook
installed (or a plain ``.git/hooks/pre-commit`` script), or as the ``resilint`` command.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import copy_example

SUPPLIER = "suppliers/albis-telecom.yaml"


def _git(repo: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env["PRE_COMMIT_HOME"] = str(repo.parent / "pre-commit-home")
    env |= {"GIT_AUTHOR_NAME": "Risk Team", "GIT_COMMITTER_NAME": "Risk Team"}
    env |= {"GIT_AUTHOR_EMAIL": "risk@example.com", "GIT_COMMITTER_EMAIL": "risk@example.com"}
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)
    assert done.returncode == 0 or args[0] == "commit", done.stderr
    return done.stdout + done.stderr if args[0] == "commit" else done.stdout


def _committed(tmp_path: Path, hook: str) -> Path:
    """examples/northwind in git, with the hook installed: ``pre-commit`` (a local hook
    running this resilint, as ``resilint init`` writes it) or ``plain`` (a git hook script, as
    another hook manager runs it)."""
    repo = copy_example("northwind", tmp_path)
    _git(repo, "init", "-q", "-b", "main")
    entry = f"{sys.executable} -m resilint pre-commit"
    if hook == "pre-commit":
        (repo / ".pre-commit-config.yaml").write_text(
            "repos:\n  - repo: local\n    hooks:\n      - id: resilint\n"
            f"        name: resilint\n        entry: {entry}\n        language: system\n"
            "        types_or: [yaml, toml]\n        require_serial: true\n"
            "        always_run: true\n"
        )
        env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
        subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env)
    else:
        script = repo / ".git" / "hooks" / "pre-commit"
        script.write_text(f"#!/bin/sh\nexec {entry}\n")
        script.chmod(0o755)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "--no-verify", "-m", "programme")
    return repo


def _commits(repo: Path) -> int:
    return int(_git(repo, "rev-list", "--count", "HEAD"))


@pytest.mark.slow
@pytest.mark.parametrize("hook", ["pre-commit", "plain"])
@pytest.mark.parametrize("mark", ["assume-unchanged", "skip-worktree"])
def test_a_staged_change_git_is_told_not_to_look_at_is_refused(
    tmp_path: Path, hook: str, mark: str
) -> None:
    """A supplier staged with ``tier: banana``, marked assume-unchanged (or skip-worktree) and
    put right in the work tree: git, and so pre-commit's stash of unstaged changes and the
    hook's own ``diff-files``, takes the marked file as unchanged; the hook read the good work
    tree and ``git commit`` recorded the broken supplier. It is refused now, naming the file
    and the mark; the commit is not made."""
    repo = _committed(tmp_path, hook)
    supplier = repo / SUPPLIER
    good = supplier.read_text()
    supplier.write_text(good.replace("tier: 2\n", "tier: banana\n"))
    _git(repo, "add", SUPPLIER)
    _git(repo, "update-index", f"--{mark}", SUPPLIER)
    supplier.write_text(good)
    said = _git(repo, "commit", "-m", "tier")
    assert _commits(repo) == 1, said
    assert f"{SUPPLIER} is marked {mark} in git's index" in said, said
    assert f"git update-index --no-{mark} -- {SUPPLIER}" in said
    assert "Traceback" not in said


@pytest.mark.slow
def test_a_local_configuration_kept_out_of_commits_does_not_judge_them(tmp_path: Path) -> None:
    """``resilint.yaml`` changed locally to ``fail_on: never`` and marked assume-unchanged (to
    keep it out of commits): the hook judged a broken supplier under it and let the commit
    through, which CI then fails under the committed ``fail_on: error``."""
    repo = _committed(tmp_path, "pre-commit")
    _git(repo, "update-index", "--assume-unchanged", "resilint.yaml")
    config = repo / "resilint.yaml"
    config.write_text(config.read_text().replace("fail_on: error", "fail_on: never"))
    supplier = repo / SUPPLIER
    supplier.write_text(supplier.read_text().replace("tier: 2\n", "tier: banana\n"))
    _git(repo, "add", SUPPLIER)
    said = _git(repo, "commit", "-m", "tier")
    assert _commits(repo) == 1, said
    assert "resilint.yaml is marked assume-unchanged" in said, said


@pytest.mark.slow
def test_a_marked_file_that_holds_what_is_staged_is_no_obstacle(tmp_path: Path) -> None:
    """The mark alone changes nothing: a marked file whose work tree is the index's, and a
    broken change staged in another file, is judged as ever (refused for the finding); a good
    change is committed."""
    repo = _committed(tmp_path, "plain")
    _git(repo, "update-index", "--assume-unchanged", "resilint.yaml")
    _git(repo, "update-index", "--skip-worktree", "suppliers/brightdesk-crm.yaml")
    supplier = repo / SUPPLIER
    good = supplier.read_text()
    supplier.write_text(good.replace("tier: 2\n", "tier: banana\n"))
    _git(repo, "add", SUPPLIER)
    said = _git(repo, "commit", "-m", "tier")
    assert _commits(repo) == 1 and "SCH-01" in said and "is marked" not in said, said
    supplier.write_text(good.replace("name: Albis Telecom GmbH", "name: Albis Telecom AG"))
    _git(repo, "add", SUPPLIER)
    said = _git(repo, "commit", "-m", "name")
    assert _commits(repo) == 2, said


def _interrupted(repo: Path, after: float) -> subprocess.CompletedProcess[str]:
    import signal
    import time

    env = {**os.environ, "RESILINT_NO_SERVER": "1", "XDG_CACHE_HOME": str(repo.parent / "xdg")}
    command = [str(Path(sys.executable).with_name("resilint")), "check", "--no-cache"]
    process = subprocess.Popen(
        command, cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    time.sleep(after)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=120)
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def test_ctrl_c_while_resilint_starts_prints_no_traceback(tmp_path: Path) -> None:
    """Ctrl-C while resilint's modules were loading, before a command guarded its run, printed
    a Python traceback through resilint/launch.py (status 130). It now says ``resilint:
    interrupted``, status 130, wherever resilint's own code was. (An interrupt in the first
    milliseconds, while Python itself starts, is Python's to report.)"""
    import re

    package = re.escape(str(Path(__file__).resolve().parents[1] / "resilint"))
    ours = re.compile(f'File "{package}/')
    repo = copy_example("northwind", tmp_path)
    for step in range(1, 16):
        done = _interrupted(repo, step * 0.04)
        assert not ours.search(done.stderr), done.stderr
        # 130: resilint's; 0: the run had ended; -SIGINT and 1 ("Fatal Python error"): Python
        # was still starting (the interpreter or the installer's wrapper script)
        assert done.returncode in (130, 0, -2, 1), done.stderr
        if "resilint: interrupted" in done.stderr:
            assert done.returncode == 130


# The Ctrl-C lands while a dataclass of resilint's is made: the first field's __set_name__
# raises it, as the signal would there (Python 3.11 wraps it in "RuntimeError: Error calling
# __set_name__"; later versions let it through).
_INTERRUPTED_IN_A_CLASS = """
import dataclasses, sys
original = dataclasses.Field.__set_name__
def interrupted(field, owner, name):
    dataclasses.Field.__set_name__ = original
    raise KeyboardInterrupt
dataclasses.Field.__set_name__ = interrupted
sys.argv = ["resilint", "check", "--no-cache"]
from resilint.launch import main
main()
"""


def test_ctrl_c_while_a_dataclass_is_made_prints_no_traceback(tmp_path: Path) -> None:
    """Ctrl-C while Python makes one of resilint's dataclasses at start-up (seen on a loaded
    machine: the interrupt arrived in a field's __set_name__) printed Python 3.11's
    RuntimeError traceback through resilint's modules, status 1; it says ``resilint:
    interrupted``, status 130, as an interrupt anywhere else in start-up does."""
    repo = copy_example("northwind", tmp_path)
    env = {**os.environ, "RESILINT_NO_SERVER": "1", "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    done = subprocess.run(
        [sys.executable, "-c", _INTERRUPTED_IN_A_CLASS],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (130, "resilint: interrupted\n")


# The Ctrl-C lands while jsonschema_rs (Rust) imports Python's decimal module: the extension
# panics, and pyo3 raises its PanicException (a BaseException) carrying the KeyboardInterrupt
# only in its message. Raised here from resilint's run, as the extension raised it.
_PANICKED_AT_INTERRUPT = """
import sys
from resilint import app
class PanicException(BaseException):
    pass
def panicked(args):
    raise PanicException("failed to import the stdlib decimal module: PyErr { type: "
                         "<class 'KeyboardInterrupt'>, value: KeyboardInterrupt() }")
app.run_check = panicked
sys.argv = ["resilint", "check", "--no-cache"]
from resilint.launch import main
main()
"""


def test_a_rust_extensions_panic_at_ctrl_c_prints_no_traceback(tmp_path: Path) -> None:
    """Ctrl-C while jsonschema_rs imported Python's decimal module made it panic (seen once in
    CI by the timed interrupt test above): pyo3's PanicException, no Exception, went through
    resilint's modules as a traceback. It says ``resilint: interrupted``, status 130."""
    repo = copy_example("northwind", tmp_path)
    env = {**os.environ, "RESILINT_NO_SERVER": "1", "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    done = subprocess.run(
        [sys.executable, "-c", _PANICKED_AT_INTERRUPT],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (130, "resilint: interrupted\n")


def _names(folder: Path) -> list[str]:
    return [entry.name for entry in folder.iterdir()]


def _stopped_while_writing(repo: Path, out: Path) -> subprocess.Popen[str] | None:
    """``resilint check`` writing its reports into ``out``, stopped (SIGSTOP) while a report's
    temporary file is there, not yet renamed into place; None if the run wrote them all first."""
    import signal

    env = {**os.environ, "RESILINT_NO_SERVER": "1", "XDG_CACHE_HOME": str(repo.parent / "xdg")}
    reports = [f"-o{kind}={out / ('r.' + kind)}" for kind in ("json", "sarif", "junit")]
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("resilint")), "check", "--no-cache", *reports],
        cwd=repo,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    while process.poll() is None:
        if any(name.startswith(".resilint-") for name in _names(out)):
            process.send_signal(signal.SIGSTOP)
            if any(name.startswith(".resilint-") for name in _names(out)):
                return process
            process.send_signal(signal.SIGCONT)
    return None


def test_a_run_killed_while_it_writes_a_report_leaves_no_temporary_file(tmp_path: Path) -> None:
    """A report is written beside its name and renamed into place; a SIGTERM (a CI job's
    timeout) that came in between ended the run and left ``.resilint-XXXX.tmp``, half a report,
    in the output directory. The signal now waits until the file is in place: the run still
    ends by it, the report is whole and nothing else is left."""
    import json
    import signal

    repo = copy_example("defects", tmp_path)
    out = tmp_path / "out"
    for _ in range(5):
        out.mkdir()
        process = _stopped_while_writing(repo, out)
        if process is not None:
            break
        subprocess.run(["rm", "-rf", str(out)], check=True)
    else:
        pytest.skip("the reports were written before the run could be stopped")
    process.send_signal(signal.SIGTERM)
    process.send_signal(signal.SIGCONT)
    assert process.wait(timeout=60) == -signal.SIGTERM
    left = sorted(_names(out))
    assert not [name for name in left if name.startswith(".resilint-")], left
    if "r.json" in left:
        json.loads((out / "r.json").read_text())


def test_a_sparse_checkout_without_the_configuration_is_refused(tmp_path: Path, cli) -> None:
    """A sparse checkout that leaves out resilint.yaml (``fail_on: warning`` there) ran on the
    built-in defaults without a word: a commit that lets a supplier's assessment go stale (a
    SUP-04 warning) passed the hook, though the committed configuration fails it, as CI does.
    Refused now, status 2, naming the file; checked out again, judged as ever."""
    repo = _committed(tmp_path, "plain")
    config = repo / "resilint.yaml"
    config.write_text(config.read_text().replace("fail_on: error", "fail_on: warning"))
    _git(repo, "commit", "-qam", "stricter", "--no-verify")
    _git(repo, "sparse-checkout", "set", "--no-cone", "/*", "!/resilint.yaml")
    assert not config.exists()
    supplier = repo / SUPPLIER
    supplier.write_text(supplier.read_text().replace("date: 2025-05-20", "date: 2022-05-20"))
    _git(repo, "add", SUPPLIER)
    said = _git(repo, "commit", "-m", "stale")
    assert _commits(repo) == 2 and "sparse checkout leaves it out" in said, said
    assert "resilint.yaml: git tracks this configuration file" in said
    assert "the built-in defaults" in said
    result = cli("check", cwd=repo)
    assert result.exit_code == 2 and "sparse checkout leaves it out" in result.stderr
    _git(repo, "sparse-checkout", "disable")
    said = _git(repo, "commit", "-m", "stale")
    assert _commits(repo) == 2 and "SUP-04" in said, said


OWN_RULE = """\
rules:
  - code: OWN-01
    name: supplier-has-description
    level: error
    title: Every supplier has a description
    rationale: Policy.
    references: ["Internal policy 1"]
    remediation: Add one.
    select: Supplier
    require:
      - that: {field: supplier.description, exists: true}
        message: "supplier {supplier.id} has no description"
    examples:
      pass: "apiVersion: resilint/v1\\nkind: Supplier\\nid: a\\ndescription: x\\n"
      fail: "apiVersion: resilint/v1\\nkind: Supplier\\nid: a\\n"
      expect: [{id: a, line: 3}]
"""


def test_a_sparse_checkout_without_a_rule_file_is_refused(tmp_path: Path, cli) -> None:
    """``rule_dirs: [policies/]`` with ``exclude: [policies/]``, and a sparse checkout that
    leaves out ``policies/own.yaml``: its rule OWN-01 did not run, and nothing said so (the
    exclude keeps FILE-06 away): the check passed with status 0 where the repository fails
    it. Refused now, status 2, at the configuration's rule_dirs line, naming the file."""
    repo = copy_example("northwind", tmp_path)
    (repo / "policies").mkdir()
    (repo / "policies" / "own.yaml").write_text(OWN_RULE)
    other = OWN_RULE.replace("OWN-01", "OWN-02").replace("description", "name")
    (repo / "policies" / "other.yaml").write_text(other)
    config = repo / "resilint.yaml"
    config.write_text(config.read_text() + "rule_dirs: [policies/]\nexclude: [policies/]\n")
    supplier = repo / SUPPLIER
    lines = supplier.read_text().splitlines(keepends=True)
    supplier.write_text("".join(x for x in lines if not x.startswith("description:")))
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "--no-verify", "-m", "programme")
    before = cli("check", cwd=repo)
    assert before.exit_code == 1 and "OWN-01" in before.stdout and "OWN-02" not in before.stdout
    _git(repo, "sparse-checkout", "set", "--no-cone", "/*", "!/policies/own.yaml")
    result = cli("check", cwd=repo)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "resilint.yaml:6:13:" in result.stderr, result.stderr
    assert "'policies/' lacks its rule file own.yaml" in result.stderr
    _git(repo, "sparse-checkout", "set", "--no-cone", "/*", "!/suppliers/nothing.yaml")
    assert "OWN-01" in cli("check", cwd=repo).stdout


@pytest.mark.slow
def test_a_worktree_of_a_repository_under_a_line_break_is_its_own(tmp_path: Path) -> None:
    """A repository in a directory whose name holds a line break, and a linked worktree of
    it: git runs the hook with GIT_DIR set, and the hook read only the first line of the
    worktree's ``.git`` file for its git directory, took it for another repository's and
    refused every commit there, a good one too (status 2). As git reads the file, the whole
    path: a good commit passes, a broken one is refused for its finding."""
    parent = tmp_path / "risk\nteam"
    parent.mkdir()
    repo = _committed(parent, "pre-commit")
    worktree = parent / "side"
    _git(repo, "worktree", "add", "-q", str(worktree), "-b", "side")
    supplier = worktree / SUPPLIER
    good = supplier.read_text()
    supplier.write_text(good.replace("Albis Telecom GmbH", "Albis Telecom AG"))
    _git(worktree, "add", SUPPLIER)
    said = _git(worktree, "commit", "-m", "name")
    assert "GIT_DIR" not in said and _commits(worktree) == 2, said
    supplier.write_text(good.replace("tier: 2\n", "tier: banana\n"))
    _git(worktree, "add", SUPPLIER)
    said = _git(worktree, "commit", "-m", "tier")
    assert "SCH-01" in said and _commits(worktree) == 2, said


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(("example", "status"), [("northwind", 0), ("defects", 2)])
def test_a_standard_error_that_cannot_be_written_loses_only_the_notes(
    tmp_path: Path, example: str, status: int
) -> None:
    """Standard error on a full disk (``2>/dev/full``): the first note resilint wrote there
    failed, its report of the failure failed too, and Python ended the run with status 1 and
    nothing on standard output, on a clean repository as on one whose files cannot be read
    (status 2). The notes are lost now; the report and the status are the run's."""
    repo = copy_example(example, tmp_path)
    env = {**os.environ, "RESILINT_NO_SERVER": "1", "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    with Path("/dev/full").open("w") as full:
        done = subprocess.run(
            [str(Path(sys.executable).with_name("resilint")), "check", "--no-cache"],
            cwd=repo,
            env=env,
            stdout=subprocess.PIPE,
            stderr=full,
            text=True,
        )
    assert done.returncode == status, done.stdout
    assert done.stdout.splitlines()[-1].startswith("Checked "), done.stdout


# The Ctrl-C lands while a command runs and a module loaded on first use makes a dataclass:
# Python 3.11 wraps the KeyboardInterrupt in "RuntimeError: Error calling __set_name__", which
# the command's guard took for a defect of resilint's (status 4, "internal error").
_INTERRUPTED_IN_A_RUN = """
import dataclasses, sys
from resilint.command import guarded
def action():
    original = dataclasses.Field.__set_name__
    def interrupted(field, owner, name):
        dataclasses.Field.__set_name__ = original
        raise KeyboardInterrupt
    dataclasses.Field.__set_name__ = interrupted
    @dataclasses.dataclass
    class Late:
        supporting: int = dataclasses.field(default=0)
    return 0
guarded(action)
"""


def test_ctrl_c_while_a_run_makes_a_dataclass_is_an_interrupt(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _INTERRUPTED_IN_A_RUN],
        cwd=tmp_path,
        env={**os.environ, "RESILINT_NO_SERVER": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (130, "resilint: interrupted\n")
