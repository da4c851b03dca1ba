"""The resident server: resilint loaded once, each command run in a fresh copy of it.

A check of one changed file takes about twenty milliseconds of work and a hundred of starting
Python and importing resilint. ``resilint server start`` keeps a process of this installation
with everything imported; a ``resilint`` command started while it runs hands it the command
line, the working directory, the environment, the umask and its standard input, output and
error (the descriptors themselves, over a Unix socket), and the server forks: the child runs
the command exactly as a new process would, writing to the caller's terminal or pipe, and
sends back the exit status. Nothing of one run is left for the next: every run starts from
the process as it was after the imports.

Only the same user is served (the socket sits in the user's own 0700 directory, beside the
cache's secret, and the peer's uid is checked); only the same installation (the Python
executable and resilint's directory name the socket, and resilint's code is compared at each
run: after an upgrade the server stops and the command runs as it would without it). Linux
only (peer credentials, descriptor passing, fork). ``RESILINT_NO_SERVER=1`` bypasses it.

This module is imported by every ``resilint`` command before anything else of resilint: the
caller's side uses only what Python has loaded at start-up and ``socket``.
"""

from __future__ import annotations

import os
import sys

# This module runs before every command: it imports only what Python has loaded at start-up,
# and the socket's modules (os.path, not pathlib; marshal, not json; not even typing).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TextIO

SERVING = False
"""Whether this process is a run of the server's (a command it runs)."""
IDLE_MINUTES = 30.0
"""The server stops after this long without a command."""
_MAX_REQUEST = 64 * 1024 * 1024
"""A command line of a pre-commit run names every changed file: generous, yet bounded."""
_FDS = 4  # standard input, output, error and the working directory
_REQUEST_SECONDS = 30.0
"""A caller that has not sent its whole request by then is dropped (its run's process ends)."""
_INTERNAL = 4
"""resilint's exit status for a defect of its own (:class:`resilint.errors.ExitCode`)."""


def supported() -> bool:
    return sys.platform.startswith("linux")


def _directory() -> str:
    """Where the user's cache secret is kept (``$XDG_CACHE_HOME/resilint``, else
    ``~/.cache/resilint``; a relative XDG_CACHE_HOME is ignored, as the specification says)."""
    configured = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(configured):
        return os.path.join(configured, "resilint")
    home = os.path.expanduser("~")
    if not os.path.isabs(home):
        raise KeyError("HOME")  # no home directory: no server
    return os.path.join(home, ".cache", "resilint")


def _identity() -> list[str]:
    """This installation: its Python, its environment (a virtual environment's packages) and
    resilint's directory."""
    return [
        os.path.realpath(sys.executable),
        os.path.realpath(sys.prefix),
        os.path.dirname(os.path.realpath(__file__)),
    ]


def socket_path() -> str:
    """The socket of this installation's server (one per Python and resilint)."""
    import zlib

    name = "\x00".join(_identity()).encode("utf-8", "surrogateescape")
    return os.path.join(_directory(), f"server-{zlib.crc32(name):08x}.sock")


def ask(argv: list[str]) -> int | None:
    """Run ``argv`` on this installation's server: its exit status, or None when no server
    took the command (none runs, or resilint changed since it started), to run it here."""
    if os.environ.get("RESILINT_NO_SERVER") or not supported():
        return None
    connected = _connect({"argv": argv, "program": sys.argv[0]})
    if connected is None:
        return None
    client, reply, child = connected
    return _wait(client, reply, child)


def _connect(request: dict[str, Any]) -> tuple[Any, Any, int] | None:
    """Connected, the request sent and the run started: the socket, its replies and the pid
    of the run; None when no server took it (nothing was run)."""
    try:
        path = socket_path()
        if not os.path.exists(path):
            return None
    except (RuntimeError, KeyError, OSError):  # no home directory
        return None
    import socket

    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        client.connect(path)
        if _peer_uid(client) != os.getuid():  # a server of another user: told nothing
            client.close()
            return None
        _send(client, request)
        reply = client.makefile("rb")
        started = reply.readline()
        child = int(started.split()[1]) if started.startswith(b"pid ") else 0
    except (OSError, ValueError, IndexError):
        child = 0
    if child <= 0:  # refused, or another version of resilint: nothing was run
        client.close()
        return None
    return client, reply, child


def _peer_uid(connection: Any) -> int:
    """The uid of the process at the other end of a Unix socket (Linux: SO_PEERCRED)."""
    import socket
    import struct

    credentials = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12)
    return int(struct.unpack("3i", credentials)[1])


