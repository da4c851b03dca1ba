"""The look into the hidden folders the walk passes over (DOC-05) is bounded, and fails closed
where the bound cuts it short: a hidden folder it could not look into whole is DOC-06, at the
folder, naming it and the way to leave it out on purpose (``exclude`` or a .gitignore), so that a
supplier moved into a large hidden folder no longer passes unseen. The bound is shared between
the folders, so a large one first in the walk does not keep a small one after it from being
looked into. Through the CLI on real files: the real bound in a child process, a small one
(``MOST_HIDDEN``, read when the walk runs) in process."""

from __future__ import annotations

import contextlib
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from resilint import discover as discovery
from tests.test_boundary import resilint
from tests.test_hidden_folder_documents import _found, _hidden, _repo

UNSEARCHED = (
    "this hidden folder holds more than resilint looks into for documents (5,000 entries in "
    "all, shared between the hidden folders the walk passes over), so a resilint document in "
    "the part not looked at would pass unseen: move any document in it out of it, where it is "
    'checked, and exclude the folder in the configuration (exclude: ["{folder}"]) or add it to '
    ".gitignore, to say that the rest is not part of the programme"
)


def _fill(folder: Path, count: int, name: str = "f{:05}.yaml") -> None:
    """``count`` empty YAML files in ``folder`` (a tool's cache, an archive of old exports)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / name.format(i)).touch()


def _json(run) -> tuple[int, list[tuple[str, str, int]]]:
    found = json.loads(run.stdout)["findings"]
    return run.exit_code, sorted((f["path"], f["code"], f["line"]) for f in found)


@pytest.fixture
def small_budget(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(discovery, "MOST_HIDDEN", 20)
    return 20


def test_a_supplier_in_a_hidden_folder_past_the_budget_fails_the_check(tmp_path: Path) -> None:
    """The real bound: 5,100 files in .archive/a/ come before .archive/b/beta.yaml, which was
    never looked at, and the check passed with status 0. Now the folder is DOC-06, status 1;
    excluding it in the configuration says it is left out on purpose, and the check passes."""
    repo = _repo(tmp_path)
    _fill(repo / ".archive" / "a", 5_100)
    _hidden(repo, ".archive/b")
    assert _found(repo) == (1, [(".archive", "DOC-06", 1)])
    text = resilint(repo, "check", "--no-cache")
    assert text.returncode == 1, text.stdout + text.stderr
    expected = f".archive:1:1: DOC-06 error {UNSEARCHED.format(folder='.archive/')}"
    assert expected in " ".join(text.stdout.split()), text.stdout
    (repo / "resilint.yaml").write_text('profiles: [baseline]\nexclude: [".archive/"]\n')
    assert _found(repo) == (0, [])


def test_a_small_hidden_folder_after_a_huge_one_is_still_looked_into(tmp_path: Path) -> None:
    """The real bound, shared: .cache-of-some-tool/ (10,000 entries) comes first in the walk and
    used it all, so suppliers/.drafts/ was never looked into and its supplier passed unseen."""
    repo = _repo(tmp_path)
    _fill(repo / ".cache-of-some-tool" / "objects", 10_000, "{:05}.pack")
    _hidden(repo, "suppliers/.drafts")
    assert _found(repo) == (
        1,
        [(".cache-of-some-tool", "DOC-06", 1), ("suppliers/.drafts/beta.yaml", "DOC-05", 1)],
    )


def test_a_folder_one_entry_past_the_budget_is_reported(
    cli, tmp_path: Path, small_budget: int
) -> None:
    """A folder of exactly the budget is looked into whole, as before; one entry more is not,
    and said, whether the entries are in one listing or below it (each directory's entries
    count, the directory itself once, in its parent's listing)."""
    repo = _repo(tmp_path)
    _fill(repo / ".old", small_budget - 1)
    _hidden(repo, ".old")
    assert _json(cli("check", "--no-cache", "--format", "json", cwd=repo)) == (
        1,
        [(".old/beta.yaml", "DOC-05", 1)],
    )
    (repo / ".old" / "zz.yaml").touch()
    assert _json(cli("check", "--no-cache", "--format", "json", cwd=repo)) == (
        1,
        [(".old", "DOC-06", 1), (".old/beta.yaml", "DOC-05", 1)],
    )


@pytest.mark.parametrize("how", ["exclude", "gitignore", "excluded below"])
def test_leaving_the_folder_out_on_purpose_silences_it(
    cli, tmp_path: Path, small_budget: int, how: str
) -> None:
    """``exclude`` or a .gitignore leaves the folder out on purpose; so does ``exclude`` of the
    large part below it, which is then not looked into, and the rest is, whole."""
    repo = _repo(tmp_path)
    _fill(repo / ".archive" / "exports", 3 * small_budget)
    (repo / ".archive" / "notes.txt").touch()
    assert _json(cli("check", "--no-cache", "--format", "json", cwd=repo)) == (
        1,
        [(".archive", "DOC-06", 1)],
    )
    if how == "gitignore":
        (repo / ".gitignore").write_text(".archive/\n")
    else:
        folder = ".archive/" if how == "exclude" else ".archive/exports/"
        (repo / "resilint.yaml").write_text(f'profiles: [baseline]\nexclude: ["{folder}"]\n')
    assert _json(cli("check", "--no-cache", "--format", "json", cwd=repo)) == (0, [])


def test_the_budget_is_shared_between_the_folders(cli, tmp_path: Path, small_budget: int) -> None:
    """Three large folders and two small ones, in the walk's order: each small one is looked
    into whole (its supplier is DOC-05), each large one is said, none is left unsaid."""
    repo = _repo(tmp_path)
    for folder in (".a-cache", ".m-cache", "suppliers/.z-cache"):
        _fill(repo / folder / "objects", 2 * small_budget)
    _hidden(repo, ".b-old")
    _hidden(repo, "suppliers/.drafts/2025", "gamma.yaml")
    assert _json(cli("check", "--no-cache", "--format", "json", cwd=repo)) == (
        1,
        [
            (".a-cache", "DOC-06", 1),
            (".b-old/beta.yaml", "DOC-05", 1),
            (".m-cache", "DOC-06", 1),
            ("suppliers/.drafts/2025/gamma.yaml", "DOC-05", 1),
            ("suppliers/.z-cache", "DOC-06", 1),
        ],
    )


def test_more_folders_than_the_budget_are_each_said(cli, tmp_path: Path, small_budget: int) -> None:
    """More hidden folders than entries to look at: those the look never reached are said
    too, one finding each, the folder named as exclude takes it."""
    repo = _repo(tmp_path)
    folders = [f".f{i:02}" for i in range(small_budget + 5)]
    for folder in folders:
        _fill(repo / folder, 2)
    code, found = _json(cli("check", "--no-cache", "--format", "json", cwd=repo))
    assert code == 1 and found == [(folder, "DOC-06", 1) for folder in folders]
    text = cli("check", "--no-cache", cwd=repo).stdout
    assert 'exclude: [".f00/"])' in text and 'exclude: [".f24/"])' in text


def test_within_the_budget_nothing_changes(cli, tmp_path: Path, small_budget: int) -> None:
    """Hidden folders that together hold no more than the budget: every document in them is
    DOC-05, as before, and nothing else is said."""
    repo = _repo(tmp_path)
    _fill(repo / ".old" / "exports", 5)
    _hidden(repo, ".old")
    _hidden(repo, "suppliers/.drafts/2025", "gamma.yaml")
    _fill(repo / "suppliers" / ".drafts", 5, "note{}.txt")
    assert _json(cli("check", "--no-cache", "--format", "json", cwd=repo)) == (
        1,
        [(".old/beta.yaml", "DOC-05", 1), ("suppliers/.drafts/2025/gamma.yaml", "DOC-05", 1)],
    )


@pytest.mark.parametrize(
    ("fmt", "said"),
    [
        ("text", ".archive:1:1: DOC-06 error"),
        ("json", '"code": "DOC-06"'),
        ("sarif", '"ruleId": "DOC-06"'),
        ("github", "::error file=.archive,line=1,col=1"),
        ("gitlab", '"check_name": "DOC-06'),
        ("junit", "DOC-06"),
        ("markdown", "DOC-06"),
    ],
)
def test_every_format_says_it(cli, tmp_path: Path, small_budget: int, fmt: str, said: str) -> None:
    repo = _repo(tmp_path)
    _fill(repo / ".archive" / "exports", 2 * small_budget)
    run = cli("check", "--no-cache", "--format", fmt, cwd=repo)
    assert run.exit_code == 1 and said in run.stdout, run.stdout
    assert ".archive/" in run.stdout, run.stdout


def test_the_cache_keeps_saying_it(cli, tmp_path: Path, small_budget: int) -> None:
    """A second run, served from the cache, walks again and says it again."""
    repo = _repo(tmp_path)
    _fill(repo / ".archive" / "exports", 2 * small_budget)
    for _ in range(2):
        assert _json(cli("check", "--format", "json", cwd=repo)) == (
            1,
            [(".archive", "DOC-06", 1)],
        )


def test_nothing_accepts_it_but_leaving_the_folder_out(
    cli, tmp_path: Path, small_budget: int
) -> None:
    """A baseline would let a document moved into the folder pass for good: refused, as for
    DOC-05; per_file_ignores naming it is an error."""
    repo = _repo(tmp_path)
    _fill(repo / ".archive" / "exports", 2 * small_budget)
    baseline = cli("baseline", cwd=repo)
    assert baseline.exit_code == 2 and ".archive:1:1: DOC-06" in baseline.stderr
    # named as the place not looked into that it is, not as a document seen
    assert "a place in hidden folders not looked into whole" in baseline.stderr
    assert "does not check" not in baseline.stderr and "resilint fix" not in baseline.stderr
    config = "profiles: [baseline]\nper_file_ignores: {'.archive/**': [DOC-06]}\n"
    (repo / "resilint.yaml").write_text(config)
    ignored = cli("check", "--no-cache", cwd=repo)
    assert ignored.exit_code == 2 and "DOC-06" in ignored.stderr, ignored.stderr


def test_a_folder_past_the_budget_does_not_fail_every_commit(
    cli, tmp_path: Path, small_budget: int
) -> None:
    """The hook reports what concerns the change and what it introduces: a folder already past
    the budget does not fail a commit to a supplier (the check CI runs says it)."""
    repo = _repo(tmp_path)
    _fill(repo / ".archive" / "exports", 2 * small_budget)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "programme"], cwd=repo, check=True)
    acme = repo / "suppliers" / "acme.yaml"
    acme.write_text(acme.read_text().replace("name: acme", "name: Acme"))
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    hook = cli("pre-commit", "suppliers/acme.yaml", cwd=repo)
    assert hook.exit_code == 0, hook.stdout + hook.stderr
    assert cli("check", "--no-cache", cwd=repo).exit_code == 1


