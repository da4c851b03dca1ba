"""A check, and every command that answers from the documents it was given, refuses paths that
hold YAML but no resilint document at all (status 2, naming what was found): an answer drawn
from nothing would pass for a clean one. So does a pre-commit change that deletes the last of
them."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from resilint.config import Config
from resilint.discover import discover, unread_note
from resilint.errors import UsageError
from resilint.findings import Finding
from resilint.load.read import Refusal, read_regular, within
from resilint.result import Result

if TYPE_CHECKING:
    from resilint.app import CheckArgs
    from resilint.checker import CheckOptions


def _deletes_programme(deleted: Mapping[str, bytes]) -> bool:
    """Whether a deleted file held a resilint document (its text names the apiVersion)."""
    return any(b"resilint/v" in content for content in deleted.values())


def require_documents(result: Result, args: CheckArgs, options: CheckOptions) -> None:
    """Every command that answers from the documents of the paths it was given (``check``,
    ``report``, ``calendar``, ``impact``) refuses paths that hold YAML but no resilint document
    at all: an answer drawn from nothing would pass for a clean one. In a configured repository,
    the folders asked for (focus) count."""
    _require_documents(result, args.paths or options.paths)
    if options.focus is not None:
        _require_documents_in(result, args.paths, options.config)


def _require_documents_in(result: Result, paths: Sequence[Path], config: Config) -> None:
    """A focused check (``check deploy`` in a configured repository) loads the whole repository,
    so its documents count those outside the folders asked for: a folder none of whose YAML
    names resilint's apiVersion (read as text, stopping at the first that does) and with no
    finding is refused as an unconfigured one is."""
    folders = [path for path in paths if path.is_dir()]
    if not folders or any(f.suppression is None for f in _standing_beside_unread(result)):
        return
    root = os.path.realpath(config.root)
    if result.documents and any(within(root, os.path.realpath(f)) for f in folders):
        return  # the folder holds the whole repository, and so its documents
    # no YAML there at all is refused as in an unconfigured check (discovery says so): the
    # check began with the whole repository, whose files do not count for the folder
    found = discover(folders, config.exclude, [], limits=config.limits)
    for name in found.names:
        text = read_regular(name, config.limits.max_file_bytes)  # never a FIFO, never too long
        if isinstance(text, Refusal) or b"resilint/v" in text:
            return  # one of resilint's, or one the check reported it could not read
    raise _nothing_checked(len(found.names), folders, found.findings)


def _require_documents(result: Result, paths: Sequence[Path]) -> None:
    """A check of a directory that holds YAML but no resilint document at all fails: a gate
    pointed at the wrong directory (the repository's CI files, a docs folder) would otherwise
    pass on nothing checked. A file read with a finding (YAML that does not parse, a link out of
    the repository) is reported instead; a file named alone is DOC-04."""
    folders = [path for path in paths if path.is_dir()]
    standing = [f for f in _standing_beside_unread(result) if f.suppression is None]
    if result.documents or standing or not folders:
        return
    raise _nothing_checked(result.files, folders, result.findings)


def _standing_beside_unread(result: Result) -> list[Finding]:
    """The findings but DOC-05: a document in a file no directory check reads is no document
    checked, and the run still has nothing to answer from (status 2, naming it)."""
    return [f for f in result.findings if f.code != "DOC-05"]


def _nothing_checked(
    files: int, folders: Sequence[Path], findings: Sequence[Finding] = ()
) -> UsageError:
    count = "the YAML file" if files == 1 else f"the {files} YAML files"
    unread = [f.path for f in findings if f.code == "DOC-05" and f.suppression is None]
    return UsageError(
        f"no resilint documents: {count} found in "
        + ", ".join(str(p) for p in folders)
        + (" holds" if files == 1 else " hold")
        + " none (no document declares apiVersion: resilint/v1), so nothing was checked; "
        "name the directory that holds the programme, or add `apiVersion: resilint/v1` to its "
        "documents" + (f" ({unread_note(unread)})" if unread else "")
    )
