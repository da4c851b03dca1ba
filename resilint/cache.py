"""A cache of what each file yields before the rules run, and of whole results.

- Entries are keyed by the file's path, size, modification time and inode, and salted with
  resilint's version, its schemas and the limits, so a change to any of them is never served
  stale. The whole-run result is keyed by every input besides: rule files, configuration,
  baseline, the as-of date and the paths asked for.
- The cache lives in ``.resilint_cache/`` at the repository root, with a ``.gitignore`` of its
  own. It is plain JSON (never pickle) and every file is signed with a secret kept outside the
  repository, so a cache committed by someone else is ignored rather than believed.
- Writes go to a temporary file renamed into place: a crash or a concurrent run leaves either
  the old cache or the new one, never half of one.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

CACHE_DIR_NAME = ".resilint_cache"
_FORMAT = "resilint-cache-2"


def fingerprint(parts: Iterable[bytes | str]) -> str:
    digest = hashlib.sha256()
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
        try:
            parts.append(path.read_bytes())
        except OSError:
            parts.append(b"\x00missing")
    return fingerprint(parts)


def stat_key(path: Path) -> list[int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return [info.st_mtime_ns, info.st_size, info.st_ino]


def _secret() -> bytes | None:
    """A per-user secret outside any repository; None when it cannot be kept (no cache then)."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "resilint"
    path = base / "cache-secret"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        base.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(secrets.token_bytes(32))
        return path.read_bytes()
    except FileExistsError:
        return path.read_bytes()
    except OSError:
        return None


class Store:
    """Signed JSON files in the cache directory."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.secret = _secret()

    @property
    def usable(self) -> bool:
        return self.secret is not None

    def read(self, name: str) -> Any:
        if self.secret is None:
            return None
        try:
            raw = (self.directory / name).read_bytes()
        except OSError:
            return None
        mac, _, body = raw.partition(b"\n")
        expected = hmac.new(self.secret, body, hashlib.sha256).hexdigest().encode()
        if not hmac.compare_digest(mac, expected):
            return None  # written elsewhere, or tampered with: ignore it
        try:
            document = json.loads(body)
        except ValueError:
            return None
        return document.get("data") if document.get("format") == _FORMAT else None

    def write(self, name: str, data: Any) -> None:
        if self.secret is None:
            return
        body = json.dumps(
            {"format": _FORMAT, "data": data}, separators=(",", ":"), ensure_ascii=True
        ).encode()
        mac = hmac.new(self.secret, body, hashlib.sha256).hexdigest().encode()
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            ignore = self.directory / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# resilint's cache: never commit it\n*\n", encoding="utf-8")
            fd, temp = tempfile.mkstemp(dir=self.directory, prefix=f".{name}.")
            with os.fdopen(fd, "wb") as out:
                out.write(mac + b"\n" + body)
            Path(temp).replace(self.directory / name)
        except OSError:
            pass  # a cache that cannot be written only costs time
