"""What a commit takes away: documents of the last commit that the staged files no longer hold.

pre-commit passes the hook only the files that still exist, and a check focused on them reports
what concerns them. A document removed (a file deleted, or a Control cut out of an inventory)
leaves nothing behind to concern: the insurance condition it met fails in another file, with no
place in the changed ones. So a commit that removes a document is checked as a whole
(:func:`removes_documents`), as a changed configuration is.

The last commit is read from git itself (``git diff --cached``, ``git cat-file``), which
pre-commit already requires; nothing is read outside the repository, no YAML is run, and git
is asked nothing that runs a filter, a diff driver or a hook.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

from resilint.limits import Limits
from resilint.load import load_text
from resilint.load.decode import decode
from resilint.load.positions import LoadError
from resilint.userfiles import work_tree

_YAML = (".yaml", ".yml")
MOST_COMPARED = 200
"""Changed files compared at most; a larger change is checked as a whole."""
_GIT = ("git", "-c", "core.fsmonitor=false", "-c", "core.quotepath=false")


def removes_documents(root: Path, limits: Limits) -> bool:
    """Whether the staged change deletes (or renames) a YAML file, or removes from a changed
    one a document (kind and id) that the last commit held. Outside a git work tree, False
    (nothing to compare); when git cannot answer, True: the whole repository is checked rather
    than a removal missed."""
    top = work_tree(root.resolve())
    if top is None:
        return False
    try:
        status = _git(top, "diff", "--cached", "--name-status", "--no-renames", "-z")
        fields = status.decode("utf-8", "surrogateescape").split("\0")
        inside = root.resolve().relative_to(top.resolve()).as_posix()
        prefix = "" if inside == "." else inside + "/"
        changes = [  # only the repository's own files, where it is part of a larger work tree
            (kind, name)
            for kind, name in zip(fields[0::2], fields[1::2], strict=False)
            if name.startswith(prefix)
        ]
        if any(kind == "D" and name.endswith(_YAML) for kind, name in changes):
            return True
        # anything but a new file may have lost documents: modified, or made a link (T)
        modified = [
            name for kind, name in changes if kind not in ("A", "D") and name.endswith(_YAML)
        ]
        if len(modified) > MOST_COMPARED or any("\n" in name for name in modified):
            return True  # too many to compare, or a name git's batch reading cannot take
        before = _blobs(top, modified, limits) if modified else {}
        return any(
            data is None or _documents(data, name, limits) - _current(top, name, limits)
            for name, data in before.items()
        )
    except (OSError, subprocess.SubprocessError, ValueError):
        return True


def _blobs(top: Path, names: Sequence[str], limits: Limits) -> dict[str, bytes | None]:
    """The last commit's content of each file, in one git process (None: too large to
    compare, so compared as a whole repository instead)."""
    asked = "".join(f"HEAD:{name}\n" for name in names).encode("utf-8", "surrogateescape")
    out = _git(top, "cat-file", "--batch", feed=asked)
    found: dict[str, bytes | None] = {}
    at = 0
    for name in names:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) != 3:  # "HEAD:name missing": a file new in this commit
            continue
        size = int(header[2])
        found[name] = out[at : at + size] if size <= limits.max_file_bytes else None
        at += size + 1
    return found


def _current(top: Path, name: str, limits: Limits) -> set[tuple[str, str]]:
    path = top / name
    if path.is_symlink() or not path.is_file() or path.stat().st_size > limits.max_file_bytes:
        return set()
    return _documents(path.read_bytes(), name, limits)


def _documents(data: bytes, name: str, limits: Limits) -> set[tuple[str, str]]:
    """Each document's kind and id, as written (a list where an id belongs is still told
    apart, and SCH-01's to report)."""
    try:
        text = decode(data)
    except LoadError:
        return set()
    loaded = load_text(name, text, limits)
    return {(repr(d.data.get("kind")), repr(d.data.get("id"))) for d in loaded.documents}


def _git(top: Path, *args: str, feed: bytes | None = None) -> bytes:
    done = subprocess.run(  # a fixed git command, on the repository's own paths
        [*_GIT, *args],
        cwd=top,
        input=feed if feed is not None else b"",
        capture_output=True,
        timeout=60,
        check=False,
    )
    if done.returncode != 0:
        raise subprocess.SubprocessError(done.stderr.decode("utf-8", "replace").strip())
    return done.stdout