def test_a_directory_holding_only_a_large_hidden_folder_has_no_input_files(
    cli, tmp_path: Path, small_budget: int
) -> None:
    """Nothing to check, as before (status 2), and the hidden folder is named: a document in it
    may be what the check was pointed at."""
    _fill(tmp_path / "programme" / ".archive" / "exports", 2 * small_budget)
    run = cli("check", "--no-cache", "programme")
    assert run.exit_code == 2, run.stdout + run.stderr
    assert (
        "no input files: no *.yaml or *.yml file found in programme (programme/.archive is a "
        "hidden folder too large for resilint to look into whole for documents: exclude it in "
        "the configuration or add it to .gitignore)"
    ) in run.stderr, run.stderr


def _unprivileged(repo: Path) -> list[tuple[str, str, int, str]]:
    """``check`` as root without the right to bypass permissions (CI runs as root): status 1,
    its findings' (path, code, line, message)."""
    from tests.test_boundary import without_permission_override

    done = resilint(
        repo, "check", "--no-cache", "--format", "json", before=without_permission_override
    )
    assert done.returncode == 1, done.stdout + done.stderr
    found = json.loads(done.stdout)["findings"]
    return sorted((f["path"], f["code"], f["line"], f["message"]) for f in found)


@contextlib.contextmanager
def _locked(path: Path, restored: int) -> Iterator[None]:
    path.chmod(0)
    try:
        yield
    finally:
        path.chmod(restored)


