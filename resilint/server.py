"""The resident server: resilint loaded once, each command run in a fresh copy of it.

A check of one changed file takes about twenty milliseconds of work and a hundred of starting
Python and importing resilint. ``resilint server start`` keeps a process of this installation
with everything imported; a ``resilint`` command started while it runs hands it the command
line, the working directory, the environment, the umask and its standard input, output and
error (the descriptors themselves, over a Unix socket), and the server forks: the child runs
the command exactly as a new process would, writing to the caller's terminal or pipe, and
sends back the exit status. Nothing of one run is left for the next: every run starts from
the process as it was after the imports.

Only the same user in the same context is served: the socket sits in the user's own 0700
directory, beside the cache's secret; the caller checks the server's user id, and the server
the caller's user and group ids, groups, mount namespace, security label, ``no_new_privs`` and
seccomp mode (a sandboxed process of the same user is refused, and runs the command itself).
Only the same installation: the Python executable, its environment and resilint's directory
name the socket, and resilint's code and its environment's packages are compared at each run
(after an upgrade the server stops and the command runs as it would without it). A run that
cannot be set up as the caller's (a closed standard descriptor, a directory the server may not
enter) is refused before anything runs, and the caller runs it itself. Signals the caller gets
(Ctrl-C, a hang-up, a termination) reach the run and the processes it started, and a caller
that goes away takes its run with it. Linux only (peer credentials, descriptor passing, fork).
``RESILINT_NO_SERVER=1`` bypasses it.

This module is imported by every ``resilint`` command before anything else of resilint: the
caller's side uses only what Python has loaded at start-up, ``socket`` and ``marshal``. The
server's side, which forks and runs the commands, is :mod:`resilint.serving`, loaded by the
server alone.
"""

from __future__ import annotations

import os
import sys

from resilint.userdir import user_directory

# This module runs before every command: it imports only what Python has loaded at start-up,
# and the socket's modules (os.path, not pathlib; marshal, not json; not even typing).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SERVING = False
"""Whether this process is a run of the server's (a command it runs)."""
IDLE_MINUTES = 30.0
"""The server stops after this long without a command."""
MAX_REQUEST = 64 * 1024 * 1024
"""A command line of a pre-commit run names every changed file: generous, yet bounded."""
FDS = 4  # standard input, output, error and the working directory
READY_SECONDS = 10.0
"""How long the caller waits for the server to take its command before running it itself;
the server drops a caller that has not sent it, or said go, in as long."""
FORWARDED = ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT")
"""Signals the caller passes on to its run (and the processes the run started)."""
INTERNAL = 4
"""resilint's exit status for a defect of its own (:class:`resilint.errors.ExitCode`)."""


def supported() -> bool:
    return sys.platform.startswith("linux")


def socket_identity() -> list[str]:
    """This installation: its Python, its environment (a virtual environment's packages) and
    resilint's directory."""
    return [
        os.path.realpath(sys.executable),
        os.path.realpath(sys.prefix),
        os.path.dirname(os.path.realpath(__file__)),
    ]


def _module_path() -> list[str]:
    """Where this command imports modules from, less the entry Python puts first for the
    program itself (the ``resilint`` script's directory; ``python -m resilint`` has taken the
    current directory off already, as :func:`path_served` does for the server): a run needs
    the caller's, or a plug-in it would import (``PYTHONPATH``, the user's site-packages) is
    missing from the run, or another one is in it."""
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    first = spec is None and not getattr(sys.flags, "safe_path", False)
    return sys.path[1:] if first else list(sys.path)


def path_served() -> list[str]:
    """The server's own :func:`_module_path`: ``python -m resilint.serving`` puts the directory
    it starts in first."""
    return sys.path[0 if getattr(sys.flags, "safe_path", False) else 1 :]


def socket_path() -> str:
    """The socket of this installation's server (one per Python and resilint)."""
    import binascii  # the same crc32 as zlib's, in a module that loads in half the time

    name = "\x00".join(socket_identity()).encode("utf-8", "surrogateescape")
    return os.path.join(user_directory(), f"server-{binascii.crc32(name):08x}.sock")


def _program() -> str:
    """The command's name as click gives it (``resilint``, or ``python -m resilint``)."""
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    name = getattr(spec, "name", None)
    if isinstance(name, str) and name != "__main__":
        return f"python -m {name.removesuffix('.__main__')}"
    return os.path.basename(sys.argv[0]) or "resilint"


# The caller's side ----------------------------------------------------------------------------


def ask(argv: list[str]) -> int | None:
    """Run ``argv`` on this installation's server: its exit status, or None when no server
    took the command (none runs, it is of another version, or it could not set the run up as
    this process's), to run it here."""
    if os.environ.get("RESILINT_NO_SERVER") or not supported():
        return None
    try:
        for fd in (0, 1, 2):  # closed, its number would be taken by the socket: run here
            os.fstat(fd)
    except OSError:
        return None
    path = _socket_if_any()
    if path is None:  # no server runs: the usual case, decided before signal is imported
        return None
    import signal

    ignored = [n for n in FORWARDED if signal.getsignal(getattr(signal, n)) is signal.SIG_IGN]
    try:
        connected = _connect({"argv": argv, "program": _program(), "ignored": ignored}, path)
    except KeyboardInterrupt:  # before the run was taken: nothing runs there (no go was said)
        os.write(2, b"resilint: interrupted\n")
        return 130
    if connected is None:
        return None
    client, reply, group = connected
    return _run_there(client, reply, group, [n for n in FORWARDED if n not in ignored])


def _socket_if_any() -> str | None:
    """The server's socket when there is one (a server may run)."""
    try:
        path = socket_path()
        return path if os.path.exists(path) else None
    except (RuntimeError, KeyError, OSError):  # no home directory
        return None


