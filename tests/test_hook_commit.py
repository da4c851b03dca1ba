"""The pre-commit hook judges what the commit holds, and never compares what it cannot: on real
git repositories, through the CLI as pre-commit runs it (``resilint pre-commit FILES``), and
through the real pre-commit where that costs little.

Each test here is a way the comparison with the earlier state once passed in silence: a
configuration the hook was not given, a submodule or a link, a link named unlike its target,
earlier contents past the run's budget or not text, a shallow clone, a file the commit does
not hold (untracked) that the working tree does, and a finding that was there before at a level
that did not fail the run."""

# ruff: noqa: F811  (the tests take the imported fixture ``repo`` as an argument)
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_pre_commit import CONTROLS
from test_staged import (
    AS_OF,
    INTRODUCED,
    WHOLE,
    commit,
    git,
    repo,  # noqa: F401  (the fixture, which the tests' arguments name)
)

from resilint.limits import Limits
from resilint.staged import read_change
from tests.conftest import copy_example

RULE = """\
rules:
  - code: ACME-01
    name: control-has-status
    level: error
    title: Every control says how far it is
    rationale: A control without a status cannot be relied on.
    references: ["Internal control standard 1.2"]
    remediation: Add status to the control.
    select: Control
    require:
      - that: {field: control.status, exists: true}
        message: "control {control.id} has no status"
    examples:
      pass: "apiVersion: resilint/v1\\nkind: Control\\nid: a\\nstatus: planned\\nowner: x\\n"
      fail: "apiVersion: resilint/v1\\nkind: Control\\nid: a\\n"
      expect: [{id: a, line: 3}]
"""
EDR = "apiVersion: resilint/v1\nkind: Supplier\nid: edr-vendor\ntier: 3\n"
"""A document no finding concerns: what a commit adds beside the change that matters."""


