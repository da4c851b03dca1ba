"""The cache under hostile or unlucky conditions: file systems that stamp whole seconds, cache
files planted in a pull request, a full disk, a check run from outside the repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from resilint import cache, discover

SUPPLIER = (
    "apiVersion: resilint/v1\nkind: Supplier\nid: acme\nname: Acme GmbH\nowner: it\n"
    "status: active\ntier: {tier}\n"
)
CLEAN, BROKEN = SUPPLIER.format(tier=3), SUPPLIER.format(tier=9)  # same size: SCH-01 for 9


def small_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    (path / "resilint.yaml").write_text("fail_on: error\n")
    (path / "acme.yaml").write_text(CLEAN)
    return path


def rewrite_in_place(path: Path, text: str) -> None:
    """As an editor saving in place does: same inode, same size."""
    with path.open("r+") as out:
        out.write(text)


def test_a_same_size_rewrite_within_the_same_second_is_never_served_stale(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A check whose stat of a file was taken within the tick the file was written in cannot
    tell that version from one written later in that tick: the cache keeps nothing on such a
    stat (git's "racily clean" entries), so the next check reads the file again. Here a file
    system whose times tick once a minute (a whole-second one made coarser), so that however
    long a check takes on a busy machine, it runs within the tick of the writes around it."""
    tick = 60 * 10**9
    start = time.time_ns() // 10**9 * 10**9  # a whole second, as coarse times are

    def coarse(info: os.stat_result) -> bytes:
        def ticked(ns: int) -> int:
            return start + (ns - start) // tick * tick

        return real(
            SimpleNamespace(  # type: ignore[arg-type]
                st_mtime_ns=ticked(info.st_mtime_ns),
                st_ctime_ns=ticked(info.st_ctime_ns),
                st_size=info.st_size,
                st_ino=info.st_ino,
                st_dev=info.st_dev,
            )
        )

    real = discover.stamp
    monkeypatch.setattr(discover, "stamp", coarse)
    monkeypatch.setattr(cache, "stamp", coarse)
    monkeypatch.setattr(cache, "_COARSE_TICK_NS", tick)
    repo = small_repo(tmp_path / "repo")
    path = repo / "acme.yaml"
    rewrite_in_place(path, CLEAN)
    before = discover.stamp(path.stat())
    assert cli("check", cwd=repo).exit_code == 0
    rewrite_in_place(path, BROKEN)
    assert discover.stamp(path.stat()) == before  # the same size, inode and (coarse) times
    run = cli("check", cwd=repo)
    assert "SCH-01" in run.stdout and run.exit_code == 1, run.stdout
    assert cli("check", cwd=repo).exit_code == 1  # and every check after it
    assert time.time_ns() < start + tick  # all of it within the one tick


def test_a_real_file_system_with_whole_second_times(tmp_path: Path) -> None:
    """The same on a real ext2 file system with 128-byte inodes (whole-second times), through
    the installed command, where this machine may mount one."""
    image, mount = tmp_path / "fs.img", tmp_path / "fs"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mkfs.ext2") is None:
        pytest.skip("needs root and mkfs.ext2 to mount a file system")
    subprocess.run(["truncate", "-s", "16M", str(image)], check=True)
    made = subprocess.run(["mkfs.ext2", "-q", "-I", "128", "-F", str(image)], capture_output=True)
    mounted = subprocess.run(["mount", "-o", "loop", str(image), str(mount)], capture_output=True)
    if made.returncode or mounted.returncode:
        pytest.skip("cannot mount a loop device here")
    try:
        repo = small_repo(mount / "repo")
        path = repo / "acme.yaml"
        env = {**os.environ, "RESILINT_NO_SERVER": "1", "XDG_CACHE_HOME": str(tmp_path / "home")}
        command = [str(Path(sys.executable).parent / "resilint"), "check"]
        subprocess.run(command, cwd=repo, env=env, capture_output=True)  # the cache set up
        # a check must finish within the second it starts in: on a machine busy with other
        # tests that can take many tries (each ends at the first that does)
        for _ in range(40):
            time.sleep(1 - time.time() % 1 + 0.005)
            rewrite_in_place(path, CLEAN)
            before = path.stat()
            first = subprocess.run(command, cwd=repo, env=env, capture_output=True)
            rewrite_in_place(path, BROKEN)
            after = path.stat()
            if (after.st_mtime_ns, after.st_ctime_ns) != (before.st_mtime_ns, before.st_ctime_ns):
                continue
            assert first.returncode == 0
            time.sleep(1.1)
            second = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True)
            assert second.returncode == 1 and "SCH-01" in second.stdout, second.stdout
            return
        pytest.skip("no check finished within the second its file was written")
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def peak_memory_mb(command: list[str], cwd: Path) -> tuple[int, float]:
    """The exit status and the peak resident memory (MB) of ``command``, run as a process of
    its own."""
    probe = (
        "import resource, subprocess, sys\n"
        "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
        "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    env = {**os.environ, "RESILINT_NO_SERVER": "1"}
    out = subprocess.run(
        [sys.executable, "-c", probe, *command], cwd=cwd, env=env, capture_output=True, text=True
    ).stdout.split()
    return int(out[0]), int(out[1]) / 1024


def test_cache_files_planted_in_the_repository_are_refused_unread(tmp_path: Path) -> None:
    """A pull request can commit ``.resilint_cache/`` (git stores a gigabyte of zeros in about a
    megabyte). Files resilint did not write are refused from their first line, which signs the
    body's size: they cost neither the memory nor the time of reading and hashing them."""
    repo = small_repo(tmp_path / "repo")
    planted = repo / ".resilint_cache"
    planted.mkdir()
    for name in ("result.json", "config.json", "findings.json", "rules.json", "files-00.json"):
        with (planted / name).open("wb") as out:
            out.truncate(400 * 1024 * 1024)  # sparse: nothing on disk
    (repo / "acme.yaml").write_text(BROKEN)
    command = [str(Path(sys.executable).parent / "resilint"), "check"]
    status, peak = peak_memory_mb(command, repo)
    assert status == 1  # SCH-01, computed afresh
    assert peak < 150, f"{peak:.0f} MB"


def test_a_cache_that_cannot_be_written_leaves_no_file_behind(cli, tmp_path: Path) -> None:
    """A cache file that cannot be put in place (a directory planted at its name, a full disk)
    only costs time: the file begun for it is removed, not left to pile up run after run."""
    repo = small_repo(tmp_path / "repo")
    (repo / ".resilint_cache" / "result.json").mkdir(parents=True)
    (repo / ".resilint_cache" / "files-00.json" / "x").mkdir(parents=True)
    for _ in range(2):
        assert cli("check", cwd=repo).exit_code == 0
    names = {p.name for p in (repo / ".resilint_cache").iterdir() if p.name.startswith(".")}
    assert names == {".gitignore"}


def test_a_check_of_another_directory_writes_nothing_where_it_runs(cli, tmp_path: Path) -> None:
    """Without a configuration each directory checked is its own repository: `resilint check
    ../other` keeps no cache of other's documents in the working directory (in someone's home,
    a shared /tmp, another repository)."""
    other = tmp_path / "other"
    other.mkdir()
    (other / "acme.yaml").write_text(BROKEN)
    here = tmp_path / "here"
    here.mkdir()
    assert cli("check", "../other", cwd=here).exit_code == 1
    assert list(here.iterdir()) == []
    assert cli("check", ".", cwd=other).exit_code == 1  # checking where it runs: cached there
    assert (other / ".resilint_cache").is_dir()