def _connect(request: dict[str, Any], path: str | None = None) -> tuple[Any, Any, int] | None:
    """Connected, the request sent and taken: the socket, its replies and the run's process
    group (0 for a control request); None when no server took it (nothing was run)."""
    path = path or _socket_if_any()
    if path is None:
        return None
    import socket

    client = None
    try:
        client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        client.settimeout(READY_SECONDS)
        client.connect(path)
        if peer_of(client)[1] != os.getuid():  # a server of another user: told nothing
            client.close()
            return None
        _send(client, request)
        reply = client.makefile("rb")
        words = reply.readline().split()
        if words[:1] == [b"ready"] and len(words) == 2:
            return client, reply, int(words[1])
    except (OSError, ValueError):
        pass
    if client is not None:  # refused, another version of resilint, or no answer: nothing ran
        client.close()
    return None


def peer_of(connection: Any) -> tuple[int, int, int]:
    """pid, uid and gid of the process at the other end of a Unix socket (SO_PEERCRED)."""
    import socket
    import struct

    credentials = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12)
    pid, uid, gid = struct.unpack("3i", credentials)
    return int(pid), int(uid), int(gid)


def _send(client: Any, request: dict[str, Any]) -> None:
    import array
    import marshal
    import socket

    umask = os.umask(0)
    os.umask(umask)
    streams = [  # as this Python made them (encoding, errors, buffering), for the run's
        [
            getattr(stream, "encoding", None),
            getattr(stream, "errors", None),
            bool(getattr(stream, "line_buffering", False)),
            bool(getattr(stream, "write_through", False)),
        ]
        for stream in (sys.stdin, sys.stdout, sys.stderr)
    ]
    body = marshal.dumps(
        {
            **request,
            "environ": dict(os.environ),
            "umask": umask,
            "identity": socket_identity(),
            "path": _module_path(),
            "streams": streams,
        }
    )
    cwd = os.open(".", os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        fds = array.array("i", [0, 1, 2, cwd])
        header = len(body).to_bytes(8, "big")
        client.sendmsg([header], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, fds)])
        client.sendall(body)
    finally:
        os.close(cwd)


def _run_there(client: Any, reply: Any, group: int, forwarded: list[str]) -> int:
    """Say go, and wait for the run's exit status. A signal this process gets goes to the
    run's process group; if the run ends by it, this process ends by it too."""
    import signal

    received: list[int] = []

    def forward(number: int, _frame: object) -> None:
        received.append(number)
        try:  # noqa: SIM105 - contextlib is not loaded yet
            os.killpg(group, number)
        except OSError:
            pass  # the run has ended

    for name in forwarded:
        signal.signal(getattr(signal, name), forward)
    try:
        client.settimeout(None)
        client.sendall(b"go\n")
        line = reply.readline()
    except OSError:
        line = b""
    finally:
        client.close()
    words = line.split()
    if words[:1] == [b"exit"] and len(words) == 2:
        return int(words[1])
    if received:  # the run ended by the signal this process was sent: so does this process
        signal.signal(received[-1], signal.SIG_DFL)
        os.kill(os.getpid(), received[-1])
    os.write(2, b"resilint: the resident server's run ended without an exit status\n")
    return INTERNAL


def status() -> tuple[int, int] | None:
    """The running server's pid and how many requests it has taken (this one included), or
    None."""
    connected = _connect({"control": "status"})
    if connected is None:
        return None
    client, reply, _ = connected
    try:
        words = reply.readline().split()
    except OSError:
        words = []
    finally:
        client.close()
    return (int(words[1]), int(words[2])) if len(words) == 3 else None


def stop() -> int | None:
    """Stop the running server: its pid, or None when none runs."""
    running = status()
    if running is None:
        return None
    connected = _connect({"control": "stop"})
    if connected is not None:
        connected[0].close()
    return running[0]


def start(idle_minutes: float = IDLE_MINUTES, wait: bool = True) -> tuple[int | None, str]:
    """Start this installation's server unless one runs: its pid and "" (or "running" when it
    already ran), or None and why not. Without ``wait``, it is left to start in the
    background: (None, "")."""
    if not supported():
        return None, "the resident server runs on Linux only"
    running = status()
    if running is not None:
        return running[0], "running"
    try:
        path = socket_path()
        directory = os.path.dirname(path)
        os.makedirs(directory, mode=0o700, exist_ok=True)
        mode = os.stat(directory, follow_symlinks=False)
    except (RuntimeError, KeyError, OSError) as exc:
        return None, f"no directory to keep its socket in ({exc})"
    import stat

    if not stat.S_ISDIR(mode.st_mode) or mode.st_uid != os.getuid() or mode.st_mode & 0o077:
        return None, f"{directory} must be a directory of yours that only you can use (0700)"
    if len(os.fsencode(path)) >= 100:
        return None, f"the socket's path {path} is too long for a Unix socket"
    import subprocess
    import time

    log = path.removesuffix(".sock") + ".log"  # what the server says, should it fail
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        errors = os.open(log, flags, 0o600)
    except OSError as exc:
        return None, f"cannot write its log {log} ({exc.strerror})"
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "resilint.serving", path, repr(float(idle_minutes))],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            start_new_session=True,
            cwd=os.path.dirname(os.path.dirname(os.path.realpath(__file__))),
        )
    finally:
        os.close(errors)
    if not wait:
        return None, ""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        running = status()
        if running is not None:
            return running[0], "" if process.poll() is None else "running"
        if process.poll() not in (None, 0):  # it failed (0: another start's server runs)
            break
        time.sleep(0.02)
    return None, f"it did not start (see {log})"
