"""A focused check (``resilint check`` of some files of a repository, the pre-commit hook):
which findings concern the files or folders in focus, and, for a change, what it breaks
elsewhere."""

from __future__ import annotations

import functools
import os

from resilint.findings import Finding

# Whatever the focused files change, a dangling reference or a clashing id anywhere is their doing
# (a deleted or renamed document), so those are always reported.
_REPOSITORY_WIDE = frozenset({"REF-01", "REF-05", "DOC-02", "FILE-06"})
# A file a sparse checkout left out: the run is missing part of the repository, so no part of
# it can be judged (a focused check of suppliers/ would miss a clash with an id left out).
_INCOMPLETE = frozenset({"FILE-06"})


def normalise(path: str) -> str:
    return _normalised(os.getcwd(), path)  # noqa: PTH109 - no Path made per finding


@functools.lru_cache(maxsize=1 << 16)
def _normalised(cwd: str, path: str) -> str:
    """A path relative to ``cwd``, in the platform's case: asked once per finding and related
    place in a focused run (thousands in a large repository, most in a few files), so kept."""
    return os.path.normcase(os.path.relpath(os.path.join(cwd, path), cwd))  # noqa: PTH118


def within_focus(path: str, focus: frozenset[str]) -> bool:
    """Whether ``path`` is one of the files or folders of ``focus`` (normalised), or below one."""
    if "." in focus:  # the whole working directory: each path need not be made absolute
        return True
    where = normalise(path)
    return any(where == f or f == "." or where.startswith(f + os.sep) for f in focus)


def concerns(
    finding: Finding, focus: frozenset[str], changes: bool, *, anywhere: bool = True
) -> bool:
    """Located in the focus; for a change (pre-commit), also what it breaks elsewhere: a finding
    with a related place in the focus, and (``anywhere``) a dangling reference or a clashing id
    anywhere, which only a comparison with the earlier state tells from an old one
    (:mod:`resilint.introduced`, which makes it and passes ``anywhere=False``). A run missing
    part of the repository concerns every focus."""
    if finding.code in _INCOMPLETE or within_focus(finding.path, focus):
        return True
    if not changes:
        return False
    return (anywhere and finding.code in _REPOSITORY_WIDE) or any(
        within_focus(related.path, focus) for related in finding.related
    )
