"""A cache of what each file yields before the rules run, and of whole results.

- Entries are keyed by the file's path, size, modification and change times, device and inode,
  and salted with resilint's version, its schemas and the limits, so a change to any of them is
  never served stale: a file rewritten with the same size and modification time (``cp -p``,
  ``rsync -t``, tar) still gets a new change time. The whole-run result is keyed by every input
  besides: rule files, configuration, baseline, the as-of date and the paths asked for.
- The cache lives in ``.resilint_cache/`` at the repository root, with a ``.gitignore`` of its
  own. Its files hold plain values only (mappings, lists, texts, numbers, true, false and null)
  in :mod:`marshal`, never pickle, which could build any object; every file is signed with a
  secret kept outside the repository and read only when its signature is right, so a cache
  committed or altered by someone else is ignored rather than believed. (Written in marshal,
  texts shared between documents when they were written are shared when read back, and the
  format reads and writes several times faster than JSON.)
- Nothing is followed through a symbolic link: a committed ``.resilint_cache`` link turns the
  cache off (with a note) instead of receiving writes, a ``--cache-dir`` through a link in the
  repository is refused as ``-o`` is (:func:`resilint.userfiles.refuse_links`, called where the
  store is built), and cache files are read as regular files only, up to a size bound.
- Writes go to a temporary file renamed into place: a crash or a concurrent run leaves either
  the old cache or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import stat
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from resilint.digests import blake2b, same, sign
from resilint.discover import stamp, stamp_changed
from resilint.load.read import Refusal, read_regular, real, within
from resilint.serialize import same_data
from resilint.userdir import user_directory

CACHE_DIR_NAME = ".resilint_cache"
_FORMAT = (
    f"resilint-cache-7 marshal-{marshal.version} "
    f"python-{sys.version_info[0]}.{sys.version_info[1]}\n"
).encode()
"""The first line of every cache file's body: marshal's format may change with Python's."""
_SECRET_BYTES = 32
_IGNORE = b"# resilint's cache: never commit it\n*\n"
_FINGERPRINT_LIMIT = 64 * 1024 * 1024
"""Rule, schema and configuration files are read under this bound for the cache key."""


def fingerprint(parts: Iterable[bytes | str]) -> str:
    digest = blake2b(digest_size=32)  # a key, kept nowhere but the cache
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def files_fingerprint(paths: Iterable[Path]) -> str:
    """The content of files that shape results (schemas, rules, configuration)."""
    parts: list[bytes | str] = []
    for path in paths:
        parts.append(str(path))
        data = read_regular(path, _FINGERPRINT_LIMIT)
        parts.append(b"\x00unreadable" if isinstance(data, Refusal) else data)
    return fingerprint(parts)


def installed_fingerprint(paths: Iterable[str | Path]) -> str:
    """Files of resilint's own installation (its code, schemas and rule files) by their
    :func:`~resilint.discover.stamp`, not their content: they change only when resilint is
    installed again or edited in place, and either gives a file a new stamp (a new change time
    at least), as the files of a repository are told apart. Reading and hashing them all took
    a millisecond and a half of every run. A file changed within its stamp's clock tick, which
    could be written again within it and keep the stamp (:func:`settled`), counts by its
    content too."""
    digest = blake2b(digest_size=32)
    now = time.time_ns()
    for path in paths:
        try:
            key = stamp(os.stat(path))  # noqa: PTH116 - no Path made for each of 250 files
        except OSError:
            key = b"missing"
        else:
            if not settled(key, now):
                content = read_regular(Path(path), _FINGERPRINT_LIMIT)
                key += b"unreadable" if isinstance(content, Refusal) else blake2b(content).digest()
        name = os.fsencode(path)
        digest.update(b"%d:%s%d:%s" % (len(name), name, len(key), key))
    return digest.hexdigest()