def _send(client: Any, request: dict[str, Any]) -> None:
    import array
    import marshal
    import socket

    umask = os.umask(0)
    os.umask(umask)
    streams = [
        [getattr(stream, "encoding", None), getattr(stream, "errors", None)]
        for stream in (sys.stdin, sys.stdout, sys.stderr)
    ]
    body = marshal.dumps(
        {
            **request,
            "environ": dict(os.environ),
            "umask": umask,
            "identity": _identity(),
            "streams": streams,
        }
    )
    cwd = os.open(".", os.O_RDONLY | os.O_DIRECTORY)
    try:
        fds = array.array("i", [0, 1, 2, cwd])
        header = len(body).to_bytes(8, "big")
        client.sendmsg([header], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, fds)])
        client.sendall(body)
    finally:
        os.close(cwd)


def _wait(client: Any, reply: Any, child: int) -> int:
    """The run's exit status; Ctrl-C here interrupts the run there, as it would here."""
    import signal

    def interrupt(number: int, _frame: object) -> None:
        try:  # noqa: SIM105 - contextlib is not loaded yet
            os.kill(child, number)
        except OSError:
            pass  # the run has ended

    signal.signal(signal.SIGINT, interrupt)
    signal.signal(signal.SIGTERM, interrupt)
    try:
        line = reply.readline()
    except OSError:
        line = b""
    finally:
        client.close()
    if line.startswith(b"exit "):
        return int(line.split()[1])
    os.write(2, b"resilint: the resident server's run ended without an exit status\n")
    return _INTERNAL


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
    return (int(words[2]), int(words[3])) if len(words) == 4 else None


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
    """Start this installation's server unless one runs: its pid, or None and why not.
    Without ``wait``, it is left to start in the background (None, "")."""
    if not supported():
        return None, "the resident server runs on Linux only"
    running = status()
    if running is not None:
        return running[0], ""
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
    if os.path.lexists(path):  # a server that ended without removing it
        os.unlink(path)
    import subprocess
    import time

    log = path[: -len(".sock")] + ".log"  # what the server says, should it fail
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    try:
        errors = os.open(log, flags, 0o600)
    except OSError as exc:
        return None, f"cannot write its log {log} ({exc.strerror})"
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "resilint.server", path, repr(float(idle_minutes))],
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
    while time.monotonic() < deadline and process.poll() is None:
        running = status()
        if running is not None:
            return running[0], ""
        time.sleep(0.02)
    return None, f"it did not start (see {log})"


# The server's side ---------------------------------------------------------------------------


def serve(path: str, idle_minutes: float) -> None:
    """Listen on ``path`` until ``idle_minutes`` pass without a command, or a stop."""
    import signal
    import socket

    _preload()
    code = _code_now()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o177)
    try:
        listener.bind(path)
    finally:
        os.umask(old)
    listener.listen(64)
    listener.settimeout(idle_minutes * 60)
    bound = os.stat(path)

    def stop(_number: int = 0, _frame: object = None) -> None:
        try:  # only the socket this server made: a later server may have replaced it
            now = os.stat(path)
            if (now.st_dev, now.st_ino) == (bound.st_dev, bound.st_ino):
                os.unlink(path)
        except OSError:
            pass
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children reaped by the system
    served = 0
    while True:
        try:
            connection, _ = listener.accept()
        except TimeoutError:
            stop()
        except InterruptedError:  # pragma: no cover - a signal without a handler's exit
            continue
        served += 1
        if os.fork() == 0:
            listener.close()
            _child(connection, code, served)
        connection.close()


def _preload() -> None:
    """Import what commands need, so that each run finds it loaded."""
    import resilint.cli  # noqa: F401
    from resilint.reporters import REPORTERS  # noqa: F401
    from resilint.rules.builtin import PYTHON_CHECKS

    for check in PYTHON_CHECKS.values():
        getattr(check, "check", None)
    import contextlib
    import importlib

    for module in ("jsonschema_rs", "yaml", "resilint.load.compose", "resilint.remedies"):
        with contextlib.suppress(ImportError):  # jsonschema-rs: a platform without its wheel
            importlib.import_module(module)


def _code_now() -> str:
    from resilint.app import code_fingerprint

    return str(code_fingerprint())


