"""Files named on the command line: outputs (`-o`, `--output`, `--export`) and side inputs
(`--baseline`, `--previous`).

A path the user typed may lead anywhere the user chooses (`-o /tmp/results.sarif`,
`$GITHUB_STEP_SUMMARY`). What lies under the working directory may have come from a pull request,
though: a committed `results.sarif -> ~/.bashrc` would have a CI run overwrite the runner's files,
a committed FIFO would hang it. So under the working directory, and anywhere in the git work
tree it lies in (`-o ../results.sarif` from a subdirectory), no symbolic link is followed, on the
way or at the end, and only regular files are written or read; nothing ever blocks on open, and
reads are bounded.
"""

from __future__ import annotations

import codecs
import contextlib
import fcntl
import json
import os
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from resilint import strictjson
from resilint.errors import Place, UsageError
from resilint.limits import json_values_at_most
from resilint.load.positions import Lines
from resilint.load.read import Refusal, lexical, read_regular, within
from resilint.reporters.base import printable
from resilint.strictjson import DuplicateKey, JsonPath

_WRITE = os.O_WRONLY | os.O_CREAT | os.O_NONBLOCK | os.O_CLOEXEC | getattr(os, "O_NOCTTY", 0)
SIDE_INPUT_LIMIT = 256 * 1024 * 1024
"""Largest baseline or earlier report read (a baseline of a million findings is ~200 MB)."""


def work_tree(place: Path) -> Path | None:
    """The git work tree ``place`` is in: it or its nearest ancestor holding ``.git``."""
    return next((p for p in (place, *place.parents) if (p / ".git").exists()), None)


def _guarded_root() -> str:
    """Where what lies may have come from a pull request: the git work tree the working
    directory is in, else the working directory."""
    cwd = Path(os.path.normpath(Path.cwd().absolute()))
    return str(work_tree(cwd) or cwd)


def _guard(target: Path, repository: Path | None = None) -> str | None:
    """The root below which no link is followed on the way to ``target``: the working
    directory's work tree, or the repository whose file it is (a committed link at a default
    output path is refused from wherever resilint runs); None when neither holds it."""
    roots = [_guarded_root()]
    if repository is not None:
        roots.append(lexical(repository))
    return next((root for root in roots if within(str(target), root)), None)


def _refuse(path: str | Path, reason: str) -> UsageError:
    return UsageError(f"{printable(str(path))}: {reason}")


def _no_links(path: str | Path, target: Path, doing: str, root: str) -> None:
    """Refuse a symbolic link at ``target`` or on its way, below ``root``."""
    for place in (target, *target.parents):
        if not within(str(place), root) or str(place) == root:
            return
        if place.is_symlink():
            shown = printable(os.path.relpath(place, root))
            raise _refuse(
                path,
                f"{shown} is a symbolic link; resilint never {doing} through a link inside the "
                "working directory or the repository",
            )


DIRECTORY_NAMED = (
    "names a directory (a path ending in /, /. or /..), but an output is one file: name the "
    "file to write in it (out/ followed by the file name)"
)


def names_directory(value: str) -> bool:
    """Whether a path written on the command line names a directory by its form (``out/``,
    ``out/.``): taken as a path, it is the file ``out``, which would be written in its place."""
    return os.path.basename(value) in ("", os.curdir, os.pardir)  # noqa: PTH119 - as written


