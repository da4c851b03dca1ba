"""What tells one version of a file from the next without reading it: the stamp discovery
takes of each file it finds (:func:`stamp`), which keys the cache and names the very file a run
may read (:func:`vetted_file`)."""

from __future__ import annotations

import os
import struct

from resilint.load.read import Vetted

_PACKED = struct.Struct("<qqQqQ")


def stamp(info: os.stat_result) -> bytes:
    """What tells one version of a file from the next without reading it: modification time,
    size, inode, change time (what ``cp -p`` and ``os.utime`` cannot set back) and device, in
    40 bytes (650 for the whole stat: 60 MB at 100,000 files), or as text for a time past 2262
    or a number beyond 64 bits."""
    numbers = (info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns, info.st_dev)
    try:
        return _PACKED.pack(*numbers)
    except struct.error:
        return repr(numbers).encode()


def vetted_file(stamp: bytes, boundary: str) -> Vetted | None:
    """The file discovery found inside ``boundary`` with this :func:`stamp`: the one a run
    may read at its path; None for a stamp kept as text."""
    try:
        _, _, inode, _, device = _PACKED.unpack(stamp)
    except struct.error:
        return None
    return Vetted(int(device), int(inode), boundary)


def stamp_changed(stamp: bytes) -> int | None:
    """The change time (ns) a :func:`stamp` holds; None for one kept as text."""
    try:
        return int(_PACKED.unpack(stamp)[3])
    except struct.error:
        return None
