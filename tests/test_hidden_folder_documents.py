"""A resilint document in a hidden folder the walk passes over (``.old/``, ``suppliers/.drafts/``)
is DOC-05, as one in a hidden file is: nothing in it would be checked, and a supplier moved there
passed every rule unseen. ``exclude`` (or a .gitignore) says a folder is left out on purpose;
tools' own folders (a virtual environment, ``.git``) are not looked into, a CI workflow quoting
an apiVersion in a step is not a document, and a file the walk reaches through a link is
checked there. Through the CLI on real files, and as the hook runs in a real git repository."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.test_boundary import resilint

SUPPLIER = "apiVersion: resilint/v1\nkind: Supplier\nid: {id}\nname: {id}\ntier: {tier}\n"


def _repo(where: Path, config: str = "profiles: [baseline]\n") -> Path:
    (where / "suppliers").mkdir(parents=True)
    (where / "resilint.yaml").write_text(config)
    (where / "suppliers" / "acme.yaml").write_text(SUPPLIER.format(id="acme", tier=3))
    subprocess.run(["git", "init", "-q"], cwd=where, check=True)
    return where


def _hidden(where: Path, folder: str, name: str = "beta.yaml", tier: int = 7) -> Path:
    path = where / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SUPPLIER.format(id=path.stem, tier=tier))
    return path


def _found(where: Path, *extra: str) -> tuple[int, list[tuple[str, str, int]]]:
    done = resilint(where, "check", "--no-cache", "--format", "json", *extra)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    found = json.loads(done.stdout)["findings"]
    return done.returncode, sorted((f["path"], f["code"], f["line"]) for f in found)


@pytest.mark.parametrize(
    ("folder", "shown"),
    [
        (".old", ".old/"),
        ("suppliers/.drafts", "suppliers/.drafts/"),
        (".archive/2025", ".archive/"),
    ],
)
def test_a_document_in_a_hidden_folder_fails_the_check(
    tmp_path: Path, folder: str, shown: str
) -> None:
    repo = _repo(tmp_path)
    _hidden(repo, folder)
    status, found = _found(repo)
    assert status == 1 and found == [(f"{folder}/beta.yaml", "DOC-05", 1)]
    text = resilint(repo, "check", "--no-cache").stdout
    assert f"in the hidden folder {shown}, which resilint does not walk" in text, text
    assert f'exclude: ["{shown}"]' in text


@pytest.mark.parametrize("how", ["exclude", "gitignore"])
def test_a_hidden_folder_left_out_on_purpose_is_not_looked_into(tmp_path: Path, how: str) -> None:
    config = 'profiles: [baseline]\nexclude: [".old/"]\n' if how == "exclude" else None
    repo = _repo(tmp_path, config) if config else _repo(tmp_path)
    if how == "gitignore":
        (repo / ".gitignore").write_text(".old/\n")
    _hidden(repo, ".old")
    assert _found(repo) == (0, [])


def test_a_file_left_out_by_a_pattern_inside_is_not_reported(tmp_path: Path) -> None:
    repo = _repo(tmp_path, 'profiles: [baseline]\nexclude: ["*.template.yaml"]\n')
    _hidden(repo, ".old", "x.template.yaml")
    _hidden(repo, ".old", "gamma.yaml")
    assert _found(repo) == (1, [(".old/gamma.yaml", "DOC-05", 1)])


def test_tools_folders_and_quoted_documents_are_not_reported(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    for folder in (".venv/lib/site", ".tox/py311", ".old/node_modules/pkg", ".mypy_cache"):
        _hidden(repo, folder)
    (repo / ".env").mkdir()
    (repo / ".env" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    _hidden(repo, ".env/lib")
    workflow = repo / ".github" / "workflows" / "ci.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text(
        "on: push\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n"
        "          printf 'apiVersion: resilint/v1\\n' > probe.yaml\n"
        "          apiVersion: resilint/v1\n"
    )
    assert _found(repo) == (0, [])


def test_a_file_reached_through_a_link_is_checked_there(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    _hidden(repo, ".shared", "linked.yaml", tier=9)
    (repo / "suppliers" / "linked.yaml").symlink_to("../.shared/linked.yaml")
    status, found = _found(repo)
    assert status == 1 and [f[1] for f in found] == ["SCH-01"]  # tier 9, where it is walked
    assert found[0][0] == "suppliers/linked.yaml"


def test_a_supplier_moved_into_a_hidden_folder_fails_the_hook_and_ci(tmp_path: Path) -> None:
    """The hook checks the file the commit names, wherever it is (tier 7 is a schema error);
    the check CI runs walks the repository and says the file is in a hidden folder."""
    repo = _repo(tmp_path)
    _hidden(repo, "suppliers", "beta.yaml", tier=7)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "programme"], cwd=repo, check=True)
    (repo / "suppliers" / ".beta-old").mkdir()
    moved = "suppliers/.beta-old/beta.yaml"
    subprocess.run([*git, "mv", "suppliers/beta.yaml", moved], cwd=repo, check=True)
    hook = resilint(repo, "pre-commit", moved)
    assert hook.returncode == 1, hook.stdout + hook.stderr
    assert f"{moved}:5:7: SCH-01" in hook.stdout, hook.stdout
    assert _found(repo) == (1, [(moved, "DOC-05", 1)])