def input_named(path: str | Path) -> str | None:
    """Why no output may be written at ``path``, or None: a name resilint reads as input (a
    YAML document, the configuration, ``pyproject.toml``), where a report written by a slip of
    the command line (``-o json=resilint.yaml``, ``--output suppliers/acme.yaml``) would
    replace the programme it checks. resilint writes no YAML. Nor any file inside a git
    directory (``-o .git/hooks/post-checkout`` would be run by git), nor at a name ending with a
    slash, which names a directory (``-o sarif=out/`` wrote a file named ``out``)."""
    from resilint.discover import yaml_named

    if names_directory(str(path)):
        return DIRECTORY_NAMED
    name = Path(path).name
    if yaml_named(name) or name == "pyproject.toml":
        return (
            "a file named like the files resilint reads as input (YAML documents, the "
            "configuration, pyproject.toml); no output of resilint is YAML: name a file of its "
            "format (.json, .sarif, .xml, .html, .ics, .csv ...)"
        )
    if any(part.lower() == ".git" for part in Path(lexical(path)).parts):
        return (
            "inside a git directory (.git), which holds git's own files: a file written there "
            "can run as a git hook or change what git does; write the output elsewhere"
        )
    return None


_READ: dict[tuple[int, int], str] = {}
"""The side inputs this run read that no output of it may replace (:func:`write_output`), by
file identity, with what each is: the baseline, whose findings are accepted, where check's JSON
written over it would be read as the next run's baseline. (An earlier report is meant to be
replaced by the new one: ``report --previous report.html`` writes report.html.)"""
_KEPT = frozenset({"baseline"})


def forget_reads() -> None:
    """A new command begins (the tests run many in one process): it has read nothing yet."""
    _READ.clear()


def _was_read(target: Path, what: str) -> None:
    with contextlib.suppress(OSError):
        info = target.stat()
        _READ[(info.st_dev, info.st_ino)] = what