def test_a_hidden_directory_that_cannot_be_listed_fails_the_check(tmp_path: Path) -> None:
    """A directory in a hidden folder that resilint cannot list was passed over without a word,
    though a supplier in it would pass unseen: it is DOC-06 at the directory, naming why, until
    resilint can read it or it is left out on purpose."""
    repo = _repo(tmp_path)
    _hidden(repo, ".archive/open")  # looked into: its document is DOC-05
    _hidden(repo, ".archive/locked")
    with _locked(repo / ".archive" / "locked", 0o755):
        found = _unprivileged(repo)
        (repo / "resilint.yaml").write_text('profiles: [baseline]\nexclude: [".archive/locked/"]\n')
        left_out = _unprivileged(repo)
    assert [f[:3] for f in found] == [
        (".archive/locked", "DOC-06", 1),
        (".archive/open/beta.yaml", "DOC-05", 1),
    ]
    assert "cannot list this directory in a hidden folder (Permission denied)" in found[0][3]
    assert [f[:2] for f in left_out] == [(".archive/open/beta.yaml", "DOC-05")]


def test_a_yaml_file_in_a_hidden_folder_that_cannot_be_read_fails_the_check(
    tmp_path: Path,
) -> None:
    """Whether an unreadable YAML file in a hidden folder holds a resilint document cannot be
    told: DOC-06 at the file, naming why, rather than passing it over."""
    repo = _repo(tmp_path)
    with _locked(_hidden(repo, ".archive"), 0o644):
        found = _unprivileged(repo)
    assert [f[:3] for f in found] == [(".archive/beta.yaml", "DOC-06", 1)]
    assert "cannot read this file in a hidden folder (Permission denied)" in found[0][3]


def test_a_register_not_found_names_the_folder_as_a_folder(tmp_path: Path) -> None:
    """``register export`` that finds no entity keeping a register says where the entity may
    be: a hidden folder the look did not finish is named as one, not as a file that could not
    be read."""
    repo = _repo(tmp_path)
    _fill(repo / ".archive", 5_100)
    done = resilint(repo, "register", "export", "--format", "csv", "-o", str(tmp_path / "out"))
    assert done.returncode == 2, done.stdout + done.stderr
    assert (
        "the entity may be in a place in hidden folders not looked into whole for documents: "
        ".archive (`resilint check` says why)"
    ) in done.stderr
    assert "could not be read" not in done.stderr
