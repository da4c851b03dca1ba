"""What leaves a file out of the walk besides its name: the ``.gitignore`` files (read as git
reads them, within a budget of patterns, following git's ``core.ignorecase``), git's index of
tracked files (a ``.gitignore`` never hides a file git tracks) and the configuration's
``exclude``. For :mod:`resilint.walk`; :func:`excluded_by` names the ``exclude`` pattern that
leaves a file out."""

from __future__ import annotations

import bisect
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from resilint.errors import UsageError
from resilint.load.read import real, within

if TYPE_CHECKING:  # imported when a run has patterns to match: most pre-commit runs have none
    from resilint.wildmatch import Patterns


_GIT = ("git", "-c", "core.fsmonitor=false")


@dataclass(frozen=True)
class _Ignore:
    """The patterns of one ``.gitignore``, with the directory they apply from."""

    prefix: str
    """The .gitignore's directory relative to the top being walked, as ``a/b/`` (or empty)."""
    patterns: Patterns


def _lexical(path: Path) -> str:
    """The absolute path as written, links not resolved: where the user says the path is."""
    return os.path.normpath(path.absolute())


@dataclass(frozen=True)
class _Tracked:
    """The files git tracks in a directory, relative to it, and the directories above them."""

    files: frozenset[str]
    directories: frozenset[str]
    """Each ending in ``/``."""
    ordered: tuple[str, ...]

    @staticmethod
    def of(directory: str, hidden: str) -> _Tracked:
        """What ``git ls-files`` lists. Outside a git work tree, nothing: no index says what is
        committed, and every .gitignore is taken as written. Inside one, git not answering is
        an error (:func:`_git_failed`), never taken for "nothing is committed"."""
        import subprocess  # only for a walk where a .gitignore hides something

        try:
            done = subprocess.run(  # a fixed git command, in the directory being walked
                [*_GIT, "ls-files", "-z"], cwd=directory, capture_output=True, timeout=60
            )
        except subprocess.TimeoutExpired:
            return _git_failed(directory, hidden, "git did not answer within 60 seconds")
        except FileNotFoundError:
            return _git_failed(directory, hidden, "git is not installed (or not on PATH)")
        except (OSError, subprocess.SubprocessError) as exc:
            return _git_failed(directory, hidden, f"git could not be run: {exc}")
        if done.returncode != 0:
            return _git_failed(directory, hidden, done.stderr.decode("utf-8", "replace"))
        names = sorted(os.fsdecode(name) for name in done.stdout.split(b"\0") if name)
        return _Tracked(frozenset(names), _directories_of(names), tuple(names))

    def below(self, directory: str) -> list[str]:
        start = bisect.bisect_left(self.ordered, directory)
        end = bisect.bisect_left(self.ordered, directory[:-1] + chr(ord("/") + 1))
        return list(self.ordered[start:end])


def _git_failed(directory: str, hidden: str, said: str) -> _Tracked:
    """Nothing tracked outside a git work tree (git has no index to ask there); inside one, an
    error with git's reason and the fix.

    A work tree is known by its ``.git`` (or by ``GIT_DIR``), not by what git says: git refuses
    a checkout owned by another user ("dubious ownership", as in container CI jobs), may be
    missing or may time out, and taking any of these for "nothing is committed" lets a
    .gitignore hide committed documents again, a green run that checked less than the
    repository. Checking every file the .gitignore hides instead would judge files nobody
    commits (generated or vendored YAML) and fail for them. So the run stops with status 2,
    and only when a .gitignore hides something, the one case where the answer matters.
    """
    from resilint.reporters.base import printable
    from resilint.userfiles import work_tree

    place = _lexical(Path(directory))
    tree = work_tree(Path(place))
    if tree is None and not os.environ.get("GIT_DIR"):
        return _Tracked(frozenset(), frozenset(), ())
    lines = [line.strip() for line in said.splitlines() if line.strip()]
    reason = next((line for line in lines if line.startswith("fatal:")), lines[0] if lines else "")
    raise UsageError(
        f"{printable(hidden)}: a .gitignore hides it, and git could not list the committed files "
        f"({printable(reason or 'no reason given')}), so resilint cannot tell whether it is "
        "committed (a .gitignore never hides a committed file); "
        + printable(_git_fix(said, str(tree or place)))
    )


