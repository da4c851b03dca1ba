"""The pre-commit hook's judge, wired from the check's arguments: the change git holds (staged,
or the range pre-commit names), refused when the work tree may not be what the commit holds,
and the files it names (:mod:`resilint.introduced` judges the findings)."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from resilint.errors import UsageError
from resilint.focus import normalise
from resilint.load.read import real
from resilint.reporters.base import printable
from resilint.walk import yaml_named

if TYPE_CHECKING:
    from resilint.app import CheckArgs
    from resilint.checker import CheckOptions
    from resilint.introduced import Introduced


def read_by(options: CheckOptions) -> Callable[[str], bool]:
    """Whether the run reads the file at a path (as git names it, or where it leads), so that
    its work tree must be what the commit holds: a YAML file, a configuration (``pyproject.toml``
    included) or rule file, or the baseline (whatever its name: a JSON file)."""
    baseline = real(options.baseline_path) if options.baseline_path else None
    config = options.config
    return lambda path: yaml_named(path) or config.shaped_by(path) or path == baseline


def build_judge(args: CheckArgs, options: CheckOptions) -> Introduced | None:
    """pre-commit's judge of the findings (:mod:`resilint.introduced`): those that concern the
    changed files, and those the change introduces anywhere. With ``pre-commit run --from-ref
    A --to-ref B`` (which tells its hooks in ``PRE_COMMIT_FROM_REF`` and ``PRE_COMMIT_TO_REF``),
    the range's change; else the staged one. None outside git (nothing to compare: what
    concerns the changed files)."""
    if not args.focus:
        return None
    from resilint.introduced import Introduced  # git is asked only by pre-commit's runs
    from resilint.staged import read_change

    start = os.environ.get("PRE_COMMIT_FROM_REF") or os.environ.get("PRE_COMMIT_ORIGIN")
    end = os.environ.get("PRE_COMMIT_TO_REF") or os.environ.get("PRE_COMMIT_SOURCE")
    refs = (start, end) if start and end else None
    change = read_change(options.config.root, options.config.limits, refs, read_by(options))
    if change is None:
        return None
    if change.unstaged_unknown:
        raise UsageError(
            "git could not say whether the work tree holds what the commit does "
            f"({printable(change.unstaged_unknown)}), so the hook would check files the commit "
            "may not hold; run it from pre-commit, which sets unstaged changes aside, or fix "
            "what git says"
        )
    if change.unstaged:
        first, more = change.unstaged[0], len(change.unstaged) - 1
        others = f" and {more} other file{'s' if more > 1 else ''}" if more else ""
        raise UsageError(
            f"{printable(first)}{others} changed since staged: the hook would check the files "
            "as they are, not as the commit holds them; stage the changes (git add) or set "
            "them aside (git stash push --keep-index) and commit again (pre-commit sets them "
            "aside itself)"
        )
    if change.unlooked:
        (first, mark), more = change.unlooked[0], len(change.unlooked) - 1
        others = f" (and {more} other file{'s' if more > 1 else ''})" if more else ""
        raise UsageError(
            f"{printable(first)}{others} is marked {mark} in git's index, so git does not look "
            "at it, and its changes since staged are neither staged nor set aside (by "
            "pre-commit or git stash): the hook would check the file as it is, not as the "
            f"commit holds it; clear the mark (git update-index --no-{mark} -- "
            f"{printable(first)}), then stage its changes or set them aside, and commit again"
        )
    named = frozenset(normalise(str(p)) for p in args.paths)  # options' focus, unless None
    return Introduced(change, named, options.config, options.baseline_path)
