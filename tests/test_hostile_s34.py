"""Hostile round 34: a gate fails closed.

- A directory named ``resilint.yaml`` (or ``.resilint.yaml``, or a link to a directory) where
  the configuration goes was passed over: ``check``, ``report``, ``calendar`` and the hook ran
  on the built-in defaults with status 0, the repository's ``fail_on``, ``as_of`` and rules of
  its own gone unsaid. A directory so named below the root was passed over by the walk with
  every document in it unchecked, where any other directory named like YAML is FILE-01.
  ``resilint init`` said it "kept" such a directory as the configuration it had not written.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.test_boundary import resilint

SUPPLIER = """\
apiVersion: resilint/v1
kind: Supplier
id: {id}
name: Acme
tier: {tier}
"""


def _repository(where: Path) -> Path:
    """A git repository whose one supplier has a tier resilint refuses (an error)."""
    where.mkdir()
    (where / "suppliers").mkdir()
    (where / "suppliers" / "acme.yaml").write_text(SUPPLIER.format(id="acme", tier=7))
    subprocess.run(["git", "init", "-q"], cwd=where, check=True)
    return where


@pytest.mark.parametrize("name", ["resilint.yaml", ".resilint.yaml"])
@pytest.mark.parametrize(
    "command",
    [
        ["check", "--no-cache"],
        ["check", "--no-cache", "-f", "json"],
        ["config"],
        ["calendar"],
        ["report", "-o", "report.html"],
        ["pre-commit", "suppliers/acme.yaml"],
    ],
)
def test_a_directory_named_as_the_configuration_is_refused(
    tmp_path: Path, name: str, command: list[str]
) -> None:
    repo = _repository(tmp_path / "repo")
    (repo / name).mkdir()
    done = resilint(repo, *command)
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"{name}:1:1: {name} is a directory, not a configuration file" in done.stderr
    assert "the run would use the built-in defaults" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (repo / "report.html").exists()


def test_a_link_to_a_directory_named_as_the_configuration_is_refused(tmp_path: Path) -> None:
    repo = _repository(tmp_path / "repo")
    (repo / "resilint.yaml").symlink_to("suppliers")
    done = resilint(repo, "check", "--no-cache")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "resilint.yaml is a directory, not a configuration file" in done.stderr


def test_a_configuration_file_is_read_as_before(tmp_path: Path) -> None:
    """The refusal is of a directory: the file of that name still governs (fail_on: never)."""
    repo = _repository(tmp_path / "repo")
    (repo / "resilint.yaml").write_text("fail_on: never\n")
    done = resilint(repo, "check", "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "SUP-01" in done.stdout or "SCH-" in done.stdout


def test_a_directory_named_as_a_configuration_below_the_root_is_file_01(tmp_path: Path) -> None:
    """Its documents were never read; now it is refused as any directory named like YAML."""
    repo = _repository(tmp_path / "repo")
    (repo / "resilint.yaml").write_text("fail_on: error\n")
    (repo / "suppliers" / "acme.yaml").write_text(SUPPLIER.format(id="acme", tier=3))
    hidden = repo / "suppliers" / "resilint.yaml"
    hidden.mkdir()
    (hidden / "beta.yaml").write_text(SUPPLIER.format(id="beta", tier=7))
    for jobs in ("1", "2"):
        done = resilint(repo, "check", "--no-cache", "-j", jobs)
        assert done.returncode == 2, done.stdout + done.stderr
        assert "suppliers/resilint.yaml:1:1: FILE-01 error a directory named like a YAML file" in (
            done.stdout
        )
    # a check of the folder finds it where it looks for the folder's configuration
    done = resilint(repo, "check", "--no-cache", "suppliers/acme.yaml")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "suppliers/resilint.yaml:1:1: resilint.yaml is a directory" in done.stderr
    # left out by the configuration, it is left out
    (repo / "resilint.yaml").write_text('exclude: ["suppliers/resilint.yaml/"]\n')
    done = resilint(repo, "check", "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_file_named_as_the_configuration_below_the_root_is_still_not_a_document(
    tmp_path: Path,
) -> None:
    repo = _repository(tmp_path / "repo")
    (repo / "resilint.yaml").write_text("fail_on: error\n")
    (repo / "suppliers" / "acme.yaml").write_text(SUPPLIER.format(id="acme", tier=3))
    (repo / "suppliers" / "resilint.yaml").write_text("fail_on: error\n")
    done = resilint(repo, "check", "--no-cache", "--config", "resilint.yaml")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "FILE-01" not in done.stdout
    # without --config, a folder with a configuration of its own is refused (round 35)
    done = resilint(repo, "check", "--no-cache")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "FILE-01" not in done.stdout


def test_init_does_not_keep_a_directory_as_the_configuration(tmp_path: Path) -> None:
    target = tmp_path / "repo"
    target.mkdir()
    (target / "resilint.yaml").mkdir()
    done = resilint(target, "init")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "kept" not in done.stdout
    assert (
        f"failed   {target / 'resilint.yaml'}: cannot write it: a directory of that name is "
        "there, not a file"
    ) in done.stdout
    assert (target / "programme" / "suppliers" / "example-supplier.yaml").is_file()


RECORDED = """\
apiVersion: resilint/v1
kind: Supplier
id: {id}
name: Acme Hosting GmbH
provider_id: 5299003S2ZRL869JWN91
provider_id_type: LEI
tier: 1
"""


def _codes(done: subprocess.CompletedProcess[str]) -> list[tuple[str, str, str]]:
    found = json.loads(done.stdout)["findings"]
    return sorted((f["code"], f["path"], f["message"]) for f in found if not f["suppressed"])


def test_a_supplier_file_copied_with_its_id_is_doc_02_and_its_gaps_stay_shown(
    tmp_path: Path,
) -> None:
    """SUP-13 told to "move what acme holds into acme ... and delete acme", and held back
    every finding of both records (the original's own gaps) as waiting for that merge."""
    repo = _repository(tmp_path / "repo")
    (repo / "suppliers" / "acme.yaml").write_text(RECORDED.format(id="acme"))
    alone = resilint(repo, "check", "--no-cache", "-f", "json")
    gaps = {code for code, _, _ in _codes(alone)}
    assert alone.returncode == 1, alone.stdout + alone.stderr
    assert {"SUP-03", "SUP-04", "SUP-05"} <= gaps, gaps
    (repo / "suppliers" / "acme-copy.yaml").write_text(RECORDED.format(id="acme"))
    done = resilint(repo, "check", "--no-cache", "-f", "json")
    assert done.returncode == 1, done.stdout + done.stderr
    found = _codes(done)
    assert [code for code, _, _ in found].count("DOC-02") == 1
    assert "SUP-13" not in {code for code, _, _ in found}
    assert not [m for _, _, m in found if "wait until it is merged" in m]
    for path in ("suppliers/acme.yaml", "suppliers/acme-copy.yaml"):
        assert gaps <= {code for code, at, _ in found if at == path} | {"DOC-02"}, path


def test_two_supplier_ids_with_one_identifier_are_still_sup_13(tmp_path: Path) -> None:
    repo = _repository(tmp_path / "repo")
    (repo / "suppliers" / "acme.yaml").write_text(RECORDED.format(id="acme"))
    (repo / "suppliers" / "acme-hosting.yaml").write_text(RECORDED.format(id="acme-hosting"))
    done = resilint(repo, "check", "--no-cache", "-f", "json")
    assert done.returncode == 1, done.stdout + done.stderr
    (sup13,) = [m for code, _, m in _codes(done) if code == "SUP-13"]
    assert "carries the same identifier as supplier" in sup13
    assert "wait until it is merged" in sup13


@pytest.mark.parametrize("name", ["acme-link.yaml", "a-link.yaml"])
def test_a_link_to_a_checked_file_says_the_file_is_read_twice(tmp_path: Path, name: str) -> None:
    """DOC-02 said the id was "already used by another supplier" in the file the link leads
    to: a second supplier was looked for where there is one file under two names."""
    repo = _repository(tmp_path / "repo")
    (repo / "suppliers" / "acme.yaml").write_text(SUPPLIER.format(id="acme", tier=3))
    (repo / "suppliers" / name).symlink_to("acme.yaml")
    done = resilint(repo, "check", "--no-cache")
    assert done.returncode == 1, done.stdout + done.stderr
    assert (
        f"DOC-02 error supplier acme: suppliers/{name} and suppliers/acme.yaml are one file "
        "(the first a link to the second), so its documents are read twice"
    ) in done.stdout
    assert "already used by another supplier" not in done.stdout
    (repo / "suppliers" / name).unlink()
    (repo / "suppliers" / name).write_text(SUPPLIER.format(id="acme", tier=3))
    done = resilint(repo, "check", "--no-cache")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "the id 'acme' is already used by another supplier in suppliers/" in done.stdout


# -- a pre-push hook judges what is pushed -------------------------------------------------------
BROKEN = ("tier: 2\n", "tier: banana\n")
"""A change to suppliers/albis-telecom.yaml that is SCH-01."""


def _pushing(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """examples/northwind in git, with main pushed to a bare remote and pre-commit's hook (a
    local hook running this resilint) installed for ``git push``."""
    import os
    import sys

    from tests.conftest import copy_example

    repo = copy_example("northwind", tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    env |= {"GIT_AUTHOR_NAME": "Risk Team", "GIT_COMMITTER_NAME": "Risk Team"}
    env |= {"GIT_AUTHOR_EMAIL": "risk@example.com", "GIT_COMMITTER_EMAIL": "risk@example.com"}
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n  - repo: local\n    hooks:\n      - id: resilint\n"
        f"        name: resilint\n        entry: {sys.executable} -m resilint pre-commit\n"
        "        language: system\n        types_or: [yaml, toml]\n"
        "        require_serial: true\n        always_run: true\n"
    )
    remote = tmp_path / "remote.git"
    for args in (
        ["git", "init", "-q", "--bare", "-b", "main", str(remote)],
        ["git", "init", "-q", "-b", "main"],
        ["git", "add", "-A"],
        ["git", "commit", "-q", "--no-verify", "-m", "programme"],
        ["git", "remote", "add", "origin", str(remote)],
        ["git", "push", "-q", "origin", "main"],
        [sys.executable, "-m", "pre_commit", "install", "-t", "pre-push"],
    ):
        subprocess.run(args, cwd=repo, env=env, check=True, capture_output=True)
    return repo, env


def _run(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=300
    )


def _broken_branch(repo: Path, env: dict[str, str]) -> str:
    supplier = repo / "suppliers" / "albis-telecom.yaml"
    good = supplier.read_text()
    _run(repo, env, "checkout", "-q", "-b", "feature")
    supplier.write_text(good.replace(*BROKEN))
    _run(repo, env, "commit", "-q", "--no-verify", "-am", "tier")
    return good


def _remote_has(repo: Path, env: dict[str, str], branch: str) -> bool:
    listed = _run(repo, env, "ls-remote", "origin", f"refs/heads/{branch}").stdout
    return bool(listed.strip())


@pytest.mark.slow
def test_a_branch_pushed_from_another_checked_out_is_refused(tmp_path: Path) -> None:
    """``git push origin feature`` from main: the hook judged main's files, which it read in
    the work tree, and let a broken supplier through to the remote."""
    repo, env = _pushing(tmp_path)
    _broken_branch(repo, env)
    _run(repo, env, "checkout", "-q", "main")
    pushed = _run(repo, env, "push", "origin", "feature")
    said = pushed.stdout + pushed.stderr
    assert pushed.returncode != 0, said
    assert not _remote_has(repo, env, "feature"), said
    assert "suppliers/albis-telecom.yaml in the work tree and the index differ from " in said, said
    assert "check out the commit the range ends at, with nothing staged" in said
    assert "Traceback" not in said


@pytest.mark.slow
def test_a_push_with_a_fix_staged_and_not_committed_is_refused(tmp_path: Path) -> None:
    """The fix staged but not committed: the hook read it, and the broken commit was pushed."""
    repo, env = _pushing(tmp_path)
    good = _broken_branch(repo, env)
    (repo / "suppliers" / "albis-telecom.yaml").write_text(good)
    _run(repo, env, "add", "suppliers/albis-telecom.yaml")
    pushed = _run(repo, env, "push", "origin", "feature")
    said = pushed.stdout + pushed.stderr
    assert pushed.returncode != 0, said
    assert not _remote_has(repo, env, "feature"), said
    assert "the work tree and the index differ from" in said, said


@pytest.mark.slow
def test_the_branch_checked_out_is_judged_on_push(tmp_path: Path) -> None:
    """Checked out and pushed as committed: judged (SCH-01), and pushed once fixed."""
    repo, env = _pushing(tmp_path)
    good = _broken_branch(repo, env)
    pushed = _run(repo, env, "push", "origin", "feature")
    said = pushed.stdout + pushed.stderr
    assert pushed.returncode != 0, said
    assert "suppliers/albis-telecom.yaml:15:7: SCH-01" in said, said
    assert "differ from" not in said
    (repo / "suppliers" / "albis-telecom.yaml").write_text(good)
    _run(repo, env, "commit", "-q", "--no-verify", "-am", "tier again")
    pushed = _run(repo, env, "push", "origin", "feature")
    assert pushed.returncode == 0, pushed.stdout + pushed.stderr
    assert _remote_has(repo, env, "feature")


@pytest.mark.parametrize("named", ["programme", "programme/", "./programme/suppliers"])
def test_a_directory_named_through_a_link_reports_its_findings(tmp_path: Path, named: str) -> None:
    """``check programme`` where programme is a link to a folder of the repository: the
    repository was loaded whole and its findings named by their real paths, none under the
    link's name, so the check said "no findings" with status 0 over a broken supplier."""
    repo = _repository(tmp_path / "repo")
    (repo / "resilint.yaml").write_text("fail_on: error\n")
    (repo / "resilience").mkdir()
    (repo / "suppliers").rename(repo / "resilience" / "suppliers")
    (repo / "programme").symlink_to("resilience")
    done = resilint(repo, "check", "--no-cache", named)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "resilience/suppliers/acme.yaml:5:7: SCH-01 error" in done.stdout
    found = resilint(repo, "check", "--no-cache", "-f", "json", named)
    assert found.returncode == 1
    assert [f["code"] for f in json.loads(found.stdout)["findings"]] == ["SCH-01"]
    reported = resilint(repo, "report", "-o", "report.html", named)
    assert "wrote report.html: 1 finding," in reported.stderr, reported.stdout + reported.stderr
    # from inside the folder, and the folder itself, as before
    done = resilint(repo / "resilience", "check", "--no-cache", "../programme")
    assert done.returncode == 1 and "suppliers/acme.yaml:5:7: SCH-01" in done.stdout
    done = resilint(repo, "check", "--no-cache", "resilience")
    assert done.returncode == 1 and "SCH-01" in done.stdout


def _programme(where: Path) -> Path:
    """A configured repository: a clean supplier, and a folder of drafts whose supplier is
    broken (tier 7)."""
    repo = _repository(where)
    (repo / "resilint.yaml").write_text("fail_on: error\n")
    (repo / "suppliers" / "acme.yaml").write_text(SUPPLIER.format(id="acme", tier=3))
    (repo / "drafts").mkdir()
    (repo / "drafts" / "beta.yaml").write_text(SUPPLIER.format(id="beta", tier=7))
    return repo


def test_a_folder_the_walk_takes_is_checked_as_before(tmp_path: Path) -> None:
    repo = _programme(tmp_path / "repo")
    done = resilint(repo, "check", "--no-cache", "drafts")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "drafts/beta.yaml:5:7: SCH-01" in done.stdout
    done = resilint(repo, "check", "--no-cache", "suppliers")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "left to check" not in done.stderr
    (repo / "empty").mkdir()
    done = resilint(repo, "check", "--no-cache", "empty")
    assert done.returncode == 2 and "no *.yaml or *.yml file found in empty" in done.stderr


def test_a_range_end_that_git_cannot_compare_is_refused(tmp_path: Path) -> None:
    """A range's end git cannot read, or one written like an option, is refused: never
    passed to git as an option, never taken as the files checked out."""
    import os

    repo = _repository(tmp_path / "repo")
    (repo / "suppliers" / "acme.yaml").write_text(SUPPLIER.format(id="acme", tier=3))
    who = {"GIT_AUTHOR_NAME": "Risk Team", "GIT_COMMITTER_NAME": "Risk Team"}
    who |= {"GIT_AUTHOR_EMAIL": "risk@example.com", "GIT_COMMITTER_EMAIL": "risk@example.com"}
    for args in (["add", "-A"], ["commit", "-q", "--no-verify", "-m", "programme"]):
        subprocess.run(
            ["git", *args], cwd=repo, env={**os.environ, **who}, check=True, capture_output=True
        )
    for end in ("no-such-branch", f"--output={tmp_path / 'written'}"):
        env = {**os.environ, "PRE_COMMIT_FROM_REF": "HEAD", "PRE_COMMIT_TO_REF": end}
        done = resilint(repo, "pre-commit", "suppliers/acme.yaml", env=env)
        assert done.returncode == 2, done.stdout + done.stderr
        assert "git could not compare the files with " in done.stderr
        assert not (tmp_path / "written").exists()


def test_a_folder_of_hidden_files_only_is_said_so(tmp_path: Path) -> None:
    """A folder whose only YAML is hidden is the walk's "no file", with the hidden document
    named (DOC-05's words), not said to be left out by exclude or a .gitignore."""
    repo = _programme(tmp_path / "repo")
    (repo / "drafts" / "beta.yaml").rename(repo / "drafts" / ".beta.yaml")
    done = resilint(repo, "check", "--no-cache", "drafts")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "no *.yaml or *.yml file found in drafts (drafts/.beta.yaml holds a resilint" in (
        done.stderr
    )
    assert "exclude" not in done.stderr
