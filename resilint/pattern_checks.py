"""What the configuration's ``per_file_ignores`` patterns reach among the files a check reads:
a per-file exception that matches every file the run checks whatever they are named is
refused, as one that matches every file anywhere is (:func:`resilint.config.load_config`)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from resilint.config import Config
from resilint.errors import ConfigError
from resilint.reporters.base import printable


def _blind(relative: str, index: int) -> str:
    """``relative`` with every name made up (the file's suffix kept): a pattern that matches
    it names no directory or file of the repository in particular."""
    parts = PurePosixPath(relative).parts
    folders = [f"zq9x{index}d{depth}" for depth in range(len(parts) - 1)]
    return "/".join([*folders, "zq9z" + PurePosixPath(parts[-1]).suffix])


def refuse_blanket_per_file(config: Config, paths: Iterable[str]) -> None:
    """A ``per_file_ignores`` pattern that matches every file of the run holding a document,
    and would match them whatever their directories and files were named (``*/*.yaml`` where
    every document lies one directory down), switches its rules off in the whole repository
    as ``**`` does: refused at its line. A pattern naming a directory (``suppliers/**``) is
    an exception for that directory, though it holds every document today."""
    if config.source is None or not config.per_file_ignores:
        return
    from resilint.wildmatch import Patterns

    root = str(config.root)
    files = sorted(
        {
            relative
            for path in paths
            if not (
                relative := Path(os.path.relpath(Path(path).absolute(), root)).as_posix()
            ).startswith("../")
        }
    )
    if not files:
        return
    probes = [_blind(name, index) for index, name in enumerate(files)]
    for pattern, named in config.per_file_ignores:
        spec = Patterns([pattern])
        if not all(spec.covering(name) for name in (*files, *probes)):
            continue
        codes_named = ", ".join(named)
        line, column = config.locate(("per_file_ignores", pattern)) if config.locate else (1, 1)
        many = (
            "the one file this run checks, whatever it is named"
            if len(files) == 1
            else f"all {len(files)} files this run checks, whatever they are named"
        )
        raise ConfigError(
            f"invalid configuration: per_file_ignores: '{printable(pattern)}' matches {many}, "
            f"so it switches {codes_named} off in the "
            "whole repository, not for a few files; to do that, say so with ignore: "
            f"[{codes_named}] (or name the files and directories the exception is for)",
            str(config.source),
            line,
            column,
        )
