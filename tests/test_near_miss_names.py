"""A document the walk passes over for its name never passes in silence (DOC-05): a suffix one
typing mistake or a look-alike letter from yaml, yml or json (``acme.yam``, ``acme.YAM``,
``acme.jsn``, a Cyrillic a), and a file of any other name that starts as a document
(``acme.txt``, a backup whose original is gone). A copy beside its original, and notes,
READMEs and other tools' files that only mention a document, are left alone."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import copy_example
from tests.test_boundary import resilint
from tests.test_pre_commit import git, try_repo


def _programme(tmp_path: Path) -> Path:
    repo = copy_example("northwind", tmp_path)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    return repo


def _supplier(repo: Path, new_id: str, *, as_json: bool = False) -> str:
    """Another supplier, with a schema error (``tier: banana``) a check must not miss."""
    text = (repo / "suppliers" / "albis-telecom.yaml").read_text(encoding="utf-8")
    text = text.replace("id: albis-telecom", f"id: {new_id}").replace("tier: 2", "tier: banana")
    return json.dumps(yaml.safe_load(text), default=str) if as_json else text


def _doc05(stdout: str) -> list[tuple[str, int, int]]:
    found = json.loads(stdout)["findings"]
    return sorted((f["path"], f["line"], f["column"]) for f in found if f["code"] == "DOC-05")


@pytest.mark.parametrize(
    ("name", "as_json", "rename", "said"),
    [
        ("acme.yam", False, "acme.yaml", "ends in '.yam', not '.yaml'"),
        ("acme.ymal", False, "acme.yaml", "ends in '.ymal', not '.yaml'"),
        ("acme.yaml-", False, "acme.yaml", "ends in '.yaml-', not '.yaml'"),
        ("acme.yaml,", False, "acme.yaml", "ends in '.yaml,', not '.yaml'"),
        ("acme.yamll", False, "acme.yaml", "ends in '.yamll', not '.yaml'"),
        ("acme.YAM", False, "acme.yaml", "ends in '.YAM', not '.yaml'"),
        ("acme.yl", False, "acme.yml", "ends in '.yl', not '.yml'"),
        ("acme.y aml", False, "acme.yaml", "ends in '.y aml', not '.yaml'"),
        ("acme.yml~", False, "acme.yml", "ends in '.yml~', not '.yml'"),
        ("acme.jsn", True, "acme.yaml (JSON is YAML)", "ends in '.jsn', not '.json'"),
        ("acme.y\u0430ml", False, "acme.yaml", "spelt with U+0430 CYRILLIC SMALL LETTER A"),
        ("acme.\uff59\uff41\uff4d\uff4c", False, "acme.yaml", "U+FF59 FULLWIDTH LATIN SMALL"),
        ("acme.json\u200b", True, "acme.yaml (JSON is YAML)", "U+200B ZERO WIDTH SPACE"),
        (".acme.yaml\u00a0", False, "acme.yaml", "U+00A0 NO-BREAK SPACE"),
        (".acme.json", True, "acme.yaml (JSON is YAML)", "a hidden .json file"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_a_document_under_a_near_miss_name_is_reported(
    cli, tmp_path: Path, name: str, as_json: bool, rename: str, said: str
) -> None:
    repo = _programme(tmp_path)
    (repo / "suppliers" / name).write_text(_supplier(repo, "acme", as_json=as_json), "utf-8")
    run = cli("check", "--no-cache", "--format", "json", cwd=repo)
    assert run.exit_code == 1, run.stdout + run.stderr
    assert [(path, code) for path, code, _ in _doc05(run.stdout)] == [
        (f"suppliers/{name}", 1 if as_json else 2)  # JSON gives the exact path
    ]
    text = cli("check", "--no-cache", cwd=repo).stdout
    assert said in text
    assert f"name it {rename} so that it is checked, delete it if it is an old copy" in text


@pytest.mark.parametrize(
    "name",
    ["acme.txt", "acme.yaml.txt", "acme.yaml.orig", "acme.yaml.bak", "#acme.yaml#", "acme"],
)
def test_a_document_under_any_other_name_is_reported_where_it_starts_as_one(
    cli, tmp_path: Path, name: str
) -> None:
    """A backup whose original is gone is the only copy of the document: reported."""
    repo = _programme(tmp_path)
    header = "\ufeff# Supplier record kept by procurement\n%YAML 1.2\n---\n"
    (repo / "suppliers" / name).write_text(header + _supplier(repo, "acme"), "utf-8")
    run = cli("check", "--no-cache", "--format", "json", cwd=repo)
    assert run.exit_code == 1, run.stdout + run.stderr
    assert _doc05(run.stdout) == [(f"suppliers/{name}", 5, 13)]
    assert "name it acme.yaml" in cli("check", "--no-cache", cwd=repo).stdout


def test_notes_copies_and_other_tools_files_are_left_alone(cli, tmp_path: Path) -> None:
    repo = _programme(tmp_path)
    supplier = _supplier(repo, "acme")
    files = {
        # copies beside the file they copy: that file is checked
        "suppliers/albis-telecom.yaml~": supplier,
        "suppliers/albis-telecom.yaml.orig": supplier,
        "suppliers/#albis-telecom.yaml#": supplier,
        "suppliers/albis-telecom.yaml.txt": supplier,
        # text about a document, not one
        "suppliers/README.md": f"# Suppliers\n\nFor example:\n\n```yaml\n{supplier}```\n",
        "suppliers/notes.txt": "Remember:\napiVersion: resilint/v1 is the only version.\n",
        "suppliers/new.sh": f"cat > acme.yaml <<EOF\n{supplier}EOF\n",
        "suppliers/example.txt": "example:\n" + "".join(f"  {x}\n" for x in supplier.split("\n")),
        # near-miss names that hold another tool's data
        "suppliers/feed.xml": '<?xml version="1.0"?><apiVersion>resilint/v1</apiVersion>\n',
        "suppliers/deploy.yam": "apiVersion: apps/v1\nkind: Deployment\n",
        "suppliers/events.jsonl": '{"apiVersion": "v1", "kind": "Event"}\n',
        "suppliers/tool.json5": "{name: 'x'}\n",
        "LICENSE.txt": "apiVersion: v1\n",
    }
    for name, text in files.items():
        (repo / name).write_text(text, "utf-8")
    (repo / "suppliers" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    run = cli("check", "--no-cache", cwd=repo)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "DOC-05" not in run.stdout


def test_exclude_or_a_gitignore_leaves_such_a_file_out(cli, tmp_path: Path) -> None:
    repo = _programme(tmp_path)
    (repo / "drafts").mkdir()
    (repo / "drafts" / "supplier.txt").write_text(_supplier(repo, "a"), "utf-8")
    (repo / "suppliers" / "b.yam").write_text(_supplier(repo, "b"), "utf-8")
    (repo / "suppliers" / "c.yaml.bak").write_text(_supplier(repo, "c"), "utf-8")
    run = cli("check", "--no-cache", "--format", "json", cwd=repo)
    assert [path for path, _, _ in _doc05(run.stdout)] == [
        "drafts/supplier.txt",
        "suppliers/b.yam",
        "suppliers/c.yaml.bak",
    ]
    (repo / "suppliers" / ".gitignore").write_text("*.bak\n*.yam\n")
    with (repo / "resilint.yaml").open("a") as config:
        config.write("exclude: ['drafts/']\n")
    run = cli("check", "--no-cache", cwd=repo)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "DOC-05" not in run.stdout


def test_a_file_named_on_the_command_line_is_read_whatever_its_name(cli, tmp_path: Path) -> None:
    repo = _programme(tmp_path)
    (repo / "suppliers" / "acme.yam").write_text(_supplier(repo, "acme"), "utf-8")
    run = cli("check", "suppliers/acme.yam", "--no-cache", cwd=repo)
    assert run.exit_code == 1, run.stdout + run.stderr
    assert "suppliers/acme.yam:15:7: SCH-01 error" in run.stdout
    assert "DOC-05" not in run.stdout


def test_a_folder_holding_only_such_files_has_no_input_files(cli, tmp_path: Path) -> None:
    repo = _programme(tmp_path)
    (repo / "drafts").mkdir()
    (repo / "drafts" / "acme.ymal").write_text(_supplier(repo, "acme"), "utf-8")
    run = cli("check", "drafts", "--no-cache", cwd=repo)
    assert run.exit_code == 2
    assert "no input files" in run.stderr
    assert "drafts/acme.ymal holds a resilint document" in run.stderr


def test_a_warm_cached_run_still_reports_it(cli, tmp_path: Path) -> None:
    repo = _programme(tmp_path)
    (repo / "suppliers" / "acme.txt").write_text(_supplier(repo, "acme"), "utf-8")
    runs = [cli("check", "--format", "json", cwd=repo) for _ in range(2)]
    assert (repo / ".resilint_cache").is_dir()
    for run in runs:
        assert run.exit_code == 1, run.stdout + run.stderr
        assert _doc05(run.stdout) == [("suppliers/acme.txt", 2, 13)]


def test_a_fifo_a_device_or_a_link_out_is_never_opened(tmp_path: Path) -> None:
    repo = _programme(tmp_path)
    outside = tmp_path / "outside.txt"
    outside.write_text(_supplier(repo, "secret"), "utf-8")
    os.mkfifo(repo / "suppliers" / "pipe.yam")
    os.mkfifo(repo / "suppliers" / "pipe.txt")
    (repo / "suppliers" / "zero.ymal").symlink_to("/dev/zero")
    (repo / "suppliers" / "out.txt").symlink_to(outside)
    (repo / "suppliers" / "out.yam").symlink_to(outside)
    done = resilint(repo, "check", "--no-cache")  # in a child with a timeout: never waits
    assert done.returncode == 0, done.stdout + done.stderr
    assert "DOC-05" not in done.stdout and "secret" not in done.stdout


@pytest.mark.slow
def test_the_hook_reports_a_commit_that_saves_a_document_under_a_near_miss_name(
    tmp_path: Path, pre_commit_hooks
) -> None:
    """pre-commit passes the hook YAML files only (``types_or: [yaml, toml]``): ``acme.yam``
    is not among them, and the hook's walk reports it, as the change touches it; a backup
    beside its original is let through."""
    repo = _programme(tmp_path)
    git(repo, "config", "user.email", "risk@example.com")
    git(repo, "config", "user.name", "Risk Team")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "programme")
    (repo / "suppliers" / "acme.yam").write_text(_supplier(repo, "acme"), "utf-8")
    git(repo, "add", ".")
    blocked = try_repo(repo, pre_commit_hooks)
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "suppliers/acme.yam:2:13: DOC-05 error" in blocked.stdout
    named = resilint(repo, "pre-commit", "suppliers/acme.yam")  # a hook set to pass any file
    assert named.returncode == 1, named.stdout + named.stderr
    assert "suppliers/acme.yam:2:13: DOC-05 error" in named.stdout
    git(repo, "rm", "-q", "--cached", "suppliers/acme.yam")
    (repo / "suppliers" / "acme.yam").unlink()
    (repo / "suppliers" / "albis-telecom.yaml~").write_text(_supplier(repo, "old"), "utf-8")
    git(repo, "add", ".")
    passed = try_repo(repo, pre_commit_hooks)
    assert passed.returncode == 0, passed.stdout + passed.stderr


@pytest.mark.parametrize("name", ["supplier.yaml.j2", "supplier.yaml.tmpl", "acme.example"])
def test_a_template_or_an_example_kept_so_on_purpose_is_left_alone(
    cli, tmp_path: Path, name: str
) -> None:
    """Its last suffix says it is a template or an example: a tool renders it, or a person
    copies it, into a document that is checked; it is no document under the wrong name."""
    repo = _programme(tmp_path)
    (repo / "templates").mkdir()
    (repo / "templates" / name).write_text(_supplier(repo, "a"), "utf-8")
    run = cli("check", "--no-cache", cwd=repo)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "DOC-05" not in run.stdout