def staged(repo: Path, cli, *files: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """The hook as pre-commit runs it, on what is staged (nothing is added here)."""
    return cli("pre-commit", *files, *AS_OF, cwd=repo)


def run_hook(repo: Path, cli, *files: str):  # type: ignore[no-untyped-def]
    git(repo, "add", "-A")
    return staged(repo, cli, *files)


def assert_whole(result, why: str) -> None:  # type: ignore[no-untyped-def]
    """Every finding counted (the legacy policy's old one too), and the note says why."""
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "cyber-legacy" in result.stdout and INTRODUCED not in result.stdout
    assert WHOLE in result.stderr and why in result.stderr, result.stderr


# 1. A configuration the hook is not given


@pytest.mark.parametrize("where", ["resilint.yaml", "pyproject.toml", "a rule file"])
def test_a_configuration_change_the_hook_is_not_given_is_judged_whole(repo, cli, where) -> None:  # type: ignore[no-untyped-def]
    """pre-commit narrowed by ``files: ^programme/`` passes only the unrelated document; the
    configuration's change shows in both states when both are checked under it."""
    if where == "a rule file":
        (repo / "resilint.yaml").write_text(
            "profiles: []\nselect: [INS-01, ACME-01]\nrule_dirs: [policies]\n"
        )
        (repo / "policies").mkdir()
        (repo / "policies" / "control.yaml").write_text(RULE)
        commit(repo)
        assert run_hook(repo, cli).exit_code == 0
        (repo / "policies" / "control.yaml").write_text(RULE.replace("status,", "owner,"))
        why = "policies/control.yaml"
    elif where == "resilint.yaml":
        (repo / "resilint.yaml").write_text(
            "profiles: []\nselect: [INS-01]\nexclude: [controls.yaml]\n"
        )
        why = "the configuration file resilint.yaml changes"
    else:
        (repo / "pyproject.toml").write_text('[project]\nname = "programme"\n')
        why = "pyproject.toml"
    (repo / "edr.yaml").write_text(EDR)
    result = run_hook(repo, cli, "edr.yaml")
    assert_whole(result, why)
    if where == "resilint.yaml":
        assert "cyber-2026" in result.stdout  # what the exclusion causes
    if where == "a rule file":
        assert "ACME-01" in result.stdout


@pytest.mark.parametrize("staged_too", [True, False])
def test_a_note_beside_the_rules_is_no_configuration_change(repo, cli, staged_too) -> None:  # type: ignore[no-untyped-def]
    """A README or a hidden draft in a rule directory is read by no rule: a change to it is
    compared as any other (the legacy policy's old finding does not count), and left unstaged
    it is no reason to refuse the hook."""
    (repo / "resilint.yaml").write_text(
        "profiles: []\nselect: [INS-01, ACME-01]\nrule_dirs: [policies]\n"
    )
    (repo / "policies").mkdir()
    (repo / "policies" / "control.yaml").write_text(RULE)
    (repo / "policies" / "README.md").write_text("Our own rules.\n")
    commit(repo)
    (repo / "policies" / "README.md").write_text("Our own rules, owned by risk.\n")
    (repo / "policies" / ".draft.yaml").write_text("rules: []\n")
    (repo / "edr.yaml").write_text(EDR)
    if staged_too:
        result = run_hook(repo, cli, "edr.yaml")
    else:
        git(repo, "add", "edr.yaml")
        result = staged(repo, cli, "edr.yaml")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "cyber-legacy" not in result.stdout and WHOLE not in result.stderr


def test_a_file_a_rule_file_links_to_is_a_rule_file(repo, cli) -> None:  # type: ignore[no-untyped-def]
    """A rule file may be a link to a file in its directory named otherwise: a change to that
    file changes the rules, so every finding counts."""
    (repo / "resilint.yaml").write_text(
        "profiles: []\nselect: [INS-01, ACME-01]\nrule_dirs: [policies]\n"
    )
    (repo / "policies").mkdir()
    (repo / "policies" / "control.txt").write_text(RULE)
    (repo / "policies" / "control.yaml").symlink_to("control.txt")
    commit(repo)
    assert run_hook(repo, cli).exit_code == 0
    (repo / "policies" / "control.txt").write_text(RULE.replace("status,", "owner,"))
    (repo / "edr.yaml").write_text(EDR)
    assert_whole(run_hook(repo, cli, "edr.yaml"), "policies/control.txt")


# 2. A submodule or a link


@pytest.fixture
def vendored(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The controls kept in a submodule (``vendor``), and the upstream repository."""
    upstream = tmp_path_factory.mktemp("upstream")
    git(upstream, "init", "-q", "-b", "main")
    git(upstream, "config", "user.email", "it@example.com")
    git(upstream, "config", "user.name", "IT")
    (upstream / "controls.yaml").write_text(CONTROLS)
    commit(upstream)
    git(repo, "rm", "-q", "controls.yaml")
    git(repo, "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(upstream), "vendor")
    commit(repo)
    return repo, upstream


def test_a_submodule_bump_is_judged_whole(vendored, cli) -> None:  # type: ignore[no-untyped-def]
    repo, upstream = vendored
    (upstream / "controls.yaml").write_text(CONTROLS.replace("mfa_privileged", "pam"))
    commit(upstream)
    git(repo / "vendor", "-c", "protocol.file.allow=always", "pull", "-q", "origin", "main")
    git(repo, "add", "vendor")
    (repo / "edr.yaml").write_text(EDR)
    git(repo, "add", "edr.yaml")
    assert cli("check", *AS_OF, cwd=repo).exit_code == 1
    for files in ((), ("edr.yaml",), (".gitmodules",)):
        result = staged(repo, cli, *files)
        assert_whole(result, "vendor is or was a submodule")
        assert "cyber-2026" in result.stdout


@pytest.mark.parametrize("told", [".gitmodules", "diff.ignoreSubmodules"])
def test_a_submodule_bump_git_is_told_to_hide_is_judged_whole(vendored, cli, told) -> None:  # type: ignore[no-untyped-def]
    """``ignore = all`` in the committed .gitmodules (or the user's diff.ignoreSubmodules)
    makes ``git diff`` leave the bump out: the hook must see it all the same."""
    repo, upstream = vendored
    if told == ".gitmodules":
        git(repo, "config", "-f", ".gitmodules", "submodule.vendor.ignore", "all")
        commit(repo)
    else:
        git(repo, "config", "diff.ignoreSubmodules", "all")
    (upstream / "controls.yaml").write_text(CONTROLS.replace("mfa_privileged", "pam"))
    commit(upstream)
    git(repo / "vendor", "-c", "protocol.file.allow=always", "pull", "-q", "origin", "main")
    git(repo, "add", "vendor")
    assert "vendor" in git(repo, "diff", "--cached", "--name-only", "--ignore-submodules=none")
    result = staged(repo, cli)
    assert_whole(result, "vendor is or was a submodule")
    assert "cyber-2026" in result.stdout


def test_a_link_that_is_not_named_like_yaml_is_judged_whole(repo, cli) -> None:  # type: ignore[no-untyped-def]
    (repo / "inventory").symlink_to(".")
    (repo / "edr.yaml").write_text(EDR)
    assert_whole(run_hook(repo, cli, "edr.yaml"), "inventory is or was a link")


# 3. A checked link named unlike its target


def test_a_link_named_unlike_its_target_is_matched_where_it_leads(repo, cli) -> None:  # type: ignore[no-untyped-def]
    """The controls live in an excluded directory and are checked through a link of another
    name: a change to the target is a change to what the link's name checks."""
    (repo / "resilint.yaml").write_text("profiles: []\nselect: [INS-01]\nexclude: [shared/]\n")
    (repo / "shared").mkdir()
    (repo / "controls.yaml").rename(repo / "shared" / "mfa-source.yaml")
    (repo / "admin.yaml").symlink_to(Path("shared") / "mfa-source.yaml")
    commit(repo)
    assert run_hook(repo, cli, "shared/mfa-source.yaml").exit_code == 0
    (repo / "shared" / "mfa-source.yaml").write_text(CONTROLS.replace("mfa_privileged", "pam"))
    for options in ((), ("--no-cache",)):
        result = run_hook(repo, cli, "shared/mfa-source.yaml", *options)
        assert result.exit_code == 1, result.stdout + result.stderr
        (line,) = [line for line in result.lines if "INS-01" in line]
        assert line.startswith("insurance/cyber.yaml:") and line.endswith(INTRODUCED)
        assert "cyber-legacy" not in result.stdout and WHOLE not in result.stderr


# 4. Earlier contents past the run's budget


def test_earlier_contents_past_the_runs_budget_are_judged_whole(repo, cli) -> None:  # type: ignore[no-untyped-def]
    (repo / "resilint.yaml").write_text(
        "profiles: []\nselect: [INS-01]\nlimits: {max_total_bytes: 4000}\n"
    )
    (repo / "controls.yaml").write_text(CONTROLS + "# " + "x" * 4000 + "\n")
    commit(repo)
    (repo / "controls.yaml").write_text(CONTROLS + "# reviewed\n")
    git(repo, "add", "-A")
    change = read_change(repo, Limits(max_total_bytes=4000))
    assert change is not None and not change.earlier
    assert "limits.max_total_bytes" in change.whole
    assert_whole(staged(repo, cli, "controls.yaml"), "limits.max_total_bytes")


def test_an_earlier_content_past_the_file_limit_is_never_read(repo: Path) -> None:
    (repo / "controls.yaml").write_text(CONTROLS + "# " + "x" * 4000 + "\n")
    commit(repo)
    (repo / "controls.yaml").write_text(CONTROLS)
    git(repo, "add", "-A")
    change = read_change(repo, Limits(max_file_bytes=1000))
    assert change is not None and "limits.max_file_bytes" in change.whole


# 5. Earlier contents that are not text


def test_an_earlier_content_that_is_not_text_says_why_every_finding_counts(repo, cli) -> None:  # type: ignore[no-untyped-def]
    (repo / "controls.yaml").write_bytes(CONTROLS.encode() + b"# Z\xfcrich\n")
    commit(repo)
    (repo / "controls.yaml").write_text(CONTROLS + "# Zurich\n")
    assert_whole(run_hook(repo, cli), "the earlier content of controls.yaml is not text")


# 6. A shallow clone


def test_a_range_in_a_shallow_clone_is_judged_whole(  # type: ignore[no-untyped-def]
    repo, cli, monkeypatch, tmp_path_factory
) -> None:
    """CI's checkout (fetch-depth 1) of a branch and of main, each at its tip: where the branch
    left main is not in the clone, and main's tip is not where it started."""
    git(repo, "checkout", "-q", "-b", "feature")
    (repo / "edr.yaml").write_text(EDR)
    commit(repo)
    git(repo, "checkout", "-q", "main")
    (repo / "README.md").write_text("The programme\n")
    commit(repo)
    clone = tmp_path_factory.mktemp("ci")
    shallow = ("--depth", "1", "--no-single-branch", "-b", "feature")
    subprocess.run(
        ["git", "clone", "-q", *shallow, "--", f"file://{repo}", str(clone)],
        check=True,
        capture_output=True,
    )
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", "origin/main")
    monkeypatch.setenv("PRE_COMMIT_TO_REF", "HEAD")
    result = staged(clone, cli, "edr.yaml")
    assert_whole(result, "fetch the history (fetch-depth: 0)")
    assert "shallow" in result.stderr


# 7. Files the commit does not hold


NEWCO = "apiVersion: resilint/v1\nkind: Supplier\nid: newco\ntier: 3\n"
CONTRACT = "apiVersion: resilint/v1\nkind: Contract\nid: ctr-acme\nsupplier: acme\n"


@pytest.fixture
def contracted(repo: Path) -> Path:
    (repo / "resilint.yaml").write_text("profiles: []\nselect: [INS-01]\n")
    (repo / "suppliers").mkdir()
    (repo / "suppliers" / "acme.yaml").write_text(NEWCO.replace("newco", "acme"))
    (repo / "contract.yaml").write_text(CONTRACT)
    commit(repo)
    return repo


def test_an_untracked_file_a_staged_change_names_is_not_in_the_commit(contracted, cli) -> None:  # type: ignore[no-untyped-def]
    """The contract moves to a supplier whose record is written but not added: the commit
    holds a reference that dangles, as CI will say."""
    (contracted / "suppliers" / "newco.yaml").write_text(NEWCO)  # untracked
    (contracted / "contract.yaml").write_text(CONTRACT.replace("supplier: acme", "supplier: newco"))
    git(contracted, "add", "contract.yaml")
    assert "REF-01" not in cli("check", *AS_OF, cwd=contracted).stdout  # the working tree
    result = staged(contracted, cli, "contract.yaml")
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "contract.yaml:4:11: REF-01" in result.stdout
    assert "suppliers/newco.yaml" in result.stderr and "not tracked by git" in result.stderr
    git(contracted, "add", "suppliers/newco.yaml")
    added = staged(contracted, cli, "contract.yaml", "suppliers/newco.yaml")
    assert added.exit_code == 0, added.stdout + added.stderr
    assert "not tracked" not in added.stderr


def test_an_untracked_file_named_by_hand_is_checked(contracted, cli) -> None:  # type: ignore[no-untyped-def]
    """pre-commit names only staged files; a person who names an untracked one on the command
    line means it to be checked: it is, and only the files not named are left out."""
    (contracted / "suppliers" / "newco.yaml").write_text(NEWCO.replace("tier: 3", "tier: 7"))
    result = staged(contracted, cli, "suppliers/newco.yaml")
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "suppliers/newco.yaml" in result.stdout and "SCH-01" in result.stdout
    assert "not tracked by git" not in result.stderr


def test_an_untracked_file_is_left_out_of_a_ranges_judgement(contracted, cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """pre-commit run --from-ref --to-ref judges the commits of the range: a file in none of
    them is in none of the states compared."""
    git(contracted, "checkout", "-q", "-b", "feature")
    (contracted / "contract.yaml").write_text(CONTRACT.replace("supplier: acme", "supplier: newco"))
    commit(contracted)
    (contracted / "suppliers" / "newco.yaml").write_text(NEWCO)  # untracked
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", "main")
    monkeypatch.setenv("PRE_COMMIT_TO_REF", "HEAD")
    result = staged(contracted, cli)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "REF-01" in result.stdout and "suppliers/newco.yaml" in result.stderr


def test_an_ignored_file_is_not_named(contracted, cli) -> None:  # type: ignore[no-untyped-def]
    (contracted / ".gitignore").write_text(".resilint_cache/\nscratch/\n")
    commit(contracted)
    (contracted / "scratch").mkdir()
    (contracted / "scratch" / "draft.yaml").write_text(NEWCO)
    (contracted / "contract.yaml").write_text(CONTRACT + "# reviewed\n")
    git(contracted, "add", "contract.yaml")
    result = staged(contracted, cli, "contract.yaml")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "draft.yaml" not in result.stderr


def test_a_file_changed_after_it_was_staged_is_refused_outside_pre_commit(  # type: ignore[no-untyped-def]
    contracted, cli, monkeypatch
) -> None:
    """Run by another hook manager or a plain git hook, the hook reads the work tree: a supplier
    staged as tier 7 and put right in the work tree without staging passed, while the commit
    held tier 7. It is refused, naming the file; pre-commit, which sets unstaged changes aside
    before its hooks run (and says so in PRE_COMMIT), is trusted to have done so."""
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    supplier = contracted / "suppliers" / "acme.yaml"
    good = supplier.read_text()
    supplier.write_text(good.replace("tier: 3", "tier: 7"))
    git(contracted, "add", "suppliers/acme.yaml")
    supplier.write_text(good)  # put right, not staged
    (contracted / "notes.md").write_text("a note\n")
    git(contracted, "add", "notes.md")
    (contracted / "notes.md").write_text("a note, reworded\n")  # not YAML: no matter
    result = staged(contracted, cli, "suppliers/acme.yaml")
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "suppliers/acme.yaml changed since staged" in result.stderr
    assert "git add" in result.stderr and "notes.md" not in result.stderr
    monkeypatch.setenv("PRE_COMMIT", "1")
    assert staged(contracted, cli, "suppliers/acme.yaml").exit_code == 0
    monkeypatch.delenv("PRE_COMMIT")
    supplier.write_text(good.replace("tier: 3", "tier: 7"))  # the work tree is the commit's
    result = staged(contracted, cli, "suppliers/acme.yaml")
    assert result.exit_code == 1 and "SCH-01" in result.stdout, result.stdout + result.stderr


@pytest.mark.parametrize("pre_commit", [False, True])
def test_a_git_dir_of_another_repository_is_refused_saying_so(  # type: ignore[no-untyped-def]
    contracted, cli, monkeypatch, tmp_path, pre_commit
) -> None:
    """With GIT_DIR naming another repository's git directory, git answered for that one: its
    index and last commit, against this work tree. Outside pre-commit the hook refused with
    "... changed since staged", naming a file of the other repository; it now says what is
    wrong. Pointed at this repository's own git directory, the hook runs as ever."""
    other = tmp_path / "other"
    other.mkdir()
    git(other, "init", "-q")
    (other / "z.yaml").write_text(EDR)
    commit(other)
    if pre_commit:
        monkeypatch.setenv("PRE_COMMIT", "1")
    else:
        monkeypatch.delenv("PRE_COMMIT", raising=False)
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    result = staged(contracted, cli, "suppliers/acme.yaml")
    assert result.exit_code == 2, result.stdout + result.stderr
    assert f"GIT_DIR names the git directory {(other / '.git').resolve()}" in result.stderr
    assert "another repository's" in result.stderr and "changed since staged" not in result.stderr
    monkeypatch.setenv("GIT_DIR", str(contracted / ".git"))
    assert staged(contracted, cli, "suppliers/acme.yaml").exit_code == 0


def test_the_hooks_questions_to_git_run_no_filter_and_no_hook(  # type: ignore[no-untyped-def]
    contracted, cli, monkeypatch, tmp_path
) -> None:
    """Outside pre-commit the hook asked porcelain ``git diff`` which files changed since they
    were staged: git ran the ``clean`` command of the filter a ``.gitattributes`` line names on
    each file it compared, and wrote the refreshed index, running the ``post-index-change``
    hook. Neither runs now; a file touched but not changed still passes, a changed one is still
    refused, and a filter git cannot be told to leave alone refuses the run."""
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    ran = tmp_path / "ran"
    ran.mkdir()
    (contracted / ".gitattributes").write_text("*.yaml filter=tidy\n")
    commit(contracted)
    git(contracted, "config", "filter.tidy.clean", f"sh -c 'touch {ran}/clean; cat'")
    git(contracted, "config", "filter.tidy.required", "true")
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "post-index-change").write_text(f"#!/bin/sh\ntouch {ran}/hook\n")
    (hooks / "post-index-change").chmod(0o755)
    git(contracted, "config", "core.hooksPath", str(hooks))
    supplier = contracted / "suppliers" / "acme.yaml"
    good = supplier.read_text()
    supplier.write_text(good.replace("tier: 3", "tier: 7"))
    git(contracted, "add", "suppliers/acme.yaml")
    os.utime(contracted / "contract.yaml", (1, 1))  # touched: its stat is not the index's
    for made in ran.iterdir():
        made.unlink()
    supplier.write_text(good)  # put right, not staged
    result = staged(contracted, cli, "suppliers/acme.yaml")
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "suppliers/acme.yaml changed since staged" in result.stderr
    assert "other file" not in result.stderr  # the touched contract.yaml is unchanged
    assert not list(ran.iterdir())
    supplier.write_text(good.replace("tier: 3", "tier: 7"))  # the work tree is the commit's
    result = staged(contracted, cli, "suppliers/acme.yaml")
    assert result.exit_code == 1 and "SCH-01" in result.stdout, result.stdout + result.stderr
    assert not list(ran.iterdir())
    git(contracted, "config", "filter.a=b.clean", f"sh -c 'touch {ran}/other; cat'")
    result = staged(contracted, cli, "suppliers/acme.yaml")
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "git could not say whether the work tree holds what the commit does" in result.stderr
    assert not list(ran.iterdir())


# The real pre-commit


def _install(repo: Path, home: Path, files: str = "") -> dict[str, str]:
    """``resilint init``'s local hook, narrowed by ``files``, installed into git."""
    narrowed = f"        files: {files}\n" if files else ""
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n  - repo: local\n    hooks:\n      - id: resilint\n        name: resilint\n"
        f"        entry: {sys.executable} -m resilint pre-commit --as-of 2026-07-01\n"
        "        language: system\n        types_or: [yaml, toml]\n"
        f"{narrowed}        require_serial: true\n        always_run: true\n"
    )
    git(repo, "add", ".pre-commit-config.yaml")
    git(repo, "commit", "-q", "--no-verify", "-m", "the hook")
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env, check=True)
    return env


def _commit(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "commit", "-m", "change"], cwd=repo, env=env, capture_output=True, text=True
    )