def _git_fix(said: str, top: str) -> str:
    import shlex

    if "safe.directory" in said or "dubious ownership" in said:
        return (
            "if the checkout belongs to another user (as in container CI jobs), run: "
            f"git config --global --add safe.directory {shlex.quote(top)}"
        )
    return f"make git ls-files work in {shlex.quote(top)}"


def _directories_of(names: list[str]) -> frozenset[str]:
    """Every directory above the files ``names`` (as ``a/``, ``a/b/``)."""
    directories: set[str] = set()
    for name in names:
        at = name.rfind("/")
        while at > 0 and name[: at + 1] not in directories:
            directories.add(name[: at + 1])
            at = name.rfind("/", 0, at)
    return frozenset(directories)


MAX_IGNORE_PATTERNS = 1_000
"""Most .gitignore patterns one run takes, all files together: matching costs each pattern for
every entry, so a .gitignore of a million lines would stall the walk (real ones hold dozens)."""


MAX_PATTERN_CHARS = 1_000


def _too_much(lines: list[str], taken: int) -> str | None:
    """Why a .gitignore is not used, when it would cost too much to match against."""
    longest = max((len(line) for line in lines), default=0)
    if longest > MAX_PATTERN_CHARS:
        return (
            f"a pattern of {longest:,} characters (at most {MAX_PATTERN_CHARS:,}); this "
            ".gitignore is not used, so the files it would exclude are checked"
        )
    if taken + len(lines) > MAX_IGNORE_PATTERNS:
        return (
            f"{len(lines):,} patterns, past the {MAX_IGNORE_PATTERNS:,} resilint takes from all "
            ".gitignore files of a run; this one is not used, so the files it would exclude "
            "are checked"
        )
    return None


def _ignorecase(directory: str) -> bool:
    """git's ``core.ignorecase`` for ``directory``, asked of git itself (repository, global and
    system configuration, includes; set by ``git init`` on macOS and Windows). False when it
    is not set, as in git, and when git cannot be asked (missing, or refusing the repository:
    then git cannot list the committed files either, and :func:`_git_failed` stops a run that
    a .gitignore would narrow). Only a .gitignore follows it: ``exclude`` and
    ``per_file_ignores`` are resilint's own, and match with case everywhere."""
    import subprocess  # only for a walk with a .gitignore

    try:
        done = subprocess.run(  # a fixed git command, in the directory being walked
            [*_GIT, "config", "--bool", "--get", "core.ignorecase"],
            cwd=directory,
            capture_output=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0 and done.stdout.strip() == b"true"


def _exclusions(lines: list[str]) -> Patterns | None:
    """The configuration's ``exclude`` patterns; None when there are none."""
    return _patterns(lines) if lines else None


def _patterns(lines: list[str], *, ignorecase: bool = False) -> Patterns:
    """Patterns as git reads them; a line git cannot read (a lone trailing backslash) matches
    nothing, as in git, rather than failing the run."""
    from resilint.wildmatch import Patterns  # only for a run with patterns to match

    return Patterns(lines, ignorecase=ignorecase)


def excluded_by(path: Path, exclude: Iterable[str], root: Path) -> str | None:
    """The configuration's ``exclude`` pattern that leaves out the file ``path`` (or a
    directory above it), relative to the repository ``root``; None when none does, or the
    file is outside ``root``."""
    lines = list(exclude)
    if not lines:
        return None
    file, top = real(path), real(root)
    if not within(file, top):
        return None
    decided = _patterns(lines).covering(Path(os.path.relpath(file, top)).as_posix())
    return None if decided is None else decided.text