def _child(connection: Any, code: str, served: int) -> None:
    """One command, in a fork of the server: exits the process."""
    import contextlib
    import signal

    for number in (signal.SIGCHLD, signal.SIGTERM):
        signal.signal(number, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    global SERVING
    SERVING = True
    status = _INTERNAL
    try:
        request, fds = _receive(connection)
        if request is None or request.get("identity") != _identity() or _code_now() != code:
            if request is not None and request.get("identity") == _identity():
                os.kill(os.getppid(), signal.SIGTERM)  # resilint changed: stop serving
            connection.sendall(b"stale\n")
            os._exit(0)
        if request.get("control") == "status":
            connection.sendall(f"pid {os.getpid()}\nexit 0 {os.getppid()} {served}\n".encode())
            os._exit(0)
        if request.get("control") == "stop":
            connection.sendall(f"pid {os.getpid()}\nexit 0\n".encode())
            os.kill(os.getppid(), signal.SIGTERM)
            os._exit(0)
        connection.sendall(f"pid {os.getpid()}\n".encode())
        status = _run(request, fds)
    except BaseException:
        status = _INTERNAL
    with contextlib.suppress(OSError):
        connection.sendall(f"exit {status}\n".encode())
    os._exit(0)


def _receive(connection: Any) -> tuple[dict[str, Any] | None, list[int]]:
    import array
    import marshal
    import socket

    if _peer_uid(connection) != os.getuid():
        return None, []
    connection.settimeout(_REQUEST_SECONDS)  # a caller that stops sending leaves no process
    fds = array.array("i")
    header, ancillary, _flags, _ = connection.recvmsg(8, socket.CMSG_LEN(_FDS * fds.itemsize))
    for level, kind, data in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds.frombytes(data[: len(data) - (len(data) % fds.itemsize)])
    size = int.from_bytes(header, "big") if len(header) == 8 else -1
    if len(fds) != _FDS or not 0 <= size <= _MAX_REQUEST:
        return None, list(fds)
    body = bytearray()
    while len(body) < size:
        chunk = connection.recv(min(size - len(body), 1 << 20))
        if not chunk:
            return None, list(fds)
        body += chunk
    connection.settimeout(None)
    try:
        request = marshal.loads(bytes(body))
    except (EOFError, ValueError, TypeError):
        return None, list(fds)
    return (request if isinstance(request, dict) else None), list(fds)


def _stream(fd: int, mode: str, caller: list[str | None]) -> TextIO:
    """A text stream on the caller's descriptor, as its own Python made it (the encoding and
    error handler it reported), line by line on a terminal."""
    import codecs
    import io

    encoding, errors = caller
    try:
        codecs.lookup(encoding or "")
    except LookupError:
        encoding = "utf-8"
    return io.TextIOWrapper(
        io.FileIO(fd, mode, closefd=False),
        encoding=encoding,
        errors=errors or "strict",
        line_buffering=fd != 0 and os.isatty(fd),
        write_through=fd == 2,
    )


def _run(request: dict[str, Any], fds: list[int]) -> int:
    """The command, as a new process would run it: the caller's descriptors, directory,
    umask, environment and command line."""
    import contextlib

    for target, fd in zip((0, 1, 2), fds[:3], strict=True):
        os.dup2(fd, target)
        os.close(fd)
    os.fchdir(fds[3])
    os.close(fds[3])
    os.umask(int(request["umask"]))
    os.environ.clear()
    os.environ.update({str(k): str(v) for k, v in request["environ"].items()})
    import time

    time.tzset()  # today is the caller's: its TZ, not the server's
    streams = request.get("streams") or [[None, None]] * 3
    sys.stdin = _stream(0, "r", streams[0])
    sys.stdout = _stream(1, "w", streams[1])
    sys.stderr = _stream(2, "w", streams[2])
    argv = [str(a) for a in request["argv"]]
    program = os.path.basename(str(request.get("program") or "resilint"))
    sys.argv = [program, *argv]
    from resilint.app import ends_process
    from resilint.cli import main

    ends_process()  # as the command line does: the process ends with the command
    try:
        main(args=argv, prog_name=program)
        status: object = 0
    except SystemExit as exc:
        status = exc.code
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
    if status is None:
        return 0
    if isinstance(status, int):
        return status
    print(status, file=sys.stderr)
    return 1


def main(argv: list[str]) -> None:
    """``python -m resilint.server SOCKET IDLE_MINUTES``, as :func:`start` runs it."""
    if len(argv) != 2:
        sys.exit(
            "usage: python -m resilint.server SOCKET IDLE_MINUTES (see: resilint server start)"
        )
    serve(argv[0], float(argv[1]))


if __name__ == "__main__":
    from resilint import server  # the module as the commands import it: one copy of its state

    server.main(sys.argv[1:])
