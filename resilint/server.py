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
caller's side uses only what Python has loaded at start-up, ``socket`` and ``marshal``.
"""

from __future__ import annotations

import os
import sys

from resilint.userdir import user_directory

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
_READY_SECONDS = 10.0
"""How long the caller waits for the server to take its command before running it itself;
the server drops a caller that has not sent it, or said go, in as long."""
_FORWARDED = ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT")
"""Signals the caller passes on to its run (and the processes the run started)."""
_INTERNAL = 4
"""resilint's exit status for a defect of its own (:class:`resilint.errors.ExitCode`)."""


def supported() -> bool:
    return sys.platform.startswith("linux")


def _identity() -> list[str]:
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
    current directory off already, as :func:`_served_path` does for the server): a run needs
    the caller's, or a plug-in it would import (``PYTHONPATH``, the user's site-packages) is
    missing from the run, or another one is in it."""
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    first = spec is None and not getattr(sys.flags, "safe_path", False)
    return sys.path[1:] if first else list(sys.path)


def _served_path() -> list[str]:
    """The server's own :func:`_module_path`: ``python -m resilint.server`` puts the directory
    it starts in first."""
    return sys.path[0 if getattr(sys.flags, "safe_path", False) else 1 :]


def socket_path() -> str:
    """The socket of this installation's server (one per Python and resilint)."""
    import binascii  # the same crc32 as zlib's, in a module that loads in half the time

    name = "\x00".join(_identity()).encode("utf-8", "surrogateescape")
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

    ignored = [n for n in _FORWARDED if signal.getsignal(getattr(signal, n)) is signal.SIG_IGN]
    try:
        connected = _connect({"argv": argv, "program": _program(), "ignored": ignored}, path)
    except KeyboardInterrupt:  # before the run was taken: nothing runs there (no go was said)
        os.write(2, b"resilint: interrupted\n")
        return 130
    if connected is None:
        return None
    client, reply, group = connected
    return _run_there(client, reply, group, [n for n in _FORWARDED if n not in ignored])


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
        client.settimeout(_READY_SECONDS)
        client.connect(path)
        if _peer(client)[1] != os.getuid():  # a server of another user: told nothing
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


def _peer(connection: Any) -> tuple[int, int, int]:
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
            "identity": _identity(),
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
    while time.monotonic() < deadline:
        running = status()
        if running is not None:
            return running[0], "" if process.poll() is None else "running"
        if process.poll() not in (None, 0):  # it failed (0: another start's server runs)
            break
        time.sleep(0.02)
    return None, f"it did not start (see {log})"


# The server's side ----------------------------------------------------------------------------


def serve(path: str, idle_minutes: float) -> None:
    """Listen on ``path`` until ``idle_minutes`` pass without a command, or a stop. One server
    a socket: it holds a lock beside it for its life, and leaves quietly when another does."""
    import fcntl
    import signal
    import socket
    import time

    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
    lock = os.open(path.removesuffix(".sock") + ".lock", flags, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return  # another server of this installation runs, or is starting
    served_path = _served_path()  # as started: before anything imported could change it
    _preload()
    code = _code_now()
    if os.path.lexists(path):  # left by a server that was killed: none holds the lock
        os.unlink(path)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o177)
    try:
        listener.bind(path)
    finally:
        os.umask(old)
    listener.listen(64)
    listener.settimeout(max(idle_minutes * 60, 1.0))  # 0 would not wait at all
    bound = os.stat(path)
    server = os.getpid()

    def stop(_number: int = 0, _frame: object = None) -> None:
        try:  # only the socket this server made
            now = os.stat(path)
            if (now.st_dev, now.st_ino) == (bound.st_dev, bound.st_ino):
                os.unlink(path)
        except OSError:
            pass
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children reaped by the system
    served = 0
    while True:
        try:
            connection, _ = listener.accept()
        except TimeoutError:
            stop()
        except OSError:  # out of descriptors, say: wait, and serve the next caller
            time.sleep(0.1)
            continue
        served += 1
        try:
            child = os.fork()
        except OSError:
            connection.close()  # the caller runs its command itself
            continue
        if child == 0:
            os.close(lock)
            listener.close()
            _child(connection, code, served, server, served_path)
        connection.close()


