"""Which configuration governs a run: found upward from the checked paths, no higher than the
root of the git work tree they lie in, one per run (:mod:`resilint.config` reads it)."""

from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path
from typing import Any

from resilint.discover import CONFIG_NAMES
from resilint.errors import ConfigError, UsageError
from resilint.gittree import left_out_of_checkout
from resilint.limits import Limits
from resilint.load.read import Refusal, lexical, read_inside, real
from resilint.reporters.base import printable
from resilint.resources import data_dir
from resilint.userfiles import work_tree

PYPROJECT = "pyproject.toml"
CONFIGURATION_NAMES = frozenset((*CONFIG_NAMES, PYPROJECT))
"""Names a configuration may have, found from wherever a check runs."""
_NEAR_NAMES = frozenset(
    f"{dot}resilint.{suffix}" for dot in ("", ".") for suffix in ("yaml", "yml", "toml")
)
"""A configuration's names in lower case, with the suffixes people give YAML and TOML files: a
file named so in another case or with another suffix (``resilint.yml``, ``Resilint.yaml``) is
meant as one, and read by nothing, it would leave the run on the built-in defaults."""
ACCEPTED = "resilint.yaml, .resilint.yaml or a [tool.resilint] table in pyproject.toml"


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
        if found or directory == top:
            if top is not None:
                _none_left_out(top, start, directory, found[0] if found else None)
            return found[0] if found else None
    return None


def _none_left_out(top: Path, start: Path, last: Path, found: Path | None) -> None:
    """Refuse a run whose configuration a sparse checkout left out of the work tree: git tracks
    a resilint.yaml or .resilint.yaml in a directory the search passed (``start`` up to
    ``last``, below the work tree ``top``), and the run would take another configuration, or
    the built-in defaults, in its place: a ``fail_on``, a rule of its own or a stricter
    parameter of the repository's would go unapplied, and a commit CI fails would pass."""
    left_out = left_out_of_checkout(top)
    if not left_out:
        return
    for directory in (start, *start.parents):
        for name in CONFIG_NAMES:
            where = (directory / name).relative_to(top).as_posix()
            if where in left_out and not os.path.lexists(directory / name):
                instead = printable(str(found)) if found else "the built-in defaults"
                raise ConfigError(
                    f"{printable(os.path.relpath(directory / name))}: git tracks this "
                    "configuration file, "
                    "but this sparse checkout leaves it out of the work tree, so the run would "
                    f"take {instead} in its place; check it out (git sparse-checkout add), "
                    "or leave the check to CI, which checks out everything"
                )
        if directory == last:
            return


def passed_over(start: Path) -> Path | None:
    """A resilint.yaml or .resilint.yaml above the git work tree ``start`` lies in: never used
    unless ``--config`` names it, and said so (its pyproject.toml files are not read)."""
    # as written: a committed link to a directory elsewhere keeps this place's configuration
    top = work_tree(Path(lexical(start)))
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
        place = Path(lexical(cwd / named))
        starts.setdefault(place if place.is_dir() else place.parent, named)
    found: dict[Path | None, list[Path]] = {}
    seen: dict[Path, list[Path]] = {}
    for start, named in starts.items():
        found.setdefault(find_config(start, seen), []).append(named)
    if len(found) > 1:
        raise UsageError(_mixed(found, cwd))
    return next(iter(found))


def _mixed(found: dict[Path | None, list[Path]], cwd: Path) -> str:
    def shown(path: Path) -> str:
        return printable(os.path.relpath(lexical(cwd / path), cwd))

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


def configuration_in(directory: Path) -> Path | None:
    """The file that configures resilint in ``directory`` (resilint.yaml, .resilint.yaml, a
    pyproject.toml with [tool.resilint]) or is meant to (``resilint.yml``, refused when read),
    or None: ``resilint init`` writes resilint.yaml only where there is none, since a second
    would stop every run ("two configuration files in one directory")."""
    near = _near_name(directory)
    if near is not None:
        return near
    try:
        found = _configs_in(directory)
    except ConfigError:  # a table close to [tool.resilint] in pyproject.toml
        return directory / PYPROJECT
    return found[0] if found else None


def _configs_in(directory: Path) -> list[Path]:
    _refuse_near_names(directory)
    _refuse_directories(directory)
    found = [directory / name for name in CONFIG_NAMES if _present(directory / name)]
    pyproject = directory / PYPROJECT
    if _present(pyproject) and has_tool_table(pyproject):
        found.append(pyproject)
    return found


def _refuse_directories(directory: Path) -> None:
    """A directory named as a configuration (``resilint.yaml/``, or a link to a directory) is
    refused: passing over it, as a search for a file would, runs on the built-in defaults, and
    whoever made it believes the repository configured."""
    for name in CONFIG_NAMES:
        path = directory / name
        if path.is_dir():
            raise ConfigError(
                f"{name} is a directory, not a configuration file: resilint reads its "
                "settings from a file of that name, so none would apply and the run would use "
                "the built-in defaults; rename the directory, and keep the settings in a file "
                f"named {name}",
                printable(str(path)),
            )


