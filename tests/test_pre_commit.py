"""The real pre-commit, on a real git repository, running resilint's hook from this checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PreCommitHooks

pytestmark = pytest.mark.slow

SUPPLIER = """\
apiVersion: resilint/v1
kind: Supplier
id: acme
tier: 1
provides_ict_services: true
"""
CONTRACT = """\
apiVersion: resilint/v1
kind: Contract
id: ctr-acme
supplier: acme
status: active
remedies: {{step_in_rights: {step_in}, security_indemnity: true, accelerated_termination: true}}
"""
LEGACY = """\
apiVersion: resilint/v1
kind: Contract
id: ctr-legacy
supplier: acme
status: active
remedies: {step_in_rights: false, security_indemnity: true, accelerated_termination: true}
"""


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def pre_commit_home(pre_commit_hooks: PreCommitHooks) -> PreCommitHooks:
    """This checkout's hooks, installed once for the whole run (conftest.pre_commit_hooks)."""
    return pre_commit_hooks


@pytest.fixture
def project(tmp_path: Path) -> Path:
    repo = tmp_path / "programme"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "risk@example.com")
    git(repo, "config", "user.name", "Risk Team")
    (repo / "resilint.yaml").write_text(
        "profiles: []\nselect: [CTR-08]\nrules: {CTR-08: {level: error}}\n"
    )
    (repo / "suppliers").mkdir()
    (repo / "contracts").mkdir()
    (repo / "suppliers" / "acme.yaml").write_text(SUPPLIER)
    (repo / "contracts" / "acme.yaml").write_text(CONTRACT.format(step_in="true"))
    (repo / "README.md").write_text("Resilience programme\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "programme")
    return repo


def try_repo(
    project: Path, hooks: PreCommitHooks, *options: str, hook: str = "resilint"
) -> subprocess.CompletedProcess[str]:
    """What ``pre-commit try-repo`` does: the real pre-commit runs ``hook`` of this checkout
    (its uncommitted changes too) on the staged files (or, with ``options``, as they say:
    ``--from-ref A --to-ref B``), from the configuration try-repo would write, kept outside the
    repository. ``try-repo`` itself installs the hook's environment anew at every run (its store
    is a new temporary directory); ``pre-commit run`` installs it into ``PRE_COMMIT_HOME``, which
    the whole test run shares."""
    return subprocess.run(
        [
            *(sys.executable, "-m", "pre_commit", "run"),
            *("--config", str(hooks.config(hook)), hook, *options),
        ],
        cwd=project,
        env=hooks.env(),
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module", autouse=True)
def _needs_git() -> None:
    assert shutil.which("git"), "these tests need git"


def test_blocks_a_gap_in_a_changed_file_and_lets_the_fix_through(project, pre_commit_home):
    (project / "contracts" / "acme.yaml").write_text(CONTRACT.format(step_in="false"))
    git(project, "add", ".")
    blocked = try_repo(project, pre_commit_home)
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "contracts/acme.yaml:6:" in blocked.stdout and "CTR-08" in blocked.stdout

    (project / "contracts" / "acme.yaml").write_text(CONTRACT.format(step_in="true"))
    git(project, "add", ".")
    passed = try_repo(project, pre_commit_home)
    assert passed.returncode == 0, passed.stdout + passed.stderr


def test_reports_findings_elsewhere_that_the_change_causes(project, pre_commit_home):
    git(project, "rm", "-q", "suppliers/acme.yaml")  # contracts still name the supplier
    blocked = try_repo(project, pre_commit_home)
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "contracts/acme.yaml:4:11: REF-01" in blocked.stdout
    assert "(introduced by this commit, in a file outside it)" in blocked.stdout


def test_deleting_or_renaming_files_passes_in_a_repository_with_old_findings(
    project, pre_commit_home
):
    """An exited supplier's file deleted, another renamed: the legacy contract's old finding
    does not block either commit; deleting the supplier a contract names does."""
    (project / "contracts" / "legacy.yaml").write_text(LEGACY.replace("acme", "bygone"))
    (project / "suppliers" / "bygone.yaml").write_text(SUPPLIER.replace("acme", "bygone"))
    (project / "suppliers" / "exited.yaml").write_text(SUPPLIER.replace("acme", "exited"))
    git(project, "add", ".")
    git(project, "commit", "-q", "--no-verify", "-m", "legacy contract, exited supplier")
    git(project, "rm", "-q", "suppliers/exited.yaml")
    git(project, "mv", "suppliers/acme.yaml", "suppliers/acme-freight.yaml")
    passed = try_repo(project, pre_commit_home)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "ctr-legacy" not in passed.stdout and "every finding counts" not in passed.stdout
    git(project, "rm", "-q", "suppliers/bygone.yaml")
    blocked = try_repo(project, pre_commit_home)
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    (line,) = [line for line in blocked.stdout.splitlines() if "REF-01" in line]
    assert line.startswith("contracts/legacy.yaml:4:11: REF-01")
    assert line.endswith("(introduced by this commit, in a file outside it)")
    assert "CTR-08" not in blocked.stdout


def test_old_findings_in_untouched_files_do_not_block_other_changes(project, pre_commit_home):
    (project / "contracts" / "legacy.yaml").write_text(LEGACY)
    git(project, "add", ".")
    git(project, "commit", "-q", "--no-verify", "-m", "legacy contract")
    (project / "suppliers" / "acme.yaml").write_text(SUPPLIER + "name: Acme Freight\n")
    git(project, "add", ".")
    result = try_repo(project, pre_commit_home)
    # the supplier changed, and the legacy contract's finding involves that supplier
    assert "contracts/legacy.yaml" in result.stdout and result.returncode == 1

    (project / "README.md").write_text("Resilience programme, 2027\n")
    git(project, "add", "README.md")
    git(project, "reset", "-q", "suppliers/acme.yaml")
    git(project, "checkout", "-q", "suppliers/acme.yaml")
    quiet = try_repo(project, pre_commit_home)
    assert quiet.returncode == 0, quiet.stdout + quiet.stderr


def test_a_changed_configuration_rechecks_everything(project, pre_commit_home):
    (project / "contracts" / "legacy.yaml").write_text(LEGACY)
    git(project, "add", ".")
    git(project, "commit", "-q", "--no-verify", "-m", "legacy contract")
    (project / "resilint.yaml").write_text(
        "profiles: []\nselect: [CTR-08]\nrules: {CTR-08: {level: error}}\nfail_on: error\n"
    )
    git(project, "add", "resilint.yaml")
    result = try_repo(project, pre_commit_home)
    assert result.returncode == 1 and "contracts/legacy.yaml" in result.stdout


@pytest.mark.parametrize(
    ("hook", "name"), [("resilint", "--config=x.yaml"), ("resilint-fix", "-cx.yaml")]
)
def test_a_committed_file_named_like_an_option_does_not_choose_the_options(
    project, pre_commit_home, hook, name
):
    """pre-commit appends the staged file names after the hook's arguments, with no '--': a
    file named --config=x.yaml (beside an x.yaml saying fail_on: never) would otherwise be
    read as the option and let a broken commit through."""
    (project / "contracts" / "acme.yaml").write_text(CONTRACT.format(step_in="false"))
    (project / "x.yaml").write_text("fail_on: never\n")
    (project / name).write_text("# notes\n")
    git(project, "add", "--", ".")
    refused = try_repo(project, pre_commit_home, hook=hook)
    said = refused.stdout + refused.stderr
    assert refused.returncode == 1, said  # pre-commit's own status for a failed hook
    assert f"'{name}' is both an option and the name of a file here" in said
    assert "rename the file" in said

    git(project, "mv", "--", name, "notes.yaml")
    renamed = try_repo(project, pre_commit_home, hook=hook)
    assert renamed.returncode == 1, renamed.stdout + renamed.stderr
    assert "contracts/acme.yaml:6:" in renamed.stdout and "CTR-08" in renamed.stdout


POLICY = """\
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber-2026
conditions:
  - id: mfa
    control_categories: [mfa_privileged]
    scope: [privileged_access]
    attested: true
"""
CONTROLS = """\
apiVersion: resilint/v1
kind: Control
id: mfa-admin
category: mfa_privileged
status: implemented
scope: [privileged_access]
---
apiVersion: resilint/v1
kind: Control
id: backups
category: backup_immutable
status: implemented
scope: [servers]
"""


@pytest.fixture
def insured(project: Path) -> Path:
    """The project with an insurance condition a control in another file meets (INS-01)."""
    (project / "resilint.yaml").write_text("profiles: []\nselect: [INS-01]\n")
    (project / "insurance.yaml").write_text(POLICY)
    (project / "controls.yaml").write_text(CONTROLS)
    git(project, "add", ".")
    git(project, "commit", "-q", "--no-verify", "-m", "insurance")
    return project


def test_removing_a_document_another_file_relied_on_is_blocked(insured, pre_commit_home):
    """The Control that met the insurer's MFA condition is cut out of the inventory: the
    condition now fails in insurance.yaml, which the commit did not touch."""
    (insured / "controls.yaml").write_text(CONTROLS.split("---\n", 1)[1])
    git(insured, "add", ".")
    blocked = try_repo(insured, pre_commit_home)
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "insurance.yaml" in blocked.stdout and "INS-01" in blocked.stdout
    # deleting the whole file: pre-commit passes the hook nothing of it
    git(insured, "checkout", "-q", "HEAD", "--", "controls.yaml")
    git(insured, "rm", "-q", "controls.yaml")
    blocked = try_repo(insured, pre_commit_home)
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "INS-01" in blocked.stdout
    # an edit that removes nothing is still judged on what concerns the changed file
    git(insured, "reset", "-q", "--hard")
    (insured / "controls.yaml").write_text(CONTROLS + "# reviewed 2026-11\n")
    git(insured, "add", ".")
    passed = try_repo(insured, pre_commit_home)
    assert passed.returncode == 0, passed.stdout + passed.stderr


def test_a_change_that_breaks_a_rule_in_another_file_is_blocked(insured, pre_commit_home):
    """The MFA control is recategorised: the insurer's condition fails in insurance.yaml, which
    the commit does not touch. A legacy policy's old finding does not block it."""
    legacy = POLICY.replace("cyber-2026", "cyber-legacy").replace("mfa_privileged", "edr")
    (insured / "legacy.yaml").write_text(legacy)
    git(insured, "add", ".")
    git(insured, "commit", "-q", "--no-verify", "-m", "legacy policy")
    (insured / "controls.yaml").write_text(CONTROLS.replace("mfa_privileged", "pam"))
    git(insured, "add", ".")
    blocked = try_repo(insured, pre_commit_home)
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "insurance.yaml" in blocked.stdout and "INS-01" in blocked.stdout
    assert "(introduced by this commit, in a file outside it)" in blocked.stdout
    assert "cyber-legacy" not in blocked.stdout
    # committed anyway: the next commit is not blamed for it
    git(insured, "commit", "-q", "--no-verify", "-m", "recategorised")
    (insured / "controls.yaml").write_text(
        CONTROLS.replace("mfa_privileged", "pam") + "# reviewed\n"
    )
    git(insured, "add", ".")
    passed = try_repo(insured, pre_commit_home)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    # pre-commit run --from-ref main --to-ref HEAD (a pre-push check): the range is judged
    git(insured, "reset", "-q", "--hard")
    git(insured, "checkout", "-q", "-b", "feature", "HEAD~1")
    (insured / "controls.yaml").write_text(CONTROLS.replace("mfa_privileged", "pam"))
    git(insured, "commit", "-q", "--no-verify", "-am", "recategorised on a branch")
    ranged = try_repo(insured, pre_commit_home, "--from-ref", "HEAD~1", "--to-ref", "HEAD")
    assert ranged.returncode == 1, ranged.stdout + ranged.stderr
    assert "(introduced by the changes since HEAD~1, in a file outside it)" in ranged.stdout


def test_git_commit_runs_the_hook_and_is_refused(insured, pre_commit_home):
    """As users have it: `resilint init`'s local hook, installed into git; `git commit` of a
    change that breaks a rule in another file is refused, and `pre-commit run --from-ref
    --to-ref` judges a range the same way."""
    (insured / ".pre-commit-config.yaml").write_text(
        "repos:\n  - repo: local\n    hooks:\n      - id: resilint\n        name: resilint\n"
        f"        entry: {sys.executable} -m resilint pre-commit\n        language: system\n"
        "        types_or: [yaml, toml]\n        require_serial: true\n        always_run: true\n"
    )
    git(insured, "add", ".")
    git(insured, "commit", "-q", "--no-verify", "-m", "the hook")
    env = pre_commit_home.env()
    subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"], cwd=insured, env=env, check=True
    )
    (insured / "controls.yaml").write_text(CONTROLS.replace("mfa_privileged", "pam"))
    git(insured, "add", "controls.yaml")
    refused = subprocess.run(
        ["git", "commit", "-m", "recategorise"],
        cwd=insured,
        env=env,
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 1, refused.stdout + refused.stderr
    said = refused.stdout + refused.stderr  # git shows its hooks' output on standard error
    assert "(introduced by this commit, in a file outside it)" in said
    assert "insurance.yaml" in said
    git(insured, "commit", "-q", "--no-verify", "-m", "recategorise anyway")
    ranged = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--from-ref", "HEAD~1", "--to-ref", "HEAD"],
        cwd=insured,
        env=env,
        capture_output=True,
        text=True,
    )
    assert ranged.returncode == 1, ranged.stdout + ranged.stderr
    assert "(introduced by the changes since HEAD~1, in a file outside it)" in ranged.stdout
    (insured / "controls.yaml").write_text(CONTROLS)  # the fix is let through
    git(insured, "add", "controls.yaml")
    fixed = subprocess.run(
        ["git", "commit", "-m", "restore"], cwd=insured, env=env, capture_output=True, text=True
    )
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr


ERROR = '[tool.resilint.rules.CTR-08]\nlevel = "error"\n'


def test_a_configuration_in_pyproject_toml_rechecks_everything(project, pre_commit_home):
    """A commit that changes only [tool.resilint] re-checks the repository: the hook is given
    TOML files too."""
    (project / "resilint.yaml").unlink()
    (project / "pyproject.toml").write_text(
        '[tool.resilint]\nprofiles = []\nselect = ["CTR-08"]\nignore = ["CTR-08"]\n' + ERROR
    )
    (project / "contracts" / "legacy.yaml").write_text(LEGACY)
    git(project, "add", "-A")
    git(project, "commit", "-q", "--no-verify", "-m", "legacy contract, CTR-08 ignored")
    (project / "pyproject.toml").write_text(
        '[tool.resilint]\nprofiles = []\nselect = ["CTR-08"]\n' + ERROR
    )
    git(project, "add", "pyproject.toml")
    result = try_repo(project, pre_commit_home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "contracts/legacy.yaml" in result.stdout


def _servers(xdg: Path) -> list[tuple[int, str]]:
    """The resident servers whose socket is under ``xdg``: pid and Python of each."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            words = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"resilint.serving" in words and any(str(xdg).encode() in w for w in words):
            found.append((int(entry.name), words[0].decode()))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the server runs on Linux")
def test_the_hook_with_server_starts_it_and_later_commits_run_there(
    project: Path, pre_commit_home: PreCommitHooks, short_dir: Path
) -> None:
    """``args: [--server]`` in a real .pre-commit-config.yaml: the first commit's check runs in
    its own process and leaves the server of pre-commit's own environment running; the next
    commits' checks run there and block and pass exactly as before."""
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {pre_commit_home.repo}\n    rev: {pre_commit_home.rev}\n"
        "    hooks:\n      - id: resilint\n        args: [--server]\n"
    )
    xdg = short_dir / "xdg"
    env = pre_commit_home.env(XDG_CACHE_HOME=str(xdg))
    env.pop("CI", None)  # --server starts nothing in CI

    def hook() -> subprocess.CompletedProcess[str]:
        git(project, "add", ".")
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "run"],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    try:
        (project / "contracts" / "acme.yaml").write_text(CONTRACT.format(step_in="false"))
        blocked = hook()
        assert blocked.returncode == 1, blocked.stdout + blocked.stderr
        assert "contracts/acme.yaml:6:" in blocked.stdout and "CTR-08" in blocked.stdout
        deadline = time.monotonic() + 60
        while not list((xdg / "resilint").glob("server-*.sock")) and time.monotonic() < deadline:
            time.sleep(0.1)
        ((pid, python),) = _servers(xdg)

        def answered() -> int:
            status = subprocess.run(
                [python, "-m", "resilint", "server", "status"],
                cwd=short_dir,  # not this checkout's resilint: the one pre-commit installed
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            return int(status.stdout.rsplit(";", 1)[1].split()[0])

        before = answered()
        again = hook()  # the same commit again, through the server
        assert again.returncode == 1
        assert again.stdout == "".join(  # pre-commit's own notes of its first installation aside
            line
            for line in blocked.stdout.splitlines(keepends=True)
            if not line.startswith("[INFO]")
        )
        (project / "contracts" / "acme.yaml").write_text(CONTRACT.format(step_in="true"))
        passed = hook()
        assert passed.returncode == 0, passed.stdout + passed.stderr
        assert answered() == before + 3  # both commits' checks and this status
        assert [p for p, _ in _servers(xdg)] == [pid]  # no second server was started
    finally:
        for pid, _ in _servers(xdg):
            os.kill(pid, 15)
