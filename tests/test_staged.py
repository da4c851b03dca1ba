"""The pre-commit hook's change, on real git repositories: what git says the change is
(resilint.staged), and the hook, run as pre-commit runs it (``resilint pre-commit FILES``),
failing on the findings the change introduces anywhere and on none that were there before it
(resilint.introduced); anything it cannot compare is judged as a whole repository."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from test_pre_commit import CONTROLS, POLICY  # the same programme as the hook's tests

from resilint.checker import Evaluated
from resilint.discover import discover, walked_name
from resilint.limits import Limits
from resilint.staged import Change, read_change

LEGACY = POLICY.replace("cyber-2026", "cyber-legacy").replace("mfa_privileged", "edr")
"""A policy whose condition no control meets: an old finding (INS-01) the hook must not blame
on every later commit."""
WAIVER = """\
apiVersion: resilint/v1
kind: Waiver
id: waiver-ins01
rule: INS-01
targets:
  - {kind: InsurancePolicy, id: cyber-2026}
rationale: MFA for administrators is rolled out in the first quarter
compensating_controls: [Privileged access through the jump host only]
risk_owner: ciso
approver: cfo
approved_on: 2026-06-01
expires: 2026-12-31
"""
AS_OF = ("--as-of", "2026-07-01")
INTRODUCED = "(introduced by this commit, in a file outside it)"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A committed programme: an insurance policy whose MFA condition a control in another file
    meets, and a legacy policy with an old finding."""
    assert shutil.which("git"), "these tests need git"
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "risk@example.com")
    git(tmp_path, "config", "user.name", "Risk Team")
    (tmp_path / "resilint.yaml").write_text("profiles: []\nselect: [INS-01]\n")
    (tmp_path / ".gitignore").write_text(".resilint_cache/\n")
    (tmp_path / "insurance").mkdir()
    (tmp_path / "insurance" / "cyber.yaml").write_text(POLICY)
    (tmp_path / "insurance" / "legacy.yaml").write_text(LEGACY)
    (tmp_path / "controls.yaml").write_text(CONTROLS)
    commit(tmp_path)
    return tmp_path


def commit(repo: Path) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-verify", "-m", "programme")


def change(repo: Path, refs: tuple[str, str] | None = None, limits: Limits | None = None) -> Change:
    git(repo, "add", "-A")
    found = read_change(repo, limits or Limits(), refs)
    assert found is not None
    return found


def real(path: Path) -> str:
    return os.path.realpath(path)


# What git says the change is


def test_an_edit_gives_the_earlier_content_and_an_added_file_is_new(repo: Path) -> None:
    (repo / "controls.yaml").write_text(CONTROLS.replace("[servers]", "[servers, backups]"))
    (repo / "edr.yaml").write_text("apiVersion: resilint/v1\nkind: Control\nid: edr\n")
    (repo / "README.md").write_text("The programme\n")
    found = change(repo)
    assert not found.whole and found.since == "this commit"
    assert found.earlier == {real(repo / "controls.yaml"): CONTROLS.encode()}
    assert found.added == {real(repo / "edr.yaml")}
    assert real(repo / "README.md") in found.touched


def test_a_deleted_file_gives_its_earlier_content_and_a_rename_is_deleted_and_added(
    repo: Path,
) -> None:
    (repo / "insurance" / "legacy.yaml").unlink()
    (repo / "controls.yaml").rename(repo / "inventory.yaml")
    found = change(repo)
    assert not found.whole and not found.earlier
    assert found.deleted == {
        real(repo / "insurance" / "legacy.yaml"): LEGACY.encode(),
        real(repo / "controls.yaml"): CONTROLS.encode(),
    }
    assert found.added == {real(repo / "inventory.yaml")}


def test_a_deleted_link_is_judged_whole(repo: Path) -> None:
    (repo / "alias.yaml").symlink_to("controls.yaml")
    commit(repo)
    (repo / "alias.yaml").unlink()
    assert "link" in change(repo).whole


def test_a_deleted_file_still_in_the_work_tree_is_judged_whole(repo: Path) -> None:
    git(repo, "rm", "-q", "--cached", "controls.yaml")  # untracked, kept
    found = read_change(repo, Limits())
    assert found is not None and "still in the work tree" in found.whole