def _refuse_near_names(directory: Path) -> None:
    """A file named like a configuration in another case or with another suffix is refused,
    naming it and the names resilint reads: passing over it would run on the defaults, its
    ``fail_on`` and ``rule_dirs`` silently gone. (Where the file system ignores case, resilint
    would read ``Resilint.yaml`` and CI on Linux would not: refused everywhere alike.)"""
    path = _near_name(directory)
    if path is None:
        return
    name = path.name
    meant = ".resilint.yaml" if name.startswith(".") else "resilint.yaml"
    remedy = (
        f"move its settings to {meant}"
        if path.suffix.lower() == ".toml"
        else f"rename it {meant}, or name it with --config"
    )
    raise ConfigError(
        f"{printable(name)} is not read as a configuration: resilint reads "
        f"{ACCEPTED}, so its settings would not apply and the run would use the "
        f"built-in defaults; {remedy}",
        printable(str(path)),
    )


def _near_name(directory: Path) -> Path | None:
    """The first file of ``directory`` named like a configuration but not one, holding settings."""
    try:
        names = sorted(entry.name for entry in directory.iterdir())
    except OSError:  # a directory that cannot be listed: only the exact names can be tried
        return None
    for name in names:
        path = directory / name
        if (
            name not in CONFIG_NAMES
            and name.lower() in _NEAR_NAMES
            and _present(path)
            and _holds_settings(path)
        ):
            return path
    return None


def _holds_settings(path: Path) -> bool:
    """Whether a file named like a configuration holds resilint's settings: a key of the
    configuration (``fail_on``, ``profiles``...) at its top level or, in TOML, in a
    ``[tool.resilint]`` table. The GitHub workflow ``resilint init`` writes,
    ``.github/workflows/resilint.yml``, holds none; a file that cannot be read as a mapping is
    reported where it is checked, as any YAML file is, and one that cannot be read safely (a
    link out of its directory) is taken as one."""
    data = read_guarded(path)
    if isinstance(data, Refusal):
        return True
    mapping: Any
    if path.suffix.lower() == ".toml":
        try:
            mapping = toml_tables(data.decode("utf-8"))
        except (ValueError, RecursionError):
            return False
        tool = mapping.get("tool")
        if isinstance(tool, dict) and "resilint" in tool:
            return True
    else:
        from resilint.load.mapping import load_placed_mapping  # only for such a file

        loaded = load_placed_mapping(path, Limits())
        mapping = loaded[0] if isinstance(loaded, tuple) else {}
    return not _settings().isdisjoint(mapping)


@functools.cache
def _settings() -> frozenset[str]:
    """The configuration's settings, as its schema names them."""
    schema = json.loads((data_dir("schemas") / "config.json").read_text(encoding="utf-8"))
    return frozenset(schema["properties"])


def _present(path: Path) -> bool:
    return (path.is_symlink() or path.exists()) and not path.is_dir()


def read_guarded(path: Path) -> bytes | Refusal:
    """A configuration file is read as documents are: a regular file, within the size limit,
    inside its own directory (the repository root it defines)."""
    return read_inside(path, real(path.parent), Limits().max_file_bytes)


def has_tool_table(path: Path) -> bool:
    """A pyproject.toml is shared with other tools: one that cannot be read safely (a link out
    of its directory, not a regular file) is not taken for resilint's, and nothing of it is read;
    one that does not parse may hold the table, so loading reports it. A table close to
    ``[tool.resilint]`` (``[tools.resilint]``, ``[tool.resilint_]``) is refused, naming it:
    passing over it would run on the defaults."""
    data = read_guarded(path)
    if isinstance(data, Refusal):
        return False
    try:
        text = data.decode("utf-8")
        tables = toml_tables(text)
    except (ValueError, RecursionError):
        return True
    near = _near_table(tables)
    if near is not None:
        where = near.rsplit(".", 1)[-1]
        line = next((n for n, t in enumerate(text.split("\n"), 1) if where in t), 1)
        raise ConfigError(
            f"[{printable(near)}] is not read as a configuration: resilint reads {ACCEPTED}, "
            "so its settings would not apply and the run would use the built-in defaults; "
            "write it as [tool.resilint]",
            printable(str(path)),
            line,
        )
    tool = tables.get("tool")
    return isinstance(tool, dict) and "resilint" in tool


def _near_table(tables: dict[str, Any]) -> str | None:
    """The dotted name of a table that reads as meant for resilint without being
    ``[tool.resilint]``: ``[resilint]``, ``[tools.resilint]``, ``[tool.Resilint]``."""
    for key, table in tables.items():
        if not isinstance(table, dict):
            continue
        if _loosely(key, "resilint"):
            return key
        if _loosely(key, "tool"):
            for name in table:
                if _loosely(name, "resilint") and (key, name) != ("tool", "resilint"):
                    return f"{key}.{name}"
    return None


def _loosely(word: str, name: str) -> bool:
    """Whether ``word``, in lower case and without its punctuation, is ``name`` or one letter
    off it (added, dropped or replaced): ``tools``, ``Resilint``, ``resilint_``, ``reslint``."""
    word = "".join(c for c in word.lower() if c.isalnum())
    if abs(len(word) - len(name)) > 1:
        return False
    same = next(
        (i for i, (a, b) in enumerate(zip(word, name, strict=False)) if a != b),
        min(len(word), len(name)),
    )
    return (
        word[same + 1 :] == name[same + 1 :]
        or word[same:] == name[same + 1 :]
        or word[same + 1 :] == name[same:]
    )


def toml_tables(text: str) -> dict[str, Any]:
    """TOML's tables; the parser is imported for a pyproject.toml only (most checks have none)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]
    tables: dict[str, Any] = tomllib.loads(text)
    return tables
