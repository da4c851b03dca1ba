"""The resident server (``resilint server start``), run as users run it: the installed
``resilint`` command in new processes, on copies of the bundled examples. A command it runs
must be the command run without it: output, errors, exit status, working directory,
environment, files written."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, copy_example

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the resident server runs on Linux only"
)

RESILINT = str(Path(sys.executable).with_name("resilint"))
AS_OF = ("--as-of", "2026-11-26")


@pytest.fixture
def home(short_dir: Path) -> Iterator[dict[str, str]]:
    """An environment of its own: the server's socket and the cache's secret under it."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("RESILINT_")}
    environ |= {"XDG_CACHE_HOME": str(short_dir / "xdg"), "NO_COLOR": "1"}
    environ.pop("FORCE_COLOR", None)
    environ.pop("GITHUB_ACTIONS", None)
    environ.pop("CI", None)  # --server starts nothing in CI
    yield environ
    subprocess.run([RESILINT, "server", "stop"], env=environ, capture_output=True, check=False)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_example("northwind", tmp_path)


def run(
    args: tuple[str, ...], cwd: Path, environ: dict[str, str], **extra: str
) -> tuple[int, str, str]:
    done = subprocess.run(
        [RESILINT, *args],
        cwd=cwd,
        env={**environ, **extra},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    return done.returncode, done.stdout, done.stderr


def answered(environ: dict[str, str]) -> int | None:
    """How many requests the server has answered (this one included), or None."""
    code, out, _ = run(("server", "status"), REPO, environ)
    if code != 0:
        return None
    return int(out.rsplit(";", 1)[1].split()[0])


def start(environ: dict[str, str], *extra: str) -> None:
    code, out, err = run(("server", "start", *extra), REPO, environ)
    assert code == 0, err
    assert "resilint server running (pid" in out


def test_a_command_the_server_runs_is_the_command_run_without_it(
    home: dict[str, str], repo: Path
) -> None:
    (repo / "broken.yaml").write_text('apiVersion: resilint/v1\nkind: Supplier\nname: Acme: "x\n')
    dated = repo.parent / "undated"  # no as_of in a configuration: today, in the caller's zone
    dated.mkdir()
    (dated / "acme.yaml").write_text("apiVersion: resilint/v1\nkind: Supplier\nid: acme\ntier: 3\n")
    commands: list[tuple[tuple[str, ...], Path, dict[str, str]]] = [
        (("check", *AS_OF), repo, {}),  # findings, a broken file: exit 2, and its message
        (("check", "--format", "json", *AS_OF), repo, {}),
        (("check", *AS_OF, "--color"), repo, {}),
        (("check", *AS_OF), repo, {"FORCE_COLOR": "1", "NO_COLOR": ""}),  # the environment
        (("check", *AS_OF), repo, {"GITHUB_ACTIONS": "true"}),  # github's format by default
        (("check", "../suppliers", *AS_OF, "-o", "sarif=../out.sarif"), repo / "contracts", {}),
        (("pre-commit", "suppliers/nimbara-cloud.yaml", *AS_OF), repo, {}),
        (("explain", "SUP-05"), repo, {}),
        (("explain", "IAM-02"), repo, {"PYTHONIOENCODING": "ascii:backslashreplace"}),  # §
        (("check", "--no-such-option"), repo, {}),  # a usage error
        (("--version",), repo, {}),
        (("calendar", "--days", "1"), dated, {"TZ": "Etc/GMT-14"}),  # 26 hours apart: two
        (("calendar", "--days", "1"), dated, {"TZ": "Etc/GMT+12"}),  # dates, whatever the hour
    ]
    start(home)
    before = answered(home)
    assert before is not None
    served = []
    for args, cwd, extra in commands:
        served.append(run(args, cwd, home, **extra))
    assert answered(home) == before + len(commands) + 1  # each command went to the server
    (repo / "out.sarif").rename(repo / "served.sarif")  # written from contracts/: ../out.sarif
    alone = [run(args, cwd, home, RESILINT_NO_SERVER="1", **extra) for args, cwd, extra in commands]
    assert answered(home) == before + len(commands) + 2  # none of these did
    assert served == alone
    assert [code for code, _, _ in served][:2] == [2, 2]
    assert "broken.yaml:3:" in served[0][1] and "\x1b[" in served[2][1]
    assert "::error" in served[4][1]
    assert served[-1][1].splitlines()[0] != served[-2][1].splitlines()[0]
    assert "\\xa7" in served[8][1] and "\xa7" not in served[8][1]  # as the caller's Python writes
    sarif = repo / "out.sarif"
    assert sarif.read_bytes() == (repo / "served.sarif").read_bytes()
    assert stat.S_IMODE(sarif.stat().st_mode) == stat.S_IMODE(
        (repo / "served.sarif").stat().st_mode
    )


def test_a_server_of_changed_code_steps_aside_and_stops(home: dict[str, str], repo: Path) -> None:
    """After an upgrade (resilint's code changed since the server started), the command runs
    as it would without a server, and the server stops."""
    start(home)
    installed = subprocess.run(  # where the command's resilint is (this checkout, or not)
        [sys.executable, "-c", "import os, resilint; print(os.path.dirname(resilint.__file__))"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    module = Path(installed) / "limits.py"
    before = module.stat()
    try:
        os.utime(module, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
        changed = run(("check", "--format", "json", *AS_OF), repo, home)
    finally:
        os.utime(module, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert changed == run(("check", "--format", "json", *AS_OF), repo, home, RESILINT_NO_SERVER="1")
    assert answered(home) is None


def test_the_server_stops_when_idle_and_when_asked(home: dict[str, str], repo: Path) -> None:
    start(home, "--idle", "0.01")  # 0.6 seconds; each request, a status too, starts them again
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        time.sleep(1.5)
        if answered(home) is None:
            break
    assert answered(home) is None
    socket = Path(home["XDG_CACHE_HOME"]) / "resilint"
    assert not list(socket.glob("server-*.sock"))  # removed on the way out

    start(home)
    code, out, _ = run(("server", "stop"), REPO, home)
    assert code == 0 and out.startswith("stopped the server (pid")
    assert answered(home) is None
    assert run(("server", "stop"), REPO, home)[1] == "no resilint server runs\n"
    assert run(("check", *AS_OF), repo, home)[0] == 0  # without it, as before


def test_a_directory_others_could_use_is_refused(home: dict[str, str]) -> None:
    directory = Path(home["XDG_CACHE_HOME"]) / "resilint"
    directory.mkdir(parents=True)
    directory.chmod(0o777)
    code, _, err = run(("server", "start"), REPO, home)
    assert code == 2 and "only you can use (0700)" in err
    assert answered(home) is None


def test_a_stale_socket_is_not_a_server(home: dict[str, str], repo: Path) -> None:
    """A socket left by a server that was killed: commands run here, a new server replaces it."""
    start(home)
    out = run(("server", "status"), REPO, home)[1]
    pid = int(out.split("(pid ")[1].split(")")[0])
    os.kill(pid, 9)
    deadline = time.monotonic() + 10
    while answered(home) is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    (sock,) = (Path(home["XDG_CACHE_HOME"]) / "resilint").glob("server-*.sock")
    assert run(("check", *AS_OF), repo, home)[0] == 0
    start(home)
    assert answered(home) is not None and sock.exists()


def test_check_with_server_starts_it_for_the_next_commands(
    home: dict[str, str], repo: Path
) -> None:
    """``--server`` (for the pre-commit hook's args): the command runs as without it, and
    leaves the server starting in the background; a command it runs does not start another."""
    plain = run(("pre-commit", "suppliers/nimbara-cloud.yaml", *AS_OF), repo, home)
    in_ci = run(
        ("pre-commit", "suppliers/nimbara-cloud.yaml", "--server", *AS_OF), repo, home, CI="true"
    )
    assert in_ci == plain
    time.sleep(2)
    assert answered(home) is None  # CI: no server left behind
    first = run(("pre-commit", "suppliers/nimbara-cloud.yaml", "--server", *AS_OF), repo, home)
    assert first == plain
    deadline = time.monotonic() + 60
    while answered(home) is None and time.monotonic() < deadline:
        time.sleep(0.1)
    before = answered(home)
    assert before is not None
    again = run(("pre-commit", "suppliers/nimbara-cloud.yaml", "--server", *AS_OF), repo, home)
    assert again == plain
    assert answered(home) == before + 2  # the command and this status: nothing else
    assert len(list((Path(home["XDG_CACHE_HOME"]) / "resilint").glob("server-*.sock"))) == 1


def test_a_server_that_fails_to_start_says_where_to_look(
    home: dict[str, str], tmp_path: Path
) -> None:
    """A server that dies while starting (here: a broken package shadows click) leaves its
    error in a log beside its socket, which start names; nothing is left listening."""
    broken = tmp_path / "broken"
    (broken / "click").mkdir(parents=True)
    (broken / "click" / "__init__.py").write_text("raise ImportError('a broken click')\n")
    done = subprocess.run(  # what `resilint server start` does, without click of its own
        [sys.executable, "-c", "from resilint import server; print(server.start())"],
        cwd=REPO,
        env={**home, "PYTHONPATH": str(broken)},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert done.stdout.startswith("(None, 'it did not start (see "), done.stdout
    log = Path(done.stdout.split("(see ", 1)[1].split(")", 1)[0])
    assert log.parent == Path(home["XDG_CACHE_HOME"]) / "resilint"
    assert "a broken click" in log.read_text() and stat.S_IMODE(log.stat().st_mode) == 0o600
    assert answered(home) is None


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository a check takes seconds over (the benchmark's generator, 5,000 documents)."""
    root = tmp_path_factory.mktemp("large") / "repo"
    generate = [sys.executable, str(REPO / "benchmarks" / "generate.py"), str(root)]
    subprocess.run([*generate, "--documents", "5000"], check=True, capture_output=True)
    return root


def _signalled(
    root: Path, environ: dict[str, str], number: int, after: float, ignore: bool = False
) -> subprocess.CompletedProcess[str]:
    """A cold check of ``root``, sent signal ``number`` ``after`` seconds after it started
    (with it ignored by the caller, as a shell's background job ignores Ctrl-C, when
    ``ignore``)."""
    import signal

    def prepare() -> None:
        if ignore:
            signal.signal(number, signal.SIG_IGN)

    process = subprocess.Popen(
        [RESILINT, "check", "--no-cache", "--format", "json", *AS_OF],
        cwd=root,
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=prepare,  # only a signal's disposition, before the command starts
    )
    time.sleep(after)
    process.send_signal(number)
    out, err = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def test_signals_reach_the_run_as_they_would_reach_the_command(
    home: dict[str, str], large: Path
) -> None:
    """Terminated, the caller ends at once by the same signal, and so does its run there
    (the processes it started included); a signal the caller ignores is ignored there too."""
    import signal

    start(home)
    began = time.monotonic()
    plain = run(("check", "--no-cache", "--format", "json", *AS_OF), large, home)
    whole = time.monotonic() - began
    assert plain[0] == 1
    after = max(0.2, whole / 3)
    began = time.monotonic()
    terminated = _signalled(large, home, signal.SIGTERM, after)
    assert terminated.returncode == -signal.SIGTERM, terminated.stderr
    # its output pipe closed at once: nothing of the run (its workers included) went on
    assert time.monotonic() - began < after + whole / 2
    ignored = _signalled(large, home, signal.SIGINT, after, ignore=True)
    assert (ignored.returncode, ignored.stdout) == plain[:2]
    assert answered(home) is not None  # the server itself is untouched
