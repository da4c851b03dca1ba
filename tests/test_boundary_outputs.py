"""Files named on the command line: an output (`-o`, `--output`, `--export`, `init`) or a side
input (`--baseline`, `--previous`) below the working directory is never written or read through
a committed symbolic link, never a FIFO (which would hang the run) and never a device; each is
refused with exit status 2 and a message naming the path. Runs the CLI in a child process with a
timeout, so a regression fails instead of hanging the suite."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CREDS = "aws_secret_access_key = TOPSECRET4f9a\n"

WRITERS = [
    ("check -o", ("check", "--no-cache", "-o", "sarif=OUT")),
    ("report", ("report", "--no-cache", "-o", "OUT")),
    ("calendar", ("calendar", "--no-cache", "-f", "ics", "-o", "OUT")),
    ("baseline", ("baseline", "-o", "OUT")),
    (
        "register xlsx",
        ("register", "export", "--format", "xlsx", "-o", "OUT", "--allow-incomplete"),
    ),
]


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    def confine() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

    return subprocess.run(
        [sys.executable, "-m", "resilint", *args],
        cwd=cwd,
        preexec_fn=confine,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A DORA programme (the register needs one) beside a directory outside it."""
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "creds").write_text(CREDS)
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "havelbank", root)
    (root / "resilint.yaml").write_text("fail_on: never\nas_of: 2026-12-31\n")
    return root


def _expect_refused(result: subprocess.CompletedProcess[str], words: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("case", "args"), WRITERS, ids=[c[0] for c in WRITERS])
def test_an_output_that_is_a_committed_link_is_not_written_through(repo, case, args) -> None:
    (repo / "out").symlink_to(repo.parent / "outside" / "creds")
    result = run(repo, *(a.replace("OUT", "out") for a in args))
    _expect_refused(result, "out is a symbolic link")
    assert (repo.parent / "outside" / "creds").read_text() == CREDS


@pytest.mark.parametrize(("case", "args"), WRITERS, ids=[c[0] for c in WRITERS])
def test_an_output_in_a_linked_directory_is_not_written(repo, case, args) -> None:
    (repo / "dir").symlink_to(repo.parent / "outside")
    result = run(repo, *(a.replace("OUT", "dir/out") for a in args))
    # baseline stops earlier: the linked directory is itself a finding it will not record
    _expect_refused(result, "could not be read" if case == "baseline" else "dir is a symbolic link")
    assert sorted(p.name for p in (repo.parent / "outside").iterdir()) == ["creds"]


@pytest.mark.parametrize(("case", "args"), WRITERS, ids=[c[0] for c in WRITERS])
def test_an_output_that_is_a_fifo_is_refused_without_waiting(repo, case, args) -> None:
    os.mkfifo(repo / "out")
    _expect_refused(run(repo, *(a.replace("OUT", "out") for a in args)), "not a regular file")


def test_an_output_the_user_names_outside_is_written(repo) -> None:
    target = repo.parent / "outside" / "results.sarif"
    assert run(repo, "check", "--no-cache", "-o", f"sarif={target}").returncode == 0
    assert target.read_text().startswith("{")


@pytest.mark.parametrize(
    "args",
    [
        ("schema", "--export", "dir"),
        ("register", "export", "--format", "csv", "-o", "dir", "--allow-incomplete"),
        ("init", "dir"),
    ],
    ids=["schema --export", "register csv", "init"],
)
def test_a_linked_output_directory_is_refused(repo, args) -> None:
    (repo / "dir").symlink_to(repo.parent / "outside")
    _expect_refused(run(repo, *args), "dir is a symbolic link")
    assert sorted(p.name for p in (repo.parent / "outside").iterdir()) == ["creds"]


def test_init_never_writes_through_links_on_the_way(tmp_path: Path) -> None:
    (tmp_path / "outside").mkdir()
    root = tmp_path / "repo"
    root.mkdir()
    (root / ".github").symlink_to(tmp_path / "outside")
    (root / "resilint.yaml").symlink_to(tmp_path / "outside" / "new.yaml")  # dangling
    result = run(root, "init", ".")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "skipped" in result.stdout and "kept" in result.stdout
    assert list((tmp_path / "outside").iterdir()) == []


SIDE_INPUTS = [
    ("check --baseline", ("check", "--no-cache", "--baseline", "IN"), "baseline"),
    ("report --previous", ("report", "--no-cache", "-o", "r.html", "--previous", "IN"), "report"),
]