def test_a_deleted_file_below_what_is_now_a_link_is_judged_whole(repo: Path) -> None:
    shutil.move(repo / "insurance", repo / "policies")
    (repo / "insurance").symlink_to("policies")  # insurance/cyber.yaml leads elsewhere
    assert "insurance is or was a link" in change(repo).whole
    git(repo, "reset", "-q")
    (repo / ".git" / "info" / "exclude").write_text("insurance\n")  # the link not committed
    assert "cyber.yaml was in a directory that is now a link" in change(repo).whole


def test_a_deletion_with_the_configuration_changed_is_judged_whole(repo: Path) -> None:
    (repo / "insurance" / "legacy.yaml").unlink()
    (repo / "resilint.yaml").write_text("profiles: []\nselect: [INS-01]\nexclude: [x/]\n")
    assert "the configuration file resilint.yaml changes" in change(repo).whole


def test_a_deletion_with_a_changed_gitignore_is_judged_whole(repo: Path) -> None:
    (repo / "insurance" / "legacy.yaml").unlink()
    (repo / ".gitignore").write_text(".resilint_cache/\nnotes/\n")
    assert ".gitignore" in change(repo).whole


def test_a_file_made_a_link_is_judged_whole(repo: Path) -> None:
    (repo / "retired.yaml").write_text("# retired\n")
    (repo / "controls.yaml").unlink()
    (repo / "controls.yaml").symlink_to("retired.yaml")
    assert "link" in change(repo).whole


def test_a_changed_gitignore_is_judged_whole(repo: Path) -> None:
    (repo / ".gitignore").write_text(".resilint_cache/\ncontrols.yaml\n")
    assert ".gitignore" in change(repo).whole


def test_a_yaml_suffix_in_another_case_is_compared(repo: Path) -> None:
    (repo / "edr.YAML").write_text("apiVersion: resilint/v1\nkind: Control\nid: edr\n")
    commit(repo)
    (repo / "edr.YAML").write_text("apiVersion: resilint/v1\nkind: Control\nid: edr2\n")
    found = change(repo)
    assert found.earlier == {
        real(repo / "edr.YAML"): b"apiVersion: resilint/v1\nkind: Control\nid: edr\n"
    }


