"""The ``resilint`` command: handed to this installation's resident server when one runs
(:mod:`resilint.server`, started with ``resilint server start``), else run in this process."""

from __future__ import annotations

import gc
import sys


def run() -> None:
    """The ``resilint`` command as installed (and ``python -m resilint``): :func:`main`, and the
    process ends as soon as the command has: its output flushed, its exit functions run (the
    compiled code and patterns kept for the next start among them), then ``os._exit``. Python's
    own ending would then take apart what the command loaded (modules, interned texts, type
    caches, memory), which a process about to end has no use for: 1.4 % of a one-file check's
    instructions, and the system's time to hand the memory back. Where anything could
    still need that ending (another thread running, output that cannot be flushed, an exit code
    that is not a number), the process ends as Python ends it. A program calling resilint in
    its own process calls :func:`main`, which returns (or raises ``SystemExit``) as before."""
    try:
        main()
        code: object = 0
    except SystemExit as done:
        code = done.code
        _end(code)
        raise
    _end(code)
    sys.exit(0)


def _end(code: object) -> None:
    """End the process now with ``code`` (None is 0), unless Python's own ending is needed."""
    status = 0 if code is None else code
    if not isinstance(status, int):  # a message to print: SystemExit("...")
        return
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return  # Python waits for the others at its end
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):  # a reader gone, a stream closed: as Python says it
        return
    import atexit
    import os

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):  # anything an exit function said
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(status & 0xFF)


def main() -> None:
    try:
        _main()
    except KeyboardInterrupt:  # while resilint's modules load, before a command guards its run
        _interrupted()
    except RuntimeError as exc:  # Python 3.11 wraps one raised in a class's making (a dataclass
        if not from_interrupt(exc):  # field's __set_name__) in "Error calling __set_name__"
            raise
        _interrupted()
    except BaseException as exc:  # a Rust extension's panic at an interrupt (jsonschema_rs,
        if not _panicked_at_interrupt(exc):  # importing Python's decimal when Ctrl-C lands)
            raise
        _interrupted()


def _interrupted() -> None:
    sys.stderr.write("resilint: interrupted\n")
    sys.exit(130)


def _panicked_at_interrupt(exc: BaseException) -> bool:
    """Whether ``exc`` is a Rust extension's panic (pyo3's PanicException, a BaseException)
    that a KeyboardInterrupt caused: the panic carries it only in its message."""
    return type(exc).__name__ == "PanicException" and "KeyboardInterrupt" in str(exc)


def from_interrupt(exc: BaseException) -> bool:
    """Whether a KeyboardInterrupt caused ``exc``, directly or down its chain of causes (Python
    3.11 wraps one raised while a class is made in "Error calling __set_name__")."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def _main() -> None:
    argv = sys.argv[1:]
    if argv[:1] != ["server"]:
        from resilint.server import ask

        status = ask(argv)
        if status is not None:
            sys.exit(status)
    # While resilint's modules load, the cycle collector would pass over their objects again
    # and again (each class, function and module dict is in a cycle that lives as long as the
    # program): 4 % of a one-file check's instructions. A check runs with it paused to the end
    # (it pauses it while documents are loaded and checked, and the process then ends); any
    # other command resumes it, what was loaded set aside for good (gc.freeze: passes skip it).
    gc.disable()
    from resilint import startup  # noqa: F401 - before the rest, as in resilint.cli
    from resilint.check_line import plain
    from resilint.command import run_plain

    args = plain(argv)
    if args is not None:  # check or the hook as CI and pre-commit run them: no click needed
        run_plain(args)
    from resilint.cli import main as run

    _loaded()
    run()


def _loaded() -> None:
    gc.freeze()
    gc.enable()
