"""Hostile round 35: a gate fails closed.

- A folder with a configuration of its own (``programme/resilint.yaml``, or a git submodule's)
  was checked under it by ``resilint check programme`` and by the pre-commit hook on a change to
  it alone, while CI's ``resilint check`` at the top read the same files under the top's
  configuration (or the built-in defaults): one passed what the other failed, with status 0.
- ``.git/info/exclude`` and git's global excludes file are one clone's own settings, not the
  repository's: a file only they hide is checked (documented).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.test_boundary import resilint

SUPPLIER = """\
apiVersion: resilint/v1
kind: Supplier
id: {id}
name: {id}
tier: {tier}
"""

WHO = {
    "GIT_AUTHOR_NAME": "Risk Team",
    "GIT_COMMITTER_NAME": "Risk Team",
    "GIT_AUTHOR_EMAIL": "risk@example.com",
    "GIT_COMMITTER_EMAIL": "risk@example.com",
}


def _git(where: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "protocol.file.allow=always", *args],
        cwd=where,
        env={**os.environ, **WHO},
        check=True,
        capture_output=True,
    )


def _monorepo(where: Path, top: str | None = "fail_on: never\n") -> Path:
    """A repository whose top configuration passes everything (or none), and a programme
    folder whose own configuration fails on errors, holding a supplier with an error."""
    (where / "programme").mkdir(parents=True)
    (where / "sandbox").mkdir()
    if top is not None:
        (where / "resilint.yaml").write_text(top)
    (where / "programme" / "resilint.yaml").write_text("fail_on: error\n")
    (where / "programme" / "p.yaml").write_text(SUPPLIER.format(id="p", tier=9))
    (where / "sandbox" / "s.yaml").write_text(SUPPLIER.format(id="s", tier=3))
    _git(where, "init", "-q")
    return where


REFUSED = "programme/resilint.yaml: a configuration of its own in a folder this check reads under "


@pytest.mark.parametrize(
    "command",
    [
        ["check", "--no-cache"],
        ["check", "."],
        ["check", "--no-cache", "-f", "sarif", "--jobs", "2", "."],
        ["report", "-o", "r.html"],
        ["calendar"],
        ["register", "export", "-o", "reg"],
        ["pre-commit", "sandbox/s.yaml"],
    ],
)
def test_a_check_reading_a_folder_under_another_configuration_is_refused(
    tmp_path: Path, command: list[str]
) -> None:
    repo = _monorepo(tmp_path / "repo")
    done = resilint(repo, *command)
    assert done.returncode == 2, done.stdout + done.stderr
    assert REFUSED + "resilint.yaml: a check of programme alone" in done.stderr
    assert "exclude programme/ here and run resilint check programme" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (repo / "r.html").exists()


def test_without_a_configuration_at_the_top_the_defaults_are_named(tmp_path: Path) -> None:
    repo = _monorepo(tmp_path / "repo", top=None)
    done = resilint(repo, "check", "--no-cache")
    assert done.returncode == 2, done.stdout + done.stderr
    assert REFUSED + "the built-in defaults (no configuration file)" in done.stderr


def test_each_part_checked_on_its_own_agrees_with_the_hook(tmp_path: Path) -> None:
    repo = _monorepo(tmp_path / "repo", top="fail_on: never\nexclude: [programme/]\n")
    top = resilint(repo, "check", "--no-cache")
    assert top.returncode == 0, top.stdout + top.stderr
    assert "programme/p.yaml" not in top.stdout
    part = resilint(repo, "check", "--no-cache", "programme")
    assert part.returncode == 1, part.stdout + part.stderr
    assert "programme/p.yaml:5:7: SCH-01 error" in part.stdout
    hook = resilint(repo, "pre-commit", "programme/p.yaml")
    assert hook.returncode == 1, hook.stdout + hook.stderr
    assert "programme/p.yaml:5:7: SCH-01 error" in hook.stdout


def test_a_configuration_named_governs_every_folder(tmp_path: Path) -> None:
    repo = _monorepo(tmp_path / "repo", top="fail_on: error\n")
    done = resilint(repo, "check", "--no-cache", "--config", "resilint.yaml")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "programme/p.yaml:5:7: SCH-01 error" in done.stdout


def test_a_check_of_another_folder_is_not_refused(tmp_path: Path) -> None:
    repo = _monorepo(tmp_path / "repo")
    done = resilint(repo, "check", "--no-cache", "sandbox")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "configuration of its own" not in done.stderr


def test_a_submodule_with_its_own_configuration_is_refused(tmp_path: Path) -> None:
    vendor = tmp_path / "vendor-src"
    (vendor / "suppliers").mkdir(parents=True)
    (vendor / "resilint.yaml").write_text("fail_on: never\n")
    (vendor / "suppliers" / "v.yaml").write_text(SUPPLIER.format(id="v", tier=9))
    _git(vendor, "init", "-q")
    _git(vendor, "add", "-A")
    _git(vendor, "commit", "-q", "--no-verify", "-m", "vendor")
    repo = tmp_path / "repo"
    (repo / "suppliers").mkdir(parents=True)
    (repo / "resilint.yaml").write_text("fail_on: warning\n")
    (repo / "suppliers" / "a.yaml").write_text(SUPPLIER.format(id="a", tier=3))
    _git(repo, "init", "-q")
    _git(repo, "submodule", "add", "-q", str(vendor), "vendor")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "--no-verify", "-m", "programme")
    for command in (["check", "--no-cache"], ["pre-commit", "suppliers/a.yaml"]):
        done = resilint(repo, *command)
        assert done.returncode == 2, done.stdout + done.stderr
        assert "vendor/resilint.yaml: a configuration of its own" in done.stderr
    # the submodule on its own is checked under its configuration, as before
    done = resilint(repo, "check", "--no-cache", "vendor")
    assert "vendor/suppliers/v.yaml:5:7: SCH-01 error" in done.stdout
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_file_only_the_clones_own_excludes_hide_is_checked(tmp_path: Path) -> None:
    """``.git/info/exclude`` is not the repository's: CI and a colleague's clone do not have
    it, so a check that honoured it would leave out different files on different machines."""
    repo = tmp_path / "repo"
    (repo / "scratch").mkdir(parents=True)
    (repo / "scratch" / "b.yaml").write_text(SUPPLIER.format(id="b", tier=9))
    _git(repo, "init", "-q")
    (repo / ".git" / "info").mkdir(exist_ok=True)
    (repo / ".git" / "info" / "exclude").write_text("scratch/\n")
    done = resilint(repo, "check", "--no-cache")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "scratch/b.yaml:5:7: SCH-01 error" in done.stdout
    # a .gitignore, which is the repository's, hides the untracked file
    (repo / ".gitignore").write_text("scratch/\n")
    (repo / "b.yaml").write_text(SUPPLIER.format(id="c", tier=3))
    done = resilint(repo, "check", "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "scratch" not in done.stdout


def _drafts(where: Path, config: str = "fail_on: error\n") -> Path:
    """A configured repository: a clean supplier, and a folder of drafts whose supplier is
    broken (tier 7), with a template and a folder below it."""
    (where / "suppliers").mkdir(parents=True)
    (where / "drafts" / "old").mkdir(parents=True)
    (where / "resilint.yaml").write_text(config)
    (where / "suppliers" / "acme.yaml").write_text(SUPPLIER.format(id="acme", tier=3))
    (where / "drafts" / "beta.yaml").write_text(SUPPLIER.format(id="beta", tier=7))
    (where / "drafts" / "old" / "gamma.yaml").write_text(SUPPLIER.format(id="gamma", tier=8))
    (where / "drafts" / "x.template.yaml").write_text(SUPPLIER.format(id="tpl", tier=9))
    _git(where, "init", "-q")
    return where


@pytest.mark.parametrize("setting", ["exclude", "gitignore", "hidden"])
@pytest.mark.parametrize("named", ["drafts", "./drafts/", "drafts/old"])
def test_a_folder_named_is_checked_where_the_walk_leaves_it_out(
    tmp_path: Path, setting: str, named: str
) -> None:
    """``check drafts`` where ``exclude`` (or a .gitignore, or a hidden name) leaves drafts/
    out was refused with status 2 while ``check drafts/beta.yaml`` checked the file: a folder
    named is what the user asked for, checked as a file named is (as ruff does)."""
    config = 'fail_on: error\nexclude: ["*.template.yaml"]\n'
    if setting == "exclude":
        config = 'fail_on: error\nexclude: ["drafts/", "*.template.yaml"]\n'
    repo = _drafts(tmp_path / "repo", config)
    if setting == "gitignore":
        (repo / ".gitignore").write_text("drafts/\n")
    elif setting == "hidden":
        (repo / "drafts").rename(repo / ".drafts")
        named = named.replace("drafts", ".drafts")
    top = resilint(repo, "check", "--no-cache")
    if setting == "hidden":  # documents in a hidden folder are DOC-05, as in a hidden file
        said = sorted(line.split(":")[0] for line in top.stdout.splitlines() if "DOC-05" in line)
        assert top.returncode == 1 and said == [".drafts/beta.yaml", ".drafts/old/gamma.yaml"]
        assert 'exclude: [".drafts/"]' in top.stdout
        (repo / "resilint.yaml").write_text(config.replace("[", '[".drafts/", '))
        top = resilint(repo, "check", "--no-cache")
    assert top.returncode == 0, top.stdout + top.stderr
    assert "drafts" not in top.stdout
    for extra in ([], ["-f", "json"], ["--jobs", "2"]):
        done = resilint(repo, "check", "--no-cache", *extra, named)
        assert done.returncode == 1, done.stdout + done.stderr
        assert ("gamma" in done.stdout) and ("tpl" not in done.stdout)
        assert ("beta" in done.stdout) == (not named.endswith("old")), done.stdout
        assert "acme" not in done.stdout
        assert "left to check" not in done.stderr
    report = resilint(repo, "report", "-o", "r.html", named)
    assert "wrote r.html:" in report.stderr, report.stdout + report.stderr
    assert "gamma" in (repo / "r.html").read_text()


def test_a_folder_named_that_holds_no_document_still_fails(tmp_path: Path) -> None:
    repo = _drafts(tmp_path / "repo", 'exclude: ["ci/"]\n')
    (repo / "ci").mkdir()
    (repo / "ci" / "w.yaml").write_text("on: push\n")
    done = resilint(repo, "check", "--no-cache", "ci")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "no resilint documents" in done.stderr


CONTRACT = """\
apiVersion: resilint/v1
kind: Contract
id: ctr-acme
name: Acme MSA
supplier: acme
status: active
"""


@pytest.mark.parametrize("hidden_by", ["info/exclude", "core.excludesFile"])
def test_the_hook_does_not_read_a_file_the_clones_own_excludes_hide_as_committed(
    tmp_path: Path, hidden_by: str
) -> None:
    """A commit deleting the supplier a committed contract names, with a copy of it kept in a
    folder .git/info/exclude (or the excludes file git's configuration names) hides: the walk
    read the copy, git did not list it as untracked, and the hook passed with status 0 a
    commit whose contract names a supplier the commit does not hold (CI's clone: REF-01)."""
    repo = tmp_path / "repo"
    (repo / "suppliers").mkdir(parents=True)
    (repo / "contracts").mkdir()
    (repo / "suppliers" / "acme.yaml").write_text(SUPPLIER.format(id="acme", tier=3))
    (repo / "contracts" / "acme.yaml").write_text(CONTRACT)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "--no-verify", "-m", "programme")
    _git(repo, "rm", "-q", "--cached", "suppliers/acme.yaml")
    (repo / "scratch").mkdir()
    (repo / "suppliers" / "acme.yaml").rename(repo / "scratch" / "acme.yaml")
    if hidden_by == "info/exclude":
        (repo / ".git" / "info").mkdir(exist_ok=True)
        (repo / ".git" / "info" / "exclude").write_text("scratch/\n")
    else:
        (repo / ".git" / "ignored-here").write_text("scratch/\n")
        _git(repo, "config", "core.excludesFile", str(repo / ".git" / "ignored-here"))
    done = resilint(repo, "pre-commit", "suppliers/acme.yaml")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "contracts/acme.yaml:5:11: REF-01 error" in done.stdout
    assert "not checked: scratch/acme.yaml: it is not tracked by git" in done.stderr
    # a .gitignore hides it from the walk, as before
    (repo / ".gitignore").write_text("scratch/\n")
    done = resilint(repo, "pre-commit", "suppliers/acme.yaml")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "contracts/acme.yaml:5:11: REF-01 error" in done.stdout


def test_the_hook_given_an_excluded_folder_says_it_is_not_checked(tmp_path: Path) -> None:
    """The hook leaves out what ``exclude`` leaves out (as ruff's --force-exclude); a folder
    given to it by hand was left out without a word, where a file gets a note."""
    repo = _drafts(tmp_path / "repo", 'fail_on: error\nexclude: ["drafts/"]\n')
    _git(repo, "add", "-A")
    done = resilint(repo, "pre-commit", "drafts")
    assert (
        "resilint: note: not checked: drafts: the configuration excludes it (exclude: drafts/)"
        in (done.stderr)
    )
    assert "beta" not in done.stdout


def test_a_folder_configured_in_its_pyproject_is_refused_too(tmp_path: Path) -> None:
    repo = _monorepo(tmp_path / "repo")
    (repo / "programme" / "resilint.yaml").unlink()
    pyproject = repo / "programme" / "pyproject.toml"
    pyproject.write_text('[project]\nname = "programme"\n\n[tool.ruff]\nline-length = 100\n')
    done = resilint(repo, "check", "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr  # a package's own: not resilint's
    pyproject.write_text('[project]\nname = "programme"\n\n[tool.resilint]\nfail_on = "error"\n')
    done = resilint(repo, "check", "--no-cache")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "programme/pyproject.toml: a configuration of its own" in done.stderr
    part = resilint(repo, "check", "--no-cache", "programme")
    assert part.returncode == 1, part.stdout + part.stderr
