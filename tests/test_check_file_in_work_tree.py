"""``resilint check FILE`` in a git work tree that has no configuration file reads the repository
below the working directory, as the pre-commit hook does, and reports what concerns the file: a
contract checked alone no longer names its supplier as missing. Outside git, with no
configuration, each path checked is the repository, and a reference the files checked cannot
resolve says so in those words."""

from __future__ import annotations

import subprocess
from pathlib import Path

SUPPLIER = """\
apiVersion: resilint/v1
kind: Supplier
id: acme-hosting
name: Acme Hosting
tier: 3
status: active
owner: it-lead
"""

CONTRACT = """\
apiVersion: resilint/v1
kind: Contract
id: ctr-acme
supplier: {supplier}
status: active
"""


def _programme(root: Path, supplier: str = "acme-hosting") -> Path:
    (root / "suppliers").mkdir(parents=True)
    (root / "contracts").mkdir()
    (root / "suppliers" / "acme.yaml").write_text(SUPPLIER, encoding="utf-8")
    contract = root / "contracts" / "acme.yaml"
    contract.write_text(CONTRACT.format(supplier=supplier), encoding="utf-8")
    return contract


def _git(root: Path) -> None:
    subprocess.run(["git", "init", "-q", str(root)], check=True)


def _refs(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if "REF-01" in line]


def test_a_file_checked_in_a_work_tree_has_its_references_read(cli, tmp_path: Path) -> None:
    _git(tmp_path)
    _programme(tmp_path)
    run = cli("check", "contracts/acme.yaml", "--no-cache", cwd=tmp_path)
    assert _refs(run.stdout) == [], run.stdout
    assert "Checked 2 files, 2 documents" in run.stdout
    # what concerns the supplier's own file is not this check's: only the file named is judged
    assert "suppliers/acme.yaml" not in run.stdout


def test_a_reference_that_exists_nowhere_in_the_work_tree_is_still_reported(
    cli, tmp_path: Path
) -> None:
    _git(tmp_path)
    _programme(tmp_path, supplier="acme-hostng")
    run = cli("check", "contracts/acme.yaml", "--no-cache", cwd=tmp_path)
    assert run.exit_code == 1
    (line,) = _refs(run.stdout)
    assert line.startswith("contracts/acme.yaml:4:11: REF-01")
    assert "did you mean 'acme-hosting'?" in line


def test_outside_git_a_file_checked_alone_says_what_was_checked(cli, tmp_path: Path) -> None:
    _programme(tmp_path)
    run = cli("check", "contracts/acme.yaml", "--no-cache", cwd=tmp_path)
    (line,) = _refs(run.stdout)
    assert line.endswith("which does not exist; no file checked holds supplier documents")
    assert "Checked 1 file, 1 document" in run.stdout