@pytest.mark.slow
def test_git_commit_refuses_a_configuration_change_outside_the_hooks_files(repo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (repo / "programme").mkdir()
    git(repo, "mv", "controls.yaml", "programme/controls.yaml")
    commit(repo)
    env = _install(repo, tmp_path / "home", "^programme/")
    (repo / "resilint.yaml").write_text("profiles: []\nselect: [INS-01]\nexclude: [programme/]\n")
    (repo / "programme" / "edr.yaml").write_text(EDR)
    git(repo, "add", "resilint.yaml", "programme/edr.yaml")
    refused = _commit(repo, env)
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "cyber-2026" in refused.stdout + refused.stderr


@pytest.mark.slow
def test_git_commit_refuses_a_reference_to_an_untracked_file(contracted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = _install(contracted, tmp_path / "home")
    (contracted / "suppliers" / "newco.yaml").write_text(NEWCO)
    (contracted / "contract.yaml").write_text(CONTRACT.replace("supplier: acme", "supplier: newco"))
    (contracted / "notes.yaml").write_text("# a scratch file, not staged\n")
    git(contracted, "add", "contract.yaml")
    refused = _commit(contracted, env)
    said = refused.stdout + refused.stderr
    assert refused.returncode == 1, said
    assert "REF-01" in said and "suppliers/newco.yaml" in said
    git(contracted, "add", "suppliers/newco.yaml")
    assert _commit(contracted, env).returncode == 0


@pytest.mark.slow
def test_git_commit_judges_what_is_staged_when_the_work_tree_differs(contracted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Through the real pre-commit, which sets unstaged changes aside: a supplier staged as
    tier 7 and put right in the work tree is judged as staged (refused), not as it reads."""
    env = _install(contracted, tmp_path / "home")
    env.pop("PRE_COMMIT", None)
    supplier = contracted / "suppliers" / "acme.yaml"
    good = supplier.read_text()
    supplier.write_text(good.replace("tier: 3", "tier: 7"))
    git(contracted, "add", "suppliers/acme.yaml")
    supplier.write_text(good)
    refused = _commit(contracted, env)
    said = refused.stdout + refused.stderr
    assert refused.returncode == 1, said
    assert "SCH-01" in said and "changed since staged" not in said
    assert supplier.read_text() == good  # pre-commit put the work tree back


def test_a_commit_deleting_the_whole_programme_is_refused(repo, cli) -> None:  # type: ignore[no-untyped-def]
    """A commit that deletes the last resilint document leaves a gate checking nothing: the
    hook refuses, as `resilint check` does on a repository without any; deleting some passes."""
    git(repo, "rm", "-q", "insurance/legacy.yaml")
    assert staged(repo, cli).exit_code in (0, 1)  # judged as usual
    git(repo, "rm", "-q", "insurance/cyber.yaml", "controls.yaml")
    (repo / "ci.yaml").write_text("on: push\n")  # other YAML is left
    result = run_hook(repo, cli)
    assert result.exit_code == 2, result.stdout
    assert "no resilint documents: the change deletes the last of them" in result.stderr
    assert ".pre-commit-config.yaml" in result.stderr


# 8. A finding that was there, at a level that did not fail the run

MTPD_WAIVER = """\
apiVersion: resilint/v1
kind: Waiver
id: waiver-bcm01-order-processing
rule: BCM-01
targets: [{kind: BusinessFunction, id: order-processing}]
rationale: MTPD under review by the BIA team
risk_owner: coo
approver: ciso
approved_on: 2026-11-01
expires: 2027-03-31
"""


@pytest.fixture
def degraded(tmp_path: Path) -> Path:
    """Northwind where BCM-03 is a warning at the ERP supplier: order processing records no
    MTPD (accepted by a waiver) and the ERP service no contracted RTO, and the function's
    continuity plan keeps it running at 45% meanwhile."""
    repo = copy_example("northwind", tmp_path)
    for name, line in (
        ("functions/order-processing.yaml", "mtpd_hours: 72\n"),
        ("suppliers/corvane-erp.yaml", "    contracted_rto_hours: 4\n"),
    ):
        text = (repo / name).read_text(encoding="utf-8")
        assert line in text
        (repo / name).write_text(text.replace(line, "", 1), encoding="utf-8")
    (repo / "waivers" / "bcm01-order-processing.yaml").write_text(MTPD_WAIVER)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "risk@example.com")
    git(repo, "config", "user.name", "Risk Team")
    commit(repo)
    return repo


def _halt(repo: Path) -> None:
    """The commit: only the plan changes, to halt the function (capacity 0)."""
    plan = repo / "plans" / "order-processing.yaml"
    text = plan.read_text(encoding="utf-8")
    assert "  capacity_percent: 45\n" in text
    plan.write_text(text.replace("  capacity_percent: 45\n", "  capacity_percent: 0\n"))
    git(repo, "add", "-A")


def test_a_warning_a_commit_turns_into_an_error_elsewhere_fails_the_hook(degraded, cli) -> None:  # type: ignore[no-untyped-def]
    """BCM-03's finding keeps its fingerprint when the plan's halt makes it an error: it did
    not fail the run before the commit and does after, in a file the commit does not touch.
    The hook passed it and the next CI run failed."""
    before = cli("check", "--no-cache", cwd=degraded)
    assert before.exit_code == 0 and "corvane-erp.yaml:58:5: BCM-03 warning" in before.stdout
    _halt(degraded)
    result = cli("pre-commit", "--no-cache", "plans/order-processing.yaml", cwd=degraded)
    assert result.exit_code == 1, result.stdout
    assert "corvane-erp.yaml:58:5: BCM-03 error" in result.stdout
    assert INTRODUCED in result.stdout


def test_a_finding_that_failed_the_run_before_the_commit_is_not_the_commits(degraded, cli) -> None:  # type: ignore[no-untyped-def]
    """Where warnings fail the run, the warning failed it before the commit too: an old
    finding outside the commit, as before, whatever level it has now."""
    config = degraded / "resilint.yaml"
    text = config.read_text(encoding="utf-8")
    assert "fail_on: error\n" in text
    config.write_text(text.replace("fail_on: error\n", "fail_on: warning\n"))
    commit(degraded)
    assert cli("check", "--no-cache", cwd=degraded).exit_code == 1
    _halt(degraded)
    result = cli("pre-commit", "--no-cache", "plans/order-processing.yaml", cwd=degraded)
    assert result.exit_code == 0, result.stdout
    assert "BCM-03" not in result.stdout


@pytest.mark.parametrize("name", ['"q"/acme2.yaml', "new\nline.yaml"])
def test_a_name_git_reads_otherwise_on_a_line_is_compared_by_content(  # type: ignore[no-untyped-def]
    contracted, cli, monkeypatch, name
) -> None:
    """git reads the paths it hashes one a line, and unquotes one that starts with a double
    quote: a touched file under a directory named `"q"` made git stop ("badly quoted", and the
    hook refused, saying git could not answer), and one whose name holds a line break was
    counted as changed. Each is hashed alone now: touched, it passes; changed, it is named."""
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    odd = contracted / name
    odd.parent.mkdir(exist_ok=True)
    good = (contracted / "suppliers" / "acme.yaml").read_text().replace("id: acme", "id: acme2")
    odd.write_text(good)
    commit(contracted)
    os.utime(odd, (1, 1))  # touched: its stat is not the index's
    result = staged(contracted, cli, "contract.yaml")
    assert result.exit_code == 0, result.stdout + result.stderr
    odd.write_text(good.replace("tier: 3", "tier: 7"))
    git(contracted, "add", "-A")
    odd.write_text(good)  # put right, not staged
    result = staged(contracted, cli, "contract.yaml")
    assert result.exit_code == 2, result.stdout + result.stderr
    shown = name.replace("\n", "\\n")
    assert f"{shown} changed since staged" in result.stderr, result.stderr


def test_the_fix_hook_outside_pre_commit_writes_nothing_into_unstaged_changes(  # type: ignore[no-untyped-def]
    contracted, cli, monkeypatch
) -> None:
    """`resilint pre-commit --fix` as a plain git hook: with a change not staged it wrote its
    fix into that file, then refused it as changed since staged; with none, it fixed, then
    refused its own fix the same way, blaming a change the user never made. It now refuses
    before writing, and after a fix says to review and stage it (status 1)."""
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    supplier = contracted / "suppliers" / "acme.yaml"
    quoted = supplier.read_text().replace("tier: 3", 'tier: "2"')
    supplier.write_text(quoted)
    git(contracted, "add", "suppliers/acme.yaml")
    supplier.write_text(quoted.replace("id: acme", "id: acme\nname: Acme"))  # not staged
    before = supplier.read_text()
    result = cli("pre-commit", "--fix", "suppliers/acme.yaml", *AS_OF, cwd=contracted)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "suppliers/acme.yaml changed since staged" in result.stderr
    assert supplier.read_text() == before and "fixed" not in result.stderr
    supplier.write_text(quoted)  # the work tree is the commit's
    result = cli("pre-commit", "--fix", "suppliers/acme.yaml", *AS_OF, cwd=contracted)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "fixed 1 finding in 1 file" in result.stderr
    assert "review the fix and stage it (git add), then commit again" in result.stderr
    assert "changed since staged" not in result.stderr
    assert supplier.read_text() == quoted.replace('tier: "2"', "tier: 2")


@pytest.mark.parametrize("relaxed", ["pyproject.toml", "the baseline"])
def test_a_configuration_or_baseline_changed_after_staging_is_refused_outside_pre_commit(  # type: ignore[no-untyped-def]
    tmp_path, cli, monkeypatch, relaxed
) -> None:
    """Outside pre-commit the hook refused YAML and resilint.yaml changed since staged, but
    read pyproject.toml's [tool.resilint] and the baseline (JSON) as they were in the work
    tree: `fail_on = "never"`, or a baseline written again, left unstaged, passed a commit
    whose own configuration and baseline fail it."""
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "risk@example.com")
    git(repo, "config", "user.name", "Risk Team")
    settings = '[tool.resilint]\nselect = ["SUP-04"]\nbaseline = "accepted.json"\n'
    (repo / "pyproject.toml").write_text(settings)
    supplier = "apiVersion: resilint/v1\nkind: Supplier\nid: a\nname: A\ntier: 3\n"
    (repo / "a.yaml").write_text(supplier)
    assert cli("baseline", "-o", "accepted.json", *AS_OF, cwd=repo).exit_code == 0
    commit(repo)
    (repo / "a.yaml").write_text(supplier.replace("tier: 3", "tier: 1"))  # SUP-04: an error
    git(repo, "add", "a.yaml")
    assert staged(repo, cli, "a.yaml").exit_code == 1
    if relaxed == "pyproject.toml":
        (repo / "pyproject.toml").write_text(settings + 'fail_on = "never"\n')
        shown = "pyproject.toml"
    else:
        assert cli("baseline", "-o", "accepted.json", *AS_OF, cwd=repo).exit_code == 0
        shown = "accepted.json"
    result = staged(repo, cli, "a.yaml")
    assert result.exit_code == 2, result.stdout + result.stderr
    assert f"{shown} changed since staged" in result.stderr


def test_a_link_named_like_yaml_pointed_elsewhere_after_staging_is_refused(  # type: ignore[no-untyped-def]
    contracted, cli, monkeypatch
) -> None:
    """A tracked link `suppliers/acme.yaml` staged to point at a bad record, then pointed back
    in the work tree: the files the run reads are asked about by the name they are read under
    as well as where they lead (`good.txt` is no YAML, `acme.yaml` is)."""
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    supplier = contracted / "suppliers" / "acme.yaml"
    good = supplier.read_text()
    (contracted / "suppliers" / "good.txt").write_text(good)
    (contracted / "suppliers" / "bad.txt").write_text(good.replace("tier: 3", "tier: 7"))
    supplier.unlink()
    supplier.symlink_to("good.txt")
    commit(contracted)
    supplier.unlink()
    supplier.symlink_to("bad.txt")
    git(contracted, "add", "suppliers/acme.yaml")
    supplier.unlink()
    supplier.symlink_to("good.txt")  # pointed back, not staged
    result = staged(contracted, cli, "suppliers/acme.yaml")
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "suppliers/acme.yaml changed since staged" in result.stderr