@pytest.mark.parametrize(("case", "args", "what"), SIDE_INPUTS, ids=[c[0] for c in SIDE_INPUTS])
@pytest.mark.parametrize("shape", ["link out", "fifo", "/dev/zero", "deep", "garbage"])
def test_side_inputs_are_read_safely(repo, case, args, what, shape) -> None:
    name = "/dev/zero" if shape == "/dev/zero" else "in.json"
    if shape == "link out":
        (repo / name).symlink_to(repo.parent / "outside" / "creds")
    elif shape == "fifo":
        os.mkfifo(repo / name)
    elif shape == "deep":
        (repo / name).write_text("[" * 200_000)
    elif shape == "garbage":
        (repo / name).write_bytes(b"\xff\xfe{not json")
    result = run(repo, *(a.replace("IN", name) for a in args))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert "TOPSECRET" not in result.stdout + result.stderr
    assert what in result.stderr


WAIVE = ("waive", "CTR-08", "--target", "corebanq", "--reason", "r", "--until", "2027-01-01")
WAIVE += ("--approver", "cro")
EDITS = [
    ("new outside", ("new", "Supplier", "zz-new", "--file", "../outside/n.yaml"), None),
    ("new link", ("new", "Supplier", "zz-new", "--file", "n.yaml"), "link"),
    ("new fifo", ("new", "Supplier", "zz-new", "--file", "n.yaml"), "fifo"),
    ("new linked dir", ("new", "Supplier", "zz-new", "--file", "d/n.yaml"), "dir"),
    ("waive outside", (*WAIVE, "--owner", "o", "--file", "../outside/n.yaml"), None),
    ("waive link", (*WAIVE, "--owner", "o", "--file", "n.yaml"), "link"),
]


@pytest.mark.parametrize(("case", "args", "shape"), EDITS, ids=[c[0] for c in EDITS])
def test_an_edit_refused_at_the_boundary_is_status_2(repo, case, args, shape) -> None:
    """Not an internal error (status 4): the refusal is about the user's input."""
    if shape == "link":
        (repo / "n.yaml").symlink_to(repo.parent / "outside" / "creds")
    elif shape == "fifo":
        os.mkfifo(repo / "n.yaml")
    elif shape == "dir":
        (repo / "d").symlink_to(repo.parent / "outside")
    result = run(repo, *args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "internal error" not in result.stderr
    assert sorted(p.name for p in (repo.parent / "outside").iterdir()) == ["creds"]
    assert (repo.parent / "outside" / "creds").read_text() == CREDS


TARGETS = [
    ("/dev/null", "/dev/null: this is a device, not a regular file"),
    ("../outside/creds", "../outside/creds: this is outside the repository;"),
    ("link", "link: a symbolic link to"),
    ("d/creds", "d/creds: reached through a symbolic link and outside the repository"),
]


@pytest.mark.parametrize("command", ["waive", "new"])
@pytest.mark.parametrize(("target", "said"), TARGETS, ids=[t[0] for t in TARGETS])
def test_an_edit_target_refused_says_what_it_is(repo, command, target, said) -> None:
    """``--file /dev/null`` was "reached through a symbolic link and outside the repository",
    and so was a plain file outside it: each is told by what it is."""
    (repo / "link").symlink_to(repo.parent / "outside" / "creds")
    (repo / "d").symlink_to(repo.parent / "outside")
    args = (*WAIVE, "--owner", "o") if command == "waive" else ("new", "Supplier", "zz-new")
    result = run(repo, *args, "--file", target)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"resilint: {said}" in result.stderr
    assert (repo.parent / "outside" / "creds").read_text() == CREDS


def test_an_output_up_the_work_tree_from_a_subdirectory_is_guarded_too(repo) -> None:
    """Run from a subdirectory of a git work tree: `-o ../out` lands in the repository, so a
    committed link there is refused as it is below the working directory."""
    (repo / ".git").mkdir()
    (repo / "sub").mkdir()
    (repo / "out").symlink_to(repo.parent / "outside" / "creds")
    result = run(repo / "sub", "check", "--no-cache", "..", "-o", "sarif=../out")
    _expect_refused(result, "out is a symbolic link")
    assert (repo.parent / "outside" / "creds").read_text() == CREDS


@pytest.mark.parametrize("where", ["outside the repository", "a subdirectory, no git"])
def test_the_default_baseline_is_never_written_through_a_committed_link(repo, where) -> None:
    """`resilint baseline` with no -o writes the repository's default file: a committed link
    there is refused wherever the command runs (it wrote outside the repository from a
    directory outside it, or from a subdirectory of a tree without .git)."""
    (repo / ".resilint-baseline.json").symlink_to(repo.parent / "outside" / "creds")
    if where == "outside the repository":
        result = run(repo.parent / "outside", "baseline", str(repo))
    else:
        result = run(repo / "suppliers", "baseline")
    _expect_refused(result, ".resilint-baseline.json is a symbolic link")
    assert (repo.parent / "outside" / "creds").read_text() == CREDS
