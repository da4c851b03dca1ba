"""Issue 10: resilint stays inside the repository, never blocks or reads without bound, keeps to
a budget for the whole run, and keeps its cache from being redirected, poisoned or served stale.

Every case runs the real CLI on real files. Cases that a regression would turn into a hang or an
unbounded read (FIFOs, devices) run in a child process with a timeout and a memory cap, so they
fail instead of stalling the suite. The tests run as root, which ignores file permissions: the
permission cases run the child without the capabilities that let root read anything, and the
home-less case as a user id with no passwd entry.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from resilint.reporters import REPORTERS

SECRET = "TOPSECRET4f9a"
WIDGET = "apiVersion: resilint/v1\nkind: Widget\nid: {}\n"  # one DOC-01 finding each
OUTSIDE = f"apiVersion: resilint/v1\nkind: {SECRET}\nid: {SECRET}\nname: {SECRET}\n"
NOTE = "the cache is off for this run"


# -- running the CLI in a child process ------------------------------------------------------------
_libc = ctypes.CDLL(None, use_errno=True)
_PR_SET_KEEPCAPS, _PR_CAPBSET_DROP, _PR_CAP_AMBIENT, _PR_CAP_AMBIENT_RAISE = 8, 24, 47, 2
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [(name, ctypes.c_uint32) for name in ("effective", "permitted", "inheritable")]


def _ok(status: int) -> None:
    if status != 0:
        raise OSError(ctypes.get_errno(), "prctl/capset failed")


def without_permission_override() -> None:
    """Root, but file permissions apply: drop the capabilities that bypass them before exec."""
    for capability in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        _ok(_libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0))


def as_user_without_passwd_entry() -> None:
    """setuid(54321), a uid with no passwd entry, keeping only the right to read files (the
    interpreter lives under /root, which that user could not otherwise reach)."""
    _ok(_libc.prctl(_PR_SET_KEEPCAPS, 1, 0, 0, 0))
    os.setgroups([])
    os.setgid(54321)
    os.setuid(54321)
    bit = 1 << _CAP_DAC_READ_SEARCH
    data = (_CapData * 2)(_CapData(bit, bit, bit), _CapData(0, 0, 0))
    _ok(_libc.capset(ctypes.byref(_CapHeader(0x20080522, 0)), data))
    _ok(_libc.prctl(_PR_CAP_AMBIENT, _PR_CAP_AMBIENT_RAISE, _CAP_DAC_READ_SEARCH, 0, 0))


def resilint(
    cwd: Path,
    *args: str,
    before: Callable[[], None] | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``resilint ARGS`` in a child: 60 s and 3 GiB at most, so a regression fails, never hangs."""

    def confine() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
        if before is not None:
            before()

    return subprocess.run(
        [sys.executable, "-m", "resilint", *args],
        cwd=cwd,
        env=dict(os.environ) if env is None else env,
        preexec_fn=confine,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def findings(stdout: str) -> list[tuple[str, str]]:
    """(path, code) of every finding in JSON output."""
    return sorted((f["path"], f["code"]) for f in json.loads(stdout)["findings"])


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with a configuration and one document, beside a directory outside it that
    holds a file whose values would be printed if resilint ever read it."""
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "creds.yaml").write_text(OUTSIDE)
    root = tmp_path / "repo"
    root.mkdir()
    (root / "resilint.yaml").write_text("fail_on: error\n")
    (root / "ok.yaml").write_text(WIDGET.format("w"))
    return root


# -- the repository boundary -----------------------------------------------------------------------
@pytest.mark.parametrize("output_format", sorted(REPORTERS))
def test_a_link_out_of_the_repository_is_a_finding_and_never_shown(
    cli, repo: Path, output_format: str
) -> None:
    (repo / "x.yaml").symlink_to("../outside/creds.yaml")
    result = cli("check", "--no-cache", "--format", output_format, cwd=repo)
    assert result.exit_code == 2
    assert SECRET not in result.stdout + result.stderr
    assert "FILE-03" in result.stdout


def test_links_named_on_the_command_line_and_by_pre_commit(cli, repo: Path) -> None:
    (repo / "x.yaml").symlink_to("../outside/creds.yaml")
    for command in ("check", "pre-commit"):
        result = cli(command, "--no-cache", "--format", "json", "x.yaml", cwd=repo)
        assert result.exit_code == 2 and ("x.yaml", "FILE-03") in findings(result.stdout)
        assert SECRET not in result.stdout


def test_links_inside_are_checked_and_links_to_directories_are_not_followed(
    cli, repo: Path
) -> None:
    (repo / ".shared").mkdir()  # hidden: not walked; real.yaml is reached through its link
    (repo / ".shared" / "real.yaml").write_text(WIDGET.format("r"))
    (repo / ".shared" / "more.yaml").write_text(WIDGET.format("m"))
    (repo / "alias.yaml").symlink_to(".shared/real.yaml")
    (repo / "mirror").symlink_to(".shared")
    (repo / "elsewhere").symlink_to("../outside")
    result = cli("check", "--no-cache", "--format", "json", cwd=repo)
    assert findings(result.stdout) == [
        # reached by no link the walk follows (mirror is a link to a directory): not checked
        (".shared/more.yaml", "DOC-05"),
        ("alias.yaml", "DOC-01"),
        ("elsewhere", "FILE-03"),
        ("ok.yaml", "DOC-01"),
    ]
    assert SECRET not in result.stdout


def test_fifos_devices_and_dev_zero_are_never_opened(repo: Path) -> None:
    os.mkfifo(repo / "pipe.yaml")
    os.mknod(repo / "zero.yaml", stat.S_IFCHR | 0o666, os.makedev(1, 5))  # /dev/zero's twin
    (repo / "z.yaml").symlink_to("/dev/zero")
    for name, make in (("a", os.mkfifo), ("b", lambda p: Path(p).symlink_to("/dev/zero"))):
        (repo / name).mkdir()
        make(repo / name / ".gitignore")  # not followed, like git; never waited on
        (repo / name / "doc.yaml").write_text(WIDGET.format(name))
    result = resilint(repo, "check", "--no-cache", "--format", "json")
    assert result.returncode == 2, result.stderr
    assert findings(result.stdout) == [
        ("a/doc.yaml", "DOC-01"),
        ("b/doc.yaml", "DOC-01"),
        ("ok.yaml", "DOC-01"),
        ("pipe.yaml", "FILE-04"),
        ("z.yaml", "FILE-03"),
        ("zero.yaml", "FILE-04"),
    ]


def test_a_device_named_on_the_command_line_is_not_read(tmp_path: Path) -> None:
    result = resilint(tmp_path, "check", "--no-cache", "--format", "json", "/dev/zero")
    assert result.returncode == 2 and findings(result.stdout) == [("/dev/zero", "FILE-04")]


def test_a_file_that_misstates_its_size_is_read_only_up_to_the_limit(repo: Path) -> None:
    (repo / "resilint.yaml").write_text("limits:\n  max_file_bytes: 16\n")
    # a path outside the repository is under no configuration unless --config names one
    result = resilint(
        repo,
        "check",
        "--no-cache",
        "--config",
        "resilint.yaml",
        "--format",
        "json",
        "/proc/self/maps",
    )
    assert result.returncode == 2 and findings(result.stdout) == [("/proc/self/maps", "FILE-02")]
    assert "longer than the limit of 16" in result.stdout


def test_link_loops_and_dangling_links_are_findings_not_crashes(cli, repo: Path) -> None:
    (repo / "loop1.yaml").symlink_to("loop2.yaml")
    (repo / "loop2.yaml").symlink_to("loop1.yaml")
    (repo / "gone.yaml").symlink_to("nothing.yaml")
    result = cli("check", "--no-cache", "--format", "json", cwd=repo)
    assert result.exit_code == 2
    assert findings(result.stdout) == [
        ("gone.yaml", "FILE-01"),
        ("loop1.yaml", "FILE-04"),
        ("loop2.yaml", "FILE-04"),
        ("ok.yaml", "DOC-01"),
    ]
    named = cli("check", "--no-cache", "--format", "json", "loop1.yaml", cwd=repo)
    assert named.exit_code == 2 and findings(named.stdout) == [("loop1.yaml", "FILE-04")]


def test_unreadable_directories_and_files_are_findings(repo: Path) -> None:
    (repo / "locked").mkdir()
    (repo / "locked" / "hidden.yaml").write_text(WIDGET.format("h"))
    (repo / "sealed.yaml").write_text(WIDGET.format("s"))
    (repo / "listed").mkdir()  # can be listed, not entered
    (repo / "listed" / "seen.yaml").write_text(WIDGET.format("l"))
    (repo / "locked").chmod(0)
    (repo / "sealed.yaml").chmod(0)
    (repo / "listed").chmod(0o444)
    try:
        result = resilint(
            repo, "check", "--no-cache", "--format", "json", before=without_permission_override
        )
    finally:
        (repo / "locked").chmod(0o755)
        (repo / "listed").chmod(0o755)
    assert result.returncode == 2, result.stderr
    assert findings(result.stdout) == [
        ("listed/seen.yaml", "FILE-01"),
        ("locked", "FILE-01"),
        ("ok.yaml", "DOC-01"),
        ("sealed.yaml", "FILE-01"),
    ]
    assert "Permission denied" in result.stdout


# -- configuration files ---------------------------------------------------------------------------
def test_a_configuration_linked_from_outside_is_refused_unread(cli, repo: Path) -> None:
    (repo.parent / "outside" / "conf.yaml").write_text(f"{SECRET}: 1\n")
    (repo / "resilint.yaml").unlink()
    (repo / "resilint.yaml").symlink_to("../outside/conf.yaml")
    result = cli("check", "--no-cache", cwd=repo)
    assert result.exit_code == 2 and "FILE-03" in result.stderr
    assert SECRET not in result.stdout + result.stderr


def test_a_pyproject_linked_out_or_to_dev_zero_is_not_read(repo: Path) -> None:
    (repo / "resilint.yaml").unlink()
    (repo.parent / "outside" / "pyproject.toml").write_text(f"[tool.resilint]\n{SECRET} = 1\n")
    for target in ("/dev/zero", "../outside/pyproject.toml"):
        (repo / "pyproject.toml").unlink(missing_ok=True)
        (repo / "pyproject.toml").symlink_to(target)
        result = resilint(repo, "check", "--no-cache", "--format", "json")
        assert result.returncode == 1, result.stderr  # not resilint's: the defaults apply
        assert findings(result.stdout) == [("ok.yaml", "DOC-01")]
        assert SECRET not in result.stdout + result.stderr


def test_rule_directories_and_baseline_stay_inside(cli, repo: Path) -> None:
    (repo / "resilint.yaml").write_text("fail_on: error\nrule_dirs: [../outside]\n")
    result = cli("check", "--no-cache", cwd=repo)
    assert result.exit_code == 2 and "resilint.yaml:2:13: " in result.stderr
    assert "outside the repository" in result.stderr
    (repo / "resilint.yaml").write_text("baseline: /etc/passwd\n")
    result = cli("check", "--no-cache", cwd=repo)
    assert result.exit_code == 2 and "resilint.yaml:1:11: " in result.stderr


# -- budgets for the whole run ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("limit", "words"),
    [("max_total_bytes: 100", "100 bytes read"), ("max_total_nodes: 15", "15 values")],
)
def test_past_the_run_budget_files_are_not_read_and_the_run_fails(
    cli, repo: Path, limit: str, words: str
) -> None:
    (repo / "resilint.yaml").write_text(f"limits:\n  {limit}\n")
    (repo / "ok.yaml").unlink()
    for name in "abcd":  # 42 bytes and 7 values each: two fit
        (repo / f"{name}.yaml").write_text(WIDGET.format(name * 2))
    # past the file system's tick: a file changed less than one tick before the run started
    # keeps the run's result out of the cache (racily clean, resilint.cache.settled)
    time.sleep(0.05)
    cold = cli("check", "--format", "json", cwd=repo)
    assert cold.exit_code == 2
    assert findings(cold.stdout) == [
        ("a.yaml", "DOC-01"),
        ("b.yaml", "DOC-01"),
        ("c.yaml", "FILE-05"),
        ("d.yaml", "FILE-05"),
    ]
    assert words in cold.stdout
    (repo / ".resilint_cache" / "result.json").unlink()  # per-file entries only
    assert cli("check", "--format", "json", cwd=repo).stdout == cold.stdout


def test_one_file_past_the_node_budget_is_refused_before_validation(cli, repo: Path) -> None:
    (repo / "resilint.yaml").write_text("limits:\n  max_total_nodes: 5\n")
    result = cli("check", "--no-cache", "--format", "json", cwd=repo)
    assert result.exit_code == 2 and findings(result.stdout) == [("ok.yaml", "FILE-05")]
    assert "hold 7 values" in result.stdout


def test_budget_settings_are_validated(cli, repo: Path) -> None:
    (repo / "resilint.yaml").write_text("limits:\n  max_total_bytes: 0\n")
    result = cli("check", "--no-cache", cwd=repo)
    assert result.exit_code == 2 and "limits.max_total_bytes" in result.stderr


# -- the cache -------------------------------------------------------------------------------------
def test_a_committed_cache_link_receives_no_writes(cli, repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.mkdir()
    (repo / ".resilint_cache").symlink_to(target)
    for _ in range(2):
        result = cli("check", "--format", "json", cwd=repo)
        assert result.exit_code == 1 and findings(result.stdout) == [("ok.yaml", "DOC-01")]
        assert result.stderr.count(NOTE) == 1 and "symbolic link" in result.stderr
    assert list(target.iterdir()) == []


def test_cache_files_are_never_followed(repo: Path, tmp_path: Path) -> None:
    cache = repo / ".resilint_cache"
    cache.mkdir()
    for name in ["result.json", *(f"files-{n:02x}.json" for n in range(64))]:
        (cache / name).symlink_to("/dev/zero")
    (cache / ".gitignore").symlink_to(tmp_path / "outside" / "planted")
    result = resilint(repo, "check", "--format", "json")
    assert result.returncode == 1 and findings(result.stdout) == [("ok.yaml", "DOC-01")]
    assert not (tmp_path / "outside" / "planted").exists()
    assert not (cache / "result.json").is_symlink()  # replaced, not written through


def test_a_cache_directory_named_on_the_command_line_is_not_followed(
    cli, repo: Path, tmp_path: Path
) -> None:
    (tmp_path / "link").symlink_to(tmp_path / "outside")
    result = cli("check", "--cache-dir", str(tmp_path / "link"), cwd=repo)
    assert result.exit_code == 1 and result.stderr.count(NOTE) == 1
    assert sorted(p.name for p in (tmp_path / "outside").iterdir()) == ["creds.yaml"]


@pytest.mark.parametrize("to", ["../outside", "."], ids=["outside", "inside"])
@pytest.mark.parametrize("cwd", ["repo", "above"])
def test_a_cache_directory_through_a_link_in_the_repository_is_refused(
    cli, repo: Path, tmp_path: Path, to: str, cwd: str
) -> None:
    """A committed link on the way (``lnk/target``, ``lnk -> ../outside``), as ``-o`` refuses
    one: status 2, and nothing written or replaced where it leads."""
    (repo / "lnk").symlink_to(to)
    kept = repo / "lnk" / "target" / "config.json"
    kept.parent.mkdir()
    kept.write_text('{"someone": "else\'s"}')
    where = Path("lnk", "target") if cwd == "repo" else repo / "lnk" / "target"
    args = ["check", "--cache-dir", str(where)] + ([] if cwd == "repo" else [str(repo)])
    result = cli(*args, cwd=repo if cwd == "repo" else tmp_path)
    assert result.exit_code == 2, result.stdout + result.stderr
    link = "lnk" if cwd == "repo" else "repo/lnk"  # from the working directory, as -o says
    assert result.stderr == (
        f"resilint: {where}: {link} is a symbolic link; resilint never writes the cache through "
        "a link inside the working directory or the repository\n"
    )
    assert sorted(p.name for p in kept.parent.iterdir()) == ["config.json"]
    assert kept.read_text() == '{"someone": "else\'s"}'
    unused = cli(*args, "--no-cache", cwd=repo if cwd == "repo" else tmp_path)
    assert "cache" not in unused.stderr  # no cache, no directory to refuse


@pytest.mark.parametrize("how", ["utime", "cp -p"])
def test_a_rewrite_with_the_same_size_and_mtime_is_not_served_stale(
    cli, repo: Path, tmp_path: Path, how: str
) -> None:
    path = repo / "ok.yaml"
    assert "'Widget'" in cli("check", cwd=repo).stdout
    before = path.stat()
    changed = WIDGET.replace("Widget", "Gadget").format("w")  # the same size
    if how == "utime":
        path.write_text(changed)
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    else:
        source = tmp_path / "source.yaml"
        source.write_text(changed)
        os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
        shutil.copy2(source, path)  # cp -p: same inode, size and mtime
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )
    assert "'Gadget'" in cli("check", cwd=repo).stdout


def test_no_home_and_no_passwd_entry_runs_without_the_cache(repo: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("HOME", "XDG_CACHE_HOME")}
    result = resilint(
        repo, "check", "--format", "json", before=as_user_without_passwd_entry, env=env
    )
    assert result.returncode == 1, result.stderr
    assert findings(result.stdout) == [("ok.yaml", "DOC-01")]
    assert result.stderr.count(NOTE) == 1 and "HOME" in result.stderr
    assert not (repo / ".resilint_cache").exists()


@pytest.mark.parametrize("where", ["a file", "inside the repository"])
def test_a_secret_that_cannot_be_kept_safely_turns_the_cache_off(
    cli, repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    xdg = tmp_path / "not-a-directory" if where == "a file" else repo / ".xdg"
    if where == "a file":
        xdg.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(xdg))
    result = cli("check", "--format", "json", cwd=repo)
    assert result.exit_code == 1 and findings(result.stdout) == [("ok.yaml", "DOC-01")]
    assert result.stderr.count(NOTE) == 1
    assert not (repo / ".resilint_cache").exists()
