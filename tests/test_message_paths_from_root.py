"""A file a message names (DOC-02's first document with the id, REF-01's and REF-02's file that
could not be read) is named relative to the repository's root, as SARIF's and GitHub's file
names are: the same message whichever directory the check runs from and in every format.
Run from a subdirectory, DOC-02 said "../../suppliers/a.yaml:4", a path that means nothing in
a CI log, a baseline or a ticket."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

SUPPLIER = "apiVersion: resilint/v1\nkind: Supplier\nid: acme\nname: Acme {n}\ntier: 3\n"
CONTRACT = (
    "apiVersion: resilint/v1\nkind: Contract\nid: ctr-acme\nsupplier: acme-logistcs\n"
    "status: active\nstart_date: 2026-01-01\n"
)
FIRST = "programme/suppliers/a.yaml:1"


def _repository(root: Path, git: bool) -> Path:
    programme = root / "programme"
    (programme / "suppliers" / "more").mkdir(parents=True)
    (programme / "resilint.yaml").write_text("as_of: 2026-12-01\n", encoding="utf-8")
    (programme / "suppliers" / "a.yaml").write_text(SUPPLIER.format(n=1), encoding="utf-8")
    (programme / "suppliers" / "more" / "b.yaml").write_text(SUPPLIER.format(n=2), encoding="utf-8")
    (programme / "contracts.yaml").write_text(CONTRACT, encoding="utf-8")
    (programme / "broken.yaml").write_text("a: [\n", encoding="utf-8")
    if git:
        subprocess.run(["git", "init", "-q", str(root)], check=True)
    return programme


def _messages(cli, cwd: Path, form: str, code: str) -> list[str]:
    run = cli("check", "--no-cache", "-f", form, cwd=cwd)
    if form == "json":
        return [f["message"] for f in json.loads(run.stdout)["findings"] if f["code"] == code]
    if form == "sarif":
        results = json.loads(run.stdout)["runs"][0]["results"]
        return [r["message"]["text"] for r in results if r["ruleId"] == code]
    if form == "github":
        return [line.split("::", 2)[2] for line in run.stdout.splitlines() if f"={code} " in line]
    return [line for line in run.stdout.splitlines() if f" {code} " in line]


@pytest.mark.parametrize("form", ["text", "json", "sarif", "github"])
def test_doc02_names_the_first_file_from_the_repository_root(cli, tmp_path: Path, form) -> None:
    programme = _repository(tmp_path, git=True)
    deep = programme / "suppliers" / "more"
    (message,) = _messages(cli, deep, form, "DOC-02")
    said = message[message.index("the id 'acme'") :]  # text: after the finding's own file
    assert said == f"the id 'acme' is already used by another supplier in {FIRST}"
    (again,) = _messages(cli, programme, form, "DOC-02")
    assert again[again.index("the id 'acme'") :] == said


def test_ref01_names_the_unreadable_file_from_the_repository_root(cli, tmp_path: Path) -> None:
    programme = _repository(tmp_path, git=True)
    (message,) = _messages(cli, programme / "suppliers", "json", "REF-01")
    assert "(or it is in a file that could not be read: programme/broken.yaml)" in message


def test_outside_git_from_the_configuration_s_directory(cli, tmp_path: Path) -> None:
    programme = _repository(tmp_path, git=False)
    (message,) = _messages(cli, programme / "suppliers" / "more", "json", "DOC-02")
    assert "already used by another supplier in suppliers/a.yaml:1" in message