def write_output(
    path: str | Path, data: str | bytes, repository: Path | None = None, replaces: str = ""
) -> None:
    """Write ``data`` (text as UTF-8) to the file ``path`` the user named, or resilint's
    default file of ``repository`` (the baseline); see the module doc. A regular file is
    written whole or not at all: into a temporary file beside it, then renamed over it, so an
    interrupted or failed write (a full disk, a killed CI job) leaves the earlier file as it
    was, never half a report, calendar or baseline. A name resilint reads as input
    (:func:`input_named`) is refused, and so is the baseline this run read (``check --baseline
    b.json -o json=b.json`` made each run's findings the next run's baseline, every finding
    suppressed from then on), but where ``replaces`` names it (``resilint baseline`` rewrites
    the baseline it read)."""
    refused = input_named(path)
    if refused is not None:
        raise _refuse(path, refused)
    from resilint.baseline import DEFAULT_NAME

    if Path(path).name == DEFAULT_NAME and replaces != "baseline":  # read by check --baseline
        raise _refuse(
            path,
            "the name of the baseline `resilint baseline` writes, which `check --baseline` "
            "reads: writing another output there would replace it; name another file",
        )
    target = Path(lexical(path))
    root = _guard(target, repository)
    guarded = root is not None
    if root is not None:
        _no_links(path, target, "writes", root)
    payload = data.encode("utf-8", "backslashreplace") if isinstance(data, str) else data
    descriptor = None if guarded else _descriptor(target)
    if descriptor is not None:  # /dev/stdout: the shell's file, never reopened or replaced
        _write_descriptor(path, descriptor, payload)
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # Outside the guarded tree a link the user's own path holds is followed, as they chose.
        final = target if guarded else Path(os.path.realpath(target))
        info = os.lstat(final)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _refuse(path, f"cannot write it: {_reason(exc)}") from None
    read_as = _READ.get((info.st_dev, info.st_ino)) if info is not None else None
    if read_as is not None and read_as != replaces:
        raise _refuse(
            path,
            f"this run reads it as the {read_as}; writing its output there would replace it: "
            "name another file",
        )
    if info is not None and not stat.S_ISREG(info.st_mode):
        if guarded:
            raise _refuse(path, "not a regular file; resilint writes only regular files here")
        _write_in_place(path, target, payload)  # /dev/stdout, a pipe the user named
        return
    mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
    _replace(path, final, payload, mode)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Keep the signals that end a run (SIGTERM from a CI job's timeout or ``kill``, SIGINT,
    SIGHUP, SIGQUIT) pending while a file is written beside its final name and renamed over
    it: acted on in between, they ended the process and left the temporary file, half a
    report or baseline, beside the output. A signal that comes meanwhile is acted on as the
    block ends, the file whole in place or gone."""
    import signal  # only a run that writes a file

    ending = {signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, ending)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _replace(path: str | Path, final: Path, payload: bytes, mode: int) -> None:
    """``payload`` in a new file beside ``final``, renamed over it once whole."""
    with signals_held():
        _replace_held(path, final, payload, mode)


def _replace_held(path: str | Path, final: Path, payload: bytes, mode: int) -> None:
    import tempfile  # only a run that writes a file (every run imports this module)

    try:
        fd, name = tempfile.mkstemp(prefix=".resilint-", suffix=".tmp", dir=final.parent)
    except OSError as exc:
        raise _refuse(path, f"cannot write it: {_reason(exc)}") from None
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        temporary.chmod(mode)
        temporary.replace(final)  # a link put at ``final`` meanwhile is replaced, not followed
    except OSError as exc:
        raise _refuse(path, f"cannot write it: {_reason(exc)}") from None
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()


def _write_in_place(path: str | Path, target: Path, payload: bytes) -> None:
    """Write to what is not a regular file (a terminal, a pipe), never blocking on open."""
    try:
        fd = os.open(target, _WRITE, 0o666)
    except OSError as exc:
        raise _refuse(path, f"cannot write it: {_reason(exc)}") from None
    try:
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
        if stat.S_ISREG(os.fstat(fd).st_mode):
            os.ftruncate(fd, 0)
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as exc:
        raise _refuse(path, f"cannot write it: {_reason(exc)}") from None
    finally:
        os.close(fd)


def _descriptor(target: Path) -> int | None:
    """The descriptor of this process ``target`` names (``/dev/stdout``, ``/dev/fd/3``,
    ``/proc/self/fd/1``), by its links followed one by one. Opening one opens its file anew (at
    its start, not appending), and the file it resolves to would be replaced by the rename: a
    log the shell appends to (``>> build.log``) lost what it held and all printed after."""
    path = str(target)
    own = (f"/proc/{os.getpid()}/fd", "/dev/fd")
    for _ in range(40):  # a link chain longer than the system's own limit is no descriptor
        head, name = os.path.split(path)
        if name.isdigit() and os.path.realpath(head) in own:
            return int(name)
        try:
            path = str(Path(head) / Path(path).readlink())
        except OSError:
            return None
    return None


def _write_descriptor(path: str | Path, fd: int, payload: bytes) -> None:
    """Write to the open descriptor ``fd`` where it stands (its offset, or appended)."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()  # what was printed before comes before
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as exc:
        raise _refuse(path, f"cannot write it: {_reason(exc)}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def refuse_links(path: str | Path, doing: str, repository: Path | None = None) -> None:
    """Refuse (:class:`UsageError`) a path the user named that is, or passes through, a
    symbolic link below the working directory's work tree or ``repository``; ``doing`` is what
    resilint would do there (``writes the cache``)."""
    target = Path(lexical(path))
    root = _guard(target, repository)
    if root is not None:
        _no_links(path, target, doing, root)


def output_directory(path: str | Path) -> Path:
    """A directory the user named for several outputs, created if missing, refused if it is or
    passes through a link below the working directory."""
    refuse_links(path, "writes")
    target = Path(lexical(path))
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _refuse(path, f"cannot create the directory: {_reason(exc)}") from None
    if not target.is_dir():
        raise _refuse(path, "not a directory")
    return Path(path)


def read_input(path: str | Path, what: str, limit: int = SIDE_INPUT_LIMIT) -> bytes:
    """The bytes of a side input the user named: a regular file, bounded, never blocking, and
    below the working directory never through a link."""
    target = Path(lexical(path))
    root = _guard(target)
    if root is not None:
        article = "an" if what[:1] in ("a", "e", "i", "o", "u") else "a"
        _no_links(path, target, f"reads {article} {what}", root)
    data = read_regular(target, limit, limit_name=f"the {what} size limit")
    if isinstance(data, Refusal):
        raise _refuse(path, f"cannot read the {what}: {data.message}")
    if what in _KEPT:
        _was_read(target, what)
    return data


Shape = Callable[[Any], tuple[JsonPath, str] | None]
"""What is wrong with a parsed side input, and where (its JSON path), or None."""


def read_json(
    path: str | Path,
    what: str,
    limit: int = SIDE_INPUT_LIMIT,
    values: int | None = None,
    shape: Shape | None = None,
) -> Any:
    """A side input parsed as JSON, refused (never a crash) when it is not JSON or nests
    deeper than the parser can follow, at the line and column where it stops being JSON; when
    an object holds a key twice, at the second; when ``shape`` finds it wrong, at the value
    it names; and, before it is parsed, when it may hold more than ``values`` JSON values (keys
    included)."""
    data = read_input(path, what, limit)
    if values is not None and json_values_at_most(data) > values:
        raise _refuse(
            path,
            f"cannot read the {what}: it holds more than {values:,} JSON values, more than "
            f"any {what} resilint writes",
        )
    text = _utf8(path, what, data.removeprefix(codecs.BOM_UTF8))
    document = _parsed(path, what, text)
    problem = shape(document) if shape is not None else None
    if problem is not None:
        raise refused_at(path, Lines(text), strictjson.place(text, problem[0]), problem[1])
    return document


def refused_at(path: str | Path, lines: Lines, offset: int, reason: str) -> UsageError:
    """``path:line:column: reason`` for a side input, at a character offset of its text."""
    line, column = lines.position(offset)
    return UsageError(printable(reason), Place(str(path), line, column))


def twice(path: str | Path, what: str, lines: Lines, duplicate: DuplicateKey) -> UsageError:
    """The refusal of a side input whose object holds a key twice, at the second."""
    first = lines.position(duplicate.first)[0]
    key = json.dumps(duplicate.path[-1], ensure_ascii=False)
    return refused_at(
        path,
        lines,
        duplicate.second,
        f"cannot read the {what}: the key {key} is given twice in one object (first on line "
        f"{first}); JSON readers disagree about which one counts, so neither is taken: keep one",
    )


def _parsed(path: str | Path, what: str, text: str) -> Any:
    try:
        return strictjson.loads(text)
    except DuplicateKey as duplicate:
        raise twice(path, what, Lines(text), duplicate) from None
    except json.JSONDecodeError as exc:  # its message repeats the position: keep the words
        cut = "" if text[exc.pos :].strip() else "; the file ends here: it may have been cut short"
        raise _not_json(path, what, Lines(text).position(exc.pos), exc.msg + cut) from None
    except (ValueError, RecursionError) as exc:  # no position known: the file's start
        reason = "it nests too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise _not_json(path, what, (1, 1), reason) from None


def _utf8(path: str | Path, what: str, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8")  # what precedes the first bad byte is UTF-8
        bad = f"byte 0x{data[exc.start]:02x} is not UTF-8"
        raise _not_json(path, what, Lines(before).position(len(before)), bad) from None


def _not_json(path: str | Path, what: str, at: tuple[int, int], reason: str) -> UsageError:
    """``path:line:column:`` as every other input error, 1-based as editors count."""
    where = f"{printable(str(path))}:{at[0]}:{at[1]}"
    reason = printable(reason)
    return UsageError(f"{where}: cannot read the {what}: it is not valid JSON ({reason})")


def _reason(exc: OSError) -> str:
    if exc.errno in (getattr(os, "ELOOP", -1), getattr(os, "EMLINK", -1)):
        return "it is a symbolic link; resilint never writes through one here"
    if exc.errno == getattr(os, "ENXIO", -1):
        return "it is a named pipe with no reader"
    return exc.strerror or type(exc).__name__
