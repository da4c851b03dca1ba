"""The resident server's side (:mod:`resilint.server` is the caller's): it listens on the
socket, and for each command forks a child that checks the caller is the same user in the same
context, becomes the caller (its descriptors, directory, umask, environment), runs the command
as a new process would and sends back the exit status.

Started as ``python -m resilint.serving SOCKET IDLE_MINUTES`` by ``resilint server start``;
no command imports it, so the caller's side that every command loads stays small.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

from resilint import server as server_module
from resilint.server import (
    FDS,
    FORWARDED,
    INTERNAL,
    MAX_REQUEST,
    READY_SECONDS,
    path_served,
    peer_of,
    socket_identity,
)

if TYPE_CHECKING:
    from typing import TextIO


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
    served_path = path_served()  # as started: before anything imported could change it
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

    server_module.SERVING = True
    for number in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)

    def stop_server() -> None:
        if os.getppid() == server:  # never another process that took the server's place
            os.kill(server, signal.SIGTERM)

    try:
        connection.settimeout(READY_SECONDS)  # a caller that stops sending leaves no process
        pid, uid, gid = peer_of(connection)
        if uid != os.getuid() or gid != os.getgid() or not _same_context(pid):
            os._exit(0)  # told nothing: the caller runs its command itself
        request, fds = _receive(connection)
        if request is None or request.get("identity") != socket_identity():
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
    status = INTERNAL
    try:
        connection.sendall(f"ready {os.getpid()}\n".encode())
        if connection.recv(3) != b"go\n":
            os._exit(0)  # the caller gave up waiting and runs its command itself
        connection.settimeout(None)
        _watch(connection)
        status = _run(request)
    except BaseException:
        status = INTERNAL
    with contextlib.suppress(OSError):
        connection.sendall(f"exit {status}\n".encode())
    os._exit(0)


def _receive(connection: Any) -> tuple[dict[str, Any] | None, list[int]]:
    import array
    import marshal
    import socket

    fds = array.array("i")
    header, ancillary, _flags, _ = connection.recvmsg(8, socket.CMSG_LEN(FDS * fds.itemsize))
    for level, kind, data in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds.frombytes(data[: len(data) - (len(data) % fds.itemsize)])
    size = int.from_bytes(header, "big") if len(header) == 8 else -1
    if len(fds) != FDS or not 0 <= size <= MAX_REQUEST:
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
        if name in FORWARDED:
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
    """``python -m resilint.serving SOCKET IDLE_MINUTES``, as :func:`resilint.server.start`
    runs it."""
    if len(argv) != 2:
        sys.exit(
            "usage: python -m resilint.serving SOCKET IDLE_MINUTES (see: resilint server start)"
        )
    serve(argv[0], float(argv[1]))


if __name__ == "__main__":
    main(sys.argv[1:])
