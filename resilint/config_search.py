"""Which configuration governs a run: found upward from the checked paths, no higher than the
root of the git work tree they lie in, one per run (:mod:`resilint.config` reads it)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from resilint.discover import CONFIG_NAMES
from resilint.errors import ConfigError, UsageError
from resilint.limits import Limits
from resilint.load.read import Refusal, read_inside, real
from resilint.reporters.base import printable
from resilint.userfiles import work_tree

PYPROJECT = "pyproject.toml"
CONFIGURATION_NAMES = frozenset((*CONFIG_NAMES, PYPROJECT))
"""Names a configuration may have, found from wherever a check runs."""


def find_config(start: Path, seen: dict[Path, list[Path]] | None = None) -> Path | None:
    """resilint.yaml, .resilint.yaml or pyproject.toml with [tool.resilint]; nearest first, up
    to the root of the git work tree ``start`` lies in (outside one, up to the file system's
    root): a file above the work tree is not the repository's, whoever put it there.

    One that is there but is not a regular file (a link out of the repository, a FIFO) is found
    all the same, and refused when it is read: passing over it would quietly use another. A
    directory holding two is refused: which one governs would be a guess."""
    top = work_tree(start)
    seen = {} if seen is None else seen  # a hook's many files share their directories
    for directory in (start, *start.parents):
        found = (
            seen[directory]
            if directory in seen
            else seen.setdefault(directory, _configs_in(directory))
        )
        if len(found) > 1:
            shown = " and ".join(printable(str(path)) for path in found)
            raise ConfigError(
                f"two configuration files in one directory: {shown}; resilint would use one "
                "and ignore the other: keep one"
            )
        if found:
            return found[0]
        if directory == top:
            return None
    return None


def passed_over(start: Path) -> Path | None:
    """A resilint.yaml or .resilint.yaml above the git work tree ``start`` lies in: never used
    unless ``--config`` names it, and said so (its pyproject.toml files are not read)."""
    top = work_tree(_lexical(start))
    if top is None:
        return None
    return next(
        (d / name for d in top.parents for name in CONFIG_NAMES if _present(d / name)), None
    )


def governing_config(paths: tuple[Path, ...], cwd: Path) -> Path | None:
    """The configuration of the checked ``paths`` (of ``cwd`` when none is named), found from
    where they lie, so the outcome never depends on where the command runs; paths under
    different configurations (or some under none) are refused, naming each."""
    starts: dict[Path, Path] = {}
    for named in paths or (cwd,):
        place = _lexical(cwd / named)
        starts.setdefault(place if place.is_dir() else place.parent, named)
    found: dict[Path | None, list[Path]] = {}
    seen: dict[Path, list[Path]] = {}
    for start, named in starts.items():
        found.setdefault(find_config(start, seen), []).append(named)
    if len(found) > 1:
        raise UsageError(_mixed(found, cwd))
    return next(iter(found))


def _lexical(path: Path) -> Path:
    """The absolute path with '..' resolved as written: a committed link to a directory
    elsewhere does not take the configuration of the place it leads to."""
    return Path(os.path.normpath(path.absolute()))


def _mixed(found: dict[Path | None, list[Path]], cwd: Path) -> str:
    def shown(path: Path) -> str:
        return printable(os.path.relpath(_lexical(cwd / path), cwd))

    parts = []
    for config, named in found.items():
        more = f" and {len(named) - 1} more" if len(named) > 1 else ""
        which = shown(config) if config is not None else "no configuration (built-in defaults)"
        parts.append(f"{which} for {shown(named[0])}{more}")
    return (
        "the paths checked fall under different configurations: "
        + "; ".join(parts)
        + ". One run uses one configuration: check each part on its own, or name the one to "
        "use with --config"
    )


def _configs_in(directory: Path) -> list[Path]:
    found = [directory / name for name in CONFIG_NAMES if _present(directory / name)]
    pyproject = directory / PYPROJECT
    if _present(pyproject) and _has_tool_table(pyproject):
        found.append(pyproject)
    return found


def _present(path: Path) -> bool:
    return (path.is_symlink() or path.exists()) and not path.is_dir()


def read_guarded(path: Path) -> bytes | Refusal:
    """A configuration file is read as documents are: a regular file, within the size limit,
    inside its own directory (the repository root it defines)."""
    return read_inside(path, real(path.parent), Limits().max_file_bytes)


def _has_tool_table(path: Path) -> bool:
    """A pyproject.toml is shared with other tools: one that cannot be read safely (a link out
    of its directory, not a regular file) is not taken for resilint's, and nothing of it is read;
    one that does not parse may hold the table, so loading reports it."""
    data = read_guarded(path)
    if isinstance(data, Refusal):
        return False
    try:
        tool = toml_tables(data.decode("utf-8")).get("tool")
        return isinstance(tool, dict) and "resilint" in tool
    except (ValueError, RecursionError):
        return True


def toml_tables(text: str) -> dict[str, Any]:
    """TOML's tables; the parser is imported for a pyproject.toml only (most checks have none)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]
    tables: dict[str, Any] = tomllib.loads(text)
    return tables
