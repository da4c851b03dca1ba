"""The ``resilint`` command ends its process as soon as the command has (resilint.launch.run):
its output whole, its exit status, its exit functions run, and Python's own ending kept where
something still needs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

SUPPLIER = """\
apiVersion: resilint/v1
kind: Supplier
id: sup-one
name: One Ltd
tier: 3
status: active
owner: procurement
"""


def command(*args: str, cwd: Path, pycache: Path | None = None, code: str | None = None):  # type: ignore[no-untyped-def]
    """``python -m resilint ARGS`` (or ``code`` with ARGS as its sys.argv) in a new process, as
    the installed command runs: no resident server."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env |= {"PYTHONPATH": str(REPO), "RESILINT_NO_SERVER": "1"}
    if pycache is not None:
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    start = [sys.executable, "-c", code] if code else [sys.executable, "-m", "resilint"]
    return subprocess.run([*start, *args], cwd=cwd, env=env, capture_output=True, timeout=120)


def test_the_command_ends_with_its_whole_output_and_status(tmp_path: Path) -> None:
    """A large report through a pipe arrives whole, with the status a run through ``main``
    (which ends as Python ends) gives: the defects example fails with errors (2)."""
    example = REPO / "examples" / "defects"
    fast = command("check", str(example), "--format", "json", "--no-cache", cwd=tmp_path)
    slow = command(
        "check",
        str(example),
        "--format",
        "json",
        "--no-cache",
        cwd=tmp_path,
        code="import sys; sys.argv[0] = 'resilint'; from resilint.launch import main; main()",
    )
    assert fast.returncode == slow.returncode == 2
    assert len(fast.stdout) > 50_000
    assert json.loads(fast.stdout) == json.loads(slow.stdout)
    assert fast.stderr == slow.stderr
    (tmp_path / "suppliers").mkdir()
    (tmp_path / "suppliers" / "one.yaml").write_text(SUPPLIER, encoding="utf-8")
    clean = command("check", ".", "--no-cache", cwd=tmp_path)
    assert clean.returncode == 0, clean.stderr
    assert b"no findings" in clean.stdout
    usage = command("check", "--no-such-option", cwd=tmp_path)
    assert usage.returncode == 2
    assert b"No such option" in usage.stderr


def test_the_command_runs_its_exit_functions_before_it_ends(tmp_path: Path) -> None:
    """What a run keeps for the next start is written at exit (the dataclasses' compiled code
    beside resilint's bytecode): ending early still writes it."""
    (tmp_path / "suppliers").mkdir()
    (tmp_path / "suppliers" / "one.yaml").write_text(SUPPLIER, encoding="utf-8")
    pycache = tmp_path / "pycache"
    done = command("check", "suppliers", "--no-cache", cwd=tmp_path, pycache=pycache)
    assert done.returncode == 0, done.stderr
    kept = list(pycache.rglob("dataclasses.*.code"))
    assert kept, "the dataclasses' code was not kept"
    assert kept[0].stat().st_size > 10_000


@pytest.mark.parametrize(
    ("ending", "status", "said"),
    [
        ("raise SystemExit('stopped by the caller')", 1, b"stopped by the caller"),
        ("raise SystemExit(3)", 3, b""),
        ("raise SystemExit(None)", 0, b""),
        ("raise SystemExit(True)", 1, b""),
    ],
)
def test_exit_codes_end_as_python_ends_them(
    tmp_path: Path, ending: str, status: int, said: bytes
) -> None:
    """A SystemExit of a message, a number, None or a bool ends with the status and words
    Python gives it."""
    code = (
        "import resilint.launch as launch\n"
        f"def _main():\n    {ending}\n"
        "launch._main = _main\n"
        "launch.run()\n"
    )
    done = command(cwd=tmp_path, code=code)
    assert done.returncode == status
    assert said in done.stderr


def test_a_thread_still_running_is_waited_for(tmp_path: Path) -> None:
    """With another thread running (a program's, or a plug-in's), the process ends as Python
    ends it: the thread's work is done before the process goes."""
    marker = tmp_path / "done.txt"
    code = (
        "import threading, time, sys\n"
        "from pathlib import Path\n"
        f"marker = Path({str(marker)!r})\n"
        "def work():\n    time.sleep(0.3)\n    marker.write_text('done')\n"
        "threading.Thread(target=work).start()\n"
        "sys.argv = ['resilint', '--version']\n"
        "from resilint.launch import run\n"
        "run()\n"
    )
    done = command(cwd=tmp_path, code=code)
    assert done.returncode == 0, done.stderr
    assert b"version" in done.stdout
    assert marker.read_text() == "done"


def test_output_to_a_reader_that_left_ends_as_before(tmp_path: Path) -> None:
    """A reader that stops reading (``| head -c 10``) ends the run as it ended through
    ``main``: the same status, no traceback."""
    example = REPO / "examples" / "defects"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env |= {"PYTHONPATH": str(REPO), "RESILINT_NO_SERVER": "1"}
    through_main = "import sys; sys.argv[0] = 'resilint'; from resilint.launch import main; main()"
    statuses = []
    for start in (f"{sys.executable} -m resilint", f'{sys.executable} -c "{through_main}"'):
        shell = (
            f"{start} check {example} --format json --no-cache | head -c 10 >/dev/null;"
            " echo status=${PIPESTATUS[0]}"
        )
        done = subprocess.run(
            ["bash", "-c", shell], cwd=tmp_path, env=env, capture_output=True, timeout=120
        )
        assert b"Traceback" not in done.stderr
        statuses.append(done.stdout.strip())
    assert statuses[0] == statuses[1]
    assert statuses[0] in (b"status=2", b"status=141")
