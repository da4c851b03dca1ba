"""What a staged change removes (resilint.staged), on real git repositories: the pre-commit
hook re-checks the whole repository when a commit removes a document, and fails closed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from resilint.limits import Limits
from resilint.staged import removes_documents

CONTROLS = (
    "apiVersion: resilint/v1\nkind: Control\nid: mfa-admin\ncategory: mfa_privileged\n---\n"
    "apiVersion: resilint/v1\nkind: Control\nid: backups\ncategory: backup_immutable\n"
)


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    assert shutil.which("git"), "these tests need git"
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "risk@example.com")
    git(tmp_path, "config", "user.name", "Risk Team")
    (tmp_path / "controls.yaml").write_text(CONTROLS)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "controls")
    return tmp_path


def removes(repo: Path) -> bool:
    git(repo, "add", "-A")
    return removes_documents(repo, Limits())


def test_an_edit_that_keeps_every_document_removes_nothing(repo: Path) -> None:
    (repo / "controls.yaml").write_text(CONTROLS.replace("backups", "backups  # nightly"))
    (repo / "new.yaml").write_text("apiVersion: resilint/v1\nkind: Control\nid: edr\n")
    assert not removes(repo)


def test_a_document_cut_out_of_a_file_is_a_removal(repo: Path) -> None:
    (repo / "controls.yaml").write_text(CONTROLS.split("---\n", 1)[1])
    assert removes(repo)


def test_a_deleted_or_renamed_file_is_a_removal(repo: Path) -> None:
    (repo / "controls.yaml").rename(repo / "inventory.yaml")
    assert removes(repo)


def test_a_file_made_a_link_is_a_removal(repo: Path) -> None:
    (repo / "retired.yaml").write_text("# retired\n")
    (repo / "controls.yaml").unlink()
    (repo / "controls.yaml").symlink_to("retired.yaml")
    assert removes(repo)


def test_an_id_written_as_a_list_is_compared_not_a_crash(repo: Path) -> None:
    (repo / "controls.yaml").write_text(CONTROLS.replace("id: backups", "id:\n  - backups"))
    assert removes(repo)  # the id backups is gone; SCH-01 says why, the whole repository is read


def test_a_name_git_batch_reading_cannot_take_fails_closed(repo: Path) -> None:
    odd = repo / "a\nb.yaml"
    odd.write_text(CONTROLS)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "odd name")
    odd.write_text(CONTROLS + "# reviewed\n")
    assert removes(repo)


def test_outside_git_nothing_is_compared(tmp_path: Path) -> None:
    (tmp_path / "controls.yaml").write_text(CONTROLS)
    assert not removes_documents(tmp_path, Limits())


def test_the_hook_reports_a_list_id_as_sch01(repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (repo / "controls.yaml").write_text(CONTROLS.replace("id: backups", "id:\n  - backups"))
    git(repo, "add", "-A")
    result = cli("pre-commit", "controls.yaml", "--no-cache", cwd=repo)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "SCH-01" in result.stdout
