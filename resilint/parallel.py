"""The files and rules of a large repository read and evaluated by several processes at once
(Linux).

The model the rules read (documents, index, facts, dependency graph) is built once, by this
process; the others are forked from it and share it, copy on write, so nothing is sent to them.
Each takes the next rule from a shared counter, evaluates it, and sends back what it found
(pickled) as soon as it is done, and at its end the positions it computed (which the cache
keeps for the next run). This process, which takes rules from the counter too, reads what the
others sent after each rule of its own, so that taking their results in is spread over the run
rather than left to its end. The results are put in the rules' order, so a check's output is
the same whatever the number of processes, byte for byte. A process that fails (killed, out of
memory, results that cannot be read) costs only time: everything it sent is set aside and the
rules it took are evaluated here, as they would have been.

Reading the files is spread the same way (:func:`resilint.checker._read_files`): each process
reads and validates the next chunk of files and sends back their documents and findings, which
costs about a tenth of reading them. Elsewhere than Linux (where forking a process that has
imported system frameworks is unsafe, or impossible), and with a thread running, everything is
evaluated here.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar

from resilint.locate import Locator

_T = TypeVar("_T")

PARALLEL_FROM = 1000
"""Documents (for the rules) or files to read from which work is spread: below, forking costs
more than it saves."""
MOST_JOBS = 8
"""Processes at most when the number is not given (one per core)."""


def default_jobs() -> int:
    """One process per core this process may use (its CPU affinity, and a container's CPU
    quota: a CI job limited to two CPUs on a 64-core host gets two), at most :data:`MOST_JOBS`."""
    usable = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    cores = len(usable) if usable else (os.cpu_count() or 1)
    return max(1, min(cores, _quota(), MOST_JOBS))


def _quota(
    groups_file: Path = Path("/proc/self/cgroup"), groups: Path = Path("/sys/fs/cgroup")
) -> int:
    """The CPUs this process's cgroup v2 quota allows (``cpu.max`` of ``200000 100000`` is
    two, rounded up), or :data:`MOST_JOBS` where there is none (``max``) or no cgroup v2."""
    try:
        mine = groups_file.read_text(encoding="utf-8").splitlines()
        group = next(line[3:] for line in mine if line.startswith("0::"))
        limits = (groups / group.lstrip("/") / "cpu.max").read_text("ascii")
        quota, period = limits.split()[:2]
        return max(1, -(-int(quota) // int(period)))
    except (OSError, ValueError, StopIteration):
        return MOST_JOBS


def can_fork() -> bool:
    import threading  # this module is imported by every run, spread or not: imports kept light

    return sys.platform == "linux" and hasattr(os, "fork") and threading.active_count() == 1


Wire = tuple[Callable[[Any], Any], Callable[[Any], Any]]
"""How a unit's result travels from a worker: made into something pickled cheaply there, and
back into the result here (:func:`resilint.checker._read_files` sends documents in marshal,
which keeps their shared keys and texts shared: pickle makes a copy of each per chunk)."""


def evaluate_all(
    count: int,
    evaluate: Callable[[int], _T],
    jobs: int,
    locator: Locator | None,
    size: int,
    wire: Wire | None = None,
) -> list[_T]:
    """``[evaluate(0), ..., evaluate(count - 1)]``, on up to ``jobs`` processes when the work's
    ``size`` (documents, files) is enough for it to pay. The positions workers compute are
    added to ``locator``'s; a worker's results are sent through ``wire`` where given."""
    if jobs <= 1 or count <= 1 or size < PARALLEL_FROM or not can_fork():
        return [evaluate(number) for number in range(count)]
    jobs = min(jobs, count, affordable())
    try:
        spread = _Spread(count, evaluate, locator, wire) if jobs > 1 else None
    except (OSError, ImportError):  # no working semaphores here (a container without /dev/shm)
        spread = None
    if spread is None:
        return [evaluate(number) for number in range(count)]
    return spread.run(jobs)


def affordable(
    meminfo: Path = Path("/proc/meminfo"), status: Path = Path("/proc/self/status")
) -> int:
    """The processes the machine's available memory allows: a worker shares this process's
    memory but copies each page it writes (Python writes reference counts as it reads), so in
    the worst case each grows as large as this one. Unknown, any number."""
    try:
        available = _kib(meminfo, "MemAvailable:")
        resident = _kib(status, "VmRSS:")
    except (OSError, ValueError, StopIteration):
        return MOST_JOBS
    return max(1, 1 + available // max(resident, 1))


def _kib(path: Path, field: str) -> int:
    line = next(line for line in path.read_text("ascii").splitlines() if line.startswith(field))
    return int(line.split()[1])


class _Spread(Generic[_T]):
    def __init__(
        self,
        count: int,
        evaluate: Callable[[int], _T],
        locator: Locator | None,
        wire: Wire | None = None,
    ) -> None:
        import multiprocessing  # only a run that spreads its work needs it

        self.count = count
        self.evaluate = evaluate
        self.locator = locator
        self.wire = wire
        self.next = multiprocessing.RawValue("i", 0)
        self.lock = multiprocessing.Lock()

    def run(self, jobs: int) -> list[_T]:
        results: dict[int, _T] = {}
        workers: list[_Worker] = []
        try:
            for _ in range(jobs - 1):
                try:
                    workers.append(self._fork())
                except OSError:  # no process to be had (memory, a process limit): fewer
                    break
            results.update(self._take(workers))
            for worker in workers:
                results.update(self._collect(worker))
            workers.clear()
        finally:
            for worker in workers:  # only when this process is interrupted
                worker.stop()
        # a rule a failed worker took, and did not send back, is evaluated here
        return [results[n] if n in results else self.evaluate(n) for n in range(self.count)]

    def _take(
        self, workers: Sequence[_Worker] = (), send: Callable[[int, _T], None] | None = None
    ) -> dict[int, _T]:
        """Evaluate units (rules, chunks of files) until none is left, taking each from the
        shared counter. A worker ``send``s each unit's result as it is done; this process
        reads what the ``workers`` sent so far after each of its own units, so that taking
        their results in does not wait until the end (it is balanced by the counter: this
        process takes fewer units the more it takes in)."""
        done: dict[int, _T] = {}
        while True:
            with self.lock:
                number = self.next.value
                self.next.value = number + 1
            if number >= self.count:
                return done
            if send is not None:  # a worker keeps nothing it has sent
                send(number, self.evaluate(number))
                continue
            done[number] = self.evaluate(number)
            for worker in workers:
                worker.drain(wait=False)

    def _fork(self) -> _Worker:
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            raise
        if pid:
            os.close(write)
            return _Worker(pid, read, self.wire[1] if self.wire is not None else None)
        os.close(read)  # the worker: never returns
        status = 1
        try:
            import pickle

            positions = self.locator.positions if self.locator is not None else {}
            known = {path: len(found) for path, found in positions.items()}
            with os.fdopen(write, "wb", buffering=0) as out:
                made = self.wire[0] if self.wire is not None else None

                def send(number: int, result: Any) -> None:
                    if made is not None and number != _PLACED:
                        result = made(result)
                    _write_frame(out, pickle.dumps((number, result), pickle.HIGHEST_PROTOCOL))

                self._take(send=send)
                placed = {
                    path: list(found.items())[known.get(path, 0) :]
                    for path, found in positions.items()
                    if len(found) != known.get(path, 0)
                }
                send(_PLACED, placed)
            status = 0
        finally:
            os._exit(status)  # no atexit, no buffered output written twice

    def _collect(self, worker: _Worker) -> dict[int, _T]:
        worker.drain(wait=True)
        _, status = os.waitpid(worker.pid, 0)
        if status != 0 or _PLACED not in worker.results or worker.broken:
            return {}  # a worker cut short: its units are evaluated again here
        placed: dict[str, Any] = worker.results.pop(_PLACED)
        for path, found in placed.items():
            if self.locator is None:
                break
            known = self.locator.positions.setdefault(path, {})
            for position, at in found:
                known.setdefault(position, at)
        return worker.results


_PLACED = -1
"""The number a worker sends the positions it computed under, after its last unit."""
_PIPE_SIZE = 1 << 20
"""Bytes a worker may write ahead of this process's reading (Linux allows a megabyte to any
process): a chunk of files' documents is larger than a pipe's usual 64 KiB, and a worker
blocked on a full pipe would wait for this process to finish its own unit."""


def _write_frame(out: Any, data: bytes) -> None:
    """One frame, written whole (a write to a pipe may take part of it)."""
    view = memoryview(len(data).to_bytes(8, "little") + data)
    while view:
        view = view[out.write(view) :]


class _Worker:
    """A forked process, and what it has sent so far: each unit's result in a frame of its
    own (its length, then the pickled ``(number, result)``), read as it arrives."""

    def __init__(self, pid: int, pipe: int, taken: Callable[[Any], Any] | None = None) -> None:
        self.pid, self.pipe = pid, pipe
        self.taken = taken
        """What makes a result back from what :data:`Wire` sent."""
        self.results: dict[int, Any] = {}
        self.pending = bytearray()
        self.ended = False
        self.broken = False
        """Whether what it sent could not be read: everything it sent is set aside."""
        with contextlib.suppress(OSError, AttributeError):  # Linux 2.6.35 and later
            import fcntl

            fcntl.fcntl(pipe, fcntl.F_SETPIPE_SZ, _PIPE_SIZE)
        os.set_blocking(pipe, False)

    def drain(self, wait: bool) -> None:
        """Read what the worker has written (``wait``: to its end), and take in every whole
        frame."""
        if self.ended:
            return
        if wait:
            os.set_blocking(self.pipe, True)
        while True:
            try:
                data = os.read(self.pipe, _PIPE_SIZE)
            except BlockingIOError:
                break
            if not data:
                self.ended = True
                os.close(self.pipe)
                break
            self.pending += data
        self._frames()

    def stop(self) -> None:
        """The worker stopped, and waited for (this process was interrupted)."""
        import signal

        if not self.ended:
            self.ended = True
            with contextlib.suppress(OSError):
                os.close(self.pipe)
        with contextlib.suppress(OSError):  # gone already
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)

    def _frames(self) -> None:
        import pickle

        at = 0
        pending = self.pending
        while len(pending) - at >= 8:
            size = int.from_bytes(pending[at : at + 8], "little")
            if len(pending) - at - 8 < size:
                break
            frame = pending[at + 8 : at + 8 + size]
            at += 8 + size
            if self.broken:
                continue
            try:  # what a process forked from this one wrote
                number, result = pickle.loads(frame)
                if self.taken is not None and number != _PLACED:
                    result = self.taken(result)
            except Exception:  # a worker cut short, or its results unreadable
                self.broken = True
                continue
            self.results[number] = result
        del pending[:at]