def stat_key(path: Path) -> str | None:
    """The file's :func:`resilint.discover.stamp` now, as the cache keeps it (hexadecimal)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return stamp(info).hex()


def stats_bytes(stamps: Sequence[bytes]) -> bytes:
    """Every file's stamp, to hash: fixed-width binary as taken, or text when a stamp is (a
    time past 2262 or a number beyond 64 bits)."""
    if all(len(s) == _PACKED_SIZE for s in stamps):
        return b"packed:" + b"".join(stamps)
    return b"text:" + repr(list(stamps)).encode()


_PACKED_SIZE = 40

_TICK_NS = 20_000_000
_COARSE_TICK_NS = 2_000_000_000
"""How long a file system may keep stamping the same time: a timer tick (at most 10 ms on
Linux), or whole seconds (1 s on HFS+ or ext4 with small inodes, 2 s on FAT) when the change
time is a whole second."""


def settled(stamp: bytes, since: int) -> bool:
    """Whether a file whose :func:`stamp` was taken after ``since`` (a run's start, ns) could not
    have been written again since without its stamp changing: its change time's tick was over.
    A file changed within that tick may be rewritten within it, same size and same inode (an
    editor saving in place, a tool restoring it), and keep its stamp: as git does with "racily
    clean" entries, the cache never takes such a stamp for the file's content."""
    changed = stamp_changed(stamp)
    if changed is None:
        return False
    tick = _COARSE_TICK_NS if changed % 1_000_000_000 == 0 else _TICK_NS
    return changed + tick <= since


class Store:
    """Signed files of plain values in the cache directory; unusable (``secret`` None) when
    ``note`` says why, for the command line to tell the user once."""

    def __init__(
        self, directory: Path, secret: bytes | None, note: str = "", max_bytes: int = 1 << 30
    ) -> None:
        self.directory = directory
        self.secret = secret
        self.note = note
        self.max_bytes = max_bytes
        self.unwritten = ""
        """Why a write failed, the first time one did (a read-only directory or file system, a
        full disk): the run goes on without it, and the command line says so once."""

    @property
    def usable(self) -> bool:
        return self.secret is not None

    def read(self, name: str) -> Any:
        if self.secret is None:
            return None
        body = self._signed_body(self.directory / name)
        return None if body is None else unpack(body)

    def _sign(self, data: bytes) -> bytes:
        assert self.secret is not None
        return sign(self.secret, data)

    def _signed_body(self, path: Path) -> bytes | None:
        """The body of a cache file this user's resilint wrote. The first line signs the body's
        size as well as the body: a file resilint did not write (committed to the repository,
        say, a gigabyte of zeros that git stores in a megabyte) is refused from that line,
        without being read or hashed. Absent, a link, not a regular file, oversized,
        tampered with or written elsewhere: None."""
        try:
            fd = os.open(path, _READ)
        except OSError:
            return None
        try:
            info = os.fstat(fd)
            size = info.st_size - _HEAD
            if not stat.S_ISREG(info.st_mode) or not 0 <= size <= self.max_bytes:
                return None
            head = os.read(fd, _HEAD)
            if len(head) != _HEAD or not same(head[:64], self._sign(_sized(size))):
                return None
            body = _read_all(fd, size)
        except OSError:
            return None
        finally:
            os.close(fd)
        if len(body) != size or not same(head[65:129], self._sign(body)):
            return None
        return body

    def write(self, name: str, data: Any) -> None:
        if self.secret is None:
            return
        try:
            body = pack(data)
        except ValueError:  # not plain values: nothing is cached, which only costs time
            return
        head = self._sign(_sized(len(body))) + b" " + self._sign(body) + b"\n"
        from resilint.userfiles import signals_held  # imported by every run already

        with signals_held():  # a run ended meanwhile leaves no temporary file behind
            self._write_held(name, head + body)

    def _write_held(self, name: str, content: bytes) -> None:
        try:
            made = not os.path.lexists(self.directory)
            self.directory.mkdir(parents=True, exist_ok=True)
            if _unsafe_directory(self.directory):
                return  # replaced by a link since the run began
            # "*" keeps everything there out of git, and out of the check (its walk follows
            # .gitignore): only in a directory of resilint's own, never in one named with
            # --cache-dir that holds anything else (the repository's root, suppliers/), where
            # every new file would pass unseen, by git and by the check
            ignore = self.directory / ".gitignore"
            if not os.path.lexists(ignore) and (
                made or self.directory.name == CACHE_DIR_NAME or _holds_only_cache(self.directory)
            ):
                _create(ignore, _IGNORE)
            # a new file of this run's own (as tempfile.mkstemp makes one, without importing
            # tempfile, shutil and random into every hook run)
            temp = self.directory / f".{name}.{os.urandom(8).hex()}"
            fd = os.open(temp, _NEW, 0o600)
        except OSError as exc:  # a cache that cannot be written only costs time
            self._unwritten(f"the cache directory {self.directory} cannot be written", exc)
            return
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(content)
            # A rename replaces a link at the destination; it never writes through it.
            temp.replace(self.directory / name)
        except OSError as exc:  # a full disk, or a directory planted at the name
            self._unwritten(f"the cache file {self.directory / name} cannot be written", exc)
            with contextlib.suppress(OSError):  # nothing left behind
                temp.unlink()

    def _unwritten(self, what: str, exc: OSError) -> None:
        if not self.unwritten:
            self.unwritten = f"{what} ({exc.strerror or type(exc).__name__})"


_CACHE_FILES = frozenset({"result.json", "findings.json", "config.json", "rules.json"})


def cache_file(name: str) -> bool:
    """A name the cache writes: its files, its shards (``files-3f.json``), its ``.gitignore``
    and the temporary files it renames into place (``.result.json.<16 hex digits>``)."""
    if name.startswith(".") and name != ".gitignore":
        stem, _, suffix = name[1:].rpartition(".")
        return len(suffix) == 16 and cache_file(stem)
    shard = name.startswith("files-") and name.endswith(".json") and len(name) == 13
    return name == ".gitignore" or name in _CACHE_FILES or shard


def _holds_only_cache(directory: Path) -> bool:
    """Whether ``directory`` holds nothing but the cache's files: an empty directory made
    beforehand (``mkdir -p``, a CI step) is the cache's own too, and gets its ``.gitignore``."""
    try:
        return all(cache_file(entry.name) for entry in os.scandir(directory))
    except OSError:
        return False


_HEAD = 64 + 1 + 64 + 1
"""A cache file's first line: the signature of its body's size, a space, that of its body."""
_READ = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO planted under a cache file's name: no wait
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def _sized(size: int) -> bytes:
    return b"size %d" % size


def _read_all(fd: int, size: int) -> bytes:
    """``size`` bytes of ``fd`` (fewer when it is shorter now; never more)."""
    chunks: list[bytes] = []
    while size > 0:
        chunk = os.read(fd, min(size, 1 << 24))
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def pack(data: Any) -> bytes:
    """A cache file's body: the format's line, then ``data`` (plain values only; ValueError
    for anything else) in marshal."""
    return _FORMAT + marshal.dumps(data, marshal.version)


def unpack(body: bytes | memoryview) -> Any:
    """The data of a body :func:`pack` wrote, or None for another format. Called only on a
    body whose signature was checked: marshal is not meant for data from elsewhere."""
    if body[: len(_FORMAT)] != _FORMAT:
        return None
    try:
        return marshal.loads(memoryview(body)[len(_FORMAT) :])
    except (EOFError, ValueError, TypeError):
        return None


def open_store(directory: Path, root: Path, max_bytes: int) -> Store:
    """The cache in ``directory``, or an unusable one whose note says why it is off."""
    note = _unsafe_directory(directory)
    if note:
        return Store(directory, None, note)
    secret, note = _secret(real(root))
    return Store(directory, secret, note, max_bytes)


def _unsafe_directory(directory: Path) -> str:
    try:
        mode = directory.lstat().st_mode
    except FileNotFoundError:
        return ""  # created on the first write
    except OSError as exc:
        return f"the cache directory {directory} cannot be used ({exc.strerror})"
    if stat.S_ISLNK(mode):
        return (
            f"the cache directory {directory} is a symbolic link; resilint never writes "
            "through one (it could lead outside the repository)"
        )
    if not stat.S_ISDIR(mode):
        return f"{directory} is not a directory, so it cannot hold the cache"
    return ""


_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | os.O_CLOEXEC
"""A file this run creates: never through a link, never over an existing file."""


def _create(path: Path, content: bytes, mode: int = 0o666) -> None:
    """Write a new file, never through a link, never over an existing file."""
    try:
        fd = os.open(path, _NEW, mode)
    except FileExistsError:
        return
    with os.fdopen(fd, "wb") as out:
        out.write(content)


def _secret_directory() -> Path:
    """Where the secret is kept (:func:`resilint.userdir.user_directory`)."""
    return Path(user_directory())


def _secret(boundary: str) -> tuple[bytes | None, str]:
    """A per-user secret outside any repository, or None and why the cache is off."""
    try:
        directory = _secret_directory()
    except (RuntimeError, KeyError, OSError):
        return None, (
            "there is no home directory to keep the cache's secret in (HOME is not set and "
            "the user has no entry in the password database); set HOME or XDG_CACHE_HOME"
        )
    if within(real(directory), boundary):
        return None, (
            f"the cache's secret would be kept inside the repository ({directory}), where a "
            "change could forge the cache; point XDG_CACHE_HOME elsewhere"
        )
    path = directory / "cache-secret"
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not os.path.lexists(path):  # the first run of a user makes the secret
            import secrets

            _create(path, secrets.token_bytes(_SECRET_BYTES), 0o600)
    except OSError as exc:
        return None, f"cannot keep the cache's secret in {directory} ({exc.strerror})"
    shared = _not_only_yours(directory, path)
    if shared:
        return None, shared
    secret = read_regular(path, 4096)
    if isinstance(secret, Refusal) or len(secret) < _SECRET_BYTES:
        why = secret.message if isinstance(secret, Refusal) else "it is too short to sign with"
        return None, f"cannot use the cache's secret {path}: {why}"
    return secret, ""


def _not_only_yours(directory: Path, path: Path) -> str:
    """Why the secret's directory or file is not the user's alone, as the resident server asks
    of its socket's: another user who can write the directory (an ``XDG_CACHE_HOME`` shared in
    ``/tmp``, made 0777 by an image's build) could put a secret of their own in it, or one
    they can read, and sign a cache that the check then trusts. '' where both are the user's
    and no one else can use them (on a system without user ids, always)."""
    if not hasattr(os, "getuid"):  # pragma: no cover - Windows: the profile's ACLs decide
        return ""
    for where, open_to in ((directory, 0o022), (path, 0o077)):
        try:
            info = where.lstat()
        except OSError as exc:
            return f"cannot use the cache's secret {where}: {exc.strerror}"
        if info.st_uid != os.getuid() or stat.S_IMODE(info.st_mode) & open_to:
            what = "the directory of the cache's secret" if where == directory else "the secret"
            if info.st_uid != os.getuid():
                whose, remedy = "belongs to another user", "remove it (resilint makes its own)"
            else:
                whose = f"is open to other users (mode {stat.S_IMODE(info.st_mode):o})"
                remedy = f"chmod {'700' if where == directory else '600'} it"
            return (
                f"{what}, {where}, {whose}: someone else could sign a cache this check would "
                f"trust; {remedy}, or point XDG_CACHE_HOME at a directory of your own"
            )
    return ""


class KnownValid:
    """Data found valid by an earlier run, kept in ``store`` under ``name`` with what its
    validity depended on (``salt``: resilint's code and schemas): the same data (compared
    strictly, :func:`resilint.serialize.same_data`) is valid without being validated again."""

    def __init__(self, store: Store, name: str, salt: str) -> None:
        self.store = store
        self.name = name
        self.salt = salt
        kept = store.read(name)
        usable = isinstance(kept, dict) and kept.get("salt") == salt and "data" in kept
        self._data = kept["data"] if usable else _NOTHING

    def holds(self, data: Any) -> bool:
        return self._data is not _NOTHING and same_data(data, self._data)

    def keep(self, data: Any) -> None:
        """Keep ``data``, just found valid, unless it is what was kept."""
        if not self.holds(data):
            self.store.write(self.name, {"salt": self.salt, "data": data})
            self._data = data


_NOTHING: Any = object()