def _preload() -> None:
    """Import what commands need, so that each run finds it loaded."""
    import contextlib
    import importlib

    import resilint.cli  # noqa: F401
    from resilint.reporters import REPORTERS  # noqa: F401
    from resilint.rules.builtin import PYTHON_CHECKS

    for check in PYTHON_CHECKS.values():
        getattr(check, "check", None)
    for module in (
        "jsonschema_rs",
        "yaml",
        "resilint.load.compose",
        "resilint.remedies",
        "resilint.rules.compiler",
    ):
        with contextlib.suppress(ImportError):  # jsonschema-rs: a platform without its wheel
            importlib.import_module(module)


def _code_now() -> str:
    """resilint's code, and the stat of the directories its packages come from: a package
    installed, upgraded or removed there changes it."""
    import importlib

    from resilint.cache_setup import code_fingerprint

    places = set()
    for name in ("click", "yaml", "yaml_rs", "jsonschema_rs", "ruamel.yaml", "jsonschema"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        where = getattr(module, "__file__", None)
        if where:
            places.add(os.path.dirname(os.path.dirname(os.path.realpath(where))))
    stats = []
    for place in sorted(places):
        try:
            found = os.stat(place)
            stats.append(f"{place}:{found.st_mtime_ns}:{found.st_ino}")
        except OSError:
            stats.append(f"{place}:gone")
    return "\x00".join([str(code_fingerprint()), *stats])


def _same_context(pid: int) -> bool:
    """Whether the caller runs as this process does: the same groups, mount namespace,
    security label, ``no_new_privs`` and seccomp mode (a sandboxed process of the same user
    differs in one of them). Anything that cannot be read counts as a difference."""

    def facts(who: str) -> tuple[str, ...]:
        with open(f"/proc/{who}/status", encoding="ascii", errors="replace") as status:
            fields = dict(line.split(":", 1) for line in status if ":" in line)
        label = ""
        try:
            with open(f"/proc/{who}/attr/current", encoding="ascii", errors="replace") as attr:
                label = attr.read().strip("\x00\n ")
        except OSError:
            label = "?"
        return (
            fields.get("Groups", "").strip(),
            fields.get("NoNewPrivs", "").strip(),
            fields.get("Seccomp", "").strip(),
            os.readlink(f"/proc/{who}/ns/mnt"),
            label,
        )

    if pid <= 0:  # in another pid namespace
        return False
    try:
        return facts(str(pid)) == facts("self")
    except (OSError, ValueError):
        return False


def _child(connection: Any, code: str, served: int, server: int, path: list[str]) -> None:
    """One request, in a fork of the server: exits the process. A command of a caller that
    imports modules from elsewhere (``path``) is left to the caller."""
    import contextlib
    import signal

    global SERVING
    SERVING = True
    for number in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)

    def stop_server() -> None:
        if os.getppid() == server:  # never another process that took the server's place
            os.kill(server, signal.SIGTERM)

    try:
        connection.settimeout(_READY_SECONDS)  # a caller that stops sending leaves no process
        pid, uid, gid = _peer(connection)
        if uid != os.getuid() or gid != os.getgid() or not _same_context(pid):
            os._exit(0)  # told nothing: the caller runs its command itself
        request, fds = _receive(connection)
        if request is None or request.get("identity") != _identity():
            connection.sendall(b"stale\n")
            os._exit(0)
        if _code_now() != code:  # resilint or its packages changed: stop serving
            connection.sendall(b"stale\n")
            stop_server()
            os._exit(0)
        if request.get("control") == "status":
            connection.sendall(f"ready 0\nstatus {server} {served}\n".encode())
            os._exit(0)
        if request.get("control") == "stop":
            connection.sendall(b"ready 0\n")
            stop_server()
            os._exit(0)
        if request.get("path") != path:
            connection.sendall(b"stale\n")
            os._exit(0)
        _set_up(request, fds)
    except BaseException:
        with contextlib.suppress(OSError):
            connection.sendall(b"refused\n")
        os._exit(0)
    status = _INTERNAL
    try:
        connection.sendall(f"ready {os.getpid()}\n".encode())
        if connection.recv(3) != b"go\n":
            os._exit(0)  # the caller gave up waiting and runs its command itself
        connection.settimeout(None)
        _watch(connection)
        status = _run(request)
    except BaseException:
        status = _INTERNAL
    with contextlib.suppress(OSError):
        connection.sendall(f"exit {status}\n".encode())
    os._exit(0)