def test_a_deleted_pyproject_is_judged_whole(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[tool.resilint]\nfail_on = "never"\n')
    commit(repo)
    (repo / "pyproject.toml").unlink()
    assert "the configuration file pyproject.toml is deleted" in change(repo).whole


def test_deleting_the_configuration_that_let_old_findings_pass_fails_the_hook(repo, cli) -> None:  # type: ignore[no-untyped-def]
    (repo / "resilint.yaml").unlink()
    (repo / "pyproject.toml").write_text(
        '[tool.resilint]\nfail_on = "never"\nprofiles = []\nselect = ["INS-01"]\n'
    )
    commit(repo)
    assert hook(repo, cli).exit_code == 0
    (repo / "pyproject.toml").unlink()  # fail_on is error again: every finding counts
    result = hook(repo, cli)
    assert result.exit_code == 1, result.stdout
    assert "insurance/legacy.yaml" in result.stdout


def test_a_name_with_a_newline_is_compared(repo: Path) -> None:
    odd = repo / "a\nb.yaml"
    odd.write_text(CONTROLS)
    commit(repo)
    odd.write_text(CONTROLS + "# reviewed\n")
    found = change(repo)
    assert not found.whole and found.earlier == {real(odd): CONTROLS.encode()}


def test_an_earlier_content_larger_than_a_file_may_be_is_judged_whole(repo: Path) -> None:
    (repo / "controls.yaml").write_text("# short\n")
    assert change(repo, limits=Limits(max_file_bytes=len(CONTROLS) - 1)).whole


def test_git_not_answering_is_judged_whole(repo: Path) -> None:
    assert "git could not say" in change(repo, ("no-such-branch", "HEAD")).whole


@pytest.mark.parametrize("refs", [None, ("no-such-branch", "HEAD")])
def test_git_is_waited_for_whether_it_answers_or_not(repo: Path, refs) -> None:  # type: ignore[no-untyped-def]
    """git lists the untracked files while it is asked for the change: that process is
    waited for when the other command fails too, and none is left behind."""
    (repo / "controls.yaml").write_text("# short\n")
    assert bool(change(repo, refs).whole) == (refs is not None)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_outside_git_nothing_is_compared(tmp_path: Path) -> None:
    (tmp_path / "controls.yaml").write_text(CONTROLS)
    assert read_change(tmp_path, Limits()) is None


def test_an_initial_commit_adds_every_file(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "controls.yaml").write_text(CONTROLS)
    found = change(tmp_path)
    assert not found.whole and not found.earlier
    assert found.added == {real(tmp_path / "controls.yaml")}


def test_a_range_is_compared_from_where_it_left_its_start(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "feature")
    (repo / "controls.yaml").write_text(CONTROLS.replace("backups", "backup"))
    commit(repo)
    git(repo, "checkout", "-q", "main")
    (repo / "README.md").write_text("main moved on\n")
    commit(repo)
    git(repo, "checkout", "-q", "feature")
    found = change(repo, ("main", "feature"))
    assert found.since == "the changes since main"
    assert found.earlier == {real(repo / "controls.yaml"): CONTROLS.encode()}  # not main's README


def test_the_walk_puts_back_what_discovery_takes_and_nothing_else(tmp_path: Path) -> None:
    """walked_name() says of each file what discover() does: taken at the same name, or not."""
    for name in (
        "a.yaml",
        "b.YML",
        "sub/c.yaml",
        "archive/d.yaml",
        "sub/archive/e.yaml",
        "notes.txt",
        ".github/f.yaml",
        "sub/.hidden.yaml",
        "resilint.yaml",
        "sub/.resilint.yaml",
        "x.yaml/g.yaml",
        "kept/h.yaml",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("apiVersion: resilint/v1\n")
    exclude = ["archive/", "/kept/", "!kept/h.yaml"]
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        for top in (Path(), Path("sub"), tmp_path / "sub"):
            taken = set(discover([top], exclude).names)
            everything = [p for p in top.rglob("*") if p.is_file()]
            named = {walked_name(top, real(p), exclude) for p in everything} - {None}
            assert named == taken, top
        assert walked_name(Path(), real(tmp_path / "gone" / "i.yaml"), exclude) == "gone/i.yaml"


# The hook, as pre-commit runs it


def hook(repo: Path, cli, *files: str):  # type: ignore[no-untyped-def]
    git(repo, "add", "-A")
    return cli("pre-commit", *(files or ("controls.yaml",)), *AS_OF, cwd=repo)


@pytest.fixture
def evaluations(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the hook evaluated the repository as it was before the change."""
    counted: list[int] = []
    again = Evaluated.again

    def counting(self, files, locator):  # type: ignore[no-untyped-def]
        counted.append(1)
        return again(self, files, locator)

    monkeypatch.setattr(Evaluated, "again", counting)
    return counted


def test_a_finding_the_commit_introduces_in_another_file_fails_the_hook(repo, cli) -> None:  # type: ignore[no-untyped-def]
    """The control no longer meets the insurer's condition: the finding is in the policy's
    file, which the commit does not touch."""
    assert hook(repo, cli).exit_code == 0
    (repo / "controls.yaml").write_text(
        CONTROLS.replace("category: mfa_privileged", "category: edr")
    )
    for options in ((), ("--no-cache",)):
        result = hook(repo, cli, "controls.yaml", *options)
        assert result.exit_code == 1, result.stdout + result.stderr
        (line,) = [line for line in result.lines if "INS-01" in line]
        assert line.startswith("insurance/cyber.yaml:") and line.endswith(INTRODUCED)
        assert "cyber-legacy" not in result.stdout  # there before the commit
    commit(repo)  # once committed, it is an old finding: the next commit is not blamed for it
    (repo / "controls.yaml").write_text(
        CONTROLS.replace("category: mfa_privileged", "category: edr") + "# reviewed\n"
    )
    assert hook(repo, cli).exit_code == 0


def test_old_findings_outside_the_commit_do_not_fail_it(repo, cli) -> None:  # type: ignore[no-untyped-def]
    (repo / "controls.yaml").write_text(CONTROLS.replace("[servers]", "[servers, backups]"))
    result = hook(repo, cli)
    assert result.exit_code == 0, result.stdout
    assert "INS-01" not in result.stdout


def test_a_document_cut_out_of_a_file_is_compared(repo, cli) -> None:  # type: ignore[no-untyped-def]
    """What the removed Control met fails elsewhere, and is reported; the old finding is not."""
    (repo / "controls.yaml").write_text(CONTROLS.split("---\n", 1)[1])
    result = hook(repo, cli)
    assert result.exit_code == 1
    assert "insurance/cyber.yaml" in result.stdout and INTRODUCED in result.stdout
    assert "cyber-legacy" not in result.stdout


def test_an_edit_no_rule_reads_is_not_evaluated_twice(repo, cli, evaluations) -> None:  # type: ignore[no-untyped-def]
    assert hook(repo, cli).exit_code == 0  # the cache records what the rules read
    (repo / "controls.yaml").write_text(CONTROLS.replace("id: backups", "id: backups\nowner: it"))
    assert hook(repo, cli).exit_code == 0
    assert evaluations == []
    (repo / "controls.yaml").write_text(
        CONTROLS.replace("status: implemented", "status: planned", 1)
    )
    assert hook(repo, cli).exit_code == 1
    assert evaluations == [1]


def test_a_clean_repository_is_not_evaluated_twice(repo, cli, evaluations) -> None:  # type: ignore[no-untyped-def]
    """With no counted finding outside the files pre-commit passed, there is nothing the
    earlier state could decide: an edit the rules read is not evaluated twice, whether or not
    it brings a finding of its own; one that brings a finding elsewhere is."""
    (repo / "insurance" / "legacy.yaml").unlink()  # its old finding was the only one
    commit(repo)
    assert hook(repo, cli).exit_code == 0
    (repo / "controls.yaml").write_text(CONTROLS.replace("[servers]", "[servers, backups]"))
    assert hook(repo, cli).exit_code == 0
    assert evaluations == []
    (repo / "controls.yaml").write_text(
        CONTROLS.replace("category: mfa_privileged", "category: edr")
    )
    result = hook(repo, cli)
    assert result.exit_code == 1 and INTRODUCED in result.stdout
    assert evaluations == [1]


def test_a_finding_in_the_changed_file_is_placed_in_its_earlier_text(
    repo, cli, evaluations
) -> None:  # type: ignore[no-untyped-def]
    """The legacy policy's old finding, in the file the commit changes: the earlier state
    (evaluated for the finding the commit brings to the other policy) is placed in the earlier
    text, and the legacy finding is reported as the file's own."""
    legacy = repo / "insurance" / "legacy.yaml"
    legacy.write_text(
        "# renewed\n\n" + LEGACY.replace("[privileged_access]", "[privileged_access, email]")
    )
    (repo / "controls.yaml").write_text(
        CONTROLS.replace("category: mfa_privileged", "category: edr")
    )
    result = hook(repo, cli, "insurance/legacy.yaml")
    assert result.exit_code == 1 and evaluations == [1]
    (line,) = [line for line in result.lines if "INS-01" in line and "legacy" in line]
    assert line.startswith("insurance/legacy.yaml:8:") and INTRODUCED not in line
    (line,) = [line for line in result.lines if "INS-01" in line and "legacy" not in line]
    assert line.startswith("insurance/cyber.yaml:") and line.endswith(INTRODUCED)


def test_a_waiver_narrowed_in_the_commit_is_evaluated(repo, cli, evaluations) -> None:  # type: ignore[no-untyped-def]
    """No selected rule reads a Waiver, but what it waives counts once it no longer does."""
    (repo / "controls.yaml").write_text(
        CONTROLS.replace("category: mfa_privileged", "category: edr")
    )
    (repo / "waiver.yaml").write_text(WAIVER)
    commit(repo)
    assert hook(repo, cli, "waiver.yaml").exit_code == 0
    (repo / "waiver.yaml").write_text(WAIVER.replace("id: cyber-2026}", "id: cyber-2027}"))
    result = hook(repo, cli, "waiver.yaml")
    assert result.exit_code == 1 and INTRODUCED in result.stdout
    assert evaluations == [1]


@pytest.mark.parametrize("edit", ["schema error", "suppression removed"])
def test_a_change_to_a_file_the_hook_was_not_passed_is_compared(repo, cli, edit) -> None:  # type: ignore[no-untyped-def]
    """A hook narrowed by ``files:`` (or a range) is not passed every file the change holds:
    an edit there that no rule reads can still bring a finding to that very file (an unknown
    field, a suppression comment taken out). It is reported as introduced, with the cache as
    without it (the cache knows what the rules read, and must not take the edit for one that
    cannot matter)."""
    legacy = repo / "insurance" / "legacy.yaml"
    if edit == "suppression removed":
        suppressed = '[edr]  # resilint: ignore[INS-01] reason="renewed in May"'
        legacy.write_text(LEGACY.replace("[edr]", suppressed))
        commit(repo)
    for options in ((), ("--no-cache",)):
        assert hook(repo, cli, "insurance/cyber.yaml", *options).exit_code == 0  # cache filled
    if edit == "schema error":
        legacy.write_text(
            LEGACY.replace("id: cyber-legacy\n", "id: cyber-legacy\nrenewal_broker: x\n")
        )
    else:
        legacy.write_text(LEGACY)
    for options in ((), ("--no-cache",)):
        result = hook(repo, cli, "insurance/cyber.yaml", *options)
        assert result.exit_code == 1, (options, result.stdout + result.stderr)
        assert "insurance/legacy.yaml" in result.stdout and INTRODUCED in result.stdout


def test_an_initial_commit_fails_on_every_finding(tmp_path, cli) -> None:  # type: ignore[no-untyped-def]
    """Without a last commit, everything the commit holds is new, findings included; the
    configuration it adds makes every finding count anyway."""
    git(tmp_path, "init", "-q")
    (tmp_path / "resilint.yaml").write_text("profiles: []\nselect: [INS-01]\n")
    (tmp_path / "insurance.yaml").write_text(POLICY)
    (tmp_path / "controls.yaml").write_text(CONTROLS.replace("mfa_privileged", "edr"))
    result = hook(tmp_path, cli, "controls.yaml")
    assert result.exit_code == 1 and "insurance.yaml" in result.stdout
    assert "the configuration file resilint.yaml changes" in result.stderr


def test_a_range_is_judged_against_where_it_started(repo, cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """pre-commit run --from-ref main --to-ref HEAD: nothing is staged, the range is judged."""
    git(repo, "checkout", "-q", "-b", "feature")
    (repo / "controls.yaml").write_text(
        CONTROLS.replace("category: mfa_privileged", "category: edr")
    )
    commit(repo)
    assert hook(repo, cli).exit_code == 0  # the staged change is empty
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", "main")
    monkeypatch.setenv("PRE_COMMIT_TO_REF", "HEAD")
    result = hook(repo, cli)
    assert result.exit_code == 1
    assert "(introduced by the changes since main, in a file outside it)" in result.stdout
    assert "cyber-legacy" not in result.stdout


@pytest.mark.parametrize(
    "odd",
    ["git does not answer", "the earlier content is not text", "the baseline changes"],
)
def test_what_cannot_be_compared_fails_on_every_finding(repo, cli, monkeypatch, odd) -> None:  # type: ignore[no-untyped-def]
    if odd == "git does not answer":
        monkeypatch.setenv("PRE_COMMIT_FROM_REF", "no-such-branch")
        monkeypatch.setenv("PRE_COMMIT_TO_REF", "HEAD")
    elif odd == "the earlier content is not text":
        (repo / "controls.yaml").write_bytes(CONTROLS.encode() + b"# \xff\n")
        commit(repo)
    else:
        (repo / "resilint.yaml").write_text("profiles: []\nselect: [INS-01]\nbaseline: b.json\n")
        assert cli("baseline", cwd=repo).exit_code == 0
        commit(repo)
        (repo / "b.json").write_text('{"version": 1, "findings": []}\n')
    (repo / "controls.yaml").write_text(CONTROLS + "# reviewed\n")
    if odd == "git does not answer":
        commit(repo)  # a range's change is committed: the index holds what its end does
    result = hook(repo, cli)
    assert result.exit_code == 1
    assert "cyber-legacy" in result.stdout and INTRODUCED not in result.stdout
    assert "note: every finding counts, not only those the change introduces" in result.stderr


def test_the_hook_reports_a_list_id_as_sch01(repo, cli) -> None:  # type: ignore[no-untyped-def]
    (repo / "controls.yaml").write_text(CONTROLS.replace("id: backups", "id:\n  - backups"))
    result = hook(repo, cli, "controls.yaml", "--no-cache")
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "SCH-01" in result.stdout


# Deletions and renames, compared as edits are

SUPPLIER = "apiVersion: resilint/v1\nkind: Supplier\nid: acme\ntier: 2\n"
CONTRACT = "apiVersion: resilint/v1\nkind: Contract\nid: ctr-acme\nsupplier: acme\n"
RETIRED = "apiVersion: resilint/v1\nkind: Control\nid: edr\ncategory: edr\nstatus: planned\n"
WHOLE = "note: every finding counts, not only those the change introduces"


@pytest.fixture
def supplied(repo: Path) -> Path:
    """The programme with a supplier a contract names, a control nothing relies on, and an old
    dangling reference (a contract naming a supplier never recorded) beside the old INS-01."""
    (repo / "suppliers").mkdir()
    (repo / "suppliers" / "acme.yaml").write_text(SUPPLIER)
    (repo / "contracts").mkdir()
    (repo / "contracts" / "acme.yaml").write_text(CONTRACT)
    (repo / "contracts" / "ghost.yaml").write_text(
        CONTRACT.replace("ctr-acme", "ctr-ghost").replace("acme", "ghost")
    )
    (repo / "retired.yaml").write_text(RETIRED)
    commit(repo)
    return repo


def committing(repo: Path, cli, *files: str):  # type: ignore[no-untyped-def]
    """The hook as pre-commit runs it for a change: with the changed files that still exist
    (none, for a deletion alone: the hook runs always)."""
    git(repo, "add", "-A")
    return cli("pre-commit", *files, *AS_OF, cwd=repo)


def assert_only_new(result) -> None:  # type: ignore[no-untyped-def]
    assert "cyber-legacy" not in result.stdout and "ctr-ghost" not in result.stdout
    assert WHOLE not in result.stderr


def test_deleting_a_file_nothing_relies_on_passes_despite_old_findings(supplied, cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("check", *AS_OF, cwd=supplied).exit_code == 1  # INS-01 and REF-01, both old
    git(supplied, "rm", "-q", "retired.yaml")
    result = committing(supplied, cli)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert_only_new(result)


def test_deleting_a_supplier_a_contract_names_fails_as_introduced(supplied, cli) -> None:  # type: ignore[no-untyped-def]
    git(supplied, "rm", "-q", "suppliers/acme.yaml")
    for options in ((), ("--no-cache",)):
        result = committing(supplied, cli, *options)
        assert result.exit_code == 1, result.stdout + result.stderr
        (line,) = [line for line in result.lines if "REF-01" in line]
        assert line.startswith("contracts/acme.yaml:4:11: REF-01") and line.endswith(INTRODUCED)
        assert_only_new(result)


def test_deleting_what_met_an_insurers_condition_fails_as_introduced(supplied, cli) -> None:  # type: ignore[no-untyped-def]
    git(supplied, "rm", "-q", "controls.yaml")
    result = committing(supplied, cli)
    assert result.exit_code == 1, result.stdout + result.stderr
    (line,) = [line for line in result.lines if "INS-01" in line]
    assert line.startswith("insurance/cyber.yaml:") and line.endswith(INTRODUCED)
    assert_only_new(result)


def test_renaming_a_file_passes_when_nothing_else_changes(supplied, cli) -> None:  # type: ignore[no-untyped-def]
    (supplied / "inventory").mkdir()
    git(supplied, "mv", "controls.yaml", "inventory/controls.yaml")
    git(supplied, "mv", "suppliers/acme.yaml", "suppliers/acme-logistics.yaml")
    result = committing(supplied, cli, "inventory/controls.yaml", "suppliers/acme-logistics.yaml")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert_only_new(result)


def test_a_document_moved_out_of_a_deleted_file_is_the_same_one(supplied, cli) -> None:  # type: ignore[no-untyped-def]
    """The legacy policy moves into the cyber policy's file: its old finding moved with it,
    and is reported as that file's own, not as introduced."""
    legacy = supplied / "insurance" / "legacy.yaml"
    cyber = supplied / "insurance" / "cyber.yaml"
    cyber.write_text(POLICY + "---\n" + legacy.read_text())
    legacy.unlink()
    result = committing(supplied, cli, "insurance/cyber.yaml")
    (line,) = [line for line in result.lines if "INS-01" in line]
    assert line.startswith("insurance/cyber.yaml:") and INTRODUCED not in line
    assert WHOLE not in result.stderr


def test_deleting_a_file_discovery_never_checked_passes(supplied, cli) -> None:  # type: ignore[no-untyped-def]
    """An excluded directory's file (the supplier's old record, archived) and a hidden one:
    nothing was checked there, so deleting them changes nothing."""
    (supplied / "resilint.yaml").write_text("profiles: []\nselect: [INS-01]\nexclude: [archive/]\n")
    (supplied / "archive").mkdir()
    (supplied / "archive" / "acme.yaml").write_text(SUPPLIER)
    (supplied / ".github").mkdir()
    (supplied / ".github" / "acme.yaml").write_text(SUPPLIER)
    commit(supplied)
    git(supplied, "rm", "-q", "archive/acme.yaml", ".github/acme.yaml")
    result = committing(supplied, cli)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert_only_new(result)


def test_a_tracked_file_a_gitignore_names_is_put_back(supplied, cli) -> None:  # type: ignore[no-untyped-def]
    """A .gitignore never hid a committed file from discovery: deleting the supplier it names
    still dangles the contract's reference."""
    (supplied / ".gitignore").write_text(".resilint_cache/\nsuppliers/\n")
    commit(supplied)
    git(supplied, "rm", "-q", "suppliers/acme.yaml")
    result = committing(supplied, cli)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "contracts/acme.yaml:4:11: REF-01" in result.stdout and INTRODUCED in result.stdout
    assert_only_new(result)


@pytest.mark.parametrize("odd", ["a deleted link", "a changed .gitignore"])
def test_a_deletion_that_cannot_be_compared_fails_on_every_finding(supplied, cli, odd) -> None:  # type: ignore[no-untyped-def]
    if odd == "a deleted link":
        (supplied / "alias.yaml").symlink_to("retired.yaml")
        commit(supplied)
        git(supplied, "rm", "-q", "alias.yaml")
    else:
        git(supplied, "rm", "-q", "retired.yaml")
        (supplied / ".gitignore").write_text(".resilint_cache/\n*.txt\n")
    result = committing(supplied, cli)
    assert result.exit_code == 1
    assert "cyber-legacy" in result.stdout and "ctr-ghost" in result.stdout
    assert INTRODUCED not in result.stdout and WHOLE in result.stderr


def test_a_range_that_deletes_is_compared(supplied, cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """pre-commit run --from-ref main --to-ref HEAD, on a branch that deleted files."""
    git(supplied, "checkout", "-q", "-b", "feature")
    git(supplied, "rm", "-q", "retired.yaml")
    commit(supplied)
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", "main")
    monkeypatch.setenv("PRE_COMMIT_TO_REF", "HEAD")
    passed = committing(supplied, cli)
    assert passed.exit_code == 0, passed.stdout + passed.stderr
    assert_only_new(passed)
    git(supplied, "rm", "-q", "suppliers/acme.yaml")
    commit(supplied)
    blocked = committing(supplied, cli)
    assert blocked.exit_code == 1, blocked.stdout + blocked.stderr
    (line,) = [line for line in blocked.lines if "REF-01" in line]
    assert line.endswith("(introduced by the changes since main, in a file outside it)")
    assert_only_new(blocked)