def _receive(connection: Any) -> tuple[dict[str, Any] | None, list[int]]:
    import array
    import marshal
    import socket

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
    try:
        request = marshal.loads(bytes(body))
    except (EOFError, ValueError, TypeError):
        return None, list(fds)
    return (request if isinstance(request, dict) else None), list(fds)


def _set_up(request: dict[str, Any], fds: list[int]) -> None:
    """This process made the caller's: its descriptors, directory, umask, environment, time
    zone, streams and ignored signals, in a process group of its own (what the caller's
    signals reach). Raises when any of it cannot be done."""
    import signal
    import time

    os.fchdir(fds[3])
    os.close(fds[3])
    for target, fd in zip((0, 1, 2), fds[:3], strict=True):
        os.dup2(fd, target)
        os.close(fd)
    os.umask(int(request["umask"]))
    os.environ.clear()
    os.environ.update({str(k): str(v) for k, v in request["environ"].items()})
    time.tzset()  # today is the caller's: its TZ, not the server's
    streams = request.get("streams") or [[None, None, False, False]] * 3
    sys.stdin = _stream(0, "r", streams[0])
    sys.stdout = _stream(1, "w", streams[1])
    sys.stderr = _stream(2, "w", streams[2])
    for name in request.get("ignored") or ():
        if name in _FORWARDED:
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    os.setpgid(0, 0)


def _watch(connection: Any) -> None:
    """End the run, and every process it started, when the caller goes away (killed, its
    terminal closed): what ending the caller would have done to a run of its own."""
    import signal
    import threading

    def watch() -> None:
        try:
            gone = connection.recv(1) == b""
        except OSError:
            gone = True
        if gone:
            os.killpg(0, signal.SIGHUP)

    threading.Thread(target=watch, daemon=True).start()


def _stream(fd: int, mode: str, caller: list[Any]) -> TextIO:
    """A text stream on the caller's descriptor, as the caller's Python made its own: the same
    encoding, error handler and buffering."""
    import codecs
    import io

    encoding, errors, line_buffering, write_through = (list(caller) + [None] * 4)[:4]
    try:
        codecs.lookup(encoding or "")
    except LookupError:
        encoding = "utf-8"
    return io.TextIOWrapper(
        io.FileIO(fd, mode, closefd=False),
        encoding=encoding,
        errors=errors or "strict",
        line_buffering=bool(line_buffering),
        write_through=bool(write_through),
    )


def _run(request: dict[str, Any]) -> int:
    """The command line, run as the ``resilint`` command runs it; its exit status."""
    import contextlib
    import traceback

    argv = [str(a) for a in request["argv"]]
    program = str(request.get("program") or "resilint")
    sys.argv = [program, *argv]
    from resilint.app import ends_process
    from resilint.cli import main

    ends_process()  # as the command line does: the process ends with the command
    try:
        main(args=argv, prog_name=program)
        status: object = 0
    except SystemExit as exc:
        status = exc.code
    except BaseException:  # as Python reports an exception nothing caught: its traceback
        traceback.print_exc()
        status = 1
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
